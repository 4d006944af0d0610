"""Word (the ``docx`` extra, python-docx): the appendices as tables ready to attach to a report.

The document follows Nghị định 30/2020/NĐ-CP on the form of official documents: A4
portrait, margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman, 13 pt
(12 pt in the tables); page numbers centred at the top of every page but the first;
Vietnamese (vi-VN) as the language of the text, so that a spelling checker reads it
as Vietnamese. Each appendix starts a page: *Phụ lục N* and the title in bold (the
form's, then the period as filed reports write it: *… 6 THÁNG ĐẦU NĂM 2024*), the
*Kèm theo* line in italics, centred, then the table of the official layout.

The document carries every field of the report's metadata in its custom properties
(``docProps/custom.xml``, shown by Word under *File > Info > Properties > Advanced >
Custom*): ``cchc:format``, ``cchc:version``, ``cchc:edition``, then ``cchc:agency``,
``cchc:level``… as the CSV's metadata rows write them (``commune``, ``h1``,
``2024-06-10``); a blank field has none.

The table's column grid is the width of its cells
(:data:`~cchc_model._io.table.COLUMN_WIDTHS_MM`: STT 14 mm, *Chỉ tiêu thống kê* 78 mm,
*Đơn vị tính* 26 mm, *Số liệu* 20 mm, *Ghi chú* 27 mm, the 165 mm between the margins),
fixed, so that every office suite lays it out alike; the merged header cells
span whole columns of that grid. The two header rows repeat on every page; the
heading, the title, the *Kèm theo* line and the header rows stay on the page of the
first row; no row is split across two pages, except one that prints taller than
120 mm (a long note), which would otherwise push the table a page away from its
heading or be cut. Cells show the runs of the table model
(:attr:`~cchc_model.TableRow.cells`). With findings, a row that has some is shaded
and each finding is listed once under the table of its appendix, naming its rows.

The tables are written as WordprocessingML directly (one parse per table), which is
both exact (python-docx's own table API keeps an equal-width grid) and fast.

Every text goes through :func:`~cchc_model._io.table.printable`: control characters,
which a Word document cannot hold, become U+FFFD.

**Reading** a Word report (:func:`read_docx`): the report itself, as a unit files it,
or what :func:`~cchc_model.render` writes. The file is checked before python-docx sees
it (:func:`~cchc_model._io.archive.check_package`); then its body is walked in order,
paragraphs and tables (content controls opened), each table's cells merged down
repeated in every row they cover (a header whose *STT*, *Chỉ tiêu* and *Ghi chú* span
both header rows reads as two full header rows), a cell merged across columns one cell,
its text in its first column (a heading row whose title spans the unit, value and note
columns holds no value), runs joined whatever their bold or italic, deleted text
(tracked changes) left out. The paragraphs and tables are read as every document is
(:mod:`~cchc_model._io.document`): the metadata from the body, the values from the
appendix tables. The metadata the custom properties carry (:data:`PROPERTY_PREFIX`, a
record of this format and version) gives what the text does not say; what the text
says wins over it, with a warning when they differ (a title or a *Kèm theo* line
edited by hand).
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Final
from xml.sax.saxutils import escape

import attrs

from .._model.catalog import edition as get_edition
from .._model.errors import Lang, Problem, ReportFormatError
from .._model.extras import require
from .._model.report import Report
from .archive import Package, check_package
from .document import Block, Grid, Paragraph, expected_tables, read_document
from .fonts import LINE_HEIGHT, wrapped_lines
from .interchange import FORMAT, VERSION
from .reading import METADATA, Collector, Metadata
from .table import (
    COLUMN_WIDTHS_MM,
    COLUMNS,
    RESULT_HEADER,
    SEVERITY_COLOURS,
    TITLE_NOTE,
    Cell,
    ReportTable,
    Run,
    TableFinding,
    TableRow,
    TemplateTable,
    printable,
    severity_label,
)
from .tabular import metadata_rows
from .wordnum import Numbering

__all__ = [
    "DOCUMENT",
    "LANGUAGE",
    "MAX_TABLE_COLUMNS",
    "MAX_TABLE_ROWS",
    "PROPERTY_PREFIX",
    "read_docx",
    "render_docx",
]

Element = Any
"""A python-docx object: document, paragraph, section (it has no type hints)."""

LANGUAGE: Final = "vi-VN"
"""The language of the document's text."""

