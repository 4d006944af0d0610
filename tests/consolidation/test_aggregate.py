"""Consolidation: the catalog's declarations, the sums, the checks, provenance and notes."""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest

import cchc_model
from cchc_model import (
    AdminLevel,
    Aggregation,
    CchcError,
    CodeError,
    Consolidation,
    ConsolidationError,
    Direction,
    Kind,
    Period,
    Report,
    ReportInfo,
    Template,
    ValueTypeError,
    aggregate,
    builtin_rules,
    catalog_data,
    combine,
    edition,
    example,
    loads_rules,
    render,
    validate,
)
from cchc_model._consolidation.aggregate import BLANK_NOTES
from cchc_model._model.template import percent
from cchc_model._model.units import units
from cchc_model._rules.expr import Compare, Ref, references
from cchc_model._rules.interval import round_half_up
from golden_files import docx_extract, xlsx_extract

Value = int | Decimal

PROVINCE = ReportInfo(
    agency="UBND tỉnh Thử Nghiệm",
    level=AdminLevel.PROVINCE,
    period=Period.H1,
    year=2024,
    province="Thử Nghiệm",
)


def unit(
    name: str,
    values: Mapping[str, Value | None],
    level: AdminLevel = AdminLevel.COMMUNE,
    **info: Any,
) -> Report:
    """A report of unit ``name`` with ``values`` given as ``{"PL4:3.3.1": 276}``."""
    ed = edition()
    by_template: dict[str, dict[str, Value | None]] = {}
    for key, value in values.items():
        tid, _, code = key.partition(":")
        by_template.setdefault(tid, {})[code] = value
    fields: dict[str, Any] = {"period": Period.H1, "year": 2024, "province": "Thử Nghiệm"}
    fields.update(info)
    return Report(
        info=ReportInfo(agency=name, level=level, **fields),
        templates=[ed.template(tid).from_codes(codes) for tid, codes in by_template.items()],
    )


# --- the catalog says how each row consolidates -----------------------------------------


def _derive_rules() -> list[tuple[str, list[Ref], str]]:
    out = []
    for rule in builtin_rules():
        if rule.derive:
            tree = rule.tree
            assert isinstance(tree, Compare)
            target = tree.operands[0]
            assert isinstance(target, Ref)
            out.append((target.key, references(tree.operands[1]), rule.kind))
    return out


def _row(key: str) -> Any:
    tid, _, code = key.partition(":")
    return edition().indicator(tid, code)


def test_ratio_rows_are_the_derive_ratios_of_rows_that_add_up() -> None:
    ratio_rows = {
        f"{row.template}:{row.code}"
        for row in edition().indicators()
        if row.consolidation is Consolidation.RATIO
    }
    computable = {
        target
        for target, parts, kind in _derive_rules()
        if kind == "ratio" and all(_row(p.key).consolidation is Consolidation.SUM for p in parts)
    }
    assert ratio_rows == computable
    assert len(ratio_rows) == 10


def test_a_ratio_of_own_parts_is_own_too() -> None:
    followers = {
        target
        for target, parts, kind in _derive_rules()
        if kind == "ratio" and any(_row(p.key).consolidation is Consolidation.OWN for p in parts)
    }
    assert followers == {"PL8:6.1", "PL8:6.2", "PL8:6.3", "PL8:6.5"}
    assert {_row(key).consolidation for key in followers} == {Consolidation.OWN}


def test_every_derive_rule_keeps_its_rows_together() -> None:
    # a derived row consolidates like what it is computed from: sums from sums, own from own
    for target, parts, kind in _derive_rules():
        row = _row(target)
        wanted = {_row(p.key).consolidation for p in parts}
        if kind == "ratio":
            continue
        assert {row.consolidation} == wanted, target


def test_procedures_are_counted_once_not_added_up() -> None:
    procedures = [r for r in edition().indicators() if r.unit == units.PROCEDURES]
    assert len(procedures) == 20
    assert {r.consolidation for r in procedures} == {Consolidation.OWN}


def test_defaults_follow_the_kind() -> None:
    for row in edition().indicators():
        if row.is_heading:
            assert row.consolidation is None
        elif row.kind is Kind.CODE:
            assert row.consolidation is Consolidation.OWN
        elif row.kind is Kind.MONEY:
            assert row.consolidation is Consolidation.SUM
        elif row.kind is Kind.PERCENT:
            assert row.consolidation is not Consolidation.SUM


def test_only_counts_and_money_add_up() -> None:
    with pytest.raises(ValueError, match="only counts and money add up"):
        percent("9", "Tỷ lệ", units.PERCENT, consolidation=Consolidation.SUM)
    with pytest.raises(TypeError, match="must be a Consolidation"):
        percent("9", "Tỷ lệ", units.PERCENT, consolidation="sum")  # type: ignore[arg-type]


