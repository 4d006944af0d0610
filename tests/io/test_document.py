"""The block *Thông tin báo cáo* of the text, Markdown and HTML renders, as users edit it.

The renders show every field of the metadata in that block; the readers read it back
exactly (a blank field blank), whatever else the document says, and fall back to what
the rest of the document says for a field whose line is gone, then to ``info=``.
"""

from __future__ import annotations

import re
from typing import Any

import attrs
import pytest

from cchc_model import (
    AdminLevel,
    Period,
    Report,
    ReportFormatError,
    example,
    read,
    render,
    table_model,
)
from cchc_model._io.reading import INFO_FIELDS
from cchc_model._model.errors import Lang

FORMATS = {"text": "text", "markdown": "text", "html": "html"}
NOT_IN_THE_TEXT = ("place", "recipient", "signer", "signer_title", "province", "district")
"""The fields the appendices alone (their *Kèm theo* lines, their titles) do not say."""
BLANK: dict[str, Any] = dict.fromkeys(NOT_IN_THE_TEXT)
_LINES = {
    "text": ("^{label}:.*$", "{label}: {value}"),
    "markdown": (r"^- \*\*{label}:\*\*.*$", "- **{label}:** {value}"),
    "html": (
        '^<p><span class="label">{label}:</span>.*$',
        '<p><span class="label">{label}:</span> {value}</p>',
    ),
}


def _page(to: str, lang: Lang = "vi") -> str:
    page = render(example(), to, lang=lang)
    assert isinstance(page, str)
    return page


def _edit(page: str, to: str, label: str, value: str | None) -> str:
    """``page`` with the line of ``label`` in its block set to ``value`` (``None``: deleted)."""
    pattern, line = _LINES[to]
    new = "" if value is None else line.format(label=label, value=value).rstrip()
    edited, count = re.subn(
        pattern.format(label=re.escape(label)) + ("\n" if value is None else ""),
        new,
        page,
        count=1,
        flags=re.MULTILINE,
    )
    assert count == 1, label
    return edited


def _read(page: str, to: str, **info: object) -> tuple[Report, list[str]]:
    """The report and the warnings about its metadata (not those of its cells)."""
    report, warnings = read(page.encode(), FORMATS[to], info=info or None)  # type: ignore[arg-type]
    return report, [w.message("en") for w in warnings if w.template is None]


def test_the_block_shows_every_field() -> None:
    labels = [label for label, _ in table_model(example()).info_lines]
    assert len(labels) == len(INFO_FIELDS) + 1  # and the edition
    text = _page("text")
    assert "Thông tin báo cáo\nCơ quan báo cáo: UBND xã Hương Sơn\nCấp hành chính: cấp xã\n" in text
    assert "\nMã đơn vị hành chính:\n" in text  # a blank field, shown blank
    english = _page("text", lang="en")
    assert "Report information\nReporting agency: UBND xã Hương Sơn\n" in english
    assert "\nAdministrative level: commune\n" in english


@pytest.mark.parametrize("to", FORMATS)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_each_render_reads_back_with_no_info(to: str, lang: Lang) -> None:
    report, warnings = _read(_page(to, lang), to)
    assert report == example()
    assert warnings == []


@pytest.mark.parametrize("to", FORMATS)
def test_a_block_edited_by_hand_is_read_as_edited(to: str) -> None:
    page = _edit(_page(to), to, "Kính gửi", "UBND huyện A Lưới")
    page = _edit(page, to, "Kỳ báo cáo", "quý III")
    page = _edit(page, to, "Năm báo cáo", "2025")
    page = _edit(page, to, "Người ký", "")
    report, warnings = _read(page, to)
    assert report.info == attrs.evolve(
        example().info, recipient="UBND huyện A Lưới", period=Period.Q3, year=2025, signer=None
    )
    assert report.templates == example().templates
    assert warnings == []


