"""HTML: one standalone page, printable on A4, laid out like the official appendices.

Every text of the report goes through :func:`html.escape`; control characters that
HTML cannot hold are replaced by U+FFFD. The page has no script and loads nothing.

>>> import cchc_model
>>> page = cchc_model.render(cchc_model.example(), "html")
>>> page.startswith("<!DOCTYPE html>"), "@page { size: A4" in page
(True, True)
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Final

from .._model.errors import Lang
from .._model.template import Emphasis
from .table import (
    RESULT_HEADER,
    TITLE_NOTE,
    ReportTable,
    TableFinding,
    TableRow,
    TemplateTable,
    severity_label,
)
from .text import report_heading

__all__ = ["render_html"]

_CONTROL: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_FINDINGS: Final[dict[Lang, str]] = {"vi": "Kết quả kiểm tra", "en": "Findings"}

# Official documents (Nghị định 30/2020/NĐ-CP, Phụ lục I): A4, Times New Roman 13-14 pt,
# margins top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm.
_STYLE: Final = """\
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
col.stt { width: 9%; } col.title { width: 47%; } col.unit { width: 15%; }
col.value { width: 12%; } col.note { width: 17%; }
td.stt, td.unit, td.value { text-align: center; }
tr.group td.title, tr.group td.stt, tr.group td.value { font-weight: bold; }
tr.sub td.title, tr.sub td.unit { font-style: italic; }
td.title .hint { font-style: italic; }
td.note .template-note { font-weight: bold; }
td.value .label { font-size: 10pt; }
tr.error td { background: #fde2e1; }
tr.warning td { background: #fff3c4; }
tr.info td { background: #e3eefc; }
ul.findings { margin: 1mm 0 0; padding-left: 5mm; font-size: 10.5pt; font-weight: normal;
              font-style: normal; }
ul.findings li.error { color: #9b1c1c; }
ul.findings li.warning { color: #7a5200; }
ul.findings li.info { color: #1d4f91; }
ul.findings code { font-family: inherit; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
"""


def _e(text: str) -> str:
    """Escape ``text`` for HTML content and attributes; line breaks become ``<br>``."""
    clean = _CONTROL.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))
    return html.escape(clean, quote=True).replace("\n", "<br>")


def _findings_list(findings: Iterable[TableFinding], lang: Lang) -> str:
    items = "".join(
        f'<li class="{f.severity}"><b>{_e(severity_label(f.severity, lang))}</b> '
        f"<code>{_e(f.rule)}</code>: {_e(f.message)}</li>"
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
    title = _e(row.title)
    if row.hint:
        title += f' <span class="hint">{_e(row.hint)}</span>'
    title += _findings_list(row.findings, lang)
    value = _e(row.text)
    if row.label:
        value += f' <span class="label">({_e(row.label)})</span>'
    notes = []
    if row.template_note:
        notes.append(f'<span class="template-note">{_e(row.template_note)}</span>')
    if row.note:
        notes.append(f'<span class="filed-note">{_e(row.note)}</span>')
    row_id = _e(f"{table.template}-{row.code}")
    return (
        f'<tr id="{row_id}" class="{" ".join(classes)}">'
        f'<td class="stt">{_e(row.number)}</td>'
        f'<td class="title">{title}</td>'
        f'<td class="unit">{_e(row.unit)}</td>'
        f'<td class="value">{value}</td>'
        f'<td class="note">{"<br>".join(notes)}</td></tr>'
    )


def _template(table: TemplateTable, lang: Lang) -> str:
    head = (
        "<thead><tr>"
        '<th rowspan="2">STT</th>'
        f'<th rowspan="2">Chỉ tiêu thống kê<br><span class="note">{_e(TITLE_NOTE)}</span></th>'
        f'<th colspan="2">{_e(RESULT_HEADER)}</th>'
        '<th rowspan="2">Ghi chú</th></tr>'
        "<tr><th>Đơn vị tính</th><th>Số liệu</th></tr></thead>"
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
    serious finding and lists them under its title.
    """
    heading, period = report_heading(table)
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
        parts.append(f"<p>{_e(_FINDINGS[lang])}:</p>{_findings_list(table.findings, lang)}")
    parts.append("</header>")
    parts.extend(_template(template, lang) for template in table)
    parts.extend(["</body>", "</html>", ""])
    return "\n".join(parts)
