"""Tidy export: many reports as one table, one row per reported cell (extra ``analytics``).

For people who analyse years of reports with pandas, polars, DuckDB or Spark: every
cell of every report becomes a row that names its unit, period, template and indicator
(the columns: :func:`to_records`). :func:`to_records` needs nothing; :func:`to_pandas`,
:func:`to_polars` and :func:`to_parquet` need the extra ``analytics``
(``pip install 'cchc-model[analytics]'``), imported only when they run.

Values are exact: ``value`` is the value as written (``"70.10"`` keeps its zero, codes
and counts are digits), and ``number`` is the same value as a float for arithmetic.
A query that needs exact decimals casts ``value`` (``CAST(value AS DECIMAL(38, 6))`` in
DuckDB).

>>> from cchc_model import example
>>> records = to_records({"huong-son.json": example()})
>>> len(records), records[0]["template"], records[0]["code"], records[0]["value"]
(61, 'PL2', '1', '13')
>>> row = next(r for r in records if (r["template"], r["code"]) == ("PL8", "6.4"))
>>> row["value"], row["number"], row["unit_of_measure"], row["source"]
('70.1', 70.1, '%', 'huong-son.json')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Final

from .._model.atomic import replacing
from .._model.collector import paused
from .._model.extras import require
from .._model.public import publish
from .._model.report import Report, ReportInfo, named_reports
from .._model.template import Template, cells
from .._model.units import Code, Kind

__all__ = ["COLUMNS", "to_pandas", "to_parquet", "to_polars", "to_records"]

COLUMNS: Final = (
    "source",
    "unit",
    "unit_code",
    "agency",
    "level",
    "province",
    "district",
    "period",
    "year",
    "edition",
    "template",
    "code",
    "title",
    "unit_of_measure",
    "kind",
    "value",
    "number",
    "label",
    "note",
)
"""The columns of the tidy table, in order (described in :func:`to_records`)."""

_STRING_COLUMNS: Final = tuple(c for c in COLUMNS if c not in ("year", "number"))


def _info(name: str | None, info: ReportInfo, edition: str) -> tuple[Any, ...]:
    return (
        name,
        info.unit_key,
        info.unit_code,
        info.agency,
        info.level.value,
        info.province,
        info.district,
        info.period.value,
        info.year,
        edition,
    )


_Row = tuple[str | None, str, tuple[str, str, str, str | None, str], bool]


_ROWS: Final[dict[type[Template], tuple[_Row, ...]]] = {}


def _rows_of(cls: type[Template]) -> tuple[_Row, ...]:
    """Per row of ``cls``: its attribute, code, indicator columns, and whether coded."""
    found = _ROWS.get(cls)
    if found is None:
        out: list[_Row] = []
        for row in cls.spec.indicators:
            kind = row.kind
            label = kind.value if kind else "heading"
            meta = (row.template, row.code, row.title, row.unit_text, label)
            out.append((row.attribute, row.code, meta, kind is Kind.CODE))
        found = _ROWS[cls] = tuple(out)
    return found


def _columns(reports: object, *, blanks: bool) -> dict[str, list[Any]]:
    """The tidy table as columns (lists of equal length, keyed as :data:`COLUMNS`).

    Built with the garbage collector off (:func:`~cchc_model._model.collector.paused`):
    a row is a tuple, and the collections that hundreds of thousands of them set off
    walked every report again each time, finding nothing (40 % of the time).
    """
    with paused():
        return _build_columns(reports, blanks=blanks)


def _build_columns(reports: object, *, blanks: bool) -> dict[str, list[Any]]:
    rows: list[tuple[Any, ...]] = []
    append = rows.append
    for name, report in named_reports(reports):
        head = _info(name, report.info, report.edition)
        for tpl in report.templates.values():
            state = cells(tpl)
            notes = dict(tpl.notes)
            for attribute, code, meta, coded in _rows_of(type(tpl)):
                value = None if attribute is None else state[attribute]
                note = notes.get(code) if notes else None
                if value is None:
                    if note is None and (attribute is None or not blanks):
                        continue  # a heading is a row only when it has a note
                    append((*head, *meta, None, None, None, note))
                elif coded:
                    label = value.label if isinstance(value, Code) else None
                    append((*head, *meta, str(int(value)), float(value), label, note))
                else:
                    append((*head, *meta, str(value), float(value), None, note))
    if not rows:
        return {column: [] for column in COLUMNS}
    return {
        column: list(values)
        for column, values in zip(COLUMNS, zip(*rows, strict=True), strict=True)
    }


def to_records(
    reports: Iterable[Report] | Mapping[str, Report], *, blanks: bool = False
) -> list[dict[str, Any]]:
    """Every reported cell of ``reports`` as a row: a list of dicts, keyed by the columns.

    The columns, in order: ``source``: the file the report came from (``None`` when not
    given); ``unit``: the unit's identifier (``unit_code``, else agency, district and
    province); ``unit_code``, ``agency``, ``level`` (``"commune"``…), ``province``,
    ``district``, ``period`` (``"h1"``…), ``year`` and ``edition``: the report's
    metadata; ``template``, ``code``, ``title``, ``unit_of_measure`` (the *Đơn vị tính*
    cell) and ``kind`` (``"count"``, ``"percent"``, ``"money"``, ``"code"``, or
    ``"heading"`` for a group heading, given only when it has a note): the indicator;
    ``value``: the value exactly as written, as text (``None`` when blank); ``number``:
    the value as a float; ``label``: a code's label (``"Có"``); ``note``: the row's
    *Ghi chú*. :func:`to_pandas`, :func:`to_polars` and :func:`to_parquet` have the same
    columns.

    Args:
        reports: The reports, or a mapping of file name to report (the ``source``
            column).
        blanks: Also give the blank cells of the templates filed (``value`` ``None``);
            a blank cell with a note is always given.

    Raises:
        ValueTypeError: ``reports`` is not reports.

    >>> from cchc_model import example
    >>> first = to_records([example()])[0]
    >>> first["unit"], first["period"], first["template"], first["code"], first["value"]
    ('UBND xã Hương Sơn, Nam Đông, Thừa Thiên Huế', 'h1', 'PL2', '1', '13')
    >>> print(*first)
    source unit unit_code agency level province district period year edition template code
    title unit_of_measure kind value number label note
    """
    columns = _columns(reports, blanks=blanks)
    with paused():  # a dict a row: see _columns
        return [dict(zip(COLUMNS, row, strict=True)) for row in zip(*columns.values(), strict=True)]


def to_pandas(reports: Iterable[Report] | Mapping[str, Report], *, blanks: bool = False) -> Any:  # noqa: ANN401  # a pandas.DataFrame, imported on demand
    """The tidy table of :func:`to_records` as a ``pandas.DataFrame`` (extra ``analytics``).

    Text columns are pandas strings, ``year`` is an ``int64`` and ``number`` a
    ``float64`` (``NaN`` when blank). Arguments as :func:`to_records`.

    Raises:
        MissingExtraError: pandas is not installed.

    The example needs the extra, which the test suite does not install (see
    ``tests/test_export.py``):

    >>> from cchc_model import example
    >>> frame = to_pandas([example()])
    >>> frame.shape, str(frame["number"].dtype)
    ((61, 19), 'float64')
    """
    pd = require("pandas")
    columns = _columns(reports, blanks=blanks)
    data = {
        column: pd.Series(
            values,
            dtype="string"
            if column in _STRING_COLUMNS
            else "int64"
            if column == "year"
            else "float64",
        )
        for column, values in columns.items()
    }
    return pd.DataFrame(data)


def to_polars(reports: Iterable[Report] | Mapping[str, Report], *, blanks: bool = False) -> Any:  # noqa: ANN401  # a polars.DataFrame, imported on demand
    """The tidy table of :func:`to_records` as a ``polars.DataFrame`` (extra ``analytics``).

    Text columns are ``String``, ``year`` an ``Int32`` and ``number`` a ``Float64``.
    Arguments as :func:`to_records`.

    Raises:
        MissingExtraError: polars is not installed.

    The example needs the extra, which the test suite does not install (see
    ``tests/test_export.py``):

    >>> from cchc_model import example
    >>> frame = to_polars([example()])
    >>> frame.shape, str(frame.schema["year"])
    ((61, 19), 'Int32')
    """
    pl = require("polars")
    schema = {
        column: pl.String
        if column in _STRING_COLUMNS
        else pl.Int32
        if column == "year"
        else pl.Float64
        for column in COLUMNS
    }
    return pl.DataFrame(_columns(reports, blanks=blanks), schema=schema)


def to_parquet(
    reports: Iterable[Report] | Mapping[str, Report], path: str | Path, *, blanks: bool = False
) -> None:
    """Write the tidy table of :func:`to_records` to a Parquet file (extra ``analytics``).

    Text columns are UTF-8 strings (dictionary-encoded by Parquet), ``year`` an
    ``int32`` and ``number`` a ``double``; the file's metadata names the format
    (``cchc_model.tidy`` = ``1``). Arguments as :func:`to_records`. The file is written
    whole or not at all (to a temporary file beside it, moved into place when complete).

    Raises:
        MissingExtraError: pyarrow is not installed.

    The example needs the extra, which the test suite does not install (see
    ``tests/test_export.py``):

    >>> import tempfile, pathlib
    >>> from cchc_model import example
    >>> path = pathlib.Path(tempfile.mkdtemp(), "reports.parquet")
    >>> to_parquet([example()], path)
    >>> import pyarrow.parquet
    >>> pyarrow.parquet.read_table(path).num_rows
    61
    """
    pa = require("pyarrow")
    pq = require("pyarrow.parquet")
    fields = [
        pa.field(
            column,
            pa.string()
            if column in _STRING_COLUMNS
            else pa.int32()
            if column == "year"
            else pa.float64(),
        )
        for column in COLUMNS
    ]
    schema = pa.schema(fields, metadata={"cchc_model.tidy": "1"})
    table = pa.table(_columns(reports, blanks=blanks), schema=schema)
    with replacing(path) as temporary:  # whole or not at all
        pq.write_table(table, str(temporary))


publish(globals())  # cchc_model.Name, not this module: see _model/public.py
