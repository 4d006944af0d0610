"""Plain text and Markdown: golden files, wrapping, escaping."""

from __future__ import annotations

import argparse
from decimal import Decimal
from typing import get_args

import pytest

from cchc_model import Direction, Report, ValueTypeError, example, render, table_model
from golden_files import FINDINGS, GOLDEN, FakeFinding


@pytest.mark.parametrize(
    ("name", "to", "findings"),
    [
        ("example.txt", "text", None),
        ("example.md", "markdown", None),
        ("findings.txt", "text", FINDINGS),
        ("findings.md", "markdown", FINDINGS),
    ],
)
def test_golden(name: str, to: str, findings: tuple[FakeFinding, ...] | None) -> None:
    expected = (GOLDEN / name).read_bytes().decode("utf-8")
    assert render(example(), to, findings=findings) == expected


def test_text_lines_fit_in_100_columns_even_with_long_values() -> None:
    report = example().with_templates(
        Direction(
            directive_documents=10**15 - 1,  # the largest value of a report
            plan_completion_rate=Decimal("-123456789.123456"),
            notes={"1": "x" * 300, "3": "ghi chú\ncó hai dòng"},
        )
    )
    text = render(report, "text")
    assert max(len(line) for line in text.splitlines()) <= 100
    assert "999.999.999" in text  # a value longer than its column wraps
    assert "-123.456.789" in text
    assert "có hai dòng" in text


def test_text_shows_codes_with_their_labels() -> None:
    text = render(example(), "text")
    assert "1 (Có)" in text
    assert "2 (Kết hợp)" in text
    assert "\n6.4.      Tỷ lệ hồ sơ TTHC được tiếp nhận trực" in text


def test_a_report_without_templates_is_its_heading() -> None:
    report = Report(info=example().info)
    assert render(report, "text").splitlines()[:6] == [
        "Báo cáo số 341/BC-UBND ngày 10/6/2024 của UBND xã Hương Sơn",
        "",
        "Thông tin báo cáo",
        "Cơ quan báo cáo: UBND xã Hương Sơn",
        "Cấp hành chính: cấp xã",
        "Kỳ báo cáo: 6 tháng đầu năm 2024",
    ]
    assert render(report, "text").endswith("Bộ biểu mẫu: 2024\n")


def test_markdown_escapes_what_would_be_markup() -> None:
    note = "a | b *c* _d_ <script>x</script> [l](u) `e` &amp;\nline"
    md = render(example().with_templates(Direction(notes={"1": note})), "markdown")
    row = next(line for line in md.splitlines() if line.startswith("| 1. |"))
    assert row.endswith(
        r"| a \| b \*c\* \_d\_ \<script\>x\</script\> \[l\](u) \`e\` \&amp;<br>line |"
    )
    assert row.count(" | ") == 4  # five cells, the note's pipe escaped


def test_markdown_marks_group_and_sub_rows() -> None:
    md = render(example(), "markdown")
    assert "| **3.** | **Kiểm tra CCHC** |" in md
    assert "| 3.2.1. | *Tổng số hồ sơ TTHC đã giải quyết xong* | *Hồ sơ* |" in md
    assert "| 2. | Xây dựng và vận hành Hệ thống họp trực tuyến (*Liên thông 2 cấp" in md
    assert "cấp huyện, cấp xã.*) |" in md


def test_a_table_model_renders_like_its_report() -> None:
    table = table_model(example(), FINDINGS)
    assert render(table, "text") == render(example(), "text", findings=FINDINGS)
    with pytest.raises(ValueTypeError, match="None when a table model is given"):
        render(table, "text", findings=FINDINGS)


def test_unknown_format() -> None:
    with pytest.raises(
        ValueTypeError, match="one of text, markdown, html, csv, csv-wide, xlsx, docx"
    ):
        render(example(), "pdf")


def test_the_formats_come_from_one_table() -> None:
    from cchc_model._cli.main import build_parser  # noqa: PLC0415  # only this test needs it
    from cchc_model._io.render import (  # noqa: PLC0415
        BINARY_FORMATS,
        FORMATS,
        RENDER_EXTENSIONS,
        BinaryFormat,
        TextFormat,
    )

    assert set(get_args(TextFormat)) | set(get_args(BinaryFormat)) <= set(FORMATS)
    assert set(get_args(BinaryFormat)) == BINARY_FORMATS
    assert set(RENDER_EXTENSIONS.values()) <= set(FORMATS)
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for option in ("--format", "--to"):  # --to: the old name, kept hidden
        to = next(a for a in sub.choices["render"]._actions if option in a.option_strings)
        assert tuple(to.choices or ()) == FORMATS
    for to_format in FORMATS:
        rendered = render(example(), to_format)
        assert isinstance(rendered, bytes) == (to_format in BINARY_FORMATS)


@pytest.mark.parametrize("to", ["csv", "csv-wide"])
def test_findings_asked_of_a_format_without_them_are_refused(to: str) -> None:
    with pytest.raises(ValueTypeError, match="has no place for them"):
        render(example(), to, findings=FINDINGS)
    with pytest.raises(ValueTypeError, match="has no place for them"):
        render(table_model(example(), FINDINGS), to)
    with pytest.raises(ValueTypeError, match="has no place for them"):
        render(example(), to, findings=[])  # asked for, even if none were found
    assert render(table_model(example()), to) == render(example(), to)