_FONT: Final = "Times New Roman"
_BODY_PT: Final = 13
_TABLE_PT: Final = 12
_FINDINGS_PT: Final = 11
_HEADER_MM: Final = 8
_TWIPS_PER_MM: Final = 1440 / 25.4
_CELL_PADDING_PT: Final = 2 * 85 / 20
"""The cells' left and right margins (85 twips each, ``tblCellMar``), in points."""
_CENTRED: Final = frozenset({0, 2, 3})
"""The columns whose cells are centred: STT, unit, value."""
_W: Final = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _twips(mm: float) -> int:
    return round(mm * _TWIPS_PER_MM)


_GRID: Final = tuple(_twips(mm) for mm in COLUMN_WIDTHS_MM)
_MARK: Final = f'<w:rPr><w:sz w:val="{_TABLE_PT * 2}"/><w:szCs w:val="{_TABLE_PT * 2}"/></w:rPr>'
"""The size of a table paragraph's mark, so that an empty cell is as high as a full one."""


def _runs_xml(runs: Iterable[Run], size: int) -> str:
    """The ``<w:r>`` elements of ``runs``: line breaks as ``<w:br/>``, tabs as ``<w:tab/>``."""
    out: list[str] = []
    half_points = size * 2
    for run in runs:
        if not run.text:
            continue
        props = ("<w:b/>" if run.bold else "") + ("<w:i/>" if run.italic else "")
        props += f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
        pieces: list[str] = []
        for number, line in enumerate(printable(run.text).split("\n")):
            if number:
                pieces.append("<w:br/>")
            for index, part in enumerate(line.split("\t")):
                if index:
                    pieces.append("<w:tab/>")
                if part:
                    pieces.append(f'<w:t xml:space="preserve">{escape(part)}</w:t>')
        out.append(f"<w:r><w:rPr>{props}</w:rPr>{''.join(pieces)}</w:r>")
    return "".join(out)


def _cell_xml(
    runs: Iterable[Run],
    *,
    span: Sequence[int],
    centred: bool,
    fill: str | None = None,
    merge: str | None = None,
    middle: bool = False,
) -> str:
    """One ``<w:tc>`` over the grid columns ``span``, its width theirs."""
    width = sum(_GRID[column] for column in span)
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if len(span) > 1:
        props += f'<w:gridSpan w:val="{len(span)}"/>'
    if merge is not None:
        props += f'<w:vMerge w:val="{merge}"/>' if merge == "restart" else "<w:vMerge/>"
    if fill is not None:
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    if middle:
        props += '<w:vAlign w:val="center"/>'
    align = '<w:jc w:val="center"/>' if centred else ""
    return (
        f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:pPr>{align}{_MARK}</w:pPr>"
        f"{_runs_xml(runs, _TABLE_PT)}</w:p></w:tc>"
    )


def _row_xml(cells: str, *, header: bool = False, split: bool = False) -> str:
    # A header row is at least _HEADER_MM high: the merged title cell needs three lines,
    # and LibreOffice gives the repeated header on later pages only the rows' heights.
    repeat = (
        f'<w:trHeight w:val="{_twips(_HEADER_MM)}" w:hRule="atLeast"/><w:tblHeader w:val="true"/>'
        if header
        else ""
    )
    whole = "" if split else "<w:cantSplit/>"
    return f"<w:tr><w:trPr>{whole}{repeat}</w:trPr>{cells}</w:tr>"


_SPLIT_MM: Final = 120
"""A row taller than this may split across pages: kept whole, it would push the table
away from its heading and leave most of a page empty (the page holds 257 mm)."""


def _row_height_mm(cells: Sequence[Cell]) -> float:
    """About how high a data row prints: the wrapped lines of its tallest cell."""
    lines = 1
    for runs, mm in zip(cells, COLUMN_WIDTHS_MM, strict=True):
        text = "".join(run.text for run in runs)
        if text:
            room = mm * 72 / 25.4 - _CELL_PADDING_PT
            bold = any(run.bold for run in runs)
            lines = max(lines, wrapped_lines(text, width=room, size=_TABLE_PT, bold=bold))
    return lines * _TABLE_PT * LINE_HEIGHT * 25.4 / 72


