"""Word: golden extraction, the official page and table, the extra."""

from __future__ import annotations

import io
import sys

import docx
import pytest
from hypothesis import given, settings

from cchc_model import Direction, MissingExtraError, Report, example, render, strategies
from cchc_model._io.table import printable
from golden_files import FINDINGS, GOLDEN, docx_extract


def test_golden() -> None:
    assert docx_extract(render(example(), "docx")) == (GOLDEN / "example.docx.txt").read_text(
        encoding="utf-8"
    )
    assert docx_extract(render(example(), "docx", findings=FINDINGS)) == (
        GOLDEN / "findings.docx.txt"
    ).read_text(encoding="utf-8")


def test_official_page_and_tables() -> None:
    document = docx.Document(io.BytesIO(render(example(), "docx")))
    section = document.sections[0]
    assert section.page_width is not None
    assert section.page_height is not None
    assert section.left_margin is not None
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == 30
    assert len(document.tables) == 7
    table = document.tables[0]
    header = [c.text for c in table.rows[1].cells]
    assert header[2:4] == ["Đơn vị tính", "Số liệu"]
    assert table.rows[0].cells[2].text == "Kết quả thống kê"
    xml = table._tbl.xml
    assert xml.count("<w:tblHeader") == 2  # the header rows repeat on every page
    headings = [p for p in document.paragraphs if p.text.startswith("Phụ lục")]
    assert [p.paragraph_format.page_break_before for p in headings] == [None] + [True] * 6


def test_control_characters_are_replaced() -> None:
    report = example().with_templates(Direction(notes={"1": "a\x00b\x1fc"}))
    document = docx.Document(io.BytesIO(render(report, "docx")))
    assert document.tables[0].rows[2].cells[4].text == "a\ufffdb\ufffdc"


def test_without_python_docx(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'cchc-model\[docx\]'"):
        render(example(), "docx")


def _w(name: str) -> str:
    return f"{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}{name}"


def test_the_grid_is_the_cells_widths_and_the_merges_agree() -> None:
    document = docx.Document(io.BytesIO(render(example(), "docx")))
    for table in document.tables:
        tbl = table._tbl
        grid = [int(col.get(_w("w"))) for col in tbl.iter(_w("gridCol"))]
        assert max(grid) == grid[1]  # the title column is the widest
        assert abs(sum(grid) / 1440 * 25.4 - 165) < 1  # the width between the margins
        for tr in tbl.iter(_w("tr")):
            column = 0
            for tc in tr.iter(_w("tc")):
                span = tc.tcPr.find(_w("gridSpan"))
                count = int(span.get(_w("val"))) if span is not None else 1
                width = int(tc.tcPr.find(_w("tcW")).get(_w("w")))
                assert width == sum(grid[column : column + count])
                column += count
            assert column == len(grid)  # every row covers the whole grid
            assert tr.trPr.find(_w("cantSplit")) is not None  # never split across pages
        layout = tbl.tblPr.find(_w("tblLayout"))
        assert layout.get(_w("type")) == "fixed"
        header = [tr for tr in tbl.iter(_w("tr")) if tr.trPr.find(_w("tblHeader")) is not None]
        assert len(header) == 2
        assert [c.text for c in table.rows[0].cells] == [
            "STT",
            "Chỉ tiêu thống kê\n(Sử dụng trong kỳ báo cáo hàng quý, 6 tháng, năm)",
            "Kết quả thống kê",
            "Kết quả thống kê",
            "Ghi chú",
        ]


def test_page_numbers_language_and_font() -> None:
    document = docx.Document(io.BytesIO(render(example(), "docx")))
    section = document.sections[0]
    assert section.different_first_page_header_footer  # no number on the first page
    header = section.header.paragraphs[0]
    assert header.alignment == 1  # centred
    assert 'w:instr=" PAGE "' in header._p.xml
    assert section.first_page_header.paragraphs[0].text == ""
    styles = document.styles.element.xml
    assert 'w:lang w:val="vi-VN"' in styles
    assert "en-US" not in styles.split("</w:docDefaults>")[0]
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.core_properties.language == "vi-VN"
    body = document.element.body.xml
    assert "Calibri" not in body


def test_hints_keep_their_parentheses_and_codes_their_labels() -> None:
    document = docx.Document(io.BytesIO(render(example(), "docx")))
    pl8 = document.tables[6]
    cells = {row.cells[0].text: row.cells for row in pl8.rows[2:]}
    assert cells["5.2."][1].text.endswith(
        "(Chỉ thống kê tỷ lệ văn bản được gửi hoàn toàn dưới"
        " dạng điện tử; sử dụng chữ ký số, chứng thư số và gửi"
        " trên môi trường điện tử.)"
    )
    assert cells["1."][3].text == "1 (Hoàn thành)"
    hint_runs = [r for r in cells["5.2."][1].paragraphs[0].runs if r.italic]
    assert hint_runs[0].text.startswith("Chỉ thống kê")


@settings(max_examples=100)  # a Word file each: 100 are enough for the escapes, and quick
@given(strategies.notes(realistic=False), strategies.texts(max_size=40))
def test_any_text_is_written_as_it_reads(note: str, other: str) -> None:
    report = Report(
        info=example().info, templates=[Direction(notes={"1": note, "2.1": other + "\n" + note})]
    )
    document = docx.Document(io.BytesIO(render(report, "docx")))
    rows = {row.cells[0].text: row.cells for row in document.tables[0].rows[2:]}
    assert rows["1."][4].text == printable(note)
    assert rows["2.1."][4].text == printable(other + "\n" + note)
