"""Consolidation: one report for a province, a district or the nation from its units' reports.

A province files one report for itself and its communes (a district did, before 1 July
2025), and the ministry one for the provinces. :func:`aggregate` makes that report
from the units' reports, row by row as the catalog declares
(:class:`~cchc_model.Consolidation`): counts and money add up; ratios are recomputed
from the consolidated parts by their ``derive`` rule, never averaged; what is the
consolidating unit's own (its procedures, its survey, its systems) comes from its own
figures (``own``), the units' values being kept as provenance; percentages whose parts
the templates do not carry are not consolidated. The result is an :class:`Aggregation`:
the consolidated :class:`~cchc_model.Report` (validated like any other), the reports
that went into it, the provenance of every row and notes on what could not be done.

Everything is checked before anything is added up (one period, one edition, no unit
twice, levels that fit): a problem raises :class:`~cchc_model.ConsolidationError`
naming the files. Consolidation is associative: :func:`combine` merges partial results
computed anywhere, and ``combine([aggregate(a), aggregate(b)])`` is
``aggregate(a + b)``.

>>> from cchc_model import AdminLevel, Period, Procedures, Report, ReportInfo
>>> def commune(name, resolved, on_time):
...     info = ReportInfo(agency=name, level=AdminLevel.COMMUNE, period=Period.H1, year=2024)
...     return Report(
...         info=info,
...         templates=[Procedures(commune_resolved=resolved, commune_on_time=on_time)],
...     )
>>> province = ReportInfo(
...     agency="UBND tỉnh Thử Nghiệm", level=AdminLevel.PROVINCE, period=Period.H1, year=2024
... )
>>> result = aggregate(
...     [commune("UBND xã A", 276, 276), commune("UBND xã B", 24, 12)], into=province
... )
>>> result.report.pl4.commune_resolved, result.report.pl4.commune_on_time
(300, 288)
>>> result.report.pl4.commune_on_time_rate  # 288 / 300, not the mean of 100 and 50
Decimal('96.00')
>>> result.validation.valid, result.provenance("PL4", "3.3.1").contributors
(True, ('UBND xã A', 'UBND xã B'))
"""

from __future__ import annotations

import decimal
import functools
import operator
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from itertools import compress, repeat
from typing import Any, Final, Literal

import attrs

from .._model.catalog import Edition
from .._model.catalog import edition as get_edition
from .._model.collector import paused
from .._model.errors import CodeError, ConsolidationError, Lang, Problem, ValueTypeError
from .._model.frozen import FrozenMap
from .._model.period import Days, Period
from .._model.public import publish
from .._model.report import Report, ReportInfo, named_reports
from .._model.template import (
    BOUND_WORDS,
    MAX_TEXT_CHARS,
    Indicator,
    Template,
    TemplateSpec,
    Value,
    build_checked,
    cells,
    within_bounds,
)
from .._model.units import AdminLevel, Code, Consolidation, Kind
from .._rules.derive import derive, derive_rules
from .._rules.engine import era
from .._rules.expr import BinOp, Call, Ref, references
from .._rules.findings import ValidationResult
from .._rules.rulesets import Rule, RuleSet, Severity, as_ruleset, compiled
from .._rules.validate import validate

__all__ = [
    "Aggregation",
    "AggregationNote",
    "RowProvenance",
    "SourceReport",
    "aggregate",
    "combine",
]

_ZERO: Final = Decimal(0)
_EXACT: Final = decimal.Context(
    prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN, traps=[]
)
"""Sums of money are exact, whatever their size: no rounding to 28 digits."""

_FITS: Final[Mapping[AdminLevel, frozenset[AdminLevel]]] = {
    # A province consolidates its communes (and, before 1 July 2025, its districts) and its
    # departments; the national report is a province-level report made of provinces.
    AdminLevel.PROVINCE: frozenset(
        {AdminLevel.COMMUNE, AdminLevel.DISTRICT, AdminLevel.DEPARTMENT, AdminLevel.PROVINCE}
    ),
    AdminLevel.DISTRICT: frozenset({AdminLevel.COMMUNE}),
}
_SHOWN: Final = 5
"""How many units a message names before it says how many more there are."""


# --- the pieces of a result -------------------------------------------------------------


@attrs.frozen
class SourceReport:
    """A report that went into a consolidation.

    Attributes:
        key: The unit's identifier: the report's ``unit_code`` when it has one, else its
            agency, with its district and province when given
            (``"UBND xã Hương Sơn, Nam Đông, Thừa Thiên Huế"``). No two sources of a
            consolidation have the same key; sources are kept sorted by it.
        report: The report as added up: as filed, except that a total it left blank
            while giving every part (``PL7 2.1`` blank, ``2.2``–``2.5`` given) is filled
            by its ``derive`` rule, so that the unit counts in the consolidated total;
            in the consolidating unit's own figures, a total of counts it left blank
            while giving some of its parts is the sum of those (a province's PL3 1.1
            and 1.2, its communes giving 1.3).
        name: The file the report was read from (or the name it was given under).
        own: Whether these are a consolidating unit's own figures rather than a report
            consolidated as a unit: the result's own (:attr:`Aggregation.own`), or a
            part's, merged by :func:`combine` (a province's own report, in the national
            one).
    """

    key: str
    report: Report = attrs.field(repr=False)
    name: str | None = None
    own: bool = False

    @property
    def label(self) -> str:
        """The file name, or the unit's key when the report came from no file."""
        return self.name if self.name is not None else self.key


def _sort_key(source: SourceReport) -> tuple[str, str, bool]:
    return (source.key, source.name or "", source.own)


@attrs.frozen
class RowProvenance:
    """Where a consolidated value comes from: what each unit gave in the row.

    Attributes:
        template: The template id.
        code: The row's code.
        kind: The kind of value the row holds.
        consolidation: How the row consolidates.
        value: The value in the consolidated report (``None``: blank).
        own: The consolidating unit's own figure, when given.
        values: The value of each unit that filled the row, by unit key, in key order:
            for a ``SUM`` row, the addends.
        blank: The units asked for the row that left it blank (or did not file its
            template).
        not_applicable: The units not asked for the row at their level (or in the
            period: the rows about districts are asked of no one after 1 July 2025).
        ignored: Values given in a row not asked of the unit: not added up.

    >>> from cchc_model import example
    >>> info = example().info
    >>> row = aggregate(
    ...     [example()], into=attrs.evolve(info, level=AdminLevel.PROVINCE, agency="UBND tỉnh")
    ... ).provenance("PL8", "2")
    >>> row.consolidation.value, row.value, row.distribution()
    ('own', None, FrozenMap({3: 1}))
    """

    template: str
    code: str
    kind: Kind
    consolidation: Consolidation
    value: Value | None
    own: Value | None
    values: FrozenMap[str, Value]
    blank: tuple[str, ...]
    not_applicable: tuple[str, ...]
    ignored: FrozenMap[str, Value]

    @property
    def contributors(self) -> tuple[str, ...]:
        """The units that filled the row, in key order."""
        return tuple(self.values)

    def distribution(self) -> FrozenMap[int, int]:
        """How many units gave each value, for a coded row: code → count, in code order.

        Codes outside the row's list, kept as filed, are counted too.
        """
        return _distribution(self.values.values())

    def range(self) -> tuple[Value, Value] | None:
        """The smallest and the largest value given by the units (``None``: none given)."""
        return _range(list(self.values.values()))

    def to_data(self) -> dict[str, Any]:
        """The provenance as plain JSON-ready data (decimals as strings)."""
        data: dict[str, Any] = {
            "template": self.template,
            "code": self.code,
            "kind": self.kind.value,
            "consolidation": self.consolidation.value,
            "value": _plain(self.value),
            "own": _plain(self.own),
            "values": {key: _plain(value) for key, value in self.values.items()},
            "blank": list(self.blank),
            "not_applicable": list(self.not_applicable),
            "ignored": {key: _plain(value) for key, value in self.ignored.items()},
        }
        return data


