"""The engine's fast paths give the same answers as plain interval evaluation.

The engine checks a comparison on the values as written first (point-first), every part
of an ``or`` so before any through the interval arithmetic, a ratio of counts by
cross-multiplying integers, an expression over counts with plain ``int``, the rules
about one row in batches, and the comparisons of counts and the ratios of a plan in one
sweep. Each is a shortcut for the interval arithmetic of
the rule language; a plan compiled with ``plain=True`` has none of them. Over the
shipped strategies (consistent reports, reports that break one rule, and reports with
any value the types allow), both give the same findings, truncations and counts.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from cchc_model import (
    AdminLevel,
    Kind,
    Period,
    Report,
    RuleSet,
    builtin_rules,
    edition,
    loads_rules,
    strategies,
    validate,
)
from cchc_model._rules import interval as iv
from cchc_model._rules.engine import Entry, plan_for
from cchc_model._rules.expr import Logic, walk
from cchc_model._rules.validate import report_span
from reports import report_of

RULES = builtin_rules()


def plain(report: Report, rules: RuleSet = RULES) -> tuple[list[tuple[str, bool]], int]:
    """The rules that fail (with whether they hold if truncated) and how many were evaluated."""
    ed = edition(report.edition)
    plan = plan_for(rules, ed, report.info.level, report_span(report), plain=True)
    assert (plan.rows, plan.batch, plan.sweep) == (None, None, None)
    tpls = dict(report.templates)
    failed: list[tuple[str, bool]] = []
    evaluated = 0
    for entry in plan.entries:
        result = entry.check(tpls, iv.ROUNDED)
        if result is None:
            continue
        evaluated += 1
        if result is False:
            truncated = entry.reads_decimals and entry.check(tpls, iv.TRUNCATED) is True
            failed.append((entry.rule.id, truncated))
    return sorted(failed), evaluated


def fast(report: Report, rules: RuleSet = RULES) -> tuple[list[tuple[str, bool]], int]:
    result = validate(report, rules=rules)
    findings = [(f.rule, f.truncated) for f in result.findings if f.template is not None]
    return sorted(findings), result.evaluated


REPORTS = st.one_of(
    strategies.reports(),
    strategies.reports(blanks=False),
    strategies.violating().map(lambda violation: violation.report),
    strategies.reports(consistent=False),
)


@given(REPORTS)
def test_the_fast_paths_give_the_findings_of_plain_interval_evaluation(report: Report) -> None:
    assert fast(report) == plain(report)


@given(strategies.violating())
def test_a_violation_is_found_by_both(violation: strategies.Violation) -> None:
    failed, _ = plain(violation.report)
    assert failed == [(violation.rule_id, False)]
    assert fast(violation.report) == plain(violation.report)


# --- ratios on the edge of their rounding ------------------------------------------------

RATIOS = [rule for rule in RULES if rule.kind == "ratio"]


@st.composite
def edge_ratios(draw: st.DrawFn) -> Report:
    """A ratio row written next to, or exactly on, a bound of the value it stands for.

    ``1 / 8`` is 12.5 %: written ``12`` it stands for [11.5, 12.5), which misses it (and
    holds only if truncated); ``13`` stands for [12.5, 13.5), which holds it. The rate is
    written with 0–2 decimals, one unit of its last place around the exact value.
    """
    rule = draw(st.sampled_from(RATIOS))
    rate, part, whole = rule.references  # R = N / D * 100
    rows = [edition().indicator(r.template, r.code) for r in (rate, part, whole)]
    level = draw(st.sampled_from([lv for lv in AdminLevel if all(r.applies_to(lv) for r in rows)]))
    if rows[2].kind is Kind.COUNT:
        # wholes whose ratios end in a 5 one place past the written ones: on a bound
        d = draw(st.sampled_from((8, 16, 40, 80, 160, 400, 2000)) | st.integers(1, 400))
        n: int | Decimal = draw(st.integers(0, d))
        dv: int | Decimal = d
    else:  # amounts, written with 0–3 decimals
        mantissa = draw(st.sampled_from((8, 16, 40, 80, 3887)) | st.integers(1, 10**6))
        dv = Decimal(mantissa).scaleb(-draw(st.integers(0, 3)))
        n = Decimal(draw(st.integers(0, 10**6))).scaleb(-draw(st.integers(0, 3)))
    exact = Fraction(n) * 100 / Fraction(dv)
    places = draw(st.integers(0, 2))
    scaled = exact * 10**places
    near = math.floor(scaled) + draw(st.integers(-1, 2))
    written = Decimal(near).scaleb(-places)
    return report_of({rate.key: written, part.key: n, whole.key: dv}, level)


@given(edge_ratios())
def test_ratios_on_the_edge_agree(report: Report) -> None:
    assert fast(report) == plain(report)


# --- disjunctions on the edge of their bounds --------------------------------------------

DISJUNCTIONS = [
    rule for rule in RULES if any(isinstance(n, Logic) and n.op == "or" for n in walk(rule.tree))
]


def near(draw: Callable[..., Any], kind: Kind | None) -> int | Decimal | None:
    """A value of ``kind`` on, or within a few units of the last place of, 0, 1, 100 or 1000."""
    if draw(st.booleans()) and draw(st.booleans()):
        return None
    whole: int = draw(st.sampled_from((0, 1, 2, 100, 1000)))
    if kind in (Kind.COUNT, Kind.CODE):
        step: int = draw(st.integers(-1, 1))
        return whole + step
    places: int = draw(st.integers(0, 3))
    step = draw(st.integers(-6, 6))
    return Decimal(whole * 10**places + step).scaleb(-places)


@st.composite
def edge_disjunctions(draw: st.DrawFn) -> Report:
    """A report for a rule with an ``or`` (``R <= 0 or R >= 100``), its rows near the bounds."""
    rule = draw(st.sampled_from(DISJUNCTIONS))
    rows = [edition().indicator(r.template, r.code) for r in rule.references]
    level = draw(
        st.sampled_from(
            [
                lv
                for lv in AdminLevel
                if all(row.applies_to(lv) for row in rows)
                and (rule.levels is None or lv in rule.levels)
            ]
        )
    )
    return report_of(
        {r.key: near(draw, row.kind) for r, row in zip(rule.references, rows, strict=True)}, level
    )


@given(edge_disjunctions())
def test_disjunctions_on_the_edge_agree(report: Report) -> None:
    assert fast(report) == plain(report)


MIXED = loads_rules("""
[[rule]]
id = "X.or.written-first"
expr = "PL4:3.3 <= 50 or PL4:3.3.2 / PL4:3.3.1 * 100 >= 60 or PL4:3.3.1 > 5 or PL7:1.1 >= 2"

