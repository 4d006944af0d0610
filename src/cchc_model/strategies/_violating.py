"""``violating(rule_id)``: a report that breaks exactly one built-in rule.

Private to :mod:`cchc_model.strategies`, which documents and re-exports it.

A violation is built on a consistent report (see :mod:`._strategies_reports`) at a level
where the rule is evaluated, in three steps, none of them a filter:

1. the rows the rule reads get values that break it, chosen by the rule's shape (a
   ratio, a total, a part, a range, a condition, a domain, a level), with a margin of
   at least one whole unit beyond what the other side allows whether the decimals are
   read as rounded or as truncated, so that the finding is the rule's own error and not
   a truncation warning;
2. every other row read by a rule that also reads one of those rows is blanked, so that
   such a rule is not evaluated (a blank never breaks a built-in rule);
3. the rules that read only rows of the broken rule (its parts' domains, a ratio's
   ``part <= whole``, the other condition on the same rows) are kept true by how the
   values are chosen in step 1.
"""

from __future__ import annotations

import functools
import math
from typing import Any, Final

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from .._model.catalog import Edition
from .._model.catalog import edition as get_edition
from .._model.frozen import FrozenMap
from .._model.period import Days, Period, When
from .._model.report import Report
from .._model.template import Indicator, Value
from .._model.units import AdminLevel, Kind
from .._rules import interval as iv
from .._rules.engine import compile_bool, compile_num, context, read_refs
from .._rules.expr import (
    BinOp,
    BlankTest,
    Call,
    Compare,
    If,
    In,
    Logic,
    Node,
    Num,
    Ref,
    references,
)
from .._rules.findings import Finding
from .._rules.rulesets import Rule, RuleSet, Severity, builtin_rules
from . import _reports as sr
from . import _values as sv

__all__ = ["Violation", "violating", "violation_levels"]

Cell = tuple[str, str]
"""A row of a report: (template id, official code)."""


@attrs.frozen
class Violation:
    """A report that breaks exactly one rule, and what its finding must say.

    Attributes:
        report: The report.
        rule: The rule it breaks.
        values: The values the finding must report, keyed as
            :attr:`~cchc_model.Finding.values` is: the code for a row of the rule's
            template, ``"PL4:1.4"`` for a row of another.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(violating("PL2.part.2.2"))
    ... def test_more_tasks_done_than_planned(violation):
    ...     assert violation.severity.value == "error"
    ...     assert violation.values["2.2"] > violation.values["2.1"]
    >>> test_more_tasks_done_than_planned()
    """

    report: Report
    rule: Rule = attrs.field(repr=lambda rule: repr(rule.id))
    values: FrozenMap[str, Value | None]

    @property
    def rule_id(self) -> str:
        """The id of the rule broken."""
        return self.rule.id

    @property
    def severity(self) -> Severity:
        """The severity of the finding: the rule's own (never lowered by a truncation)."""
        return self.rule.severity

    def matches(self, finding: Finding) -> bool:
        """Whether ``finding`` is the one this violation must produce.

        Same rule, same severity, not a truncation, about the same rows with the same
        values.
        """
        return (
            finding.rule == self.rule.id
            and finding.severity is self.rule.severity
            and not finding.truncated
            and finding.template == self.rule.template
            and dict(finding.values) == dict(self.values)
        )


# --- what a rule reads, at which levels ----------------------------------------------------


@functools.cache
def _rules() -> RuleSet:
    return builtin_rules()


def _rule(rule_id: object) -> Rule:
    if not isinstance(rule_id, str) or rule_id not in _rules():
        raise InvalidArgument(
            f"violating() takes the id of a built-in rule (such as 'PL2.part.2.2'), got {rule_id!r}"
        )
    return _rules()[rule_id]


def _evaluated(rule: Rule, ed: Edition, level: AdminLevel, end: When | None = None) -> bool:
    if not rule.in_force(level, end):
        return False
    check = compile_bool(rule.tree, context(rule, ed, level, end))
    return not (check.is_const and check.const is None)


