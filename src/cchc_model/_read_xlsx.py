"""Reading an Excel workbook laid out like the forms (the ``xlsx`` extra, openpyxl).

What ``render(report, "xlsx")`` writes reads back without loss; a workbook a person
filled in by hand reads too: one sheet per appendix, named *Phụ lục 2* or *PL2* (or
with *Phụ lục 2* in its first rows), the columns found by their headers (*STT, Chỉ
tiêu thống kê, Đơn vị tính, Số liệu, Ghi chú*), and a sheet *Thông tin báo cáo* for the
metadata (or pass it with ``info=``).

The file is not trusted. Before openpyxl sees it: at most 20 MB, a zip archive of at
most 1,000 members and 100 MB uncompressed (no zip bomb), not encrypted, and no XML
part with a document type declaration (no entity expansion, no external entity).
Then openpyxl reads it in read-only mode, at most 50 sheets, 2,000 rows and 30
columns a sheet. openpyxl parses XML with the standard library unless ``defusedxml``
is installed, when it uses that (installing it is a good idea where files come from
outside). Formulas are never evaluated: a formula where a value belongs is refused,
one in a title or a note is read as its text, with a warning.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from decimal import ROUND_HALF_EVEN, Context, Decimal
from typing import Any, Final

from . import vi
from ._catalog import Edition
from ._errors import Problem, ReportFormatError
from ._extras import require
from ._interchange import FORMAT
from ._read_common import (
    Collector,
    TemplateRows,
    ValueCell,
    build_report,
    check_title,
    check_unit,
    filed_note,
    fold,
    plain_code,
    read_value_text,
    resolve_edition,
)
from ._render_xlsx import FINDINGS_SHEET, MAX_DIGITS, METADATA_SHEET, Cell, Worksheet
from ._report import Report
from ._tabular import METADATA, xml_unescape
from ._template import Indicator, Value
from ._units import Code, Kind

__all__ = [
    "MAX_COLUMNS",
    "MAX_MEMBERS",
    "MAX_ROWS",
    "MAX_SHEETS",
    "MAX_UNCOMPRESSED",
    "format_decimals",
    "read_xlsx",
]

MAX_MEMBERS: Final = 1_000
MAX_UNCOMPRESSED: Final = 100_000_000
MAX_SHEETS: Final = 50
MAX_ROWS: Final = 2_000
MAX_COLUMNS: Final = 30
_HEADER_ROWS: Final = 20
Workbook = Any
"""An openpyxl workbook (openpyxl has no type hints)."""
_FIFTEEN: Final = Context(prec=MAX_DIGITS, rounding=ROUND_HALF_EVEN)
_SHEET_ID: Final = re.compile(r"(?:phụ lục|pl)\s*([0-9]{1,2})")
_QUOTED: Final = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
_DTD: Final = (
    b"<!DOCTYPE",
    b"<!ENTITY",
    "<!DOCTYPE".encode("utf-16-le"),
    "<!ENTITY".encode("utf-16-le"),
)
_HEADERS: Final = (
    ("code", ("stt",)),
    ("title", ("chỉ tiêu",)),
    ("unit", ("đơn vị",)),
    ("value", ("số liệu",)),
    ("note", ("ghi chú",)),
)


def _column_letter(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _sheet_ref(sheet: str) -> str:
    return f"'{sheet}'" if re.search(r"[^A-Za-z0-9_]", sheet) else sheet


def _ref(sheet: str, row: int, column: int) -> str:
    return f"{_sheet_ref(sheet)}!{_column_letter(column)}{row}"


def format_decimals(number_format: str) -> tuple[int | None, bool]:
    """The decimals a number format shows and whether it is a percentage.

    ``None`` decimals for *General* (it shows what the value holds).

    >>> format_decimals("#,##0.00%"), format_decimals("General"), format_decimals('0.0" ha"')
    ((2, True), (None, False), (1, False))
    """
    section = _QUOTED.sub("", number_format.split(";", maxsplit=1)[0])
    if fold(section) in ("general", "") or "@" in section:
        return None, False
    percent = "%" in section
    match = re.search(r"\.([0#?]+)", section)
    return (match.group(1).count("0") if match else 0), percent


def _check_archive(data: bytes, out: Collector) -> None:
    """Refuse what openpyxl should never parse."""
    out.check_size(len(data))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        out.error(
            "file",
            "not an Excel workbook (.xlsx); an old .xls or an .ods must be saved as .xlsx first",
            "không phải tệp Excel (.xlsx); tệp .xls cũ hoặc .ods cần lưu lại dưới dạng .xlsx",
        )
        out.check()
        raise  # pragma: no cover  # check() raised
    with archive:
        members = archive.infolist()
        total = sum(m.file_size for m in members)
        if len(members) > MAX_MEMBERS or total > MAX_UNCOMPRESSED:
            out.error(
                "file",
                f"the workbook unpacks to {len(members):,} parts and {total:,} bytes"
                f" (at most {MAX_MEMBERS:,} and {MAX_UNCOMPRESSED:,}): refused",
                f"tệp giải nén ra {len(members):,} phần và {total:,} byte (tối đa"
                f" {MAX_MEMBERS:,} và {MAX_UNCOMPRESSED:,}): từ chối",
            )
            out.check()
        names = {m.filename for m in members}
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            out.error(
                "file",
                "not an Excel workbook (.xlsx): the archive has no workbook",
                "không phải tệp Excel (.xlsx): không có workbook trong tệp nén",
            )
            out.check()
        for member in members:
            if member.flag_bits & 0x1:
                out.error("file", "the workbook is encrypted", "tệp Excel được mã hóa")
                out.check()
            if member.filename.endswith((".xml", ".rels", ".vml")):
                try:
                    body = archive.read(member)
                except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as exc:
                    out.error(
                        "file",
                        f"the workbook is damaged ({member.filename}: {exc})",
                        f"tệp Excel bị hỏng ({member.filename}: {exc})",
                    )
                    out.check()
                    raise  # pragma: no cover  # check() raised
                if any(marker in body for marker in _DTD):
                    out.error(
                        "file",
                        f"{member.filename} declares a document type (entities): refused",
                        f"{member.filename} có khai báo DOCTYPE/ENTITY: từ chối",
                    )
                    out.check()


def _sheet_kind(name: str, first_cells: list[str]) -> str | None:
    folded = fold(name)
    if folded in (fold(METADATA_SHEET), "thông tin", "metadata", "report"):
        return "meta"
    if folded in (fold(FINDINGS_SHEET), "findings"):
        return "skip"
    for text in (folded, *map(fold, first_cells)):
        match = _SHEET_ID.fullmatch(text)
        if match:
            return f"PL{int(match.group(1))}"
    return None


def _rows(ws: Worksheet, out: Collector, sheet: str) -> Iterator[tuple[int, list[Cell]]]:
    for number, row in enumerate(
        ws.iter_rows(min_row=1, max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS), start=1
    ):
        if number > MAX_ROWS:
            if any(getattr(c, "value", None) not in (None, "") for c in row):
                out.error(
                    _sheet_ref(sheet),
                    f"more than {MAX_ROWS:,} rows: refused",
                    f"nhiều hơn {MAX_ROWS:,} dòng: từ chối",
                )
            return
        yield number, list(row)


def _text(cell: Cell) -> str:
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, str):
        return xml_unescape(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _round15(value: float) -> Decimal:
    # Excel keeps 15 significant digits; what openpyxl writes ("%.16g") and reads back
    # can differ in the 16th.
    decimal = _FIFTEEN.create_decimal(repr(value))
    return _plain(decimal)


def _plain(decimal: Decimal) -> Decimal:
    """``decimal`` without trailing zeros in its fraction and without an exponent."""
    if decimal == decimal.to_integral_value():
        return Decimal(int(decimal))
    return decimal.normalize()


def _read_number(value: float | Decimal, number_format: str, cell: ValueCell) -> Value | None:
    """Read a numeric cell.

    Counts and codes are whole numbers; other values are decimals with the decimals
    their number format shows (a percentage format holds a fraction).
    """
    row = cell.row
    if row.kind is None:
        cell.heading()
        return None
    if row.kind is Kind.COUNT or row.kind is Kind.CODE:
        if isinstance(value, Decimal) or not float(value).is_integer():
            what, what_vi = ("count", "số đếm") if row.kind is Kind.COUNT else ("code", "mã")
            cell.error(
                f": a {what} is a whole number, got {value!r}",
                f": {what_vi} phải là số nguyên, nhận được {value!r}",
            )
            return None
        whole = int(value)
        if row.kind is Kind.CODE:
            assert row.code_list is not None  # noqa: S101  # a code row has its list
            member = row.code_list._value2member_map_.get(whole)
            return member if isinstance(member, Code) else whole
        return whole
    decimals, percent = format_decimals(number_format)
    number = _round15(value) if isinstance(value, float) else Decimal(value)
    if percent:
        number = _plain(number.scaleb(2))
    places = max(0, -int(number.as_tuple().exponent))
    if decimals is not None and decimals > places:
        number = number.quantize(Decimal(1).scaleb(-decimals))
    elif decimals is not None and places > decimals:
        shown = vi.format_number(number, decimals)
        cell.warn(
            f"the cell shows {shown} but holds {vi.format_number(number)}; read what it holds",
            f"ô hiển thị {shown} nhưng chứa {vi.format_number(number)};"
            " đã đọc giá trị chứa trong ô",
        )
    return number


def _value(cell: Cell, row: Indicator, where: str, out: Collector, *, ours: bool) -> Value | None:
    value = getattr(cell, "value", None)
    kind = getattr(cell, "data_type", "n")
    number_format = getattr(cell, "number_format", "General")
    context = ValueCell(row, value, where, out)
    if value is None or value == "":
        return None
    if kind == "f":
        context.error(
            f": the cell holds a formula ({value}); formulas are not evaluated,"
            " type the value itself",
            f": ô chứa công thức ({value}); công thức không được tính, hãy nhập trực tiếp số liệu",
        )
        return None
    if isinstance(value, (bool, dt.date, dt.time, dt.timedelta)) or kind == "e":
        context.error(f": expected a number, got {value!r}", f": phải là số, nhận được {value!r}")
        return None
    if isinstance(value, (int, float, Decimal)):
        return _read_number(value, number_format, context)
    # A value the writer could not give Excel as a number (too many digits) is a text cell
    # of format @ in a workbook that says it is a cchc-report: its notation is known.
    declared = ours and number_format == "@"
    return read_value_text(
        _text(cell), row, where, out, typed_as_text=not declared, declared=declared
    )


def _columns(rows: list[tuple[int, list[Cell]]]) -> tuple[dict[str, int], int]:
    """The column of each field (0-based) and the number of the last header row."""
    columns: dict[str, int] = {}
    last = 0
    for number, cells in rows[:_HEADER_ROWS]:
        texts = [fold(_text(c)) for c in cells]
        if not columns and "stt" not in texts:
            continue
        found = {
            field: index
            for field, words in _HEADERS
            for index, text in enumerate(texts)
            if field not in columns and text.startswith(words)
        }
        if not found and columns:
            break
        if found:
            columns = {**found, **columns}
            last = number
    if "code" not in columns or "value" not in columns:
        return {"code": 0, "title": 1, "unit": 2, "value": 3, "note": 4}, 0
    return columns, last


class _SheetReader:
    """Reads the rows of one appendix sheet into its :class:`TemplateRows`."""

    def __init__(
        self, sheet: str, rows_of: TemplateRows, ed: Edition, out: Collector, *, ours: bool
    ) -> None:
        self.ours = ours
        self.sheet = sheet
        self.rows_of = rows_of
        self.ed = ed
        self.out = out
        self.columns: dict[str, int] = {}

    def cell(self, cells: list[Cell], field: str) -> Cell:
        index = self.columns.get(field)
        return cells[index] if index is not None and index < len(cells) else None

    def where(self, number: int, field: str) -> str:
        return _ref(self.sheet, number, self.columns.get(field, 0) + 1)

    def read(self, ws: Worksheet) -> None:
        rows = list(_rows(ws, self.out, self.sheet))
        self.columns, header = _columns(rows)
        for number, cells in rows:
            if number > header:
                self.row(number, cells, has_header=header > 0)

    def code(self, number: int, cells: list[Cell], *, has_header: bool) -> str | None:
        code_cell = self.cell(cells, "code")
        raw = getattr(code_cell, "value", None)
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            code = plain_code(repr(raw) if isinstance(raw, float) else str(raw))
            self.out.warn(
                self.where(number, "code"),
                f"the STT {raw!r} is a number, read as the code {code}: write codes as text"
                " (2.10 and 2.1 are one number)",
                f"STT {raw!r} là số, đã đọc thành mã {code}: hãy nhập mã dưới dạng văn bản"
                " (2.10 và 2.1 là cùng một số)",
                value=raw,
                template=self.rows_of.spec_id,
            )
            return code
        code = plain_code(_text(code_cell))
        head = _text(code_cell) or _text(self.cell(cells, "title"))
        if code is None and has_header and head.strip() and not _SHEET_ID.fullmatch(fold(head)):
            self.out.warn(
                _ref(self.sheet, number, 1),
                f"row {number} has no code in its STT cell: ignored",
                f"dòng {number} không có mã ở cột STT: đã bỏ qua",
                value=head[:60],
            )
        return code

    def text(self, number: int, cells: list[Cell], field: str) -> str:
        """A text cell; a formula there is read as its text, with a warning."""
        target = self.cell(cells, field)
        if getattr(target, "data_type", "s") == "f":
            self.out.warn(
                self.where(number, field),
                f"a formula ({_text(target)}) is read as its text",
                f"công thức ({_text(target)}) được đọc như văn bản",
                value=_text(target),
            )
        return _text(target)

    def row(self, number: int, cells: list[Cell], *, has_header: bool) -> None:
        code = self.code(number, cells, has_header=has_header)
        if code is None:
            return
        row = self.rows_of.row(code, self.where(number, "code"))
        if row is None:
            return
        if "title" in self.columns:
            title = self.text(number, cells, "title")
            check_title(title, row, self.where(number, "title"), self.out, self.ed)
        if "unit" in self.columns:
            unit = self.text(number, cells, "unit")
            check_unit(unit, row, self.where(number, "unit"), self.out, self.ed)
        value = _value(
            self.cell(cells, "value"), row, self.where(number, "value"), self.out, ours=self.ours
        )
        note = None
        if "note" in self.columns:
            note = filed_note(self.text(number, cells, "note"), row)
        self.rows_of.add(row, value, note)


def _metadata_sheet(
    ws: Worksheet,
    sheet: str,
    fields: dict[str, tuple[object, str]],
    out: Collector,
) -> None:
    keys = {key for key, _ in METADATA}
    labels = {fold(label): key for key, label in METADATA}
    for number, cells in _rows(ws, out, sheet):
        key_cell, label_cell, value_cell = [*cells, None, None, None][:3]
        key = _text(key_cell).strip()
        key = key if key in keys else labels.get(fold(_text(label_cell)), "")
        if not key:
            continue
        where = _ref(sheet, number, 3)
        if key in fields:
            out.error(
                where,
                f"the report field {key!r} is given twice (also at {fields[key][1]})",
                f"trường {key!r} bị ghi hai lần (cả ở {fields[key][1]})",
            )
            continue
        value = getattr(value_cell, "value", None)
        fields[key] = (_text(value_cell) if isinstance(value, str) else value, where)


def _sheets(
    wb: Workbook, fields: dict[str, tuple[object, str]], out: Collector
) -> list[tuple[str, str, Worksheet]]:
    """The appendix sheets ``(name, template id, sheet)``; the metadata goes to ``fields``."""
    if len(wb.sheetnames) > MAX_SHEETS:
        out.error("file", f"more than {MAX_SHEETS} sheets", f"nhiều hơn {MAX_SHEETS} trang tính")
        out.check()
    sheets: list[tuple[str, str, Worksheet]] = []
    for name in wb.sheetnames:
        ws = wb[name]
        first = [_text(c) for row in ws.iter_rows(min_row=1, max_row=3, max_col=2) for c in row]
        kind = _sheet_kind(name, first)
        if kind == "meta":
            _metadata_sheet(ws, name, fields, out)
        elif kind is None:
            out.warn(
                _sheet_ref(name),
                f"the sheet {name!r} is not an appendix (Phụ lục 2 …): ignored",
                f"trang tính {name!r} không phải là phụ lục (Phụ lục 2 …): đã bỏ qua",
            )
        elif kind != "skip":
            sheets.append((name, kind, ws))
    if not sheets and not fields:  # a report may carry no appendix, but say what it is
        out.error(
            "file",
            "no appendix sheet (Phụ lục 2 … Phụ lục 8) in the workbook",
            "không có trang tính phụ lục (Phụ lục 2 … Phụ lục 8) trong tệp",
        )
    return sheets


def _appendices(
    sheets: list[tuple[str, str, Worksheet]], ed: Edition, out: Collector, *, ours: bool
) -> list[TemplateRows]:
    builders: dict[str, TemplateRows] = {}
    for name, tid, ws in sheets:
        if tid not in ed.template_ids:
            out.error(
                _sheet_ref(name),
                f"unknown template {tid} (templates: {', '.join(ed.template_ids)})",
                f"không có biểu {tid} (các biểu: {', '.join(ed.template_ids)})",
            )
        elif tid in builders:
            out.error(
                _sheet_ref(name),
                f"a second sheet of {tid} (the first is {builders[tid].where})",
                f"trang tính thứ hai của {tid} (trang thứ nhất là {builders[tid].where})",
            )
        else:
            builders[tid] = TemplateRows(ed.template(tid), _sheet_ref(name), out)
            _SheetReader(name, builders[tid], ed, out, ours=ours).read(ws)
    return list(builders.values())


def read_xlsx(
    data: bytes, *, source: str | None = None, overrides: Mapping[str, object] | None = None
) -> tuple[Report, tuple[Problem, ...]]:
    """Read a workbook; return the report and the warnings.

    Raises:
        ReportFormatError: The file cannot be read; every problem is listed.
        MissingExtraError: openpyxl is not installed.
    """
    openpyxl = require("openpyxl")
    out = Collector(source)
    _check_archive(data, out)
    try:
        wb = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=False, keep_links=False
        )
        try:
            fields: dict[str, tuple[object, str]] = {}
            sheets = _sheets(wb, fields, out)
            ed = resolve_edition(fields, out)
            ours = fold(str(fields.get("format", ("", ""))[0])) == FORMAT
            builders = _appendices(sheets, ed, out, ours=ours)
        finally:
            wb.close()
    except ReportFormatError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        out.error(
            "file",
            f"the workbook cannot be read: {type(exc).__name__}: {exc}",
            f"không đọc được tệp Excel: {type(exc).__name__}: {exc}",
        )
        out.check()
        raise  # pragma: no cover  # check() raised
    report = build_report(
        fields,
        builders,
        out,
        ed,
        overrides=overrides,
        missing_hint=(
            f"; fill the sheet {METADATA_SHEET!r} or pass info={{...}}",
            f"; điền trang tính {METADATA_SHEET!r} hoặc truyền info={{...}}",
        ),
    )
    return report, tuple(out.warnings)