def _distribution(values: Iterable[Value]) -> FrozenMap[int, int]:
    return FrozenMap(dict(sorted(Counter(map(int, values)).items())))


def _range(values: list[Value]) -> tuple[Value, Value] | None:
    return (min(values), max(values)) if values else None


def _plain(value: Value | None) -> int | str | None:
    if value is None:
        return None
    return str(value) if isinstance(value, Decimal) else int(value)


NoteKind = Literal["partial", "ratio", "own", "none", "ignored", "finding"]


@attrs.frozen
class AggregationNote:
    """Something a consolidation could not do, or did only in part; worded when asked.

    Attributes:
        kind: ``"partial"``: some units asked for a row that adds up left it blank, so
            the sum covers the others only; ``"ratio"``: a ratio could not be
            recomputed (its parts are blank, its denominator is 0, or its numerator
            exceeds its denominator); ``"own"``: the
            consolidating unit's own figure is needed and was not given; ``"none"``: the
            row cannot be consolidated; ``"ignored"``: values in a row not asked of
            their units were not added; ``"finding"``: the consolidated report breaks a
            rule, and ``units`` are those that filled some of the rule's rows but not
            all (the likely cause).
        template: The template id.
        codes: The rows concerned: one row, or the rows that share the note (rows left
            blank by the same units), or the rows of the rule broken.
        units: The units the note is about (blank, ignored, or partly filled).
        given: How many units gave a value in the row(s).
        asked: How many units were asked for the row(s).
        low: The smallest value the units gave, when the row was not consolidated.
        high: The largest value the units gave.
        distribution: For a coded row, how many units gave each code.
        rule: For a finding, the rule's id.
        severity: For a finding, its severity.
    """

    kind: NoteKind
    template: str
    codes: tuple[str, ...]
    units: tuple[str, ...] = ()
    given: int = 0
    asked: int = 0
    low: Value | None = None
    high: Value | None = None
    distribution: FrozenMap[int, int] | None = None
    rule: str | None = None
    severity: Severity | None = None

    def message(self, lang: Lang = "vi") -> str:
        """The note in ``lang`` (``"vi"`` or ``"en"``).

        >>> note = AggregationNote("partial", "PL4", ("3.3.1",), ("00002",), given=1, asked=2)
        >>> print(note.message("vi"))
        PL4 3.3.1: 1/2 đơn vị có số liệu, tổng chỉ gồm các đơn vị này; 1 đơn vị để trống: 00002
        """
        vi = lang == "vi"
        key = "finding-whole" if self.kind == "finding" and not self.units else self.kind
        return _NOTE_TEXT[key][lang].format(
            where=f"{self.template} {', '.join(self.codes)}" if self.codes else self.template,
            units=_names(self.units, vi=vi),
            blank=_count(len(self.units), vi=vi),
            given=_count(self.given, vi=vi),
            asked=_count(self.asked, vi=vi),
            values=self._values(vi=vi),
            rule=self.rule,
            severity=self.severity.label(lang) if self.severity is not None else "",
        )

    def _values(self, *, vi: bool) -> str:
        if self.given == 0:
            return "không đơn vị nào có số liệu" if vi else "no unit gave a value"
        head = (
            f"{_count(self.given, vi=vi)} đơn vị có số liệu"
            if vi
            else f"{_count(self.given, vi=vi)} unit{'s' if self.given != 1 else ''} gave a value"
        )
        if self.distribution is not None:
            parts = ", ".join(f"{code}: {n}" for code, n in self.distribution.items())
            return f"{head} ({'mã' if vi else 'codes'} {parts})"
        if self.low is None or self.high is None:
            return head
        low, high = _number(self.low, vi=vi), _number(self.high, vi=vi)
        span = low if low == high else f"{low} – {high}"
        return f"{head} ({span})"

    def to_data(self, lang: Lang = "vi") -> dict[str, Any]:
        """The note as plain JSON-ready data, with its message in ``lang``."""
        return {
            "kind": self.kind,
            "template": self.template,
            "codes": list(self.codes),
            "rule": self.rule,
            "severity": self.severity.value if self.severity is not None else None,
            "units": list(self.units),
            "given": self.given,
            "asked": self.asked,
            "message": self.message(lang),
        }


_NOTE_TEXT: Final[Mapping[str, Mapping[str, str]]] = {
    "partial": {
        "vi": "{where}: {given}/{asked} đơn vị có số liệu, tổng chỉ gồm các đơn vị này;"
        " {blank} đơn vị để trống: {units}",
        "en": "{where}: {given} of {asked} units gave a value and the sum covers them only;"
        " {blank} left it blank: {units}",
    },
    "ratio": {
        "vi": "{where}: không tính lại được tỷ lệ (sau tổng hợp, các chỉ tiêu thành phần để"
        " trống, mẫu số bằng 0, hoặc tử số lớn hơn mẫu số); {values}",
        "en": "{where}: the ratio could not be recomputed (in the consolidated report its parts"
        " are blank, its denominator is 0, or its numerator exceeds its denominator);"
        " {values}",
    },
    "own": {
        "vi": "{where}: cần số liệu của chính đơn vị tổng hợp, chưa có; {values}",
        "en": "{where}: the consolidating unit's own figure is needed and was not given; {values}",
    },
    "none": {
        "vi": "{where}: không tổng hợp được (tỷ lệ mà biểu mẫu không có các thành phần, không"
        " lấy trung bình); {values}",
        "en": "{where}: cannot be consolidated (a rate whose parts the template does not"
        " carry; it is not averaged); {values}",
    },
    "ignored": {
        "vi": "{where}: chỉ tiêu không áp dụng ở cấp của đơn vị, không cộng số liệu của {units}",
        "en": "{where}: not asked at their level, so not added: the values of {units}",
    },
    "finding": {
        "vi": "{where}: báo cáo tổng hợp vi phạm quy tắc {rule} ({severity}); các đơn vị chỉ"
        " điền một phần các chỉ tiêu của quy tắc: {units}",
        "en": "{where}: the consolidated report breaks rule {rule} ({severity}); units that"
        " filled some of its rows but not all: {units}",
    },
    "finding-whole": {
        "vi": "{where}: báo cáo tổng hợp vi phạm quy tắc {rule} ({severity}); hãy kiểm tra báo"
        " cáo của các đơn vị (cchc validate)",
        "en": "{where}: the consolidated report breaks rule {rule} ({severity}); check the"
        " units' reports (cchc validate)",
    },
}


def _count(n: int, *, vi: bool) -> str:
    return f"{n:,}".replace(",", ".") if vi else f"{n:,}"


def _number(value: Value, *, vi: bool) -> str:
    if not vi:
        return str(value)
    from ..vi import format_number  # noqa: PLC0415  # vi is heavy; notes are worded rarely

    return format_number(int(value) if isinstance(value, Code) else value)