@pytest.mark.parametrize("to", FORMATS)
def test_the_block_wins_over_the_rest_of_the_document_with_a_warning(to: str) -> None:
    page = _edit(_page(to), to, "Cơ quan báo cáo", "UBND xã Thượng Lộ")
    page = _edit(page, to, "Số, ký hiệu văn bản", "")
    report, warnings = _read(page, to)
    assert (report.info.agency, report.info.number) == ("UBND xã Thượng Lộ", None)
    assert len(warnings) == 2, warnings
    assert re.fullmatch(
        r"line \d+: agency: the report information block says 'UBND xã Thượng Lộ',"
        r" line \d+ says 'UBND xã Hương Sơn'; the block is read",
        warnings[0],
    )
    assert re.fullmatch(
        r"line \d+: number: the report information block leaves it blank,"
        r" line \d+ says '341/BC-UBND'; the block is read",
        warnings[1],
    )


@pytest.mark.parametrize("to", FORMATS)
def test_a_deleted_line_is_read_from_the_rest_of_the_document(to: str) -> None:
    page = _page(to)
    for label in ("Cơ quan báo cáo", "Cấp hành chính", "Số, ký hiệu văn bản", "Kính gửi"):
        page = _edit(page, to, label, None)
    report, warnings = _read(page, to)
    # the heading says the agency and the number, the agency's name the level; nothing
    # else says the recipient
    assert report.info == attrs.evolve(example().info, recipient=None)
    assert warnings == []


@pytest.mark.parametrize("to", FORMATS)
def test_without_its_period_lines_the_period_is_asked_for(to: str) -> None:
    page = _edit(_edit(_page(to), to, "Kỳ báo cáo", None), to, "Năm báo cáo", None)
    with pytest.raises(ReportFormatError) as error:
        _read(page, to)
    assert [p.path for p in error.value.problems] == ["report.period", "report.year"]
    assert "pass info={'period': 'h1'}" in error.value.problems[0].message("en")
    report, _ = _read(page, to, period="h1", year=2024)
    assert report == example()


def test_without_the_block_the_heading_and_info_are_read() -> None:
    text = _page("text")
    start, end = text.index("Thông tin báo cáo"), text.index("Bộ biểu mẫu: 2024\n")
    page = text[:start] + text[end + len("Bộ biểu mẫu: 2024\n") :]
    with pytest.raises(ReportFormatError, match="report's period is missing"):
        _read(page, "text")
    rest = {k: getattr(example().info, k) for k in INFO_FIELDS if k not in ("agency", "number")}
    report, warnings = _read(page, "text", **rest)
    assert report == example()
    assert warnings == []


def test_only_the_tables_pasted_fall_back_to_their_attached_lines_and_info() -> None:
    text = _page("text")
    tables = text[text.index("Phụ lục 2") :]
    with pytest.raises(ReportFormatError) as error:
        _read(tables, "text")
    # the Kèm theo lines say the agency, the number and the date; nothing the period
    assert [p.path for p in error.value.problems] == ["report.period", "report.year"]
    report, _ = _read(tables, "text", period="h1", year="2024")
    assert report.info == attrs.evolve(example().info, **BLANK)


@pytest.mark.parametrize("to", FORMATS)
def test_info_wins_over_the_block(to: str) -> None:
    report, warnings = _read(_page(to), to, level="district", recipient=None)
    assert report.info == attrs.evolve(example().info, level=AdminLevel.DISTRICT, recipient=None)
    assert warnings == []


def test_a_label_of_no_field_is_a_warning_and_a_field_given_twice_an_error() -> None:
    page = _edit(_page("text"), "text", "Người ký", "Hồ Thanh Nghi\nNgười lập biểu: Trần Thị B")
    report, warnings = _read(page, "text")
    assert report == example()
    assert re.fullmatch(
        r"line \d+: 'Người lập biểu' names no field of the report; the line is left out",
        warnings[0],
    )
    twice = _edit(_page("text"), "text", "Người ký", "Hồ Thanh Nghi\nNgười ký: Trần Thị B")
    with pytest.raises(ReportFormatError, match=r"the report field 'signer' is given twice"):
        _read(twice, "text")


def test_a_period_and_a_year_that_disagree_are_an_error() -> None:
    page = _edit(_page("markdown"), "markdown", "Năm báo cáo", "2023")
    with pytest.raises(ReportFormatError, match=r"is not of the year 2023"):
        _read(page, "markdown")


def test_the_block_names_the_edition() -> None:
    page = _edit(_page("html"), "html", "Bộ biểu mẫu", "1999")
    with pytest.raises(ReportFormatError, match=r"1999"):
        _read(page, "html")
