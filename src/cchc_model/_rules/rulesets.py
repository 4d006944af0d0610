"""The rule catalog: rules as data, the built-in rules, and rule files.

A :class:`Rule` is an expression in the rule language (:mod:`cchc_model._rules.expr`) with a
stable id, a severity, a kind and its messages. The built-in rules of an edition are the
rules of its rules file (``templates/edition_2024/rules.toml``) plus the rules the
catalog implies row by row (each value's domain, and a warning for a value in a row not
asked at the report's level); a province adds its own in a file of the same format
(:func:`load_rules`).

>>> rules = builtin_rules()
>>> rules["PL8.ratio.6.4"].expression
'PL8:6.4 = PL8:6.4.2 / PL8:6.4.1 * 100'
>>> mine = loads_rules('''
... [[rule]]
... id = "HUE.pl4.on-time"
... expr = "PL4:3.3.2 >= PL4:3.3.1 * 0.9"
... severity = "warning"
... message.vi = "Dưới 90% hồ sơ được giải quyết đúng hạn: {left}"
... ''')
>>> len(rules + mine) == len(rules) + 1
True
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import re
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import Any, Final, Literal, TypeVar

import attrs

from .._model import files
from .._model.catalog import Edition
from .._model.catalog import edition as get_edition
from .._model.errors import CchcError, Lang, RuleError, ValueTypeError
from .._model.period import When, days
from .._model.public import is_own, publish
from .._model.template import Indicator
from .._model.units import ALL_LEVELS, AdminLevel, Kind
from . import cache
from . import messages as msg
from .expr import BlankTest, Compare, Node, Ref, main_comparison, parse, references

__all__ = [
    "KINDS",
    "Rule",
    "RuleSet",
    "Severity",
    "Tolerance",
    "as_ruleset",
    "builtin_rules",
    "load_rules",
    "loads_rules",
]

KINDS: Final = (
    "ratio",
    "total",
    "identity",
    "part",
    "condition",
    "domain",
    "level",
    "plausible",
    "custom",
)
"""The kinds of rules, in the order the catalog lists them."""

_ID_RE: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:+\-]{0,99}")
_REF_RE: Final = re.compile(r"[Pp][Ll][0-9]{1,2}:[0-9.]+")


class Severity(enum.Enum):
    """How serious a finding is.

    >>> Severity("warning").label("vi"), Severity.ERROR < Severity.INFO
    ('cảnh báo', True)
    """

    ERROR = "error"
    """The report is inconsistent: it must be corrected before it is accepted."""
    WARNING = "warning"
    """Probably wrong, or right only under an assumption: the unit should check."""
    INFO = "info"
    """Worth a question to the unit; not an inconsistency."""

    def label(self, lang: Lang = "vi") -> str:
        """The severity's name in ``lang`` (``lỗi``, ``cảnh báo``, ``lưu ý``)."""
        return msg.SEVERITY_LABELS[self.value][lang]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        order = (Severity.ERROR, Severity.WARNING, Severity.INFO)
        return order.index(self) < order.index(other)


def _to_severity(value: object) -> Severity:
    if isinstance(value, Severity):
        return value
    try:
        return Severity(value)
    except ValueError:
        raise RuleError(
            f"severity must be error, warning or info, got {value!r}",
            f"mức độ phải là error, warning hoặc info, nhận được {value!r}",
        ) from None


_MAX_TOLERANCE_EXPONENT: Final = 30


def _to_fraction(value: object, what: str) -> Fraction:
    def wrong() -> RuleError:
        return RuleError(
            f"tolerance {what} must be a finite number written with at most 40 characters,"
            f" got {str(value)[:40]!r}",
            f"dung sai {what} phải là một số hữu hạn viết tối đa 40 ký tự,"
            f" nhận được {str(value)[:40]!r}",
        )

    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal, Fraction)):
        raise wrong()
    if isinstance(value, Fraction):
        number = value
    else:
        # a TOML float such as 0.01 is read as it is written, not as its binary value; a
        # decimal with a huge exponent is refused before Fraction would expand it
        text = str(value)
        try:
            decimal = Decimal(text) if len(text) <= 40 else None  # noqa: PLR2004
        except InvalidOperation:
            decimal = None
        exponent = decimal.as_tuple().exponent if decimal is not None else None
        if (
            decimal is None
            or not isinstance(exponent, int)
            or abs(exponent) > _MAX_TOLERANCE_EXPONENT
        ):
            raise wrong()
        number = Fraction(decimal)
    if number < 0:
        raise RuleError(
            f"tolerance {what} cannot be negative, got {value!r}",
            f"dung sai {what} không được âm, nhận được {value!r}",
        )
    return number