def _names(keys: tuple[str, ...], *, vi: bool) -> str:
    shown = ", ".join(keys[:_SHOWN])
    more = len(keys) - _SHOWN
    if more <= 0:
        return shown
    return (
        f"{shown} {'và' if vi else 'and'} {_count(more, vi=vi)} {'đơn vị khác' if vi else 'more'}"
    )


def _split(keys: Sequence[str], column: Sequence[Any]) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The units' values in one row, and the units that left it blank, in key order.

    Written with ``map`` and ``compress``, without a loop in Python, and with ``is``
    rather than ``==`` (a ``Decimal`` compared with ``None`` is slow): it runs once per
    row of the consolidated report over every unit.
    """
    given = list(map(operator.is_not, column, repeat(None)))
    if all(given):
        return dict(zip(keys, column, strict=True)), ()
    if not any(given):
        return {}, tuple(keys)
    values = dict(zip(compress(keys, given), compress(column, given), strict=True))
    return values, tuple(compress(keys, map(operator.not_, given)))


@attrs.frozen
class _Column:
    """One value row of a template across the units: those asked for it, what each gave.

    The one place both the provenance (:class:`RowProvenance`) and the notes are read
    from. The notes want counts and the first few names: they are worked out from the
    column with ``map`` and ``compress`` (see :func:`_split`), without building a
    mapping of ten thousand units' values for each row.

    Attributes:
        row: The row.
        keys: The units asked for the row (at their level, in the period), in key order.
        column: Their values, in the same order (``None``: blank).
        other_keys: The units not asked for it, in key order.
        other_column: Their values.
    """

    row: Indicator
    keys: Sequence[str]
    column: Sequence[Any]  # Value | None, read as it is in bulk
    other_keys: Sequence[str] = ()
    other_column: Sequence[Any] = ()

    @property
    def attribute(self) -> str:
        """The row's attribute."""
        assert self.row.attribute is not None  # noqa: S101  # value rows have attributes
        return self.row.attribute

    @functools.cached_property
    def blank(self) -> tuple[str, ...]:
        """The units asked for the row that left it blank, in key order."""
        mask = list(map(operator.is_, self.column, repeat(None)))
        return tuple(compress(self.keys, mask)) if True in mask else ()

    @property
    def given(self) -> int:
        """How many units asked for the row gave a value."""
        return len(self.keys) - len(self.blank)

    def values(self) -> list[Value]:
        """The values given, in key order."""
        return list(compress(self.column, map(operator.is_not, self.column, repeat(None))))

    @functools.cached_property
    def ignored(self) -> tuple[str, ...]:
        """The units not asked for the row that gave a value all the same."""
        others = self.other_column
        if others.count(None) == len(others):  # the usual case, quick: None is None
            return ()
        return tuple(compress(self.other_keys, map(operator.is_not, others, repeat(None))))

    def provenance(self, value: Value | None, own: Value | None) -> RowProvenance:
        """The row's provenance, ``value`` being the consolidated one."""
        row = self.row
        assert row.kind is not None  # noqa: S101  # value rows have a kind
        assert row.consolidation is not None  # noqa: S101  # and a consolidation
        values, blank = _split(self.keys, self.column)
        ignored, not_applicable = _split(self.other_keys, self.other_column)
        return RowProvenance(
            template=row.template,
            code=row.code,
            kind=row.kind,
            consolidation=row.consolidation,
            value=value,
            own=own,
            values=FrozenMap(values),
            blank=blank,
            not_applicable=not_applicable,
            ignored=FrozenMap(ignored),
        )


_Table = dict[str, dict[str, _Column]]
"""Every value row of some templates across the units: template id → code → column."""


def _read(sources: Sequence[SourceReport], specs: Sequence[TemplateSpec], end: Days) -> _Table:
    """Every value row of the templates ``specs`` across ``sources``, read once.

    What is added up and what the provenance and the notes say are read from it. The
    units' values are read column by column (one row, every unit), so that the work is
    linear in the number of units with a small constant: each value is read once, each
    report's templates looked at once. ``end``: the consolidated report's period.
    """
    readers = {
        spec.id: _reader(tuple(row.attribute for row in spec.value_indicators if row.attribute))
        for spec in specs
    }
    tables = {spec.id: [(None,) * len(spec.value_indicators)] * len(sources) for spec in specs}
    for i, source in enumerate(sources):
        for tid, tpl in source.report.templates.items():
            read = readers.get(tid)
            if read is not None:
                tables[tid][i] = read(cells(tpl))
    keys = tuple(source.key for source in sources)
    levels = [source.report.info.level for source in sources]
    present = set(levels)
    out: _Table = {}
    for spec in specs:
        rows = spec.value_indicators
        table = tables[spec.id]
        columns = list(zip(*table, strict=True)) if table else [() for _ in rows]
        found = out[spec.id] = {}
        for row, column in zip(rows, columns, strict=True):
            asked_levels = {level for level in present if row.applies_to(level, end)}
            if asked_levels == present:  # every unit was asked for the row (the usual case)
                found[row.code] = _Column(row, keys, column)
            elif not asked_levels:  # no unit was (at its level, or in the period)
                found[row.code] = _Column(row, (), (), keys, column)
            else:
                asked = [level in asked_levels for level in levels]
                other = [not a for a in asked]
                found[row.code] = _Column(
                    row,
                    tuple(compress(keys, asked)),
                    tuple(compress(column, asked)),
                    tuple(compress(keys, other)),
                    tuple(compress(column, other)),
                )
    return out


def _reader(attributes: tuple[str, ...]) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    if len(attributes) == 1:
        (only,) = attributes
        return lambda values: (values[only],)
    getter: Callable[[Mapping[str, Any]], tuple[Any, ...]] = operator.itemgetter(*attributes)
    return getter


# --- what is added up, compiled once per edition and levels -----------------------------


def _end(info: ReportInfo) -> Days:
    """The first and last day of a report's period: what decides the rows asked of it.

    A row about districts is asked of a period that starts before 1 July 2025 (the year
    2025 too), and a district files on a period that ends before it.
    """
    return _span(info.period, info.year)


@functools.cache
def _span(period: Period, year: int) -> Days:
    # once per period, not once per source: ten thousand sources share one
    return period.span(year)


@attrs.frozen
class _Layout:
    """The rows of one template in a consolidated report of one level, by consolidation."""

    summed: tuple[str, ...]
    own: tuple[str, ...]


@functools.cache
def _layouts(edition_id: str, into: AdminLevel, end: Days) -> Mapping[str, _Layout]:
    out: dict[str, _Layout] = {}
    for cls in get_edition(edition_id).classes:
        rows = [row for row in cls.spec.value_indicators if row.applies_to(into, end)]
        out[cls.spec.id] = _Layout(
            tuple(
                r.attribute for r in rows if r.consolidation is Consolidation.SUM and r.attribute
            ),
            tuple(
                r.attribute
                for r in rows
                if r.consolidation in (Consolidation.OWN, Consolidation.NONE) and r.attribute
            ),
        )
    return out