def test_the_catalog_data_says_how_rows_consolidate() -> None:
    rows = {
        (t["id"], i["code"]): i["consolidation"]
        for t in catalog_data()["templates"]
        for i in t["indicators"]
    }
    assert rows["PL4", "3.3"] == "ratio"
    assert rows["PL4", "3.3.1"] == "sum"
    assert rows["PL4", "1.4"] == "own"
    assert rows["PL8", "5.2"] == "none"
    assert rows["PL4", "3"] is None


# --- adding up --------------------------------------------------------------------------


def test_counts_add_up_and_ratios_are_recomputed_not_averaged() -> None:
    a = unit("UBND xã A", {"PL4:3.3.1": 276, "PL4:3.3.2": 276, "PL4:3.3": Decimal(100)})
    b = unit("UBND xã B", {"PL4:3.3.1": 24, "PL4:3.3.2": 12, "PL4:3.3": Decimal(50)})
    result = aggregate([a, b], into=PROVINCE)
    pl4 = result.report.pl4
    assert pl4 is not None
    assert (pl4.commune_resolved, pl4.commune_on_time) == (300, 288)
    assert pl4.commune_on_time_rate == Decimal("96.00")  # the mean would be 75
    assert result.validation.valid


def test_money_adds_up_exactly_however_large() -> None:
    big = Decimal("123456789012345.125")
    a = unit("UBND xã A", {"PL7:1.1": big, "PL7:1.2": Decimal("0.5")})
    b = unit("UBND xã B", {"PL7:1.1": Decimal("0.875"), "PL7:1.2": Decimal(1)})
    pl7 = aggregate([a, b], into=PROVINCE).report.pl7
    assert pl7 is not None
    assert pl7.investment_planned == Decimal("123456789012346.000")
    assert pl7.investment_disbursed == Decimal("1.5")


def test_a_sum_beyond_the_bound_of_a_report_is_refused_with_its_row() -> None:
    # each unit's figure is a report's, their sum is none: once it made a report that
    # dumps wrote and loads refused
    big = Decimal("999999999999999.5")
    a = unit("UBND xã A", {"PL7:1.1": big})
    b = unit("UBND xã B", {"PL7:1.1": big})
    with pytest.raises(ConsolidationError) as info:
        aggregate([a, b], into=PROVINCE)
    assert [p.path for p in info.value.problems] == ["PL7 1.1"]
    assert "beyond the bound of a report" in str(info.value)


def test_a_row_all_units_left_blank_stays_blank_and_zeros_stay_zeros() -> None:
    a = unit("UBND xã A", {"PL2:5.1": 0, "PL2:1": None})
    b = unit("UBND xã B", {"PL2:5.1": 0})
    pl2 = aggregate([a, b], into=PROVINCE).report.pl2
    assert pl2 is not None
    assert pl2.province_tasks == 0
    assert pl2.directive_documents is None


def test_a_unit_that_gave_only_the_parts_counts_in_the_total() -> None:
    parts = {"PL7:2.4.1": 1, "PL7:2.4.2": 2, "PL7:2.4.3": 3}
    a = unit("UBND xã A", parts)  # 2.4 left blank: it is 6
    b = unit("UBND xã B", {**parts, "PL7:2.4": 6})
    result = aggregate([a, b], into=PROVINCE)
    assert result.report.value("PL7", "2.4") == 12
    assert result.provenance("PL7", "2.4").values == {"UBND xã A, Thử Nghiệm": 6} | {
        "UBND xã B, Thử Nghiệm": 6
    }
    assert result.validation.valid


def test_the_autonomy_groups_do_not_make_the_number_of_units() -> None:
    # a unit whose autonomy plan is not yet approved is in no group (PL7.parts.2.1): a
    # commune that gave the groups and left 2.1 blank is not counted in 2.1 by their sum
    groups = {"PL7:2.2": 1, "PL7:2.3": 2, "PL7:2.4": 3, "PL7:2.5": 4}
    a = unit("UBND xã A", groups)
    b = unit("UBND xã B", {**groups, "PL7:2.1": 11})
    result = aggregate([a, b], into=PROVINCE)
    row = result.provenance("PL7", "2.1")
    assert dict(row.values) == {"UBND xã B, Thử Nghiệm": 11}
    assert row.blank == ("UBND xã A, Thử Nghiệm",)


def test_values_in_rows_not_asked_of_a_unit_are_not_added() -> None:
    a = unit("UBND xã A", {"PL2:3.1": 5, "PL2:1": 1})  # 3.1 is asked of provinces only
    result = aggregate([a], into=PROVINCE)
    assert result.report.value("PL2", "3.1") is None
    row = result.provenance("PL2", "3.1")
    assert row.ignored == {"UBND xã A, Thử Nghiệm": 5}
    assert [n.kind for n in result.notes if n.codes == ("3.1",)] == ["ignored"]


