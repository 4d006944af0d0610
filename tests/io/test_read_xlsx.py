"""Reading Excel: lossless for what render writes, forgiving for what people fill, wary."""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings

import cchc_model._io.xlsx as reader
from cchc_model import (
    MissingExtraError,
    Period,
    Report,
    ReportFormatError,
    YesNo,
    dumps,
    example,
    read,
    render,
    strategies,
)
from cchc_model._io import archive
from zips import rezip


def _save(wb: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _hand_filled() -> openpyxl.Workbook:
    """A workbook as a person makes one: their own sheet names and rows, text numbers."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "PL2"
    ws["A1"] = "Phụ lục 2"
    ws.append([])
    ws.append(["STT", "Chỉ tiêu thống kê", "Kết quả thống kê", None, "Ghi chú"])
    ws.append([None, None, "Đơn vị tính", "Số liệu", None])
    ws.append(["1.", "Số văn bản chỉ đạo", "Văn bản", "01", "=A1"])
    ws.append(["2.", "Tỷ lệ hoàn thành", "%", 0.7894, None])
    ws["D6"].number_format = "0.00%"
    ws.append([2.1, "Số nhiệm vụ đề ra", "Nhiệm vụ", 19.0, None])
    ws.append(["2.2.", "Số nhiệm vụ đã hoàn thành", "Nhiệm vụ", "15", "ghi chú"])
    ws.append(["7", "Khảo sát", "Có = 1; Không = 0", 1, None])
    ws.append([None, "Người lập biểu", None, None, None])
    money = wb.create_sheet("Phụ lục 7")
    money.append(["STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú"])
    money.append(["1", "Tỷ lệ", "%", 100, None])
    money.append(["1.1", "Kế hoạch được giao", "Triệu đồng", 3.8875, None])
    money["D3"].number_format = "#,##0.00"
    money.append(["1.2", "Đã thực hiện", "Triệu đồng", 3.887, None])
    money["D4"].number_format = "0.0000"
    wb.create_sheet("Ghi nhớ")["A1"] = "không phải phụ lục"
    meta = wb.create_sheet("Thông tin báo cáo")
    meta.append(["", "Cơ quan báo cáo", "UBND xã Hương Sơn"])
    meta.append(["level", "", "cấp xã"])
    meta.append(["period", "", "6 tháng đầu năm 2024"])
    naive = dt.datetime(2024, 6, 10)  # noqa: DTZ001  # Excel dates have no time zone
    meta.append(["date", "", naive])
    return wb


def test_the_example_round_trips_exactly() -> None:
    report, warnings = read(render(example(), "xlsx"), "xlsx")
    assert dumps(report) == dumps(example())
    assert warnings == ()


def test_findings_do_not_change_what_is_read() -> None:
    data = render(example(), "xlsx", findings=cchc_model_validate())
    report, warnings = read(data)
    assert report == example()
    assert warnings == ()


def cchc_model_validate() -> Any:
    import cchc_model  # noqa: PLC0415

    return cchc_model.validate(example())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.reports(consistent=False))
def test_round_trip_is_lossless(report: Report) -> None:
    back, warnings = read(render(report, "xlsx"), "xlsx")
    assert dumps(back) == dumps(report)  # every digit, blank, value and note
    assert warnings == ()


def test_a_hand_filled_workbook() -> None:
    report, warnings = read(_save(_hand_filled()), "xlsx")
    assert (report.info.agency, report.info.period, report.info.year) == (
        "UBND xã Hương Sơn",
        Period.H1,
        2024,
    )
    assert report.info.date == dt.date(2024, 6, 10)
    pl2 = report.pl2
    assert pl2 is not None
    assert (pl2["1"], pl2["2"], pl2["2.1"], pl2["2.2"], pl2["7"]) == (
        1,
        Decimal("78.94"),
        19,
        15,
        YesNo.YES,
    )
    assert str(pl2["2"]) == "78.94"
    assert pl2.notes == {"1": "=A1", "2.2": "ghi chú"}
    assert report.value("PL7", "1") == Decimal(100)
    assert str(report.value("PL7", "1.1")) == "3.8875"
    assert str(report.value("PL7", "1.2")) == "3.8870"  # the format shows four decimals
    assert [(w.path, w.code) for w in warnings] == [
        ("'Ghi nhớ'", None),
        ("PL2!E5", None),
        ("PL2!D5", "1"),
        ("PL2!D5", "1"),
        ("PL2!A7", None),
        ("PL2!D8", "2.2"),
        ("PL2!A10", None),
        ("'Phụ lục 7'!D3", "1.1"),
    ]
    shown = [w.en for w in warnings[1:]]
    assert "a formula (=A1) is read as its text" in shown[0]
    assert "typed as text" in shown[1]
    assert "a leading zero" in shown[2]
    assert "the STT 2.1 is a number" in shown[3]
    assert "a row without a code in its STT cell, ignored: 'Người lập biểu'" in shown[5]
    assert "the cell shows 3,89 but holds 3,8875" in shown[6]
    assert "is not an appendix" in warnings[0].en


def test_a_ratio_typed_as_a_fraction_without_a_percent_format_is_read_with_a_warning() -> None:
    # Excel shows 0,7894 in a General cell: what is read is what is shown, with the doubt said
    wb = _hand_filled()
    wb["PL2"]["D6"].number_format = "General"
    report, warnings = read(_save(wb), "xlsx")
    assert str(report.value("PL2", "2")) == "0.7894"
    (warning,) = [w for w in warnings if w.path == "PL2!D6"]
    assert "did you mean 78,94 %?" in warning.en
    assert "có phải là 78,94 %?" in warning.message("vi")


def test_a_percent_format_holds_the_fraction_and_is_read_without_a_doubt() -> None:
    report, warnings = read(_save(_hand_filled()), "xlsx")  # D6: 0.7894 shown as 78.94%
    assert str(report.value("PL2", "2")) == "78.94"
    assert "PL2!D6" not in [w.path for w in warnings]


def test_formulas_and_non_numbers_in_value_cells_are_refused() -> None:
    wb = _hand_filled()
    ws = wb["PL2"]
    ws["D6"] = "=D8/D7*100"
    ws["D7"] = True
    ws["D8"] = dt.datetime(2024, 1, 1)  # noqa: DTZ001  # Excel dates have no time zone
    ws["D9"] = 1.5
    with pytest.raises(ReportFormatError) as info:
        read(_save(wb), "xlsx")
    assert [p.path for p in info.value.problems] == ["PL2!D6", "PL2!D7", "PL2!D8", "PL2!D9"]
    assert "with no number saved with it; formulas are not evaluated" in str(info.value)
    assert "a code is a whole number, got 1.5" in str(info.value)


def _with_saved_values(data: bytes, saved: dict[str, str]) -> bytes:
    """``data`` with the value Excel saves beside a formula (``<v>``) in cells ``saved``."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive_file:
        sheet = archive_file.read("xl/worksheets/sheet1.xml").decode()
    for ref, value in saved.items():
        start = sheet.index(f'<c r="{ref}"')
        end = sheet.index("</c>", start)
        cell = sheet[start:end].replace("<v></v>", "")  # openpyxl saves none
        sheet = sheet[:start] + cell + f"<v>{value}</v>" + sheet[end:]
    return rezip(data, {"xl/worksheets/sheet1.xml": sheet.encode()})


def test_a_formula_is_read_as_the_value_saved_with_it_with_a_warning() -> None:
    # officials compute the ratio rows with formulas; the saved value is what they saw
    wb = _hand_filled()
    wb["PL2"]["D6"] = "=D8/D7"
    wb["PL2"]["D5"] = "=10+3"
    data = _with_saved_values(_save(wb), {"D5": "13", "D6": "0.7894"})
    report, warnings = read(data, "xlsx")
    assert report.pl2 is not None
    assert (report.pl2.directive_documents, report.pl2.plan_completion_rate) == (
        13,
        Decimal("78.94"),
    )
    formulas = [w for w in warnings if "not evaluated" in w.en]
    assert [w.path for w in formulas] == ["PL2!D5", "PL2!D6"]
    assert (
        "holds a formula (=D8/D7), which is not evaluated; read the value saved with it, 0,7894"
        in formulas[1].en
    )
    assert "công thức không được tính" in formulas[1].vi


def test_metadata_missing_is_asked_for() -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "Phụ lục 3"
    wb.active.append(["1.3", "Số VBQPPL", "Văn bản", 0])
    with pytest.raises(
        ReportFormatError,
        match="fill the row 'Kỳ báo cáo' of the sheet 'Thông tin báo cáo' or pass",
    ):
        read(_save(wb), "xlsx")
    report, _ = read(
        _save(wb),
        "xlsx",
        info={"agency": "UBND xã A", "level": "commune", "period": "h1", "year": "2024"},
    )
    assert report.value("PL3", "1.3") == 0


def test_two_sheets_of_one_template_and_unknown_templates() -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "PL2"
    wb.create_sheet("Phụ lục 2")
    wb.create_sheet("PL9")
    with pytest.raises(ReportFormatError) as info:
        read(_save(wb), "xlsx")
    assert [p.path for p in info.value.problems][:2] == ["'Phụ lục 2'", "PL9"]
    assert "a second table of PL2 (the first is at PL2)" in str(info.value)
    assert "unknown template 'PL9'" in str(info.value)


def _encrypted(data: bytes) -> bytes:
    # Set the "encrypted" flag of the first member in the central directory.
    at = data.index(b"PK\x01\x02") + 8
    return data[:at] + bytes([data[at] | 0x1]) + data[at + 1 :]


def test_a_document_type_declaration_is_refused() -> None:
    data = render(example(), "xlsx")
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    bomb = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>' + sheet
    with pytest.raises(ReportFormatError, match="declares a document type"):
        read(rezip(data, {"xl/worksheets/sheet1.xml": bomb}), "xlsx")


def test_an_encrypted_archive_is_refused() -> None:
    with pytest.raises(ReportFormatError, match="encrypted"):
        read(_encrypted(render(example(), "xlsx")), "xlsx")


def test_zip_bombs_and_huge_sheets_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    data = render(example(), "xlsx")
    monkeypatch.setattr(archive, "MAX_UNCOMPRESSED", 50_000)
    with pytest.raises(ReportFormatError, match=r"unpacks to .* refused"):
        read(data, "xlsx")
    monkeypatch.setattr(archive, "MAX_UNCOMPRESSED", 100_000_000)
    monkeypatch.setattr(archive, "MAX_MEMBERS", 5)
    with pytest.raises(ReportFormatError, match="at most 5 and"):
        read(data, "xlsx")
    monkeypatch.setattr(archive, "MAX_MEMBERS", 1_000)
    monkeypatch.setattr(reader, "MAX_ROWS", 20)
    with pytest.raises(ReportFormatError, match="more than 20 rows: refused"):
        read(data, "xlsx")
    import cchc_model._model.files as common  # noqa: PLC0415

    monkeypatch.setattr(common, "MAX_BYTES", 1_000)
    with pytest.raises(ReportFormatError, match="larger than 1,000 bytes"):
        read(data, "xlsx")


def test_a_real_zip_bomb_is_refused_before_it_is_opened() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("[Content_Types].xml", b"<x/>")
        bomb.writestr("xl/workbook.xml", b"<x/>")
        for n in range(11):  # 11 x 10 MB of zeros, 110 kB compressed
            bomb.writestr(f"xl/worksheets/sheet{n}.xml", b"\0" * 10_000_000)
    assert len(buffer.getvalue()) < 200_000
    with pytest.raises(ReportFormatError, match="110,000,"):
        read(buffer.getvalue(), "xlsx")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not a zip", "not an Excel workbook"),
        (rezip(b"PK\x05\x06" + b"\0" * 18, {}), "the archive has no workbook"),
    ],
)
def test_not_a_workbook(data: bytes, message: str) -> None:
    with pytest.raises(ReportFormatError, match=message):
        read(data, "xlsx")


