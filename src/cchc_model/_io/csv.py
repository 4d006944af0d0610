"""CSV files: writing (tidy and wide) and reading (tidy).

**Writing** CSV, tidy and wide, from the table model.

Both are UTF-8 with a byte-order mark (so that Excel shows Vietnamese), comma
separated, lines ended by CRLF (RFC 4180). Values are written the Vietnamese way
(``78,94``, ``2.715``, ``3,887``; codes as their number), so that a person can fill the
file in as they write numbers; a program reads them with ``decimal=","`` and
``thousands="."`` (pandas). Text cells are neutralised against formulas
(:func:`~cchc_model._io.table.neutralise`).

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

**Reading** a tidy CSV: what ``render(report, "csv")`` writes, or a person filled in.

The columns are found by name (``template, code, title, unit, value, note``, or the
form's Vietnamese names: *Biểu, STT, Chỉ tiêu thống kê, Đơn vị tính, Số liệu, Ghi
chú*); the separator may be a comma, a semicolon (Excel in a Vietnamese locale) or a
tab; the text UTF-8 (with or without a byte-order mark), UTF-16 with its mark, or,
with a warning, Windows-1258. Rows of template ``report`` hold the metadata. Values
are read as :func:`~cchc_model._io.reading.read_value_text` says.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections.abc import Mapping
from typing import Final

from .._model.catalog import edition as get_edition
from .._model.errors import Problem
from .._model.report import Report
from .cells import COLUMN_NAMES, FIELDS, RowCells, Where, header_columns, read_rows
from .document import level_from_agency
from .interchange import FORMAT
from .reading import (
    FIELD_EXAMPLES,
    INFO_FIELDS,
    Collector,
    Metadata,
    build_report,
    fold,
    info_option,
    metadata_key,
    resolve_edition,
)
from .table import ReportTable, neutralise, restore
from .tabular import REPORT_ROW, exact_text, metadata_rows

__all__ = [
    "COLUMNS",
    "MAX_ROWS",
    "decode_text",
    "read_csv",
    "render_csv",
    "render_csv_wide",
    "sniff_delimiter",
]

MAX_ROWS: Final = 10_000
"""The most rows read from a CSV file."""

_REQUIRED: Final = ("template", "code", "value")
_LISTED: Final = 10
"""How many bad bytes (or strange characters) a message lists."""
_VIETNAMESE: Final = frozenset(
    unicodedata.normalize("NFC", base + mark)
    for vowel in "aăâeêioôơuưy"
    for base in (vowel, vowel.upper())
    for mark in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
) | frozenset("đĐ\xa0“”‘’–—…•°€«»§±×÷·©®™")
"""The letters of Vietnamese and the signs a document in Windows-1258 commonly holds."""


def decode_text(data: bytes, out: Collector) -> str:
    """Decode a text file, kept as written (codes and names are compared in NFC).

    The encoding is decided on evidence: UTF-16 with its byte-order mark; else UTF-8 (a
    byte-order mark is allowed) when the file has at least as many UTF-8 letters
    (valid multi-byte sequences) as bytes UTF-8 cannot read, and then each such byte is
    an error at its line (a UTF-8 file with one stray byte is not another encoding);
    else Windows-1258 (the Vietnamese code page of old Windows programs), with a
    warning, when that reads only Vietnamese letters and common signs, and an error
    when it would change letters into others (``Hòa`` into ``HĂ²a``).
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            out.error("file", "not valid UTF-16 text", "không phải văn bản UTF-16 hợp lệ")
            out.check()
            raise  # pragma: no cover  # check() raised
        return text.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Undecodable bytes become lone surrogates (U+DC80–U+DCFF), one for each byte.
    escaped = data.decode("utf-8", "surrogateescape")
    bad = [i for i, c in enumerate(escaped) if "\udc80" <= c <= "\udcff"]
    letters = sum(1 for c in escaped if c > "\x7f") - len(bad)
    if letters >= len(bad):
        _bad_bytes(escaped, bad, out)
    return _legacy(data, out)


