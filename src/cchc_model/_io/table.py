"""The table model: a report laid out as the official appendices are, for any renderer.

:func:`table_model` turns a :class:`~cchc_model.Report` (and, optionally, the findings
of its validation) into a :class:`ReportTable`: per carried template a
:class:`TemplateTable` with its heading, title and *Kèm theo* line filled from the
report's metadata, then one :class:`TableRow` per row of the form with its code, title,
unit, the value written the Vietnamese way, the note, depth, emphasis and the findings
that touch it. Every built-in renderer (text, Markdown, HTML, CSV, Excel, Word) reads
this model and nothing else, and so can a reporter of your own.

The model also holds what every renderer shows the same way, so that each fact lives
once: a row's five cells as runs of text with their emphasis (:attr:`TableRow.cells`:
the italic hint in its parentheses, a code with its label, the template's note in
bold), the words and colours of the severities, the heading of the findings, and the
two rules of text safety (:func:`printable` for documents people read,
:func:`neutralise` for spreadsheet cells).

>>> import cchc_model
>>> table = cchc_model.table_model(cchc_model.example())
>>> pl2 = table["PL2"]
>>> pl2.heading, pl2.attached
('Phụ lục 2', '(Kèm theo Báo cáo số: 341/BC-UBND ngày 10/6/2024 của UBND xã Hương Sơn)')
>>> row = pl2.row("2")
>>> row.number, row.title, row.unit, row.text
('2.', 'Tỷ lệ hoàn thành Kế hoạch CCHC năm (Lũy kế đến thời điểm báo cáo)', '%', '78,94')
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import ClassVar, Final, Literal, NamedTuple, Protocol, runtime_checkable

import attrs

from .. import vi
from .._model.catalog import edition as get_edition
from .._model.errors import CodeError, Lang, ValueTypeError
from .._model.public import publish
from .._model.report import Report, ReportInfo
from .._model.template import Emphasis, Indicator, Template, Value, normalize_code
from .._model.units import Code, Kind
from .._rules.messages import SEVERITY_LABELS
from .reading import METADATA

__all__ = [
    "BIDI_CONTROLS",
    "COLUMNS",
    "COLUMN_WIDTHS_MM",
    "CONTROL_CHARACTERS",
    "FINDINGS_HEADING",
    "FORMULA_TRIGGERS",
    "INFO_HEADING",
    "RESULT_HEADER",
    "SEVERITIES",
    "SEVERITY_COLOURS",
    "TITLE_NOTE",
    "Cell",
    "FindingLike",
    "ReportTable",
    "Run",
    "Severity",
    "SeverityColours",
    "TableFinding",
    "TableRow",
    "TemplateTable",
    "format_value",
    "neutralise",
    "printable",
    "restore",
    "severity_label",
    "table_model",
]

Severity = Literal["error", "warning", "info"]
"""How serious a finding is, most serious first."""

SEVERITIES: Final[tuple[Severity, ...]] = ("error", "warning", "info")

COLUMNS: Final = ("STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu", "Ghi chú")
"""The five columns of the official appendices, in order."""

COLUMN_WIDTHS_MM: Final = (14, 78, 26, 20, 27)
"""The widths of the five columns on an A4 page, in millimetres: together the 165 mm
between the margins of Nghị định 30/2020 (left 30 mm, right 15 mm), the title widest."""

RESULT_HEADER: Final = "Kết quả thống kê"
"""The header the official form writes over *Đơn vị tính* and *Số liệu*."""

TITLE_NOTE: Final = "(Sử dụng trong kỳ báo cáo hàng quý, 6 tháng, năm)"
"""The italic line the official form writes under *Chỉ tiêu thống kê*."""

FINDINGS_HEADING: Final[Mapping[Lang, str]] = {"vi": "Kết quả kiểm tra", "en": "Findings"}
"""The heading over a list of findings (and the name of Excel's findings sheet)."""


INFO_HEADING: Final[Mapping[Lang, str]] = {"vi": "Thông tin báo cáo", "en": "Report information"}
"""The heading of the block in which the text, Markdown and HTML renders show every field
of the report's metadata (:attr:`ReportTable.info_lines`), and by which the readers find it."""


_INFO_FIELDS: Final = (
    *(field for field in METADATA if field.key not in ("format", "version", "edition")),
    *(field for field in METADATA if field.key == "edition"),
)
"""The fields the renders show, in the order of the metadata rows, the edition last."""


class SeverityColours(NamedTuple):
    """The colours of a severity, as ``RRGGBB`` hex: a row's shading, a finding's text."""

    fill: str
    ink: str


SEVERITY_COLOURS: Final[Mapping[Severity, SeverityColours]] = {
    "error": SeverityColours("FDE2E1", "9B1C1C"),
    "warning": SeverityColours("FFF3C4", "7A5200"),
    "info": SeverityColours("E3EEFC", "1D4F91"),
}
"""Light shadings that print legibly in black and white, and darker inks to match."""

CONTROL_CHARACTERS: Final = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]"
)
"""What no document for people should hold: control characters (C0 but tab and line
feed, DEL, C1), the non-characters U+FFFE and U+FFFF, and lone surrogates."""

