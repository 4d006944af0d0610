"""The one row pipeline of the readers: cells in, the rows of each template out.

A reader of a format only finds the cells: it yields, in the order of the file, a
:class:`TableStart` where an appendix table starts (a sheet *Phụ lục 2*, a heading
*Phụ lục 2* above a table) and a :class:`RowCells` per row (the *STT*, *Chỉ tiêu*,
*Đơn vị tính*, *Số liệu* and *Ghi chú* cells as found, and where they are).
:func:`read_rows` does the rest, the same way for every format: the template of each
table (and a table given twice), the code of each row (and a row given twice), the title
and the unit compared with the form's, the value read, the note kept; rows that cannot
be placed are warnings, and a table none of whose rows can be read is an error quoting
its first row.

The columns of a table are found by their headers (:func:`header_columns`), in any
order, as the forms name them in Vietnamese or as the tidy CSV names them in English.

>>> from cchc_model import edition
>>> from cchc_model._io.reading import Collector
>>> out = Collector()
>>> cells = [
...     TableStart("Phụ lục 2", Where("line 1")),
...     RowCells("2.1.", "019", Where("line 3"), title="Số nhiệm vụ đề ra trong kế hoạch"),
...     RowCells("", "", Where("line 4"), title="Người lập biểu"),
... ]
>>> [rows.values for rows in read_rows(cells, edition(), out)]
[{'2.1': 19}]
>>> for warning in out.warnings:
...     print(warning.message("en"))
line 3: PL2 2.1: read '019' as 19 (a leading zero)
line 4: a row without a code in its STT cell, ignored: 'Người lập biểu'
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Final, Protocol

import attrs

from .._model.catalog import Edition
from .._model.errors import Problem, short_repr
from .._model.template import Indicator, Value, text_problem, value_problem
from .reading import (
    Collector,
    TemplateRows,
    ValueCell,
    check_title,
    check_unit,
    filed_note,
    fold,
    loose_code,
    plain_code,
    read_value_text,
)
from .table import COLUMNS, RESULT_HEADER

__all__ = [
    "COLUMN_NAMES",
    "FIELDS",
    "RowCells",
    "TableStart",
    "TypedValue",
    "ValueChoice",
    "Where",
    "header_columns",
    "read_rows",
    "template_id",
    "value_column",
]

FIELDS: Final = ("template", "code", "title", "unit", "value", "note")
"""The columns a row of a report can have, in the order of the tidy CSV."""

COLUMN_NAMES: Final[Mapping[str, tuple[str, ...]]] = {
    "template": ("template", "biểu", "biểu mẫu", "phụ lục", "mẫu"),
    "code": ("code", fold(COLUMNS[0]), "số tt", "số thứ tự", "mã", "mã chỉ tiêu", "tt"),
    "title": ("title", fold(COLUMNS[1]), "chỉ tiêu", "tên chỉ tiêu", "nội dung"),
    "unit": ("unit", fold(COLUMNS[2]), "đơn vị", "đvt"),
    "value": ("value", fold(COLUMNS[3]), "giá trị", "kết quả"),
    "note": ("note", fold(COLUMNS[4])),
}
"""The names of each column, folded (:func:`~cchc_model._io.reading.fold`): the form's
Vietnamese header first among its synonyms, and the tidy CSV's English name."""

_ROMAN: Final = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8}
_TEMPLATE: Final = re.compile(
    r"(?:(?:pl|phụ lục|biểu|biểu mẫu)\s{0,3}(?:số\s{1,3})?)?([0-9]{1,2}|[ivx]{1,4})"
)
_PARENTHESES: Final = re.compile(r"\([^()]{0,300}\)")
_RESULT: Final = fold(RESULT_HEADER)
_CODE_AND_TITLE: Final = re.compile(r"\s*+([0-9]{1,3}(?:\.[0-9]{1,3}){0,5}\.?)\s++(?=[^\W\d_])")
"""A code, then the title's first letter: ``2.1. Số nhiệm vụ``."""
_QUOTED_ROW: Final = 80
"""How much of a row a message quotes."""


