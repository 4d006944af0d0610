"""Excel workbooks (the ``xlsx`` extra, openpyxl): writing and reading the appendices.

**Writing**: the appendices as sheets laid out like the forms.

One sheet per carried appendix (*Phụ lục 2* …): heading, title and *Kèm theo* line
above a table STT | Chỉ tiêu thống kê | Đơn vị tính | Số liệu | Ghi chú (with *Kết quả
thống kê* over the middle two), the cells of the table model
(:attr:`~cchc_model.TableRow.cells`: group rows bold, *trong đó* rows italic, the hint
in parentheses), Times New Roman 12 pt. A sheet *Thông tin báo cáo* holds the metadata
in Vietnamese (the keys a reader needs, in a hidden column and hidden rows) and, when
findings are given, a sheet *Kết quả kiểm tra* lists each once, naming its rows and
linking to the first, while the rows they touch are shaded.

Every sheet prints on A4 portrait with the margins of Nghị định 30/2020, page numbers
centred at the top from the second page, its header rows repeated on each page. The
columns together are the 165 mm between the margins (Times New Roman 12 pt is the
workbook's default font, so that a width means the same in Excel and LibreOffice), so
fitting the width to the page prints at 100 %; each row is as high as the wrapped text
of its tallest cell (:mod:`~cchc_model._io.fonts`), since a spreadsheet does not grow a
row for text it did not lay out.

Values are real numbers with number formats (``#,##0``, ``#,##0.00``, percentages as
Excel percentages: ``78,94`` is the fraction 0,7894 shown ``0.00%``) that show them in
Vietnamese whatever the viewer's locale: a spreadsheet shows a format's separators in
the locale of the computer, so ``3,887`` *triệu đồng* would print ``3.887`` on an
English one, a thousand times the amount. Each format is tagged Vietnamese
(``[$-42A]``, which LibreOffice follows) and, where the value shows a separator, first
shows the value's Vietnamese text while the cell holds that value
(``[$-42A][=3.887]"3,887";[<0]-#,##0.000;#,##0.000``: Excel takes its separators from
the computer whatever the tag); a value edited afterwards shows in the format's
other sections. The number format carries the decimals written, so ``70,10`` reads
back as ``70.10``. Excel keeps
15 significant digits: a value with more, or with more than 15 decimals, is written
as text (cell format ``@``) in Vietnamese notation, and read back exactly.

Text cells are text even when they start with ``=``, ``+``, ``-`` or ``@``: their type is
string and their style has Excel's *quote prefix*, so no spreadsheet runs them, also
after an edit; characters XML cannot hold are written as Excel writes them
(``_x0001_``).

**Reading** a workbook laid out like the forms.

What ``render(report, "xlsx")`` writes reads back without loss; a workbook a person
filled in by hand reads too: one sheet per appendix, named *Phụ lục 2* or *PL2* (or
with *Phụ lục 2* in its first rows), the columns found by their headers (*STT, Chỉ
tiêu thống kê, Đơn vị tính, Số liệu, Ghi chú*), and a sheet *Thông tin báo cáo* for the
metadata (or pass it with ``info=``).

The file is not trusted. Before openpyxl sees it, the guard of Office files
(:func:`~cchc_model._io.archive.check_package`) reads every part, whatever its name:
at most 20 MB, a zip archive of at most 1,000 members, 100 MB uncompressed and 20 MB
a part (no zip bomb), not encrypted, no part with a document type declaration (no
entity expansion, no external entity) or in an encoding other than UTF-8 or UTF-16,
and at most 100,000 shared strings, 100,000 cells and 100,000 rows in all (what
openpyxl would build). Then openpyxl reads it in read-only mode, at most 50 sheets,
2,000 rows and 30 columns a sheet. openpyxl parses XML with the standard library
unless ``defusedxml`` is installed, when it uses that (installing it is a good idea
where files come from outside). Formulas are never evaluated: a formula where a value
belongs is read as the number the spreadsheet saved with it (what its author saw),
with a warning naming the cell and the formula, and refused when no number was saved;
one in a title or a note is read as its text, with a warning.
"""

from __future__ import annotations

import copy
import datetime as dt
import errno
import gc
import io
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from decimal import ROUND_HALF_EVEN, Context, Decimal
from typing import Any, Final

import attrs

from .. import vi
from .._model.errors import OutputError, Problem, ReportFormatError, ValueTypeError
from .._model.extras import require
from .._model.report import Report
from .._model.template import (
    BOUND_WORDS,
    MAX_DECIMALS,
    MAX_INTEGER_DIGITS,
    Indicator,
    Value,
    within_bounds,
)
from .._model.units import Code, Kind
from .archive import Package, check_package
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
from .document import heading_number, is_number, is_numbering, level_from_agency
from .fonts import LINE_HEIGHT, wrapped_lines
from .interchange import FORMAT
from .reading import (
    METADATA,
    Collector,
    Metadata,
    ValueCell,
    build_report,
    fold,
    info_option,
    metadata_key,
    plain_code,
    read_value_text,
    resolve_edition,
)
from .table import (
    COLUMNS,
    FINDINGS_HEADING,
    FORMULA_TRIGGERS,
    RESULT_HEADER,
    SEVERITY_COLOURS,
    TITLE_NOTE,
    ReportTable,
    Run,
    TableRow,
    TemplateTable,
    severity_label,
)
from .table import Cell as Runs
from .tabular import exact_text, metadata_rows, xml_escape, xml_unescape

__all__ = [
    "FINDINGS_SHEET",
    "FIRST_ROW",
    "MAX_CELLS",
    "MAX_COLUMNS",
    "MAX_DIGITS",
    "MAX_ROWS",
    "MAX_ROW_ELEMENTS",
    "MAX_SHARED_STRINGS",
    "MAX_SHEETS",
    "METADATA_SHEET",
    "WORKBOOK",
    "format_decimals",
    "number_cell",
    "read_xlsx",
    "render_xlsx",
    "sheet_name",
]

# --- what the writer and the reader share (the reader uses nothing else of the writer) --

METADATA_SHEET: Final = "Thông tin báo cáo"
"""The sheet of the report's metadata."""
FINDINGS_SHEET: Final = FINDINGS_HEADING["vi"]
"""The sheet of the findings (written with them; skipped by the reader)."""
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


def sheet_name(number: int) -> str:
    """The sheet of appendix ``number``: ``"Phụ lục 2"`` (the reader also takes ``PL2``)."""
    return f"Phụ lục {number}"


# --- writing ----------------------------------------------------------------------

_MM_PER_INCH: Final = 25.4
_FONT: Final = "Times New Roman"
_SIZE: Final = 12
_HEADING_SIZE: Final = 13
_VALUE_COLUMN: Final = 4
_CENTRED: Final = frozenset({1, 3, 4})
"""The columns whose cells are centred: STT, unit, value."""

