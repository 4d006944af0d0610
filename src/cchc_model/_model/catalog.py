"""The catalog: template editions, their templates and indicators, and the corrections made.

An :class:`Edition` is a set of appendix templates in force at one time. Reports name
the edition they were filed under, so that a revised template set can be added beside
this one without breaking reports filed under it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

import attrs

from .errors import CodeError
from .template import Indicator, Template, TemplateSpec

__all__ = ["Correction", "Edition", "catalog_data", "edition", "editions", "register_edition"]


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


@attrs.frozen
class Edition:
    """A set of appendix templates in force at one time.

    Attributes:
        id: The edition id written in reports (``"2024"``).
        title: A description of the edition.
        source: The document the catalog was transcribed from.
        classes: The template classes, in appendix order.
        corrections: The slips of the source that the catalog corrects.
    """

    id: str
    title: str
    source: str
    classes: tuple[type[Template], ...]
    corrections: tuple[Correction, ...] = ()

    def __attrs_post_init__(self) -> None:
        for cls in self.classes:
            if cls.spec.edition != self.id:
                raise ValueError(f"{cls.__name__} belongs to edition {cls.spec.edition}")

    @property
    def template_ids(self) -> tuple[str, ...]:
        """The template ids, in appendix order (``("PL2", …, "PL8")``)."""
        return tuple(cls.spec.id for cls in self.classes)

    def template(self, template_id: str) -> type[Template]:
        """The class of template ``template_id`` (``"PL2"``; ``"pl2"`` is accepted too).

        Raises:
            CodeError: The edition has no such template.
        """
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


_EDITIONS: dict[str, Edition] = {}
_CURRENT: list[str] = []


def register_edition(ed: Edition, *, current: bool = False) -> Edition:
    """Make an edition known by its id; ``current`` makes it the default one."""
    if ed.id in _EDITIONS and _EDITIONS[ed.id] is not ed:
        raise ValueError(f"edition {ed.id} is already registered")
    _EDITIONS[ed.id] = ed
    if current or not _CURRENT:
        _CURRENT[:] = [ed.id]
    return ed


def editions() -> tuple[Edition, ...]:
    """Every known edition, oldest first."""
    _ensure_loaded()
    return tuple(_EDITIONS.values())


def edition(edition_id: str | None = None) -> Edition:
    """The edition ``edition_id``, or the current one when ``None``.

    >>> edition().id, edition().template_ids
    ('2024', ('PL2', 'PL3', 'PL4', 'PL5', 'PL6', 'PL7', 'PL8'))

    Raises:
        CodeError: No edition has that id.
    """
    _ensure_loaded()
    key = _CURRENT[0] if edition_id is None else edition_id
    try:
        return _EDITIONS[key]
    except (KeyError, TypeError):
        known = ", ".join(_EDITIONS)
        raise CodeError(
            f"unknown template edition {edition_id!r} (known: {known})",
            f"không có bộ biểu mẫu {edition_id!r} (hiện có: {known})",
            template=None,
            code=None,
        ) from None


def _ensure_loaded() -> None:
    if not _EDITIONS:
        from .. import templates  # noqa: F401, PLC0415  # registers the built-in editions


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