@attrs.frozen
class _Fill:
    """A total a unit may leave blank while giving every part, and how to fill it.

    ``plain``: the rule's right-hand side is a sum of rows (``sum(…)`` or ``a + b + …``)
    and the total is a count, so the total is the sum of the parts, exactly as
    :func:`~cchc_model.derive` computes it; otherwise ``derive`` itself is run.
    ``zero``: the rule counts blank parts as 0 (``blanks = "zero"``), so ``derive`` is
    run whenever the total is blank.
    """

    template: str
    target: str
    parts: tuple[tuple[str, str], ...]
    plain: bool
    zero: bool


def _sum_of_refs(node: object, applies: Callable[[Ref], bool]) -> bool:
    """Whether ``node`` is ``sum(refs…)`` or ``ref + ref + …``, every ``+`` term asked."""
    if isinstance(node, Call) and node.name == "sum":
        return all(isinstance(arg, Ref) for arg in node.args)
    if isinstance(node, BinOp) and node.op == "+":
        return _sum_of_refs(node.left, applies) and _sum_of_refs(node.right, applies)
    return isinstance(node, Ref) and applies(node)


def _fills(rules: RuleSet, ed: Edition, level: AdminLevel, end: Days) -> tuple[_Fill, ...]:
    """The totals a unit of ``level`` may leave blank while giving every part.

    They are the targets of the ``derive`` rules that are rows which add up, with the
    rows they are computed from that apply at ``level`` in a report on the period
    ``end``; a unit whose target is blank and whose parts are all given is completed
    before it is added up.
    """

    def applies(ref: Ref) -> bool:
        return ed.indicator(ref.template, ref.code).applies_to(level, end)

    def build() -> tuple[_Fill, ...]:
        out: list[_Fill] = []
        for rule, target, source in derive_rules(rules, ed, level, end):
            row = ed.indicator(target.template, target.code)
            if row.consolidation is not Consolidation.SUM or not row.applies_to(level, end):
                continue
            parts = tuple(
                (ref.template, ref.attribute) for ref in references(source) if applies(ref)
            )
            if parts:
                zero = rule.blanks == "zero"
                plain = not zero and row.kind is Kind.COUNT and _sum_of_refs(source, applies)
                out.append(_Fill(target.template, target.attribute, parts, plain, zero))
        return tuple(out)

    return compiled(rules, ("aggregate.fills", ed.id, level, era(rules, ed, end)), build)


def _prepared(report: Report, fills: tuple[_Fill, ...], rules: RuleSet) -> Report:
    """``report`` with the totals it implies filled (see :attr:`SourceReport.report`)."""
    templates = report.templates
    # each template's values, then the copies filled so far (``work``) in their place
    state: dict[str, Mapping[str, Any]] = {tid: cells(tpl) for tid, tpl in templates.items()}
    work: dict[str, dict[str, Any]] = {}
    pending = list(fills)
    slow = False
    progress = True
    while progress and pending:  # a total may be a part of another (PL7 2.4 of 2.1)
        progress = False
        for fill in list(pending):
            values = state.get(fill.template)
            if values is None or values[fill.target] is not None:
                pending.remove(fill)
                continue
            given = [
                None if (part := state.get(ptid)) is None else part[pattr]
                for ptid, pattr in fill.parts
            ]
            if not fill.zero and any(value is None for value in given):
                continue
            pending.remove(fill)
            slow |= not fill.plain  # derived later, by the rules
            total = sum(given) if fill.plain else None  # type: ignore[arg-type]  # none blank
            if total is None or not within_bounds(total):
                continue  # not plain, or beyond the bound of a report (the blank stays)
            mine = work.get(fill.template)
            if mine is None:
                mine = work[fill.template] = dict(values)
                state[fill.template] = mine
            mine[fill.target] = total
            progress = True
    if slow:
        return _derived_totals(report, fills, rules)
    if not work:
        return report
    return report.with_templates(
        *(
            build_checked(type(templates[tid]), values, templates[tid].notes)
            for tid, values in work.items()
        )
    )


def _own_totals(own: SourceReport, rules: RuleSet, ed: Edition, end: Days) -> SourceReport:
    """The consolidating unit's own figures, each blank total of counts it gave parts of filled.

    A province gives its own documents (PL3 1.1, 1.2) and leaves to its communes what
    they issue (1.3), and may leave its own total (1) blank: its share of the total is
    then the parts it gave. Without it, the consolidated total would be the units' alone,
    short of the consolidated parts by the unit's own figures (PL3 1 = 9 beside 1.1 + 1.2
    + 1.3 = 5 + 2 + 9), a false error of the consolidation. Totals whose parts are all
    given were filled before (:func:`_prepared`); only plain sums of counts are filled.
    """
    templates = own.report.templates
    filled: dict[str, dict[str, Value]] = {}
    for fill in _fills(rules, ed, own.report.info.level, end):
        tpl = templates.get(fill.template)
        if not fill.plain or tpl is None or cells(tpl)[fill.target] is not None:
            continue
        given = [
            value
            for ptid, pattr in fill.parts
            if (part := templates.get(ptid)) is not None
            and (value := filled.get(ptid, {}).get(pattr, cells(part)[pattr])) is not None
        ]
        total = sum(given)
        if given and within_bounds(total):
            filled.setdefault(fill.template, {})[fill.target] = total
    if not filled:
        return own
    report = own.report.with_templates(
        *(attrs.evolve(templates[tid], **values) for tid, values in filled.items())
    )
    return attrs.evolve(own, report=report)


def _derived_totals(report: Report, fills: tuple[_Fill, ...], rules: RuleSet) -> Report:
    """``report`` with the blank totals among ``fills`` that ``derive`` computes."""
    derived = derive(report, rules=rules)
    changes: dict[str, dict[str, Value]] = {}
    for fill in fills:
        before = report.templates.get(fill.template)
        if before is None or cells(before)[fill.target] is not None:
            continue
        value = cells(derived.templates[fill.template])[fill.target]
        if value is not None:
            changes.setdefault(fill.template, {})[fill.target] = value
    if not changes:
        return report
    return report.with_templates(
        *(attrs.evolve(report.templates[tid], **values) for tid, values in changes.items())
    )


def _preparer(rules: RuleSet, ed: Edition, end: Days) -> Callable[[SourceReport], SourceReport]:
    """A function that prepares each source for adding up (see :attr:`SourceReport.report`).

    ``end``: the period of the consolidated report (and so of its sources).
    """
    by_level: dict[AdminLevel, tuple[_Fill, ...]] = {}

    def prepare(source: SourceReport) -> SourceReport:
        level = source.report.info.level
        fills = by_level.get(level)
        if fills is None:
            fills = by_level[level] = _fills(rules, ed, level, end)
        if not fills:
            return source
        report = _prepared(source.report, fills, rules)
        return source if report is source.report else attrs.evolve(source, report=report)

    return prepare


# --- adding up --------------------------------------------------------------------------

_Sums = dict[str, dict[str, Value]]


def _add(into: _Sums, tid: str, attribute: str, value: Value) -> None:
    values = into.setdefault(tid, {})
    previous = values.get(attribute)
    values[attribute] = value if previous is None else previous + value


def _specs(ed: Edition) -> list[TemplateSpec]:
    return [cls.spec for cls in ed.classes]


