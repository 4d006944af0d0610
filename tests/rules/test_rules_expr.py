"""The rule expression language: parsing, errors with positions, robustness."""

from __future__ import annotations

import contextlib
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_model import RuleError
from cchc_model._rules.expr import (
    BinOp,
    BlankTest,
    Call,
    Compare,
    If,
    In,
    Logic,
    Not,
    Num,
    Ref,
    main_comparison,
    parse,
    references,
    unparse,
)


def test_a_ratio() -> None:
    tree = parse("PL4:3.3 = PL4:3.3.2 / PL4:3.3.1 * 100")
    assert isinstance(tree, Compare)
    assert tree.ops == ("=",)
    left, right = tree.operands
    assert left == Ref("PL4", "3.3", "commune_on_time_rate", 0)
    assert isinstance(right, BinOp)
    assert right.op == "*"
    assert right.right == Num(Fraction(100), "100", 34)


def test_precedence_and_associativity() -> None:
    assert unparse(parse("PL2:1 - PL2:2.1 - PL2:2.2 = 0")) == "PL2:1 - PL2:2.1 - PL2:2.2 = 0"
    tree = parse("PL2:1 - (PL2:2.1 - PL2:2.2) = 0")
    assert unparse(tree) == "PL2:1 - (PL2:2.1 - PL2:2.2) = 0"
    assert unparse(parse("PL2:1 + PL2:2.1 * 2 = 0")) == "PL2:1 + PL2:2.1 * 2 = 0"
    assert unparse(parse("(PL2:1 + PL2:2.1) * 2 = 0")) == "(PL2:1 + PL2:2.1) * 2 = 0"
    assert unparse(parse("-(PL2:1 + 2) < 0")) == "-(PL2:1 + 2) < 0"


def test_conditions() -> None:
    tree = parse("if PL2:7 = 0 then PL2:7.1 = blank or PL2:7.1 = 0")
    assert isinstance(tree, If)
    assert isinstance(tree.then, Logic)
    assert tree.then.op == "or"
    assert isinstance(tree.then.operands[0], BlankTest)
    assert main_comparison(tree) is None  # a compound condition: no single comparison
    level = parse("if not applicable(PL2:3.1) then PL2:3.1 = blank")
    assert isinstance(level, If)
    assert main_comparison(level) == level.then
    tree = parse("not (PL2:7 = 0 or PL2:8 = 0) and PL2:1 >= 0")
    assert isinstance(tree, Logic)
    assert isinstance(tree.operands[0], Not)
    assert unparse(tree) == "not (PL2:7 = 0 or PL2:8 = 0) and PL2:1 >= 0"


def test_membership_chain_functions() -> None:
    assert isinstance(parse("PL8:2 in (0, 1, 2)"), In)
    chain = parse("0 <= PL2:2 <= 100")
    assert isinstance(chain, Compare)
    assert chain.ops == ("<=", "<=")
    call = parse("sum(PL4:1.4.1, PL4:1.4.2) >= max(PL2:1, 2)")
    assert isinstance(call, Compare)
    assert isinstance(call.operands[0], Call)
    assert isinstance(parse("applicable(PL2:3.1)"), Call)


def test_spellings() -> None:
    # the symbols of documents, lower-case references and keywords, a trailing dot
    assert unparse(parse("pl4:1.4. ≥ PL4:1.4.3 × 1 ÷ 1")) == "PL4:1.4 >= PL4:1.4.3 * 1 / 1"
    assert unparse(parse("IF PL2:7 == 0 THEN PL2:7.1 ≠ 1")) == "if PL2:7 = 0 then PL2:7.1 != 1"


def test_references_in_order_each_once() -> None:
    tree = parse("PL8:6.3.1 = PL8:6.1.2 + PL8:6.2.2 and PL8:6.3.1 <= PL4:1.4")
    assert [r.key for r in references(tree)] == ["PL8:6.3.1", "PL8:6.1.2", "PL8:6.2.2", "PL4:1.4"]