_ALL_PERIODS: Final = frozenset(Period)
_STRADDLING: Final = frozenset({Period.M9, Period.YEAR})
_Era = tuple[int, int, frozenset[Period], Days]
_ERAS: Final[tuple[_Era, ...]] = (
    (2016, 2024, _ALL_PERIODS, Period.YEAR.span(2024)),
    (2025, 2025, _STRADDLING, Period.YEAR.span(2025)),
    (2026, 2035, _ALL_PERIODS, Period.YEAR.span(2035)),
)
"""The reports before the two-tier reform of 1 July 2025, those whose period straddles it
(the first nine months and the year 2025: districts for the first half, none at the end)
and those after it: the years, the periods and one period's days of each. Within each,
the same rows are asked and the same rules are in force."""


@functools.cache
def _eras(rule_id: str, level: AdminLevel) -> tuple[_Era, ...]:
    """The eras in which a violation of the rule can be shown at ``level``."""
    rule = _rule(rule_id)
    ed = get_edition(rule.edition)
    out = []
    for era in _ERAS:
        end = era[3]
        if not level.files_for(end):
            continue
        if rule.kind == "level":
            ok = not _level_row(rule, ed).applies_to(level)
        else:
            ok = _evaluated(rule, ed, level, end)
        if ok:
            out.append(era)
    return tuple(out)


@functools.cache
def violation_levels(rule_id: str) -> tuple[AdminLevel, ...]:
    """The levels at which a violation of the built-in rule ``rule_id`` can be shown.

    Those where the rule is evaluated in a report on some period (rows about districts
    are asked only of periods that start before 1 July 2025, and some rules are in force
    only before or after it); for a level rule, those where its row is not asked.
    """
    rule = _rule(rule_id)
    return tuple(level for level in AdminLevel if _eras(rule.id, level))


def _level_row(rule: Rule, ed: Edition) -> Indicator:
    (ref,) = {(r.template, r.code) for r in rule.references}
    return ed.indicator(*ref)


@attrs.frozen
class _Plan:
    """What violating one rule at one level touches."""

    reads: tuple[Ref, ...]
    blanked: frozenset[Cell]


@functools.cache
def _plan(rule_id: str, level: AdminLevel, end: Days) -> _Plan:
    rule = _rule(rule_id)
    ed = get_edition(rule.edition)
    reads = read_refs(rule, ed, level, end)
    cells = {(r.template, r.code) for r in reads}
    blanked: set[Cell] = set()
    for other in _rules():
        if other.id == rule.id or not _evaluated(other, ed, level, end):
            continue
        theirs = {(r.template, r.code) for r in read_refs(other, ed, level, end)}
        if theirs & cells and not theirs <= cells:
            blanked |= theirs - cells
    return _Plan(reads, frozenset(blanked))


# --- values that break a rule ----------------------------------------------------------------

_BOOLEANS: Final = st.booleans()
_MARGIN: Final = 50
"""How far beyond the nearest breaking value a value may be drawn."""


class _View:
    """A template stand-in holding the values chosen so far, by attribute."""

    def __init__(self, values: dict[str, Value]) -> None:
        self.values = values

    def __getattr__(self, name: str) -> Value | None:
        return self.values.get(name)


def _bounds(tree: Compare) -> tuple[int | None, int | None]:
    """The numbers a comparison of one row bounds it by (``PL7:1 >= 0``: ``(0, None)``)."""
    low: int | None = None
    high: int | None = None
    for op, a, b in zip(tree.ops, tree.operands, tree.operands[1:], strict=False):
        small, big = (a, b) if op in ("<=", "<") else (b, a)
        if isinstance(small, Num):
            low = int(small.value)
        elif isinstance(big, Num):
            high = int(big.value)
    return low, high


