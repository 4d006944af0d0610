"""The bundled example is the reference report, every filled cell exactly as reported."""

from __future__ import annotations

from decimal import Decimal

from cchc_model import Kind, edition, example
from cchc_model._model.example import example_json
from reference import SourceRow


def _as_reported(row: SourceRow, kind: Kind | None) -> int | Decimal:
    """Read a printed cell the way the appendix writes it (78,94% / 3,887 / 01)."""
    text = row.value.removesuffix("%")
    if kind in (Kind.PERCENT, Kind.MONEY):
        return Decimal(text.replace(",", "."))
    return int(text)


def test_every_filled_cell_is_in_the_example(source_rows: list[SourceRow]) -> None:
    report = example()
    filled = [r for r in source_rows if r.value]
    assert len(filled) == 61
    for src in filled:
        row = edition().indicator(src.template, src.code)
        expected = _as_reported(src, row.kind)
        got = report.value(src.template, src.code)
        assert got == expected, (src.template, src.code)
        assert str(got) == str(expected)  # the written precision too


def test_the_example_has_nothing_else(source_rows: list[SourceRow]) -> None:
    printed = {(r.template, r.code) for r in source_rows if r.value}
    ours = {(tid, code) for tid, tpl in example().templates.items() for code in tpl.filled()}
    assert ours == printed


def test_rule_breaking_values_are_kept_as_written() -> None:
    report = example()
    assert report.value("PL8", "2") == 3  # outside Chưa có = 0, 2 cấp = 1, 3 cấp = 2
    assert report.value("PL2", "2") == Decimal("78.94")  # 15/19 is 78.947…
    assert report.value("PL7", "1.1") == Decimal("3.887")  # as printed: 3,887


def test_all_seven_appendices_are_carried() -> None:
    assert list(example().templates) == ["PL2", "PL3", "PL4", "PL5", "PL6", "PL7", "PL8"]


def test_example_is_shipped_as_json() -> None:
    assert example_json().startswith('{\n  "format": "cchc-report"')
    assert example() is example()