def _header_xml() -> str:
    """The two header rows, merged as the form is, repeated on every page."""

    def bold(text: str) -> tuple[Run, ...]:
        return (Run(text, bold=True),)

    title = (Run(COLUMNS[1], bold=True), Run(f"\n{TITLE_NOTE}", italic=True))
    first = "".join(
        (
            _cell_xml(bold(COLUMNS[0]), span=(0,), centred=True, merge="restart", middle=True),
            _cell_xml(title, span=(1,), centred=True, merge="restart", middle=True),
            _cell_xml(bold(RESULT_HEADER), span=(2, 3), centred=True, middle=True),
            _cell_xml(bold(COLUMNS[4]), span=(4,), centred=True, merge="restart", middle=True),
        )
    )
    second = "".join(
        (
            _cell_xml((), span=(0,), centred=True, merge="continue"),
            _cell_xml((), span=(1,), centred=True, merge="continue"),
            _cell_xml(bold(COLUMNS[2]), span=(2,), centred=True, middle=True),
            _cell_xml(bold(COLUMNS[3]), span=(3,), centred=True, middle=True),
            _cell_xml((), span=(4,), centred=True, merge="continue"),
        )
    )
    # the header rows stay on the page of the first data row (keepNext in each cell)
    rows = _row_xml(first, header=True) + _row_xml(second, header=True)
    return rows.replace("<w:pPr>", "<w:pPr><w:keepNext/>")


def _data_row_xml(row: TableRow) -> str:
    fill = SEVERITY_COLOURS[row.severity].fill if row.severity is not None else None
    cells: tuple[Cell, ...] = row.cells
    return _row_xml(
        "".join(
            _cell_xml(runs, span=(column,), centred=column in _CENTRED, fill=fill)
            for column, runs in enumerate(cells)
        ),
        split=_row_height_mm(cells) > _SPLIT_MM,
    )


def _table_xml(table: TemplateTable) -> str:
    border = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    borders = "".join(
        border.format(side=side)
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in _GRID)
    return (
        f'<w:tbl xmlns:w="{_W}"><w:tblPr>'
        f'<w:tblW w:w="{sum(_GRID)}" w:type="dxa"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{borders}</w:tblBorders>"
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
        "</w:tblCellMar>"
        f'<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
        f"{_header_xml()}{''.join(_data_row_xml(row) for row in table.rows)}</w:tbl>"
    )