class _Breaker:
    """Chooses the values that break one rule at one level."""

    def __init__(
        self, draw: st.DrawFn, rule: Rule, ed: Edition, level: AdminLevel, end: Days
    ) -> None:
        self.draw = draw
        self.rule = rule
        self.ed = ed
        self.level = level
        self.ctx = context(rule, ed, level, end)
        self.values: dict[Cell, Value] = {}
        self.blanks: set[Cell] = set()
        """Rows the rule reads that must be blank to break it (``R != blank``)."""

    # values of a row's kind

    def row(self, ref: Ref) -> Indicator:
        return self.ed.indicator(ref.template, ref.code)

    def valid(self, ref: Ref) -> Value:
        """A value the row's domain allows."""
        row = self.row(ref)
        kind = row.kind
        if kind is Kind.CODE:
            assert row.code_list is not None  # noqa: S101  # a coded row has its list
            member: Value = self.draw(sv.codes(row.code_list))
            return member
        if kind is Kind.COUNT:
            return sv.draw_int(self.draw, 0, 300)
        high = 100 if kind is Kind.PERCENT else 10_000_000
        return sv.draw_decimal(self.draw, 0, high, (0, 2))

    def written(self, whole: int, kind: Kind | None, *, top: int | None = None) -> Value:
        """``whole`` plus drawn decimals (none for a count or at ``top``)."""
        if kind is Kind.COUNT or kind is Kind.CODE or whole == top:
            return whole
        places = sv.draw_int(self.draw, 0, 2)
        fraction = sv.draw_int(self.draw, 0, 10**places - 1)
        return sv.decimal_of(whole * 10**places + (fraction if whole >= 0 else -fraction), places)

    def set(self, ref: Ref, value: Value) -> None:
        self.values[ref.template, ref.code] = value

    def evaluate(self, node: Node) -> iv.Interval:
        """The hull of ``node`` over the rounded and the truncated readings."""
        fn = compile_num(node, self.ctx).fn
        view: dict[str, Any] = {}
        for (tid, code), value in self.values.items():
            attribute = self.ed.indicator(tid, code).attribute or ""
            view.setdefault(tid, _View({})).values[attribute] = value
        rounded = fn(view, iv.ROUNDED)
        truncated = fn(view, iv.TRUNCATED)
        assert rounded is not None  # noqa: S101  # every row it reads is set
        assert truncated is not None  # noqa: S101
        return iv.hull(rounded, truncated)

    def domain(self, ref: Ref) -> tuple[int | None, int | None]:
        """The bounds of the row's domain rule (``PL7:1 >= 0``: no upper; ``PL5:2.5 <= 100``)."""
        tree = _rules()[f"{ref.template}.domain.{ref.code}"].tree
        assert isinstance(tree, Compare)  # noqa: S101  # a numeric row's domain is a comparison
        return _bounds(tree)

    def outside(self, ref: Ref, hull: iv.Interval) -> Value:
        """A value of the row, in its domain, at least one unit outside ``hull``."""
        kind = self.row(ref).kind
        low, high = self.domain(ref)
        whole_units = kind is Kind.COUNT
        above_from = math.floor(hull.high) + 1 if whole_units else math.ceil(hull.high) + 1
        below_to = math.ceil(hull.low) - 1 if whole_units else math.floor(hull.low) - 2
        above = high is None or above_from <= high
        below = low is None or below_to >= low
        assert above or below  # noqa: S101  # the parts are drawn so that one side has room
        if above and (not below or not self.draw(_BOOLEANS)):
            top = above_from + _MARGIN if high is None else min(high, above_from + _MARGIN)
            return self.written(sv.draw_int(self.draw, above_from, top), kind, top=high)
        room = _MARGIN if low is None else min(_MARGIN, below_to - low)
        whole = below_to - sv.draw_int(self.draw, 0, room)
        return self.written(whole, kind)

    # the shapes of the built-in rules

    def breaking(self) -> dict[Cell, Value]:
        tree = self.rule.tree
        if self.rule.kind == "level":
            (ref,) = {r.key: r for r in references(tree)}.values()
            self.set(ref, self.valid(ref))
        elif isinstance(tree, Logic) and tree.op == "or":
            if not (self.two_readings(tree) or self.gap(tree)):  # pragma: no cover
                self.unknown()
        elif isinstance(tree, In):
            self.outside_list(tree)
        elif isinstance(tree, If):
            self.condition(tree)
        elif isinstance(tree, Compare):
            self.comparison(tree)
        else:  # pragma: no cover  # every built-in rule has one of the shapes above
            self.unknown()
        return self.values

    def unknown(self) -> None:
        raise InvalidArgument(
            f"violating() cannot break rule {self.rule.id!r} ({self.rule.expression})"
        )

    def two_readings(self, tree: Logic) -> bool:
        """``decimals(R) != 3 or not (R >= 1) or R >= 1000``: ``R`` in 1–999, three decimals."""
        first = tree.operands[0]
        if not (isinstance(first, Compare) and isinstance(first.operands[0], Call)):
            return False
        (ref,) = first.operands[0].args
        assert isinstance(ref, Ref)  # noqa: S101  # decimals() takes a row
        self.set(ref, sv.decimal_of(sv.draw_int(self.draw, 1000, 999_999), 3))
        return True

    def gap(self, tree: Logic) -> bool:
        """``R <= a or R >= b`` (a rate about one unit, 0 or 100): ``R`` between, by a margin."""
        refs = {r.key: r for r in references(tree)}
        if len(refs) != 1:
            return False
        (ref,) = refs.values()
        low, high = -math.inf, math.inf
        for operand in tree.operands:
            if not (isinstance(operand, Compare) and len(operand.ops) == 1):
                return False
            left, right = operand.operands
            if not (isinstance(left, Ref) and isinstance(right, Num)):
                return False
            if operand.ops[0] == "<=":
                low = max(low, int(right.value))
            elif operand.ops[0] == ">=":
                high = min(high, int(right.value))
            else:
                return False
        whole = sv.draw_int(self.draw, int(low) + 2, int(high) - 2)
        self.set(ref, self.written(whole, self.row(ref).kind))
        return True

    def outside_list(self, tree: In) -> None:
        assert isinstance(tree.operand, Ref)  # noqa: S101  # a code list rule reads one row
        codes = [int(v.value) for v in tree.values]
        if self.draw(_BOOLEANS):
            value = min(codes) - sv.draw_int(self.draw, 1, _MARGIN)
        else:
            value = max(codes) + sv.draw_int(self.draw, 1, _MARGIN)
        self.set(tree.operand, value)

    def comparison(self, tree: Compare) -> None:
        ops, operands = tree.ops, tree.operands
        if len(operands) == 3 and all(isinstance(o, Call) for o in operands[::2]):  # noqa: PLR2004
            self.range(tree)
        elif ops == ("!=",) and isinstance(operands[0], Call) and isinstance(operands[1], Num):
            self.decimals(operands[0], int(operands[1].value))
        elif any(isinstance(o, Num) for o in operands):
            self.bounds(tree)
        elif ops == ("=",) and isinstance(operands[0], Ref):
            self.equality(operands[0], operands[1])
        elif ops == ("<=",):
            self.more_than(self.terms(operands[0]), self.terms(operands[1]))
        else:  # pragma: no cover
            self.unknown()

    def terms(self, node: Node) -> list[Ref]:
        """The rows summed by ``node`` (``a + b``, ``sum(a, b)``), those asked at the level."""
        if isinstance(node, Ref):
            return [node]
        if isinstance(node, BinOp) and node.op == "+":
            return self.terms(node.left) + self.terms(node.right)
        if isinstance(node, Call) and node.name == "sum":
            return [a for a in node.args if isinstance(a, Ref) and self.ctx.applies(a)]
        self.unknown()  # pragma: no cover
        return []  # pragma: no cover

    def bounds(self, tree: Compare) -> None:
        """A row within bounds: a value beyond one of the rule's own bounds.

        A domain (``0 <= R <= 100``, ``R >= 0``) or a plausible amount (``PL7:1.1 <= 1000000``).
        """
        (ref,) = [o for o in tree.operands if isinstance(o, Ref)]
        low, high = _bounds(tree)
        kind = self.row(ref).kind
        if high is not None and (low is None or self.draw(_BOOLEANS)):
            self.set(ref, self.written(high + sv.draw_int(self.draw, 1, _MARGIN), kind))
        else:
            assert low is not None  # noqa: S101  # a domain rule has a bound
            self.set(ref, self.written(low - sv.draw_int(self.draw, 1, _MARGIN), kind))

    def decimals(self, call: Call, places: int) -> None:
        """``decimals(R) != 3``: ``R`` written with exactly that many decimals."""
        (ref,) = call.args
        assert isinstance(ref, Ref)  # noqa: S101  # the parser allows only a row
        self.set(ref, sv.decimal_of(sv.draw_int(self.draw, 0, 10**9), places))

    def equality(self, target: Ref, source: Node) -> None:
        """A ratio, total or identity: the other side drawn first, the target outside it."""
        ratio = _ratio(source)
        if ratio is not None:
            part, whole = ratio
            kind = self.row(whole).kind
            if kind is Kind.COUNT:
                total = sv.draw_int(self.draw, 1, 300)
                self.set(whole, total)
                self.set(part, sv.draw_int(self.draw, 0, total))
            else:  # an amount: large enough that the rounding of its decimals is small
                planned = sv.draw_decimal(self.draw, 100, 10_000_000, (0, 2))
                self.set(whole, planned)
                self.set(part, sv.draw_decimal(self.draw, 0, int(planned), (0, 2)))
        else:
            for ref in self.terms(source):
                self.set(ref, self.valid(ref))
        self.set(target, self.outside(target, self.evaluate(source)))

    def more_than(self, parts: list[Ref], whole: list[Ref]) -> None:
        """``a + b <= c``: the right side drawn, the left side's sum at least one more."""
        limit = 0
        for ref in whole:
            value = sv.draw_int(self.draw, 0, 300)
            self.set(ref, value)
            limit += value
        total = limit + sv.draw_int(self.draw, 1, _MARGIN)
        for ref, value in zip(parts, sr.split(self.draw, total, len(parts)), strict=True):
            self.set(ref, value)

    def range(self, tree: Compare) -> None:
        """``min(parts) <= R <= max(parts)``: ``R`` two points away from every part."""
        low_call, ref, _ = tree.operands
        assert isinstance(ref, Ref)  # noqa: S101  # the shape comparison() recognised
        assert isinstance(low_call, Call)  # noqa: S101
        parts = [a for a in low_call.args if isinstance(a, Ref) and self.ctx.applies(a)]
        if self.draw(_BOOLEANS):  # above every part
            whole = sv.draw_int(self.draw, 2, 100)
            for part in parts:
                self.set(part, sv.draw_decimal(self.draw, 0, whole - 2, (0, 2)))
            self.set(ref, self.written(whole, Kind.PERCENT, top=100))
        else:  # below every part
            whole = sv.draw_int(self.draw, 0, 98)
            for part in parts:
                self.set(part, sv.draw_decimal(self.draw, whole + 2, 100, (0, 2)))
            self.set(ref, self.written(whole, Kind.PERCENT))

    def condition(self, tree: If) -> None:
        """``if A = c then B``: ``A`` made to hold the condition, ``B`` made false.

        ``if A != blank then B`` (a rule about a total that may be blank) is ``B`` with
        ``A`` filled, which breaking ``B`` does.
        """
        cond = tree.cond
        if isinstance(cond, BlankTest) and cond.negated and isinstance(tree.then, Compare):
            self.comparison(tree.then)
            return
        if isinstance(cond, Logic) and cond.op == "or":
            # one of the alternatives made true; the others are left as they are
            self.make_true(cond.operands[sv.draw_int(self.draw, 0, len(cond.operands) - 1)])
            self.falsify_blank(tree.then)
            return
        if not (
            isinstance(cond, Compare)
            and isinstance(cond.operands[0], Ref)
            and isinstance(cond.operands[1], Num)
            and cond.ops in (("=",), (">",))
        ):  # pragma: no cover
            self.unknown()
            return
        ref, number = cond.operands[0], int(cond.operands[1].value)
        row = self.row(ref)
        if cond.ops == ("=",):
            value: Value = row.code_list(number) if row.code_list is not None else number
        else:
            value = number + sv.draw_int(self.draw, 1, 500)
        self.set(ref, value)
        wants: dict[str, _Want] = {}
        self.falsify(tree.then, wants)
        for want in wants.values():
            self.set(want.ref, self.wanted(want))

    def make_true(self, node: Node) -> None:
        """Make ``R > 0`` or ``R in (…)`` or ``R != blank`` hold."""
        if isinstance(node, Compare) and node.ops == (">",) and isinstance(node.operands[0], Ref):
            assert isinstance(node.operands[1], Num)  # noqa: S101  # R > number
            low = int(node.operands[1].value) + 1
            self.set(node.operands[0], sv.draw_int(self.draw, low, low + 300))
        elif isinstance(node, In) and isinstance(node.operand, Ref):
            self.set(node.operand, self.valid(node.operand))
        elif isinstance(node, BlankTest) and node.negated:
            self.set(node.ref, self.valid(node.ref))
        else:  # pragma: no cover
            self.unknown()

    def falsify_blank(self, node: Node) -> None:
        """Make ``R != blank`` false: ``R`` left blank."""
        if not (isinstance(node, BlankTest) and node.negated):  # pragma: no cover
            self.unknown()
            return
        self.blanks.add((node.ref.template, node.ref.code))

    def falsify(self, node: Node, wants: dict[str, _Want]) -> None:
        """Record what makes ``node`` false, row by row."""
        if isinstance(node, Logic) and node.op == "or":
            for operand in node.operands:
                self.falsify(operand, wants)
        elif isinstance(node, BlankTest) and not node.negated:
            wants.setdefault(node.ref.key, _Want(node.ref))
        elif isinstance(node, BlankTest):
            pass  # "R != blank" is made false by leaving R blank: nothing to set
        elif (
            isinstance(node, Compare)
            and len(node.ops) == 1
            and isinstance(node.operands[1], Num)
            and node.ops[0] in ("=", ">")
        ):
            number = int(node.operands[1].value)
            terms = self.terms(node.operands[0])
            for ref in terms:
                want = wants.setdefault(ref.key, _Want(ref))
                if node.ops[0] == "=" and len(terms) == 1:
                    want.avoid.add(number)
                elif node.ops[0] == ">" and number == 0:
                    want.high = 0  # a sum of counts is not above 0 when each is 0
                else:  # pragma: no cover
                    self.unknown()
        else:  # pragma: no cover
            self.unknown()

    def wanted(self, want: _Want) -> Value:
        row = self.row(want.ref)
        if row.code_list is not None:
            members = [m for m in sorted(row.code_list, key=int) if int(m) not in want.avoid]
            return self.draw(st.sampled_from(members))
        high = 300 if want.high is None else want.high
        value = sv.draw_int(self.draw, 0, high - len(want.avoid))
        for avoided in sorted(want.avoid):  # the value-th count that is not avoided
            if avoided <= value:
                value += 1
        return value


