"""Numbers as they are written: intervals, their arithmetic and comparisons."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_model import Interval
from cchc_model._rules.interval import (
    POINT,
    ROUNDED,
    TRUNCATED,
    add,
    div,
    from_value,
    may_equal,
    may_less,
    may_less_equal,
    may_not_equal,
    mul,
    neg,
    point,
    round_half_up,
    sub,
    widen,
    written_decimals,
)


def fr(text: str | int, denominator: int = 1) -> Fraction:
    return Fraction(text) / denominator


@pytest.mark.parametrize(
    ("written", "mode", "expected"),
    [
        # the reference document's numbers
        ("78.94", ROUNDED, Interval(fr("78.935"), fr("78.945"), high_open=True)),
        ("78.94", TRUNCATED, Interval(fr("78.94"), fr("78.95"), high_open=True)),
        ("70.1", ROUNDED, Interval(fr("70.05"), fr("70.15"), high_open=True)),
        ("3.887", ROUNDED, Interval(fr("3.8865"), fr("3.8875"), high_open=True)),
        ("100", ROUNDED, Interval(fr("99.5"), fr("100.5"), high_open=True)),
        ("100.00", ROUNDED, Interval(fr("99.995"), fr("100.005"), high_open=True)),
        ("0", ROUNDED, Interval(fr("-0.5"), fr("0.5"), high_open=True)),
        # half away from zero: -2 stands for (-2.5, -1.5]
        ("-2", ROUNDED, Interval(fr("-2.5"), fr("-1.5"), low_open=True)),
        ("-2.5", TRUNCATED, Interval(fr("-2.6"), fr("-2.5"), low_open=True)),
        ("78.94", POINT, Interval(fr("78.94"), fr("78.94"))),
    ],
)
def test_a_written_decimal(written: str, mode: int, expected: Interval) -> None:
    assert from_value(Decimal(written), mode) == expected


def test_counts_are_exact() -> None:
    assert from_value(276, ROUNDED) == point(276) == Interval(276, 276)
    assert point(276).is_exact
    assert not from_value(Decimal(1), ROUNDED).is_exact


def test_written_decimals() -> None:
    assert [written_decimals(Decimal(t)) for t in ("78.94", "100", "3.887", "0.10")] == [2, 0, 3, 2]


def test_arithmetic_keeps_open_bounds() -> None:
    a = from_value(Decimal("3.887"), ROUNDED)
    assert add(a, point(1)) == Interval(fr("4.8865"), fr("4.8875"), high_open=True)
    assert sub(point(10), a) == Interval(fr("6.1125"), fr("6.1135"), low_open=True)
    assert neg(a) == Interval(fr("-3.8875"), fr("-3.8865"), low_open=True)
    assert mul(a, point(0)) == point(0)  # 0 × anything is 0, reached
    quotient = div(a, a)
    assert quotient is not None
    assert quotient.low < 1 < quotient.high
    assert quotient.low_open
    assert quotient.high_open


def test_division_by_what_may_be_zero_is_unknown() -> None:
    assert div(point(1), point(0)) is None
    assert div(point(1), from_value(Decimal("0.0"), ROUNDED)) is None
    assert div(point(1), Interval(-1, 1)) is None


def test_comparisons_are_existential() -> None:
    rounded = from_value(Decimal("78.94"), ROUNDED)
    exact = point(fr("1500") / 19)  # 78.947368…
    assert not may_equal(rounded, exact)
    assert may_equal(from_value(Decimal("78.94"), TRUNCATED), exact)
    assert may_equal(from_value(Decimal("70.1"), ROUNDED), point(fr("19700") / 281))
    # the open bound: 12,5 rounds half-up to 13, so 12 does not stand for it
    assert not may_equal(from_value(Decimal(12), ROUNDED), point(fr("12.5")))
    assert may_equal(from_value(Decimal(13), ROUNDED), point(fr("12.5")))
    assert may_less_equal(point(5), point(5))
    assert not may_less(point(5), point(5))
    assert may_less(point(5), from_value(Decimal(5), ROUNDED))  # 5 < 5.2, say
    assert not may_less_equal(Interval(5, 6, low_open=True), point(5))
    assert may_not_equal(point(1), Interval(1, 2))
    assert not may_not_equal(point(1), point(1))


def test_widen_for_a_tolerance() -> None:
    assert widen(point(100), fr("0.5"), fr(0)) == Interval(fr("99.5"), fr("100.5"))
    assert widen(point(200), fr(0), fr("0.01")) == Interval(198, 202)
    assert widen(point(7), fr(0), fr(0)) == point(7)


def test_round_half_up() -> None:
    assert round_half_up(fr("1500") / 19, 2) == Decimal("78.95")
    assert round_half_up(fr("12.5"), 0) == Decimal(13)
    assert round_half_up(fr("-12.5"), 0) == Decimal(-13)
    assert str(round_half_up(100, 2)) == "100.00"
    big = fr(10**40 + 1, 3)
    assert round_half_up(big, 2) == Decimal("3333333333333333333333333333333333333333.67")


def test_str() -> None:
    assert str(from_value(Decimal("70.1"), ROUNDED)) == "[70.05, 70.15)"
    assert str(point(fr(1500, 19))) == "1500/19"
    assert str(Interval(fr(1, 3), 1, low_open=True)) == "(1/3, 1]"


_decimals = st.decimals(min_value=-1000, max_value=1000, places=3, allow_nan=False)


@given(_decimals, st.sampled_from([ROUNDED, TRUNCATED]))
def test_a_written_value_lies_in_its_interval(value: Decimal, mode: int) -> None:
    iv = from_value(value, mode)
    assert may_equal(iv, point(Fraction(value)))


@given(st.fractions(min_value=-1000, max_value=1000, max_denominator=1000), st.integers(0, 4))
def test_rounding_agrees_with_the_interval(x: Fraction, places: int) -> None:
    # x rounds half-up to r exactly when x lies in the interval r stands for
    written = round_half_up(x, places)
    assert may_equal(from_value(written, ROUNDED), point(x))
    other = written + Decimal(1).scaleb(-places)
    assert not may_equal(from_value(other, ROUNDED), point(x))


@given(_decimals, _decimals, st.sampled_from(["+", "-", "*"]))
def test_arithmetic_contains_the_exact_result(a: Decimal, b: Decimal, op: str) -> None:
    ia, ib = from_value(a, ROUNDED), from_value(b, ROUNDED)
    fa, fb = Fraction(a), Fraction(b)
    result = {"+": add, "-": sub, "*": mul}[op](ia, ib)
    exact = {"+": fa + fb, "-": fa - fb, "*": fa * fb}[op]
    assert may_equal(result, point(exact))
