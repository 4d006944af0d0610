"""The ``cchc`` command line (stdlib argparse).

Each subcommand is a function ``_cmd_NAME(args) -> int`` registered in
:func:`build_parser`; the exit code is 0 for success, 1 when the command found errors
in the reports it checked, and 2 when its input could not be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from ._catalog import catalog_data
from ._catalog import edition as get_edition
from ._errors import CchcError, Lang
from ._units import ALL_LEVELS

__all__ = ["build_parser", "main"]

Handler = Callable[[argparse.Namespace], int]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2


def _print_json(data: Any) -> None:  # noqa: ANN401  # any JSON-ready data
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _cmd_example(_: argparse.Namespace) -> int:
    from ._example import example_json  # noqa: PLC0415  # keep `cchc --version` fast

    sys.stdout.write(example_json())
    return EXIT_OK


def _cmd_catalog(args: argparse.Namespace) -> int:
    if args.format == "json":
        _print_json(catalog_data(args.edition))
        return EXIT_OK
    ed = get_edition(args.edition)
    out = [f"{ed.title} (edition {ed.id})", f"Source: {ed.source}", ""]
    for cls in ed.classes:
        spec = cls.spec
        out.append(f"{spec.id}  {spec.title}")
        for row in spec.indicators:
            unit = row.unit_text or ""
            levels = (  # rows asked of every level say nothing
                ""
                if row.levels == ALL_LEVELS
                else f"  [{', '.join(sorted(lv.value for lv in row.levels))}]"
            )
            out.append(f"  {'  ' * row.depth}{row.code:<7} {row.title}  ({unit}){levels}".rstrip())
        out.append("")
    sys.stdout.write("\n".join(out))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``cchc``, with every subcommand."""
    from . import __version__  # noqa: PLC0415  # the package imports this module lazily

    parser = argparse.ArgumentParser(
        prog="cchc",
        description="Administrative-reform (CCHC) statistical reports: catalog, example, "
        "validation and more.",
    )
    parser.add_argument("--version", action="version", version=f"cchc {__version__}")
    parser.add_argument(
        "--lang",
        choices=("vi", "en"),
        default="vi",
        help="language of messages (default: vi)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("example", help="print the bundled example report as JSON")
    p.set_defaults(handler=_cmd_example)

    p = sub.add_parser("catalog", help="list the templates and their indicators")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--edition", default=None, help="template edition (default: current)")
    p.set_defaults(handler=_cmd_catalog)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``cchc`` with ``argv`` (default: the process arguments); return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_INPUT
    lang: Lang = args.lang
    try:
        return handler(args)
    except CchcError as exc:
        sys.stderr.write(f"cchc: {exc.message(lang)}\n")
        return EXIT_INPUT
    except BrokenPipeError:  # `cchc catalog | head` is fine
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
