"""The rule expression language: a small, safe, hand-written parser (no ``eval``).

Grammar (keywords and function names in any case; references are ``PLn:code``)::

    rule    := "if" expr "then" expr | expr
    expr    := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | compare
    compare := sum ( "in" "(" number ("," number)* ")"
                   | (("=" | "!=" | "<" | "<=" | ">" | ">=") (sum | "blank"))* )
    sum     := product (("+" | "-") product)*
    product := unary (("*" | "/") unary)*
    unary   := "-" unary | atom
    atom    := number | reference | "blank" | name "(" sum ("," sum)* ")" | "(" expr ")"

``==``, ``≤``, ``≥``, ``≠``, ``×`` and ``÷`` are accepted for ``=``, ``<=``, ``>=``,
``!=``, ``*`` and ``/``. A comparison may be chained (``0 <= PL2:2 <= 100``). ``blank``
is compared only with a reference, by ``=`` or ``!=``. The functions are ``sum``,
``min`` and ``max`` (which leave out the rows not asked at the report's level),
``abs``, ``decimals(ref)`` (how many decimals a value was written with) and
``applicable(ref)`` (whether the row is asked at the report's level).

>>> tree = parse("PL4:3.3 = PL4:3.3.2 / PL4:3.3.1 * 100")
>>> unparse(tree), [r.code for r in references(tree)]
('PL4:3.3 = PL4:3.3.2 / PL4:3.3.1 * 100', ['3.3', '3.3.2', '3.3.1'])
>>> parse("PL4:3.3.2 <= ")
Traceback (most recent call last):
...
cchc_model.RuleError: expected a number, a reference or '(' at the end, column 14
  PL4:3.3.2 <=
               ^
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from fractions import Fraction
from typing import Final, Literal

import attrs

from .._model.catalog import Edition
from .._model.catalog import edition as get_edition
from .._model.errors import CodeError, RuleError

__all__ = [
    "BinOp",
    "BlankTest",
    "Call",
    "Compare",
    "If",
    "In",
    "Logic",
    "Neg",
    "Node",
    "Not",
    "Num",
    "Ref",
    "main_comparison",
    "parse",
    "references",
    "unparse",
]

MAX_LENGTH: Final = 4000
MAX_DEPTH: Final = 50
MAX_TOKENS: Final = 300
_MAX_NUMBER_CHARS: Final = 30

_KEYWORDS: Final = frozenset({"if", "then", "and", "or", "not", "in", "blank"})
NUMERIC_FUNCTIONS: Final = frozenset({"sum", "min", "max", "abs", "decimals"})
AGGREGATES: Final = frozenset({"sum", "min", "max"})
BOOLEAN_FUNCTIONS: Final = frozenset({"applicable"})
_FUNCTIONS: Final = NUMERIC_FUNCTIONS | BOOLEAN_FUNCTIONS
_REF_ONLY: Final = frozenset({"decimals", "applicable"})

_CMP_OPS: Final = {
    "=": "=",
    "==": "=",
    "!=": "!=",
    "≠": "!=",
    "<": "<",
    "<=": "<=",
    "≤": "<=",
    ">": ">",
    ">=": ">=",
    "≥": ">=",
}
_MUL_OPS: Final = {"*": "*", "×": "*", "/": "/", "÷": "/"}

_TOKEN: Final = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<ref>[Pp][Ll][0-9]{1,2}[ \t]*:[ \t]*[0-9]{1,3}(?:\.[0-9]{1,3})*(?:\.(?![0-9]))?)
  | (?P<code>[0-9]+(?:\.[0-9]+){2,})
  | (?P<num>[0-9]+(?:\.[0-9]+)?)
  | (?P<name>[A-Za-z_][A-Za-z_0-9]*)
  | (?P<op><=|>=|!=|==|[-+*/×÷()=<>,≤≥≠])
    """,
    re.VERBOSE,
)

TokenKind = Literal["ref", "code", "num", "name", "op", "end"]


@attrs.frozen
class _Token:
    kind: str  # a TokenKind
    text: str
    pos: int


