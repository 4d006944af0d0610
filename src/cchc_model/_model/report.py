"""The report: a filed CCHC report's metadata and any subset of its appendices."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeVar

import attrs

from ..templates import (
    CivilService,
    DigitalGovernment,
    Direction,
    Institutions,
    Organisation,
    Procedures,
    PublicFinance,
)
from .catalog import edition as get_edition
from .errors import CodeError, ValueTypeError
from .frozen import FrozenMap
from .period import Period
from .template import Indicator, Template, Value, build_unchecked
from .units import AdminLevel

__all__ = ["Report", "ReportInfo", "named_reports"]

T = TypeVar("T", bound=Template)


def _check(  # an attrs validator
    expected: type | tuple[type, ...], words: str, words_vi: str
) -> Any:  # noqa: ANN401
    def validate(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if isinstance(value, bool) and bool not in (
            expected if isinstance(expected, tuple) else (expected,)
        ):
            ok = False
        else:
            ok = isinstance(value, expected)
        if not ok:
            raise ValueTypeError(
                template=None,
                code=None,
                attribute=attribute.name,
                expected=words,
                expected_vi=words_vi,
                value=value,
            )

    return validate


def _check_date(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    # a datetime is a date too, but its time would be lost silently
    if value is not None and (type(value) is not dt.date):
        raise ValueTypeError(
            template=None,
            code=None,
            attribute=attribute.name,
            expected="a datetime.date (not a datetime) or None",
            expected_vi="một datetime.date (không phải datetime) hoặc None",
            value=value,
        )


def _optional_text(value: object) -> object:
    # A blank text is no text: "" and "   " are None, so that blank cells stay blank.
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _text_field() -> Any:  # noqa: ANN401
    return attrs.field(
        default=None,
        converter=_optional_text,
        validator=_check((str, type(None)), "a string or None", "chuỗi ký tự hoặc None"),
    )


@attrs.frozen(kw_only=True)
class ReportInfo:
    """The metadata of a filed report (the part above and below the appendices).

    Attributes:
        agency: The issuing agency, as in the *của …* line (``"UBND xã Hương Sơn"``).
        level: The administrative level of the agency.
        period: The reporting period (quarter, 6 months, 9 months, year).
        year: The year reported on.
        place: The place name of the date line (``"Hương Sơn"``).
        number: The document number (``"341/BC-UBND"``).
        date: The date of the report.
        recipient: The *Kính gửi* line's addressee.
        signer: Who signed.
        signer_title: The signer's capacity (``"TM. ỦY BAN NHÂN DÂN, CHỦ TỊCH"``).
        unit_code: The official code of the administrative unit, when known; it tells
            units apart when reports are consolidated.
        province: The province the unit belongs to.
        district: The district the unit belonged to (reports before 1 July 2025).

    >>> from cchc_model import AdminLevel, Period
    >>> ReportInfo(
    ...     agency="UBND xã Hương Sơn", level=AdminLevel.COMMUNE, period=Period.H1, year=2024
    ... ).year
    2024
    """

    agency: str = attrs.field(
        validator=_check(str, "the agency's name (a string)", "tên cơ quan (chuỗi ký tự)")
    )
    level: AdminLevel = attrs.field(
        validator=_check(AdminLevel, "an AdminLevel", "một AdminLevel (cấp hành chính)")
    )
    period: Period = attrs.field(validator=_check(Period, "a Period", "một Period (kỳ báo cáo)"))
    year: int = attrs.field(validator=_check(int, "a year (int)", "năm (số nguyên)"))
    place: str | None = _text_field()
    number: str | None = _text_field()
    date: dt.date | None = attrs.field(default=None, validator=_check_date)
    recipient: str | None = _text_field()
    signer: str | None = _text_field()
    signer_title: str | None = _text_field()
    unit_code: str | None = _text_field()
    province: str | None = _text_field()
    district: str | None = _text_field()

    @year.validator
    def _year_range(self, attribute: attrs.Attribute[int], value: int) -> None:
        if not 1900 <= value <= 9999:  # noqa: PLR2004  # four-digit years only
            raise ValueTypeError(
                template=None,
                code=None,
                attribute=attribute.name,
                expected="a four-digit year",
                expected_vi="năm có bốn chữ số",
                value=value,
            )


def _to_templates(value: object) -> FrozenMap[str, Template]:
    items: Iterable[object]
    if isinstance(value, Mapping):
        items = value.values()
    elif isinstance(value, Iterable) and not isinstance(value, (str, bytes)):
        items = value
    else:
        raise ValueTypeError(
            template=None,
            code=None,
            attribute="templates",
            expected="an iterable of templates (Direction(...), Procedures(...), …)",
            value=value,
        )
    found: dict[str, Template] = {}
    for item in items:
        if not isinstance(item, Template):
            raise ValueTypeError(
                template=None,
                code=None,
                attribute="templates",
                expected="a template instance such as Direction(...)",
                value=item,
            )
        tid = item.spec.id
        if tid in found:
            raise ValueTypeError(
                template=tid,
                code=None,
                attribute="templates",
                expected=f"at most one {tid}",
                value=item,
            )
        found[tid] = item
    ordered = sorted(found.values(), key=lambda t: t.spec.number)
    return FrozenMap({t.spec.id: t for t in ordered})


@attrs.frozen(kw_only=True)
class Report:
    """A filed report: its metadata and the appendices it carries.

    Templates are reachable by id (``report["PL4"]``) and by typed attribute
    (``report.pl4``); a template the report does not carry is ``None``.

    >>> from cchc_model import example
    >>> report = example()
    >>> report.pl4.commune_on_time_rate, report["PL8"]["6.4"], report.value("PL2", "2.1")
    (Decimal('100'), Decimal('70.1'), 19)
    """

    info: ReportInfo = attrs.field(validator=_check(ReportInfo, "a ReportInfo", "một ReportInfo"))
    templates: FrozenMap[str, Template] = attrs.field(factory=FrozenMap, converter=_to_templates)
    edition: str = attrs.field(
        default="2024",
        validator=_check(str, "an edition id (a string)", "mã bộ biểu mẫu (chuỗi ký tự)"),
    )

    def __attrs_post_init__(self) -> None:
        ed = get_edition(self.edition)
        for tid, tpl in self.templates.items():
            if ed.template(tid) is not type(tpl):
                raise ValueTypeError(
                    template=tid,
                    code=None,
                    attribute="templates",
                    expected=f"a template of edition {ed.id}",
                    value=type(tpl).__name__,
                )

    @classmethod
    def checked(cls, info: ReportInfo, templates: list[Template], edition: str) -> Report:
        """Build a report from parts already checked (the JSON reader's fast path).

        ``templates`` are of ``edition``, at most one of each id; only the order of the
        form is settled here. Anything not checked so must go through the class instead.
        """
        ordered = sorted(templates, key=lambda t: t.spec.number)
        return build_unchecked(
            cls,
            info=info,
            templates=FrozenMap({t.spec.id: t for t in ordered}),
            edition=edition,
        )

    def __getitem__(self, template_id: str) -> Template:
        """The template ``template_id`` (``"PL2"``…).

        Raises:
            CodeError: The id is not a template of the edition, or the report does not
                carry it.
        """
        cls = get_edition(self.edition).template(template_id)
        try:
            return self.templates[cls.spec.id]
        except KeyError:
            raise CodeError(
                f"the report does not carry {cls.spec.id}",
                f"báo cáo không có {cls.spec.id}",
                template=cls.spec.id,
                code=None,
            ) from None

    def __contains__(self, template_id: object) -> bool:
        return isinstance(template_id, str) and template_id.strip().upper() in self.templates

    def value(self, template_id: str, code: str) -> Value | None:
        """The value of ``code`` in template ``template_id``; ``None`` when blank or absent.

        Raises:
            CodeError: Unknown template or code, or a heading.
        """
        cls = get_edition(self.edition).template(template_id)
        tpl = self.templates.get(cls.spec.id)
        if tpl is None:
            cls.spec.indicator(code)  # still reject an unknown code
            return None
        return tpl[code]

    def cells(self) -> Iterator[tuple[Indicator, Value | None, str | None]]:
        """Every value-holding row of the carried templates, with its value and note."""
        for tpl in self.templates.values():
            for row, value in tpl:
                yield row, value, tpl.notes.get(row.code)

    def with_templates(self, *templates: Template) -> Report:
        """A copy carrying ``templates`` in place of those with the same ids."""
        merged = dict(self.templates)
        for tpl in templates:
            merged[tpl.spec.id] = tpl
        return attrs.evolve(self, templates=merged)

    def _typed(self, cls: type[T]) -> T | None:
        tpl = self.templates.get(cls.spec.id)
        return tpl if isinstance(tpl, cls) else None

    @property
    def pl2(self) -> Direction | None:
        """Phụ lục 2, if carried."""
        return self._typed(Direction)

    @property
    def pl3(self) -> Institutions | None:
        """Phụ lục 3, if carried."""
        return self._typed(Institutions)

    @property
    def pl4(self) -> Procedures | None:
        """Phụ lục 4, if carried."""
        return self._typed(Procedures)

    @property
    def pl5(self) -> Organisation | None:
        """Phụ lục 5, if carried."""
        return self._typed(Organisation)

    @property
    def pl6(self) -> CivilService | None:
        """Phụ lục 6, if carried."""
        return self._typed(CivilService)

    @property
    def pl7(self) -> PublicFinance | None:
        """Phụ lục 7, if carried."""
        return self._typed(PublicFinance)

    @property
    def pl8(self) -> DigitalGovernment | None:
        """Phụ lục 8, if carried."""
        return self._typed(DigitalGovernment)


def named_reports(reports: object) -> list[tuple[str | None, Report]]:
    """Reports given as an iterable, or as a mapping of file name to report, with names.

    Raises:
        ValueTypeError: ``reports`` is neither, or holds something that is not a Report.
    """
    items: Iterable[tuple[object, object]]
    if isinstance(reports, Mapping):
        items = reports.items()
    elif isinstance(reports, Iterable) and not isinstance(reports, (str, bytes, Report)):
        items = ((None, r) for r in reports)
    else:
        raise ValueTypeError(
            template=None,
            code=None,
            attribute="reports",
            expected="an iterable of reports, or a mapping of file name to report",
            expected_vi="các báo cáo, hoặc ánh xạ tên tệp → báo cáo",
            value=reports,
        )
    out: list[tuple[str | None, Report]] = []
    for name, report in items:
        if not isinstance(report, Report):
            raise ValueTypeError(
                template=None,
                code=None,
                attribute="reports",
                expected="a Report",
                expected_vi="một Report",
                value=report,
            )
        out.append((None if name is None else str(name), report))
    return out
