"""HTML: one standalone page, printable on A4, laid out like the official appendices.

Every text of the report goes through :func:`html.escape`, after
:func:`~cchc_model._io.table.printable` (control characters become U+FFFD). The page
has no script and loads nothing.

>>> import cchc_model
>>> page = cchc_model.render(cchc_model.example(), "html")
>>> page.startswith("<!DOCTYPE html>"), "@page { size: A4" in page
(True, True)

**Reading** HTML (:func:`read_html`): a page of this render, a report saved by Word as
a web page, or any page whose appendices are ``<table>`` elements. The standard
library's parser reads it (no script runs, nothing is loaded); the text is decoded
as the page declares (``<meta charset>``, Word's ``windows-1258``), else as UTF-8;
``<style>``, ``<script>`` and the findings lists of this render are left out; a cell
spanning rows (``rowspan``) is repeated in each, one spanning columns (``colspan``) is
one cell, its text in its first column; ``<br>`` and
paragraphs inside a cell are line breaks. The paragraphs and tables are then read as
every document is (:mod:`~cchc_model._io.document`), the metadata from the block
*Thông tin báo cáo* this render writes.

>>> report, warnings = cchc_model.read(page.encode(), "html")
>>> report == cchc_model.example()
True
"""

from __future__ import annotations

import codecs
import html
import re
import unicodedata
from collections.abc import Iterable, Mapping
from html.parser import HTMLParser
from typing import Final, NoReturn

import attrs

from .._model.catalog import edition as get_edition
from .._model.errors import Lang, Problem
from .._model.report import Report
from .._model.template import Emphasis
from .csv import decode_text
from .document import MAX_BLOCKS, Block, Grid, Paragraph, expected_tables, read_document
from .reading import Collector, defuse_references
from .table import (
    COLUMN_WIDTHS_MM,
    COLUMNS,
    FINDINGS_HEADING,
    INFO_HEADING,
    RESULT_HEADER,
    SEVERITY_COLOURS,
    TITLE_NOTE,
    Cell,
    ReportTable,
    TableFinding,
    TableRow,
    TemplateTable,
    printable,
    severity_label,
)

__all__ = ["read_html", "render_html"]

_CELL_CLASSES: Final = ("stt", "title", "unit", "value", "note")

# Official documents (Nghị định 30/2020/NĐ-CP, Phụ lục I): A4, Times New Roman 13-14 pt,
# margins top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm.
_STYLE: Final = (
    """\
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
html { background: #fff; color: #000; }
body { font-family: "Times New Roman", Times, "Liberation Serif", "Nimbus Roman", serif;
       font-size: 13pt; line-height: 1.3; margin: 0 auto; max-width: 165mm; padding: 10mm 0; }
header.report { text-align: center; margin-bottom: 8mm; }
header.report p { margin: 0; }
div.info { text-align: left; font-size: 12pt; margin-top: 4mm; }
div.info p.info-heading { font-weight: bold; margin-bottom: 1mm; }
div.info span.label { font-style: italic; }
section.appendix { break-before: page; page-break-before: always; }
section.appendix:first-of-type { break-before: auto; page-break-before: auto; }
p.heading { font-weight: bold; text-align: center; margin: 0 0 2mm; }
h2.title { font-size: 13pt; font-weight: bold; text-align: center; margin: 0; }
p.attached { font-style: italic; text-align: center; margin: 1mm 0 4mm; }
table { border-collapse: collapse; width: 100%; font-size: 12pt; }
th, td { border: 1px solid #000; padding: 1mm 1.5mm; vertical-align: top; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th { font-weight: bold; text-align: center; vertical-align: middle; }
th .note { font-weight: normal; font-style: italic; }
td.stt, td.unit, td.value { text-align: center; }
b { font-weight: bold; } i { font-style: italic; }
ul.findings { margin: 1mm 0 0; padding-left: 5mm; font-size: 10.5pt; font-weight: normal;
              font-style: normal; }
ul.findings code { font-family: inherit; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
"""
    + "".join(
        f"col.{name} {{ width: {mm / sum(COLUMN_WIDTHS_MM):.1%}; }}\n"
        for name, mm in zip(_CELL_CLASSES, COLUMN_WIDTHS_MM, strict=True)
    )
    + "".join(
        f"tr.{severity} td {{ background: #{colours.fill.lower()}; }}\n"
        f"ul.findings li.{severity} {{ color: #{colours.ink.lower()}; }}\n"
        for severity, colours in SEVERITY_COLOURS.items()
    )
)


def _e(text: str) -> str:
    """Escape ``text`` for HTML content and attributes; line breaks become ``<br>``."""
    return html.escape(printable(text), quote=True).replace("\n", "<br>")


