"""The catalog against the reference document's appendix tables (tests/data)."""

from __future__ import annotations

import re
import typing
from decimal import Decimal

import attrs
import pytest

import cchc_model
from cchc_model import AdminLevel, Code, CodeError, Emphasis, Kind, catalog_data, edition
from cchc_model._model.units import ALL_LEVELS
from reference import SourceRow

ED = edition()


def _corrected_title(row: SourceRow) -> str:
    """The printed title with the edition's documented corrections applied."""
    title = row.title
    for c in ED.corrections:
        if c.template == row.template and c.code == row.code and c.field == "title":
            title = title.replace(c.original.strip("… "), c.corrected.strip("… "))
    return title


def _corrected_unit(row: SourceRow) -> str:
    for c in ED.corrections:
        if c.template == row.template and c.code == row.code and c.field == "unit":
            assert row.unit == c.original
            return c.corrected
    return row.unit


def _code_list_pairs(text: str) -> set[tuple[str, int]]:
    return set(_code_list_order(text))


def _code_list_order(text: str) -> list[tuple[str, int]]:
    return [(label.strip(), int(v)) for label, v in re.findall(r"([^=;]+?)\s*=\s*(\d+)", text)]


def test_the_reference_has_151_coded_rows(source_rows: list[SourceRow]) -> None:
    assert len(source_rows) == 151
    assert sum(1 for _ in ED.indicators()) == 151


def test_every_reference_row_is_in_the_catalog(source_rows: list[SourceRow]) -> None:
    for src in source_rows:
        row = ED.indicator(src.template, src.raw_code)
        assert row.code == src.code
        printed = _corrected_title(src)
        if row.hint:
            # the italic explanation inside the title cell is kept apart, as a hint
            assert printed.replace(" ", "") == (row.title + row.hint).replace(" ", "") or (
                row.title in printed and row.hint.strip("() ") in printed
            )
        else:
            assert printed == row.title, (src.template, src.code)


def test_every_catalog_row_is_in_the_reference(source_rows: list[SourceRow]) -> None:
    printed = {(r.template, r.code) for r in source_rows}
    assert {(i.template, i.code) for i in ED.indicators()} == printed


def test_units_and_code_lists_match_the_reference(source_rows: list[SourceRow]) -> None:
    for src in source_rows:
        row = ED.indicator(src.template, src.code)
        unit = _corrected_unit(src)
        if row.code_list is not None:
            assert _code_list_pairs(unit) == {(m.label, int(m)) for m in row.code_list}
            # in the order the template writes them (PL2 8: "Không = 0 Có = 1")
            assert _code_list_order(unit) == _code_list_order(row.unit_text or ""), src.code
        elif row.unit is not None:
            assert unit == row.unit.label, (src.template, src.code)
        else:
            assert unit == "", (src.template, src.code)
            assert row.is_heading


def test_emphasis_follows_the_printed_form(source_rows: list[SourceRow]) -> None:
    for src in source_rows:
        row = ED.indicator(src.template, src.code)
        if src.italic:
            assert row.emphasis is Emphasis.SUB, (src.template, src.code)
        elif src.bold:
            assert row.emphasis is Emphasis.GROUP, (src.template, src.code)
        else:
            assert row.emphasis is not Emphasis.SUB


def test_template_notes_are_kept(source_rows: list[SourceRow]) -> None:
    for src in source_rows:
        assert (ED.indicator(src.template, src.code).note or "") == src.note


def test_headings_are_exactly_the_rows_without_unit(source_rows: list[SourceRow]) -> None:
    headings = {(r.template, r.code) for r in source_rows if not r.unit}
    assert {(i.template, i.code) for i in ED.indicators() if i.is_heading} == headings