class _Doc:
    """The document being written, and python-docx's names (imported when it is made)."""

    def __init__(self) -> None:
        docx = require("docx")
        self.shared = require("docx.shared")
        self.text_enum = require("docx.enum.text")
        self.ns = require("docx.oxml.ns")
        self.oxml = require("docx.oxml")
        self.document = docx.Document()
        mm = self.shared.Mm
        for section in self.document.sections:
            section.page_width, section.page_height = mm(210), mm(297)
            section.top_margin = section.bottom_margin = mm(20)
            section.left_margin, section.right_margin = mm(30), mm(15)
            section.header_distance = mm(10)
            self._page_numbers(section)
        self._styles()
        self.body = self.document.element.body

    def _styles(self) -> None:
        """Times New Roman and Vietnamese everywhere; single line spacing."""
        qn = self.ns.qn
        styles = self.document.styles
        defaults = styles.element.find(qn("w:docDefaults"))
        run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        for element in (run_defaults, styles["Normal"].element.get_or_add_rPr()):
            fonts = element.find(qn("w:rFonts"))
            if fonts is None:
                fonts = self.oxml.OxmlElement("w:rFonts")
                element.insert(0, fonts)
            for attribute in list(fonts.attrib):
                del fonts.attrib[attribute]
            for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                fonts.set(qn(attribute), _FONT)
            language = element.find(qn("w:lang"))
            if language is None:
                language = self.oxml.OxmlElement("w:lang")
                element.append(language)
            language.set(qn("w:val"), LANGUAGE)
            language.set(qn("w:eastAsia"), LANGUAGE)
        settings = self.document.settings.element
        theme_language = settings.find(qn("w:themeFontLang"))
        if theme_language is not None:
            theme_language.set(qn("w:val"), LANGUAGE)
            theme_language.set(qn("w:eastAsia"), LANGUAGE)
        normal = styles["Normal"]
        normal.font.name = _FONT
        normal.font.size = self.shared.Pt(_BODY_PT)
        normal.paragraph_format.space_after = self.shared.Pt(0)
        normal.paragraph_format.line_spacing = 1.0
        self.document.core_properties.language = LANGUAGE

    def _page_numbers(self, section: Element) -> None:
        """The page number centred at the top of every page but the first (Nghị định 30)."""
        section.different_first_page_header_footer = True
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = self.text_enum.WD_ALIGN_PARAGRAPH.CENTER
        field = self.oxml.parse_xml(
            f'<w:fldSimple xmlns:w="{_W}" w:instr=" PAGE "><w:r><w:rPr>'
            f'<w:sz w:val="{_BODY_PT * 2}"/></w:rPr><w:t>2</w:t></w:r></w:fldSimple>'
        )
        paragraph._p.append(field)  # noqa: SLF001  # python-docx has no API for fields

    def paragraph(
        self, runs: Iterable[Run], *, center: bool = False, size: int | None = None
    ) -> Element:
        """Add a paragraph of ``runs`` to the document."""
        paragraph = self.document.add_paragraph()
        if center:
            paragraph.alignment = self.text_enum.WD_ALIGN_PARAGRAPH.CENTER
        for text, bold, italic in runs:
            if not text:
                continue
            run = paragraph.add_run(printable(text))
            run.bold = bold or None
            run.italic = italic or None
            if size is not None:
                run.font.size = self.shared.Pt(size)
        return paragraph

    def table(self, table: TemplateTable) -> None:
        """Add the appendix's table, before the section properties that end the body."""
        self.body.sectPr.addprevious(self.oxml.parse_xml(_table_xml(table)))


def _findings(doc: _Doc, findings: tuple[TableFinding, ...], lang: Lang) -> None:
    for finding in findings:
        where = f" ({finding.where})" if finding.rows else ""
        doc.paragraph(
            [
                Run(f"{severity_label(finding.severity, lang)} ", bold=True),
                Run(f"{finding.rule}{where}: {finding.message}"),
            ],
            size=_FINDINGS_PT,
        )


def _template(doc: _Doc, table: TemplateTable, title_text: str, *, first: bool, lang: Lang) -> None:
    heading = doc.paragraph([Run(table.heading, bold=True)], center=True)
    if not first:
        heading.paragraph_format.page_break_before = True
    title = doc.paragraph([Run(title_text, bold=True)], center=True)
    attached = doc.paragraph([Run(table.attached, italic=True)], center=True)
    attached.paragraph_format.space_after = doc.shared.Pt(6)
    for paragraph in (heading, title, attached):  # with the table's header and first row
        paragraph.paragraph_format.keep_with_next = True
    doc.table(table)
    found = table.shown_findings()
    if found:
        doc.paragraph([])
        _findings(doc, found, lang)


_LONGEST_PROPERTY: Final = 255
PROPERTY_PREFIX: Final = "cchc:"
"""The names of the custom properties that carry the report's metadata (``cchc:agency``)."""
_CUSTOM: Final = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT: Final = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_USER_DEFINED: Final = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
"""The format id of the properties a user defines (File > Properties > Custom)."""


def _custom_xml(table: ReportTable) -> bytes:
    """``docProps/custom.xml``: a property ``cchc:<field>`` per field of the metadata set.

    The values are those of the CSV's metadata rows (``commune``, ``h1``, ``2024-06-10``),
    after :func:`~cchc_model._io.table.printable`, as every text of the document.
    """
    rows = [(key, value) for key, _, value in metadata_rows(table) if value]
    properties = "".join(
        f'<property fmtid="{_USER_DEFINED}" pid="{pid}" name="{PROPERTY_PREFIX}{key}">'
        f"<vt:lpwstr>{escape(printable(value))}</vt:lpwstr></property>"
        for pid, (key, value) in enumerate(rows, start=2)  # 0 and 1 are reserved
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{_CUSTOM}" xmlns:vt="{_VT}">{properties}</Properties>'
    ).encode()