def test_the_consolidating_units_own_figures() -> None:
    communes = [
        unit(f"UBND xã {n}", {"PL4:1.4.3": 137, "PL4:1.4": 137, "PL2:1": 2, "PL2:7": 1})
        for n in "AB"
    ]
    own = unit(
        "UBND tỉnh Thử Nghiệm",
        {
            "PL4:1.4.1": 1200,
            "PL4:1.4.2": 0,  # no districts since 1 July 2025
            "PL4:1.4.3": 137,
            "PL2:1": 40,
            "PL2:7": 1,
            "PL8:6.1.1": 300,
            "PL8:6.1.2": 290,
            "PL8:5.2": Decimal("98.5"),
        },
        AdminLevel.PROVINCE,
    )
    result = aggregate(communes, into=PROVINCE, own=own)
    report = result.report
    assert report.value("PL4", "1.4.3") == 137  # not 2 × 137 (nor 3 × 137)
    assert report.value("PL4", "1.4") == 1337  # derived from the province's own parts
    assert report.value("PL2", "1") == 44  # the province's own directives and the communes'
    assert report.value("PL2", "7") == 1
    assert report.value("PL8", "6.1") == Decimal("96.67")  # from the own parts
    assert report.value("PL8", "5.2") == Decimal("98.5")  # none, but the province gave it
    row = result.provenance("PL4", "1.4.3")
    assert (row.own, row.value, row.range()) == (137, 137, (137, 137))
    assert result.provenance("PL2", "7").distribution() == {1: 2}
    assert result.own is not None
    assert result.own.own
    assert result.validation.valid


def test_a_total_the_consolidating_unit_left_blank_holds_the_parts_it_gave() -> None:
    # a province gives its own documents (PL3 1.1, 1.2) and leaves its total blank; its
    # communes give theirs (1.3) and their totals: the total is the communes' and the
    # province's own, not the communes' alone (9, beside parts of 16: a false error)
    communes = [unit(f"UBND xã {n}", {"PL3:1": 3, "PL3:1.3": 3}) for n in "ABC"]
    own = unit("UBND tỉnh Thử Nghiệm", {"PL3:1.1": 5, "PL3:1.2": 2}, AdminLevel.PROVINCE)
    result = aggregate(communes, into=PROVINCE, own=own)
    assert result.report["PL3"].filled() == {"1": 16, "1.1": 5, "1.2": 2, "1.3": 9}
    assert result.validation.valid
    assert result.provenance("PL3", "1").own == 7
    assert own["PL3"]["1"] is None  # the report as filed is left as it is
    # a total the province gave is its own, as given
    given = {"PL3:1": 7, "PL3:1.1": 5, "PL3:1.2": 2}
    own_total = unit("UBND tỉnh Thử Nghiệm", given, AdminLevel.PROVINCE)
    assert aggregate(communes, into=PROVINCE, own=own_total).report["PL3"]["1"] == 16
    # and the national report of such provinces adds up the same way
    parts = [
        aggregate(
            [unit(f"UBND xã {p}{n}", {"PL3:1": 3, "PL3:1.3": 3}, province=p) for n in "AB"],
            into=attrs.evolve(PROVINCE, agency=f"UBND tỉnh {p}", province=p),
            own=unit(f"UBND tỉnh {p}", {"PL3:1.1": 5}, AdminLevel.PROVINCE, province=p),
        )
        for p in ("Một", "Hai")
    ]
    nation = attrs.evolve(PROVINCE, agency="Bộ Nội vụ", province=None)
    national = combine(parts, into=nation)
    assert national.report["PL3"].filled() == {"1": 22, "1.1": 10, "1.3": 12}
    assert national.validation.valid


def test_into_defaults_to_the_own_reports_metadata() -> None:
    own = unit("UBND tỉnh Thử Nghiệm", {"PL2:1": 1}, AdminLevel.PROVINCE)
    result = aggregate([unit("UBND xã A", {"PL2:1": 2})], own=own)
    assert result.report.info == own.info
    assert result.report.value("PL2", "1") == 3


def test_the_example_consolidates_into_a_valid_report() -> None:
    info = attrs.evolve(example().info, level=AdminLevel.PROVINCE, agency="UBND tỉnh")
    result = aggregate({"huong-son.json": example()}, into=info)
    assert result.validation.valid
    assert result.sources[0].name == "huong-son.json"
    assert result.units == ("UBND xã Hương Sơn, Nam Đông, Thừa Thiên Huế",)
    assert validate(result.report) == result.validation


def test_nothing_to_consolidate() -> None:
    result = aggregate([], into=PROVINCE)
    assert result.report.templates == {}
    assert result.units == ()
    assert combine([result], into=PROVINCE) == result


# --- provenance -------------------------------------------------------------------------


