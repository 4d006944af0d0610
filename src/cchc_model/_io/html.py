"""HTML: one standalone page, printable on A4, laid out like the official appendices.

Every text of the report goes through :func:`html.escape`, after
:func:`~cchc_model._io.table.printable` (control characters become U+FFFD). The page
has no script and loads nothing.

>>> import cchc_model
>>> page = cchc_model.render(cchc_model.example(), "html")
>>> page.startswith("<!DOCTYPE html>"), "@page { size: A4" in page
(True, True)
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Final

from .._model.errors import Lang
from .._model.template import Emphasis
from .table import (
    COLUMN_WIDTHS_MM,
    COLUMNS,
    FINDINGS_HEADING,
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

__all__ = ["render_html"]

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
    heading, period = table.heading
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
        f"<p>{_e(period)}</p>",
    ]
    if table.findings:
        parts.append(f"<p>{_e(FINDINGS_HEADING[lang])}:</p>{_findings_list(table.findings, lang)}")
    parts.append("</header>")
    parts.extend(_template(template, lang) for template in table)
    parts.extend(["</body>", "</html>", ""])
    return "\n".join(parts)
