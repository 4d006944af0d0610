"""The options that several ``cchc`` commands share, named and described once.

``--format`` is the format of what a command writes (``render --to`` is kept as a
hidden alias), ``--from`` the format of what it reads (:mod:`~cchc_model._cli.inputs`),
``--lang`` the language of its messages, ``--rules`` the rule files added to the
built-in rules.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Final

__all__ = ["add_format", "add_jobs", "add_lang", "add_rules", "reads"]

_NAMES: Final = {
    "json": "JSON",
    "csv": "CSV",
    "xlsx": "Excel",
    "docx": "Word",
    "html": "HTML",
    "text": "text tables",
}


def reads() -> str:
    """What a command that reads reports says about its input, in its ``--help``."""
    from .._io.read import EXTENSIONS, LEGACY  # noqa: PLC0415  # for the commands that read

    by_format: dict[str, list[str]] = {}
    for extension, form in EXTENSIONS.items():
        by_format.setdefault(form, []).append(extension)
    formats = ", ".join(
        f"{_NAMES.get(form, form)} ({' '.join(extensions)})"
        for form, extensions in by_format.items()
    )
    return (
        f"Reports are read in any of these formats, told by the file's extension or"
        f" content (or --from): {formats}, and {' '.join(LEGACY)} through LibreOffice;"
        " - reads standard input."
    )


def add_lang(parser: argparse.ArgumentParser) -> None:
    """``--lang vi|en``: the language of the messages (as ``cchc --lang``, given after)."""
    parser.add_argument(
        "--lang",
        choices=("vi", "en"),
        default=argparse.SUPPRESS,
        help="language of the messages: vi (default) or en; also cchc --lang en COMMAND",
    )


def add_format(
    parser: argparse.ArgumentParser,
    choices: Sequence[str],
    what: str,
    *,
    default: str = "text",
) -> None:
    """``--format``: the format of what the command writes."""
    parser.add_argument(
        "--format",
        choices=choices,
        default=default,
        help=f"{what}: {', '.join(choices)} (default: {default})",
    )


def add_rules(parser: argparse.ArgumentParser) -> None:
    """``--rules FILE``: add the rules of a rule file to the built-in ones."""
    parser.add_argument(
        "--rules",
        action="append",
        metavar="RULES.toml",
        help="add the rules of this file to the built-in ones (repeatable); see"
        " cchc rules and the documentation's page on rules for the format",
    )


def add_jobs(parser: argparse.ArgumentParser, what: str) -> None:
    """``-j/--jobs N``: how many processes share the command's work (default: one a core)."""
    parser.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=None,
        metavar="N",
        help=f"how many processes may work at once: {what} (on Linux, from 1,000 files"
        " a process; default: one per usable core; 1: this process alone)",
    )


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        msg = f"not a number of processes (1 or more): {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value
