"""Text: the plain-text and Markdown renders, and the reader of text tables.

**Writing** plain text (aligned columns, what ``cchc show`` prints) and Markdown, from the
table model.

>>> import cchc_model
>>> text = cchc_model.render(cchc_model.example(), "text")
>>> for line in text.splitlines()[4:12]:
...     print(line)
Phụ lục 2
BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH
(Kèm theo Báo cáo số: 341/BC-UBND ngày 10/6/2024 của UBND xã Hương Sơn)
<BLANKLINE>
STT     Chỉ tiêu thống kê                           Đơn vị tính            Số liệu  Ghi chú
------  ------------------------------------------  ----------------  ------------  ----------------
1.      Số văn bản chỉ đạo CCHC đã ban hành (Kết    Văn bản                     13
        luận, chỉ thị, công văn chỉ đạo, quán

**Reading** text tables: a report saved from Word as text, its appendices tab-separated.

The appendix tables are lines of tab-separated cells (*STT, Chỉ tiêu thống kê, Đơn
vị tính, Số liệu, Ghi chú*), HTML emphasis tags allowed (``<b>5.</b>``); each table
follows its *Phụ lục N* heading line. Markdown emphasis and headings (``**…**``,
``### …``) are ignored, so a document converted to Markdown reads too.

The metadata is read from the document, where it says it:

- ``number``: the *Số: 341/BC-UBND* line;
- ``place`` and ``date``: the *Hương Sơn, ngày 10 tháng 6 năm 2024* line;
- ``period`` and ``year``: the title (*… 6 tháng đầu năm … 2024*), the paragraph after
  *BÁO CÁO*; the year of the date when the title names none;
- ``recipient``: the *Kính gửi:* line;
- ``agency``: the *của …* of the closing sentence (*Trên đây là báo cáo … của UBND xã
  Hương Sơn./.*) or of a *Kèm theo* line; when both name only the kind (*UBND xã*), the
  kind and the place of the date line, with a warning;
- ``level``: the kind of the agency (*xã, phường, thị trấn*: commune; *huyện, quận, thị
  xã*: district; *tỉnh*: province; *Sở*: department; a *thành phố* may be either, so
  it is left to the caller);
- ``signer_title``: the block starting *TM.*, *KT.*, *Q.*, *TL.* or *TUQ.*, its lines
  joined by ``, ``; ``signer``: the next block;
- ``district``: for a commune, the first *UBND huyện X* (*Ủy ban nhân dân*, *quận*,
  *thị xã* too), in the *Kính gửi* line first; ``province``: below the province level,
  the first *UBND tỉnh X*.

What the document does not say (often the province, in the appendices alone, and
always ``unit_code``) is passed by the caller: ``read(path, info={"province": …})``.
"""

from __future__ import annotations

import html
import re
import textwrap
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from itertools import zip_longest
from typing import Final

import attrs

from .. import vi
from .._model.catalog import edition as get_edition
from .._model.errors import Lang, ParseError, Problem
from .._model.report import Report
from .._model.units import AdminLevel
from .cells import RowCells, TableStart, Where, read_rows
from .csv import decode_text
from .reading import Collector, Metadata, build_report, fold, plain_code
from .table import (
    COLUMNS,
    FINDINGS_HEADING,
    Cell,
    ReportTable,
    TableFinding,
    TableRow,
    TemplateTable,
    printable,
    severity_label,
)

__all__ = ["read_text_tables", "render_markdown", "render_text"]


