"""Reading a report as a document: its body for the metadata, its appendix tables for the values.

The Word, HTML and text readers each turn their file into the same simple model, a
sequence of :class:`Paragraph` and :class:`Grid` (a table, a cell merged down repeated
in every row it covers, one merged across columns in its first column), and
:func:`read_document` reads that model the same way for all of them:

- **The appendices**: an appendix starts at its heading *Phụ lục N* (a paragraph, or a
  row of its table); the paragraphs up to its table are its title (compared with the
  form's) and its *Kèm theo* line; its table's columns are found by their headers
  (one or two header rows, in any order, with extra columns), and each row goes
  through the one row pipeline (:func:`~cchc_model._io.cells.read_rows`). Tables
  before the first heading are not appendices: one that looks like a form is
  reported.
- **The metadata**, from the body (everything before the first appendix), where it
  says it:

  - ``agency`` and ``level``: the header block (*ỦY BAN NHÂN DÂN* / *XÃ HƯƠNG SƠN*,
    *UBND TỈNH …* / *SỞ NỘI VỤ*), the closing sentence (*Trên đây là báo cáo … của
    UBND xã Hương Sơn./.*), the line *Báo cáo số … của …* or the *Kèm theo* line of
    an appendix; a commune is a *xã*, *phường*, *thị trấn* or *đặc khu*, a district a
    *huyện*, *quận* or *thị xã*, a province a *tỉnh* (or a *thành phố* in a report
    after the reform of 1 July 2025, when no district is left), a department a *Sở*;
  - ``number``: *Số: 341/BC-UBND*; ``place`` and ``date``: *Hương Sơn, ngày 10 tháng
    6 năm 2024*; ``recipient``: *Kính gửi:*;
  - ``period`` and ``year``: the title (the paragraph after *BÁO CÁO*: *… 6 tháng đầu
    năm 2024*, *… quý III năm 2025*, *… năm 2024*), or a line *Kỳ báo cáo: …*;
  - ``signer_title`` and ``signer``: the block starting *TM.*, *KT.*, *Q.*, *TL.* or
    *TUQ.*, and the name under it;
  - ``district`` and ``province``: the header block above the agency, or the first
    *UBND huyện X* / *UBND tỉnh X* of the text;
  - any field on a line of its own as *label: value* with the labels of the metadata
    rows (*Kỳ báo cáo: 6 tháng đầu năm 2024*, *Mã đơn vị hành chính: 19897*);
  - ``period`` and ``year``, when the body does not say them: the title of an
    appendix (*BIỂU MẪU … 6 THÁNG ĐẦU NĂM 2024*, as the Word render writes it).

  The block *Thông tin báo cáo* (*Report information*) that the text, Markdown and
  HTML renders write, its heading then one line *label: value* per field, is read as
  it is: each field it has a line for is that line's value (a blank value a blank
  field), whatever else the document says (which, when it says otherwise, is a
  warning); a field whose line is gone is read as above. A Word document's custom
  properties (``carried``) give what the text does not say. What the document does
  not say is passed by the caller (``info=``, ``--info``), which wins over all of it.

Every pattern here runs on one line of at most :data:`MAX_LINE` characters, and none
nests quantifiers over characters two of them could both take: its time is linear in
the line.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Final, NoReturn

import attrs

from .. import vi
from .._model.catalog import Edition
from .._model.errors import ParseError, Problem
from .._model.report import Report
from .._model.units import AdminLevel
from .cells import (
    RowCells,
    TableStart,
    ValueChoice,
    Where,
    header_columns,
    read_rows,
    template_id,
    value_column,
)
from .reading import (
    Collector,
    Metadata,
    build_report,
    fold,
    loose_code,
    metadata_key,
    plain_code,
    resolve_edition,
    same_field,
)
from .table import COLUMNS, INFO_HEADING

__all__ = ["MAX_BLOCKS", "MAX_LINE", "Grid", "Paragraph", "expected_tables", "read_document"]

_REFORM: Final = AdminLevel.DISTRICT.until
"""The two-tier local government (no more districts) from this day on."""

MAX_LINE: Final = 500
"""The longest line read for metadata; longer ones are body text."""
MAX_BLOCKS: Final = 20_000
"""The most paragraphs and tables of a text or HTML document (a report has a few hundred)."""

_BODY_LINES: Final = 5_000
_TITLE_LINES: Final = 4
_HEADER_ROWS: Final = 6
_CELLS: Final = 5
_DEFAULT_COLUMNS: Final = {"code": 0, "title": 1, "unit": 2, "value": 3, "note": 4}
_PEOPLE: Final = r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)"
_KINDS: Final = (
    "xã",
    "phường",
    "thị trấn",
    "đặc khu",
    "huyện",
    "quận",
    "thị xã",
    "thành phố",
    "tỉnh",
)
_LEVELS: Final = {
    "xã": AdminLevel.COMMUNE,
    "phường": AdminLevel.COMMUNE,
    "thị trấn": AdminLevel.COMMUNE,
    "đặc khu": AdminLevel.COMMUNE,
    "huyện": AdminLevel.DISTRICT,
    "quận": AdminLevel.DISTRICT,
    "thị xã": AdminLevel.DISTRICT,
    "tỉnh": AdminLevel.PROVINCE,
}
_PEOPLES_COMMITTEE: Final = ("ubnd", "ủy ban nhân dân", "uỷ ban nhân dân")
# "thị xã" and "thị trấn" before "xã": the longest kind that starts the text is taken
_KIND_WORDS: Final = tuple(sorted(_KINDS, key=len, reverse=True))
_PERIOD_IN_TITLE: Final = re.compile(
    r"quý\s+(?:iv|iii|ii|i|[1-4])\b|(?:6|sáu)\s+tháng\s+(?:đầu|cuối)\s+năm|(?:9|chín)\s+tháng"
    r"|(?:cả\s+)?năm\s+[0-9]{4}",
    re.IGNORECASE,
)
_YEAR_IN_TITLE: Final = re.compile(r"(?:năm\s+|/\s*)([0-9]{4})\b", re.IGNORECASE)
_WHOLE_YEAR: Final = re.compile(r"(?:cả\s+)?năm\s+[0-9]{4}")
_TITLED_HEADING: Final = re.compile(
    r"(phụ lục\s{0,3}(?:số\s{1,3})?(?:[0-9]{1,2}|[ivx]{1,4}))\s{0,3}[:.\-–—]"
)
"""*phụ lục 2* followed by its title (folded, its first 40 characters)."""
_SIGNATURE: Final = re.compile(r"(?:TM|KT|Q|TL|TUQ)\s*\.\s*\S")
_NUMBERING: Final = re.compile(r"\(?([0-9]{1,2}|[A-Z])\)?")
_HEADER_WORDS: Final = ("stt", "chỉ tiêu", "đơn vị tính", "số liệu", "ghi chú", "kết quả thống kê")


@attrs.frozen
class Paragraph:
    """A paragraph of a document: its text (lines separated by line feeds) and where it is."""

    text: str
    where: str


@attrs.frozen
class Grid:
    """A table of a document: its rows of cell texts, and where each row is.

    A cell merged down is in every row it covers; a cell merged across columns is one
    cell, its text in its first column and the others empty: each row has a cell
    under each header.
    """

    rows: tuple[tuple[str, ...], ...]
    where: tuple[str, ...]


Block = Paragraph | Grid


def too_many_blocks(where: str, out: Collector) -> NoReturn:
    """Stop reading a document of more than :data:`MAX_BLOCKS` paragraphs and tables."""
    out.error(
        where,
        f"more than {MAX_BLOCKS:,} paragraphs and tables: refused",
        f"nhiều hơn {MAX_BLOCKS:,} đoạn văn và bảng: từ chối",
    )
    out.check()
    raise AssertionError  # pragma: no cover  # check() raised


def expected_tables(what: str, what_vi: str) -> tuple[str, str]:
    """What a document reader expected, for the message of a file with no value read."""
    columns = ", ".join(COLUMNS)
    en = (
        "the appendix tables (a heading 'Phụ lục 2' … 'Phụ lục 8', then a table with the"
        f" columns {columns}) {what}"
    )
    vi_ = (
        f"các bảng phụ lục (dòng 'Phụ lục 2' … 'Phụ lục 8', rồi bảng có các cột {columns})"
        f" {what_vi}"
    )
    return en, vi_


# --- lines of text ----------------------------------------------------------------------


def _lines(blocks: Iterable[Block]) -> list[tuple[str, str]]:
    """The lines of the body, ``(text, where)``; a blank line after each cell of a table."""
    lines: list[tuple[str, str]] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            lines.extend((line.strip(), block.where) for line in block.text.split("\n"))
        else:
            for cells, where in zip(block.rows, block.where, strict=True):
                seen: set[str] = set()
                for cell in cells:
                    if cell in seen:  # a merged cell, once
                        continue
                    seen.add(cell)
                    lines.extend((line.strip(), where) for line in cell.split("\n"))
                    lines.append(("", where))
    return lines[:_BODY_LINES]


def heading_number(text: str) -> int | None:
    """The appendix a heading names (``Phụ lục 2``, ``PHỤ LỤC II``), or ``None``.

    The heading may go on with its title after a colon, a dot or a dash (*Phụ lục 2:*,
    *Phụ lục 2. BIỂU MẪU …*, *Phụ lục 2 - Biểu mẫu …*); a sentence does not make one.

    >>> heading_number("PHỤ LỤC II"), heading_number("Phụ lục"), heading_number("2")
    (2, None, None)
    >>> heading_number("Phụ lục 2. BIỂU MẪU THỐNG KÊ"), heading_number("Phụ lục 3 kèm theo")
    (2, None)
    """
    if not fold(text[:40]).startswith("phụ lục"):
        return None
    tid = template_id(text)
    if tid is None and (titled := _TITLED_HEADING.match(fold(text[:40]))) is not None:
        tid = template_id(titled.group(1))
    return int(tid[2:]) if tid is not None else None


def _after(text: str, prefix: str) -> str | None:
    """``text`` after ``prefix`` (any case, then ``:``), or ``None`` when it does not start so."""
    if not fold(text[: len(prefix) + 2]).startswith(fold(prefix)):
        return None
    rest = text[len(prefix) :]
    if rest[:1] not in ("", " ", ":", "\t", "\xa0"):
        return None
    return rest.strip().removeprefix(":").strip()


# --- the metadata --------------------------------------------------------------------------


@attrs.define
class _Body:
    """What the body says beyond the fields it states: agency candidates, the title."""

    meta: Metadata
    closing: list[tuple[str, str]] = attrs.Factory(list)
    """``(agency, where)`` of the closing sentence."""
    agencies: list[tuple[str, str]] = attrs.Factory(list)
    """``(agency, where)`` of the lines *Báo cáo số … của …*."""
    header: list[tuple[str, str]] = attrs.Factory(list)
    """Agencies of the header block, the issuing one last."""
    title: list[str] = attrs.Factory(list)
    unknown: tuple[str, str] | None = None
    """The issuing agency of the header block when it cannot be told: its line, where."""
    guessed: bool = False
    """No title after *BÁO CÁO*: :attr:`title` is the body's first lines of text."""
    text: list[str] = attrs.Factory(list)
    """The lines that are not the number, the place-date or the recipient line."""
    short_date: tuple[str, str] | None = None
    """The first place-date line written short above the title, and where: read when no
    line in the long form is (:func:`_short_date`)."""

    @property
    def out(self) -> Collector:
        return self.meta.out


