"""The report: a filed CCHC report's metadata and any subset of its appendices."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeVar, overload

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
from .public import publish
from .template import Indicator, Template, TemplateSpec, Value, build_unchecked, text_problem
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


def _check_text(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A text of the metadata: a ``str`` a report can hold (see ``text_problem``)."""
    if value is None and attribute.name != "agency":
        return
    problem = text_problem(value)
    if problem is None and attribute.name == "agency" and not str(value).strip():
        problem = ("a name, not a blank text", "một tên, không phải chuỗi trống")
    if problem is not None:
        blank = "" if attribute.name == "agency" else " or None"
        raise ValueTypeError(
            template=None,
            code=None,
            attribute=attribute.name,
            expected=problem[0] + blank,
            expected_vi=problem[1] + (" hoặc None" if blank else ""),
            value=value,
        )


def _text_field() -> Any:  # noqa: ANN401
    return attrs.field(default=None, converter=_optional_text, validator=_check_text)


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

    agency: str = attrs.field(validator=_check_text)
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

    @property
    def unit_key(self) -> str:
        """The identifier of the report's unit: its official code, else its name and place.

        Consolidation tells units apart by it, and comparison and export show it.

        >>> from cchc_model import AdminLevel, Period
        >>> info = ReportInfo(
        ...     agency="UBND xã Hương Sơn",
        ...     level=AdminLevel.COMMUNE,
        ...     period=Period.H1,
        ...     year=2024,
        ...     district="Nam Đông",
        ... )
        >>> info.unit_key, attrs.evolve(info, unit_code="19897").unit_key
        ('UBND xã Hương Sơn, Nam Đông', '19897')
        """
        if self.unit_code is not None:
            return self.unit_code
        return ", ".join(part for part in (self.agency, self.district, self.province) if part)

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


def _edition_id(value: str | None) -> str:
    # None (the default) is settled in Report.__attrs_post_init__, from the templates
    # carried or the report's period; a blank id is no id. Anything else is kept for
    # the validator to refuse.
    given: object = value
    if given is None or (isinstance(given, str) and not given.strip()):
        return ""
    return value  # type: ignore[return-value]  # not None here