def _carry(doc: _Doc, table: ReportTable) -> None:
    """Carry every field of the metadata in the document's custom properties."""
    opc = require("docx.opc.constants")
    part_module = require("docx.opc.part")
    packuri = require("docx.opc.packuri")
    package = doc.document.part.package
    part = part_module.Part(
        packuri.PackURI("/docProps/custom.xml"),
        opc.CONTENT_TYPE.OFC_CUSTOM_PROPERTIES,
        _custom_xml(table),
        package,
    )
    package.relate_to(part, opc.RELATIONSHIP_TYPE.CUSTOM_PROPERTIES)


def render_docx(table: ReportTable) -> bytes:
    """The report's appendices as a Word document (see the module's docstring).

    Raises:
        MissingExtraError: python-docx is not installed (``pip install 'cchc-model[docx]'``).
    """
    doc = _Doc()
    properties = doc.document.core_properties
    properties.author = "cchc_model"
    title = f"Phụ lục — {printable(table.info.agency)}"
    # a core property holds at most 255 characters (python-docx refuses more); the
    # document itself shows the agency in full
    properties.title = title if len(title) <= _LONGEST_PROPERTY else title[:254] + "…"
    if table.findings:
        _findings(doc, table.findings, table.lang)
    for index, template in enumerate(table):
        first = index == 0 and not table.findings
        _template(doc, template, table.printed_title(template), first=first, lang=table.lang)
    _carry(doc, table)
    buffer = io.BytesIO()
    doc.document.save(buffer)
    return buffer.getvalue()


# --- reading ---------------------------------------------------------------------------

DOCUMENT: Final = Package(
    "Word document",
    "tệp Word",
    ("[Content_Types].xml", "word/document.xml"),
    (
        "not a Word document (.docx); an .doc, .odt or .rtf file is read by its extension",
        "không phải tệp Word (.docx); tệp .doc, .odt hoặc .rtf được đọc theo phần mở rộng",
    ),
    (
        "not a Word document (.docx): the archive has no word/document.xml",
        "không phải tệp Word (.docx): không có word/document.xml trong tệp nén",
    ),
)
"""What the guard (:func:`~cchc_model._io.archive.check_package`) checks of a Word file."""

MAX_TABLE_ROWS: Final = 5_000
"""The most rows of a table read; a report's appendix has about forty."""
MAX_TABLE_COLUMNS: Final = 64
"""The most columns of a table read (Word allows 63)."""

_NS: Final = f"{{{_W}}}"
"""The namespace of WordprocessingML as ElementTree writes it before a tag."""
_P, _TBL, _TR, _TC, _SDT = (f"{_NS}{name}" for name in ("p", "tbl", "tr", "tc", "sdt"))
_SDT_CONTENT: Final = f"{_NS}sdtContent"
_TEXT_TAGS: Final = tuple(f"{_NS}{name}" for name in ("t", "tab", "br", "cr"))
_VAL: Final = f"{_NS}val"


def _paragraph_text(paragraph: Element) -> str:
    parts = []
    for element in paragraph.iter(*_TEXT_TAGS):
        tag = element.tag
        if tag == _TEXT_TAGS[0]:
            parts.append(element.text or "")
        elif tag == _TEXT_TAGS[1]:
            parts.append("\t")
        else:
            parts.append("\n")
    return unicodedata.normalize("NFC", "".join(parts).replace("\xa0", " "))


