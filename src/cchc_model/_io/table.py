"""The table model: a report laid out as the official appendices are, for any renderer.

:func:`table_model` turns a :class:`~cchc_model.Report` (and, optionally, the findings
of its validation) into a :class:`ReportTable`: per carried template a
:class:`TemplateTable` with its heading, title and *Kèm theo* line filled from the
report's metadata, then one :class:`TableRow` per row of the form with its code, title,
unit, the value written the Vietnamese way, the note, depth, emphasis and the findings
that touch it. Every built-in renderer (text, Markdown, HTML, CSV, Excel, Word) reads
this model and nothing else, and so can a reporter of your own.

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

import enum
from collections.abc import Iterable, Iterator, Sequence
from typing import ClassVar, Final, Literal, Protocol, runtime_checkable

import attrs

from .. import vi
from .._model.catalog import edition as get_edition
from .._model.errors import CodeError, Lang, ValueTypeError
from .._model.report import Report, ReportInfo
from .._model.template import Emphasis, Indicator, Template, Value, normalize_code
from .._model.units import Code, Kind

__all__ = [
    "COLUMNS",
    "RESULT_HEADER",
    "SEVERITIES",
    "TITLE_NOTE",
    "FindingLike",
    "ReportTable",
    "Severity",
    "TableFinding",
    "TableRow",
    "TemplateTable",
    "format_value",
    "severity_label",
    "table_model",
]

Severity = Literal["error", "warning", "info"]
"""How serious a finding is, most serious first."""

SEVERITIES: Final[tuple[Severity, ...]] = ("error", "warning", "info")

COLUMNS: Final = ("STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu", "Ghi chú")
"""The five columns of the official appendices, in order."""

RESULT_HEADER: Final = "Kết quả thống kê"
"""The header the official form writes over *Đơn vị tính* and *Số liệu*."""

TITLE_NOTE: Final = "(Sử dụng trong kỳ báo cáo hàng quý, 6 tháng, năm)"
"""The italic line the official form writes under *Chỉ tiêu thống kê*."""

_SEVERITY_LABELS: Final[dict[Lang, dict[Severity, str]]] = {
    "vi": {"error": "Lỗi", "warning": "Cảnh báo", "info": "Thông tin"},
    "en": {"error": "Error", "warning": "Warning", "info": "Info"},
}

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


@attrs.frozen
class TableFinding:
    """A finding as the table shows it: its message already in the table's language.

    Attributes:
        rule: The rule's id.
        severity: ``"error"``, ``"warning"`` or ``"info"``.
        message: What the finding says, in the language the table was made in.
        template: The template it is about, or ``None`` for the whole report.
        codes: The (normalised) codes of the rows it touches.
    """

    rule: str
    severity: Severity
    message: str
    template: str | None = None
    codes: tuple[str, ...] = ()


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
        findings: The findings that touch this row, most serious first.
    """

    indicator: Indicator = attrs.field(repr=False)
    value: Value | None
    text: str
    label: str | None = None
    note: str | None = None
    findings: tuple[TableFinding, ...] = ()

    @property
    def code(self) -> str:
        """The official code, normalised (``"3.3.1"``)."""
        return self.indicator.code

    @property
    def number(self) -> str:
        """The *STT* cell as the forms print it: ``"1."`` at the top level, else ``"2.1"``."""
        code = self.indicator.code
        return f"{code}." if "." not in code else code

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
        """The template's own text in the *Ghi chú* column (not filed by the reporter)."""
        return self.indicator.note

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
        """The template's findings and those of its rows, each once, in table order."""
        return _unique([*self.findings, *(f for row in self.rows for f in row.findings)])


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

    def all_findings(self) -> tuple[TableFinding, ...]:
        """Every finding once: the report's, then each template's in table order."""
        return _unique([*self.findings, *(f for t in self.templates for f in t.all_findings())])


