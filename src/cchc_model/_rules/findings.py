"""Findings and the result of a validation: immutable values, worded late.

A :class:`Finding` holds what a rule read and what it expected, not a sentence: its
message is produced when asked for, in the language asked for
(:meth:`Finding.message`), from the rule's message template
(:mod:`cchc_model._rules.messages`).
"""

from __future__ import annotations

import datetime as dt
import functools
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
        plan = _plan(self, lang)
        text = plan.message(self)
        if not titles:
            return text
        titles_text = plan.titles(self)
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

_Piece = str | Callable[["_Found"], str]
"""A piece of a message: literal text, or a maker of the words of one finding's values."""

_PLAN_LIMIT: Final = 1024
_PlanKey = tuple[int, Lang, str | None, str, AdminLevel, dt.date | tuple[dt.date, dt.date] | None]
_PLANS: dict[_PlanKey, tuple[Rule | None, _Plan]] = {}


def _plan(finding: Finding, lang: Lang) -> _Plan:
    """The wording plan of ``finding``'s rule, in ``lang`` (cached).

    Kept by the rule itself (its identity, the rule kept alive with its plan), the
    language, and what the words depend on besides the values: the finding's template,
    edition, level and last day of data.
    """
    rule = finding.definition
    when = finding.end if finding.span is None else finding.span
    key = (id(rule), lang, finding.template, finding.edition, finding.level, when)
    hit = _PLANS.get(key)
    if hit is not None and hit[0] is rule:
        return hit[1]
    plan = _Plan(finding, lang)
    if len(_PLANS) >= _PLAN_LIMIT:
        _PLANS.clear()
    _PLANS[key] = (rule, plan)
    return plan


class _Found:
    """One finding being worded: the values it read, and its sides once evaluated."""

    def __init__(self, plan: _Plan, finding: Finding) -> None:
        self.plan = plan
        self.finding = finding
        self.values = finding.values
        self.evaluated: dict[int, Interval | None] = {}

    @functools.cached_property
    def view(self) -> dict[str, _Row]:
        """The values read, as templates (what a compiled side reads)."""
        rows: dict[str, dict[str, object]] = {}
        for key, value in self.values.items():
            ref = self.plan.refs[key]
            rows.setdefault(ref.template, {})[ref.attribute] = value
        return {tid: _Row(values) for tid, values in rows.items()}