FORMULA_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r", "'")
"""What a spreadsheet may run as a formula at the start of a text cell (OWASP's list),
and the apostrophe that :func:`neutralise` adds, so that :func:`restore` is exact."""

_UNKNOWN: Final = "…"
"""What the *Kèm theo* line shows for a number or date the report does not have."""


@runtime_checkable
class FindingLike(Protocol):
    """What the table model needs of a finding of :func:`cchc_model.validate`.

    Any object with these members will do, so that findings of your own checks can be
    shown on the rows they touch too.
    """

    @property
    def rule(self) -> str:
        """The rule's id (``"PL2.ratio.2"``)."""

    @property
    def severity(self) -> object:
        """``"error"``, ``"warning"`` or ``"info"``, or an enum whose value is one."""

    @property
    def template(self) -> str | None:
        """The template the finding is about (``"PL2"``), or ``None`` for the report."""

    @property
    def codes(self) -> Sequence[str]:
        """The codes of the rows the finding touches (may be empty)."""

    def message(self, lang: Lang = "vi") -> str:
        """The finding in words, in ``lang``."""


class _HasFindings(Protocol):
    @property
    def findings(self) -> Sequence[FindingLike]: ...


Findings = Iterable[FindingLike] | _HasFindings
"""Findings as a validation result (anything with ``.findings``) or an iterable."""


BIDI_CONTROLS: Final = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""The controls of bidirectional text (embeddings, overrides, isolates, marks): they
reorder what a reader sees (``U+202E`` shows ``exe.txt`` as ``txt.exe``), so no text
of a report is shown with them."""
_UNPRINTABLE: Final = re.compile(f"{CONTROL_CHARACTERS.pattern}|{BIDI_CONTROLS.pattern}")


def printable(text: str) -> str:
    r"""``text`` for a document people read: line ends as ``\n``, controls as U+FFFD.

    The text, Markdown, HTML and Word renders show every text of a report through it,
    so that a stray control character (:data:`CONTROL_CHARACTERS`: NUL, BEL, ESC…) or a
    bidirectional control (:data:`BIDI_CONTROLS`) shows as � rather than vanish,
    break the file, reorder the text or reach a terminal. (CSV and Excel keep every
    character: they round-trip.)

    >>> printable("a\r\nb\x00c\x1b[31m"), printable("UBND \u202ea\u202c")
    ('a\nb�c�[31m', 'UBND �a�')
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _UNPRINTABLE.sub("\ufffd", text)


def neutralise(text: str) -> str:
    """``text`` made safe for a spreadsheet cell: an apostrophe before a formula-like start.

    A text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
    could be run as a formula by a spreadsheet (CSV injection); an apostrophe in front
    stops it, and one is put before a text already starting with an apostrophe too, so
    that :func:`restore` undoes it without loss. Numbers are never neutralised: ``-5``
    is a number.

    >>> neutralise("=SUM(A1:A9)"), restore(neutralise("=SUM(A1:A9)"))
    ("'=SUM(A1:A9)", '=SUM(A1:A9)')
    >>> neutralise("'quoted"), restore("''quoted")
    ("''quoted", "'quoted")
    """
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def restore(text: str) -> str:
    """Undo :func:`neutralise`."""
    return text.removeprefix("'")