def test_provenance_says_who_gave_what() -> None:
    a = unit("UBND xã A", {"PL4:3.3.1": 10}, unit_code="00002")
    b = unit("UBND xã B", {"PL4:3.3.2": 5}, unit_code="00001")
    dep = unit("Sở Tư pháp", {"PL4:3.1.1": 7}, AdminLevel.DEPARTMENT, unit_code="10000")
    result = aggregate([a, b, dep], into=PROVINCE)
    assert [s.key for s in result.sources] == ["00001", "00002", "10000"]
    row = result.provenance("PL4", "3.3.1")
    assert row.contributors == ("00002",)
    assert row.values == {"00002": 10}
    assert row.blank == ("00001",)
    assert row.not_applicable == ("10000",)
    assert row.consolidation is Consolidation.SUM
    assert row.kind is Kind.COUNT
    assert row.value == 10
    assert result.provenance("PL4", "3.1.1").not_applicable == ("00001", "00002")
    assert result.provenance("PL4", "3.3.1.") is row  # worked out once
    data = row.to_data()
    assert data["values"] == {"00002": 10}
    assert data["consolidation"] == "sum"


def test_provenance_of_a_heading_or_an_unknown_row_is_refused() -> None:
    result = aggregate([unit("UBND xã A", {"PL4:3.3.1": 10})], into=PROVINCE)
    with pytest.raises(CodeError, match="heading"):
        result.provenance("PL4", "3")
    with pytest.raises(CodeError):
        result.provenance("PL4", "9.9")
    with pytest.raises(CodeError):
        result.provenance("PL9", "1")


def test_the_provenance_of_a_code_is_a_distribution() -> None:
    reports = [
        unit(f"UBND xã {n}", {"PL8:2": code}) for n, code in zip("ABCD", (2, 2, 1, 7), strict=True)
    ]
    row = aggregate(reports, into=PROVINCE).provenance("PL8", "2")
    assert row.value is None
    assert row.distribution() == {1: 1, 2: 2, 7: 1}
    assert list(row.distribution()) == [1, 2, 7]


# --- notes ------------------------------------------------------------------------------


def test_notes_say_what_could_not_be_done() -> None:
    a = unit(
        "UBND xã A",
        {"PL2:1": 3, "PL2:2.1": 4, "PL8:5.2": Decimal(90), "PL8:1": 1, "PL2:2": Decimal(10)},
    )
    b = unit("UBND xã B", {"PL8:5.2": Decimal(100), "PL8:1": 0})
    result = aggregate([a, b], into=PROVINCE)
    notes = {(n.kind, n.codes): n for n in result.notes}
    partial = notes["partial", ("1", "2.1")]
    assert partial.units == ("UBND xã B, Thử Nghiệm",)
    assert (partial.given, partial.asked) == (1, 2)
    assert "1 of 2 units gave a value" in partial.message("en")
    assert "1/2 đơn vị có số liệu" in partial.message("vi")
    none = notes["none", ("5.2",)]
    assert (none.low, none.high) == (Decimal(90), Decimal(100))
    assert "90 – 100" in none.message("en")
    assert "90 – 100" in none.message("vi")
    own = notes["own", ("1",)]
    assert own.distribution == {0: 1, 1: 1}
    assert "codes 0: 1, 1: 1" in own.message("en")
    ratio = notes["ratio", ("2",)]
    assert "could not be recomputed" in ratio.message("en")
    assert result.to_data("en")["notes"][0]["codes"] == ["1", "2.1"]


def test_a_broken_rule_names_the_units_that_filled_part_of_it() -> None:
    a = unit("UBND xã A", {"PL2:2.1": 10, "PL2:2.2": 9})
    b = unit("UBND xã B", {"PL2:2.2": 5})  # completed tasks of an unknown plan
    result = aggregate([a, b], into=PROVINCE)
    assert not result.validation.valid
    (finding,) = [n for n in result.notes if n.rule == "PL2.part.2.2"]
    assert finding.codes == ("2.1", "2.2")
    assert finding.units == ("UBND xã B, Thử Nghiệm",)
    assert "UBND xã B" in finding.message("vi")
    assert "filled some of its rows" in finding.message("en")


def test_a_rule_broken_by_whole_reports_points_to_the_units_reports() -> None:
    a = unit("UBND xã A", {"PL2:2.1": 1, "PL2:2.2": 9})  # broken in the unit itself
    result = aggregate([a], into=PROVINCE)
    (finding,) = [n for n in result.notes if n.rule == "PL2.part.2.2"]
    assert finding.units == ()
    assert "cchc validate" in finding.message("en")


def test_notes_name_a_few_units_and_count_the_rest() -> None:
    reports = [unit(f"UBND xã {n:02}", {"PL2:1": 1 if n == 0 else None}) for n in range(9)]
    (note,) = [n for n in aggregate(reports, into=PROVINCE).notes if n.kind == "partial"]
    assert len(note.units) == 8
    assert note.message("en").endswith("UBND xã 05, Thử Nghiệm and 3 more")
    assert "UBND xã 06" not in note.message("en")
    assert note.message("vi").endswith("UBND xã 05, Thử Nghiệm và 3 đơn vị khác")


