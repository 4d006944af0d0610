"""Comparison: two reports row by row, with the change in each row.

:func:`compare` puts two periods of one unit side by side (6 months of 2023 and of
2024), or two units of one period (two communes, or a commune and its province), or
two versions of one report (as filed and as corrected). Each row gives both values and
the change: the difference in the row's unit (for a percentage, in percentage points)
and, for counts and money, the relative change.

Two periods of one year also check the rows the templates mark *lũy kế* (cumulative:
PL2 2, PL6 3, PL7 2.x): such a row counts from the start of the year, so it does not
fall from an earlier period to a later one; a fall is one of the comparison's
:attr:`~Comparison.findings`.

>>> from cchc_model import example
>>> before = example()
>>> after = before.with_templates(before.pl4.replace({"3.3.1": 300, "3.3.2": 290}))
>>> comparison = compare(before, after)
>>> comparison.basis
'versions'
>>> row = comparison.row("PL4", "3.3.1")
>>> row.before, row.after, row.difference, row.relative, row.change.value
(276, 300, 24, Decimal('8.70'), 'up')
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final, Literal

import attrs

from .._model.catalog import edition as get_edition
from .._model.errors import CodeError, ComparisonError, Lang, ValueTypeError
from .._model.public import publish
from .._model.report import Report, ReportInfo
from .._model.template import Indicator, Template, TemplateSpec, Value, cells
from .._model.units import Kind
from .._rules.interval import round_half_up
from .._rules.rulesets import Severity

__all__ = ["Change", "ComparedRow", "Comparison", "ComparisonFinding", "compare"]

Basis = Literal["periods", "units", "versions"]

_RELATIVE_DECIMALS: Final = 2


class Change(enum.Enum):
    """What happened to a row between the two reports."""

    SAME = "same"
    """Both reports give the same value (``100`` and ``100.00`` are the same)."""
    UP = "up"
    """A number went up."""
    DOWN = "down"
    """A number went down."""
    CHANGED = "changed"
    """A code changed (codes have no order)."""
    ADDED = "added"
    """Blank before, filled after."""
    REMOVED = "removed"
    """Filled before, blank after."""
    BLANK = "blank"
    """Blank in both (listed only when asked for)."""


@attrs.frozen
class ComparedRow:
    """One row of two reports side by side.

    Attributes:
        template: The template id.
        code: The row's code.
        title: The row's official title.
        unit: The *Đơn vị tính* cell (unit label or code list).
        kind: The kind of value.
        before: The first report's value (``None``: blank or template not filed).
        after: The second report's value.
        change: What happened.
        difference: ``after - before`` in the row's unit (for a percentage: in
            percentage points), exact; ``None`` for codes and when a side is blank.
        relative: For counts and money, the difference in per cent of ``before``,
            rounded half-up to 2 decimals; ``None`` when ``before`` is 0 or blank.
    """

    template: str
    code: str
    title: str
    unit: str | None
    kind: Kind
    before: Value | None
    after: Value | None
    change: Change
    difference: Value | None
    relative: Decimal | None

    @property
    def points(self) -> Decimal | None:
        """For a percentage row, the difference in percentage points (else ``None``)."""
        if self.kind is Kind.PERCENT and isinstance(self.difference, Decimal):
            return self.difference
        return None

    def to_data(self) -> dict[str, Any]:
        """The row as JSON-ready data (decimals as strings, exactly)."""
        return {
            "template": self.template,
            "code": self.code,
            "title": self.title,
            "unit": self.unit,
            "kind": self.kind.value,
            "before": _plain(self.before),
            "after": _plain(self.after),
            "change": self.change.value,
            "difference": _plain(self.difference),
            "relative": _plain(self.relative),
        }


def _plain(value: Value | None) -> int | str | None:
    if value is None:
        return None
    return str(value) if isinstance(value, Decimal) else int(value)


_CUMULATIVE: Final = re.compile(r"l(?:ũy|uỹ) kế", re.IGNORECASE)


def _is_cumulative(spec: TemplateSpec, code: str) -> bool:
    """Whether the row, or a group heading above it, is marked *lũy kế* by the template.

    A mark in the title of a row that holds a value is about that row alone: the parts
    of PL2 2 (*Tỷ lệ hoàn thành … (Lũy kế …)*) are not marked by it.
    """
    row = spec.indicator(code)
    if _CUMULATIVE.search(row.title):
        return True
    parent = row.parent
    while parent is not None:
        above = spec.indicator(parent)
        if _CUMULATIVE.search(above.title):
            return above.is_heading
        parent = above.parent
    return False


@functools.cache
def cumulative_rows(edition_id: str) -> frozenset[tuple[str, str]]:
    """The rows the templates mark *lũy kế* (in their title or their heading's).

    >>> sorted(cumulative_rows("2024"))[:3]
    [('PL2', '2'), ('PL6', '3'), ('PL7', '2.1')]
    """
    return frozenset(
        (cls.spec.id, row.code)
        for cls in get_edition(edition_id).classes
        for row in cls.spec.value_indicators
        if _is_cumulative(cls.spec, row.code)
    )


@attrs.frozen
class ComparisonFinding:
    """A row marked *lũy kế* that fell from an earlier period of a year to a later one.

    Such a row counts from the start of the year (or up to the reporting date), so the
    later report gives at least the earlier one's value; a fall means one of the two
    reports is wrong, or the plan behind a rate grew (a warning to check).

    Attributes:
        rule: ``"compare.cumulative"``.
        severity: :attr:`~cchc_model.Severity.WARNING`.
        template: The template id.
        codes: The row's code (one).
        title: The row's title.
        earlier: The value of the earlier period.
        later: The value of the later period.
        periods: The two periods, as titles write them (earlier, later).
    """

    template: str
    codes: tuple[str, ...]
    title: str
    earlier: Value
    later: Value
    periods: tuple[str, str]
    rule: str = "compare.cumulative"
    severity: Severity = Severity.WARNING

    def message(self, lang: Lang = "vi") -> str:
        """The finding in words."""
        code = self.codes[0]
        earlier, later = (
            _shown(v, Kind.COUNT if isinstance(v, int) else Kind.MONEY, lang)
            for v in (self.earlier, self.later)
        )
        if lang == "vi":
            return (
                f"{self.template} {code} “{self.title}” là số lũy kế nhưng giảm từ {earlier}"
                f" ({self.periods[0]}) xuống {later} ({self.periods[1]}); đề nghị kiểm tra"
                " số liệu của hai kỳ"
            )
        return (
            f"{self.template} {code} “{self.title}” is cumulative (lũy kế) but fell from"
            f" {earlier} ({self.periods[0]}) to {later} ({self.periods[1]}); check the"
            " figures of both periods"
        )

    def to_data(self, lang: Lang = "vi") -> dict[str, Any]:
        """The finding as JSON-ready data."""
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "template": self.template,
            "codes": list(self.codes),
            "earlier": _plain(self.earlier),
            "later": _plain(self.later),
            "message": self.message(lang),
        }


@attrs.frozen
class Comparison:
    """Two reports compared row by row (see :func:`compare`).

    Attributes:
        basis: ``"periods"`` (one unit, two periods), ``"units"`` (one period, two
            units) or ``"versions"`` (one unit and period: two versions of a report).
        before: The first report's metadata.
        after: The second report's metadata.
        rows: The rows compared, in form order.
        findings: For two periods of one year, the rows marked *lũy kế* that fell from
            the earlier period to the later one.
    """

    basis: Basis
    before: ReportInfo
    after: ReportInfo
    rows: tuple[ComparedRow, ...]
    findings: tuple[ComparisonFinding, ...] = ()

    def __iter__(self) -> Iterator[ComparedRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def row(self, template_id: str, code: str) -> ComparedRow:
        """The compared row ``code`` of ``template_id``.

        Raises:
            CodeError: The row is not in the comparison (unknown, or blank on both sides).
        """
        tid = template_id.strip().upper()
        for row in self.rows:
            if row.template == tid and row.code == code:
                return row
        raise CodeError(
            f"{tid} {code} is not in the comparison",
            f"{tid} {code} không có trong bảng so sánh",
            template=tid,
            code=code,
        )

    def changed(self) -> tuple[ComparedRow, ...]:
        """The rows whose value is not the same in both reports."""
        return tuple(r for r in self.rows if r.change not in (Change.SAME, Change.BLANK))

    def heading(self, lang: Lang = "vi") -> str:
        """A line saying what is compared with what."""
        b, a = self.before, self.after
        if self.basis == "periods":
            what = b.agency
            sides = (b.period.label(b.year), a.period.label(a.year))
        elif self.basis == "units":
            what = b.period.label(b.year)
            sides = (b.agency, a.agency)
        else:
            what = f"{b.agency}, {b.period.label(b.year)}"
            sides = (b.number or "1", a.number or "2")
        label = _BASIS[self.basis][lang]
        return f"{label}: {what}: {sides[0]} → {sides[1]}"

    def format(self, lang: Lang = "vi") -> str:
        """The comparison as text: a heading, then one line per row.

        >>> from cchc_model import example
        >>> before = example()
        >>> after = before.with_templates(before.pl4.replace({"3.3": 98, "3.3.2": 270}))
        >>> print(compare(before, after).format("en"))
        Versions: UBND xã Hương Sơn, 6 tháng đầu năm 2024: 341/BC-UBND → 341/BC-UBND
        PL4 3.3  Tỷ lệ hồ sơ TTHC do UBND cấp xã tiếp nhận được giải quyết đúng hạn (%): 100 → 98
          (-2 points)
        PL4 3.3.2  Số hồ sơ TTHC giải quyết đúng hạn (Hồ sơ): 276 → 270 (-6, -2.17%)
        (59 rows unchanged)
        """
        lines = [self.heading(lang)]
        lines += [_line(row, lang) for row in self.rows if row.change is not Change.SAME]
        same = sum(1 for row in self.rows if row.change is Change.SAME)
        if same:
            lines.append(
                f"({same} chỉ tiêu không đổi)" if lang == "vi" else f"({same} rows unchanged)"
            )
        for finding in self.findings:
            lines.append(f"{finding.severity.label(lang)}: {finding.message(lang)}")
        return "\n".join(lines)

    def to_data(self, lang: Lang = "vi") -> dict[str, Any]:
        """The comparison as JSON-ready data (what ``cchc compare --format json`` prints)."""

        def side(info: ReportInfo) -> dict[str, Any]:
            return {
                "unit": info.unit_key,
                "agency": info.agency,
                "level": info.level.value,
                "period": info.period.value,
                "year": info.year,
                "number": info.number,
            }

        return {
            "basis": self.basis,
            "heading": self.heading(lang),
            "before": side(self.before),
            "after": side(self.after),
            "rows": [row.to_data() for row in self.rows],
            "findings": [finding.to_data(lang) for finding in self.findings],
        }


_BASIS: Final = {
    "periods": {"vi": "So sánh hai kỳ", "en": "Periods"},
    "units": {"vi": "So sánh hai đơn vị", "en": "Units"},
    "versions": {"vi": "So sánh hai phiên bản", "en": "Versions"},
}


def _shown(value: Value | None, kind: Kind, lang: Lang) -> str:
    if value is None:
        return "(trống)" if lang == "vi" else "(blank)"
    if lang == "en" or kind is Kind.CODE:
        return str(int(value)) if kind is Kind.CODE else str(value)
    from ..vi import format_number  # noqa: PLC0415  # vi is heavy; text is made rarely

    return format_number(value)


def _signed(value: Value, lang: Lang) -> str:
    size: Value = -value if value < 0 else value
    text = _shown(size, Kind.COUNT if isinstance(value, int) else Kind.MONEY, lang)
    return f"{'-' if value < 0 else '+'}{text}"


def _line(row: ComparedRow, lang: Lang) -> str:
    unit = f" ({row.unit})" if row.unit else ""
    text = (
        f"{row.template} {row.code}  {row.title}{unit}: "
        f"{_shown(row.before, row.kind, lang)} → {_shown(row.after, row.kind, lang)}"
    )
    if row.difference is None:
        return text
    if row.kind is Kind.PERCENT:
        extra = _signed(row.difference, lang) + (" điểm %" if lang == "vi" else " points")
    else:
        extra = _signed(row.difference, lang)
        if row.relative is not None:
            extra += f", {_signed(row.relative, lang)}%"
    return f"{text} ({extra})"


def _compare_row(row: Indicator, kind: Kind, b: Value | None, a: Value | None) -> ComparedRow:
    difference: Value | None = None
    relative: Decimal | None = None
    if b is None and a is None:
        change = Change.BLANK
    elif b is None:
        change = Change.ADDED
    elif a is None:
        change = Change.REMOVED
    elif kind is Kind.CODE:
        change = Change.SAME if int(a) == int(b) else Change.CHANGED
    else:
        difference = a - b
        change = Change.SAME if difference == 0 else Change.UP if difference > 0 else Change.DOWN
        if kind is not Kind.PERCENT and b != 0:
            relative = round_half_up(Fraction(difference) * 100 / Fraction(b), _RELATIVE_DECIMALS)
    return ComparedRow(
        row.template, row.code, row.title, row.unit_text, kind, b, a, change, difference, relative
    )


def _basis(before: Report, after: Report) -> Basis:
    b, a = before.info, after.info
    described = (
        f"{b.agency} ({b.period.label(b.year)})",
        f"{a.agency} ({a.period.label(a.year)})",
    )
    if before.edition != after.edition:
        raise ComparisonError(
            f"the reports are of template editions {before.edition} and {after.edition}",
            f"hai báo cáo thuộc hai bộ biểu mẫu {before.edition} và {after.edition}",
            before=described[0],
            after=described[1],
        )
    same_unit = b.unit_key == a.unit_key
    same_period = b.period is a.period and b.year == a.year
    if same_unit:
        basis: Basis = "versions" if same_period else "periods"
    elif same_period:
        basis = "units"
    else:
        raise ComparisonError(
            f"{described[0]} and {described[1]} differ in unit and in period: compare two"
            " periods of one unit, or two units of one period",
            f"{described[0]} và {described[1]} khác cả đơn vị lẫn kỳ báo cáo: chỉ so sánh hai"
            " kỳ của một đơn vị, hoặc hai đơn vị trong một kỳ",
            before=described[0],
            after=described[1],
        )
    return basis


def compare(before: Report, after: Report, *, blanks: bool = False) -> Comparison:
    """Compare two reports row by row: both values and the change in each row.

    The reports are two periods of one unit, two units of one period, or two versions
    of one report (the :attr:`Comparison.basis` says which); units are told apart by
    their ``unit_code``, else by agency, district and province.

    Args:
        before: The earlier period, the first unit, or the first version.
        after: The other one.
        blanks: Also list the rows blank in both reports.

    Raises:
        ComparisonError: The reports are of different units *and* periods, or of
            different template editions.
        ValueTypeError: An argument is not a :class:`~cchc_model.Report`.

    >>> import attrs
    >>> from cchc_model import Period, example
    >>> last_year = attrs.evolve(example(), info=attrs.evolve(example().info, year=2023))
    >>> comparison = compare(last_year, example())
    >>> comparison.basis, len(comparison.changed())
    ('periods', 0)
    """
    for name, report in (("before", before), ("after", after)):
        if not isinstance(report, Report):
            raise ValueTypeError(
                template=None, code=None, attribute=name, expected="a Report", value=report
            )
    basis = _basis(before, after)
    rows: list[ComparedRow] = []
    for cls in get_edition(before.edition).classes:
        tid = cls.spec.id
        first: Template | None = before.templates.get(tid)
        second: Template | None = after.templates.get(tid)
        if first is None and second is None:
            continue
        for row in cls.spec.value_indicators:
            attribute, kind = row.attribute, row.kind
            if attribute is None or kind is None:  # pragma: no cover  # value rows have both
                continue
            old = None if first is None else cells(first)[attribute]
            new = None if second is None else cells(second)[attribute]
            if old is None and new is None and not blanks:
                continue
            rows.append(_compare_row(row, kind, old, new))
    return Comparison(basis, before.info, after.info, tuple(rows), _falls(before, after, rows))


def _falls(before: Report, after: Report, rows: list[ComparedRow]) -> tuple[ComparisonFinding, ...]:
    """The rows marked *lũy kế* that fell, for two different periods of one year."""
    b, a = before.info, after.info
    if b.year != a.year or b.period is a.period or b.unit_key != a.unit_key:
        return ()
    earlier_first = b.period.window(b.year)[1] <= a.period.window(a.year)[1]
    marked = cumulative_rows(before.edition)
    labels = (b.period.label(b.year), a.period.label(a.year))
    out: list[ComparisonFinding] = []
    for row in rows:
        if (row.template, row.code) not in marked or row.before is None or row.after is None:
            continue
        if row.kind is Kind.CODE:  # pragma: no cover  # no coded row is marked lũy kế
            continue
        earlier, later = (row.before, row.after) if earlier_first else (row.after, row.before)
        if later < earlier:
            out.append(
                ComparisonFinding(
                    row.template,
                    (row.code,),
                    row.title,
                    earlier,
                    later,
                    labels if earlier_first else (labels[1], labels[0]),
                )
            )
    return tuple(out)


publish(globals())  # cchc_model.Name, not this module: see _model/public.py
