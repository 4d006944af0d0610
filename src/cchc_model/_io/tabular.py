"""What the spreadsheet formats (CSV, Excel) share: the metadata rows and XML escapes.

The formula rule they share too (:func:`~cchc_model._io.table.neutralise`) lives with
the other text rules, on the table model.
"""

from __future__ import annotations

import re
from typing import Final

from .interchange import FORMAT, VERSION
from .reading import METADATA
from .table import CONTROL_CHARACTERS, ReportTable, TableRow

__all__ = [
    "REPORT_ROW",
    "exact_text",
    "metadata_rows",
    "xml_escape",
    "xml_unescape",
]

REPORT_ROW: Final = "report"
"""The ``template`` column of the metadata rows of a tidy CSV."""


_OOXML_ESCAPED: Final = re.compile(r"_x([0-9A-Fa-f]{4})_")
_XML_ESCAPED: Final = re.compile(f"{CONTROL_CHARACTERS.pattern}|\r")


def xml_escape(text: str) -> str:
    r"""``text`` as an Office Open XML string (``ST_Xstring``) that any XML parser keeps.

    The characters :data:`~cchc_model._io.table.CONTROL_CHARACTERS` names (XML cannot
    hold most of them) and the carriage return (which XML parsers turn into a line
    feed) are written ``_xHHHH_``, as Excel does, so that they read back exactly; a
    literal ``_xHHHH_`` is protected as ``_x005F_xHHHH_``.

    >>> xml_escape("a\x01b\rc"), xml_escape("_x0041_")
    ('a_x0001_b_x000D_c', '_x005F_x0041_')
    >>> xml_unescape(xml_escape("a\x01b_x0041_\r")) == "a\x01b_x0041_\r"
    True
    """
    text = _OOXML_ESCAPED.sub(lambda m: "_x005F" + m.group(0), text)
    return _XML_ESCAPED.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text)


def xml_unescape(text: str) -> str:
    """Undo :func:`xml_escape` (and read Excel's own escapes)."""
    if "_x" not in text:
        return text
    return _OOXML_ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


def exact_text(row: TableRow) -> str:
    """A row's value as the spreadsheet formats write it: as shown, and exactly.

    The text of the table model (``78,94``, ``2.715``), a negative zero with its sign
    (``-0,00``): a value written so is kept as written, and read back so.

    >>> from decimal import Decimal
    >>> import cchc_model
    >>> report = cchc_model.example().with_templates(
    ...     cchc_model.PublicFinance(investment_planned=Decimal("-0.00"))
    ... )
    >>> row = cchc_model.table_model(report)["PL7"].row("1.1")
    >>> row.text, exact_text(row)
    ('-0,00', '-0,00')
    """
    return row.text


def metadata_rows(table: ReportTable) -> list[tuple[str, str, str]]:
    """``(field, label, value)`` for every metadata field, a blank value as ``""``.

    Values are written as the interchange format writes them: ``commune``, ``h1``,
    ``2024-06-10``.

    >>> import cchc_model
    >>> for row in metadata_rows(cchc_model.table_model(cchc_model.example()))[:7]:
    ...     print(row)
    ('format', 'Định dạng', 'cchc-report')
    ('version', 'Phiên bản định dạng', '1')
    ('edition', 'Bộ biểu mẫu', '2024')
    ('agency', 'Cơ quan báo cáo', 'UBND xã Hương Sơn')
    ('level', 'Cấp hành chính', 'commune')
    ('period', 'Kỳ báo cáo', 'h1')
    ('year', 'Năm báo cáo', '2024')
    """
    info = table.info
    values: dict[str, object] = {
        "format": FORMAT,
        "version": VERSION,
        "edition": table.edition,
        "level": info.level.value,
        "period": info.period.value,
        "date": info.date.isoformat() if info.date else None,
    }
    rows = []
    for field in METADATA:
        key = field.key
        value = values[key] if key in values else getattr(info, key)
        rows.append((key, field.vi, "" if value is None else str(value)))
    return rows
