"""The bound of a report's values, checked on every path a value comes in by.

Every count, code, percentage and amount is below 10**15 in absolute value, with at most
40 decimals (``cchc_model._model.template.MAX_INTEGER_DIGITS``, ``MAX_DECIMALS``): what
is within it is kept exactly through every format, what is beyond it is refused by the
constructor and by every reader, with the cell or path it is in.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_model import (
    CchcError,
    Direction,
    PublicFinance,
    ReportFormatError,
    Template,
    ValueTypeError,
    dumps,
    example,
    loads,
    read,
    render,
    strategies,
    validate,
)
from cchc_model._model.template import MAX_DECIMALS, MAX_INTEGER_DIGITS

_LIMIT = 10**MAX_INTEGER_DIGITS
LARGEST = _LIMIT - 1
beyond_counts = st.integers(_LIMIT, 10**40) | st.integers(-(10**40), -_LIMIT)
beyond_decimals = st.one_of(
    st.integers(0, 6).flatmap(  # too large: 10**15 or more, with 0 to 6 decimals
        lambda p: st.builds(
            lambda n, sign: Decimal(f"{sign}{n}E-{p}"),
            st.integers(_LIMIT * 10**p, 10 ** (40 + p)),
            st.sampled_from(["", "-"]),
        )
    ),
    st.builds(  # too many decimals
        lambda n, p: Decimal(f"{n}E-{p}"), st.integers(1, 10**6), st.integers(MAX_DECIMALS + 1, 60)
    ),
)
at_the_bound_counts = st.sampled_from([LARGEST, -LARGEST, LARGEST - 1, 0])
at_the_bound_decimals = st.sampled_from(
    [
        Decimal("999999999999999.999"),
        Decimal("-999999999999999.5"),
        Decimal("0." + "0" * (MAX_DECIMALS - 1) + "1"),
        Decimal("-0.00"),
        Decimal("123456789012345.000000000000000000000000000000000000001"),
    ]
)

_READS: dict[str, Callable[[bytes | str], object]] = {
    "json": loads,
    "csv": lambda data: read(data.encode() if isinstance(data, str) else data, "csv"),
    "xlsx": lambda data: read(data if isinstance(data, bytes) else data.encode(), "xlsx"),
}


def _with(template: Template) -> object:
    return example().with_templates(template)


@given(beyond_counts)
def test_a_count_or_code_beyond_the_bound_is_refused_on_every_path(value: int) -> None:
    with pytest.raises(ValueTypeError, match="at most 15 digits"):
        Direction(plan_tasks=value)
    with pytest.raises(ValueTypeError, match="at most 15 digits"):
        Direction(survey_method=value)
    document = dumps(example()).replace('"2.1": 19', f'"2.1": {value}')
    with pytest.raises(ReportFormatError, match=r'values\["2.1"\].*at most 15 digits'):
        loads(document)
    csv = render(example(), "csv").replace("Nhiệm vụ,19,", f"Nhiệm vụ,{value},", 1)
    with pytest.raises(ReportFormatError, match=r"line \d+, value: PL2 2.1: .*at most 15 digits"):
        read(csv.encode(), "csv")


@given(beyond_decimals)
def test_a_decimal_beyond_the_bound_is_refused_on_every_path(value: Decimal) -> None:
    with pytest.raises(ValueTypeError, match="at most 15 digits"):
        PublicFinance(investment_planned=value)
    document = dumps(example()).replace('"1.1": "3.887"', f'"1.1": "{value:f}"')
    with pytest.raises(ReportFormatError, match=r'values\["1.1"\].*at most 15 digits'):
        loads(document)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(at_the_bound_counts, at_the_bound_decimals, st.sampled_from(sorted(_READS)))
def test_values_at_the_bound_come_back_exactly_from_every_format(
    count: int, amount: Decimal, form: str
) -> None:
    report = example().with_templates(
        Direction(plan_tasks=count, survey_method=count),
        PublicFinance(investment_planned=amount),
    )
    data = dumps(report) if form == "json" else render(report, form)
    back = _READS[form](data)
    back_report = back if form == "json" else back.report  # type: ignore[attr-defined]
    assert back_report == report  # the written form: -0.00 and its decimals too
    for finding in validate(report).findings:  # the wording is total within the bound
        assert finding.message("vi")
        assert finding.message("en")
    assert render(report, "text")


def test_a_float_count_beyond_the_bound_in_excel_is_refused_as_written() -> None:
    # 10**30 stored as a float was read as 1000000000000000019884624838656
    import io  # noqa: PLC0415

    import openpyxl  # noqa: PLC0415

    book = openpyxl.load_workbook(io.BytesIO(render(example(), "xlsx")))
    book["Phụ lục 2"]["D9"] = 1e30
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(CchcError) as info:
        read(buffer.getvalue(), "xlsx")
    assert "got 1e+30" in str(info.value)
    assert "1000000000000000019884624838656" not in str(info.value)


_EXTREMES = st.sampled_from(
    [LARGEST, -LARGEST, 0, 1, -1, Decimal("0." + "0" * (MAX_DECIMALS - 1) + "1"), Decimal("-0.00")]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.reports(consistent=False), st.data())
def test_validation_and_its_wording_are_total_within_the_bound(report: Any, data: Any) -> None:
    # a 28-digit count once made the wording of a finding raise InvalidOperation
    for tid, tpl in report.templates.items():
        rows = [row for row, _ in tpl if row.kind is not None]
        chosen = data.draw(st.lists(st.sampled_from(rows), max_size=4, unique=True), label=tid)
        changed = {}
        for row in chosen:
            value = data.draw(_EXTREMES)
            if row.kind.value in ("count", "code"):
                value = int(value)
            changed[row.code] = value
        report = report.with_templates(tpl.replace(changed))
    result = validate(report)
    for finding in result.findings:
        assert finding.message("vi").strip()
        assert finding.message("en").strip()
    assert render(report, "text", findings=result)
    assert loads(dumps(report)) == report