def severity_label(severity: Severity, lang: Lang = "vi") -> str:
    """The word for ``severity`` in ``lang``.

    >>> severity_label("warning"), severity_label("warning", "en")
    ('Cảnh báo', 'Warning')
    """
    return _SEVERITY_LABELS[lang][severity]


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
    (:func:`cchc_model.vi.format_number`, keeping the written precision); a code is
    written as its number, with its label beside it (``None`` outside the list).

    >>> from decimal import Decimal
    >>> from cchc_model import edition
    >>> format_value(edition().indicator("PL8", "6.4"), Decimal("70.10"))
    ('70,10', None)
    >>> format_value(edition().indicator("PL2", "7"), 1)
    ('1', 'Có')
    >>> format_value(edition().indicator("PL8", "2"), 3)
    ('3', None)
    """
    if value is None:
        return "", None
    if indicator.kind is Kind.CODE:
        code_list = indicator.code_list
        member = code_list._value2member_map_.get(int(value)) if code_list else None
        label = member.label if isinstance(member, Code) else None
        return str(int(value)), label
    return vi.format_number(value), None


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


def _rows(tpl: Template, touching: dict[str, list[TableFinding]]) -> tuple[TableRow, ...]:
    rows: list[TableRow] = []
    for indicator in tpl.spec.indicators:
        value: Value | None = (
            getattr(tpl, indicator.attribute) if indicator.attribute is not None else None
        )
        text, label = format_value(indicator, value)
        found = touching.get(indicator.code, [])
        found.sort(key=lambda f: SEVERITIES.index(f.severity))
        rows.append(
            TableRow(
                indicator=indicator,
                value=value,
                text=text,
                label=label,
                note=tpl.notes.get(indicator.code),
                findings=tuple(found),
            )
        )
    return tuple(rows)


def table_model(
    report: Report, findings: Findings | None = None, *, lang: Lang = "vi"
) -> ReportTable:
    """Lay ``report`` out as the official appendices, with ``findings`` on their rows.

    Args:
        report: The report.
        findings: The result of :func:`cchc_model.validate` (anything with a
            ``findings`` attribute) or an iterable of findings (see
            :class:`FindingLike`); each is shown on every row it names (its ``codes``
            in its template, and ``other_codes`` such as ``"PL4:1.4"`` when it has
            them), on its template when it names none of the rows, and on the report
            when it names no carried template.
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
    [('7.', '1', 'Có'), ('7.2', '2', 'Kết hợp'), ('8.', '1', 'Có')]
    """
    if not isinstance(report, Report):
        raise ValueTypeError(
            template=None, code=None, attribute="report", expected="a Report", value=report
        )
    if lang not in ("vi", "en"):
        raise ValueTypeError(
            template=None, code=None, attribute="lang", expected="'vi' or 'en'", value=lang
        )
    ed = get_edition(report.edition)
    by_template: dict[str, dict[str, list[TableFinding]]] = {}
    template_level: dict[str, list[TableFinding]] = {}
    report_level: list[TableFinding] = []
    for finding in _findings_of(findings):
        template = finding.template
        codes = _codes(template, finding.codes)
        shown = TableFinding(
            rule=str(finding.rule),
            severity=_severity(finding.severity),
            message=finding.message(lang),
            template=template,
            codes=codes,
        )
        tid = template.strip().upper() if isinstance(template, str) else None
        touched = [(tid, code) for code in codes] + _other_codes(finding)
        placed = False
        for where, code in touched:
            if where is not None and where in report.templates and code in ed.spec(where).codes:
                by_template.setdefault(where, {}).setdefault(code, []).append(shown)
                placed = True
        if placed:
            continue
        if tid is not None and tid in report.templates:
            template_level.setdefault(tid, []).append(shown)
        else:
            report_level.append(shown)
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
            rows=_rows(tpl, by_template.get(tid, {})),
            findings=tuple(
                sorted(template_level.get(tid, []), key=lambda f: SEVERITIES.index(f.severity))
            ),
        )
        for tid, tpl in report.templates.items()
    )
    return ReportTable(
        info=report.info,
        edition=report.edition,
        templates=tables,
        findings=tuple(sorted(report_level, key=lambda f: SEVERITIES.index(f.severity))),
        lang=lang,
    )
