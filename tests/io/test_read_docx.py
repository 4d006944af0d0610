"""Reading Word reports as units file them: tables laid out by hand, the body's metadata."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs
import docx
import pytest
from docx.document import Document
from docx.shared import Pt

from cchc_model import (
    AdminLevel,
    MissingExtraError,
    Period,
    ReportFormatError,
    ReportInfo,
    YesNo,
    edition,
    example,
    read,
    render,
)
from cchc_model._io import archive
from zips import rezip

HEADER_TWO_ROWS = "two rows"
"""STT / Chỉ tiêu / Ghi chú merged down, Kết quả thống kê merged over unit and value."""

ROWS = [
    ("1.", "Số văn bản chỉ đạo CCHC đã ban hành", "Văn bản", "13", ""),
    ("2", "Tỷ lệ hoàn thành Kế hoạch CCHC năm", "%", "78,94", "Lũy kế"),
    ("2.1.", "Số nhiệm vụ đề ra trong kế hoạch", "Nhiệm vụ", "19", ""),
    ("2.2", "Số nhiệm vụ đã hoàn thành", "Nhiệm vụ", "15", ""),
    ("", "", "", "", ""),
    ("3.", "Kiểm tra CCHC", "", "", ""),
    ("3.1", "Số sở, ngành đã kiểm tra", "Cơ quan, đơn vị", "", ""),
    ("7.", "Khảo sát sự hài lòng của người dân, tổ chức", "Có = 1; Không = 0", "1", ""),
    ("7.1.", "Số lượng phiếu khảo sát", "Số lượng", "1.276", ""),
]
PL7_ROWS = [
    ("1.", edition().indicator("PL7", "1").title, "%", "99,5", ""),
    ("1.1.", edition().indicator("PL7", "1.1").title, "Triệu đồng", "1.234,5", ""),
    ("1.2.", edition().indicator("PL7", "1.2").title, "Triệu đồng", "1.228,33", ""),
]
PL2_TITLE = edition().spec("PL2").title


def _cell(cell: Any, text: str, *, bold: bool = False, italic: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    for number, line in enumerate(text.split("\n")):
        run = paragraph.add_run(line)
        run.bold, run.italic = bold or None, italic or None
        if number < len(text.split("\n")) - 1:
            run.add_break()


def _body(
    document: Document, *, agency: tuple[str, str] = ("ỦY BAN NHÂN DÂN", "XÃ THƯỢNG LỘ")
) -> None:
    block = document.add_table(rows=2, cols=2)
    _cell(block.cell(0, 0), "\n".join(agency), bold=True)
    _cell(block.cell(0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc")
    _cell(block.cell(1, 0), "Số: 25/BC-UBND")
    _cell(block.cell(1, 1), "Thượng Lộ, ngày 16 tháng 12 năm 2024", italic=True)
    document.add_paragraph()
    document.add_paragraph().add_run("BÁO CÁO").bold = True
    title = document.add_paragraph()
    title.add_run("Kết quả công tác cải cách hành chính ").bold = True
    title.add_run("năm 2024").bold = True
    document.add_paragraph("Kính gửi: Ủy ban nhân dân huyện Nam Đông")
    document.add_paragraph("Thực hiện Kế hoạch số 12/KH-UBND, UBND xã báo cáo như sau:")
    unrelated = document.add_table(rows=3, cols=3)
    for r, cells in enumerate(
        [("STT", "Nội dung", "Kết quả"), ("1", "Hội nghị", "2"), ("2", "Tập huấn", "3")]
    ):
        for c, text in enumerate(cells):
            _cell(unrelated.cell(r, c), text)
    document.add_paragraph(
        "Trên đây là báo cáo kết quả công tác CCHC năm 2024 của UBND xã Thượng Lộ./."
    )
    document.add_paragraph().add_run("TM. ỦY BAN NHÂN DÂN").bold = True
    document.add_paragraph().add_run("CHỦ TỊCH").bold = True
    document.add_paragraph()
    document.add_paragraph().add_run("Nguyễn Văn An").bold = True


def _appendix(
    document: Document,
    number: int,
    title: str,
    rows: Sequence[tuple[str, ...]],
    *,
    layout: str = HEADER_TWO_ROWS,
    columns: tuple[int, ...] = (0, 1, 2, 3, 4),
    extra: tuple[str, ...] = (),
) -> None:
    document.add_paragraph().add_run(f"PHỤ LỤC {number}").bold = True
    document.add_paragraph().add_run(title).bold = True
    document.add_paragraph().add_run(
        "(Kèm theo Báo cáo số 25/BC-UBND ngày 16/12/2024 của UBND xã Thượng Lộ)"
    ).italic = True
    names = ("STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu", "Ghi chú")
    if layout == HEADER_TWO_ROWS:
        table = document.add_table(rows=2 + len(rows), cols=5)
        _cell(table.cell(0, 0), "STT", bold=True)
        _cell(
            table.cell(0, 1),
            "Chỉ tiêu thống kê\n(Sử dụng trong kỳ báo cáo hàng quý, 6 tháng, năm)",
            bold=True,
        )
        _cell(table.cell(0, 2), "Kết quả thống kê", bold=True)
        _cell(table.cell(0, 4), "Ghi chú", bold=True)
        _cell(table.cell(1, 2), "Đơn vị tính", bold=True)
        _cell(table.cell(1, 3), "Số liệu", bold=True)
        table.cell(0, 0).merge(table.cell(1, 0))
        table.cell(0, 1).merge(table.cell(1, 1))
        table.cell(0, 2).merge(table.cell(0, 3))
        table.cell(0, 4).merge(table.cell(1, 4))
        first = 2
    else:
        header = [names[i] for i in columns] + list(extra)
        table = document.add_table(rows=1 + len(rows), cols=len(header))
        for c, text in enumerate(header):
            _cell(table.cell(0, c), text, bold=True)
        first = 1
    for r, row in enumerate(rows):
        cells = [row[i] for i in columns] + ["+2" for _ in extra]
        for c, text in enumerate(cells):
            group = not row[0].count(".") or (row[0].endswith(".") and row[0].count(".") == 1)
            _cell(table.cell(first + r, c), text, bold=group and c == 1, italic=c == 2)
    table.style = "Table Grid"


def _save(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _report(layout: str = HEADER_TWO_ROWS, **options: Any) -> bytes:
    document = docx.Document()
    document.styles["Normal"].font.size = Pt(13)
    _body(document)
    _appendix(
        document,
        2,
        PL2_TITLE,
        ROWS,
        layout=layout,
        **options,
    )
    document.add_page_break()  # type: ignore[no-untyped-call]  # python-docx has no hints
    _appendix(
        document,
        7,
        edition().spec("PL7").title,
        PL7_ROWS,
        layout=layout,
        **options,
    )
    return _save(document)


EXPECTED_INFO = ReportInfo(
    agency="UBND xã Thượng Lộ",
    level=AdminLevel.COMMUNE,
    period=Period.YEAR,
    year=2024,
    place="Thượng Lộ",
    number="25/BC-UBND",
    date=dt.date(2024, 12, 16),
    recipient="Ủy ban nhân dân huyện Nam Đông",
    signer="Nguyễn Văn An",
    signer_title="TM. ỦY BAN NHÂN DÂN, CHỦ TỊCH",
    district="Nam Đông",
)


def _check_values(data: bytes) -> tuple[Any, ...]:
    report, warnings = read(data, "docx")
    assert report.info == EXPECTED_INFO
    assert report.pl2 is not None
    assert report.pl2.filled() == {
        "1": 13,
        "2": Decimal("78.94"),
        "2.1": 19,
        "2.2": 15,
        "7": YesNo.YES,
        "7.1": 1276,
    }
    assert report.pl2.notes == {"2": "Lũy kế"}
    assert str(report.value("PL7", "1.1")) == "1234.5"
    assert str(report.value("PL7", "1.2")) == "1228.33"
    assert report.value("PL7", "1") == Decimal("99.5")
    return warnings


@pytest.mark.parametrize(
    "options",
    [
        {"layout": HEADER_TWO_ROWS},
        {"layout": "one row"},
        {"layout": "one row", "extra": ("Kỳ trước", "Số liệu kỳ trước")},
        {"layout": "one row", "columns": (1, 0, 3, 2, 4)},
        {"layout": "one row", "columns": (0, 1, 3, 4)},
    ],
    ids=["merged two-row header", "one-row header", "extra columns", "other order", "no unit"],
)
def test_layouts_read_to_the_same_report(options: dict[str, Any]) -> None:
    warnings = _check_values(_report(**options))
    messages = [w.message("en") for w in warnings]
    assert messages[0].startswith(
        "table 2, row 2: a table before any appendix heading ('Phụ lục N'), not read"
    )
    # titles shortened from the form's are fine; nothing else is doubted
    assert len(messages) == 1, messages


def test_the_libraries_own_render_reads_back() -> None:
    report = example()
    back, warnings = read(render(report, "docx"))
    assert back == report
    assert [w.code for w in warnings] == ["1.1", "1.2"]  # "3,887" triệu đồng: 3.887 or 3887?


# --- the metadata the Word render carries in its custom properties ----------------------

NOT_IN_THE_TEXT = ("place", "recipient", "signer", "signer_title", "province", "district")
"""The fields the appendices alone (their *Kèm theo* lines, their titles) do not say."""
BLANK: dict[str, Any] = dict.fromkeys(NOT_IN_THE_TEXT)
_CUSTOM = "docProps/custom.xml"
_RELATION = re.compile(rb'<Relationship [^>]*relationships/custom-properties"[^>]*/>')


def _custom(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive_:
        return archive_.read(_CUSTOM)


def _property(data: bytes, name: str, value: str) -> bytes:
    """The Word file ``data`` with its custom property ``name`` set to ``value``."""
    custom, count = re.subn(
        rf'(name="{name}"><vt:lpwstr>)[^<]*(</vt:lpwstr>)'.encode(),
        rb"\g<1>" + value.encode() + rb"\g<2>",
        _custom(data),
    )
    assert count == 1, name
    return rezip(data, {_CUSTOM: custom})


def test_the_render_carries_every_field_in_custom_properties() -> None:
    custom = _custom(render(example(), "docx")).decode()
    assert 'name="cchc:format"><vt:lpwstr>cchc-report<' in custom
    assert 'name="cchc:period"><vt:lpwstr>h1<' in custom
    assert 'name="cchc:signer_title"><vt:lpwstr>TM. ỦY BAN NHÂN DÂN, CHỦ TỊCH<' in custom
    assert "cchc:unit_code" not in custom  # blank: not carried
    document = docx.Document(io.BytesIO(render(example(), "docx")))
    titles = [p.text for p in document.paragraphs if p.text.startswith("BIỂU MẪU")]
    assert len(titles) == 7
    assert all(title.endswith(" 6 THÁNG ĐẦU NĂM 2024") for title in titles)


def test_without_its_custom_properties_the_visible_text_and_info_are_read() -> None:
    data = render(example(), "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive_:
        relations = archive_.read("_rels/.rels")
    removed = rezip(data, {"_rels/.rels": _RELATION.sub(b"", relations)})
    report, warnings = read(removed)
    # the title says the period and the year, the Kèm theo lines the agency (hence the
    # level), the number and the date; the rest is not in the text
    expected = attrs.evolve(example().info, **BLANK)
    assert report.info == expected
    assert [w.code for w in warnings] == ["1.1", "1.2"]
    info = {key: getattr(example().info, key) for key in NOT_IN_THE_TEXT}
    report, _ = read(removed, info=info)
    assert report == example()
    emptied = rezip(data, {_CUSTOM: re.sub(rb"<property .*</property>", b"", _custom(data))})
    assert read(emptied).report.info == expected  # all of them deleted in Word


def test_custom_properties_disagreeing_with_the_text_give_way_with_a_warning() -> None:
    data = _property(render(example(), "docx"), "cchc:period", "q1")
    data = _property(data, "cchc:number", "99/BC-UBND")
    report, warnings = read(data)
    assert report == example()
    messages = [w.message("en") for w in warnings if w.template is None]
    assert messages == [
        (
            "docProps/custom.xml, cchc:period: period: the document's properties say 'q1', its"
            " text (paragraph 2) says '6 tháng đầu năm'; the text is read"
        ),
        (
            "docProps/custom.xml, cchc:number: number: the document's properties say"
            " '99/BC-UBND', its text (paragraph 3) says '341/BC-UBND'; the text is read"
        ),
    ]


def test_custom_properties_of_another_kind_are_not_read() -> None:
    data = _property(render(example(), "docx"), "cchc:version", "7")
    report, warnings = read(data)
    assert report.info.recipient is None
    assert warnings[0].message("en") == (
        "docProps/custom.xml: the document's properties are no cchc-report record of"
        " version 1 (cchc:format 'cchc-report', cchc:version '7'); they are not read"
    )


def test_custom_properties_that_are_hostile_or_damaged_are_refused() -> None:
    data = render(example(), "docx")
    entity = b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaa">]><Properties/>'
    with pytest.raises(ReportFormatError, match="declares a document type"):
        read(rezip(data, {_CUSTOM: entity}))
    with pytest.raises(ReportFormatError, match="the Word document cannot be read"):
        read(rezip(data, {_CUSTOM: b"<Properties><property"}))
    again = b'<property name="cchc:year"><vt:lpwstr xmlns:vt="x">2020</vt:lpwstr></property>'
    twice = _custom(data).replace(b"</Properties>", again + b"</Properties>")
    with pytest.raises(ReportFormatError, match="the report field 'year' is given twice"):
        read(rezip(data, {_CUSTOM: twice}))


def test_doubtful_cells_are_warned_as_in_every_reader() -> None:
    rows = [
        ("1.", "Số văn bản chỉ đạo CCHC đã ban hành", "Văn bản", "013", ""),
        ("2", "Tỷ lệ hoàn thành Kế hoạch CCHC năm", "%", "78,94%", ""),
        ("2.1", "Số nhiệm vụ đề ra trong kế hoạch", "Nhiệm vụ", "19%", ""),
        ("7.", "Khảo sát sự hài lòng", "Có = 1; Không = 0", "Có", ""),
        ("9.", "Một dòng không có", "", "1", ""),
        ("Ghi chú: số liệu tạm tính", "", "", "", ""),
    ]
    document = docx.Document()
    _body(document)
    _appendix(document, 2, PL2_TITLE, rows)
    with pytest.raises(ReportFormatError) as info:
        read(_save(document), "docx")
    assert [p.message("en") for p in info.value.problems] == [
        (
            "table 3, row 5: PL2 2.1: '19%' is not a number as Vietnamese documents write it"
            " ('1.234,5')"
        ),
        "table 3, row 7: PL2 has no indicator '9'",
    ]
    rows = rows[:2] + rows[3:4] + rows[5:]
    document = docx.Document()
    _body(document)
    _appendix(document, 2, PL2_TITLE, rows)
    report, warnings = read(_save(document), "docx")
    assert report.value("PL2", "1") == 13
    assert [w.message("en") for w in warnings[1:]] == [
        "table 3, row 3: PL2 1: read '013' as 13 (a leading zero)",
        "table 3, row 5: PL2 7: read the label 'Có' as the code 1",
        (
            "table 3, row 6: a row without a code in its STT cell, ignored:"
            " 'Ghi chú: số liệu tạm tính'"
        ),
    ]


def test_a_document_without_appendix_values_is_an_error() -> None:
    document = docx.Document()
    _body(document)
    with pytest.raises(ReportFormatError) as info:
        read(_save(document), "docx")
    assert [p.path for p in info.value.problems] == ["file"]
    assert "no appendix table; expected the appendix tables" in str(info.value)
    assert "không có bảng phụ lục" in info.value.message("vi")
    document = docx.Document()
    _body(document)
    _appendix(document, 2, "BIỂU MẪU", [("1.", "Số văn bản", "Văn bản", "", "")])
    with pytest.raises(ReportFormatError, match="no value of any appendix could be read"):
        read(_save(document), "docx")


def test_rows_that_cannot_be_placed_are_an_error_quoting_the_first() -> None:
    document = docx.Document()
    _body(document)
    _appendix(
        document,
        2,
        "BIỂU MẪU",
        [("Một", "Số văn bản chỉ đạo", "Văn bản", "13", ""), ("Hai", "Tỷ lệ", "%", "5", "")],
    )
    with pytest.raises(ReportFormatError) as info:
        read(_save(document), "docx")
    assert info.value.problems[0].message("en") == (
        "table 3, row 3: no row of the table of PL2 could be read (a row without a code in"
        " its STT cell); the first is 'Một | Số văn bản chỉ đạo | Văn bản | 13'"
    )


def test_missing_metadata_is_asked_for_by_name() -> None:
    document = docx.Document()
    _appendix(document, 2, "BIỂU MẪU", ROWS)
    with pytest.raises(ReportFormatError) as info:
        read(_save(document), "docx")
    shown = str(info.value)
    assert (
        "report.period: the report's period is missing: the document does not say it;"
        " pass info={'period': 'h1'} (on the command line: --info period=h1)"
    ) in shown
    report, _ = read(_save(document), "docx", info={"period": "năm 2024"})
    assert (report.info.agency, report.info.period, report.info.year) == (
        "UBND xã Thượng Lộ",
        Period.YEAR,
        2024,
    )


@pytest.mark.parametrize(
    ("agency", "date", "expected", "level"),
    [
        (("ỦY BAN NHÂN DÂN", "PHƯỜNG THUẬN HÓA"), "1/10/2025", "UBND phường Thuận Hóa", "commune"),
        (("ỦY BAN NHÂN DÂN", "ĐẶC KHU PHÚ QUỐC"), "1/10/2025", "UBND đặc khu Phú Quốc", "commune"),
        (("UBND THÀNH PHỐ HUẾ",), "1/10/2025", "UBND thành phố Huế", "province"),
        (
            ("UBND TỈNH QUẢNG TRỊ", "SỞ NỘI VỤ"),
            "1/10/2025",
            "Sở Nội vụ tỉnh Quảng Trị",
            "department",
        ),
        (("UBND HUYỆN NAM ĐÔNG", "UBND XÃ HƯƠNG SƠN"), "1/6/2024", "UBND xã Hương Sơn", "commune"),
    ],
)
def test_agencies_before_and_after_the_reform(
    agency: tuple[str, ...], date: str, expected: str, level: str
) -> None:
    document = docx.Document()
    block = document.add_table(rows=1, cols=2)
    _cell(block.cell(0, 0), "\n".join(agency))
    _cell(block.cell(0, 1), f"Huế, ngày {date.replace('/', ' tháng ', 1).replace('/', ' năm ')}")
    document.add_paragraph("BÁO CÁO")
    document.add_paragraph("Kết quả công tác cải cách hành chính quý III năm 2025")
    _appendix(document, 2, "BIỂU MẪU", ROWS)
    report, _ = read(_save(document), "docx")
    assert (report.info.agency, report.info.level.value) == (expected, level)
    assert (report.info.period, report.info.year) == (Period.Q3, 2025)


def test_a_damaged_or_hostile_file_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ReportFormatError, match="not a Word document"):
        read(b"PK\x03\x04 not really", "docx")
    monkeypatch.setattr(archive, "MAX_UNCOMPRESSED", 10_000)
    with pytest.raises(ReportFormatError, match="unpacks to"):
        read(_report(), "docx")


def test_without_python_docx(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys  # noqa: PLC0415

    data = _report()
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(MissingExtraError, match="docx"):
        read(data)


def test_a_table_split_in_two_goes_on_in_its_columns() -> None:
    document = docx.Document()
    _body(document)
    _appendix(document, 2, PL2_TITLE, ROWS[:4], layout="one row", columns=(1, 0, 3, 2, 4))
    rest = document.add_table(rows=2, cols=5)  # after a page break, without its header
    for r, row in enumerate(ROWS[7:9]):
        for c, i in enumerate((1, 0, 3, 2, 4)):
            _cell(rest.cell(r, c), row[i])
    report, _ = read(_save(document), "docx")
    assert report.pl2 is not None
    assert report.pl2.filled() == {
        "1": 13,
        "2": Decimal("78.94"),
        "2.1": 19,
        "2.2": 15,
        "7": YesNo.YES,
        "7.1": 1276,
    }