def _number_line(text: str, where: str, body: _Body) -> bool:
    """Read the *Số: …* line; whether ``text`` was it."""
    if not text.startswith("Số") or ":" not in text[:6]:
        return False
    written = text.partition(":")[2].strip()
    if body.meta.has("number") or not written[:1].isdigit():
        return True  # "Số: /BC-UBND" is a number left blank
    try:
        vi.parse_document_number(written)
    except ParseError as exc:
        body.out.warn(
            where,
            f"the number {written!r} is not a document number as Nghị định 30/2020"
            f" writes it ({exc.en}); kept as written",
            f"số {written!r} không đúng thể thức Nghị định 30/2020 ({exc.vi});"
            " giữ nguyên như đã viết",
            value=written,
        )
    body.meta.found("number", written, where)
    return True


def _date_line(text: str, where: str, meta: Metadata) -> bool:
    """Read the *Hương Sơn, ngày … tháng … năm …* line; whether ``text`` was it."""
    if meta.has("date") or "ngày" not in text or "năm" not in text or len(text) > 120:  # noqa: PLR2004  # a place and a date
        return False
    try:
        place, date = vi.parse_place_date(text)
    except ParseError:
        return False
    meta.found("place", place, where)
    meta.found("date", date, where)
    return True


_NOT_PLACES: Final = ("số", "v/v", "về việc", "kính gửi", "báo cáo", "kèm theo", "căn cứ")
"""How the header lines that are not a place begin (*V/v báo cáo, 01/10/2024*)."""


def _short_date_line(text: str) -> tuple[str, dt.date, str] | None:
    """``(place, date, long form)`` of a place-date line written short, or ``None``.

    *Hương Sơn, ngày 01/10/2024* and *Hương Sơn, 01/10/2024*: the date's form is not that
    of Nghị định 30/2020, whose long form :func:`vi.parse_place_date` suggests. The place
    is a name: no digit, no slash, not a line of the header that happens to end with a
    date (*V/v báo cáo, 01/10/2024*, *Số: 7/BC-UBND, …*).
    """
    if len(text) > 120 or "," not in text:  # noqa: PLR2004  # a place and a date
        return None
    place = text.rpartition(",")[0].strip()
    if (
        not place
        or len(place) > 60  # noqa: PLR2004  # a place's name
        or any(c.isdigit() or c == "/" for c in place)
        or fold(place).startswith(_NOT_PLACES)
    ):
        return None
    try:
        vi.parse_place_date(text)
    except ParseError as error:
        if len(error.suggestions) != 1:
            return None
        written = error.suggestions[0]
        parsed_place, date = vi.parse_place_date(written)
        return parsed_place, date, written
    return None  # the long form: _date_line's


