"""The machinery of the appendix templates: indicators, the field factories, the base class.

A template module (``templates/_pl2.py`` …) declares its class once: each typed
attribute is made by a field factory (:func:`count`, :func:`percent`, :func:`money`,
:func:`coded`) that carries the row's official code, title, unit, emphasis, levels and
note; group headings that hold no value are :func:`heading` class variables. The
:func:`template` decorator then reads the class and builds its :class:`TemplateSpec`,
the catalog entry of that template. Nothing about a row is written anywhere else.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any, ClassVar, Final, Self, TypeVar

import attrs

from .errors import CodeError, ValueTypeError, short_repr
from .frozen import FrozenMap
from .period import When, days
from .public import publish
from .units import ALL_LEVELS, AdminLevel, Code, Consolidation, Kind, Unit

__all__ = [
    "BOUND_WORDS",
    "MAX_DECIMALS",
    "MAX_DECIMAL_CHARS",
    "MAX_INTEGER_DIGITS",
    "MAX_TEXT_CHARS",
    "Emphasis",
    "Indicator",
    "Note",
    "Template",
    "TemplateSpec",
    "Value",
    "build_checked",
    "build_unchecked",
    "cells",
    "coded",
    "count",
    "heading",
    "money",
    "normalize_code",
    "percent",
    "template",
    "text_problem",
    "value_problem",
    "within_bounds",
]

Value = int | Decimal
"""A filled cell: an ``int`` (counts, codes) or a ``Decimal`` (percentages, money)."""

_CODE_RE: Final = re.compile(r"[0-9]{1,3}(?:\.[0-9]{1,3}){0,5}")
_META: Final = "cchc_model"
_KIND: Final = "cchc_model.kind"


def normalize_code(code: str) -> str:
    """Return the official code in its normal form: ``"6.3."`` and ``" 6.3"`` are ``"6.3"``.

    Args:
        code: A code as written in a template or a file.

    Raises:
        CodeError: ``code`` is not a hierarchical code of digits and dots.

    >>> normalize_code("6.3.")
    '6.3'
    >>> normalize_code("6..3")
    Traceback (most recent call last):
    ...
    cchc_model.CodeError: '6..3' is not an indicator code (digits separated by dots)
    """
    if not isinstance(code, str):
        raise CodeError(
            f"{code!r} is not an indicator code (a string of digits separated by dots)",
            f"{code!r} không phải mã chỉ tiêu (chuỗi chữ số cách nhau bởi dấu chấm)",
            template=None,
            code=None,
        )
    text = code.strip()
    text = text.removesuffix(".")
    if not _CODE_RE.fullmatch(text):
        raise CodeError(
            f"{code!r} is not an indicator code (digits separated by dots)",
            f"{code!r} không phải mã chỉ tiêu (các chữ số cách nhau bởi dấu chấm)",
            template=None,
            code=code,
        )
    return text


class Emphasis(enum.Enum):
    """How a row is shown in the official form."""

    NORMAL = "normal"
    """A plain row."""
    GROUP = "group"
    """A group heading, in bold."""
    SUB = "sub"
    """A *trong đó* sub-row, in italics."""


@attrs.frozen
class Indicator:
    """One row of a template, as the catalog knows it.

    A row that holds no value (a group heading such as *Kiểm tra CCHC*) has no unit,
    no code list and no attribute.

    Attributes:
        template: The template id (``"PL2"``).
        code: The official code, normalised (``"3.3.1"``).
        title: The official title, exactly, with diacritics.
        attribute: The Python attribute that holds the value, or ``None`` for a heading.
        unit: The unit of measure, or ``None`` (headings and code-list rows).
        code_list: The code list, for rows whose value is a code.
        emphasis: How the row is shown.
        levels: The administrative levels at which the row is asked.
        note: The template's own text in the *Ghi chú* column, if any (see
            :meth:`note_for` for the reports it applies to).
        hint: Explanatory text printed in italics inside the title cell, if any.
        decimals: For a percentage or an amount, the decimals a computed value is
            rounded to, when the row says so (``None``: the default, 2).
        consolidation: How the row consolidates the values of several units (see
            :class:`~cchc_model.Consolidation`); ``None`` for a heading.
        until: The row is asked only of reports on periods that start before this day
            (``None``: of every period): a period that overlaps the row's life, even in
            part, is asked it. The rows about district-level bodies end with the
            two-tier local government of 1 July 2025 (``AdminLevel.DISTRICT.until``):
            the year 2025 is asked them (its first half had districts), its third
            quarter is not.
        note_levels: The levels whose reports the note applies to.
        note_until: The note applies only to reports on periods that start before this
            day.
        code_order: The order in which the row's template writes its code list, when
            not the list's usual one (PL2 8: *Không = 0 Có = 1*).
    """

    template: str
    code: str
    title: str
    attribute: str | None
    unit: Unit | None
    code_list: type[Code] | None
    emphasis: Emphasis = Emphasis.NORMAL
    levels: frozenset[AdminLevel] = ALL_LEVELS
    note: str | None = None
    hint: str | None = None
    decimals: int | None = None
    consolidation: Consolidation | None = attrs.field(
        default=attrs.Factory(lambda self: _default_consolidation(self.kind), takes_self=True)
    )
    until: dt.date | None = None
    note_levels: frozenset[AdminLevel] = ALL_LEVELS
    note_until: dt.date | None = None
    code_order: tuple[int, ...] | None = None

    @property
    def kind(self) -> Kind | None:
        """The kind of value, or ``None`` for a heading."""
        if self.code_list is not None:
            return Kind.CODE
        return self.unit.kind if self.unit is not None else None

    @property
    def is_heading(self) -> bool:
        """Whether the row is a heading that holds no value."""
        return self.attribute is None

    @property
    def parent(self) -> str | None:
        """The code of the parent row (``"3.3"`` for ``"3.3.1"``), or ``None`` at the top."""
        head, dot, _ = self.code.rpartition(".")
        return head if dot else None

    @property
    def depth(self) -> int:
        """0 for a top-level row, 1 for its children, and so on."""
        return self.code.count(".")

    @property
    def unit_text(self) -> str | None:
        """The *Đơn vị tính* cell: the unit's label or the code list's text, in the row's order.

        >>> from cchc_model import edition
        >>> edition().indicator("PL2", "7").unit_text, edition().indicator("PL2", "8").unit_text
        ('Có = 1; Không = 0', 'Không = 0; Có = 1')
        """
        if self.code_list is not None:
            return self.code_list.text(self.code_order)
        return self.unit.label if self.unit is not None else None

    def applies_to(self, level: AdminLevel, when: When | None = None) -> bool:
        """Whether a unit of ``level`` is asked for this row, in a report on the period ``when``.

        ``when``: the period's first and last day (:meth:`~cchc_model.Period.span`), or
        one day; without it, by level only. A row with an end (:attr:`until`) is asked
        of a period that starts before it.

        >>> from cchc_model import Period, edition
        >>> row = edition().indicator("PL4", "1.4.2")  # Số TTHC cấp huyện
        >>> row.applies_to(AdminLevel.PROVINCE, Period.H1.span(2025))
        True
        >>> row.applies_to(AdminLevel.PROVINCE, Period.YEAR.span(2025))  # January–June too
        True
        >>> row.applies_to(AdminLevel.PROVINCE, Period.Q3.span(2025))
        False
        """
        if level not in self.levels:
            return False
        return when is None or self.until is None or days(when)[0] < self.until

    def note_for(self, level: AdminLevel, when: When | None = None) -> str | None:
        """The template's note as it applies to a report of ``level`` on the period ``when``.

        ``when`` as for :meth:`applies_to`.

        >>> from cchc_model import Period, edition
        >>> heading = edition().indicator("PL2", "5")
        >>> heading.note_for(AdminLevel.COMMUNE, Period.H1.span(2024))
        'do UBND huyện chuyển xử lý theo lĩnh vực của đơn vị được giao về CCHC'
        >>> heading.note_for(AdminLevel.PROVINCE, Period.H1.span(2024)) is None
        True
        >>> heading.note_for(AdminLevel.COMMUNE, Period.Q3.span(2025)) is None  # no district
        True
        """
        if self.note is None or level not in self.note_levels:
            return None
        if when is not None and self.note_until is not None and days(when)[0] >= self.note_until:
            return None
        return self.note


def _levels(levels: Iterable[AdminLevel]) -> frozenset[AdminLevel]:
    return frozenset(levels)


_CONSOLIDATION_BY_KIND: Final = {
    Kind.COUNT: Consolidation.SUM,
    Kind.MONEY: Consolidation.SUM,
    Kind.PERCENT: Consolidation.NONE,
    Kind.CODE: Consolidation.OWN,
}


def _default_consolidation(kind: Kind | None) -> Consolidation | None:
    """How a row of ``kind`` consolidates unless it says otherwise (a heading: not at all)."""
    return None if kind is None else _CONSOLIDATION_BY_KIND[kind]


def _check_consolidation(code: str, kind: Kind, consolidation: Consolidation | None) -> None:
    if consolidation is None:
        return
    if not isinstance(consolidation, Consolidation):
        raise TypeError(f"{code}: consolidation must be a Consolidation, got {consolidation!r}")
    if consolidation is Consolidation.SUM and kind not in (Kind.COUNT, Kind.MONEY):
        raise ValueError(f"{code}: only counts and money add up, not a {kind.value} row")


@attrs.frozen
class Note:
    """A note of the *Ghi chú* column that applies only to some reports.

    The PL2 5 and 6 note (*do UBND huyện chuyển xử lý …*) is about the tasks a district
    passes to its communes: it applies to commune reports, and only while districts
    exist.

    Attributes:
        text: The note, exactly as the template writes it.
        levels: The levels whose reports it applies to.
        until: It applies only to reports on periods whose data end before this day.
    """

    text: str
    levels: frozenset[AdminLevel] = attrs.field(default=ALL_LEVELS, converter=_levels)
    until: dt.date | None = None


@attrs.frozen(kw_only=True)
class _RowDef:
    """What a field factory records; the :func:`template` decorator completes it."""

    code: str = attrs.field(converter=normalize_code)
    title: str
    unit: Unit | None = None
    code_list: type[Code] | None = None
    emphasis: Emphasis
    levels: frozenset[AdminLevel] = attrs.field(converter=_levels)
    note: str | Note | None
    hint: str | None
    decimals: int | None = None
    consolidation: Consolidation | None = None
    until: dt.date | None = None
    code_order: tuple[int, ...] | None = None


# --- converters: check the type at once, naming the field ------------------------------


MAX_INTEGER_DIGITS: Final = 15
"""The most digits of a value of a report before the decimal point: every value is below
10¹⁵ (a million billion) in absolute value.

