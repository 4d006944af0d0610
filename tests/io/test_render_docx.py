"""Word: golden extraction, the official page and table, the extra."""

from __future__ import annotations

import io
import sys

import docx
import pytest

from cchc_model import Direction, MissingExtraError, example, render
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