def test_a_total_of_some_units_says_so_in_its_note() -> None:
    # read as complete, a partial sum is the other side of a blank read as "no data"
    reports = [unit(f"UBND xã {n:04}", {"PL2:1": None if n % 3 else 1}) for n in range(3321)]
    report = aggregate(reports, into=PROVINCE).report
    assert report["PL2"]["1"] == 1107
    note = report["PL2"].notes["1"]
    assert note.startswith("Tổng của 1.107/3.321 đơn vị; để trống: UBND xã 0001, Thử Nghiệm,")
    assert note.endswith("UBND xã 0007, Thử Nghiệm và 2.209 đơn vị khác")
    assert len(note) < 300  # bounded whatever the number of units
    assert "2.1" not in report["PL2"].notes  # asked of none: no total, no note


def test_a_total_of_every_unit_has_no_note_and_a_unit_s_own_note_comes_first() -> None:
    a = unit("UBND xã A", {"PL2:1": 3, "PL2:2.1": 4})
    b = unit("UBND xã B", {"PL2:1": 2})
    own = unit(PROVINCE.agency, {}, level=AdminLevel.PROVINCE).with_templates(
        Direction(notes={"2.1": "Số liệu sơ bộ"})
    )
    report = aggregate([a, b], into=PROVINCE, own=own).report
    assert "1" not in report["PL2"].notes
    assert report["PL2"].notes["2.1"] == (
        "Số liệu sơ bộ; Tổng của 1/2 đơn vị; để trống: UBND xã B, Thử Nghiệm"
    )


# --- checks before adding ---------------------------------------------------------------


def test_every_problem_is_listed_naming_the_files() -> None:
    reports = {
        "a.json": unit("UBND xã A", {}, unit_code="1"),
        "b.json": unit("UBND xã B", {}, unit_code="1"),
        "c.json": unit("UBND xã C", {}, period=Period.Q1),
        "d.json": unit("UBND xã D", {}, year=2023),
        "e.json": unit("UBND xã E", {}, province="Tỉnh Khác"),
    }
    with pytest.raises(ConsolidationError) as caught:
        aggregate(reports, into=PROVINCE)
    error = caught.value
    assert isinstance(error, ValueError)
    assert isinstance(error, CchcError)
    paths = [p.path for p in error.problems]
    assert paths == ["b.json", "c.json", "d.json", "e.json"]
    text = str(error)
    assert "a.json" in text  # the duplicate names the file it duplicates
    assert "4 problems" in text
    assert "kỳ báo cáo Quý I năm 2024" in error.message("vi")


def test_levels_must_fit() -> None:
    district = ReportInfo(
        agency="UBND huyện A", level=AdminLevel.DISTRICT, period=Period.H1, year=2024
    )
    with pytest.raises(ConsolidationError, match="level department cannot be consolidated"):
        aggregate([unit("Sở A", {}, AdminLevel.DEPARTMENT)], into=district)
    commune = attrs.evolve(district, level=AdminLevel.COMMUNE)
    with pytest.raises(ConsolidationError, match="filed by a province, a district or the nation"):
        aggregate([unit("UBND xã A", {})], into=commune)


def test_communes_and_their_districts_are_not_added_together() -> None:
    reports = {
        "x.json": unit("UBND xã A", {}),
        "h.json": unit("UBND huyện H", {}, AdminLevel.DISTRICT),
    }
    with pytest.raises(ConsolidationError, match="covers its communes") as caught:
        aggregate(reports, into=PROVINCE)
    assert "x.json" in str(caught.value)
    national = attrs.evolve(PROVINCE, province=None)
    mixed = {"p.json": unit("UBND tỉnh P", {}, AdminLevel.PROVINCE), "x.json": unit("UBND xã", {})}
    with pytest.raises(ConsolidationError, match="province report already covers its communes"):
        aggregate(mixed, into=national)


def test_the_own_report_must_be_at_the_consolidated_level() -> None:
    own = unit("UBND xã A", {"PL2:1": 1})
    with pytest.raises(ConsolidationError, match="own report is at level commune"):
        aggregate([unit("UBND xã B", {})], into=PROVINCE, own=own)
    province = unit("UBND tỉnh Thử Nghiệm", {}, AdminLevel.PROVINCE)
    national = attrs.evolve(PROVINCE, province=None)
    with pytest.raises(ConsolidationError, match="a unit counts once"):
        aggregate([province], into=national, own=province)


@pytest.mark.parametrize(
    "junk", [None, 1, "€", "UBND xã", b"x", example(), [None], [1.5], {"a": "b"}, ["😀" * 10_000]]
)
def test_junk_is_refused_with_a_type_error(junk: Any) -> None:
    with pytest.raises(ValueTypeError):
        aggregate(junk, into=PROVINCE)


def test_into_is_needed() -> None:
    with pytest.raises(ValueTypeError, match="into"):
        aggregate([unit("UBND xã A", {})])
    with pytest.raises(ValueTypeError, match="into"):
        aggregate([unit("UBND xã A", {})], into="UBND tỉnh")  # type: ignore[arg-type]
    with pytest.raises(ValueTypeError, match="own"):
        aggregate([], into=PROVINCE, own="UBND tỉnh")  # type: ignore[arg-type]
    with pytest.raises(ValueTypeError, match="parts"):
        combine([example()], into=PROVINCE)  # type: ignore[list-item]
    with pytest.raises(ValueTypeError, match="parts"):
        combine(aggregate([], into=PROVINCE), into=PROVINCE)  # type: ignore[arg-type]