def _short_in_header(text: str, where: str, index: int, body: _Body) -> bool:
    """Keep line ``index`` if it is the first place-date line written short, above the title.

    Below the title, a line ending with a date is a sentence (*Hội nghị sơ kết, ngày
    15/3/2024*).
    """
    if body.short_date is not None or index >= 40 or body.title:  # noqa: PLR2004  # lines
        return False
    if _short_date_line(text) is None:
        return False
    body.short_date = (text, where)
    return True


def _short_date(body: _Body) -> None:
    """Read the place-date line written short, with a warning giving the long form.

    Only when the body has one above its title, and no line in the long form was read.
    """
    meta = body.meta
    if body.short_date is None or meta.has("date"):
        return
    text, where = body.short_date
    found = _short_date_line(text)
    if found is None:  # pragma: no cover  # kept because it was one
        return
    place, date, written = found
    meta.out.warn(
        where,
        f"the place and date {text!r} are read as {written!r}, as Nghị định 30/2020 writes them",
        f"địa danh và ngày tháng {text!r} được đọc là {written!r}, theo cách viết của Nghị"
        " định 30/2020",
        value=text,
    )
    meta.found("place", place, where)
    meta.found("date", date, where)


def _recipient_line(text: str, following: list[str], where: str, meta: Metadata) -> bool:
    """Read the *Kính gửi:* line (or list); whether ``text`` was it."""
    recipient = _after(text, "Kính gửi")
    if recipient is None:
        return False
    if not recipient:  # the addressees follow, one a line
        listed = [line for line in following[:8] if line]
        recipient = "; ".join(
            item.lstrip("-+• ").strip() for item in listed if item.startswith(("-", "+", "•"))
        )
    if recipient:
        meta.found("recipient", recipient, where)
    return True


def report_reference(text: str) -> tuple[str, str, str] | None:
    """``(number, date, agency)`` of *Báo cáo số N ngày D của A* (a part may be blank).

    The *Kèm theo* line of an appendix says it in parentheses, the heading of a render
    as a line.

    >>> report_reference("(Kèm theo Báo cáo số: 341/BC-UBND ngày 10/6/2024 của UBND xã A)")
    ('341/BC-UBND', '10/6/2024', 'UBND xã A')
    >>> report_reference("Báo cáo ngày 10/6/2024 của UBND xã A")
    ('', '10/6/2024', 'UBND xã A')
    """
    text = text.strip().removeprefix("(").removesuffix(")").strip()
    rest = _after(text, "Kèm theo")
    rest = _after(rest if rest is not None else text, "Báo cáo")
    if rest is None or " của " not in f" {rest} ":
        return None
    head, _, agency = f" {rest} ".partition(" của ")
    number = date = ""
    if fold(head).startswith(" ngày") or " ngày " in f" {head} ":
        head, _, date = f" {head} ".partition(" ngày ")
    number = head.strip()
    if fold(number).startswith("số"):
        number = number[2:].strip().removeprefix(":").strip()
    return number, date.strip(), agency.strip()


def _closing(text: str) -> str | None:
    """The agency of the closing sentence (*Trên đây là báo cáo … của UBND xã A./.*)."""
    if not fold(text[:12]).startswith("trên đây là") or " của " not in text:
        return None
    agency = text.rpartition(" của ")[2].strip()
    agency = agency.rstrip("./ ").strip()
    return agency if agency and "." not in agency else None


def _kind_of(text: str) -> tuple[str, str] | None:
    """``(kind, name)`` of ``xã Hương Sơn`` / ``XÃ HƯƠNG SƠN``, or ``None``."""
    folded = text.casefold()
    for kind in _KIND_WORDS:
        if folded.startswith(kind) and folded[len(kind) : len(kind) + 1] in (" ", ""):
            return kind, text[len(kind) :].strip()
    return None


def _committee(text: str) -> str | None:
    """``text`` after *UBND* / *Ủy ban nhân dân* (any case), or ``None``."""
    for prefix in _PEOPLES_COMMITTEE:
        rest = _after(text, prefix)
        if rest is not None and text[len(prefix) : len(prefix) + 1] != ":":
            return rest
    return None


def agency_kind(agency: str) -> tuple[str, str] | None:
    """The kind and the name of an agency (``UBND xã Hương Sơn``: ``xã``, ``Hương Sơn``).

    >>> agency_kind("Ủy ban nhân dân đặc khu Phú Quốc"), agency_kind("Sở Nội vụ tỉnh A")
    (('đặc khu', 'Phú Quốc'), ('sở', 'Nội vụ tỉnh A'))
    >>> agency_kind("Thanh tra tỉnh A")
    ('ngành', 'Thanh tra tỉnh A')
    """
    stripped = agency.strip()
    if fold(stripped[:40]).startswith("sở ") or fold(stripped) == "sở":
        return "sở", stripped[3:].strip()
    if fold(stripped[:40]).startswith(_DEPARTMENTS) and _committee(stripped) is None:
        return "ngành", stripped  # Thanh tra tỉnh A, Ban quản lý khu kinh tế tỉnh A
    rest = _committee(stripped)
    return _kind_of(rest) if rest else None


def _level(kind: str, meta: Metadata) -> AdminLevel | None:
    if kind in ("sở", "ngành"):
        return AdminLevel.DEPARTMENT
    if kind == "thành phố":  # before the reform, a province's or a district's
        return AdminLevel.PROVINCE if _after_reform(meta) else None
    return _LEVELS.get(kind)


def _after_reform(meta: Metadata) -> bool:
    """Whether the report is dated after the reform (or, undated, of a later year)."""
    date, year = meta.get("date"), meta.get("year")
    if _REFORM is None:  # pragma: no cover  # the districts have an end
        return False
    if isinstance(date, dt.date):
        return date >= _REFORM
    return isinstance(year, int) and year > _REFORM.year


def _title_name(name: str) -> str:
    """A name written in capitals as it is written in a sentence: *HƯƠNG SƠN* → *Hương Sơn*."""
    return " ".join(word.capitalize() if word.isupper() else word for word in name.split())


def _header_agency(text: str) -> str | None:
    """The agency a line of the header block names, in the words of a sentence."""
    if not text.isupper() or len(text) > 120:  # noqa: PLR2004  # a name in capitals
        return None
    rest = _committee(text)
    if rest is not None:
        kind = _kind_of(rest)
        if kind is not None and kind[1]:
            return f"UBND {kind[0]} {_title_name(kind[1])}"
        return None
    if fold(text).startswith("sở "):
        words = text[3:].strip().split()
        return " ".join(["Sở", *(w.lower() if i else w.capitalize() for i, w in enumerate(words))])
    return None


def _header_block(lines: list[tuple[str, str]], body: _Body) -> None:
    """The agencies of the header block: *ỦY BAN NHÂN DÂN* / *XÃ HƯƠNG SƠN* and the like.

    The issuing agency is the block's last line (before *Số:*, the date or *BÁO CÁO*):
    a line below the agencies recognised that is none of them (*THANH TRA TỈNH*,
    *PHÒNG NỘI VỤ*) is the issuer, read by :func:`_issuer`.
    """
    previous = ""
    last: tuple[str, str] | None = None  # the block's last line in capitals
    in_block = True
    for text, where in lines[:60]:
        if not text:
            continue
        in_block = in_block and not _ends_header(text)
        agency = None
        if _committee_line(previous) and text.isupper() and _kind_of(text):
            kind, name = _kind_of(text) or ("", "")
            agency = f"UBND {kind} {_title_name(name)}" if name else None
        elif text.isupper():
            agency = _header_agency(text)
        if agency is not None:
            superior = agency_kind(body.header[-1][0]) if body.header else None
            if agency.startswith("Sở") and superior and superior[0] in ("tỉnh", "thành phố"):
                agency = f"{agency} {superior[0]} {superior[1]}"  # Sở Nội vụ tỉnh …
            body.header.append((agency, where))
        if in_block and text.isupper() and any(c.isalpha() for c in text) and not _motto(text):
            last = (text, where) if agency is None and not _committee_line(text) else None
        previous = text
        if _SIGNATURE.match(text):  # the header block is long past
            break
    if last is not None and body.header:
        _issuer(*last, body)


