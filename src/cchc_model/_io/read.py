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
from .._model.public import publish
from .._model.report import Report
from .interchange import loads
from .legacy import LEGACY

# Each format's reader, and what only they need (archives, the row pipeline, LibreOffice),
# is imported when a file of its format is read: reading JSON loads none of them.

__all__ = ["EXTENSIONS", "LEGACY", "READ_FORMATS", "ReadFormat", "ReadResult", "format_of", "read"]

ReadFormat = Literal["json", "csv", "xlsx", "docx", "html", "text"]

READ_FORMATS: Final[tuple[str, ...]] = ("json", "csv", "xlsx", "docx", "html", "text")
"""The formats :func:`read` reads."""

EXTENSIONS: Final = {
    ".json": "json",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".md": "text",
    ".markdown": "text",
}
"""The file extensions :func:`read` knows, and their formats (and :data:`LEGACY`'s)."""

_UTF16: Final = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_HEAD: Final = 4096
"""How much of a file its format is guessed from."""
_PICTURES: Final = {
    ".pdf": b"%PDF",
    ".png": b"\x89PNG",
    ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff",
    ".gif": b"GIF8",
    ".tif": b"II*\x00",
    ".tiff": b"MM\x00*",
    ".bmp": b"BM",
    ".webp": b"RIFF",
    ".heic": b"",
}
"""PDF files and images: refused, with the formats that are read."""
_OLE: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The start of an old Office file (.doc, .xls)."""


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


def _refused(source: str | None) -> ReportFormatError:
    read_ = ", ".join([*EXTENSIONS, *LEGACY])
    return ReportFormatError(
        [
            Problem(
                "file",
                "PDF files and images are not read (their tables are drawn, not data): read the"
                f" file the report was written in ({read_})",
                "không đọc tệp PDF và ảnh (bảng trong đó là hình vẽ, không phải dữ liệu): hãy đọc"
                f" tệp gốc của báo cáo ({read_})",
            )
        ],
        source=source,
    )


def _zip_format(data: bytes) -> str:
    """``docx``, ``xlsx``, or the suffix of an OpenDocument file, from an archive's parts."""
    head = data[:2000]
    if b"word/" in head:
        return "docx"
    if b"mimetype" in head and b"opendocument.text" in head:
        return ".odt"
    if b"mimetype" in head and b"opendocument.spreadsheet" in head:
        return ".ods"
    import io  # noqa: PLC0415  # see the imports
    import zipfile  # noqa: PLC0415

    from .archive import MAX_MEMBERS  # noqa: PLC0415

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist()[:MAX_MEMBERS])
    except (zipfile.BadZipFile, OSError, ValueError):
        return "xlsx"  # the xlsx reader says what is wrong with it
    return "docx" if "word/document.xml" in names else "xlsx"


def _convert(data: bytes, suffix: str, name: str | None) -> bytes:
    """An older office file converted by LibreOffice (:mod:`~cchc_model._io.legacy`)."""
    from .legacy import convert  # noqa: PLC0415  # see the imports

    try:
        return convert(data, suffix, name)
    except ReportFormatError:
        if name is not None or not data.startswith(_OLE):
            raise
        return convert(data, ".xls", name)  # an old file without its name may be a workbook


def _kind(name: str | os.PathLike[str] | None, data: bytes) -> str:  # noqa: PLR0911  # one return a format
    """The format of a file (:data:`READ_FORMATS`), or the suffix of a :data:`LEGACY` one."""
    source = os.fspath(name) if name is not None else None
    suffix = _suffix(source) if source is not None else ""
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    if suffix in LEGACY:
        return suffix
    if suffix in _PICTURES or any(data.startswith(m) for m in _PICTURES.values() if m):
        raise _refused(source)
    if data.startswith(b"PK\x03\x04"):
        return _zip_format(data)
    if data.startswith(_OLE):
        return ".doc"  # an old Word file or workbook: LibreOffice tells them apart
    text = _head(data).lstrip("\ufeff \t\r\n")
    if text.startswith("{\\rtf"):
        return ".rtf"
    if text.startswith("{"):
        return "json"
    if text[:200].lower().startswith(("<!doctype html", "<html", "<meta", "<table")):
        return "html"
    from .cells import header_columns  # noqa: PLC0415  # see the imports
    from .csv import sniff_delimiter  # noqa: PLC0415

    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = sniff_delimiter(first)
    if {"template", "code", "value"} <= set(header_columns(first.split(delimiter), exact=True)):
        return "csv"
    return "text"


_SEPARATORS: Final = ("", "/", "\\", ":")
"""What may come before a name's last five characters and end its folder or drive."""


def _suffix(name: str) -> str:
    """``Path(name).suffix.lower()``, without making a path of the usual ``x.json``.

    Making a :class:`~pathlib.Path` costs as much as reading a small report; a name whose
    last five characters are ``.json`` after one that ends no folder or drive has that
    suffix (``.json`` alone, ``a/.json`` have none).

    >>> _suffix("00001.JSON"), _suffix("a/.json"), _suffix("b.tar.xlsx")
    ('.json', '', '.xlsx')
    """
    if name[-5:].lower() == ".json" and name[-6:-5] not in _SEPARATORS:
        return ".json"
    return Path(name).suffix.lower()