# The columns of a sheet, in millimetres on the printed page: together the 165 mm
# between the margins of Nghị định 30/2020, so that a page prints at 100 %. The value
# column is wider than in Word, as a number never wraps in a cell and a code shows its
# label ("1 (Hoàn thành)"); the title column stays the widest.
_APPENDIX_MM: Final = (14, 70, 25, 29, 27)
_METADATA_MM: Final = (30, 55, 80)
"""Field (hidden: for the reader), label, value."""
_FINDINGS_MM: Final = (20, 34, 14, 24, 73)
"""Severity, rule, appendix, rows (linked to the first), message."""
_DIGIT_PX: Final = 8
"""The width of a digit of Times New Roman 12 pt at 96 pixels an inch."""
_PADDING_PT: Final = 4.0
"""What a cell's text leaves of its column's width (its insets and border)."""
_ROW_PADDING_PT: Final = 3.0


def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # noqa: S101  # values are finite
    return max(0, -exponent)


def _fits(value: Decimal) -> bool:
    return len(value.as_tuple().digits) <= MAX_DIGITS and _decimals(value) <= MAX_DIGITS


def number_cell(row: TableRow) -> tuple[int | float | str | None, str]:
    """The cell of a row's value: ``(value, number format)``.

    A count or code is an ``int``, a percentage the fraction (``0.7894``), money a
    ``float``, each with a format that shows the decimals written; a code's format
    shows its label after it (``1 (Có)``), the cell holding the number alone. A value
    Excel cannot hold exactly is the Vietnamese text with format ``@``.

    The format shows the value in Vietnamese whatever the viewer's locale (see the
    module): tagged Vietnamese, and with the value's own text first where it shows a
    separator.

    >>> import cchc_model
    >>> table = cchc_model.table_model(cchc_model.example())
    >>> number_cell(table["PL2"].row("2"))
    (0.7894, '[$-42A][=0.7894]"78,94%";[<0]-#,##0.00%;#,##0.00%')
    >>> number_cell(table["PL7"].row("1.1"))
    (3.887, '[$-42A][=3.887]"3,887";[<0]-#,##0.000;#,##0.000')
    >>> number_cell(table["PL2"].row("2.1")), number_cell(table["PL2"].row("3.1"))
    ((19, '[$-42A]#,##0'), (None, 'General'))
    >>> number_cell(table["PL2"].row("7")), number_cell(table["PL8"].row("2"))
    ((1, '0" (Có)"'), (3, '0'))
    """
    value = row.value
    if value is None:
        return None, "General"
    kind = row.kind
    if kind is Kind.COUNT or kind is Kind.CODE:
        number = int(value)
        if len(str(abs(number))) > MAX_DIGITS:
            return exact_text(row), "@"
        counted = _vietnamese(str(number), exact_text(row), "#,##0")
        return number, (_code_format(row) if kind is Kind.CODE else counted)
    decimal = Decimal(value)
    if not _fits(decimal) or (decimal.is_zero() and decimal.is_signed()):
        return exact_text(row), "@"  # Excel holds no -0 either
    places = _decimals(decimal)
    fraction = "." + "0" * places if places else ""
    if kind is Kind.PERCENT:
        fraction_of_one = decimal.scaleb(-2)
        shown = exact_text(row) + "%"
        return float(fraction_of_one), _vietnamese(
            f"{fraction_of_one:f}", shown, f"#,##0{fraction}%"
        )
    return float(decimal), _vietnamese(f"{decimal:f}", exact_text(row), f"#,##0{fraction}")


_VIETNAMESE: Final = "[$-42A]"
"""The locale tag of Vietnamese (LCID 0x042A): LibreOffice shows the format's separators so."""


def _vietnamese(value: str, shown: str, number_format: str) -> str:
    """``number_format`` showing ``shown`` for ``value`` (its plain decimal text) anywhere.

    A text without a separator needs only the tag; else the value's own text comes first
    (a condition on the value: Excel follows the computer's separators whatever the
    tag), then negative values (with their sign: a second section drops it), then the rest.

    >>> _vietnamese("19", "19", "#,##0")
    '[$-42A]#,##0'
    >>> _vietnamese("1234", "1.234", "#,##0")
    '[$-42A][=1234]"1.234";[<0]-#,##0;#,##0'
    """
    if "." not in shown and "," not in shown:
        return _VIETNAMESE + number_format
    return f'{_VIETNAMESE}[={value}]"{shown}";[<0]-{number_format};{number_format}'


def _code_format(row: TableRow) -> str:
    if row.label:  # a quote cannot be escaped inside a quoted part of a format
        return f'0" ({row.label.replace(chr(34), "")})"'
    return "0"


def _width_chars(mm: float) -> float:
    """A column ``mm`` wide on the page, in the unit of column widths.

    The unit is the width of a digit of the workbook's default font, Times New Roman
    12 pt: 8 pixels at 96 pixels an inch, in Excel as in LibreOffice.
    """
    return round(mm / _MM_PER_INCH * 96 / _DIGIT_PX, 2)


def _text_room(mm: float) -> float:
    """The width left for text in a column ``mm`` wide, in points."""
    return mm / _MM_PER_INCH * 72 - _PADDING_PT


def _height(cells: list[tuple[Runs, float]], size: float = _SIZE) -> float:
    """The height of a row whose cells hold ``(runs, column mm)``: its tallest cell's."""
    lines = 1
    for runs, mm in cells:
        if runs:
            text = "".join(run.text for run in runs)
            bold = any(run.bold for run in runs)
            lines = max(lines, wrapped_lines(text, width=_text_room(mm), size=size, bold=bold))
    return min(round(lines * size * LINE_HEIGHT + _ROW_PADDING_PT, 2), _TALLEST_ROW)