@pytest.mark.parametrize(
    ("text", "position", "words"),
    [
        ("", 0, "empty"),
        ("PL4:3.3.2 <= ", 13, "expected a number"),
        ("PL4:3.3.2 =< PL4:3.3.1", 11, "expected a number"),
        ("PL9:1 = 2", 0, "no template PL9"),
        ("PL2:99 = 1", 0, "no indicator 99"),
        ("PL2:3 = 1", 0, "heading"),
        ("PL4:3.3.2 <= 3.3.1", 13, "write it with its template"),
        ("sume(PL2:1) = 1", 0, "did you mean 'sum'"),
        ("PL2:1 = blank + 1", 8, "blank can only"),
        ("PL2:1 < blank", 8, "blank can only"),
        ("PL2:1 and PL2:2 = 0", 0, "must be a condition"),
        ("PL2:1", 0, "must be a condition"),
        ("PL2:1 = 1 = ", 12, "expected a number"),
        ("decimals(1) = 1", 9, "takes a reference"),
        ("PL2:1 @ 2", 6, "unexpected character"),
        ("if PL2:1 then PL2:1 = 1", 3, "must be a condition"),
        ("if PL2:1 = 1 PL2:1 = 1", 13, "expected 'then'"),
        ("PL2:1 in (a)", 10, "expected a number"),
        ("PL2:1 = 2 PL2:1", 10, "unexpected text"),
        ("sum() = 1", 0, "needs an argument"),
        ("abs(1, 2) = 1", 0, "one argument"),
        ("PL2:1 = (1", 10, "expected ')'"),
        ("(PL2:1 = 1) + 1 = 2", 1, "must be a number"),
        ("PL2:1 = 1" + "0" * 40, 8, "too long"),
    ],
)
def test_errors_say_where(text: str, position: int, words: str) -> None:
    with pytest.raises(RuleError) as info:
        parse(text)
    error = info.value
    assert words in str(error)
    assert error.position == position
    assert error.expression == text
    # the message shows the expression with a caret under the problem
    lines = str(error).splitlines()
    assert lines[-1] == "  " + " " * position + "^"
    assert error.message("vi") != error.message("en")


def test_limits() -> None:
    with pytest.raises(RuleError, match="nested too deeply"):
        parse("(" * 60 + "PL2:1" + ")" * 60 + " = 1")
    with pytest.raises(RuleError, match="more than 300 parts"):
        parse(" + ".join(["PL2:1"] * 200) + " = 1")
    with pytest.raises(RuleError, match="longer than"):
        parse("PL2:1 = " + "1 + " * 2000 + "1")
    with pytest.raises(RuleError, match="must be a string"):
        parse(123)  # type: ignore[arg-type]


_ALPHABET = st.sampled_from(
    [
        *"PL0123456789:.=<>!+-*/(), ",
        *("PL2:", "PL4:3.3", "blank", "if", "then", "and", "or", "not", "in"),
        *("sum(", "min(", "applicable(", "decimals(", "€", "\x00", "ố", "😀", "≤"),
    ]
)


@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_junk_raises_only_rule_errors(text: str) -> None:
    position: int | None = None
    try:
        tree = parse(text)
    except RuleError as error:
        position = error.position
    else:
        assert unparse(parse(unparse(tree))) == unparse(tree)  # a parsed rule writes back
    assert position is None or 0 <= position <= len(text)


@given(st.text(max_size=200))
def test_any_text_raises_only_rule_errors(text: str) -> None:
    with contextlib.suppress(RuleError):  # anything else fails the test
        parse(text)


@given(
    st.recursive(
        st.sampled_from(["PL2:1", "PL2:2.1", "PL4:1.4", "3", "0.5"]),
        lambda inner: st.tuples(inner, st.sampled_from(["+", "-", "*", "/"]), inner).map(
            lambda t: f"({t[0]} {t[1]} {t[2]})"
        ),
        max_leaves=12,
    )
)
def test_unparse_round_trips(expression: str) -> None:
    tree = parse(f"{expression} >= 0")
    assert unparse(parse(unparse(tree))) == unparse(tree)