@attrs.define
class _Rows:
    """The rows of one table being read: merged cells repeated, nested tables as text."""

    table: Element
    number: int
    out: Collector
    rows: list[tuple[str, ...]] = attrs.Factory(list)
    cells: list[str] | None = None
    above: list[str] = attrs.Factory(list)
    cell: Element | None = None
    parts: list[str] = attrs.Factory(list)
    width: int = 1
    merge: str | None = None

    def owns(self, element: Element) -> bool:
        """Whether a row or cell is of this table, not of a table nested in a cell."""
        return next(element.iterancestors(_TBL), None) is self.table

    def row(self) -> None:
        self.end_row()
        if len(self.rows) >= MAX_TABLE_ROWS:
            self.out.error(
                f"table {self.number}",
                f"more than {MAX_TABLE_ROWS:,} rows: refused",
                f"nhiều hơn {MAX_TABLE_ROWS:,} dòng: từ chối",
            )
            self.out.check()
        self.cells = []

    def end_row(self) -> None:
        self.end_cell()
        if self.cells is not None:
            self.rows.append(tuple(self.cells[:MAX_TABLE_COLUMNS]))
            self.above, self.cells = self.cells, None

    def start_cell(self, cell: Element) -> None:
        self.end_cell()
        self.cell, self.parts, self.width, self.merge = cell, [], 1, None

    def end_cell(self) -> None:
        if self.cell is None or self.cells is None:
            return
        column = len(self.cells)
        if self.merge == "continue":  # the cell above goes on down
            text = self.above[column] if column < len(self.above) else ""
        else:
            text = unicodedata.normalize("NFC", "".join(self.parts)).replace("\xa0", " ")
            text = "\n".join(line.strip() for line in text.split("\n")).strip()
        # a cell merged across columns is one cell: its text in its first column only
        covered = max(min(self.width, MAX_TABLE_COLUMNS - column), 0)
        self.cells.extend([text, *[""] * (covered - 1)][:covered])
        self.cell = None

    def spans(self, element: Element, name: str) -> None:
        """A ``gridSpan``, ``vMerge`` or ``gridBefore`` of this table's row or cell."""
        value = element.get(_VAL) or ""
        holder = element.getparent().getparent()  # w:tcPr's w:tc, w:trPr's w:tr
        if name == "vMerge" and holder is self.cell:
            self.merge = value or "continue"
            return
        count = max(1, min(int(value), MAX_TABLE_COLUMNS)) if value.isdigit() else 1
        if name == "gridSpan" and holder is self.cell:
            self.width = count
        elif name == "gridBefore" and self.cells is not None and self.owns(holder):
            self.cells.extend([""] * count)


_AUTOMATIC: Final = "automatic numbering"
"""The value of the warning that a table's numbers are Word's list numbering."""

_WALKED: Final = tuple(
    f"{_NS}{name}"
    for name in ("tr", "tc", "gridBefore", "gridSpan", "vMerge", "p", "t", "tab", "br", "cr")
)


def _grid(table: Element, number: int, out: Collector, numbering: Numbering | None) -> Grid:
    """The rows of a Word table, merged cells repeated; each row with where it is.

    One pass of lxml's ``iter`` over the table's elements (a loop in C), not a search
    per cell; the rows and cells of a table nested in a cell add their text to it.
    A paragraph numbered by Word's lists starts with its number as Word shows it.
    """
    rows = _Rows(table, number, out)
    numbered: list[str] = []
    for element in table.iter(*_WALKED):
        name = element.tag[len(_NS) :]
        if name == "tr" and rows.owns(element):
            rows.row()
        elif name == "tc" and rows.owns(element):
            rows.start_cell(element)
        elif name in ("gridSpan", "vMerge", "gridBefore"):
            rows.spans(element, name)
        elif rows.cell is not None:
            _text_part(name, element, rows.parts)
            if name == "p" and numbering is not None and (label := numbering.label(element)):
                rows.parts.append(f"{label} ")
                numbered.append(label)
        elif name == "p" and numbering is not None:
            numbering.label(element)  # counted all the same
    rows.end_row()
    if numbered:
        shown = ", ".join(numbered[:4]) + (", …" if len(numbered) > 4 else "")  # noqa: PLR2004
        out.warn(
            f"table {number}",
            f"numbers made by Word's automatic numbering ({shown}) are read as Word shows"
            " them: check them, or type them in the STT cells as text",
            f"các số do Word tự động đánh số ({shown}) được đọc như Word hiển thị; hãy"
            " kiểm tra, hoặc chuyển phần đánh số thành chữ (gõ lại số vào ô STT)",
            value=_AUTOMATIC,
        )
    where = tuple(f"table {number}, row {index}" for index in range(1, len(rows.rows) + 1))
    return Grid(tuple(rows.rows), where)


def _text_part(name: str, element: Element, parts: list[str]) -> None:
    """The text an element adds to a cell: its text, a tab, a line break, a paragraph."""
    if name == "t":
        parts.append(element.text or "")
    elif name == "tab":
        parts.append("\t")
    elif name in ("br", "cr") or (name == "p" and parts):
        parts.append("\n")


