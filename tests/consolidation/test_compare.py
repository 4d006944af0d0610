"""Comparison of two reports, row by row."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import attrs
import pytest

from cchc_model import (
    AdminLevel,
    Change,
    CodeError,
    ComparisonError,
    Kind,
    MeetingSystem,
    Period,
    Procedures,
    Report,
    ReportInfo,
    ValueTypeError,
    compare,
    example,
)


def _report(agency: str, period: Period, year: int, **values: Any) -> Report:
    info = ReportInfo(agency=agency, level=AdminLevel.COMMUNE, period=period, year=year)
    return Report(info=info, templates=[Procedures(**values)])


def test_two_periods_of_one_unit() -> None:
    before = _report("UBND xã A", Period.H1, 2023, commune_resolved=250, commune_on_time_rate=98)
    after = _report("UBND xã A", Period.H1, 2024, commune_resolved=276, commune_on_time_rate=100)
    comparison = compare(before, after)
    assert comparison.basis == "periods"
    resolved = comparison.row("PL4", "3.3.1")
    assert (resolved.before, resolved.after, resolved.difference) == (250, 276, 26)
    assert resolved.relative == Decimal("10.40")
    assert resolved.change is Change.UP
    assert resolved.points is None
    rate = comparison.row("PL4", "3.3")
    assert rate.kind is Kind.PERCENT
    assert rate.points == rate.difference == Decimal(2)
    assert rate.relative is None  # a change of a rate is given in points only
    assert len(comparison) == 2
    assert (
        comparison.heading("en")
        == "Periods: UBND xã A: 6 tháng đầu năm 2023 → 6 tháng đầu năm 2024"
    )


def test_two_units_of_one_period() -> None:
    a = _report("UBND xã A", Period.Q1, 2024, commune_resolved=10)
    b = _report("UBND xã B", Period.Q1, 2024, commune_resolved=5, feedback_received=1)
    comparison = compare(a, b)
    assert comparison.basis == "units"
    assert comparison.row("PL4", "3.3.1").change is Change.DOWN
    assert comparison.row("PL4", "3.3.1").relative == Decimal("-50.00")
    assert comparison.row("PL4", "3.4.1").change is Change.ADDED
    assert comparison.row("PL4", "3.4.1").difference is None
    assert compare(b, a).row("PL4", "3.4.1").change is Change.REMOVED
    assert "So sánh hai đơn vị" in comparison.heading("vi")


def test_a_unit_told_apart_by_its_code() -> None:
    info = ReportInfo(
        agency="UBND xã A", level=AdminLevel.COMMUNE, period=Period.H1, year=2024, unit_code="1"
    )
    renamed = attrs.evolve(info, agency="UBND phường A", year=2025)
    a, b = Report(info=info), Report(info=renamed)
    assert compare(a, b).basis == "periods"


def test_two_versions_of_one_report() -> None:
    before = example()
    pl8 = before.pl8
    assert pl8 is not None
    after = before.with_templates(pl8.replace({"2": 2, "6.4": Decimal("70.10")}))
    comparison = compare(before, after)
    assert comparison.basis == "versions"
    meeting = comparison.row("PL8", "2")
    assert (meeting.before, meeting.after, meeting.change) == (
        3,
        MeetingSystem.THREE_TIER,
        Change.CHANGED,
    )
    assert meeting.difference is None
    assert comparison.row("PL8", "6.4").change is Change.SAME  # 70.1 and 70.10
    assert [r.code for r in comparison.changed()] == ["2"]


def test_blank_rows_only_when_asked() -> None:
    a = _report("UBND xã A", Period.H1, 2023)
    b = _report("UBND xã A", Period.H1, 2024)
    assert len(compare(a, b)) == 0
    rows = compare(a, b, blanks=True)
    assert len(rows) == len(Procedures.spec.value_indicators)
    assert {r.change for r in rows} == {Change.BLANK}
    assert rows.changed() == ()


def test_different_units_and_periods_are_refused() -> None:
    a = _report("UBND xã A", Period.H1, 2023)
    b = _report("UBND xã B", Period.H1, 2024)
    with pytest.raises(ComparisonError, match="differ in unit and in period") as caught:
        compare(a, b)
    assert isinstance(caught.value, ValueError)
    assert caught.value.before == "UBND xã A (6 tháng đầu năm 2023)"
    assert "khác cả đơn vị lẫn kỳ báo cáo" in caught.value.message("vi")


def test_the_text_and_the_data() -> None:
    before = _report("UBND xã A", Period.H1, 2023, commune_resolved=1250, commune_on_time_rate=98)
    after = _report(
        "UBND xã A", Period.H1, 2024, commune_resolved=1000, commune_on_time_rate=Decimal("99.5")
    )
    text = compare(before, after).format("vi")
    assert "1.250 → 1.000 (-250, -20,00%)" in text
    assert "98 → 99,5 (+1,5 điểm %)" in text
    english = compare(before, after).format("en")
    assert "1250 → 1000 (-250, -20.00%)" in english
    assert "98 → 99.5 (+1.5 points)" in english
    data = compare(before, after).to_data("en")
    assert json.loads(json.dumps(data)) == data
    assert data["basis"] == "periods"
    assert data["rows"][0]["difference"] == "1.5"
    assert data["rows"][1]["relative"] == "-20.00"


def test_unknown_rows_and_junk() -> None:
    comparison = compare(example(), example())
    with pytest.raises(CodeError):
        comparison.row("PL4", "3.1.1")  # blank in both
    for junk in (None, "€", 1, example().info):
        with pytest.raises(ValueTypeError):
            compare(junk, example())  # type: ignore[arg-type]
        with pytest.raises(ValueTypeError):
            compare(example(), junk)  # type: ignore[arg-type]


# --- rows marked lũy kế do not fall within a year -----------------------------------------


def _cumulative(period: Period, rate: str, leaders: int, converted: int) -> Report:
    from cchc_model import CivilService, Direction, PublicFinance  # noqa: PLC0415

    info = ReportInfo(
        agency="UBND xã Hương Sơn", level=AdminLevel.COMMUNE, period=period, year=2024
    )
    return Report(
        info=info,
        templates=[
            # PL2 2 "Tỷ lệ hoàn thành Kế hoạch CCHC năm (Lũy kế đến thời điểm báo cáo)"
            Direction(plan_completion_rate=Decimal(rate)),
            # PL6 3 "… thông qua thi tuyển (Lũy kế từ đầu năm)"
            CivilService(leaders_by_exam=leaders),
            # PL7 2.6, under "… (lũy kế đến thời điểm báo cáo)"
            PublicFinance(converted_to_companies=converted),
        ],
    )


def test_a_cumulative_row_that_falls_within_a_year_is_a_finding() -> None:
    first_quarter = _cumulative(Period.Q1, "26.32", leaders=2, converted=1)  # 5 of 19 tasks
    first_half = _cumulative(Period.H1, "78.94", leaders=1, converted=1)  # 15 of 19
    comparison = compare(first_quarter, first_half)
    assert [(f.template, f.codes, f.earlier, f.later) for f in comparison.findings] == [
        ("PL6", ("3",), 2, 1)
    ]
    (finding,) = comparison.findings
    assert finding.severity.value == "warning"
    assert finding.message("vi") == (
        "PL6 3 “Số lượng lãnh đạo quản lý được tuyển chọn, bổ nhiệm thông qua thi tuyển (Lũy"
        " kế từ đầu năm)” là số lũy kế nhưng giảm từ 2 (Quý I năm 2024) xuống 1 (6 tháng đầu"
        " năm 2024); đề nghị kiểm tra số liệu của hai kỳ"
    )
    assert "is cumulative (lũy kế) but fell from 2" in comparison.format("en")
    assert comparison.to_data("en")["findings"][0]["rule"] == "compare.cumulative"
    # given later period first, the same finding: the periods are put in order
    assert compare(first_half, first_quarter).findings == comparison.findings


def test_a_cumulative_rate_may_not_fall_either() -> None:
    before = _cumulative(Period.M9, "84.21", leaders=2, converted=1)
    after = _cumulative(Period.YEAR, "78.95", leaders=2, converted=1)
    (finding,) = compare(before, after).findings
    assert (finding.template, finding.codes) == ("PL2", ("2",))


def test_falls_between_years_or_units_are_not_findings() -> None:
    # a new year starts from nothing: the H1 2024 figures may be below those of 2023
    last_year = attrs.evolve(
        _cumulative(Period.YEAR, "95", 3, 2),
        info=ReportInfo(
            agency="UBND xã Hương Sơn", level=AdminLevel.COMMUNE, period=Period.YEAR, year=2023
        ),
    )
    assert compare(last_year, _cumulative(Period.H1, "78.94", 1, 1)).findings == ()
    # nor does a row not marked lũy kế: PL4 3.3.1 dossiers of each period
    q1 = _report("UBND xã A", Period.Q1, 2024, commune_resolved=150)
    h1 = _report("UBND xã A", Period.H1, 2024, commune_resolved=140)
    assert compare(q1, h1).findings == ()