_TALLEST_ROW: Final = 409.5
"""The tallest row Excel allows, in points; a taller height is outside the file format."""


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
        # The default font sets the unit of column widths and the height of a row.
        default = styles.Font(name=_FONT, size=_SIZE)
        self.workbook._fonts[0] = default  # noqa: SLF001  # openpyxl has no API for it
        self.workbook._named_styles["Normal"].font = default  # noqa: SLF001
        side = styles.Side(style="thin", color="000000")
        self.border = styles.Border(left=side, right=side, top=side, bottom=side)
        self.fills = {
            severity: styles.PatternFill("solid", start_color=color, end_color=color)
            for severity, (color, _) in SEVERITY_COLOURS.items()
        }
        self.fonts: dict[tuple[bool, bool, int], Style] = {}
        self.aligns: dict[tuple[str, str], Style] = {}
        self.shared: dict[tuple[object, ...], Any] | None = {}
        """The style indices of a cell, by its indices before and the styles given."""

    def style(self, cell: Cell, **given: Style) -> None:
        """Give ``cell`` the styles ``given`` (``font=``, ``alignment=``…), in that order.

        openpyxl finds a style object in the workbook's list by its hash, computed field
        by field at every assignment: half the time of writing a workbook. A cell's
        styles are a small array of indices into those lists; the array each
        combination gives is kept, so that the cells that share it get a copy of it
        instead (the same indices, the styles added to the lists in the same order).
        """
        shared = self.shared
        if shared is None:  # the slow path, for the test that the two agree
            for name, value in given.items():
                setattr(cell, name, value)
            return
        before = cell._style  # noqa: SLF001  # openpyxl has no API for it
        key = (
            b"" if before is None else before.tobytes(),
            *[value if isinstance(value, str) else id(value) for value in given.values()],
            *given,
        )
        found = shared.get(key)
        if found is None:
            for name, value in given.items():
                setattr(cell, name, value)
            shared[key] = found = copy.copy(cell._style)  # noqa: SLF001
        cell._style = copy.copy(found)  # noqa: SLF001  # openpyxl changes it in place

    def font(self, *, bold: bool = False, italic: bool = False, size: int = _SIZE) -> Style:
        key = (bold, italic, size)
        if key not in self.fonts:
            self.fonts[key] = self.styles.Font(name=_FONT, size=size, bold=bold, italic=italic)
        return self.fonts[key]

    def align(self, horizontal: str = "left", *, vertical: str = "top") -> Style:
        key = (horizontal, vertical)
        if key not in self.aligns:
            self.aligns[key] = self.styles.Alignment(
                horizontal=horizontal, vertical=vertical, wrap_text=True
            )
        return self.aligns[key]

    def text(self, cell: Cell, text: str) -> None:
        """Put ``text`` in ``cell`` as text that no spreadsheet runs."""
        cell.value = _cell_text(text)
        cell.data_type = "s"  # openpyxl takes a leading "=" for a formula
        if text.startswith(FORMULA_TRIGGERS):
            cell.quotePrefix = True

    def runs(self, cell: Cell, runs: Runs, *, size: int = _SIZE) -> None:
        """Put ``runs`` in ``cell``: plain text in the run's font, or rich text for several."""
        if len(runs) == 1:
            self.text(cell, runs[0].text)
            self.style(cell, font=self.font(bold=runs[0].bold, italic=runs[0].italic, size=size))
            return
        self.style(cell, font=self.font(size=size))
        if not runs:
            return
        _cell_text("".join(run.text for run in runs))  # the whole cell must fit
        blocks = [
            self.rich.TextBlock(
                self.inline_font(rFont=_FONT, sz=size, b=bold or None, i=italic or None),
                xml_escape(text),
            )
            for text, bold, italic in runs
        ]
        cell.value = self.rich.CellRichText(blocks)
        if runs[0].text.startswith(FORMULA_TRIGGERS):
            cell.quotePrefix = True


_CELL_CHARACTERS: Final = 32_767
"""The most characters an Excel cell holds (openpyxl cuts the rest, silently)."""


def _cell_text(text: str) -> str:
    """``text`` escaped for a cell (:func:`xml_escape`), refused if the cell cannot hold it.

    A text of a report has at most 10,000 characters, but each control character is
    written ``_xHHHH_``: refusing is better than writing a cell that reads back cut.

    Raises:
        ValueTypeError: The escaped text is longer than a cell holds.
    """
    escaped = xml_escape(text)
    if len(escaped) <= _CELL_CHARACTERS:
        return escaped
    raise ValueTypeError(
        template=None,
        code=None,
        attribute="text",
        expected=f"a text an Excel cell holds ({_CELL_CHARACTERS:,} characters, each control"
        " character written as 7)",
        expected_vi=f"văn bản một ô Excel chứa được ({_CELL_CHARACTERS:,} ký tự, mỗi ký tự điều"
        " khiển được ghi bằng 7)",
        value=text,
    )


def _set_widths(ws: Worksheet, widths_mm: tuple[float, ...]) -> None:
    for number, mm in enumerate(widths_mm, start=1):
        ws.column_dimensions[_column_letter(number)].width = _width_chars(mm)


def _sheet_header(book: _Sheets, table: TemplateTable, title_text: str, ws: Worksheet) -> None:
    """The heading lines (the title with the period) and the two header rows, merged."""
    _set_widths(ws, _APPENDIX_MM)
    page = sum(_APPENDIX_MM)
    lines = [
        Run(table.heading, bold=True),
        Run(title_text, bold=True),
        Run(table.attached, italic=True),
    ]
    for row_number, run in enumerate(lines, start=1):
        ws.merge_cells(start_row=row_number, start_column=1, end_row=row_number, end_column=5)
        cell = ws.cell(row_number, 1)
        book.runs(cell, (run,), size=_HEADING_SIZE)
        book.style(cell, alignment=book.align("center", vertical="center"))
        ws.row_dimensions[row_number].height = _height([((run,), page)], _HEADING_SIZE)
    ws.row_dimensions[4].height = 6
    title = (Run(COLUMNS[1], bold=True), Run(f"\n{TITLE_NOTE}", italic=True))
    headers = {
        "A5": (Run(COLUMNS[0], bold=True),),
        "B5": title,
        "C5": (Run(RESULT_HEADER, bold=True),),
        "E5": (Run(COLUMNS[4], bold=True),),
        "C6": (Run(COLUMNS[2], bold=True),),
        "D6": (Run(COLUMNS[3], bold=True),),
    }
    for cells in ws["A5:E6"]:
        for cell in cells:
            book.runs(cell, headers.get(cell.coordinate, ()))
            book.style(cell, alignment=book.align("center", vertical="center"), border=book.border)
    for merged in ("A5:A6", "B5:B6", "C5:D5", "E5:E6"):
        ws.merge_cells(merged)
    # the merged title cell spans both rows: the first takes what the second leaves
    one_line = _height([])
    ws.row_dimensions[6].height = one_line
    ws.row_dimensions[5].height = max(one_line, _height([(title, _APPENDIX_MM[1])]) - one_line)


def _data_row(book: _Sheets, ws: Worksheet, r: int, row: TableRow) -> None:
    cells = row.cells
    for column, runs in enumerate(cells, start=1):
        cell = ws.cell(r, column)
        if column == _VALUE_COLUMN:  # a number, with the emphasis of its cell
            value, number_format = number_cell(row)
            if isinstance(value, str):
                book.text(cell, value)
            else:
                cell.value = value
            first = runs[0] if runs else Run("")
            book.style(
                cell,
                number_format=number_format,
                font=book.font(bold=first.bold, italic=first.italic),
            )
        else:
            book.runs(cell, runs)
        alignment = book.align("center" if column in _CENTRED else "left")
        if row.severity is None:
            book.style(cell, alignment=alignment, border=book.border)
        else:
            book.style(cell, alignment=alignment, border=book.border, fill=book.fills[row.severity])
    ws.row_dimensions[r].height = _height(list(zip(cells, _APPENDIX_MM, strict=True)))


def _page_setup(ws: Worksheet, *, titles: str | None) -> None:
    """A4 portrait, the margins of an official document, page numbers from page 2.

    The columns fill the width between the margins, so that fitting the width to the
    page keeps the print at 100 % (12 pt text prints at 12 pt); ``titles`` are rows
    repeated at the top of every printed page.
    """
    if titles is not None:
        ws.print_title_rows = titles
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = 30 / _MM_PER_INCH
    ws.page_margins.right = 15 / _MM_PER_INCH
    ws.page_margins.top = 20 / _MM_PER_INCH
    ws.page_margins.bottom = 20 / _MM_PER_INCH
    ws.page_margins.header = 10 / _MM_PER_INCH
    ws.HeaderFooter.differentFirst = True
    ws.oddHeader.center.text = "&P"
    ws.oddHeader.center.size = _HEADING_SIZE
    ws.oddHeader.center.font = _FONT


