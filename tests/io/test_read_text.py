"""Reading text tables: the reference document reads as the bundled example."""

from __future__ import annotations

import codecs
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from cchc_model import (
    AdminLevel,
    Period,
    Problem,
    Report,
    ReportFormatError,
    YesNo,
    dumps,
    example,
    read,
    render,
    validate,
)

DATA = Path(__file__).parents[1] / "data"
TABLES = DATA / "huong-son-2024-h1-tables.md"
REFERENCE = Path(__file__).parents[3] / "shared" / "reference" / "huong-son-cchc-2024-h1.md"

HEAD = """Số: 12/BC-UBND

Hòa Bình, ngày 03 tháng 01 năm 2025

BÁO CÁO

Công tác cải cách hành chính {period}

Kính gửi: Ủy ban nhân dân huyện Kim Bôi

Trên đây là báo cáo của UBND xã Hòa Bình./.

**KT. CHỦ TỊCH
PHÓ CHỦ TỊCH**

**Nguyễn Văn A**

"""
PL2 = "Phụ lục 2\n\nSTT\tChỉ tiêu thống kê\tKết quả thống kê\t\tGhi chú\n"
ROW = "2.1\tSố nhiệm vụ đề ra trong kế hoạch\tNhiệm vụ\t19\t\n"


def _text(body: str, *, period: str = "năm 2024") -> bytes:
    return (HEAD.format(period=period) + body).encode("utf-8")


def _paths(problems: tuple[Problem, ...]) -> list[str]:
    return [p.path for p in problems]


def test_the_appendix_tables_read_as_the_example() -> None:
    report, warnings = read(TABLES, info={"province": "Thừa Thiên Huế"})
    assert dumps(report) == dumps(example())
    assert [(w.path, w.template, w.code) for w in warnings] == [
        ("line 99", "PL4", "2.1"),
        ("line 157", "PL6", "1.1"),
        ("line 182", "PL7", "1.1"),
        ("line 183", "PL7", "1.2"),
        ("line 26", None, None),
    ]
    assert warnings[0].en == "PL4 2.1: read '01' as 1 (a leading zero)"
    assert "if 3887 was meant, write '3.887'" in warnings[2].en
    assert warnings[4].en == (
        "the document names its agency only 'UBND xã'; read as 'UBND xã Hương Sơn'"
        " with the place of the date line"
    )


def test_without_the_province_everything_else_is_read() -> None:
    report, _ = read(TABLES)
    assert report.info.province is None
    assert report.info.district == "Nam Đông"
    assert report.templates == example().templates
    assert report.info.signer_title == "TM. ỦY BAN NHÂN DÂN, CHỦ TỊCH"


@pytest.mark.skipif(not REFERENCE.exists(), reason="the shared reference document is not here")
def test_the_whole_reference_document_reads_as_the_example() -> None:
    report, warnings = read(REFERENCE)
    assert dumps(report) == dumps(example())
    assert [w.code for w in warnings] == ["2.1", "1.1", "1.1", "1.2"]


def test_metadata_of_another_document() -> None:
    body = PL2 + "1.\tSố văn bản chỉ đạo\tVăn bản\t4\t\n"
    report, warnings = read(_text(body, period="Quý II năm 2025"), "text")
    info = report.info
    assert (info.number, info.place, info.date.isoformat() if info.date else None) == (
        "12/BC-UBND",
        "Hòa Bình",
        "2025-01-03",
    )
    assert (info.period, info.year, info.level) == (Period.Q2, 2025, AdminLevel.COMMUNE)
    assert (info.agency, info.recipient, info.district) == (
        "UBND xã Hòa Bình",
        "Ủy ban nhân dân huyện Kim Bôi",
        "Kim Bôi",
    )
    assert (info.signer_title, info.signer) == ("KT. CHỦ TỊCH, PHÓ CHỦ TỊCH", "Nguyễn Văn A")
    assert warnings == ()


