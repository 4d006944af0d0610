"""Derivation: fill the blanks that the rules can compute (ratios, totals, identities).

A rule marked ``derive`` (``PL8:6.4 = PL8:6.4.2 / PL8:6.4.1 * 100``) computes its
left-hand row from its right-hand side. :func:`derive` applies those rules in an order
where every row is computed before the rows computed from it, so one pass suffices and
a second pass changes nothing.

>>> from cchc_model import Direction, Report, ReportInfo, AdminLevel, Period
>>> info = ReportInfo(agency="UBND xã A", level=AdminLevel.COMMUNE, period=Period.H1, year=2024)
>>> report = Report(info=info, templates=[Direction(plan_tasks=19, plan_tasks_completed=15)])
>>> derive(report).pl2.plan_completion_rate
Decimal('78.95')
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from .._model.catalog import Edition
from .._model.catalog import edition as get_edition
from .._model.errors import RuleError, ValueTypeError
from .._model.period import When
from .._model.public import publish
from .._model.report import Report
from .._model.template import Indicator, Template, Value, within_bounds
from .._model.units import AdminLevel, Kind
from . import interval as iv
from .engine import BoolFn, NumFn, compile_bool, compile_num, context, era
from .expr import Compare, Node, Ref, references
from .rulesets import Rule, RuleSet, as_ruleset, compiled
from .validate import report_span

__all__ = ["DEFAULT_DECIMALS", "derive", "derive_rules"]

DEFAULT_DECIMALS = 2
"""The decimals a computed percentage or amount is rounded to, unless its row says."""


@attrs.frozen
class _Step:
    rule: Rule
    target: Ref
    row: Indicator
    compute: NumFn
    domain: BoolFn | None
    """The target row's domain rule (``PL8.domain.6.4``: 0–100), if the set has one."""


class _Live:
    """A template stand-in reading the values being derived."""

    __slots__ = ("values",)

    def __init__(self, values: dict[str, Value | None]) -> None:
        self.values = values

    def __getattr__(self, name: str) -> Value | None:
        return self.values.get(name)


def derive_rules(
    rules: RuleSet, ed: Edition, level: AdminLevel, end: When | None = None
) -> Iterator[tuple[Rule, Ref, Node]]:
    """The ``derive`` rules of ``rules`` for ``level``, each with its row and expression.

    ``PL8.ratio.6.4`` gives its rule, ``PL8:6.4`` and ``PL8:6.4.2 / PL8:6.4.1 * 100``.
    ``end``: the report's period (:meth:`~cchc_model.Period.span`); the rules not in force
    then are left out (``None``: by level alone).
    """
    for rule in rules:
        if not rule.derive or rule.edition != ed.id:
            continue
        if not rule.in_force(level, end):
            continue
        tree = rule.tree
        assert isinstance(tree, Compare)  # noqa: S101  # Rule checks derive rules' shape
        target = tree.operands[0]
        assert isinstance(target, Ref)  # noqa: S101
        yield rule, target, tree.operands[1]


def _steps(rules: RuleSet, ed: Edition, level: AdminLevel, end: When | None) -> tuple[_Step, ...]:
    by_target: dict[tuple[str, str], _Step] = {}
    domains = {
        (rule.template or "", rule.references[0].code): rule
        for rule in rules
        if rule.kind == "domain" and rule.edition == ed.id and len(rule.references) == 1
    }
    for rule, target, source in derive_rules(rules, ed, level, end):
        row = ed.indicator(target.template, target.code)
        key = (target.template, target.code)
        if not row.applies_to(level, end) or key in by_target:
            continue  # the first rule that computes a row is the one used
        compiled = compile_num(source, context(rule, ed, level, end))
        if compiled.is_const and compiled.const is None:
            continue
        domain_rule = domains.get(key)
        domain = (
            None
            if domain_rule is None
            else compile_bool(domain_rule.tree, context(domain_rule, ed, level, end)).fn
        )
        by_target[key] = _Step(rule, target, row, compiled.fn, domain)
    return _ordered(by_target)


def _ordered(by_target: dict[tuple[str, str], _Step]) -> tuple[_Step, ...]:
    # depth-first topological order: the rows a step reads are computed before it
    done: list[_Step] = []
    state: dict[tuple[str, str], str] = {}

    def visit(key: tuple[str, str]) -> None:
        mark = state.get(key)
        if mark == "done":
            return
        step = by_target[key]
        if mark == "active":
            raise RuleError(
                f"rule {step.rule.id!r}: derived rows depend on each other in a cycle",
                f"quy tắc {step.rule.id!r}: các chỉ tiêu tính toán phụ thuộc vòng tròn",
                rule=step.rule.id,
                expression=step.rule.expression,
            )
        state[key] = "active"
        tree = step.rule.tree
        assert isinstance(tree, Compare)  # noqa: S101
        for ref in references(tree.operands[1]):
            if (ref.template, ref.code) in by_target:
                visit((ref.template, ref.code))
        state[key] = "done"
        done.append(step)

    for key in by_target:
        visit(key)
    return tuple(done)


