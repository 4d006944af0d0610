"""``read``: one entry point for every format a report is read from.

>>> import cchc_model
>>> report, warnings = cchc_model.read(cchc_model.render(cchc_model.example(), "csv").encode())
>>> report == cchc_model.example(), warnings
(True, ())
"""

from __future__ import annotations

import codecs
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Final, Literal, NamedTuple

import attrs

from .._model import files
from .._model.errors import Problem, ReportFormatError, ValueTypeError
from .._model.report import Report
from .cells import header_columns
from .csv import sniff_delimiter
from .interchange import loads
from .reading import INFO_FIELDS, Collector, build_info

__all__ = ["EXTENSIONS", "READ_FORMATS", "ReadFormat", "ReadResult", "format_of", "read"]

ReadFormat = Literal["json", "csv", "xlsx", "text"]

READ_FORMATS: Final[tuple[str, ...]] = ("json", "csv", "xlsx", "text")
"""The formats :func:`read` reads."""

EXTENSIONS: Final = {
    ".json": "json",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".txt": "text",
    ".md": "text",
    ".markdown": "text",
}
"""The file extensions :func:`read` knows, and their formats."""

_UTF16: Final = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_HEAD: Final = 4096
"""How much of a file its format is guessed from."""
_NOT_READ: Final = {
    ".docx": (
        "Word files are written, not read: save the document as plain text (.txt) and read that",
        "tệp Word chỉ được ghi, không được đọc: hãy lưu văn bản dưới dạng .txt rồi đọc tệp đó",
    ),
    ".doc": (
        "Word files are not read: save the document as plain text (.txt) and read that",
        "tệp Word không được đọc: hãy lưu văn bản dưới dạng .txt rồi đọc tệp đó",
    ),
    ".xls": (
        "old Excel files (.xls) are not read: save the workbook as .xlsx",
        "tệp Excel cũ (.xls) không được đọc: hãy lưu lại dưới dạng .xlsx",
    ),
    ".ods": (
        "OpenDocument spreadsheets are not read: save the workbook as .xlsx",
        "tệp OpenDocument không được đọc: hãy lưu lại dưới dạng .xlsx",
    ),
}


class ReadResult(NamedTuple):
    """What :func:`read` returns: the report and the doubtful readings.

    Unpack it (``report, warnings = read(path)``) or use its fields.

    Attributes:
        report: The report read.
        warnings: Each reading that could be doubted, as a :class:`~cchc_model.Problem`
            whose ``path`` is the cell (``'Phụ lục 7'!D8``, ``line 12, value``).
    """

    report: Report
    warnings: tuple[Problem, ...]


def format_of(name: str | os.PathLike[str] | None, data: bytes) -> str:
    r"""The format of a file, from its extension, else from its first bytes.

    Raises:
        ReportFormatError: A known format that is not read (``.docx``, ``.xls``…).

    >>> format_of("report.XLSX", b""), format_of(None, b'{"format": "cchc-report"}')
    ('xlsx', 'json')
    >>> format_of(None, b"template,code,title,unit,value,note\r\n")
    'csv'
    >>> format_of(None, "\ufefftemplate;code;value\r\n".encode("utf-16"))
    'csv'
    """
    if name is not None:
        suffix = Path(name).suffix.lower()
        if suffix in EXTENSIONS:
            return EXTENSIONS[suffix]
        if suffix in _NOT_READ:
            en, vi = _NOT_READ[suffix]
            raise ReportFormatError([Problem("file", en, vi)], source=os.fspath(name))
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    text = _head(data).lstrip("\ufeff \t\r\n")
    if text.startswith("{"):
        return "json"
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = sniff_delimiter(first)
    if {"template", "code", "value"} <= set(header_columns(first.split(delimiter), exact=True)):
        return "csv"
    return "text"


def _head(data: bytes) -> str:
    """The first characters of a text file, in UTF-16 when it has that mark, else UTF-8."""
    head = data[:_HEAD]
    encoding = json.detect_encoding(head) if head.startswith(_UTF16) else "utf-8"
    return head.decode(encoding, errors="replace")


def _apply_info(report: Report, info: Mapping[str, object], source: str | None) -> Report:
    out = Collector(source)
    fields = {key: (getattr(report.info, key), "report") for key in INFO_FIELDS}
    new = build_info(fields, out, overrides=info)
    out.check()
    assert new is not None  # noqa: S101  # no problems means it was built
    return attrs.evolve(report, info=new)