@pytest.mark.parametrize(
    ("title", "period", "year"),
    [
        ("năm 2024", Period.YEAR, 2024),
        ("9 tháng đầu năm 2024", Period.M9, 2024),
        ("6 tháng cuối năm 2023", Period.H2, 2023),
        ("sáu tháng đầu năm 2024", Period.H1, 2024),
        ("quý 1 năm 2024", Period.Q1, 2024),
    ],
)
def test_the_period_is_read_from_the_title(title: str, period: Period, year: int) -> None:
    report, _ = read(_text(PL2 + "1.\t\t\t4\t\n", period=title), "text")
    assert (report.info.period, report.info.year) == (period, year)


def test_decomposed_text_crlf_and_utf16_read_the_same() -> None:
    body = PL2 + "1.\tSố văn bản\tVăn bản\t4\t\n2.\t\t%\t70,10\t\n"
    plain, _ = read(_text(body), "text")
    nfd = unicodedata.normalize("NFD", _text(body).decode()).replace("\n", "\r\n")
    assert read(nfd.encode(), "text").report == plain
    assert read(codecs.BOM_UTF16_LE + nfd.encode("utf-16-le"), "text").report == plain
    assert str(plain.value("PL2", "2")) == "70.10"


def test_what_the_document_says_otherwise_is_reported() -> None:
    body = (
        "Phụ lục 2\n\nBIỂU MẪU KHÁC HẲN\n\n"
        "(Kèm theo Báo cáo số: 13/BC-UBND ngày 3/1/2025 của UBND xã)\n\n"
        "STT\tChỉ tiêu\n"
        "1.\tMột tiêu đề khác hẳn\tNgười\t4\t\n"
        "\tdòng không mã\t\t\t\n"
    )
    _, warnings = read(_text(body), "text")
    assert _paths(warnings) == ["line 22", "line 18", "line 25", "line 25", "line 26"]
    shown = " ".join(w.en for w in warnings)
    assert "the title 'Một tiêu đề khác hẳn' is not the form's" in shown
    assert "the unit 'Người' is not the form's" in shown
    assert "a row without a code in its STT cell, ignored: 'dòng không mã'" in shown
    assert "attached to report '13/BC-UBND', not '12/BC-UBND'" in shown
    assert "the title of PL2 is not the form's" in shown


def test_what_cannot_be_read_is_listed_at_once() -> None:
    body = (
        "1.\tbefore any appendix\t\t1\t\n"
        "Phụ lục 9\n" + PL2 + "9.\tx\t\t1\t\n" + "2.1\tx\t\tnhiều\t\n" + PL2 + ROW
    )
    text = "Không có gì ở đây\n\n" + body
    with pytest.raises(ReportFormatError) as info:
        read(text.encode(), "text")
    problems = info.value.problems
    assert _paths(problems) == ["line 4", "line 8", "line 9", "line 10", "file"]
    shown = str(info.value)
    assert "unknown template 'PL9'" in shown
    assert "PL2 has no indicator '9'" in shown
    assert "'nhiều' is not a number" in shown
    assert "a second table of PL2 (the first is at line 5)" in shown
    assert "no value of any appendix could be read" in shown
    report, _ = read(
        (PL2 + "2.1\t\t\t19\t\n").encode(),
        "text",
        info={"agency": "UBND xã A", "level": "commune", "period": "h1", "year": 2024},
    )
    assert report.value("PL2", "2.1") == 19


def test_rows_before_the_appendices_are_not_read() -> None:
    text = HEAD.format(period="năm 2024") + "1.\tmột bảng trong thân văn bản\t\t1\t\n" + PL2 + ROW
    report, warnings = read(text.encode(), "text")
    assert report.pl2 is not None
    assert report.pl2.filled() == {"2.1": 19}
    assert [(w.path, w.en) for w in warnings] == [
        (
            "line 18",
            (
                "a table before any appendix heading ('Phụ lục N'), not read;"
                " its first row: '1. | một bảng trong thân văn bản | 1'"
            ),
        )
    ]


def test_no_table_at_all() -> None:
    with pytest.raises(ReportFormatError, match="no appendix table"):
        read(b"just a letter\n", "text")