def _check_type(kind: type, words: str, words_vi: str) -> Any:  # noqa: ANN401  # a validator
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            raise RuleError(
                f"{attribute.name} must be {words}, got {value!r}",
                f"{attribute.name} phải là {words_vi}, nhận được {value!r}",
            )

    return check


def _to_absolute(value: object) -> Fraction:
    return _to_fraction(value, "abs")


def _to_relative(value: object) -> Fraction:
    return _to_fraction(value, "rel")


@attrs.frozen
class Tolerance:
    """How far apart two sides of a comparison may be and still agree.

    The right-hand side is widened by ``absolute + relative × |right|`` before
    comparing (on top of the precision the values were written with).

    Attributes:
        absolute: An absolute margin, in the unit of the values.
        relative: A margin relative to the size of the right-hand side (``0.01`` = 1 %).

    >>> Tolerance(absolute="0.5").absolute
    Fraction(1, 2)
    """

    absolute: Fraction = attrs.field(default=Fraction(0), converter=_to_absolute)
    relative: Fraction = attrs.field(default=Fraction(0), converter=_to_relative)


def _to_tolerance(value: object) -> Tolerance | None:
    if value is None or isinstance(value, Tolerance):
        return value
    if isinstance(value, Mapping):
        unknown = set(value) - {"abs", "rel"}
        if unknown:
            raise RuleError(
                f"tolerance takes abs and rel, not {', '.join(sorted(map(str, unknown)))}",
                f"dung sai chỉ có abs và rel, không có {', '.join(sorted(map(str, unknown)))}",
            )
        return Tolerance(value.get("abs", 0), value.get("rel", 0))
    raise RuleError(
        f"tolerance must be a table with abs and/or rel, got {value!r}",
        f"dung sai phải là bảng có abs và/hoặc rel, nhận được {value!r}",
    )


def _to_levels(value: object) -> frozenset[AdminLevel] | None:
    if value is None:
        return None
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise RuleError(
            f"levels must be a list such as ['commune'], got {value!r}",
            f"levels phải là danh sách như ['commune'], nhận được {value!r}",
        )
    out: set[AdminLevel] = set()
    for item in value:
        try:
            out.add(item if isinstance(item, AdminLevel) else AdminLevel(item))
        except ValueError:
            known = ", ".join(lv.value for lv in AdminLevel)
            raise RuleError(
                f"unknown level {item!r} (levels: {known})",
                f"cấp không hợp lệ {item!r} (các cấp: {known})",
            ) from None
    return frozenset(out)


def _to_date(value: object) -> dt.date | None:
    if value is None or type(value) is dt.date:
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise RuleError(
        f"since and until are dates such as 2025-07-01, got {value!r}",
        f"since và until là ngày, ví dụ 2025-07-01, nhận được {value!r}",
    )


