r"""``render``: one entry point for every built-in renderer, all fed by the table model.

>>> import cchc_model
>>> report = cchc_model.example()
>>> cchc_model.render(report, "csv").splitlines()[0]
'\ufefftemplate,code,title,unit,value,note'
>>> cchc_model.render(report, "xlsx")[:2]
b'PK'
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Final, Literal, overload

from .._model.errors import Lang, ValueTypeError
from .._model.report import Report
from .table import Findings, ReportTable, table_model

__all__ = ["BINARY_FORMATS", "FORMATS", "RenderFormat", "render"]

TextFormat = Literal["text", "markdown", "html", "csv", "csv-wide"]
BinaryFormat = Literal["xlsx", "docx"]
RenderFormat = TextFormat | BinaryFormat

FORMATS: Final[tuple[str, ...]] = ("text", "markdown", "html", "csv", "csv-wide", "xlsx", "docx")
"""The formats :func:`render` writes."""

BINARY_FORMATS: Final = frozenset({"xlsx", "docx"})
"""The formats :func:`render` returns as ``bytes``."""


_RENDERERS: Final = {
    "text": ("text", "render_text"),
    "markdown": ("text", "render_markdown"),
    "html": ("html", "render_html"),
    "csv": ("csv", "render_csv"),
    "csv-wide": ("csv", "render_csv_wide"),
    "xlsx": ("xlsx", "render_xlsx"),
    "docx": ("docx", "render_docx"),
}


def _renderer(to: str) -> Callable[[ReportTable], str | bytes]:
    # Each renderer module is imported only when its format is asked for.
    if to not in _RENDERERS:
        raise ValueTypeError(
            template=None,
            code=None,
            attribute="to",
            expected=f"one of {', '.join(FORMATS)}",
            value=to,
        )
    module, name = _RENDERERS[to]
    function: Callable[[ReportTable], str | bytes] = getattr(
        importlib.import_module(f".{module}", __package__), name
    )
    return function


@overload
def render(
    report: Report | ReportTable,
    to: TextFormat = "text",
    *,
    findings: Findings | None = None,
    lang: Lang = "vi",
) -> str: ...


@overload
def render(
    report: Report | ReportTable,
    to: BinaryFormat,
    *,
    findings: Findings | None = None,
    lang: Lang = "vi",
) -> bytes: ...


@overload
def render(
    report: Report | ReportTable,
    to: str,
    *,
    findings: Findings | None = None,
    lang: Lang = "vi",
) -> str | bytes: ...


def render(
    report: Report | ReportTable,
    to: str = "text",
    *,
    findings: Findings | None = None,
    lang: Lang = "vi",
) -> str | bytes:
    """Render a report in one of the built-in formats.

    Every format is drawn from the same :func:`~cchc_model.table_model`:

    ``"text"``
        aligned columns, 100 characters wide (what ``cchc show`` prints);
    ``"markdown"``
        a pipe table per appendix;
    ``"html"``
        one standalone page, printable on A4, laid out like the official appendices,
        findings highlighted on their rows;
    ``"csv"``
        tidy: one row per form row (``template, code, title, unit, value, note``),
        preceded by the report's metadata as rows of template ``report``; read back
        by :func:`~cchc_model.read` without loss;
    ``"csv-wide"``
        one row for the report, one column per indicator of the edition, for
        stacking many reports;
    ``"xlsx"``
        an Excel workbook: one sheet per appendix in the official layout, a sheet of
        metadata and, with findings, a sheet of findings; read back without loss
        (needs the ``xlsx`` extra);
    ``"docx"``
        a Word document with the appendices as tables ready to attach to a report
        (needs the ``docx`` extra).

    Args:
        report: The report, or a table model already made.
        to: The format, one of :data:`FORMATS`.
        findings: The validation result or findings to show (only with a report).
        lang: The language of the findings' messages.

    Returns:
        ``str`` for the text formats (CSV starts with a UTF-8 byte-order mark so that
        Excel reads Vietnamese correctly), ``bytes`` for ``xlsx`` and ``docx``.

    Raises:
        ValueTypeError: Unknown format, or a wrong argument.
        MissingExtraError: ``xlsx`` or ``docx`` without its extra installed.

    >>> import cchc_model
    >>> print(cchc_model.render(cchc_model.example(), "text").splitlines()[0])
    Báo cáo số 341/BC-UBND ngày 10/6/2024 của UBND xã Hương Sơn
    """
    renderer = _renderer(to)
    if isinstance(report, ReportTable):
        if findings is not None:
            raise ValueTypeError(
                template=None,
                code=None,
                attribute="findings",
                expected="None when a table model is given (it holds its findings)",
                value=findings,
            )
        table = report
    else:
        table = table_model(report, findings, lang=lang)
    return renderer(table)
