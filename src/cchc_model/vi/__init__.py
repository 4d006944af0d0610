"""Vietnamese formatting and parsing: values exactly as official documents write them.

Numbers group thousands with ``.`` and mark decimals with ``,``; dates follow Nghị định
30/2020/NĐ-CP; reporting periods and their data windows follow Nghị định 09/2019/NĐ-CP;
amounts are read in words (*bằng chữ*) as financial documents write them. Every
``format_x`` has a ``parse_x`` with the same argument order that reads its output back.
Parsing is strict: text a Vietnamese reader could misread is refused, and the error
says what was probably meant. The locale is never taken from the machine.

Values are ``int`` (counts) or ``decimal.Decimal`` (percentages, money); a ``float`` or a
``bool`` is refused with :class:`~cchc_model.ValueTypeError`, text that cannot be read
with :class:`~cchc_model.ParseError` (English ``str(error)``, Vietnamese
``error.message("vi")``, ``error.suggestions``, and ``error.text``: the text as read,
in NFC with surrounding white space removed).

.. versionadded:: 0.1.0

>>> import datetime as dt
>>> from decimal import Decimal
>>> from cchc_model import vi
>>> vi.format_number(2715925699), vi.format_number(Decimal("-1234.5"))
('2.715.925.699', '-1.234,5')
>>> vi.format_percent(Decimal("78.94")), vi.format_money(2715925699)
('78,94%', '2.715.925.699 đồng')
>>> vi.amount_in_words(1015)
'Một nghìn không trăm mười lăm đồng'
>>> vi.format_place_date("Hương Sơn", dt.date(2024, 1, 3))
'Hương Sơn, ngày 03 tháng 01 năm 2024'
>>> vi.format_period(vi.Period.H1, 2024), vi.period_window(vi.Period.H1, 2024)
('6 tháng đầu năm 2024', (datetime.date(2023, 12, 15), datetime.date(2024, 6, 14)))
>>> vi.parse_document_number("Số: 06/QĐ-UBND").doc_type_name
'Quyết định'
>>> vi.parse_number("3,887")
Decimal('3.887')
>>> vi.parse_number("12.34")
Traceback (most recent call last):
    ...
cchc_model.ParseError: '12.34' is not a number as Vietnamese documents write it
    ...; did you mean '12,34' or '1.234'?
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Final, Literal

import attrs

from .._model.errors import ParseError
from .._model.period import MAX_YEAR as _MAX_YEAR
from .._model.period import MIN_YEAR as _MIN_YEAR
from .._model.period import Period
from . import _documents as _d
from . import _numbers as _n

__all__ = [
    "DOCUMENT_TYPES",
    "PARTY_DOCUMENT_TYPES",
    "DocumentNumber",
    "MoneyUnit",
    "Period",
    "Thousand",
    "ZeroTens",
    "amount_in_words",
    "format_admin_date",
    "format_document_number",
    "format_money",
    "format_number",
    "format_percent",
    "format_period",
    "format_place_date",
    "format_short_date",
    "parse_date",
    "parse_document_number",
    "parse_money",
    "parse_number",
    "parse_percent",
    "parse_period",
    "parse_place_date",
    "period_window",
    "read_number",
]

#: A unit of money as the report templates write it.
MoneyUnit = Literal["đồng", "nghìn đồng", "triệu đồng", "tỷ đồng"]

_UNIT_EXPONENTS: Final[Mapping[str, int]] = MappingProxyType(
    {"đồng": 0, "nghìn đồng": 3, "triệu đồng": 6, "tỷ đồng": 9}
)
#: The Unicode currency sign; CLDR ``vi`` uses it too (babel: ``get_currency_symbol``).
_DONG_SIGN: Final = "₫"


# --- numbers ----------------------------------------------------------------------------


def format_number(value: int | Decimal, decimals: int | None = None) -> str:
    """Write a number as Vietnamese documents do: ``.`` groups thousands, ``,`` decimals.

    Args:
        value: An ``int`` or a finite ``Decimal``.
        decimals: How many decimals to print, rounding half-up (ties away from zero, as
            taught in school and as Excel's ``ROUND`` does; babel rounds half-even).
            ``None`` keeps the value's own precision: ``Decimal("70.10")`` prints two.

    Returns:
        The number; never ``-0``.

    Raises:
        ValueTypeError: ``value`` is a float, a bool, NaN or infinite, or ``decimals`` is
            not ``None`` or an ``int`` >= 0.

    >>> format_number(2715925699)
    '2.715.925.699'
    >>> format_number(Decimal("-1234.5")), format_number(Decimal("70.10"))
    ('-1.234,5', '70,10')
    >>> format_number(Decimal("2.675"), 2), format_number(Decimal("0.5"), 0)
    ('2,68', '1')
    >>> format_number(Decimal("-0.004"), 2)
    '0,00'
    >>> format_number(0.5)
    Traceback (most recent call last):
        ...
    cchc_model.ValueTypeError: value: expected an int or a decimal.Decimal, got 0.5; ...
    """
    if decimals is None:
        text = _n.as_written(value)
        if text is not None:
            return text
    return _n.plain(_n.check_number(value, "value"), _n.check_decimals(decimals))


def _read_number(
    text: str,
    original: str,
    suffix: str,
    *,
    kind_en: str,
    kind_vi: str,
    accept: Callable[[str], bool] = lambda _: True,
) -> Decimal:
    """Read the number ``text`` (a part of ``original``) strictly, keeping its precision."""
    written = _n.parse_written(text) if not _n.too_long(text) else None
    if written is None:
        raise _n.number_error(
            original,
            text,
            suffix,
            expected=f"{kind_en} such as '1.234,5'",
            kind_en=kind_en,
            kind_vi=kind_vi,
            accept=accept,
        )
    negative, whole, fraction = written
    value = Decimal(f"{'-' if negative else ''}{whole}{'.' + fraction if fraction else ''}")
    return value.copy_abs() if value.is_zero() else value


def parse_number(text: str) -> int | Decimal:
    r"""Read a number written as Vietnamese documents do; the inverse of :func:`format_number`.

    ``.`` groups thousands in threes (``2.715.925.699``, or no grouping: ``2024``) and ``,``
    marks the decimals. Anything else is refused, and the error's ``suggestions`` say
    what was probably meant. Surrounding white space is ignored.

    Args:
        text: The number as written.

    Returns:
        An ``int`` when there is no decimal comma, else a ``Decimal`` with the written
        precision (``"70,10"`` → ``Decimal("70.10")``).

    Raises:
        ParseError: ``text`` is not a number written the Vietnamese way.
        ValueTypeError: ``text`` is not a ``str``.

    >>> parse_number("2.715.925.699"), parse_number("-1.234,5"), parse_number("70,10")
    (2715925699, Decimal('-1234.5'), Decimal('70.10'))
    >>> parse_number("3,887")  # Vietnamese: three point eight eight seven
    Decimal('3.887')
    >>> parse_number("1,234.5")
    Traceback (most recent call last):
        ...
    cchc_model.ParseError: '1,234.5' is not a number ...; did you mean '1.234,5'?
    >>> try:
    ...     parse_number("12.34")
    ... except ParseError as error:
    ...     print(error.suggestions, error.message("vi"), sep="\n")
    ('12,34', '1.234')
    '12.34' không phải là số viết theo cách của văn bản tiếng Việt (dấu '.' phân cách
    hàng nghìn, dấu ',' ngăn cách phần thập phân: '1.234,5'); có phải là '12,34' hay '1.234'?
    """
    original = _n.check_text(text)
    value = _read_number(original, original, "", kind_en="a number", kind_vi="số")
    if _n.exponent(value) == 0:
        return int(value)
    return value


def format_percent(value: int | Decimal, decimals: int | None = None) -> str:
    """Write a percentage as the templates store it: ``78.94`` → ``78,94%``.

    ``value`` is already in percent (not a fraction); no space goes before ``%``.

    Args:
        value: The percentage, an ``int`` or a finite ``Decimal``.
        decimals: As in :func:`format_number`.

    Returns:
        The percentage with its ``%`` sign.

    Raises:
        ValueTypeError: As in :func:`format_number`.

    >>> format_percent(Decimal("78.94")), format_percent(100), format_percent(Decimal("33.335"), 2)
    ('78,94%', '100%', '33,34%')
    """
    return format_number(value, decimals) + "%"


def _split_percent(text: str) -> tuple[str, str | None]:
    """The number and the ``%`` sign (``None`` without one) of a stripped text.

    String methods, not a pattern: linear whatever the text.
    """
    if text.endswith("%"):
        return text[:-1].rstrip(), "%"
    return text, None


def parse_percent(text: str) -> Decimal:
    """Read a percentage; the inverse of :func:`format_percent`.

    The ``%`` is required: without it ``0,7894`` could be a fraction. A space before it
    is allowed. The number follows :func:`parse_number`.

    Args:
        text: The percentage as written.

    Returns:
        The percentage (``"78,94%"`` → ``Decimal("78.94")``), with the written precision.

    Raises:
        ParseError: ``text`` is not a percentage written the Vietnamese way.
        ValueTypeError: ``text`` is not a ``str``.

    >>> parse_percent("78,94%"), parse_percent("100 %")
    (Decimal('78.94'), Decimal('100'))
    >>> parse_percent("78,94")
    Traceback (most recent call last):
        ...
    cchc_model.ParseError: '78,94' has no '%' sign...; did you mean '78,94%'?
    """
    original = _n.check_text(text)
    number, sign = _split_percent(original)
    if sign is None and _n.parse_written(number) is not None:
        meant = _n.shown(original + "%")
        raise ParseError(
            f"{_n.shown(original)} has no '%' sign; a percentage is written with one (for a"
            f" number in a column already in %, use parse_number); did you mean {meant}?",
            f"{_n.shown(original)} thiếu dấu '%'; tỷ lệ phần trăm phải có dấu này (số trong"
            f" cột đã tính bằng % thì dùng parse_number); có phải là {meant}?",
            text=original,
            expected="a percentage such as '78,94%'",
            suggestions=(original + "%",),
        )
    return _read_number(number, original, "%", kind_en="a percentage", kind_vi="tỷ lệ phần trăm")


def _unit_exponent(unit: object, attribute: str) -> int:
    if isinstance(unit, str):
        exponent = _UNIT_EXPONENTS.get(_n.check_text(unit, attribute))
        if exponent is not None:
            return exponent
    raise _n.type_error(attribute, f"one of {', '.join(map(repr, _UNIT_EXPONENTS))}", unit)


def format_money(
    amount: int | Decimal,
    unit: MoneyUnit = "đồng",
    *,
    to: MoneyUnit | None = None,
    decimals: int | None = None,
    symbol: bool = False,
) -> str:
    """Write an amount of money with its unit: ``2.715.925.699 đồng``.

    Args:
        amount: The amount in ``unit``, an ``int`` or a finite ``Decimal``.
        unit: The unit of ``amount``: ``"đồng"``, ``"nghìn đồng"``, ``"triệu đồng"``
            or ``"tỷ đồng"`` (the units of the report templates).
        to: Write the amount in this unit instead, converted exactly.
        decimals: As in :func:`format_number`, in the unit written.
        symbol: Write ``₫`` for *đồng* (``2.715.925.699 ₫``, ``2,7 tỷ ₫``), after the
            number and a plain space; CLDR ``vi`` has a no-break space there.

    Returns:
        The amount and its unit, separated by a plain space.

    Raises:
        ValueTypeError: ``amount`` or ``decimals`` as in :func:`format_number`, or an
            unknown unit.

    >>> format_money(2715925699)
    '2.715.925.699 đồng'
    >>> format_money(2715925699, to="triệu đồng", decimals=2)
    '2.715,93 triệu đồng'
    >>> format_money(Decimal("2.7"), "tỷ đồng", to="đồng", symbol=True)
    '2.700.000.000 ₫'
    """
    value = _n.check_number(amount, "amount")
    exponent = _unit_exponent(unit, "unit")
    target = unit if to is None else to
    to_exponent = _unit_exponent(target, "to")
    if not isinstance(symbol, bool):
        raise _n.type_error("symbol", "a bool", symbol)
    text = _n.plain(_n.shift(value, exponent - to_exponent), _n.check_decimals(decimals))
    words = _n.check_text(target)
    return f"{text} {words.replace('đồng', _DONG_SIGN) if symbol else words}"


_CURRENCY: Final = r"đồng|vnđ|vnd|đ|₫"
#: The unit written after an amount, searched at the end of the text: the leftmost match
#: is the longest unit. No leading white space in the pattern (it is stripped from the
#: number instead), so the search is linear: ``\s*`` runs only after a scale word.
_MONEY_UNIT: Final = re.compile(
    rf"(?:(?P<scale>nghìn|ngàn|triệu|tỷ|tỉ)(?:\s*(?:{_CURRENCY}))?|(?:{_CURRENCY}))\Z",
    re.IGNORECASE,
)
_SCALE_EXPONENTS: Final = MappingProxyType({"nghìn": 3, "ngàn": 3, "triệu": 6, "tỷ": 9, "tỉ": 9})
#: One xu, the smallest subdivision of the đồng (Luật Ngân hàng Nhà nước 2010, Điều 17).
_XU_EXPONENT: Final = -2
_ENGLISH_GROUPS: Final = re.compile(r"-?[1-9][0-9]{0,2}(?:,[0-9]{3})+")


def _split_money(text: str) -> tuple[str, str, str | None]:
    """The number, the unit written after it (``""``: none) and its scale word, if any."""
    match = _MONEY_UNIT.search(text)
    if match is None:
        return text, "", None
    number = text[: match.start()].rstrip()
    return number, text[len(number) :], match["scale"]


def parse_money(text: str, unit: MoneyUnit = "đồng") -> Decimal:
    """Read an amount of money; the inverse of :func:`format_money`.

    The unit may be written after the number: *đồng*, *đ* (the national symbol), *₫*,
    *VNĐ* or *VND*, optionally after *nghìn* (*ngàn*), *triệu* or *tỷ* (*tỉ*); a
    scale word alone means đồng of that scale. Without a unit the amount is in ``unit``.

    An amount finer than one *xu* (0,01 đồng; Luật Ngân hàng Nhà nước 2010, Điều 17:
    one đồng is ten hào, one hào ten xu) that could also be read as English thousands
    (``3,887``, ``12,500``) is refused: in a money column it is far more likely an English
    thousands separator than 3.887 đồng, and the error says so. Grouped the Vietnamese
    way (``45.964,694``) or starting with ``0,`` it is read as written. So every amount
    :func:`format_money` writes reads back, but for amounts in đồng below 1.000 written
    with exactly three decimals, which no reader can tell from thousands.

    Args:
        text: The amount as written.
        unit: The unit to return the amount in, and of a bare number.

    Returns:
        The amount in ``unit``, converted exactly from the unit written.

    Raises:
        ParseError: ``text`` is not an amount written the Vietnamese way.
        ValueTypeError: ``text`` is not a ``str``, or ``unit`` is unknown.

    >>> parse_money("2.715.925.699 đồng"), parse_money("2,7 tỷ đồng", unit="triệu đồng")
    (Decimal('2715925699'), Decimal('2700'))
    >>> parse_money("1.500.000đ"), parse_money("3,887", unit="triệu đồng")
    (Decimal('1500000'), Decimal('3.887'))
    >>> parse_money("3,887 đồng")
    Traceback (most recent call last):
        ...
    cchc_model.ParseError: '3,887 đồng' would be 3,887 đồng, finer than one xu
        ...; if ',' was meant to group thousands, did you mean '3.887 đồng'?
    """
    original = _n.check_text(text)
    unit_exponent = _unit_exponent(unit, "unit")
    number, suffix, scale = _split_money(original)
    if suffix:
        written_exponent = _SCALE_EXPONENTS[scale.lower()] if scale else 0
    else:
        written_exponent = unit_exponent
    value = _read_number(
        number,
        original,
        suffix,
        kind_en="an amount of money",
        kind_vi="số tiền",
        accept=lambda suggestion: _is_money(suggestion, unit),
    )
    in_dong = _n.shift(value, written_exponent)
    if _n.exponent(in_dong) < _XU_EXPONENT and _ENGLISH_GROUPS.fullmatch(number.strip()):
        # only an amount that also reads as English thousands ("3,887") is doubtful;
        # "45.964,694" (grouped the Vietnamese way) or "0,001" is not, and is read as is
        suggestions: tuple[str, ...] = (number.strip().replace(",", ".") + suffix,)
        en = (
            f"{_n.shown(original)} would be {_n.plain(in_dong, None)} đồng, finer than one xu"
            " (0,01 đồng), the smallest unit of the đồng; in Vietnamese ',' marks decimals"
        )
        vi = (
            f"{_n.shown(original)} sẽ là {_n.plain(in_dong, None)} đồng, nhỏ hơn một xu"
            " (0,01 đồng), đơn vị nhỏ nhất của đồng; trong tiếng Việt dấu ',' ngăn cách"
            " phần thập phân"
        )
        if suggestions:
            meant = _n.shown(suggestions[0])
            en += f"; if ',' was meant to group thousands, did you mean {meant}?"
            vi += f"; nếu dấu ',' dùng để phân cách hàng nghìn, có phải là {meant}?"
        raise ParseError(
            en, vi, text=original, expected="an amount of money", suggestions=suggestions
        )
    result = _n.shift(in_dong, -unit_exponent)
    return _n.round_half_up(result, None) if _n.exponent(result) > 0 else result


def _is_money(text: str, unit: MoneyUnit) -> bool:
    # a suggestion is a probable meaning: an amount in whole xu, as money is written
    try:
        amount = parse_money(text, unit)
    except ParseError:
        return False
    return _n.exponent(_n.shift(amount, _unit_exponent(unit, "unit"))) >= _XU_EXPONENT


# --- numbers in words -------------------------------------------------------------------

#: How a zero tens digit before a unit is read (105: *một trăm linh năm* or *lẻ năm*).
ZeroTens = Literal["linh", "lẻ"]
#: The word for a thousand: *nghìn* (northern, and the usual written form) or *ngàn*.
Thousand = Literal["nghìn", "ngàn"]


def _word_options(zero_tens: object, thousand: object) -> tuple[str, str]:
    if zero_tens not in ("linh", "lẻ"):
        raise _n.type_error("zero_tens", "'linh' or 'lẻ'", zero_tens)
    if thousand not in ("nghìn", "ngàn"):
        raise _n.type_error("thousand", "'nghìn' or 'ngàn'", thousand)
    return str(zero_tens), str(thousand)


def read_number(
    n: int | Decimal, *, zero_tens: ZeroTens = "linh", thousand: Thousand = "nghìn"
) -> str:
    """Read a number in Vietnamese words, as financial documents write amounts *bằng chữ*.

    The rules (Vietnamese usage; no legal text defines them, the accounting forms only
    require the amount *bằng chữ*):

    - *mười* is ten (10, 15) and *mươi* the tens from twenty (20, 25);
    - *mốt* is a final 1 after *mươi* (21 *hai mươi mốt*; 11 is *mười một*);
    - *lăm* is a final 5 after *mười*/*mươi* (15 *mười lăm*, 25 *hai mươi lăm*;
      105 is *một trăm linh năm*);
    - *linh* (option ``zero_tens="lẻ"``) stands for a zero tens digit before a unit
      (105, 1005);
    - inside a number the hundreds are always said, *không trăm* for zero (1015 *một
      nghìn không trăm mười lăm*), and a group of three zeros is skipped with its
      scale word;
    - the scale words are *nghìn* (option ``thousand="ngàn"``), *triệu*, *tỷ*, then
      *nghìn tỷ*, *triệu tỷ*, *tỷ tỷ*: above a *tỷ* the number of *tỷ* is read first;
    - a negative number starts with *âm*; decimals follow *phẩy*, read as a number after
      their leading zeros (*không* each), as written: ``Decimal("1.50")`` is *một phẩy
      năm mươi*.

    Args:
        n: An ``int`` or a finite ``Decimal``.
        zero_tens: ``"linh"`` (default) or ``"lẻ"``.
        thousand: ``"nghìn"`` (default) or ``"ngàn"``.

    Returns:
        The words, lower case.

    Raises:
        ValueTypeError: ``n`` is a float, a bool, NaN or infinite, or an option is unknown.

    >>> read_number(10), read_number(15), read_number(21), read_number(25)
    ('mười', 'mười lăm', 'hai mươi mốt', 'hai mươi lăm')
    >>> read_number(105), read_number(1015), read_number(1005, zero_tens="lẻ")
    ('một trăm linh năm', 'một nghìn không trăm mười lăm', 'một nghìn không trăm lẻ năm')
    >>> read_number(1_000_000_005_000)
    'một nghìn tỷ không trăm linh năm nghìn'
    >>> read_number(Decimal("-2.05"))
    'âm hai phẩy không năm'
    """
    value = _n.check_number(n, "n")
    zero, thousand_word = _word_options(zero_tens, thousand)
    return _n.read_words(value, zero_tens=zero, thousand=thousand_word)


def amount_in_words(
    amount: int | Decimal,
    unit: MoneyUnit = "đồng",
    *,
    zero_tens: ZeroTens = "linh",
    thousand: Thousand = "nghìn",
) -> str:
    """Write an amount *bằng chữ*: capitalised, ending in the unit.

    The reading is :func:`read_number`'s. Accounting documents write the total amount
    in figures and in words (Luật Kế toán 2015, Điều 16).

    Args:
        amount: The amount in ``unit``.
        unit: As in :func:`format_money`; with ``thousand="ngàn"`` *nghìn đồng* is
            written *ngàn đồng*.
        zero_tens: As in :func:`read_number`.
        thousand: As in :func:`read_number`.

    Returns:
        The amount in words.

    Raises:
        ValueTypeError: As in :func:`read_number`, or an unknown unit.

    >>> amount_in_words(2715925699)
    'Hai tỷ bảy trăm mười lăm triệu chín trăm hai mươi lăm nghìn sáu trăm chín mươi chín đồng'
    >>> amount_in_words(Decimal("2.5"), "triệu đồng"), amount_in_words(-21, thousand="ngàn")
    ('Hai phẩy năm triệu đồng', 'Âm hai mươi mốt đồng')
    """
    words = read_number(amount, zero_tens=zero_tens, thousand=thousand)
    _unit_exponent(unit, "unit")
    unit_words = _n.check_text(unit).replace("nghìn", thousand)
    return f"{words[0].upper()}{words[1:]} {unit_words}"


# --- dates ------------------------------------------------------------------------------


def _check_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        hint = "call .date() on a datetime" if isinstance(value, dt.datetime) else ""
        raise _n.type_error("date", "a datetime.date", value, hint)
    return value


def _admin_date(date: dt.date) -> str:
    day = f"{date.day:02d}"
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)  # noqa: PLR2004
    return f"ngày {day} tháng {month} năm {date.year}"


def format_admin_date(date: dt.date) -> str:
    """Write a date in the form of Nghị định 30/2020/NĐ-CP: ``ngày 10 tháng 6 năm 2024``.

    Phụ lục I, Phần I, Mục II, khoản 4 (*thời gian ban hành văn bản*): the date is
    written in full in Arabic numerals, and a day below 10 and the months 1 and 2 take a
    leading zero (so that no digit can be added in front); no other month does.

    Args:
        date: A ``datetime.date`` (a ``datetime`` is refused: its time would be lost).

    Returns:
        The date, starting with lower-case *ngày*.

    Raises:
        ValueTypeError: ``date`` is not a ``datetime.date``.

    >>> format_admin_date(dt.date(2024, 6, 10))
    'ngày 10 tháng 6 năm 2024'
    >>> format_admin_date(dt.date(2024, 1, 3)), format_admin_date(dt.date(2024, 2, 9))
    ('ngày 03 tháng 01 năm 2024', 'ngày 09 tháng 02 năm 2024')
    """
    return _admin_date(_check_date(date))


def _check_place(place: object) -> str:
    if isinstance(place, str):
        text = " ".join(_n.check_text(place, "place").split())
        if text:
            return text
    raise _n.type_error("place", "a non-empty str", place)


def format_place_date(place: str, date: dt.date) -> str:
    """Write the place and date of issue (*địa danh và thời gian ban hành văn bản*).

    Nghị định 30/2020/NĐ-CP, Phụ lục I, Phần I, Mục II, khoản 4: the place name, a
    comma, then the date as :func:`format_admin_date` writes it.

    Args:
        place: The place name (*Hà Nội*, *Hương Sơn*); white space is collapsed.
        date: As in :func:`format_admin_date`.

    Returns:
        ``"<place>, ngày … tháng … năm …"``.

    Raises:
        ValueTypeError: ``place`` is not a non-empty ``str``, or ``date`` is not a date.

    >>> format_place_date("Hương Sơn", dt.date(2024, 1, 3))
    'Hương Sơn, ngày 03 tháng 01 năm 2024'
    """
    return f"{_check_place(place)}, {format_admin_date(date)}"


def format_short_date(date: dt.date, *, pad: bool = False) -> str:
    """Write a date in the short form of tables and running text: ``10/6/2024``.

    Args:
        date: As in :func:`format_admin_date`.
        pad: Give the day and the month two digits (``03/01/2024``).

    Returns:
        ``day/month/year``, the year in full (CLDR ``vi`` short dates use two digits).

    Raises:
        ValueTypeError: ``date`` is not a ``datetime.date``.

    >>> (
    ...     format_short_date(dt.date(2024, 6, 10)),
    ...     format_short_date(dt.date(2024, 1, 3), pad=True),
    ... )
    ('10/6/2024', '03/01/2024')
    """
    value = _check_date(date)
    if pad:
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    return f"{value.day}/{value.month}/{value.year}"


_SHORT_DATE: Final = re.compile(r"(?P<d>[0-9]{1,2})/(?P<m>[0-9]{1,2})/(?P<y>[0-9]{4})")
_SHORT_ISSUE: Final = re.compile(r"(?:ngày\s+)?" + _SHORT_DATE.pattern, re.IGNORECASE)
"""A short date after the place: ``10/6/2024`` or ``ngày 10/6/2024`` (suggested the long form)."""
_LONG_DATE: Final = re.compile(
    r"(?:ngày\s+)?(?P<d>[0-9]{1,2})\s+tháng\s+(?P<m>[0-9]{1,2})\s+năm\s+(?P<y>[0-9]{4})",
    re.IGNORECASE,
)
# Forms that are not Vietnamese but whose meaning is clear, for the suggestions.
# (pattern, whether to suggest the long form)
_OTHER_DATES: Final = (
    (re.compile(r"(?P<d>[0-9]{1,2})[-.](?P<m>[0-9]{1,2})[-.](?P<y>[0-9]{4})"), False),
    (re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})"), False),
    (re.compile(r"(?P<d>[0-9]{1,2})/(?P<m>[0-9]{1,2})/(?P<yy>[0-9]{2})"), False),
    (
        re.compile(
            r"(?P<d>[0-9]{1,2})\s+tháng\s+(?P<m>[0-9]{1,2}),\s*(?P<y>[0-9]{4})", re.IGNORECASE
        ),
        True,
    ),
)
# The date has no comma, so the last comma before "ngày" ends the place (which may have
# commas of its own: "Phường 1, Quận 3").
_PLACE_DATE: Final = re.compile(r"(?P<place>.+)\s*,\s*(?P<date>(?i:ngày)\s[^,]*)", re.DOTALL)
#: Dates, periods and document numbers are short; longer text is refused at once.
_MAX_SHORT: Final = 200


def _date_of(match: re.Match[str]) -> dt.date | None:
    groups = match.groupdict()
    year = int(groups["y"]) if groups.get("y") else 2000 + int(groups["yy"])
    try:
        return dt.date(year, int(groups["m"]), int(groups["d"]))
    except ValueError:
        return None


def _date_error(
    text: str,
    en: str,
    vi: str,
    suggestions: tuple[str, ...] = (),
    expected: str = "a date such as '15/12/2023' or 'ngày 10 tháng 6 năm 2024'",
) -> ParseError:
    if suggestions:
        en += f"; did you mean {_n.or_list(suggestions, 'or')}?"
        vi += f"; có phải là {_n.or_list(suggestions, 'hay')}?"
    return ParseError(en, vi, text=text, expected=expected, suggestions=suggestions)


def parse_date(text: str) -> dt.date:
    """Read a date in one of the forms found in reports.

    The short form ``15/12/2023`` or ``27/3/2021`` (day/month/year in full), and the long
    form ``ngày 10 tháng 6 năm 2024`` (*ngày* optional, any case), with or without
    leading zeros. The inverse of :func:`format_admin_date` and :func:`format_short_date`.

    Args:
        text: The date as written.

    Returns:
        The date.

    Raises:
        ParseError: ``text`` is in no such form or names no real day; ``10-6-2024``,
            ``2024-06-10``, ``10/6/24`` and babel's ``10 tháng 6, 2024`` are refused
            with a suggestion.
        ValueTypeError: ``text`` is not a ``str``.

    >>> parse_date("15/12/2023"), parse_date("Ngày 03 tháng 01 năm 2024")
    (datetime.date(2023, 12, 15), datetime.date(2024, 1, 3))
    >>> parse_date("2024-06-10")
    Traceback (most recent call last):
        ...
    cchc_model.ParseError: '2024-06-10' is not a date as Vietnamese documents
        write it ...; did you mean '10/6/2024'?
    >>> parse_date("30/02/2024")
    Traceback (most recent call last):
        ...
    cchc_model.ParseError: '30/02/2024' names no real day: ...
    """
    original = _n.check_text(text)
    if len(original) <= _MAX_SHORT:
        for pattern in (_SHORT_DATE, _LONG_DATE):
            match = pattern.fullmatch(original)
            if match is not None:
                date = _date_of(match)
                if date is None:
                    raise _date_error(
                        original,
                        f"{original!r} names no real day: {match['d']}/{match['m']}/{match['y']}",
                        f"{original!r} không phải là ngày có thật: "
                        f"{match['d']}/{match['m']}/{match['y']}",
                    )
                return date
    suggestions: tuple[str, ...] = ()
    en_hint = vi_hint = ""
    if len(original) <= _MAX_SHORT:
        place_date = _PLACE_DATE.fullmatch(original)
        if place_date is not None and _LONG_DATE.fullmatch(place_date["date"]):
            suggestions = (place_date["date"],)
            en_hint = " (for a place and a date, use parse_place_date)"
            vi_hint = " (địa danh và ngày: dùng parse_place_date)"
        for pattern, long in _OTHER_DATES:
            match = pattern.fullmatch(original)
            date = _date_of(match) if match is not None else None
            if date is not None:
                suggestions = (_admin_date(date) if long else format_short_date(date),)
    raise _date_error(
        original,
        f"{_n.shown(original)} is not a date as Vietnamese documents write it"
        f" ('15/12/2023' or 'ngày 10 tháng 6 năm 2024'){en_hint}",
        f"{_n.shown(original)} không phải là ngày viết theo cách của văn bản tiếng Việt"
        f" ('15/12/2023' hoặc 'ngày 10 tháng 6 năm 2024'){vi_hint}",
        suggestions,
    )


def parse_place_date(text: str) -> tuple[str, dt.date]:
    """Read a place and date of issue; the inverse of :func:`format_place_date`.

    Args:
        text: ``"<place>, ngày … tháng … năm …"``.

    Returns:
        The place (white space collapsed) and the date.

    Raises:
        ParseError: ``text`` is not a place, a comma and a long-form date; a short date
            after the comma is suggested the long form.
        ValueTypeError: ``text`` is not a ``str``.

    >>> parse_place_date("Hương Sơn, ngày 03 tháng 01 năm 2024")
    ('Hương Sơn', datetime.date(2024, 1, 3))
    >>> parse_place_date("Hương Sơn, 3/1/2024")
    Traceback (most recent call last):
        ...
    cchc_model.ParseError: 'Hương Sơn, 3/1/2024' is not a place and a date of issue
        ...; did you mean 'Hương Sơn, ngày 03 tháng 01 năm 2024'?
    >>> parse_place_date("Hương Sơn, ngày 01/10/2024")
    Traceback (most recent call last):
        ...
    cchc_model.ParseError: 'Hương Sơn, ngày 01/10/2024' is not a place and a date of issue
        ...; did you mean 'Hương Sơn, ngày 01 tháng 10 năm 2024'?
    """
    original = _n.check_text(text)
    match = _PLACE_DATE.fullmatch(original) if len(original) <= _MAX_SHORT else None
    if match is None or not _LONG_DATE.fullmatch(match["date"]):
        suggestions: tuple[str, ...] = ()
        place, comma, rest = original.rpartition(",")
        if comma and place.strip() and len(original) <= _MAX_SHORT:
            match_short = _SHORT_ISSUE.fullmatch(rest.strip())
            date = _date_of(match_short) if match_short is not None else None
            if date is not None:  # "Hà Nội, 10/6/2024", "Hà Nội, ngày 10/6/2024"
                suggestions = (f"{' '.join(place.split())}, {_admin_date(date)}",)
        raise _date_error(
            original,
            f"{_n.shown(original)} is not a place and a date of issue"
            " ('Hà Nội, ngày 10 tháng 6 năm 2024')",
            f"{_n.shown(original)} không phải là địa danh và thời gian ban hành văn bản"
            " ('Hà Nội, ngày 10 tháng 6 năm 2024')",
            suggestions,
            expected="a place and a date such as 'Hà Nội, ngày 10 tháng 6 năm 2024'",
        )
    try:
        date = parse_date(match["date"])
    except ParseError as error:  # the long form, but no real day
        raise ParseError(error.en, error.vi, text=original, expected=error.expected) from None
    return " ".join(match["place"].split()), date


# --- reporting periods ------------------------------------------------------------------


_LABELS: Final[Mapping[Period, str]] = MappingProxyType(
    {
        Period.Q1: "Quý I năm {}",
        Period.Q2: "Quý II năm {}",
        Period.Q3: "Quý III năm {}",
        Period.Q4: "Quý IV năm {}",
        Period.H1: "6 tháng đầu năm {}",
        Period.H2: "6 tháng cuối năm {}",
        Period.M9: "9 tháng năm {}",
        Period.YEAR: "năm {}",
    }
)
# (month, day) of the first day — in the previous year when the month is 12 — and of
# the last day of each period's data.


def _check_period(period: object, year: object) -> tuple[Period, int]:
    if not isinstance(period, Period):
        raise _n.type_error("period", "a cchc_model.vi.Period", period)
    if isinstance(year, bool) or not isinstance(year, int) or not _MIN_YEAR <= year <= _MAX_YEAR:
        raise _n.type_error("year", "an int from 1000 to 9999", year)
    return period, year


def format_period(period: Period, year: int) -> str:
    """Write a reporting period as report titles do.

    Args:
        period: The period.
        year: The year of the report, four digits.

    Returns:
        ``Quý I năm 2024`` … ``Quý IV năm 2024``, ``6 tháng đầu năm 2024``, ``6 tháng
        cuối năm 2024``, ``9 tháng năm 2024`` or ``năm 2024``.

    Raises:
        ValueTypeError: ``period`` is not a :class:`Period` or ``year`` not in 1000–9999.

    >>> [format_period(p, 2024) for p in (Period.Q4, Period.H2, Period.M9, Period.YEAR)]
    ['Quý IV năm 2024', '6 tháng cuối năm 2024', '9 tháng năm 2024', 'năm 2024']
    """
    checked, checked_year = _check_period(period, year)
    return _LABELS[checked].format(checked_year)


_YEAR: Final = r"(?P<year>[1-9][0-9]{3})"
_PERIOD_FORMS: Final = (
    (re.compile(rf"quý (?P<quarter>iv|iii|ii|i|[1-4])(?: năm |/| ?- ?){_YEAR}"), None),
    (re.compile(rf"(?:6|sáu) tháng đầu năm {_YEAR}"), Period.H1),
    (re.compile(rf"(?:6|sáu) tháng cuối năm {_YEAR}"), Period.H2),
    (re.compile(rf"(?:9|chín) tháng(?: đầu)? năm {_YEAR}"), Period.M9),
    (re.compile(rf"(?:cả )?năm {_YEAR}"), Period.YEAR),
)
_QUARTERS: Final = MappingProxyType(
    {"i": Period.Q1, "ii": Period.Q2, "iii": Period.Q3, "iv": Period.Q4}
    | {"1": Period.Q1, "2": Period.Q2, "3": Period.Q3, "4": Period.Q4}
)
_SIX_MONTHS: Final = re.compile(rf"(?:6|sáu) tháng(?: năm)? {_YEAR}")
_BARE_YEAR: Final = re.compile(_YEAR)


def parse_period(text: str) -> tuple[Period, int]:
    """Read a reporting period from its label; the inverse of :func:`format_period`.

    Case and white space do not matter. Also read: ``Quý 1 năm 2024`` and ``Quý I/2024``,
    ``sáu tháng …``, ``9 tháng đầu năm 2024``, ``cả năm 2024``.

    Args:
        text: The label.

    Returns:
        The period and the year.

    Raises:
        ParseError: ``text`` is not a period label; ``6 tháng năm 2024`` (which half?)
            suggests both halves, ``2024`` suggests ``năm 2024``.
        ValueTypeError: ``text`` is not a ``str``.

    >>> parse_period("Quý II năm 2024"), parse_period("6 THÁNG ĐẦU NĂM 2024")
    ((<Period.Q2: 'q2'>, 2024), (<Period.H1: 'h1'>, 2024))
    >>> parse_period("6 tháng năm 2024")
    Traceback (most recent call last):
        ...
    cchc_model.ParseError: '6 tháng năm 2024' is not a reporting period ...;
        did you mean '6 tháng đầu năm 2024' or '6 tháng cuối năm 2024'?
    """
    original = _n.check_text(text)
    folded = " ".join(original.lower().split()) if len(original) <= _MAX_SHORT else ""
    for pattern, period in _PERIOD_FORMS:
        match = pattern.fullmatch(folded)
        if match is not None:
            found = period if period is not None else _QUARTERS[match["quarter"]]
            return found, int(match["year"])
    suggestions: tuple[str, ...] = ()
    if match := _SIX_MONTHS.fullmatch(folded):
        year = int(match["year"])
        suggestions = (format_period(Period.H1, year), format_period(Period.H2, year))
    elif match := _BARE_YEAR.fullmatch(folded):
        suggestions = (format_period(Period.YEAR, int(match["year"])),)
    en = (
        f"{_n.shown(original)} is not a reporting period ('Quý I năm 2024', '6 tháng đầu"
        " năm 2024', '6 tháng cuối năm 2024', '9 tháng năm 2024' or 'năm 2024')"
    )
    vi = (
        f"{_n.shown(original)} không phải là kỳ báo cáo ('Quý I năm 2024', '6 tháng đầu"
        " năm 2024', '6 tháng cuối năm 2024', '9 tháng năm 2024' hoặc 'năm 2024')"
    )
    if suggestions:
        en += f"; did you mean {_n.or_list(suggestions, 'or')}?"
        vi += f"; có phải là {_n.or_list(suggestions, 'hay')}?"
    raise ParseError(
        en, vi, text=original, expected="a reporting period label", suggestions=suggestions
    )


def period_window(period: Period, year: int) -> tuple[dt.date, dt.date]:
    """The first and last day of a period's data (*thời gian chốt số liệu*).

    Nghị định 09/2019/NĐ-CP, Điều 12 (*thời gian chốt số liệu báo cáo định kỳ*), where
    the regime sets no other dates:

    - quarterly report: from the 15th of the month before the quarter to the 14th of
      the quarter's last month (Quý I: 15/12 of the year before to 14/3);
    - 6-month report: *6 tháng đầu năm* from 15/12 of the year before to 14/6; *6
      tháng cuối năm* from 15/6 to 14/12 (given in the same point of Điều 12, and what
      the quarterly rule gives for Quý III and IV together);
    - annual report: from 15/12 of the year before to 14/12;
    - *9 tháng* is not in Điều 12: derived, from 15/12 of the year before (the start of
      the year's data) to 14/9 (the end of Quý III).

    Args:
        period: The period.
        year: The year of the report.

    Returns:
        The first and the last day, both included.

    Raises:
        ValueTypeError: As in :func:`format_period`.

    >>> period_window(Period.YEAR, 2024)
    (datetime.date(2023, 12, 15), datetime.date(2024, 12, 14))
    >>> period_window(Period.M9, 2024)
    (datetime.date(2023, 12, 15), datetime.date(2024, 9, 14))
    """
    checked, checked_year = _check_period(period, year)
    return checked.window(checked_year)  # the windows are the period's (WINDOWS)


# --- document numbers -------------------------------------------------------------------

#: The abbreviations of document types (*viết tắt tên loại văn bản*) and their names:
#: Nghị định 30/2020/NĐ-CP, Phụ lục III, for administrative documents, then ``NĐ``,
#: ``TT`` and ``TTLT`` for legal documents (*văn bản quy phạm pháp luật*). A *công văn*
#: has no abbreviation.
DOCUMENT_TYPES: Final = _d.DOCUMENT_TYPES

#: The abbreviations of the Party's document types (Hướng dẫn 36-HD/VPTW, 2018), as in
#: ``147-KH/HU``; ``TT`` is a *thông tri* there, ``QĐi`` a *quy định*.
PARTY_DOCUMENT_TYPES: Final = _d.PARTY_DOCUMENT_TYPES


def _check_document(instance: DocumentNumber, *_: object) -> None:
    _d.check_fields(attrs.asdict(instance))


@attrs.frozen(kw_only=True)
class DocumentNumber:
    """The number and symbol of a document (*số, ký hiệu văn bản*).

    Written ``number[/year]/[doc_type-]issuer[-unit]`` (``341/BC-UBND``,
    ``45/2016/QĐ-TTg``, ``123/UBND-VP``), or ``number-doc_type/issuer`` for the Party
    (``147-KH/HU``). The fields are in the written order; ``str()`` writes the number.

    Attributes:
        number: The sequence number in the issuer's register, from 1.
        year: The year written in the number (``45/2016/QĐ-TTg``), if any.
        doc_type: A key of :data:`DOCUMENT_TYPES` (of :data:`PARTY_DOCUMENT_TYPES`
            when ``party``), such as ``"BC"``; ``None`` for a *công văn*.
        issuer: The issuer's abbreviation (``"UBND"``, ``"TTg"``, ``"BNV-BTC"``).
        unit: For a *công văn*, the drafting unit or the field (``"VP"``).
        party: Whether it is a Party document.

    Raises:
        ValueTypeError: A field of the wrong type, an unknown type abbreviation, or
            fields that do not go together (a ``unit`` on a typed document).

    >>> doc = DocumentNumber(number=6, doc_type="QĐ", issuer="UBND")
    >>> str(doc), doc.doc_type_name
    ('06/QĐ-UBND', 'Quyết định')
    >>> DocumentNumber(number=6, doc_type="XX", issuer="UBND")
    Traceback (most recent call last):
        ...
    cchc_model.ValueTypeError: doc_type: expected None or an abbreviation of
        Nghị định 30/2020/NĐ-CP Phụ lục III, got 'XX'
    """

    number: int
    year: int | None = None
    doc_type: str | None = None
    issuer: str
    unit: str | None = None
    party: bool = attrs.field(default=False, validator=_check_document)

    @property
    def doc_type_name(self) -> str:
        """The full name of the document type; *Công văn* when there is none.

        >>> parse_document_number("147-TT/HU").doc_type_name
        'Thông tri'
        """
        if self.doc_type is None:
            return "Công văn"
        return (PARTY_DOCUMENT_TYPES if self.party else DOCUMENT_TYPES)[self.doc_type]

    def __str__(self) -> str:
        """Write the number as :func:`format_document_number` does."""
        return format_document_number(self)


def format_document_number(document: DocumentNumber, *, prefix: bool = False) -> str:
    """Write a document's number and symbol (*số, ký hiệu văn bản*).

    Nghị định 30/2020/NĐ-CP, Phụ lục I, Phần I, Mục II, khoản 3: a number below 10 takes
    a leading zero; ``/`` separates the number and the symbol, ``-`` the groups of the
    symbol, without spaces; the symbol of a *công văn* is the issuer's abbreviation and
    the drafting unit's. The Party form ``147-KH/HU`` follows Hướng dẫn 36-HD/VPTW.

    Args:
        document: The parts, as :func:`parse_document_number` returns them.
        prefix: Start with *Số:* as a document header does (*Số* for the Party).

    Returns:
        The number and symbol.

    Raises:
        ValueTypeError: ``document`` is not a :class:`DocumentNumber`.

    >>> format_document_number(DocumentNumber(number=6, doc_type="QĐ", issuer="UBND"), prefix=True)
    'Số: 06/QĐ-UBND'
    >>> format_document_number(DocumentNumber(number=45, year=2016, doc_type="QĐ", issuer="TTg"))
    '45/2016/QĐ-TTg'
    >>> format_document_number(DocumentNumber(number=123, issuer="UBND", unit="VP"))
    '123/UBND-VP'
    >>> format_document_number(DocumentNumber(number=147, doc_type="KH", issuer="HU", party=True))
    '147-KH/HU'
    """
    checked = _check_document_arg(document)
    if not isinstance(prefix, bool):
        raise _n.type_error("prefix", "a bool", prefix)
    fields = _d.Fields(
        number=checked.number,
        year=checked.year,
        doc_type=checked.doc_type,
        issuer=checked.issuer,
        unit=checked.unit,
        party=checked.party,
    )
    return _d.write(fields, prefix=prefix)


def _check_document_arg(document: object) -> DocumentNumber:
    if not isinstance(document, DocumentNumber):
        hint = "build one with DocumentNumber(number=..., doc_type=..., issuer=...)"
        raise _n.type_error("document", "a DocumentNumber", document, hint)
    return document


def parse_document_number(text: str) -> DocumentNumber:
    """Read a document's number and symbol; the inverse of :func:`format_document_number`.

    A leading *Số:* or *Số* is allowed, and so is a number without its leading zero
    (``6/QĐ-UBND``, common before 2020). After the ``/``, a first group found in
    :data:`DOCUMENT_TYPES` is the type and the rest the issuer; otherwise the first group
    is the issuer of a *công văn* and the rest its unit. The list decides: a *công văn*
    whose issuer's abbreviation is also a type (``CT``) reads as that type.

    Args:
        text: The number as written.

    Returns:
        The parts.

    Raises:
        ParseError: ``text`` is not a document number. A type without its *Đ* or in the
            wrong case (``06/QD-UBND``), or spaces (``06 / QĐ - UBND``), are suggested
            the right form.
        ValueTypeError: ``text`` is not a ``str``.

    >>> parse_document_number("341/BC-UBND")
    DocumentNumber(number=341, year=None, doc_type='BC', issuer='UBND', unit=None, party=False)
    >>> parse_document_number("Số: 61/2018/NĐ-CP").doc_type_name
    'Nghị định'
    >>> parse_document_number("123/UBND-VP").unit, parse_document_number("147-KH/HU").party
    ('VP', True)
    >>> parse_document_number("06/QD-UBND")
    Traceback (most recent call last):
        ...
    cchc_model.ParseError: '06/QD-UBND' is not a document number ...:
        'QD' is not a document type; did you mean '06/QĐ-UBND'?
    """
    return DocumentNumber(**_d.read(_n.check_text(text)))
