"""The reference document's appendix tables, as kept under tests/data (data only)."""

from __future__ import annotations

import re
from pathlib import Path

import attrs

DATA = Path(__file__).parent / "data"


@attrs.frozen
class SourceRow:
    """One row of an appendix table of the reference document, as printed."""

    template: str
    code: str
    raw_code: str
    title: str
    unit: str
    value: str
    note: str
    bold: bool
    italic: bool


_TAG = re.compile(r"<[^>]+>")
_APPENDIX = re.compile(r"Phụ lục (\d)")
_CODE = re.compile(r"\d+(?:\.\d+)*\.?")


def read_source_rows(path: Path = DATA / "huong-son-2024-h1-tables.md") -> list[SourceRow]:
    """The coded rows of the appendix tables kept under tests/data."""
    rows: list[SourceRow] = []
    template = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if m := _APPENDIX.search(line):
            template = f"PL{m.group(1)}"
        if "\t" not in line:
            continue
        cells = line.split("\t")
        plain = [_TAG.sub("", c).strip() for c in cells]
        if not _CODE.fullmatch(plain[0]):
            continue
        title_cell = cells[1].strip()
        rows.append(
            SourceRow(
                template=template,
                code=plain[0].rstrip("."),
                raw_code=plain[0],
                title=plain[1],
                unit=plain[2],
                value=plain[3],
                note=plain[4] if len(plain) > 4 else "",
                bold=title_cell.startswith("<b>"),
                italic=title_cell.startswith("<i>"),
            )
        )
    return rows
