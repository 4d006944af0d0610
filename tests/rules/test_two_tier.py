"""The two-tier local government from 1 July 2025: rows, rules and levels by date.

Since 1 July 2025 there are provinces and communes, no districts. What a report is
asked follows the months its period covers (``Period.span``), as data on the rows
(``Indicator.until``) and on the rules (``since`` / ``until``), never as code branches: a
row or rule with an end applies to a period that starts before it, one with a start to a
period that ends after it. Reports on the first half of 2025 and before are checked as
before; on the third quarter of 2025 and after, without districts; on the first nine
months or the year 2025, which straddle the reform, with the district rows asked and in
their totals.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D  # noqa: N817  # short, in tables of values
from pathlib import Path

import attrs
import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

from cchc_model import (
    AdminLevel,
    ConsolidationError,
    Period,
    Report,
    ReportInfo,
    Rule,
    RuleError,
    Severity,
    aggregate,
    builtin_rules,
    derive,
    edition,
    example,
    load_rules,
    strategies,
    validate,
)
from reports import report_of, values_of

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
        (Period.H1, 2025, True),  # January–June 2025: before the reform
        (Period.Q2, 2025, True),
        (Period.M9, 2025, True),  # January–September 2025: districts until June
        (Period.YEAR, 2025, True),
        (Period.Q3, 2025, False),  # July–September 2025: after the reform
        (Period.H2, 2025, False),
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
        "PL8 5.2.2 = 98: chỉ tiêu này chỉ áp dụng đối với kỳ báo cáo bắt đầu trước ngày"
        " 01/7/2025 (từ ngày này chính quyền địa phương tổ chức hai cấp, không còn cấp huyện);"
        " đề nghị để trống"
    )
    assert "periods that start before 1 July 2025" in finding.message("en")
    # at a level that is never asked the row, the warning names the levels, before the reform
    (commune,) = validate(report_of({"PL8:5.2.2": D(98)}, C)).findings
    assert "chỉ áp dụng đối với báo cáo của cấp tỉnh và cấp huyện" in commune.message("vi")


@pytest.mark.parametrize(("tid", "code", "value"), [("PL8", "5.1.2", D(100)), ("PL2", "3.2", 1)])
def test_after_the_reform_the_level_warning_names_no_district_level(
    tid: str, code: str, value: D | int
) -> None:
    # review F11: a commune, third quarter of 2025; the row is asked of nobody any more
    report = report_of({f"{tid}:{code}": value}, C, period=Period.Q3, year=2025)
    (finding,) = validate(report).findings
    assert finding.rule == f"{tid}.level.{code}"
    vi, en = finding.message("vi", titles=False), finding.message("en", titles=False)
    assert "cấp huyện, không áp dụng" not in vi
    assert "báo cáo của cấp tỉnh" not in vi
    assert "kỳ báo cáo bắt đầu trước ngày 01/7/2025" in vi
    assert "không còn cấp huyện" in vi
    assert "periods that start before 1 July 2025" in en
    assert "district reports" not in en


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


@pytest.mark.parametrize("period", [Period.YEAR, Period.M9])
def test_a_province_report_straddling_the_reform_counts_the_districts(period: Period) -> None:
    # review F4: the year 2025 covers January–June, when districts issued documents
    values = {"PL3:1": 10, "PL3:1.1": 4, "PL3:1.2": 2, "PL3:1.3": 4}
    assert validate(report_of(values, P, period=period, year=2025)).findings == ()
    # the district part is in the sum: a total without it is an error that shows it
    short = report_of({**values, "PL3:1": 8}, P, period=period, year=2025)
    (finding,) = validate(short).findings
    assert (finding.rule, finding.codes) == ("PL3.total.1", ("1", "1.1", "1.2", "1.3"))
    assert "1.1 + 1.2 + 1.3 = 4 + 2 + 4 = 10" in finding.message("en")
    # after the reform the same figures are a district row no one asks
    late = {f.rule for f in validate(report_of(values, P, period=Period.Q3, year=2025)).findings}
    assert "PL3.level.1.2" in late


def test_derive_of_a_straddling_period_waits_for_the_district_part() -> None:
    # review F4, addendum: 1.1 = 4 and 1.3 = 6 are not the year's total while 1.2 is blank
    parts = {"PL3:1.1": 4, "PL3:1.3": 6}
    assert derive(report_of(parts, P, period=Period.YEAR, year=2025)).value("PL3", "1") is None
    full = {**parts, "PL3:1.2": 2}
    assert derive(report_of(full, P, period=Period.YEAR, year=2025)).value("PL3", "1") == 12
    # after the reform there is no district part to wait for
    assert derive(report_of(parts, P, period=Period.Q3, year=2025)).value("PL3", "1") == 10
    assert derive(report_of(parts, P, period=Period.H1, year=2025)).value("PL3", "1") is None


def test_the_units_of_a_province_in_the_year_of_the_reform() -> None:
    # units are counted at the end of the period: at the end of 2025 the districts' units
    # are under the communes (no sub-row), so 1.5 is at least its parts, not their sum
    after = {"PL5:1.5": 120, "PL5:1.5.1": 10, "PL5:1.5.2": 60, "PL5:1.5.3": 0}
    assert validate(report_of(after, P, period=Period.YEAR, year=2025)).findings == ()
    assert [
        f.rule for f in validate(report_of(after, P, period=Period.H1, year=2025)).findings
    ] == ["PL5.total.1.5"]
    too_few = {**after, "PL5:1.5.3": 60}  # a value written is in the sum: 130 > 120
    (finding,) = validate(report_of(too_few, P, period=Period.YEAR, year=2025)).findings
    assert finding.rule == "PL5.parts.1.5"
    blank = {"PL5:1.5.1": 10, "PL5:1.5.2": 60, "PL5:1.5.3": 50}
    assert derive(report_of(blank, P, period=Period.YEAR, year=2025)).value("PL5", "1.5") is None


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
    assert (total.dated, total.to_data()["dated"], parts.dated) == ("end", "end", "span")
    for day, before in ((dt.date(2025, 6, 14), True), (dt.date(2025, 9, 14), False)):
        assert total.in_force(P, day) is before
        assert parts.in_force(P, day) is not before
    # a period is its months: the year 2025 straddles the day, its third quarter does not
    assert Period.YEAR.span(2025) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert Period.Q3.span(2025)[0] == TWO_TIER_SINCE
    year = Period.YEAR.span(2025)
    assert (total.in_force(P, year), parts.in_force(P, year)) == (False, True)  # dated by end
    straddling = Rule("T.1", "PL3:1 >= 0", until="2025-07-01", since="2025-01-01")
    for period, year_, expected in (
        (Period.YEAR, 2025, True),
        (Period.M9, 2025, True),
        (Period.H1, 2025, True),
        (Period.Q3, 2025, False),
        (Period.H2, 2025, False),
        (Period.YEAR, 2024, False),
    ):
        assert straddling.in_force(P, period.span(year_)) is expected, period
    assert Rule("T.2", "PL3:1 >= 0", until="2025-07-01", dated="end").in_force(P, year) is False


def test_a_rule_dated_by_its_end_round_trips_through_a_rule_file(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text(
        'edition = "2024"\n[[rule]]\nid = "T.1"\nexpr = "PL3:1 >= 0"\nuntil = 2025-07-01\n'
        'dated = "end"\n',
        encoding="utf-8",
    )
    (rule,) = load_rules(path)
    assert (rule.dated, rule.until) == ("end", TWO_TIER_SINCE)
    with pytest.raises(RuleError):
        Rule("T.3", "PL3:1 >= 0", dated="start")  # type: ignore[arg-type]


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
    assert heading.note_for(C, Period.YEAR.span(2025)) == note  # it had them until June
    assert heading.note_for(C, Period.Q3.span(2025)) is None
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


def test_a_district_files_no_report_on_a_period_it_did_not_live_to_the_end_of() -> None:
    # the year 2025 and its first nine months end after the districts did: their province
    # reports on those months, with the district rows
    for period in (Period.YEAR, Period.M9, Period.Q3):
        report = report_of({"PL2:1": 4}, DI, period=period, year=2025)
        assert [f.rule for f in validate(report).errors] == ["report.level"], period
        into = ReportInfo(agency="UBND huyện Nam Đông", level=DI, period=period, year=2025)
        with pytest.raises(ConsolidationError, match="two tiers"):
            aggregate([report_of({"PL2:1": 2}, C, period=period, year=2025)], into=into)


def _moved(report: Report, period: Period) -> Report:
    return attrs.evolve(report, info=attrs.evolve(report.info, period=period))


def test_a_province_consolidated_over_the_year_of_the_reform_asks_the_district_rows() -> None:
    communes = {
        f"xa{n}.json": attrs.evolve(
            report,
            info=attrs.evolve(report.info, agency=f"UBND xã {n}", unit_code=f"0000{n}"),
        )
        for n in (1, 2)
        for report in [report_of({"PL3:1.3": n}, C, period=Period.YEAR, year=2025)]
    }
    own = report_of(
        {"PL3:1.1": 4, "PL3:1.2": 2, "PL8:5.1.2": D(80)}, P, period=Period.YEAR, year=2025
    )
    own = attrs.evolve(own, info=attrs.evolve(own.info, agency="UBND tỉnh Quảng Trị"))
    info = ReportInfo(agency="UBND tỉnh Quảng Trị", level=P, period=Period.YEAR, year=2025)
    result = aggregate(communes, into=info, own=own)
    report = result.report
    assert report.value("PL3", "1.2") == 2  # the districts' documents of January–June
    assert report.value("PL8", "5.1.2") == D(80)
    assert report.value("PL3", "1.3") == 3
    pl3 = report.templates["PL3"]
    assert "1.2" not in pl3.notes  # asked: no "not asked" note
    # as in the first half of the year, when the districts existed
    early = aggregate(
        {name: _moved(r, Period.H1) for name, r in communes.items()},
        into=attrs.evolve(info, period=Period.H1),
        own=_moved(own, Period.H1),
    ).report
    assert values_of(early) == values_of(report)
    assert early.templates["PL3"].notes == pl3.notes
    # after the reform the same rows are not asked: blank, with a note that says why
    late = aggregate(
        [report_of({"PL3:1.3": 1}, C, period=Period.Q3, year=2025)],
        into=ReportInfo(agency="UBND tỉnh Quảng Trị", level=P, period=Period.Q3, year=2025),
    ).report
    assert late.value("PL3", "1.2") is None
    assert late.templates["PL3"].notes["1.2"] == (
        "Chỉ tiêu không áp dụng đối với kỳ báo cáo bắt đầu từ ngày 01/07/2025 (chính quyền địa"
        " phương hai cấp, không còn cấp huyện)"
    )


# --- property tests: periods before, straddling and after the reform -------------------

_BEFORE = st.tuples(st.sampled_from(list(Period)), st.integers(2016, 2024)) | st.tuples(
    st.sampled_from([Period.Q1, Period.Q2, Period.H1]), st.just(2025)
)
_STRADDLING = st.tuples(st.sampled_from([Period.M9, Period.YEAR]), st.just(2025))
_AFTER = st.tuples(st.sampled_from([Period.Q3, Period.Q4, Period.H2]), st.just(2025)) | st.tuples(
    st.sampled_from(list(Period)), st.integers(2026, 2035)
)
_ERAS = {"before": _BEFORE, "straddling": _STRADDLING, "after": _AFTER}


@pytest.mark.parametrize("era", list(_ERAS))
@given(data=st.data())
def test_consistent_reports_of_every_era_are_valid(era: str, data: st.DataObject) -> None:
    period, year = data.draw(_ERAS[era])
    levels = [lv for lv in AdminLevel if lv.files_for(period.span(year))]
    level = data.draw(st.sampled_from(levels))
    report = data.draw(strategies.reports(level=level, period=period, year=year, blanks=False))
    assert validate(report).findings == ()
    asked = {
        (row.template, row.code)
        for row in edition().indicators()
        if row.until is not None and row.applies_to(level, period.span(year))
    }
    if era == "after":
        assert not asked  # no row about districts
        assert all(
            report.value(tid, code) is None
            for tid, code in DISTRICT_ROWS
            if tid in report.templates
        )
    elif level in (P, DI):
        assert asked  # the district rows are asked, and filled: they are in the totals


@given(data=st.data())
def test_a_district_row_written_in_a_straddling_period_counts_in_its_total(
    data: st.DataObject,
) -> None:
    period, year = data.draw(_STRADDLING)
    parts = data.draw(st.lists(st.integers(0, 500), min_size=3, max_size=3))
    values = dict(zip(("PL3:1.1", "PL3:1.2", "PL3:1.3"), parts, strict=True))
    report = report_of({**values, "PL3:1": sum(parts)}, P, period=period, year=year)
    assert validate(report).findings == ()
    assert derive(report_of(values, P, period=period, year=year)).value("PL3", "1") == sum(parts)
    if parts[1]:  # without the district part the total is short: an error, shown with it
        short = report_of({**values, "PL3:1": parts[0] + parts[2]}, P, period=period, year=year)
        assert [f.rule for f in validate(short).findings] == ["PL3.total.1"]


@given(strategies.violating())
def test_a_violation_is_found_in_every_era(violation: strategies.Violation) -> None:
    found = {f.rule for f in validate(violation.report).findings}
    assert violation.rule_id in found


def test_the_violating_strategy_draws_straddling_periods() -> None:
    # a province's total of the year 2025 broken with the district part in it
    violation = find(
        strategies.violating("PL3.total.1", level=P),
        lambda v: v.report.info.year == 2025 and v.report.info.period in (Period.M9, Period.YEAR),
        settings=settings(database=None, max_examples=2000),
    )
    assert "1.2" in violation.values
