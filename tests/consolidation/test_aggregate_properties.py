"""Properties of consolidation: associativity, sums, recomputed ratios, valid results."""

from __future__ import annotations

import functools
import importlib
import operator
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any
from unittest import mock

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_model import (
    AdminLevel,
    Aggregation,
    AggregationNote,
    Code,
    Consolidation,
    Period,
    Report,
    ReportInfo,
    Severity,
    aggregate,
    builtin_rules,
    combine,
    edition,
    strategies,
    validate,
)
from cchc_model._consolidation.aggregate import NoteKind
from cchc_model._model.template import MAX_TEXT_CHARS, Value
from cchc_model._model.units import Kind
from cchc_model._rules.expr import Compare, Ref, references
from cchc_model._rules.interval import round_half_up
from reports import consistent_values

PROVINCE = ReportInfo(
    agency="UBND tỉnh Thử Nghiệm", level=AdminLevel.PROVINCE, period=Period.H1, year=2024
)
NATION = ReportInfo(agency="Bộ Nội vụ", level=AdminLevel.PROVINCE, period=Period.H1, year=2024)


def _info(n: int, level: AdminLevel, province: str | None = None) -> ReportInfo:
    return ReportInfo(
        agency=f"UBND {n}",
        level=level,
        period=Period.H1,
        year=2024,
        unit_code=f"{n:05}",
        province=province,
    )


def _thousandth(value: Value) -> Value:
    if isinstance(value, Decimal):
        return value.scaleb(-3)
    return value if isinstance(value, Code) else value // 1000


@st.composite
def any_units(draw: st.DrawFn, max_size: int = 6) -> list[Report]:
    """Reports of distinct units (communes and departments) with any values at all."""
    count = draw(st.integers(0, max_size))
    reports = []
    for n in range(count):
        level = draw(st.sampled_from([AdminLevel.COMMUNE, AdminLevel.DEPARTMENT]))
        classes = draw(st.lists(st.sampled_from(edition().classes), unique=True, max_size=3))
        # a thousandth of any value: the sums of a few units stay within the bound of a
        # report (below 10**15), which aggregate refuses to go beyond
        drawn = [draw(strategies.templates(cls, consistent=False)) for cls in classes]
        templates = [
            tpl.replace({c: _thousandth(v) for c, v in tpl.filled().items()}) for tpl in drawn
        ]
        reports.append(Report(info=_info(n, level), templates=templates))
    return reports


