"""The golden files of the renderers: what each renders of the example, and how to compare.

Text formats are compared as written. An Excel or Word file is compared through a
normalised extraction (cells with their types, formats and fonts; paragraphs and
table cells with their emphasis), since their bytes hold timestamps.
``tests/golden/regenerate.py`` rewrites every file from :func:`outputs`.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs

import cchc_model
from cchc_model import render

GOLDEN = Path(__file__).parent / "golden"


@attrs.frozen
class FakeFinding:
    """A finding of fixed text, so that the golden files do not follow the rules' wording."""

    rule: str
    severity: str
    template: str | None
    codes: tuple[str, ...]
    text: str = "message"

    def message(self, lang: str = "vi") -> str:
        return f"{self.text} ({lang})"


FINDINGS = (
    FakeFinding("PL2.ratio.2", "warning", "PL2", ("2", "2.1", "2.2"), "2 ≠ 2.2 / 2.1 × 100"),
    FakeFinding("PL8.domain.2", "error", "PL8", ("2",), "3 <không> thuộc & danh mục"),
    FakeFinding("PL7.sum", "info", "PL7", (), "template-level"),
    FakeFinding("report.level", "info", None, (), "report-level"),
)


def xlsx_extract(data: bytes) -> str:
    """A workbook as text: per sheet its layout, then each cell with type, format and font."""
    import openpyxl  # noqa: PLC0415  # the xlsx extra

    wb = openpyxl.load_workbook(io.BytesIO(data), rich_text=True)
    lines: list[str] = []
    for ws in wb.worksheets:
        lines.append(f"== {ws.title}")
        lines.append(f"merged: {sorted(str(r) for r in ws.merged_cells.ranges)}")
        lines.append(f"freeze: {ws.freeze_panes}; print titles: {ws.print_title_rows}")
        lines.append(
            f"page: paper {ws.page_setup.paperSize}, {ws.page_setup.orientation},"
            f" fit width {ws.page_setup.fitToWidth}"
        )
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                lines.append(_cell(cell))
    return "\n".join(lines) + "\n"


def _cell(cell: Any) -> str:
    font = cell.font
    flags = "".join(
        flag
        for flag, on in (
            ("B", font.b),
            ("I", font.i),
            ("Q", cell.quotePrefix),
            ("H", cell.hyperlink is not None),
        )
        if on
    )
    fill = cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else ""
    value = cell.value
    if hasattr(value, "as_list"):  # rich text: each run with its emphasis
        parts = []
        for block in value:
            text = getattr(block, "text", block)
            f = getattr(block, "font", None)
            mark = ("b" if f is not None and f.b else "") + ("i" if f is not None and f.i else "")
            parts.append(f"[{mark}]{text!r}" if mark else repr(text))
        shown = "rich " + " + ".join(parts)
    else:
        shown = repr(value)
    return (
        f"{cell.coordinate} {cell.data_type} {cell.number_format!r} {flags or '-'}"
        f" {fill or '-'} {shown}"
    )


def docx_extract(data: bytes) -> str:
    """A Word document as text: page setup, paragraphs and table cells with emphasis."""
    import docx  # noqa: PLC0415  # the docx extra
    from docx.table import Table  # noqa: PLC0415
    from docx.text.paragraph import Paragraph  # noqa: PLC0415

    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    sizes = [
        section.page_width,
        section.page_height,
        section.top_margin,
        section.right_margin,
        section.bottom_margin,
        section.left_margin,
    ]
    mm = [f"{size.mm:.0f}" if size is not None else "-" for size in sizes]
    lines = [
        f"page {mm[0]}x{mm[1]} mm, margins {' '.join(mm[2:])}",
        f"font {document.styles['Normal'].font.name} {document.styles['Normal'].font.size.pt}",
    ]
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(f"P{_paragraph(block)}")
        elif isinstance(block, Table):
            lines.append(f"TABLE {len(block.rows)}x{len(block.columns)}")
            for r, row in enumerate(block.rows):
                cells = [" ".join(_paragraph(p) for p in cell.paragraphs) for cell in row.cells]
                lines.append(f"  {r}: " + " | ".join(cells))
    return "\n".join(lines) + "\n"


def _paragraph(paragraph: Any) -> str:
    align = {1: "^", 2: ">"}.get(paragraph.alignment, "") if paragraph.alignment else ""
    brk = "/" if paragraph.paragraph_format.page_break_before else ""
    runs = []
    for run in paragraph.runs:
        mark = ("b" if run.bold else "") + ("i" if run.italic else "")
        runs.append(f"[{mark}]{run.text}" if mark else run.text)
    return f"{brk}{align}{''.join(runs)!r}"


def outputs() -> Iterator[tuple[str, Callable[[], str]]]:
    """Each golden file's name and how to make its content now."""
    report = cchc_model.example()
    yield "example.txt", lambda: render(report, "text")
    yield "example.md", lambda: render(report, "markdown")
    yield "example.html", lambda: render(report, "html")
    yield "example.csv", lambda: render(report, "csv")
    yield "example-wide.csv", lambda: render(report, "csv-wide")
    yield "example.xlsx.txt", lambda: xlsx_extract(render(report, "xlsx"))
    yield "example.docx.txt", lambda: docx_extract(render(report, "docx"))
    yield "findings.txt", lambda: render(report, "text", findings=FINDINGS)
    yield "findings.md", lambda: render(report, "markdown", findings=FINDINGS)
    yield "findings.html", lambda: render(report, "html", findings=FINDINGS)
    yield "findings.xlsx.txt", lambda: xlsx_extract(render(report, "xlsx", findings=FINDINGS))
    yield "findings.docx.txt", lambda: docx_extract(render(report, "docx", findings=FINDINGS))