def template_id(text: str) -> str | None:
    """The template a table or a cell names, or ``None``.

    ``PL2``, ``pl 2``, ``Phụ lục 2``, ``PHỤ LỤC II``, ``Phụ lục số 02``, ``Biểu 2`` and
    ``2`` name ``PL2`` (a bare roman numeral does not: ``I`` is a heading).

    >>> template_id("Phụ lục II"), template_id("PL 07"), template_id("2"), template_id("I")
    ('PL2', 'PL7', 'PL2', None)
    """
    folded = fold(text[:40]) if len(text) <= 40 else ""  # noqa: PLR2004  # a short label
    match = _TEMPLATE.fullmatch(folded)
    if match is None:
        return None
    token = match.group(1)
    if token.isdigit():
        return f"PL{int(token)}"
    if token == folded or token not in _ROMAN:  # "I" alone is a heading, not an appendix
        return None
    return f"PL{_ROMAN[token]}"


def header_columns(cells: Iterable[str], *, exact: bool = False) -> dict[str, int]:
    """The index of each column a header row names (``{"code": 0, "value": 3}``).

    A cell names a column when its text, without the parenthesised remarks the forms
    add (*Chỉ tiêu thống kê (Sử dụng trong kỳ báo cáo …)*), is one of its names
    (:data:`COLUMN_NAMES`), or, unless ``exact``, starts with one; the first cell that
    names a column takes it. *Kết quả thống kê*, the header the form writes over the
    unit and the value, names no column.

    >>> header_columns(["STT", "Chỉ tiêu thống kê (Sử dụng …)", "Kết quả thống kê", "", "Ghi chú"])
    {'code': 0, 'title': 1, 'note': 4}
    >>> header_columns(["template", "code", "value"], exact=True)
    {'template': 0, 'code': 1, 'value': 2}
    """
    texts = [fold(_PARENTHESES.sub(" ", cell[:300])) for cell in cells]
    found: dict[str, int] = {}
    for whole in (True, False) if not exact else (True,):  # "Số liệu" before "Số liệu kỳ trước"
        for index, text in enumerate(texts):
            if not text or text.startswith(_RESULT) or index in found.values():
                continue
            for column, names in COLUMN_NAMES.items():
                if column in found:
                    continue
                if text in names if whole else text.startswith(tuple(n + " " for n in names)):
                    found[column] = index
                    break
    return dict(sorted(found.items(), key=lambda item: item[1]))


_CURRENT: Final = ("kỳ này", "thực hiện", "kỳ báo cáo", "this period", "actual")
"""Words of a column header naming the values of the report's own period."""
_OTHER: Final = ("trước", "kế hoạch", "cùng kỳ", "previous", "plan")
"""Words of a column header naming other values (an earlier period, a plan)."""


def _header_text(cell: str) -> str:
    return fold(_PARENTHESES.sub(" ", cell[:300]))


def _names_value(path: list[str]) -> bool:
    """Whether a column's header names the values.

    *Số liệu …*, or a column under *Kết quả thống kê* (alone, in a header of one row,
    that spans the unit too).
    """
    names = COLUMN_NAMES["value"]
    folded = [_header_text(text) for text in path]
    return any(t in names or t.startswith(tuple(n + " " for n in names)) for t in folded) or (
        any(t.startswith(_RESULT) for t in folded[:-1])
    )


@attrs.frozen
class ValueChoice:
    """The value column of a table, chosen among its candidates (:func:`value_column`).

    Attributes:
        index: The column of the values, ``None`` when there is none or no clear one.
        candidates: The headers of the columns that could hold the values, as written
            (a header of two rows as ``'Số liệu / 6 tháng 2024'``).
        warning: What to say (English, Vietnamese) about a column chosen among several.
        problem: Why no column is chosen (English, Vietnamese) when several could be.
    """

    index: int | None
    candidates: tuple[str, ...] = ()
    warning: tuple[str, str] | None = None
    problem: tuple[str, str] | None = None


def _filled(rows: Sequence[Sequence[str]]) -> list[list[str]]:
    """The header rows, a blank cell over a sub-header given its group's text.

    A spreadsheet keeps a merged cell's text in its first cell only: *Kết quả thống kê*
    over *Đơn vị tính* and *Số liệu*, *Số liệu* over *6 tháng 2023* and *6 tháng 2024*.
    """
    grid = [[cell.strip() for cell in row] for row in rows]
    for upper, lower in itertools.pairwise(grid):
        for index in range(1, min(len(upper), len(lower))):
            left = index - 1
            group = upper[left] and lower[left] and upper[left] != lower[left]
            if not upper[index] and lower[index] and group:
                upper[index] = upper[left]
    return grid