def test_corrections_are_real_slips(source_rows: list[SourceRow]) -> None:
    by_key = {(r.template, r.code): r for r in source_rows}
    for c in ED.corrections:
        if c.field == "template title":
            assert ED.spec(c.template).title == c.corrected
            continue
        assert c.code is not None
        src = by_key[(c.template, c.code)]
        if c.field == "title":
            assert c.original.strip("… ") in src.title
            assert c.corrected.strip("… ") in ED.indicator(c.template, c.code).title
        else:
            assert src.unit == c.original


def test_template_titles_have_no_known_slips() -> None:
    titles = [cls.spec.title for cls in ED.classes]
    assert not any("THẺ CHẾ" in t or "BIỂU MÃU" in t for t in titles)
    assert all(t.startswith("BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO") for t in titles)


def test_parents_exist_and_order_is_the_forms() -> None:
    for cls in ED.classes:
        codes = cls.spec.codes
        keys = [tuple(int(p) for p in c.split(".")) for c in codes]
        assert keys == sorted(keys)
        for row in cls.spec.indicators:
            if row.parent is not None:
                assert row.parent in codes, (row.template, row.code)


@pytest.mark.parametrize(
    ("template", "code", "asked"),
    [
        ("PL4", "1.4.1", (False, False, True, True)),  # Số TTHC cấp tỉnh
        ("PL4", "1.4.2", (False, True, True, False)),  # Số TTHC cấp huyện
        ("PL4", "1.4.3", (True, True, True, False)),  # Số TTHC cấp xã
        ("PL4", "3.3.1", (True, True, True, False)),  # under "Tỷ lệ … UBND cấp xã …"
        ("PL8", "5.1.3", (True, True, True, False)),  # Tỷ lệ UBND cấp xã đã kết nối …
        ("PL2", "3.1", (False, False, True, False)),  # Số sở, ngành đã kiểm tra (by the province)
        ("PL5", "1.3", (False, False, True, False)),  # ban quản lý trực thuộc UBND cấp tỉnh
        ("PL2", "1", (True, True, True, True)),  # no level named: asked of everyone
    ],
)
def test_levels_follow_the_titles(template: str, code: str, asked: tuple[bool, ...]) -> None:
    # asked says whether a commune, a district, a province and a department are asked
    commune, district, province, department = asked
    row = ED.indicator(template, code)
    assert row.applies_to(AdminLevel.COMMUNE) is commune
    assert row.applies_to(AdminLevel.DISTRICT) is district
    assert row.applies_to(AdminLevel.PROVINCE) is province
    assert row.applies_to(AdminLevel.DEPARTMENT) is department


def test_a_child_is_never_asked_where_its_parent_is_not() -> None:
    for row in ED.indicators():
        if row.parent is not None:
            parent = ED.indicator(row.template, row.parent)
            assert row.levels <= parent.levels, (row.template, row.code)


def test_no_row_names_a_level_without_saying_so() -> None:
    # a title that names a level is never asked of everyone, but for a span of levels
    for row in ED.indicators():
        if "từ cấp tỉnh đến cấp xã" in row.title:
            assert row.levels == ALL_LEVELS
        elif re.search(r"cấp tỉnh|cấp huyện|cấp xã|sở, ngành|sở, ban", row.title) and (
            row.levels == ALL_LEVELS
        ):
            pytest.fail(f"{row.template} {row.code} names a level but applies to all")


_EXPECTED_TYPES = {
    Kind.COUNT: "int | None",
    Kind.PERCENT: "Decimal | None",
    Kind.MONEY: "Decimal | None",
}


def test_attribute_annotations_match_the_kind() -> None:
    for cls in ED.classes:
        hints = typing.get_type_hints(cls)
        for row in cls.spec.value_indicators:
            assert row.attribute is not None
            hint = hints[row.attribute]
            args = set(typing.get_args(hint))
            if row.kind is Kind.CODE:
                assert row.code_list is not None
                assert args == {row.code_list, int, type(None)}, row.attribute
            elif row.kind is Kind.COUNT:
                assert args == {int, type(None)}, row.attribute
            else:
                assert args == {Decimal, type(None)}, row.attribute


