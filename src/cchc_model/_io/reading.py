"""What the readers of filled forms share: reading a cell the way a person wrote it.

A person fills a form in their own way: ``01`` for one, ``78,94%`` in a row already in
%, a code written ``2.1.``, a number typed as text. The readers accept what has one
clear meaning, report each reading that could be doubted as a warning (a
:class:`~cchc_model.Problem` with the cell), and refuse what they cannot read: every
refusal of a file is listed in one :class:`~cchc_model.ReportFormatError`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any, Final

import attrs

from .. import vi
from .._model import files
from .._model.catalog import Edition
from .._model.catalog import edition as get_edition
from .._model.errors import CchcError, CodeError, ParseError, Problem, ReportFormatError
from .._model.files import MAX_BYTES
from .._model.report import Report, ReportInfo
from .._model.template import Indicator, Template, Value, normalize_code
from .._model.units import AdminLevel, Code, Kind
from ..vi import Period
from .interchange import FORMAT, VERSION

__all__ = [
    "INFO_FIELDS",
    "MAX_BYTES",
    "METADATA",
    "Collector",
    "Metadata",
    "MetadataField",
    "TemplateRows",
    "ValueCell",
    "build_info",
    "build_report",
    "check_title",
    "check_unit",
    "code_pairs",
    "defuse_references",
    "filed_note",
    "fold",
    "metadata_key",
    "plain_code",
    "read_value_text",
    "resolve_edition",
    "same_field",
]

INFO_FIELDS: Final = tuple(field.name for field in attrs.fields(ReportInfo))
_REQUIRED: Final = ("agency", "level", "period", "year")
Hint = tuple[str, str] | Callable[[str], tuple[str, str]]
"""What a missing field's message adds (English, Vietnamese), or a function of the field."""
_SPACES: Final = re.compile(r"\s+")
_LEADING_ZERO: Final = re.compile(r"-?0[0-9]")
_MONEY_SLIP: Final = re.compile(r"-?[0-9]{1,3},[0-9]{3}")
_LABELLED_CODE: Final = re.compile(r"(-?[0-9]{1,18}) ?\(([^()]{1,100})\)")
_CODE_CELL: Final = re.compile(r"[0-9]{1,3}(?:\.[0-9]{1,3}){0,5}\.?")
_LOOSE_CODE: Final = re.compile(r"\(?[0-9]{1,3}(?:(?:\. ?|,)[0-9]{1,3}){0,5}[.)]?")
"""A code as people mistype it: ``2. 1``, ``2,1``, ``2.1)``, ``(2.1)``."""
_TITLE_SIMILARITY: Final = 0.6
_PERIOD_WORDS: Final = {
    "quý i": Period.Q1,
    "quý 1": Period.Q1,
    "quý ii": Period.Q2,
    "quý 2": Period.Q2,
    "quý iii": Period.Q3,
    "quý 3": Period.Q3,
    "quý iv": Period.Q4,
    "quý 4": Period.Q4,
    "6 tháng đầu năm": Period.H1,
    "6 tháng cuối năm": Period.H2,
    "9 tháng": Period.M9,
    "9 tháng đầu năm": Period.M9,
    "năm": Period.YEAR,
    "cả năm": Period.YEAR,
}


_LONG_REFERENCE: Final = re.compile(r"&#(?:[xX]0*+[0-9a-fA-F]{7,}+|0*+[0-9]{8,}+);?")
"""A numeric character reference too long to name a character (above U+10FFFF)."""


def defuse_references(text: str) -> str:
    r"""``text`` with each numeric character reference beyond Unicode written U+FFFD.

    What :func:`html.unescape` (and the standard HTML parser) would make of it, without
    its ``int()`` of thousands of digits, which Python refuses with a ``ValueError``
    (``&#`` and 5,000 digits once made the text and HTML readers fail so).

    >>> defuse_references("&#" + "9" * 5000 + ";x"), defuse_references("&#65;&#x0041;")
    ('�x', '&#65;&#x0041;')
    """
    if "&#" not in text:
        return text
    return _LONG_REFERENCE.sub("\ufffd", text)


def fold(text: str) -> str:
    r"""``text`` for comparison: NFC, white space collapsed, case folded.

    >>> fold("  Kiểm tra\n CCHC ") == fold("KIỂM TRA CCHC")
    True
    """
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()


MAX_PROBLEMS: Final = 1000
"""Problems (and warnings) kept for one input: a real report has a handful.

A hostile file can make one per paragraph or row (60,000 ``Phụ lục 2`` headings); the
reading stops at the problem after this many, saying so, and the warnings after this
many are left out, one last warning saying so.
"""


