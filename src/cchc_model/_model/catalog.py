"""The catalog: template editions, their templates and indicators, and the corrections made.

An :class:`Edition` is a set of appendix templates in force for some reporting periods.
Reports name the edition they were filed under, so that a revised template set can be
added beside another without breaking the reports filed under it. The editions are kept
in a registry (:func:`register_edition`); the edition of a report that does not name one
is the edition in force for its period (:func:`edition`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs

from .errors import CodeError, Lang
from .period import Period
from .public import publish
from .template import Indicator, Template, TemplateSpec

if TYPE_CHECKING:  # importlib.resources costs a third of `import cchc_model`: see below
    from importlib.resources.abc import Traversable

__all__ = [
    "Correction",
    "Edition",
    "catalog_data",
    "edition",
    "editions",
    "register_edition",
    "unregister_edition",
]


@attrs.frozen
class Correction:
    """A slip in the source document that the catalog corrects.

    Attributes:
        template: The template id.
        code: The row's code, or ``None`` for the template's title.
        field: What was corrected: ``"title"``, ``"unit"`` or ``"template title"``.
        original: The text as printed in the source.
        corrected: The text in the catalog.
        reason: Why, in a sentence.
    """

    template: str
    code: str | None
    field: Literal["title", "unit", "template title"]
    original: str
    corrected: str
    reason: str


def _check_day(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and type(value) is not dt.date:
        raise TypeError(f"Edition.{attribute.name} is a datetime.date or None, got {value!r}")


def _check_resource(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None or isinstance(value, Path):
        return  # the library's own editions: checked without loading importlib.resources
    from importlib.resources.abc import Traversable  # noqa: PLC0415

    if not isinstance(value, Traversable):
        raise TypeError(
            f"Edition.{attribute.name} is a file (a pathlib.Path or an importlib.resources"
            f" file) or None, got {value!r}"
        )


@attrs.frozen
class Edition:
    """A set of appendix templates, in force for the reporting periods it declares.

    An edition is one folder (see :doc:`/catalog`): the template classes, the
    corrections made to its source, its rules file and, if it ships one, an example.

    Attributes:
        id: The edition id written in reports (``"2024"``).
        title: A description of the edition.
        source: The document the catalog was transcribed from.
        classes: The template classes, in appendix order; each has the id ``PLn``, where
            ``n`` is its appendix number, and names this edition.
        corrections: The slips of the source that the catalog corrects.
        since: The first day of the reporting periods the edition applies to (``None``:
            from the earliest).
        until: The last day of the reporting periods it applies to (``None``: still in
            force). A period belongs to the edition in force on the last day of its data
            (:meth:`Period.window <cchc_model.Period.window>`).
        rules: The edition's rules file (TOML, the format of :func:`~cchc_model.load_rules`),
            or ``None`` for only the rules generated from the catalog.
        example: A report filed under the edition, as a JSON document, or ``None``.
    """

    id: str
    title: str
    source: str
    classes: tuple[type[Template], ...]
    corrections: tuple[Correction, ...] = ()
    since: dt.date | None = attrs.field(default=None, validator=_check_day)
    until: dt.date | None = attrs.field(default=None, validator=_check_day)
    rules: Traversable | None = attrs.field(default=None, validator=_check_resource, eq=False)
    example: Traversable | None = attrs.field(default=None, validator=_check_resource, eq=False)
    _by_id: Mapping[str, type[Template]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        given: object = self.id  # typed str, but a caller may pass anything
        if not isinstance(given, str) or not given.strip() or given != given.strip():
            raise ValueError(f"an edition id is a non-blank string, got {self.id!r}")
        if not self.classes:
            raise ValueError(f"edition {self.id} has no template")
        numbers: set[int] = set()
        for cls in self.classes:
            spec = getattr(cls, "spec", None)
            if not isinstance(spec, TemplateSpec):
                raise TypeError(f"{cls!r} is not a template class (declare it with @template)")
            if spec.edition != self.id:
                raise ValueError(f"{cls.__name__} belongs to edition {spec.edition}")
            if spec.id != f"PL{spec.number}":
                raise ValueError(
                    f"{cls.__name__}: a template id is PL and its appendix number"
                    f" (PL{spec.number}), not {spec.id!r}"
                )
            if spec.number in numbers:
                raise ValueError(f"edition {self.id} has two templates {spec.id}")
            numbers.add(spec.number)
        if self.since is not None and self.until is not None and self.until < self.since:
            raise ValueError(f"edition {self.id}: until ({self.until}) is before since")
        # the rules and the wording look rows up by template id thousands of times
        object.__setattr__(self, "_by_id", {cls.spec.id: cls for cls in self.classes})

    @property
    def template_ids(self) -> tuple[str, ...]:
        """The template ids, in appendix order (``("PL2", …, "PL8")``)."""
        return tuple(cls.spec.id for cls in self.classes)

    def template(self, template_id: str) -> type[Template]:
        """The class of template ``template_id`` (``"PL2"``; ``"pl2"`` is accepted too).

        Raises:
            CodeError: The edition has no such template.
        """
        found = self._by_id.get(template_id) if type(template_id) is str else None
        if found is not None:
            return found
        if not isinstance(template_id, str):
            raise CodeError(
                f"a template id is a string such as 'PL2', not {template_id!r}",
                f"mã biểu là chuỗi như 'PL2', không phải {template_id!r}",
                template=None,
                code=None,
            )
        wanted = template_id.strip().upper()
        for cls in self.classes:
            if cls.spec.id == wanted:
                return cls
        raise CodeError(
            f"edition {self.id} has no template {template_id!r}"
            f" (templates: {', '.join(self.template_ids)})",
            f"bộ biểu mẫu {self.id} không có biểu {template_id!r}"
            f" (các biểu: {', '.join(self.template_ids)})",
            template=str(template_id),
            code=None,
        )

    def spec(self, template_id: str) -> TemplateSpec:
        """The catalog entry of template ``template_id``."""
        return self.template(template_id).spec

    def indicator(self, template_id: str, code: str) -> Indicator:
        """The row ``code`` of template ``template_id``."""
        return self.spec(template_id).indicator(code)

    def indicators(self) -> Iterator[Indicator]:
        """Every row of every template, in order."""
        for cls in self.classes:
            yield from cls.spec.indicators

    def in_force(self, day: dt.date) -> bool:
        """Whether the edition is in force on ``day``."""
        return (self.since is None or self.since <= day) and (
            self.until is None or day <= self.until
        )

    def applies_to(self, period: Period, year: int) -> bool:
        """Whether a report on ``period`` of ``year`` may be filed under the edition.

        >>> from cchc_model import Period
        >>> edition("2024").applies_to(Period.H1, 2024)
        True
        """
        if self.since is None and self.until is None:
            return True
        return self.in_force(period.window(year)[1])

    def describe_periods(self, lang: Lang = "en") -> str:
        """The periods it applies to, in words.

        >>> edition("2024").describe_periods(), edition("2024").describe_periods("vi")
        ('any period', 'mọi kỳ báo cáo')
        """
        vi = lang == "vi"
        if self.since is None and self.until is None:
            return "mọi kỳ báo cáo" if vi else "any period"
        parts = []
        if self.since is not None:
            parts.append(f"từ {self.since:%d/%m/%Y}" if vi else f"from {self.since}")
        if self.until is not None:
            parts.append(f"đến {self.until:%d/%m/%Y}" if vi else f"until {self.until}")
        return " ".join(parts)


_EDITIONS: dict[str, Edition] = {}
_LOADING: list[bool] = []


def _ensure_loaded() -> None:
    if not _LOADING:
        _LOADING.append(True)  # before the import: the built-in editions register themselves
        from .. import templates  # noqa: F401, PLC0415  # registers the built-in editions


def register_edition(ed: Edition) -> Edition:
    """Make ``ed`` known by its id, so that reports, rules and readers can use it.

    Among the editions that apply to a report's period (:meth:`Edition.applies_to`), the
    default one is the edition with the latest :attr:`~Edition.since`, and among those
    the one registered last. A built-in edition keeps reports of its periods unless
    yours declares a later ``since``. See :doc:`/catalog` for a whole example.

    Returns:
        ``ed``, so that a module can write ``MINE = register_edition(Edition(...))``.

    Raises:
        ValueError: Another edition has the same id.

    >>> from cchc_model import Edition, register_edition, unregister_edition, edition
    >>> import datetime
    >>> later = Edition(
    ...     id="2024",
    ...     title="…",
    ...     source="…",
    ...     classes=edition("2024").classes,
    ...     since=datetime.date(2090, 1, 1),
    ... )
    >>> register_edition(later)
    Traceback (most recent call last):
    ...
    ValueError: edition 2024 is already registered
    """
    if not isinstance(ed, Edition):
        raise TypeError(f"register_edition() takes an Edition, got {ed!r}")
    _ensure_loaded()
    known = _EDITIONS.get(ed.id)
    if known is not None and known is not ed:
        raise ValueError(f"edition {ed.id} is already registered")
    _EDITIONS[ed.id] = ed
    return ed


def unregister_edition(edition_id: str) -> Edition:
    """Forget the edition ``edition_id`` (for tests that register an edition of their own).

    Raises:
        CodeError: No edition has that id.
    """
    ed = edition(edition_id)
    del _EDITIONS[ed.id]
    return ed


def editions() -> tuple[Edition, ...]:
    """Every known edition, in the order registered (the built-in ones first).

    >>> [ed.id for ed in editions()][:1]
    ['2024']
    """
    _ensure_loaded()
    return tuple(_EDITIONS.values())


def edition(
    edition_id: str | None = None, *, period: Period | None = None, year: int | None = None
) -> Edition:
    """The edition ``edition_id``; without one, the edition in force for a period or today.

    Args:
        edition_id: The edition's id (``"2024"``).
        period: With ``year``, and no ``edition_id``: the edition a report on that
            period is filed under by default (see :func:`register_edition`).
        year: The year of ``period``.

    >>> edition().id, edition().template_ids
    ('2024', ('PL2', 'PL3', 'PL4', 'PL5', 'PL6', 'PL7', 'PL8'))
    >>> from cchc_model import Period
    >>> edition(period=Period.H1, year=2024).id
    '2024'

    Raises:
        CodeError: No edition has that id, or none applies to the period.
    """
    _ensure_loaded()
    if edition_id is not None:
        given: object = edition_id  # typed str, but a caller may pass anything
        found = _EDITIONS.get(given) if isinstance(given, str) else None
        if found is None:
            known = ", ".join(_EDITIONS)
            raise CodeError(
                f"unknown template edition {edition_id!r} (known: {known})",
                f"không có bộ biểu mẫu {edition_id!r} (hiện có: {known})",
                template=None,
                code=None,
            )
        return found
    if period is None and year is None:
        today = dt.date.today()  # noqa: DTZ011  # a calendar day, wherever the reader is
        applying = [ed for ed in _EDITIONS.values() if ed.in_force(today)]
        return _latest(applying, f"on {today}", f"vào ngày {today:%d/%m/%Y}")
    if not isinstance(period, Period) or isinstance(year, bool) or not isinstance(year, int):
        raise TypeError(f"edition() takes a Period and a year, got {period!r} and {year!r}")
    applying = [ed for ed in _EDITIONS.values() if ed.applies_to(period, year)]
    return _latest(applying, f"for {period.value} {year}", f"cho kỳ {period.label(year)}")


def _latest(candidates: list[Edition], when: str, when_vi: str) -> Edition:
    if not candidates:
        known = "; ".join(f"{ed.id}: {ed.describe_periods()}" for ed in _EDITIONS.values())
        known_vi = "; ".join(f"{ed.id}: {ed.describe_periods('vi')}" for ed in _EDITIONS.values())
        raise CodeError(
            f"no template edition is in force {when} (editions: {known})",
            f"không có bộ biểu mẫu nào áp dụng {when_vi} (các bộ: {known_vi})",
            template=None,
            code=None,
        )
    # the latest since wins; among equals (max keeps the first), the one registered last
    return max(reversed(candidates), key=lambda ed: ed.since or dt.date.min)


def catalog_data(edition_id: str | None = None) -> dict[str, Any]:
    """The catalog as plain data (what ``cchc catalog --format json`` prints).

    >>> data = catalog_data()
    >>> data["edition"], len(data["templates"]), data["templates"][0]["indicators"][2]["code"]
    ('2024', 7, '2.1')
    """
    ed = edition(edition_id)
    return {
        "edition": ed.id,
        "title": ed.title,
        "source": ed.source,
        "templates": [_template_data(cls.spec) for cls in ed.classes],
        "corrections": [attrs.asdict(c) for c in ed.corrections],
    }


def _template_data(spec: TemplateSpec) -> dict[str, Any]:
    return {
        "id": spec.id,
        "number": spec.number,
        "title": spec.title,
        "subject": spec.subject,
        "attached": spec.attached,
        "indicators": [_indicator_data(row) for row in spec.indicators],
    }


def _indicator_data(row: Indicator) -> dict[str, Any]:
    kind = row.kind
    return {
        "code": row.code,
        "title": row.title,
        "attribute": row.attribute,
        "kind": kind.value if kind is not None else "heading",
        "unit": row.unit.label if row.unit is not None else None,
        "code_list": (
            [{"value": int(member), "label": member.label} for member in row.code_list]
            if row.code_list is not None
            else None
        ),
        "emphasis": row.emphasis.value,
        "levels": sorted(level.value for level in row.levels),
        "parent": row.parent,
        "note": row.note,
        "hint": row.hint,
        "consolidation": row.consolidation.value if row.consolidation is not None else None,
    }


publish(globals())  # cchc_model.Name, not this module: see _model/public.py
