"""Word (the ``docx`` extra, python-docx): the appendices as tables ready to attach to a report.

The document follows Nghị định 30/2020/NĐ-CP on the form of official documents: A4
portrait, margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman, 13 pt
(12 pt in the tables); page numbers centred at the top of every page but the first;
Vietnamese (vi-VN) as the language of the text, so that a spelling checker reads it
as Vietnamese. Each appendix starts a page: *Phụ lục N* and the title in bold, the
*Kèm theo* line in italics, centred, then the table of the official layout.

The table's column grid is the width of its cells
(:data:`~cchc_model._io.table.COLUMN_WIDTHS_MM`: STT 14 mm, *Chỉ tiêu thống kê* 78 mm,
*Đơn vị tính* 26 mm, *Số liệu* 20 mm, *Ghi chú* 27 mm, the 165 mm between the margins),
fixed, so that every office suite lays it out alike; the merged header cells
span whole columns of that grid. The two header rows repeat on every page, and no row
is split across two pages. Cells show the runs of the table model
(:attr:`~cchc_model.TableRow.cells`). With findings, a row that has some is shaded
and each finding is listed once under the table of its appendix, naming its rows.

The tables are written as WordprocessingML directly (one parse per table), which is
both exact (python-docx's own table API keeps an equal-width grid) and fast.

Every text goes through :func:`~cchc_model._io.table.printable`: control characters,
which a Word document cannot hold, become U+FFFD.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any, Final
from xml.sax.saxutils import escape

from .._model.errors import Lang
from .._model.extras import require
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

__all__ = ["LANGUAGE", "render_docx"]

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


def _row_xml(cells: str, *, header: bool = False) -> str:
    # A header row is at least _HEADER_MM high: the merged title cell needs three lines,
    # and LibreOffice gives the repeated header on later pages only the rows' heights.
    repeat = (
        f'<w:trHeight w:val="{_twips(_HEADER_MM)}" w:hRule="atLeast"/><w:tblHeader w:val="true"/>'
        if header
        else ""
    )
    return f"<w:tr><w:trPr><w:cantSplit/>{repeat}</w:trPr>{cells}</w:tr>"


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
    return _row_xml(first, header=True) + _row_xml(second, header=True)


def _data_row_xml(row: TableRow) -> str:
    fill = SEVERITY_COLOURS[row.severity].fill if row.severity is not None else None
    cells: tuple[Cell, ...] = row.cells
    return _row_xml(
        "".join(
            _cell_xml(runs, span=(column,), centred=column in _CENTRED, fill=fill)
            for column, runs in enumerate(cells)
        )
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


def _template(doc: _Doc, table: TemplateTable, *, first: bool, lang: Lang) -> None:
    heading = doc.paragraph([Run(table.heading, bold=True)], center=True)
    if not first:
        heading.paragraph_format.page_break_before = True
    doc.paragraph([Run(table.title, bold=True)], center=True)
    attached = doc.paragraph([Run(table.attached, italic=True)], center=True)
    attached.paragraph_format.space_after = doc.shared.Pt(6)
    for paragraph in (heading, attached):
        paragraph.paragraph_format.keep_with_next = True
    doc.table(table)
    found = table.shown_findings()
    if found:
        doc.paragraph([])
        _findings(doc, found, lang)


def render_docx(table: ReportTable) -> bytes:
    """The report's appendices as a Word document (see the module's docstring).

    Raises:
        MissingExtraError: python-docx is not installed (``pip install 'cchc-model[docx]'``).
    """
    doc = _Doc()
    properties = doc.document.core_properties
    properties.author = "cchc_model"
    properties.title = f"Phụ lục — {printable(table.info.agency)}"
    if table.findings:
        _findings(doc, table.findings, table.lang)
    for index, template in enumerate(table):
        _template(doc, template, first=index == 0 and not table.findings, lang=table.lang)
    buffer = io.BytesIO()
    doc.document.save(buffer)
    return buffer.getvalue()