@attrs.define
class Collector:
    """The warnings and the problems found while reading one input.

    At most :data:`MAX_PROBLEMS` of each are kept: the reading stops with the problem
    after them, and the warnings after them are left out, a last one saying so.
    """

    source: str | None = None
    problems: list[Problem] = attrs.Factory(list)
    warnings: list[Problem] = attrs.Factory(list)

    def error(
        self,
        where: str,
        en: str,
        vi: str,
        *,
        value: object = None,
        template: str | None = None,
        code: str | None = None,
    ) -> None:
        """Record a problem that stops the reading.

        Raises:
            ReportFormatError: This is the problem after :data:`MAX_PROBLEMS`: the
                reading stops with the problems so far, and one that says so.
        """
        if len(self.problems) >= MAX_PROBLEMS:
            self.problems.append(
                Problem(
                    "file",
                    f"more than {MAX_PROBLEMS:,} problems: the reading stops here",
                    "hơn 1.000 lỗi: ngừng đọc tại đây",
                )
            )
            self.check()
        self.problems.append(Problem(where, en, vi, value=value, template=template, code=code))

    def warn(
        self,
        where: str,
        en: str,
        vi: str,
        *,
        value: object = None,
        template: str | None = None,
        code: str | None = None,
    ) -> None:
        """Record a doubtful reading (left out after :data:`MAX_PROBLEMS` of them)."""
        if len(self.warnings) < MAX_PROBLEMS:
            self.warnings.append(Problem(where, en, vi, value=value, template=template, code=code))
        elif len(self.warnings) == MAX_PROBLEMS:
            self.warnings.append(
                Problem(
                    "file",
                    f"more than {MAX_PROBLEMS:,} warnings: the others are not listed",
                    "hơn 1.000 cảnh báo: các cảnh báo khác không được liệt kê",
                )
            )

    def check_size(self, size: int) -> None:
        """Refuse at once a file of more than :data:`~cchc_model._model.files.MAX_BYTES`."""
        try:
            files.check_size(size)
        except files.Unreadable as exc:
            self.error("file", exc.en, exc.vi)
            self.check()

    def check(self) -> None:
        """Raise every problem recorded so far at once.

        Raises:
            ReportFormatError: There is at least one problem.
        """
        if self.problems:
            raise ReportFormatError(self.problems, source=self.source)


def plain_code(text: str) -> str | None:
    """The normalised code in an *STT* cell, or ``None`` when it holds no code.

    A trailing dot is how the forms print many codes (``1.``, ``2.1.``), so it is read
    without a warning.

    >>> plain_code(" 2.1. "), plain_code("STT"), plain_code("")
    ('2.1', None, None)
    """
    text = text.strip()
    if not _CODE_CELL.fullmatch(text):
        return None
    try:
        return normalize_code(text)
    except CodeError:  # pragma: no cover  # the pattern admits only codes
        return None


def loose_code(text: str) -> str | None:
    """The code a mistyped *STT* cell means (``2. 1``, ``2,1``, ``2.1)``), or ``None``.

    Only a cell that is a code but for its spaces, commas and brackets; a plain code
    is not loose.

    >>> loose_code("2. 1"), loose_code("2,1"), loose_code("3.3. 1."), loose_code("(2.1)")
    ('2.1', '2.1', '3.3.1', '2.1')
    >>> loose_code("2.1"), loose_code("2.1 Số nhiệm vụ"), loose_code("1,5 triệu")
    (None, None, None)
    """
    text = text.strip()
    if len(text) > 30 or plain_code(text) is not None or not _LOOSE_CODE.fullmatch(text):  # noqa: PLR2004  # a code's length
        return None
    if text.startswith("(") != text.endswith(")"):
        text = text.removeprefix("(")  # "2.1)": the bracket of a list, "(2.1)" both
    bare = text.removeprefix("(").removesuffix(")").replace(",", ".").replace(" ", "")
    return plain_code(bare)


_NO_FIGURE_MARKS: Final = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212xX")
"""What many units type for "no figure" (*không có*): a dash or an ``x``, never read as one."""

_NO_FIGURE_HINT: Final = (
    "; leave the cell empty if there is no figure, or write 0",
    "; để trống ô nếu không có số liệu, hoặc ghi 0",
)


def _no_figure_hint(text: str) -> tuple[str, str]:
    """The hint for a dash or an ``x`` typed as "no figure": neither blank nor 0 is guessed."""
    return _NO_FIGURE_HINT if text in _NO_FIGURE_MARKS else ("", "")


def _numbers_hint(exc: ParseError) -> tuple[str, str]:
    if exc.suggestions:
        shown = " or ".join(repr(s) for s in exc.suggestions)
        shown_vi = " hay ".join(repr(s) for s in exc.suggestions)
        return f"; did you mean {shown}?", f"; có phải là {shown_vi}?"
    return "", ""