def _add_up(table: _Table, into: ReportInfo) -> _Sums:
    """The sum of every row that adds up, over the units of ``table`` (blank: none gave it).

    A row adds up when it is asked of the unit's level and of ``into``'s, in the
    period of ``into`` (the rows about districts are not, in a period that starts on or
    after 1 July 2025).
    """
    end = _end(into)
    sums: _Sums = {}
    with decimal.localcontext(_EXACT):
        for tid, columns in table.items():
            for column in columns.values():
                row = column.row
                if (
                    row.consolidation is not Consolidation.SUM
                    or len(column.blank) == len(column.keys)
                    or not row.applies_to(into.level, end)
                ):
                    continue
                values = column.column
                value: Value = (
                    sum([v for v in values if v is not None], _ZERO)
                    if row.kind is Kind.MONEY
                    else sum(filter(None, values))
                )
                _add(sums, tid, column.attribute, value)
    return sums


def _merged(parts: Iterable[Mapping[str, Mapping[str, Value]]]) -> _Sums:
    sums: _Sums = {}
    with decimal.localcontext(_EXACT):
        for part in parts:
            for tid, values in part.items():
                for attribute, value in values.items():
                    _add(sums, tid, attribute, value)
    return sums


def _frozen(sums: _Sums) -> FrozenMap[str, FrozenMap[str, Value]]:
    return FrozenMap({tid: FrozenMap(values) for tid, values in sums.items()})


# --- the checks made before anything is added up ----------------------------------------


def _problem(source: SourceReport | None, en: str, vi: str, value: object = None) -> Problem:
    return Problem(source.label if source is not None else "into", en, vi, value=value)


def _check(
    sources: list[SourceReport], into: ReportInfo, own: SourceReport | None, edition_id: str
) -> list[Problem]:
    problems: list[Problem] = []
    if into.level not in _FITS:
        problems.append(
            _problem(
                None,
                f"a consolidated report is filed by a province, a district or the nation,"
                f" not at level {into.level.value}",
                f"báo cáo tổng hợp do cấp tỉnh, cấp huyện hoặc toàn quốc lập, không phải"
                f" {into.level.label}",
                into.level,
            )
        )
    if not into.level.files_for(_end(into)):
        problems.append(_no_longer_filed(None, into))
    seen: dict[str, SourceReport] = {}
    for source in [*sources, *([own] if own is not None else [])]:
        problems += _check_source(source, into, edition_id, own=source is own)
        first = seen.setdefault(source.key, source)
        if first is not source:
            problems.append(
                _problem(
                    source,
                    f"unit {source.key!r} is also in {first.label}: a unit counts once",
                    f"đơn vị {source.key!r} đã có trong {first.label}: mỗi đơn vị chỉ tính một lần",
                    source.key,
                )
            )
    problems += _check_tiers([s for s in sources if not s.own])
    return problems


def _no_longer_filed(source: SourceReport | None, info: ReportInfo) -> Problem:
    """A report of a level that no longer files one for the period (a district after 2025)."""
    level, since = info.level, info.level.until
    return _problem(
        source,
        f"a {level.value} report on {info.period.value} {info.year}: local"
        f" government has had two tiers (provinces and communes, no districts) since"
        f" {since}, so {level.value} reports are only for periods that end before"
        " that day",
        f"báo cáo {level.label} kỳ {info.period.label(info.year)}: từ ngày"
        f" {since:%d/%m/%Y} chính quyền địa phương tổ chức hai cấp (cấp tỉnh và cấp xã),"
        f" không còn {level.label}; báo cáo {level.label} chỉ dùng cho kỳ báo cáo"
        " kết thúc trước ngày đó",
        level,
    )


def _check_source(
    source: SourceReport, into: ReportInfo, edition_id: str, *, own: bool
) -> list[Problem]:
    problems: list[Problem] = []
    info = source.report.info
    if source.report.edition != edition_id:
        problems.append(
            _problem(
                source,
                f"template edition {source.report.edition}, not {edition_id}",
                f"bộ biểu mẫu {source.report.edition}, không phải {edition_id}",
                source.report.edition,
            )
        )
    if info.period is not into.period or info.year != into.year:
        problems.append(
            _problem(
                source,
                f"period {info.period.value} {info.year}, not {into.period.value} {into.year}",
                f"kỳ báo cáo {info.period.label(info.year)}, không phải"
                f" {into.period.label(into.year)}",
                (info.period, info.year),
            )
        )
    if own and info.level is not into.level:
        problems.append(
            _problem(
                source,
                f"the consolidating unit's own report is at level {info.level.value},"
                f" not {into.level.value}",
                f"báo cáo riêng của đơn vị tổng hợp ở {info.level.label}, không phải"
                f" {into.level.label}",
                info.level,
            )
        )
    elif not own and into.level in _FITS and info.level not in _FITS[into.level]:
        problems.append(
            _problem(
                source,
                f"a report at level {info.level.value} cannot be consolidated into one at"
                f" level {into.level.value}",
                f"báo cáo {info.level.label} không tổng hợp vào báo cáo {into.level.label} được",
                info.level,
            )
        )
    elif not own and not info.level.files_for(_end(info)):
        problems.append(_no_longer_filed(source, info))
    for wanted, given, label_en, label_vi in (
        (into.province, info.province, "province", "tỉnh"),
        (into.district, info.district, "district", "huyện"),
    ):
        if wanted is not None and given is not None and wanted != given:
            problems.append(
                _problem(
                    source,
                    f"{label_en} {given!r}, not {wanted!r}",
                    f"{label_vi} {given!r}, không phải {wanted!r}",
                    given,
                )
            )
    return problems


def _check_tiers(units: list[SourceReport]) -> list[Problem]:
    """Units of two tiers of one hierarchy would be counted twice: refuse them."""
    by_level: dict[AdminLevel, list[SourceReport]] = {}
    for source in units:
        by_level.setdefault(source.report.info.level, []).append(source)
    clashes: list[tuple[AdminLevel, AdminLevel]] = []
    if AdminLevel.DISTRICT in by_level and AdminLevel.COMMUNE in by_level:
        clashes.append((AdminLevel.DISTRICT, AdminLevel.COMMUNE))
    if AdminLevel.PROVINCE in by_level:
        clashes += [(AdminLevel.PROVINCE, lv) for lv in by_level if lv is not AdminLevel.PROVINCE]
    problems: list[Problem] = []
    for upper, lower in clashes:
        names = ", ".join(s.label for s in by_level[lower][:_SHOWN])
        source = by_level[upper][0]
        problems.append(
            _problem(
                source,
                f"a {upper.value} report already covers its {lower.value}s: consolidate either"
                f" the {upper.value}s or the {lower.value}s, not both (here also {names})",
                f"báo cáo {upper.label} đã gồm số liệu {lower.label}: chỉ tổng hợp hoặc các"
                f" báo cáo {upper.label} hoặc các báo cáo {lower.label} (ở đây có cả {names})",
                lower,
            )
        )
    return problems


# --- the result -------------------------------------------------------------------------