_DEPARTMENTS: Final = ("thanh tra", "văn phòng", "ban ", "công an", "bộ chỉ huy")
"""Agencies of a province that report as its departments (*sở, ban, ngành*)."""


def _issuer(text: str, where: str, body: _Body) -> None:
    """The issuing line under the agencies of the header: a department, or unknown.

    Under a province, *THANH TRA TỈNH*, *VĂN PHÒNG*, *BAN QUẢN LÝ …*, *CÔNG AN TỈNH*
    are its departments (*Thanh tra tỉnh Quảng Trị*); anything else is not guessed
    (the superior is not the issuer): the caller is asked for the agency and level.
    """
    superior = agency_kind(body.header[-1][0])
    words = text.split()
    name = " ".join([words[0].capitalize(), *(w.lower() for w in words[1:])])
    folded = fold(text)
    if superior and superior[0] in ("tỉnh", "thành phố") and folded.startswith(_DEPARTMENTS):
        if folded.startswith("văn phòng") and len(words) == 2:  # noqa: PLR2004  # VĂN PHÒNG
            name = f"{name} UBND"
        if not fold(name).endswith(superior[0]):
            name = f"{name} {superior[0]}"
        body.header.append((f"{name} {superior[1]}", where))
        return
    body.unknown = (text, where)


def _committee_line(text: str) -> bool:
    """*ỦY BAN NHÂN DÂN*, *UBND*, or with the council: *HĐND - UBND*."""
    return any(fold(part) in _PEOPLES_COMMITTEE for part in re.split(r"\s[-–&]\s|\s*/\s*", text))


def _motto(text: str) -> bool:
    """The national motto of the header: *CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM* and its line."""
    return fold(text).startswith(("cộng hòa", "cộng hoà", "độc lập"))


def _ends_header(text: str) -> bool:
    """The number, the date or the *BÁO CÁO* line: the header block is above."""
    return (
        (text.startswith("Số") and ":" in text[:6])
        or _report_heading(text) is not None
        or ("ngày" in text and "năm" in text)
    )


def _label_line(text: str, where: str, meta: Metadata) -> bool:
    """A line *label: value* naming a metadata field (*Kỳ báo cáo: năm 2024*)."""
    label, colon, value = text.partition(":")
    if not colon or len(label) > 60 or not value.strip():  # noqa: PLR2004  # a short label
        return False
    key = metadata_key(label)
    if key is None or key in ("format", "version", "number"):
        return False
    meta.found(key, value.strip(), where)
    return True


def _read_body(lines: list[tuple[str, str]], body: _Body) -> None:
    meta = body.meta
    in_title = False  # the title is the paragraph after BÁO CÁO
    texts = [text for text, _ in lines]
    for index, (text, where) in enumerate(lines):
        if len(text) > MAX_LINE:
            continue
        if not text:
            in_title = in_title and not body.title
        elif (
            _number_line(text, where, body)
            or _date_line(text, where, meta)
            or _short_in_header(text, where, index, body)
        ):
            pass
        elif (title := _report_heading(text)) is not None:
            in_title = not body.title
            if title and in_title:
                body.title.append(title)
        elif _recipient_line(text, texts[index + 1 :], where, meta):
            in_title = False
        elif in_title and len(body.title) < _TITLE_LINES:
            body.title.append(text)
        else:
            _other_line(text, where, body, first=index < 40)  # noqa: PLR2004  # lines
    _short_date(body)  # when no line in the long form was read
    if not body.title:  # no BÁO CÁO heading: the period is in the first lines somewhere
        body.title, body.guessed = body.text[:20], True


def _report_heading(text: str) -> str | None:
    """The title on the line *BÁO CÁO* (``""`` when the line is only that), or ``None``.

    >>> _report_heading("BÁO CÁO:"), _report_heading("BÁO CÁO Kết quả CCHC quý III")
    ('', 'Kết quả CCHC quý III')
    >>> _report_heading("Báo cáo số 12/BC-UBND của UBND xã A") is None
    True
    """
    words = text.split(maxsplit=2)
    head, rest = " ".join(words[:2]), (words[2] if len(words) > 2 else "")  # noqa: PLR2004
    if fold(head).rstrip(": ") != "báo cáo":
        return None
    rest = rest.removeprefix(":").strip()
    if rest and (not head.isupper() or report_reference(text) is not None):
        return None  # "Báo cáo số … của …", "Báo cáo kết quả …" in a sentence
    return rest


def _other_line(text: str, where: str, body: _Body, *, first: bool = False) -> None:
    """A closing sentence, a line *Báo cáo số … của …*, or a line *label: value*.

    A line among the ``first`` of the body is where the period is looked for when no
    title follows *BÁO CÁO*.
    """
    if first:
        body.text.append(text)
    if (agency := _closing(text)) is not None:
        body.closing.append((agency, where))
    elif (reference := report_reference(text)) is not None:
        _reference(reference, where, body)
    else:
        _label_line(text, where, body.meta)


def _reference(reference: tuple[str, str, str], where: str, body: _Body) -> None:
    """A line *Báo cáo số N ngày D của A* (the heading of a render)."""
    number, date, agency = reference
    if number[:1].isdigit():
        body.meta.found("number", number, where)
    _found_date(date, where, body.meta)
    if agency:
        body.agencies.append((agency, where))


def _found_date(text: str, where: str, meta: Metadata) -> None:
    """The date of a *Báo cáo … ngày D …* line, when it is written whole."""
    if text[:1].isdigit() and len(text) <= 40:  # noqa: PLR2004  # a date
        with contextlib.suppress(ParseError):  # "ngày /6/2024": left blank in the form
            meta.found("date", vi.parse_date(text), where)


def _signature(lines: list[tuple[str, str]], meta: Metadata) -> None:
    """The signer's title (*TM. ỦY BAN NHÂN DÂN* / *CHỦ TỊCH*) and name under it."""
    texts = [text for text, _ in lines]
    start = next(
        (i for i, t in enumerate(texts) if len(t) <= 120 and _SIGNATURE.match(t)),  # noqa: PLR2004
        None,
    )
    if start is None:
        return
    end = next((i for i in range(start, len(texts)) if not texts[i]), len(texts))
    meta.found("signer_title", ", ".join(texts[start:end]), lines[start][1])
    for text, where in lines[end:]:
        if not text or text.startswith(("(", "-", "+", "•")) or text.isupper() or ":" in text:
            continue  # "(Đã ký)", a seal in capitals, a list of recipients
        if len(text) <= 80:  # noqa: PLR2004  # a person's name
            meta.found("signer", text, where)
        return


