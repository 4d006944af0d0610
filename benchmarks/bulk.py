"""Time the work done on many reports at once, and the Office renderers.

    python benchmarks/bulk.py                # every measure
    python benchmarks/bulk.py --before       # collector left on, openpyxl's style lookups
    python benchmarks/bulk.py --repeat 7     # best of 7

On the synthetic national set (``national.py``, 3,321 commune reports): the tidy export
(``to_records``, ``to_polars``) and validating every report in one process, as
``cchc validate FILE…`` does. On the bundled example with its findings: ``render`` to
``xlsx`` and ``docx``. Prints the best CPU time of the process over the repetitions
(``time.process_time``: less disturbed than wall time on a shared machine) and the
median.

``--before`` gives the figures of the code before issue 15's changes: the garbage
collector left on in bulk work (:func:`cchc_model._model.collector.paused` made a
block that does nothing), and every cell's styles assigned through openpyxl (the
Excel writer's slow path, which its tests compare with the shared styles).
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from national import generate  # noqa: E402

import cchc_model  # noqa: E402
from cchc_model._cli import checks  # noqa: E402
from cchc_model._consolidation import export  # noqa: E402
from cchc_model._io import xlsx  # noqa: E402


class _Unshared(xlsx._Sheets):  # noqa: SLF001
    def __init__(self) -> None:
        super().__init__()
        self.shared = None


@contextlib.contextmanager
def _on() -> Iterator[None]:
    yield


def _time(call: Callable[[], object], repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        call()
        times.append(time.process_time() - start)
    return min(times), statistics.median(times)


def main() -> None:
    """Run each measure and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--before", action="store_true", help="the code paths before")
    args = parser.parse_args()
    if args.before:
        export.paused = _on  # type: ignore[assignment]  # the names the modules call
        checks.paused = _on  # type: ignore[assignment]
        xlsx._Sheets = _Unshared  # type: ignore[misc]  # noqa: SLF001
    reports = generate()
    rules = cchc_model.builtin_rules()
    example = cchc_model.example()
    findings = cchc_model.validate(example).findings

    def validate_all() -> None:
        with checks.paused():
            for report in reports:
                cchc_model.validate(report, rules=rules)

    measures: dict[str, Callable[[], object]] = {
        f"to_records, {len(reports):,} reports": lambda: cchc_model.to_records(reports),
        f"to_polars, {len(reports):,} reports": lambda: cchc_model.to_polars(reports),
        f"validate each of {len(reports):,} reports": validate_all,
        "render xlsx, the example with findings": lambda: cchc_model.render(
            example, "xlsx", findings=findings
        ),
        "render docx, the example with findings": lambda: cchc_model.render(
            example, "docx", findings=findings
        ),
    }
    state = "before (collector on, openpyxl's lookups)" if args.before else "now"
    print(f"CPU time, best (median) of {args.repeat}; code paths {state}")
    for name, call in measures.items():
        call()  # imports, caches
        best, median = _time(call, args.repeat)
        print(f"  {name:<45} {best * 1000:8.1f} ms ({median * 1000:.1f})")


if __name__ == "__main__":
    main()
