r"""``render``: one entry point for every built-in renderer, all fed by the table model.

A renderer is a function ``(ReportTable) -> str | bytes`` in a module of ``_io``;
adding one is writing that module and one line in the table below (:data:`_RENDERERS`):
:data:`FORMATS`, the command line's ``--format`` and ``cchc convert``'s extensions all
derive from it.

>>> import cchc_model
>>> report = cchc_model.example()
>>> cchc_model.render(report, "csv").splitlines()[0]
'\ufefftemplate,code,title,unit,value,note'
>>> cchc_model.render(report, "xlsx")[:2]
b'PK'
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Final, Literal, NamedTuple, overload

from .._model.errors import Lang, ValueTypeError
from .._model.public import publish
from .._model.report import Report
from .table import Findings, ReportTable, table_model

__all__ = [
    "BINARY_FORMATS",
    "FORMATS",
    "RENDER_EXTENSIONS",
    "RenderFormat",
    "render",
    "shows_findings",
]


class _Renderer(NamedTuple):
    """Where a format's renderer is, and what the rest of the library needs to know of it."""

    module: str
    """The module of ``_io`` holding the function (imported when the format is asked for)."""
    function: str
    binary: bool = False
    """Whether it returns ``bytes``."""
    extensions: tuple[str, ...] = ()
    """The file extensions ``cchc convert`` writes in this format."""
    findings: bool = True
    """Whether the format shows findings (otherwise, asking it to is refused)."""


_RENDERERS: Final[Mapping[str, _Renderer]] = {
    "text": _Renderer("text", "render_text"),
    "markdown": _Renderer("text", "render_markdown"),
    "html": _Renderer("html", "render_html", extensions=(".html", ".htm")),
    "csv": _Renderer("csv", "render_csv", extensions=(".csv",), findings=False),
    "csv-wide": _Renderer("csv", "render_csv_wide", findings=False),
    "xlsx": _Renderer("xlsx", "render_xlsx", binary=True, extensions=(".xlsx",)),
    "docx": _Renderer("docx", "render_docx", binary=True, extensions=(".docx",)),
}

FORMATS: Final[tuple[str, ...]] = tuple(_RENDERERS)
"""The formats :func:`render` writes."""

BINARY_FORMATS: Final = frozenset(name for name, r in _RENDERERS.items() if r.binary)
"""The formats :func:`render` returns as ``bytes``."""

RENDER_EXTENSIONS: Final[Mapping[str, str]] = {
    extension: name for name, r in _RENDERERS.items() for extension in r.extensions
}
"""The format of each file extension :func:`render` writes (``".xlsx"``: ``"xlsx"``)."""

# Literal types for the overloads of render(), so that a type checker knows which
# formats give str and which bytes; a format missing here types as ``str | bytes``.
TextFormat = Literal["text", "markdown", "html", "csv", "csv-wide"]
BinaryFormat = Literal["xlsx", "docx"]
RenderFormat = TextFormat | BinaryFormat


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
    entry = _RENDERERS[to]
    function: Callable[[ReportTable], str | bytes] = getattr(
        importlib.import_module(f".{entry.module}", __package__), entry.function
    )
    return function


def shows_findings(to: str) -> bool:
    """Whether format ``to`` shows findings (``csv`` and ``csv-wide`` do not).

    >>> shows_findings("html"), shows_findings("csv")
    (True, False)
    """
    entry = _RENDERERS.get(to)
    return entry is not None and entry.findings


def _refuse_findings(to: str) -> ValueTypeError:
    shown = ", ".join(name for name in FORMATS if shows_findings(name))
    return ValueTypeError(
        template=None,
        code=None,
        attribute="findings",
        expected=f"no findings: {to} has no place for them (formats that show them: {shown})",
        value=to,
    )


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
        to: The format, one of those above.
        findings: The validation result or findings to show (only with a report).
        lang: The language of the findings' messages.

    Returns:
        ``str`` for the text formats (CSV starts with a UTF-8 byte-order mark so that
        Excel reads Vietnamese correctly), ``bytes`` for ``xlsx`` and ``docx``.

    Raises:
        ValueTypeError: Unknown format, a wrong argument, or findings asked of a format
            that cannot show them (``csv``, ``csv-wide``): they are refused rather than
            silently left out.
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
        if table.all_findings() and not shows_findings(to):
            raise _refuse_findings(to)
    else:
        if findings is not None and not shows_findings(to):
            raise _refuse_findings(to)
        table = table_model(report, findings, lang=lang)
    return renderer(table)


publish(globals())  # cchc_model.Name, not this module: see _model/public.py