_TAG: Final = re.compile(r"<[^>]{0,200}>")
_MD: Final = re.compile(r"^\s{0,3}#{1,6}\s+|\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_APPENDIX: Final = re.compile(r"phụ lục\s+([0-9]{1,2}|[ivx]{1,4})", re.IGNORECASE)
_ROMAN: Final = {
    "i": 1,
    "ii": 2,
    "iii": 3,
    "iv": 4,
    "v": 5,
    "vi": 6,
    "vii": 7,
    "viii": 8,
    "ix": 9,
    "x": 10,
}
_NUMBER: Final = re.compile(r"Số\s*:\s*(\S.*?)\s*$")
_RECIPIENT: Final = re.compile(r"Kính\s+gửi\s*:?\s*(.*?)\s*$", re.IGNORECASE)
_ATTACHED: Final = re.compile(
    r"\(?\s*Kèm theo\s+Báo cáo\s+số\s*:?\s*(?P<number>.*?)\s+ngày\s*(?P<date>.*?)\s+của\s+"
    r"(?P<agency>.*?)\s*\)?\s*$",
    re.IGNORECASE,
)
_CLOSING: Final = re.compile(
    r"^Trên đây là .*\bcủa\s+(?P<agency>[^.]+?)\s*\.?\s*/\s*\.?\s*$", re.IGNORECASE
)
_PERIOD_IN_TITLE: Final = re.compile(
    r"quý\s+(?:iv|iii|ii|i|[1-4])\b|(?:6|sáu)\s+tháng\s+(?:đầu|cuối)\s+năm|(?:9|chín)\s+tháng"
    r"|(?:cả\s+)?năm\s+[0-9]{4}",
    re.IGNORECASE,
)
_YEAR_IN_TITLE: Final = re.compile(r"năm\s+([0-9]{4})", re.IGNORECASE)
_SIGNATURE: Final = re.compile(r"^(?:TM|KT|Q|TL|TUQ)\s*\.\s*\S")
_AGENCY_KIND: Final = re.compile(
    r"^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(?P<kind>xã|phường|thị trấn|huyện|quận|thị xã"
    r"|thành phố|tỉnh)\b\s*(?P<name>.*)$",
    re.IGNORECASE,
)
_LEVELS: Final = {
    "xã": AdminLevel.COMMUNE,
    "phường": AdminLevel.COMMUNE,
    "thị trấn": AdminLevel.COMMUNE,
    "huyện": AdminLevel.DISTRICT,
    "quận": AdminLevel.DISTRICT,
    "thị xã": AdminLevel.DISTRICT,
    "tỉnh": AdminLevel.PROVINCE,
}
_HEADER_WORDS: Final = (
    "stt",
    "chỉ tiêu",
    "đơn vị tính",
    "số liệu",
    "ghi chú",
    "kết quả thống kê",
    "(sử dụng",
)
_BODY_LINES: Final = 5_000
_CELLS: Final = 5
"""STT, Chỉ tiêu thống kê, Đơn vị tính, Số liệu, Ghi chú."""
_DISTRICT_WORDS: Final = r"(?:huyện|quận|thị xã)"


def _strip(line: str) -> str:
    """A line without HTML tags, entities or Markdown emphasis, white space collapsed."""
    text = html.unescape(_TAG.sub("", line))
    text = _MD.sub("", text)
    return " ".join(text.replace("\\", "").split())


def _appendix(line: str) -> int | None:
    match = _APPENDIX.fullmatch(_strip(line))
    if match is None:
        return None
    token = match.group(1).lower()
    return int(token) if token.isdigit() else _ROMAN.get(token)


def _blocks(lines: list[str]) -> list[list[str]]:
    """The paragraphs: runs of non-blank lines, each line stripped of markup."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        text = _strip(line)
        if text:
            current.append(text)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _name_after(text: str, keyword: str) -> str | None:
    """The proper name after ``UBND <keyword>`` / ``Ủy ban nhân dân <keyword>`` in ``text``."""
    pattern = re.compile(
        rf"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+{keyword}\s+((?:\S+\s*){{1,6}})"
    )
    for match in pattern.finditer(text):
        words: list[str] = []
        for word in match.group(1).split():
            bare = word.rstrip(",.;:)")
            if not bare or not bare[0].isupper():
                break
            words.append(bare)
            if bare != word:  # punctuation ends the name
                break
        if words:
            return " ".join(words)
    return None


def _agency_kind(agency: str) -> tuple[AdminLevel | None, str, str]:
    """The level, the kind word and the name of an agency (``UBND xã Hương Sơn``)."""
    if fold(agency).startswith("sở "):
        return AdminLevel.DEPARTMENT, "sở", agency[3:].strip()
    match = _AGENCY_KIND.match(agency.strip())
    if match is None:
        return None, "", ""
    kind = match.group("kind").lower()
    return _LEVELS.get(kind), kind, match.group("name").strip()


def _number_line(text: str, where: str, meta: Metadata, out: Collector) -> bool:
    """Read the *Số: …* line; whether ``text`` was it."""
    match = _NUMBER.match(text)
    if meta.has("number") or match is None:
        return False
    written = match.group(1)
    if re.match(r"[0-9]", written):  # "Số: /BC-UBND" is a number left blank
        try:
            vi.parse_document_number(written)
        except ParseError as exc:
            out.warn(
                where,
                f"the number {written!r} is not a document number as Nghị định 30/2020"
                f" writes it ({exc.en}); kept as written",
                f"số {written!r} không đúng thể thức Nghị định 30/2020 ({exc.vi});"
                " giữ nguyên như đã viết",
                value=written,
            )
        meta.found("number", written, where)
    return True


def _date_line(text: str, where: str, meta: Metadata) -> bool:
    """Read the *Hương Sơn, ngày … tháng … năm …* line; whether ``text`` was it."""
    if meta.has("date") or "ngày" not in text or "năm" not in text:
        return False
    try:
        place, date = vi.parse_place_date(text)
    except ParseError:
        return False
    meta.found("place", place, where)
    meta.found("date", date, where)
    return True


def _recipient_line(text: str, following: list[str], where: str, meta: Metadata) -> bool:
    """Read the *Kính gửi:* line (or list); whether ``text`` was it."""
    match = _RECIPIENT.match(text)
    if match is None or meta.has("recipient"):
        return False
    recipient = match.group(1).strip()
    if not recipient:  # the addressees follow, one a line
        listed = [_strip(line) for line in following[:6]]
        recipient = "; ".join(
            item.lstrip("-+• ").strip() for item in listed if item.startswith(("-", "+", "•"))
        )
    if recipient:
        meta.found("recipient", recipient, where)
    return True


def _read_header(lines: list[str], meta: Metadata, out: Collector) -> dict[str, str]:
    """Read the document's metadata from its body (the lines before the appendices)."""
    found: dict[str, str] = {}
    title_lines: list[str] = []
    in_title = False  # the title is the paragraph after BÁO CÁO
    for index, line in enumerate(lines[:_BODY_LINES], start=1):
        text = _strip(line)
        where = f"line {index}"
        if not text:
            in_title = in_title and not title_lines
            continue
        if _number_line(text, where, meta, out) or _date_line(text, where, meta):
            continue
        if fold(text) == "báo cáo":
            in_title = True
        elif _recipient_line(text, lines[index:], where, meta):
            in_title = False
        elif in_title:
            title_lines.append(text)
        elif (match := _CLOSING.match(text)) is not None and "closing" not in found:
            found["closing"], found["closing_where"] = match.group("agency"), where
    if not title_lines:  # no BÁO CÁO heading: the period is in the first lines somewhere
        title_lines = [t for t in (_strip(line) for line in lines[:40]) if t][:20]
    found["title"] = " ".join(title_lines)
    return found


def _signature(lines: list[str], meta: Metadata) -> None:
    blocks = _blocks(lines)
    for index, block in enumerate(blocks):
        if _SIGNATURE.match(block[0]):
            meta.found("signer_title", ", ".join(block), "signature")
            for following in blocks[index + 1 :]:
                name = " ".join(following)
                if _appendix(name) or name.startswith("("):
                    if _appendix(name):
                        return
                    continue
                if name.isupper():
                    continue
                meta.found("signer", name, "signature")
                return
            return


def _period(title: str, meta: Metadata, out: Collector) -> None:
    match = _PERIOD_IN_TITLE.search(title)
    year = _YEAR_IN_TITLE.search(title)
    if match is None:
        return
    phrase = " ".join(match.group(0).split())
    if year is not None:
        meta.found("year", int(year.group(1)), "title")
    elif meta.has("date"):
        date = meta.fields["date"][0]
        meta.found("year", getattr(date, "year", None), "title")
        out.warn(
            "title",
            f"the title names no year; the year of the report's date is used ({phrase!r})",
            f"tiêu đề không ghi năm; đã dùng năm của ngày báo cáo ({phrase!r})",
            value=title,
        )
    folded = fold(phrase)
    if re.fullmatch(r"(?:cả\s+)?năm\s+[0-9]{4}", folded):
        meta.found("period", "năm", "title")
    else:
        meta.found("period", re.sub(r"^sáu", "6", re.sub(r"^chín", "9", folded)), "title")


def read_text_tables(
    data: bytes,
    *,
    source: str | None = None,
    overrides: Mapping[str, object] | None = None,
    edition_id: str | None = None,
) -> tuple[Report, tuple[Problem, ...]]:
    """Read a report's text tables; return the report and the warnings.

    Raises:
        ReportFormatError: The text cannot be read; every problem is listed.
    """
    out = Collector(source)
    out.check_size(len(data))
    # A document saved from Word may hold decomposed diacritics: compose them.
    lines = unicodedata.normalize("NFC", decode_text(data, out)).splitlines()
    ed = get_edition(edition_id)
    first_appendix = next((i for i, line in enumerate(lines) if _appendix(line)), len(lines))
    meta = Metadata(out)
    body = lines[:first_appendix]
    _body_tables(body, out)
    found = _read_header(body, meta, out)
    _signature(body, meta)
    _period(found.get("title", ""), meta, out)
    attached: list[tuple[str, str]] = []
    builders = read_rows(
        _read_tables(lines[first_appendix:], first_appendix, meta, attached), ed, out
    )
    if not builders:
        out.error(
            "file",
            "no appendix table (a 'Phụ lục N' line followed by tab-separated rows)",
            "không có bảng phụ lục (dòng 'Phụ lục N' và các dòng có cột cách nhau bởi tab)",
        )
    _agency(found, attached, body, meta, out)
    report = build_report(
        meta.fields,
        builders,
        out,
        ed,
        overrides=overrides,
        missing_hint=(
            ": the document does not say it; pass info={...}",
            ": văn bản không ghi; hãy truyền info={...}",
        ),
    )
    return report, tuple(out.warnings)


def _choose_agency(
    candidates: list[tuple[str, str]], meta: Metadata, out: Collector
) -> tuple[str, str]:
    """The agency and where it was read: a full name first, else a kind and the place."""
    for text, where in candidates:
        _, kind, name = _agency_kind(text)
        if kind and name:
            return text, where
    place = meta.fields.get("place", (None, ""))[0]
    for text, where in candidates:
        _, kind, _ = _agency_kind(text)
        if kind and isinstance(place, str):
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


def _body_tables(body: list[str], out: Collector) -> None:
    """Warn about rows of a form in the body: they are not read, only appendices are."""
    for number, line in enumerate(body, start=1):
        if "\t" in line and plain_code(_strip(line.split("\t", 1)[0])) is not None:
            out.warn(
                f"line {number}",
                "a table row before any 'Phụ lục N' line: ignored",
                "dòng của bảng ở trước dòng 'Phụ lục N': đã bỏ qua",
                value=_strip(line)[:80],
            )


def _agency(
    found: dict[str, str],
    attached: list[tuple[str, str]],
    body: list[str],
    meta: Metadata,
    out: Collector,
) -> None:
    candidates = [(found["closing"], found["closing_where"])] if "closing" in found else []
    agency, where = _choose_agency(candidates + attached, meta, out)
    if not agency:
        return
    meta.found("agency", agency, where)
    level = _agency_kind(agency)[0]
    if level is None:  # a thành phố: a province or a district
        return
    meta.found("level", level, where)
    text = "\n".join(_strip(line) for line in body)
    recipient = str(meta.fields.get("recipient", ("", ""))[0])
    if level is AdminLevel.COMMUNE:
        district = _name_after(recipient, _DISTRICT_WORDS) or _name_after(text, _DISTRICT_WORDS)
        if district:
            meta.found("district", district, "document")
    if level is not AdminLevel.PROVINCE:
        province = _name_after(text, "tỉnh")
        if province:
            meta.found("province", province, "document")


def _read_tables(
    lines: list[str], start: int, meta: Metadata, attached: list[tuple[str, str]]
) -> Iterator[TableStart | RowCells]:
    """The cells of the appendices (``lines`` from line ``start`` on, 0-based).

    The agencies the *Kèm theo* lines name go to ``attached``, with their line.
    """
    out = meta.out
    pending: TableStart | None = None  # yielded with its title at its first row
    title: list[str] = []
    for number, line in enumerate(lines, start=start + 1):
        where = f"line {number}"
        appendix = _appendix(line)
        if appendix is not None:
            if pending is not None:
                yield attrs.evolve(pending, title=" ".join(title))
            pending, title = TableStart(f"PL{appendix}", Where(where)), []
        elif "\t" in line:
            cells = _table_row(line, where)
            if cells is None:
                continue
            if pending is not None:
                yield attrs.evolve(pending, title=" ".join(title))
                pending = None
            _extra_cells(line, where, out)
            yield cells
        elif (match := _ATTACHED.match(text := _strip(line))) is not None:
            attached.append((match.group("agency").strip(), where))
            _check_attached(match.group("number"), where, meta, out)
        elif text and pending is not None:
            title.append(text)
    if pending is not None:
        yield attrs.evolve(pending, title=" ".join(title))


def _check_attached(number: str, where: str, meta: Metadata, out: Collector) -> None:
    number = number.strip()
    if not re.match(r"[0-9]", number):
        return  # left blank in the form, as often
    known = meta.get("number")
    if known is None:
        meta.found("number", number, where)
    elif fold(str(known)) != fold(number):
        out.warn(
            where,
            f"the appendix is attached to report {number!r}, not {known!r}",
            f"phụ lục kèm theo báo cáo số {number!r}, không phải {known!r}",
            value=number,
        )


def _table_row(line: str, where: str) -> RowCells | None:
    """The cells of a tab-separated line, or ``None`` for a blank line or a header."""
    plain = [_strip(cell) for cell in line.split("\t")]
    if not any(plain):
        return None
    if plain_code(plain[0]) is None:
        words = " ".join(plain).casefold()
        if any(word in words for word in _HEADER_WORDS):
            return None
    plain += [""] * (_CELLS - len(plain))
    return RowCells(plain[0], plain[3], Where(where), title=plain[1], unit=plain[2], note=plain[4])


def _extra_cells(line: str, where: str, out: Collector) -> None:
    cells = line.split("\t")
    extra = " | ".join(p for p in (_strip(c) for c in cells[_CELLS:]) if p)
    if extra and plain_code(_strip(cells[0])) is not None:
        out.warn(
            where,
            f"more than {_CELLS} cells; the extra ones are ignored: {extra!r}",
            f"nhiều hơn {_CELLS} ô; các ô thừa bị bỏ qua: {extra!r}",
        )


_WIDTHS: Final = (6, 42, 16, 12, 16)
_GAP: Final = "  "
_INDENT: Final = 2
_VALUE: Final = 3
"""The column of values, aligned right."""
_LINE: Final = sum(_WIDTHS) + len(_GAP) * (len(_WIDTHS) - 1)


def _width(text: str) -> int:
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


def _pad(text: str, width: int, *, right: bool = False) -> str:
    fill = " " * max(0, width - _width(text))
    return fill + text if right else text + fill


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for paragraph in unicodedata.normalize("NFC", printable(text)).splitlines() or [""]:
        lines.extend(
            textwrap.wrap(
                paragraph.expandtabs(4), width, break_on_hyphens=False, replace_whitespace=True
            )
            or [""]
        )
    return lines


def _finding_line(finding: TableFinding, lang: Lang) -> str:
    where = f" ({finding.where})" if finding.rows else ""
    return f"[{severity_label(finding.severity, lang)}] {finding.rule}{where}: {finding.message}"


def _row_lines(row: TableRow, lang: Lang) -> Iterable[str]:
    indent = " " * (_INDENT * row.depth)
    columns = [
        _wrap(row.number, _WIDTHS[0]),
        [indent + line for line in _wrap(row.full_title, _WIDTHS[1] - len(indent))],
        _wrap(row.unit.replace("; ", "\n"), _WIDTHS[2]),  # a code list, one code a line
        _wrap(row.value_text, _WIDTHS[3]),
        _wrap(row.note_text, _WIDTHS[4]),
    ]
    for cells in zip_longest(*columns, fillvalue=""):
        yield _GAP.join(
            _pad(cell, width, right=i == _VALUE)
            for i, (cell, width) in enumerate(zip(cells, _WIDTHS, strict=True))
        ).rstrip()
    lead = " " * (_WIDTHS[0] + len(_GAP))
    for finding in row.shown:
        for line in _wrap(_finding_line(finding, lang), _LINE - len(lead)):
            yield lead + line


def _findings_block(findings: Iterable[TableFinding], lang: Lang) -> list[str]:
    lines: list[str] = []
    for finding in findings:
        wrapped = _wrap(_finding_line(finding, lang), _LINE - 2)
        lines.extend(["- " + wrapped[0], *("  " + line for line in wrapped[1:])])
    return lines


def _template_text(table: TemplateTable, lang: Lang) -> list[str]:
    lines = [table.heading, *_wrap(table.title, _LINE), *_wrap(table.attached, _LINE), ""]
    lines.append(
        _GAP.join(
            _pad(name, width, right=i == _VALUE)
            for i, (name, width) in enumerate(zip(COLUMNS, _WIDTHS, strict=True))
        ).rstrip()
    )
    lines.append(_GAP.join("-" * width for width in _WIDTHS))
    for row in table.rows:
        lines.extend(_row_lines(row, lang))
    if table.findings:
        lines.extend(["", *_findings_block(table.findings, lang)])
    return lines


def render_text(table: ReportTable) -> str:
    """The report as plain text: each appendix as aligned columns, 100 characters wide.

    Titles wrap inside their column and are indented by depth; a code is shown with
    its label (``1 (Có)``). Each finding is shown once, naming its rows: after the last
    row it touches, or under its appendix's table when it touches none, or under the
    heading when it is about the report.
    """
    lines = [printable(line) for line in table.heading]
    if table.findings:
        lines.extend(
            [
                "",
                f"{FINDINGS_HEADING[table.lang]}:",
                *_findings_block(table.findings, table.lang),
            ]
        )
    for template in table:
        lines.extend(["", "", *_template_text(template, table.lang)])
    return "\n".join(lines) + "\n"


# --- Markdown ---------------------------------------------------------------------------

_MD_SPECIAL: Final = str.maketrans(
    {c: "\\" + c for c in "\\`*_[]<>|~#&"} | {"\n": "<br>", "\t": " "}
)
_MD_MARKS: Final = {
    (False, False): "",
    (True, False): "**",
    (False, True): "*",
    (True, True): "***",
}


def _md(text: str) -> str:
    """Escape ``text`` for a Markdown table cell: no emphasis, link, HTML or cell break."""
    return printable(text).translate(_MD_SPECIAL)


def _md_cell(runs: Cell) -> str:
    """A cell's runs in Markdown: emphasis around the words, never around their spaces."""
    out: list[str] = []
    for run in runs:
        mark = _MD_MARKS[run.bold, run.italic]
        text = _md(run.text)
        core = text.strip(" ")
        if not mark or not core or "<br>" in text:
            out.append(text)
            continue
        lead, trail = text[: len(text) - len(text.lstrip(" "))], text[len(text.rstrip(" ")) :]
        out.append(f"{lead}{mark}{core}{mark}{trail}")
    return "".join(out)


def _md_findings(findings: Iterable[TableFinding], lang: Lang) -> list[str]:
    lines: list[str] = []
    for finding in findings:
        where = f" ({_md(finding.where)})" if finding.rows else ""
        lines.append(
            f"- **{severity_label(finding.severity, lang)}** `{_md(finding.rule)}`{where}:"
            f" {_md(finding.message)}"
        )
    return lines


def _template_markdown(table: TemplateTable, lang: Lang) -> list[str]:
    lines = [
        f"## {table.heading}",
        "",
        f"**{_md(table.title)}**",
        "",
        f"*{_md(table.attached)}*",
        "",
        "| " + " | ".join(COLUMNS) + " |",
        "| --- | --- | --- | ---: | --- |",
    ]
    lines.extend("| " + " | ".join(_md_cell(cell) for cell in row.cells) + " |" for row in table)
    found = table.shown_findings()
    if found:
        lines.extend(["", *_md_findings(found, lang)])
    return lines


def render_markdown(table: ReportTable) -> str:
    """The report as Markdown: a section and a pipe table per appendix.

    Cells keep the emphasis of the form (:attr:`TableRow.cells`); every text is
    escaped so that no text of a report becomes Markdown or HTML. Each finding is
    listed once, under the table of its appendix, with the rows it touches.

    >>> import cchc_model
    >>> md = cchc_model.render(cchc_model.example(), "markdown")
    >>> print(md.splitlines()[13])
    | 2. | Tỷ lệ hoàn thành Kế hoạch CCHC năm (Lũy kế đến thời điểm báo cáo) | % | 78,94 |  |
    """
    heading, period = table.heading
    lines = [f"# {_md(heading)}", "", _md(period)]
    if table.findings:
        lines.extend(["", *_md_findings(table.findings, table.lang)])
    for template in table:
        lines.extend(["", *_template_markdown(template, table.lang)])
    return "\n".join(lines) + "\n"
