"""Word's automatic list numbering, as Word shows it: the STT numbers that are not text.

A commune often numbers the STT column with Word's numbering (*Home › Numbering*, a
multilevel list ``1.``, ``1.1.``): the file holds no text there, only a reference to a
list of ``numbering.xml`` (directly, ``w:numPr``, or through the paragraph's style).
:class:`Numbering` computes each numbered paragraph's label in the order of the
document, as Word counts: a counter per level of each list, a level restarting the
levels below it, a list's levels started at their ``w:start`` (or the ``w:num``'s
``w:startOverride``).

Only decimal levels give a label (``%1.%2.`` of ``decimal`` or ``decimalZero``
levels); bullets, letters and roman numerals are counted but give none. Everything is
bounded: nine levels, a label's pattern of at most :data:`_LONGEST` characters, the
parts themselves bounded by the package's checks.

>>> numbering = Numbering({"1": ("0", {})}, {"0": {0: (1, "%1."), 1: (1, "%1.%2.")}}, {})
>>> [numbering.count("1", level) for level in (0, 1, 1, 0, 1)]
['1.', '1.1.', '1.2.', '2.', '2.1.']
"""

from __future__ import annotations

import re
from typing import Any, Final

__all__ = ["Numbering"]

_W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL: Final = f"{_W}val"
_LEVELS: Final = 9
_LONGEST: Final = 40
_PLACE: Final = re.compile(r"%([1-9])")
_DECIMAL: Final = ("decimal", "decimalZero")

Element = Any
"""An lxml element of python-docx, or its document (it has no type hints)."""

Level = tuple[int, str | None]
"""A level's start and its label's pattern (``None``: not decimal, no label)."""


def _int(element: Element, name: str, default: int) -> int:
    found = element.find(f"{_W}{name}") if element is not None else None
    value = found.get(_VAL, "") if found is not None else ""
    return int(value) if value.isdigit() and len(value) <= 6 else default  # noqa: PLR2004


class Numbering:
    """The lists of a Word document and their counters, advanced in document order."""

    def __init__(
        self,
        nums: dict[str, tuple[str, dict[int, int]]],
        abstracts: dict[str, dict[int, Level]],
        styles: dict[str, tuple[str, int]],
    ) -> None:
        self.nums = nums
        """``numId``: its abstract list and the starts it overrides."""
        self.abstracts = abstracts
        self.styles = styles
        """``styleId``: the list and level a paragraph of that style is numbered in."""
        self.counters: dict[str, list[int | None]] = {}
        self.used = False
        """Whether any label was given."""

    @classmethod
    def of(cls, document: Element) -> Numbering | None:
        """The numbering of a python-docx document, or ``None`` when it has none."""
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return None
        abstracts: dict[str, dict[int, Level]] = {}
        for abstract in root.iterchildren(f"{_W}abstractNum"):
            levels: dict[int, Level] = {}
            for lvl in abstract.iterchildren(f"{_W}lvl"):
                ilvl = _int_attr(lvl.get(f"{_W}ilvl"))
                if ilvl is None:
                    continue
                fmt = lvl.find(f"{_W}numFmt")
                text = lvl.find(f"{_W}lvlText")
                pattern = text.get(_VAL) if text is not None else None
                decimal = fmt is None or fmt.get(_VAL) in _DECIMAL
                ok = decimal and pattern is not None and len(pattern) <= _LONGEST
                levels[ilvl] = (_int(lvl, "start", 1), pattern if ok else None)
            abstracts[abstract.get(f"{_W}abstractNumId", "")] = levels
        nums: dict[str, tuple[str, dict[int, int]]] = {}
        for num in root.iterchildren(f"{_W}num"):
            link = num.find(f"{_W}abstractNumId")
            overrides = {}
            for override in num.iterchildren(f"{_W}lvlOverride"):
                ilvl = _int_attr(override.get(f"{_W}ilvl"))
                start = override.find(f"{_W}startOverride")
                if ilvl is not None and start is not None:
                    overrides[ilvl] = _int(override, "startOverride", 1)
            if link is not None:
                nums[num.get(f"{_W}numId", "")] = (link.get(_VAL, ""), overrides)
        return cls(nums, abstracts, _styles(document))

    def label(self, paragraph: Element) -> str | None:
        """Count a paragraph (a ``w:p``) in its list; its label, or ``None``."""
        props = paragraph.find(f"{_W}pPr")
        if props is None:
            return None
        numbered = props.find(f"{_W}numPr")
        if numbered is not None:
            num = numbered.find(f"{_W}numId")
            num_id = num.get(_VAL, "") if num is not None else ""
            level = _int(numbered, "ilvl", 0)
        else:
            style = props.find(f"{_W}pStyle")
            found = self.styles.get(style.get(_VAL, "")) if style is not None else None
            if found is None:
                return None
            num_id, level = found
        return self.count(num_id, level)

    def count(self, num_id: str, level: int) -> str | None:
        """Count a paragraph of list ``num_id`` at ``level``; its label, or ``None``."""
        if num_id not in self.nums or not 0 <= level < _LEVELS:
            return None  # numId 0 removes the numbering
        abstract, overrides = self.nums[num_id]
        levels = self.abstracts.get(abstract, {})
        key = num_id if overrides else abstract
        counters = self.counters.setdefault(key, [None] * _LEVELS)
        current = counters[level]
        counters[level] = (
            current + 1 if current is not None else overrides.get(level, levels.get(level, (1,))[0])
        )
        counters[level + 1 :] = [None] * (_LEVELS - level - 1)
        pattern = levels.get(level, (1, None))[1]
        if pattern is None:
            return None

        def shown(match: re.Match[str]) -> str:
            at = int(match.group(1)) - 1
            value = counters[at] if at < _LEVELS else None
            if value is None:
                value = overrides.get(at, levels.get(at, (1,))[0])
            return str(value)

        self.used = True
        return _PLACE.sub(shown, pattern)


def _int_attr(value: str | None) -> int | None:
    return int(value) if value is not None and value.isdigit() and len(value) <= 2 else None  # noqa: PLR2004


def _styles(document: Element) -> dict[str, tuple[str, int]]:
    """``styleId``: the list and level its paragraphs are numbered in (``basedOn`` followed)."""
    own: dict[str, tuple[str, int]] = {}
    based: dict[str, str] = {}
    try:
        root = document.styles.element
    except AttributeError:  # pragma: no cover  # python-docx always has a styles part
        return {}
    for style in root.iterchildren(f"{_W}style"):
        style_id = style.get(f"{_W}styleId", "")
        parent = style.find(f"{_W}basedOn")
        if parent is not None:
            based[style_id] = parent.get(_VAL, "")
        numbered = style.find(f"{_W}pPr/{_W}numPr")
        if numbered is not None:
            num = numbered.find(f"{_W}numId")
            if num is not None:
                own[style_id] = (num.get(_VAL, ""), _int(numbered, "ilvl", 0))
    found: dict[str, tuple[str, int]] = {}
    for style_id in {*own, *based}:
        current, steps = style_id, 0
        while current not in own and current in based and steps < 10:  # noqa: PLR2004
            current, steps = based[current], steps + 1
        if current in own:
            found[style_id] = own[current]
    return found
