"""Tidy export of many reports: records, pandas, polars, Parquet."""

from __future__ import annotations

import importlib
import importlib.util
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

from cchc_model import (
    CchcError,
    MissingExtraError,
    ValueTypeError,
    example,
    to_pandas,
    to_parquet,
    to_polars,
    to_records,
)
from cchc_model._consolidation.export import COLUMNS

needs = {
    name: pytest.mark.skipif(
        importlib.util.find_spec(name) is None, reason=f"{name} is not installed (extra analytics)"
    )
    for name in ("pandas", "polars", "pyarrow")
}


def _two_years() -> dict[str, Any]:
    this = example()
    pl2 = this.pl2
    assert pl2 is not None
    last = attrs.evolve(this, info=attrs.evolve(this.info, year=2023, unit_code="19897"))
    last = last.with_templates(pl2.replace({}, notes={"5": "ghi chú"}))
    return {"2023.json": last, "2024.json": this}


def test_one_row_per_filled_cell_with_its_unit_and_period() -> None:
    records = to_records(_two_years())
    assert len(records) == 61 + 61 + 1  # the note of a blank row is a row too
    assert all(tuple(r) == COLUMNS for r in records)
    first = records[0]
    assert first["source"] == "2023.json"
    assert (first["unit"], first["unit_code"], first["year"]) == ("19897", "19897", 2023)
    assert first["level"] == "commune"
    assert first["period"] == "h1"
    note = next(r for r in records if r["note"])
    assert (note["code"], note["kind"], note["value"], note["number"], note["note"]) == (
        "5",
        "heading",
        None,
        None,
        "ghi chú",
    )


def test_values_keep_their_written_digits() -> None:
    records = {(r["template"], r["code"]): r for r in to_records([example()])}
    rate = records["PL2", "2"]
    assert (rate["value"], rate["number"], rate["kind"]) == ("78.94", 78.94, "percent")
    money = records["PL7", "1.1"]
    assert (money["value"], money["unit_of_measure"]) == ("3.887", "Triệu đồng")
    assert Decimal(money["value"]) == Decimal("3.887")
    code = records["PL2", "7"]
    assert (code["value"], code["number"], code["label"], code["kind"]) == ("1", 1.0, "Có", "code")
    outside = records["PL8", "2"]  # 3 is not in the code list: kept as written
    assert (outside["value"], outside["label"]) == ("3", None)
    assert records["PL2", "1"]["source"] is None


def test_blanks_when_asked() -> None:
    records = to_records([example()], blanks=True)
    total = sum(len(t.spec.value_indicators) for t in example().templates.values())
    assert len(records) == total
    assert sum(r["value"] is None for r in records) == total - 61


def test_nothing_gives_an_empty_table() -> None:
    assert to_records([]) == []


@pytest.mark.parametrize("junk", [None, 1, "€", example(), [None], ["x"], {"a": 1}])
def test_junk_is_refused(junk: Any) -> None:
    with pytest.raises(ValueTypeError):
        to_records(junk)


@needs["pandas"]
def test_pandas() -> None:
    frame = to_pandas(_two_years())
    assert list(frame.columns) == list(COLUMNS)
    assert len(frame) == 123
    assert str(frame["year"].dtype) == "int64"
    assert frame["number"].isna().sum() == 1
    by_year = frame[frame["code"] == "3.3.1"].groupby("year")["number"].sum()
    assert by_year.to_dict() == {2023: 276.0, 2024: 276.0}
    assert len(to_pandas([])) == 0


@needs["polars"]
def test_polars() -> None:
    import polars as pl  # noqa: PLC0415

    frame = to_polars(_two_years())
    assert frame.columns == list(COLUMNS)
    assert frame.height == 123
    assert frame.schema["value"] == pl.String
    total = frame.filter(pl.col("code") == "6.4.1")["number"].sum()
    assert total == 562
    assert to_polars([]).height == 0


@needs["pyarrow"]
@needs["polars"]
def test_parquet(tmp_path: Path) -> None:
    import polars as pl  # noqa: PLC0415  # reads Parquet, and is typed

    path = tmp_path / "reports.parquet"
    to_parquet(_two_years(), path)
    table = pl.read_parquet(path)
    assert table.columns == list(COLUMNS)
    assert table.height == 123
    assert table["value"].to_list()[:2] == ["13", "78.94"]
    assert table.schema["year"] == pl.Int32
    assert pl.read_parquet_metadata(path)["cchc_model.tidy"] == "1"


@pytest.mark.parametrize(
    ("function", "module"),
    [(to_pandas, "pandas"), (to_polars, "polars"), (to_parquet, "pyarrow")],
)
def test_a_missing_extra_is_named(
    monkeypatch: pytest.MonkeyPatch, function: Any, module: str
) -> None:
    real_import = importlib.import_module

    def no_module(name: str, package: str | None = None) -> Any:
        if name.partition(".")[0] == module:
            raise ImportError(name)
        return real_import(name, package)

    monkeypatch.setattr(importlib, "import_module", no_module)
    arguments = ([example()], "x.parquet") if function is to_parquet else ([example()],)
    with pytest.raises(MissingExtraError) as caught:
        function(*arguments)
    error = caught.value
    assert isinstance(error, ImportError)
    assert isinstance(error, CchcError)
    assert (error.module, error.extra) == (module, "analytics")
    assert "pip install 'cchc-model[analytics]'" in str(error)
    assert "analytics" in error.message("vi")
