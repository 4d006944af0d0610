"""Compiling rules into closures, once per rule set, edition and report level.

A compiled expression is a function ``f(templates, mode)`` of the report's templates (a
mapping of template id to template instance, or any object with the attributes) and of
the reading of written decimals (:data:`~cchc_model._rules.interval.ROUNDED`, ``TRUNCATED``,
``POINT``). A numeric expression returns an :class:`~cchc_model._rules.interval.Interval`, or
``None`` when it cannot be known (a blank row, a row not asked at the level, a division
by what may be zero); a condition returns ``True``, ``False`` or ``None`` (unknown), with
Kleene's rules for ``and``, ``or`` and ``not``.

What the level and the period decide is decided here, once: whether a row applies (a
row is asked of some levels, and some rows only of periods that start before a day:
:attr:`~cchc_model.Indicator.until`), which arguments of ``sum``/``min``/``max``
remain, and which rules can never be evaluated there.

Three fast paths give the same answers as the interval arithmetic, faster:

* an expression over counts, codes and whole numbers (no division, no decimal row)
  is computed with plain ``int`` (its ``native`` form);
* a comparison is first tried on the values as written: a written value lies in the
  interval it stands for, and interval arithmetic keeps what lies inside, so if the
  values as written satisfy it, some choice does;
* a ratio ``R = N / D × K`` of two counts is checked by cross-multiplying integers.

The rules about one row (domains, code lists, level checks) are also grouped by
template into :class:`Batch` pre-checks; a value that fails one is confirmed by the
rule's own check.

A context made with ``plain=True`` compiles without any of these fast paths: the plain
interval evaluation that the fast paths must agree with (the differential property test
checks that they do).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import operator
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final, cast

import attrs

from .._model.catalog import Edition
from .._model.period import When, days
from .._model.units import AdminLevel, Kind
from . import interval as iv
from .expr import (
    AGGREGATES,
    BinOp,
    BlankTest,
    Call,
    Compare,
    If,
    In,
    Logic,
    Neg,
    Node,
    Not,
    Num,
    Ref,
    main_comparison,
    walk,
)
from .interval import Interval
from .rulesets import Rule, RuleSet, compiled

__all__ = [
    "Batch",
    "Compiled",
    "Entry",
    "Plan",
    "Rows",
    "Sweep",
    "compile_bool",
    "compile_num",
    "context",
    "plan_for",
    "read_refs",
]

Templates = Mapping[str, Any]
NumFn = Callable[[Templates, int], Interval | None]
BoolFn = Callable[[Templates, int], bool | None]
NativeFn = Callable[[Templates], int | None]
WrittenFn = Callable[[Templates], bool]

_DYNAMIC: Final = object()


@attrs.frozen
class Compiled:
    """A compiled expression, or its constant value when it does not depend on the report.

    An expression over counts, codes and whole numbers only also has a ``native`` form
    computing with plain ``int`` (``None`` for unknown). A comparison that can be tried
    on the values as written has that test as ``written`` (true when they satisfy it,
    so that the comparison holds in every reading) and the check that decides otherwise
    as ``otherwise``: ``fn`` is the one, then the other.
    """

    fn: Callable[[Templates, int], Any]
    const: Any = _DYNAMIC
    native: NativeFn | None = None
    written: WrittenFn | None = None
    otherwise: BoolFn | None = None

    @property
    def is_const(self) -> bool:
        """Whether the value is known without reading the report."""
        return self.const is not _DYNAMIC


def _constant(value: object) -> Compiled:
    native = None
    if isinstance(value, Interval) and value.is_exact and Fraction(value.low).denominator == 1:
        number = int(value.low)

        def native(_tpls: Templates) -> int | None:
            return number

    return Compiled(lambda _t, _m: value, value, native)


class _Context:
    """What compiling one rule at one level needs to know."""

    def __init__(
        self,
        rule: Rule,
        ed: Edition,
        level: AdminLevel,
        end: When | None = None,
        *,
        plain: bool = False,
    ) -> None:
        self.rule = rule
        self.edition = ed
        self.level = level
        self.end = end
        self.plain = plain
        self.zero_blanks = rule.blanks == "zero"
        tol = rule.tolerance
        self.tolerance = (tol.absolute, tol.relative) if tol is not None else None

    def applies(self, ref: Ref) -> bool:
        return self.edition.indicator(ref.template, ref.code).applies_to(self.level, self.end)

    def kind(self, ref: Ref) -> Kind | None:
        return self.edition.indicator(ref.template, ref.code).kind


def context(
    rule: Rule, ed: Edition, level: AdminLevel, end: When | None = None, *, plain: bool = False
) -> _Context:
    """The compile context of ``rule`` for reports of edition ``ed`` at ``level``.

    ``end``: the report's period, its first and last day
    (:meth:`~cchc_model.Period.span`), which decides the rows asked only before a day;
    ``None`` decides by level alone. ``plain``: compile
    without the fast paths (see the module's docstring).
    """
    return _Context(rule, ed, level, end, plain=plain)


def _gather(fns: list[Any], tpls: Templates, *args: int) -> list[Any] | None:
    """Every ``fn(tpls, *args)``, or ``None`` as soon as one is unknown."""
    values = []
    for fn in fns:
        value = fn(tpls, *args)
        if value is None:
            return None
        values.append(value)
    return values


# --- numbers ----------------------------------------------------------------------------


def _num(node: Num, _ctx: _Context) -> Compiled:
    return _constant(iv.point(node.value))


def _ref(node: Ref, ctx: _Context) -> Compiled:
    if not ctx.applies(node):
        return _constant(None)
    tid, attr = node.template, node.attribute
    zero = iv.point(0) if ctx.zero_blanks else None
    native_zero = 0 if ctx.zero_blanks else None
    small = iv._SMALL  # noqa: SLF001  # the interval module's cache of small counts

    def read(tpls: Templates, mode: int) -> Interval | None:
        tpl = tpls.get(tid)
        if tpl is None:
            return None
        value = getattr(tpl, attr)
        if value is None:
            return zero
        if type(value) is int and 0 <= value < len(small):
            return small[value]
        return iv.from_value(value, mode)

    def native(tpls: Templates) -> int | None:
        tpl = tpls.get(tid)
        if tpl is None:
            return None
        value: int | None = getattr(tpl, attr)
        return native_zero if value is None else value

    whole = ctx.kind(node) in (Kind.COUNT, Kind.CODE)
    return Compiled(read, native=native if whole else None)


_INTERVAL_OPS: Final = {"+": iv.add, "-": iv.sub, "*": iv.mul, "/": iv.div}
_NATIVE_OPS: Final[dict[str, Callable[[int, int], int]]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
}


def _binop(node: BinOp, ctx: _Context) -> Compiled:
    left = compile_num(node.left, ctx)
    right = compile_num(node.right, ctx)
    op = _INTERVAL_OPS[node.op]
    if left.const is None or right.const is None:
        return _constant(None)
    if left.is_const and right.is_const:
        return _constant(op(left.const, right.const))
    lf, rf = left.fn, right.fn

    def apply(tpls: Templates, mode: int) -> Interval | None:
        a = lf(tpls, mode)
        if a is None:
            return None
        b = rf(tpls, mode)
        return None if b is None else op(a, b)

    ln, rn = left.native, right.native
    if ln is None or rn is None or node.op not in _NATIVE_OPS:
        return Compiled(apply)
    nop = _NATIVE_OPS[node.op]

    def native(tpls: Templates) -> int | None:
        a = ln(tpls)
        if a is None:
            return None
        b = rn(tpls)
        return None if b is None else nop(a, b)

    return Compiled(apply, native=native)


def _neg(node: Neg, ctx: _Context) -> Compiled:
    inner = compile_num(node.operand, ctx)
    if inner.is_const:
        return _constant(None if inner.const is None else iv.neg(inner.const))
    fn, inner_native = inner.fn, inner.native

    def apply(tpls: Templates, mode: int) -> Interval | None:
        a = fn(tpls, mode)
        return None if a is None else iv.neg(a)

    if inner_native is None:
        return Compiled(apply)

    def native(tpls: Templates) -> int | None:
        a = inner_native(tpls)
        return None if a is None else -a

    return Compiled(apply, native=native)


def _interval_sum(items: list[Interval]) -> Interval:
    total = items[0]
    for item in items[1:]:
        total = iv.add(total, item)
    return total


_COMBINE: Final[dict[str, Callable[[list[Interval]], Interval]]] = {
    "sum": _interval_sum,
    "min": iv.interval_min,
    "max": iv.interval_max,
}
_REDUCE: Final[dict[str, Callable[[list[int]], int]]] = {"sum": sum, "min": min, "max": max}


def _aggregate(node: Call, ctx: _Context) -> Compiled:
    # rows not asked at the level are not part of the whole: they are left out
    args = [
        compile_num(a, ctx) for a in node.args if not (isinstance(a, Ref) and not ctx.applies(a))
    ]
    if not args or any(a.const is None for a in args):
        return _constant(None)
    combine = _COMBINE[node.name]
    fns = [a.fn for a in args]

    def apply(tpls: Templates, mode: int) -> Interval | None:
        items = _gather(fns, tpls, mode)
        return None if items is None else combine(items)

    natives = [a.native for a in args]
    if any(n is None for n in natives):
        return Compiled(apply)
    reduce = _REDUCE[node.name]

    def native(tpls: Templates) -> int | None:
        values = _gather(natives, tpls)
        return None if values is None else reduce(values)

    return Compiled(apply, native=native)


def _decimals(node: Ref, ctx: _Context) -> Compiled:
    if not ctx.applies(node):
        return _constant(None)
    tid, attr = node.template, node.attribute

    def native(tpls: Templates) -> int | None:
        tpl = tpls.get(tid)
        value = None if tpl is None else getattr(tpl, attr)
        if value is None:
            return None
        return iv.written_decimals(value) if isinstance(value, Decimal) else 0

    def read(tpls: Templates, _mode: int) -> Interval | None:
        places = native(tpls)
        return None if places is None else iv.point(places)

    return Compiled(read, native=native)


def _abs(node: Call, ctx: _Context) -> Compiled:
    inner = compile_num(node.args[0], ctx)
    if inner.const is None:
        return _constant(None)
    fn = inner.fn

    def apply(tpls: Templates, mode: int) -> Interval | None:
        a: Interval | None = fn(tpls, mode)
        if a is None:
            return None
        if a.low >= 0:
            return a
        if a.high <= 0:
            return iv.neg(a)
        return iv.hull(iv.point(0), iv.hull(iv.neg(a), a))

    return Compiled(apply)


def _call(node: Call, ctx: _Context) -> Compiled:
    if node.name in AGGREGATES:
        return _aggregate(node, ctx)
    if node.name == "decimals":
        assert isinstance(node.args[0], Ref)  # noqa: S101  # the parser checks it
        return _decimals(node.args[0], ctx)
    return _abs(node, ctx)


_NUMERIC: Final[dict[type, Callable[[Any, _Context], Compiled]]] = {
    Num: _num,
    Ref: _ref,
    BinOp: _binop,
    Neg: _neg,
    Call: _call,
}


def compile_num(node: Node, ctx: _Context) -> Compiled:
    """Compile a numeric expression."""
    return _NUMERIC[type(node)](node, ctx)


# --- comparisons ------------------------------------------------------------------------

_RELATIONS: Final[dict[str, Callable[[Interval, Interval], bool]]] = {
    "=": iv.may_equal,
    "!=": iv.may_not_equal,
    "<": iv.may_less,
    "<=": iv.may_less_equal,
    ">": lambda a, b: iv.may_less(b, a),
    ">=": lambda a, b: iv.may_less_equal(b, a),
}
_EXACT: Final[dict[str, Callable[[Any, Any], bool]]] = {
    "=": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def _holds(relations: list[Callable[[Any, Any], bool]], values: list[Any]) -> bool:
    return all(r(a, b) for r, a, b in zip(relations, values, values[1:], strict=False))


def _compare(node: Compare, ctx: _Context) -> Compiled:
    operands = [compile_num(o, ctx) for o in node.operands]
    if any(o.const is None for o in operands):
        return _constant(None)
    natives = [o.native for o in operands]
    fns = [o.fn for o in operands]
    if ctx.plain:
        return Compiled(_interval_compare(node, fns, ctx.tolerance))
    if ctx.tolerance is None:
        if all(n is not None for n in natives):
            return Compiled(_native_compare(node.ops, natives))  # type: ignore[arg-type]
        ratio = _ratio_check(node, ctx, fns)
        if ratio is not None:
            return Compiled(ratio)
    full = _interval_compare(node, fns, ctx.tolerance)
    written = _written_test(node, ctx)
    if written is None:
        return Compiled(_point_first(node, fns, full))

    def check_written(tpls: Templates, mode: int) -> bool | None:
        return True if written(tpls) else full(tpls, mode)

    return Compiled(check_written, written=written, otherwise=full)


def _interval_compare(
    node: Compare, fns: list[NumFn], tolerance: tuple[Fraction, Fraction] | None
) -> BoolFn:
    relations = [_RELATIONS[op] for op in node.ops]
    if len(fns) == 2 and tolerance is None:  # noqa: PLR2004  # the common case, unrolled
        relation = relations[0]
        lf, rf = fns

        def pair(tpls: Templates, mode: int) -> bool | None:
            a = lf(tpls, mode)
            if a is None:
                return None
            b = rf(tpls, mode)
            return None if b is None else relation(a, b)

        return pair

    def chain(tpls: Templates, mode: int) -> bool | None:
        values = _gather(fns, tpls, mode)
        if values is None:
            return None
        if tolerance is not None:  # the right-hand side of each relation is widened
            values = [values[0], *(iv.widen(v, *tolerance) for v in values[1:])]
        return _holds(relations, values)

    return chain


def _native_compare(ops: tuple[str, ...], natives: list[NativeFn]) -> BoolFn:
    # counts, codes and whole numbers: exact, no interval needed
    relations = [_EXACT[op] for op in ops]
    if len(natives) == 2:  # noqa: PLR2004  # the common case, unrolled
        relation = relations[0]
        ln, rn = natives

        def pair(tpls: Templates, _mode: int) -> bool | None:
            a = ln(tpls)
            if a is None:
                return None
            b = rn(tpls)
            return None if b is None else relation(a, b)

        return pair

    def chain(tpls: Templates, _mode: int) -> bool | None:
        values = _gather(natives, tpls)
        return None if values is None else _holds(relations, values)

    return chain


def _written(node: Node, ctx: _Context) -> Callable[[Templates], Any] | None:  # noqa: PLR0911
    """The value of ``node`` computed exactly from the values as written.

    Only rows, numbers, ``min`` and ``max``: ``None`` for anything with arithmetic,
    which a Decimal context could round.
    """
    if isinstance(node, Num):
        return _literal(_plain_number(node.value))
    if isinstance(node, Ref):
        if not ctx.applies(node) or ctx.zero_blanks:
            return None
        return _row_reader(node.template, node.attribute)
    if isinstance(node, Call) and node.name in ("min", "max") and node.args:
        parts = []
        for arg in node.args:
            if isinstance(arg, Ref) and not ctx.applies(arg):
                continue  # as the interval path does: rows not asked are left out
            part = _written(arg, ctx)
            if part is None:
                return None
            parts.append(part)
        if not parts:
            return None
        pick = min if node.name == "min" else max

        def read(tpls: Templates) -> Any:  # noqa: ANN401  # an int or a Decimal
            values = [part(tpls) for part in parts]
            return None if None in values else pick(values)

        return read
    return None


def _written_test(node: Compare, ctx: _Context) -> WrittenFn | None:
    """Whether the values as written satisfy the comparison (then it holds).

    A written value lies in the interval it stands for in every reading, and interval
    arithmetic keeps what lies inside, so some choice satisfies it. ``None`` when an
    operand cannot be computed exactly from the values as written.
    """
    written = [_written(o, ctx) for o in node.operands]
    if any(w is None for w in written):
        return None
    exact = [_EXACT[op] for op in node.ops]
    readers = cast("list[Callable[[Templates], Any]]", written)
    if len(readers) == 2:  # noqa: PLR2004  # the common case, unrolled
        relation = exact[0]
        left, right = readers

        def pair(tpls: Templates) -> bool:
            a = left(tpls)
            if a is None:
                return False
            b = right(tpls)
            return b is not None and relation(a, b)

        return pair

    def chain(tpls: Templates) -> bool:
        values = [read(tpls) for read in readers]
        return None not in values and _holds(exact, values)

    return chain


def _point_first(node: Compare, fns: list[NumFn], full: BoolFn) -> BoolFn:
    """Try the values exactly as written (``POINT``) first; if they satisfy it, it holds.

    ``fns``: the compiled operands.
    """
    relations = [_RELATIONS[op] for op in node.ops]

    def check(tpls: Templates, mode: int) -> bool | None:
        if mode != iv.POINT:
            values = _gather(fns, tpls, iv.POINT)
            if values is None:
                return None
            if _holds(relations, values):
                return True
        return full(tpls, mode)

    return check


def _literal(number: object) -> Callable[[Templates], Any]:
    return lambda _tpls: number


def _row_reader(tid: str, attr: str) -> Callable[[Templates], Any]:
    def read(tpls: Templates) -> Any:  # noqa: ANN401  # a reported value of any kind
        tpl = tpls.get(tid)
        return None if tpl is None else getattr(tpl, attr)

    return read


def _plain_number(x: Fraction) -> int | Fraction:
    # comparing an int with an int or a Decimal is far faster than with a Fraction
    return int(x) if x.denominator == 1 else x


def _ratio_parts(node: Node, ctx: _Context) -> tuple[Ref, Ref, int] | None:
    # N / D * K, N * K / D or K * N / D, with N and D count rows and K a positive integer
    if not isinstance(node, BinOp) or not isinstance(node.left, BinOp):
        return None
    inner = node.left
    if node.op == "*" and inner.op == "/":
        num, den, k = inner.left, inner.right, node.right
    elif node.op == "/" and inner.op == "*":
        den = node.right
        num, k = (
            (inner.left, inner.right) if isinstance(inner.right, Num) else (inner.right, inner.left)
        )
    else:
        return None
    if not isinstance(k, Num) or k.value.denominator != 1 or k.value <= 0:
        return None
    if not isinstance(num, Ref) or not isinstance(den, Ref):
        return None
    if any(
        not ctx.applies(r) or ctx.kind(r) not in (Kind.COUNT, Kind.MONEY, Kind.PERCENT)
        for r in (num, den)
    ):
        return None
    return num, den, int(k.value)


def _scaled(value: int | Decimal) -> tuple[int, int]:
    """``value`` as ``m / s`` with integers, ``s`` a power of ten (``3.887`` is 3887/1000)."""
    if not isinstance(value, Decimal):
        return int(value), 1
    m, places = iv.decimal_parts(value)
    return m, 10**places


_RatioTest = Callable[[Any, Any, Any, int, int], bool]


def _ratio_holds(rate: int | Decimal, n: int, d: int, factor: int, mode: int) -> bool:
    """Whether ``rate`` as written may be ``n / d * factor`` (counts, ``d > 0``, none negative)."""
    target = factor * n
    if not isinstance(rate, Decimal):
        return rate * d == target
    m, places = iv.decimal_parts(rate)  # rate = m·10⁻ᵖ exactly
    if mode == iv.ROUNDED:
        scaled: int = target * 10 ** (places + 1)
        return (10 * m - 5) * d <= scaled < (10 * m + 5) * d
    scaled = target * 10**places
    if mode == iv.TRUNCATED:
        return m * d <= scaled < (m + 1) * d
    return m * d == scaled


def _amounts_ratio_holds(
    rate: int | Decimal, n: int | Decimal, d: int | Decimal, factor: int, mode: int
) -> bool:
    """Whether ``rate`` may be ``n / d * factor`` with amounts as written (then it holds).

    Amounts stand for intervals, which hold the written values: true means the ratio
    holds; false, that the interval arithmetic must decide.
    """
    n_int, n_scale = _scaled(n)
    d_int, d_scale = _scaled(d)
    return _ratio_holds(rate, n_int * d_scale, n_scale * d_int, factor, mode)


def _ratio_test(num: Ref, den: Ref, ctx: _Context) -> tuple[_RatioTest, bool]:
    """The integer test of a ratio on its written values, and whether it is the answer.

    Counts are exact, so the test is the answer; amounts are intervals, so their written
    values are tried first and the interval arithmetic decides otherwise.
    """
    if ctx.kind(num) is Kind.COUNT and ctx.kind(den) is Kind.COUNT:
        return _ratio_holds, True
    return _amounts_ratio_holds, False


def _ratio_check(node: Compare, ctx: _Context, fns: list[NumFn]) -> BoolFn | None:
    """The exact integer check of ``R = N / D * K`` (every *Tỷ lệ* row of the templates).

    ``R`` written ``m·10⁻ᵈ`` stands for ``[(10m − 5)/10ᵈ⁺¹, (10m + 5)/10ᵈ⁺¹)`` when
    rounded, ``[m/10ᵈ, (m + 1)/10ᵈ)`` when truncated; with ``x = K·N/D`` the checks are
    cross-multiplied in integers. Negative values take the general path (``fns``: the
    compiled operands).
    """
    if node.ops != ("=",) or ctx.zero_blanks:
        return None
    left, right = node.operands
    parts = _ratio_parts(right, ctx)
    if not isinstance(left, Ref) or not ctx.applies(left) or parts is None:
        return None
    num, den, factor = parts
    readers = [(r.template, r.attribute) for r in (left, num, den)]
    full = _interval_compare(node, fns, None)
    test, exact = _ratio_test(num, den, ctx)

    def check(tpls: Templates, mode: int) -> bool | None:
        values = []
        for tid, attr in readers:
            tpl = tpls.get(tid)
            value = None if tpl is None else getattr(tpl, attr)
            if value is None:
                return None
            values.append(value)
        rate, n, d = values
        if d == 0:
            return None  # a ratio of nothing is not evaluated
        if n < 0 or d < 0 or rate < 0:
            return full(tpls, mode)
        if test(rate, n, d, factor, mode):
            return True
        return False if exact else full(tpls, mode)

    return check


# --- conditions -------------------------------------------------------------------------


def _in(node: In, ctx: _Context) -> Compiled:
    operand = compile_num(node.operand, ctx)
    if operand.const is None:
        return _constant(None)
    native = operand.native
    if native is not None and not ctx.plain and all(v.value.denominator == 1 for v in node.values):
        whole = frozenset(int(v.value) for v in node.values)

        def member(tpls: Templates, _mode: int) -> bool | None:
            value = native(tpls)
            return None if value is None else value in whole

        return Compiled(member)
    allowed = [iv.point(v.value) for v in node.values]
    fn = operand.fn

    def apply(tpls: Templates, mode: int) -> bool | None:
        value = fn(tpls, mode)
        if value is None:
            return None
        return any(iv.may_equal(value, a) for a in allowed)

    return Compiled(apply)


def _blank_test(node: BlankTest, _ctx: _Context) -> Compiled:
    tid, attr, negated = node.ref.template, node.ref.attribute, node.negated

    def apply(tpls: Templates, _mode: int) -> bool | None:
        tpl = tpls.get(tid)
        if tpl is None:
            return None  # a template the report does not carry: nothing to check
        return (getattr(tpl, attr) is None) is not negated

    return Compiled(apply)


def _not(node: Not, ctx: _Context) -> Compiled:
    inner = compile_bool(node.operand, ctx)
    if inner.is_const:
        return _constant(None if inner.const is None else not inner.const)
    fn = inner.fn

    def apply(tpls: Templates, mode: int) -> bool | None:
        value = fn(tpls, mode)
        return None if value is None else not value

    return Compiled(apply)


def _logic(node: Logic, ctx: _Context) -> Compiled:
    parts = [compile_bool(o, ctx) for o in node.operands]
    decisive = node.op == "or"  # True decides an `or`, False an `and`
    if any(p.const is decisive for p in parts):
        return _constant(decisive)
    parts = [p for p in parts if p.const is not (not decisive)]  # neutral constants drop out
    if not parts:
        return _constant(not decisive)
    if all(p.is_const for p in parts):  # only unknown constants remain
        return _constant(None)
    if decisive and any(p.written is not None for p in parts):
        return Compiled(_any_written(parts))
    fns = [p.fn for p in parts]

    def apply(tpls: Templates, mode: int) -> bool | None:
        unknown = False
        for fn in fns:
            value: bool | None = fn(tpls, mode)
            if value is None:
                unknown = True
            elif value is decisive:
                return value
        return None if unknown else not decisive

    return Compiled(apply)


def _any_written(parts: list[Compiled]) -> BoolFn:
    """An ``or`` whose parts are first tried on the values as written, all of them.

    ``R <= 0 or R >= 100`` with ``R`` written ``100``: the second part holds as written,
    and the first is never taken through the interval arithmetic. A part that does not
    hold as written is then checked as usual, in order.
    """
    tests = [p.written for p in parts if p.written is not None]
    rest = [p.fn if p.otherwise is None else p.otherwise for p in parts]

    def apply(tpls: Templates, mode: int) -> bool | None:
        for test in tests:
            if test(tpls):
                return True
        unknown = False
        for fn in rest:
            value: bool | None = fn(tpls, mode)
            if value is None:
                unknown = True
            elif value:
                return True
        return None if unknown else False

    return apply


def _if(node: If, ctx: _Context) -> Compiled:
    cond = compile_bool(node.cond, ctx)
    if cond.is_const and cond.const is not True:
        return _constant(None)  # never applies at this level
    then = compile_bool(node.then, ctx)
    if cond.is_const:
        return then
    cf, tf = cond.fn, then.fn

    def apply(tpls: Templates, mode: int) -> bool | None:
        if cf(tpls, mode) is not True:
            return None  # the condition is false or unknown: the rule does not apply
        result: bool | None = tf(tpls, mode)
        return result

    return Compiled(apply)


def _applicable(node: Call, ctx: _Context) -> Compiled:
    ref = node.args[0]
    assert isinstance(ref, Ref)  # noqa: S101  # the parser checks it
    return _constant(ctx.applies(ref))


_CONDITIONS: Final[dict[type, Callable[[Any, _Context], Compiled]]] = {
    Compare: _compare,
    In: _in,
    BlankTest: _blank_test,
    Not: _not,
    Logic: _logic,
    If: _if,
    Call: _applicable,  # the only function that gives a condition
}


def compile_bool(node: Node, ctx: _Context) -> Compiled:
    """Compile a condition."""
    return _CONDITIONS[type(node)](node, ctx)


# --- plans ------------------------------------------------------------------------------


def read_refs(
    rule: Rule, ed: Edition, level: AdminLevel, end: When | None = None
) -> tuple[Ref, ...]:
    """The rows a rule reads at ``level``, in form order: all but aggregated rows left out.

    ``end``: the report's period, as for :func:`context`.
    """
    dropped: set[tuple[str, str]] = set()
    for node in walk(rule.tree):
        if isinstance(node, Call) and node.name in AGGREGATES:
            dropped.update(
                (a.template, a.code)
                for a in node.args
                if isinstance(a, Ref)
                and not ed.indicator(a.template, a.code).applies_to(level, end)
            )
    seen: dict[tuple[str, str], Ref] = {}
    for node in walk(rule.tree):
        if isinstance(node, Ref) and (node.template, node.code) not in dropped:
            seen.setdefault((node.template, node.code), node)
    number = {tid: i for i, tid in enumerate(ed.template_ids)}
    return tuple(
        sorted(
            seen.values(),
            key=lambda r: (number[r.template], tuple(int(p) for p in r.code.split("."))),
        )
    )


@attrs.frozen
class Entry:
    """One rule of a plan: the rule, its compiled check, and what a finding needs.

    What a finding needs (``reads_decimals``, ``refs``, ``expected``) is worked out the
    first time it is asked for: most rules never fail, and a command that checks one
    report pays for compiling its plan (half of it went to these, before).
    """

    rule: Rule
    check: BoolFn
    ctx: _Context = attrs.field(repr=False, eq=False)

    @functools.cached_property
    def reads_decimals(self) -> bool:
        """Whether the rule reads a percentage or an amount (a truncation may explain it)."""
        return _reads_decimals(self.rule, self.ctx.edition)

    @functools.cached_property
    def refs(self) -> tuple[Ref, ...]:
        """The rows the rule reads at the plan's level (see :func:`read_refs`)."""
        ctx = self.ctx
        return read_refs(self.rule, ctx.edition, ctx.level, ctx.end)

    @functools.cached_property
    def expected(self) -> Callable[[Templates], Interval | None]:
        """What the other side of the rule's comparison allows, as a function of the report."""
        return _expected(self.rule, self.ctx)


_Pick = Callable[[Any], tuple[Any, ...]]
_BLANK_AS_NAN: Final[dict[Any, Any]] = {None: float("nan")}
_ZERO: Final = Decimal(0)


@attrs.frozen
class Rows:
    """The rows a plan's batch and sweep read, all read at once: one getter a template.

    Attributes:
        templates: The templates the rows are in.
        pick: The getter of those templates from the report's mapping (``KeyError`` when
            the report lacks one).
        readers: For each template, the getter of its rows (a tuple).
        blanks: For each template, a tuple of as many ``None``: its rows in a report
            that lacks it.
    """

    templates: tuple[str, ...]
    pick: _Pick
    readers: tuple[_Pick, ...]
    blanks: tuple[tuple[None, ...], ...]

    def read(self, tpls: Templates) -> tuple[tuple[Any, ...], list[str]]:
        """Every row's value, in order, and the templates the report lacks (their rows blank)."""
        try:
            found = self.pick(tpls)
        except KeyError:
            found = tuple(map(tpls.get, self.templates))
            missing = [t for t, tpl in zip(self.templates, found, strict=True) if tpl is None]
            values = [
                blank if tpl is None else read(tpl)
                for tpl, read, blank in zip(found, self.readers, self.blanks, strict=True)
            ]
            return tuple(itertools.chain.from_iterable(values)), missing
        return tuple(itertools.chain.from_iterable(map(operator.call, self.readers, found))), []


@attrs.frozen
class Batch:
    """The one-row rules of a plan, pre-checked together (exact, and fast).

    Each group of ``bounds`` holds when ``low <= value <= high`` for every value it
    picks from the rows read (``None``: no bound, which costs no comparison), each group
    of ``members`` when every value is in the set, each group of ``outside`` when no
    value is strictly between its bounds (``R <= 0 or R >= 100``); ``blanks`` hold when
    the rows are blank. Rules of a group share their bounds or set, whatever their template, so that
    a report that keeps to them is checked with one ``min``/``max`` or one set operation
    a group. A value that fails the pre-check is confirmed by the rule's own check, which
    also tells a truncation. A blank value is not evaluated (the rule's own check would
    skip it), nor is a rule about a template the report lacks.
    """

    bounds: tuple[tuple[Any, Any, tuple[Entry, ...], _Pick], ...]
    members: tuple[tuple[frozenset[int], tuple[Entry, ...], _Pick], ...]
    outside: tuple[tuple[Any, Any, tuple[Entry, ...], _Pick], ...]
    blanks: tuple[Entry, ...]
    pick_blanks: _Pick
    blanks_of: Mapping[str, int]

    def precheck(self, values: tuple[Any, ...], missing: list[str]) -> tuple[int, list[Entry]]:
        """How many rules were evaluated, and those that may fail (to confirm one by one).

        The values are told from blanks by identity (``filter``): comparing a ``Decimal``
        with ``None``, as ``None in values`` does, is slow.
        """
        evaluated = len(self.blanks)
        if missing:
            evaluated -= sum(self.blanks_of.get(tid, 0) for tid in missing)
        suspects: list[Entry] = []
        for low, high, entries, pick in self.bounds:
            picked = pick(values)
            present = [*filter(_not_blank, picked)]
            evaluated += len(present)
            if present and (
                (low is not None and min(present) < low)
                or (high is not None and max(present) > high)
            ):
                suspects += [
                    e
                    for e, v in zip(entries, picked, strict=True)
                    if v is not None
                    and ((low is not None and v < low) or (high is not None and v > high))
                ]
        for allowed, entries, pick in self.members:
            picked = pick(values)
            present = [*filter(_not_blank, picked)]
            evaluated += len(present)
            if not allowed.issuperset(present):
                suspects += [
                    e
                    for e, v in zip(entries, picked, strict=True)
                    if v is not None and v not in allowed
                ]
        for low, high, entries, pick in self.outside:
            picked = pick(values)
            present = [*filter(_not_blank, picked)]
            evaluated += len(present)
            if present:
                suspects += [
                    e
                    for e, v in zip(entries, picked, strict=True)
                    if v is not None and low < v < high
                ]
        if self.blanks:  # a template the report lacks reads blank: nothing to suspect
            suspects += itertools.compress(self.blanks, map(_not_blank, self.pick_blanks(values)))
        return evaluated, suspects


_not_blank: Final = functools.partial(operator.is_not, None)


@attrs.frozen
class Sweep:
    """The comparisons of counts and the ratios of a plan, confirmed together.

    Most rules of a plan compare two sums of count rows (``PL8:6.1.2 <= PL8:6.1.1``,
    ``PL3:1 = sum(PL3:1.1, PL3:1.2, PL3:1.3)``) or check a ratio row (``R = N / D *
    100``); taken one by one, each is a chain of closures reading its rows. The sweep
    takes their rows from the values :class:`Rows` read, adds up the sums of several
    rows, and compares all the sides of a relation with one ``map`` (a blank read as NaN,
    which fails every comparison it enters, ``!=`` aside, which the sweep does not take;
    counts are ``int`` below 10¹⁵, as the templates check, so that a NaN in a sum is all
    a float changes); then it checks the ratios on the values as written.

    It decides what holds and what is skipped, exactly as the rules' own checks would:
    a rule it confirms holds with its rows all written (its own check gives ``True``),
    one that reads a blank is skipped (its own check gives ``None``). Every other rule (a
    value that fails, a ratio it cannot decide) is left to its own check.

    Attributes:
        counts: The getter of the rows the comparisons read, among the rows read: the
            first numbers of the sweep.
        sums: For each sum of several rows the comparisons read, the getter of its
            rows among the numbers: the sums are the next numbers.
        compares: Per relation: the relation, the getters of the left and right sides
            among the numbers, and the entries.
        ratios: Per ratio: its entry, the indexes of ``R``, ``N`` and ``D`` among the
            rows read, ``K``, and the integer test of its written values.
    """

    counts: _Pick
    sums: tuple[_Pick, ...]
    compares: tuple[tuple[Callable[[Any, Any], bool], _Pick, _Pick, tuple[Entry, ...]], ...]
    ratios: tuple[tuple[Entry, int, int, int, int, _RatioTest], ...]

    def confirm(self, values: tuple[Any, ...]) -> tuple[int, list[Entry]]:
        """How many rules hold (evaluated), and those that may fail, to check one by one.

        The rest of the sweep's rules read a blank row: they are skipped, as their own
        check would (a blank, or a template the report lacks, reads ``None``; a ratio
        of a whole of ``0`` is not evaluated either).
        """
        counts = self.counts(values)
        numbers = list(map(_BLANK_AS_NAN.get, counts, counts))
        numbers += [*map(sum, map(operator.call, self.sums, itertools.repeat(numbers)))]
        confirmed = 0
        rest: list[Entry] = []
        for holds, pick_left, pick_right, entries in self.compares:
            left = pick_left(numbers)
            right = pick_right(numbers)
            results = list(map(holds, left, right))
            held = sum(results)
            confirmed += held
            if held < len(results):
                rest += [  # NaN is not NaN: a side with a blank, and the rule is skipped
                    entry
                    for entry, ok, a, b in zip(entries, results, left, right, strict=True)
                    if not ok and a == a and b == b  # noqa: PLR0124
                ]
        for entry, r, n, d, factor, test in self.ratios:
            rate, num, den = values[r], values[n], values[d]
            if rate is None or num is None or den is None or den == 0:
                continue
            # compared with a Decimal zero: a Decimal compared with an int converts it first
            if den > 0 and num >= 0 and rate >= _ZERO and test(rate, num, den, factor, iv.ROUNDED):
                confirmed += 1
            else:
                rest.append(entry)
        return confirmed, rest


@attrs.frozen
class Plan:
    """The rules of a set that can be evaluated at one level, compiled.

    The one-row rules are in ``batch``, the comparisons of counts and the ratios in
    ``sweep``, every other rule in ``entries``; the rows the batch and the sweep read are
    read at once by ``rows`` (all three ``None`` in a plan without fast paths).
    """

    entries: tuple[Entry, ...]
    rows: Rows | None
    batch: Batch | None
    sweep: Sweep | None
    total: int


def _expected(rule: Rule, ctx: _Context) -> Callable[[Templates], Interval | None]:
    """What the other side of the rule's comparison allows, as a function of the report."""
    main = main_comparison(rule.tree)
    if not isinstance(main, Compare):
        return lambda _t: None
    if len(main.operands) == 3:  # noqa: PLR2004  # low <= x <= high: the range allowed
        low_fn = compile_num(main.operands[0], ctx).fn
        high_fn = compile_num(main.operands[2], ctx).fn

        def allowed(tpls: Templates) -> Interval | None:
            low = low_fn(tpls, iv.ROUNDED)
            high = high_fn(tpls, iv.ROUNDED)
            if low is None or high is None:
                return None
            return Interval(low.low, high.high, low.low_open, high.high_open)

        return allowed
    other = compile_num(main.operands[-1], ctx).fn
    return lambda tpls: other(tpls, iv.ROUNDED)


_INF: Final = float("inf")
_Shape = tuple[str, Ref, Any, Any]


def _level_shape(tree: Node, ctx: _Context) -> _Shape | None:
    # if not applicable(R) then R = blank, at a level where R is not asked
    if not (isinstance(tree, If) and isinstance(tree.then, BlankTest)):
        return None
    cond, ref = tree.cond, tree.then.ref
    if tree.then.negated or not isinstance(cond, Not) or not isinstance(cond.operand, Call):
        return None
    call = cond.operand
    arg = call.args[0]
    if call.name != "applicable" or not isinstance(arg, Ref) or arg.key != ref.key:
        return None
    return None if ctx.applies(ref) else ("blank", ref, None, None)


def _member_shape(tree: Node, ctx: _Context) -> _Shape | None:
    if not isinstance(tree, In) or not isinstance(tree.operand, Ref):
        return None
    if not ctx.applies(tree.operand) or any(v.value.denominator != 1 for v in tree.values):
        return None
    return ("member", tree.operand, frozenset(int(v.value) for v in tree.values), None)


def _bounds_shape(tree: Node, ctx: _Context) -> _Shape | None:
    # c <= R, R >= c, R <= c, c <= R <= d: one row between whole-number bounds
    if not isinstance(tree, Compare) or any(op not in ("<=", ">=") for op in tree.ops):
        return None
    refs = [o for o in tree.operands if isinstance(o, Ref)]
    if len(refs) != 1 or not ctx.applies(refs[0]):
        return None
    low: Any = -_INF
    high: Any = _INF
    for op, a, b in zip(tree.ops, tree.operands, tree.operands[1:], strict=False):
        small, big = (a, b) if op == "<=" else (b, a)
        if isinstance(small, Num) and isinstance(big, Ref):
            low = max(low, _plain_number(small.value))
        elif isinstance(small, Ref) and isinstance(big, Num):
            high = min(high, _plain_number(big.value))
        else:
            return None
    return ("bounds", refs[0], low, high)


def _one_row(rule: Rule, ctx: _Context) -> _Shape | None:
    """The shape of a rule about one row only, if it is one the batches know."""
    if rule.tolerance is not None or rule.blanks != "skip":
        return None
    return (
        _level_shape(rule.tree, ctx)
        or _member_shape(rule.tree, ctx)
        or _bounds_shape(rule.tree, ctx)
        or _outside_shape(rule.tree, ctx)
    )


def _outside_shape(tree: Node, ctx: _Context) -> _Shape | None:
    # R <= c or R >= d: one row outside two whole-number bounds (or on one)
    if not isinstance(tree, Logic) or tree.op != "or" or len(tree.operands) != 2:  # noqa: PLR2004
        return None
    found = [_bounds_shape(part, ctx) for part in tree.operands]
    if any(shape is None for shape in found):
        return None
    (_, first, low_a, high_a), (_, second, low_b, high_b) = cast("list[_Shape]", found)
    if first.key != second.key:
        return None
    # R <= c is bounded above only, R >= d below only: which came first does not matter
    if high_a != _INF and low_a == -_INF and low_b != -_INF and high_b == _INF:
        return ("outside", first, high_a, low_b)
    if high_b != _INF and low_b == -_INF and low_a != -_INF and high_a == _INF:
        return ("outside", first, high_b, low_a)
    return None


def _reader(attributes: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """A function reading ``attributes`` of a template at once, as a tuple."""
    return _tupled(operator.attrgetter, attributes)


def _picker(indexes: list[Any]) -> Callable[[Any], tuple[Any, ...]]:
    """A function picking the items at ``indexes`` (or keys) of its argument, as a tuple."""
    return _tupled(operator.itemgetter, indexes)


def _tupled(make: Callable[..., Any], keys: list[Any]) -> Callable[[Any], tuple[Any, ...]]:
    """The getter ``make(*keys)``, giving a tuple also for one key (or none)."""
    if not keys:
        return lambda _obj: ()
    getter = make(*keys)
    if len(keys) == 1:
        return lambda obj: (getter(obj),)
    return cast("Callable[[Any], tuple[Any, ...]]", getter)


def _on_use(rule: Rule, ctx: _Context) -> BoolFn:
    """The check of ``rule``, compiled the first time it is called.

    The rules about one row are pre-checked by their batch, and their own check is
    called only for a value that fails it, which a report rarely has: a command that
    checks one report does not compile them (two thirds of the rules).
    """
    fn: BoolFn | None = None

    def check(tpls: Templates, mode: int) -> bool | None:
        nonlocal fn
        if fn is None:
            fn = compile_bool(rule.tree, ctx).fn
        return fn(tpls, mode)

    return check


def _rows(refs: list[Ref]) -> tuple[Rows, Callable[[Ref], int]]:
    """How the rows ``refs`` are read at once, and where each is among the values read."""
    rows: dict[str, dict[str, None]] = {}  # template -> attributes, in order
    for ref in refs:
        rows.setdefault(ref.template, {})[ref.attribute] = None
    order = [(tid, attr) for tid, attributes in rows.items() for attr in attributes]
    place = {key: i for i, key in enumerate(order)}
    reading = Rows(
        tuple(rows),
        _picker(list(rows)),
        tuple(_reader(list(attributes)) for attributes in rows.values()),
        tuple((None,) * len(attributes) for attributes in rows.values()),
    )
    return reading, lambda ref: place[ref.template, ref.attribute]


def _batch(one_row: list[tuple[Entry, _Shape]], at: Callable[[Ref], int]) -> Batch:
    bounds: dict[tuple[Any, Any], list[tuple[Entry, int]]] = {}
    members: dict[frozenset[int], list[tuple[Entry, int]]] = {}
    outside: dict[tuple[Any, Any], list[tuple[Entry, int]]] = {}
    blanks: list[tuple[Entry, int]] = []
    blanks_of: dict[str, int] = {}
    for entry, (kind, ref, a, b) in one_row:
        if kind == "bounds":
            bounds.setdefault((a, b), []).append((entry, at(ref)))
        elif kind == "member":
            members.setdefault(a, []).append((entry, at(ref)))
        elif kind == "outside":
            outside.setdefault((a, b), []).append((entry, at(ref)))
        else:
            blanks.append((entry, at(ref)))
            blanks_of[ref.template] = blanks_of.get(ref.template, 0) + 1
    return Batch(
        tuple(
            (
                None if low == -_INF else low,
                None if high == _INF else high,
                tuple(e for e, _ in group),
                _picker([i for _, i in group]),
            )
            for (low, high), group in bounds.items()
        ),
        tuple(
            (allowed, tuple(e for e, _ in group), _picker([i for _, i in group]))
            for allowed, group in members.items()
        ),
        tuple(
            (low, high, tuple(e for e, _ in group), _picker([i for _, i in group]))
            for (low, high), group in outside.items()
        ),
        tuple(e for e, _ in blanks),
        _picker([i for _, i in blanks]),
        blanks_of,
    )


_Swept = tuple[str, Entry, tuple[Ref, ...], tuple[Ref, ...], int]
_SWEPT_RELATIONS: Final = frozenset(("=", "<", "<=", ">", ">="))  # not != : NaN != x holds


def _count_sum(node: Node, ctx: _Context) -> list[Ref] | None:
    """The count rows ``node`` adds up (a row, ``+`` of sums, ``sum(...)`` of rows), if it does."""
    if isinstance(node, Ref):
        return [node] if ctx.applies(node) and ctx.kind(node) in (Kind.COUNT, Kind.CODE) else None
    if isinstance(node, BinOp) and node.op == "+":
        left, right = _count_sum(node.left, ctx), _count_sum(node.right, ctx)
        return None if left is None or right is None else left + right
    if isinstance(node, Call) and node.name == "sum":
        # as the interval path does: rows not asked at the level are left out
        args = [a for a in node.args if not (isinstance(a, Ref) and not ctx.applies(a))]
        rows = [_count_sum(a, ctx) if isinstance(a, Ref) else None for a in args]
        if not rows or any(r is None for r in rows):
            return None
        return [ref for r in rows for ref in cast("list[Ref]", r)]
    return None


def _swept(entry: Entry) -> _Swept | None:
    """What the sweep needs of a rule it can confirm: a comparison of sums of counts, a ratio.

    Its form is one the rule's own check takes a shortcut for: compared in ``int``
    (:func:`_native_compare`) or cross-multiplied (:func:`_ratio_check`).
    """
    rule, ctx = entry.rule, entry.ctx
    tree = rule.tree
    if rule.tolerance is not None or ctx.zero_blanks or not isinstance(tree, Compare):
        return None
    if len(tree.ops) != 1 or tree.ops[0] not in _SWEPT_RELATIONS:
        return None
    left, right = tree.operands
    rows = _count_sum(left, ctx), _count_sum(right, ctx)
    if rows[0] is not None and rows[1] is not None:
        return (tree.ops[0], entry, tuple(rows[0]), tuple(rows[1]), 0)
    parts = _ratio_parts(right, ctx) if tree.ops[0] == "=" else None
    if parts is None or not isinstance(left, Ref) or not ctx.applies(left):
        return None
    num, den, factor = parts
    return ("ratio", entry, (left, num, den), (), factor)


def _sweep(swept: list[_Swept], at: Callable[[Ref], int]) -> Sweep:
    compared = [item for item in swept if item[0] != "ratio"]
    ratios = [item for item in swept if item[0] == "ratio"]
    # the comparisons read only counts: they are picked from the rows read (blanks made
    # NaN), and the sums of several rows are put after them
    counted: dict[int, int] = {}
    for _, _, left, right, _ in compared:
        for ref in (*left, *right):
            counted.setdefault(at(ref), len(counted))
    sums: dict[tuple[int, ...], int] = {}

    def side(refs: tuple[Ref, ...]) -> int:
        terms = tuple(counted[at(r)] for r in refs)
        if len(terms) == 1:
            return terms[0]
        return len(counted) + sums.setdefault(terms, len(sums))

    groups: dict[str, list[tuple[int, int, Entry]]] = {}
    for op, entry, left, right, _ in compared:
        groups.setdefault(op, []).append((side(left), side(right), entry))
    return Sweep(
        _picker(list(counted)),
        tuple(_picker(list(terms)) for terms in sums),
        tuple(
            (
                _EXACT[op],
                _picker([a for a, _, _ in group]),
                _picker([b for _, b, _ in group]),
                tuple(e for _, _, e in group),
            )
            for op, group in groups.items()
        ),
        tuple(
            (entry, at(rate), at(num), at(den), factor, _ratio_test(num, den, entry.ctx)[0])
            for _, entry, (rate, num, den), _, factor in ratios
        ),
    )


def _reads_decimals(rule: Rule, ed: Edition) -> bool:
    return any(
        ed.indicator(r.template, r.code).kind in (Kind.PERCENT, Kind.MONEY) for r in rule.references
    )


def era(rules: RuleSet, ed: Edition, end: When | None) -> tuple[int, int] | None:
    """Where the first and last day of the period ``end`` fall among the rows' and rules' dates.

    Reports on periods that start in the same stretch between those dates and end in the
    same one are checked by the same plan: the rows asked and the rules in force are the
    same (decided once per era, not per report). ``None`` for ``end`` unknown.
    """
    if end is None:
        return None

    def build() -> tuple[dt.date, ...]:
        found = {row.until for row in ed.indicators() if row.until is not None}
        found.update(row.note_until for row in ed.indicators() if row.note_until is not None)
        found.update(level.until for level in AdminLevel if level.until is not None)
        for rule in rules:
            found.update(day for day in (rule.since, rule.until) if day is not None)
        return tuple(sorted(found))

    known = compiled(rules, ("days", ed.id), build)
    first, last = days(end)
    return bisect.bisect_right(known, first), bisect.bisect_right(known, last)


def plan_for(
    rules: RuleSet,
    ed: Edition,
    level: AdminLevel,
    end: When | None = None,
    *,
    plain: bool = False,
) -> Plan:
    """The compiled plan of a rule set for reports of edition ``ed`` at ``level`` (cached).

    ``end``: the report's period, as for :func:`context`. ``plain``: every
    rule compiled without fast paths and none batched, for the differential tests.
    """

    def build() -> Plan:
        rest: list[Entry] = []
        one_row: list[tuple[Entry, _Shape]] = []
        swept: list[_Swept] = []
        for rule in rules:
            if rule.edition != ed.id or not rule.in_force(level, end):
                continue
            ctx = _Context(rule, ed, level, end, plain=plain)
            # a rule about one row reads a row asked at the level (or checks that one
            # not asked is blank): it can always be evaluated, and is compiled on use
            shape = None if plain else _one_row(rule, ctx)
            if shape is not None:
                one_row.append((Entry(rule, _on_use(rule, ctx), ctx), shape))
                continue
            check = compile_bool(rule.tree, ctx)
            if check.is_const and check.const is None:
                continue  # cannot be evaluated at this level, whatever the report says
            entry = Entry(rule, check.fn, ctx)
            sweeps = None if plain else _swept(entry)
            if sweeps is None:
                rest.append(entry)
            else:
                swept.append(sweeps)
        if plain:
            return Plan(tuple(rest), None, None, None, len(rules))
        refs = [shape[1] for _, shape in one_row]
        refs += [ref for _, _, left, right, _ in swept for ref in (*left, *right)]
        rows, at = _rows(refs)
        return Plan(tuple(rest), rows, _batch(one_row, at), _sweep(swept, at), len(rules))

    key = ("plan", ed.id, level, era(rules, ed, end), plain)
    return compiled(rules, key, build)