def _bad_bytes(text: str, bad: list[int], out: Collector) -> None:
    """Refuse a UTF-8 file with bytes that are not UTF-8: each run of them at its line."""
    runs: list[list[int]] = []
    for index in bad:
        if runs and runs[-1][-1] == index - 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    for run in runs[:_LISTED]:
        line = text.count("\n", 0, run[0]) + 1
        shown = " ".join(f"0x{ord(text[i]) - 0xDC00:02X}" for i in run[:4])
        what, what_vi = ("the bytes", "các byte") if len(run) > 1 else ("the byte", "byte")
        out.error(
            f"line {line}",
            f"{what} {shown} {'are' if len(run) > 1 else 'is'} not UTF-8, the encoding of the"
            " rest of the file: retype the letter there, or save the file again as UTF-8",
            f"{what_vi} {shown} không phải UTF-8, bảng mã của phần còn lại của tệp: hãy gõ lại"
            " chữ ở đó, hoặc lưu lại tệp theo UTF-8",
            value=shown,
        )
    if len(runs) > _LISTED:
        more = len(runs) - _LISTED
        out.error(
            "file",
            f"and {more:,} more places that are not UTF-8",
            f"và {more:,} chỗ khác không phải UTF-8",
        )
    out.check()


def _legacy(data: bytes, out: Collector) -> str:
    """Read a file without UTF-8 letters as Windows-1258, if that reads as Vietnamese."""
    try:
        # Windows-1258 writes most tone marks as combining characters: compose them.
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError as exc:
        out.error(
            "file",
            f"not UTF-8 text (invalid byte at offset {exc.start})",
            f"không phải văn bản UTF-8 (byte không hợp lệ ở vị trí {exc.start})",
        )
        out.check()
        raise  # pragma: no cover  # check() raised
    strange = sorted({c for c in text if c > "\x7f" and c not in _VIETNAMESE})
    if strange:
        shown = "".join(strange[:_LISTED])
        out.error(
            "file",
            f"not UTF-8; read as Windows-1258, the Vietnamese code page, it would hold"
            f" characters no Vietnamese text has ({shown!r}): save the file as UTF-8",
            f"không phải UTF-8; nếu đọc theo bảng mã Windows-1258 thì có những ký tự không có"
            f" trong văn bản tiếng Việt ({shown!r}): hãy lưu tệp theo UTF-8",
            value=shown,
        )
        out.check()
    out.warn(
        "file",
        "not UTF-8; read as Windows-1258, the Vietnamese code page: check the diacritics",
        "không phải UTF-8; đã đọc theo bảng mã Windows-1258: hãy kiểm tra dấu tiếng Việt",
    )
    return text


def sniff_delimiter(text: str) -> str:
    """The separator of a CSV text: the one that splits its header into known columns."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    best, best_count = ",", 0
    for delimiter in (",", ";", "\t"):
        header = next(csv.reader([first], delimiter=delimiter), [])
        count = len(header_columns(header, exact=True))
        if count > best_count:
            best, best_count = delimiter, count
    return best


def _records(text: str, out: Collector) -> list[tuple[int, list[str]]]:
    """The non-blank records of the file, each with the line it starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text), strict=True)
    records: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                records.append((line, record))
            line = reader.line_num + 1
            if len(records) > MAX_ROWS:
                out.error(
                    f"line {line}", f"more than {MAX_ROWS:,} rows", f"nhiều hơn {MAX_ROWS:,} dòng"
                )
                break
    except csv.Error as exc:
        out.error(f"line {line}", f"not valid CSV: {exc}", f"không phải CSV hợp lệ: {exc}")
    if not records and not out.problems:
        out.error("file", "the file is empty", "tệp rỗng")
    out.check()
    return records


_WIDE_COLUMN: Final = re.compile(r"PL[0-9]{1,2}:[0-9][0-9.]*")


def _is_wide(header: list[str]) -> bool:
    """Whether a header is the wide layout's: metadata fields, then ``PL2:1``, ``PL2:2``."""
    names = {cell.strip() for cell in header}
    return "agency" in names and any(_WIDE_COLUMN.fullmatch(name) for name in names)


