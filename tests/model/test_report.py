"""The report model: metadata, templates by id and by attribute."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_model import (
    AdminLevel,
    CodeError,
    Direction,
    Period,
    Procedures,
    Report,
    ReportFormatError,
    ReportInfo,
    ValueTypeError,
    dumps,
    example,
    loads,
)
from cchc_model._model.report import build_report_checked
from cchc_model._model.template import MAX_TEXT_CHARS

INFO = ReportInfo(agency="UBND xã A", level=AdminLevel.COMMUNE, period=Period.H1, year=2024)


def test_a_report_holds_any_subset_of_templates_in_form_order() -> None:
    r = Report(info=INFO, templates=[Procedures(commune_resolved=5), Direction(plan_tasks=3)])
    assert list(r.templates) == ["PL2", "PL4"]
    assert r.pl2 == Direction(plan_tasks=3)
    assert r.pl3 is None
    assert r["PL4"].filled() == {"3.3.1": 5}
    assert "PL4" in r
    assert "PL3" not in r
    assert r.value("PL4", "3.3.1") == 5
    assert r.value("PL3", "1.3") is None


def test_templates_by_mapping_too() -> None:
    r = Report(info=INFO, templates={"PL2": Direction(plan_tasks=3)})
    assert r.pl2 is not None
    assert r.pl2.plan_tasks == 3


def test_errors_name_what_is_wrong() -> None:
    with pytest.raises(ValueTypeError, match="at most one PL2"):
        Report(info=INFO, templates=[Direction(), Direction()])
    with pytest.raises(ValueTypeError, match="template instance"):
        Report(info=INFO, templates=[{"PL2": {}}])
    with pytest.raises(ValueTypeError, match="iterable of templates"):
        Report(info=INFO, templates="PL2")
    with pytest.raises(ValueTypeError, match="info"):
        Report(info={"agency": "x"})  # type: ignore[arg-type]
    r = Report(info=INFO)
    with pytest.raises(CodeError, match="does not carry PL2"):
        r["PL2"]
    with pytest.raises(CodeError, match="no template 'PL9'"):
        r.value("PL9", "1")
    with pytest.raises(CodeError, match="no indicator"):
        r.value("PL3", "9.9")
    with pytest.raises(CodeError, match="unknown template edition"):
        Report(info=INFO, edition="1999")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("agency", 5),
        ("level", "commune"),
        ("period", "h1"),
        ("year", "2024"),
        ("year", 24),
        ("year", True),
        ("date", "2024-06-10"),
        ("number", 341),
    ],
)
def test_report_info_checks_types(field: str, value: object) -> None:
    kwargs: dict[str, object] = {
        "agency": "UBND xã A",
        "level": AdminLevel.COMMUNE,
        "period": Period.H1,
        "year": 2024,
    }
    kwargs[field] = value
    with pytest.raises(ValueTypeError) as info:
        ReportInfo(**kwargs)  # type: ignore[arg-type]
    assert info.value.attribute == field


def test_blank_texts_are_none() -> None:
    info = ReportInfo(
        agency="UBND xã A",
        level=AdminLevel.COMMUNE,
        period=Period.H1,
        year=2024,
        number="  ",
        signer="",
    )
    assert info.number is None
    assert info.signer is None


def test_the_example_metadata() -> None:
    info = example().info
    assert info.agency == "UBND xã Hương Sơn"
    assert info.level is AdminLevel.COMMUNE
    assert info.number == "341/BC-UBND"
    assert info.date == dt.date(2024, 6, 10)
    assert (info.period, info.year) == (Period.H1, 2024)
    assert info.recipient == "Ủy ban nhân dân huyện Nam Đông"
    assert info.signer == "Hồ Thanh Nghi"


def test_cells_and_with_templates() -> None:
    r = example()
    cells = list(r.cells())
    assert sum(1 for _, v, _ in cells if v is not None) == 61
    changed = r.with_templates(Direction(plan_completion_rate=Decimal("78.95")))
    assert changed.value("PL2", "2") == Decimal("78.95")
    assert changed.value("PL2", "2.1") is None  # the whole template was replaced
    assert changed.pl4 == r.pl4
    assert hash(r) == hash(example())


def test_a_datetime_is_not_a_date() -> None:
    with pytest.raises(ValueTypeError, match="not a datetime"):
        ReportInfo(
            agency="UBND xã A",
            level=AdminLevel.COMMUNE,
            period=Period.H1,
            year=2024,
            date=dt.datetime(2024, 6, 10, 9, 30),  # noqa: DTZ001
        )


def test_misuse_of_a_report_raises_the_librarys_errors() -> None:
    r = example()
    with pytest.raises(CodeError):
        r[5]  # type: ignore[index]
    with pytest.raises(CodeError):
        r.value(5, "1")  # type: ignore[arg-type]
    with pytest.raises(CodeError):
        r.value("PL2", [1])  # type: ignore[arg-type]


# --- the boundary of the metadata: one text rule for every field ---------------------------

TEXT_FIELDS = ("agency", "place", "number", "recipient", "signer", "signer_title", "unit_code")
BAD_TEXTS = st.one_of(
    st.text(max_size=5).map(lambda t: t + "\ud800" + t),  # a lone surrogate anywhere
    st.just("x" * (MAX_TEXT_CHARS + 1)),
    st.sampled_from([5, 1.5, ["UBND"], b"UBND", Decimal(1)]),
)


@given(st.sampled_from((*TEXT_FIELDS, "province", "district")), BAD_TEXTS)
def test_every_text_of_the_metadata_is_checked_at_the_boundary(field: str, text: object) -> None:
    # a lone surrogate once crashed dump (after the file was truncated), the text and CSV
    # renders and the command line; an agency of 40,000 characters was cut in Excel
    kwargs: dict[str, object] = {
        "agency": "UBND xã A",
        "level": AdminLevel.COMMUNE,
        "period": Period.H1,
        "year": 2024,
        field: text,
    }
    with pytest.raises(ValueTypeError) as info:
        ReportInfo(**kwargs)  # type: ignore[arg-type]
    assert info.value.attribute == field


@given(st.text(st.characters(codec="utf-8"), min_size=1, max_size=MAX_TEXT_CHARS).filter(str.strip))
def test_any_text_a_file_can_hold_is_an_agency(text: str) -> None:
    assert (
        ReportInfo(agency=text, level=AdminLevel.COMMUNE, period=Period.H1, year=2024).agency
        == text
    )


@pytest.mark.parametrize("agency", ["", "   ", "\t\n"])
def test_the_agency_is_never_blank(agency: str) -> None:
    # a blank agency once loaded from JSON but could not come back from CSV or Excel
    with pytest.raises(ValueTypeError, match="agency: expected a name, not a blank text"):
        ReportInfo(agency=agency, level=AdminLevel.COMMUNE, period=Period.H1, year=2024)
    document = dumps(example()).replace('"UBND xã Hương Sơn"', json.dumps(agency))
    with pytest.raises(ReportFormatError, match=r"\$\.report\.agency"):
        loads(document)


def test_fast_construction_is_not_public() -> None:
    # Report.checked once built a report from anything, skipping every check
    assert not hasattr(Report, "checked")
    report = build_report_checked(example().info, example().templates, "2024")
    assert report == example()
