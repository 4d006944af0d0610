"""Excel: golden extraction, real numbers with formats, text that never runs, the extra."""

from __future__ import annotations

import io
import sys
from decimal import Decimal

import openpyxl
import pytest

from cchc_model import Direction, MissingExtraError, example, render
from cchc_model._io.table import table_model
from cchc_model._io.xlsx import number_cell
from golden_files import FINDINGS, GOLDEN, xlsx_extract


def _book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def test_golden() -> None:
    assert xlsx_extract(render(example(), "xlsx")) == (GOLDEN / "example.xlsx.txt").read_text(
        encoding="utf-8"
    )
    assert xlsx_extract(render(example(), "xlsx", findings=FINDINGS)) == (
        GOLDEN / "findings.xlsx.txt"
    ).read_text(encoding="utf-8")


def test_sheets_and_layout() -> None:
    wb = _book(render(example(), "xlsx"))
    assert wb.sheetnames == [f"Phụ lục {n}" for n in range(2, 9)] + ["Thông tin báo cáo"]
    ws = wb["Phụ lục 2"]
    assert [ws.cell(6, c).value for c in (3, 4)] == ["Đơn vị tính", "Số liệu"]
    assert ws["A5"].value == "STT"
    assert ws["A11"].value == "3."
    assert ws["B11"].font.b
    meta = {row[0].value: row[2].value for row in wb["Thông tin báo cáo"].iter_rows(min_row=2)}
    assert meta["period"] == "6 tháng đầu năm 2024"
    assert meta["level"] == "cấp xã"
    assert meta["date"].date().isoformat() == "2024-06-10"


def test_numbers_are_numbers_with_the_decimals_written() -> None:
    report = example().with_templates(
        Direction(
            directive_documents=12,
            plan_completion_rate=Decimal("70.10"),
            survey_forms=10**16,  # more digits than Excel keeps
            notes={"1": "=SUM(A1:A9)"},
        )
    )
    ws = _book(render(report, "xlsx"))["Phụ lục 2"]
    assert (ws["D7"].value, ws["D7"].number_format, ws["D7"].data_type) == (12, "#,##0", "n")
    assert (ws["D8"].value, ws["D8"].number_format) == (pytest.approx(0.701), "#,##0.00%")
    long_row = next(r for r in ws.iter_rows(min_row=7) if r[0].value == "7.1.")
    assert (long_row[3].value, long_row[3].number_format) == ("10.000.000.000.000.000", "@")
    assert ws["E7"].value == "=SUM(A1:A9)"
    assert ws["E7"].data_type == "s"
    assert ws["E7"].quotePrefix


def test_number_cells() -> None:
    table = table_model(example())
    assert number_cell(table["PL8"].row("2")) == (3, "0")
    assert number_cell(table["PL8"].row("6.4")) == (0.701, "#,##0.0%")
    assert number_cell(table["PL4"].row("3.3")) == (1.0, "#,##0%")


def test_findings_sheet_links_to_the_cells() -> None:
    wb = _book(render(example(), "xlsx", findings=FINDINGS))
    assert wb.sheetnames[-1] == "Kết quả kiểm tra"
    rows = list(wb["Kết quả kiểm tra"].iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in rows] == ["report.level", "PL2.ratio.2", "PL7.sum", "PL8.domain.2"]
    assert rows[1][4] == "'Phụ lục 2'!D8"
    assert wb["Kết quả kiểm tra"]["E3"].hyperlink.location == "'Phụ lục 2'!D8"
    assert wb["Phụ lục 8"]["A8"].fill.fgColor.rgb.endswith("FDE2E1")


def test_without_openpyxl(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'cchc-model\[xlsx\]'") as info:
        render(example(), "xlsx")
    assert isinstance(info.value, ImportError)
    assert info.value.extra == "xlsx"