@attrs.frozen
class ValueCell:
    """One value cell being read: what to say about it goes to ``out``."""

    row: Indicator
    raw: object
    where: str
    out: Collector

    def warn(self, en: str, vi: str) -> None:
        head = f"{self.row.template} {self.row.code}: "
        self.out.warn(
            self.where,
            head + en,
            head + vi,
            value=self.raw,
            template=self.row.template,
            code=self.row.code,
        )

    def error(self, en: str, vi: str) -> None:
        head = f"{self.row.template} {self.row.code}"
        self.out.error(
            self.where,
            f"{head}{en}",
            f"{head}{vi}",
            value=self.raw,
            template=self.row.template,
            code=self.row.code,
        )

    def heading(self) -> None:
        self.error(
            f" is a heading and holds no value, found {self.raw!r}",
            f" là tiêu đề nhóm, không có số liệu, nhận được {self.raw!r}",
        )

    def leading_zero(self, text: str, number: object) -> None:
        if _LEADING_ZERO.match(text):
            self.warn(
                f"read {self.raw!r} as {number} (a leading zero)",
                f"đã đọc {self.raw!r} thành {number} (số 0 ở đầu)",
            )


def read_value_text(
    text: str,
    row: Indicator,
    where: str,
    out: Collector,
    *,
    typed_as_text: bool = False,
    declared: bool = False,
) -> Value | None:
    """Read the *Số liệu* cell of ``row`` from the text a person typed.

    Blank is ``None``. Numbers are written the Vietnamese way (:func:`vi.parse_number`).
    Accepted with a warning: a leading zero (``01``), a spreadsheet's text apostrophe
    (``'15``), a whole count written with decimals (``13,0``), a code written as its
    label (``Có``), a number typed as text in a numeric cell (``typed_as_text``), and
    the readings that could mean something else: ``3,887`` in a money row (three
    point eight eight seven, or an English 3887?) and ``1.234`` in a % row, unless the
    file ``declared`` its notation (a CSV written by :func:`cchc_model.render`). Accepted
    silently: ``78,94%`` in a % row (the form writes it so). Refused (a problem): text
    that is no number, a fraction in a count or code, anything in a heading row.

    Returns:
        The value, or ``None`` when blank or refused (the refusal is in ``out``).
    """
    cell = ValueCell(row, text, where, out)
    text = text.replace("\xa0", " ").replace("\u200b", "").strip()
    if not text:
        return None
    if row.kind is None:
        cell.heading()
        return None
    if text.startswith("'"):
        text = text[1:].strip()
        cell.warn(
            f"read {cell.raw!r} without its text apostrophe",
            f"đã bỏ dấu nháy đơn (ô văn bản) của {cell.raw!r}",
        )
    elif typed_as_text:
        cell.warn(
            f"the number {cell.raw!r} is typed as text; read as a number"
            " (a spreadsheet does not add it up)",
            f"số {cell.raw!r} được nhập dưới dạng văn bản; đã đọc thành số"
            " (bảng tính không cộng được)",
        )
    if row.kind is Kind.CODE:
        return _read_code(text, cell)
    return _read_number_text(text, cell, declared=declared)


def _read_number_text(text: str, cell: ValueCell, *, declared: bool) -> Value | None:
    kind, raw = cell.row.kind, cell.raw
    if kind is Kind.PERCENT and text.endswith("%"):
        text = text[:-1].rstrip()
    try:
        number = vi.parse_number(text)
    except ParseError as exc:
        hint_en, hint_vi = _numbers_hint(exc) if text not in _NO_FIGURE_MARKS else _NO_FIGURE_HINT
        cell.error(
            f": {raw!r} is not a number as Vietnamese documents write it ('1.234,5'){hint_en}",
            f": {raw!r} không phải là số viết theo cách của văn bản tiếng Việt"
            f" ('1.234,5'){hint_vi}",
        )
        return None
    cell.leading_zero(text, number)
    if kind is Kind.COUNT:
        if _MONEY_SLIP.fullmatch(text):
            _two_ways(text, number, cell)
            return None
        if isinstance(number, Decimal):
            if number != number.to_integral_value():
                cell.error(
                    f": a count is a whole number, got {raw!r}",
                    f": số đếm phải là số nguyên, nhận được {raw!r}",
                )
                return None
            number = int(number)
            cell.warn(
                f"read {raw!r} as the count {number}", f"đã đọc {raw!r} thành số đếm {number}"
            )
        return number
    if not declared:
        _doubtful(text, number, cell)
    value = Decimal(number)
    if value.is_zero() and text.startswith("-"):
        return value.copy_negate()  # "-0,00" is kept as written (vi reads it 0,00)
    return value