@attrs.frozen(kw_only=True)
class Report:
    """A filed report: its metadata and the appendices it carries.

    Templates are reachable by id (``report["PL4"]``), by class (``report.get(Procedures)``,
    typed, for the templates of every edition) and, for the built-in 2024 edition, by
    typed attribute (``report.pl4``); a template the report does not carry is ``None``.

    Args:
        info: The metadata.
        templates: The appendices carried (template instances, at most one of each).
        edition: The id of the template edition the report was filed under. By default,
            the edition of the templates carried, or for a report that carries none, the
            edition in force for its period (see :func:`~cchc_model.edition`).

    >>> from cchc_model import example
    >>> report = example()
    >>> report.pl4.commune_on_time_rate, report["PL8"]["6.4"], report.value("PL2", "2.1")
    (Decimal('100'), Decimal('70.1'), 19)
    """

    info: ReportInfo = attrs.field(validator=_check(ReportInfo, "a ReportInfo", "một ReportInfo"))
    templates: FrozenMap[str, Template] = attrs.field(factory=FrozenMap, converter=_to_templates)
    edition: str = attrs.field(
        default=None,
        converter=_edition_id,
        validator=_check(str, "an edition id (a string)", "mã bộ biểu mẫu (chuỗi ký tự)"),
    )

    def __attrs_post_init__(self) -> None:
        if not self.edition:
            object.__setattr__(self, "edition", self._default_edition())
        ed = get_edition(self.edition)
        for tid, tpl in self.templates.items():
            if ed.template(tid) is not type(tpl):
                raise ValueTypeError(
                    template=tid,
                    code=None,
                    attribute="templates",
                    expected=f"a template of edition {ed.id}",
                    expected_vi=f"một biểu của bộ biểu mẫu {ed.id}",
                    value=type(tpl).__name__,
                )

    def _default_edition(self) -> str:
        named = {tpl.spec.edition for tpl in self.templates.values()}
        if len(named) > 1:
            raise ValueTypeError(
                template=None,
                code=None,
                attribute="templates",
                expected="templates of one edition",
                expected_vi="các biểu của cùng một bộ biểu mẫu",
                value=", ".join(sorted(named)),
            )
        if named:
            return named.pop()
        return get_edition(period=self.info.period, year=self.info.year).id

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

    @overload
    def get(self, template: type[T]) -> T | None: ...
    @overload
    def get(self, template: str) -> Template | None: ...
    def get(self, template: type[T] | str) -> T | Template | None:
        """The template ``template`` (a class, or an id such as ``"PL2"``), if carried.

        Given a class, the result has that type, for the templates of any edition.

        Raises:
            CodeError: The template is not one of the report's edition.

        >>> from cchc_model import example, Procedures
        >>> example().get(Procedures).commune_on_time_rate, example().get("PL3") is None
        (Decimal('100'), False)
        """
        ed = get_edition(self.edition)
        if isinstance(template, str):
            return self.templates.get(ed.template(template).spec.id)
        spec = getattr(template, "spec", None)
        if not isinstance(spec, TemplateSpec) or ed.template(spec.id) is not template:
            name = getattr(template, "__name__", repr(template))
            raise CodeError(
                f"{name} is not a template of edition {ed.id}"
                f" (templates: {', '.join(ed.template_ids)})",
                f"{name} không phải biểu của bộ biểu mẫu {ed.id}"
                f" (các biểu: {', '.join(ed.template_ids)})",
                template=spec.id if isinstance(spec, TemplateSpec) else None,
                code=None,
            )
        return self.templates.get(spec.id)

    def _typed(self, cls: type[T], attribute: str) -> T | None:
        if self.edition != cls.spec.edition:
            raise CodeError(
                f"report.{attribute} is {cls.spec.id} of edition {cls.spec.edition}"
                f" ({cls.__name__}), and this report is of edition {self.edition}:"
                f" use report[{cls.spec.id!r}] or report.get(<template class>)",
                f"report.{attribute} là {cls.spec.id} của bộ biểu mẫu {cls.spec.edition}"
                f" ({cls.__name__}), còn báo cáo này thuộc bộ biểu mẫu {self.edition}:"
                f" hãy dùng report[{cls.spec.id!r}] hoặc report.get(<lớp biểu>)",
                template=cls.spec.id,
                code=None,
            )
        return self.get(cls)

    @property
    def pl2(self) -> Direction | None:
        """Phụ lục 2 of the 2024 edition, if carried.

        Raises:
            CodeError: The report is of another edition (use ``report["PL2"]``).
        """
        return self._typed(Direction, "pl2")

    @property
    def pl3(self) -> Institutions | None:
        """Phụ lục 3 of the 2024 edition, if carried (see :attr:`pl2`)."""
        return self._typed(Institutions, "pl3")

    @property
    def pl4(self) -> Procedures | None:
        """Phụ lục 4 of the 2024 edition, if carried (see :attr:`pl2`)."""
        return self._typed(Procedures, "pl4")

    @property
    def pl5(self) -> Organisation | None:
        """Phụ lục 5 of the 2024 edition, if carried (see :attr:`pl2`)."""
        return self._typed(Organisation, "pl5")

    @property
    def pl6(self) -> CivilService | None:
        """Phụ lục 6 of the 2024 edition, if carried (see :attr:`pl2`)."""
        return self._typed(CivilService, "pl6")

    @property
    def pl7(self) -> PublicFinance | None:
        """Phụ lục 7 of the 2024 edition, if carried (see :attr:`pl2`)."""
        return self._typed(PublicFinance, "pl7")

    @property
    def pl8(self) -> DigitalGovernment | None:
        """Phụ lục 8 of the 2024 edition, if carried (see :attr:`pl2`)."""
        return self._typed(DigitalGovernment, "pl8")


def build_report_checked(
    info: ReportInfo, templates: Mapping[str, Template], edition: str
) -> Report:
    """Build a report from parts already checked (the JSON reader's fast path).

    Private to the library, behind the one door of fast construction
    (:func:`~cchc_model._model.template.build_unchecked`): ``templates`` are of
    ``edition``, by id, in the order of the form. Anything not checked so goes through
    :class:`Report` instead.
    """
    return build_unchecked(Report, info=info, templates=FrozenMap(templates), edition=edition)


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


publish(globals())  # cchc_model.Name, not this module: see _model/public.py