def _template_sheet(
    book: _Sheets, table: TemplateTable, title_text: str, ws: Worksheet
) -> dict[int, str]:
    """Write one appendix under its title; return the cell of each finding's first row."""
    _sheet_header(book, table, title_text, ws)
    locations: dict[int, str] = {}
    for r, row in enumerate(table.rows, start=FIRST_ROW):
        _data_row(book, ws, r, row)
        for finding in row.findings:
            locations.setdefault(id(finding), f"D{r}")
    ws.freeze_panes = f"A{FIRST_ROW}"
    _page_setup(ws, titles="5:6")
    return locations


_HIDDEN_FIELDS: Final = frozenset({"format", "version"})
"""Metadata for the reader alone (what the file is), in hidden rows."""


def _header_row(book: _Sheets, ws: Worksheet, texts: tuple[str, ...]) -> None:
    """Row 1 of a sheet of records: bold centred headings, repeated on every printed page."""
    for column, text in enumerate(texts, start=1):
        cell = ws.cell(1, column)
        book.runs(cell, (Run(text, bold=True),))
        book.style(cell, border=book.border, alignment=book.align("center"))
    ws.row_dimensions[1].height = _height([])
    ws.freeze_panes = "A2"
    _page_setup(ws, titles="1:1")


def _write_metadata_sheet(book: _Sheets, table: ReportTable, ws: Worksheet) -> None:
    """The metadata in Vietnamese: a label and a value a row.

    The first column, hidden, holds each field's key and the hidden rows the file's
    format, for the reader; what shows and prints is Vietnamese only.
    """
    _set_widths(ws, _METADATA_MM)
    ws.column_dimensions["A"].hidden = True
    _header_row(book, ws, ("Trường", "Nội dung", "Giá trị"))
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
            cell.number_format = "dd/mm/yyyy" if key == "date" else "0"
        for column in (1, 2, 3):
            book.style(
                ws.cell(r, column), font=book.font(), border=book.border, alignment=book.align()
            )
        shown_text = "" if value is None else str(value)
        if key == "date" and info.date is not None:
            shown_text = vi.format_short_date(info.date)
        ws.row_dimensions[r].height = _height(
            [((Run(label),), _METADATA_MM[1]), ((Run(shown_text),), _METADATA_MM[2])]
        )
        ws.row_dimensions[r].hidden = key in _HIDDEN_FIELDS


def _findings_sheet(
    book: _Sheets,
    table: ReportTable,
    ws: Worksheet,
    locations: dict[int, tuple[str, str]],
) -> None:
    """Each finding once: severity, rule, appendix, its rows (linked to the first), message."""
    _set_widths(ws, _FINDINGS_MM)
    _header_row(book, ws, ("Mức độ", "Quy tắc", "Biểu", "Chỉ tiêu", "Nội dung"))
    for r, finding in enumerate(table.all_findings(), start=2):
        texts = (
            severity_label(finding.severity, table.lang),
            finding.rule,
            finding.template or "",
            finding.where,
            finding.message,
        )
        for column, text in enumerate(texts, start=1):
            cell = ws.cell(r, column)
            book.runs(cell, (Run(text),) if text else ())
            book.style(cell, alignment=book.align(), border=book.border)
        ws.cell(r, 1).fill = book.fills[finding.severity]
        where = locations.get(id(finding))
        if where is not None:  # a link to the first row it touches
            ws.cell(r, 4).hyperlink = book.hyperlink(
                ref=f"D{r}", location=f"{_sheet_ref(where[0])}!{where[1]}"
            )
        ws.row_dimensions[r].height = _height(
            [((Run(text),), mm) for text, mm in zip(texts, _FINDINGS_MM, strict=True) if text]
        )


def render_xlsx(table: ReportTable) -> bytes:
    """The report as an Excel workbook (see the module's docstring).

    Raises:
        MissingExtraError: openpyxl is not installed (``pip install 'cchc-model[xlsx]'``).
    """
    book = _Sheets()
    wb = book.workbook
    wb.properties.creator = "cchc_model"
    wb.properties.title = xml_escape(f"Phụ lục — {table.info.agency}")
    wb.properties.language = "vi-VN"
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
        title_text = table.printed_title(template)
        for key, cell in _template_sheet(book, template, title_text, ws).items():
            locations.setdefault(key, (name, cell))
    meta = wb.active if first else wb.create_sheet(METADATA_SHEET)
    meta.title = METADATA_SHEET
    _write_metadata_sheet(book, table, meta)
    if table.all_findings():
        _findings_sheet(book, table, wb.create_sheet(FINDINGS_SHEET), locations)
    return _saved(wb)


def _saved(wb: Workbook) -> bytes:
    """The workbook's bytes; :class:`~cchc_model.OutputError` when its sheets cannot be made.

    openpyxl writes each sheet to a temporary file (in :func:`tempfile.gettempdir`)
    before it zips them: a full disk, a file-size limit or a folder that cannot be
    written make it fail there, with an :class:`OSError` or lxml's ``SerialisationError``
    (``IO_EFBIG``), before any output of ours is written. That failure is the boundary's:
    it is said as the library's error, with the system's reason, and the sheet writer
    openpyxl leaves open (whose closing fails the same way) is closed quietly.
    """
    buffer = io.BytesIO()
    try:
        wb.save(buffer)
    except Exception as exc:
        reason = _system_reason(exc)
        if reason is None:
            raise
        previous = sys.unraisablehook
        sys.unraisablehook = _quiet_sheet_writers(previous)
        try:
            exc.__traceback__ = None  # the frames holding openpyxl's open writer go now
            del exc
            gc.collect()
        finally:
            sys.unraisablehook = previous
        raise _temporary_files_error(*reason) from None
    return buffer.getvalue()


def _system_reason(exc: Exception) -> tuple[int | None, str, str] | None:
    """``(errno, English, Vietnamese)`` of a failure to write a file, else ``None``."""
    from .._model.files import os_reason  # noqa: PLC0415  # on failure only

    if isinstance(exc, OSError):
        return (exc.errno, *os_reason(exc))
    if type(exc).__name__ != "SerialisationError":  # lxml's, raised as "IO_EFBIG"
        return None
    name = str(exc).removeprefix("IO_")
    number = getattr(errno, name, None) if name.startswith("E") else None
    if not isinstance(number, int):
        return None, str(exc), str(exc)
    return (number, *os_reason(OSError(number, os.strerror(number))))


def _temporary_files_error(number: int | None, reason: str, reason_vi: str) -> OutputError:
    import tempfile  # noqa: PLC0415  # on failure only

    folder = tempfile.gettempdir()
    return OutputError(
        ("the Excel workbook", "tệp Excel"),
        (
            (
                f"openpyxl writes each sheet to a temporary file in {folder!r} first, and"
                f" the system refused it: {reason} (free some space there, or set TMPDIR"
                " to another folder)"
            ),
            (
                f"openpyxl ghi từng trang tính ra một tệp tạm trong {folder!r} trước, và hệ"
                f" thống không cho ghi: {reason_vi} (hãy giải phóng chỗ trống ở đó, hoặc"
                " đặt TMPDIR sang thư mục khác)"
            ),
        ),
        errno=number,
    )


