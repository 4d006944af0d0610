"""The two-tier local government from 1 July 2025: rows, rules and levels by date.

Since 1 July 2025 there are provinces and communes, no districts. What a report is
asked follows the last day of its period's data, as data on the rows
(``Indicator.until``) and on the rules (``since`` / ``until``), never as code branches.
Reports on the first half of 2025 are checked as before.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D  # noqa: N817  # short, in tables of values

import pytest

from cchc_model import (
    AdminLevel,
    ConsolidationError,
    Period,
    ReportInfo,
    Severity,
    aggregate,
    builtin_rules,
    derive,
    edition,
    example,
    validate,
)
from reports import report_of

P, DEP, DI, C = AdminLevel.PROVINCE, AdminLevel.DEPARTMENT, AdminLevel.DISTRICT, AdminLevel.COMMUNE

TWO_TIER_SINCE = AdminLevel.DISTRICT.until  # 1 July 2025

# the rows whose titles name the district level and that count nothing else
DISTRICT_ROWS = {
    ("PL2", "3.2"),
    ("PL3", "1.2"),
    ("PL3", "2.1"),
    ("PL3", "3.1"),
    ("PL4", "1.4.2"),
    ("PL4", "3.2"),
    ("PL4", "3.2.1"),
    ("PL4", "3.2.2"),
    ("PL5", "1.2"),
    ("PL5", "1.5.3"),
    ("PL6", "2.3"),
    ("PL8", "5.1.2"),
    ("PL8", "5.2.2"),
    ("PL8", "5.3.2"),
}


def test_the_rows_about_districts_end_with_the_reform() -> None:
    ended = {(r.template, r.code) for r in edition().indicators() if r.until is not None}
    assert ended == DISTRICT_ROWS
    assert {r.until for r in edition().indicators() if r.until is not None} == {TWO_TIER_SINCE}
    # found from the catalog: every row naming "cấp huyện" ends, unless it also counts the
    # departments (PL6 4.2, 4.3: "lãnh đạo cấp sở, ngành và UBND cấp huyện"), and the
    # sub-rows of PL4 3.2 (titled "Tổng số hồ sơ…") end with it
    for row in edition().indicators():
        if "cấp huyện" in row.title and (row.template, row.code) not in DISTRICT_ROWS:
            assert "sở, ngành" in row.title, (row.template, row.code)
    for tid, code in DISTRICT_ROWS:
        row = edition().indicator(tid, code)
        assert "huyện" in row.title or "huyện" in edition().indicator(tid, row.parent or "").title


@pytest.mark.parametrize(
    ("period", "year", "asked"),
    [
        (Period.H1, 2024, True),  # report 341/BC-UBND
        (Period.H1, 2025, True),  # data to 14 June 2025: before the reform
        (Period.Q2, 2025, True),
        (Period.Q3, 2025, False),  # data to 14 September 2025
        (Period.YEAR, 2025, False),
        (Period.Q1, 2026, False),
    ],
)
def test_a_province_is_asked_the_district_rows_only_before(
    period: Period,
    year: int,
    asked: bool,  # noqa: FBT001  # a pytest parameter
) -> None:
    # a province's procedures: 1 200 provincial, 300 district, 1 500 commune (2024)
    values = {"PL4:1.4": 3000, "PL4:1.4.1": 1200, "PL4:1.4.2": 300, "PL4:1.4.3": 1500}
    report = report_of(values, P, period=period, year=year)
    rules = {f.rule for f in validate(report).findings}
    if asked:
        assert rules == set()
    else:
        # the district row is not asked, and not added: 1 200 + 1 500 ≠ 3 000
        assert rules == {"PL4.level.1.4.2", "PL4.total.1.4"}


def test_the_level_warning_says_why_after_the_reform() -> None:
    report = report_of({"PL8:5.2.2": D(98)}, P, period=Period.H2, year=2025)
    (finding,) = validate(report).findings
    assert (finding.rule, finding.severity) == ("PL8.level.5.2.2", Severity.WARNING)
    assert finding.message("vi", titles=False) == (
        "PL8 5.2.2 = 98: chỉ tiêu này chỉ áp dụng đối với kỳ báo cáo kết thúc trước ngày"
        " 01/7/2025 (từ ngày này chính quyền địa phương tổ chức hai cấp, không còn cấp huyện);"
        " đề nghị để trống"
    )
    assert "periods that end before 1 July 2025" in finding.message("en")
    # at a level that is never asked the row, the warning names the levels
    (commune,) = validate(report_of({"PL8:5.2.2": D(98)}, C)).findings
    assert "chỉ áp dụng đối với báo cáo của cấp tỉnh và cấp huyện" in commune.message("vi")


def test_a_district_report_after_the_reform_is_an_error_that_says_why() -> None:
    report = report_of({"PL4:3.2": D(100), "PL4:3.2.1": 40, "PL4:3.2.2": 40}, DI)
    assert validate(report).valid  # on the first half of 2024: fine
    late = report_of({"PL2:1": 4}, DI, period=Period.H2, year=2025)
    result = validate(late)
    assert not result.valid
    (finding,) = result.errors
    assert (finding.rule, finding.template, finding.codes) == ("report.level", None, ())
    assert finding.message("vi") == (
        "Báo cáo cấp huyện cho kỳ báo cáo có số liệu đến ngày 14/12/2025: từ ngày 01/7/2025"
        " chính quyền địa phương tổ chức hai cấp (cấp tỉnh và cấp xã), không còn cấp huyện;"
        " báo cáo cấp huyện chỉ dùng cho kỳ báo cáo kết thúc trước ngày 01/7/2025"
    )
    assert finding.message("en").startswith("A district report on a period whose data end on")
    assert result.format("en").splitlines()[0] == "Report"
    assert result.to_data("en")["findings"][0]["template"] is None
    # a district on the first half of 2025 still reports
    assert validate(report_of({"PL2:1": 4}, DI, period=Period.H1, year=2025)).valid


def test_the_units_of_a_province_after_the_reform() -> None:
    # before: 1.5 = 1.5.1 + 1.5.2 + 1.5.3
    before = {"PL5:1.5": 120, "PL5:1.5.1": 10, "PL5:1.5.2": 60, "PL5:1.5.3": 50}
    assert validate(report_of(before, P)).findings == ()
    # after: the districts' 50 units are under the communes, which have no sub-row
    after = {"PL5:1.5": 120, "PL5:1.5.1": 10, "PL5:1.5.2": 60}
    assert validate(report_of(after, P, period=Period.H2, year=2025)).findings == ()
    # the same figures before the reform, with no unit under the districts: not a total
    wrong = report_of({**after, "PL5:1.5.3": 0}, P)
    assert [f.rule for f in validate(wrong).findings] == ["PL5.total.1.5"]
    too_few = {"PL5:1.5": 65, "PL5:1.5.1": 10, "PL5:1.5.2": 60}
    (finding,) = validate(report_of(too_few, P, period=Period.YEAR, year=2026)).findings
    assert finding.rule == "PL5.parts.1.5"
    # derive fills the total only while it is one
    blank = {"PL5:1.5.1": 10, "PL5:1.5.2": 60, "PL5:1.5.3": 50}
    assert derive(report_of(blank, P)).value("PL5", "1.5") == 120
    del blank["PL5:1.5.3"]
    assert derive(report_of(blank, P, period=Period.H2, year=2025)).value("PL5", "1.5") is None


def test_the_rules_in_force_by_date() -> None:
    rules = builtin_rules()
    total, parts = rules["PL5.total.1.5"], rules["PL5.parts.1.5"]
    assert (total.until, parts.since) == (TWO_TIER_SINCE, TWO_TIER_SINCE)
    assert total.to_data()["until"] == "2025-07-01"
    for day, before in ((dt.date(2025, 6, 14), True), (dt.date(2025, 9, 14), False)):
        assert total.in_force(P, day) is before
        assert parts.in_force(P, day) is not before


def test_first_half_of_2025_reports_keep_working() -> None:
    # the bundled report, moved to the first half of 2025: the same findings
    report = example()
    moved = type(report)(
        info=ReportInfo(
            agency=report.info.agency, level=C, period=Period.H1, year=2025, number="1/BC-UBND"
        ),
        templates=report.templates,
    )
    assert [f.rule for f in validate(moved).findings] == [f.rule for f in validate(report).findings]


def test_the_tasks_note_applies_to_communes_while_districts_exist() -> None:
    heading = edition().indicator("PL2", "5")
    note = "do UBND huyện chuyển xử lý theo lĩnh vực của đơn vị được giao về CCHC"
    assert heading.note == note  # the template's own text, kept
    assert heading.note_for(C, dt.date(2024, 6, 14)) == note
    assert heading.note_for(C, dt.date(2025, 12, 14)) is None  # no district to pass tasks
    assert heading.note_for(P, dt.date(2024, 6, 14)) is None  # a province's tasks are its own
    assert edition().indicator("PL2", "6").note_for(DI, dt.date(2024, 6, 14)) is None


def test_no_district_consolidation_after_the_reform() -> None:
    commune = report_of({"PL2:1": 2}, C, period=Period.H2, year=2025)
    into = ReportInfo(agency="UBND huyện Nam Đông", level=DI, period=Period.H2, year=2025)
    with pytest.raises(ConsolidationError, match="two tiers") as caught:
        aggregate([commune], into=into)
    assert "không còn cấp huyện" in caught.value.vi
    # before the reform a district consolidates its communes
    early = report_of({"PL2:1": 2}, C)
    result = aggregate(
        [early],
        into=ReportInfo(agency="UBND huyện Nam Đông", level=DI, period=Period.H1, year=2024),
    )
    assert result.report.value("PL2", "1") == 2
