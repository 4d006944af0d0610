"""Which column holds the values: never the first of several silently (every table reader)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import openpyxl
import pytest

from cchc_model import ReportFormatError, read
from word import word_document

HEAD = (
    "UBND XÃ HƯƠNG SƠN\nSố: 341/BC-UBND\nHương Sơn, ngày 10 tháng 6 năm 2024\nBÁO CÁO\n"
    "Kết quả công tác cải cách hành chính 6 tháng đầu năm 2024\n"
    "Trên đây là báo cáo của UBND xã Hương Sơn./.\n\n"
)
INFO = {"agency": "UBND xã Hương Sơn", "level": "commune", "period": "h1", "year": 2024}
ROW = ("1.", "Số văn bản chỉ đạo CCHC đã ban hành", "Văn bản", "10", "13", "")

Header = Sequence[Sequence[str]]

CHOSEN: list[tuple[str, Header]] = [
    (
        "kỳ này",
        [
            [
                "STT",
                "Chỉ tiêu thống kê",
                "Đơn vị tính",
                "Số liệu kỳ trước",
                "Số liệu kỳ này",
                "Ghi chú",
            ]
        ],
    ),
    (
        "thực hiện",
        [["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Kế hoạch", "Thực hiện", "Ghi chú"]],
    ),
    (
        "under Kết quả thống kê",
        [
            [
                "STT",
                "Chỉ tiêu thống kê",
                "Kết quả thống kê",
                "Kết quả thống kê",
                "Kết quả thống kê",
                "Ghi chú",
            ],
            ["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Kỳ trước", "Kỳ này", "Ghi chú"],
        ],
    ),
    (
        "the report's year",
        [
            ["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu", "Số liệu", "Ghi chú"],
            ["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "6 tháng 2023", "6 tháng 2024", "Ghi chú"],
        ],
    ),
]
REFUSED: list[tuple[str, Header]] = [
    (
        "two periods",
        [["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu quý I", "Số liệu quý II", "Ghi chú"]],
    ),
    (
        "plan and forecast",
        [["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Kế hoạch", "Dự kiến", "Ghi chú"]],
    ),
]


def _docx(header: Header, rows: Sequence[Sequence[str]]) -> bytes:
    paragraphs = [*HEAD.strip().split("\n"), "Phụ lục 2"]
    return word_document(paragraphs, [*header, *rows], columns=len(rows[0]))


def _html(header: Header, rows: Sequence[Sequence[str]]) -> bytes:
    body = "".join(f"<p>{line}</p>" for line in HEAD.strip().split("\n"))
    cells = "".join(
        "<tr>" + "".join(f"<td>{text}</td>" for text in row) + "</tr>" for row in [*header, *rows]
    )
    return f"<html><body>{body}<p>Phụ lục 2</p><table>{cells}</table></body></html>".encode()


def _tabs(header: Header, rows: Sequence[Sequence[str]]) -> bytes:
    lines = ["\t".join(row) for row in [*header, *rows]]
    return (HEAD + "Phụ lục 2\n\n" + "\n".join(lines) + "\n").encode()


def _markdown(header: Header, rows: Sequence[Sequence[str]]) -> bytes:
    def line(row: Sequence[str]) -> str:
        return "| " + " | ".join(row) + " |"

    table = [line(header[-1]), "|" + "---|" * len(header[-1]), *(line(row) for row in rows)]
    return (HEAD + "Phụ lục 2\n\n" + "\n".join(table) + "\n").encode()


def _xlsx(header: Header, rows: Sequence[Sequence[str]]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Phụ lục 2"
    for number, row in enumerate(header):
        # a spreadsheet keeps a merged header's text in its first cell only
        previous = header[number - 1] if number else [""] * len(row)
        ws.append(
            [text if number == 0 or text != previous[i] else None for i, text in enumerate(row)]
        )
    for row in rows:
        ws.append([int(text) if text.isdigit() else text for text in row])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


FORMATS = {"docx": _docx, "html": _html, "text": _tabs, "xlsx": _xlsx}


def _read(form: Any, data: bytes) -> tuple[object, tuple[str, ...]]:
    report, warnings = read(data, form, info=INFO)
    return report.value("PL2", "1"), tuple(w.en for w in warnings)


@pytest.mark.parametrize("form", FORMATS)
@pytest.mark.parametrize(("case", "header"), CHOSEN, ids=[c for c, _ in CHOSEN])
def test_the_column_naming_the_reports_period_is_read_with_a_warning(
    form: Any, case: str, header: Header
) -> None:
    value, warnings = _read(form, FORMATS[form](header, [ROW]))
    assert value == 13, case
    assert any(
        "columns that could hold the values" in w and "the report's period" in w for w in warnings
    )


@pytest.mark.parametrize("form", FORMATS)
@pytest.mark.parametrize(("case", "header"), REFUSED, ids=[c for c, _ in REFUSED])
def test_several_value_columns_none_the_reports_are_refused(
    form: Any, case: str, header: Header
) -> None:
    with pytest.raises(ReportFormatError) as caught:
        read(FORMATS[form](header, [ROW]), form, info=INFO)
    shown = str(caught.value)
    assert "2 columns that could hold the values" in shown, case
    assert f"{header[-1][3]!r}, {header[-1][4]!r}" in shown
    assert "head the column of this report's values 'Số liệu'" in shown


def test_markdown_and_pasted_tables_choose_the_same_way() -> None:
    header = CHOSEN[0][1]
    value, warnings = _read("text", _markdown(header, [ROW]))
    assert value == 13
    assert any("read 'Số liệu kỳ này'" in w for w in warnings)
    pasted = HEAD + "Phụ lục 2\n\nSTT  Chỉ tiêu thống kê  Đơn vị tính  Kỳ trước  Kỳ này  Ghi chú\n"
    pasted += "1.  Số văn bản chỉ đạo CCHC đã ban hành  Văn bản  10  13\n"
    assert _read("text", pasted.encode())[0] == 13


@pytest.mark.parametrize("form", FORMATS)
def test_a_column_headed_so_lieu_is_read_without_a_word(form: Any) -> None:
    header = [
        ["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Cùng kỳ năm trước", "Số liệu", "Ghi chú"]
    ]
    assert _read(form, FORMATS[form](header, [ROW])) == (13, ())
    header = [["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu kỳ trước", "Số liệu", "Ghi chú"]]
    assert _read(form, FORMATS[form](header, [ROW])) == (13, ())


@pytest.mark.parametrize("form", ["docx", "html", "text"])
def test_more_than_five_columns_without_a_header_are_refused(form: Any) -> None:
    with pytest.raises(ReportFormatError, match="a table of 6 columns without a header"):
        read(FORMATS[form]([], [ROW]), form, info=INFO)
    five = ROW[:3] + ROW[4:]
    assert _read(form, FORMATS[form]([], [five]))[0] == 13


def test_a_csv_with_two_value_columns_is_refused() -> None:
    text = "template,code,title,unit,value,giá trị,note\nPL2,1,,,10,13,\n"
    with pytest.raises(ReportFormatError, match="2 columns of values in the header"):
        read(text.encode(), "csv", info=INFO)