def _paths(rows: Sequence[Sequence[str]], taken: set[int]) -> dict[int, list[str]]:
    """The header of each column no other field takes, its rows' texts top down."""
    grid = _filled(rows)
    paths: dict[int, list[str]] = {}
    for index in range(max((len(row) for row in grid), default=0)):
        if index in taken:
            continue
        path: list[str] = []
        for row in grid:
            text = row[index] if index < len(row) else ""
            if text and (not path or fold(path[-1]) != fold(text)):
                path.append(text)
        if path and not _header_text(path[-1]).startswith(_RESULT):
            paths[index] = path
    return paths


def _current(leaves: Mapping[int, str], year: object) -> list[int]:
    """The columns whose header names the report's own period, and no other."""
    year_text = str(year).strip() if isinstance(year, (int, str)) else ""
    return [
        index
        for index, leaf in leaves.items()
        if (any(w in leaf for w in _CURRENT) or (year_text and year_text in leaf))
        and not any(w in leaf for w in _OTHER)
    ]


def value_column(
    rows: Sequence[Sequence[str]], columns: Mapping[str, int], *, year: object = None
) -> ValueChoice:
    """The column of the values among the columns a header could mean.

    A column could hold the values when a row of its header names them (*Số liệu …*,
    *Kết quả thống kê* over it); when none does, every column the header names but no
    other field takes (*Kế hoạch*, *Thực hiện*). One candidate is the column. Among
    several, the one headed exactly *Số liệu* is; else the one naming the report's own
    period (*kỳ này*, *thực hiện*, the report's ``year``) and no other one, with a
    warning; else none is, and the problem names the candidates and how to resolve it.

    Args:
        rows: The header rows, a merged cell's text in every column it covers.
        columns: The other columns found (:func:`header_columns`); a ``value`` among
            them is not taken as given.
        year: The report's year, when known.

    >>> header = ["STT", "Chỉ tiêu", "Số liệu kỳ trước", "Số liệu kỳ này"]
    >>> value_column([header], {"code": 0, "title": 1}).index
    3
    >>> header = ["STT", "Chỉ tiêu", "Kế hoạch", "Dự kiến"]
    >>> choice = value_column([header], {"code": 0, "title": 1})
    >>> choice.index, choice.candidates
    (None, ('Kế hoạch', 'Dự kiến'))
    """
    paths = _paths(rows, {index for field, index in columns.items() if field != "value"})
    named = {i: path for i, path in paths.items() if _names_value(path)}
    found = named or paths
    if not found:
        return ValueChoice(None)
    shown = tuple(" / ".join(" ".join(t.split()) for t in path)[:80] for path in found.values())
    listed = ", ".join(repr(s) for s in shown)
    leaves = {i: _header_text(path[-1]) for i, path in found.items()}
    exact = [i for i, leaf in leaves.items() if leaf in COLUMN_NAMES["value"]]
    if len(found) == 1 and not named:
        return ValueChoice(
            next(iter(found)),
            shown,
            warning=(
                (f"no column is headed 'Số liệu'; the values are read from {shown[0]!r}"),
                (f"không có cột nào tên là 'Số liệu'; số liệu được đọc ở cột {shown[0]!r}"),
            ),
        )
    if len(found) == 1 or len(exact) == 1:
        return ValueChoice(exact[0] if len(found) > 1 else next(iter(found)), shown)
    current = _current(leaves, year)
    if len(current) == 1:
        chosen = " / ".join(found[current[0]])
        return ValueChoice(
            current[0],
            shown,
            warning=(
                (
                    f"the table has {len(found)} columns that could hold the values ({listed});"
                    f" read {chosen!r}, the one naming the report's period"
                ),
                (
                    f"bảng có {len(found)} cột có thể là số liệu ({listed}); đã đọc cột"
                    f" {chosen!r}, cột ghi kỳ báo cáo"
                ),
            ),
        )
    en = (
        f"the table has {len(found)} columns that could hold the values ({listed}) and none"
        " is the report's: head the column of this report's values 'Số liệu' (or 'Số liệu"
        " kỳ này'), or delete the others"
    )
    vi = (
        f"bảng có {len(found)} cột có thể là số liệu ({listed}) và không rõ cột nào là của"
        " kỳ báo cáo: hãy đặt tên cột số liệu của báo cáo này là 'Số liệu' (hoặc 'Số liệu"
        " kỳ này'), hoặc xóa các cột kia"
    )
    return ValueChoice(None, shown, problem=(en, vi))


