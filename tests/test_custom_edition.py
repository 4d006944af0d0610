"""An edition of our own (``tests/custom_edition/``), used end to end with no change to
the library: read, validate, derive, render, read back, aggregate, compare, draw."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

import cchc_model
from cchc_model import (
    AdminLevel,
    CodeError,
    Period,
    Report,
    ReportInfo,
    Severity,
    aggregate,
    builtin_rules,
    catalog_data,
    derive,
    dumps,
    edition,
    loads,
    register_edition,
    render,
    strategies,
    unregister_edition,
    validate,
)
from custom_edition import EDITION, EDITION_ID, Dossiers, Funds


@pytest.fixture(autouse=True, scope="module")
def _registered() -> Iterator[None]:
    register_edition(EDITION)
    yield
    unregister_edition(EDITION_ID)


def _info(**changes: Any) -> ReportInfo:
    info = ReportInfo(agency="UBND xã A", level=AdminLevel.COMMUNE, period=Period.YEAR, year=2091)
    return attrs.evolve(info, **changes)


def test_the_example_is_read_through_the_edition() -> None:
    report = cchc_model.example(EDITION_ID)
    assert report.edition == EDITION_ID
    assert report["PL1"]["2"] == Decimal("95.5")
    assert report.get(Dossiers) is not None
    assert report.get(Dossiers).on_time_rate == Decimal("95.5")  # type: ignore[union-attr]
    assert report.get(Funds).planned == Decimal("250.5")  # type: ignore[union-attr]
    assert loads(dumps(report)) == report


def test_the_default_edition_comes_from_the_period() -> None:
    assert Report(info=_info()).edition == EDITION_ID
    assert Report(info=_info(year=2024)).edition == "2024"
    assert edition(period=Period.H1, year=2095).id == EDITION_ID
    assert edition().id == "2024"  # today
    document = json.loads(dumps(cchc_model.example(EDITION_ID)))
    del document["edition"]
    assert loads(json.dumps(document)).edition == EDITION_ID


def test_the_templates_carried_name_the_edition() -> None:
    report = Report(info=_info(year=2024), templates=[Dossiers(received=1)])
    assert report.edition == EDITION_ID
    with pytest.raises(cchc_model.ValueTypeError, match="one edition"):
        Report(info=_info(), templates=[Dossiers(), cchc_model.Direction()])


def test_the_2024_attributes_say_what_to_use_on_another_edition() -> None:
    report = cchc_model.example(EDITION_ID)
    with pytest.raises(CodeError, match=r"report\['PL2'\]"):
        _ = report.pl2
    with pytest.raises(CodeError, match="not a template of edition"):
        report.get(cchc_model.Direction)


def test_its_rules_are_its_file_and_those_of_its_catalog() -> None:
    rules = builtin_rules(EDITION_ID)
    assert {"PL1.total.1", "PL1.ratio.2", "PL1.part.2.2", "PL2.part.2"} <= set(rules.ids)
    assert "PL1.domain.3.1" in rules  # generated: a code of its list
    assert "PL2.level.3" in rules  # generated: asked of departments and provinces only
    assert all(rule.edition == EDITION_ID for rule in rules)
    assert catalog_data(EDITION_ID)["templates"][1]["indicators"][0]["unit"] == "Triệu đồng"


def test_an_edition_registered_again_brings_its_own_rules_and_example(tmp_path: Path) -> None:
    (tmp_path / "rules.toml").write_text(
        'edition = "thu-nghiem"\n[[rule]]\nid = "PL2.only"\nexpr = "PL2:4 <= 10"\n',
        encoding="utf-8",
    )
    assert "PL1.ratio.2" in builtin_rules(EDITION_ID)
    unregister_edition(EDITION_ID)
    try:
        register_edition(attrs.evolve(EDITION, rules=tmp_path / "rules.toml", example=None))
        assert "PL2.only" in builtin_rules(EDITION_ID)
        assert "PL1.ratio.2" not in builtin_rules(EDITION_ID)
        with pytest.raises(CodeError, match="ships no example"):
            cchc_model.example(EDITION_ID)
    finally:
        unregister_edition(EDITION_ID)
        register_edition(EDITION)
    assert "PL1.ratio.2" in builtin_rules(EDITION_ID)


def test_validation_finds_what_breaks_its_rules() -> None:
    assert validate(cchc_model.example(EDITION_ID)).findings == ()
    broken = Report(
        info=_info(),
        templates=[
            Dossiers(received=5, received_online=1, received_direct=1, dialogue=7),
            Funds(planned=Decimal(1), spent=Decimal(2), departments=4),
        ],
    )
    found = {finding.rule: finding for finding in validate(broken).findings}
    assert set(found) == {"PL1.total.1", "PL1.domain.3.1", "PL2.part.2", "PL2.level.3"}
    assert found["PL1.total.1"].severity is Severity.ERROR
    assert "1.1" in found["PL1.total.1"].codes
    assert found["PL2.part.2"].message("en")


def test_derive_fills_its_total_and_its_ratio() -> None:
    report = Report(
        info=_info(),
        templates=[Dossiers(received_online=2, received_direct=1, resolved=3, resolved_on_time=2)],
    )
    derived = derive(report)
    assert derived["PL1"]["1"] == 3
    assert derived["PL1"]["2"] == Decimal("66.67")


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "csv"])
def test_it_renders(fmt: str) -> None:
    text = render(cchc_model.example(EDITION_ID), fmt)
    assert isinstance(text, str)
    assert "Số hồ sơ giải quyết đúng hạn" in text
    assert "95" in text


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_it_is_read_back(tmp_path: Path, suffix: str) -> None:
    report = cchc_model.example(EDITION_ID)
    path = tmp_path / f"report{suffix}"
    fmt = "csv" if suffix == ".csv" else None
    path.write_text(dumps(report) if fmt is None else render(report, "csv"), encoding="utf-8")
    assert cchc_model.read(path).report == report


def _without_edition(text: str) -> str:
    lines = [
        line for line in text.splitlines(keepends=True) if not line.startswith("report,edition")
    ]
    assert len(lines) == len(text.splitlines()) - 1
    return "".join(lines)


def test_a_csv_naming_no_edition_is_of_its_periods_edition() -> None:
    # the rows of PL1 exist only in this edition, in force for 2091: no edition row needed
    report = cchc_model.example(EDITION_ID)
    back, _ = cchc_model.read(_without_edition(render(report, "csv")).encode(), "csv")
    assert back == report
    # nor for a period given by the caller
    stripped = "".join(
        line
        for line in _without_edition(render(report, "csv")).splitlines(keepends=True)
        if not line.startswith(("report,period", "report,year"))
    )
    back, _ = cchc_model.read(stripped.encode(), "csv", info={"period": "năm", "year": 2091})
    assert back == report


def test_a_workbook_naming_no_edition_is_of_its_periods_edition() -> None:
    pytest.importorskip("openpyxl")
    import openpyxl  # noqa: PLC0415  # the xlsx extra

    report = cchc_model.example(EDITION_ID)
    wb = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx")))
    sheet = wb["Thông tin báo cáo"]
    rows = [row for row in sheet.iter_rows() if any(c.value == "edition" for c in row)]
    assert len(rows) == 1
    sheet.delete_rows(rows[0][0].row)
    buffer = io.BytesIO()
    wb.save(buffer)
    assert cchc_model.read(buffer.getvalue(), "xlsx").report == report


def test_it_aggregates() -> None:
    first = Report(
        info=_info(unit_code="00001"),
        templates=[Dossiers(received_online=3, received_direct=1, resolved=4, resolved_on_time=3)],
    )
    second = Report(
        info=_info(unit_code="00002"),
        templates=[Dossiers(received_online=1, received_direct=1, resolved=4, resolved_on_time=4)],
    )
    into = _info(level=AdminLevel.PROVINCE, agency="UBND tỉnh A", unit_code="01")
    result = aggregate([first, second], into=into)
    assert result.report.edition == EDITION_ID
    assert result.report["PL1"]["1.1"] == 4
    assert result.report["PL1"]["1"] == 6
    assert result.report["PL1"]["2"] == Decimal("87.5")  # recomputed: 7 of 8
    assert validate(result.report).findings == ()


@settings(max_examples=30)
@given(strategies.reports(edition=EDITION_ID))
def test_its_consistent_reports_break_none_of_its_rules(report: Report) -> None:
    assert report.edition == EDITION_ID
    assert validate(report).findings == (), [f.message("en") for f in validate(report).findings]


@settings(max_examples=30)
@given(strategies.reports(edition=EDITION_ID, consistent=False))
def test_any_report_of_it_round_trips(report: Report) -> None:
    assert loads(dumps(report)) == report


@settings(max_examples=30)
@given(strategies.templates(Funds))
def test_its_templates_are_drawn_within_its_rules(funds: Funds) -> None:
    if funds.planned is not None and funds.spent is not None:
        assert funds.spent <= funds.planned  # PL2.part.2
