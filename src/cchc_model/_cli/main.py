"""The ``cchc`` command line (stdlib argparse).

Each command lives in the module of its family (:mod:`.catalog`, :mod:`.checks`,
:mod:`.render`, :mod:`.aggregate`), which holds its handler and its arguments
(``ARGUMENTS[name](parser)``). :data:`COMMANDS` lists them with their one-line help, so
that :func:`main` imports only the module of the command it runs: ``cchc --version``
and ``cchc --help`` load none, ``cchc validate`` neither the renderers nor the
consolidation. A command's exit code is one of :mod:`~cchc_model._cli.exits` (0 for
success, 1 when it found errors in the reports it checked, 2 when its input could not
be read).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import Final

from .._model.errors import CchcError, Lang
from .exits import EXIT_INPUT, EXIT_OK

__all__ = ["COMMANDS", "build_parser", "main"]

Handler = Callable[[argparse.Namespace], int]

COMMANDS: Final[dict[str, tuple[str, str]]] = {
    "validate": ("checks", "check reports against the rules; exit 1 on errors"),
    "derive": ("checks", "fill what the rules compute (ratios, totals) and write the reports"),
    "rules": ("checks", "list the rules"),
    "show": ("render", "print a report as aligned text tables"),
    "render": ("render", "write a report as text, Markdown, HTML, CSV, Excel or Word"),
    "convert": ("render", "convert a report between formats, chosen by the file extensions"),
    "aggregate": (
        "aggregate",
        "consolidate units' reports into one (a province's, a district's, the nation's)",
    ),
    "compare": ("aggregate", "two reports side by side, with the change in each row"),
    "catalog": ("catalog", "list the templates and their rows"),
    "example": ("catalog", "print the bundled example report as JSON"),
    "schema": ("render", "print the JSON Schema of the interchange format"),
}
"""Every command: the module of :mod:`cchc_model._cli` that runs it, and its help line."""

_DESCRIPTION: Final = (
    "Administrative-reform (CCHC) statistical reports: check, complete, print, convert and"
    " consolidate the reports of Phụ lục 2–8. Messages are in Vietnamese; for English, give"
    " --lang en (before or after the command: cchc --lang en validate FILE)."
)
_EPILOG: Final = "Each command's options: cchc COMMAND --help."


class _Formatter(argparse.HelpFormatter):
    """argparse's help, as wide as the terminal, told without ``shutil``.

    argparse makes a formatter for every option it adds, and the first imports
    ``shutil`` (and with it ``bz2`` and ``lzma``) to measure the terminal: a tenth of a
    command's start-up. The width is found as ``shutil`` finds it.
    """

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_terminal_width() - 2)


def _terminal_width() -> int:
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]  # None without a console
    except (AttributeError, ValueError, OSError):
        return 80


def _command_of(argv: Sequence[str]) -> str | None:
    """The command named in ``argv``, if it names one (the first word not an option)."""
    words = iter(argv)
    for word in words:
        if word == "--lang":
            next(words, None)  # its value
        elif not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


def build_parser(command: str | None = "") -> argparse.ArgumentParser:
    """The argument parser of ``cchc``.

    Args:
        command: The command whose arguments to add (its module is imported); ``None``
            for none, ``""`` (the default) for every command.
    """
    from .. import __version__  # noqa: PLC0415  # the package imports this module lazily

    parser = argparse.ArgumentParser(
        prog="cchc", description=_DESCRIPTION, epilog=_EPILOG, formatter_class=_Formatter
    )
    parser.add_argument("--version", action="version", version=f"cchc {__version__}")
    parser.add_argument(
        "--lang",
        choices=("vi", "en"),
        default="vi",
        help="language of the messages: vi (default) or en",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, summary) in COMMANDS.items():
        description = summary[:1].upper() + summary[1:]
        p = sub.add_parser(name, help=summary, description=description, formatter_class=_Formatter)
        if command in ("", name):
            family = importlib.import_module(f".{module}", __package__)
            family.ARGUMENTS[name](p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``cchc`` with ``argv`` (default: the process arguments); return the exit code."""
    words = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(_command_of(words))
    args = parser.parse_args(words)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_INPUT
    lang: Lang = args.lang
    try:
        return handler(args)
    except CchcError as exc:
        from .._io.table import printable  # noqa: PLC0415  # on error only: a fast start

        sys.stderr.write(f"cchc: {printable(exc.message(lang))}\n")
        return EXIT_INPUT
    except BrokenPipeError:  # `cchc catalog | head` is fine
        return EXIT_OK
    except OSError as exc:  # a full disk, an unwritable output: say so, no traceback
        from .._model.files import os_reason  # noqa: PLC0415

        where = f" {exc.filename}" if exc.filename else ""
        en, vi = os_reason(exc)
        text = (
            f"không ghi hoặc đọc được{where}: {vi}"
            if lang == "vi"
            else f"cannot write or read{where}: {en}"
        )
        sys.stderr.write(f"cchc: {text}\n")
        return EXIT_INPUT


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