def _quiet_sheet_writers(previous: Any) -> Any:  # noqa: ANN401  # sys.unraisablehook's type
    """A hook that drops only the failure of closing openpyxl's sheet writer."""

    def hook(unraisable: Any) -> None:  # noqa: ANN401
        writer = getattr(unraisable.object, "__qualname__", "")
        if writer != "WorksheetWriter.get_stream":
            previous(unraisable)

    return hook


# --- reading ----------------------------------------------------------------------

MAX_SHEETS: Final = 50
"""The most sheets of a workbook (a report has eight)."""
MAX_ROWS: Final = 2_000
"""The most rows read from a sheet (an appendix has at most 60)."""
MAX_COLUMNS: Final = 30
"""The most columns read from a sheet (an appendix has five)."""
MAX_SHARED_STRINGS: Final = 100_000
"""The most shared strings (texts) of a workbook: openpyxl reads them all at once."""
MAX_CELLS: Final = 100_000
"""The most cells of a workbook, all sheets together (a report has about 2,000)."""
MAX_ROW_ELEMENTS: Final = 100_000
"""The most rows of a workbook, all sheets together, blank formatted rows included."""
_HEADER_ROWS: Final = 20
Workbook = Any
"""An openpyxl workbook (openpyxl has no type hints)."""
_FIFTEEN: Final = Context(prec=MAX_DIGITS, rounding=ROUND_HALF_EVEN)
_EXACT: Final = Context(prec=MAX_INTEGER_DIGITS + MAX_DECIMALS + 1)
"""Enough digits for any value within the bound of a report: quantize is exact."""
_LONGEST_FORMAT: Final = 255
_QUOTED: Final = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
WORKBOOK: Final = Package(
    "workbook",
    "tệp Excel",
    ("[Content_Types].xml", "xl/workbook.xml"),
    (
        "not an Excel workbook (.xlsx); an .xls or .ods file is read by its extension",
        "không phải tệp Excel (.xlsx); tệp .xls hoặc .ods được đọc theo phần mở rộng",
    ),
    (
        "not an Excel workbook (.xlsx): the archive has no workbook",
        "không phải tệp Excel (.xlsx): không có workbook trong tệp nén",
    ),
    {
        "si": (MAX_SHARED_STRINGS, "shared strings", "chuỗi dùng chung"),
        "c": (MAX_CELLS, "cells", "ô"),
        "row": (MAX_ROW_ELEMENTS, "rows", "dòng"),
    },
)
"""What the guard (:func:`~cchc_model._io.archive.check_package`) checks of a workbook."""


