"""What the spreadsheet formats (CSV, Excel) share: the metadata rows and formula safety.

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
could be run as a formula by a spreadsheet (CSV injection, OWASP). :func:`neutralise`
puts an apostrophe in front of it, and in front of a text that already starts with
one so that :func:`restore` can undo it without loss. Numbers are never neutralised:
``-5`` is a number.

>>> neutralise("=SUM(A1:A9)"), restore(neutralise("=SUM(A1:A9)"))
("'=SUM(A1:A9)", '=SUM(A1:A9)')
>>> neutralise("'quoted"), restore("''quoted")
("''quoted", "'quoted")
"""

from __future__ import annotations

import re
from typing import Final

from .interchange import FORMAT, VERSION
from .reading import METADATA
from .table import ReportTable

__all__ = [
    "REPORT_ROW",
    "metadata_rows",
    "neutralise",
    "restore",
    "xml_escape",
    "xml_unescape",
]

_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r", "'")

REPORT_ROW: Final = "report"
"""The ``template`` column of the metadata rows of a tidy CSV."""


def neutralise(text: str) -> str:
    """``text`` made safe for a spreadsheet cell (see the module's docstring)."""
    return "'" + text if text.startswith(_TRIGGERS) else text


def restore(text: str) -> str:
    """Undo :func:`neutralise`."""
    return text.removeprefix("'")


_OOXML_ESCAPED: Final = re.compile(r"_x([0-9A-Fa-f]{4})_")
_XML_ILLEGAL: Final = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_escape(text: str) -> str:
    r"""``text`` as an Office Open XML string (``ST_Xstring``) that any XML parser keeps.

    Characters XML cannot hold (control characters, lone surrogates) and the carriage
    return (which XML parsers turn into a line feed) are written ``_xHHHH_``, as Excel
    does; a literal ``_xHHHH_`` is protected as ``_x005F_xHHHH_``.

    >>> xml_escape("a\x01b\rc"), xml_escape("_x0041_")
    ('a_x0001_b_x000D_c', '_x005F_x0041_')
    >>> xml_unescape(xml_escape("a\x01b_x0041_\r")) == "a\x01b_x0041_\r"
    True
    """
    text = _OOXML_ESCAPED.sub(lambda m: "_x005F" + m.group(0), text)
    return _XML_ILLEGAL.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text)


def xml_unescape(text: str) -> str:
    """Undo :func:`xml_escape` (and read Excel's own escapes)."""
    if "_x" not in text:
        return text
    return _OOXML_ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


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