def _load(source: str | os.PathLike[str] | bytes | bytearray) -> tuple[bytes, str | None]:
    """The input's bytes (at most :data:`~cchc_model._model.files.MAX_BYTES`) and name."""
    if not isinstance(source, (str, os.PathLike, bytes, bytearray)):
        raise ValueTypeError(
            template=None,
            code=None,
            attribute="source",
            expected="a path (str or os.PathLike) or the file's bytes",
            value=source,
        )
    name = None
    try:
        if isinstance(source, (bytes, bytearray)):
            files.check_length(source)
            return bytes(source), None
        name = os.fspath(source)
        return files.read_path(name), name
    except files.Unreadable as exc:
        shown = repr(name) if name is not None and "\0" in name else name
        raise ReportFormatError([Problem("file", exc.en, exc.vi)], source=shown) from None


def read(
    source: str | os.PathLike[str] | bytes | bytearray,
    format: ReadFormat | None = None,  # noqa: A002  # the word users expect
    *,
    info: Mapping[str, object] | None = None,
) -> ReadResult:
    r"""Read a report from a file or its bytes, in any format cchc_model reads.

    ``"json"``
        the interchange format (:func:`~cchc_model.loads`);
    ``"csv"``
        a tidy CSV as ``render(report, "csv")`` writes it, or filled in by hand;
    ``"xlsx"``
        a workbook as ``render(report, "xlsx")`` writes it, or filled in by hand
        (needs the ``xlsx`` extra); the file is checked before it is parsed;
    ``"text"``
        the text tables of a report saved from Word as text (``.txt``, ``.md``): the
        appendices' tab-separated rows, and the metadata the document states.

    A form filled in by hand is read as its writer meant where that is clear (blank
    cells, numbers typed as text in Vietnamese notation, ``01``, ``78,94%``, ``2.1.``);
    each reading that could be doubted is returned as a warning with its cell.

    Args:
        source: A path (``str`` or ``os.PathLike``), or the file's content as ``bytes``.
        format: The format; by default from the extension, else from the content.
        info: Metadata to set or replace, by :class:`~cchc_model.ReportInfo` field
            (``{"province": "Thừa Thiên Huế"}``): what the document does not say.
            Values may be typed (``AdminLevel.COMMUNE``) or text (``"commune"``,
            ``"cấp xã"``, ``"10/6/2024"``); ``None`` removes a field.

    Returns:
        The report and the warnings.

    Raises:
        ReportFormatError: The input cannot be read; every problem is listed with its
            cell or line, in English and Vietnamese.
        MissingExtraError: An Excel file without the ``xlsx`` extra.

    >>> import cchc_model
    >>> filled = (
    ...     "template;code;value\r\n"
    ...     "report;agency;UBND xã A\r\nreport;level;cấp xã\r\nreport;period;h1\r\n"
    ...     "report;year;2024\r\nPL2;2.1.;019\r\nPL2;2.2;15\r\n"
    ... )
    >>> report, warnings = cchc_model.read(filled.encode(), info={"place": "A"})
    >>> report.pl2.plan_tasks, report.info.place, [w.path for w in warnings]
    (19, 'A', ['line 6, value'])
    >>> cchc_model.read(b"template,code,value\r\nPL9,1,2\r\n")
    Traceback (most recent call last):
    ...
    cchc_model.ReportFormatError: cannot read the report: 5 problems
      line 2, template: unknown template 'PL9' (templates: PL2, PL3, PL4, PL5, PL6, PL7, PL8)
      report.agency: the report's agency is missing; ...
    ...
    """
    if format is not None and format not in READ_FORMATS:
        raise ValueTypeError(
            template=None,
            code=None,
            attribute="format",
            expected=f"one of {', '.join(READ_FORMATS)} or None",
            value=format,
        )
    data, name = _load(source)
    if len(data) <= _HEAD and not _head(data).strip("\ufeff \t\r\n\x00"):
        raise ReportFormatError([Problem("file", "the file is empty", "tệp rỗng")], source=name)
    kind = format if format is not None else format_of(name, data)
    if kind == "json":
        report = loads(data, source=name)
        return ReadResult(_apply_info(report, info, name) if info else report, ())
    if kind == "csv":
        from .csv import read_csv  # noqa: PLC0415  # loaded for its format only

        return ReadResult(*read_csv(data, source=name, overrides=info))
    if kind == "xlsx":
        from .xlsx import read_xlsx  # noqa: PLC0415  # loaded for its format only

        return ReadResult(*read_xlsx(data, source=name, overrides=info))
    from .text import read_text_tables  # noqa: PLC0415  # loaded for its format only

    return ReadResult(*read_text_tables(data, source=name, overrides=info))