class Run(NamedTuple):
    """A piece of a cell's text with its emphasis.

    >>> Run("Kiểm tra CCHC", bold=True)
    Run(text='Kiểm tra CCHC', bold=True, italic=False)
    """

    text: str
    bold: bool = False
    italic: bool = False


Cell = tuple[Run, ...]
"""A cell of the table: its runs, in order (empty for an empty cell)."""


@attrs.frozen
class TableFinding:
    """A finding as the table shows it: its message already in the table's language.

    A finding is one finding however many rows it touches: every render shows it once,
    naming its rows (:attr:`rows`), and marks the rows it touches.

    Attributes:
        rule: The rule's id.
        severity: ``"error"``, ``"warning"`` or ``"info"``.
        message: What the finding says, in the language the table was made in.
        template: The template it is about, or ``None`` for the whole report.
        codes: The (normalised) codes of the rows it touches.
        rows: The rows of the table it touches, as the *STT* prints them (``"2."``,
            ``"2.1."``), in table order; a row of another appendix than the one that
            shows the finding is named with it (``"PL4 1.4."``).
    """

    rule: str
    severity: Severity
    message: str
    template: str | None = None
    codes: tuple[str, ...] = ()
    rows: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        """:attr:`rows` as one text (``"2., 2.1., 2.2."``), ``""`` when it names none."""
        return ", ".join(self.rows)