Any real report is far below it (the State budget is about 2 × 10⁹ *triệu đồng*, the
people of the country about 10⁸); Excel keeps 15 digits exactly, and a float every
whole number up to it. Counts, codes, percentages and amounts are checked against it
when built in code and when read from any format, and the rules' arithmetic and their
wording are exact on every value within it."""
MAX_DECIMALS: Final = 40
"""The most decimals a percentage or an amount is written with (``70.1`` has one): room
for a rate computed with Python's ``Decimal`` (28 significant digits, as
``70.10676156583629893238434164``) even below 10⁻¹⁰."""
_LIMIT: Final = 10**MAX_INTEGER_DIGITS
BOUND_WORDS: Final = (
    f"at most {MAX_INTEGER_DIGITS} digits before the decimal point and {MAX_DECIMALS} after",
    f"tối đa {MAX_INTEGER_DIGITS} chữ số phần nguyên và {MAX_DECIMALS} chữ số thập phân",
)
"""The bound on values, as messages say it (English, Vietnamese)."""
MAX_DECIMAL_CHARS: Final = 100
"""The longest text a reader parses as a decimal (the longest value is 33 characters)."""


def within_bounds(value: int | Decimal) -> bool:
    """Whether a value (``int``, finite ``Decimal``) is within the bounds of a report.

    The bounds are :data:`MAX_INTEGER_DIGITS` and :data:`MAX_DECIMALS`.

    >>> within_bounds(Decimal("70.1")), within_bounds(10**15), within_bounds(Decimal("1E+200"))
    (True, False, False)
    >>> within_bounds(Decimal("-999999999999999.999")), within_bounds(Decimal("1E-41"))
    (True, False)
    """
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        if not isinstance(exponent, int) or exponent < -MAX_DECIMALS:
            return False
        return value.is_zero() or value.adjusted() < MAX_INTEGER_DIGITS
    return -_LIMIT < value < _LIMIT


def _fail(
    self_: Template,
    field: attrs.Attribute[Any],
    expected: tuple[str, str],
    value: object,
) -> None:
    row: _RowDef = field.metadata[_META]
    hint = hint_vi = ""
    if isinstance(value, float) and row.unit is not None and row.unit.kind is not Kind.COUNT:
        hint = f"use Decimal({str(value)!r}) for an exact value"
        hint_vi = f"dùng Decimal({str(value)!r}) để giữ đúng giá trị"
    elif isinstance(value, str):
        hint = "parse text first (cchc_model.vi.parse_number)"
        hint_vi = "hãy đọc chuỗi trước (cchc_model.vi.parse_number)"
    raise ValueTypeError(
        template=type(self_).spec.id if hasattr(type(self_), "spec") else None,
        code=row.code,
        attribute=field.name,
        expected=expected[0],
        expected_vi=expected[1],
        value=value,
        hint=hint,
        hint_vi=hint_vi,
    )


def value_problem(value: int | Decimal) -> tuple[str, str] | None:
    """What is wrong with the size of a value, or ``None`` (see :func:`within_bounds`).

    >>> value_problem(10**15)[0]
    'a value of at most 15 digits before the decimal point and 40 after'
    """
    if within_bounds(value):
        return None
    return f"a value of {BOUND_WORDS[0]}", f"số có {BOUND_WORDS[1]}"


def _out_of_bounds(self_: Template, field: attrs.Attribute[Any], value: object) -> None:
    _fail(self_, field, (f"a value of {BOUND_WORDS[0]}", f"số có {BOUND_WORDS[1]}"), value)


def _to_count(value: object, self_: Template, field: attrs.Attribute[Any]) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, (bool, Code)):
        if -_LIMIT < value < _LIMIT:
            return value if type(value) is int else int(value)
        _out_of_bounds(self_, field, value)
    _fail(self_, field, ("a whole number (int) or None", "số nguyên (int) hoặc None"), value)
    return None  # pragma: no cover  # _fail always raises


def _to_decimal(value: object, self_: Template, field: attrs.Attribute[Any]) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        if not value.is_finite():
            _fail(self_, field, ("a finite Decimal", "số Decimal hữu hạn"), value)
        if not within_bounds(value):
            _out_of_bounds(self_, field, value)
        # 1E+2 is written 100: the interchange format has no exponents.
        return value if value.as_tuple().exponent <= 0 else Decimal(int(value))  # type: ignore[operator]
    if isinstance(value, int) and not isinstance(value, bool):
        if not -_LIMIT < value < _LIMIT:
            _out_of_bounds(self_, field, value)
        return Decimal(int(value))
    _fail(self_, field, ("a Decimal, an int or None", "số Decimal, số nguyên hoặc None"), value)
    return None  # pragma: no cover


def _to_code(value: object, self_: Template, field: attrs.Attribute[Any]) -> int | None:
    if value is None:
        return None
    row: _RowDef = field.metadata[_META]
    code_list = row.code_list
    assert code_list is not None  # noqa: S101  # coded() always sets it
    if isinstance(value, code_list):
        return value
    if isinstance(value, int) and not isinstance(value, (bool, Code)):
        if not -_LIMIT < value < _LIMIT:
            _out_of_bounds(self_, field, value)
        # A value outside the list is kept as written, for validation to report.
        return code_list._value2member_map_.get(value, int(value))  # type: ignore[return-value]
    _fail(
        self_,
        field,
        (
            f"a {code_list.__name__} code ({code_list.text()}), an int or None",
            f"một mã {code_list.__name__} ({code_list.text()}), số nguyên hoặc None",
        ),
        value,
    )
    return None  # pragma: no cover


_CONVERTERS: Final[dict[Kind, Callable[[Any, Any, Any], Any]]] = {
    Kind.COUNT: _to_count,
    Kind.PERCENT: _to_decimal,
    Kind.MONEY: _to_decimal,
    Kind.CODE: _to_code,
}


def written(value: object) -> object:
    """What equality and hashing compare of a value: its written form.

    ``Decimal("78.9")`` and ``Decimal("78.90")`` are equal numbers but different
    reports (they are read as different intervals), and so are ``-0`` and ``0``.

    >>> written(Decimal("78.9")) == written(Decimal("78.90")), written(19) == written(19)
    (False, True)
    """
    if isinstance(value, Decimal):
        return _WRITTEN_DECIMAL, value.as_tuple()
    return value


_WRITTEN_DECIMAL: Final = "decimal"


def _field(row: _RowDef, kind: Kind) -> Any:  # noqa: ANN401  # a field default, typed by its annotation
    # No attrs converter: Template.__attrs_post_init__ checks every filled value in one
    # pass, which makes both the classes (import time) and their instances faster to build.
    # Equality and hashing compare the written form (a Decimal's digits and exponent).
    return attrs.field(default=None, eq=written, metadata={_META: row, _KIND: kind})


def _measured(kind: Kind, unit: Unit, consolidation: Consolidation | None, **row: Any) -> Any:  # noqa: ANN401  # an attrs field
    if unit.kind is not kind:
        raise ValueError(f"{row['code']}: unit {unit.label!r} does not measure a {kind.value}")
    _check_consolidation(row["code"], kind, consolidation)
    return _field(_RowDef(unit=unit, consolidation=consolidation, **row), kind)


def count(
    code: str,
    title: str,
    unit: Unit,
    *,
    emphasis: Emphasis = Emphasis.NORMAL,
    levels: Iterable[AdminLevel] = ALL_LEVELS,
    note: str | None = None,
    hint: str | None = None,
    consolidation: Consolidation | None = None,
    until: dt.date | None = None,
) -> Any:  # noqa: ANN401  # the attribute's annotation gives the type
    """Declare an indicator that counts things (*Văn bản*, *Hồ sơ*, *Người*…): an ``int``.

    ``consolidation``: how the row consolidates, when it does not add up. ``until``:
    the row is asked only of reports on periods whose data end before that day.
    """
    return _measured(
        Kind.COUNT,
        unit,
        consolidation,
        code=code,
        title=title,
        emphasis=emphasis,
        levels=levels,
        note=note,
        hint=hint,
        until=until,
    )


def percent(
    code: str,
    title: str,
    unit: Unit,
    *,
    emphasis: Emphasis = Emphasis.NORMAL,
    levels: Iterable[AdminLevel] = ALL_LEVELS,
    note: str | None = None,
    hint: str | None = None,
    decimals: int | None = None,
    consolidation: Consolidation | None = None,
    until: dt.date | None = None,
) -> Any:  # noqa: ANN401
    """Declare a percentage indicator (unit ``%``): a ``Decimal`` such as ``78.94``.

    ``decimals``: the decimals a computed value of the row is rounded to, when
    not the default 2. ``consolidation``: how the row consolidates (default:
    not at all, :attr:`~cchc_model.Consolidation.NONE`). ``until``: as for :func:`count`.
    """
    return _measured(
        Kind.PERCENT,
        unit,
        consolidation,
        code=code,
        title=title,
        emphasis=emphasis,
        levels=levels,
        note=note,
        hint=hint,
        decimals=decimals,
        until=until,
    )


def money(
    code: str,
    title: str,
    unit: Unit,
    *,
    emphasis: Emphasis = Emphasis.NORMAL,
    levels: Iterable[AdminLevel] = ALL_LEVELS,
    note: str | None = None,
    hint: str | None = None,
    decimals: int | None = None,
    consolidation: Consolidation | None = None,
    until: dt.date | None = None,
) -> Any:  # noqa: ANN401
    """Declare an amount of money (*Triệu đồng*…): a ``Decimal``.

    ``decimals``: the decimals a computed value of the row is rounded to, when
    not the default 2. ``consolidation``: how the row consolidates, when it does
    not add up. ``until``: as for :func:`count`.
    """
    return _measured(
        Kind.MONEY,
        unit,
        consolidation,
        code=code,
        title=title,
        emphasis=emphasis,
        levels=levels,
        note=note,
        hint=hint,
        decimals=decimals,
        until=until,
    )


def coded(
    code: str,
    title: str,
    code_list: type[Code],
    *,
    emphasis: Emphasis = Emphasis.NORMAL,
    levels: Iterable[AdminLevel] = ALL_LEVELS,
    note: str | None = None,
    hint: str | None = None,
    consolidation: Consolidation | None = None,
    until: dt.date | None = None,
    code_order: tuple[int, ...] | None = None,
) -> Any:  # noqa: ANN401
    """Declare an indicator whose value is a code (*Có = 1; Không = 0*…).

    ``consolidation``: how the row consolidates (default: the consolidating unit's
    own value, :attr:`~cchc_model.Consolidation.OWN`). ``until``: as for :func:`count`.
    ``code_order``: the order the template writes the codes in, when not the list's own.
    """
    _check_consolidation(code, Kind.CODE, consolidation)
    row = _RowDef(
        code=code,
        title=title,
        code_list=code_list,
        emphasis=emphasis,
        levels=levels,
        note=note,
        hint=hint,
        consolidation=consolidation,
        until=until,
        code_order=code_order,
    )
    return _field(row, Kind.CODE)


def heading(
    code: str,
    title: str,
    *,
    emphasis: Emphasis = Emphasis.GROUP,
    levels: Iterable[AdminLevel] = ALL_LEVELS,
    note: str | Note | None = None,
    hint: str | None = None,
    until: dt.date | None = None,
) -> Any:  # noqa: ANN401  # declared as a ClassVar, never an instance value
    """Declare a row that holds no value (a group heading), as a ``ClassVar``.

    ``note`` may be a :class:`Note` when it applies only to some reports.
    """
    return _RowDef(
        code=code,
        title=title,
        emphasis=emphasis,
        levels=levels,
        note=note,
        hint=hint,
        until=until,
    )


# --- the template spec and the base class ----------------------------------------------


@attrs.frozen
class TemplateSpec:
    """The catalog entry of one appendix template.

    Attributes:
        id: ``"PL2"`` … ``"PL8"``.
        number: The appendix number (``2`` for *Phụ lục 2*).
        title: The official title, exactly (upper case, as printed).
        subject: A short English name of the subject (``"direction"``).
        edition: The id of the template edition this template belongs to.
        attached: The *Kèm theo Báo cáo số … ngày … của …* line, with ``{number}``,
            ``{date}`` and ``{agency}`` placeholders.
        indicators: Every row, in the order of the form.
    """

    id: str
    number: int
    title: str
    subject: str
    edition: str
    attached: str
    indicators: tuple[Indicator, ...]
    _by_code: Mapping[str, Indicator] = attrs.field(init=False, repr=False, eq=False)
    _by_attribute: Mapping[str, Indicator] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {i.code: i for i in self.indicators})
        object.__setattr__(
            self, "_by_attribute", {i.attribute: i for i in self.indicators if i.attribute}
        )

    def indicator(self, code: str) -> Indicator:
        """The row with official ``code`` (``"6.3."`` and ``"6.3"`` are the same row).

        Raises:
            CodeError: No such row in this template.
        """
        given: object = code  # typed str, but a caller may pass anything
        found = self._by_code.get(code) if isinstance(given, str) else None
        if found is not None:
            return found
        norm = normalize_code(code)
        try:
            return self._by_code[norm]
        except KeyError:
            raise CodeError(
                f"{self.id} has no indicator {code!r}",
                f"{self.id} không có chỉ tiêu {code!r}",
                template=self.id,
                code=code,
            ) from None

    def by_attribute(self, attribute: str) -> Indicator:
        """The row held by the Python ``attribute``.

        Raises:
            CodeError: No such attribute in this template.
        """
        given: object = attribute  # typed str, but a caller may pass anything
        found = self._by_attribute.get(attribute) if isinstance(given, str) else None
        if found is not None:
            return found
        raise CodeError(
            f"{self.id} has no attribute {short_repr(given)}",
            f"{self.id} không có thuộc tính {short_repr(given)}",
            template=self.id,
            code=None,
        )

    @functools.cached_property
    def order(self) -> dict[str, int]:
        """Each code's position in the form (``{"1": 0, "2": 1, "2.1": 2, …}``)."""
        return {code: position for position, code in enumerate(self._by_code)}

    @property
    def codes(self) -> tuple[str, ...]:
        """Every code, headings included, in the order of the form."""
        return tuple(self._by_code)

    @property
    def value_indicators(self) -> tuple[Indicator, ...]:
        """The rows that hold a value (every row but the headings)."""
        return tuple(i for i in self.indicators if not i.is_heading)

    def children(self, code: str) -> tuple[Indicator, ...]:
        """The rows directly below ``code`` (``"3.3.1"`` and ``"3.3.2"`` below ``"3.3"``)."""
        code = self.indicator(code).code
        return tuple(i for i in self.indicators if i.parent == code)

    def attached_line(self, number: str = "", date: str = "", agency: str = "") -> str:
        """The *Kèm theo* line, filled with what is known (blanks left as in the form)."""
        return self.attached.format(number=number, date=date, agency=agency)


