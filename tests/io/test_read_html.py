"""Reading HTML: the library's page, and a report Word saved as a web page."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal

import pytest

from cchc_model import AdminLevel, Period, ReportFormatError, example, read, render

WORD_PAGE = """<html xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word">
<head>
<meta http-equiv=Content-Type content="text/html; charset=windows-1258">
<meta name=Generator content="Microsoft Word 15">
<title>Báo cáo</title>
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]-->
<style><!-- p.MsoNormal {margin:0cm; font-family:"Times New Roman"} --></style>
</head>
<body lang=VI style='tab-interval:36.0pt'>
<div class=WordSection1>
<table class=MsoNormalTable border=0 cellspacing=0 cellpadding=0>
 <tr>
  <td width=250 valign=top><p class=MsoNormal align=center><b><span lang=VI>ỦY BAN NHÂN DÂN
  <o:p></o:p></span></b></p>
  <p class=MsoNormal align=center><b><span lang=VI>XÃ THƯỢNG LỘ</span></b></p></td>
  <td width=350 valign=top><p class=MsoNormal align=center>
  <b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p>
  <p class=MsoNormal align=center><b>Độc lập - Tự do - Hạnh phúc</b></p></td>
 </tr>
 <tr>
  <td><p class=MsoNormal align=center>Số: 25/BC-UBND</p></td>
  <td><p class=MsoNormal align=center><i>Thượng Lộ, ngày 16 tháng
  10 năm 2025</i></p></td>
 </tr>
</table>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal align=center><b>BÁO CÁO</b></p>
<p class=MsoNormal align=center><b>Kết quả công tác cải cách hành chính quý III năm 2025</b></p>
<p class=MsoNormal align=center>Kính gửi: Ủy ban nhân dân thành phố Huế</p>
<![if !supportLists]><p class=MsoNormal>Nội dung báo cáo.</p><![endif]>
<p class=MsoNormal>Trên đây là báo cáo của UBND xã Thượng Lộ./.</p>
<p class=MsoNormal align=center><b>PHỤ LỤC 2</b></p>
<p class=MsoNormal align=center><b>BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO
CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH</b></p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0>
 <tr>
  <td rowspan=2><p class=MsoNormal align=center><b>STT</b></p></td>
  <td rowspan=2><p class=MsoNormal align=center><b>Chỉ tiêu thống kê</b></p>
  <p class=MsoNormal align=center><i>(Sử dụng trong kỳ báo cáo hàng quý, 6 tháng, năm)</i></p></td>
  <td colspan=2><p class=MsoNormal align=center><b>Kết quả thống kê</b></p></td>
  <td rowspan=2><p class=MsoNormal align=center><b>Ghi chú</b></p></td>
 </tr>
 <tr>
  <td><p class=MsoNormal><b>Đơn vị tính</b></p></td>
  <td><p class=MsoNormal><b>Số liệu</b></p></td>
 </tr>
 <tr>
  <td><p class=MsoNormal>1.</p></td>
  <td><p class=MsoNormal>Số văn bản chỉ đạo CCHC đã ban hành</p></td>
  <td><p class=MsoNormal>Văn bản</p></td>
  <td><p class=MsoNormal align=center>1.013</p></td>
  <td><p class=MsoNormal><o:p>&nbsp;</o:p></p></td>
 </tr>
 <tr>
  <td><p class=MsoNormal>2.</p></td>
  <td><p class=MsoNormal>Tỷ lệ hoàn thành Kế hoạch CCHC năm</p></td>
  <td><p class=MsoNormal>%</p></td>
  <td><p class=MsoNormal align=center>78,94</p></td>
  <td><p class=MsoNormal>Lũy kế<br>đến tháng 9</p></td>
 </tr>
 <tr>
  <td><p class=MsoNormal>2.1</p></td>
  <td><p class=MsoNormal>Số nhiệm vụ đề ra trong kế hoạch</p></td>
  <td><p class=MsoNormal>Nhiệm vụ</p></td>
  <td><p class=MsoNormal align=center>019</p></td>
  <td></td>
 </tr>
</table>
</div>
</body>
</html>
"""


def _word_page() -> bytes:
    # Word writes the page in Windows-1258, its tone marks as combining characters, and
    # what the code page lacks as character references
    decomposed = unicodedata.normalize("NFD", WORD_PAGE)
    return decomposed.encode("cp1258", errors="xmlcharrefreplace")


def test_a_report_word_saved_as_a_web_page() -> None:
    report, warnings = read(_word_page(), "html")
    info = report.info
    assert (info.agency, info.level, info.period, info.year) == (
        "UBND xã Thượng Lộ",
        AdminLevel.COMMUNE,
        Period.Q3,
        2025,
    )
    assert (info.number, info.place, info.date) == (
        "25/BC-UBND",
        "Thượng Lộ",
        dt.date(2025, 10, 16),
    )
    assert info.recipient == "Ủy ban nhân dân thành phố Huế"
    assert info.province == "Huế"  # after the reform, a thành phố is a province
    assert info.district is None
    assert report.pl2 is not None
    assert report.pl2.filled() == {"1": 1013, "2": Decimal("78.94"), "2.1": 19}
    assert report.pl2.notes == {"2": "Lũy kế\nđến tháng 9"}
    assert [w.message("en") for w in warnings] == [
        "line 62: PL2 2.1: read '019' as 19 (a leading zero)"
    ]


def test_the_html_render_reads_back_by_its_extension(tmp_path: object) -> None:
    from pathlib import Path  # noqa: PLC0415

    assert isinstance(tmp_path, Path)
    path = tmp_path / "bao-cao.html"
    path.write_text(render(example(), "html"), encoding="utf-8")
    report, _ = read(path)
    assert report == example()


def test_a_page_without_tables() -> None:
    with pytest.raises(ReportFormatError, match=r"no appendix table; expected .* as <table>"):
        read("<html><body><p>Phụ lục</p></body></html>".encode(), "html")


def test_hostile_markup_is_only_text() -> None:
    page = (
        "<table><tr><td>STT</td><td>Chỉ tiêu</td><td>Số liệu</td></tr>"
        '<tr><td colspan="99999999">x</td><td rowspan="-3">y</td></tr>'
        "<script>alert(1)</script><tr><td>1.</td><td><b>&lt;b&gt;</b></td><td>5</td></tr>"
    )
    with pytest.raises(ReportFormatError):  # no heading: not an appendix, nothing read
        read(page.encode(), "html")
    report, _ = read(
        ("<p>Phụ lục 2</p>" + page).encode(),
        "html",
        info={"agency": "UBND xã A", "level": "commune", "period": "h1", "year": 2024},
    )
    assert report.value("PL2", "1") == 5


def test_a_table_too_long_is_refused_and_an_open_element_ends() -> None:
    page = "<p>Phụ lục 2</p><table>" + "<tr><td>1.<td>x<td><td>5" * 5_001 + "<tr><td><style>"
    with pytest.raises(ReportFormatError, match="a table of more than 5,000 rows: refused"):
        read(page.encode(), "html")