@attrs.frozen(repr=False)
class Aggregation:
    """A consolidated report with the reports it was made of and where each value comes from.

    Made by :func:`aggregate` and :func:`combine`; immutable. Two results are equal when
    their consolidated reports, sources, own figures and sums are.

    Attributes:
        report: The consolidated report: rows that add up hold their sums; ratios are
            recomputed by :func:`~cchc_model.derive`; the unit's own rows hold its own
            figures (when given); rows not asked at its level are blank.
        sources: The reports consolidated, sorted by unit key.
        own: The consolidating unit's own figures, when given.
        validation: The consolidated report's validation, with the same rules.
    """

    report: Report
    sources: tuple[SourceReport, ...]
    own: SourceReport | None
    _sums: FrozenMap[str, FrozenMap[str, Value]] = attrs.field(alias="sums", repr=False)
    validation: ValidationResult = attrs.field(eq=False)
    _memo: dict[Any, Any] = attrs.field(init=False, factory=dict, eq=False)

    @property
    def units(self) -> tuple[str, ...]:
        """The keys of the units consolidated (own figures of partial results excluded)."""
        return tuple(s.key for s in self.sources if not s.own)

    def provenance(self, template_id: str, code: str) -> RowProvenance:
        """What each unit gave in row ``code`` of ``template_id``.

        Raises:
            CodeError: No such template or row, or the row is a heading.

        >>> from cchc_model import example
        >>> info = attrs.evolve(example().info, level=AdminLevel.PROVINCE, agency="UBND tỉnh")
        >>> row = aggregate([example()], into=info).provenance("PL4", "3.3.1")
        >>> row.value, row.values, row.blank
        (276, FrozenMap({'UBND xã Hương Sơn, Nam Đông, Thừa Thiên Huế': 276}), ())
        """
        column = self._column(template_id, code)
        row = column.row
        key = ("provenance", row.template, row.code)
        found: RowProvenance | None = self._memo.get(key)
        if found is None:
            mine = self.report.templates.get(row.template)
            own = self.own.report.templates.get(row.template) if self.own is not None else None
            found = self._memo[key] = column.provenance(
                value=None if mine is None else cells(mine)[column.attribute],
                own=None if own is None else cells(own)[column.attribute],
            )
        return found

    def _column(self, template_id: str, code: str) -> _Column:
        """Row ``code`` of ``template_id`` across the units.

        Raises:
            CodeError: No such template or row, or the row is a heading.
        """
        row = get_edition(self.report.edition).indicator(template_id, code)
        if row.attribute is None or row.consolidation is None or row.kind is None:
            raise CodeError(
                f"{row.template} {row.code} is a heading and holds no value",
                f"{row.template} {row.code} là tiêu đề nhóm, không có số liệu",
                template=row.template,
                code=row.code,
            )
        return self._columns(row.template)[row.code]

    def _columns(self, tid: str, *, units_only: bool = False) -> Mapping[str, _Column]:
        """Every value row of template ``tid`` across the sources, by code (kept).

        ``units_only``: without the own figures of partial results (a province's, in the
        national report), which are not among the units a total is of.
        """
        sources = self.sources
        key = ("columns", tid)
        if units_only and any(source.own for source in sources):
            sources = tuple(source for source in sources if not source.own)
            key = ("unit columns", tid)
        found: dict[str, _Column] | None = self._memo.get(key)
        if found is None:
            spec = get_edition(self.report.edition).template(tid).spec
            found = self._memo[key] = _read(sources, [spec], _end(self.report.info))[tid]
        return found

    def provenances(self) -> Iterator[RowProvenance]:
        """The provenance of every value-holding row of the consolidated templates."""
        for tpl in self.report.templates.values():
            for row in tpl.spec.value_indicators:
                yield self.provenance(row.template, row.code)

    @property
    def notes(self) -> tuple[AggregationNote, ...]:
        """What could not be done: sums that miss units, rows not consolidated, rules broken.

        Sums that miss units come first (rows left blank by the same units share a
        note), then the other rows in form order, then the rules the consolidated
        report breaks.

        Worked out when first asked for (it reads every unit's every row).
        """
        found: tuple[AggregationNote, ...] | None = self._memo.get("notes")
        if found is None:
            found = self._memo["notes"] = tuple(self._notes())
        return found

    def _rows(self) -> Iterator[tuple[_Column, Value | None]]:
        """Every value row of the consolidated templates across the units, with its value."""
        for tid, tpl in self.report.templates.items():
            state = cells(tpl)
            for column in self._columns(tid).values():
                yield column, state[column.attribute]

    def _notes(self) -> Iterator[AggregationNote]:
        # read from the columns the provenance is read from, without building it
        rows = list(self._rows())
        partial: dict[tuple[str, tuple[str, ...], int, int], list[str]] = {}
        for column, _ in rows:
            row = column.row
            if row.consolidation is Consolidation.SUM and column.blank and column.given:
                # rows left blank by the same units (a template not filed) share one note
                key = (row.template, column.blank, column.given, len(column.keys))
                partial.setdefault(key, []).append(row.code)
        for (tid, blank, given, asked), codes in partial.items():
            yield AggregationNote("partial", tid, tuple(codes), blank, given, asked)
        for column, value in rows:
            yield from _row_notes(column, value)
        for finding in self.validation.findings:
            if finding.severity is Severity.INFO or finding.template is None:
                continue  # a consolidated report's level is checked before it is made
            keys = [f"{finding.template}:{c}" for c in finding.codes] + list(finding.other_codes)
            yield AggregationNote(
                "finding",
                finding.template,
                finding.codes,
                units=self._partly_filled(keys),
                rule=finding.rule,
                severity=finding.severity,
            )

    def _partly_filled(self, keys: list[str]) -> tuple[str, ...]:
        """The units that filled some of the rows ``keys`` asked of them, but not all."""
        filled: list[set[str]] = []
        asked: list[set[str]] = []
        for key in keys:
            tid, _, code = key.partition(":")
            column = self._column(tid, code)
            if column.row.consolidation is not Consolidation.SUM:
                continue
            asked.append(set(column.keys))
            filled.append(asked[-1].difference(column.blank))
        if len(filled) < 2:  # noqa: PLR2004  # a rule over one row cannot be partly filled
            return ()
        every = functools.reduce(operator.and_, asked)
        some = functools.reduce(operator.or_, filled) & every
        partly = some - functools.reduce(operator.and_, filled)
        return tuple(sorted(partly))

    def to_data(self, lang: Lang = "vi", *, provenance: bool = False) -> dict[str, Any]:
        """The result as plain JSON-ready data: the units, the notes, the findings.

        Args:
            lang: The language of the messages.
            provenance: Also list every row's provenance (large for many units).
        """
        from .._io.interchange import report_to_data  # noqa: PLC0415  # cattrs is slow to import

        data: dict[str, Any] = {
            "report": report_to_data(self.report)["report"],
            "valid": self.validation.valid,
            "sources": [
                {
                    "unit": s.key,
                    "file": s.name,
                    "agency": s.report.info.agency,
                    "level": s.report.info.level.value,
                    "own": s.own,
                }
                for s in self.sources
            ],
            "own": self.own.key if self.own is not None else None,
            "findings": [f.to_data(lang) for f in self.validation.findings],
            "notes": [note.to_data(lang) for note in self.notes],
        }
        if provenance:
            data["provenance"] = [p.to_data() for p in self.provenances()]
        return data

    def __repr__(self) -> str:
        info = self.report.info
        count = len(self.units)
        return (
            f"<Aggregation of {count} unit{'' if count == 1 else 's'} into {info.agency!r}"
            f" ({info.level.value}, {info.period.value} {info.year})>"
        )


