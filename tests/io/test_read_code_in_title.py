"""No STT column, or STT and title in one cell: the code is read from the start of the title."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import openpyxl
import pytest

from cchc_model import ReportFormatError, edition, read
from word import word_document

INFO = {"agency": "UBND xã Hương Sơn", "level": "commune", "period": "h1", "year": 2024}
T1 = edition().indicator("PL2", "1").title
T21 = edition().indicator("PL2", "2.1").title
NO_STT = [
    ("Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu", "Ghi chú"),
    (f"1. {T1}", "Văn bản", "13", ""),
    (f"2.1. {T21}", "Nhiệm vụ", "19", ""),
]
MERGED = [  # STT and title merged: the text in both cells
    ("STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu", "Ghi chú"),
    (f"1. {T1}", f"1. {T1}", "Văn bản", "13", ""),
    ("", f"2.1 {T21}", "Nhiệm vụ", "19", ""),  # STT left blank
]


def _docx(rows: Sequence[Sequence[str]]) -> bytes:
    return word_document(["Phụ lục 2"], rows, columns=len(rows[0]))


def _html(rows: Sequence[Sequence[str]]) -> bytes:
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return f"<p>Phụ lục 2</p><table>{cells}</table>".encode()


def _xlsx(rows: Sequence[Sequence[str]]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Phụ lục 2"
    for row in rows:
        ws.append([int(c) if c.isdigit() else (c or None) for c in row])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


FORMATS: dict[Any, Any] = {"docx": _docx, "html": _html, "xlsx": _xlsx}


@pytest.mark.parametrize("rows", [NO_STT, MERGED], ids=["no STT column", "STT in the title"])
@pytest.mark.parametrize("form", FORMATS)
def test_the_code_at_the_start_of_the_title_is_read(form: Any, rows: Any) -> None:
    report, warnings = read(FORMATS[form](rows), form, info=INFO)
    assert report["PL2"].filled() == {"1": 13, "2.1": 19}
    assert not [w for w in warnings if "title" in w.en], warnings


@pytest.mark.parametrize("form", FORMATS)
def test_a_title_that_is_not_the_rows_is_still_reported(form: Any) -> None:
    rows = [NO_STT[0], ("1. Một tiêu đề khác hẳn", "Văn bản", "13", "")]
    _, warnings = read(FORMATS[form](rows), form, info=INFO)
    assert any("the title 'Một tiêu đề khác hẳn' is not the form's" in w.en for w in warnings)


@pytest.mark.parametrize("form", FORMATS)
def test_a_table_is_never_told_to_separate_its_cells_with_tabs(form: Any) -> None:
    rows = [MERGED[0], (f"1. {T1}", "Tỷ lệ khác", "Văn bản", "13", "")]
    with pytest.raises(ReportFormatError) as caught:
        read(FORMATS[form](rows), form, info=INFO)
    shown = str(caught.value)
    assert "its STT cell holds more than the code" in shown
    assert "tabs" not in shown


def test_a_text_line_whose_cells_run_together_is_told_how_to_split_them() -> None:
    text = f"Phụ lục 2\n\n2.1 {T21} 19\n"
    with pytest.raises(ReportFormatError, match="separate them with tabs"):
        read(text.encode(), "text", info=INFO)
