"""Time ``cchc aggregate`` of N commune files into one province, for several N.

    python benchmarks/aggregate_files.py                  # 3,321, 10,000 and 33,210 files
    python benchmarks/aggregate_files.py 1000 2000        # other sizes
    python benchmarks/aggregate_files.py --repeat 5       # best of 5 runs per size

The files are the communes of the synthetic national set (``national.py``), all put in
one province, written once under ``benchmarks/data/aggregate/`` (beyond 3,321 the
communes are repeated under new unit codes). Each run is a fresh ``cchc aggregate``
process, timed from start to exit (Python start-up included); the script prints the
best and the median time per run and the time per file, and the ratio of the largest to
the smallest time per file, which stays near 1 when the command is linear.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from national import generate  # noqa: E402

from cchc_model import dumps  # noqa: E402

DATA = HERE / "data" / "aggregate"
SIZES = (3321, 10_000, 33_210)
PROVINCE = "Huế"


def files(count: int) -> tuple[Path, list[str]]:
    """The folder and names of ``count`` commune files of one province (written once)."""
    folder = DATA / str(count)
    names = [f"{i:05d}.json" for i in range(count)]
    if folder.is_dir() and len(os.listdir(folder)) == count:
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


def run(folder: Path, names: list[str]) -> float:
    """Seconds taken by one ``cchc aggregate`` of ``names`` (short names: 33,210 of them)."""
    out = DATA / "out.json"
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "cchc_model._cli.main", "aggregate", *names, "-o", str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
        cwd=folder,
    )
    return time.perf_counter() - start


def main() -> None:
    """Time each size and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=SIZES)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    per_file = []
    print(f"cchc aggregate of N commune files into one province (best of {args.repeat})")
    for count in args.sizes:
        folder, names = files(count)
        times = [run(folder, names) for _ in range(args.repeat)]
        best = min(times)
        per_file.append(best / count)
        print(
            f"  {count:>7,} files   {best:8.2f} s   (median {statistics.median(times):.2f})"
            f"   {best / count * 1e6:6.0f} µs per file"
        )
    if len(per_file) > 1:
        print(f"  largest / smallest time per file: {max(per_file) / min(per_file):.2f}")


if __name__ == "__main__":
    main()