MAX_TEXT_CHARS: Final = 10_000
"""The longest text of a report: a note, or a field of its metadata (the agency, the
recipient…). Any real one is far shorter; every format holds it (a spreadsheet cell
holds 32,767 characters, a CSV field read back 131,072)."""


def text_problem(text: object) -> tuple[str, str] | None:
    """What is wrong with a text of a report (a note, a metadata field), or ``None``.

    A text is a ``str`` of at most :data:`MAX_TEXT_CHARS` characters that UTF-8 can
    write (no lone surrogate, which no file can hold).

    Returns:
        What a text must be, as a pair of noun phrases (English, Vietnamese), when
        ``text`` is not that.

    >>> text_problem("theo Kế hoạch 04/KH-UBND") is None, text_problem(5)[0]
    (True, 'a string')
    >>> text_problem(chr(0xD800))[0]
    'a text that UTF-8 can write (no lone surrogate)'
    """
    if not isinstance(text, str):
        return ("a string", "một chuỗi ký tự")
    if len(text) > MAX_TEXT_CHARS:
        return (
            f"a text of at most {MAX_TEXT_CHARS:,} characters",
            f"một chuỗi tối đa {MAX_TEXT_CHARS:,} ký tự".replace(",", "."),
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return (
            "a text that UTF-8 can write (no lone surrogate)",
            "một chuỗi ghi được bằng UTF-8 (không có ký tự thay thế lẻ)",
        )
    return None


def _to_notes(value: object) -> FrozenMap[str, str]:
    # Codes are normalised here; whether they belong to the template, and the order of
    # the form, are settled once the instance exists (Template.__attrs_post_init__).
    if value is None:
        return FrozenMap()
    if not isinstance(value, Mapping):
        raise ValueTypeError(
            template=None,
            code=None,
            attribute="notes",
            expected="a mapping of indicator code to note text",
            expected_vi="một ánh xạ mã chỉ tiêu → ghi chú",
            value=value,
        )
    notes: dict[str, str] = {}
    for key, text in value.items():
        code = normalize_code(key)
        problem = text_problem(text)
        if problem is not None:
            raise ValueTypeError(
                template=None,
                code=code,
                attribute="notes",
                expected=problem[0],
                expected_vi=problem[1],
                value=text,
            )
        if text:
            notes[code] = text
    return FrozenMap(notes)


T = TypeVar("T", bound="Template")


@attrs.frozen(kw_only=True, repr=False, slots=False)
class Template:
    """Base of the appendix classes (one per *Phụ lục*).

    Values are attributes (``pl2.plan_tasks``) and are also reachable by official code
    (``pl2["2.1"]``). ``None`` is a blank cell. Notes (the filed *Ghi chú* column) are
    a mapping of code to text.
    """

    spec: ClassVar[TemplateSpec]
    _blank: ClassVar[dict[str, None]]
    _checks: ClassVar[tuple[tuple[str, Callable[[Any, Any, Any], Any], Any], ...]] = ()
    notes: FrozenMap[str, str] = attrs.field(factory=FrozenMap, converter=_to_notes)

    def __attrs_post_init__(self) -> None:
        state = self.__dict__
        for name, convert, field in self._checks:
            value = state[name]
            if value is not None:
                checked = convert(value, self, field)
                if checked is not value:
                    state[name] = checked
        if self.notes:
            order = self.spec.order
            for code in self.notes:
                if code not in order:
                    self.spec.indicator(code)  # raises CodeError for a code not in it
            if list(self.notes) != sorted(self.notes, key=order.__getitem__):
                # notes are kept in the order of the form, so that JSON is canonical
                ordered = sorted(self.notes.items(), key=lambda item: order[item[0]])
                state["notes"] = FrozenMap(dict(ordered))
        _seal(self, state)

    def __setstate__(self, state: Mapping[str, Any]) -> None:
        """Restore a copy or an unpickled template, sealed like every other."""
        _seal(self, dict(state))

    def __getitem__(self, code: str) -> Value | None:
        """The value of the row with official ``code`` (``None`` when blank).

        Raises:
            CodeError: No such row, or the row is a heading that holds no value.
        """
        row = self.spec.indicator(code)
        if row.attribute is None:
            raise CodeError(
                f"{self.spec.id} {row.code} is a heading and holds no value",
                f"{self.spec.id} {row.code} là tiêu đề nhóm, không có số liệu",
                template=self.spec.id,
                code=row.code,
            )
        value: Value | None = getattr(self, row.attribute)
        return value

    def get(self, code: str, default: Value | None = None) -> Value | None:
        """The value of ``code``, or ``default`` when the cell is blank."""
        value = self[code]
        return default if value is None else value

    def filled(self) -> dict[str, Value]:
        """The filled cells, as a dict of official code to value, in form order."""
        return {
            row.code: value
            for row in self.spec.value_indicators
            if (value := getattr(self, row.attribute)) is not None  # type: ignore[arg-type]
        }

    def __iter__(self) -> Iterator[tuple[Indicator, Value | None]]:
        """Every value-holding row with its value (``None`` when blank), in form order."""
        for row in self.spec.value_indicators:
            yield row, getattr(self, row.attribute)  # type: ignore[arg-type]

    @classmethod
    def from_codes(
        cls, values: Mapping[str, Value | None], notes: Mapping[str, str] | None = None
    ) -> Self:
        """Build the template from a mapping of official code to value.

        >>> from cchc_model import Direction
        >>> Direction.from_codes({"2.1": 19, "2.2.": 15}).plan_tasks_completed
        15
        """
        if not isinstance(values, Mapping):
            raise ValueTypeError(
                template=cls.spec.id,
                code=None,
                attribute="values",
                expected="a mapping of indicator code to value",
                expected_vi="một ánh xạ mã chỉ tiêu → số liệu",
                value=values,
            )
        kwargs: dict[str, Any] = {}
        for code, value in values.items():
            row = cls.spec.indicator(code)
            if row.attribute is None:
                raise CodeError(
                    f"{cls.spec.id} {row.code} is a heading and holds no value",
                    f"{cls.spec.id} {row.code} là tiêu đề nhóm, không có số liệu",
                    template=cls.spec.id,
                    code=row.code,
                )
            kwargs[row.attribute] = value
        return cls(notes=notes or FrozenMap(), **kwargs)

    def replace(
        self, values: Mapping[str, Value | None], notes: Mapping[str, str] | None = None
    ) -> Self:
        """A copy with the values of some codes replaced (``None`` blanks a cell)."""
        merged: dict[str, Value | None] = dict(self.filled())
        for code, value in values.items():
            merged[self.spec.indicator(code).code] = value
        return type(self).from_codes(merged, self.notes if notes is None else notes)

    @classmethod
    def attribute_for(cls, code: str) -> str:
        """The attribute name that holds official ``code``.

        >>> from cchc_model import Direction
        >>> Direction.attribute_for("2.1"), Direction.code_for("plan_tasks")
        ('plan_tasks', '2.1')
        """
        row = cls.spec.indicator(code)
        if row.attribute is None:
            raise CodeError(
                f"{cls.spec.id} {row.code} is a heading and holds no value",
                f"{cls.spec.id} {row.code} là tiêu đề nhóm, không có số liệu",
                template=cls.spec.id,
                code=row.code,
            )
        return row.attribute

    @classmethod
    def code_for(cls, attribute: str) -> str:
        """The official code held by ``attribute``."""
        return cls.spec.by_attribute(attribute).code

    def __repr__(self) -> str:
        parts = [f"{row.attribute}={value!r}" for row, value in self if value is not None]
        if self.notes:
            parts.append(f"notes={dict(self.notes)!r}")
        return f"{type(self).__name__}({', '.join(parts)})"


def template(
    template_id: str,
    *,
    number: int,
    title: str,
    subject: str,
    edition: str,
    attached: str,
) -> Callable[[type[T]], type[T]]:
    """Register a template class: read its fields and headings into its :class:`TemplateSpec`.

    Applied on top of ``@attrs.frozen(kw_only=True, repr=False, slots=False)``: instances
    keep their values in ``__dict__``, which lets the JSON reader build them fast.
    """

    def register(cls: type[T]) -> type[T]:
        if "__slots__" in vars(cls) or getattr(cls, "__attrs_attrs__", None) is None:
            raise TypeError(f"{cls.__name__}: declare it with @attrs.frozen(..., slots=False)")
        rows = [
            _indicator(template_id, field.metadata[_META], field.name)
            for field in attrs.fields(cls)
            if _META in field.metadata
        ]
        rows.extend(
            _indicator(template_id, value, None)
            for klass in reversed(cls.__mro__)
            for value in vars(klass).values()
            if isinstance(value, _RowDef)
        )
        rows.sort(key=lambda r: tuple(int(p) for p in r.code.split(".")))
        seen: set[str] = set()
        for row in rows:
            if row.code in seen:
                raise ValueError(f"{template_id}: code {row.code} declared twice")
            seen.add(row.code)
        cls.spec = TemplateSpec(
            id=template_id,
            number=number,
            title=title,
            subject=subject,
            edition=edition,
            attached=attached,
            indicators=tuple(rows),
        )
        cls._blank = {field.name: None for field in attrs.fields(cls)}
        cls._checks = tuple(
            (field.name, _CONVERTERS[field.metadata[_KIND]], field)
            for field in attrs.fields(cls)
            if _KIND in field.metadata
        )
        return cls

    return register


# --- fast construction and reading: the one door ----------------------------------------
#
# A template is a frozen, non-slotted attrs class: its values live in the instance's
# ``__dict__``. The library's hot paths (the JSON reader's fast path, consolidation,
# comparison, the tidy export) read and build them there, and only through the three
# functions below, so that how a template keeps its values is known in this module only.


class _Sealed(dict[str, Any]):
    """The state of a template: a dict that refuses every change after it is built.

    A template is a frozen attrs class without slots, so its values live in the
    instance's ``__dict__``; this dict is it, so that ``vars(tpl)["x"] = 5`` and
    ``tpl.__dict__.update(...)`` fail as ``tpl.x = 5`` does (attribute reads are plain
    dict reads, as fast as before).
    """

    __slots__ = ()

    def _refuse(self, *_: object, **__: object) -> None:
        raise attrs.exceptions.FrozenInstanceError

    __setitem__ = __delitem__ = __ior__ = _refuse  # type: ignore[assignment]
    update = clear = pop = popitem = setdefault = _refuse  # type: ignore[assignment]

    def __reduce__(self) -> tuple[type[dict[str, Any]], tuple[dict[str, Any]]]:
        return dict, (dict(self),)


def _seal(tpl: Template, state: dict[str, Any]) -> None:
    object.__setattr__(tpl, "__dict__", _Sealed(state))


def cells(tpl: Template) -> Mapping[str, Any]:
    """The values of ``tpl`` by attribute name (``None`` when blank), read in bulk.

    The mapping is the instance's own state, sealed: it can be read, not changed.

    >>> from cchc_model import Direction
    >>> cells(Direction(plan_tasks=19))["plan_tasks"]
    19
    """
    return tpl.__dict__


def build_checked(cls: type[T], values: Mapping[str, Value], notes: FrozenMap[str, str]) -> T:
    """Build a template from values already checked and converted, without its converters.

    For the library's own hot paths (the JSON reader's fast path, consolidation), which
    have checked each value against its row's kind and turned codes into members exactly
    as the converters would, and so set the values directly. Values not checked so must
    go through the class instead.
    """
    obj = object.__new__(cls)
    state = _Sealed(cls._blank)  # sealed as made: one dict, not a copy sealed later
    dict.update(state, values)
    dict.__setitem__(state, "notes", notes)
    object.__setattr__(obj, "__dict__", state)
    return obj


U = TypeVar("U")


def build_unchecked(cls: type[U], **fields: object) -> U:
    """An instance of the frozen attrs class ``cls`` with ``fields`` set as given.

    Neither converters nor validators nor ``__attrs_post_init__`` run: for parts the
    library has already checked (``_model.report.build_report_checked``).
    """
    obj = object.__new__(cls)
    for name, value in fields.items():
        object.__setattr__(obj, name, value)
    return obj


def _indicator(template_id: str, row: _RowDef, attribute: str | None) -> Indicator:
    note = row.note
    scoped = note if isinstance(note, Note) else Note(note or "")
    return Indicator(
        template=template_id,
        code=row.code,
        title=row.title,
        attribute=attribute,
        unit=row.unit,
        code_list=row.code_list,
        emphasis=row.emphasis,
        levels=row.levels,
        note=scoped.text or None,
        hint=row.hint,
        decimals=row.decimals,
        consolidation=row.consolidation or _default_consolidation(_kind_of(row, attribute)),
        until=row.until,
        note_levels=scoped.levels,
        note_until=scoped.until,
        code_order=row.code_order,
    )


def _kind_of(row: _RowDef, attribute: str | None) -> Kind | None:
    if attribute is None:
        return None
    return Kind.CODE if row.code_list is not None else row.unit.kind if row.unit else None


publish(globals())  # cchc_model.Name, not this module: see _model/public.py