class TypedValue(Protocol):
    """A value cell that holds more than text (a spreadsheet's number and its format)."""

    def read(self, row: Indicator, where: str, out: Collector) -> Value | None:
        """The value of ``row`` the cell holds; what to say about it goes to ``out``."""


@attrs.frozen
class Where:
    """Where a row is, for messages: the row, and each of its cells where they differ.

    >>> where = Where("line 5", {"value": "line 5, Số liệu"})
    >>> where("value"), where("title")
    ('line 5, Số liệu', 'line 5')
    """

    row: str
    cells: Mapping[str, str] = attrs.field(factory=dict)

    def __call__(self, column: str) -> str:
        return self.cells.get(column, self.row)


@attrs.frozen
class TableStart:
    """An appendix table starts: the rows that follow are its rows.

    Attributes:
        template: The template as the file names it (``Phụ lục 2``, ``PL2``, ``2``).
        where: Where the table starts.
        title: The title written above the table, compared with the form's (``None``:
            not known).
        typed: The table's cells are a document's (Word, HTML), not split from lines
            of text.
    """

    template: str
    where: Where
    title: str | None = None
    typed: bool = False
    """The table's cells are a document's (Word, HTML), not split from lines of text."""


@attrs.frozen
class RowCells:
    """One row of a table as found in a file.

    Attributes:
        code: The *STT* cell's text.
        value: The *Số liệu* cell: its text, or a :class:`TypedValue`.
        where: Where the row is.
        title: The *Chỉ tiêu* cell's text, ``None`` when the file has no such column.
        unit: The *Đơn vị tính* cell's text, or ``None``.
        note: The *Ghi chú* cell's text, or ``None``.
        template: The template the row names (a tidy CSV), ``None`` for the rows of
            the last :class:`TableStart`.
    """

    code: str
    value: str | TypedValue
    where: Where
    title: str | None = None
    unit: str | None = None
    note: str | None = None
    template: str | None = None

    def code_in_title(self) -> RowCells | None:
        """The row with the code typed at the start of its title cell, or ``None``.

        Without an *STT* column, with the *STT* cell left blank, or merged with the
        title's (``1. Số văn bản …`` in both), the code is the title's first word.

        >>> split = RowCells("", "13", Where("row 3"), title="1. Số văn bản").code_in_title()
        >>> split.code, split.title
        ('1.', 'Số văn bản')
        """
        title = self.title
        if not title or self.code.strip() not in ("", title.strip()):
            return None
        match = _CODE_AND_TITLE.match(title[:300])
        if match is None or plain_code(match.group(1)) is None:
            return None
        return attrs.evolve(self, code=match.group(1), title=title[match.end(1) :].strip())

    def quoted(self) -> str:
        """The row's cells as a message quotes them: ``'2.1 | Số nhiệm vụ | 19'``."""
        cells = [self.code, self.title, self.unit, self.value, self.note]
        shown = " | ".join(c.strip() for c in cells if isinstance(c, str) and c.strip())
        return shown[:_QUOTED_ROW]


@attrs.define
class _Table:
    """The table being read: its template's rows, and the rows skipped so far."""

    rows: TemplateRows | None
    start: TableStart | None
    read: int = 0
    skipped: list[tuple[Problem, str, str]] = attrs.Factory(list)
    """The warnings about its rows that could not be read, and why (English, Vietnamese)."""