def _period(
    title: str, meta: Metadata, out: Collector, where: str = "title", *, guessed: bool = False
) -> None:
    """The period and the year the title states.

    A period of months (*quý III*, *6 tháng đầu năm*, *9 tháng*) is preferred to a
    year anywhere in the title: *Kế hoạch CCHC năm 2024 … quý III* is of the quarter.
    A period read from the body's first lines (no title after *BÁO CÁO*) is warned.
    """
    matches = list(_PERIOD_IN_TITLE.finditer(title))
    specific = [m for m in matches if not _WHOLE_YEAR.fullmatch(fold(m.group(0)))]
    if not matches:
        return
    match = (specific or matches)[0]
    year = _YEAR_IN_TITLE.search(title, match.start()) or _YEAR_IN_TITLE.search(title)
    phrase = " ".join(match.group(0).split())
    if guessed:
        out.warn(
            "title",
            f"no title after 'BÁO CÁO'; the period {phrase!r} was read from the first"
            " lines of the document: check it, or pass it (--info period=…)",
            f"không có tiêu đề sau 'BÁO CÁO'; kỳ báo cáo {phrase!r} được đọc từ những dòng"
            " đầu của văn bản: hãy kiểm tra, hoặc truyền kỳ báo cáo (--info period=…)",
            value=phrase,
        )
    if year is not None:
        meta.found("year", int(year.group(1)), where)
    elif isinstance(date := meta.get("date"), dt.date):
        meta.found("year", date.year, where, inferred=True)
        out.warn(
            where,
            f"the title names no year; the year of the report's date is used ({phrase!r})",
            f"tiêu đề không ghi năm; đã dùng năm của ngày báo cáo ({phrase!r})",
            value=title,
        )
    folded = fold(phrase)
    if _WHOLE_YEAR.fullmatch(folded):
        meta.found("period", "năm", where)
    else:
        meta.found("period", folded.replace("sáu", "6", 1).replace("chín", "9", 1), where)


def _name_after(texts: Iterable[str], kinds: tuple[str, ...]) -> str | None:
    """The proper name after the first *UBND <kind>* of ``texts`` (``UBND huyện Nam Đông``)."""
    for text in texts:
        if len(text) > MAX_LINE:
            continue
        folded = text.casefold()
        for prefix in _PEOPLES_COMMITTEE:
            at = folded.find(prefix + " ")
            while at >= 0:
                rest = text[at + len(prefix) + 1 :]
                kind = _kind_of(rest)
                if kind is not None and kind[0] in kinds:
                    name = _proper_name(kind[1])
                    if name:
                        return name
                at = folded.find(prefix + " ", at + 1)
    return None


def _proper_name(text: str) -> str:
    """The capitalised words that start ``text``, up to six, until punctuation."""
    words: list[str] = []
    for word in text.split()[:6]:
        bare = word.rstrip(",.;:)")
        if not bare or not bare[0].isupper():
            break
        words.append(bare)
        if bare != word:
            break
    return " ".join(words)


def _agency(body: _Body, attached: list[tuple[str, str]], texts: list[str], out: Collector) -> None:
    meta = body.meta
    issuer = [] if body.unknown else body.header[-1:]  # the superior is not the issuer
    candidates = [*body.closing, *body.agencies, *issuer, *attached]
    agency, where = _choose_agency(candidates, meta, out)
    if not agency:
        return
    meta.found("agency", agency, where)
    kind = agency_kind(agency)
    level = _level(kind[0], meta) if kind else None
    if level is None:  # a thành phố before the reform: a province or a district
        return
    meta.found("level", level, where, inferred=True)
    superior = [text for text, _ in (body.header if body.unknown else body.header[:-1])]
    recipient = str(meta.get("recipient") or "")
    if level is AdminLevel.COMMUNE:
        district = _name_after([*superior, recipient, *texts], ("huyện", "quận", "thị xã"))
        if district:
            meta.found("district", district, "document", inferred=True)
    if level is not AdminLevel.PROVINCE:
        kinds = ("tỉnh", "thành phố") if _after_reform(meta) else ("tỉnh",)
        province = _name_after([*superior, *texts], kinds)
        if province:
            meta.found("province", province, "document", inferred=True)


def level_from_agency(meta: Metadata, overrides: Mapping[str, object] | None) -> None:
    """The level the agency's name says (*UBND xã …*: a commune), when none is given.

    For the readers whose metadata is in rows (CSV, Excel), as the document readers do:
    a *xã*, *phường*, *thị trấn* or *đặc khu* is a commune, a *huyện*, *quận* or *thị xã*
    a district, a *tỉnh* (or after the reform a *thành phố*) a province, a *Sở* a
    department; otherwise the level is asked for.
    """
    given = overrides or {}
    if meta.has("level") or given.get("level") is not None:
        return
    agency = given.get("agency") or meta.get("agency")
    if not isinstance(agency, str):
        return
    kind = agency_kind(agency)
    level = _level(kind[0], meta) if kind else None
    if level is not None:
        meta.found("level", level, "agency")


def _choose_agency(
    candidates: list[tuple[str, str]], meta: Metadata, out: Collector
) -> tuple[str, str]:
    """The agency and where it was read: a full name first, else a kind and the place."""
    for text, where in candidates:
        kind = agency_kind(text)
        if kind is not None and kind[1]:
            return text, where
    place = meta.get("place")
    for text, where in candidates:
        kind = agency_kind(text)
        if kind is not None and isinstance(place, str):
            agency = f"{text.strip()} {place}"
            out.warn(
                where,
                f"the document names its agency only {text.strip()!r}; read as {agency!r}"
                " with the place of the date line",
                f"văn bản chỉ ghi cơ quan là {text.strip()!r}; đã đọc thành {agency!r}"
                " theo địa danh của dòng ngày tháng",
                value=text,
            )
            return agency, where
    return "", ""


# --- the block "Thông tin báo cáo" and the document's properties ---------------------------

_INFO_HEADINGS: Final = frozenset(fold(heading) for heading in INFO_HEADING.values())
_BULLET: Final = re.compile(r"[-+*•]\s+")
_LABEL: Final = 60
"""The longest label of a line *label: value*."""


def _info_block(
    lines: list[tuple[str, str]], out: Collector
) -> tuple[dict[str, tuple[object, str]], list[tuple[str, str]]]:
    """The fields the block *Thông tin báo cáo* states, and the body's lines without it.

    The block is its heading, then one line *label: value* per field (a list's bullet
    allowed before it, blank lines between), up to the first line that is no such line.
    A blank value states a blank field; a label that names no field is a warning.
    """
    start = next(
        (
            index
            for index, (text, _) in enumerate(lines)
            if len(text) <= _LABEL and fold(text).removesuffix(":").strip() in _INFO_HEADINGS
        ),
        None,
    )
    if start is None:
        return {}, lines
    stated = Metadata(out)
    end = start + 1
    for index in range(start + 1, len(lines)):
        text, where = lines[index]
        if text:
            bullet = _BULLET.match(text)
            item = text[bullet.end() :] if bullet is not None else text
            label, colon, value = item.partition(":")
            if not colon or len(label) > _LABEL or not label.strip():
                break
            key = metadata_key(label)
            if key is None or key in ("format", "version"):
                out.warn(
                    where,
                    f"{label.strip()!r} names no field of the report; the line is left out",
                    f"{label.strip()!r} không phải trường nào của báo cáo; bỏ qua dòng này",
                    value=text,
                )
            else:
                stated.given(key, value.strip() or None, where)
        end = index + 1
    return stated.fields, lines[:start] + lines[end:]


