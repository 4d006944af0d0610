"""Excel: golden extraction, real numbers with formats, text that never runs, the extra."""

from __future__ import annotations

import copy
import io
import sys
import zipfile
from decimal import Decimal
from typing import Any
from unittest import mock

import openpyxl
import pytest
from hypothesis import given, settings

from cchc_model import (
    Direction,
    MissingExtraError,
    PublicFinance,
    Report,
    example,
    render,
    strategies,
    validate,
)
from cchc_model._io import xlsx
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
    # a sheet printed alone says its period, as Word's pages do
    for sheet in wb.sheetnames[:-1]:
        assert wb[sheet]["A2"].value.endswith(" 6 THÁNG ĐẦU NĂM 2024")
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
            survey_forms=10**15 - 1,  # the largest count: Excel keeps it as a number
            notes={"1": "=SUM(A1:A9)"},
        )
    )
    ws = _book(render(report, "xlsx"))["Phụ lục 2"]
    assert (ws["D7"].value, ws["D7"].number_format, ws["D7"].data_type) == (
        12,
        "[$-42A]#,##0",
        "n",
    )
    assert (ws["D8"].value, ws["D8"].number_format) == (
        pytest.approx(0.701),
        '[$-42A][=0.7010]"70,10%";[<0]-#,##0.00%;#,##0.00%',
    )
    long_row = next(r for r in ws.iter_rows(min_row=7) if r[0].value == "7.1.")
    assert (long_row[3].value, long_row[3].number_format) == (
        10**15 - 1,
        '[$-42A][=999999999999999]"999.999.999.999.999";[<0]-#,##0;#,##0',
    )
    amount = Decimal("123456789012345.123")  # more digits than Excel keeps: text
    finance = example().with_templates(PublicFinance(investment_planned=amount))
    cell = _book(render(finance, "xlsx"))["Phụ lục 7"]["D8"]
    assert (cell.value, cell.number_format) == ("123.456.789.012.345,123", "@")
    assert ws["E7"].value == "=SUM(A1:A9)"
    assert ws["E7"].data_type == "s"
    assert ws["E7"].quotePrefix


def test_number_cells() -> None:
    table = table_model(example())
    assert number_cell(table["PL8"].row("2")) == (3, "0")
    assert number_cell(table["PL8"].row("6.4")) == (
        0.701,
        '[$-42A][=0.701]"70,1%";[<0]-#,##0.0%;#,##0.0%',
    )
    assert number_cell(table["PL4"].row("3.3")) == (1.0, "[$-42A]#,##0%")


def test_findings_sheet_links_to_the_cells() -> None:
    wb = _book(render(example(), "xlsx", findings=FINDINGS))
    assert wb.sheetnames[-1] == "Kết quả kiểm tra"
    rows = list(wb["Kết quả kiểm tra"].iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in rows] == ["report.level", "PL2.ratio.2", "PL7.sum", "PL8.domain.2"]
    assert rows[1][3] == "2., 2.1., 2.2."  # its rows, linked to the first
    assert wb["Kết quả kiểm tra"]["D3"].hyperlink.location == "'Phụ lục 2'!D8"
    assert wb["Phụ lục 8"]["A8"].fill.fgColor.rgb.endswith("FDE2E1")


