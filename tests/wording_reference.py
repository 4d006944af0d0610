"""The wording of findings as it was before wording plans: the reference they must match.

A verbatim copy of ``cchc_model._rules.findings``' wording (``_Words``) before it was cut
into plans made once per rule (issue 15: wording a finding took about 60 µs, the rule's
expression compiled again for every message). ``rules/test_wording_plans.py`` checks that
every finding reads the same, word for word, both ways. Kept as it was; not to be
improved.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Final

from cchc_model import AdminLevel, Finding
from cchc_model._model.catalog import Edition
from cchc_model._model.catalog import edition as get_edition
from cchc_model._model.errors import Lang
from cchc_model._model.period import days
from cchc_model._model.template import Value
from cchc_model._rules import interval as iv
from cchc_model._rules import messages as msg
from cchc_model._rules.engine import compile_num, context
from cchc_model._rules.expr import (
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
    references,
)
from cchc_model._rules.findings import _report_message
from cchc_model._rules.interval import Interval
from cchc_model._rules.messages import _stripped
from cchc_model._rules.rulesets import Rule


def message(finding: Finding, lang: Lang = "vi", *, titles: bool = True) -> str:
    """``Finding.message`` as it was."""
    if finding.definition is None:
        return _report_message(finding, lang)
    template = (
        msg.TRUNCATED[lang] if finding.truncated else finding.definition.message_template(lang)
    )
    words = _Words(finding, lang)
    text = msg.fill(template, words.values(template))
    if not titles:
        return text
    titles_text = words.titles()
    if not titles_text:
        return text
    return f"{text}{' ' if text.endswith(('.', '?', '!')) else '. '}{titles_text}"


class _Row:
    """A template stand-in holding the values a finding read."""

    def __init__(self, values: Mapping[str, object]) -> None:
        self.__dict__.update(values)

    def __getattr__(self, name: str) -> None:
        return None


_DISPLAY_OPS: Final = {"=": "=", "!=": "≠", "<": "<", "<=": "≤", ">": ">", ">=": "≥"}
_NAME: Final = re.compile(r"\{([^{}]*)\}")


class _Words:
    """Everything needed to word one finding in one language."""

    def __init__(self, finding: Finding, lang: Lang) -> None:
        self.finding = finding
        self.lang = lang
        self.edition: Edition = get_edition(finding.edition)
        self.home = finding.template or ""
        self.level = finding.level
        self.refs = {self.key(r): r for r in references(self.rule.tree)}
        rows: dict[str, dict[str, object]] = {}
        for key, value in finding.values.items():
            ref = self.refs[key]
            rows.setdefault(ref.template, {})[ref.attribute] = value
        self.view = {tid: _Row(values) for tid, values in rows.items()}
        self.when = finding.end if finding.span is None else finding.span
        self.ctx = context(self.rule, self.edition, self.level, self.when)

    @property
    def rule(self) -> Rule:
        rule = self.finding.definition
        assert rule is not None  # a finding about the report has no rule
        return rule

    def key(self, ref: Ref) -> str:
        return ref.code if ref.template == self.home else ref.key

    def titles(self) -> str:
        """The rows read, by code and title, after the message."""
        names = [
            msg.fill(
                msg.TEXT["titled"][self.lang],
                {"code": key.replace(":", " "), "title": title},
            )
            for key, title in self.finding.titles.items()
        ]
        if not names:
            return ""
        return msg.fill(msg.TEXT["titles"][self.lang], {"rows": ", ".join(names)})

    def values(self, template: str) -> dict[str, str]:
        needed = {m.group(1) for m in _NAME.finditer(template)}
        makers: dict[str, Callable[[], str]] = {
            "template": lambda: self.home,
            "left": lambda: self.side("left"),
            "right": lambda: self.side("right"),
            "expected": self.expected,
            "rounded_note": self.rounded_note,
            "level": lambda: msg.level_label(self.level, self.lang),
            "levels": self.levels,
            "asked": self.asked,
            "codes_list": self.codes_list,
            "suggestion": self.suggestion,
            "expression": lambda: self.text(self.rule.tree, values=False),
        }
        out: dict[str, str] = {}
        for name in needed:
            if name in makers:
                out[name] = makers[name]()
            else:  # a row: {PL2:7.1}
                head, _, code = name.partition(":")
                ref_key = f"{head.upper()}:{code.removesuffix('.')}"
                out[name] = self.row_value(ref_key)
        return out

    # pieces ---------------------------------------------------------------------------

    def row_value(self, ref_key: str) -> str:
        template, _, code = ref_key.partition(":")
        key = code if template == self.home else ref_key
        value = self.finding.values.get(key)
        if value is None:
            return msg.TEXT["blank"][self.lang]
        return msg.format_number(value, self.lang)

    def main(self) -> Compare | In | BlankTest | None:
        return main_comparison(self.rule.tree)

    def sides(self) -> tuple[Node | None, Node | str | None]:
        main = self.main()
        if isinstance(main, Compare):
            if len(main.operands) == 3:  # low <= x <= high
                return main.operands[1], "range"
            return main.operands[0], main.operands[-1]
        if isinstance(main, In):
            return main.operand, "in"
        if isinstance(main, BlankTest):
            return main.ref, "blank"
        return None, None

    def side(self, which: str) -> str:
        left, right = self.sides()
        node = left if which == "left" else right
        main = self.main()
        if node == "range" and isinstance(main, Compare):
            low = self.chain(main.operands[0])
            high = self.chain(main.operands[2])
            sep = "; " if self.lang == "vi" else ", "
            return low if low == high else f"[{low}{sep}{high}]"
        if node == "in" and isinstance(main, In):
            sep = "; " if self.lang == "vi" else ", "
            return "(" + sep.join(self.number(v.value) for v in main.values) + ")"
        if node == "blank":
            return msg.TEXT["blank"][self.lang]
        if isinstance(node, str) or node is None:
            return self.text(self.rule.tree, values=False)
        return self.chain(node)

    def chain(self, node: Node) -> str:
        parts = [self.text(node, values=False), self.text(node, values=True)]
        value = self.evaluate(node)
        if value is not None:
            parts.append(msg.format_interval(value, self.lang))
        out: list[str] = []
        for part in parts:
            if not out or out[-1] != part:
                out.append(part)
        return " = ".join(out)

    def evaluate(self, node: Node) -> Interval | None:
        if isinstance(node, Ref):
            return None  # its value is what was reported: shown as written
        compiled = compile_num(node, self.ctx)
        return compiled.fn(self.view, iv.POINT)  # type: ignore[no-any-return]

    def number(self, x: iv.Number) -> str:
        return msg.format_exact(x, self.lang)

    def expected(self) -> str:
        exp = self.finding.expected
        return msg.TEXT["blank"][self.lang] if exp is None else msg.format_interval(exp, self.lang)

    def rounded_note(self) -> str:
        left, right = self.sides()
        if not isinstance(left, Ref) or not isinstance(right, (Num, Ref, BinOp, Neg, Call)):
            return ""
        reported = self.finding.values.get(self.key(left))
        if not isinstance(reported, Decimal):
            return ""
        value = self.evaluate(right) if not isinstance(right, Ref) else None
        if value is None or not value.is_exact:
            return ""
        rounded = iv.round_half_up(value.low, iv.written_decimals(reported))
        return msg.fill(msg.TEXT["rounded_note"][self.lang], {"value": self.format(rounded)})

    def format(self, value: Value) -> str:
        return msg.format_number(value, self.lang)

    def left_row(self) -> Ref | None:
        left, _ = self.sides()
        if isinstance(left, Ref):
            return left
        refs = references(self.rule.tree)
        return refs[0] if refs else None

    def levels(self) -> str:
        ref = self.left_row()
        if ref is None:  # pragma: no cover  # every rule reads a row
            return ""
        row = self.edition.indicator(ref.template, ref.code)
        labels = [msg.level_label(lv, self.lang) for lv in AdminLevel if lv in row.levels]
        return msg.join(labels, self.lang)

    def asked(self) -> str:
        """Why the row is not asked of this report: its levels, or its period."""
        ref = self.left_row()
        if ref is None:  # pragma: no cover  # every rule reads a row
            return ""
        row = self.edition.indicator(ref.template, ref.code)
        # after the row's end it is asked of no level: the reform is the reason, not the level
        lapsed = row.until is not None and self.when is not None and days(self.when)[0] >= row.until
        if row.until is not None and (row.applies_to(self.level) or lapsed):
            return msg.fill(
                msg.TEXT["asked_until"][self.lang], {"until": msg.format_date(row.until, self.lang)}
            )
        return msg.fill(
            msg.TEXT["asked_levels"][self.lang],
            {"levels": self.levels(), "level": msg.level_label(self.level, self.lang)},
        )

    def codes_list(self) -> str:
        ref = self.left_row()
        row = None if ref is None else self.edition.indicator(ref.template, ref.code)
        return "" if row is None or row.code_list is None else row.unit_text or ""

    def suggestion(self) -> str:
        ref = self.left_row()
        if ref is None:  # pragma: no cover
            return ""
        row = self.edition.indicator(ref.template, ref.code)
        value = self.finding.values.get(self.key(ref))
        if row.code_list is None or value is None:
            return ""
        # "3" written for "3 cấp", whose code is 2: the label starts with the number written
        word = re.compile(rf"{int(value)}(?!\d)")
        hits = [m for m in row.code_list if word.match(m.label) and int(m) != int(value)]
        if len(hits) != 1:
            return ""
        text = f"{int(hits[0])} ({hits[0].label})"
        return msg.fill(msg.TEXT["suggestion"][self.lang], {"value": text})

    # expressions as text -----------------------------------------------------------------

    def text(self, node: Node, *, values: bool, outer: int = 0) -> str:
        """``node`` written out, with codes (``values=False``) or with the values read."""
        if isinstance(node, (Num, Ref, Neg, BinOp, Call)):
            return self.number_text(node, values=values, outer=outer)
        return self.condition_text(node, values=values, outer=outer)

    def number_text(self, node: Num | Ref | Neg | BinOp | Call, *, values: bool, outer: int) -> str:
        if isinstance(node, Num):
            return self.number(node.value)
        if isinstance(node, Ref):
            return self.row_value(node.key) if values else self.key(node).replace(":", " ")
        if isinstance(node, Neg):
            return "-" + self.text(node.operand, values=values, outer=3)
        if isinstance(node, BinOp):
            prec = 1 if node.op in "+-" else 2
            op = "×" if node.op == "*" else node.op
            text = (
                f"{self.text(node.left, values=values, outer=prec)} {op} "
                f"{self.text(node.right, values=values, outer=prec + 1)}"
            )
            return f"({text})" if prec < outer else text
        return self.call_text(node, values=values, outer=outer)

    def call_text(self, node: Call, *, values: bool, outer: int) -> str:
        sep = "; " if self.lang == "vi" else ", "
        args = node.args
        if node.name in AGGREGATES:  # the rows left out at this level are not shown
            args = tuple(a for a in args if not (isinstance(a, Ref) and not self.ctx.applies(a)))
        if node.name == "sum":
            text = " + ".join(self.text(a, values=values, outer=1) for a in args)
            return f"({text})" if len(args) > 1 and outer > 1 else text
        if node.name in ("min", "max") and len(args) == 1:
            return self.text(args[0], values=values, outer=outer)
        inner = sep.join(self.text(a, values=values) for a in args)
        return f"|{inner}|" if node.name == "abs" else f"{node.name}({inner})"

    def condition_text(self, node: Node, *, values: bool, outer: int) -> str:
        lang = self.lang
        if isinstance(node, Compare):
            parts = [self.text(node.operands[0], values=values)]
            for op, operand in zip(node.ops, node.operands[1:], strict=True):
                parts += [_DISPLAY_OPS[op], self.text(operand, values=values)]
            return " ".join(parts)
        if isinstance(node, In):
            allowed = ("; " if lang == "vi" else ", ").join(
                self.number(v.value) for v in node.values
            )
            word = "thuộc" if lang == "vi" else "in"
            return f"{self.text(node.operand, values=values)} {word} ({allowed})"
        if isinstance(node, BlankTest):
            op = "≠" if node.negated else "="
            return f"{self.text(node.ref, values=values)} {op} {msg.TEXT['blank'][lang]}"
        if isinstance(node, Not):
            return msg.TEXT["not"][lang] + self.text(node.operand, values=values, outer=6)
        if isinstance(node, Logic):
            level = 5 if node.op == "and" else 4
            text = msg.TEXT[node.op][lang].join(
                self.text(o, values=values, outer=level) for o in node.operands
            )
            needs = outer == 6 or (node.op == "or" and outer == 5)
            return f"({text})" if needs else text
        assert isinstance(node, If)  # every other node is a number
        return (
            msg.TEXT["if"][lang]
            + self.text(node.cond, values=values)
            + msg.TEXT["then"][lang]
            + self.text(node.then, values=values)
        )


def format_exact(x: int | Fraction, lang: Lang) -> str:
    """``messages.format_exact`` as it was (through ``Fraction``)."""
    x = Fraction(x)
    scaled = x * 10**4
    whole = int(scaled)  # towards zero: the digits shown are the digits of the value
    text = msg.format_number(_stripped(whole, 4), lang)
    if scaled != whole:
        return text + "…"
    return text