@attrs.frozen
class TableRow:
    """One row of an appendix table.

    Attributes:
        indicator: The catalog's row (code, title, unit, code list, levels…).
        value: The value as the report holds it (``int``, ``Decimal``, a code-list
            member, or ``None`` when blank); headings are always ``None``.
        text: The value written the Vietnamese way for its unit (``"78,94"``,
            ``"2.715"``, a code's number ``"1"``), ``""`` when blank.
        label: The label of a code (``"Có"``), ``None`` for other rows and for a code
            outside its list.
        note: The note filed with the row (*Ghi chú*), if any.
        findings: The findings that touch this row, most serious first (a row with
            findings is marked, by the most serious).
        shown: The findings shown after this row, most serious first: those whose
            last row in the appendix that shows them is this one (so that a finding
            touching several rows is shown once, below all of them).
        note_applies: Whether the template's own note applies to the report (the PL2 5
            and 6 note about tasks a district passes down applies to communes before
            1 July 2025: :meth:`~cchc_model.Indicator.note_for`).
    """

    indicator: Indicator = attrs.field(repr=False)
    value: Value | None
    text: str
    label: str | None = None
    note: str | None = None
    findings: tuple[TableFinding, ...] = ()
    shown: tuple[TableFinding, ...] = ()
    note_applies: bool = True

    @property
    def code(self) -> str:
        """The official code, normalised (``"3.3.1"``)."""
        return self.indicator.code

    @property
    def number(self) -> str:
        """The *STT* cell as the template writes it: ``"1."``, ``"2.1."``, ``"3.2.1."``."""
        return row_number(self.indicator.code)

    @property
    def title(self) -> str:
        """The official title (*Chỉ tiêu thống kê*)."""
        return self.indicator.title

    @property
    def hint(self) -> str | None:
        """Explanatory text that the form prints in italics after the title, if any."""
        return self.indicator.hint

    @property
    def unit(self) -> str:
        """The *Đơn vị tính* cell: the unit, or the code list (``"Có = 1; Không = 0"``)."""
        return self.indicator.unit_text or ""

    @property
    def template_note(self) -> str | None:
        """The template's own *Ghi chú* text, where it applies to the report (not filed)."""
        return self.indicator.note if self.note_applies else None

    @property
    def depth(self) -> int:
        """0 for ``"1"``, 1 for ``"1.1"``, 2 for ``"1.1.1"``."""
        return self.indicator.depth

    @property
    def emphasis(self) -> Emphasis:
        """:attr:`~Emphasis.GROUP` rows are bold, :attr:`~Emphasis.SUB` rows italic."""
        return self.indicator.emphasis

    @property
    def kind(self) -> Kind | None:
        """The kind of value, ``None`` for a heading."""
        return self.indicator.kind

    @property
    def is_heading(self) -> bool:
        """Whether the row is a heading that holds no value."""
        return self.indicator.is_heading

    @property
    def severity(self) -> Severity | None:
        """The most serious severity among the row's findings, ``None`` without any."""
        return self.findings[0].severity if self.findings else None

    @property
    def full_title(self) -> str:
        """The *Chỉ tiêu thống kê* cell as plain text: the title, then the hint in parentheses.

        >>> import cchc_model
        >>> row = cchc_model.table_model(cchc_model.example())["PL8"].row("5.2")
        >>> print(row.full_title)
        Tỷ lệ sử dụng văn bản điện tử của địa phương (Chỉ thống kê tỷ lệ văn bản được gửi
        hoàn toàn dưới dạng điện tử; sử dụng chữ ký số, chứng thư số và gửi trên môi trường
        điện tử.)
        """
        return "".join(run.text for run in self.cells[1])

    @property
    def value_text(self) -> str:
        """The *Số liệu* cell as plain text: the value, and a code's label (``"1 (Có)"``)."""
        return f"{self.text} ({self.label})" if self.label else self.text

    @property
    def note_text(self) -> str:
        """The *Ghi chú* cell as plain text: the template's own note, then the filed one."""
        return "\n".join(note for note in (self.template_note, self.note) if note)

    @property
    def cells(self) -> tuple[Cell, Cell, Cell, Cell, Cell]:
        """The five cells as the form prints them, runs of text with their emphasis.

        Group rows (:attr:`~Emphasis.GROUP`) have their *STT*, title and value in bold,
        *trong đó* rows (:attr:`~Emphasis.SUB`) their title and unit in italics; the
        hint follows the title in italics, in parentheses; a code's label follows it in
        parentheses; the template's own note is bold, the filed note follows it on its
        own line. Empty runs are left out.

        >>> import cchc_model
        >>> row = cchc_model.table_model(cchc_model.example())["PL2"].row("7")
        >>> for cell in row.cells:
        ...     print(cell)
        (Run(text='7.', bold=True, italic=False),)
        (Run(text='Khảo sát sự hài lòng của người dân, tổ chức', bold=True, italic=False),)
        (Run(text='Có = 1; Không = 0', bold=False, italic=False),)
        (Run(text='1 (Có)', bold=True, italic=False),)
        ()
        """
        bold = self.emphasis is Emphasis.GROUP
        italic = self.emphasis is Emphasis.SUB
        title = [Run(self.title, bold, italic)]
        if self.hint:
            title += [Run(" ("), Run(self.hint, italic=True), Run(")")]
        note = [Run(self.template_note, bold=True)] if self.template_note else []
        if self.note:
            note.append(Run(f"\n{self.note}" if note else self.note))
        return (
            _runs(Run(self.number, bold)),
            _runs(*title),
            _runs(Run(self.unit, italic=italic)),
            _runs(Run(self.value_text, bold)),
            _runs(*note),
        )


