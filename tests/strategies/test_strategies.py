"""The shipped strategies (cchc_model.strategies): what each one draws, its arguments, and
how Hypothesis finds them (st.from_type and the ``hypothesis`` entry point).

The properties of the library tested *with* the strategies are in test_properties_*.py.
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
import subprocess
import sys
import textwrap
import tomllib
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument, NoSuchExample

from cchc_model import (
    AdminLevel,
    CivilService,
    Code,
    Completion,
    DigitalGovernment,
    Direction,
    Kind,
    Period,
    Report,
    ReportInfo,
    SurveyMethod,
    Template,
    YesNo,
    builtin_rules,
    edition,
    strategies,
    validate,
    vi,
)
from cchc_model._hypothesis_plugin import _register
from cchc_model.vi import DocumentNumber

ROOT = Path(__file__).resolve().parents[2]
QUICK = settings(database=None, phases=[Phase.generate], max_examples=2000)
"""For ``find`` of a kind of example: the first one found, not shrunk."""
SHRINK = settings(database=None, max_examples=200, suppress_health_check=list(HealthCheck))


def exponent(value: Decimal) -> int:
    exp = value.as_tuple().exponent
    assert isinstance(exp, int)
    return exp


# --- the module ---------------------------------------------------------------------------


def run(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, check=True, text=True
    ).stdout.strip()


def test_import_cchc_model_imports_neither_hypothesis_nor_the_strategies() -> None:
    out = run(
        """
        import sys, cchc_model
        print(sorted(m for m in ("hypothesis", "cchc_model.strategies") if m in sys.modules))
        """
    )
    assert out == "[]"


def test_from_cchc_model_import_strategies() -> None:
    out = run(
        """
        from cchc_model import strategies
        import cchc_model.strategies as module
        print(strategies is module, callable(strategies.reports))
        """
    )
    assert out == "True True"


def test_all_is_sorted_and_public() -> None:
    names = strategies.__all__
    assert list(names) == sorted(names)
    for name in names:
        assert hasattr(strategies, name), name


STRATEGY_FUNCTIONS = [
    name
    for name in strategies.__all__
    if inspect.isfunction(getattr(strategies, name)) and name[0].islower()
]


@pytest.mark.parametrize("name", STRATEGY_FUNCTIONS)
def test_every_strategy_says_what_it_shrinks_towards_and_has_an_example(name: str) -> None:
    doc = inspect.getdoc(getattr(strategies, name)) or ""
    assert "Shrinks towards" in doc, name
    assert ">>> " in doc, name


# --- values ---------------------------------------------------------------------------------


@given(strategies.counts(), strategies.counts(5, 7))
def test_counts(count: int, small: int) -> None:
    assert type(count) is int
    assert 0 <= count <= 300
    assert 5 <= small <= 7


@given(strategies.decimals(-3, 4, places=(1, 3)), strategies.percentages(), strategies.amounts())
def test_decimals_are_written_with_their_places(
    value: Decimal, percent: Decimal, amount: Decimal
) -> None:
    assert -3 <= value <= 4
    assert 1 <= -exponent(value) <= 3
    assert 0 <= percent <= 100
    assert -exponent(percent) <= 2
    assert amount >= 0
    assert -exponent(amount) != 3  # PL7.plausible's business


def test_decimals_shrink_towards_the_bound_nearest_zero() -> None:
    assert find(strategies.decimals(), lambda _: True, settings=SHRINK) == 0
    assert find(strategies.decimals(5, 9), lambda _: True, settings=SHRINK) == 5
    assert find(strategies.counts(), lambda n: n > 10, settings=SHRINK) == 11


@pytest.mark.parametrize("code_list", [YesNo, SurveyMethod, Completion])
def test_codes(code_list: type[Code]) -> None:
    for member in code_list:

        def is_it(drawn: Code, member: Code = member) -> bool:
            return drawn is member

        assert find(strategies.codes(code_list), is_it, settings=QUICK) is member
    assert find(strategies.codes(code_list), lambda _: True, settings=SHRINK) == min(code_list)


@given(strategies.years())
def test_years(year: int) -> None:
    assert 2016 <= year <= 2035


def test_years_shrink_towards_2024() -> None:
    assert find(strategies.years(), lambda _: True, settings=SHRINK) == 2024
    assert find(strategies.years(), lambda y: y < 2024, settings=SHRINK) == 2023


@given(st.data())
def test_report_dates_are_near_the_end_of_the_data(data: st.DataObject) -> None:
    period = data.draw(strategies.periods())
    year = data.draw(strategies.years())
    date = data.draw(strategies.report_dates(period, year))
    last = period.window(year)[1]
    assert last - dt.timedelta(days=20) <= date <= last + dt.timedelta(days=45)


@given(strategies.document_numbers(party=None))
def test_document_numbers_round_trip(document: DocumentNumber) -> None:
    assert vi.parse_document_number(vi.format_document_number(document)) == document


@given(strategies.document_numbers(doc_type="BC"), strategies.document_numbers(party=True))
def test_document_numbers_of_a_kind(report: DocumentNumber, party: DocumentNumber) -> None:
    assert report.doc_type == "BC"
    assert not report.party
    assert party.party


@given(st.data())
def test_names(data: st.DataObject) -> None:
    level = data.draw(strategies.levels())
    agency = data.draw(strategies.agencies(level))
    assert agency.split()[0] in ("UBND", "Sở")
    place = data.draw(strategies.place_names())
    assert place == place.strip()
    assert place
    name = data.draw(strategies.person_names())
    assert len(name.split()) == 3


@given(strategies.texts(), strategies.notes(realistic=False), strategies.notes())
def test_texts_are_what_a_file_can_hold(text: str, note: str, realistic: str) -> None:
    text.encode("utf-8")  # no lone surrogate
    note.encode("utf-8")
    assert note
    assert realistic[0].isupper()


# --- Vietnamese text ----------------------------------------------------------------------


def test_written_text_takes_each_form() -> None:
    # the forms that real documents use beside the canonical one
    def has(strategy: st.SearchStrategy[Any], pattern: str) -> None:
        find(strategy, lambda w: re.search(pattern, w.text) is not None, settings=QUICK)

    has(strategies.written_numbers(), r"^\s*-?[0-9]{1,3}(\.[0-9]{3})+,[0-9]+\s*$")
    has(strategies.written_numbers(min_value=0, max_value=9, places=(0, 0)), r"^\s*0[0-9]\s*$")
    has(strategies.written_percentages(), r" %$")
    has(strategies.written_amounts(), r"[0-9]đ$")
    has(strategies.written_amounts(), r" tỷ")
    has(strategies.written_dates(), r"^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}$")
    has(strategies.written_dates(), r"^NGÀY ")
    has(strategies.written_periods(), r"^QUÝ [1-4]/")
    has(strategies.written_document_numbers(), r"^Số: [0-9]{2}/")
    has(strategies.written_document_numbers(), r"^[0-9]+-[A-ZĐa-zđ]+/")


# --- metadata, templates, reports -----------------------------------------------------------

LEVEL_WORDS = {
    AdminLevel.PROVINCE: ("UBND tỉnh", "UBND thành phố"),
    AdminLevel.DEPARTMENT: ("Sở",),
    AdminLevel.DISTRICT: ("UBND huyện", "UBND thị xã", "UBND quận"),
    AdminLevel.COMMUNE: ("UBND xã", "UBND phường", "UBND thị trấn", "UBND đặc khu"),
}


@given(st.data())
def test_report_infos_are_realistic(data: st.DataObject) -> None:
    level = data.draw(strategies.levels())
    info = data.draw(strategies.report_infos(level=level))
    assert info.level is level
    assert info.agency.startswith(LEVEL_WORDS[level])
    if info.number is not None:
        assert vi.parse_document_number(info.number).doc_type == "BC"
    if info.date is not None:
        assert abs((info.date - info.period.window(info.year)[1]).days) <= 45
    if level in (AdminLevel.PROVINCE, AdminLevel.DEPARTMENT) or info.year > 2025:
        assert info.district is None
    if level is AdminLevel.DISTRICT:
        assert info.year <= 2025


@given(strategies.report_infos(period=Period.H1, year=2024, realistic=False))
def test_report_infos_of_any_text(info: ReportInfo) -> None:
    assert (info.period, info.year) == (Period.H1, 2024)


def test_any_text_reaches_the_metadata() -> None:
    infos = strategies.report_infos(realistic=False)
    find(infos, lambda i: i.number is not None and i.number.startswith("="), settings=QUICK)
    find(infos, lambda i: i.signer is not None and not i.signer.isascii(), settings=QUICK)
    find(infos, lambda i: i.year > 2100, settings=QUICK)


@given(st.data())
def test_templates_leave_the_rows_not_asked_blank(data: st.DataObject) -> None:
    cls = data.draw(st.sampled_from(edition().classes))
    level = data.draw(strategies.levels())
    template = data.draw(strategies.templates(cls, level=level))
    assert type(template) is cls
    for row, value in template:
        if not row.applies_to(level):
            assert value is None, row.code
    # by level alone, a template's rows are those asked before 1 July 2025 (the district
    # rows included), so the report is on a year before
    infos = strategies.report_infos(level=level, year=data.draw(st.integers(2016, 2024)))
    report = Report(info=data.draw(infos), templates=[template])
    assert validate(report).findings == ()


@given(
    strategies.reports(
        level=AdminLevel.DISTRICT, period=Period.Q2, year=2025, templates=["PL8", Direction]
    )
)
def test_reports_take_what_they_are_asked(report: Report) -> None:
    # the second quarter of 2025 ends before 1 July 2025: districts still report on it
    assert (report.info.level, report.info.period, report.info.year) == (
        AdminLevel.DISTRICT,
        Period.Q2,
        2025,
    )
    assert tuple(report.templates) == ("PL2", "PL8")


def test_no_district_report_after_the_two_tier_reform() -> None:
    with pytest.raises(InvalidArgument, match="two-tier"):
        strategies.reports(level=AdminLevel.DISTRICT, year=2026)


@given(strategies.reports(level=AdminLevel.PROVINCE, year=2026, blanks=False))
def test_a_province_after_the_reform_is_asked_no_district_row(report: Report) -> None:
    for row, value, _ in report.cells():
        if row.until is not None:
            assert value is None, (row.template, row.code)
    assert validate(report).findings == ()


@given(strategies.reports(blanks=False, templates=edition().template_ids))
def test_without_blanks_only_ratios_of_nothing_and_a_survey_not_held_are_blank(
    report: Report,
) -> None:
    end = report.info.period.span(report.info.year)
    for row, value, _ in report.cells():
        if not row.applies_to(report.info.level, end):
            assert value is None, (row.template, row.code)
        elif value is None:
            survey = (row.template, row.code) in {("PL2", "7.1"), ("PL2", "7.2")}
            assert row.kind is Kind.PERCENT or survey, (row.template, row.code)


def test_arbitrary_reports_break_rules_and_fill_rows_not_asked() -> None:
    arbitrary = strategies.reports(consistent=False)
    find(arbitrary, lambda r: bool(validate(r).errors), settings=QUICK)
    find(
        arbitrary,
        lambda r: any(
            v is not None and not row.applies_to(r.info.level) for row, v, _ in r.cells()
        ),
        settings=QUICK,
    )


def test_metadata_shrinks_towards_the_required_fields_of_a_report_on_q1_2024() -> None:
    info = find(strategies.report_infos(level=AdminLevel.COMMUNE), lambda _: True, settings=SHRINK)
    assert (info.period, info.year) == (Period.Q1, 2024)
    assert (info.number, info.date, info.signer, info.recipient) == (None, None, None, None)


def test_templates_shrink_towards_zeros_and_no_note() -> None:
    small = strategies.templates(CivilService, level=AdminLevel.COMMUNE)
    template = find(small, lambda _: True, settings=SHRINK)
    assert {value for _, value in template if value is not None} == {0}
    assert not template.notes


def test_reports_shrink_towards_fewer_templates() -> None:
    report = find(strategies.reports(), lambda r: "PL8" in r, settings=SHRINK)
    assert tuple(report.templates) == ("PL8",)


# --- arguments are checked early ----------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda: strategies.counts(5, 1),
        lambda: strategies.decimals(places=(2, 1)),
        lambda: strategies.years(2030, 2020),
        lambda: strategies.codes(int),  # type: ignore[type-var]
        lambda: strategies.document_numbers(party=None, doc_type="BC"),
        lambda: strategies.document_numbers(party=True, doc_type="TTr2"),
        lambda: strategies.written_amounts("đô la"),  # type: ignore[arg-type]
        lambda: strategies.report_infos(level="commune"),  # type: ignore[arg-type]
        lambda: strategies.report_infos(year="2024"),  # type: ignore[arg-type]
        lambda: strategies.templates(Report),  # type: ignore[arg-type]
        lambda: strategies.report_dates("h1", 2024),  # type: ignore[arg-type]
        lambda: strategies.reports(templates=["PL9"]),
        lambda: strategies.reports(templates=[3]),  # type: ignore[list-item]
        lambda: strategies.violating("PL9.part.1"),
        lambda: strategies.violating("PL4.level.1.4.1", level=AdminLevel.PROVINCE),
    ],
)
def test_bad_arguments_are_refused_at_once(make: Callable[[], object]) -> None:
    with pytest.raises(InvalidArgument):
        make()


# --- violating and documents ----------------------------------------------------------------


def test_violating_covers_every_built_in_rule() -> None:
    from cchc_model.strategies._violating import violation_levels  # noqa: PLC0415

    for rule in builtin_rules():
        assert violation_levels(rule.id), rule.id


@given(strategies.violating(level=AdminLevel.DEPARTMENT))
def test_violating_any_rule_at_a_level(violation: strategies.Violation) -> None:
    assert violation.report.info.level is AdminLevel.DEPARTMENT


def test_violating_shrinks_towards_the_smallest_breaking_values() -> None:
    violation = find(
        strategies.violating("PL2.part.2.2", level=AdminLevel.COMMUNE),
        lambda v: tuple(v.report.templates) == ("PL2",),
        settings=SHRINK,
    )
    assert dict(violation.values) == {"2.1": 0, "2.2": 1}


@pytest.mark.parametrize("defect", list(strategies.DEFECTS))
def test_every_defect_is_drawn(defect: str) -> None:
    document = find(strategies.documents(valid=False), lambda d: d.defect == defect, settings=QUICK)
    assert not document.valid
    assert document.report is None


# --- st.from_type and the entry point -----------------------------------------------------------


@pytest.fixture(scope="module", autouse=True)
def registered() -> None:
    _register()  # what the entry point does when the package is installed


@pytest.mark.parametrize(
    "cls",
    [
        Report,
        ReportInfo,
        Template,
        Direction,
        DigitalGovernment,
        Code,
        YesNo,
        AdminLevel,
        Period,
        DocumentNumber,
    ],
)
def test_from_type(cls: type) -> None:
    @settings(max_examples=5)
    @given(st.from_type(cls))
    def check(value: object) -> None:
        assert isinstance(value, cls)

    check()


def test_the_entry_point_registers_the_strategies(tmp_path: Path) -> None:
    # a distribution declaring the entry point, as pyproject.toml does for cchc-model
    info = tmp_path / "cchc_entry_point_check-0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: cchc-entry-point-check\nVersion: 0\n"
    )
    (info / "entry_points.txt").write_text(f"[hypothesis]\n_ = {ENTRY_POINT}\n")
    code = f"""
        import sys
        sys.path.insert(0, {str(tmp_path)!r})
        import cchc_model.strategies  # imports Hypothesis, which loads the entry point
        from hypothesis import given, settings, strategies as st
        from cchc_model import Report, YesNo
        @settings(max_examples=3, database=None)
        @given(st.from_type(Report), st.from_type(YesNo))
        def check(report, code):
            assert isinstance(report, Report) and isinstance(code, YesNo)
        check()
        print("ok")
        """
    assert run(code) == "ok"


ENTRY_POINT = "cchc_model._hypothesis_plugin:_register"


def test_pyproject_declares_the_entry_point_and_the_extra() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["entry-points"]["hypothesis"] == {"_": ENTRY_POINT}
    assert any(
        dep.startswith("hypothesis>=") for dep in project["optional-dependencies"]["hypothesis"]
    )


@given(strategies.report_infos(level=AdminLevel.COMMUNE, year=2026))
def test_no_thi_tran_after_the_reform(info: ReportInfo) -> None:
    # since 1 July 2025 commune-level units are xã, phường and đặc khu: no thị trấn,
    # and no district above them
    assert info.agency.startswith(("UBND xã", "UBND phường", "UBND đặc khu"))
    assert info.district is None


def test_each_commune_form_of_the_reform_is_drawn() -> None:
    # đặc khu is drawn after the reform, and never before it (nor thị trấn after it)
    after = strategies.report_infos(level=AdminLevel.COMMUNE, year=2026)
    before = strategies.report_infos(level=AdminLevel.COMMUNE, year=2024)
    for form in ("UBND xã", "UBND phường", "UBND đặc khu"):

        def named(info: ReportInfo, form: str = form) -> bool:
            return info.agency.startswith(form)

        find(after, named)
    find(before, lambda info: info.agency.startswith("UBND thị trấn"))
    with pytest.raises(NoSuchExample):
        find(before, lambda info: info.agency.startswith("UBND đặc khu"))