# --- the national report ----------------------------------------------------------------

NATION = ReportInfo(agency="Bộ Nội vụ", level=AdminLevel.PROVINCE, period=Period.H1, year=2024)


def _province(name: str, n: int) -> tuple[list[Report], Report]:
    communes = [
        unit(
            f"UBND xã {name}{i}",
            {"PL4:3.3.1": 10 * (i + 1), "PL4:3.3.2": 9 * (i + 1), "PL8:6.4.1": 5, "PL8:6.4.2": i},
            province=name,
        )
        for i in range(n)
    ]
    own = unit(
        f"UBND tỉnh {name}",
        {"PL4:3.1.1": 100, "PL4:3.1.2": 99, "PL2:3.1": 4, "PL8:2": 2},
        AdminLevel.PROVINCE,
        province=name,
    )
    return communes, own


def test_provinces_into_the_national_report() -> None:
    parts = []
    flat: dict[str, Report] = {}
    for name, n in (("P", 3), ("Q", 2)):
        communes, own = _province(name, n)
        into = attrs.evolve(PROVINCE, agency=f"UBND tỉnh {name}", province=name)
        part = aggregate(communes, into=into, own=own)
        parts.append(part)
        flat[f"{name}.json"] = part.report
    nation = combine(parts, into=NATION)
    report = nation.report
    assert report.value("PL4", "3.3.1") == 10 + 20 + 30 + 10 + 20
    assert report.value("PL4", "3.1.1") == 200  # the provinces' own figures are in
    assert report.value("PL2", "3.1") == 8
    assert report.value("PL8", "2") is None  # the ministry's own, not given
    assert nation.provenance("PL8", "2").distribution() == {2: 2}
    assert len(nation.units) == 5
    assert sum(s.own for s in nation.sources) == 2
    assert nation.validation.valid
    # the same from the provinces' reports, each a unit of the national report
    from_reports = aggregate(flat, into=NATION)
    assert from_reports.report.templates == report.templates
    assert from_reports.validation.valid


def test_a_unit_in_two_parts_is_found() -> None:
    a = unit("UBND xã A", {"PL2:1": 1})
    with pytest.raises(ConsolidationError, match="a unit counts once"):
        combine([aggregate([a], into=PROVINCE), aggregate([a], into=PROVINCE)], into=PROVINCE)


def test_results_are_values() -> None:
    a = unit("UBND xã A", {"PL2:1": 1})
    one, two = aggregate([a], into=PROVINCE), aggregate([a], into=PROVINCE)
    assert one == two
    assert hash(one) == hash(two)
    assert isinstance(one, Aggregation)
    assert repr(one) == "<Aggregation of 1 unit into 'UBND tỉnh Thử Nghiệm' (province, h1 2024)>"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        one.report = a  # type: ignore[misc]
    data = one.to_data("en", provenance=True)
    assert json.loads(json.dumps(data)) == data
    assert data["provenance"][0]["template"] == "PL2"


def test_a_ratio_is_rounded_as_derive_rounds() -> None:
    a = unit("UBND xã A", {"PL2:2.1": 3, "PL2:2.2": 1})
    b = unit("UBND xã B", {"PL2:2.1": 3, "PL2:2.2": 1})
    value = aggregate([a, b], into=PROVINCE).report.value("PL2", "2")
    assert value == round_half_up(Fraction(2 * 100, 6), 2) == Decimal("33.33")


def test_templates_no_unit_filed_are_not_carried() -> None:
    result = aggregate([unit("UBND xã A", {"PL2:1": 1})], into=PROVINCE)
    assert list(result.report.templates) == ["PL2"]
    assert all(isinstance(t, Template) for t in result.report.templates.values())


def test_totals_of_totals_are_completed_in_order() -> None:
    # PL7 2.4 is completed from its parts, while 2.1 is never the sum of the autonomy
    # groups (PL7.parts.2.1: a unit may be in none)
    parts = {"PL7:2.2": 1, "PL7:2.3": 2, "PL7:2.5": 4, "PL7:2.4.1": 1, "PL7:2.4.2": 1}
    result = aggregate([unit("UBND xã A", {**parts, "PL7:2.4.3": 1})], into=PROVINCE)
    assert (result.report.value("PL7", "2.4"), result.report.value("PL7", "2.1")) == (3, None)
    blank_part = aggregate([unit("UBND xã A", parts)], into=PROVINCE)  # 2.4.3 blank
    assert blank_part.report.value("PL7", "2.4") is None
    assert blank_part.report.value("PL7", "2.1") is None