@attrs.frozen
class TemplateTable:
    """One appendix (*Phụ lục*) of a report, laid out as the official form.

    Attributes:
        template: The template id (``"PL2"``).
        number: The appendix number (``2``).
        title: The official title, upper case as printed.
        attached: The *Kèm theo Báo cáo số … ngày … của …* line, filled from the
            report's metadata (``…`` where the report has no number or date).
        rows: Every row of the form, headings included, in order.
        findings: Findings about the template that touch none of its rows.
    """

    columns: ClassVar[tuple[str, ...]] = COLUMNS

    template: str
    number: int
    title: str
    attached: str
    rows: tuple[TableRow, ...]
    findings: tuple[TableFinding, ...] = ()

    @property
    def heading(self) -> str:
        """``"Phụ lục 2"``."""
        return f"Phụ lục {self.number}"

    def __iter__(self) -> Iterator[TableRow]:
        """The rows, in the order of the form."""
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def row(self, code: str) -> TableRow:
        """The row with official ``code`` (``"6.3."`` and ``"6.3"`` are the same row).

        Raises:
            CodeError: The template has no such row.
        """
        wanted = normalize_code(code)
        for row in self.rows:
            if row.code == wanted:
                return row
        raise CodeError(
            f"{self.template} has no indicator {code!r}",
            f"{self.template} không có chỉ tiêu {code!r}",
            template=self.template,
            code=code,
        )

    def all_findings(self) -> tuple[TableFinding, ...]:
        """The template's findings and those of its rows, each once, in table order.

        A finding of another appendix that reads a row of this one is among them; to
        list each finding once over the whole report, use :meth:`shown_findings`.
        """
        return _unique([*self.findings, *(f for row in self.rows for f in row.findings)])

    def shown_findings(self) -> tuple[TableFinding, ...]:
        """The findings this appendix shows: its rows' (:attr:`TableRow.shown`), then its own.

        Over the appendices of a report, each finding is in exactly one of these.
        """
        return (*(f for row in self.rows for f in row.shown), *self.findings)


@attrs.frozen
class ReportTable:
    """A report as tables: its metadata and one :class:`TemplateTable` per carried appendix.

    Iterating gives the templates in appendix order; ``table["PL4"]`` one of them.

    Attributes:
        info: The report's metadata.
        edition: The template edition the report was filed under.
        templates: The carried appendices, in order.
        findings: Findings about the whole report, or about a template it does not carry.
        lang: The language of the findings' messages.
    """

    info: ReportInfo
    edition: str
    templates: tuple[TemplateTable, ...]
    findings: tuple[TableFinding, ...] = ()
    lang: Lang = "vi"

    def __iter__(self) -> Iterator[TemplateTable]:
        """The appendices, in order."""
        return iter(self.templates)

    def __len__(self) -> int:
        return len(self.templates)

    def __getitem__(self, template_id: str) -> TemplateTable:
        """The appendix ``template_id`` (``"PL4"``; ``"pl4"`` is accepted too).

        Raises:
            CodeError: The report does not carry that template.
        """
        wanted = str(template_id).strip().upper()
        for table in self.templates:
            if table.template == wanted:
                return table
        raise CodeError(
            f"the report does not carry {template_id!r}",
            f"báo cáo không có biểu {template_id!r}",
            template=str(template_id),
            code=None,
        )

    @property
    def period_label(self) -> str:
        """The reporting period as titles write it (``"6 tháng đầu năm 2024"``)."""
        return vi.format_period(vi.Period(self.info.period.value), self.info.year)

    def printed_title(self, template: TemplateTable) -> str:
        """``template``'s title followed by the period, as the appendices of filed reports write it.

        A page printed alone (an Excel sheet, a page of the Word document) says which
        period it is about.

        >>> from cchc_model import example, table_model
        >>> table = table_model(example())
        >>> table.printed_title(table["PL3"])
        'BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH THỂ CHẾ 6 THÁNG ĐẦU NĂM 2024'
        """
        period = self.period_label
        return f"{template.title} {period.upper() if template.title.isupper() else period}"

    @property
    def heading(self) -> tuple[str, str]:
        """The two lines that name the report: which document, and which period.

        >>> import cchc_model
        >>> for line in cchc_model.table_model(cchc_model.example()).heading:
        ...     print(line)
        Báo cáo số 341/BC-UBND ngày 10/6/2024 của UBND xã Hương Sơn
        Kỳ báo cáo: 6 tháng đầu năm 2024
        """
        info = self.info
        parts = ["Báo cáo"]
        if info.number:
            parts.append(f"số {info.number}")
        if info.date:
            parts.append(f"ngày {vi.format_short_date(info.date)}")
        parts.append(f"của {info.agency}")
        return " ".join(parts), f"Kỳ báo cáo: {self.period_label}"

    @property
    def info_lines(self) -> tuple[tuple[str, str], ...]:
        """Every field of the report's metadata as ``(label, value)``, blank ones ``""``.

        What the text, Markdown and HTML renders show under the heading *Thông tin báo
        cáo* (*Report information* in English), one field a line (*label: value*), and
        what the readers read back exactly: the labels of the metadata rows of CSV and
        Excel files in the table's language, the values as documents write them (the
        level's name, the period as titles say it, the date ``10/6/2024``), the edition
        last. A line break or a tab in a text is shown as a space, so that each field
        keeps its line.

        >>> import cchc_model
        >>> for label, value in cchc_model.table_model(cchc_model.example()).info_lines[:4]:
        ...     print(f"{label}: {value}")
        Cơ quan báo cáo: UBND xã Hương Sơn
        Cấp hành chính: cấp xã
        Kỳ báo cáo: 6 tháng đầu năm 2024
        Năm báo cáo: 2024
        """
        info, lang = self.info, self.lang
        lines: list[tuple[str, str]] = []
        for field in _INFO_FIELDS:
            key = field.key
            value: object = self.edition if key == "edition" else getattr(info, key)
            if key == "level":
                text = info.level.label if lang == "vi" else info.level.value
            elif key == "period":
                text = self.period_label
            elif isinstance(value, dt.date):
                text = vi.format_short_date(value)
            else:
                text = "" if value is None else " ".join(printable(str(value)).split())
            lines.append((field.vi if lang == "vi" else field.en, text))
        return tuple(lines)

    def all_findings(self) -> tuple[TableFinding, ...]:
        """Every finding once: the report's, then each template's in table order."""
        return _unique([*self.findings, *(f for t in self.templates for f in t.all_findings())])