def _cell(runs: Cell) -> str:
    """A cell's runs, each in ``<b>``/``<i>`` as its emphasis says."""
    out: list[str] = []
    for run in runs:
        text = _e(run.text)
        if run.italic:
            text = f"<i>{text}</i>"
        if run.bold:
            text = f"<b>{text}</b>"
        out.append(text)
    return "".join(out)


def _findings_list(findings: Iterable[TableFinding], lang: Lang) -> str:
    items = "".join(
        f'<li class="{f.severity}"><b>{_e(severity_label(f.severity, lang))}</b> '
        f"<code>{_e(f.rule)}</code>{f' ({_e(f.where)})' if f.rows else ''}: {_e(f.message)}</li>"
        for f in findings
    )
    return f'<ul class="findings">{items}</ul>' if items else ""


def _row(row: TableRow, table: TemplateTable, lang: Lang) -> str:
    classes = [f"depth-{row.depth}"]
    if row.emphasis is Emphasis.GROUP:
        classes.append("group")
    elif row.emphasis is Emphasis.SUB:
        classes.append("sub")
    if row.is_heading:
        classes.append("heading")
    if row.severity is not None:
        classes.append(row.severity)
    cells = [_cell(cell) for cell in row.cells]
    cells[1] += _findings_list(row.shown, lang)
    row_id = _e(f"{table.template}-{row.code}")
    return (
        f'<tr id="{row_id}" class="{" ".join(classes)}">'
        + "".join(
            f'<td class="{name}">{cell}</td>'
            for name, cell in zip(_CELL_CLASSES, cells, strict=True)
        )
        + "</tr>"
    )


def _template(table: TemplateTable, lang: Lang) -> str:
    head = (
        "<thead><tr>"
        f'<th rowspan="2">{_e(COLUMNS[0])}</th>'
        f'<th rowspan="2">{_e(COLUMNS[1])}<br><span class="note">{_e(TITLE_NOTE)}</span></th>'
        f'<th colspan="2">{_e(RESULT_HEADER)}</th>'
        f'<th rowspan="2">{_e(COLUMNS[4])}</th></tr>'
        f"<tr><th>{_e(COLUMNS[2])}</th><th>{_e(COLUMNS[3])}</th></tr></thead>"
    )
    rows = "\n".join(_row(row, table, lang) for row in table.rows)
    return (
        f'<section class="appendix" id="{_e(table.template)}">\n'
        f'<p class="heading">{_e(table.heading)}</p>\n'
        f'<h2 class="title">{_e(table.title)}</h2>\n'
        f'<p class="attached">{_e(table.attached)}</p>\n'
        "<table>\n"
        '<colgroup><col class="stt"><col class="title"><col class="unit">'
        '<col class="value"><col class="note"></colgroup>\n'
        f"{head}\n<tbody>\n{rows}\n</tbody>\n</table>\n"
        f"{_findings_list(table.findings, lang)}"
        "</section>"
    )


def render_html(table: ReportTable) -> str:
    """The report as one standalone HTML page (inline CSS, printable on A4).

    Each appendix starts a printed page, with its heading, title and *Kèm theo* line
    centred above a table of the official layout (STT | Chỉ tiêu thống kê | Đơn vị
    tính | Số liệu | Ghi chú, with *Kết quả thống kê* over the middle two). Group rows
    are bold, *trong đó* rows italic; a row with findings is shaded by its most
    serious finding, and each finding is listed once, naming its rows, under the title
    of the last row it touches.
    """
    heading = table.heading[0]
    lang = table.lang
    parts = [
        "<!DOCTYPE html>",
        '<html lang="vi">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="cchc_model">',
        f"<title>{_e(heading)}</title>",
        f"<style>\n{_STYLE}</style>",
        "</head>",
        "<body>",
        '<header class="report">',
        f"<p><b>{_e(heading)}</b></p>",
        '<div class="info">',
        f'<p class="info-heading">{_e(INFO_HEADING[lang])}</p>',
        *(
            f'<p><span class="label">{_e(label)}:</span> {_e(value)}</p>'.replace(" </p>", "</p>")
            for label, value in table.info_lines
        ),
        "</div>",
    ]
    if table.findings:
        parts.append(f"<p>{_e(FINDINGS_HEADING[lang])}:</p>{_findings_list(table.findings, lang)}")
    parts.append("</header>")
    parts.extend(_template(template, lang) for template in table)
    parts.extend(["</body>", "</html>", ""])
    return "\n".join(parts)


# --- reading ---------------------------------------------------------------------------