class _Table:
    """The records of a tidy CSV, their columns found by the header's names."""

    def __init__(self, records: list[tuple[int, list[str]]], out: Collector) -> None:
        line, header = records[0]
        self.columns = header_columns(header, exact=True)
        missing = [c for c in _REQUIRED if c not in self.columns]
        if missing and _is_wide(header):  # one line says it all: not the 150 columns
            out.error(
                "file",
                "this is the wide layout (render(..., 'csv-wide'): one report per row, one"
                " column per row of the forms, for spreadsheets and pandas), which is written,"
                " not read back: read the report it was made from, or write it with"
                " cchc render FILE --format csv, the layout that is read",
                "đây là dạng bảng ngang (render(..., 'csv-wide'): mỗi báo cáo một dòng, mỗi"
                " chỉ tiêu một cột, dành cho bảng tính và pandas), chỉ để ghi, không đọc lại:"
                " hãy đọc báo cáo gốc, hoặc ghi bằng cchc render TỆP --format csv, dạng được"
                " đọc",
            )
            out.check()
        if missing:
            out.error(
                f"line {line}",
                f"no column {', '.join(missing)} in the header {header!r}; a tidy CSV has the"
                " columns template, code, title, unit, value, note",
                f"dòng tiêu đề {header!r} thiếu cột {', '.join(missing)}; tệp CSV có các cột"
                " template, code, title, unit, value, note",
            )
            out.check()
        values = [cell.strip() for cell in header if fold(cell) in COLUMN_NAMES["value"]]
        if len(values) > 1:  # which is the report's is not known
            out.error(
                f"line {line}",
                f"{len(values)} columns of values in the header ({', '.join(values)}): keep the"
                " report's, named value, and delete the others",
                f"dòng tiêu đề có {len(values)} cột số liệu ({', '.join(values)}): giữ cột của"
                " báo cáo, tên là value, và xóa các cột kia",
                value=values,
            )
            out.check()
        self.names = {column: header[index].strip() for column, index in self.columns.items()}
        self.records = records[1:]

    def cell(self, record: list[str], column: str) -> str:
        index = self.columns.get(column)
        return record[index] if index is not None and index < len(record) else ""

    def where(self, line: int, column: str) -> str:
        return f"line {line}, {self.names.get(column, column)}"

    def cells(self, line: int, record: list[str]) -> RowCells:
        """The cells of a data row, for :func:`~cchc_model._io.cells.read_rows`."""

        def text(column: str) -> str | None:
            return restore(self.cell(record, column)) if column in self.columns else None

        return RowCells(
            self.cell(record, "code"),
            self.cell(record, "value"),
            Where(f"line {line}", {column: self.where(line, column) for column in FIELDS}),
            title=text("title"),
            unit=text("unit"),
            note=text("note"),
            template=self.cell(record, "template"),
        )


def read_csv(
    data: bytes, *, source: str | None = None, overrides: Mapping[str, object] | None = None
) -> tuple[Report, tuple[Problem, ...]]:
    """Read a tidy CSV; return the report and the warnings.

    Raises:
        ReportFormatError: The file cannot be read; every problem is listed.
    """
    out = Collector(source)
    out.check_size(len(data))
    table = _Table(_records(decode_text(data, out), out), out)
    meta = Metadata(out)
    data_rows: list[tuple[int, list[str]]] = []
    for line, record in table.records:
        if fold(table.cell(record, "template")) == REPORT_ROW:
            _metadata(table, line, record, meta)
        else:
            data_rows.append((line, record))
    ed = resolve_edition(meta.fields, out, overrides)
    # A file that says it is a cchc-report CSV uses its notation: "3,887" is 3.887.
    declared = fold(str(meta.get("format") or "")) == FORMAT
    builders = read_rows(
        (table.cells(line, record) for line, record in data_rows),
        ed,
        out,
        declared=declared,
        form_notes=False,
        strict=True,
    )
    level_from_agency(meta, overrides)
    report = build_report(
        meta.fields,
        builders,
        out,
        ed,
        overrides=overrides,
        missing_hint=_missing_hint,
        expected=None
        if declared
        else (
            "rows such as 'PL2,2.1,,,19,' (template, code, value)",
            "các dòng như 'PL2,2.1,,,19,' (biểu, mã chỉ tiêu, số liệu)",
        ),
    )
    return report, tuple(out.warnings)


def _metadata(table: _Table, line: int, record: list[str], meta: Metadata) -> None:
    raw_key = table.cell(record, "code").strip()
    key = metadata_key(raw_key)
    if key is None:
        meta.out.warn(
            table.where(line, "code"),
            f"unknown report field {raw_key!r}, ignored (fields: {', '.join(INFO_FIELDS)})",
            f"trường {raw_key!r} không có trong báo cáo, đã bỏ qua (các trường:"
            f" {', '.join(INFO_FIELDS)})",
            value=raw_key,
        )
        return
    meta.given(key, restore(table.cell(record, "value")), table.where(line, "value"))


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
            neutralise(row.full_title),
            neutralise(row.unit),
            exact_text(row),  # a number, never neutralised: "-5" is minus five
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
    carried = {t.template: {r.code: exact_text(r) for r in t.rows} for t in table}
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


def _missing_hint(key: str) -> tuple[str, str]:
    """How to give a missing field: a metadata row, ``info=`` or ``--info``."""
    example = FIELD_EXAMPLES.get(key, "…")
    python, option = info_option(key)
    return (
        f"; add a row 'report,{key},,,{example}' or pass {python} (on the command line: {option})",
        f"; thêm dòng 'report,{key},,,{example}' hoặc truyền {python} (trên dòng lệnh: {option})",
    )