def test_without_openpyxl(monkeypatch: pytest.MonkeyPatch) -> None:
    data = render(example(), "xlsx")
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingExtraError, match="xlsx"):
        read(data)


def test_a_text_cell_is_doubted_unless_the_writer_made_it() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Phụ lục 7"
    ws.append(["1.1", "Kế hoạch được giao", "Triệu đồng", "3,887"])
    ws["D1"].number_format = "@"
    info = {"agency": "UBND xã A", "level": "commune", "period": "h1", "year": 2024}
    report, warnings = read(_save(wb), "xlsx", info=info)
    assert report.value("PL7", "1.1") == Decimal("3.887")
    assert [w.path for w in warnings] == ["'Phụ lục 7'!D1", "'Phụ lục 7'!D1"]
    assert "typed as text" in warnings[0].en
    assert "if 3887 was meant" in warnings[1].en


def _edited(change: Any) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(render(example(), "xlsx")))
    change(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_hidden_sheet_is_read_with_a_warning() -> None:
    # what is read is not what a person opening the file sees
    data = _edited(lambda book: setattr(book["Phụ lục 3"], "sheet_state", "hidden"))
    report, warnings = read(data, "xlsx")
    assert report == example()
    assert [w.path for w in warnings] == ["'Phụ lục 3'"]
    assert "hidden" in warnings[0].en


def _row_of(sheet: Any, code: str) -> int:
    row: int = next(r[0].row for r in sheet.iter_rows() if str(r[0].value).rstrip(".") == code)
    return row


def test_a_value_in_a_hidden_row_is_read_with_a_warning() -> None:
    # the official who checked the sheet never saw it
    number = 0

    def hide(book: Any) -> None:
        nonlocal number
        sheet = book["Phụ lục 3"]
        number = _row_of(sheet, "1.1")
        sheet.cell(number, 4).value = 5
        sheet.row_dimensions[number].hidden = True

    report, warnings = read(_edited(hide), "xlsx")
    assert report.templates["PL3"].get("1.1") == 5
    assert [w.path for w in warnings] == [f"'Phụ lục 3'!D{number}"]
    assert "hidden row of the sheet 'Phụ lục 3'" in warnings[0].en
    assert "dòng bị ẩn" in warnings[0].message("vi")


def test_a_note_in_a_hidden_column_is_read_with_a_warning() -> None:
    number = 0

    def hide(book: Any) -> None:
        nonlocal number
        sheet = book["Phụ lục 3"]
        number = _row_of(sheet, "1.1")
        sheet.cell(number, 5).value = "ghi chú ẩn"
        sheet.column_dimensions["E"].hidden = True

    report, warnings = read(_edited(hide), "xlsx")
    assert report.templates["PL3"].notes["1.1"] == "ghi chú ẩn"
    assert [w.path for w in warnings] == [f"'Phụ lục 3'!E{number}"]
    assert "hidden column" in warnings[0].en


def test_a_formula_in_the_metadata_sheet_is_read_as_its_text_with_a_warning() -> None:
    def formula(book: Any) -> None:
        sheet = book["Thông tin báo cáo"]
        row = next(r for r in sheet.iter_rows() if r[0].value == "signer")
        row[2].value = '=CONCAT("Nguyễn ","Văn A")'

    report, warnings = read(_edited(formula), "xlsx")
    assert report.info.signer == '=CONCAT("Nguyễn ","Văn A")'
    assert len(warnings) == 1
    assert "signer: a formula" in warnings[0].en


@pytest.mark.parametrize(
    "numbers",
    [[1, 2, 3, 4, 5], ["(1)", "(2)", "(3)", "(4)", "(5)"], ["A", "B", "C", "D", "E"]],
)
def test_the_columns_numbers_under_the_header_are_no_row(numbers: list[object]) -> None:
    # forms print the columns' numbers under their header, as numbers or as text; the
    # row "1" is a heading of PL4 and would hold the 4 of column (4)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Phụ lục 4"
    ws.append(["STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú"])
    ws.append(numbers)
    ws.append(["3.3.1", "Tổng số hồ sơ TTHC đã giải quyết xong", "Hồ sơ", 276, None])
    ws.append(["3.3.2", "Số hồ sơ TTHC giải quyết đúng hạn", "Hồ sơ", 270, None])
    ws.append(numbers)  # repeated over the rows of the next printed page
    ws.append(["1.4.3", "Số TTHC cấp xã", "Thủ tục", 6, None])
    info = {"agency": "UBND xã A", "level": "commune", "period": "h1", "year": 2024}
    report, warnings = read(_save(wb), "xlsx", info=info)
    assert report.pl4 is not None
    assert (report.pl4["3.3.1"], report.pl4["3.3.2"], report.pl4["1.4.3"]) == (276, 270, 6)
    assert warnings == ()


def test_a_row_of_the_appendix_is_not_taken_for_numbers() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Phụ lục 2"
    ws.append(["STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú"])
    ws.append(["1", "Số văn bản chỉ đạo", "Văn bản", 3, None])
    info = {"agency": "UBND xã A", "level": "commune", "period": "h1", "year": 2024}
    report, _ = read(_save(wb), "xlsx", info=info)
    assert report.pl2 is not None
    assert report.pl2["1"] == 3