def _two_ways(text: str, number: object, cell: ValueCell) -> None:
    """Refuse a count written with a comma and three digits: ``2,000`` reads two ways.

    In Vietnamese ``,`` marks decimals (``2,000`` is two), in English it groups
    thousands (two thousand); a count has no decimals, so the writer meant one or the
    other, and which is not known. ``1,276`` is no count at all in Vietnamese.
    """
    grouped = text.replace(",", ".")
    raw, whole = cell.raw, grouped.replace(".", "")
    if isinstance(number, Decimal) and number != number.to_integral_value():
        cell.error(
            f": a count is a whole number, got {raw!r}; did you mean {grouped!r} ({whole})?",
            f": số đếm phải là số nguyên, nhận được {raw!r}; có phải là {grouped!r} ({whole})?",
        )
        return
    small = str(int(Decimal(str(number))))
    cell.error(
        f": {raw!r} reads two ways (',' marks decimals, or groups thousands):"
        f" if {whole} was meant, write {grouped!r}; if {small}, write {small!r}",
        f": {raw!r} đọc được hai cách (dấu ',' ngăn cách phần thập phân, hoặc hàng nghìn):"
        f" nếu là {whole} thì viết {grouped!r}; nếu là {small} thì viết {small!r}",
    )


def _doubtful(text: str, number: object, cell: ValueCell) -> None:
    """Warn about a number that could mean another: an English separator, probably."""
    raw, unit = cell.raw, cell.row.unit_text
    if cell.row.kind is Kind.MONEY and _MONEY_SLIP.fullmatch(text):
        grouped = text.replace(",", ".")
        cell.warn(
            f"read {raw!r} as {text} {unit} (',' marks decimals);"
            f" if {grouped.replace('.', '')} was meant, write {grouped!r}",
            f"đã đọc {raw!r} là {text} {unit} (dấu ',' ngăn cách phần thập phân);"
            f" nếu là {grouped.replace('.', '')} thì viết {grouped!r}",
        )
    elif cell.row.kind is Kind.PERCENT and "." in text and "," not in text:
        cell.warn(
            f"read {raw!r} as {number}% ('.' groups thousands); if a decimal was meant,"
            f" write {text.replace('.', ',')!r}",
            f"đã đọc {raw!r} là {number}% (dấu '.' phân cách hàng nghìn); nếu là số thập phân"
            f" thì viết {text.replace('.', ',')!r}",
        )


def _read_code(text: str, cell: ValueCell) -> Value | None:
    code_list = cell.row.code_list
    assert code_list is not None  # noqa: S101  # a code row has its list
    labelled = _LABELLED_CODE.fullmatch(text[:200])
    if labelled is not None:  # "1 (Có)", as the renders write a code with its label
        text, label = labelled.group(1), labelled.group(2)
        member = code_list._value2member_map_.get(int(text))
        if not isinstance(member, Code) or fold(member.label) != fold(label):
            shown = f"{int(member)} = {member.label}" if isinstance(member, Code) else "none"
            cell.warn(
                f"the label {label!r} is not that of the code {int(text)} ({shown});"
                f" read the code {int(text)}",
                f"nhãn {label!r} không phải của mã {int(text)}"
                f" ({shown.replace('none', 'không có')}); đã đọc mã {int(text)}",
            )
    if re.fullmatch(r"-?[0-9]{1,18}", text):
        number = int(text)
        cell.leading_zero(text, number)
        member = code_list._value2member_map_.get(number)
        return member if isinstance(member, Code) else number
    for member in code_list:
        if fold(member.label) == fold(text):
            cell.warn(
                f"read the label {cell.raw!r} as the code {int(member)}",
                f"đã đọc nhãn {cell.raw!r} thành mã {int(member)}",
            )
            return member
    written = code_list.text(cell.row.code_order)  # as the row's template writes it
    hint_en, hint_vi = _no_figure_hint(text)
    cell.error(
        f": expected a code ({written}), got {cell.raw!r}{hint_en}",
        f": phải là một mã ({written}), nhận được {cell.raw!r}{hint_vi}",
    )
    return None


def check_title(text: str, row: Indicator, where: str, out: Collector, ed: Edition) -> None:
    """Warn when the title written is not the catalog's: the row may not be the one meant."""
    written = fold(text)
    if not written:
        return
    wanted = [fold(row.title)]
    if row.hint:
        wanted.append(fold(f"{row.title} {row.hint}"))
    if any(w in written or written in w for w in wanted):  # whole, or shortened
        return
    corrected = {
        fold(c.original.replace("…", "").strip())
        for c in ed.corrections
        if c.template == row.template and c.code == row.code and c.field == "title"
    }
    if any(part and part in written for part in corrected):
        return
    ratio = max(difflib.SequenceMatcher(None, written, w, autojunk=False).ratio() for w in wanted)
    if ratio < _TITLE_SIMILARITY:
        out.warn(
            where,
            f"{row.template} {row.code}: the title {text.strip()!r} is not the form's"
            f" ({row.title!r}); is it the right row?",
            f"{row.template} {row.code}: tên chỉ tiêu {text.strip()!r} khác với biểu mẫu"
            f" ({row.title!r}); có đúng dòng không?",
            value=text,
            template=row.template,
            code=row.code,
        )