# --- the tree ---------------------------------------------------------------------------


@attrs.frozen
class Num:
    """A number literal (exact)."""

    value: Fraction
    text: str
    pos: int


@attrs.frozen
class Ref:
    """A reference to a row: ``PL4:3.3.2``, resolved to the template's attribute."""

    template: str
    code: str
    attribute: str
    pos: int

    @property
    def key(self) -> str:
        """``"PL4:3.3.2"``."""
        return f"{self.template}:{self.code}"


@attrs.frozen
class Neg:
    """``-x``."""

    operand: Node
    pos: int


@attrs.frozen
class BinOp:
    """``a + b``, ``a - b``, ``a * b``, ``a / b``."""

    op: str
    left: Node
    right: Node
    pos: int


@attrs.frozen
class Call:
    """A function call: ``sum(...)``, ``min``, ``max``, ``abs``, ``decimals``, ``applicable``."""

    name: str
    args: tuple[Node, ...]
    pos: int


@attrs.frozen
class Compare:
    """A comparison, possibly chained: ``a <= b <= c``."""

    ops: tuple[str, ...]
    operands: tuple[Node, ...]
    pos: int


@attrs.frozen
class In:
    """``x in (0, 1, 2)``."""

    operand: Node
    values: tuple[Num, ...]
    pos: int


@attrs.frozen
class BlankTest:
    """``ref = blank`` (``negated``: ``ref != blank``)."""

    ref: Ref
    negated: bool
    pos: int


@attrs.frozen
class Not:
    """``not x``."""

    operand: Node
    pos: int


@attrs.frozen
class Logic:
    """``a and b and …`` or ``a or b or …``."""

    op: Literal["and", "or"]
    operands: tuple[Node, ...]
    pos: int


@attrs.frozen
class If:
    """``if cond then rule``: the rule is checked only where ``cond`` holds."""

    cond: Node
    then: Node
    pos: int


@attrs.frozen
class _Blank:
    pos: int


Node = Num | Ref | Neg | BinOp | Call | Compare | In | BlankTest | Not | Logic | If
_Any = Node | _Blank


def _is_bool(node: _Any) -> bool:
    if isinstance(node, Call):
        return node.name in BOOLEAN_FUNCTIONS
    return isinstance(node, (Compare, In, BlankTest, Not, Logic, If))


# --- errors -----------------------------------------------------------------------------


def _caret(text: str, pos: int) -> str:
    line = text.replace("\n", " ").replace("\t", " ")
    return f"\n  {line.rstrip()}\n  {' ' * pos}^"


def _fail(text: str, pos: int, en: str, vi: str) -> RuleError:
    where_en = "at the end" if pos >= len(text) else f"at {text[pos : pos + 12]!r}"
    where_vi = "ở cuối" if pos >= len(text) else f"tại {text[pos : pos + 12]!r}"
    caret = _caret(text, pos)
    return RuleError(
        f"{en} {where_en}, column {pos + 1}{caret}",
        f"{vi} {where_vi}, cột {pos + 1}{caret}",
        expression=text,
        position=pos,
    )


# --- tokenizer --------------------------------------------------------------------------


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise _fail(
                text,
                pos,
                f"unexpected character {text[pos]!r}",
                f"ký tự không hợp lệ {text[pos]!r}",
            )
        kind = m.lastgroup
        if kind == "code":
            raise _fail(
                text,
                pos,
                f"{m.group()!r} looks like an indicator code: write it with its template,"
                f" like PL4:{m.group()}",
                f"{m.group()!r} giống mã chỉ tiêu: hãy ghi kèm biểu, ví dụ PL4:{m.group()}",
            )
        if kind != "ws":
            if len(out) >= MAX_TOKENS:
                # a longer rule is a mistake, and the tree's depth must stay bounded
                raise _fail(
                    text,
                    pos,
                    f"the expression has more than {MAX_TOKENS} parts",
                    f"biểu thức có hơn {MAX_TOKENS} thành phần",
                )
            out.append(_Token(kind or "", m.group(), pos))
        pos = m.end()
    out.append(_Token("end", "", len(text)))
    return out