def row_number(code: str) -> str:
    """The *STT* of the row ``code`` as the template writes it: the code and a dot.

    >>> row_number("1"), row_number("3.2.1")
    ('1.', '3.2.1.')
    """
    return f"{code}."


def _runs(*runs: Run) -> Cell:
    return tuple(run for run in runs if run.text)


def severity_label(severity: Severity, lang: Lang = "vi") -> str:
    """The word for ``severity`` in ``lang``, capitalised to head a line.

    The words are the findings' own (:meth:`cchc_model.Severity.label`), so that a
    render and ``cchc validate`` say the same.

    >>> severity_label("warning"), severity_label("info"), severity_label("info", "en")
    ('Cảnh báo', 'Lưu ý', 'Info')
    """
    word = SEVERITY_LABELS[severity][lang]
    return word[:1].upper() + word[1:]


def _unique(findings: Iterable[TableFinding]) -> tuple[TableFinding, ...]:
    # A finding touching two rows is one finding; identity, not equality, tells them apart.
    seen: set[int] = set()
    out: list[TableFinding] = []
    for finding in findings:
        if id(finding) not in seen:
            seen.add(id(finding))
            out.append(finding)
    return tuple(out)


def format_value(indicator: Indicator, value: Value | None) -> tuple[str, str | None]:
    """The value of a row written the Vietnamese way, and a code's label.

    Counts, percentages and money are written as Vietnamese documents write numbers
    (:func:`cchc_model.vi.format_number`, keeping the written precision); a negative
    zero keeps its sign (``-0,00``), as written, so that every render reads back the
    value it was given. A code is written as its number, with its label beside it
    (``None`` outside the list).

    >>> from decimal import Decimal
    >>> from cchc_model import edition
    >>> format_value(edition().indicator("PL8", "6.4"), Decimal("70.10"))
    ('70,10', None)
    >>> format_value(edition().indicator("PL2", "7"), 1)
    ('1', 'Có')
    >>> format_value(edition().indicator("PL8", "2"), 3)
    ('3', None)
    >>> format_value(edition().indicator("PL7", "1.1"), Decimal("-0.00"))
    ('-0,00', None)
    """
    if value is None:
        return "", None
    if indicator.kind is Kind.CODE:
        code_list = indicator.code_list
        member = code_list._value2member_map_.get(int(value)) if code_list else None
        label = member.label if isinstance(member, Code) else None
        return str(int(value)), label
    text = vi.format_number(value)
    if isinstance(value, Decimal) and value.is_zero() and value.is_signed():
        return "-" + text, None  # vi.format_number never writes -0; the report holds one
    return text, None


