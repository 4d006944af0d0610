"""CSV, tidy and wide: golden files, the dialect, formula safety."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from cchc_model import Direction, Report, Template, edition, example, render
from cchc_model._io.table import neutralise, restore
from golden_files import GOLDEN


def _rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def test_golden() -> None:
    assert render(example(), "csv") == (GOLDEN / "example.csv").read_bytes().decode("utf-8")
    assert render(example(), "csv-wide") == (GOLDEN / "example-wide.csv").read_bytes().decode(
        "utf-8"
    )


def test_tidy_layout() -> None:
    text = render(example(), "csv")
    assert "\r\n" in text
    assert text.count("\n") == text.count("\r\n")
    rows = _rows(text)
    assert rows[0] == ["template", "code", "title", "unit", "value", "note"]
    meta = {row[1]: row[4] for row in rows if row[0] == "report"}
    assert meta["format"] == "cchc-report"
    assert meta["date"] == "2024-06-10"
    assert meta["level"] == "commune"
    assert meta["unit_code"] == ""
    data = [row for row in rows[1:] if row[0] != "report"]
    assert len(data) == sum(len(t.spec.indicators) for t in example().templates.values())
    by_code = {(row[0], row[1]): row for row in data}
    assert by_code[("PL2", "2")][3:5] == ["%", "78,94"]
    assert by_code[("PL7", "1.1")][3:5] == ["Triệu đồng", "3,887"]
    assert by_code[("PL2", "3")][3:5] == ["", ""]  # a heading, kept for its note
    assert by_code[("PL8", "2")][4] == "3"


def test_wide_layout() -> None:
    rows = _rows(render(example(), "csv-wide"))
    header, values = rows
    assert len(header) == len(values)
    assert header[:2] == ["edition", "agency"]
    assert "format" not in header
    assert header.index("PL2:1") == 14
    assert len(header) == 14 + sum(len(cls.spec.value_indicators) for cls in _classes())
    by_name = dict(zip(header, values, strict=True))
    assert by_name["PL8:6.4"] == "70,1"
    assert by_name["PL2:3.1"] == ""
    only_pl2 = dict(
        zip(
            *_rows(render(Report(info=example().info, templates=[Direction()]), "csv-wide")),
            strict=True,
        )
    )
    assert only_pl2["PL8:6.4"] == ""
    assert list(only_pl2) == header  # the same columns for every report of the edition


def _classes() -> tuple[type[Template], ...]:
    return edition().classes


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+1", "'+1"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'quoted", "''quoted"),
        ("plain - text", "plain - text"),
        ("", ""),
    ],
)
def test_neutralise(text: str, safe: str) -> None:
    assert neutralise(text) == safe
    assert restore(neutralise(text)) == text


def test_text_cells_are_neutralised_numbers_are_not() -> None:
    report = example().with_templates(
        Direction(
            directive_documents=-5,
            plan_completion_rate=Decimal("-1.5"),
            notes={"1": "=1+1", "2": "-x"},
        )
    )
    rows = {(r[0], r[1]): r for r in _rows(render(report, "csv"))}
    assert rows[("PL2", "1")][4:] == ["-5", "'=1+1"]
    assert rows[("PL2", "2")][4:] == ["-1,5", "'-x"]
    wide = dict(zip(*_rows(render(report, "csv-wide")), strict=True))
    assert wide["PL2:1"] == "-5"
