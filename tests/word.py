"""Word documents made as people type them, for the reader tests (python-docx)."""

from __future__ import annotations

import io
from collections.abc import Sequence

import docx

Table = tuple[Sequence[str], Sequence[Sequence[str]]]
"""The paragraphs before a table (its heading), and its rows."""


def word_document(
    paragraphs: Sequence[str], rows: Sequence[Sequence[str]], *, columns: int | None = None
) -> bytes:
    """A ``.docx`` of ``paragraphs``, then one table of ``rows``.

    The table has ``columns`` columns, by default as many as its longest row.
    """
    return word_parts(paragraphs, ((), rows), columns=columns)


def word_parts(paragraphs: Sequence[str], *parts: Table | str, columns: int | None = None) -> bytes:
    """A ``.docx`` of ``paragraphs``, then ``parts``: paragraphs (``str``) and tables.

    Each table has ``columns`` columns, by default as many as its longest row.
    """
    document = docx.Document()
    for line in paragraphs:
        document.add_paragraph(line)
    for part in parts:
        if isinstance(part, str):
            document.add_paragraph(part)
            continue
        before, rows = part
        for line in before:
            document.add_paragraph(line)
        width = columns if columns is not None else max(len(row) for row in rows)
        table = document.add_table(rows=len(rows), cols=width)
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                table.cell(r, c).text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