def _quoted(value: object) -> str:
    return repr(str(value) if isinstance(value, dt.date) else value)


def _says(value: object, lang: str = "en") -> str:
    """``says '…'`` of a value read, or that it is left blank."""
    if value is None:
        return "leaves it blank" if lang == "en" else "để trống"
    return f"says {_quoted(value)}" if lang == "en" else f"ghi {_quoted(value)}"


def _merged(
    seen: Metadata,
    stated: Mapping[str, tuple[object, str]],
    carried: Mapping[str, tuple[object, str]],
    out: Collector,
) -> dict[str, tuple[object, str]]:
    """The metadata read: the block's, else the text's, else the document's properties.

    The block *Thông tin báo cáo* (``stated``) is read as it is, a blank field blank;
    what the rest of the text says of the same field, when it says otherwise, is a
    warning. A field the block does not state is the text's (``seen``); the document's
    properties (``carried``, the record a Word render carries) give the rest, and
    what the text visibly says wins over them, with a warning when they disagree.
    Fields the text only lets guess (a level from the agency's name) give way to both.
    """
    fields = dict(seen.fields)
    visible = {k: v for k, v in seen.fields.items() if k not in seen.inferred}
    for key, (value, where) in stated.items():
        if key in visible and not same_field(key, value, visible[key][0]):
            text, at = visible[key]
            out.warn(
                where,
                f"{key}: the report information block {_says(value)}, {at} {_says(text)};"
                " the block is read",
                f"{key}: khối {INFO_HEADING['vi']!r} {_says(value, 'vi')}, {at}"
                f" {_says(text, 'vi')}; đã đọc theo khối",
                value=value,
            )
        fields[key] = (value, where)
    visible.update(stated)
    for key, (value, where) in carried.items():
        if key not in visible:
            fields[key] = (value, where)
        elif not same_field(key, value, visible[key][0]):
            text, at = visible[key]
            out.warn(
                where,
                f"{key}: the document's properties say {_quoted(value)}, its text ({at})"
                f" {_says(text)}; the text is read",
                f"{key}: thuộc tính của văn bản ghi {_quoted(value)}, nội dung văn bản"
                f" ({at}) {_says(text, 'vi')}; đã đọc theo nội dung văn bản",
                value=value,
            )
    return fields


def _edition(
    fields: Iterable[Mapping[str, tuple[object, str]]], ed: Edition, out: Collector
) -> Edition:
    """The edition the first of ``fields`` that names one names, else ``ed``."""
    for found in fields:
        value = found.get("edition", (None, ""))
        if value[0] not in (None, ""):
            return resolve_edition({"edition": value}, out)
    return ed


# --- the appendix tables ----------------------------------------------------------------------


def is_numbering(cells: Sequence[str]) -> bool:
    """A row numbering the columns: ``1 | 2 | 3 | 4 | 5`` or ``(1) | (2) …`` or ``A | B …``.

    Forms print it under their header; it is no row of the appendix.

    >>> is_numbering(["1", "2", "3", "4", "5"]), is_numbering(["(1)", "(2)", "(3)", ""])
    (True, True)
    >>> is_numbering(["1", "Số văn bản", "Văn bản", "3", ""]), is_numbering(["1", "1", "1"])
    (False, False)
    """
    marks = [_NUMBERING.fullmatch(cell.strip()) for cell in cells if cell.strip()]
    return len(marks) >= 3 and all(marks) and len({m.group(1) for m in marks if m}) == len(marks)  # noqa: PLR2004  # three columns at least


def _is_header(cells: Sequence[str]) -> bool:
    """A header row: it names a column and holds no code in its first cell."""
    if any(plain_code(cell) for cell in cells[:1]):
        return False
    words = fold(" ".join(cells[:12])[:600])
    return bool(header_columns(cells)) and any(w in words for w in _HEADER_WORDS)