_NUMBER_THEN_LABEL: Final = re.compile(r"\s*+(-?[0-9]{1,18}+)(?:\s*+[;,.]\s*+|\s++)(.*)", re.DOTALL)
_LAST_NUMBER: Final = re.compile(r"\s*+(-?[0-9]{1,18}+)\s*+[;,.]?\s*+")


def code_pairs(text: str) -> set[tuple[str, int]] | None:
    """The ``label = number`` pairs of a code list as written (``Có = 1; Không = 0``).

    Pairs are separated by ``;``, ``,``, ``.`` or spaces; ``None`` when ``text`` is not
    such a list. Split at each ``=``, then anchored patterns without nested repetition:
    linear in the text (a pattern with a lazy label before ``=`` took quadratic time on a
    long cell without one).

    >>> sorted(code_pairs("Có = 1; Không = 0")), code_pairs("Có hoặc không")
    ([('có', 1), ('không', 0)], None)
    """
    parts = text.split("=")
    if len(parts) < 2:  # noqa: PLR2004  # a label and a number
        return None
    pairs: set[tuple[str, int]] = set()
    label = parts[0]
    for index, part in enumerate(parts[1:], start=2):
        last = index == len(parts)
        match = (_LAST_NUMBER if last else _NUMBER_THEN_LABEL).fullmatch(part)
        if match is None or not fold(label):
            return None
        pairs.add((fold(label), int(match.group(1))))
        label = "" if last else match.group(2)
    return pairs


def check_unit(text: str, row: Indicator, where: str, out: Collector, ed: Edition) -> None:
    """Warn when the unit written is not the catalog's (blank and known slips are fine)."""
    written = fold(text)
    if not written or row.unit_text is None:
        return
    if row.code_list is not None:
        if code_pairs(text) == {(fold(m.label), int(m)) for m in row.code_list}:
            return
    elif written == fold(row.unit_text):
        return
    known = any(
        c.template == row.template
        and c.code == row.code
        and c.field == "unit"
        and fold(c.original) == written
        for c in ed.corrections
    )
    if not known:
        out.warn(
            where,
            f"{row.template} {row.code}: the unit {text.strip()!r} is not the form's"
            f" ({row.unit_text!r}); the value is read in {row.unit_text!r}",
            f"{row.template} {row.code}: đơn vị tính {text.strip()!r} khác với biểu mẫu"
            f" ({row.unit_text!r}); số liệu được đọc theo {row.unit_text!r}",
            value=text,
            template=row.template,
            code=row.code,
        )


def filed_note(text: str | None, row: Indicator) -> str | None:
    r"""The note a reporter filed, from a *Ghi chú* cell that may start with the form's own.

    Writers put the template's note first and the filed note on the next line; a cell
    holding only the template's note holds no filed note.

    >>> from cchc_model import edition
    >>> row = edition().indicator("PL2", "5")
    >>> filed_note(row.note, row), filed_note(row.note + "\nx", row), filed_note("y", row)
    (None, 'x', 'y')
    """
    if not text:
        return None
    own = row.note
    if own:
        if text == own or ("\n" not in text and fold(text) == fold(own)):
            return None
        if text.startswith((own + "\n", own + " ")):  # " ": a text render joins its lines
            return text[len(own) + 1 :]
    return text


class TemplateRows:
    """The rows read for one template, checked as they come; builds the template."""

    def __init__(self, cls: type[Template], where: str, out: Collector) -> None:
        self.cls = cls
        self.where = where
        self.out = out
        self.values: dict[str, Value] = {}
        self.notes: dict[str, str] = {}
        self.seen: dict[str, str] = {}

    @property
    def spec_id(self) -> str:
        """The template's id."""
        return self.cls.spec.id

    def row(self, code: str, where: str) -> Indicator | None:
        """The catalog row of ``code``, or ``None`` (a problem) when unknown or repeated."""
        spec = self.cls.spec
        try:
            row = spec.indicator(code)
        except CodeError:
            self.out.error(
                where,
                f"{spec.id} has no indicator {code!r}",
                f"{spec.id} không có chỉ tiêu {code!r}",
                value=code,
                template=spec.id,
                code=code,
            )
            return None
        if row.code in self.seen:
            self.out.error(
                where,
                f"{spec.id} {row.code} is given twice (also at {self.seen[row.code]})",
                f"{spec.id} {row.code} bị ghi hai lần (cả ở {self.seen[row.code]})",
                template=spec.id,
                code=row.code,
            )
            return None
        self.seen[row.code] = where
        return row

    def add(self, row: Indicator, value: Value | None, note: str | None) -> None:
        """Keep the value and the note read for ``row``."""
        if value is not None:
            self.values[row.code] = value
        if note:
            self.notes[row.code] = note

    def build(self) -> Template | None:
        """The template, or ``None`` (a problem) when the class refuses a value."""
        try:
            return self.cls.from_codes(self.values, self.notes)
        except CchcError as exc:  # pragma: no cover  # every value was checked by kind
            self.out.error(self.where, exc.message("en"), exc.message("vi"), template=self.spec_id)
            return None


