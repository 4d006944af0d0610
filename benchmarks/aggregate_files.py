"""Time ``cchc aggregate`` of N commune files into one province, for several N.

    python benchmarks/aggregate_files.py                  # 3,321, 10,000 and 33,210 files
    python benchmarks/aggregate_files.py 1000 2000        # other sizes
    python benchmarks/aggregate_files.py --repeat 5       # best of 5 runs per size

The files are the communes of the synthetic national set (``national.py``), all put in
one province, written once under ``benchmarks/data/aggregate/`` (beyond 3,321 the
communes are repeated under new unit codes). Each run is a fresh ``cchc aggregate``
process, timed from start to exit (Python start-up included); the script prints the
best and the median wall time, the best CPU time of the process (user + system, less
disturbed than wall time on a shared machine) and the CPU time per file, and the ratio
of the largest to the smallest CPU time per file, which stays near 1 when the command
is linear.

The command runs as it does once installed: with the package's bytecode compiled (an
editable install under ``PYTHONDONTWRITEBYTECODE``, as on the project's machine,
otherwise compiles every module at each start, about 0.15 s); ``--jobs`` is passed on
(``--jobs 1``: no child process checks the inputs; default: one per usable core).
"""

from __future__ import annotations

import argparse
import compileall
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from national import generate  # noqa: E402

import cchc_model  # noqa: E402
from cchc_model import dumps  # noqa: E402

DATA = HERE / "data" / "aggregate"
SIZES = (3321, 10_000, 33_210)
PROVINCE = "Huế"


def files(count: int) -> tuple[Path, list[str]]:
    """The folder and names of ``count`` commune files of one province (written once)."""
    folder = DATA / str(count)
    names = [f"{i:05d}.json" for i in range(count)]
    if folder.is_dir() and sum(1 for _ in folder.iterdir()) == count:
        return folder, names
    folder.mkdir(parents=True, exist_ok=True)
    texts = [dumps(report) for report in generate()]
    for i, name in enumerate(names):
        text = texts[i % len(texts)]
        # a unit code and a name of its own for each file: a unit counts once
        unit = f"{i:05d}"
        source = text.split('"unit_code": "', 1)[1][:5]
        text = text.replace(f'"unit_code": "{source}"', f'"unit_code": "{unit}"')
        text = text.replace(f'UBND xã Số {int(source)}"', f'UBND xã Số {i + 1}"')
        province = text.split('"province": "', 1)[1].split('"', 1)[0]
        text = text.replace(f'"province": "{province}"', f'"province": "{PROVINCE}"')
        (folder / name).write_text(text, encoding="utf-8")
    return folder, names


def run(folder: Path, names: list[str], jobs: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one ``cchc aggregate`` of ``names`` (short names: 33,210 fit).

    The CPU time is the command's and its children's.
    """
    out = DATA / "out.json"
    command = [sys.executable, "-m", "cchc_model._cli.main", "aggregate", *names, *jobs]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [*command, "-o", str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
        cwd=folder,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    """Time each size and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=SIZES)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", help="passed on to cchc aggregate")
    args = parser.parse_args()
    jobs = ["--jobs", args.jobs] if args.jobs else []
    compileall.compile_dir(Path(cchc_model.__file__).parent, quiet=1)  # as installed
    per_file = []
    print(f"cchc aggregate of N commune files into one province (best of {args.repeat})")
    print(f"  {'files':>7}   {'wall':>8}   {'(median)':>8}   {'CPU':>8}   CPU per file")
    for count in args.sizes:
        folder, names = files(count)
        runs = [run(folder, names, jobs) for _ in range(args.repeat)]
        walls = [wall for wall, _ in runs]
        cpu = min(cpu for _, cpu in runs)
        per_file.append(cpu / count)
        print(
            f"  {count:>7,}   {min(walls):7.2f}s   {statistics.median(walls):7.2f}s"
            f"   {cpu:7.2f}s   {cpu / count * 1e6:6.0f} µs"
        )
    if len(per_file) > 1:
        print(f"  largest / smallest CPU time per file: {max(per_file) / min(per_file):.2f}")


if __name__ == "__main__":
    main()
