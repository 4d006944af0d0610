"""Count the CPU instructions of the measures of docs/performance.md, under callgrind.

    python benchmarks/instructions.py              # every measure
    python benchmarks/instructions.py loads word   # the measures whose names start so

Wall time on a shared machine varies from run to run by a factor of two; the number of
instructions executed does not (it is the same on every run, to a fraction of a
percent), so a change is judged by it: each measure runs ``N`` and ``2N`` times under
``valgrind --tool=callgrind`` and the difference, divided by ``N``, is the count of one
call, set-up and start-up excluded. Instructions are not time (a cache miss costs more
than an addition), so the figures of the page are wall times, and these counts are the
evidence that a change made a measure faster or slower.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

HERE = Path(__file__).parent

_SETUP_NATIONAL = f"""
import sys
sys.path.insert(0, {str(HERE)!r})
from national import generate
import cchc_model
commune = generate(communes=1)[0]
"""

MEASURES: dict[str, tuple[str, str]] = {
    "loads": (
        _SETUP_NATIONAL + "data = cchc_model.dumps(commune).encode()\ncchc_model.loads(data)",
        "cchc_model.loads(data)",
    ),
    "read_file": (
        _SETUP_NATIONAL
        + "import pathlib, tempfile\n"
        + "path = pathlib.Path(tempfile.mkdtemp(), '00001.json')\n"
        + "path.write_text(cchc_model.dumps(commune), encoding='utf-8')\n"
        + "for _ in range(5):\n    cchc_model.read(path)",
        "cchc_model.read(path)",
    ),
    "pydantic": (
        _SETUP_NATIONAL
        + "from competitors import pydantic_model\n"
        + "model = pydantic_model()\n"
        + "data = cchc_model.dumps(commune).encode()\n"
        + "model.model_validate_json(data)",
        "model.model_validate_json(data)",
    ),
    "validate": (
        _SETUP_NATIONAL + "cchc_model.validate(commune)",
        "cchc_model.validate(commune)",
    ),
    "word": (
        (
            "import cchc_model\n"
            "findings = cchc_model.validate(cchc_model.example()).findings\n"
            "[f.message('vi') for f in findings]"
        ),
        "[f.message('vi') for f in findings]",
    ),
    "table_model": (
        _SETUP_NATIONAL + "cchc_model.table_model(commune)",
        "cchc_model.table_model(commune)",
    ),
    "dumps": (
        _SETUP_NATIONAL + "cchc_model.dumps(commune)",
        "cchc_model.dumps(commune)",
    ),
}

_COLLECTED = re.compile(r"Collected : (\d+)")


def count(setup: str, stmt: str, number: int, cache: str) -> int:
    """Instructions executed by ``setup`` then ``number`` runs of ``stmt``."""
    code = setup + f"\nfor _ in range({number}):\n" + textwrap.indent(stmt, "    ") + "\n"
    # the same dict layouts every run, and the rule cache warm (see per_call)
    env = {**os.environ, "PYTHONHASHSEED": "0", "CCHC_CACHE_DIR": cache}
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder, "measure.py")
        script.write_text(code, encoding="utf-8")
        out = subprocess.run(
            [  # noqa: S607  # valgrind from the PATH, as the docstring says
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={folder}/callgrind.out",
                sys.executable,
                str(script),
            ],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        ).stderr
    found = _COLLECTED.search(out)
    assert found is not None, out
    return int(found.group(1))


def per_call(setup: str, stmt: str, number: int = 50) -> float:
    """Instructions of one run of ``stmt``: (count of 2N runs − count of N runs) / N.

    Both runs find the rule cache filled by a run before them, without valgrind.
    """
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "CCHC_CACHE_DIR": cache}
        subprocess.run([sys.executable, "-c", setup], env=env, check=True, capture_output=True)
        return (count(setup, stmt, 2 * number, cache) - count(setup, stmt, number, cache)) / number


def main() -> None:
    """Print the instructions per call of the measures asked for."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="measures (default: all)")
    parser.add_argument("-n", "--number", type=int, default=50, help="N (default: 50)")
    args = parser.parse_args()
    for name, (setup, stmt) in MEASURES.items():
        if args.names and not any(name.startswith(n) for n in args.names):
            continue
        print(f"  {name:<14} {per_call(setup, stmt, args.number) / 1e3:10.1f} k instructions")


if __name__ == "__main__":
    main()
