"""Word (the ``docx`` extra, python-docx): the appendices as tables ready to attach to a report.

A4 portrait with the margins of Nghị định 30/2020/NĐ-CP (top and bottom 20 mm, left
30 mm, right 15 mm), Times New Roman 13 pt (12 pt in tables). Each appendix starts a
page: *Phụ lục N* and the title in bold, the *Kèm theo* line in italics, centred, then
the table of the official layout, its two header rows repeated on every page; group
rows bold, *trong đó* rows italic, the template's own notes bold. With findings, a
row that has some is shaded and the findings are listed under the table.

Every text goes through :func:`~cchc_model._io.table.printable`: control characters,
which a Word document cannot hold, become U+FFFD.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any, Final

from .._model.errors import Lang
from .._model.extras import require
from .table import (
    COLUMNS,
    RESULT_HEADER,
    SEVERITY_COLOURS,
    TITLE_NOTE,
    ReportTable,
    Run,
    TableFinding,
    TemplateTable,
    printable,
    severity_label,
)

__all__ = ["render_docx"]

Element = Any
"""A python-docx object: document, paragraph, table cell or row (it has no type hints)."""

_FONT: Final = "Times New Roman"
_WIDTHS_MM: Final = (13, 80, 26, 20, 26)


class _Doc:
    """The document being written, and python-docx's names (imported when it is made)."""

    def __init__(self) -> None:
        docx = require("docx")
        self.shared = require("docx.shared")
        self.text_enum = require("docx.enum.text")
        self.table_enum = require("docx.enum.table")
        self.ns = require("docx.oxml.ns")
        self.oxml = require("docx.oxml")
        self.document = docx.Document()
        mm = self.shared.Mm
        for section in self.document.sections:
            section.page_width, section.page_height = mm(210), mm(297)
            section.top_margin = section.bottom_margin = mm(20)
            section.left_margin, section.right_margin = mm(30), mm(15)
        normal = self.document.styles["Normal"]
        normal.font.name = _FONT
        normal.font.size = self.shared.Pt(13)
        fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(self.ns.qn(attribute), _FONT)
        normal.paragraph_format.space_after = self.shared.Pt(0)

    def paragraph(
        self,
        container: Element,
        parts: Iterable[Run],
        *,
        center: bool = False,
        size: int | None = None,
        first: bool = False,
    ) -> Element:
        """Add (or fill, when ``first``) a paragraph of runs."""
        paragraph = container.paragraphs[0] if first else container.add_paragraph()
        if center:
            paragraph.alignment = self.text_enum.WD_ALIGN_PARAGRAPH.CENTER
        for text, bold, italic in parts:
            if not text:
                continue
            run = paragraph.add_run(printable(text))
            run.bold = bold or None
            run.italic = italic or None
            if size is not None:
                run.font.size = self.shared.Pt(size)
        return paragraph

    def shade(self, cell: Element, color: str) -> None:
        shading = self.oxml.OxmlElement("w:shd")
        shading.set(self.ns.qn("w:val"), "clear")
        shading.set(self.ns.qn("w:color"), "auto")
        shading.set(self.ns.qn("w:fill"), color)
        cell._tc.get_or_add_tcPr().append(shading)  # noqa: SLF001  # python-docx has no API

    def repeat_header(self, row: Element) -> None:
        header = self.oxml.OxmlElement("w:tblHeader")
        header.set(self.ns.qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(header)  # noqa: SLF001  # python-docx has no API


def _findings(doc: _Doc, findings: tuple[TableFinding, ...], lang: Lang) -> None:
    for finding in findings:
        where = f" ({finding.where})" if finding.rows else ""
        doc.paragraph(
            doc.document,
            [
                Run(f"{severity_label(finding.severity, lang)} ", bold=True),
                Run(f"{finding.rule}{where}: {finding.message}"),
            ],
            size=11,
        )


def _template(doc: _Doc, table: TemplateTable, *, first: bool, lang: Lang) -> None:
    heading = doc.paragraph(doc.document, [Run(table.heading, bold=True)], center=True)
    if not first:
        heading.paragraph_format.page_break_before = True
    doc.paragraph(doc.document, [Run(table.title, bold=True)], center=True)
    attached = doc.paragraph(doc.document, [Run(table.attached, italic=True)], center=True)
    attached.paragraph_format.space_after = doc.shared.Pt(6)
    grid = doc.document.add_table(rows=2 + len(table.rows), cols=5)
    grid.style = "Table Grid"
    grid.alignment = doc.table_enum.WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    middle = doc.table_enum.WD_CELL_VERTICAL_ALIGNMENT.CENTER
    headers = [
        (0, 0, [Run(COLUMNS[0], bold=True)]),
        (0, 1, [Run(COLUMNS[1], bold=True), Run(f"\n{TITLE_NOTE}", italic=True)]),
        (0, 2, [Run(RESULT_HEADER, bold=True)]),
        (0, 4, [Run(COLUMNS[4], bold=True)]),
        (1, 2, [Run(COLUMNS[2], bold=True)]),
        (1, 3, [Run(COLUMNS[3], bold=True)]),
    ]
    for r, c, parts in headers:
        cell = grid.cell(r, c)
        doc.paragraph(cell, parts, center=True, size=12, first=True)
        cell.vertical_alignment = middle
    grid.cell(0, 0).merge(grid.cell(1, 0))
    grid.cell(0, 1).merge(grid.cell(1, 1))
    grid.cell(0, 2).merge(grid.cell(0, 3))
    grid.cell(0, 4).merge(grid.cell(1, 4))
    doc.repeat_header(grid.rows[0])
    doc.repeat_header(grid.rows[1])
    for offset, row in enumerate(table.rows):
        cells = grid.rows[2 + offset].cells
        for column, runs in enumerate(row.cells):
            doc.paragraph(cells[column], runs, center=column in (0, 2, 3), size=12, first=True)
            if row.severity is not None:
                doc.shade(cells[column], SEVERITY_COLOURS[row.severity].fill)
    for grid_row in grid.rows:
        for column, cell in enumerate(grid_row.cells):
            cell.width = doc.shared.Mm(_WIDTHS_MM[column])
    found = table.shown_findings()
    if found:
        doc.paragraph(doc.document, [])
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
