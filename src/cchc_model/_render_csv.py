"""CSV, tidy and wide, from the table model.

Both are UTF-8 with a byte-order mark (so that Excel shows Vietnamese), comma
separated, lines ended by CRLF (RFC 4180). Values are written the Vietnamese way
(``78,94``, ``2.715``, ``3,887``; codes as their number), so that a person can fill the
file in as they write numbers; a program reads them with ``decimal=","`` and
``thousands="."`` (pandas). Text cells are neutralised against formulas
(:func:`~cchc_model._tabular.neutralise`).

**Tidy** (``"csv"``): the columns ``template, code, title, unit, value, note``; first
one row per metadata field (template ``report``, the field in ``code``, its label in
``title``), then one row per row of each carried appendix, headings included so that
their notes travel too. :func:`cchc_model.read` reads it back without loss.

**Wide** (``"csv-wide"``): a header and one row for the report: the metadata, then one
column ``PL2:2.1`` per value-holding row of every template of the edition, blank when
the report does not carry the template. Files of many reports of one edition have the
same columns and stack. Notes are not in the wide form.

>>> import cchc_model
>>> lines = cchc_model.render(cchc_model.example(), "csv").splitlines()
>>> for line in lines[0][1:], lines[4], lines[18]:  # lines[0][0] is the byte-order mark
...     print(line)
template,code,title,unit,value,note
report,agency,Cơ quan báo cáo,,UBND xã Hương Sơn,
PL2,2,Tỷ lệ hoàn thành Kế hoạch CCHC năm (Lũy kế đến thời điểm báo cáo),%,"78,94",
"""

from __future__ import annotations

import csv
import io
from typing import Final

from ._catalog import edition as get_edition
from ._table import ReportTable
from ._tabular import REPORT_ROW, metadata_rows, neutralise

__all__ = ["COLUMNS", "render_csv", "render_csv_wide"]

COLUMNS: Final = ("template", "code", "title", "unit", "value", "note")
"""The columns of the tidy CSV."""

_BOM: Final = "\ufeff"
_WIDE_SKIP: Final = frozenset({"format", "version"})
"""Metadata the wide form leaves out: its columns already say what the file is."""


def render_csv(table: ReportTable) -> str:
    """The report as a tidy CSV (see the module's docstring)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(
        (REPORT_ROW, key, label, "", neutralise(value), "")
        for key, label, value in metadata_rows(table)
    )
    writer.writerows(
        (
            template.template,
            row.code,
            neutralise(row.title),
            neutralise(row.unit),
            row.text,  # a number, never neutralised: "-5" is minus five
            neutralise(row.note or ""),
        )
        for template in table
        for row in template.rows
    )
    return _BOM + buffer.getvalue()


def render_csv_wide(table: ReportTable) -> str:
    """The report as one row of a wide CSV (see the module's docstring).

    >>> import csv, io, cchc_model
    >>> text = cchc_model.render(cchc_model.example(), "csv-wide")
    >>> header, row = csv.reader(io.StringIO(text[1:]))
    >>> [(name, value) for name, value in zip(header, row)][12:16]
    [('province', 'Thừa Thiên Huế'), ('district', 'Nam Đông'), ('PL2:1', '13'), ('PL2:2', '78,94')]
    """
    meta = [(key, value) for key, _, value in metadata_rows(table) if key not in _WIDE_SKIP]
    carried = {t.template: {r.code: r.text for r in t.rows} for t in table}
    header = [key for key, _ in meta]
    values = [neutralise(value) for _, value in meta]
    for cls in get_edition(table.edition).classes:
        spec = cls.spec
        texts = carried.get(spec.id, {})
        for indicator in spec.value_indicators:
            header.append(f"{spec.id}:{indicator.code}")
            values.append(texts.get(indicator.code, ""))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerow(values)
    return _BOM + buffer.getvalue()