def _column_letter(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _sheet_ref(sheet: str) -> str:
    return f"'{sheet}'" if re.search(r"[^A-Za-z0-9_]", sheet) else sheet


def _ref(sheet: str, row: int, column: int) -> str:
    return f"{_sheet_ref(sheet)}!{_column_letter(column)}{row}"


def format_decimals(number_format: str) -> tuple[int | None, bool]:
    """The decimals a number format shows and whether it is a percentage.

    ``None`` decimals for *General* (it shows what the value holds).

    >>> format_decimals("#,##0.00%"), format_decimals("General"), format_decimals('0.0" ha"')
    ((2, True), (None, False), (1, False))
    >>> format_decimals('[$-42A][=0.789]"78,9%";[<0]-#,##0.0%;#,##0.0%')
    (1, True)
    """
    # Excel's formats are at most 255 characters; cut before the patterns run
    for section in number_format[:_LONGEST_FORMAT].split(";"):
        shown = _QUOTED.sub("", section)
        if not shown.strip() and "[=" in section:
            continue  # a value's own text (ours: '[$-42A][=3.887]"3,887";…'): the next
        if fold(shown) in ("general", "") or "@" in shown:
            return None, False
        match = re.search(r"\.([0#?]+)", shown)
        return (match.group(1).count("0") if match else 0), "%" in shown
    return None, False


def _sheet_kind(name: str, first_cells: list[str]) -> str | None:
    """``"meta"``, ``"skip"``, the template a sheet holds (``"PL2"``), or ``None``."""
    folded = fold(name)
    if folded in (fold(METADATA_SHEET), "thông tin", "metadata", "report"):
        return "meta"
    if folded in (fold(FINDINGS_SHEET), "findings"):
        return "skip"
    # the sheet's name (Phụ lục 2, PL2, 2), else a "Phụ lục 2" line in its first rows
    labelled = [text for text in first_cells if fold(text).startswith(("phụ lục", "pl"))]
    for text in (name, *labelled):
        tid = template_id(text)
        if tid is not None:
            return tid
    return None


def _rows(ws: Worksheet, out: Collector, sheet: str) -> Iterator[tuple[int, list[Cell]]]:
    for number, row in enumerate(
        ws.iter_rows(min_row=1, max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS), start=1
    ):
        if number > MAX_ROWS:
            if any(getattr(c, "value", None) not in (None, "") for c in row):
                out.error(
                    _sheet_ref(sheet),
                    f"more than {MAX_ROWS:,} rows: refused",
                    f"nhiều hơn {MAX_ROWS:,} dòng: từ chối",
                )
            return
        yield number, list(row)


_MAIN: Final = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _hidden(ws: Worksheet) -> tuple[frozenset[int], frozenset[int]]:
    """The hidden rows and columns (numbered from 1) of a sheet opened read-only.

    openpyxl's read-only sheets keep no row or column dimensions, so the sheet's XML is
    read once more for its ``<col hidden>`` and ``<row hidden>`` elements (with
    openpyxl's parser, defusedxml when installed), up to the rows and columns read.
    """
    source = getattr(ws, "_get_source", None)
    if source is None:
        return frozenset(), frozenset()
    iterparse = require("openpyxl.xml.functions").iterparse
    rows: set[int] = set()
    columns: set[int] = set()
    number = 0
    with source() as src:
        for _, element in iterparse(src, events=("end",)):
            tag = element.tag
            if tag == f"{_MAIN}col" and element.get("hidden") in ("1", "true"):
                low = int(element.get("min", "0") or 0)
                columns.update(range(low, min(int(element.get("max", low) or 0), MAX_COLUMNS) + 1))
            elif tag == f"{_MAIN}row":
                number = int(element.get("r") or number + 1)
                if number > MAX_ROWS:
                    break
                if element.get("hidden") in ("1", "true"):
                    rows.add(number)
                element.clear()
    return frozenset(rows), frozenset(columns)


def _text(cell: Cell) -> str:
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, str):
        return xml_unescape(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _round15(value: float) -> Decimal:
    # Excel keeps 15 significant digits; what openpyxl writes ("%.16g") and reads back
    # can differ in the 16th.
    decimal = _FIFTEEN.create_decimal(repr(value))
    return _plain(decimal)


def _plain(decimal: Decimal) -> Decimal:
    """``decimal`` without trailing zeros in its fraction and without an exponent."""
    if decimal == decimal.to_integral_value():
        return Decimal(int(decimal))
    return decimal.normalize()


def _beyond(value: object, cell: ValueCell) -> None:
    cell.error(
        f": expected a value of {BOUND_WORDS[0]}, got {value!r}",
        f": phải là số có {BOUND_WORDS[1]}, nhận được {value!r}",
    )


def _read_whole(value: float | Decimal, cell: ValueCell) -> Value | None:
    """A count or a code: a whole number within the bound of a report."""
    row = cell.row
    if isinstance(value, Decimal) or not float(value).is_integer():
        what, what_vi = ("count", "số đếm") if row.kind is Kind.COUNT else ("code", "mã")
        cell.error(
            f": a {what} is a whole number, got {value!r}",
            f": {what_vi} phải là số nguyên, nhận được {value!r}",
        )
        return None
    if not within_bounds(Decimal(value)):  # 1e30 stored as a float is no whole count
        _beyond(value, cell)
        return None
    whole = int(value)
    if row.kind is Kind.CODE:
        assert row.code_list is not None  # noqa: S101  # a code row has its list
        member = row.code_list._value2member_map_.get(whole)
        return member if isinstance(member, Code) else whole
    return whole


def _read_number(value: float | Decimal, number_format: str, cell: ValueCell) -> Value | None:
    """Read a numeric cell.

    Counts and codes are whole numbers; other values are decimals with the decimals
    their number format shows (a percentage format holds a fraction: Excel shows
    ``0.7894`` as ``78.94%``, read so). A number between 0 and 1 in a percentage row
    whose format is not a percentage is read as written (``0,7894 %``) with a warning
    asking whether the ratio was typed as a fraction (``78,94 %``).
    """
    row = cell.row
    if row.kind is None:
        cell.heading()
        return None
    if row.kind is Kind.COUNT or row.kind is Kind.CODE:
        return _read_whole(value, cell)
    decimals, percent = format_decimals(number_format)
    number = _round15(value) if isinstance(value, float) else Decimal(value)
    if percent:
        number = _plain(number.scaleb(2))
    if not within_bounds(number):
        _beyond(value, cell)
        return None
    if row.kind is Kind.PERCENT and not percent and 0 < number < 1:
        _fraction(number, cell)
    places = max(0, -int(number.as_tuple().exponent))
    if decimals is not None and decimals > places:
        # exact: the value is within the bound, the decimals at most the bound's
        number = number.quantize(Decimal(1).scaleb(-min(decimals, MAX_DECIMALS)), context=_EXACT)
    elif decimals is not None and places > decimals:
        shown = vi.format_number(number, decimals)
        cell.warn(
            f"the cell shows {shown} but holds {vi.format_number(number)}; read what it holds",
            f"ô hiển thị {shown} nhưng chứa {vi.format_number(number)};"
            " đã đọc giá trị chứa trong ô",
        )
    return number


def _fraction(number: Decimal, cell: ValueCell) -> None:
    """Warn about a ratio probably typed as a fraction (``0.7894``) in a percentage row."""
    read_as = vi.format_number(number)
    meant = vi.format_number(_plain(number.scaleb(2)))
    cell.warn(
        f"read {read_as} % (a number under 1, not formatted as a percentage in Excel);"
        f" did you mean {meant} %? (type {meant}, or format the cell as a percentage)",
        f"đã đọc {read_as} % (số nhỏ hơn 1, ô không định dạng phần trăm trong Excel);"
        f" có phải là {meant} %? (hãy nhập {meant}, hoặc định dạng ô là phần trăm)",
    )


def _value(
    cell: Cell,
    row: Indicator,
    where: str,
    out: Collector,
    *,
    ours: bool,
    saved: Callable[[], object] = lambda: None,
) -> Value | None:
    value = getattr(cell, "value", None)
    kind = getattr(cell, "data_type", "n")
    number_format = getattr(cell, "number_format", "General")
    context = ValueCell(row, value, where, out)
    if value is None or value == "":
        return None
    if kind == "f":
        value = _saved_value(str(value), saved(), context)
        if value is None:
            return None
        return _read_number(value, number_format, context)
    if isinstance(value, (bool, dt.date, dt.time, dt.timedelta)) or kind == "e":
        context.error(f": expected a number, got {value!r}", f": phải là số, nhận được {value!r}")
        return None
    if isinstance(value, (int, float, Decimal)):
        return _read_number(value, number_format, context)
    # A value the writer could not give Excel as a number (too many digits) is a text cell
    # of format @ in a workbook that says it is a cchc-report: its notation is known.
    declared = ours and number_format == "@"
    return read_value_text(
        _text(cell), row, where, out, typed_as_text=not declared, declared=declared
    )


def _saved_value(formula: str, saved: object, context: ValueCell) -> float | Decimal | None:
    """The number a spreadsheet saved with a formula cell, read with a warning.

    The formula is never evaluated: Excel and LibreOffice save the value they computed
    beside it, which is what the person who filled the file saw. A cell with no saved
    number (a workbook written by a program that computes nothing) is refused.
    """
    if isinstance(saved, (int, float, Decimal)) and not isinstance(saved, bool):
        context.warn(
            f"the cell holds a formula ({formula}), which is not evaluated; read the value"
            f" saved with it, {vi.format_number(Decimal(repr(saved)))}",
            f"ô chứa công thức ({formula}), công thức không được tính; đã đọc giá trị được"
            f" lưu cùng công thức, {vi.format_number(Decimal(repr(saved)))}",
        )
        return saved
    context.error(
        f": the cell holds a formula ({formula}) with no number saved with it; formulas"
        " are not evaluated: type the value itself, or open and save the file in Excel"
        " or LibreOffice",
        f": ô chứa công thức ({formula}) không có giá trị số được lưu kèm; công thức không"
        " được tính: hãy nhập trực tiếp số liệu, hoặc mở và lưu lại tệp bằng Excel hay"
        " LibreOffice",
    )
    return None


class _Saved:
    """The values a workbook saved with its formulas, read once, when first asked for.

    openpyxl gives either the formulas or the saved values of a workbook: the second
    reading (``data_only``) is made only for a workbook whose value cells hold formulas,
    within the same bounds as the first (the package was checked already).
    """

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._values: dict[str, dict[tuple[int, int], object]] | None = None

    def value(self, sheet: str, cell: Cell) -> object:
        """The value saved in ``cell`` of ``sheet`` (``None``: none saved)."""
        if self._values is None:
            self._values = self._read()
        position = (getattr(cell, "row", 0), getattr(cell, "column", 0))
        return self._values.get(sheet, {}).get(position)

    def _read(self) -> dict[str, dict[tuple[int, int], object]]:
        openpyxl = require("openpyxl")
        wb = openpyxl.load_workbook(
            io.BytesIO(self._data), read_only=True, data_only=True, keep_links=False
        )
        try:
            out: dict[str, dict[tuple[int, int], object]] = {}
            for ws in wb.worksheets[:MAX_SHEETS]:
                rows = ws.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLUMNS, values_only=True)
                out[ws.title] = {
                    (r, c): value
                    for r, row in enumerate(rows, start=1)
                    for c, value in enumerate(row, start=1)
                    if value is not None
                }
            return out
        finally:
            wb.close()


