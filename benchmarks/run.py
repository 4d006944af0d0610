"""Run every benchmark of docs/performance.md and print the figures.

    pip install -e '.[bench]'
    python benchmarks/run.py            # all of them, pinned to one core
    python benchmarks/run.py --quick    # fewer repetitions, for a smoke run

Figures are the best (minimum) time per call over several repetitions, which is the
figure least disturbed by the rest of the machine; the median is printed beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import timeit
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from competitors import msgspec_type, pydantic_model  # noqa: E402
from national import generate  # noqa: E402

import cchc_model  # noqa: E402
from cchc_model import Kind, Report, dumps, edition, loads, validate  # noqa: E402


def machine() -> str:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores; Python {platform.python_version()} "
        f"({platform.python_implementation()}), {platform.system()} {platform.release()}"
    )


def per_call(fn: Callable[[], object], number: int, repeat: int) -> tuple[float, float]:
    """(best, median) seconds per call."""
    times = [t / number for t in timeit.repeat(fn, number=number, repeat=repeat)]
    return min(times), statistics.median(times)


def show(label: str, best: float, median: float, unit: str = "µs") -> None:
    scale = {"µs": 1e6, "ms": 1e3, "s": 1.0}[unit]
    print(f"  {label:<46} {best * scale:10.1f} {unit}   (median {median * scale:.1f})")


def every_row_report() -> Report:
    """A report with every value row of every template filled (the largest document)."""
    base = generate(communes=1)[0]
    templates = []
    for cls in edition().classes:
        values: dict[str, object] = {}
        for i, row in enumerate(cls.spec.value_indicators):
            if row.kind is Kind.COUNT:
                values[row.code] = 10 + i
            elif row.kind is Kind.CODE:
                values[row.code] = 1
            else:
                values[row.code] = Decimal("87.5")
        templates.append(cls.from_codes(values))  # type: ignore[arg-type]
    return Report(info=base.info, templates=templates)


def bench_loads(reports: dict[str, Report], number: int, repeat: int) -> None:
    import msgspec  # noqa: PLC0415

    pyd = pydantic_model()
    msg = msgspec_type()
    for name, report in reports.items():
        data = dumps(report).encode("utf-8")
        assert loads(data) == report
        pyd.model_validate_json(data)
        msgspec.json.decode(data, type=msg)
        print(f"loads of {name} ({len(data):,} bytes of JSON)")
        show("cchc_model.loads", *per_call(lambda d=data: loads(d), number, repeat))
        show("json.loads alone (stdlib)", *per_call(lambda d=data: json.loads(d), number, repeat))
        show(
            "pydantic v2 model_validate_json",
            *per_call(lambda d=data: pyd.model_validate_json(d), number, repeat),
        )
        show(
            "msgspec.json.decode into Structs",
            *per_call(lambda d=data: msgspec.json.decode(d, type=msg), number, repeat),
        )


def bench_validate(reports: dict[str, Report], number: int, repeat: int) -> None:
    for name, report in reports.items():
        result = validate(report)
        print(f"validate of {name} ({len(result.findings)} findings)")
        show("cchc_model.validate", *per_call(lambda r=report: validate(r), number, repeat))


def bench_aggregate(national: list[Report], repeat: int) -> None:
    from collections import defaultdict  # noqa: PLC0415

    from cchc_model import AdminLevel, ReportInfo, aggregate, combine  # noqa: PLC0415

    by_province: dict[str, list[Report]] = defaultdict(list)
    for report in national:
        by_province[report.info.province or ""].append(report)
    first = national[0].info

    def consolidate() -> object:
        # every consolidated report (34 provinces and the nation) is validated by
        # aggregate/combine themselves: result.validation
        provinces = [
            aggregate(
                group,
                into=ReportInfo(
                    agency=f"UBND tỉnh {name}",
                    level=AdminLevel.PROVINCE,
                    period=first.period,
                    year=first.year,
                    province=name,
                ),
            )
            for name, group in by_province.items()
        ]
        nation = combine(
            provinces,
            into=ReportInfo(
                agency="Bộ Nội vụ", level=AdminLevel.PROVINCE, period=first.period, year=first.year
            ),
        )
        assert all(p.validation.valid for p in provinces)
        assert nation.validation.valid
        return nation

    def with_inputs() -> object:
        assert all(validate(r).valid for r in national)
        return consolidate()

    consolidate()
    print(
        f"aggregate of the national set ({len(national):,} commune reports into "
        f"{len(by_province)} provinces and the national report)"
    )
    times = [timeit.timeit(consolidate, number=1) for _ in range(repeat)]
    show("aggregate + combine, outputs validated", min(times), statistics.median(times), "ms")
    times = [timeit.timeit(with_inputs, number=1) for _ in range(repeat)]
    show("… and every input validated too", min(times), statistics.median(times), "ms")


def bench_import(repeat: int) -> None:
    base = "import attrs, cattrs, babel.numbers"
    full = base + ", cchc_model"

    def once(code: str) -> float:
        out = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", code],
            capture_output=True,
            text=True,
            check=True,
        ).stderr
        total = 0
        for line in out.splitlines():
            parts = line.split("|")
            if len(parts) == 3 and parts[1].strip().isdigit() and not parts[2].startswith("  "):
                total += int(parts[1])
        return total / 1e6

    base_times = []
    full_times = []
    for _ in range(repeat):
        base_times.append(once(base))
        full_times.append(once(full))
    added = min(full_times) - min(base_times)
    print("import time (-X importtime, cumulative of top-level imports)")
    show(
        "import attrs, cattrs, babel.numbers", min(base_times), statistics.median(base_times), "ms"
    )
    show("… and cchc_model", min(full_times), statistics.median(full_times), "ms")
    print(f"  {'added by cchc_model':<46} {added * 1e3:10.1f} ms")


def main() -> None:
    """Run the benchmarks."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--no-pin", action="store_true", help="do not pin to one core")
    args = parser.parse_args()
    if not args.no_pin and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    number, repeat = (200, 3) if args.quick else (2000, 7)
    print(f"cchc_model {cchc_model.__version__} on {machine()}")
    national = generate()
    reports = {
        "a commune report of the national set": national[0],
        "the bundled example": cchc_model.example(),
        "a report with every row filled": every_row_report(),
    }
    bench_loads(reports, number, repeat)
    bench_validate(reports, number, repeat)
    bench_aggregate(national, 2 if args.quick else 5)
    bench_import(5 if args.quick else 20)


if __name__ == "__main__":
    main()
