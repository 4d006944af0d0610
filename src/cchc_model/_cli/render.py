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
from pathlib import Path
from typing import Any, Final

from .._io.read import EXTENSIONS, ReadResult
from .._io.render import BINARY_FORMATS, FORMATS, RENDER_EXTENSIONS, render, shows_findings
from .._io.schema import shipped_schema
from .exits import EXIT_OK, UsageError
from .inputs import add_input_options, read_args
from .outputs import STANDARD, check_outputs, write_outputs

__all__ = ["add_render_commands"]

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
    _check_findings(args, args.to)
    result = read_args(args, args.file)
    content = render(result.report, args.to, findings=_findings(args, result), lang=args.lang)
    _write(content, args.output, args.to)
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
            hint_en = "; text tables are read, not written: use cchc render --to text|markdown"
            hint_vi = "; bảng văn bản chỉ được đọc: dùng cchc render --to text|markdown"
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
        content = render(result.report, to, findings=_findings(args, result), lang=args.lang)
    _write(content, args.output, to)
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    _write(shipped_schema(), args.output, "json")
    return EXIT_OK


def add_render_commands(sub: Any) -> None:  # noqa: ANN401  # argparse's subparsers action
    """Add ``render``, ``show``, ``convert`` and ``schema`` to the ``cchc`` parser."""
    readable = ", ".join(sorted(EXTENSIONS))

    def reading(p: argparse.ArgumentParser) -> None:
        add_input_options(p)
        p.add_argument(
            "--lang", choices=("vi", "en"), default=argparse.SUPPRESS, help="as cchc --lang"
        )

    p = sub.add_parser(
        "render",
        help="write a report as text, Markdown, HTML, CSV, Excel or Word",
        description=f"Read FILE ({readable}, or - for standard input) and render it.",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--to", choices=FORMATS, default="text", help="output format (default: text)")
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT (default: standard output)")
    p.add_argument("--findings", action="store_true", help="validate and show the findings")
    reading(p)
    p.set_defaults(handler=_cmd_render)

    p = sub.add_parser("show", help="print a report as aligned text tables")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--findings", action="store_true", help="validate and show the findings")
    reading(p)
    p.set_defaults(handler=_cmd_show)

    p = sub.add_parser(
        "convert",
        help="convert a report between formats, chosen by the file extensions",
        description=f"Read IN ({readable}) and write OUT"
        f" ({', '.join(_OUT_EXTENSIONS)}); warnings go to standard error.",
    )
    p.add_argument("input", metavar="IN")
    p.add_argument("output", metavar="OUT")
    p.add_argument("--findings", action="store_true", help="validate and mark the findings")
    reading(p)
    p.set_defaults(handler=_cmd_convert)

    p = sub.add_parser("schema", help="print the JSON Schema of the interchange format")
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT (default: standard output)")
    p.set_defaults(handler=_cmd_schema)