[[rule]]
id = "X.or.nested"
expr = "not (PL4:3.3 >= 99.5 or PL7:1.1 < 1) or (PL4:3.3.1 = 0 and PL7:1.1 <= 1000)"

[[rule]]
id = "X.or.tolerance"
expr = "PL7:1.1 <= 1 or PL7:1.1 = PL7:1.2"
tolerance = { abs = 0.001 }
""")


@given(st.data())
def test_disjunctions_mixing_parts_agree(data: st.DataObject) -> None:
    kinds = {"PL4:3.3": Kind.PERCENT, "PL4:3.3.1": Kind.COUNT, "PL4:3.3.2": Kind.COUNT}
    kinds |= {"PL7:1.1": Kind.MONEY, "PL7:1.2": Kind.MONEY}
    values = {key: near(data.draw, kind) for key, kind in kinds.items()}
    report = report_of(
        values, data.draw(st.sampled_from([AdminLevel.COMMUNE, AdminLevel.PROVINCE]))
    )
    assert fast(report, MIXED) == plain(report, MIXED)


# --- the sweep: comparisons of counts and ratios, on and around each other ---------------

PERIODS = ((Period.H1, 2024), (Period.H2, 2025), (Period.YEAR, 2025))


def swept(level: AdminLevel, period: Period, year: int) -> tuple[Entry, ...]:
    """The entries of the plan's sweep for reports of ``level`` on ``period`` of ``year``."""
    plan = plan_for(RULES, edition(), level, period.span(year))
    if plan.sweep is None:
        return ()
    return (
        *(entry for *_, entries in plan.sweep.compares for entry in entries),
        *(entry for entry, *_ in plan.sweep.ratios),
    )