def test_other_levels_of_agency() -> None:
    for agency, level in (
        ("Sở Nội vụ tỉnh Thừa Thiên Huế", AdminLevel.DEPARTMENT),
        ("UBND huyện Nam Đông", AdminLevel.DISTRICT),
        ("UBND tỉnh Thừa Thiên Huế", AdminLevel.PROVINCE),
    ):
        doc = HEAD.replace("UBND xã Hòa Bình", agency).format(period="năm 2024") + PL2 + ROW
        report: Report = read(doc.encode(), "text").report
        assert (report.info.agency, report.info.level) == (agency, level)


def test_a_city_is_left_to_the_caller() -> None:
    doc = HEAD.replace("UBND xã Hòa Bình", "UBND thành phố Huế").format(period="năm 2024")
    doc += PL2 + ROW
    with pytest.raises(ReportFormatError) as info:
        read(doc.encode(), "text")
    assert [p.path for p in info.value.problems] == ["report.level"]
    report = read(doc.encode(), "text", info={"level": AdminLevel.PROVINCE}).report
    assert (report.info.agency, report.info.level) == ("UBND thành phố Huế", AdminLevel.PROVINCE)


TYPED_MARKDOWN = """# Báo cáo công tác cải cách hành chính

Số: 7/BC-UBND

Phú Quốc, ngày 2 tháng 10 năm 2025

## BÁO CÁO

Kết quả công tác CCHC quý III năm 2025

Trên đây là báo cáo của UBND đặc khu Phú Quốc./.

### Phụ lục 2

| STT | Chỉ tiêu thống kê | Đơn vị tính | Số liệu | Ghi chú |
|:---:|---|:---:|---:|---|
| **1.** | **Số văn bản chỉ đạo CCHC đã ban hành** | Văn bản | 1.013 | |
| 2. | Tỷ lệ hoàn thành Kế hoạch CCHC năm | % | 78,94% | lũy kế \\| quý III |
| *2.1* | *Số nhiệm vụ đề ra trong kế hoạch* | Nhiệm vụ | 19 | |
| 7. | Khảo sát sự hài lòng | Có = 1; Không = 0 | 1 (Có) | |
"""


def test_a_markdown_table_typed_by_hand() -> None:
    report, warnings = read(TYPED_MARKDOWN.encode(), "text")
    info = report.info
    assert (info.agency, info.level, info.period, info.year, info.number) == (
        "UBND đặc khu Phú Quốc",
        AdminLevel.COMMUNE,
        Period.Q3,
        2025,
        "7/BC-UBND",
    )
    assert report.pl2 is not None
    assert report.pl2.filled() == {"1": 1013, "2": Decimal("78.94"), "2.1": 19, "7": YesNo.YES}
    assert report.pl2.notes == {"2": "lũy kế | quý III"}
    assert warnings == ()


PASTED = """UBND xã Hòa Bình báo cáo năm 2024

Phụ lục 2
STT   Chỉ tiêu thống kê                     Đơn vị tính   Số liệu   Ghi chú
1.    Số văn bản chỉ đạo CCHC đã ban hành   Văn bản       13
2.    Tỷ lệ hoàn thành Kế hoạch CCHC năm    %             78,94     lũy kế
2.1   Số nhiệm vụ đề ra trong kế hoạch      19
3.    Kiểm tra CCHC
2.2 Số nhiệm vụ đã hoàn thành 15
"""


def test_a_table_pasted_with_runs_of_spaces() -> None:
    report, warnings = read(
        PASTED.encode(), "text", info={"agency": "UBND xã Hòa Bình", "level": "commune"}
    )
    assert report.pl2 is not None
    assert report.pl2.filled() == {"1": 13, "2": Decimal("78.94"), "2.1": 19}
    assert report.pl2.notes == {"2": "lũy kế"}
    assert [w.message("en") for w in warnings] == [
        (
            "title: no title after 'BÁO CÁO'; the period 'năm 2024' was read from the first"
            " lines of the document: check it, or pass it (--info period=…)"
        ),
        (
            "line 9: its cells cannot be told apart (separate them with tabs, '|' or two"
            " spaces), ignored: '2.2 Số nhiệm vụ đã hoàn thành 15'"
        ),
    ]