@attrs.define
class _Want:
    """What a row must be for a condition to be false: filled, at most ``high``, not ``avoid``."""

    ref: Ref
    high: int | None = None
    avoid: set[int] = attrs.field(factory=set)


def _ratio(node: Node) -> tuple[Ref, Ref] | None:
    """``(part, whole)`` of ``part / whole * 100``."""
    if (
        isinstance(node, BinOp)
        and node.op == "*"
        and isinstance(node.left, BinOp)
        and node.left.op == "/"
        and isinstance(node.left.left, Ref)
        and isinstance(node.left.right, Ref)
    ):
        return node.left.left, node.left.right
    return None


# --- the strategy --------------------------------------------------------------------------


def violating(
    rule_id: str | None = None, *, level: AdminLevel | None = None
) -> st.SearchStrategy[Violation]:
    """Reports that break exactly one built-in rule, each with the finding it must produce.

    The report is a consistent one (see :func:`reports`) in which the rows the rule
    reads break it by a margin of at least one unit, however their decimals are read,
    and the other rows read by rules that read those rows are blank; so
    :func:`~cchc_model.validate` finds exactly that rule's finding, with the rule's own
    severity (see :class:`Violation`). Every one of the 245 built-in rules can be broken
    alone, including the generated domain and level rules.

    Args:
        rule_id: The rule (``"PL8.ratio.6.4"``); default: any built-in rule.
        level: The level of the report; default: any level where the rule is evaluated
            (for a level rule, where its row is not asked). Without ``rule_id``, the
            rules that can be broken at that level.

    Raises:
        InvalidArgument: No such built-in rule, or it cannot be broken at ``level``.

    Shrinks towards a report carrying only the templates the rule reads, at a level with
    few rows, with the smallest values that break it (``2.1 = 0`` and ``2.2 = 1`` for
    ``PL2:2.2 <= PL2:2.1``); without ``rule_id``, towards a rule about one row.

    >>> from hypothesis import given, settings
    >>> from cchc_model import validate
    >>> @settings(max_examples=5)
    ... @given(violating("PL8.ratio.6.4"))
    ... def test_exactly_that_finding(violation):
    ...     (finding,) = validate(violation.report).findings
    ...     assert violation.matches(finding)
    >>> test_exactly_that_finding()
    """
    if rule_id is not None:
        levels = violation_levels(_rule(rule_id).id)
        if level is not None and level not in levels:
            shown = ", ".join(lv.value for lv in levels)
            raise InvalidArgument(
                f"rule {rule_id!r} cannot be broken in a report of level {level!r}"
                f" (levels: {shown})"
            )
    if rule_id is not None:
        ids = st.just(rule_id)
    else:  # the rules that can be broken at the level asked for
        ids = st.sampled_from(
            [rid for rid in _rules().ids if level is None or level in violation_levels(rid)]
        )

    @st.composite
    def violating(draw: st.DrawFn) -> Violation:
        chosen = draw(ids)
        at = level if level is not None else draw(st.sampled_from(violation_levels(chosen)))
        return _violation(draw, _rules()[chosen], at)

    return violating()