SWEPT = {
    (level, period, year): entries
    for level in AdminLevel
    for period, year in PERIODS
    if (entries := swept(level, period, year))
}


def test_the_sweep_takes_the_comparisons_of_counts_and_the_ratios() -> None:
    entries = SWEPT[AdminLevel.COMMUNE, Period.H2, 2025]
    kinds = {entry.rule.kind for entry in entries}
    assert {"part", "total", "ratio"} <= kinds
    assert all(entry.rule.tolerance is None for entry in entries)


@st.composite
def swept_reports(draw: st.DrawFn) -> Report:
    """A report whose swept rules read values on, next to, or far from each other.

    A few rules of a sweep get their rows from a small pool of counts (so that sums meet
    their whole, miss it by one, or pass it), percentages around the ratio of the pool's
    counts, and blanks; a template the rules read may be left out. Shrinks towards zeros.
    """
    level, period, year = draw(st.sampled_from(sorted(SWEPT, key=str)))
    entries = draw(st.lists(st.sampled_from(SWEPT[level, period, year]), min_size=1, max_size=5))
    pool = draw(st.lists(st.integers(0, 12), min_size=1, max_size=4))
    values: dict[str, int | Decimal | None] = {}
    for entry in entries:
        for ref in entry.refs:
            kind = edition().indicator(ref.template, ref.code).kind
            if draw(st.integers(0, 9)) == 0:
                values[ref.key] = None
            elif kind is Kind.PERCENT:
                share = (
                    draw(st.sampled_from(pool))
                    * 100
                    / Fraction(max(draw(st.sampled_from(pool)), 1))
                )
                places = draw(st.integers(0, 2))
                near = math.floor(share * 10**places) + draw(st.integers(-1, 1))
                values[ref.key] = Decimal(near).scaleb(-places)
            elif kind is Kind.MONEY:
                values[ref.key] = Decimal(draw(st.sampled_from(pool))).scaleb(
                    -draw(st.integers(0, 3))
                )
            else:
                values[ref.key] = draw(st.sampled_from(pool)) + draw(st.integers(-1, 1))
    templates = edition().template_ids
    if draw(st.integers(0, 3)) == 0:  # leave out a template (the sweep then checks one by one)
        dropped = draw(st.sampled_from(templates))
        values = {k: v for k, v in values.items() if not k.startswith(f"{dropped}:")}
        templates = tuple(tid for tid in templates if tid != dropped)
    return report_of(values, level, templates=templates, period=period, year=year)


@given(swept_reports())
def test_the_sweep_gives_the_findings_of_plain_interval_evaluation(report: Report) -> None:
    assert fast(report) == plain(report)
    assert validate(report).skipped == plain_skipped(report)


def plain_skipped(report: Report) -> int:
    ed = edition(report.edition)
    plan = plan_for(RULES, ed, report.info.level, report_span(report), plain=True)
    return plan.total - plain(report)[1]


@given(strategies.reports(consistent=False), st.sampled_from(PERIODS))
def test_the_sweep_agrees_on_any_values(report: Report, when: tuple[Period, int]) -> None:
    moved = attrs.evolve(report, info=attrs.evolve(report.info, period=when[0], year=when[1]))
    assert fast(moved) == plain(moved)