class _Plan:
    """How the findings of one rule are worded in one language, at one level and period.

    Everything that does not depend on the values found is worked out once (and the plan
    kept, :func:`_plan`): each message template cut into its literal text, the words
    that are the same for every finding (the template, the levels, the expression
    written with codes…) and makers of the others; each side of the comparison written
    with codes, and compiled once for its value.
    """

    def __init__(self, finding: Finding, lang: Lang) -> None:
        rule = finding.definition
        assert rule is not None  # noqa: S101  # a finding about the report has no rule
        self.rule = rule
        self.lang = lang
        self.edition: Edition = get_edition(finding.edition)
        self.home = finding.template or ""
        self.level = finding.level
        self.refs = {self.key(r): r for r in references(rule.tree)}
        self.when = finding.end if finding.span is None else finding.span
        self.ctx = context(rule, self.edition, self.level, self.when)
        self.main = main_comparison(rule.tree)
        self.sides = self._sides()
        self.own_template = rule.message_template(lang)
        self._pieces: dict[str, tuple[_Piece, ...]] = {}
        self._codes: dict[int, str] = {}
        self._compiled: dict[int, Callable[[Any, int], Interval | None]] = {}
        self._titles: dict[tuple[str, ...], str] = {}

    def key(self, ref: Ref) -> str:
        return ref.code if ref.template == self.home else ref.key

    # the message ------------------------------------------------------------------------

    def message(self, finding: Finding) -> str:
        """The rule's message (or the truncation's) filled for ``finding``."""
        template = msg.TRUNCATED[self.lang] if finding.truncated else self.own_template
        pieces = self._pieces.get(template)
        if pieces is None:
            pieces = self._pieces[template] = self.cut(template)
        if len(pieces) == 1 and type(pieces[0]) is str:
            return pieces[0]
        found = _Found(self, finding)
        return "".join([p if isinstance(p, str) else p(found) for p in pieces])

    def cut(self, template: str) -> tuple[_Piece, ...]:
        """``template`` as literal text and makers, the words known already written in."""
        pieces: list[_Piece] = []
        start = 0
        for match in _NAME.finditer(template):
            pieces.append(template[start : match.start()])
            pieces.append(self.maker(match.group(1)))
            start = match.end()
        pieces.append(template[start:])
        merged: list[_Piece] = []  # adjacent texts joined: fewer pieces to join per finding
        for piece in pieces:
            last = merged[-1] if merged else None
            if isinstance(piece, str) and isinstance(last, str):
                merged[-1] = last + piece
            elif piece != "":
                merged.append(piece)
        return tuple(merged) or ("",)

    def maker(self, name: str) -> _Piece:
        """The piece of placeholder ``name``: its words when the same for every finding."""
        pieces: dict[str, Callable[[], _Piece]] = {
            "template": lambda: self.home,
            "left": lambda: self.side_maker(0),
            "right": lambda: self.side_maker(1),
            "expected": lambda: self.expected,
            "rounded_note": lambda: self.rounded_note if self.notes_rounding() else "",
            "level": lambda: msg.level_label(self.level, self.lang),
            "levels": self.levels,
            "asked": self.asked,
            "codes_list": self.codes_list,
            "suggestion": lambda: self.suggestion if self.suggests() else "",
            "expression": lambda: self.codes(self.rule.tree),
        }
        if name in pieces:
            return pieces[name]()
        head, _, code = name.partition(":")  # a row: {PL2:7.1}
        ref_key = f"{head.upper()}:{code.removesuffix('.')}"
        return lambda found: self.row_value(ref_key, found)

    # pieces ---------------------------------------------------------------------------

    def row_value(self, ref_key: str, found: _Found) -> str:
        template, _, code = ref_key.partition(":")
        key = code if template == self.home else ref_key
        value = found.values.get(key)
        if value is None:
            return msg.TEXT["blank"][self.lang]
        return msg.format_number(value, self.lang)

    def _sides(self) -> tuple[Node | None, Node | str | None]:
        main = self.main
        if isinstance(main, Compare):
            if len(main.operands) == 3:  # noqa: PLR2004  # low <= x <= high
                return main.operands[1], "range"
            return main.operands[0], main.operands[-1]
        if isinstance(main, In):
            return main.operand, "in"
        if isinstance(main, BlankTest):
            return main.ref, "blank"
        return None, None

    def side_maker(self, which: int) -> _Piece:
        """The words of one side: ``left`` (0) or ``right`` (1)."""
        node = self.sides[which]
        main = self.main
        sep = "; " if self.lang == "vi" else ", "
        if node == "range" and isinstance(main, Compare):
            low_node, high_node = main.operands[0], main.operands[2]

            def range_words(found: _Found) -> str:
                low = self.chain(low_node, found)
                high = self.chain(high_node, found)
                return low if low == high else f"[{low}{sep}{high}]"

            return range_words
        if node == "in" and isinstance(main, In):
            return "(" + sep.join(self.number(v.value) for v in main.values) + ")"
        if node == "blank":
            return msg.TEXT["blank"][self.lang]
        if isinstance(node, str) or node is None:
            return self.codes(self.rule.tree)
        side: Node = node
        return lambda found: self.chain(side, found)

    def chain(self, node: Node, found: _Found) -> str:
        parts = [self.codes(node), self.text(node, found)]
        value = self.evaluate(node, found)
        if value is not None:
            parts.append(msg.format_interval(value, self.lang))
        out: list[str] = []
        for part in parts:
            if not out or out[-1] != part:
                out.append(part)
        return " = ".join(out)

    def evaluate(self, node: Node, found: _Found) -> Interval | None:
        if isinstance(node, Ref):
            return None  # its value is what was reported: shown as written
        key = id(node)
        try:
            return found.evaluated[key]
        except KeyError:
            pass
        fn = self._compiled.get(key)
        if fn is None:
            fn = self._compiled[key] = compile_num(node, self.ctx).fn
        value = found.evaluated[key] = fn(found.view, iv.POINT)
        return value

    def number(self, x: iv.Number) -> str:
        return msg.format_exact(x, self.lang)

    def expected(self, found: _Found) -> str:
        exp = found.finding.expected
        return msg.TEXT["blank"][self.lang] if exp is None else msg.format_interval(exp, self.lang)

    def notes_rounding(self) -> bool:
        """Whether a finding may have a rounding note: a row against a computed value."""
        left, right = self.sides
        return isinstance(left, Ref) and isinstance(right, (Num, Ref, BinOp, Neg, Call))

    def rounded_note(self, found: _Found) -> str:
        left, right = self.sides
        assert isinstance(left, Ref)  # noqa: S101  # see notes_rounding
        reported = found.values.get(self.key(left))
        if not isinstance(reported, Decimal):
            return ""
        value = (
            self.evaluate(right, found) if not isinstance(right, (Ref, str, type(None))) else None
        )
        if value is None or not value.is_exact:
            return ""
        rounded = iv.round_half_up(value.low, iv.written_decimals(reported))
        return msg.fill(
            msg.TEXT["rounded_note"][self.lang], {"value": msg.format_number(rounded, self.lang)}
        )

    def left_row(self) -> Ref | None:
        left, _ = self.sides
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

    def suggests(self) -> bool:
        """Whether a finding may suggest a code: the row read has a code list."""
        ref = self.left_row()
        return (
            ref is not None and self.edition.indicator(ref.template, ref.code).code_list is not None
        )

    def suggestion(self, found: _Found) -> str:
        ref = self.left_row()
        assert ref is not None  # noqa: S101  # see suggests
        row = self.edition.indicator(ref.template, ref.code)
        value = found.values.get(self.key(ref))
        if row.code_list is None or value is None:  # pragma: no cover  # see suggests
            return ""
        # "3" written for "3 cấp", whose code is 2: the label starts with the number written
        word = re.compile(rf"{int(value)}(?!\d)")
        hits = [m for m in row.code_list if word.match(m.label) and int(m) != int(value)]
        if len(hits) != 1:
            return ""
        text = f"{int(hits[0])} ({hits[0].label})"
        return msg.fill(msg.TEXT["suggestion"][self.lang], {"value": text})

    def titles(self, finding: Finding) -> str:
        """The rows read, by code and title, after the message."""
        keys = (*finding.codes, *finding.other_codes)
        text = self._titles.get(keys)
        if text is None:
            names = [
                msg.fill(
                    msg.TEXT["titled"][self.lang],
                    {"code": key.replace(":", " "), "title": title},
                )
                for key, title in finding.titles.items()
            ]
            text = (
                msg.fill(msg.TEXT["titles"][self.lang], {"rows": ", ".join(names)}) if names else ""
            )
            self._titles[keys] = text
        return text

    # expressions as text -----------------------------------------------------------------

    def codes(self, node: Node) -> str:
        """``node`` written with codes (the same for every finding: kept)."""
        key = id(node)
        text = self._codes.get(key)
        if text is None:
            text = self._codes[key] = self.text(node, None)
        return text

    def text(self, node: Node, found: _Found | None, outer: int = 0) -> str:
        """``node`` written out, with codes (``found`` is ``None``) or with the values read."""
        if isinstance(node, (Num, Ref, Neg, BinOp, Call)):
            return self.number_text(node, found, outer)
        return self.condition_text(node, found, outer)

    def number_text(
        self, node: Num | Ref | Neg | BinOp | Call, found: _Found | None, outer: int
    ) -> str:
        if isinstance(node, Num):
            return self.number(node.value)
        if isinstance(node, Ref):
            return (
                self.key(node).replace(":", " ")
                if found is None
                else self.row_value(node.key, found)
            )
        if isinstance(node, Neg):
            return "-" + self.text(node.operand, found, 3)
        if isinstance(node, BinOp):
            prec = 1 if node.op in "+-" else 2
            op = "×" if node.op == "*" else node.op
            text = (
                f"{self.text(node.left, found, prec)} {op} {self.text(node.right, found, prec + 1)}"
            )
            return f"({text})" if prec < outer else text
        return self.call_text(node, found, outer)

    def call_text(self, node: Call, found: _Found | None, outer: int) -> str:
        sep = "; " if self.lang == "vi" else ", "
        args = node.args
        if node.name in AGGREGATES:  # the rows left out at this level are not shown
            args = tuple(a for a in args if not (isinstance(a, Ref) and not self.ctx.applies(a)))
        if node.name == "sum":
            text = " + ".join(self.text(a, found, 1) for a in args)
            return f"({text})" if len(args) > 1 and outer > 1 else text
        if node.name in ("min", "max") and len(args) == 1:
            return self.text(args[0], found, outer)
        inner = sep.join(self.text(a, found) for a in args)
        return f"|{inner}|" if node.name == "abs" else f"{node.name}({inner})"

    def condition_text(self, node: Node, found: _Found | None, outer: int) -> str:
        lang = self.lang
        if isinstance(node, Compare):
            parts = [self.text(node.operands[0], found)]
            for op, operand in zip(node.ops, node.operands[1:], strict=True):
                parts += [_DISPLAY_OPS[op], self.text(operand, found)]
            return " ".join(parts)
        if isinstance(node, In):
            allowed = ("; " if lang == "vi" else ", ").join(
                self.number(v.value) for v in node.values
            )
            word = "thuộc" if lang == "vi" else "in"
            return f"{self.text(node.operand, found)} {word} ({allowed})"
        if isinstance(node, BlankTest):
            op = "≠" if node.negated else "="
            return f"{self.text(node.ref, found)} {op} {msg.TEXT['blank'][lang]}"
        if isinstance(node, Not):
            return msg.TEXT["not"][lang] + self.text(node.operand, found, 6)
        if isinstance(node, Logic):
            level = 5 if node.op == "and" else 4
            text = msg.TEXT[node.op][lang].join(self.text(o, found, level) for o in node.operands)
            needs = outer == 6 or (node.op == "or" and outer == 5)  # noqa: PLR2004
            return f"({text})" if needs else text
        assert isinstance(node, If)  # noqa: S101  # every other node is a number
        return (
            msg.TEXT["if"][lang]
            + self.text(node.cond, found)
            + msg.TEXT["then"][lang]
            + self.text(node.then, found)
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