_CHARSET: Final = re.compile(
    rb"""charset\s{0,5}=\s{0,5}["']?([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE
)
_SKIPPED: Final = frozenset({"style", "script", "head", "template", "noscript", "svg", "math"})
_SKIPPED_CLASSES: Final = frozenset({"findings"})
"""Classes of elements left out: the findings this render writes under a row."""
_BLOCKS: Final = frozenset(
    {
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "section",
        "header",
        "footer",
        "article",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "caption",
        "hr",
    }
)
_MAX_SPAN: Final = 64
_MAX_COLUMNS: Final = 128
_MAX_ROWS: Final = 5_000
"""The most rows of a table read (a report's appendix has about forty)."""
_MAX_CELLS: Final = 20_000
"""The most cells of a table, written (``<td>``, ``<th>``): a report's appendix has 250."""


class _TooLarge(Exception):  # noqa: N818  # a signal to stop parsing, caught in _parsed
    """A bound of a table is exceeded: parsing stops at once."""

    def __init__(self, en: str, vi: str, line: int) -> None:
        super().__init__(en)
        self.en, self.vi, self.line = en, vi, line


@attrs.define
class _Cell:
    parts: list[str]
    columns: int
    rows: int


@attrs.define
class _Table:
    rows: list[list[_Cell]] = attrs.Factory(list)
    where: list[str] = attrs.Factory(list)
    cell: _Cell | None = None
    cells: int = 0


def _span(value: str | None, most: int) -> int:
    text = (value or "").strip()
    return max(1, min(int(text), most)) if text.isdigit() and len(text) < 6 else 1  # noqa: PLR2004


_SOFT: Final = "\x1e"
"""The break at the edge of a paragraph in a cell: two of them, or one beside a ``<br>``,
make one line break."""


def _text(parts: list[str]) -> str:
    """The text of a paragraph or a cell, lines broken as ``<br>`` and paragraphs break it.

    NFC after the character references are resolved; white space collapsed.
    """
    text = unicodedata.normalize("NFC", "".join(parts))
    text = re.sub(f"{_SOFT}+", _SOFT, text).strip(_SOFT + " \t")
    text = text.replace(_SOFT + "\n", "\n").replace("\n" + _SOFT, "\n").replace(_SOFT, "\n")
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


class _Page(HTMLParser):
    """The paragraphs and tables of a page, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.paragraph: list[str] = []
        self.paragraph_line = 1
        self.tables: list[_Table] = []
        self.skipping: list[str] = []

    def target(self) -> list[str]:
        table = self.tables[-1] if self.tables else None
        if table is not None:
            return table.cell.parts if table.cell is not None else []
        return self.paragraph

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.append(tag)
            return
        classes = set((dict(attrs).get("class") or "").split())
        if tag in _SKIPPED or classes & _SKIPPED_CLASSES:
            self.skipping.append(tag)
            return
        if tag == "br":
            self.target().append("\n")
        elif tag == "table":
            self.flush()
            self.tables.append(_Table())
        elif self.tables and tag == "tr":
            self.start_row()
        elif self.tables and tag in ("td", "th"):
            self.start_cell(dict(attrs))
        elif tag in _BLOCKS:
            if self.tables:
                self.target().append(_SOFT)
            else:
                self.flush()

    def start_row(self) -> None:
        self.end_cell()
        if len(self.tables[-1].rows) >= _MAX_ROWS:
            self.too_large(
                f"a table of more than {_MAX_ROWS:,} rows", f"bảng nhiều hơn {_MAX_ROWS:,} dòng"
            )
        self.tables[-1].rows.append([])
        self.tables[-1].where.append(f"line {self.getpos()[0]}")

    def start_cell(self, attributes: dict[str, str | None]) -> None:
        table = self.tables[-1]
        self.end_cell()
        if not table.rows:
            table.rows.append([])
            table.where.append(f"line {self.getpos()[0]}")
        if len(table.rows[-1]) >= _MAX_COLUMNS:
            self.too_large(
                f"a row of more than {_MAX_COLUMNS} cells", f"dòng có nhiều hơn {_MAX_COLUMNS} ô"
            )
        table.cells += 1
        if table.cells > _MAX_CELLS:
            self.too_large(
                f"a table of more than {_MAX_CELLS:,} cells", f"bảng nhiều hơn {_MAX_CELLS:,} ô"
            )
        table.cell = _Cell(
            [],
            _span(attributes.get("colspan"), _MAX_SPAN),
            _span(attributes.get("rowspan"), _MAX_ROWS),
        )
        table.rows[-1].append(table.cell)

    def block(self, block: Block) -> None:
        if len(self.blocks) >= MAX_BLOCKS:
            self.too_large(
                f"more than {MAX_BLOCKS:,} paragraphs and tables",
                f"nhiều hơn {MAX_BLOCKS:,} đoạn văn và bảng",
            )
        self.blocks.append(block)

    def too_large(self, en: str, vi: str) -> NoReturn:
        """Stop parsing: the rest of the page is not read."""
        raise _TooLarge(f"{en}: refused", f"{vi}: từ chối", self.getpos()[0])

    def end_cell(self) -> None:
        if self.tables:
            self.tables[-1].cell = None

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "hr"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if tag == "table" and self.tables:
            table = self.tables.pop()
            grid = _grid(table)
            if self.tables:  # a table in a cell: its text is the cell's
                self.target().append("\n".join(" ".join(r) for r in grid.rows))
            else:
                self.block(grid)
                self.paragraph_line = self.getpos()[0]
        elif self.tables and tag in ("td", "th"):
            self.end_cell()
        elif tag in _BLOCKS:
            if self.tables:
                self.target().append(_SOFT)
            else:
                self.flush()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            target = self.target()
            if not target and not self.tables:
                self.paragraph_line = self.getpos()[0]
            target.append(data.replace("\n", " ").replace("\r", " ").replace("\xa0", " "))

    def flush(self) -> None:
        text = _text(self.paragraph)
        if text:
            self.block(Paragraph(text, f"line {self.paragraph_line}"))
        self.paragraph = []
        self.paragraph_line = self.getpos()[0]

    def close(self) -> None:
        super().close()
        self.skipping.clear()  # an element left open at the end skips no more
        while self.tables:
            self.handle_endtag("table")
        self.flush()


def _covered(row: list[str], below: dict[int, tuple[str, int]]) -> None:
    """Fill ``row`` with the cells of rows above that span down to it, from its end on."""
    while len(row) in below and len(row) < _MAX_COLUMNS:
        text, left = below.pop(len(row))
        if left > 1:
            below[len(row)] = (text, left - 1)
        row.append(text)


def _grid(table: _Table) -> Grid:
    """The rows of a table: a cell spanning rows in each, one spanning columns in its first.

    At most :data:`_MAX_COLUMNS` columns are kept, so that the work is linear in the
    page whatever its spans say.
    """
    below: dict[int, tuple[str, int]] = {}  # column: (text, rows still covered)
    rows: list[tuple[str, ...]] = []
    for cells in table.rows:
        row: list[str] = []
        for cell in cells:
            _covered(row, below)
            text = _text(cell.parts)
            for column in range(min(cell.columns, _MAX_COLUMNS - len(row))):
                shown = "" if column else text  # across columns: one cell, in its first
                if cell.rows > 1:
                    below[len(row)] = (shown, cell.rows - 1)
                row.append(shown)
        _covered(row, below)
        rows.append(tuple(row))
    return Grid(tuple(rows), tuple(table.where))


def _decode(data: bytes, out: Collector) -> str:
    """The page's text, in the encoding it declares, else UTF-8 (or Windows-1258)."""
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        match = _CHARSET.search(data[:4096])
        if match is not None:
            name = match.group(1).decode("ascii").lower()
            try:
                if name.replace("-", "").replace("_", "") not in ("utf8", "utf16"):
                    return data.decode(name, errors="replace")
            except LookupError:  # unknown, or no text encoding ("base64", "rot13")
                pass
    return decode_text(data, out)


def _terminated(text: str) -> str:
    """``text`` up to its first construct left open: a comment, a tag, a declaration.

    What follows an unclosed ``<!--`` or ``<`` is a comment or a tag that the end of
    the file cuts (HTML5 drops it); cut here, it is never rescanned by the standard
    parser, which took quadratic time over such a tail (``<!--`` repeated 80,000 times
    took 53 s). One pass: every character is looked at a bounded number of times.
    """
    start = text.find("<")
    while start >= 0:
        if text.startswith("<!--", start):
            end, closing = text.find("-->", start + 4), 3
        else:
            end, closing = text.find(">", start + 1), 1
        if end < 0:
            return text[:start]
        start = text.find("<", end + closing)
    return text


def _parsed(text: str, out: Collector) -> _Page:
    """The page parsed; what the standard parser cannot parse is a problem, not a crash."""
    page = _Page()
    try:
        page.feed(_terminated(defuse_references(text)))
        page.close()
    except _TooLarge as exc:
        out.error(f"line {exc.line}", exc.en, exc.vi)
        out.check()
    except Exception as exc:  # noqa: BLE001  # html.parser asserts on some broken markup
        out.error(
            "file",
            f"not HTML the parser can read ({type(exc).__name__}: {exc})",
            f"không phải HTML đọc được ({type(exc).__name__}: {exc})",
        )
        out.check()
    return page


def read_html(
    data: bytes, *, source: str | None = None, overrides: Mapping[str, object] | None = None
) -> tuple[Report, tuple[Problem, ...]]:
    """Read a report from an HTML page; return the report and the warnings.

    Raises:
        ReportFormatError: The page cannot be read; every problem is listed.
    """
    out = Collector(source)
    out.check_size(len(data))
    page = _parsed(_decode(data, out), out)
    return read_document(
        page.blocks,
        get_edition(),
        out,
        overrides=overrides,
        expected=expected_tables("as <table> elements", "dưới dạng phần tử <table>"),
    )