class _Pipeline:
    def __init__(
        self, ed: Edition, out: Collector, *, declared: bool, form_notes: bool, strict: bool
    ) -> None:
        self.ed = ed
        self.out = out
        self.declared = declared
        self.form_notes = form_notes
        self.strict = strict
        self.builders: dict[str, TemplateRows] = {}
        self.table: _Table | None = None

    def template(self, written: str, where: str) -> TemplateRows | None:
        """The rows of the template ``written`` names, or ``None`` (a problem)."""
        tid = template_id(written)
        if tid is None or tid not in self.ed.template_ids:
            ids = ", ".join(self.ed.template_ids)
            self.out.error(
                where,
                f"unknown template {written.strip()!r} (templates: {ids})",
                f"không có biểu {written.strip()!r} (các biểu: {ids})",
                value=written,
            )
            return None
        if tid not in self.builders:
            self.builders[tid] = TemplateRows(self.ed.template(tid), where, self.out)
        return self.builders[tid]

    def start(self, start: TableStart) -> None:
        self.end()
        tid = template_id(start.template)
        first = self.builders.get(tid) if tid is not None else None
        if first is not None:
            self.out.error(
                start.where.row,
                f"a second table of {tid} (the first is at {first.where})",
                f"bảng thứ hai của {tid} (bảng thứ nhất ở {first.where})",
                template=tid,
            )
            self.table = _Table(None, start)
            return
        rows = self.template(start.template, start.where.row)
        self.table = _Table(rows, start)
        if rows is not None and start.title:
            _check_template_title(rows, start.title, self.ed, self.out)

    def end(self) -> None:
        """Close the table: when none of its rows was read, its skipped rows are an error."""
        table, self.table = self.table, None
        if table is None or table.rows is None or table.read or not table.skipped:
            return
        skipped = {id(warning) for warning, _, _ in table.skipped}
        self.out.warnings[:] = [w for w in self.out.warnings if id(w) not in skipped]
        first, why_en, why_vi = table.skipped[0]
        tid = table.rows.spec_id
        self.out.error(
            first.path,
            f"no row of the table of {tid} could be read ({why_en}); the first is {first.value!r}",
            f"không đọc được dòng nào của bảng {tid} ({why_vi}); dòng đầu tiên là {first.value!r}",
            value=first.value,
            template=tid,
        )

    def rows_of(self, cells: RowCells) -> tuple[bool, TemplateRows | None]:
        """Whether the row is to be read, and the rows of its template (``None``: refused)."""
        if cells.template is not None:
            rows = self.template(cells.template, cells.where("template"))
            return rows is not None, rows
        if self.table is not None:
            return True, self.table.rows
        if plain_code(cells.code) is not None:
            self.out.warn(
                cells.where.row,
                "a table row before any appendix ('Phụ lục N'): ignored",
                "dòng của bảng ở trước mọi phụ lục ('Phụ lục N'): đã bỏ qua",
                value=cells.quoted(),
            )
        return False, None

    def row(self, cells: RowCells) -> None:
        wanted, rows = self.rows_of(cells)
        if not wanted:
            return
        cells, code = self.code(cells)
        if code is None:
            self.codeless(cells, rows)
            return
        if rows is None:  # under a template already refused
            return
        if self.table is not None:
            self.table.read += 1
        row = rows.row(code, cells.where.row)
        if row is None:
            return
        if cells.title is not None:
            check_title(cells.title, row, cells.where("title"), self.out, self.ed)
        if cells.unit is not None:
            check_unit(cells.unit, row, cells.where("unit"), self.out, self.ed)
        where = cells.where("value")
        if isinstance(cells.value, str):
            value = read_value_text(cells.value, row, where, self.out, declared=self.declared)
        else:
            value = cells.value.read(row, where, self.out)
        note = cells.note
        if note is not None and self.form_notes:
            note = filed_note(note, row)
        rows.add(row, self.bounded(value, row, cells), self.text(note, row, cells))

    def bounded(self, value: Value | None, row: Indicator, cells: RowCells) -> Value | None:
        """``value`` if within the bound of a report (every format), else a problem."""
        problem = None if value is None else value_problem(value)
        if problem is None:
            return value
        shown = cells.value if isinstance(cells.value, str) else value
        ValueCell(row, shown, cells.where("value"), self.out).error(
            f": expected {problem[0]}, got {short_repr(shown)}",
            f": phải là {problem[1]}, nhận được {short_repr(shown)}",
        )
        return None

    def text(self, note: str | None, row: Indicator, cells: RowCells) -> str | None:
        """``note`` if a report can hold it (its length, no lone surrogate), else a problem."""
        problem = None if not note else text_problem(note)
        if problem is None:
            return note or None
        self.out.error(
            cells.where("note"),
            f"{row.template} {row.code}: a note must be {problem[0]}",
            f"{row.template} {row.code}: ghi chú phải là {problem[1]}",
            value=short_repr(note),
            template=row.template,
            code=row.code,
        )
        return None

    def code(self, cells: RowCells) -> tuple[RowCells, str | None]:
        """The row's code: its STT cell's, or the start of its title's (no STT column)."""
        code = plain_code(cells.code) or self.loose(cells)
        if code is None and (split := cells.code_in_title()) is not None:
            return split, plain_code(split.code)
        return cells, code

    def loose(self, cells: RowCells) -> str | None:
        """The code of a mistyped *STT* cell (``2. 1``, ``2,1``, ``2.1)``), read with a warning."""
        code = loose_code(cells.code)
        if code is not None:
            written = cells.code.strip()
            self.out.warn(
                cells.where("code"),
                f"the code {written!r} is read as {code!r} (digits separated by dots)",
                f"mã {written!r} được đọc là {code!r} (các chữ số cách nhau bởi dấu chấm)",
                value=written,
            )
        return code

    def codeless(self, cells: RowCells, rows: TemplateRows | None) -> None:
        if self.strict:
            self.out.error(
                cells.where("code"),
                f"{cells.code!r} is not an indicator code (digits separated by dots)",
                f"{cells.code!r} không phải mã chỉ tiêu (các chữ số cách nhau bởi dấu chấm)",
                value=cells.code,
                template=rows.spec_id if rows is not None else None,
            )
            return
        quoted = cells.quoted()
        if self.table is None or not quoted:
            return
        head = cells.code.strip().split(" ", 1)[0]
        if plain_code(head) is not None and self.table.start and self.table.start.typed:
            en = "its STT cell holds more than the code (put only the code in it)"
            vi = "ô STT có nhiều hơn mã chỉ tiêu (hãy chỉ ghi mã vào ô này)"
        elif plain_code(head) is not None:  # "2.1 Số nhiệm vụ 19": the cells run together
            en = "its cells cannot be told apart (separate them with tabs, '|' or two spaces)"
            vi = "không tách được các ô (hãy ngăn cách bằng tab, '|' hoặc hai dấu cách)"
        else:
            en, vi = "a row without a code in its STT cell", "dòng không có mã ở cột STT"
        self.out.warn(
            cells.where.row,
            f"{en}, ignored: {quoted!r}",
            f"{vi}, đã bỏ qua: {quoted!r}",
            value=quoted,
        )
        self.table.skipped.append((self.out.warnings[-1], en, vi))