# --- the report's metadata -------------------------------------------------------------


@attrs.frozen
class MetadataField:
    """A field of the report's metadata, as files name it.

    Attributes:
        key: The :class:`~cchc_model.ReportInfo` field (or ``format``, ``version``,
            ``edition`` of the document).
        vi: Its Vietnamese label, as the metadata rows and sheets write it.
        en: Its English label.
    """

    key: str
    vi: str
    en: str


METADATA: Final = (
    MetadataField("format", "Định dạng", "Format"),
    MetadataField("version", "Phiên bản định dạng", "Format version"),
    MetadataField("edition", "Bộ biểu mẫu", "Template edition"),
    MetadataField("agency", "Cơ quan báo cáo", "Reporting agency"),
    MetadataField("level", "Cấp hành chính", "Administrative level"),
    MetadataField("period", "Kỳ báo cáo", "Reporting period"),
    MetadataField("year", "Năm báo cáo", "Reporting year"),
    MetadataField("place", "Địa danh", "Place"),
    MetadataField("number", "Số, ký hiệu văn bản", "Document number"),
    MetadataField("date", "Ngày ban hành", "Date of issue"),
    MetadataField("recipient", "Kính gửi", "Recipient"),
    MetadataField("signer", "Người ký", "Signer"),
    MetadataField("signer_title", "Quyền hạn, chức vụ người ký", "Signer's title"),
    MetadataField("unit_code", "Mã đơn vị hành chính", "Administrative unit code"),
    MetadataField("province", "Tỉnh, thành phố", "Province"),
    MetadataField("district", "Huyện, quận", "District"),
)
"""The metadata fields, in the order files write them, with their labels: the one table
every writer and reader of metadata rows (CSV, Excel, documents) uses."""

_LABELS_VI: Final = {field.key: field.vi for field in METADATA}

FIELD_EXAMPLES: Final = {
    "agency": "UBND xã Hương Sơn",
    "level": "commune",
    "period": "h1",
    "year": "2024",
}
"""An example value of each required field, for the messages that ask for it."""


def info_option(key: str, example: str | None = None) -> tuple[str, str]:
    """How to give a field: in Python (``info={…}``) and on the command line (``--info``).

    >>> info_option("agency")
    ("info={'agency': 'UBND xã Hương Sơn'}", '--info "agency=UBND xã Hương Sơn"')
    """
    value = example if example is not None else FIELD_EXAMPLES.get(key, "…")
    option = f"{key}={value}"
    return (
        f"info={{{key!r}: {value!r}}}",
        f'--info "{option}"' if " " in option else f"--info {option}",
    )


_METADATA_NAMES: Final = {
    name: field.key for field in METADATA for name in (field.key, fold(field.vi), fold(field.en))
}


def metadata_key(*names: str) -> str | None:
    """The field the first of ``names`` that names one names: a key, or either label.

    >>> metadata_key("agency"), metadata_key("", "Cơ quan báo cáo"), metadata_key("Recipient")
    ('agency', 'agency', 'recipient')
    >>> metadata_key("Người lập biểu") is None
    True
    """
    for name in names:
        key = _METADATA_NAMES.get(name.strip()) or _METADATA_NAMES.get(fold(name[:60]))
        if key is not None:
            return key
    return None


class Metadata:
    """The metadata read from a file so far: ``field: (value, where)``."""

    def __init__(self, out: Collector) -> None:
        self.out = out
        self.fields: dict[str, tuple[object, str]] = {}
        self.inferred: set[str] = set()
        """The fields guessed from others (a level from the agency's name), not stated."""

    def given(self, key: str, value: object, where: str) -> None:
        """A field a file states in a row of its own: stating it twice is a problem."""
        if key in self.fields:
            self.out.error(
                where,
                f"the report field {key!r} is given twice (also at {self.fields[key][1]})",
                f"trường {key!r} bị ghi hai lần (cả ở {self.fields[key][1]})",
                value=key,
            )
            return
        self.fields[key] = (value, where)

    def found(self, key: str, value: object, where: str, *, inferred: bool = False) -> None:
        """A field found in a document's text: the first place that says it is kept.

        ``inferred``: the text does not say it, it is guessed from what it says.
        """
        if key not in self.fields:
            self.fields[key] = (value, where)
            if inferred:
                self.inferred.add(key)

    def has(self, key: str) -> bool:
        """Whether ``key`` was read."""
        return key in self.fields

    def get(self, key: str) -> object:
        """The value read for ``key``, or ``None``."""
        return self.fields.get(key, (None, ""))[0]


