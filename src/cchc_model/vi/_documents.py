"""The grammar of document numbers (*số, ký hiệu văn bản*) and the type abbreviations.

Private to :mod:`cchc_model.vi`, which documents the rules and re-exports the tables.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final, TypedDict

from .._model.errors import ParseError
from ._numbers import or_list, shown, type_error

__all__ = [
    "DOCUMENT_TYPES",
    "PARTY_DOCUMENT_TYPES",
    "Fields",
    "check_fields",
    "read",
    "write",
]

#: Nghị định 30/2020/NĐ-CP, Phụ lục III (*viết tắt tên loại văn bản*), then the legal
#: documents' NĐ, TT and TTLT as their numbers write them.
DOCUMENT_TYPES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "NQ": "Nghị quyết",
        "QĐ": "Quyết định",
        "CT": "Chỉ thị",
        "QC": "Quy chế",
        "QyĐ": "Quy định",
        "TC": "Thông cáo",
        "TB": "Thông báo",
        "HD": "Hướng dẫn",
        "CTr": "Chương trình",
        "KH": "Kế hoạch",
        "PA": "Phương án",
        "ĐA": "Đề án",
        "DA": "Dự án",
        "BC": "Báo cáo",
        "BB": "Biên bản",
        "TTr": "Tờ trình",
        "HĐ": "Hợp đồng",
        "CĐ": "Công điện",
        "BGN": "Bản ghi nhớ",
        "BTT": "Bản thỏa thuận",
        "GUQ": "Giấy ủy quyền",
        "GM": "Giấy mời",
        "GGT": "Giấy giới thiệu",
        "GNP": "Giấy nghỉ phép",
        "PG": "Phiếu gửi",
        "PC": "Phiếu chuyển",
        "PB": "Phiếu báo",
        "NĐ": "Nghị định",
        "TT": "Thông tư",
        "TTLT": "Thông tư liên tịch",
    }
)

#: Hướng dẫn 36-HD/VPTW (2018) on the format of Party documents.
PARTY_DOCUMENT_TYPES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "NQ": "Nghị quyết",
        "QĐ": "Quyết định",
        "CT": "Chỉ thị",
        "KL": "Kết luận",
        "QC": "Quy chế",
        "QĐi": "Quy định",
        "TT": "Thông tri",
        "HD": "Hướng dẫn",
        "CTr": "Chương trình",
        "ĐA": "Đề án",
        "KH": "Kế hoạch",
        "BC": "Báo cáo",
        "TB": "Thông báo",
        "TTr": "Tờ trình",
        "BB": "Biên bản",
        "CV": "Công văn",
    }
)

#: One abbreviation: Latin letters in any case (*TTg*, *TTr*), *Đ*/*đ*, and digits
#: (*QH13*), starting with a letter. Abbreviations carry no other diacritics.
_WORD: Final = r"[A-Za-zĐđ][A-Za-zĐđ0-9]*"
_SYMBOL: Final = rf"{_WORD}(?:-{_WORD})*"
_SYMBOL_RE: Final = re.compile(_SYMBOL)
_DOCUMENT: Final = re.compile(
    rf"(?:(?i:số)\s*:?\s*)?(?P<number>[0-9]+)"
    rf"(?:-(?P<party_type>{_WORD})/(?P<party_issuer>{_SYMBOL})"
    rf"|(?:/(?P<year>[0-9]{{4}}))?/(?P<symbol>{_SYMBOL}))"
)
_MIN_YEAR: Final = 1000
_MAX_YEAR: Final = 9999
_LONGEST: Final = 200


class Fields(TypedDict):
    """The parts of a document number, as ``DocumentNumber`` takes them."""

    number: int
    year: int | None
    doc_type: str | None
    issuer: str
    unit: str | None
    party: bool


def check_fields(fields: Mapping[str, object]) -> None:
    """Raise ``ValueTypeError`` for a field of the wrong type or fields that clash."""
    number, year = fields["number"], fields["year"]
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        raise type_error("number", "an int >= 1", number)
    if year is not None and (
        isinstance(year, bool) or not isinstance(year, int) or not _MIN_YEAR <= year <= _MAX_YEAR
    ):
        raise type_error("year", "None or an int from 1000 to 9999", year)
    if not isinstance(fields["party"], bool):
        raise type_error("party", "a bool", fields["party"])
    _check_symbol("issuer", fields["issuer"], optional=False)
    _check_symbol("unit", fields["unit"], optional=True)
    doc_type, party = fields["doc_type"], fields["party"]
    types = PARTY_DOCUMENT_TYPES if party else DOCUMENT_TYPES
    if (party or doc_type is not None) and doc_type not in types:
        source = "Hướng dẫn 36-HD/VPTW" if party else "Nghị định 30/2020/NĐ-CP Phụ lục III"
        none = "" if party else "None or "
        raise type_error("doc_type", f"{none}an abbreviation of {source}", doc_type)
    if fields["unit"] is not None and (doc_type is not None or party):
        raise type_error("unit", "None unless the document is a công văn", fields["unit"])
    if party and year is not None:
        raise type_error("year", "None for a Party document", year)


def _check_symbol(name: str, value: object, *, optional: bool) -> None:
    if optional and value is None:
        return
    if not isinstance(value, str) or _SYMBOL_RE.fullmatch(value) is None:
        expected = "an abbreviation of letters and digits, groups joined by '-'"
        raise type_error(name, f"None or {expected}" if optional else expected, value)


def write(fields: Fields, *, prefix: bool) -> str:
    """Write the number and symbol (Nghị định 30/2020/NĐ-CP, Phụ lục I, khoản 3)."""
    number = f"{fields['number']:02d}"  # "với những số nhỏ hơn 10 phải ghi thêm số 0"
    if fields["party"]:
        return f"{'Số ' if prefix else ''}{number}-{fields['doc_type']}/{fields['issuer']}"
    parts = (fields["doc_type"], fields["issuer"], fields["unit"])
    symbol = "-".join(part for part in parts if part)
    year = f"/{fields['year']}" if fields["year"] is not None else ""
    return f"{'Số: ' if prefix else ''}{number}{year}/{symbol}"


def _fold(word: str) -> str:
    return word.upper().replace("Đ", "D")


def _error(text: str, reason: tuple[str, str], suggestions: tuple[str, ...] = ()) -> ParseError:
    en = f"{shown(text)} is not a document number ('341/BC-UBND', '45/2016/QĐ-TTg'){reason[0]}"
    vi = f"{shown(text)} không phải là số, ký hiệu văn bản ('341/BC-UBND'){reason[1]}"
    if suggestions:
        en += f"; did you mean {or_list(suggestions, 'or')}?"
        vi += f"; có phải là {or_list(suggestions, 'hay')}?"
    expected = "a document number such as '341/BC-UBND'"
    return ParseError(en, vi, text=text, expected=expected, suggestions=suggestions)


def read(text: str) -> Fields:
    """Split a document number into its fields, or raise ``ParseError``."""
    match = _DOCUMENT.fullmatch(text) if len(text) <= _LONGEST else None
    if match is None:
        squeezed = "".join(text.split())
        suggestions: tuple[str, ...] = ()
        if squeezed != text and len(text) <= _LONGEST and _DOCUMENT.fullmatch(squeezed):
            try:
                suggestions = (write(read(squeezed), prefix=False),)
            except ParseError as without_spaces:  # "06 / QD - UBND": both mistakes
                suggestions = without_spaces.suggestions
        raise _error(text, ("", ""), suggestions)
    fields = _fields(text, match)
    year = fields["year"]
    if fields["number"] < 1:
        raise _error(text, (": numbers start at 1", ": số bắt đầu từ 1"))
    if year is not None and not _MIN_YEAR <= year <= _MAX_YEAR:
        raise _error(text, (": no such year", ": năm không hợp lệ"))
    return fields


def _fields(text: str, match: re.Match[str]) -> Fields:
    number = int(match["number"])
    if match["party_type"] is not None:
        doc_type = match["party_type"]
        _check_type(text, match, doc_type, PARTY_DOCUMENT_TYPES, "party_type", required=True)
        issuer = match["party_issuer"]
        return Fields(
            number=number, year=None, doc_type=doc_type, issuer=issuer, unit=None, party=True
        )
    year = int(match["year"]) if match["year"] else None
    head, _, rest = match["symbol"].partition("-")
    if head in DOCUMENT_TYPES:
        if not rest:
            raise _error(text, (": the issuer is missing", ": thiếu cơ quan ban hành"))
        return Fields(number=number, year=year, doc_type=head, issuer=rest, unit=None, party=False)
    _check_type(text, match, head, DOCUMENT_TYPES, "symbol", required=False)
    return Fields(
        number=number, year=year, doc_type=None, issuer=head, unit=rest or None, party=False
    )


def _check_type(
    text: str,
    match: re.Match[str],
    word: str,
    types: Mapping[str, str],
    group: str,
    *,
    required: bool,
) -> None:
    """Refuse ``word`` if it is a known type miswritten (``QD``), or unknown but required."""
    if word in types:
        return
    # "QD" for "QĐ", "qđ" for "QĐ"; "DA" folds to both "ĐA" and "DA", so both are said.
    candidates = [t for t in types if _fold(t) == _fold(word)]
    if not candidates and not required:
        return  # the issuer of a công văn
    at, end = match.start(group), match.start(group) + len(word)
    suggestions = tuple(text[:at] + t + text[end:] for t in candidates)
    reason = (f": {word!r} is not a document type", f": {word!r} không phải là tên loại văn bản")
    raise _error(text, reason, suggestions)
