"""Properties of validation over generated reports (the shipped ``cchc_model.strategies``)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cchc_model import AdminLevel, Report, RuleSet, builtin_rules, edition, strategies, validate
from cchc_model._model.template import within_bounds
from cchc_model._rules.expr import BlankTest, If, Ref, references
from cchc_model._rules.interval import ROUNDED, from_value, may_equal
from cchc_model._rules.rulesets import Rule
from reports import applies, beyond, candidates, consistent_values, report_of

RULES = builtin_rules()


@given(strategies.reports())
def test_a_consistent_report_has_no_findings(report: Report) -> None:
    result = validate(report)
    assert result.findings == (), [f.message("en") for f in result.findings]
    assert result.valid
    assert result.evaluated + result.skipped == len(RULES)


def _checked_refs(rule: Rule) -> list[Ref]:
    """The rows a rule checks: all it reads but those only in its ``if`` condition."""
    tree = rule.tree
    return references(tree.then) if isinstance(tree, If) else references(tree)


def _insensitive(rule: Rule, key: str, values: dict[str, object], level: AdminLevel) -> bool:
    # "R != blank" (PL2.blank.7) is broken by a blank, never by a value
    if isinstance(rule.tree, If) and isinstance(rule.tree.then, BlankTest):
        return rule.tree.then.negated
    # N / D × 100 with N = 0 is 0 whatever D is: no change of D alone can break it
    if rule.kind == "ratio":
        whole = rule.references[2].key
        part = rule.references[1].key
        return key == whole and values.get(part) == 0
    # min(parts) <= whole <= max(parts): while another part may equal the whole (their
    # intervals meet: 0 and 0,01 as written), no change of one part alone can take the
    # whole out of the range
    if "min(" in rule.expression and "max(" in rule.expression:
        keys = [ref.key for ref in rule.references]
        whole = next(k for k in keys if all(o == k or o.startswith(k + ".") for o in keys))
        others = [k for k in keys if k not in {key, whole} and applies(k, level)]
        if key == whole:
            return False
        w = values.get(whole)
        below = any(_may_equal(values.get(k), w) or _below(values.get(k), w) for k in others)
        above = any(_may_equal(values.get(k), w) or _below(w, values.get(k)) for k in others)
        # the other parts alone already span the whole: no value of this one can break it
        return below and above
    return False


def _below(a: object, b: object) -> bool:
    return isinstance(a, int | Decimal) and isinstance(b, int | Decimal) and a < b


def _may_equal(a: object, b: object) -> bool:
    if not isinstance(a, int | Decimal) or not isinstance(b, int | Decimal):
        return False
    return may_equal(from_value(a, ROUNDED), from_value(b, ROUNDED))


@settings(max_examples=25)
@given(consistent_values(blanks=False), st.data())
def test_breaking_any_single_value_is_caught(
    level_values: tuple[AdminLevel, dict[str, object]], data: st.DataObject
) -> None:
    # The oracle: a rule that reads the cell in a monotone position (a sum, a ratio, a
    # bound) is broken by the cell moved beyond the reach of every side (``beyond``),
    # with either sign; the insensitive cases are told apart by _insensitive. The small
    # replacements are tried first, so that the finding shown is a plausible slip.
    level, values = level_values
    far = beyond(values)
    assume(within_bounds(far))  # beyond every rule's reach, yet a value a report can hold
    report = report_of(values, level)  # type: ignore[arg-type]
    key = data.draw(st.sampled_from(sorted(values)), label="cell")
    reading = [
        rule
        for rule in RULES
        if key in {r.key for r in _checked_refs(rule)}
        and validate(report, rules=RuleSet([rule])).evaluated == 1
    ]
    assume(reading)
    tid, _, code = key.partition(":")
    shown = code if RULES[reading[0].id].template == tid else key
    for rule in reading:
        if _insensitive(rule, key, values, level):
            continue
        caught = False
        for value in candidates(key, values[key], far):
            broken = report_of({**values, key: value}, level)  # type: ignore[dict-item]
            found = [f for f in validate(broken).findings if f.rule == rule.id]
            if found:
                home = found[0].template
                shown = code if home == tid else key
                assert shown in found[0].codes + found[0].other_codes
                caught = True
                break
        assert caught, (rule.id, key, values[key])


@settings(max_examples=25)
@given(consistent_values(blanks=False), st.data())
def test_a_value_in_a_row_not_asked_is_caught(
    level_values: tuple[AdminLevel, dict[str, object]], data: st.DataObject
) -> None:
    level, values = level_values
    not_asked = [
        f"{row.template}:{row.code}"
        for row in edition().indicators()
        if not row.is_heading and not row.applies_to(level)
    ]
    assume(not_asked)
    key = data.draw(st.sampled_from(not_asked))
    assert not applies(key, level)
    tid, _, code = key.partition(":")
    value = candidates(key, 0)[0] if edition().indicator(tid, code).code_list else 1
    report = report_of({**values, key: value}, level)  # type: ignore[dict-item]
    assert f"{tid}.level.{code}" in {f.rule for f in validate(report).findings}


@given(strategies.reports())
def test_validation_is_deterministic_and_cached_plans_agree(report: Report) -> None:
    fresh = RuleSet(list(RULES))  # a new set compiles its own plans
    assert validate(report, rules=fresh) == validate(report)


@given(strategies.reports(consistent=False))
def test_any_report_can_be_validated_and_worded(report: Report) -> None:
    from cchc_model import derive  # noqa: PLC0415

    result = validate(report)
    for finding in result.findings:
        assert finding.message("vi")
        assert finding.message("en")
        assert finding.to_data("en")["rule"] == finding.rule
    assert result.format("vi")
    derived = derive(report, overwrite=True)
    assert derive(derived, overwrite=True) == derived