def _violation(draw: st.DrawFn, rule: Rule, level: AdminLevel) -> Violation:
    ed = get_edition(rule.edition)
    first, last, periods, era_end = draw(st.sampled_from(_eras(rule.id, level)))
    info = draw(sr.infos_between(level, first, last, periods))
    end = info.period.span(info.year)
    plan = _plan(rule.id, level, era_end)
    breaker = _Breaker(draw, rule, ed, level, end)
    breaking = breaker.breaking()
    needed = {tid for tid, _ in breaking} | {tid for tid, _ in breaker.blanks}
    drawn = sr.chosen_templates(draw, ed.template_ids, at_least_one=False)
    chosen = tuple(t for t in ed.template_ids if t in needed or t in drawn)
    values = sr.blank_cells(draw, sr.consistent_values(draw, level, chosen, end, ed))
    for tid, code in plan.blanked | breaker.blanks:
        values.get(tid, {}).pop(code, None)
    for (tid, code), value in breaking.items():
        values.setdefault(tid, {})[code] = value
    report = Report(
        info=info,
        templates=[sr.build_template(ed.template(tid), values.get(tid, {}), {}) for tid in chosen],
        edition=ed.id,
    )
    home = rule.template
    expected: dict[str, Value | None] = {}
    for ref in plan.reads:
        expected[ref.code if ref.template == home else ref.key] = values.get(ref.template, {}).get(
            ref.code
        )
    return Violation(report, rule, FrozenMap(expected))