@attrs.frozen
class _ExcelValue:
    """A *Số liệu* cell of a sheet: a number with its format, a date, a formula or text."""

    cell: Cell
    ours: bool
    sheet: str = ""
    saved: _Saved | None = None

    def read(self, row: Indicator, where: str, out: Collector) -> Value | None:
        saved = self.saved

        def value_saved() -> object:
            return None if saved is None else saved.value(self.sheet, self.cell)

        return _value(self.cell, row, where, out, ours=self.ours, saved=value_saved)


_DEFAULT_COLUMNS: Final = {"code": 0, "title": 1, "unit": 2, "value": 3, "note": 4}
_SUB_HEADER_ROWS: Final = 3
SheetRows = list[tuple[int, list[Cell]]]


def _is_sub_header(texts: list[str], code_column: int, above: list[list[str]]) -> bool:
    """A row under a header that names no column (*6 tháng 2023* | *6 tháng 2024*)."""
    if len(above) > _SUB_HEADER_ROWS:
        return False
    if code_column < len(texts) and plain_code(texts[code_column]) is not None:
        return False
    filled = [text for text in texts if text.strip()]
    return bool(filled) and not any(is_number(text) for text in filled)


def _columns(
    rows: SheetRows, *, year: object = None
) -> tuple[dict[str, int], int, ValueChoice | None]:
    """The column of each field (0-based), the number of the last header row, the choice.

    The header starts at the first row naming the code (or the title and the values)
    and goes on over the rows that name more, or name nothing and hold no number (the
    periods under a *Số liệu* spanning them).
    """
    columns: dict[str, int] = {}
    header: list[list[str]] = []
    last = 0
    for number, cells in rows[:_HEADER_ROWS]:
        texts = [_text(c) for c in cells]
        found = header_columns(texts)
        if not columns and "code" not in found and not {"title", "value"} <= found.keys():
            continue
        more = {f: i for f, i in found.items() if f not in columns}
        if columns and not more and not _is_sub_header(texts, columns.get("code", 0), header):
            break
        columns = {**found, **columns}
        header.append(texts)
        last = number
    if not header:
        return _DEFAULT_COLUMNS, 0, None
    choice = value_column(header, columns, year=year)
    columns.pop("value", None)
    if choice.index is None:
        return (_DEFAULT_COLUMNS, 0, None) if choice.problem is None else ({}, last, choice)
    return {**columns, "value": choice.index}, last, choice


def _heading(cells: list[Cell]) -> str | None:
    """The appendix a row names when it holds only *Phụ lục N* (``PL3``), or ``None``."""
    texts = {text for text in (_text(c).strip() for c in cells) if text}
    if len(texts) != 1:
        return None
    number = heading_number(texts.pop())
    return None if number is None else f"PL{number}"


class _Sheet:
    """The cells of one appendix sheet, for :func:`~cchc_model._io.cells.read_rows`.

    A row *Phụ lục N* in the sheet starts appendix N: the rows that follow (its title,
    its header, its rows) are its own.
    """

    def __init__(
        self,
        name: str,
        template: str,
        out: Collector,
        *,
        ours: bool,
        saved: _Saved | None = None,
        year: object = None,
    ) -> None:
        self.name = name
        self.template = template
        self.out = out
        self.ours = ours
        self.saved = saved
        self.year = year
        self.hidden_rows: frozenset[int] = frozenset()
        self.hidden_columns: frozenset[int] = frozenset()
        self.columns: dict[str, int] = {}

    def cell(self, cells: list[Cell], field: str) -> Cell:
        index = self.columns.get(field)
        return cells[index] if index is not None and index < len(cells) else None

    def where(self, number: int, field: str) -> str:
        return _ref(self.name, number, self.columns.get(field, 0) + 1)

    def segments(self, rows: SheetRows) -> list[tuple[str, str, SheetRows]]:
        """``(template, where, rows)`` of each appendix of the sheet, in order."""
        own = template_id(self.template)
        segments: list[tuple[str, str, SheetRows]] = [(self.template, _sheet_ref(self.name), [])]
        for number, cells in rows:
            tid = _heading(cells)
            if tid is None:
                segments[-1][2].append((number, cells))
            elif tid == own and len(segments) == 1 and not self.has_rows(segments[0][2]):
                continue  # the sheet's own heading
            else:
                segments.append((tid, _ref(self.name, number, 1), []))
        if len(segments) > 1 and not self.has_rows(segments[0][2]):
            del segments[0]  # the sheet's first appendix starts at its heading row
        return segments

    @staticmethod
    def has_rows(rows: SheetRows) -> bool:
        """Whether a row holds a code in its first cells (the sheet's label is above them)."""
        return any(plain_code(_text(c)) for _, cells in rows for c in cells[:2])

    def cells(self, ws: Worksheet) -> Iterator[TableStart | RowCells]:
        self.hidden_rows, self.hidden_columns = _hidden(ws)
        for template, where, rows in self.segments(list(_rows(ws, self.out, self.name))):
            yield TableStart(template, Where(where), typed=True)
            yield from self.table(rows)

    def table(self, rows: SheetRows) -> Iterator[RowCells]:
        self.columns, header, choice = _columns(rows, year=self.year)
        at = _ref(self.name, header, 1) if header else _sheet_ref(self.name)
        if choice is not None and choice.problem is not None:
            self.out.error(at, *choice.problem, value=choice.candidates)
            return
        if choice is not None and choice.warning is not None:
            self.out.warn(at, *choice.warning, value=choice.candidates)
        for number, cells in rows:
            if number <= header or is_numbering([_text(c) for c in cells]):
                continue  # the header, and the columns' numbers printed under it (1 2 3 4 5)
            code = self.code(number, cells)
            if not header and plain_code(code) is None:  # no header: rows are those with a code
                continue
            if header and plain_code(code) is None and "code" in header_columns(map(_text, cells)):
                continue  # the header repeated
            if self.hidden_rows or self.hidden_columns:
                hidden = number in self.hidden_rows
                self.hidden(number, cells, row=hidden, columns=self.hidden_columns)
            where = Where(
                self.where(number, "code"),
                {field: self.where(number, field) for field in self.columns},
            )
            yield RowCells(
                code,
                _ExcelValue(self.cell(cells, "value"), self.ours, self.name, self.saved),
                where,
                title=self.text(number, cells, "title"),
                unit=self.text(number, cells, "unit"),
                note=self.text(number, cells, "note"),
            )

    def hidden(self, number: int, cells: list[Cell], *, row: bool, columns: frozenset[int]) -> None:
        """Warn about a value or note read from a hidden row or column: no one saw it."""
        for field in ("value", "note"):
            index = self.columns.get(field)
            if index is None or _text(self.cell(cells, field)).strip() == "":
                continue
            if row or index + 1 in columns:
                what = "row" if row else "column"
                what_vi = "dòng" if row else "cột"
                self.out.warn(
                    self.where(number, field),
                    f"the cell is in a hidden {what} of the sheet {self.name!r} in Excel;"
                    " it is read: check it",
                    f"ô nằm trong {what_vi} bị ẩn của trang tính {self.name!r} trong Excel;"
                    " vẫn được đọc: hãy kiểm tra",
                    value=_text(self.cell(cells, field)),
                    template=template_id(self.template),
                )

    def code(self, number: int, cells: list[Cell]) -> str:
        """The STT cell as text; one typed as a number is read with a warning."""
        code_cell = self.cell(cells, "code")
        raw = getattr(code_cell, "value", None)
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            code = plain_code(repr(raw) if isinstance(raw, float) else str(raw))
            self.out.warn(
                self.where(number, "code"),
                f"the STT {raw!r} is a number, read as the code {code}: write codes as text"
                " (2.10 and 2.1 are one number)",
                f"STT {raw!r} là số, đã đọc thành mã {code}: hãy nhập mã dưới dạng văn bản"
                " (2.10 và 2.1 là cùng một số)",
                value=raw,
                template=template_id(self.template),
            )
            return code or str(raw)
        return _text(code_cell)

    def text(self, number: int, cells: list[Cell], field: str) -> str | None:
        """A text cell (``None`` without its column); a formula is read as its text."""
        if field not in self.columns:
            return None
        target = self.cell(cells, field)
        if getattr(target, "data_type", "s") == "f":
            self.out.warn(
                self.where(number, field),
                f"a formula ({_text(target)}) is read as its text",
                f"công thức ({_text(target)}) được đọc như văn bản",
                value=_text(target),
            )
        return _text(target)


