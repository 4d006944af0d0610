"""Strategies for single values: counts, decimals as written, codes, metadata, Vietnamese text.

Private to :mod:`cchc_model.strategies`, which documents and re-exports them. Every
strategy builds its values directly (never by filtering) and says what it shrinks
towards.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from decimal import Decimal
from typing import Final, Generic, TypeVar, cast

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from .._model.units import AdminLevel, Code
from ..vi import DOCUMENT_TYPES, PARTY_DOCUMENT_TYPES, DocumentNumber, MoneyUnit, Period

__all__ = [
    "AGENCY_FORMS",
    "Written",
    "agencies",
    "amounts",
    "codes",
    "counts",
    "decimal_of",
    "decimals",
    "document_numbers",
    "draw_decimal",
    "draw_int",
    "draw_year",
    "levels",
    "notes",
    "percentages",
    "periods",
    "person_names",
    "place_names",
    "report_dates",
    "texts",
    "written_amounts",
    "written_dates",
    "written_document_numbers",
    "written_numbers",
    "written_percentages",
    "written_periods",
    "years",
]

T = TypeVar("T")
C = TypeVar("C", bound=Code)


@attrs.frozen
class Written(Generic[T]):
    """A value and a text that writes it the way Vietnamese documents do.

    Attributes:
        text: The text, as a report or a document could write it (``"78,94%"``).
        value: What the text means (``Decimal("78.94")``).

    >>> Written("78,94%", Decimal("78.94")).value
    Decimal('78.94')
    """

    text: str
    value: T


def decimal_of(mantissa: int, places: int) -> Decimal:
    """``mantissa × 10**-places`` exactly, written with ``places`` decimals.

    Built from text: ``Decimal.scaleb`` would round to the context's 28 digits.

    >>> decimal_of(7010, 2), decimal_of(5, 0)
    (Decimal('70.10'), Decimal('5'))
    """
    return Decimal(f"{mantissa}E{-places}")


@functools.cache
def _ints(low: int, high: int) -> st.SearchStrategy[int]:
    return st.integers(low, high)


_EXACT_SPAN: Final = 4096
"""Ranges up to this size are drawn exactly; larger ones by scaling (see :func:`draw_int`)."""


def draw_int(draw: st.DrawFn, low: int, high: int) -> int:
    """Draw an ``int`` in ``[low, high]`` (``low >= 0``), shrinking towards ``low``.

    Building a new ``st.integers(low, high)`` for every draw costs more than the draw
    itself when the bounds change from report to report (a part bounded by its whole),
    so small ranges reuse one cached strategy each, and larger ones scale a draw of
    fixed width: ``low + raw × (span + 1) / 2**bits``, monotonic in ``raw``, so it
    shrinks as ``raw`` does.
    """
    span = high - low
    if span <= _EXACT_SPAN:
        return low + draw(_ints(0, span))
    bits = span.bit_length() + 8
    return low + (draw(_ints(0, 2**bits - 1)) * (span + 1) >> bits)


def _check_range(low: int, high: int, what: str) -> None:
    if low > high:
        raise InvalidArgument(f"{what}: min_value={low} is greater than max_value={high}")


def _check_places(places: tuple[int, int]) -> None:
    low, high = places
    if not 0 <= low <= high:
        raise InvalidArgument(f"places must be (low, high) with 0 <= low <= high, got {places}")


# --- numbers ------------------------------------------------------------------------------


def counts(min_value: int = 0, max_value: int = 300) -> st.SearchStrategy[int]:
    """A count (*Văn bản*, *Hồ sơ*, *Người*…): an ``int`` in ``[min_value, max_value]``.

    Shrinks towards ``min_value`` (0 by default).

    >>> from hypothesis import find
    >>> find(counts(), lambda n: n > 10)
    11
    """
    _check_range(min_value, max_value, "counts")
    return st.integers(min_value, max_value)


def decimals(
    min_value: int = 0, max_value: int = 100, *, places: tuple[int, int] = (0, 2)
) -> st.SearchStrategy[Decimal]:
    """A decimal as a report writes it: between the bounds, with 0–2 written decimals.

    The exponent is the number of decimals written: ``Decimal("70.10")`` keeps its zero,
    and ``Decimal("100")`` has none, as *100* in a report.

    Args:
        min_value: The smallest value (a whole number).
        max_value: The largest value (a whole number).
        places: The fewest and the most decimals written.

    Shrinks towards the bound nearest 0, written with the fewest decimals.

    >>> from hypothesis import find
    >>> value = find(decimals(), lambda d: d > 50)
    >>> 50 < value <= 51, -value.as_tuple().exponent <= 2
    (True, True)
    """
    _check_range(min_value, max_value, "decimals")
    _check_places(places)
    return _decimals(min_value, max_value, places)


@functools.cache
def _decimals(
    min_value: int, max_value: int, places: tuple[int, int]
) -> st.SearchStrategy[Decimal]:
    @st.composite
    def decimals(draw: st.DrawFn) -> Decimal:
        return draw_decimal(draw, min_value, max_value, places)

    return decimals()


def draw_decimal(
    draw: st.DrawFn, min_value: int, max_value: int, places: tuple[int, int]
) -> Decimal:
    """Draw what :func:`decimals` makes, inside a composite strategy (see :func:`draw_int`)."""
    written = draw(_ints(*places))
    scale = 10**written
    low, high = min_value * scale, max_value * scale
    if low >= 0:
        mantissa = draw_int(draw, low, high)
    elif high <= 0:
        mantissa = -draw_int(draw, -high, -low)
    else:
        mantissa = draw(_ints(low, high))
    return decimal_of(mantissa, written)


def percentages(places: tuple[int, int] = (0, 2)) -> st.SearchStrategy[Decimal]:
    """A percentage in ``[0, 100]`` as the templates write it (``78.94``, ``100``, ``70.1``).

    Shrinks towards ``Decimal("0")``.

    >>> from hypothesis import find
    >>> find(percentages(), lambda p: p > 99) <= 100
    True
    """
    return decimals(0, 100, places=places)


def amounts(
    max_value: int = 1_000_000, places: tuple[int, int] = (0, 2)
) -> st.SearchStrategy[Decimal]:
    """An amount of money in *triệu đồng* (PL7), never negative, with 0–2 decimals.

    Never three decimals by default: ``3,887`` triệu đồng is what the built-in rule
    ``PL7.plausible.1.1`` asks a unit to confirm; at most 1 000 000 triệu đồng (1 000 tỷ
    đồng) by default, what ``PL7.scale.1.1`` allows a commune.

    Shrinks towards ``Decimal("0")``.

    >>> from hypothesis import find
    >>> amount = find(amounts(), lambda a: a > 1000)
    >>> amount > 1000, -amount.as_tuple().exponent in (0, 1, 2)
    (True, True)
    """
    return decimals(0, max_value, places=places)


def codes(code_list: type[C]) -> st.SearchStrategy[C]:
    """A member of a code list (``YesNo``, ``SurveyMethod``…).

    Shrinks towards the member with the smallest value (``YesNo.NO``).

    >>> from cchc_model import YesNo
    >>> from hypothesis import find
    >>> find(codes(YesNo), lambda _: True)
    <YesNo.NO: 0>
    """
    given: object = code_list
    if not (isinstance(given, type) and issubclass(given, Code)):
        raise InvalidArgument(f"codes() takes a code list such as YesNo, got {code_list!r}")
    return cast("st.SearchStrategy[C]", _codes(code_list))


@functools.cache
def _codes(code_list: type[Code]) -> st.SearchStrategy[Code]:
    return st.sampled_from(sorted(code_list, key=int))


def levels() -> st.SearchStrategy[AdminLevel]:
    """An administrative level.

    Shrinks towards ``AdminLevel.PROVINCE`` (every row asked), then the department.

    >>> from hypothesis import find
    >>> find(levels(), lambda level: level.value.endswith("t"))
    <AdminLevel.DEPARTMENT: 'department'>
    """
    return st.sampled_from(tuple(AdminLevel))


def periods() -> st.SearchStrategy[Period]:
    """A reporting period.

    Shrinks towards ``Period.Q1``, in the order quarters, halves, nine months, year.

    >>> from hypothesis import find
    >>> find(periods(), lambda period: period.value.startswith("h"))
    <Period.H1: 'h1'>
    """
    return st.sampled_from(tuple(Period))


def years(min_value: int = 2016, max_value: int = 2035) -> st.SearchStrategy[int]:
    """A reporting year.

    Shrinks towards 2024 (the year of the reference report), then the years after it.

    >>> from hypothesis import find
    >>> find(years(), lambda year: year < 2020) in range(2016, 2020)
    True
    """
    _check_range(min_value, max_value, "years")
    return _years(min_value, max_value)


@functools.cache
def _years(min_value: int, max_value: int) -> st.SearchStrategy[int]:
    @st.composite
    def years(draw: st.DrawFn) -> int:
        return draw_year(draw, min_value, max_value)

    return years()


_ANCHOR_YEAR: Final = 2024


def draw_year(draw: st.DrawFn, min_value: int, max_value: int) -> int:
    """Draw a year in ``[min_value, max_value]``: 2024 first, then later years, then earlier."""
    anchor = min(max(_ANCHOR_YEAR, min_value), max_value)
    step = draw_int(draw, 0, max_value - min_value)
    later = max_value - anchor
    return anchor + step if step <= later else anchor - (step - later)


def report_dates(period: Period, year: int) -> st.SearchStrategy[dt.date]:
    """The date a report on ``period`` of ``year`` is signed: near the end of its data window.

    From 20 days before the last day of the data (report 341/BC-UBND on 6 months of
    2024 is dated 10 June, the window ending 14 June) to 45 days after it.

    Shrinks towards the last day of the window.

    >>> from hypothesis import find
    >>> find(report_dates(Period.H1, 2024), lambda date: date.month == 7)
    datetime.date(2024, 7, 1)
    """
    given: tuple[object, object] = (period, year)
    if not isinstance(given[0], Period) or type(given[1]) is not int:
        raise InvalidArgument(f"report_dates() takes a Period and a year, got {period!r}, {year!r}")
    return _report_dates(period, year)


@functools.cache
def _report_dates(period: Period, year: int) -> st.SearchStrategy[dt.date]:
    last = period.window(year)[1]
    return st.integers(-20, 45).map(lambda days: last + dt.timedelta(days=days))


# --- text -------------------------------------------------------------------------------

_CHARACTERS: Final = st.characters(codec="utf-8")
"""Every character a UTF-8 file can hold: all but the lone surrogates."""
_FORMULA_STARTS: Final = ("", "=", "-", "+", "@", "'", "\t", "\r", "=SUM(A1:A9)", "-1+2", "_x0041_")


def texts(max_size: int = 20) -> st.SearchStrategy[str]:
    """Any text a file can hold: every character but the lone surrogates.

    Shrinks towards ``""``.

    >>> from hypothesis import find
    >>> len(find(texts(), lambda text: len(text) >= 2))
    2
    """
    return st.text(_CHARACTERS, max_size=max_size)


def notes(*, realistic: bool = True) -> st.SearchStrategy[str]:
    """A note of the *Ghi chú* column.

    Args:
        realistic: Notes as units write them (*lĩnh vực đất đai 01 thủ tục*); with
            ``False``, any text, often starting like a spreadsheet formula (``=``,
            ``-``, ``@``, a tab…), for testing writers and readers.

    Shrinks towards the first realistic note, or towards ``"0"``.

    >>> from hypothesis import find
    >>> find(notes(), lambda note: "Không" in note)
    'Không phát sinh'
    """
    if realistic:
        return st.sampled_from(_NOTES)
    return st.builds(
        lambda start, rest: start + rest,
        st.sampled_from(_FORMULA_STARTS),
        st.text(_CHARACTERS, min_size=1, max_size=20),
    )


_NOTES: Final = (
    "Lĩnh vực khiếu nại tố cáo 05 thủ tục, đất đai 01 thủ tục",
    "Số liệu lũy kế đến thời điểm báo cáo",
    "Không phát sinh",
    "Đang triển khai",
    "Theo Quyết định số 04/QĐ-UBND ngày 09/01/2024",
    "Bao gồm cả hồ sơ tiếp nhận qua dịch vụ bưu chính công ích",
)

_PLACES: Final = (
    "Hương Sơn",
    "Nam Đông",
    "Thừa Thiên Huế",
    "Hà Nội",
    "Đà Nẵng",
    "Cần Thơ",
    "Quảng Trị",
    "Phú Vang",
    "Lộc Bình",
    "Ea H'leo",
    "Phường 1, Quận 3",
)
# fmt: off
_SYLLABLES: Final = (
    "an", "hà", "hải", "hòa", "hưng", "khánh", "lâm", "lộc", "long", "minh", "nam", "nghĩa",
    "ninh", "phong", "phú", "phước", "quang", "sơn", "tân", "thạnh", "thành", "thuận", "tiến",
    "trung", "vân", "vĩnh", "xuân", "yên", "đông", "đức", "bình", "cát", "điền", "giang",
)
# fmt: on


def place_names() -> st.SearchStrategy[str]:
    """A Vietnamese place name: a real one, two or three syllables, or a ward of a district.

    Shrinks towards ``"Hương Sơn"``.

    >>> from hypothesis import find
    >>> find(place_names(), lambda place: "," in place).startswith("Phường 1, Quận")
    True
    """
    return _PLACE_NAMES


_PLACE_NAMES: Final = (
    st.sampled_from(_PLACES)
    | st.lists(st.sampled_from(_SYLLABLES), min_size=2, max_size=3).map(
        lambda words: " ".join(w.capitalize() for w in words)
    )
    | st.builds("Phường {}, Quận {}".format, st.integers(1, 20), st.integers(1, 12))
)

_SURNAMES: Final = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Hồ", "Võ", "Đặng", "Bùi", "Đỗ")
_MIDDLE: Final = ("Văn", "Thị", "Thanh", "Minh", "Đức", "Ngọc", "Hữu", "Quang")
_GIVEN: Final = ("Nghi", "An", "Bình", "Hà", "Hùng", "Lan", "Long", "Mai", "Phương", "Tuấn")


def person_names() -> st.SearchStrategy[str]:
    """A Vietnamese person's full name (surname, middle name, given name).

    Shrinks towards ``"Nguyễn Văn Nghi"``.

    >>> from hypothesis import find
    >>> find(person_names(), lambda name: name.startswith("Trần"))
    'Trần Văn Nghi'
    """
    return _PERSON_NAMES


_PERSON_NAMES: Final = st.builds(
    lambda *parts: " ".join(parts),
    st.sampled_from(_SURNAMES),
    st.sampled_from(_MIDDLE),
    st.sampled_from(_GIVEN),
)


AGENCY_FORMS: Final = {
    AdminLevel.PROVINCE: ("UBND tỉnh {}", "UBND thành phố {}"),
    AdminLevel.DEPARTMENT: ("Sở Nội vụ tỉnh {}", "Sở Tư pháp tỉnh {}", "Sở Tài chính tỉnh {}"),
    AdminLevel.DISTRICT: ("UBND huyện {}", "UBND thị xã {}", "UBND quận {}"),
    AdminLevel.COMMUNE: ("UBND xã {}", "UBND phường {}", "UBND thị trấn {}"),
}


def agencies(level: AdminLevel) -> st.SearchStrategy[str]:
    """The name of an agency of ``level`` as the *của …* line writes it (``UBND xã Hương Sơn``).

    Shrinks towards the first form of the level with ``"Hương Sơn"``.

    >>> from hypothesis import find
    >>> find(agencies(AdminLevel.COMMUNE), lambda agency: "Nam Đông" in agency)
    'UBND xã Nam Đông'
    """
    return st.builds(str.format, st.sampled_from(AGENCY_FORMS[level]), place_names())


# --- document numbers ----------------------------------------------------------------------

# Real issuers first, then made-up ones of five letters or more, which cannot be taken for
# a document type (the longest, TTLT, has four) and so read back as the issuer.
_ISSUERS: Final = ("UBND", "HĐND", "SNV", "BNV", "BTC", "TTg", "CP", "VP", "QH13", "BCĐ", "TCT")
_PARTY_ISSUERS: Final = ("TW", "TU", "HU", "ĐU", "VPTW", "BTGTW", "UBKTTW")
_UPPER: Final = "ABCDEGHIKLMNOPQRSTUVXYĐ"
_WORD_CHARS: Final = _UPPER + "abcdeghiklmnopqrstuvxyđ0123456789"


def _made_up_issuers() -> st.SearchStrategy[str]:
    return st.builds(
        lambda first, rest: first + rest,
        st.sampled_from(_UPPER),
        st.text(st.sampled_from(_WORD_CHARS), min_size=4, max_size=7),
    )


def _issuers() -> st.SearchStrategy[str]:
    return st.sampled_from(_ISSUERS) | _made_up_issuers()


def _symbols() -> st.SearchStrategy[str]:
    return st.lists(_issuers(), min_size=1, max_size=3).map("-".join)


def document_numbers(
    *, party: bool | None = False, doc_type: str | None = None
) -> st.SearchStrategy[DocumentNumber]:
    """A document number (*số, ký hiệu văn bản*) such as ``341/BC-UBND`` or ``45/2016/QĐ-TTg``.

    Args:
        party: ``False``: state documents (typed ones and *công văn*); ``True``: Party
            documents (``147-KH/HU``); ``None``: either.
        doc_type: Only this type (a key of :data:`~cchc_model.vi.DOCUMENT_TYPES`, or of
            :data:`~cchc_model.vi.PARTY_DOCUMENT_TYPES` with ``party=True``).

    Shrinks towards number 1 of the first type issued by ``UBND`` (``01/BB-UBND``).

    >>> from hypothesis import find
    >>> str(find(document_numbers(doc_type="BC"), lambda d: d.number > 340))
    '341/BC-UBND'
    """
    types = PARTY_DOCUMENT_TYPES if party else DOCUMENT_TYPES
    if doc_type is not None and (party is None or doc_type not in types):
        raise InvalidArgument(f"doc_type={doc_type!r} is not a type of the documents asked for")
    numbers = st.integers(1, 99_999)
    kinds = st.sampled_from(sorted(types)) if doc_type is None else st.just(doc_type)
    state = st.builds(
        DocumentNumber,
        number=numbers,
        year=st.none() | st.integers(1990, 2035),
        doc_type=kinds if party is not None else st.sampled_from(sorted(DOCUMENT_TYPES)),
        issuer=_symbols(),
    )
    cong_van = st.builds(
        DocumentNumber,
        number=numbers,
        year=st.none() | st.integers(1990, 2035),
        issuer=_issuers(),
        unit=st.none() | _symbols(),
    )
    party_docs = st.builds(
        DocumentNumber,
        number=numbers,
        doc_type=kinds if party else st.sampled_from(sorted(PARTY_DOCUMENT_TYPES)),
        issuer=st.sampled_from(_PARTY_ISSUERS) | _made_up_issuers(),
        party=st.just(value=True),
    )
    if party is None:
        return state | cong_van | party_docs
    if party:
        return party_docs
    return state if doc_type is not None else state | cong_van


# --- Vietnamese text for values -------------------------------------------------------------


def _group(digits: str) -> str:
    head = len(digits) % 3 or 3
    return ".".join([digits[:head], *(digits[i : i + 3] for i in range(head, len(digits), 3))])


@st.composite
def _number_text(draw: st.DrawFn, mantissa: int, places: int, *, pad: bool = True) -> str:
    """``mantissa × 10⁻ᵖˡᵃᶜᵉˢ`` written the Vietnamese way, grouped or not."""
    digits = str(abs(mantissa)).rjust(places + 1, "0")
    whole, fraction = digits[: len(digits) - places], digits[len(digits) - places :]
    plain = draw(st.booleans())  # shrinks to the grouped form, the official one
    if not plain:
        whole = _group(whole)
    elif pad and len(whole) == 1 and not mantissa < 0 and draw(st.booleans()):
        whole = "0" + whole  # "05 cuộc", "01 máy": a leading zero, as reports write counts
    sign = "-" if mantissa < 0 else ""
    return sign + whole + ("," + fraction if places else "")


def _spaces() -> st.SearchStrategy[str]:
    return st.sampled_from(("", " ", "  ", "\u00a0", "\t"))


def written_numbers(
    min_value: int = -(10**12), max_value: int = 10**12, *, places: tuple[int, int] = (0, 3)
) -> st.SearchStrategy[Written[int | Decimal]]:
    """A number as Vietnamese documents write it, with its value.

    ``.`` groups thousands (``2.715.925.699``) or there is no grouping (``2024``, and
    ``05`` with a leading zero as counts are written), ``,`` marks the decimals and keeps
    them (``70,10``), white space may surround it. The value is an ``int`` without
    decimals, else a ``Decimal`` of the written precision, as
    :func:`~cchc_model.vi.parse_number` returns it.

    Shrinks towards ``Written("0", 0)``.

    >>> from hypothesis import find
    >>> from cchc_model.vi import parse_number
    >>> written = find(written_numbers(), lambda w: w.value > 1000)
    >>> parse_number(written.text) == written.value
    True
    """
    _check_range(min_value, max_value, "written_numbers")
    _check_places(places)

    @st.composite
    def written_numbers(draw: st.DrawFn) -> Written[int | Decimal]:
        written = draw(st.integers(*places))
        scale = 10**written
        mantissa = draw(st.integers(min_value * scale, max_value * scale))
        body = draw(_number_text(mantissa, written))
        text = draw(_spaces()) + body + draw(_spaces())
        value: int | Decimal = decimal_of(mantissa, written) if written else mantissa
        return Written(text, value)

    return written_numbers()


def written_percentages(
    min_value: int = 0, max_value: int = 100, *, places: tuple[int, int] = (0, 2)
) -> st.SearchStrategy[Written[Decimal]]:
    """A percentage as reports write it (``78,94%``, ``100 %``), with its value in percent.

    Shrinks towards ``Written("0%", Decimal("0"))``.

    >>> from hypothesis import find
    >>> from cchc_model.vi import parse_percent
    >>> written = find(written_percentages(), lambda w: w.value > 50)
    >>> parse_percent(written.text) == written.value
    True
    """
    _check_range(min_value, max_value, "written_percentages")
    _check_places(places)

    @st.composite
    def written_percentages(draw: st.DrawFn) -> Written[Decimal]:
        written = draw(st.integers(*places))
        scale = 10**written
        mantissa = draw(st.integers(min_value * scale, max_value * scale))
        body = draw(_number_text(mantissa, written, pad=False))
        sign = draw(st.sampled_from(("%", " %")))
        return Written(body + sign, decimal_of(mantissa, written))

    return written_percentages()


_MONEY_SUFFIXES: Final = (
    (0, (" đồng", "đ", " đ", " ₫", " VNĐ", " VND", " vnđ")),
    (3, (" nghìn đồng", " ngàn đồng", " nghìn")),
    (6, (" triệu đồng", " triệu", " Triệu đồng")),
    (9, (" tỷ đồng", " tỉ đồng", " tỷ")),
)
_UNIT_EXPONENTS: Final = {"đồng": 0, "nghìn đồng": 3, "triệu đồng": 6, "tỷ đồng": 9}


def written_amounts(unit: MoneyUnit = "đồng") -> st.SearchStrategy[Written[Decimal]]:
    """An amount of money as documents write it, with its value in ``unit``.

    ``2.715.925.699 đồng``, ``1.500.000đ``, ``2,7 tỷ đồng``, ``3,887 triệu``, or a bare
    number meaning ``unit`` (as in a column headed *Triệu đồng*). Every amount is a whole
    number of *xu* (0,01 đồng), as :func:`~cchc_model.vi.parse_money` requires.

    Shrinks towards ``Written("0 đồng", Decimal("0"))``.

    >>> from hypothesis import find
    >>> from cchc_model.vi import parse_money
    >>> written = find(written_amounts("triệu đồng"), lambda w: "tỷ" in w.text)
    >>> parse_money(written.text, "triệu đồng") == written.value
    True
    """
    if unit not in _UNIT_EXPONENTS:
        raise InvalidArgument(f"unit must be one of {', '.join(_UNIT_EXPONENTS)}, got {unit!r}")
    unit_exponent = _UNIT_EXPONENTS[unit]

    @st.composite
    def written_amounts(draw: st.DrawFn) -> Written[Decimal]:
        bare = draw(st.booleans())
        if bare:
            exponent, suffix = unit_exponent, ""
        else:
            exponent, forms = draw(st.sampled_from(_MONEY_SUFFIXES))
            suffix = draw(st.sampled_from(forms))
        written = draw(st.integers(0, min(exponent + 2, 4)))  # never finer than one xu
        mantissa = draw(st.integers(0, 10**15))
        body = draw(_number_text(mantissa, written, pad=False))
        places = written - exponent + unit_exponent
        value = decimal_of(mantissa, places) if places >= 0 else Decimal(mantissa * 10**-places)
        return Written(body + suffix, value)

    return written_amounts()


def written_dates(
    min_value: dt.date = dt.date(1000, 1, 1), max_value: dt.date = dt.date(9999, 12, 31)
) -> st.SearchStrategy[Written[dt.date]]:
    """A date as reports write it: ``15/12/2023``, ``3/1/2024``, ``ngày 10 tháng 6 năm 2024``.

    The short form with or without leading zeros; the long form with or without *ngày*,
    in any case and with leading zeros or not.

    Shrinks towards the short form of ``min_value``.

    >>> from hypothesis import find
    >>> from cchc_model.vi import parse_date
    >>> written = find(written_dates(), lambda w: "tháng" in w.text)
    >>> parse_date(written.text) == written.value
    True
    """

    @st.composite
    def written_dates(draw: st.DrawFn) -> Written[dt.date]:
        date = draw(st.dates(min_value, max_value))
        day = f"{date.day:02d}" if draw(st.booleans()) else str(date.day)
        month = f"{date.month:02d}" if draw(st.booleans()) else str(date.month)
        if not draw(st.booleans()):
            return Written(f"{day}/{month}/{date.year}", date)
        head = draw(st.sampled_from(("ngày ", "Ngày ", "NGÀY ", "")))
        text = f"{head}{day} tháng {month} năm {date.year}"
        if draw(st.booleans()):
            text = text.upper()
        return Written(text, date)

    return written_dates()


_QUARTER_NAMES: Final = {
    Period.Q1: ("I", "1"),
    Period.Q2: ("II", "2"),
    Period.Q3: ("III", "3"),
    Period.Q4: ("IV", "4"),
}
_PERIOD_FORMS: Final = {
    Period.H1: ("6 tháng đầu năm {}", "sáu tháng đầu năm {}"),
    Period.H2: ("6 tháng cuối năm {}", "sáu tháng cuối năm {}"),
    Period.M9: ("9 tháng năm {}", "9 tháng đầu năm {}", "chín tháng năm {}"),
    Period.YEAR: ("năm {}", "cả năm {}"),
}


def _as_written(text: str) -> str:
    return text


_CASES: Final[tuple[Callable[[str], str], ...]] = (_as_written, str.upper, str.lower)


def written_periods(
    min_year: int = 1000, max_year: int = 9999
) -> st.SearchStrategy[Written[tuple[Period, int]]]:
    """A reporting period as report titles write it: ``Quý I năm 2024``, ``6 tháng đầu năm 2024``.

    Also ``Quý 1/2024``, ``quý IV - 2024``, ``sáu tháng …``, ``cả năm …``, in any case.

    Shrinks towards ``Written("Quý I năm 1000", (Period.Q1, 1000))``.

    >>> from hypothesis import find
    >>> from cchc_model.vi import parse_period
    >>> written = find(written_periods(), lambda w: w.value[0] is Period.H2)
    >>> parse_period(written.text) == written.value
    True
    """
    _check_range(min_year, max_year, "written_periods")

    @st.composite
    def written_periods(draw: st.DrawFn) -> Written[tuple[Period, int]]:
        period = draw(periods())
        year = draw(st.integers(min_year, max_year))
        if period in _QUARTER_NAMES:
            name = draw(st.sampled_from(_QUARTER_NAMES[period]))
            joint = draw(st.sampled_from((" năm ", "/", " - ", "-")))
            text = f"Quý {name}{joint}{year}"
        else:
            text = draw(st.sampled_from(_PERIOD_FORMS[period])).format(year)
        case = draw(st.sampled_from(_CASES))
        return Written(case(text), (period, year))

    return written_periods()


def written_document_numbers(
    *, party: bool | None = None
) -> st.SearchStrategy[Written[DocumentNumber]]:
    """A document number as documents write it: ``Số: 06/QĐ-UBND``, ``6/QĐ-UBND``, ``147-KH/HU``.

    With or without *Số:*, with the leading zero of a number below 10 or without it.

    Shrinks towards ``Written("01/BB-UBND", …)``.

    >>> from hypothesis import given, settings
    >>> from cchc_model.vi import parse_document_number
    >>> @settings(max_examples=10)
    ... @given(written_document_numbers())
    ... def test_read(written):
    ...     assert parse_document_number(written.text) == written.value
    >>> test_read()
    """

    @st.composite
    def written_document_numbers(draw: st.DrawFn) -> Written[DocumentNumber]:
        doc = draw(document_numbers(party=party))
        number = f"{doc.number:02d}" if not draw(st.booleans()) else str(doc.number)
        if doc.party:
            body = f"{number}-{doc.doc_type}/{doc.issuer}"
        else:
            year = f"/{doc.year}" if doc.year is not None else ""
            symbol = "-".join(p for p in (doc.doc_type, doc.issuer, doc.unit) if p)
            body = f"{number}{year}/{symbol}"
        prefix = draw(st.sampled_from(("", "Số: ", "Số ", "số:", "SỐ: ")))
        return Written(prefix + body, doc)

    return written_document_numbers()
