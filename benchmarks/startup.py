"""Time ``cchc`` commands from start to exit, against ``python -c "import attrs, cattrs"``.

    python benchmarks/startup.py            # 30 runs of each, interleaved
    python benchmarks/startup.py -n 100     # more runs

Each command is a fresh process of this interpreter; the runs of the commands are
interleaved, so that a burst of load elsewhere on the machine falls on all of them
alike. For each, the script prints the best and the median wall time, the best CPU
time (user + system, less disturbed by other processes) and what the command adds to
the baseline, the import of attrs and cattrs (which every use of the library pays).

The rule cache (see ``cchc_model._rules.cache``) is in a temporary folder, warmed by
one run before the timing; ``--cold`` times a command that finds no cache.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from national import generate  # noqa: E402

import cchc_model  # noqa: E402

CLI = "import sys; from cchc_model._cli.main import main; sys.exit(main(sys.argv[1:]))"


def commands(report: str) -> dict[str, list[str]]:
    """The commands timed, by label."""
    py = sys.executable
    return {
        'python -c "import attrs, cattrs"': [py, "-c", "import attrs, cattrs"],
        "cchc --version": [py, "-c", CLI, "--version"],
        "cchc validate COMMUNE.json": [py, "-c", CLI, "validate", report],
        "cchc validate --example": [py, "-c", CLI, "validate", "--example"],
    }


def once(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, env=env, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    """Time the commands and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--number", type=int, default=30, help="runs of each (30)")
    parser.add_argument("--cold", action="store_true", help="no rule cache")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder, "commune.json")
        cchc_model.dump(generate(communes=1)[0], report)
        cache = "" if args.cold else str(Path(folder, "cache"))
        env = {**os.environ, "CCHC_CACHE_DIR": cache}
        todo = commands(str(report))
        for command in todo.values():  # warm the rule cache and the disk
            once(command, env)
        times: dict[str, list[tuple[float, float]]] = {label: [] for label in todo}
        for _ in range(args.number):
            for label, command in todo.items():
                times[label].append(once(command, env))
    base_wall = min(wall for wall, _ in next(iter(times.values())))
    base_cpu = min(cpu for _, cpu in next(iter(times.values())))
    print(f"start-up, best of {args.number} runs{' (no rule cache)' if args.cold else ''}")
    print(f"  {'':<34} {'wall':>8} {'(median)':>9} {'added':>7}   {'CPU':>7} {'added':>7}")
    for label, runs in times.items():
        walls = [wall for wall, _ in runs]
        cpu = min(c for _, c in runs)
        print(
            f"  {label:<34} {min(walls) * 1e3:6.1f}ms {statistics.median(walls) * 1e3:7.1f}ms"
            f" {(min(walls) - base_wall) * 1e3:5.1f}ms   {cpu * 1e3:5.1f}ms"
            f" {(cpu - base_cpu) * 1e3:5.1f}ms"
        )


if __name__ == "__main__":
    main()
