"""Plain text (aligned columns, what ``cchc show`` prints) and Markdown, from the table model.

>>> import cchc_model
>>> text = cchc_model.render(cchc_model.example(), "text")
>>> for line in text.splitlines()[4:12]:
...     print(line)
Phụ lục 2
BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH
(Kèm theo Báo cáo số: 341/BC-UBND ngày 10/6/2024 của UBND xã Hương Sơn)
<BLANKLINE>
STT     Chỉ tiêu thống kê                           Đơn vị tính            Số liệu  Ghi chú
------  ------------------------------------------  ----------------  ------------  ----------------
1.      Số văn bản chỉ đạo CCHC đã ban hành (Kết    Văn bản                     13
        luận, chỉ thị, công văn chỉ đạo, quán
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Iterable
from itertools import zip_longest
from typing import Final

from . import vi
from ._errors import Lang
from ._table import (
    COLUMNS,
    ReportTable,
    TableFinding,
    TableRow,
    TemplateTable,
    severity_label,
)
from ._template import Emphasis

__all__ = ["render_markdown", "render_text", "report_heading"]

_WIDTHS: Final = (6, 42, 16, 12, 16)
_GAP: Final = "  "
_INDENT: Final = 2
_VALUE: Final = 3
"""The column of values, aligned right."""
_LINE: Final = sum(_WIDTHS) + len(_GAP) * (len(_WIDTHS) - 1)
_FINDINGS: Final[dict[Lang, str]] = {"vi": "Kết quả kiểm tra", "en": "Findings"}


def report_heading(table: ReportTable) -> tuple[str, str]:
    """The two lines that name a report: which document, and which period.

    >>> import cchc_model
    >>> for line in report_heading(cchc_model.table_model(cchc_model.example())):
    ...     print(line)
    Báo cáo số 341/BC-UBND ngày 10/6/2024 của UBND xã Hương Sơn
    Kỳ báo cáo: 6 tháng đầu năm 2024
    """
    info = table.info
    parts = ["Báo cáo"]
    if info.number:
        parts.append(f"số {info.number}")
    if info.date:
        parts.append(f"ngày {vi.format_short_date(info.date)}")
    parts.append(f"của {info.agency}")
    return " ".join(parts), f"Kỳ báo cáo: {table.period_label}"


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
    for paragraph in unicodedata.normalize("NFC", text).splitlines() or [""]:
        lines.extend(
            textwrap.wrap(
                paragraph.expandtabs(4), width, break_on_hyphens=False, replace_whitespace=True
            )
            or [""]
        )
    return lines


def _finding_line(finding: TableFinding, lang: Lang) -> str:
    return f"[{severity_label(finding.severity, lang)}] {finding.rule}: {finding.message}"


def _note_text(row: TableRow) -> str:
    return "\n".join(n for n in (row.template_note, row.note) if n)


def _value_text(row: TableRow) -> str:
    return f"{row.text} ({row.label})" if row.label else row.text


def _row_lines(row: TableRow, lang: Lang) -> Iterable[str]:
    indent = " " * (_INDENT * row.depth)
    title = row.title if not row.hint else f"{row.title} {row.hint}"
    columns = [
        _wrap(row.number, _WIDTHS[0]),
        [indent + line for line in _wrap(title, _WIDTHS[1] - len(indent))],
        _wrap(row.unit.replace("; ", "\n"), _WIDTHS[2]),  # a code list, one code a line
        _wrap(_value_text(row), _WIDTHS[3]),
        _wrap(_note_text(row), _WIDTHS[4]),
    ]
    for cells in zip_longest(*columns, fillvalue=""):
        yield _GAP.join(
            _pad(cell, width, right=i == _VALUE)
            for i, (cell, width) in enumerate(zip(cells, _WIDTHS, strict=True))
        ).rstrip()
    lead = " " * (_WIDTHS[0] + len(_GAP))
    for finding in row.findings:
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


def render_text(table: ReportTable) -> str:
    """The report as plain text: each appendix as aligned columns, 100 characters wide.

    Titles wrap inside their column and are indented by depth; a code is shown with
    its label (``1 (Có)``); the findings of a row follow it, those of a template its
    table, those of the report the heading.
    """
    lines = list(report_heading(table))
    if table.findings:
        lines.extend(
            ["", f"{_FINDINGS[table.lang]}:", *_findings_block(table.findings, table.lang)]
        )
    for template in table:
        lines.extend(["", "", *_template_text(template, table.lang)])
    return "\n".join(lines) + "\n"


# --- Markdown ---------------------------------------------------------------------------

_MD_SPECIAL: Final = str.maketrans(
    {c: "\\" + c for c in "\\`*_[]<>|~#&"} | {"\r": "", "\n": "<br>", "\t": " "}
)


def _md(text: str) -> str:
    """Escape ``text`` for a Markdown table cell: no emphasis, link, HTML or cell break."""
    return text.translate(_MD_SPECIAL)


def _md_title(row: TableRow) -> str:
    title = _md(row.title)
    if row.emphasis is Emphasis.GROUP:
        title = f"**{title}**"
    elif row.emphasis is Emphasis.SUB:
        title = f"*{title}*"
    if row.hint:
        title += f" *{_md(row.hint)}*"
    return title


def _md_findings(findings: Iterable[TableFinding], lang: Lang, where: dict[int, str]) -> list[str]:
    lines: list[str] = []
    for finding in findings:
        at = where.get(id(finding))
        head = f"**{severity_label(finding.severity, lang)}**"
        if at:
            head += f" ({_md(at)})"
        lines.append(f"- {head} `{finding.rule}`: {_md(finding.message)}")
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
    where: dict[int, str] = {}
    for row in table.rows:
        for finding in row.findings:
            where[id(finding)] = ", ".join(filter(None, [where.get(id(finding)), row.number]))
        cells = [
            _md(row.number),
            _md_title(row),
            _md(row.unit),
            _md(_value_text(row)),
            _md(_note_text(row)),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    found = table.all_findings()
    if found:
        lines.extend(["", *_md_findings(found, lang, where)])
    return lines


def render_markdown(table: ReportTable) -> str:
    """The report as Markdown: a section and a pipe table per appendix.

    Group rows are bold, *trong đó* rows italic; every cell is escaped so that no text
    of a report becomes Markdown or HTML. Findings are listed under each table with
    the rows they touch.

    >>> import cchc_model
    >>> md = cchc_model.render(cchc_model.example(), "markdown")
    >>> print(md.splitlines()[13])
    | 2. | Tỷ lệ hoàn thành Kế hoạch CCHC năm (Lũy kế đến thời điểm báo cáo) | % | 78,94 |  |
    """
    heading, period = report_heading(table)
    lines = [f"# {_md(heading)}", "", _md(period)]
    if table.findings:
        lines.extend(["", *_md_findings(table.findings, table.lang, {})])
    for template in table:
        lines.extend(["", *_template_markdown(template, table.lang)])
    return "\n".join(lines) + "\n"