def test_totals_of_other_shapes_are_completed_by_derive() -> None:
    rules = builtin_rules() + loads_rules(
        """
        [[rule]]
        id = "X.twice"
        kind = "total"
        derive = true
        expr = "PL2:1 = PL2:5.1 * 2"

        [[rule]]
        id = "X.zero"
        kind = "total"
        derive = true
        blanks = "zero"
        expr = "PL2:6.1 = PL2:6.2 + PL2:6.3"
        """
    )
    a = unit("UBND xã A", {"PL2:5.1": 3, "PL2:6.2": 4})
    b = unit("UBND xã B", {"PL2:1": 1, "PL2:5.1": 3, "PL2:6.1": 1})
    result = aggregate([a, b], into=PROVINCE, rules=rules)
    assert result.report.value("PL2", "1") == 6 + 1
    assert result.report.value("PL2", "6.1") == 4 + 1
    assert aggregate([a, b], into=PROVINCE).report.value("PL2", "1") == 1  # built-in rules


def _documented() -> dict[tuple[str, str], str]:
    """The table of docs/consolidation.md: ``(template, code)`` → consolidation."""
    text = (Path(__file__).parents[2] / "docs" / "consolidation.md").read_text("utf-8")
    table = text.split("The 2024 catalog, row by row:")[1].split("\n\n")[1]
    out: dict[tuple[str, str], str] = {}
    for line in table.splitlines()[2:]:
        rows, how = (cell.strip() for cell in line.split("|")[1:3])
        tid, _, codes = rows.partition(" ")
        order = [r.code for r in edition().spec(tid).value_indicators]
        for item in codes.split(", "):
            first, _, last = item.partition("–")
            span = order[order.index(first) : order.index(last or first) + 1]
            for code in span:
                assert (tid, code) not in out, (tid, code)
                out[tid, code] = how
    return out


def test_the_documented_table_is_the_catalog() -> None:
    catalog = {
        (row.template, row.code): row.consolidation.value
        for row in edition().indicators()
        if row.consolidation is not None
    }
    assert _documented() == catalog


# --- rows left blank on purpose, and questions only a unit's own report raises -----------


def _three_communes() -> Aggregation:
    communes = {
        f"{name}.json": Report(
            info=attrs.evolve(example().info, agency=f"UBND xã {name}"),
            templates=example().templates.values(),
        )
        for name in ("Hương Sơn", "Hương Hữu", "Thượng Long")
    }
    info = attrs.evolve(example().info, level=AdminLevel.PROVINCE, agency="UBND tỉnh")
    return aggregate(communes, into=info)


def test_rows_left_blank_on_purpose_say_why() -> None:
    report = _three_communes().report
    notes = {
        (tid, code): text
        for tid, tpl in report.templates.items()
        for code, text in tpl.notes.items()
    }
    own = BLANK_NOTES["own"]
    assert notes[("PL4", "1.4")] == own  # the province's own procedures
    assert notes[("PL2", "7")] == notes[("PL2", "8")] == own  # its own survey, dialogue
    assert notes[("PL8", "6.1")] == own
    assert notes[("PL8", "5.1.3")] == BLANK_NOTES["none"]  # a rate without its parts
    assert report.value("PL4", "3.3.1") == 3 * 276  # a sum has a value and no note
    assert ("PL4", "3.3.1") not in notes
    for tid, tpl in report.templates.items():  # every blank value row says why, or sums nothing
        for row in tpl.spec.value_indicators:
            if report.value(tid, row.code) is None and row.consolidation is not Consolidation.SUM:
                assert (tid, row.code) in notes, (tid, row.code)


def test_a_row_not_asked_at_the_level_says_so() -> None:
    district = attrs.evolve(PROVINCE, level=AdminLevel.DISTRICT, agency="UBND huyện Thử")
    result = aggregate([unit("UBND xã A", {"PL2:3.1": 1})], into=district)
    assert result.report.templates["PL2"].notes["3.2"] == (
        "Chỉ tiêu không áp dụng đối với cấp huyện"  # the districts inspected: a province's row
    )


def test_the_consolidating_units_own_note_is_kept() -> None:
    own = unit("UBND tỉnh Thử Nghiệm", {"PL4:1.1": 3}, AdminLevel.PROVINCE)
    own = own.with_templates(attrs.evolve(own.templates["PL4"], notes={"1.4": "đang rà soát"}))
    result = aggregate([unit("UBND xã A", {"PL4:3.3.1": 1})], own=own)
    assert result.report.templates["PL4"].notes["1.4"] == "đang rà soát"
    assert result.report.templates["PL4"].notes["1.2"] == BLANK_NOTES["own"]


def test_why_a_row_is_blank_shows_in_every_format() -> None:
    report = _three_communes().report
    why = BLANK_NOTES["own"]
    for to in ("text", "markdown", "html", "csv"):
        shown = " ".join(str(render(report, to)).replace("\\", "").split())
        assert why in shown, to
    for to, extract in (("xlsx", xlsx_extract), ("docx", docx_extract)):
        assert why in extract(render(report, to)), to  # type: ignore[arg-type]