def _row_notes(column: _Column, value: Value | None) -> Iterator[AggregationNote]:
    """The notes on one row but a partial sum's: not consolidated, or values ignored."""
    row = column.row
    how = row.consolidation
    if how is not Consolidation.SUM and value is None and column.given:
        given = column.values()
        low, high = _range(given) or (None, None)
        kind: NoteKind = (
            "ratio" if how is Consolidation.RATIO else "own" if how is Consolidation.OWN else "none"
        )
        coded = row.kind is Kind.CODE
        yield AggregationNote(
            kind,
            row.template,
            (row.code,),
            given=column.given,
            asked=len(column.keys),
            low=None if coded else low,
            high=None if coded else high,
            distribution=_distribution(given) if coded else None,
        )
    if column.ignored:
        ignored = column.ignored
        yield AggregationNote("ignored", row.template, (row.code,), ignored, len(ignored))


# --- the public functions ---------------------------------------------------------------


def _sources(reports: object) -> list[SourceReport]:
    return [
        SourceReport(report.info.unit_key, report, name) for name, report in named_reports(reports)
    ]


def _target(into: ReportInfo | None, own: Report | None) -> ReportInfo:
    if own is not None and not isinstance(own, Report):
        raise ValueTypeError(
            template=None, code=None, attribute="own", expected="a Report or None", value=own
        )
    if into is None:
        if own is None:
            raise ValueTypeError(
                template=None,
                code=None,
                attribute="into",
                expected="the consolidated report's ReportInfo (or an own report)",
                value=into,
            )
        return own.info
    if not isinstance(into, ReportInfo):
        raise ValueTypeError(
            template=None, code=None, attribute="into", expected="a ReportInfo", value=into
        )
    return into


def _edition_of(sources: list[SourceReport], own: Report | None, into: ReportInfo) -> str:
    if sources:
        return sources[0].report.edition
    if own is not None:
        return own.edition
    return get_edition(period=into.period, year=into.year).id


def _beyond_bounds(cls: type[Template], values: Mapping[str, Value]) -> list[Problem]:
    """A problem for each sum beyond the bound of a report (no report could hold it)."""
    problems = []
    for attribute, value in values.items():
        if not within_bounds(value):
            code = cls.spec.by_attribute(attribute).code
            problems.append(
                Problem(
                    f"{cls.spec.id} {code}",
                    f"the sum {value} is beyond the bound of a report ({BOUND_WORDS[0]})",
                    f"tổng {value} vượt quá giới hạn của một báo cáo ({BOUND_WORDS[1]})",
                    value=value,
                    template=cls.spec.id,
                    code=code,
                )
            )
    return problems


def _consolidate(
    sources: list[SourceReport],
    *,
    sums: _Sums,
    table: _Table | None = None,
    into: ReportInfo,
    own: SourceReport | None,
    ed: Edition,
    rules: RuleSet,
) -> Aggregation:
    """Assemble the consolidated report from the sums and the own figures, then derive it.

    ``table``: the sources' rows as read to add them up, when they were (kept for the
    provenance and the notes, which read them again otherwise).
    """
    if own is not None:
        own_sums = _add_up(_read([own], _specs(ed), _end(into)), into)
        total = _merged([sums, own_sums])
    else:
        total = sums
    own_templates: Mapping[str, Template] = own.report.templates if own is not None else {}
    carried = {tid for source in sources for tid in source.report.templates}
    carried.update(own_templates)
    layouts = _layouts(ed.id, into.level, _end(into))
    templates: list[Template] = []
    beyond: list[Problem] = []
    for cls in ed.classes:
        tid = cls.spec.id
        if tid not in carried:
            continue
        layout = layouts[tid]
        summed = total.get(tid, {})
        values: dict[str, Value] = {a: summed[a] for a in layout.summed if a in summed}
        mine = own_templates.get(tid)
        if mine is not None:
            state = cells(mine)
            values.update((a, state[a]) for a in layout.own if state[a] is not None)
        beyond.extend(_beyond_bounds(cls, values))
        templates.append(
            build_checked(cls, values, mine.notes if mine is not None else FrozenMap())
        )
    if beyond:
        raise ConsolidationError(beyond)
    report = _why_blank(derive(Report(info=into, templates=templates, edition=ed.id), rules=rules))
    result = Aggregation(
        report=report,
        sources=tuple(sources),
        own=own,
        sums=_frozen(sums),
        validation=validate(report, rules=rules),
    )
    if table is not None:
        result._memo.update(  # noqa: SLF001  # the same module, before anyone reads it
            {("columns", tid): columns for tid, columns in table.items()}
        )
    noted = _why_partial(result)
    if noted is report:
        return result
    # the notes change no value: the validation and the provenance read so far still hold
    final = Aggregation(
        report=noted,
        sources=result.sources,
        own=own,
        sums=result._sums,  # noqa: SLF001  # the same class
        validation=result.validation,
    )
    final._memo.update(result._memo)  # noqa: SLF001  # the same class
    return final


BLANK_NOTES: Final[Mapping[str, str]] = {
    "level": "Chỉ tiêu không áp dụng đối với {level}",
    "until": "Chỉ tiêu không áp dụng đối với kỳ báo cáo bắt đầu từ ngày {until} (chính quyền"
    " địa phương hai cấp, không còn cấp huyện)",
    "own": "Cần số liệu của chính đơn vị tổng hợp (không cộng từ báo cáo của các đơn vị)",
    "none": "Không tổng hợp từ báo cáo của các đơn vị (tỷ lệ mà biểu không có các chỉ tiêu"
    " thành phần; không lấy trung bình)",
    "ratio": "Không tính lại được từ số liệu tổng hợp (các chỉ tiêu thành phần để trống hoặc"
    " mẫu số bằng 0)",
}
"""The *Ghi chú* of a row a consolidated report leaves blank on purpose, by reason."""


def _why_blank(report: Report) -> Report:
    """``report`` with a note on each row it leaves blank on purpose, saying why.

    A row not asked at the report's level or in its period (about districts, in a
    period that starts on or after 1 July 2025), a row that needs the consolidating unit's
    own figure, a rate that cannot be consolidated and a ratio that cannot be
    recomputed are blank for a reason, which a reader of any render would otherwise
    take for "no data". A note the consolidating unit filed itself is kept.
    """
    level = report.info.level
    end = _end(report.info)
    changed: list[Template] = []
    for tpl in report.templates.values():
        state = cells(tpl)
        notes = dict(tpl.notes)
        for row in tpl.spec.value_indicators:
            if row.attribute is None or state[row.attribute] is not None or row.code in notes:
                continue
            if row.applies_to(level) and not row.applies_to(level, end) and row.until:
                notes[row.code] = BLANK_NOTES["until"].format(until=f"{row.until:%d/%m/%Y}")
            elif not row.applies_to(level, end):
                notes[row.code] = BLANK_NOTES["level"].format(level=level.label)
            elif row.consolidation not in (None, Consolidation.SUM):
                notes[row.code] = BLANK_NOTES[row.consolidation.value]
        if len(notes) != len(tpl.notes):
            changed.append(attrs.evolve(tpl, notes=notes))
    return report.with_templates(*changed) if changed else report


PARTIAL_NOTE: Final = "Tổng của {given}/{asked} đơn vị; để trống: {units}"
"""The *Ghi chú* of a total that some of the units asked for the row left blank."""


