r"""Text: the plain-text and Markdown renders, and the reader of text tables.

**Writing** plain text (aligned columns, what ``cchc show`` prints) and Markdown, from the
table model: the heading line, the block *Thông tin báo cáo* (every field of the
metadata, one line *label: value* each: :attr:`~cchc_model.ReportTable.info_lines`),
then the appendices.

>>> import cchc_model
>>> text = cchc_model.render(cchc_model.example(), "text")
>>> for line in text.splitlines()[19:27]:
...     print(line)
Phụ lục 2
BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH
(Kèm theo Báo cáo số: 341/BC-UBND ngày 10/6/2024 của UBND xã Hương Sơn)
<BLANKLINE>
STT     Chỉ tiêu thống kê                           Đơn vị tính            Số liệu  Ghi chú
------  ------------------------------------------  ----------------  ------------  ----------------
1.      Số văn bản chỉ đạo CCHC đã ban hành (Kết    Văn bản                     13
        luận, chỉ thị, công văn chỉ đạo, quán

**Reading** the tables of a report as text: saved from Word as text, written in
Markdown, printed by ``cchc show``, or pasted from elsewhere.

A table is lines of cells separated by tabs, Markdown pipe rows (``| 2. | Tỷ lệ … |``,
the delimiter row skipped, ``\|`` kept as text), the aligned columns of the ``text``
render (under a rule of dashes; a row's wrapped lines joined, its findings left out),
or, under an appendix heading, cells separated by runs of two spaces or more (a row
with its unit or its value left out is placed by what its cells hold). HTML tags and
entities and Markdown emphasis and headings are taken off every cell and line. Each
appendix table follows its *Phụ lục N* heading line; its columns are found by its
header, and the metadata is read from the lines before the first appendix, as
:mod:`~cchc_model._io.document` says for every document: from the block *Thông tin báo
cáo* of these renders as it is written. What the document does not say (the appendices
alone say no period) is passed by the caller: ``read(path, info={"period": …})``.

Every pattern of the reader runs on one line (cut at 100,000 characters; a rule of
dashes, a delimiter row or a pasted row at most :data:`~cchc_model._io.document.MAX_LINE`)
and none nests quantifiers over characters two of them could both take, or repeats a
group without a mandatory separator: its time is linear in the input.
"""

from __future__ import annotations

import html
import re
import textwrap
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from itertools import zip_longest
from typing import Final

from .. import vi
from .._model.catalog import edition as get_edition
from .._model.errors import Lang, ParseError, Problem
from .._model.report import Report
from .cells import header_columns, value_column
from .csv import decode_text
from .document import (
    MAX_BLOCKS,
    MAX_LINE,
    Block,
    Grid,
    Paragraph,
    expected_tables,
    heading_number,
    read_document,
    too_many_blocks,
)
from .reading import Collector, defuse_references, plain_code
from .table import (
    COLUMNS,
    FINDINGS_HEADING,
    INFO_HEADING,
    SEVERITIES,
    Cell,
    ReportTable,
    TableFinding,
    TableRow,
    TemplateTable,
    printable,
    severity_label,
)

__all__ = ["MAX_LINE_CELLS", "MAX_TABLE_ROWS", "read_text_tables", "render_markdown", "render_text"]


