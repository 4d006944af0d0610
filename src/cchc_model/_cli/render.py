"""The ``cchc`` commands that read and write reports: ``render``, ``show``, ``convert``, ``schema``.

Each reads its input as every command does (:mod:`~cchc_model._cli.inputs`: any format,
the doubtful readings written to standard error as warnings), renders with
:func:`~cchc_model.render` and writes as every command does
(:mod:`~cchc_model._cli.outputs`: never over the input, a file whole or not at all).
Input that cannot be read exits with 2 (``main`` reports the
:class:`~cchc_model.CchcError`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from .._io.read import ReadResult
from .._io.render import BINARY_FORMATS, FORMATS, RENDER_EXTENSIONS, render, shows_findings
from .._io.schema import shipped_schema
from .._model.errors import OutputError
from .exits import EXIT_OK, UsageError
from .inputs import add_input_options, read_args
from .options import add_format, add_lang, reads
from .outputs import STANDARD, check_outputs, write_outputs

__all__ = ["ARGUMENTS"]

_OUT_EXTENSIONS: Final = {".json": "json", **RENDER_EXTENSIONS}


def _check_findings(args: argparse.Namespace, to: str) -> None:
    """Refuse ``--findings`` for a format that cannot show them, before reading anything."""
    if getattr(args, "findings", False) and not shows_findings(to):
        shown = ", ".join(name for name in FORMATS if shows_findings(name))
        raise UsageError(
            f"--findings: {to} has no place for findings; use one of {shown},"
            " or cchc validate --format json",
            f"--findings: định dạng {to} không thể hiện được kết quả kiểm tra; dùng một trong"
            f" {shown}, hoặc cchc validate --format json",
        )


def _findings(args: argparse.Namespace, result: ReadResult) -> Any:  # noqa: ANN401  # a ValidationResult
    if not args.findings:
        return None
    from .._rules.validate import validate  # noqa: PLC0415  # only when findings are asked for

    return validate(result.report)


def _rendered(
    args: argparse.Namespace, result: ReadResult, to: str, out: str | None
) -> str | bytes:
    """The report rendered; a failure to make it names the file it was for."""
    try:
        return render(result.report, to, findings=_findings(args, result), lang=args.lang)
    except OutputError as exc:
        if out is None or out == STANDARD:
            raise
        raise exc.naming(out) from None


def _write(content: str | bytes, out: str | None, to: str) -> None:
    """Write to file ``out`` (whole or not at all) or, without one, to standard output."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    target = STANDARD if out is None else out
    if target == STANDARD and to in BINARY_FORMATS and sys.stdout.isatty():
        raise UsageError(
            f"{to} is a binary format: write it to a file with -o FILE",
            f"{to} là định dạng nhị phân: hãy ghi ra tệp với -o TỆP",
        )
    write_outputs([(target, data)])


def _cmd_render(args: argparse.Namespace) -> int:
    check_outputs([args.file], [args.output])
    _check_findings(args, args.format)
    result = read_args(args, args.file)
    content = _rendered(args, result, args.format, args.output)
    _write(content, args.output, args.format)
    return EXIT_OK


def _cmd_show(args: argparse.Namespace) -> int:
    result = read_args(args, args.file)
    _write(
        render(result.report, "text", findings=_findings(args, result), lang=args.lang),
        None,
        "text",
    )
    return EXIT_OK


def _cmd_convert(args: argparse.Namespace) -> int:
    check_outputs([args.input], [args.output])
    suffix = Path(args.output).suffix.lower()
    to = _OUT_EXTENSIONS.get(suffix)
    if to is None:
        hint_en = hint_vi = ""
        if suffix in (".txt", ".md"):
            hint_en = "; text tables are read, not written: use cchc render --format text|markdown"
            hint_vi = "; bảng văn bản chỉ được đọc: dùng cchc render --format text|markdown"
        raise UsageError(
            f"cannot tell the output format from {args.output!r} (use one of"
            f" {', '.join(_OUT_EXTENSIONS)}){hint_en}",
            f"không xác định được định dạng ghi từ {args.output!r} (dùng một trong"
            f" {', '.join(_OUT_EXTENSIONS)}){hint_vi}",
        )
    _check_findings(args, to)
    result = read_args(args, args.input)
    if to == "json":
        from .._io.interchange import dumps  # noqa: PLC0415  # loaded for its format only

        content: str | bytes = dumps(result.report)
    else:
        content = _rendered(args, result, to, args.output)
    _write(content, args.output, to)
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    _write(shipped_schema(), args.output, "json")
    return EXIT_OK


def _render_arguments(p: argparse.ArgumentParser) -> None:
    p.description = f"Read FILE and write it in the official layout of the forms. {reads()}"
    p.add_argument("file", metavar="FILE", help="the report to render; - reads standard input")
    add_format(p, FORMATS, "the format written")
    p.add_argument("--to", dest="format", choices=FORMATS, help=argparse.SUPPRESS)  # the old name
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT (default: standard output)")
    p.add_argument(
        "--findings", action="store_true", help="validate the report and show the findings"
    )
    add_input_options(p)
    add_lang(p)
    p.set_defaults(handler=_cmd_render)


def _show_arguments(p: argparse.ArgumentParser) -> None:
    p.description = f"Print FILE as the aligned text tables of the forms. {reads()}"
    p.add_argument("file", metavar="FILE", help="the report to show; - reads standard input")
    p.add_argument(
        "--findings", action="store_true", help="validate the report and show the findings"
    )
    add_input_options(p)
    add_lang(p)
    p.set_defaults(handler=_cmd_show)


def _convert_arguments(p: argparse.ArgumentParser) -> None:
    p.description = (
        f"Read IN and write OUT in the format its extension names"
        f" ({', '.join(_OUT_EXTENSIONS)}); warnings go to standard error. {reads()}"
    )
    p.add_argument("input", metavar="IN", help="the report to convert; - reads standard input")
    p.add_argument("output", metavar="OUT", help="the file to write, its format by its extension")
    p.add_argument(
        "--findings", action="store_true", help="validate the report and mark the findings"
    )
    add_input_options(p)
    add_lang(p)
    p.set_defaults(handler=_cmd_convert)


def _schema_arguments(p: argparse.ArgumentParser) -> None:
    p.description = "Print the JSON Schema of the interchange format (cchc-report, version 1)."
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT (default: standard output)")
    p.set_defaults(handler=_cmd_schema)


ARGUMENTS: Final[dict[str, Callable[[argparse.ArgumentParser], None]]] = {
    "render": _render_arguments,
    "show": _show_arguments,
    "convert": _convert_arguments,
    "schema": _schema_arguments,
}
"""Each command's arguments, added to its parser by :func:`~cchc_model._cli.main.build_parser`."""
