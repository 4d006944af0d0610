"""Validation and derivation against the shipped strategies.

* a consistent report validates with no error, no warning and no info;
* ``violating(rule)`` gives exactly that rule's finding, for each of the built-in rules;
* ``derive`` is idempotent, keeps what was reported, and computes what the rules say.

Examples: the profile's per test (50 locally, 300 in CI), except the test run once per
built-in rule, which draws ``PER_RULE`` examples for each of the 245 rules (3 locally,
10 in CI).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_model import (
    Report,
    RuleSet,
    builtin_rules,
    derive,
    edition,
    strategies,
    validate,
)
from cchc_model._model.template import Value
from cchc_model._rules.engine import read_refs
from cchc_model._rules.interval import round_half_up

RULES = builtin_rules()
PER_RULE = max(3, settings().max_examples // 30)
ALL_TEMPLATES = edition().template_ids


@given(strategies.reports())
def test_a_consistent_report_has_no_finding(report: Report) -> None:
    result = validate(report)
    assert result.findings == (), [f.message("en") for f in result.findings]
    assert result.evaluated + result.skipped == len(RULES)


@given(strategies.reports(blanks=False, templates=ALL_TEMPLATES))
def test_the_rules_are_evaluated_not_skipped(report: Report) -> None:
    # not vacuous: each filled row's domain rule is evaluated, and so is every ratio
    # whose whole is not 0
    result = validate(report)
    filled = sum(1 for _, value, _ in report.cells() if value is not None)
    assert result.evaluated >= filled
    assert result.findings == ()


@pytest.mark.parametrize("rule_id", RULES.ids)
@settings(max_examples=PER_RULE)
@given(data=st.data())
def test_violating_each_rule_gives_exactly_its_finding(rule_id: str, data: st.DataObject) -> None:
    violation = data.draw(strategies.violating(rule_id))
    findings = validate(violation.report).findings
    assert len(findings) == 1, [(f.rule, dict(f.values)) for f in findings]
    (finding,) = findings
    assert violation.matches(finding), (finding, violation)
    assert finding.message("vi")
    assert finding.message("en")


@given(strategies.violating())
def test_violating_any_rule(violation: strategies.Violation) -> None:
    (finding,) = validate(violation.report).findings
    assert violation.matches(finding)
    # the rule checked alone finds the same
    alone = validate(violation.report, rules=RuleSet([violation.rule])).findings
    assert alone == (finding,)


# --- derive -------------------------------------------------------------------------------


def values_of(report: Report) -> dict[str, Value]:
    return {
        f"{tid}:{code}": value
        for tid, tpl in report.templates.items()
        for code, value in tpl.filled().items()
    }


@given(strategies.reports())
def test_derive_is_idempotent_keeps_what_was_reported_and_stays_consistent(report: Report) -> None:
    derived = derive(report)
    assert derive(derived) == derived
    assert values_of(report).items() <= values_of(derived).items()
    assert validate(derived).findings == ()


DERIVED = [rule for rule in RULES if rule.derive]


@given(strategies.reports(blanks=False))
def test_derive_computes_what_each_rule_says(report: Report) -> None:
    level = report.info.level
    targets = {rule.references[0].key for rule in DERIVED}
    kept = {k: v for k, v in values_of(report).items() if k not in targets}
    end = report.info.period.span(report.info.year)
    stripped = Report(
        info=report.info,
        templates=[
            type(tpl).from_codes({c: v for c, v in tpl.filled().items() if f"{tid}:{c}" in kept})
            for tid, tpl in report.templates.items()
        ],
    )
    derived = derive(stripped)
    values = values_of(derived)
    for rule in DERIVED:
        if not rule.in_force(level, end):  # PL5.total.1.5 ends with the districts
            continue
        target, *written = rule.references  # PLn:code = expression, in the written order
        read = {ref.key for ref in read_refs(rule, edition(), level, end)}
        sources = [ref for ref in written if ref.key in read]  # rows asked at the level
        row = edition().indicator(target.template, target.code)
        inputs = [values.get(ref.key) for ref in sources]
        if target.template not in derived or not sources or None in inputs:
            continue
        if not row.applies_to(level, end):
            assert target.key not in values, rule.id
            continue
        expected = _computed(rule.kind, inputs)
        if expected is None:  # a ratio of nothing stays blank
            assert target.key not in values, rule.id
            continue
        got = values[target.key]
        if isinstance(got, Decimal):
            places = 2 if row.decimals is None else row.decimals
            assert got == round_half_up(expected, places), rule.id
            assert got.as_tuple().exponent == -places, rule.id
        else:
            assert got == expected, rule.id
    assert validate(derived).findings == ()


def _computed(kind: str, inputs: list[Value | None]) -> Fraction | None:
    numbers = [Fraction(v) for v in inputs if v is not None]
    if kind == "ratio":  # part / whole × 100, in the order the rule reads them
        part, whole = numbers[0], numbers[1]
        return None if whole == 0 else part * 100 / whole
    return sum(numbers, Fraction(0))  # totals and identities add their parts