def _check_template_title(rows: TemplateRows, title: str, ed: Edition, out: Collector) -> None:
    spec = rows.cls.spec
    written = fold(title)
    known = {fold(c.original) for c in ed.corrections if c.template == spec.id and c.code is None}
    if fold(spec.title) in written or any(k in written for k in known):
        return
    out.warn(
        rows.where,
        f"the title of {spec.id} is not the form's ({spec.title!r}): is it the right appendix?",
        f"tên của {spec.id} khác với biểu mẫu ({spec.title!r}): có đúng phụ lục không?",
        value=title,
        template=spec.id,
    )


def read_rows(
    cells: Iterable[TableStart | RowCells],
    ed: Edition,
    out: Collector,
    *,
    declared: bool = False,
    form_notes: bool = True,
    strict: bool = False,
) -> list[TemplateRows]:
    """Read the rows a reader found into the rows of each template (see the module).

    Args:
        cells: The tables and rows, in the order of the file.
        ed: The edition whose templates are read.
        out: Where the problems and the warnings go.
        declared: The file declares its notation (written by :func:`cchc_model.render`):
            ``3,887`` in a money row is not doubted.
        form_notes: A *Ghi chú* cell may start with the form's own note, which is not a
            filed note (:func:`~cchc_model._io.reading.filed_note`).
        strict: A row without a code is an error (a tidy CSV), not a warning.

    Returns:
        The rows of each template read, in the order of the file.
    """
    pipeline = _Pipeline(ed, out, declared=declared, form_notes=form_notes, strict=strict)
    for item in cells:
        if isinstance(item, TableStart):
            pipeline.start(item)
        else:
            pipeline.row(item)
    pipeline.end()
    return list(pipeline.builders.values())