def test_attribute_names_are_english_identifiers() -> None:
    for row in ED.indicators():
        if row.attribute is not None:
            assert re.fullmatch(r"[a-z][a-z0-9_]*", row.attribute)


def test_each_template_exposes_its_spec() -> None:
    ids = [cls.spec.id for cls in ED.classes]
    assert ids == ["PL2", "PL3", "PL4", "PL5", "PL6", "PL7", "PL8"]
    for number, cls in enumerate(ED.classes, start=2):
        assert cls.spec.number == number
        assert cls.spec.edition == "2024"
        assert "{number}" in cls.spec.attached
        assert getattr(cchc_model, cls.__name__) is cls


def test_attached_line_is_filled() -> None:
    spec = ED.spec("PL2")
    line = spec.attached_line("341/BC-UBND", "10/6/2024", "UBND xã Hương Sơn")
    assert line == "(Kèm theo Báo cáo số: 341/BC-UBND ngày 10/6/2024 của UBND xã Hương Sơn)"
    assert spec.attached_line() == "(Kèm theo Báo cáo số:  ngày  của )"


def test_codes_normalise() -> None:
    assert ED.indicator("PL2", "6.3.").code == "6.3"
    assert ED.indicator("pl2", " 6.3 ").code == "6.3"
    for bad in ("", ".", "6..3", "a.1", "6.3.x", "1" * 10):
        with pytest.raises(CodeError):
            ED.indicator("PL2", bad)
    with pytest.raises(CodeError, match=r"PL2 has no indicator '9\.9'"):
        ED.indicator("PL2", "9.9")
    with pytest.raises(CodeError, match="no template 'PL9'"):
        ED.template("PL9")


def test_unknown_edition_is_a_clear_error() -> None:
    with pytest.raises(CodeError, match="unknown template edition '1999'"):
        edition("1999")


def test_children() -> None:
    assert [r.code for r in ED.spec("PL4").children("3.3")] == ["3.3.1", "3.3.2"]
    assert [r.code for r in ED.spec("PL7").children("2.4")] == ["2.4.1", "2.4.2", "2.4.3"]


def test_code_lists() -> None:
    assert cchc_model.YesNo.text() == "Có = 1; Không = 0"
    assert cchc_model.SurveyMethod.text() == "Trực tuyến = 0; Phát phiếu = 1; Kết hợp = 2"
    assert cchc_model.MeetingSystem.text() == "Chưa có = 0; 2 cấp = 1; 3 cấp = 2"
    assert cchc_model.Progress.text() == "Chưa = 0; Đang làm = 1; Hoàn thành = 2"
    assert cchc_model.Completion.text() == "Chưa = 0; Hoàn thành = 1"
    for cls in (cchc_model.YesNo, cchc_model.Progress):
        assert issubclass(cls, Code)
        for member in cls:
            assert member.label


def test_catalog_data_lists_every_row() -> None:
    data = catalog_data()
    assert data["edition"] == "2024"
    assert [t["id"] for t in data["templates"]] == list(ED.template_ids)
    rows = [i for t in data["templates"] for i in t["indicators"]]
    assert len(rows) == 151
    by_code = {(t["id"], i["code"]): i for t in data["templates"] for i in t["indicators"]}
    assert by_code[("PL2", "2.1")]["unit"] == "Nhiệm vụ"
    assert by_code[("PL2", "7")]["code_list"] == [
        {"value": 0, "label": "Không"},
        {"value": 1, "label": "Có"},
    ]
    assert by_code[("PL2", "3")]["kind"] == "heading"
    assert by_code[("PL7", "1.1")]["unit"] == "Triệu đồng"
    assert by_code[("PL7", "1.1")]["kind"] == "money"
    assert by_code[("PL2", "5")]["note"].startswith("do UBND huyện chuyển")
    assert data["corrections"]
    assert all(attrs.has(type(c)) for c in ED.corrections)
