"""Excel (the ``xlsx`` extra, openpyxl): the appendices as sheets laid out like the forms.

One sheet per carried appendix (*Phụ lục 2* …): heading, title and *Kèm theo* line
above a table STT | Chỉ tiêu thống kê | Đơn vị tính | Số liệu | Ghi chú (with *Kết quả
thống kê* over the middle two), group rows bold, *trong đó* rows italic, Times New
Roman, A4 portrait, header rows repeated on each printed page. A sheet *Thông tin báo
cáo* holds the metadata and, when findings are given, a sheet *Kết quả kiểm tra* lists
them with a link to their cell while their rows are shaded.

Values are real numbers with number formats (``#,##0``, ``#,##0.00``, percentages as
Excel percentages: ``78,94`` is the fraction 0,7894 shown ``0.00%``), which Excel
shows with the separators of the reader's locale, ``78,94%`` in Vietnamese. The number
format carries the decimals written, so ``70,10`` reads back as ``70.10``. Excel keeps
15 significant digits: a value with more, or with more than 15 decimals, is written
as text (cell format ``@``) in Vietnamese notation, and read back exactly.

Text cells are text even when they start with ``=``, ``+``, ``-`` or ``@``: their type is
string and their style has Excel's *quote prefix*, so no spreadsheet runs them, also
after an edit; characters XML cannot hold are written as Excel writes them
(``_x0001_``).
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any, Final

from . import vi
from ._extras import require
from ._table import (
    COLUMNS,
    RESULT_HEADER,
    TITLE_NOTE,
    ReportTable,
    TableFinding,
    TableRow,
    TemplateTable,
    severity_label,
)
from ._tabular import metadata_rows, xml_escape
from ._template import Emphasis
from ._units import Kind

__all__ = [
    "FINDINGS_SHEET",
    "FIRST_ROW",
    "MAX_DIGITS",
    "METADATA_SHEET",
    "number_cell",
    "render_xlsx",
    "sheet_name",
]

METADATA_SHEET: Final = "Thông tin báo cáo"
FINDINGS_SHEET: Final = "Kết quả kiểm tra"
FIRST_ROW: Final = 7
"""The first row of data on an appendix sheet (after the heading and two header rows)."""

MAX_DIGITS: Final = 15
"""Excel keeps 15 significant digits; longer values are written as text."""

Worksheet = Any
"""An openpyxl worksheet (openpyxl has no type hints)."""
Cell = Any
"""An openpyxl cell."""
Style = Any
"""An openpyxl font or alignment."""

_MM_PER_INCH: Final = 25.4
_FONT: Final = "Times New Roman"
_WIDTHS: Final = {"A": 8, "B": 62, "C": 16, "D": 13, "E": 26}
_FILLS: Final = {"error": "FDE2E1", "warning": "FFF3C4", "info": "E3EEFC"}
_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r", "'")


def sheet_name(number: int) -> str:
    """The sheet of appendix ``number``: ``"Phụ lục 2"``."""
    return f"Phụ lục {number}"


def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # noqa: S101  # values are finite
    return max(0, -exponent)


def _fits(value: Decimal) -> bool:
    return len(value.as_tuple().digits) <= MAX_DIGITS and _decimals(value) <= MAX_DIGITS


def number_cell(row: TableRow) -> tuple[int | float | str | None, str]:
    """The cell of a row's value: ``(value, number format)``.

    A count or code is an ``int``, a percentage the fraction (``0.7894``), money a
    ``float``, each with a format that shows the decimals written; a value Excel
    cannot hold exactly is the Vietnamese text with format ``@``.

    >>> import cchc_model
    >>> table = cchc_model.table_model(cchc_model.example())
    >>> number_cell(table["PL2"].row("2")), number_cell(table["PL7"].row("1.1"))
    ((0.7894, '#,##0.00%'), (3.887, '#,##0.000'))
    >>> number_cell(table["PL2"].row("2.1")), number_cell(table["PL2"].row("3.1"))
    ((19, '#,##0'), (None, 'General'))
    """
    value = row.value
    if value is None:
        return None, "General"
    kind = row.kind
    if kind is Kind.COUNT or kind is Kind.CODE:
        number = int(value)
        if len(str(abs(number))) <= MAX_DIGITS:
            return number, "#,##0" if kind is Kind.COUNT else "0"
        return row.text, "@"
    decimal = Decimal(value)
    if not _fits(decimal):
        return row.text, "@"
    places = _decimals(decimal)
    fraction = "." + "0" * places if places else ""
    if kind is Kind.PERCENT:
        return float(decimal.scaleb(-2)), f"#,##0{fraction}%"
    return float(decimal), f"#,##0{fraction}"


class _Sheets:
    """Styles and helpers of one workbook (openpyxl is imported when it is made)."""

    def __init__(self) -> None:
        openpyxl = require("openpyxl")
        styles = require("openpyxl.styles")
        self.rich = require("openpyxl.cell.rich_text")
        self.hyperlink = require("openpyxl.worksheet.hyperlink").Hyperlink
        self.inline_font = require("openpyxl.cell.text").InlineFont
        self.workbook = openpyxl.Workbook()
        self.styles = styles
        side = styles.Side(style="thin", color="000000")
        self.border = styles.Border(left=side, right=side, top=side, bottom=side)
        self.fills = {
            severity: styles.PatternFill("solid", start_color=color, end_color=color)
            for severity, color in _FILLS.items()
        }

    def font(self, *, bold: bool = False, italic: bool = False, size: int = 12) -> Style:
        return self.styles.Font(name=_FONT, size=size, bold=bold, italic=italic)

    def align(self, horizontal: str = "left", *, vertical: str = "top") -> Style:
        return self.styles.Alignment(horizontal=horizontal, vertical=vertical, wrap_text=True)

    def text(self, cell: Cell, text: str) -> None:
        """Put ``text`` in ``cell`` as text that no spreadsheet runs."""
        cell.value = xml_escape(text)
        cell.data_type = "s"  # openpyxl takes a leading "=" for a formula
        if text.startswith(_TRIGGERS):
            cell.quotePrefix = True

    def rich_text(self, cell: Cell, parts: list[tuple[str, bool, bool]]) -> None:
        """Put text of mixed bold and italic in ``cell``: ``(text, bold, italic)`` parts."""
        parts = [p for p in parts if p[0]]
        if len(parts) <= 1:
            if parts:
                self.text(cell, parts[0][0])
            return
        blocks = [
            self.rich.TextBlock(
                self.inline_font(rFont=_FONT, sz=12, b=bold or None, i=italic or None),
                xml_escape(text),
            )
            for text, bold, italic in parts
        ]
        cell.value = self.rich.CellRichText(blocks)
        if parts[0][0].startswith(_TRIGGERS):
            cell.quotePrefix = True


def _title_parts(row: TableRow) -> list[tuple[str, bool, bool]]:
    bold = row.emphasis is Emphasis.GROUP
    italic = row.emphasis is Emphasis.SUB
    parts = [(row.title, bold, italic)]
    if row.hint:
        parts.append((f"\n{row.hint}", False, True))
    return parts


def _note_parts(row: TableRow) -> list[tuple[str, bool, bool]]:
    # The template's own note first, in bold as printed; the filed note on the next line.
    # The reader takes an exact leading template note off again.
    if row.template_note and row.note is not None:
        return [(row.template_note, True, False), ("\n" + row.note, False, False)]
    if row.template_note:
        return [(row.template_note, True, False)]
    return [(row.note or "", False, False)]


def _sheet_header(book: _Sheets, table: TemplateTable, ws: Worksheet) -> None:
    """The heading lines and the two header rows, merged as in the form."""
    for column, width in _WIDTHS.items():
        ws.column_dimensions[column].width = width
    lines = [
        (table.heading, True, False),
        (table.title, True, False),
        (table.attached, False, True),
    ]
    for row_number, (text, bold, italic) in enumerate(lines, start=1):
        ws.merge_cells(start_row=row_number, start_column=1, end_row=row_number, end_column=5)
        cell = ws.cell(row_number, 1)
        book.text(cell, text)
        cell.font = book.font(bold=bold, italic=italic, size=13)
        cell.alignment = book.align("center", vertical="center")
    ws.row_dimensions[2].height = 36
    book.text(ws["A5"], COLUMNS[0])
    book.rich_text(ws["B5"], [(COLUMNS[1], True, False), (f"\n{TITLE_NOTE}", False, True)])
    book.text(ws["C5"], RESULT_HEADER)
    book.text(ws["E5"], COLUMNS[4])
    book.text(ws["C6"], COLUMNS[2])
    book.text(ws["D6"], COLUMNS[3])
    for cells in ws["A5:E6"]:
        for cell in cells:
            cell.font = book.font(bold=True)
            cell.alignment = book.align("center", vertical="center")
            cell.border = book.border
    for merged in ("A5:A6", "B5:B6", "C5:D5", "E5:E6"):
        ws.merge_cells(merged)
    ws.row_dimensions[5].height = 32


def _data_row(book: _Sheets, ws: Worksheet, r: int, row: TableRow) -> None:
    bold = row.emphasis is Emphasis.GROUP
    italic = row.emphasis is Emphasis.SUB
    book.text(ws.cell(r, 1), row.number)
    book.rich_text(ws.cell(r, 2), _title_parts(row))
    book.text(ws.cell(r, 3), row.unit)
    value, number_format = number_cell(row)
    value_cell = ws.cell(r, 4)
    if isinstance(value, str):
        book.text(value_cell, value)
    else:
        value_cell.value = value
    value_cell.number_format = number_format
    book.rich_text(ws.cell(r, 5), _note_parts(row))
    fonts = [
        book.font(bold=bold),
        book.font(bold=bold, italic=italic),
        book.font(bold=bold, italic=italic),
        book.font(bold=bold, italic=italic),
        book.font(bold=row.template_note is not None and row.note is None),
    ]
    for column, font in enumerate(fonts, start=1):
        cell = ws.cell(r, column)
        if not isinstance(cell.value, book.rich.CellRichText):  # rich text has its fonts
            cell.font = font
        cell.alignment = book.align("center" if column in (1, 3, 4) else "left")
        cell.border = book.border
        if row.severity is not None:
            cell.fill = book.fills[row.severity]


def _page_setup(ws: Worksheet) -> None:
    """A4 portrait, fitted to the width, the margins of an official document."""
    ws.freeze_panes = f"A{FIRST_ROW}"
    ws.print_title_rows = "5:6"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = 30 / _MM_PER_INCH
    ws.page_margins.right = 15 / _MM_PER_INCH
    ws.page_margins.top = 20 / _MM_PER_INCH
    ws.page_margins.bottom = 20 / _MM_PER_INCH


def _template_sheet(book: _Sheets, table: TemplateTable, ws: Worksheet) -> dict[int, str]:
    """Write one appendix; return the cell of each finding's first row."""
    _sheet_header(book, table, ws)
    locations: dict[int, str] = {}
    for r, row in enumerate(table.rows, start=FIRST_ROW):
        _data_row(book, ws, r, row)
        for finding in row.findings:
            locations.setdefault(id(finding), f"D{r}")
    _page_setup(ws)
    return locations


