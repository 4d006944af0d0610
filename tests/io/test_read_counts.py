"""A count written with a comma and three digits reads two ways: refused in every reader."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest

from cchc_model import ReportFormatError, read
from word import word_document

INFO = {"agency": "UBND xã Hương Sơn", "level": "commune", "period": "h1", "year": 2024}
TITLE = "Số nhiệm vụ đề ra trong kế hoạch"


def _text(value: str) -> bytes:
    header = "STT\tChỉ tiêu thống kê\tĐơn vị tính\tSố liệu\tGhi chú\n"
    return f"Phụ lục 2\n\n{header}2.1\t{TITLE}\tNhiệm vụ\t{value}\t\n".encode()


def _csv(value: str) -> bytes:
    return f'template,code,title,unit,value,note\nPL2,2.1,,,"{value}",\n'.encode()


def _xlsx(value: str) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Phụ lục 2"
    ws.append(["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu", "Ghi chú"])
    ws.append(["2.1", TITLE, "Nhiệm vụ", value, None])  # a text cell
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _docx(value: str) -> bytes:
    header = ("STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu", "Ghi chú")
    return word_document(["Phụ lục 2"], [header, ("2.1", TITLE, "Nhiệm vụ", value, "")])


FORMATS: dict[Any, Any] = {"text": _text, "csv": _csv, "xlsx": _xlsx, "docx": _docx}


@pytest.mark.parametrize("form", FORMATS)
def test_a_comma_and_three_digits_in_a_count_is_refused_saying_both_readings(form: Any) -> None:
    with pytest.raises(ReportFormatError) as caught:
        read(FORMATS[form]("2,000"), form, info=INFO)
    (problem,) = [p for p in caught.value.problems if p.code == "2.1"]
    assert "if 2000 was meant, write '2.000'; if 2, write '2'" in problem.en
    assert "nếu là 2000 thì viết '2.000'; nếu là 2 thì viết '2'" in problem.vi


@pytest.mark.parametrize("form", FORMATS)
def test_a_fraction_of_three_decimals_in_a_count_suggests_the_thousands(form: Any) -> None:
    with pytest.raises(ReportFormatError, match=r"did you mean '1\.276' \(1276\)\?"):
        read(FORMATS[form]("1,276"), form, info=INFO)


@pytest.mark.parametrize(("written", "count"), [("2.000", 2000), ("13,0", 13), ("1.276", 1276)])
def test_what_reads_one_way_is_read(written: str, count: int) -> None:
    report, _ = read(_text(written), "text", info=INFO)
    assert report.value("PL2", "2.1") == count