def _why_partial(result: Aggregation) -> Report:
    """The consolidated report with a note on each total that misses units, saying so.

    A sum of the units that gave the row read as a complete total is the other side
    of a blank read as "no data": the note counts the units and names the first few
    that left it blank (``Tổng của 2/3 đơn vị; để trống: UBND xã X1``), bounded
    whatever the number of units. A note the consolidating unit filed comes first.
    """
    report = result.report
    changed: list[Template] = []
    for tid, tpl in report.templates.items():
        state = cells(tpl)
        notes = dict(tpl.notes)
        # a consolidating unit's own figures (a province's, in the national report) are
        # not one of the units the total is of
        for column in result._columns(tid, units_only=True).values():  # noqa: SLF001  # ours
            row = column.row
            if (
                row.consolidation is not Consolidation.SUM
                or state[column.attribute] is None
                or not column.blank
            ):
                continue
            note = PARTIAL_NOTE.format(
                given=_count(column.given, vi=True),
                asked=_count(len(column.keys), vi=True),
                units=_names(column.blank, vi=True),
            )
            mine = notes.get(row.code)
            if mine:
                note = f"{mine}; {note}"
            if len(note) <= MAX_TEXT_CHARS:
                notes[row.code] = note
        if notes != dict(tpl.notes):
            changed.append(attrs.evolve(tpl, notes=notes))
    return report.with_templates(*changed) if changed else report


def aggregate(
    reports: Iterable[Report] | Mapping[str, Report],
    *,
    into: ReportInfo | None = None,
    own: Report | None = None,
    rules: RuleSet | Iterable[Rule] | None = None,
) -> Aggregation:
    """Consolidate the units' ``reports`` into one report, as the catalog says row by row.

    Rows that add up (``SUM``) hold the sum of what the units gave, plus the
    consolidating unit's own figure; a unit that left such a row blank is left out of it
    (and said so in :attr:`Aggregation.notes`). Ratios (``RATIO``) are recomputed from
    the consolidated parts by their ``derive`` rule. The unit's own rows (``OWN``) and
    the rows that cannot be consolidated (``NONE``) hold ``own``'s figures, or stay
    blank; what the units gave there is kept as provenance. Rows not asked of a unit's
    level are not added, nor rows not asked at the consolidated report's level, nor rows
    not asked in its period (those about districts, after 1 July 2025): a note says why
    each is blank.

    Levels: communes into a province (or into a district, before 1 July 2025),
    districts and departments into a province, provinces into the national report. The
    national report is a province-level report (``into.level`` is
    :attr:`~cchc_model.AdminLevel.PROVINCE`: every row of the templates is asked of
    provinces) with the ministry as agency and no province.

    Args:
        reports: The units' reports, or a mapping of file name to report (errors then
            name the files).
        into: The consolidated report's metadata (agency, level, period, year…);
            default: ``own``'s.
        own: The consolidating unit's own figures (its own activity, its procedures,
            its survey…), a report at ``into``'s level; never a previous consolidation.
        rules: The rules used to derive and validate (default: the built-in rules).

    Raises:
        ConsolidationError: The reports cannot be consolidated together (another period
            or edition, a unit twice, a level that does not fit, communes together with
            their districts…); every problem is listed, naming the files.
        ValueTypeError: An argument is not what it should be.

    >>> from cchc_model import example
    >>> info = attrs.evolve(example().info, level=AdminLevel.PROVINCE, agency="UBND tỉnh")
    >>> result = aggregate({"huong-son.json": example()}, into=info)
    >>> result.report.pl8.received_dossiers, result.report.pl8.online_dossiers_rate
    (281, Decimal('70.11'))
    >>> result.report.pl4.procedures_total is None  # the province's own catalogue
    True
    >>> print(result.notes[0].message("en"))
    PL2 7: the consolidating unit's own figure is needed and was not given; 1 unit gave a value
    (codes 1: 1)
    """
    target = _target(into, own)
    with paused():  # many sources, read in bulk (see _model/collector.py)
        sources = _sources(reports)
        own_source = (
            SourceReport(own.info.unit_key, own, None, own=True) if own is not None else None
        )
        ed = get_edition(_edition_of(sources, own, target))
        problems = _check(sources, target, own_source, ed.id)
        if problems:
            raise ConsolidationError(problems)
        ruleset = as_ruleset(rules, ed.id)
        prepare = _preparer(ruleset, ed, _end(target))
        prepared = sorted(map(prepare, sources), key=_sort_key)
        if own_source is not None:
            own_source = _own_totals(prepare(own_source), ruleset, ed, _end(target))
        table = _read(prepared, _specs(ed), _end(target))
        return _consolidate(
            prepared,
            sums=_add_up(table, target),
            table=table,
            into=target,
            own=own_source,
            ed=ed,
            rules=ruleset,
        )


def _parts(parts: object) -> list[Aggregation]:
    items: list[Aggregation] = []
    if isinstance(parts, Iterable) and not isinstance(parts, (str, bytes)):
        for part in parts:
            if not isinstance(part, Aggregation):
                break
            items.append(part)
        else:
            return items
    raise ValueTypeError(
        template=None,
        code=None,
        attribute="parts",
        expected="an iterable of results of aggregate() or combine()",
        value=parts,
    )


def combine(
    parts: Iterable[Aggregation],
    *,
    into: ReportInfo | None = None,
    own: Report | None = None,
    rules: RuleSet | Iterable[Rule] | None = None,
) -> Aggregation:
    """Merge partial results into one, as if their units had been consolidated together.

    ``combine([aggregate(a, into=i), aggregate(b, into=i)], into=i)`` equals
    ``aggregate(a + b, into=i)``: sums are added, sources merged in key order, ratios
    recomputed. A part's own figures (a province's, when provinces are combined into
    the national report) become a source of the result and are added to its sums.

    Args:
        parts: The partial results (of :func:`aggregate` or :func:`combine`).
        into: The result's metadata; default: ``own``'s.
        own: The consolidating unit's own figures, as in :func:`aggregate`.
        rules: The rules used to derive and validate (default: the built-in rules).

    Raises:
        ConsolidationError: The parts cannot be consolidated together; every problem is
            listed, naming the files.
        ValueTypeError: An argument is not what it should be.

    >>> from cchc_model import example
    >>> info = attrs.evolve(example().info, level=AdminLevel.PROVINCE, agency="UBND tỉnh")
    >>> part = aggregate({"huong-son.json": example()}, into=info)
    >>> combine([part], into=info) == part
    True
    """
    target = _target(into, own)
    items = _parts(parts)
    sources = [s for part in items for s in part.sources]
    sources += [part.own for part in items if part.own is not None]
    own_source = SourceReport(own.info.unit_key, own, None, own=True) if own is not None else None
    ed = get_edition(_edition_of(sources, own, target))
    problems = _check(sources, target, own_source, ed.id)
    if problems:
        raise ConsolidationError(problems)
    ruleset = as_ruleset(rules, ed.id)
    sources.sort(key=_sort_key)
    if own_source is not None:
        prepare = _preparer(ruleset, ed, _end(target))
        own_source = _own_totals(prepare(own_source), ruleset, ed, _end(target))
    part_owns = [part.own for part in items if part.own is not None]
    sums = _merged(
        [
            *(part._sums for part in items),  # noqa: SLF001  # the same class
            _add_up(_read(part_owns, _specs(ed), _end(target)), target),
        ]
    )
    return _consolidate(sources, sums=sums, into=target, own=own_source, ed=ed, rules=ruleset)


publish(globals())  # cchc_model.Name, not this module: see _model/public.py