def _metadata_sheet(book: _Sheets, table: ReportTable, ws: Worksheet) -> None:
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 30
    ws.column_dimensions["C"].width = 48
    for column, text in enumerate(("Trường", "Nội dung", "Giá trị"), start=1):
        cell = ws.cell(1, column)
        book.text(cell, text)
        cell.font = book.font(bold=True)
        cell.border = book.border
    info = table.info
    shown: dict[str, object] = {
        "level": info.level.label,
        "period": vi.format_period(info.period, info.year),
        "year": info.year,
        "version": 1,
        "date": info.date,
    }
    for offset, (key, label, text) in enumerate(metadata_rows(table)):
        r = 2 + offset
        book.text(ws.cell(r, 1), key)
        book.text(ws.cell(r, 2), label)
        value = shown.get(key, text)
        cell = ws.cell(r, 3)
        if value is None or value == "":
            pass
        elif isinstance(value, str):
            book.text(cell, value)
        else:
            cell.value = value
            if key == "date":
                cell.number_format = "dd/mm/yyyy"
        for column in (1, 2, 3):
            ws.cell(r, column).font = book.font(italic=column == 1)
            ws.cell(r, column).border = book.border
            ws.cell(r, column).alignment = book.align()
    ws.freeze_panes = "A2"


def _findings_sheet(
    book: _Sheets,
    table: ReportTable,
    ws: Worksheet,
    locations: dict[int, tuple[str, str]],
) -> None:
    headers = ("Mức độ", "Quy tắc", "Biểu", "Chỉ tiêu", "Ô", "Nội dung")
    for column, (text, width) in enumerate(
        zip(headers, (12, 22, 8, 14, 18, 80), strict=True), start=1
    ):
        cell = ws.cell(1, column)
        book.text(cell, text)
        cell.font = book.font(bold=True)
        cell.border = book.border
        ws.column_dimensions[cell.column_letter].width = width
    findings: list[TableFinding] = list(table.all_findings())
    for r, finding in enumerate(findings, start=2):
        where = locations.get(id(finding))
        cells = (
            severity_label(finding.severity, table.lang),
            finding.rule,
            finding.template or "",
            ", ".join(finding.codes),
            f"'{where[0]}'!{where[1]}" if where else "",
            finding.message,
        )
        for column, text in enumerate(cells, start=1):
            cell = ws.cell(r, column)
            book.text(cell, text)
            cell.font = book.font()
            cell.alignment = book.align()
            cell.border = book.border
        ws.cell(r, 1).fill = book.fills[finding.severity]
        if where:  # a link inside the workbook
            ws.cell(r, 5).hyperlink = book.hyperlink(
                ref=f"E{r}", location=f"'{where[0]}'!{where[1]}"
            )
    ws.freeze_panes = "A2"


def render_xlsx(table: ReportTable) -> bytes:
    """The report as an Excel workbook (see the module's docstring).

    Raises:
        MissingExtraError: openpyxl is not installed (``pip install 'cchc-model[xlsx]'``).
    """
    book = _Sheets()
    wb = book.workbook
    wb.properties.creator = "cchc_model"
    wb.properties.title = xml_escape(f"Phụ lục — {table.info.agency}")
    locations: dict[int, tuple[str, str]] = {}
    first = True
    for template in table:
        name = sheet_name(template.number)
        if first:
            ws = wb.active
            ws.title = name
            first = False
        else:
            ws = wb.create_sheet(name)
        for key, cell in _template_sheet(book, template, ws).items():
            locations.setdefault(key, (name, cell))
    meta = wb.active if first else wb.create_sheet(METADATA_SHEET)
    meta.title = METADATA_SHEET
    _metadata_sheet(book, table, meta)
    if table.all_findings():
        _findings_sheet(book, table, wb.create_sheet(FINDINGS_SHEET), locations)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