def _blocks(body: Element, out: Collector, numbering: Numbering | None = None) -> Iterator[Block]:
    paragraphs = tables = 0
    stack = [iter(body.iterchildren())]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        if child.tag == _P:
            paragraphs += 1
            if numbering is not None:
                numbering.label(child)  # a list goes on from the body into a table
            yield Paragraph(_paragraph_text(child), f"paragraph {paragraphs}")
        elif child.tag == _TBL:
            tables += 1
            yield _grid(child, tables, out, numbering)
        elif child.tag == _SDT:  # a content control: its content is part of the body
            content = child.find(_SDT_CONTENT)
            if content is not None:
                stack.append(iter(content.iterchildren()))


def read_docx(
    data: bytes, *, source: str | None = None, overrides: Mapping[str, object] | None = None
) -> tuple[Report, tuple[Problem, ...]]:
    """Read a Word report; return the report and the warnings.

    Raises:
        ReportFormatError: The document cannot be read; every problem is listed.
        MissingExtraError: python-docx is not installed.
    """
    docx = require("docx")
    out = Collector(source)
    check_package(data, DOCUMENT, out)
    try:
        document = docx.Document(io.BytesIO(data))
        numbering = Numbering.of(document)
        blocks = list(_blocks(document.element.body, out, numbering))
        carried = _carried(document.part.package, out)
    except ReportFormatError:
        raise
    except Exception as exc:  # python-docx and lxml raise many kinds on a damaged file
        out.error(
            "file",
            f"the Word document cannot be read: {type(exc).__name__}: {exc}",
            f"không đọc được tệp Word: {type(exc).__name__}: {exc}",
        )
        out.check()
        raise  # pragma: no cover  # check() raised
    numbered = [w for w in out.warnings if w.value == _AUTOMATIC]
    try:
        return read_document(
            blocks,
            get_edition(),
            out,
            overrides=overrides,
            expected=expected_tables("in the document's body", "trong thân văn bản"),
            carried=carried,
        )
    except ReportFormatError:
        if not numbered:
            raise
        for note in numbered:  # what explains the problems: the numbers were not typed
            out.error(note.path, note.en, note.vi)
        out.check()
        raise  # pragma: no cover  # check() raised


_FIELDS: Final = frozenset(field.key for field in METADATA)


def _carried(package: Element, out: Collector) -> dict[str, tuple[object, str]]:
    """The metadata the document's custom properties carry (``cchc:agency``…), if any.

    The part has passed the guard (:func:`~cchc_model._io.archive.check_package`: its
    size, no DOCTYPE nor entity, its elements counted) and is parsed by python-docx's
    parser, which resolves no entity. Only a record of this format and version is
    read: one of another kind is a warning, and the text alone is read.
    """
    opc = require("docx.opc.constants")
    try:
        part = package.part_related_by(opc.RELATIONSHIP_TYPE.CUSTOM_PROPERTIES)
    except KeyError:
        return {}
    name = str(part.partname).lstrip("/")
    record = Metadata(out)
    for element in require("docx.oxml").parse_xml(part.blob):
        key = str(element.get("name") or "")
        if not key.startswith(PROPERTY_PREFIX) or key[len(PROPERTY_PREFIX) :] not in _FIELDS:
            continue  # a property of the user's, or of a later version: not ours to read
        text = unicodedata.normalize("NFC", "".join(element.itertext()).strip())
        record.given(key[len(PROPERTY_PREFIX) :], text, f"{name}, {key}")
    fields = record.fields
    if not fields:
        return {}
    kind = (fields.pop("format", ("", ""))[0], fields.pop("version", ("", ""))[0])
    if kind != (FORMAT, str(VERSION)):
        out.warn(
            name,
            f"the document's properties are no {FORMAT} record of version {VERSION}"
            f" ({PROPERTY_PREFIX}format {kind[0]!r}, {PROPERTY_PREFIX}version {kind[1]!r});"
            " they are not read",
            f"thuộc tính của văn bản không phải bản ghi {FORMAT} phiên bản {VERSION}"
            f" ({PROPERTY_PREFIX}format {kind[0]!r}, {PROPERTY_PREFIX}version {kind[1]!r});"
            " không đọc",
        )
        return {}
    return fields