def test_a_sum_is_not_asked_how_it_was_written() -> None:
    result = _three_communes()
    commune = validate(example())
    assert any(f.rule.startswith("PL7.plausible") for f in commune.findings)
    assert result.report.value("PL7", "1.1") == Decimal("11.661")  # three decimals, from its parts
    assert not any(f.rule.startswith("PL7.plausible") for f in result.validation.findings)


# --- the reform of 1 July 2025: the rows about districts are asked of no one after it ------

AFTER_REFORM: dict[str, Any] = {"period": Period.H2, "year": 2025}
DISTRICT_ROWS = [
    (row.template, row.code)
    for row in edition().indicators()
    if row.until is not None and row.kind is not None
]


def test_a_province_of_communes_after_the_reform_asks_no_district_row() -> None:
    communes = [
        unit(f"UBND {kind} {n}", {"PL2:1": 2, "PL8:6.1.1": 10, "PL8:6.1.2": 9}, **AFTER_REFORM)
        for kind, n in (("xã", "A"), ("phường", "B"), ("đặc khu", "C"))
    ]
    own = unit(
        "UBND tỉnh Thử Nghiệm",
        {  # the province's own report still fills rows about districts: not taken
            "PL2:3.2": 4,  # Số UBND cấp huyện đã kiểm tra (sums)
            "PL3:1.2": 3,  # Số VBQPPL do cấp huyện ban hành (sums)
            "PL4:1.4.1": 1200,
            "PL4:1.4.2": 150,  # Số TTHC cấp huyện (its own figure)
            "PL4:1.4.3": 137,
            "PL2:1": 40,
        },
        AdminLevel.PROVINCE,
        **AFTER_REFORM,
    )
    into = attrs.evolve(PROVINCE, **AFTER_REFORM)
    result = aggregate(communes, into=into, own=own)
    report = result.report
    assert report.value("PL2", "1") == 46
    for tid, code in DISTRICT_ROWS:
        if tid in report:
            assert report.value(tid, code) is None, (tid, code)
            assert report[tid].notes[code] == (  # the reform is why, not the level
                "Chỉ tiêu không áp dụng đối với kỳ báo cáo bắt đầu từ ngày 01/07/2025 (chính"
                " quyền địa phương hai cấp, không còn cấp huyện)"
            )
    assert report.value("PL4", "1.4") == 1337  # derived without the district row
    # the rows are asked of no unit in the period: no "partial" or "own" note names them
    district_codes = {f"{tid} {code}" for tid, code in DISTRICT_ROWS}
    for note in result.notes:
        assert not {f"{note.template} {code}" for code in note.codes} & district_codes, note
    row = result.provenance("PL3", "1.2")
    assert (row.value, row.own, row.blank, dict(row.values)) == (None, 3, (), {})
    assert len(row.not_applicable) == 3
    assert result.validation.valid, [f.message("en") for f in result.validation.findings]
    # the table model shows each blank district row with its reason, as every render does
    table = cchc_model.table_model(report)
    assert table["PL3"].row("1.2").note_text == report["PL3"].notes["1.2"]


def test_the_national_report_after_the_reform_lists_no_province_as_blank_in_district_rows() -> None:
    provinces = [
        unit(f"UBND tỉnh {n}", {"PL3:1.1": 5, "PL3:1.2": None}, AdminLevel.PROVINCE, **AFTER_REFORM)
        for n in "AB"
    ]
    # one province still fills a district row: its value is not added, and said so
    provinces.append(
        unit("UBND tỉnh C", {"PL3:1.1": 5, "PL3:1.2": 7}, AdminLevel.PROVINCE, **AFTER_REFORM)
    )
    nation = attrs.evolve(PROVINCE, agency="Bộ Nội vụ", province=None, **AFTER_REFORM)
    result = aggregate(provinces, into=nation)
    assert result.report.value("PL3", "1.1") == 15
    assert result.report.value("PL3", "1.2") is None
    row = result.provenance("PL3", "1.2")
    assert row.blank == ()
    assert dict(row.ignored) == {"UBND tỉnh C, Thử Nghiệm": 7}
    kinds = {note.kind for note in result.notes if note.template == "PL3" and "1.2" in note.codes}
    assert kinds == {"ignored"}
    # before the reform the same row is asked of provinces, and summed
    before = [attrs.evolve(p, info=attrs.evolve(p.info, period=Period.H1)) for p in provinces]
    earlier = aggregate(before, into=attrs.evolve(nation, period=Period.H1))
    assert earlier.report.value("PL3", "1.2") == 7
    assert len(earlier.provenance("PL3", "1.2").blank) == 2


def test_a_district_report_after_the_reform_is_not_consolidated() -> None:
    district = unit("UBND huyện A", {"PL2:1": 1}, AdminLevel.DISTRICT, **AFTER_REFORM)
    with pytest.raises(ConsolidationError, match="two tiers") as caught:
        aggregate({"huyen-a.json": district}, into=attrs.evolve(PROVINCE, **AFTER_REFORM))
    assert caught.value.problems[0].path == "huyen-a.json"