def _value(step: _Step, result: iv.Interval) -> Value | None:
    if not result.is_exact:  # pragma: no cover  # POINT evaluation is always exact
        return None
    exact = Fraction(result.low)
    kind = step.row.kind
    if kind in (Kind.COUNT, Kind.CODE):
        return int(exact) if exact.denominator == 1 else None
    decimals = step.row.decimals if step.row.decimals is not None else DEFAULT_DECIMALS
    return iv.round_half_up(exact, decimals)


def _agrees(reported: Value, result: iv.Interval) -> bool:
    """Whether a reported value is the computed one, at the precision it was written with.

    ``100`` for 100, ``70.1`` for 70.1067…: what a unit wrote correctly, which
    ``overwrite`` keeps as written (``100`` is not made ``100.00``).
    """
    exact = Fraction(result.low)
    if isinstance(reported, Decimal):
        return iv.round_half_up(exact, iv.written_decimals(reported)) == reported
    return exact == int(reported)


def _same(a: Value, b: Value | None) -> bool:
    # 100 and 100.00 are equal numbers but not the same written value
    return type(a) is type(b) and str(a) == str(b)


def derive(
    report: Report,
    *,
    overwrite: bool = False,
    rules: RuleSet | Iterable[Rule] | None = None,
) -> Report:
    """A copy of ``report`` with every blank that a rule can compute filled.

    Ratios are computed from the values as written and rounded half-up to the decimals
    of their row (2 unless the row says otherwise); counts are filled only when the
    result is whole. Rows not asked at the report's level, and templates the report does
    not carry, are left alone. Deriving twice gives the same report.

    Args:
        report: The report.
        overwrite: Also replace reported values by the computed ones (where the inputs
            are there to compute them), except a value that already agrees with the
            computed one at the precision it was written with (a reported ``100`` for
            100 stays ``100``, not ``100.00``).
        rules: The rules (default: the built-in rules of the report's edition); those
            marked ``derive`` are used.

    Raises:
        ValueTypeError: ``report`` is not a :class:`~cchc_model.Report`.
        RuleError: Derived rows depend on each other in a cycle.

    >>> from cchc_model import example
    >>> derived = derive(example())
    >>> derived.pl2.plan_completion_rate, derived.pl3.local_documents
    (Decimal('78.94'), 0)
    >>> derive(example(), overwrite=True).pl2.plan_completion_rate
    Decimal('78.95')
    """
    if not isinstance(report, Report):
        raise ValueTypeError(
            template=None, code=None, attribute="report", expected="a Report", value=report
        )
    ruleset = as_ruleset(rules, report.edition)
    ed = get_edition(report.edition)
    level = report.info.level
    end = report_span(report)
    steps = compiled(
        ruleset,
        ("derive", ed.id, level, era(ruleset, ed, end)),
        lambda: _steps(ruleset, ed, level, end),
    )
    work: dict[str, dict[str, Value | None]] = {
        tid: {row.attribute: value for row, value in tpl if row.attribute is not None}
        for tid, tpl in report.templates.items()
    }
    view: dict[str, Any] = {tid: _Live(values) for tid, values in work.items()}
    changed: dict[str, dict[str, Value | None]] = {}
    for step in steps:
        values = work.get(step.target.template)
        if values is None:
            continue
        attr = step.target.attribute
        if values[attr] is not None and not overwrite:
            continue
        result = step.compute(view, iv.POINT)
        if result is None:
            continue
        new = _value(step, result)
        if new is None or not within_bounds(new) or _same(new, values[attr]):
            continue  # a value beyond the bound of a report is not one: the blank stays
        old = values[attr]
        if old is not None and _agrees(old, result):
            continue  # right at the precision it was written with: kept as written
        values[attr] = new
        if step.domain is not None and step.domain(view, iv.ROUNDED) is False:
            # parts that break a rule (a part above its whole) would give a value outside
            # the row's domain (a rate of 200 %): leave the blank for validation to explain
            values[attr] = old
            continue
        changed.setdefault(step.target.template, {})[attr] = new
    if not changed:
        return report
    updated: list[Template] = [
        attrs.evolve(report.templates[tid], **fields) for tid, fields in changed.items()
    ]
    return report.with_templates(*updated)


publish(globals())  # cchc_model.Name, not this module: see _model/public.py
