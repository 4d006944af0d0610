"""Numbers as they are written: exact intervals, and arithmetic on them.

A reported percentage or amount carries the precision it was written with: ``70,1``
stands for some value in ``[70.05, 70.15)`` (it was rounded half-up to one decimal),
``78,94`` for one in ``[78.935, 78.945)``. Counts and code-list values are exact. A rule
holds when some choice of exact values inside the reported intervals satisfies it, as in
XBRL Calculations 1.1; the functions here compute with such intervals exactly (bounds
are ``int`` or :class:`~fractions.Fraction`, never floats) and keep track of which bounds
are included.

Three readings of a written decimal are used: :data:`ROUNDED` (the normal one),
:data:`TRUNCATED` (the writer cut digits off: ``78,94`` for ``78.947…``, in
``[78.94, 78.95)``), and :data:`POINT` (the value exactly as written, for computing).

>>> from decimal import Decimal
>>> iv = from_value(Decimal("70.1"), ROUNDED)
>>> iv
Interval(low=Fraction(1401, 20), high=Fraction(1403, 20), low_open=False, high_open=True)
>>> may_equal(iv, div(point(19700), point(281)))  # 197 / 281 × 100 = 70.1067…
True
>>> may_equal(from_value(Decimal("78.94"), ROUNDED), div(point(1500), point(19)))
False
>>> may_equal(from_value(Decimal("78.94"), TRUNCATED), div(point(1500), point(19)))
True
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Final, NamedTuple

from .._model.public import publish

__all__ = [
    "POINT",
    "ROUNDED",
    "TRUNCATED",
    "Interval",
    "Number",
    "add",
    "decimal_parts",
    "div",
    "from_value",
    "hull",
    "interval_max",
    "interval_min",
    "may_equal",
    "may_less",
    "may_less_equal",
    "may_not_equal",
    "mul",
    "neg",
    "point",
    "round_half_up",
    "sub",
    "widen",
    "written_decimals",
]

Number = int | Fraction
"""An exact bound."""

ROUNDED: Final = 0
"""A written decimal was rounded half-up to its last digit (the normal reading)."""
TRUNCATED: Final = 1
"""A written decimal had its further digits cut off."""
POINT: Final = 2
"""A written decimal is exactly the value it shows (used to compute derived values)."""


class Interval(NamedTuple):
    """A set of exact numbers: from ``low`` to ``high``, each bound included or not.

    An exact value is an interval whose bounds are equal and included (:func:`point`).

    Attributes:
        low: The lower bound.
        high: The upper bound.
        low_open: Whether ``low`` itself is excluded.
        high_open: Whether ``high`` itself is excluded.

    >>> str(Interval(Fraction(1401, 20), Fraction(1403, 20), high_open=True))
    '[70.05, 70.15)'
    >>> str(point(Fraction(1500, 19))), point(3).is_exact
    ('1500/19', True)
    """

    low: Number
    high: Number
    low_open: bool = False
    high_open: bool = False

    @property
    def is_exact(self) -> bool:
        """Whether the interval is a single exact value."""
        return self.low == self.high and not (self.low_open or self.high_open)

    def __str__(self) -> str:
        if self.is_exact:
            return str(self.low)
        return (
            f"{'(' if self.low_open else '['}{_plain(self.low)}, "
            f"{_plain(self.high)}{')' if self.high_open else ']'}"
        )


def _plain(x: Number) -> str:
    if isinstance(x, int) or x.denominator == 1:
        return str(int(x))
    # a bound that is a finite decimal prints as one (70.05), others as a fraction
    den = x.denominator
    twos = fives = 0
    while den % 2 == 0:
        den //= 2
        twos += 1
    while den % 5 == 0:
        den //= 5
        fives += 1
    if den != 1:
        return str(x)
    places = max(twos, fives)
    scaled = x * 10**places
    return format(Decimal(f"{int(scaled)}E-{places}"), "f")


_SMALL: Final = tuple(Interval(i, i) for i in range(1024))


def point(x: Number) -> Interval:
    """The exact value ``x``.

    >>> point(5)
    Interval(low=5, high=5, low_open=False, high_open=False)
    """
    if type(x) is int and 0 <= x < 1024:  # noqa: PLR2004  # a cache of small counts
        return _SMALL[x]
    return Interval(x, x)


_CACHE: dict[tuple[str, int], Interval] = {}
_CACHE_LIMIT: Final = 4096
_PARTS: dict[str, tuple[int, int]] = {}


def decimal_parts(value: Decimal) -> tuple[int, int]:
    """``value`` as ``m·10⁻ᵈ``: the integer ``m`` and the decimals ``d`` it was written with.

    Exact at any size. The parts of a value are kept, by its text (which tells ``100``
    from ``100.00``, and is cheaper to get than its digits): reports repeat their values.

    >>> decimal_parts(Decimal("78.94")), decimal_parts(Decimal("100"))
    ((7894, 2), (100, 0))
    >>> decimal_parts(Decimal("-1E+2")), decimal_parts(Decimal("-0.50"))
    ((-100, 0), (-50, 2))
    """
    text = str(value)
    parts = _PARTS.get(text)
    if parts is None:
        sign, digits, exponent = value.as_tuple()
        assert isinstance(exponent, int)  # noqa: S101  # reported values are finite
        # int() of a Decimal is exact, whatever the context's precision
        m = int(Decimal((sign, digits, max(exponent, 0))))
        parts = (m, max(-exponent, 0))
        if len(_PARTS) < _CACHE_LIMIT:
            _PARTS[text] = parts
    return parts


def written_decimals(value: Decimal) -> int:
    """How many decimals ``value`` was written with (``0`` for ``Decimal("100")``).

    >>> written_decimals(Decimal("78.94")), written_decimals(Decimal("100"))
    (2, 0)
    """
    return decimal_parts(value)[1]


def from_value(value: int | Decimal, mode: int) -> Interval:
    """The interval a reported value stands for, read in ``mode``.

    An ``int`` (a count, a code) is exact. A ``Decimal`` written with *d* decimals is
    read by ``mode``: :data:`ROUNDED` gives ``[v − ½·10⁻ᵈ, v + ½·10⁻ᵈ)`` (rounding half
    away from zero, so the bound towards zero is the included one), :data:`TRUNCATED`
    ``[v, v + 10⁻ᵈ)`` (towards zero for negative values), :data:`POINT` the value itself.

    >>> str(from_value(Decimal("78.94"), ROUNDED)), str(from_value(Decimal("78.94"), TRUNCATED))
    ('[78.935, 78.945)', '[78.94, 78.95)')
    >>> str(from_value(Decimal("100"), ROUNDED)), str(from_value(Decimal("-2"), ROUNDED))
    ('[99.5, 100.5)', '(-2.5, -1.5]')
    """
    if not isinstance(value, Decimal):
        return point(int(value))
    key = (str(value), mode)
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    exact = Fraction(value)
    if mode == POINT:
        result = point(exact)
    else:
        places = written_decimals(value)
        unit = Fraction(1, 10**places)
        negative = value.is_signed() and exact != 0
        if mode == ROUNDED:
            half = unit / 2
            if negative:
                result = Interval(exact - half, exact + half, low_open=True)
            else:
                result = Interval(exact - half, exact + half, high_open=True)
        elif negative:
            result = Interval(exact - unit, exact, low_open=True)
        else:
            result = Interval(exact, exact + unit, high_open=True)
    if len(_CACHE) < _CACHE_LIMIT:
        _CACHE[key] = result
    return result


# --- arithmetic ---------------------------------------------------------------------------


def round_half_up(x: Number | Decimal, decimals: int) -> Decimal:
    """``x`` rounded to ``decimals`` places, ties away from zero (as Excel's ``ROUND``).

    >>> round_half_up(Fraction(1500, 19), 2), round_half_up(Fraction(25, 2), 0)
    (Decimal('78.95'), Decimal('13'))
    >>> round_half_up(Fraction(-25, 2), 0), round_half_up(100, 2)
    (Decimal('-13'), Decimal('100.00'))
    >>> round_half_up(Decimal("-0.001"), 2)
    Decimal('0.00')
    """
    scaled = Fraction(x) * 10**decimals
    magnitude = int(abs(scaled) + Fraction(1, 2))  # the floor, for a value not negative
    # built from its digits, so that no context precision rounds it (and no int-to-text
    # limit applies); never a negative zero
    digits = Decimal(magnitude).as_tuple().digits
    return Decimal((1 if scaled < 0 and magnitude else 0, digits, -decimals))


def neg(a: Interval) -> Interval:
    """``−a``."""
    return Interval(-a.high, -a.low, a.high_open, a.low_open)


def add(a: Interval, b: Interval) -> Interval:
    """``a + b``: the sums of every choice.

    >>> str(add(from_value(Decimal("3.887"), ROUNDED), point(1)))
    '[4.8865, 4.8875)'
    """
    return Interval(
        a.low + b.low, a.high + b.high, a.low_open or b.low_open, a.high_open or b.high_open
    )


def sub(a: Interval, b: Interval) -> Interval:
    """``a − b``."""
    return Interval(
        a.low - b.high, a.high - b.low, a.low_open or b.high_open, a.high_open or b.low_open
    )


def _corner(x: Number, y: Number, *, x_open: bool, y_open: bool) -> tuple[Number, bool]:
    # x·y is reached when both factors are, or when one factor is a reached zero.
    product = x * y
    reached = (not x_open and not y_open) or (x == 0 and not x_open) or (y == 0 and not y_open)
    return product, not reached


def _from_corners(corners: list[tuple[Number, bool]]) -> Interval:
    low = min(c[0] for c in corners)
    high = max(c[0] for c in corners)
    low_open = all(is_open for value, is_open in corners if value == low)
    high_open = all(is_open for value, is_open in corners if value == high)
    return Interval(low, high, low_open, high_open)


def mul(a: Interval, b: Interval) -> Interval:
    """``a × b``.

    >>> str(mul(from_value(Decimal("0.5"), ROUNDED), point(100)))
    '[45, 55)'
    """
    if a.is_exact and b.is_exact:
        return point(a.low * b.low)
    return _from_corners(
        [
            _corner(a.low, b.low, x_open=a.low_open, y_open=b.low_open),
            _corner(a.low, b.high, x_open=a.low_open, y_open=b.high_open),
            _corner(a.high, b.low, x_open=a.high_open, y_open=b.low_open),
            _corner(a.high, b.high, x_open=a.high_open, y_open=b.high_open),
        ]
    )


def div(a: Interval, b: Interval) -> Interval | None:
    """``a ÷ b``, or ``None`` when ``b`` may be zero (the quotient is then unknown).

    >>> div(point(1), point(0)) is None, div(point(1), from_value(Decimal("0.0"), ROUNDED))
    (True, None)
    >>> div(point(1500), point(19))
    Interval(low=Fraction(1500, 19), high=Fraction(1500, 19), low_open=False, high_open=False)
    """
    if b.low <= 0 <= b.high:
        return None
    if a.is_exact and b.is_exact:
        return point(Fraction(a.low) / b.low if isinstance(a.low, int) else a.low / b.low)
    inverse = Interval(Fraction(1) / b.high, Fraction(1) / b.low, b.high_open, b.low_open)
    return mul(a, inverse)


def interval_min(items: list[Interval]) -> Interval:
    """The interval of ``min(x₁, x₂, …)`` over every choice."""
    low = min(i.low for i in items)
    high = min(i.high for i in items)
    return Interval(
        low,
        high,
        all(i.low_open for i in items if i.low == low),
        all(i.high_open for i in items if i.high == high),
    )


def interval_max(items: list[Interval]) -> Interval:
    """The interval of ``max(x₁, x₂, …)`` over every choice."""
    return neg(interval_min([neg(i) for i in items]))


def hull(a: Interval, b: Interval) -> Interval:
    """The smallest interval holding both ``a`` and ``b``."""
    low_first = a.low < b.low or (a.low == b.low and not a.low_open)
    high_first = a.high > b.high or (a.high == b.high and not a.high_open)
    low, low_open = (a.low, a.low_open) if low_first else (b.low, b.low_open)
    high, high_open = (a.high, a.high_open) if high_first else (b.high, b.high_open)
    return Interval(low, high, low_open, high_open)


def widen(a: Interval, absolute: Fraction, relative: Fraction) -> Interval:
    """``a`` grown on both sides by ``absolute + relative × |a|`` (a rule's tolerance).

    >>> str(widen(point(100), Fraction(1, 100), Fraction(0)))
    '[99.99, 100.01]'
    """
    size = max(abs(Fraction(a.low)), abs(Fraction(a.high)))
    margin = absolute + relative * size
    if margin == 0:
        return a
    return Interval(a.low - margin, a.high + margin, a.low_open, a.high_open)


# --- comparisons: does some choice of values satisfy the relation? ---------------------


def may_equal(a: Interval, b: Interval) -> bool:
    """Whether some value lies in both ``a`` and ``b``.

    >>> may_equal(from_value(Decimal("100"), ROUNDED), point(100))
    True
    >>> may_equal(from_value(Decimal("12"), ROUNDED), point(Fraction(25, 2)))  # 12.5 → 13
    False
    """
    if a.low > b.low:
        low, low_open = a.low, a.low_open
    elif b.low > a.low:
        low, low_open = b.low, b.low_open
    else:
        low, low_open = a.low, a.low_open or b.low_open
    if a.high < b.high:
        high, high_open = a.high, a.high_open
    elif b.high < a.high:
        high, high_open = b.high, b.high_open
    else:
        high, high_open = a.high, a.high_open or b.high_open
    return low < high or (low == high and not low_open and not high_open)


def may_less_equal(a: Interval, b: Interval) -> bool:
    """Whether ``x <= y`` for some ``x`` in ``a`` and ``y`` in ``b``."""
    return a.low < b.high or (a.low == b.high and not a.low_open and not b.high_open)


def may_less(a: Interval, b: Interval) -> bool:
    """Whether ``x < y`` for some ``x`` in ``a`` and ``y`` in ``b``."""
    return a.low < b.high


def may_not_equal(a: Interval, b: Interval) -> bool:
    """Whether ``x != y`` for some choice: false only for the same exact value."""
    return not (a.is_exact and b.is_exact and a.low == b.low)


publish(globals())  # cchc_model.Name, not this module: see _model/public.py
