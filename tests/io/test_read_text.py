"""Reading text tables: the reference document reads as the bundled example."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pytest

from cchc_model import AdminLevel, Period, Problem, Report, ReportFormatError, dumps, example, read

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
        "1.\tMột tiêu đề khác hẳn\tNgười\t4\t\tthừa\n"
        "\tdòng không mã\t\t\t\n"
    )
    _, warnings = read(_text(body), "text")
    assert _paths(warnings) == ["line 22", "line 18", "line 25", "line 25", "line 25", "line 26"]
    shown = " ".join(w.en for w in warnings)
    assert "the title 'Một tiêu đề khác hẳn' is not the form's" in shown
    assert "the unit 'Người' is not the form's" in shown
    assert "more than 5 cells; the extra ones are ignored: 'thừa'" in shown
    assert "a row without a code in its STT cell, ignored: 'dòng không mã'" in shown
    assert "attached to report '13/BC-UBND', not '12/BC-UBND'" in shown
    assert "the title of PL2 is not the form's" in shown


def test_what_cannot_be_read_is_listed_at_once() -> None:
    body = (
        "1.\tbefore any appendix\t\t1\t\n"
        "Phụ lục 9\n" + PL2 + "9.\tx\t\t1\t\n" + "2.1\tx\t\tnhiều\t\n" + "Phụ lục 2\n"
    )
    text = "Không có gì ở đây\n\n" + body
    with pytest.raises(ReportFormatError) as info:
        read(text.encode(), "text")
    problems = info.value.problems
    assert _paths(problems) == [
        "line 4",
        "line 8",
        "line 9",
        "line 10",
        "report.agency",
        "report.level",
        "report.period",
        "report.year",
    ]
    shown = str(info.value)
    assert "unknown template 'PL9'" in shown
    assert "PL2 has no indicator '9'" in shown
    assert "'nhiều' is not a number" in shown
    assert "a second table of PL2 (the first is at line 5)" in shown
    assert "the document does not say it; pass info={...}" in shown
    report, _ = read(
        (PL2 + "2.1\t\t\t19\t\n").encode(),
        "text",
        info={"agency": "UBND xã A", "level": "commune", "period": "h1", "year": 2024},
    )
    assert report.value("PL2", "2.1") == 19


def test_rows_before_the_appendices_are_not_read() -> None:
    text = HEAD.format(period="năm 2024") + "1.\tmột bảng trong thân văn bản\t\t1\t\n" + PL2
    report, warnings = read(text.encode(), "text")
    assert report.pl2 is not None
    assert report.pl2.filled() == {}
    assert [(w.path, w.en) for w in warnings] == [
        ("line 18", "a table row before any 'Phụ lục N' line: ignored")
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
        doc = HEAD.replace("UBND xã Hòa Bình", agency).format(period="năm 2024") + PL2
        report: Report = read(doc.encode(), "text").report
        assert (report.info.agency, report.info.level) == (agency, level)


def test_a_city_is_left_to_the_caller() -> None:
    doc = HEAD.replace("UBND xã Hòa Bình", "UBND thành phố Huế").format(period="năm 2024") + PL2
    with pytest.raises(ReportFormatError) as info:
        read(doc.encode(), "text")
    assert [p.path for p in info.value.problems] == ["report.level"]
    report = read(doc.encode(), "text", info={"level": AdminLevel.PROVINCE}).report
    assert (report.info.agency, report.info.level) == ("UBND thành phố Huế", AdminLevel.PROVINCE)