# --- parser -----------------------------------------------------------------------------


class _Parser:
    def __init__(self, text: str, ed: Edition) -> None:
        self.text = text
        self.edition = ed
        self.tokens = _tokens(text)
        self.i = 0
        self.depth = 0

    # helpers
    @property
    def tok(self) -> _Token:
        return self.tokens[self.i]

    def at_end(self) -> bool:
        return self.tok.kind == "end"

    def word(self) -> str | None:
        return self.tok.text.lower() if self.tok.kind == "name" else None

    def advance(self) -> _Token:
        tok = self.tok
        self.i += 1
        return tok

    def fail(self, en: str, vi: str, pos: int | None = None) -> RuleError:
        return _fail(self.text, self.tok.pos if pos is None else pos, en, vi)

    def expect_op(self, op: str) -> _Token:
        if self.tok.kind == "op" and self.tok.text == op:
            return self.advance()
        raise self.fail(f"expected {op!r}", f"thiếu {op!r}")

    def nest(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.fail("the expression is nested too deeply", "biểu thức lồng nhau quá sâu")

    def need_number(self, node: _Any, what_en: str, what_vi: str) -> Node:
        if isinstance(node, _Blank):
            raise self.fail(
                "blank can only be compared with a reference, by = or !=",
                "blank chỉ được so sánh với một chỉ tiêu, bằng = hoặc !=",
                node.pos,
            )
        if _is_bool(node):
            raise self.fail(
                f"{what_en} must be a number, not a condition",
                f"{what_vi} phải là một số, không phải một điều kiện",
                _pos(node),
            )
        return node

    def need_bool(self, node: _Any, what_en: str, what_vi: str) -> Node:
        if isinstance(node, _Blank) or not _is_bool(node):
            raise self.fail(
                f"{what_en} must be a condition (a comparison), not a number",
                f"{what_vi} phải là một điều kiện (phép so sánh), không phải một số",
                _pos(node),
            )
        return node

    # grammar
    def rule(self) -> Node:
        if self.at_end():
            raise self.fail("the expression is empty", "biểu thức trống")
        if self.word() == "if":
            pos = self.advance().pos
            cond = self.need_bool(self.expr(), "the condition after 'if'", "điều kiện sau 'if'")
            if self.word() != "then":
                raise self.fail("expected 'then'", "thiếu 'then'")
            self.advance()
            then = self.need_bool(self.expr(), "the part after 'then'", "phần sau 'then'")
            node: Node = If(cond, then, pos)
        else:
            node = self.need_bool(self.expr(), "a rule", "quy tắc")
        if not self.at_end():
            raise self.fail("unexpected text", "thừa nội dung")
        return node

    def expr(self) -> _Any:
        return self.logic("or", self.conj)

    def conj(self) -> _Any:
        return self.logic("and", self.negation)

    def logic(self, word: Literal["and", "or"], part: Callable[[], _Any]) -> _Any:
        first = part()
        if self.word() != word:
            return first
        items = [self.need_bool(first, f"each side of {word!r}", f"mỗi vế của {word!r}")]
        pos = _pos(first)
        while self.word() == word:
            self.advance()
            items.append(self.need_bool(part(), f"each side of {word!r}", f"mỗi vế của {word!r}"))
        return Logic(word, tuple(items), pos)

    def negation(self) -> _Any:
        if self.word() == "not":
            pos = self.advance().pos
            self.nest()
            operand = self.need_bool(self.negation(), "the part after 'not'", "phần sau 'not'")
            self.depth -= 1
            return Not(operand, pos)
        return self.compare()

    def compare(self) -> _Any:
        first = self.sum()
        if self.word() == "in":
            self.advance()
            operand = self.need_number(first, "the value before 'in'", "giá trị trước 'in'")
            self.expect_op("(")
            values = [self.number_literal()]
            while self.tok.kind == "op" and self.tok.text == ",":
                self.advance()
                values.append(self.number_literal())
            self.expect_op(")")
            return In(operand, tuple(values), _pos(first))
        ops: list[str] = []
        operands: list[_Any] = [first]
        while self.tok.kind == "op" and self.tok.text in _CMP_OPS:
            ops.append(_CMP_OPS[self.advance().text])
            operands.append(self.sum())
        if not ops:
            return first
        if any(isinstance(o, _Blank) for o in operands):
            return self.blank_test(ops, operands)
        checked = tuple(
            self.need_number(o, "each side of a comparison", "mỗi vế của phép so sánh")
            for o in operands
        )
        return Compare(tuple(ops), checked, _pos(first))

    def blank_test(self, ops: list[str], operands: list[_Any]) -> BlankTest:
        blank = next(o for o in operands if isinstance(o, _Blank))
        other = operands[1] if operands[0] is blank else operands[0]
        if len(ops) != 1 or ops[0] not in ("=", "!=") or not isinstance(other, Ref):
            raise self.fail(
                "blank can only be compared with a reference, by = or !=",
                "blank chỉ được so sánh với một chỉ tiêu, bằng = hoặc !=",
                blank.pos,
            )
        return BlankTest(other, ops[0] == "!=", _pos(operands[0]))

    def number_literal(self) -> Num:
        negative = False
        pos = self.tok.pos
        if self.tok.kind == "op" and self.tok.text == "-":
            self.advance()
            negative = True
        if self.tok.kind != "num":
            raise self.fail("expected a number", "thiếu một số")
        num = self.num(self.advance())
        if negative:
            return Num(-num.value, f"-{num.text}", pos)
        return num

    def num(self, tok: _Token) -> Num:
        if len(tok.text) > _MAX_NUMBER_CHARS:
            raise self.fail("the number is too long", "số quá dài", tok.pos)
        return Num(Fraction(tok.text), tok.text, tok.pos)

    def sum(self) -> _Any:
        left = self.product()
        while self.tok.kind == "op" and self.tok.text in "+-":
            op = self.advance()
            right = self.product()
            left = BinOp(
                op.text,
                self.need_number(left, f"each side of {op.text!r}", f"mỗi vế của {op.text!r}"),
                self.need_number(right, f"each side of {op.text!r}", f"mỗi vế của {op.text!r}"),
                op.pos,
            )
        return left

    def product(self) -> _Any:
        left = self.unary()
        while self.tok.kind == "op" and self.tok.text in _MUL_OPS:
            op = self.advance()
            sym = _MUL_OPS[op.text]
            right = self.unary()
            left = BinOp(
                sym,
                self.need_number(left, f"each side of {sym!r}", f"mỗi vế của {sym!r}"),
                self.need_number(right, f"each side of {sym!r}", f"mỗi vế của {sym!r}"),
                op.pos,
            )
        return left

    def unary(self) -> _Any:
        if self.tok.kind == "op" and self.tok.text == "-":
            pos = self.advance().pos
            self.nest()
            operand = self.need_number(self.unary(), "the value after '-'", "giá trị sau '-'")
            self.depth -= 1
            return Neg(operand, pos)
        return self.atom()

    def atom(self) -> _Any:
        tok = self.tok
        if tok.kind == "num":
            return self.num(self.advance())
        if tok.kind == "ref":
            return self.reference(self.advance())
        if tok.kind == "op" and tok.text == "(":
            self.advance()
            self.nest()
            inner = self.expr()
            self.depth -= 1
            self.expect_op(")")
            return inner
        if tok.kind == "name":
            word = tok.text.lower()
            if word == "blank":
                self.advance()
                return _Blank(tok.pos)
            if word in _FUNCTIONS:
                return self.call(self.advance())
            if word not in _KEYWORDS:
                import difflib  # noqa: PLC0415  # for a misspelt word only, not at every start

                close = difflib.get_close_matches(word, sorted(_FUNCTIONS | _KEYWORDS), 1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                hint_vi = f" (có phải là {close[0]!r}?)" if close else ""
                raise self.fail(f"unknown name {tok.text!r}{hint}", f"tên lạ {tok.text!r}{hint_vi}")
        raise self.fail(
            "expected a number, a reference or '('", "thiếu một số, một chỉ tiêu hoặc '('"
        )

    def call(self, name_tok: _Token) -> Call:
        name = name_tok.text.lower()
        self.expect_op("(")
        self.nest()
        args: list[Node] = []
        if not (self.tok.kind == "op" and self.tok.text == ")"):
            args.append(self.argument(name))
            while self.tok.kind == "op" and self.tok.text == ",":
                self.advance()
                args.append(self.argument(name))
        self.depth -= 1
        self.expect_op(")")
        if not args:
            raise self.fail(f"{name}() needs an argument", f"{name}() cần đối số", name_tok.pos)
        if name in _REF_ONLY or name == "abs":
            if len(args) != 1:
                raise self.fail(
                    f"{name}() takes one argument", f"{name}() nhận đúng một đối số", name_tok.pos
                )
            if name in _REF_ONLY and not isinstance(args[0], Ref):
                raise self.fail(
                    f"{name}() takes a reference such as PL4:1.4",
                    f"{name}() nhận một chỉ tiêu, ví dụ PL4:1.4",
                    _pos(args[0]),
                )
        return Call(name, tuple(args), name_tok.pos)

    def argument(self, name: str) -> Node:
        return self.need_number(self.sum(), f"an argument of {name}()", f"đối số của {name}()")

    def reference(self, tok: _Token) -> Ref:
        head, _, code = tok.text.partition(":")
        template_id = head.strip().upper()
        code = code.strip().removesuffix(".")
        try:
            cls = self.edition.template(template_id)
        except CodeError:
            raise self.fail(
                f"no template {template_id} in edition {self.edition.id}"
                f" (templates: {', '.join(self.edition.template_ids)})",
                f"bộ biểu mẫu {self.edition.id} không có biểu {template_id}"
                f" (các biểu: {', '.join(self.edition.template_ids)})",
                tok.pos,
            ) from None
        try:
            row = cls.spec.indicator(code)
        except CodeError:
            raise self.fail(
                f"{template_id} has no indicator {code}",
                f"{template_id} không có chỉ tiêu {code}",
                tok.pos,
            ) from None
        if row.attribute is None:
            raise self.fail(
                f"{template_id} {row.code} is a heading and holds no value",
                f"{template_id} {row.code} là tiêu đề nhóm, không có số liệu",
                tok.pos,
            )
        return Ref(template_id, row.code, row.attribute, tok.pos)


def _pos(node: _Any) -> int:
    # where the node's text starts: its leftmost part
    if isinstance(node, _Blank):
        return node.pos
    return min(item.pos for item in walk(node))


def parse(text: str, edition: Edition | str | None = None) -> Node:
    """Parse a rule expression into its tree, checking references against the catalog.

    Args:
        text: The expression, such as ``"PL4:3.3.2 <= PL4:3.3.1"``.
        edition: The template edition the references belong to (default: current).

    Raises:
        RuleError: The text is not a rule; the error has the ``position`` of the problem
            and its message shows it with a caret.

    >>> parse("if PL2:7 = 0 then PL2:7.1 = blank")
    If(cond=Compare(ops=('=',), ...), then=BlankTest(ref=Ref(template='PL2', code='7.1', ...
    >>> parse("PL4:3.3.2 <= 3.3.1")
    Traceback (most recent call last):
    ...
    cchc_model.RuleError: '3.3.1' looks like an indicator code: write it with ...
    """
    if not isinstance(text, str):
        raise RuleError(
            f"a rule expression must be a string, got {type(text).__name__}",
            f"biểu thức quy tắc phải là chuỗi, nhận được {type(text).__name__}",
        )
    if len(text) > MAX_LENGTH:
        raise RuleError(
            f"the expression is longer than {MAX_LENGTH} characters",
            f"biểu thức dài quá {MAX_LENGTH} ký tự",
            expression=text[:100] + "…",
        )
    ed = edition if isinstance(edition, Edition) else get_edition(edition)
    return _Parser(text, ed).rule()


# --- walking and writing the tree -------------------------------------------------------


def children(node: Node) -> tuple[Node, ...]:  # noqa: PLR0911  # one return per node type
    """The direct sub-expressions of ``node``."""
    if isinstance(node, (Neg, Not)):
        return (node.operand,)
    if isinstance(node, BinOp):
        return (node.left, node.right)
    if isinstance(node, Call):
        return node.args
    if isinstance(node, (Compare, Logic)):
        return node.operands
    if isinstance(node, In):
        return (node.operand, *node.values)
    if isinstance(node, BlankTest):
        return (node.ref,)
    if isinstance(node, If):
        return (node.cond, node.then)
    return ()


def walk(node: Node) -> Iterator[Node]:
    """``node`` and every node below it, depth first, left to right."""
    yield node
    for child in children(node):
        yield from walk(child)


def references(node: Node) -> list[Ref]:
    """The references in ``node``, in the order written, each once."""
    seen: dict[tuple[str, str], Ref] = {}
    for item in walk(node):
        if isinstance(item, Ref):
            seen.setdefault((item.template, item.code), item)
    return list(seen.values())


def main_comparison(node: Node) -> Compare | In | BlankTest | None:
    """The comparison a finding is about: the rule's own, or the one after ``then``.

    A compound condition (``and``, ``or``, ``not``) has none: no single comparison says
    what failed.
    """
    target = node.then if isinstance(node, If) else node
    return target if isinstance(target, (Compare, In, BlankTest)) else None


_PRECEDENCE: Final = {"+": 1, "-": 1, "*": 2, "/": 2}


def unparse(node: Node) -> str:
    """The canonical text of an expression (references ``PLn:code``, ASCII operators).

    >>> unparse(parse("pl2:2 == (PL2:2.2) × 100 ÷ PL2:2.1"))
    'PL2:2 = PL2:2.2 * 100 / PL2:2.1'
    """
    return _unparse(node, 0)


def _unparse(node: Node, outer: int) -> str:  # noqa: C901, PLR0911  # one branch per node type
    if isinstance(node, Num):
        return node.text
    if isinstance(node, Ref):
        return node.key
    if isinstance(node, Neg):
        return f"-{_unparse(node.operand, 3)}"
    if isinstance(node, BinOp):
        prec = _PRECEDENCE[node.op]
        # a - (b - c) and a / (b * c) keep their brackets
        text = f"{_unparse(node.left, prec)} {node.op} {_unparse(node.right, prec + 1)}"
        return f"({text})" if prec < outer else text
    if isinstance(node, Call):
        return f"{node.name}({', '.join(_unparse(a, 0) for a in node.args)})"
    if isinstance(node, Compare):
        parts = [_unparse(node.operands[0], 0)]
        for op, operand in zip(node.ops, node.operands[1:], strict=True):
            parts += [op, _unparse(operand, 0)]
        return " ".join(parts)
    if isinstance(node, In):
        values = ", ".join(v.text for v in node.values)
        return f"{_unparse(node.operand, 0)} in ({values})"
    if isinstance(node, BlankTest):
        return f"{node.ref.key} {'!=' if node.negated else '='} blank"
    if isinstance(node, Not):
        return f"not {_unparse(node.operand, _UNDER_NOT)}"
    if isinstance(node, Logic):
        inner = _UNDER_AND if node.op == "and" else _UNDER_OR
        text = f" {node.op} ".join(_unparse(o, inner) for o in node.operands)
        needs = outer == _UNDER_NOT or (node.op == "or" and outer == _UNDER_AND)
        return f"({text})" if needs else text
    return f"if {_unparse(node.cond, 0)} then {_unparse(node.then, 0)}"


# where a condition is written: `or` binds loosest, then `and`, then `not`
_UNDER_OR: Final = 4
_UNDER_AND: Final = 5
_UNDER_NOT: Final = 6