def format_of(name: str | os.PathLike[str] | None, data: bytes) -> str:
    r"""The format of a file, from its extension, else from its first bytes.

    An older office file (``.doc``, ``.odt``, ``.rtf``, ``.xls``, ``.ods``) is read as
    the format LibreOffice converts it to (``docx``, ``xlsx``).

    Raises:
        ReportFormatError: A PDF file or an image.

    >>> format_of("report.XLSX", b""), format_of(None, b'{"format": "cchc-report"}')
    ('xlsx', 'json')
    >>> format_of(None, b"template,code,title,unit,value,note\r\n"), format_of("a.odt", b"")
    ('csv', 'docx')
    >>> format_of(None, "\ufefftemplate;code;value\r\n".encode("utf-16"))
    'csv'

    >>> format_of("scan.pdf", b"%PDF-1.7")
    Traceback (most recent call last):
    ...
    cchc_model.ReportFormatError: cannot read scan.pdf: 1 problem
      file: PDF files and images are not read (their tables are drawn, not data): ...
    """
    kind = _kind(name, data)
    return LEGACY.get(kind, kind)


def _head(data: bytes) -> str:
    """The first characters of a text file, in UTF-16 when it has that mark, else UTF-8."""
    head = data[:_HEAD]
    encoding = json.detect_encoding(head) if head.startswith(_UTF16) else "utf-8"
    return head.decode(encoding, errors="replace")


def _empty(data: bytes) -> bool:
    r"""Whether a file holds nothing but white space, NULs and a byte-order mark.

    >>> _empty(b"\xef\xbb\xbf \r\n"), _empty(b'{"format": "cchc-report"}')
    (True, False)
    """
    if data[:1] == b"{":  # a JSON document, as most are: no need to decode its head
        return False
    return len(data) <= _HEAD and not _head(data).strip("\ufeff \t\r\n\x00")


def _apply_info(report: Report, info: Mapping[str, object], source: str | None) -> Report:
    from .reading import INFO_FIELDS, Collector, build_info  # noqa: PLC0415  # see the imports

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


def _check_arguments(form: object, info: object) -> None:
    """Refuse a ``format`` or an ``info`` of the wrong kind, before the input is read."""
    if info is not None and not isinstance(info, Mapping):
        raise ValueTypeError(
            template=None,
            code=None,
            attribute="info",
            expected="a mapping of report field to value, such as {'province': 'Huế'}",
            expected_vi="ánh xạ trường báo cáo → giá trị, ví dụ {'province': 'Huế'}",
            value=info,
        )
    if form is not None and form not in READ_FORMATS:
        raise ValueTypeError(
            template=None,
            code=None,
            attribute="format",
            expected=f"one of {', '.join(READ_FORMATS)} or None",
            value=form,
        )


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
    ``"docx"``
        a Word report as units file it, or as ``render(report, "docx")`` writes it
        (needs the ``docx`` extra): the appendix tables, and the metadata the body states;
    ``"html"``
        a page with the appendices as tables (``render(report, "html")``, a report
        saved by Word as a web page);
    ``"text"``
        the tables of a report as text (``.txt``, ``.md``): tab-separated, Markdown pipe
        tables, the aligned columns of ``render(report, "text")``, or pasted with runs of
        spaces between the cells; and the metadata the document states.

    ``.doc``, ``.odt``, ``.rtf``, ``.xls`` and ``.ods`` files are converted by LibreOffice
    (``soffice``), then read as ``docx`` or ``xlsx``; PDF files and images are refused.
    A file in which no appendix value can be read is refused (only a file that declares
    itself a ``cchc-report``, as ``render`` writes CSV and Excel files, may be empty, as
    JSON may).

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
        MissingExtraError: An Excel file without the ``xlsx`` extra, a Word file without
            the ``docx`` extra.

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
    cchc_model.ReportFormatError: cannot read the report: 2 problems
      line 2, template: unknown template 'PL9' (templates: PL2, PL3, PL4, PL5, PL6, PL7, PL8)
      file: no value of any appendix could be read; expected rows such as 'PL2,2.1,,,19,' ...
    """
    _check_arguments(format, info)
    data, name = _load(source)
    if _empty(data):
        raise ReportFormatError([Problem("file", "the file is empty", "tệp rỗng")], source=name)
    kind = format if format is not None else _kind(name, data)
    if kind in LEGACY:
        data = _convert(data, kind, name)
        kind = _zip_format(data)
    if kind == "json":
        report = loads(data, source=name)
        return ReadResult(_apply_info(report, info, name) if info else report, ())
    if kind == "csv":
        from .csv import read_csv  # noqa: PLC0415  # loaded for its format only

        return ReadResult(*read_csv(data, source=name, overrides=info))
    if kind == "xlsx":
        from .xlsx import read_xlsx  # noqa: PLC0415  # loaded for its format only

        return ReadResult(*read_xlsx(data, source=name, overrides=info))
    if kind == "docx":
        from .docx import read_docx  # noqa: PLC0415  # loaded for its format only

        return ReadResult(*read_docx(data, source=name, overrides=info))
    if kind == "html":
        from .html import read_html  # noqa: PLC0415  # loaded for its format only

        return ReadResult(*read_html(data, source=name, overrides=info))
    if kind == "text":
        from .text import read_text_tables  # noqa: PLC0415  # loaded for its format only

        return ReadResult(*read_text_tables(data, source=name, overrides=info))
    raise AssertionError(kind)  # pragma: no cover  # every format is read above


publish(globals())  # cchc_model.Name, not this module: see _model/public.py