@attrs.define
class _Appendices:
    """Reads the blocks after the first heading into tables and rows for the pipeline."""

    meta: Metadata
    known: frozenset[str]
    """The templates of the edition."""
    text: bool = False
    """The tables' cells were split from lines of text (they may run together)."""
    attached: list[tuple[str, str]] = attrs.Factory(list)
    missing: dict[str, Problem] = attrs.Factory(dict)
    """The first heading of each template followed by no table, its problem."""
    tabled: set[str] = attrs.Factory(set)
    """The templates a table was read for."""
    lost: list[TableStart] = attrs.Factory(list)
    """Headings of no template, followed by no table: for the pipeline to report."""
    pending: TableStart | None = None
    title: list[str] = attrs.Factory(list)
    tables: int = 0
    titles: list[tuple[str, str]] = attrs.Factory(list)
    """The title of each appendix, and where it is."""
    title_at: str | None = None
    columns: dict[str, int] | None = None
    """The columns of the appendix's table so far: a table split in two goes on in them."""

    @property
    def out(self) -> Collector:
        return self.meta.out

    def heading(self, number: int, where: str) -> None:
        if self.pending is not None and self.pending.template == f"PL{number}":
            return  # the heading again (a paragraph, then the table's first row)
        self.lost.extend(self.end())
        self.pending, self.title = TableStart(f"PL{number}", Where(where)), []
        self.title_at = None
        self.tables += 1
        self.columns = None

    def flush(self) -> Iterator[TableStart]:
        """The pending heading, now that its table starts."""
        if self.pending is not None:
            self.tabled.add(self.pending.template)
            self.titles.append((" ".join(self.title), self.title_at or self.pending.where.row))
            yield attrs.evolve(self.pending, title=" ".join(self.title), typed=not self.text)
            self.pending = None

    def end(self) -> Iterator[TableStart]:
        """A heading followed by no table (pasted as text, a picture, lost in a conversion).

        An error, not a warning: read as an empty appendix, the report would be
        checked without the values its file shows, and found valid. A heading of no
        template of the edition goes on to the pipeline, which says so.
        """
        if self.pending is None:
            return
        if self.pending.template not in self.known:
            yield from self.flush()
            return
        tid, where = self.pending.template, self.pending.where.row
        shown = self.title[-1][:80] if self.title else ""  # the table as text, often
        after, after_vi = (
            (f"; what follows it: {shown!r}", f"; phần tiếp theo: {shown!r}") if shown else ("", "")
        )
        self.missing.setdefault(
            tid,
            Problem(
                where,
                f"{tid}: the heading 'Phụ lục {tid[2:]}' is followed by no table{after}; its"
                " values cannot be read (a table pasted as text or as a picture, or lost in"
                " converting the file): make it a table, or remove the heading when the"
                " appendix is not filed",
                f"{tid}: sau tiêu đề 'Phụ lục {tid[2:]}' không có bảng{after_vi}; không đọc được"
                " số liệu của phụ lục này (bảng dán dưới dạng chữ hoặc hình ảnh, hoặc mất khi"
                " chuyển đổi tệp): hãy để số liệu trong một bảng, hoặc xóa tiêu đề nếu không"
                " báo cáo phụ lục này",
                template=tid,
            ),
        )
        self.pending = None

    def report_missing(self) -> None:
        """The headings followed by no table, of templates no table was read for.

        A heading listed in the body before the appendices (*Phụ lục 2: Biểu mẫu …*)
        is followed by no table, but its appendix comes later with its table.
        """
        for tid, problem in self.missing.items():
            if tid not in self.tabled:
                self.out.error(problem.path, problem.en, problem.vi, template=tid)

    def paragraph(self, text: str, where: str) -> None:
        for raw in text.split("\n"):
            line = raw.strip()
            number = heading_number(line) if len(line) <= MAX_LINE else None
            if number is not None:
                self.heading(number, where)
            elif line and len(line) <= MAX_LINE and (ref := report_reference(line)) is not None:
                self.attached.append((ref[2], where))
                self.check_number(ref[0], where)
                _found_date(ref[1], where, self.meta)
            elif line and self.pending is not None:
                self.title_at = self.title_at or where
                self.title.append(line)

    def check_number(self, number: str, where: str) -> None:
        if not number[:1].isdigit():
            return  # left blank in the form, as often
        known = self.meta.get("number")
        if known is None:
            self.meta.found("number", number, where)
        elif fold(str(known)) != fold(number):
            self.out.warn(
                where,
                f"the appendix is attached to report {number!r}, not {known!r}",
                f"phụ lục kèm theo báo cáo số {number!r}, không phải {known!r}",
                value=number,
            )

    def grid(self, grid: Grid) -> Iterator[TableStart | RowCells]:
        """The tables of a grid: a row *Phụ lục N* inside it starts appendix N."""
        rows = list(zip(grid.rows, grid.where, strict=True))
        starts = [0, *(i for i in range(1, len(rows)) if _heading_row(rows[i][0]))]
        for start, end in itertools.pairwise([*starts, len(rows)]):
            yield from self.table(rows[start:end])

    def table(self, rows: list[tuple[tuple[str, ...], str]]) -> Iterator[TableStart | RowCells]:
        # a heading or a title in the first rows of the table itself
        while rows and len(set(filter(None, rows[0][0]))) == 1 and not _is_header(rows[0][0]):
            text = next(filter(None, rows[0][0]))
            if plain_code(text.split(" ", 1)[0]) is not None:
                break  # a row, its cells run together
            self.paragraph(text, rows[0][1])
            rows = rows[1:]
        yield from self.flush()
        columns, header, choice = _columns(
            [cells for cells, _ in rows[:_HEADER_ROWS]], year=self.meta.get("year")
        )
        where = rows[0][1] if rows else ""
        if choice is not None and choice.problem is not None:
            self.out.error(where, *choice.problem, value=choice.candidates)
            self.columns = None
            return
        if choice is not None and choice.warning is not None:
            self.out.warn(where, *choice.warning, value=choice.candidates)
        if columns is _DEFAULT_COLUMNS and self.columns is not None:
            columns = self.columns  # the rest of a table split at a page, without its header
        elif columns is _DEFAULT_COLUMNS and not _default_fits(rows[header:], self.out):
            self.columns = None
            return
        self.columns = columns
        for cells, where in rows[header:]:
            if not any(c.strip() for c in cells) or is_numbering(cells):
                continue
            if _is_header(cells):
                continue  # a header repeated on a page
            typed = cells if self.text else _one_cell(cells, columns)
            yield _row_cells(typed, columns, where)


def _heading_row(cells: Sequence[str]) -> bool:
    """Whether a row of a table holds only an appendix heading (*Phụ lục 3*)."""
    texts = {text for text in (cell.strip() for cell in cells) if text}
    return len(texts) == 1 and heading_number(texts.pop()) is not None


def _default_fits(rows: Sequence[tuple[tuple[str, ...], str]], out: Collector) -> bool:
    """Whether a table without a header has the form's five columns (else a problem).

    With more, which holds the values is not known: the form's fourth may be an
    earlier period's, or a plan, and a number in the fifth (the note's) another value.
    A cell beyond the fifth that repeats the fifth is a merged note.
    """
    for cells, where in rows:
        if len(cells) <= _CELLS or plain_code(cells[0]) is None:
            continue
        more = [c.strip() for c in cells[_CELLS:] if c.strip() and c != cells[_CELLS - 1]]
        if more or is_number(cells[_CELLS - 1]):
            shown = " | ".join(c.strip() for c in cells if c.strip())[:80]
            out.error(
                where,
                f"a table of {len(cells)} columns without a header naming them: which holds"
                f" the values is not known ({shown!r}); add the header row (STT | Chỉ tiêu"
                " thống kê | Đơn vị tính | Số liệu | Ghi chú), or delete the other columns",
                f"bảng có {len(cells)} cột mà không có dòng tiêu đề: không rõ cột nào là số"
                f" liệu ({shown!r}); hãy thêm dòng tiêu đề (STT | Chỉ tiêu thống kê | Đơn vị"
                " tính | Số liệu | Ghi chú), hoặc xóa các cột thừa",
                value=shown,
            )
            return False
    return True


def is_number(text: str) -> bool:
    """Whether ``text`` (its first 100 characters) is a number as Vietnamese writes one."""
    try:
        vi.parse_number(text.strip()[:100])
    except ParseError:
        return False
    return True


def _columns(
    rows: list[tuple[str, ...]], *, year: object = None
) -> tuple[dict[str, int], int, ValueChoice | None]:
    """The column of each field, the number of header rows, and how the values' was chosen.

    Without a header naming the code (or the title) and the values, the columns are
    those of the form (:data:`_DEFAULT_COLUMNS`, the very dictionary).
    """
    columns: dict[str, int] = {}
    header: list[tuple[str, ...]] = []
    count = 0
    for index, cells in enumerate(rows):
        if is_numbering(cells) and columns:
            count = index + 1
            continue
        if not _is_header(cells):
            break
        header.append(cells)
        for field, at in header_columns(cells).items():
            columns.setdefault(field, at)
        count = index + 1
    if "code" not in columns and "title" not in columns:  # no STT: the code opens the title
        return _DEFAULT_COLUMNS, count, None
    choice = value_column(header, columns, year=year)
    columns.pop("value", None)
    if choice.index is None:
        return (_DEFAULT_COLUMNS, count, None) if choice.problem is None else ({}, count, choice)
    return {**columns, "value": choice.index}, count, choice


def _one_cell(cells: tuple[str, ...], columns: Mapping[str, int]) -> tuple[str, ...]:
    """A row of a document's table whose STT cell holds the code and the title.

    A heading row typed as one cell over the whole row (*1. Thống kê TTHC*), or its
    code and title typed in the STT cell with the title cell left empty: the code in
    the STT cell, the rest in the title cell.

    >>> _one_cell(("1. Thống kê TTHC", "", "", "", ""), _DEFAULT_COLUMNS)
    ('1.', 'Thống kê TTHC', '', '', '')
    """
    at, title_at = columns.get("code", 0), columns.get("title")
    if at >= len(cells) or title_at is None or title_at >= len(cells) or cells[title_at]:
        return cells
    head, _, rest = cells[at].strip().partition(" ")
    if not rest.strip() or (plain_code(head) is None and loose_code(head) is None):
        return cells
    row = list(cells)
    row[at], row[title_at] = head, rest.strip()
    return tuple(row)