@functools.cache
def _components() -> tuple[frozenset[str], ...]:
    """The rows that rules tie together (``PL4:3.3.1`` with ``PL4:3.3.2``…), as groups."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    for rule in builtin_rules():
        if rule.kind in ("domain", "level"):
            continue
        keys = [ref.key for ref in rule.references]
        for key in keys[1:]:
            parent[find(key)] = find(keys[0])
    for row in edition().indicators():
        if not row.is_heading:
            find(f"{row.template}:{row.code}")
    groups: dict[str, set[str]] = {}
    for key in parent:
        groups.setdefault(find(key), set()).add(key)
    return tuple(frozenset(g) for g in sorted(groups.values(), key=sorted))


@st.composite
def consistent_communes(
    draw: st.DrawFn, first: int = 0, max_size: int = 5, province: str | None = None
) -> list[Report]:
    """Commune reports that satisfy every rule, blank as units leave them blank.

    A unit leaves a whole group of rows blank (the rows a rule ties together, such as
    a ratio and its parts), or does not file a template; it shrinks towards no blanks.
    """
    count = draw(st.integers(1, max_size))
    reports = []
    for n in range(first, first + count):
        _, values = draw(consistent_values(AdminLevel.COMMUNE, blanks=False))
        blank = draw(st.sets(st.sampled_from(_components()), max_size=6))
        absent = draw(st.sets(st.sampled_from(edition().template_ids), max_size=2))
        # a template not filed leaves blank every group that reads one of its rows
        blank |= {g for g in _components() if any(k.partition(":")[0] in absent for k in g)}
        dropped = frozenset().union(*blank)
        kept: dict[str, dict[str, Any]] = {}
        for key, value in values.items():
            tid, _, code = key.partition(":")
            if key not in dropped:
                kept.setdefault(tid, {})[code] = value
        templates = [
            edition().template(tid).from_codes(kept.get(tid, {}))
            for tid in edition().template_ids
            if tid not in absent
        ]
        reports.append(Report(info=_info(n, AdminLevel.COMMUNE, province), templates=templates))
    return reports


# --- associativity ----------------------------------------------------------------------


@settings(max_examples=100)
@given(any_units(), st.data())
def test_consolidation_is_associative(reports: list[Report], data: st.DataObject) -> None:
    where = data.draw(st.lists(st.integers(0, 2), min_size=len(reports), max_size=len(reports)))
    a, b, c = ([r for r, i in zip(reports, where, strict=True) if i == n] for n in range(3))
    whole = aggregate(reports, into=PROVINCE)
    parts = [aggregate(part, into=PROVINCE) for part in (a, b, c)]
    assert combine(parts, into=PROVINCE) == whole
    nested = combine([combine(parts[:2], into=PROVINCE), parts[2]], into=PROVINCE)
    assert nested == whole
    assert nested.report == whole.report
    assert nested.notes == whole.notes


@settings(max_examples=50)
@given(any_units(), st.randoms(use_true_random=False))
def test_the_order_of_the_reports_does_not_matter(reports: list[Report], rng: Any) -> None:
    shuffled = list(reports)
    rng.shuffle(shuffled)
    assert aggregate(shuffled, into=PROVINCE) == aggregate(reports, into=PROVINCE)


# --- sums and ratios --------------------------------------------------------------------


@settings(max_examples=100)
@given(any_units())
def test_rows_that_add_up_hold_the_sum_of_the_units_values(reports: list[Report]) -> None:
    result = aggregate(reports, into=PROVINCE)
    originals = {s.key: s.report for s in result.sources}
    by_key = {f"{r.info.unit_code}": r for r in reports}
    for prov in result.provenances():
        if prov.consolidation is not Consolidation.SUM:
            continue
        if not prov.values and prov.value is not None:
            # a total no unit gave, computed from the consolidated parts by derive
            assert f"{prov.template}:{prov.code}" in _derive_targets()
            continue
        expected = sum(prov.values.values()) if prov.values else None
        assert prov.value == expected, (prov.template, prov.code)
        for key, value in prov.values.items():
            filed = by_key[key].value(prov.template, prov.code)
            # as filed, or a total the unit left blank and its parts give
            assert filed in (value, None)
            assert originals[key].value(prov.template, prov.code) == value


@settings(max_examples=100)
@given(any_units())
def test_provenance_is_what_each_unit_gave_row_by_row(reports: list[Report]) -> None:
    # provenance is read column by column for speed; this is its definition, unit by unit
    result = aggregate(reports, into=PROVINCE)
    for prov in result.provenances():
        row = edition().indicator(prov.template, prov.code)
        values: dict[str, Any] = {}
        ignored: dict[str, Any] = {}
        blank: list[str] = []
        not_applicable: list[str] = []
        for source in result.sources:
            tpl = source.report.templates.get(prov.template)
            value = None if tpl is None else tpl[prov.code]
            asked = row.applies_to(source.report.info.level)
            if value is None:
                (blank if asked else not_applicable).append(source.key)
            else:
                (values if asked else ignored)[source.key] = value
        assert prov.values == values
        assert list(prov.values) == list(values)  # in key order
        assert prov.blank == tuple(blank)
        assert prov.not_applicable == tuple(not_applicable)
        assert prov.ignored == ignored
        assert list(prov.ignored) == list(ignored)


@functools.cache
def _derive_targets() -> frozenset[str]:
    out = set()
    for rule in builtin_rules():
        if rule.derive:
            assert isinstance(rule.tree, Compare)
            target = rule.tree.operands[0]
            assert isinstance(target, Ref)
            out.add(target.key)
    return frozenset(out)


def _ratio_rules() -> list[tuple[Ref, Ref, Ref]]:
    out = []
    for rule in builtin_rules():
        if not (rule.derive and rule.kind == "ratio"):
            continue
        tree = rule.tree
        assert isinstance(tree, Compare)
        target = tree.operands[0]
        assert isinstance(target, Ref)
        part, whole = references(tree.operands[1])
        out.append((target, part, whole))
    return out


def _in_domain(target: Ref, value: Decimal) -> bool:
    rule = builtin_rules()[f"{target.template}.domain.{target.code}"]
    tpl = edition().template(target.template).from_codes({target.code: value})
    return validate(Report(info=PROVINCE, templates=[tpl]), rules=[rule]).valid


@settings(max_examples=100)
@given(st.lists(consistent_values(AdminLevel.COMMUNE), min_size=1, max_size=4))
def test_ratios_are_recomputed_from_the_summed_parts(
    drawn: list[tuple[AdminLevel, dict[str, Any]]],
) -> None:
    reports = []
    for n, (level, values) in enumerate(drawn):
        by_template: dict[str, dict[str, Any]] = {}
        for key, value in values.items():
            tid, _, code = key.partition(":")
            by_template.setdefault(tid, {})[code] = value
        templates = [edition().template(t).from_codes(v) for t, v in by_template.items()]
        reports.append(Report(info=_info(n, level), templates=templates))
    result = aggregate(reports, into=PROVINCE)
    for target, part, whole in _ratio_rules():
        row = edition().indicator(target.template, target.code)
        if row.consolidation is not Consolidation.RATIO:
            continue
        parts = [r.value(part.template, part.code) for r in reports]
        wholes = [r.value(whole.template, whole.code) for r in reports]
        got = result.report.value(target.template, target.code)
        if all(v is None for v in parts) or all(v is None for v in wholes):
            assert got is None
            continue
        numerator = sum(v for v in parts if v is not None)
        denominator = sum(v for v in wholes if v is not None)
        if denominator == 0:
            assert got is None
            continue
        expected = round_half_up(Fraction(numerator) * 100 / Fraction(denominator), 2)
        # a part above its whole (units that filled one but not the other) gives a rate
        # outside the row's domain, which derive leaves blank for validation to explain
        assert got == (expected if _in_domain(target, expected) else None)


# --- consolidated reports validate ------------------------------------------------------


@settings(max_examples=50)
@given(consistent_communes())
def test_consistent_communes_make_a_valid_province_report(reports: list[Report]) -> None:
    result = aggregate(reports, into=PROVINCE)
    assert result.validation.valid, [f.message("en") for f in result.validation.errors]
    assert not result.validation.warnings, [f.message("en") for f in result.validation.warnings]


@st.composite
def _provinces(draw: st.DrawFn) -> list[list[Report]]:
    count = draw(st.integers(1, 3))
    out = []
    first = 0
    for p in range(count):
        communes = draw(consistent_communes(first=first, max_size=3, province=f"P{p}"))
        first += len(communes)
        out.append(communes)
    return out


@settings(max_examples=20)
@given(_provinces())
def test_the_national_report_validates_and_is_the_sum_of_the_provinces(
    provinces: list[list[Report]],
) -> None:
    parts = [
        aggregate(communes, into=attrs.evolve(PROVINCE, province=f"P{p}"))
        for p, communes in enumerate(provinces)
    ]
    nation = combine(parts, into=NATION)
    assert nation.validation.valid, [f.message("en") for f in nation.validation.errors]
    flat = aggregate([r for communes in provinces for r in communes], into=NATION)
    assert nation == flat
    for prov in nation.provenances():
        if prov.consolidation is Consolidation.SUM and prov.value is not None:
            each = [p.report.value(prov.template, prov.code) for p in parts]
            assert prov.value == sum(v for v in each if v is not None)


def test_money_is_summed_exactly() -> None:
    reports = [
        Report(
            info=_info(n, AdminLevel.COMMUNE),
            templates=[edition().template("PL7").from_codes({"1.1": Decimal("0.1")})],
        )
        for n in range(30)
    ]
    assert aggregate(reports, into=PROVINCE).report.value("PL7", "1.1") == Decimal("3.0")


# --- the notes, read from the columns rather than from the provenance -------------------

_MODULE = importlib.import_module("cchc_model._consolidation.aggregate")


def _notes_from_provenance(result: Aggregation) -> list[AggregationNote]:
    """The notes as their definition says, read from the public provenance row by row."""
    provs = list(result.provenances())
    partial: dict[tuple[str, tuple[str, ...], int, int], list[str]] = {}
    for prov in provs:
        given, blank = len(prov.values), prov.blank
        if prov.consolidation is Consolidation.SUM and blank and given:
            partial.setdefault((prov.template, blank, given, given + len(blank)), []).append(
                prov.code
            )
    notes = [
        AggregationNote("partial", tid, tuple(codes), blank, given, asked)
        for (tid, blank, given, asked), codes in partial.items()
    ]
    kinds: dict[Consolidation, NoteKind] = {Consolidation.RATIO: "ratio", Consolidation.OWN: "own"}
    for prov in provs:
        given = len(prov.values)
        if prov.consolidation is not Consolidation.SUM and prov.value is None and given:
            low, high = prov.range() or (None, None)
            coded = prov.kind is Kind.CODE
            notes.append(
                AggregationNote(
                    kinds.get(prov.consolidation, "none"),
                    prov.template,
                    (prov.code,),
                    given=given,
                    asked=given + len(prov.blank),
                    low=None if coded else low,
                    high=None if coded else high,
                    distribution=prov.distribution() if coded else None,
                )
            )
        if prov.ignored:
            notes.append(
                AggregationNote(
                    "ignored", prov.template, (prov.code,), tuple(prov.ignored), len(prov.ignored)
                )
            )
    return notes + _finding_notes_from_provenance(result)


def _finding_notes_from_provenance(result: Aggregation) -> list[AggregationNote]:
    notes = []
    for finding in result.validation.findings:
        if finding.severity is Severity.INFO or finding.template is None:
            continue
        keys = [f"{finding.template}:{c}" for c in finding.codes] + list(finding.other_codes)
        filled: list[set[str]] = []
        asked: list[set[str]] = []
        for key in keys:
            tid, _, code = key.partition(":")
            prov = result.provenance(tid, code)
            if prov.consolidation is Consolidation.SUM:
                filled.append(set(prov.values))
                asked.append(set(prov.values) | set(prov.blank))
        partly: tuple[str, ...] = ()
        if len(filled) >= 2:  # a rule over one row cannot be partly filled
            every = functools.reduce(operator.and_, asked)
            some = functools.reduce(operator.or_, filled) & every
            partly = tuple(sorted(some - functools.reduce(operator.and_, filled)))
        notes.append(
            AggregationNote(
                "finding",
                finding.template,
                finding.codes,
                units=partly,
                rule=finding.rule,
                severity=finding.severity,
            )
        )
    return notes


def _partial_notes_from_provenance(result: Aggregation) -> Report:
    """``result.report`` with the notes on totals that miss units, read from the provenance."""
    own = {source.key for source in result.sources if source.own}
    changed = []
    for tpl in result.report.templates.values():
        notes = dict(tpl.notes)
        for row in tpl.spec.value_indicators:
            prov = result.provenance(row.template, row.code)
            if prov.consolidation is not Consolidation.SUM or prov.value is None:
                continue
            blank = tuple(key for key in prov.blank if key not in own)
            if not blank:
                continue
            given = sum(key not in own for key in prov.values)
            note = _MODULE.PARTIAL_NOTE.format(
                given=_MODULE._count(given, vi=True),
                asked=_MODULE._count(given + len(blank), vi=True),
                units=_MODULE._names(blank, vi=True),
            )
            if notes.get(row.code):
                note = f"{notes[row.code]}; {note}"
            if len(note) <= MAX_TEXT_CHARS:
                notes[row.code] = note
        if notes != dict(tpl.notes):
            changed.append(attrs.evolve(tpl, notes=notes))
    return result.report.with_templates(*changed) if changed else result.report


def _without_partial_notes(make: Callable[[], Aggregation]) -> Aggregation:
    with mock.patch.object(_MODULE, "_why_partial", lambda result: result.report):
        return make()


def _assert_notes_read_from_the_columns(make: Callable[[], Aggregation]) -> None:
    result = make()
    assert list(result.notes) == _notes_from_provenance(make())  # a fresh result: no memo
    before = _without_partial_notes(make)
    assert result.report == _partial_notes_from_provenance(before)
    assert [n.message("vi") for n in result.notes] == [
        n.message("vi") for n in _notes_from_provenance(result)
    ]


@st.composite
def _own(draw: st.DrawFn, unit_code: str = "99999") -> Report:
    """A consolidating unit's own province report, with any values, and notes."""
    classes = draw(st.lists(st.sampled_from(edition().classes), unique=True, max_size=3))
    level = AdminLevel.PROVINCE
    drawn = [draw(strategies.templates(cls, level=level, consistent=False)) for cls in classes]
    templates = [tpl.replace({c: _thousandth(v) for c, v in tpl.filled().items()}) for tpl in drawn]
    return Report(info=attrs.evolve(PROVINCE, unit_code=unit_code), templates=templates)


@settings(max_examples=100)
@given(any_units(), st.none() | _own())
def test_the_notes_are_those_the_provenance_gives(
    reports: list[Report], own: Report | None
) -> None:
    # blanks, communes with departments (rows not asked of one of them), own figures
    _assert_notes_read_from_the_columns(lambda: aggregate(reports, into=PROVINCE, own=own))


@settings(max_examples=50)
@given(any_units(), st.data())
def test_the_notes_of_a_combination_leave_out_the_parts_own_figures(
    reports: list[Report], data: st.DataObject
) -> None:
    # the parts' own figures are sources of the combination but not units of its totals
    half = len(reports) // 2
    parts = [
        aggregate(part, into=PROVINCE, own=data.draw(st.none() | _own(f"9999{n}")))
        for n, part in enumerate((reports[:half], reports[half:]))
    ]
    _assert_notes_read_from_the_columns(lambda: combine(parts, into=NATION))
