"""A row *Phụ lục N* inside a sheet or a table starts appendix N (every table reader)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import openpyxl
import pytest

from cchc_model import ReportFormatError, edition, read
from word import word_document

INFO = {"agency": "UBND xã Hương Sơn", "level": "commune", "period": "h1", "year": 2024}
HEADER = ("STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu", "Ghi chú")
PL2 = [("1.", edition().indicator("PL2", "1").title, "Văn bản", "13", "")]
PL3 = [
    ("1.3.", edition().indicator("PL3", "1.3").title, "Văn bản", "2", ""),
    ("2.1.", edition().indicator("PL3", "2.1").title, "Văn bản", "4", ""),
]
TITLE3 = edition().spec("PL3").title


def _rows() -> list[Sequence[str]]:
    """Two appendices one after the other, each with its heading, title and header."""
    return [
        ("Phụ lục 2", "", "", "", ""),
        HEADER,
        *PL2,
        ("", "", "", "", ""),
        ("Phụ lục 3", "", "", "", ""),
        (TITLE3, "", "", "", ""),
        HEADER,
        *PL3[:1],
        HEADER,  # repeated on a new page
        *PL3[1:],
    ]


def _xlsx(rows: list[Sequence[str]], name: str = "Sheet1") -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = name
    for row in rows:
        ws.append([int(c) if c.isdigit() else (c or None) for c in row])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _docx(rows: list[Sequence[str]]) -> bytes:
    return word_document((), rows, columns=5)


def _html(rows: list[Sequence[str]]) -> bytes:
    def row(cells: Sequence[str]) -> str:
        if cells[0].startswith(("Phụ lục", "BIỂU")) and not any(cells[1:]):
            return f"<tr><td colspan=5>{cells[0]}</td></tr>"
        return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"

    return ("<table>" + "".join(row(r) for r in rows) + "</table>").encode()


def _markdown(rows: list[Sequence[str]]) -> bytes:
    lines = ["| " + " | ".join(HEADER) + " |", "|---|---|---|---|---|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows[2:]]
    return ("Phụ lục 2\n\n" + "\n".join(lines) + "\n").encode()


FORMATS: dict[Any, Any] = {"xlsx": _xlsx, "docx": _docx, "html": _html, "text": _markdown}


@pytest.mark.parametrize("form", FORMATS)
def test_each_appendix_of_one_sheet_or_table_gets_its_own_rows(form: Any) -> None:
    report, warnings = read(FORMATS[form](_rows()), form, info=INFO)
    assert report["PL2"].filled() == {"1": 13}
    assert report["PL3"].filled() == {"1.3": 2, "2.1": 4}
    assert not [w for w in warnings if "STT" in w.en or "title" in w.en], warnings


def test_a_sheet_named_for_one_appendix_holding_the_next() -> None:
    rows: list[Sequence[str]] = [HEADER, *PL2, ("Phụ lục 3", "", "", "", ""), HEADER, *PL3]
    report, _ = read(_xlsx(rows, "Phụ lục 2"), "xlsx", info=INFO)
    assert report["PL2"].filled() == {"1": 13}
    assert report["PL3"].filled() == {"1.3": 2, "2.1": 4}


def test_an_appendix_given_twice_in_one_sheet_is_refused() -> None:
    rows: list[Sequence[str]] = [*_rows(), ("Phụ lục 2", "", "", "", ""), HEADER, *PL2]
    with pytest.raises(ReportFormatError, match="a second table of PL2"):
        read(_xlsx(rows), "xlsx", info=INFO)