def _severity(value: object) -> Severity:
    raw = value.value if isinstance(value, enum.Enum) else value
    text = str(raw).lower()
    for severity in SEVERITIES:
        if text == severity:
            return severity
    raise ValueTypeError(
        template=None,
        code=None,
        attribute="findings",
        expected="findings whose severity is 'error', 'warning' or 'info'",
        value=value,
    )


def _findings_of(findings: object) -> list[FindingLike]:
    if findings is None:
        return []
    items = getattr(findings, "findings", findings)
    if isinstance(items, (str, bytes)) or not isinstance(items, Iterable):
        raise ValueTypeError(
            template=None,
            code=None,
            attribute="findings",
            expected="a validation result or an iterable of findings",
            value=findings,
        )
    out: list[FindingLike] = []
    for item in items:
        if not isinstance(item, FindingLike):
            raise ValueTypeError(
                template=None,
                code=None,
                attribute="findings",
                expected="findings with rule, severity, template, codes and message(lang)",
                value=item,
            )
        out.append(item)
    return out


def _codes(template: str | None, codes: Sequence[str]) -> tuple[str, ...]:
    out: list[str] = []
    for code in codes:
        try:
            out.append(normalize_code(code))
        except CodeError:
            raise ValueTypeError(
                template=template,
                code=str(code),
                attribute="findings",
                expected="findings whose codes are indicator codes",
                value=code,
            ) from None
    return tuple(out)


def _other_codes(finding: FindingLike) -> list[tuple[str | None, str]]:
    # Rules that compare templates name the rows they read elsewhere as "PL4:1.4".
    out: list[tuple[str | None, str]] = []
    for item in getattr(finding, "other_codes", ()) or ():
        template, colon, code = str(item).partition(":")
        if colon:
            try:
                out.append((template.strip().upper(), normalize_code(code)))
            except CodeError:
                continue
    return out


def _by_severity(findings: Iterable[TableFinding]) -> tuple[TableFinding, ...]:
    return tuple(sorted(findings, key=lambda f: SEVERITIES.index(f.severity)))


def _rows(
    tpl: Template,
    touching: dict[str, list[TableFinding]],
    shown: dict[str, list[TableFinding]],
    info: ReportInfo,
) -> tuple[TableRow, ...]:
    rows: list[TableRow] = []
    end = info.period.span(info.year)
    for indicator in tpl.spec.indicators:
        value: Value | None = (
            getattr(tpl, indicator.attribute) if indicator.attribute is not None else None
        )
        text, label = format_value(indicator, value)
        code = indicator.code
        rows.append(
            TableRow(
                indicator=indicator,
                value=value,
                text=text,
                label=label,
                note=tpl.notes.get(code),
                findings=_by_severity(touching.get(code, ())),
                shown=_by_severity(shown.get(code, ())),
                note_applies=indicator.note_for(info.level, end) is not None,
            )
        )
    return tuple(rows)