_TAG: Final = re.compile(r"<[^<>]{0,200}>")
_BREAK: Final = re.compile(r"<br\s{0,3}/?>", re.IGNORECASE)
_MD: Final = re.compile(r"^\s{0,3}#{1,6}\s+|\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_MD_ESCAPED: Final = re.compile(r"\\([\\`*_\[\]<>|~#&{}()+\-.!])")
_DELIMITER_ROW: Final = re.compile(r"\|?(?:\s{0,3}:?-{3,}:?\s{0,3}\|)+(?:\s{0,3}:?-{3,}:?\s{0,3})?")
_RULE: Final = re.compile(r"-{3,}(?: +-{3,})+")
_GAP_SPACES: Final = re.compile(r"[ \xa0]{2,}|\t")
_PRIVATE: Final = 0xE000
"""Escaped Markdown characters are kept here while the markup is taken off."""
_FINDING_MARKS: Final = tuple(
    f"[{severity_label(severity, lang)}]" for severity in SEVERITIES for lang in ("vi", "en")
)


def _clean(text: str) -> str:
    r"""A cell or a line without its markup, white space collapsed; ``<br>`` is a line break.

    HTML tags and entities (a document saved from Word), Markdown emphasis and
    headings are taken off; a character escaped with a backslash is kept as written.

    >>> _clean(r"**Tỷ lệ \*đạt\*** <i>(%)</i>"), _clean("a<br>b &amp; c")
    ('Tỷ lệ *đạt* (%)', 'a\nb & c')
    """
    text = _MD_ESCAPED.sub(lambda m: chr(_PRIVATE + ord(m.group(1))), text[:100_000])
    text = _TAG.sub("", _BREAK.sub("\n", text))
    text = _MD.sub("", html.unescape(defuse_references(text)))
    text = "".join(chr(ord(c) - _PRIVATE) if 0 <= ord(c) - _PRIVATE < 128 else c for c in text)  # noqa: PLR2004  # ASCII
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


def _pipe_cells(line: str) -> list[str]:
    r"""The cells of a Markdown table row (``|`` escaped as ``\|`` is text)."""
    cells: list[str] = []
    current: list[str] = []
    escaped = False
    for char in line.strip().removeprefix("|"):
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            current.append(char)
            escaped = True
        elif char == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(char)
    if "".join(current).strip():
        cells.append("".join(current))
    return [_clean(cell) for cell in cells]


MAX_LINE_CELLS: Final = 64
"""The most cells of one line of a table (an appendix has five; Word allows 64 columns)."""
MAX_TABLE_ROWS: Final = 5_000
"""The most rows of one table of a text (an appendix has about forty)."""


class _Lines:
    """Turns the lines of a text into paragraphs and tables (see :func:`read_text_tables`).

    Reading stops at the first bound exceeded: a line of more than
    :data:`MAX_LINE_CELLS` cells, a table of more than :data:`MAX_TABLE_ROWS` rows.
    """

    def __init__(self, lines: list[str], out: Collector) -> None:
        self.lines = lines
        self.out = out
        self.blocks: list[Block] = []
        self.in_appendix = False
        self.header: tuple[str, ...] | None = None
        """The header of a pasted table naming several value columns: its rows are read
        under it, not placed by content."""

    def where(self, index: int) -> str:
        return f"line {index + 1}"

    def bounded(self, index: int, rows: int, mark: str = "") -> None:
        """Stop reading (a problem) at a table of too many rows or a line of too many cells."""
        line = self.lines[index]
        if mark and line.count(mark) > MAX_LINE_CELLS:
            self.out.error(
                self.where(index),
                f"a line of more than {MAX_LINE_CELLS} cells: refused",
                f"dòng có nhiều hơn {MAX_LINE_CELLS} ô: từ chối",
            )
            self.out.check()
        if rows > MAX_TABLE_ROWS:
            self.out.error(
                self.where(index),
                f"a table of more than {MAX_TABLE_ROWS:,} rows: refused",
                f"bảng nhiều hơn {MAX_TABLE_ROWS:,} dòng: từ chối",
            )
            self.out.check()

    def read(self) -> list[Block]:
        index = 0
        while index < len(self.lines):
            if len(self.blocks) >= MAX_BLOCKS:
                too_many_blocks(self.where(index), self.out)
            line = self.lines[index]
            if "\t" in line:
                index = self.grid(index, lambda text: [_clean(c) for c in text.split("\t")], "\t")
            elif line.lstrip().startswith("|"):
                index = self.grid(index, _pipe_cells, "|")
            elif "|" in line and self.is_delimiter(index + 1):  # no outer pipes (GFM)
                index = self.grid(index, _pipe_cells, "|", outer=False)
            elif self.is_rule(index + 1):
                index = self.aligned(index)
            elif self.in_appendix and self.row_like(line):
                index = self.pasted(index)
            elif self.in_appendix and _is_spaced_header(line):
                self.header = _spaced_header(line)
                index += 1  # the header of a pasted table: its rows are placed by content
            else:
                text = _clean(line)
                if heading_number(text) is not None:
                    self.in_appendix = True
                self.blocks.append(Paragraph(text, self.where(index)))
                index += 1
        return self.blocks

    def grid(
        self, index: int, split: Callable[[str], list[str]], mark: str, *, outer: bool = True
    ) -> int:
        """A table of lines holding ``mark`` (a tab, a pipe), blank lines allowed within.

        A Markdown table's rows start with a pipe, or (``outer=False``, as GitHub allows
        under a delimiter row) hold one anywhere.
        """
        rows: list[tuple[str, ...]] = []
        where: list[str] = []
        while index < len(self.lines):
            line = self.lines[index]
            if mark in line and (mark != "|" or not outer or line.lstrip().startswith("|")):
                self.bounded(index, len(rows) + 1, mark)
                if mark != "|" or not _DELIMITER_ROW.fullmatch(line.strip()[:MAX_LINE]):
                    cells = split(line)
                    if any(cells):
                        rows.append(tuple(cells))
                        where.append(self.where(index))
            elif line.strip() and not self.blank_between(index, mark):
                break
            index += 1
        self.blocks.append(Grid(tuple(rows), tuple(where)))
        return index

    def blank_between(self, index: int, mark: str) -> bool:
        """Whether the line at ``index`` is blank and the table goes on after it."""
        return not self.lines[index].strip() and any(
            mark in line for line in self.lines[index + 1 : index + 2]
        )

    def is_delimiter(self, index: int) -> bool:
        """Whether the line at ``index`` is a Markdown table's delimiter row (``--- | ---``)."""
        if index >= len(self.lines):
            return False
        line = self.lines[index].strip()
        return "|" in line and bool(_DELIMITER_ROW.fullmatch(line[:MAX_LINE]))

    def is_rule(self, index: int) -> bool:
        """Whether the line at ``index`` is the rule under an aligned table's header."""
        if index >= len(self.lines) or index < 1:
            return False
        line = self.lines[index].rstrip()
        return (
            len(line) <= MAX_LINE
            and bool(_RULE.fullmatch(line))
            and bool(self.lines[index - 1].strip())
        )

    def aligned(self, index: int) -> int:
        """A table of aligned columns under a rule of dashes (the ``text`` render)."""
        rule = self.lines[index + 1].rstrip()
        runs = [(m.start(), m.end() - m.start()) for m in re.finditer(r"-+", rule)]
        bounds = [*zip([a for a, _ in runs], [*(a for a, _ in runs[1:]), None], strict=True)]
        widths = [width for _, width in runs]

        def cut(line: str) -> list[str]:
            return [line[a:b].strip() if b is not None else line[a:].strip() for a, b in bounds]

        rows: list[list[str]] = [cut(self.lines[index])]
        where = [self.where(index)]
        findings = False
        index += 2
        while index < len(self.lines) and self.lines[index].strip():
            self.bounded(index, len(rows) + 1)
            cells = cut(self.lines[index])
            if cells[0]:
                rows.append(cells)
                where.append(self.where(index))
                findings = False
            elif len(rows) > 1 and not findings:
                findings = " ".join(cells).lstrip().startswith(_FINDING_MARKS)
                if not findings:
                    rows[-1] = [
                        _join(*parts) for parts in zip(rows[-1], cells, widths, strict=True)
                    ]
            index += 1
        self.blocks.append(Grid(tuple(tuple(r) for r in rows), tuple(where)))
        return index

    @staticmethod
    def spaced(line: str) -> list[str] | None:
        """The cells of a line whose cells are separated by runs of spaces, or ``None``."""
        text = line.strip()
        if len(text) > MAX_LINE or not _GAP_SPACES.search(text):
            return None
        cells = [_clean(c) for c in _GAP_SPACES.split(text) if c.strip()]
        if len(cells) < 2 or plain_code(cells[0]) is None:  # noqa: PLR2004  # a code, a title
            return None
        return cells

    def row_like(self, line: str) -> bool:
        """Whether ``line`` is a pasted row, or starts with a code as a row does.

        A line whose cells cannot be told apart is reported, not taken for text.
        """
        if self.spaced(line) is not None:
            return True
        head = line.strip()[:20].split(" ", 1)[0]
        return " " in line.strip() and plain_code(head) is not None

    def pasted(self, index: int) -> int:
        """Rows of cells separated by runs of spaces: the code, the title, then what is there."""
        rows: list[tuple[str, ...]] = []
        where: list[str] = []
        header, self.header = self.header, None
        if header is not None:
            rows.append(header)
            where.append(self.where(index - 1))
        while index < len(self.lines) and self.row_like(line := self.lines[index]):
            self.bounded(index, len(rows) + 1)
            cells = self.spaced(line)
            if cells is None:
                rows.append((_clean(line),))
            else:
                rows.append(tuple(cells) if header is not None else _placed(cells))
            where.append(self.where(index))
            index += 1
        self.blocks.append(Grid(tuple(rows), tuple(where)))
        return index


def _is_spaced_header(line: str) -> bool:
    cells = [c for c in _GAP_SPACES.split(line.strip()[:MAX_LINE]) if c.strip()]
    return len(cells) >= 3 and "code" in header_columns(cells)  # noqa: PLR2004  # a header


def _spaced_header(line: str) -> tuple[str, ...] | None:
    """The cells of a pasted header naming several columns that could hold the values.

    Its rows are then read under it, so that the choice among them is made (or refused)
    as in every table; else they are placed by content (``None``).
    """
    cells = [_clean(c) for c in _GAP_SPACES.split(line.strip()[:MAX_LINE]) if c.strip()]
    columns = header_columns(cells)
    return tuple(cells) if len(value_column([cells], columns).candidates) > 1 else None


def _join(before: str, after: str, width: int) -> str:
    """A cell and its next line: a word cut at the column's width goes on without a space."""
    last = before.rpartition("\n")[2].rpartition(" ")[2] if before else ""
    glue = "" if len(last) >= width and " " not in before[-width:] else " "
    return f"{before}{glue}{after}".strip()


def _placed(cells: list[str]) -> tuple[str, ...]:
    """STT, title, unit, value, note from the cells a pasted row has (some left out)."""
    code, title, rest = cells[0], cells[1], cells[2:]
    at = next((i for i, cell in enumerate(rest) if _looks_like_value(cell)), None)
    if at is None:
        return code, title, rest[0] if rest else "", "", " ".join(rest[1:])
    unit = " ".join(rest[:at])
    return code, title, unit, rest[at], " ".join(rest[at + 1 :])


def _looks_like_value(cell: str) -> bool:
    text = cell.removesuffix("%").strip().split(" (", 1)[0]
    try:
        vi.parse_number(text)
    except ParseError:
        return False
    return True


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
    blocks = _Lines(lines, out).read()
    return read_document(
        blocks,
        get_edition(edition_id),
        out,
        overrides=overrides,
        expected=expected_tables(
            "with cells separated by tabs, '|' (Markdown) or runs of spaces",
            "có các ô cách nhau bởi tab, '|' (Markdown) hoặc nhiều dấu cách",
        ),
        text=True,
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


def _info_text(table: ReportTable) -> list[str]:
    """The block *Thông tin báo cáo*: one line *label: value* per field of the metadata."""
    return [
        INFO_HEADING[table.lang],
        *(f"{label}: {value}".rstrip() for label, value in table.info_lines),
    ]


def render_text(table: ReportTable) -> str:
    """The report as plain text: each appendix as aligned columns, 100 characters wide.

    Titles wrap inside their column and are indented by depth; a code is shown with
    its label (``1 (Có)``). Each finding is shown once, naming its rows: after the last
    row it touches, or under its appendix's table when it touches none, or under the
    heading when it is about the report.
    """
    lines = [printable(table.heading[0]), "", *_info_text(table)]
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
    >>> print(md.splitlines()[28])
    | 2. | Tỷ lệ hoàn thành Kế hoạch CCHC năm (Lũy kế đến thời điểm báo cáo) | % | 78,94 |  |
    """
    lines = [f"# {_md(table.heading[0])}", "", f"## {INFO_HEADING[table.lang]}", ""]
    lines.extend(f"- **{_md(label)}:** {_md(value)}".rstrip() for label, value in table.info_lines)
    if table.findings:
        lines.extend(["", *_md_findings(table.findings, table.lang)])
    for template in table:
        lines.extend(["", *_template_markdown(template, table.lang)])
    return "\n".join(lines) + "\n"
