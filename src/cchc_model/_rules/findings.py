"""Findings and the result of a validation: immutable values, worded late.

A :class:`Finding` holds what a rule read and what it expected, not a sentence: its
message is produced when asked for, in the language asked for
(:meth:`Finding.message`), from the rule's message template
(:mod:`cchc_model._rules.messages`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

import attrs

from .._model.catalog import Edition
from .._model.catalog import edition as get_edition
from .._model.errors import Lang
from .._model.frozen import FrozenMap
from .._model.period import days
from .._model.public import publish
from .._model.template import Value
from .._model.units import AdminLevel
from . import interval as iv
from . import messages as msg
from .engine import compile_num, context
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
    references,
)
from .interval import Interval
from .rulesets import Rule, Severity

__all__ = ["Finding", "ValidationResult"]


def _rule_edition(finding: Finding) -> str:
    # a finding is of its rule's edition; one about the whole report names its own
    rule = finding.definition
    return rule.edition if rule is not None else get_edition().id


@attrs.frozen
class Finding:
    """One inconsistency found in a report, precise enough to send back to its unit.

    A finding whose rule reads several rows is one finding about all of them: its
    message names each row by its code and its title.

    Attributes:
        rule: The id of the rule that failed (``"PL8.ratio.6.4"``), or ``"report.level"``
            for a report whose level files no report for its period (a district report
            on a period after 1 July 2025).
        severity: :class:`~cchc_model.Severity` (error, warning, info); a rule that
            holds only if a value was truncated gives a warning.
        template: The template the finding is about (``"PL8"``); ``None`` for a finding
            about the whole report.
        codes: The rows of ``template`` the rule read, in form order (``"6.4.1"``).
        other_codes: The rows of other templates it read, with their template
            (``"PL4:1.4"``), for the rules that compare templates.
        values: The value read from each of those rows, keyed as in ``codes`` and
            ``other_codes`` (``None`` when blank).
        relation: The relation that failed (``"="``, ``"<="``, ``"range"``, ``"in"``,
            ``"blank"``…), or ``None`` for a compound condition.
        expected: What the other side of the comparison allows: an exact value or an
            :class:`~cchc_model.Interval`; ``None`` when there is no such side.
        truncated: Whether the rule fails as written but holds if the reported decimals
            had been truncated rather than rounded.
        level: The level of the report checked.
        definition: The :class:`~cchc_model.Rule` itself (its expression, reason and
            message templates), ``None`` for a finding about the whole report; not part
            of the finding's equality.
        edition: The template edition of the report checked (by default its rule's).
        end: The last day of the report's data.
        span: The first and last day of the months the report's period covers (which
            rows are asked, and why not, depends on it: :meth:`~cchc_model.Period.span`).

    >>> from cchc_model import example, validate
    >>> finding = validate(example()).findings[0]
    >>> finding.rule, finding.severity.value, finding.codes, finding.truncated
    ('PL2.ratio.2', 'warning', ('2', '2.1', '2.2'), True)
    >>> print(finding.message("en"))
    PL2 2 = 78.94 matches 2.2 / 2.1 × 100 = 15 / 19 × 100 = 78.9473… only if the value was
    truncated rather than rounded (correctly rounded: 78.95). Indicators: 2 “Tỷ lệ hoàn thành
    Kế hoạch CCHC năm (Lũy kế đến thời điểm báo cáo)”, 2.1 “Số nhiệm vụ đề ra trong kế
    hoạch”, 2.2 “Số nhiệm vụ đã hoàn thành”
    """

    rule: str
    severity: Severity
    template: str | None
    codes: tuple[str, ...]
    other_codes: tuple[str, ...]
    values: FrozenMap[str, Value | None]
    relation: str | None
    expected: Interval | None
    truncated: bool
    level: AdminLevel
    definition: Rule | None = attrs.field(eq=False, repr=False)
    edition: str = attrs.field(
        default=attrs.Factory(_rule_edition, takes_self=True), eq=False, repr=False
    )
    end: dt.date | None = attrs.field(default=None, repr=False)
    span: tuple[dt.date, dt.date] | None = attrs.field(default=None, repr=False, eq=False)

    def message(self, lang: Lang = "vi", *, titles: bool = True) -> str:
        """The finding in words, in ``lang`` (Vietnamese by default).

        The rule's message, then (unless ``titles`` is false) the rows it read, each by
        its code and title.
        """
        if self.definition is None:
            return _report_message(self, lang)
        template = msg.TRUNCATED[lang] if self.truncated else self.definition.message_template(lang)
        words = _Words(self, lang)
        text = msg.fill(template, words.values(template))
        if not titles:
            return text
        titles_text = words.titles()
        if not titles_text:
            return text
        return f"{text}{' ' if text.endswith(('.', '?', '!')) else '. '}{titles_text}"

    @property
    def titles(self) -> dict[str, str]:
        """The title of each row read, keyed as :attr:`values` is, its template's rows first.

        >>> from cchc_model import example, validate
        >>> validate(example()).findings[0].titles["2.1"]
        'Số nhiệm vụ đề ra trong kế hoạch'
        """
        ed = get_edition(self.edition)
        out: dict[str, str] = {}
        for key in (*self.codes, *self.other_codes):
            tid, _, code = key.rpartition(":")
            out[key] = ed.indicator(tid or self.template or "", code).title
        return out

    def to_data(self, lang: Lang = "vi") -> dict[str, Any]:
        """The finding as JSON-ready data (what ``cchc validate --format json`` prints).

        Values are JSON numbers for counts and codes and strings for decimals;
        ``expected`` gives the bounds as decimal strings (exact to six places, rounded
        outwards) and whether each is included.
        """
        data: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity.value,
            "template": self.template,
            "codes": list(self.codes),
            "other_codes": list(self.other_codes),
            "values": {code: _json_value(v) for code, v in self.values.items()},
            "relation": self.relation,
            "expected": _json_interval(self.expected),
            "truncated": self.truncated,
            "titles": self.titles,
            "message": self.message(lang),
        }
        return data


def _report_message(finding: Finding, lang: Lang) -> str:
    end = finding.end
    since = finding.level.until
    words = {
        "level": msg.level_label(finding.level, lang),
        "end": "" if end is None else msg.format_date(end, lang),
        "since": "" if since is None else msg.format_date(since, lang),
    }
    return msg.fill(msg.REPORT[finding.rule][lang], words)


def _json_value(value: Value | None) -> int | str | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return format(value, "f")
    return int(value)


_JSON_PLACES: Final = 6


def _json_bound(x: iv.Number, *, up: bool) -> str:
    scaled = Fraction(x) * 10**_JSON_PLACES
    whole = (
        -((-scaled.numerator) // scaled.denominator)
        if up
        else scaled.numerator // scaled.denominator
    )
    text = format(Decimal(whole).scaleb(-_JSON_PLACES), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _json_interval(value: Interval | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {
        "low": _json_bound(value.low, up=False),
        "high": _json_bound(value.high, up=True),
        "low_included": not value.low_open,
        "high_included": not value.high_open,
    }


# --- wording ----------------------------------------------------------------------------


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
        assert rule is not None  # noqa: S101  # a finding about the report has no rule
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
            if len(main.operands) == 3:  # noqa: PLR2004  # low <= x <= high
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
            needs = outer == 6 or (node.op == "or" and outer == 5)  # noqa: PLR2004
            return f"({text})" if needs else text
        assert isinstance(node, If)  # noqa: S101  # every other node is a number
        return (
            msg.TEXT["if"][lang]
            + self.text(node.cond, values=values)
            + msg.TEXT["then"][lang]
            + self.text(node.then, values=values)
        )


# --- the result -------------------------------------------------------------------------


@attrs.frozen
class ValidationResult:
    """What :func:`~cchc_model.validate` found in a report.

    Attributes:
        findings: Every finding, in form order (template, then row), errors first.
        evaluated: How many rules were evaluated (held or failed).
        skipped: How many rules were not evaluated: a row they read is blank or not
            asked at the report's level, a division by zero, or a condition (``if``)
            that does not apply.

    >>> from cchc_model import example, validate
    >>> result = validate(example())
    >>> result.valid, [f.rule for f in result.errors], len(result.findings)
    (False, ['PL8.domain.2'], 4)
    """

    findings: tuple[Finding, ...]
    evaluated: int
    skipped: int

    @property
    def valid(self) -> bool:
        """Whether no finding is an error."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings that are errors."""
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The findings that are warnings."""
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    @property
    def infos(self) -> tuple[Finding, ...]:
        """The findings that are for information."""
        return tuple(f for f in self.findings if f.severity is Severity.INFO)

    def summary(self) -> dict[str, int]:
        """Counts: rules evaluated and skipped, findings by severity."""
        return {
            "evaluated": self.evaluated,
            "skipped": self.skipped,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "infos": len(self.infos),
        }

    def to_data(self, lang: Lang = "vi") -> dict[str, Any]:
        """The result as JSON-ready data.

        >>> from cchc_model import example, validate
        >>> data = validate(example()).to_data("en")
        >>> data["valid"], data["findings"][-1]["codes"], data["summary"]["errors"]
        (False, ['2'], 1)
        """
        return {
            "valid": self.valid,
            "findings": [f.to_data(lang) for f in self.findings],
            "summary": self.summary(),
        }

    def format(self, lang: Lang = "vi") -> str:
        """The findings as text, one per line, grouped by template.

        >>> from cchc_model import example, validate
        >>> print(validate(example()).format("en"))
        PL2
          warning  PL2.ratio.2: PL2 2 = 78.94 matches 2.2 / 2.1 × 100 = 15 / 19 × 100 = ...
        PL7
          info     PL7.plausible.1.1: PL7 1.1 = 3.887 million đồng has three decimals: ...
          info     PL7.plausible.1.2: PL7 1.2 = 3.887 million đồng has three decimals: ...
        PL8
          error    PL8.domain.2: PL8 2 = 3 is not a code of its list (Chưa có = 0; ...
        errors: 1, warnings: 1, infos: 2; ... rules checked, ... skipped (inputs blank ...
        """
        lines: list[str] = []
        current: object = ""
        width = max((len(s.label(lang)) for s in Severity), default=0)
        for finding in self.findings:
            if finding.template != current:
                current = finding.template
                lines.append(finding.template or msg.TEXT["report"][lang])
            label = finding.severity.label(lang).ljust(width)
            lines.append(f"  {label}  {finding.rule}: {finding.message(lang)}")
        if not self.findings:
            lines.append(msg.TEXT["no_findings"][lang])
        counts = {k: str(v) for k, v in self.summary().items()}
        lines.append(msg.fill(msg.TEXT["summary"][lang], counts))
        return "\n".join(lines)


publish(globals())  # cchc_model.Name, not this module: see _model/public.py