class _Places:
    """Where the findings go: the rows they touch, the row after which each is shown."""

    def __init__(self, report: Report) -> None:
        ed = get_edition(report.edition)
        self.report = report
        self.order = {tid: number for number, tid in enumerate(report.templates)}
        self.codes = {tid: ed.spec(tid).codes for tid in report.templates}
        self.touching: dict[str, dict[str, list[TableFinding]]] = {}
        self.shown: dict[str, dict[str, list[TableFinding]]] = {}
        self.template_level: dict[str, list[TableFinding]] = {}
        self.report_level: list[TableFinding] = []

    def rows_of(self, touched: list[tuple[str | None, str]]) -> list[tuple[str, str]]:
        """The rows of the report among ``touched``, each once, in table order."""
        found = {
            (tid, code)
            for tid, code in touched
            if tid is not None and code in self.codes.get(tid, ())
        }
        return sorted(found, key=lambda at: (self.order[at[0]], self.codes[at[0]].index(at[1])))

    def place(self, finding: FindingLike, lang: Lang) -> None:
        """Put ``finding`` on the rows it touches, and once after the last of them."""
        template = finding.template
        tid = template.strip().upper() if isinstance(template, str) else None
        codes = _codes(template, finding.codes)
        rows = self.rows_of([(tid, code) for code in codes] + _other_codes(finding))
        home = tid if any(at == tid for at, _ in rows) else rows[0][0] if rows else None
        shown = TableFinding(
            rule=str(finding.rule),
            severity=_severity(finding.severity),
            message=finding.message(lang),
            template=template,
            codes=codes,
            rows=tuple(row_number(c) if at == home else f"{at} {row_number(c)}" for at, c in rows),
        )
        if home is None:
            if tid is not None and tid in self.report.templates:
                self.template_level.setdefault(tid, []).append(shown)
            else:
                self.report_level.append(shown)
            return
        for at, code in rows:
            self.touching.setdefault(at, {}).setdefault(code, []).append(shown)
        last = [code for at, code in rows if at == home][-1]
        self.shown.setdefault(home, {}).setdefault(last, []).append(shown)


def table_model(
    report: Report, findings: Findings | None = None, *, lang: Lang = "vi"
) -> ReportTable:
    """Lay ``report`` out as the official appendices, with ``findings`` on their rows.

    Args:
        report: The report.
        findings: The result of :func:`cchc_model.validate` (anything with a
            ``findings`` attribute) or an iterable of findings (see
            :class:`FindingLike`); each is on every row it names
            (:attr:`TableRow.findings`: its ``codes`` in its template, and
            ``other_codes`` such as ``"PL4:1.4"`` when it has them) and shown once,
            after the last of them in its own appendix (:attr:`TableRow.shown`); on
            its template when it names none of the rows, and on the report when it
            names no carried template.
        lang: The language of the findings' messages (``"vi"`` or ``"en"``); the
            tables themselves are the official Vietnamese forms.

    Returns:
        The report as tables.

    Raises:
        ValueTypeError: ``report`` is not a :class:`~cchc_model.Report`, or a finding
            lacks what the table needs.

    >>> import cchc_model
    >>> table = cchc_model.table_model(cchc_model.example())
    >>> [t.template for t in table]
    ['PL2', 'PL3', 'PL4', 'PL5', 'PL6', 'PL7', 'PL8']
    >>> [(r.number, r.text, r.label) for r in table["PL2"].rows if r.kind is cchc_model.Kind.CODE]
    [('7.', '1', 'Có'), ('7.2.', '2', 'Kết hợp'), ('8.', '1', 'Có')]
    """
    if not isinstance(report, Report):
        raise ValueTypeError(
            template=None, code=None, attribute="report", expected="a Report", value=report
        )
    if lang not in ("vi", "en"):
        raise ValueTypeError(
            template=None, code=None, attribute="lang", expected="'vi' or 'en'", value=lang
        )
    places = _Places(report)
    for finding in _findings_of(findings):
        places.place(finding, lang)
    tables = tuple(
        TemplateTable(
            template=tid,
            number=tpl.spec.number,
            title=tpl.spec.title,
            attached=tpl.spec.attached_line(
                report.info.number or _UNKNOWN,
                vi.format_short_date(report.info.date) if report.info.date else _UNKNOWN,
                report.info.agency,
            ),
            rows=_rows(tpl, places.touching.get(tid, {}), places.shown.get(tid, {}), report.info),
            findings=_by_severity(places.template_level.get(tid, ())),
        )
        for tid, tpl in report.templates.items()
    )
    return ReportTable(
        info=report.info,
        edition=report.edition,
        templates=tables,
        findings=_by_severity(places.report_level),
        lang=lang,
    )


publish(globals())  # cchc_model.Name, not this module: see _model/public.py