def _check_id(_: object, __: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not _ID_RE.fullmatch(value):
        raise RuleError(
            f"a rule id is letters, digits and . _ - + : (at most 100), got {value!r}",
            f"mã quy tắc gồm chữ, số và . _ - + : (tối đa 100 ký tự), nhận được {value!r}",
            rule=str(value),
        )


def _check_choice(choices: tuple[str, ...]) -> Any:  # noqa: ANN401  # an attrs validator
    def check(_: object, attribute: attrs.Attribute[str], value: str) -> None:
        if value not in choices:
            raise RuleError(
                f"{attribute.name} must be one of {', '.join(choices)}, got {value!r}",
                f"{attribute.name} phải là một trong {', '.join(choices)}, nhận được {value!r}",
            )

    return check


def _optional_text(_: object, attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise RuleError(
            f"{attribute.name} must be text, got {value!r}",
            f"{attribute.name} phải là chuỗi ký tự, nhận được {value!r}",
        )


def _edition_id(value: str | None) -> str:
    # not a literal: a rule written without an edition is one of the current edition
    return get_edition().id if value is None else value


@attrs.frozen
class Rule:
    """One check: an expression over the rows of the templates, with its messages.

    Args:
        id: A stable id, such as ``"PL8.ratio.6.4"``.
        expression: The rule, in the rule language (the rules page, *The rule language*).
        severity: ``error``, ``warning`` or ``info`` (a :class:`Severity` or its value).
        kind: What kind of check it is (``ratio``, ``total``, ``identity``, ``part``,
            ``condition``, ``domain``, ``level``, ``plausible`` or ``custom``: the rules
            page, *The kinds of rules*); it chooses the default message.
        template: The template the finding is about; default: the first one referenced.
        message_vi: The message in Vietnamese; default: the kind's message.
        message_en: The message in English; same default.
        reason: Why the rule holds, for the documentation.
        levels: The report levels the rule is checked at (default: every level).
        tolerance: An extra margin for the comparisons (:class:`Tolerance` or a mapping
            with ``abs`` and/or ``rel``).
        blanks: ``"skip"``: a blank row the rule reads leaves the rule not evaluated;
            ``"zero"``: a blank row counts as 0.
        derive: Whether :func:`~cchc_model.derive` may fill the left-hand row from the
            right-hand side; the rule must then be ``PLn:code = expression``.
        edition: The id of the template edition its references belong to (default:
            the current edition, see :func:`~cchc_model.edition`); the rule is checked
            on reports of that edition only.
        since: The rule is checked only in reports on periods that end on or after this
            day (a :class:`datetime.date`, or text such as ``"2025-07-01"``).
        until: The rule is checked only in reports on periods that start before this
            day: like a row, a rule holds for the periods that overlap its life, even in
            part (the year 2025 for a rule about districts, which the reform of 1 July
            2025 abolished).
        dated: What ``since`` and ``until`` are compared with: ``"span"`` (the default),
            the whole period, from its first day to its last (:meth:`Period.span
            <cchc_model.Period.span>`); ``"end"``, its last day only, for a rule about
            what stands at the end of the period (units, staff: a stock), which the
            months before do not change.

    Raises:
        RuleError: The rule is malformed; the message says where (with the rule id, and
            a caret under the expression).

    >>> rule = Rule("HUE.1", "PL4:3.3.2 <= PL4:3.3.1", severity="warning")
    >>> rule.template, rule.severity, [r.code for r in rule.references]
    ('PL4', <Severity.WARNING: 'warning'>, ['3.3.2', '3.3.1'])
    >>> Rule("HUE.2", "PL4:3.3.2 =< PL4:3.3.1")
    Traceback (most recent call last):
    ...
    cchc_model.RuleError: rule 'HUE.2': expected a number, a reference or '(' at ...
      PL4:3.3.2 =< PL4:3.3.1
                 ^
    """

    id: str = attrs.field(validator=_check_id)
    expression: str
    severity: Severity = attrs.field(default=Severity.ERROR, converter=_to_severity)
    kind: str = attrs.field(default="custom", validator=_check_choice(KINDS))
    template: str | None = attrs.field(default=None, validator=_optional_text)
    message_vi: str | None = attrs.field(default=None, validator=_optional_text)
    message_en: str | None = attrs.field(default=None, validator=_optional_text)
    reason: str = attrs.field(default="", validator=_check_type(str, "text", "chuỗi ký tự"))
    levels: frozenset[AdminLevel] | None = attrs.field(default=None, converter=_to_levels)
    tolerance: Tolerance | None = attrs.field(default=None, converter=_to_tolerance)
    blanks: Literal["skip", "zero"] = attrs.field(
        default="skip", validator=_check_choice(("skip", "zero"))
    )
    derive: bool = attrs.field(
        default=False, validator=_check_type(bool, "true or false", "true hoặc false")
    )
    edition: str = attrs.field(default=None, converter=_edition_id)
    since: dt.date | None = attrs.field(default=None, converter=_to_date)
    until: dt.date | None = attrs.field(default=None, converter=_to_date)
    dated: Literal["span", "end"] = attrs.field(
        default="span", validator=_check_choice(("span", "end"))
    )
    tree: Node = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        try:
            ed = get_edition(self.edition)
            tree = parse(self.expression, ed)
            refs = references(tree)
            if not refs:
                raise RuleError(
                    "a rule must read at least one row (a reference such as PL4:1.4)",
                    "quy tắc phải đọc ít nhất một chỉ tiêu (ví dụ PL4:1.4)",
                    expression=self.expression,
                )
            if self.template is None:
                object.__setattr__(self, "template", refs[0].template)
            else:
                object.__setattr__(self, "template", ed.template(self.template).spec.id)
            if self.derive and not _derivable(tree):
                raise RuleError(
                    "a rule with derive = true must be 'PLn:code = expression'",
                    "quy tắc có derive = true phải có dạng 'PLn:code = biểu thức'",
                    expression=self.expression,
                )
            for lang, text in (("vi", self.message_vi), ("en", self.message_en)):
                if text is not None:
                    _check_message(text, lang, ed, {ref.key for ref in refs})
        except CchcError as exc:
            where = f"rule {self.id!r}: "
            where_vi = f"quy tắc {self.id!r}: "
            position = exc.position if isinstance(exc, RuleError) else None
            expression = exc.expression if isinstance(exc, RuleError) else self.expression
            raise RuleError(
                where + exc.en,
                where_vi + exc.vi,
                rule=self.id,
                expression=expression,
                position=position,
            ) from None
        object.__setattr__(self, "tree", tree)

    @property
    def references(self) -> list[Ref]:
        """The rows the rule reads, in the order written."""
        return references(self.tree)

    def in_force(self, level: AdminLevel, when: When | None = None) -> bool:
        """Whether the rule is checked in a report of ``level`` on the period ``when``.

        ``when``: the period's first and last day (:meth:`Period.span
        <cchc_model.Period.span>`), or one day; without it, by level only. The rule
        holds for a period that ends on or after :attr:`since` and starts before
        :attr:`until` (see :attr:`dated`).

        >>> from cchc_model import Period
        >>> parts = builtin_rules()["PL5.parts.1.5"]  # since = 2025-07-01
        >>> stock = builtin_rules()["PL5.total.1.5"]  # until = 2025-07-01, dated = "end"
        >>> [
        ...     (
        ...         r.in_force(AdminLevel.PROVINCE, Period.H1.span(2025)),
        ...         r.in_force(AdminLevel.PROVINCE, Period.YEAR.span(2025)),
        ...     )
        ...     for r in (parts, stock)
        ... ]
        [(False, True), (True, False)]
        """
        if self.levels is not None and level not in self.levels:
            return False
        if when is None:
            return True
        first, last = days(when)
        if self.dated == "end":
            first = last
        return (self.since is None or last >= self.since) and (
            self.until is None or first < self.until
        )

    @property
    def relation(self) -> str | None:
        """The relation of the rule's comparison (``=``, ``<=``, ``in``, ``blank``…)."""
        main = main_comparison(self.tree)
        if main is None:
            return None
        if isinstance(main, Compare):
            return main.ops[0] if len(main.ops) == 1 else "range"
        if isinstance(main, BlankTest):
            return "!blank" if main.negated else "blank"
        return "in"

    def message_template(self, lang: Lang = "vi") -> str:
        """The message template used for a finding of this rule, in ``lang``.

        >>> builtin_rules()["PL2.part.2.2"].message_template("en")
        '{template} {left} is greater than {right}'
        """
        own = self.message_vi if lang == "vi" else self.message_en
        if own is not None:
            return own
        other = self.message_en if lang == "vi" else self.message_vi
        if other is not None and self.kind == "custom":
            return other
        key = self.kind if self.kind in msg.DEFAULTS else (self.relation or "")
        return msg.DEFAULTS.get(key, msg.DEFAULTS[""])[lang]

    def to_data(self) -> dict[str, Any]:
        """The rule as plain data (what ``cchc rules --format json`` prints).

        >>> builtin_rules()["PL4.total.1.4"].to_data()["expression"]
        'PL4:1.4 = sum(PL4:1.4.1, PL4:1.4.2, PL4:1.4.3)'
        """
        data: dict[str, Any] = {
            "id": self.id,
            "severity": self.severity.value,
            "kind": self.kind,
            "template": self.template,
            "expression": self.expression,
            "codes": [r.code if r.template == self.template else r.key for r in self.references],
            "message": {"vi": self.message_template("vi"), "en": self.message_template("en")},
            "reason": self.reason,
            "derive": self.derive,
        }
        if self.levels is not None:
            data["levels"] = sorted(lv.value for lv in self.levels)
        if self.tolerance is not None:
            data["tolerance"] = {
                "abs": str(self.tolerance.absolute),
                "rel": str(self.tolerance.relative),
            }
        if self.blanks != "skip":
            data["blanks"] = self.blanks
        if self.since is not None:
            data["since"] = self.since.isoformat()
        if self.until is not None:
            data["until"] = self.until.isoformat()
        if self.dated != "span":
            data["dated"] = self.dated
        return data


def _derivable(tree: Node) -> bool:
    if not isinstance(tree, Compare) or tree.ops != ("=",):
        return False
    target, source = tree.operands
    return isinstance(target, Ref) and target.key not in {r.key for r in references(source)}


def _check_message(text: str, lang: str, ed: Edition, read: set[str]) -> None:
    for name, pos in msg.placeholders(text):
        if name in msg.PLACEHOLDERS:
            continue
        if _REF_RE.fullmatch(name):
            try:
                key = references(parse(f"{name} = 0", ed))[0].key
            except RuleError as exc:
                raise RuleError(
                    f"message.{lang}: placeholder {{{name}}}: {exc.en.splitlines()[0]}",
                    f"message.{lang}: chỗ điền {{{name}}}: {exc.vi.splitlines()[0]}",
                    position=pos,
                ) from None
            if key not in read:
                # a finding holds the values its rule read, and only those
                raise RuleError(
                    f"message.{lang}: placeholder {{{name}}} is a row the rule does not read",
                    f"message.{lang}: chỗ điền {{{name}}} là chỉ tiêu mà quy tắc không đọc",
                    position=pos,
                )
            continue
        known = ", ".join(sorted(msg.PLACEHOLDERS))
        raise RuleError(
            f"message.{lang}: unknown placeholder {{{name}}} (known: {known}, or a row like"
            " {PL2:7.1})",
            f"message.{lang}: chỗ điền lạ {{{name}}} (hợp lệ: {known}, hoặc một chỉ tiêu như"
            " {PL2:7.1})",
            position=pos,
        )


# --- rule sets --------------------------------------------------------------------------


def _to_rules(rules: Iterable[Rule]) -> tuple[Rule, ...]:
    return tuple(rules)


@attrs.frozen(repr=False)
class RuleSet:
    """An immutable collection of rules with unique ids, ready to check reports.

    Compiled forms of the rules are cached in the set, per edition and report level, so
    keep and reuse a set rather than rebuilding it for each report.

    Args:
        rules: The rules.

    Raises:
        RuleError: Two rules have the same id.

    >>> rules = builtin_rules()
    >>> "PL2.ratio.2" in rules, rules["PL2.ratio.2"].severity.value
    (True, 'error')
    >>> smaller = rules.without("PL7.plausible.1.1", "PL7.plausible.1.2")
    >>> len(rules) - len(smaller)
    2
    """

    rules: tuple[Rule, ...] = attrs.field(converter=_to_rules)
    _by_id: dict[str, Rule] = attrs.field(init=False, eq=False)
    _cache: dict[Any, Any] = attrs.field(init=False, eq=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        by_id: dict[str, Rule] = {}
        for rule in self.rules:
            if not isinstance(rule, Rule):
                raise RuleError(
                    f"a RuleSet holds Rule objects, got {type(rule).__name__}",
                    f"RuleSet chỉ chứa các Rule, nhận được {type(rule).__name__}",
                )
            if rule.id in by_id:
                raise RuleError(
                    f"two rules have the id {rule.id!r}",
                    f"hai quy tắc cùng mã {rule.id!r}",
                    rule=rule.id,
                )
            by_id[rule.id] = rule
        object.__setattr__(self, "_by_id", by_id)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._by_id

    def __getitem__(self, rule_id: str) -> Rule:
        """The rule with id ``rule_id``.

        Raises:
            KeyError: No such rule.
        """
        return self._by_id[rule_id]

    @property
    def ids(self) -> tuple[str, ...]:
        """The rule ids, in order."""
        return tuple(self._by_id)

    def __add__(self, other: RuleSet | Iterable[Rule]) -> RuleSet:
        """The rules of both sets (ids must not repeat)."""
        return RuleSet((*self.rules, *other))

    def without(self, *rule_ids: str) -> RuleSet:
        """A copy without the rules ``rule_ids``.

        Raises:
            KeyError: One of the ids is not in the set.
        """
        for rule_id in rule_ids:
            self._by_id[rule_id]  # raises KeyError for an unknown id
        dropped = set(rule_ids)
        return RuleSet(r for r in self.rules if r.id not in dropped)

    def __repr__(self) -> str:
        return f"<RuleSet of {len(self.rules)} rules>"


def as_ruleset(rules: RuleSet | Iterable[Rule] | None, edition: str) -> RuleSet:
    """``rules`` as a :class:`RuleSet` (the built-in rules of ``edition`` for ``None``)."""
    if rules is None:
        return builtin_rules(edition)
    if isinstance(rules, RuleSet):
        return rules
    if isinstance(rules, Rule):
        return RuleSet((rules,))
    candidate: object = rules  # the type says Iterable[Rule]; a caller may pass anything
    if isinstance(candidate, Iterable) and not isinstance(candidate, (str, bytes)):
        items = tuple(candidate)
        if all(isinstance(rule, Rule) for rule in items):
            return RuleSet(items)
    raise ValueTypeError(
        template=None,
        code=None,
        attribute="rules",
        expected="a RuleSet, an iterable of Rule, or None",
        expected_vi="một RuleSet, các Rule, hoặc None",
        value=rules,
    )


T = TypeVar("T")


def compiled(rules: RuleSet, key: Hashable, build: Callable[[], T]) -> T:
    """What ``build()`` makes of ``rules`` for ``key``, built once and kept in the set.

    The engine keeps a set's compiled plans here, per edition and report level, so that
    nothing is compiled twice for the same set.
    """
    cache = rules._cache  # noqa: SLF001  # the set's own cache, in its own module
    try:
        value: T = cache[key]
    except KeyError:
        value = cache[key] = build()
    return value


# --- rules generated from the catalog ---------------------------------------------------

_DOMAIN_REASONS: Final = {
    Kind.COUNT: '"{title}" is counted in "{unit}": a whole number, which cannot be negative.',
    Kind.PERCENT: '"{title}" is in "%", a share of a part in its whole: between 0 and 100.',
    Kind.MONEY: '"{title}" is in "{unit}", an amount planned or spent: it cannot be negative.',
    Kind.CODE: '"{title}" is coded "{unit}": its value is one of those codes.',
}


def _domain_rule(row: Indicator, edition: str) -> Rule:
    ref = f"{row.template}:{row.code}"
    kind = row.kind
    if kind is Kind.CODE:
        assert row.code_list is not None  # noqa: S101  # a CODE row has a code list
        codes = ", ".join(str(int(member)) for member in row.code_list)
        expression, messages = f"{ref} in ({codes})", msg.DOMAIN["code"]
    elif kind is Kind.PERCENT:
        expression, messages = f"0 <= {ref} <= 100", msg.DOMAIN["percent"]
    else:
        assert kind is not None  # noqa: S101  # headings hold no value
        expression, messages = f"{ref} >= 0", msg.DOMAIN[kind.value]
    return Rule(
        f"{row.template}.domain.{row.code}",
        expression,
        kind="domain",
        message_vi=messages["vi"],
        message_en=messages["en"],
        reason=_DOMAIN_REASONS[kind].format(title=row.title, unit=row.unit_text),
        edition=edition,
    )


_LEVEL_NAMES: Final = {
    AdminLevel.PROVINCE: "province",
    AdminLevel.DEPARTMENT: "department",
    AdminLevel.DISTRICT: "district",
    AdminLevel.COMMUNE: "commune",
}


def _level_reason(row: Indicator) -> str:
    names = [_LEVEL_NAMES[level] for level in AdminLevel if level in row.levels]
    reason = f'"{row.title}" is asked of {msg.join(names, "en")} reports'
    if row.until is not None:
        reason += (
            f" on periods that start before {msg.format_date(row.until, 'en')} (it is about"
            " districts, which two-tier local government abolished that day)"
        )
    return reason + "; a value in it in another report is not asked for."


def _level_rule(row: Indicator, edition: str) -> Rule:
    ref = f"{row.template}:{row.code}"
    return Rule(
        f"{row.template}.level.{row.code}",
        f"if not applicable({ref}) then {ref} = blank",
        severity=Severity.WARNING,
        kind="level",
        message_vi=msg.LEVEL["vi"],
        message_en=msg.LEVEL["en"],
        reason=_level_reason(row),
        edition=edition,
    )


def _generated(ed: Edition) -> list[Rule]:
    out: list[Rule] = []
    for row in ed.indicators():
        if row.is_heading:
            continue
        out.append(_domain_rule(row, ed.id))
        if row.levels != ALL_LEVELS or row.until is not None:
            out.append(_level_rule(row, ed.id))
    return out


def _sort_key(rule: Rule, ed: Edition) -> tuple[int, tuple[int, ...], int, str]:
    first = rule.references[0]
    number = ed.spec(rule.template or first.template).number
    code = tuple(int(p) for p in first.code.split("."))
    return (number, code, KINDS.index(rule.kind), rule.id)


def builtin_rules(edition: str | None = None) -> RuleSet:
    """The built-in rules of a template edition (default: the current one).

    They are the rules of the edition's rules file (:attr:`Edition.rules
    <cchc_model.Edition.rules>`) and the domain and level rules
    generated from the catalog, ordered by template, then row, then kind. The set is
    built once and shared.

    >>> rules = builtin_rules()
    >>> rules["PL8.domain.2"].expression, rules["PL4.level.1.4.1"].severity.value
    ('PL8:2 in (0, 1, 2)', 'warning')
    >>> sorted({rule.kind for rule in rules})
    ['condition', 'domain', 'identity', 'level', 'part', 'plausible', 'ratio', 'total']
    """
    ed = get_edition(edition)
    # kept per edition object: an edition registered again (with another rules file)
    # is another object, though it may compare equal
    found = _BUILTIN.get(id(ed))
    if found is None or found[0] is not ed:
        found = _BUILTIN[id(ed)] = (ed, stored_builtin_rules(ed))
    return found[1]


_BUILTIN: dict[int, tuple[Edition, RuleSet]] = {}


def stored_builtin_rules(ed: Edition) -> RuleSet:
    """The built-in rules of an edition, read from the rule cache or parsed (and stored).

    The rules of an edition whose templates are the library's own are parsed once per
    version of its rules file and of the library, then read from the user's cache
    (:mod:`cchc_model._rules.cache`); :func:`builtin_rules` keeps the set for the process.
    The rules of an edition defined elsewhere are always parsed: the cache could not tell
    when its templates change.
    """
    text: str | None = None
    name = f"edition {ed.id}"
    if ed.rules is not None:
        name = f"edition {ed.id}: {ed.rules.name}"
        try:
            text = ed.rules.read_text(encoding="utf-8")
        except (OSError, ValueError) as exc:
            raise RuleError(
                f"{name}: cannot read the rule file ({exc})",
                f"{name}: không đọc được tệp quy tắc ({exc})",
            ) from None

    def build() -> RuleSet:
        data = [] if text is None else _parse_rules_text(text, name, ed.id)
        by_id: dict[str, Rule] = {rule.id: rule for rule in _generated(ed)}
        for rule in data:
            by_id[rule.id] = rule  # a rule in the data replaces the generated rule of that id
        return RuleSet(sorted(by_id.values(), key=lambda r: _sort_key(r, ed)))

    if not all(is_own(cls.__module__) for cls in ed.classes):
        return build()
    key = cache.source_key(ed.id.encode("utf-8"), (text or "").encode("utf-8"))
    return cache.cached(f"rules-{ed.id}", key, build, RuleSet)


# --- rule files -------------------------------------------------------------------------

_RULE_KEYS: Final = frozenset(
    {
        "id",
        "expr",
        "severity",
        "kind",
        "template",
        "message",
        "reason",
        "levels",
        "tolerance",
        "blanks",
        "derive",
        "since",
        "until",
        "dated",
    }
)


def load_rules(path: str | Path, *, edition: str | None = None) -> RuleSet:
    r"""Read rules from a TOML file, in the format of the built-in rules.

    Args:
        path: The file.
        edition: The template edition of the references, when the file does not say.

    Raises:
        RuleError: The file cannot be read or a rule is malformed; every problem is
            listed in the message, with the rule id and a caret under the expression.

    >>> import tempfile, pathlib
    >>> folder = tempfile.mkdtemp()
    >>> path = pathlib.Path(folder, "hue.toml")
    >>> _ = path.write_text('[[rule]]\nid = "HUE.1"\nexpr = "PL2:2.2 <= PL2:2.1"\n', "utf-8")
    >>> load_rules(path).ids
    ('HUE.1',)
    """
    if not isinstance(path, (str, os.PathLike)):
        raise RuleError(
            f"a rule file is named by a path (str or os.PathLike), not {type(path).__name__}",
            f"tệp quy tắc phải là đường dẫn (str hoặc os.PathLike), không phải"
            f" {type(path).__name__}",
        )
    name = str(path)
    try:
        text = files.read_path(path).decode("utf-8-sig")
    except files.Unreadable as exc:
        reason, reason_vi = exc.en, exc.vi
    except UnicodeDecodeError:
        reason, reason_vi = "not UTF-8 text", "không phải văn bản UTF-8"
    else:
        return loads_rules(text, source=name, edition=edition)
    raise RuleError(
        f"{name!r}: cannot read the rule file: {reason}",
        f"{name!r}: không đọc được tệp quy tắc: {reason_vi}",
    )


def loads_rules(text: str, *, source: str | None = None, edition: str | None = None) -> RuleSet:
    r"""Read rules from TOML text (see :func:`load_rules`).

    >>> loads_rules('[[rule]]\nid = "X"\nexpr = "PL2:2.2 <= PL2:2.1"\nseverity = "fatal"')
    Traceback (most recent call last):
    ...
    cchc_model.RuleError: rule 'X': severity must be error, warning or info, got 'fatal'
    """
    if isinstance(text, str):
        try:
            files.check_length(text)
        except files.Unreadable as exc:
            prefix = f"{source}: " if source else ""
            raise RuleError(f"{prefix}{exc.en}", f"{prefix}{exc.vi}") from None
    return RuleSet(_parse_rules_text(text, source, edition))


def _read_toml(text: str, prefix: str, edition: str | None) -> tuple[list[Any], Edition]:
    """The ``[[rule]]`` tables of a rule file, and the edition it is written for."""
    if not isinstance(text, str):
        raise RuleError(f"{prefix}rules must be TOML text", f"{prefix}quy tắc phải là văn bản TOML")
    import tomllib  # noqa: PLC0415  # on first use: the built-in rules come from the cache

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(
            f"{prefix}not valid TOML: {exc}", f"{prefix}không phải TOML hợp lệ: {exc}"
        ) from None
    except RecursionError:
        raise RuleError(
            f"{prefix}the TOML is nested too deeply", f"{prefix}TOML lồng nhau quá sâu"
        ) from None
    unknown = sorted(set(data) - {"edition", "rule"})
    if unknown:
        raise RuleError(
            f"{prefix}unknown key(s) {', '.join(unknown)} (a rule file has 'edition' and"
            " [[rule]] tables)",
            f"{prefix}khóa lạ {', '.join(unknown)} (tệp quy tắc có 'edition' và các bảng [[rule]])",
        )
    file_edition = data.get("edition", edition)
    if file_edition is not None and not isinstance(file_edition, str):
        raise RuleError(f"{prefix}edition must be text", f"{prefix}edition phải là chuỗi")
    try:
        ed = get_edition(file_edition)
    except CchcError as exc:
        raise RuleError(prefix + exc.en, prefix + exc.vi) from None
    items = data.get("rule", [])
    if not isinstance(items, list):
        raise RuleError(
            f"{prefix}'rule' must be an array of tables ([[rule]])",
            f"{prefix}'rule' phải là mảng các bảng ([[rule]])",
        )
    return items, ed


def _parse_rules_text(text: str, source: str | None, edition: str | None) -> list[Rule]:
    prefix = f"{source}: " if source else ""
    items, ed = _read_toml(text, prefix, edition)
    rules: list[Rule] = []
    errors: list[RuleError] = []
    seen: set[str] = set()
    for number, item in enumerate(items, 1):
        try:
            rule = _rule_from_data(item, number, ed)
        except RuleError as exc:
            errors.append(exc)
            continue
        if rule.id in seen:
            errors.append(
                RuleError(
                    f"rule {rule.id!r}: the id is used twice",
                    f"quy tắc {rule.id!r}: mã bị dùng hai lần",
                    rule=rule.id,
                )
            )
            continue
        seen.add(rule.id)
        rules.append(rule)
    if errors:
        raise _grouped(errors, prefix)
    return rules


def _grouped(errors: list[RuleError], prefix: str) -> RuleError:
    """One error listing every malformed rule; its attributes are the first one's."""
    first = errors[0]
    count = len(errors)
    head_en = f"{prefix}{count} malformed rules:\n" if count > 1 else prefix
    head_vi = f"{prefix}{count} quy tắc không hợp lệ:\n" if count > 1 else prefix
    return RuleError(
        head_en + "\n".join(e.en for e in errors),
        head_vi + "\n".join(e.vi for e in errors),
        rule=first.rule,
        expression=first.expression,
        position=first.position,
    )


def _rule_from_data(item: object, number: int, ed: Edition) -> Rule:
    if not isinstance(item, dict):
        raise RuleError(f"rule #{number}: must be a table", f"quy tắc #{number}: phải là một bảng")
    rule_id = item.get("id")
    label = f"rule {rule_id!r}" if isinstance(rule_id, str) else f"rule #{number}"
    label_vi = f"quy tắc {rule_id!r}" if isinstance(rule_id, str) else f"quy tắc #{number}"
    unknown = sorted(set(item) - _RULE_KEYS)
    if unknown:
        raise RuleError(
            f"{label}: unknown key(s) {', '.join(unknown)} (keys: {', '.join(sorted(_RULE_KEYS))})",
            f"{label_vi}: khóa lạ {', '.join(unknown)} (các khóa: {', '.join(sorted(_RULE_KEYS))})",
            rule=rule_id if isinstance(rule_id, str) else None,
        )
    for key in ("id", "expr"):
        if not isinstance(item.get(key), str):
            raise RuleError(
                f"{label}: '{key}' is required and must be text",
                f"{label_vi}: thiếu '{key}' hoặc không phải chuỗi",
                rule=rule_id if isinstance(rule_id, str) else None,
            )
    message = item.get("message", {})
    if not isinstance(message, dict) or set(message) - {"vi", "en"}:
        raise RuleError(
            f"{label}: message must be a table with vi and/or en",
            f"{label_vi}: message phải là bảng có vi và/hoặc en",
            rule=rule_id,
        )
    try:
        return Rule(
            rule_id,  # type: ignore[arg-type]  # checked above
            item["expr"],
            severity=item.get("severity", Severity.ERROR),
            kind=item.get("kind", "custom"),
            template=item.get("template"),
            message_vi=message.get("vi"),
            message_en=message.get("en"),
            reason=item.get("reason", ""),
            levels=item.get("levels"),
            tolerance=item.get("tolerance"),
            blanks=item.get("blanks", "skip"),
            derive=item.get("derive", False),
            edition=ed.id,
            since=item.get("since"),
            until=item.get("until"),
            dated=item.get("dated", "span"),
        )
    except RuleError as exc:
        if exc.rule is not None:
            raise
        raise RuleError(
            f"{label}: {exc.en}",
            f"{label_vi}: {exc.vi}",
            rule=rule_id,
            expression=exc.expression,
            position=exc.position,
        ) from None
    except (TypeError, ValueError, OverflowError) as exc:  # a value of a type no key takes
        raise RuleError(
            f"{label}: a value has the wrong type ({exc})",
            f"{label_vi}: một giá trị sai kiểu ({exc})",
            rule=rule_id,
        ) from None


publish(globals())  # cchc_model.Name, not this module: see _model/public.py