def _row_cells(cells: Sequence[str], columns: Mapping[str, int], where: str) -> RowCells:
    def cell(field: str) -> str | None:
        index = columns.get(field)
        if index is None:
            return None
        return cells[index] if index < len(cells) else ""

    return RowCells(
        cell("code") or "",
        cell("value") or "",
        Where(where),
        title=cell("title"),
        unit=cell("unit"),
        note=cell("note"),
    )


def _first_heading(blocks: Sequence[Block]) -> int:
    for index, block in enumerate(blocks):
        if isinstance(block, Paragraph):
            if any(heading_number(line.strip()) for line in block.text.split("\n")[:3]):
                return index
        else:
            for cells in block.rows[:3]:
                texts = set(filter(None, (c.strip() for c in cells)))
                if len(texts) == 1 and heading_number(texts.pop()) is not None:
                    return index
    return len(blocks)


def _body_tables(blocks: Sequence[Block], out: Collector) -> None:
    """Warn about a table of the body that looks like a form: only appendices are read."""
    for block in blocks:
        if not isinstance(block, Grid):
            continue
        for cells, where in zip(block.rows, block.where, strict=True):
            if cells and plain_code(cells[0]) is not None and len(cells) >= 3:  # noqa: PLR2004
                out.warn(
                    where,
                    "a table before any appendix heading ('Phụ lục N'), not read;"
                    f" its first row: {' | '.join(c for c in cells if c)[:80]!r}",
                    "bảng ở trước mọi tiêu đề phụ lục ('Phụ lục N'), không được đọc;"
                    f" dòng đầu: {' | '.join(c for c in cells if c)[:80]!r}",
                )
                break


def _no_heading(blocks: Sequence[Block], expected: tuple[str, str], out: Collector) -> None:
    """No appendix heading: say so, naming the first table that has an appendix's columns."""
    for block in blocks:
        if not isinstance(block, Grid):
            continue
        columns, header, _ = _columns(list(block.rows[:_HEADER_ROWS]))
        named = fold(" ".join(" ".join(row) for row in block.rows[:header])[:600])
        if columns is _DEFAULT_COLUMNS or "chỉ tiêu" not in named:  # a form's, not any table
            continue
        shown = " | ".join(dict.fromkeys(c for c in block.rows[0] if c))[:80]
        out.error(
            block.where[0],
            f"this table has the columns of an appendix ({shown!r}) but no heading names"
            " its appendix: write the heading ('Phụ lục 2' … 'Phụ lục 8') on a line of its"
            " own above the table",
            f"bảng này có các cột của một phụ lục ({shown!r}) nhưng không có tiêu đề ghi"
            " phụ lục nào: hãy ghi tiêu đề ('Phụ lục 2' … 'Phụ lục 8') trên một dòng riêng"
            " ngay trên bảng",
        )
        return
    out.error(
        "file",
        f"no appendix table; expected {expected[0]}",
        f"không có bảng phụ lục; cần có {expected[1]}",
    )


def read_document(
    blocks: Sequence[Block],
    ed: Edition,
    out: Collector,
    *,
    overrides: Mapping[str, object] | None = None,
    expected: tuple[str, str],
    text: bool = False,
    carried: Mapping[str, tuple[object, str]] | None = None,
) -> tuple[Report, tuple[Problem, ...]]:
    """Read a report from the blocks of its document (see the module).

    Args:
        blocks: The paragraphs and tables, in the order of the document.
        ed: The edition read, unless the document names one.
        out: Where the problems and the warnings go.
        overrides: Metadata set by the caller (``info=``).
        expected: What the reader expected (English, Vietnamese), said when no
            appendix value could be read (:func:`expected_tables`).
        text: The tables' cells were split from lines of text, and may run together;
            otherwise they are a document's cells (Word, HTML), a merged cell one cell.
        carried: The metadata the file carries beside its text (a Word document's
            custom properties), ``field: (value, where)``; what the text says wins.

    Raises:
        ReportFormatError: The document cannot be read; every problem is listed.
    """
    first = _first_heading(blocks)
    meta = Metadata(out)
    _body_tables(blocks[:first], out)
    appendices = _Appendices(meta, frozenset(ed.template_ids), text=text)

    def cells() -> Iterator[TableStart | RowCells]:
        for block in blocks[first:]:
            if isinstance(block, Paragraph):
                appendices.paragraph(block.text, block.where)
            else:
                yield from appendices.grid(block)
            yield from appendices.lost
            appendices.lost.clear()
        yield from appendices.end()
        appendices.report_missing()

    # the body first: the number it states is the one the Kèm theo lines are checked against
    lines = _lines(blocks[:first])
    stated, lines = _info_block(lines, out)
    carried = carried or {}
    body = _Body(meta)
    _header_block(lines, body)
    _read_body(lines, body)
    _signature(lines, meta)
    _period(" ".join(body.title), meta, out, guessed=body.guessed)
    builders = read_rows(cells(), _edition((stated, carried, meta.fields), ed, out), out)
    _agency(body, appendices.attached, [text for text, _ in lines], out)
    for title, where in appendices.titles:  # "… 6 THÁNG ĐẦU NĂM 2024" in an appendix's title
        if meta.has("period"):
            break
        _period(title, meta, out, where)
    if not appendices.tables:  # what else is missing does not matter then
        _no_heading(blocks, expected, out)
        out.check()
    return (
        build_report(
            _merged(meta, stated, carried, out),
            builders,
            out,
            ed,
            overrides=overrides,
            missing_hint=functools.partial(_missing_hint, issuer=body.unknown),
            expected=expected,
        ),
        tuple(out.warnings),
    )


_EXAMPLES: Final = {
    "agency": "UBND xã Hương Sơn",
    "level": "commune",
    "period": "h1",
    "year": "2024",
}


def _missing_hint(key: str, issuer: tuple[str, str] | None = None) -> tuple[str, str]:
    example = _EXAMPLES.get(key, "…")
    if issuer is not None and key in ("agency", "level"):
        name = issuer[0][:1] + issuer[0][1:].lower()
        option = f'--info "agency={name} …" --info level=department'
        en = (
            f": the header names the issuing agency {issuer[0]!r} ({issuer[1]}), whose"
            f" name and level cannot be told; give them (on the command line: {option},"
            " or the level of the agency: commune, district, province, department)"
        )
        vi_ = (
            f": phần đầu văn bản ghi cơ quan ban hành {issuer[0]!r} ({issuer[1]}), không"
            f" xác định được tên đầy đủ và cấp; hãy cung cấp (trên dòng lệnh: {option},"
            " hoặc cấp của cơ quan: commune, district, province, department)"
        )
        return en, vi_
    option = f"{key}={example}"
    option = f'"{option}"' if " " in option else option
    python = f"info={{{key!r}: {example!r}}}"
    return (
        f": the document does not say it; pass {python} (on the command line: --info {option})",
        f": văn bản không ghi; hãy truyền {python} (trên dòng lệnh: --info {option})",
    )