def test_without_openpyxl(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'cchc-model\[xlsx\]'") as info:
        render(example(), "xlsx")
    assert isinstance(info.value, ImportError)
    assert info.value.extra == "xlsx"


def test_every_sheet_prints_on_a4_at_full_size() -> None:
    wb = _book(render(example(), "xlsx", findings=FINDINGS))
    assert wb._named_styles["Normal"].font.name == "Times New Roman"  # the width unit
    for ws in wb.worksheets:
        setup = ws.page_setup
        assert (setup.paperSize, setup.orientation, setup.fitToWidth) == (9, "portrait", 1)
        assert ws.print_title_rows
        assert round(ws.page_margins.left * 25.4) == 30
        assert ws.HeaderFooter.differentFirst
        assert ws.oddHeader.center.text == "&P"
        shown = [
            dim.width
            for letter, dim in ws.column_dimensions.items()
            if not dim.hidden and letter <= "E"
        ]
        # the columns fit in the 165 mm between the margins: fitting the width keeps 100 %
        assert sum(shown) * 8 / 96 * 25.4 <= 166, (ws.title, shown)
        for row in ws.iter_rows(min_row=2):
            if any(cell.value is not None for cell in row):
                assert ws.row_dimensions[row[0].row].height, (ws.title, row[0].row)


def test_rows_grow_with_their_wrapped_text() -> None:
    ws = _book(render(example(), "xlsx"))["Phụ lục 2"]
    heights = {ws.cell(r, 1).value: ws.row_dimensions[r].height for r in range(7, ws.max_row + 1)}
    assert heights["2.1."] < heights["2."] < heights["4."]  # 1, 2 and 5 lines of title
    assert heights["5."] > heights["4."]  # the form's long note, in its narrow column


def test_the_metadata_sheet_shows_vietnamese_only() -> None:
    ws = _book(render(example(), "xlsx"))["Thông tin báo cáo"]
    assert ws.column_dimensions["A"].hidden  # the keys, for the reader
    visible = [
        (row[1].value, row[2].value)
        for row in ws.iter_rows(min_row=1)
        if not ws.row_dimensions[row[0].row].hidden
    ]
    assert visible[0] == ("Nội dung", "Giá trị")
    labels = [label for label, _ in visible[1:]]
    assert labels[:3] == ["Bộ biểu mẫu", "Cơ quan báo cáo", "Cấp hành chính"]
    assert "cchc-report" not in [value for _, value in visible]
    hidden = [
        row[0].value for row in ws.iter_rows(min_row=2) if ws.row_dimensions[row[0].row].hidden
    ]
    assert hidden == ["format", "version"]


LIMITED = """
import errno, pickle, resource, signal
import cchc_model
report = cchc_model.example()
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)
resource.setrlimit(resource.RLIMIT_FSIZE, (2_000, 2_000))
try:
    cchc_model.render(report, "xlsx")
except cchc_model.OutputError as error:
    assert isinstance(error, OSError) and isinstance(error, cchc_model.CchcError)
    assert error.errno == errno.EFBIG, error.errno
    assert error.output == "the Excel workbook"
    back = pickle.loads(pickle.dumps(error))
    assert (str(back), back.message("vi")) == (str(error), error.message("vi"))
    print(str(error))
    print(error.message("vi"))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="resource limits are POSIX")
def test_temporary_files_openpyxl_cannot_write_give_the_librarys_error() -> None:
    import subprocess  # noqa: PLC0415  # this test only

    completed = subprocess.run(
        [sys.executable, "-c", LIMITED],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""  # no traceback, no "Exception ignored" from openpyxl's writer
    en, vi = completed.stdout.splitlines()
    assert en.startswith("cannot make the Excel workbook: openpyxl writes each sheet to a")
    assert en.endswith(
        "the system refused it: File too large (free some space there, or set"
        " TMPDIR to another folder)"
    )
    assert vi.startswith("không tạo được tệp Excel: openpyxl ghi từng trang tính ra một tệp tạm")
    assert "tệp quá lớn" in vi


class _Unshared(xlsx._Sheets):
    """The workbook's styles assigned one by one, through openpyxl (the slow path)."""

    def __init__(self) -> None:
        super().__init__()
        self.shared = None


def _members(data: bytes) -> dict[str, bytes]:
    """Every part of a workbook but the times it was made (``docProps/core.xml``)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n != "docProps/core.xml"}


def _cell_styles(data: bytes) -> list[tuple[object, ...]]:
    """Each cell's styles as openpyxl reads them back (copies: its proxies never compare equal)."""
    names = ("font", "alignment", "border", "fill")
    return [
        (
            cell.coordinate,
            cell.number_format,
            cell.quotePrefix,
            *tuple(copy.copy(getattr(cell, name)) for name in names),
        )
        for ws in _book(data).worksheets
        for row in ws.iter_rows()
        for cell in row
    ]


def _both(report: Report, **options: Any) -> tuple[bytes, bytes]:
    fast = render(report, "xlsx", **options)
    with mock.patch.object(xlsx, "_Sheets", _Unshared):
        slow = render(report, "xlsx", **options)
    return fast, slow


def test_shared_styles_write_the_workbook_the_slow_path_writes() -> None:
    fast, slow = _both(example(), findings=FINDINGS)
    assert _members(fast) == _members(slow)
    assert _cell_styles(fast) == _cell_styles(slow)


@settings(max_examples=10, deadline=None)
@given(strategies.reports(consistent=False) | strategies.violating().map(lambda v: v.report))
def test_shared_styles_write_the_same_parts_for_any_report(report: Report) -> None:
    fast, slow = _both(report, findings=validate(report).findings)
    assert _members(fast) == _members(slow)