def same_field(key: str, first: object, second: object) -> bool:
    """Whether two values read for the field ``key`` say the same (``h1``, ``6 tháng đầu năm``).

    >>> same_field("period", "h1", "6 tháng đầu năm 2024")
    True
    >>> same_field("date", "10/6/2024", "2024-06-10")
    True
    >>> same_field("agency", "UBND xã A", "UBND  xã A"), same_field("number", "1/BC", None)
    (True, False)
    """

    def normal(value: object) -> object:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        try:
            read = _period(value)[0] if key == "period" else _field_value(key, value)
        except (ValueError, TypeError, ParseError):
            read = _text_of(value)
        return " ".join(read.split()) if isinstance(read, str) else read

    return normal(first) == normal(second)


def _text_of(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _level(value: object) -> AdminLevel:
    if isinstance(value, AdminLevel):
        return value
    text = fold(_text_of(value))
    for level in AdminLevel:
        if text in (level.value, fold(level.label), fold(level.label).removeprefix("cấp ")):
            return level
    raise ValueError(value)


def _period(value: object) -> tuple[Period, int | None]:
    """The period, and the year when the text names one (``6 tháng đầu năm 2024``)."""
    if isinstance(value, enum.Enum):  # this Period or vi.Period
        return Period(value.value), None
    text = fold(_text_of(value))
    for period in Period:
        if text == period.value:
            return period, None
    if text in _PERIOD_WORDS:
        return _PERIOD_WORDS[text], None
    found, found_year = vi.parse_period(text)
    return Period(found.value), found_year


def _year(value: object) -> int:
    if isinstance(value, bool):
        raise TypeError(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = _text_of(value)
    if not re.fullmatch(r"[0-9]{4}", text):
        raise ValueError(value)
    return int(text)


def _date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text_of(value)
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return dt.date.fromisoformat(text)
    return vi.parse_date(text)


_FIELD_WORDS: Final = {
    "level": ("an administrative level (commune, cấp xã…)", "cấp hành chính (commune, cấp xã…)"),
    "period": ("a reporting period (h1, 6 tháng đầu năm…)", "kỳ báo cáo (h1, 6 tháng đầu năm…)"),
    "year": ("a four-digit year", "năm gồm bốn chữ số"),
    "date": ("a date (2024-06-10 or 10/6/2024)", "ngày (2024-06-10 hoặc 10/6/2024)"),
}


def resolve_edition(
    fields: Mapping[str, tuple[object, str]],
    out: Collector,
    overrides: Mapping[str, object] | None = None,
) -> Edition:
    """The edition of a report read: the one the file names, else the one of its period.

    A file that names no edition (no ``edition`` field) is of the edition in force for
    its period and year (:func:`~cchc_model.edition` with ``period`` and ``year``), as a
    JSON document without one is; the period and the year are those the file states,
    or those ``overrides`` give (``info=``). Without them, or when they cannot be read
    (:func:`build_info` then says why), the edition in force today is used to go on
    reading. An unknown edition, or a period that no edition applies to, is a problem,
    and the current edition is used to go on reading.
    """
    merged = {key: value for key, (value, _) in fields.items()}
    merged.update(overrides or {})  # a None there removes the field: no period then
    raw, where = fields.get("edition", (None, "edition"))
    try:
        if raw not in (None, ""):
            return get_edition(_text_of(raw))
        period_year = _period_and_year(merged)
        if period_year is None:
            return get_edition()
        raw = merged["period"]
        given = "period" in (overrides or {})
        where = "info['period']" if given else fields["period"][1]
        return get_edition(period=period_year[0], year=period_year[1])
    except CodeError as exc:
        out.error(where, exc.en, exc.vi, value=raw)
        return get_edition()


def _period_and_year(values: Mapping[str, object]) -> tuple[Period, int] | None:
    """The period and the year ``values`` state, or ``None`` when either is not read."""
    raw_period, raw_year = values.get("period"), values.get("year")
    if raw_period in (None, ""):
        return None
    try:
        period, year = _period(raw_period)
        if raw_year not in (None, ""):
            year = _year(raw_year)
    except (ValueError, TypeError, ParseError):
        return None
    return None if year is None else (period, year)


def build_info(
    fields: Mapping[str, tuple[object, str]],
    out: Collector,
    *,
    overrides: Mapping[str, object] | None = None,
    missing_hint: Hint = ("", ""),
) -> ReportInfo | None:
    """The report's metadata from what was read (``field: (value, where)``).

    ``overrides`` take the place of what was read (``None`` removes a field); a value
    may be of its type (``AdminLevel.COMMUNE``, a date) or text as a cell holds it
    (``"commune"``, ``"cấp xã"``, ``"10/6/2024"``). ``missing_hint`` is added to the
    message of a missing required field (a function of the field gives one per field).
    Problems go to ``out``; ``None`` then.
    """
    merged = {key: value for key, value in fields.items() if value[0] not in (None, "")}
    for key, value in (overrides or {}).items():
        if key not in INFO_FIELDS:
            out.error(
                f"info[{key!r}]",
                f"unknown report field {key!r} (fields: {', '.join(INFO_FIELDS)})",
                f"không có trường {key!r} (các trường: {', '.join(INFO_FIELDS)})",
                value=key,
            )
        elif value is None:
            merged.pop(key, None)
        else:
            merged[key] = (value, f"info[{key!r}]")
    _check_format(merged, out)
    before = len(out.problems)
    values = _info_values(merged, out)
    for key in _REQUIRED:
        if key not in merged and key not in values:
            hint_en, hint_vi = missing_hint(key) if callable(missing_hint) else missing_hint
            out.error(
                f"report.{key}",
                f"the report's {key} is missing{hint_en}",
                f"thiếu {_LABELS_VI.get(key, key).lower()} ({key}){hint_vi}",
            )
    if len(out.problems) > before:
        return None
    try:
        return ReportInfo(**values)
    except CchcError as exc:
        attribute = getattr(exc, "attribute", None)
        where = merged[attribute][1] if attribute in merged else "report"
        out.error(where, exc.message("en"), exc.message("vi"), value=getattr(exc, "value", None))
        return None


def build_report(
    fields: Mapping[str, tuple[object, str]],
    templates: Iterable[TemplateRows],
    out: Collector,
    ed: Edition,
    *,
    overrides: Mapping[str, object] | None = None,
    missing_hint: Hint = ("", ""),
    expected: tuple[str, str] | None = None,
) -> Report:
    """Build the report from the metadata read and its rows (see :func:`build_info`).

    Args:
        fields: The metadata read.
        templates: The rows read, template by template.
        out: Where the problems and the warnings went.
        ed: The edition read.
        overrides: See :func:`build_info`.
        missing_hint: See :func:`build_info`.
        expected: Unless ``None``, reading no value of any appendix is a problem, whose
            message ends with these words (English, Vietnamese) saying what was expected.
            Only a file that declares itself a ``cchc-report`` (what ``render`` writes,
            exact as JSON is) may hold no value.

    Raises:
        ReportFormatError: Something could not be read; every problem at once.
    """
    templates = list(templates)
    if expected is not None and not any(t.values for t in templates):
        out.error(
            "file",
            f"no value of any appendix could be read; expected {expected[0]}",
            f"không đọc được số liệu nào của các phụ lục; cần có {expected[1]}",
        )
        out.check()  # with what the rows said; the metadata does not matter then
    info = build_info(fields, out, overrides=overrides, missing_hint=missing_hint)
    built = [t.build() for t in templates]
    out.check()
    assert info is not None  # noqa: S101  # no problems means it was built
    return Report(info=info, templates=[t for t in built if t is not None], edition=ed.id)


def _check_format(merged: Mapping[str, tuple[object, str]], out: Collector) -> None:
    for key, expected in (("format", FORMAT), ("version", str(VERSION))):
        if key in merged:
            raw, where = merged[key]
            if _text_of(raw) != expected:
                out.error(
                    where,
                    f"{key} must be {expected!r}, got {raw!r}",
                    f"{key} phải là {expected!r}, nhận được {raw!r}",
                    value=raw,
                )


def _bad_field(key: str, raw: object, where: str, out: Collector) -> None:
    en, vi_ = _FIELD_WORDS.get(key, ("text", "văn bản"))
    out.error(
        where,
        f"{key}: expected {en}, got {raw!r}",
        f"{key}: phải là {vi_}, nhận được {raw!r}",
        value=raw,
    )


def _field_value(key: str, raw: object) -> object:
    if key == "level":
        return _level(raw)
    if key == "year":
        return _year(raw)
    if key == "date":
        return _date(raw)
    if isinstance(raw, str):
        return raw
    if isinstance(raw, int) and not isinstance(raw, bool):
        return str(raw)  # a number a spreadsheet holds: a unit code typed as 12345
    if isinstance(raw, (float, Decimal)) and math.isfinite(raw):
        return _text_of(raw)
    raise TypeError(raw)  # [5] is no text: refused, not written "[5]"


def _info_values(merged: Mapping[str, tuple[object, str]], out: Collector) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, (raw, where) in merged.items():
        if key in INFO_FIELDS and key != "period":
            try:
                values[key] = _field_value(key, raw)
            except (ValueError, TypeError, ParseError):
                _bad_field(key, raw, where, out)
    if "period" not in merged:
        return values
    raw, where = merged["period"]
    try:
        period, year = _period(raw)
    except (ValueError, TypeError, ParseError):
        _bad_field("period", raw, where, out)
        return values
    values["period"] = period
    if year is not None and "year" not in merged:
        values["year"] = year
    elif year is not None and values.get("year") not in (None, year):
        out.error(
            where,
            f"the period {raw!r} is not of the year {values['year']}",
            f"kỳ báo cáo {raw!r} không thuộc năm {values['year']}",
            value=raw,
        )
    return values