def _read_metadata_sheet(ws: Worksheet, sheet: str, meta: Metadata) -> None:
    for number, cells in _rows(ws, meta.out, sheet):
        key_cell, label_cell, value_cell = [*cells, None, None, None][:3]
        key = metadata_key(_text(key_cell), _text(label_cell))
        if key is None:
            continue
        value = getattr(value_cell, "value", None)
        where = _ref(sheet, number, 3)
        if getattr(value_cell, "data_type", "s") == "f":  # never evaluated: its text is read
            meta.out.warn(
                where,
                f"{key}: a formula ({_text(value_cell)}) is read as its text",
                f"{key}: công thức ({_text(value_cell)}) được đọc như văn bản",
                value=_text(value_cell),
            )
        meta.given(key, _text(value_cell) if isinstance(value, str) else value, where)


def _sheets(wb: Workbook, meta: Metadata) -> list[tuple[str, str, Worksheet]]:
    """The appendix sheets ``(name, template, sheet)``; the metadata goes to ``meta``."""
    out = meta.out
    if len(wb.sheetnames) > MAX_SHEETS:
        out.error("file", f"more than {MAX_SHEETS} sheets", f"nhiều hơn {MAX_SHEETS} trang tính")
        out.check()
    sheets: list[tuple[str, str, Worksheet]] = []
    for name in wb.sheetnames:
        ws = wb[name]
        first = [_text(c) for row in ws.iter_rows(min_row=1, max_row=3, max_col=2) for c in row]
        kind = _sheet_kind(name, first)
        if kind not in (None, "skip") and getattr(ws, "sheet_state", "visible") != "visible":
            out.warn(  # what is read is not what a person opening the file sees
                _sheet_ref(name),
                f"the sheet {name!r} is hidden in Excel; it is read: check it",
                f"trang tính {name!r} bị ẩn trong Excel; vẫn được đọc: hãy kiểm tra",
            )
        if kind == "meta":
            _read_metadata_sheet(ws, name, meta)
        elif kind is None:
            out.warn(
                _sheet_ref(name),
                f"the sheet {name!r} is not an appendix (Phụ lục 2 …): ignored",
                f"trang tính {name!r} không phải là phụ lục (Phụ lục 2 …): đã bỏ qua",
            )
        elif kind != "skip":
            sheets.append((name, kind, ws))
    if not sheets and not meta.fields:  # a report may carry no appendix, but say what it is
        out.error(
            "file",
            "no appendix sheet (Phụ lục 2 … Phụ lục 8) in the workbook",
            "không có trang tính phụ lục (Phụ lục 2 … Phụ lục 8) trong tệp",
        )
    return sheets


def _appendices(
    sheets: list[tuple[str, str, Worksheet]],
    out: Collector,
    *,
    ours: bool,
    saved: _Saved,
    year: object,
) -> Iterator[TableStart | RowCells]:
    for name, template, ws in sheets:
        yield from _Sheet(name, template, out, ours=ours, saved=saved, year=year).cells(ws)


def read_xlsx(
    data: bytes, *, source: str | None = None, overrides: Mapping[str, object] | None = None
) -> tuple[Report, tuple[Problem, ...]]:
    """Read a workbook; return the report and the warnings.

    Raises:
        ReportFormatError: The file cannot be read; every problem is listed.
        MissingExtraError: openpyxl is not installed.
    """
    openpyxl = require("openpyxl")
    out = Collector(source)
    check_package(data, WORKBOOK, out)
    try:
        wb = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=False, keep_links=False
        )
        try:
            meta = Metadata(out)
            sheets = _sheets(wb, meta)
            ed = resolve_edition(meta.fields, out, overrides)
            ours = fold(str(meta.get("format") or "")) == FORMAT
            year = (overrides or {}).get("year") or meta.get("year")
            appendices = _appendices(sheets, out, ours=ours, saved=_Saved(data), year=year)
            builders = read_rows(appendices, ed, out, declared=ours)
        finally:
            wb.close()
    except ReportFormatError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        out.error(
            "file",
            f"the workbook cannot be read: {type(exc).__name__}: {exc}",
            f"không đọc được tệp Excel: {type(exc).__name__}: {exc}",
        )
        out.check()
        raise  # pragma: no cover  # check() raised
    level_from_agency(meta, overrides)
    report = build_report(
        meta.fields,
        builders,
        out,
        ed,
        overrides=overrides,
        missing_hint=_missing_hint,
        expected=None
        if ours
        else (
            "sheets 'Phụ lục 2' … 'Phụ lục 8' with the columns STT and Số liệu",
            "các trang tính 'Phụ lục 2' … 'Phụ lục 8' có cột STT và Số liệu",
        ),
    )
    return report, tuple(out.warnings)


def _missing_hint(key: str) -> tuple[str, str]:
    """How to give a missing field: the metadata sheet, ``info=`` or ``--info``."""
    label = next(field.vi for field in METADATA if field.key == key)
    python, option = info_option(key)
    sheet = f"{label!r} of the sheet {METADATA_SHEET!r}"
    sheet_vi = f"{label!r} của trang tính {METADATA_SHEET!r}"
    return (
        f"; fill the row {sheet} or pass {python} (on the command line: {option})",
        f"; điền dòng {sheet_vi} hoặc truyền {python} (trên dòng lệnh: {option})",
    )
