"""Reports for the rule tests: a builder from ``{"PL4:3.3": value}``, and consistent reports.

The consistent reports are those of the shipped strategies (``cchc_model.strategies``),
which build them leaves first and say what they shrink towards; the helpers here turn
them into the ``{"PL4:3.3": value}`` form the rule tests use.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from cchc_model import AdminLevel, Period, Report, ReportInfo, Template, edition, strategies

Value = int | Decimal
LEVELS = tuple(AdminLevel)


def info(
    level: AdminLevel = AdminLevel.COMMUNE, period: Period = Period.H1, year: int = 2024
) -> ReportInfo:
    return ReportInfo(agency="UBND thử nghiệm", level=level, period=period, year=year)


def report_of(
    values: Mapping[str, Value | None],
    level: AdminLevel = AdminLevel.COMMUNE,
    *,
    templates: tuple[str, ...] = (),
    period: Period = Period.H1,
    year: int = 2024,
) -> Report:
    """A report with ``values`` (``{"PL4:3.3": Decimal("100")}``); ``templates`` adds empty ones.

    On the first half of 2024 unless ``period`` and ``year`` say otherwise.
    """
    ed = edition()
    by_template: dict[str, dict[str, Value | None]] = {tid: {} for tid in templates}
    for key, value in values.items():
        tid, _, code = key.partition(":")
        by_template.setdefault(tid, {})[code] = value
    built: list[Template] = [
        ed.template(tid).from_codes(codes) for tid, codes in by_template.items()
    ]
    return Report(info=info(level, period, year), templates=built)


def values_of(report: Report) -> dict[str, Value]:
    """Every filled cell as ``{"PL4:3.3": value}``."""
    return {
        f"{tid}:{code}": value
        for tid, tpl in report.templates.items()
        for code, value in tpl.filled().items()
    }


def applies(key: str, level: AdminLevel) -> bool:
    tid, _, code = key.partition(":")
    return edition().indicator(tid, code).applies_to(level)


# --- consistent reports: the shipped strategies ----------------------------------------


def consistent_reports(
    level: AdminLevel | None = None, *, blanks: bool = True
) -> st.SearchStrategy[Report]:
    """Reports that satisfy every built-in rule: ``cchc_model.strategies.reports``.

    Without ``blanks``, every template and every row that can be filled is.
    """
    templates = None if blanks else edition().template_ids
    return strategies.reports(level=level, templates=templates, blanks=blanks)


def consistent_values(
    level: AdminLevel | None = None, *, blanks: bool = True
) -> st.SearchStrategy[tuple[AdminLevel, dict[str, Value]]]:
    """The level and the values of a report from :func:`consistent_reports`."""
    return consistent_reports(level, blanks=blanks).map(lambda r: (r.info.level, values_of(r)))


def beyond(values: Mapping[str, Any]) -> int:
    """A number beyond the reach of every rule over a report holding ``values``.

    Every built-in comparison is between sums, ratios (× 100), minima and maxima of the
    report's rows and constants up to 1000; its sides are monotone in each row. A row
    moved to ``±beyond(values)`` takes the side it is on further than any other side can
    be, however the written decimals are read (a ratio's denominator is at least 0,005,
    as written values have at most two decimals in consistent reports), so a rule that
    reads the row in a monotone position is broken by one of the two.
    """
    total = sum(abs(int(v)) for v in values.values() if v is not None)
    return 10**6 * (1 + total) ** 2


def candidates(key: str, value: Any, far: int = 10**6) -> list[Value]:  # any reported value
    """Replacement values tried when breaking a cell: beyond each kind of rule's reach.

    ``far``: a value beyond every rule's reach (see :func:`beyond`), tried with both signs.
    """
    tid, _, code = key.partition(":")
    kind = edition().indicator(tid, code).kind
    if kind is not None and kind.value == "code":
        row = edition().indicator(tid, code)
        assert row.code_list is not None
        members = [int(m) for m in row.code_list]
        return [*(m for m in members if m != int(value)), max(members) + 1, -1]
    if isinstance(value, Decimal):
        options = [Decimal(0), Decimal(100), Decimal(101), Decimal(-1), Decimal("1.234")]
        options += [value + 1, value - 1, value * 2 + 1, Decimal("33.33")]
        options += [Decimal(far), Decimal(-far)]
        return [o for o in options if o != value]
    base = [0, value + 1, value - 1, 2 * value + 1, -1, far, -far]
    return [o for o in dict.fromkeys(base) if o != value]
