"""Reading Word reports as communes really type them: the forms an independent review found.

Each test builds the document with python-docx as a person types it in Word (a heading
paragraph, a table, merged cells, the header block) and reads it.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Literal

import docx
import pytest
from docx.oxml import parse_xml

from cchc_model import AdminLevel, Period, ReportFormatError, read, validate
from word import word_parts

HEADER = ("STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu", "Ghi chú")
BODY = (
    "ỦY BAN NHÂN DÂN",
    "XÃ HƯƠNG SƠN",
    "Số: 341/BC-UBND",
    "Hương Sơn, ngày 10 tháng 6 năm 2024",
    "BÁO CÁO",
    "Kết quả công tác cải cách hành chính 6 tháng đầu năm 2024",
)
PL2_ROW = ("1.", "Số văn bản chỉ đạo CCHC đã ban hành", "Văn bản", "13", "")
PL8_ROW = ("6.4.", "Tỷ lệ hồ sơ TTHC được tiếp nhận trực tuyến", "%", "70,1", "")


def _problems(data: bytes, form: Literal["docx", "html", "text"] = "docx") -> str:
    with pytest.raises(ReportFormatError) as info:
        read(data, form)
    return "\n".join([str(info.value), *(p.message("vi") for p in info.value.problems)])


# --- F7: a heading followed by no table --------------------------------------------------------


@pytest.mark.parametrize(
    "after",
    [
        ["STT Chỉ tiêu thống kê Đơn vị tính Số liệu Ghi chú 6.4. Tỷ lệ hồ sơ 70,1"],
        ["(Kèm theo Báo cáo số 341/BC-UBND ngày 10/6/2024 của UBND xã Hương Sơn)"],
        [],
    ],
    ids=["table pasted as text", "only its Kèm theo line", "at the end"],
)
def test_a_heading_followed_by_no_table_is_an_error_naming_it(after: list[str]) -> None:
    data = word_parts(BODY, (["Phụ lục 2"], [HEADER, PL2_ROW]), "Phụ lục 8", *after)
    shown = _problems(data)
    assert "paragraph 8: PL8: the heading 'Phụ lục 8' is followed by no table" in shown
    assert "sau tiêu đề 'Phụ lục 8' không có bảng" in shown
    if after and "STT" in after[0]:
        assert "what follows it: 'STT Chỉ tiêu" in shown


def test_a_heading_followed_by_the_next_heading_is_an_error() -> None:
    data = word_parts(BODY, "Phụ lục 2", (["Phụ lục 8"], [HEADER, PL8_ROW]))
    shown = _problems(data)
    assert "PL2: the heading 'Phụ lục 2' is followed by no table" in shown
    assert "PL8" not in shown.replace("Phụ lục 2' … 'Phụ lục 8", "")


def test_a_heading_repeated_in_the_first_row_of_its_table_is_one_heading() -> None:
    report, _ = read(word_parts(BODY, (["Phụ lục 2"], [("PHỤ LỤC 2",) * 5, HEADER, PL2_ROW])))
    assert report["PL2"]["1"] == 13


def test_html_and_text_headings_without_a_table_are_errors_too() -> None:
    page = (
        "<html><body><p>UBND xã Hương Sơn</p><p>Phụ lục 2</p><table>"
        + "".join(
            "<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in (HEADER, PL2_ROW)
        )
        + "</table><p>Phụ lục 8</p><p>STT Chỉ tiêu 6.4 Tỷ lệ 70,1</p></body></html>"
    )
    assert "the heading 'Phụ lục 8' is followed by no table" in _problems(page.encode(), "html")
    text = "Phụ lục 2\n" + "\t".join(HEADER) + "\n" + "\t".join(PL2_ROW) + "\nPhụ lục 8\n"
    assert "the heading 'Phụ lục 8' is followed by no table" in _problems(text.encode(), "text")


def test_a_report_with_every_table_is_still_valid_to_read() -> None:
    data = word_parts(BODY, (["Phụ lục 2"], [HEADER, PL2_ROW]), (["Phụ lục 8"], [HEADER, PL8_ROW]))
    report, _ = read(data)
    assert report["PL8"]["6.4"] is not None
    assert validate(report) is not None


# --- F1: the period of the title, never of the date line -------------------------------------

HEAD = ("UBND XÃ HƯƠNG SƠN", "Số: 7/BC-UBND", "Hương Sơn, ngày 1 tháng 10 năm 2024")
PL2 = (["Phụ lục 2"], [HEADER, PL2_ROW])


@pytest.mark.parametrize(
    ("title", "period", "year"),
    [
        (["BÁO CÁO:", "Kết quả CCHC quý III năm 2024"], Period.Q3, 2024),
        (["BÁO CÁO Kết quả CCHC quý III năm 2024"], Period.Q3, 2024),
        (["BÁO CÁO: KẾT QUẢ CÔNG TÁC CCHC 9 THÁNG NĂM 2024"], Period.M9, 2024),
        (["BÁO CÁO", "Kết quả CCHC Quý 3/2024"], Period.Q3, 2024),
        (
            ["BÁO CÁO", "Kết quả thực hiện Kế hoạch cải cách hành chính năm 2024 (quý III)"],
            Period.Q3,
            2024,
        ),
        (
            ["BÁO CÁO", "Tình hình thực hiện Kế hoạch CCHC năm 2024 trong 6 tháng đầu năm 2024"],
            Period.H1,
            2024,
        ),
        (["BÁO CÁO", "Công tác cải cách hành chính năm 2024"], Period.YEAR, 2024),
    ],
)
def test_the_period_is_the_titles_most_specific(
    title: list[str], period: Period, year: int
) -> None:
    report, warnings = read(word_parts([*HEAD, *title], PL2))
    assert (report.info.period, report.info.year) == (period, year)
    assert not [w for w in warnings if "period" in w.en]


def test_a_period_read_without_a_title_is_warned() -> None:
    report, warnings = read(word_parts([*HEAD, "Kết quả CCHC quý III năm 2024"], PL2))
    assert (report.info.period, report.info.year) == (Period.Q3, 2024)
    assert any("no title after 'BÁO CÁO'; the period 'quý III'" in w.en for w in warnings)


def test_the_period_is_never_read_from_the_date_or_number_line() -> None:
    with pytest.raises(ReportFormatError) as info:
        read(word_parts([*HEAD, "Số: 12/2024/BC-UBND"], PL2))
    assert "--info period=" in str(info.value)
    report, _ = read(word_parts(HEAD, PL2), info={"period": "q3", "year": 2024})
    assert report.info.period is Period.Q3


@pytest.mark.parametrize("written", ["ngày 01/10/2024", "01/10/2024", "ngày 1/10/2024"])
def test_a_date_of_issue_written_short_is_read_with_a_warning(written: str) -> None:
    head = ("UBND XÃ HƯƠNG SƠN", "Số: 7/BC-UBND", f"Hương Sơn, {written}")
    report, warnings = read(word_parts([*head, "BÁO CÁO", "Kết quả CCHC quý III năm 2024"], PL2))
    assert (report.info.place, report.info.date) == ("Hương Sơn", dt.date(2024, 10, 1))
    said = [w for w in warnings if "Nghị định 30/2020" in w.en]
    assert len(said) == 1
    assert said[0].value == f"Hương Sơn, {written}"
    assert "'Hương Sơn, ngày 01 tháng 10 năm 2024'" in said[0].en


def test_a_short_date_below_the_title_is_no_date_of_issue() -> None:
    # a sentence of the body, not the header's date line: left alone, the date is not read
    body = (
        *HEAD[:2],
        "BÁO CÁO",
        "Kết quả CCHC quý III năm 2024",
        "Hội nghị sơ kết, ngày 15/3/2024",
    )
    report, warnings = read(word_parts(body, PL2))
    assert (report.info.place, report.info.date) == (None, None)
    assert not [w for w in warnings if "Nghị định 30/2020" in w.en]


@pytest.mark.parametrize("line", ["V/v báo cáo, 01/10/2024", "Báo cáo 6 tháng, 01/10/2024"])
def test_a_header_line_ending_with_a_short_date_is_no_place(line: str) -> None:
    head = ("UBND XÃ HƯƠNG SƠN", "Số: 7/BC-UBND", line)
    report, warnings = read(word_parts([*head, "BÁO CÁO", "Kết quả CCHC quý III năm 2024"], PL2))
    assert (report.info.place, report.info.date) == (None, None)
    assert not [w for w in warnings if "Nghị định 30/2020" in w.en]


def test_a_place_date_line_in_the_long_form_wins_over_a_short_one() -> None:
    head = (
        "UBND XÃ HƯƠNG SƠN",
        "Hương Sơn, 01/10/2024",
        "Số: 7/BC-UBND",
        "Hương Sơn, ngày 02 tháng 10 năm 2024",
    )
    report, warnings = read(word_parts([*head, "BÁO CÁO", "Kết quả CCHC quý III năm 2024"], PL2))
    assert report.info.date == dt.date(2024, 10, 2)
    assert not [w for w in warnings if "Nghị định 30/2020" in w.en]


# --- F2: a cell merged across columns is one cell; codes as people mistype them ----------------

PL4_ROWS = [
    HEADER,
    ("1.", "Thống kê TTHC", "", "", ""),
    ("1.4.", "Tổng số TTHC thuộc thẩm quyền giải quyết tại địa phương", "Thủ tục", "137", ""),
    ("3.", "Kết quả giải quyết TTHC", "", "", ""),
    ("3.3.1", "Số hồ sơ đã giải quyết", "Hồ sơ", "276", ""),
]


def _merged(rows: Sequence[Sequence[str]], merges: Sequence[tuple[int, int, int]]) -> bytes:
    """A PL4 table whose rows ``(row, first, last)`` are merged across those columns."""
    document: Any = docx.Document()
    for text in BODY:
        document.add_paragraph(text)
    document.add_paragraph("Phụ lục 4")
    table = document.add_table(rows=len(rows), cols=5)
    for r, first, last in merges:
        table.cell(r, first).merge(table.cell(r, last))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            if text:
                table.cell(r, c).text = text
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def test_a_heading_title_merged_over_the_value_columns_holds_no_value() -> None:
    report, warnings = read(_merged(PL4_ROWS, [(1, 1, 4), (3, 1, 4)]))
    assert (report["PL4"]["1.4"], report["PL4"]["3.3.1"]) == (137, 276)
    assert not [w for w in warnings if "PL4" in w.en or "cells" in w.en]


def test_a_heading_typed_in_one_cell_over_the_whole_row() -> None:
    rows = [list(row) for row in PL4_ROWS]
    rows[1], rows[3] = (
        ["1. Thống kê TTHC", "", "", "", ""],
        ["3. KẾT QUẢ GIẢI QUYẾT TTHC"] + [""] * 4,
    )
    report, warnings = read(_merged(rows, [(1, 0, 4), (3, 0, 4)]))
    assert (report["PL4"]["1.4"], report["PL4"]["3.3.1"]) == (137, 276)
    assert not [w for w in warnings if "tabs" in w.en or "STT" in w.en]


def test_html_colspan_is_one_cell() -> None:
    rows = "".join(
        "<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in PL4_ROWS[2:3]
    )
    page = (
        "<html><body><p>UBND XÃ HƯƠNG SƠN</p><p>Phụ lục 4</p><table><tr>"
        + "".join(f"<th>{c}</th>" for c in HEADER)
        + "</tr><tr><td><b>1.</b></td><td colspan=4><b>Thống kê TTHC</b></td></tr>"
        + rows
        + "</table></body></html>"
    )
    report, _ = read(page.encode(), "html", info={"level": "commune", "period": "h1", "year": 2024})
    assert report["PL4"]["1.4"] == 137


@pytest.mark.parametrize("code", ["1. 4", "1,4", "1.4)", "(1.4)", "1. 4."])
def test_a_mistyped_code_is_read_with_a_warning(code: str) -> None:
    rows = [list(row) for row in PL4_ROWS]
    rows[2][0] = code
    report, warnings = read(_merged(rows, []))
    assert report["PL4"]["1.4"] == 137
    assert any(f"the code {code!r} is read as '1.4'" in w.en for w in warnings)


def test_a_word_cell_holding_more_than_the_code_gets_word_advice() -> None:
    rows = [list(row) for row in PL4_ROWS]
    rows.append(["3.3.2 Số hồ sơ đúng hạn", "Số hồ sơ đúng hạn", "Hồ sơ", "270", ""])
    _, warnings = read(_merged(rows, []))
    shown = " ".join(w.en for w in warnings)
    assert "its STT cell holds more than the code (put only the code in it)" in shown
    assert "tabs" not in shown


# --- F13: the issuing agency is the header block's last line ----------------------------------

TITLE = (
    "Số: 55/BC-TTr",
    "Quảng Trị, ngày 10 tháng 12 năm 2024",
    "BÁO CÁO",
    "Công tác CCHC năm 2024",
)


@pytest.mark.parametrize(
    ("header", "agency"),
    [
        (("UBND TỈNH QUẢNG TRỊ", "THANH TRA TỈNH"), "Thanh tra tỉnh Quảng Trị"),
        (("UBND TỈNH QUẢNG TRỊ", "VĂN PHÒNG"), "Văn phòng UBND tỉnh Quảng Trị"),
        (
            ("UBND TỈNH QUẢNG TRỊ", "BAN QUẢN LÝ KHU KINH TẾ"),
            "Ban quản lý khu kinh tế tỉnh Quảng Trị",
        ),
        (("UBND TỈNH QUẢNG TRỊ", "SỞ NỘI VỤ"), "Sở Nội vụ tỉnh Quảng Trị"),
    ],
)
def test_a_provinces_department_is_the_issuer_not_the_province(
    header: tuple[str, str], agency: str
) -> None:
    report, _ = read(word_parts([*header, *TITLE], PL2))
    assert (report.info.agency, report.info.level) == (agency, AdminLevel.DEPARTMENT)


def test_an_issuer_that_cannot_be_told_is_asked_for() -> None:
    data = word_parts(("UBND HUYỆN NAM ĐÔNG", "PHÒNG NỘI VỤ", *TITLE), PL2)
    shown = _problems(data)
    assert "the header names the issuing agency 'PHÒNG NỘI VỤ' (paragraph 2)" in shown
    assert '--info "agency=Phòng nội vụ …" --info level=department' in shown
    assert "UBND huyện" not in shown
    report, _ = read(data, info={"agency": "Phòng Nội vụ huyện Nam Đông", "level": "department"})
    assert report.info.agency == "Phòng Nội vụ huyện Nam Đông"


@pytest.mark.parametrize("council", ["HĐND - UBND", "HĐND – UBND", "HĐND/UBND"])
def test_a_commune_header_with_its_council(council: str) -> None:
    report, _ = read(word_parts((council, "XÃ HƯƠNG SƠN", *TITLE), PL2))
    assert (report.info.agency, report.info.level) == ("UBND xã Hương Sơn", AdminLevel.COMMUNE)


def test_the_national_motto_beside_the_agency_is_not_the_issuer() -> None:
    header = ("ỦY BAN NHÂN DÂN", "XÃ HƯƠNG SƠN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    report, _ = read(word_parts((*header, "Độc lập - Tự do - Hạnh phúc", *TITLE), PL2))
    assert report.info.agency == "UBND xã Hương Sơn"


# --- F3: headings with their title; a form's table with no heading -----------------------------


@pytest.mark.parametrize(
    "heading",
    [
        "Phụ lục 2:",
        "Phụ lục 2. BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CCHC",
        "Phụ lục 2 - Biểu mẫu thống kê số liệu báo cáo công tác chỉ đạo điều hành CCHC",
        "PHỤ LỤC II: BIỂU MẪU THỐNG KÊ",
        "Phụ lục số 02 – Biểu mẫu",
    ],
)
def test_a_heading_with_its_title_on_the_line(heading: str) -> None:
    report, _ = read(word_parts(BODY, ([heading], [HEADER, PL2_ROW])))
    assert report["PL2"]["1"] == 13


def test_a_sentence_naming_an_appendix_is_not_a_heading() -> None:
    body = [*BODY, "Phụ lục 2 kèm theo báo cáo này gồm các chỉ tiêu sau"]
    report, _ = read(word_parts(body, (["Phụ lục 2"], [HEADER, PL2_ROW])))
    assert report["PL2"]["1"] == 13


def test_headings_listed_in_the_body_before_the_appendices() -> None:
    listed = ["Phụ lục 2: Biểu mẫu chỉ đạo điều hành", "Phụ lục 8: Biểu mẫu chính quyền số"]
    data = word_parts(
        BODY, *listed, (["Phụ lục 2"], [HEADER, PL2_ROW]), (["Phụ lục 8"], [HEADER, PL8_ROW])
    )
    report, _ = read(data)
    assert (report["PL2"]["1"], report["PL8"]["6.4"]) == (13, Decimal("70.1"))


def test_a_forms_table_without_a_heading_is_named() -> None:
    shown = _problems(word_parts(BODY, (["Biểu số 2"], [HEADER, PL2_ROW])))
    assert "table 1, row 1: this table has the columns of an appendix ('STT | Chỉ tiêu" in shown
    assert "no appendix table" not in shown


# --- F15: STT numbers made by Word's list numbering ------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MULTILEVEL = (
    f'<w:abstractNum xmlns:w="{_W}" w:abstractNumId="90">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%1.%2."/></w:lvl></w:abstractNum>'
)


def _numbered(rows: Sequence[tuple[int | None, Sequence[str]]]) -> bytes:
    """A PL4 table whose STT cells are numbered by a multilevel list at the given levels."""
    document: Any = docx.Document()
    for text in BODY:
        document.add_paragraph(text)
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(MULTILEVEL))
    numbering.append(
        parse_xml(f'<w:num xmlns:w="{_W}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )
    document.add_paragraph("Phụ lục 4")
    table = document.add_table(rows=len(rows) + 1, cols=5)
    for c, text in enumerate(HEADER):
        table.cell(0, c).text = text
    for r, (level, cells) in enumerate(rows, start=1):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
        if level is not None:
            paragraph = table.cell(r, 0).paragraphs[0]
            paragraph._p.get_or_add_pPr().insert(
                0,
                parse_xml(
                    f'<w:numPr xmlns:w="{_W}"><w:ilvl w:val="{level}"/>'
                    '<w:numId w:val="90"/></w:numPr>'
                ),
            )
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def test_stt_numbers_of_a_multilevel_list_are_read_as_word_shows_them() -> None:
    rows = [
        (0, ("", "Thống kê TTHC", "", "", "")),
        (1, ("", "Số TTHC tiếp nhận", "Thủ tục", "", "")),
        (1, ("", "Số TTHC công bố", "Thủ tục", "", "")),
        (1, ("", "Số TTHC bãi bỏ", "Thủ tục", "", "")),
        (1, ("", "Tổng số TTHC thuộc thẩm quyền", "Thủ tục", "137", "")),
    ]
    report, warnings = read(_numbered(rows))
    assert report["PL4"]["1.4"] == 137
    assert any("Word's automatic numbering (1., 1.1., 1.2., 1.3., …)" in w.en for w in warnings)


def test_numbers_that_do_not_fit_the_form_are_explained_in_the_error() -> None:
    rows = [(0, ("", "Thống kê TTHC", "", "", "")), (0, ("", "Tổng số TTHC", "Thủ tục", "137", ""))]
    shown = _problems(_numbered(rows))
    assert "table 1: numbers made by Word's automatic numbering (1., 2.)" in shown
    assert "gõ lại số vào ô STT" in shown


# --- F6: Markdown pipe tables without their outer pipes ---------------------------------------


@pytest.mark.parametrize("note", ["", " |", " | đã rà soát"])
def test_a_markdown_table_without_outer_pipes(note: str) -> None:
    text = "\n".join(
        [
            *BODY,
            "",
            "Phụ lục 8",
            "",
            " | ".join(HEADER),
            ":--- | --- | :---: | ---: | ---",
            f"6.4. | Tỷ lệ hồ sơ TTHC được tiếp nhận trực tuyến | % | 70,1{note}",
            f"6.4.1 | Tổng số hồ sơ TTHC đã tiếp nhận | Hồ sơ | 281{note}",
            "",
            "Một dòng văn bản | có dấu gạch đứng nhưng không phải bảng",
        ]
    )
    report, warnings = read(text.encode(), "text")
    assert (report["PL8"]["6.4"], report["PL8"]["6.4.1"]) == (Decimal("70.1"), 281)
    assert not [w for w in warnings if "tabs" in w.en]