def test_rows_none_of_which_can_be_read_are_an_error() -> None:
    text = "Phụ lục 2\n1. Số văn bản chỉ đạo 13\n2.1 Số nhiệm vụ đề ra 19\n"
    with pytest.raises(ReportFormatError) as info:
        read(text.encode(), "text", info={"agency": "UBND xã A", "level": "commune"})
    assert info.value.problems[0].message("en") == (
        "line 2: no row of the table of PL2 could be read (its cells cannot be told apart"
        " (separate them with tabs, '|' or two spaces)); the first is"
        " '1. Số văn bản chỉ đạo 13'"
    )


def test_the_text_render_with_its_findings_reads_back() -> None:
    report = example()
    text = render(report, "text", findings=validate(report))
    back, _ = read(text.encode(), "text")
    assert back == report


@pytest.mark.parametrize(
    ("agency", "date", "level"),
    [
        ("UBND phường Thuận Hóa", "ngày 2 tháng 10 năm 2025", AdminLevel.COMMUNE),
        ("UBND đặc khu Côn Đảo", "ngày 2 tháng 10 năm 2025", AdminLevel.COMMUNE),
        ("UBND thành phố Hà Nội", "ngày 2 tháng 10 năm 2025", AdminLevel.PROVINCE),
        ("UBND tỉnh Quảng Trị", "ngày 2 tháng 10 năm 2025", AdminLevel.PROVINCE),
        ("UBND thị trấn Khe Tre", "ngày 2 tháng 1 năm 2025", AdminLevel.COMMUNE),
        ("UBND thị xã Hương Trà", "ngày 2 tháng 1 năm 2025", AdminLevel.DISTRICT),
    ],
)
def test_agencies_of_every_kind(agency: str, date: str, level: AdminLevel) -> None:
    doc = HEAD.replace("UBND xã Hòa Bình", agency).replace("ngày 03 tháng 01 năm 2025", date)
    report = read((doc.format(period="quý III năm 2025") + PL2 + ROW).encode(), "text").report
    assert (report.info.agency, report.info.level) == (agency, level)


def test_hostile_lines_are_read_in_linear_time_or_refused() -> None:
    # every pattern runs on bounded lines; these read (or are refused) at once
    for text in (
        "Trên đây là " + "của " * 50_000,
        "Phụ lục 2\n" + "|" * 100_000,
        "STT\n" + "--- " * 50_000,
        "<" * 100_000 + "\n" + "\\" * 100_000,
        "Phụ lục 2\n(Kèm theo Báo cáo số" + " ngày" * 50_000,
        "Phụ lục 2\n2.  x  %  " + "1 (" * 50_000,
    ):
        with pytest.raises(ReportFormatError):
            read(text.encode(), "text")


INFO = {"agency": "UBND xã A", "level": "commune", "period": "h1", "year": 2024}


@pytest.mark.parametrize("mark", ["-", "x", "X", "\u2014", "\u2013"])
def test_a_dash_for_no_figure_is_refused_with_a_hint(mark: str) -> None:
    # neither blank nor 0 is guessed: the unit says which it means
    body = PL2 + f"2.1\tSố nhiệm vụ\tNhiệm vụ\t{mark}\t\n2.2\tĐã hoàn thành\tNhiệm vụ\t15\t\n"
    with pytest.raises(ReportFormatError) as info:
        read(body.encode(), "text", info=INFO)
    (problem,) = [p for p in info.value.problems if p.code == "2.1"]
    assert f"{mark!r} is not a number" in problem.en
    assert "leave the cell empty if there is no figure, or write 0" in problem.en
    assert "để trống ô nếu không có số liệu, hoặc ghi 0" in problem.message("vi")


def test_a_code_row_names_its_codes_in_the_template_order() -> None:
    # PL2 8 writes "Không = 0; Có = 1", PL2 7 "Có = 1; Không = 0"
    body = PL2 + "7.\tKhảo sát\t\t-\t\n8.\tCó ứng dụng\t\tcó lẽ\t\n"
    with pytest.raises(ReportFormatError) as info:
        read(body.encode(), "text", info=INFO)
    shown = {p.code: p.en for p in info.value.problems if p.code}
    assert "expected a code (Có = 1; Không = 0), got '-'" in shown["7"]
    assert "leave the cell empty if there is no figure, or write 0" in shown["7"]
    assert "expected a code (Không = 0; Có = 1), got 'có lẽ'" in shown["8"]
