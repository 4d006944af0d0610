"""How every ``cchc`` command reads the reports it is given: one way, any format.

:func:`read_input` reads a file (or standard input) with :func:`~cchc_model.read`, in any
format it reads, and writes each doubtful reading to standard error as a warning naming
the file; :func:`add_input_options` gives a command the options that go with it
(``--info FIELD=VALUE``, ``--from FORMAT``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from typing import Final

from .._io.read import READ_FORMATS, ReadFormat, ReadResult
from .._model import files
from .._model.errors import Lang, Problem, ReportFormatError
from .exits import UsageError

__all__ = ["add_input_options", "input_info", "read_input", "write_warnings"]

_WARNING: Final = {"vi": "cảnh báo", "en": "warning"}


def input_info(pairs: Iterable[str] | None) -> dict[str, object] | None:
    """The metadata ``--info FIELD=VALUE`` sets (``FIELD=`` removes it), or ``None``.

    Raises:
        UsageError: A pair without ``=`` or without a field.
    """
    if not pairs:
        return None
    info: dict[str, object] = {}
    for pair in pairs:
        key, equals, value = pair.partition("=")
        if not equals or not key.strip():
            raise UsageError(
                f"--info takes FIELD=VALUE (such as province=Huế), got {pair!r}",
                f"--info nhận TRƯỜNG=GIÁ_TRỊ (ví dụ province=Huế), nhận được {pair!r}",
            )
        info[key.strip()] = value.strip() or None
    return info


def write_warnings(name: str, warnings: Iterable[Problem], lang: Lang) -> None:
    """Write each warning to standard error, naming the file it is about."""
    shown = list(warnings)
    if not shown:
        return
    from .._io.table import printable  # noqa: PLC0415  # only when there is something to say

    for warning in shown:  # a sheet's name may hold terminal escapes: shown as U+FFFD
        sys.stderr.write(
            printable(f"cchc: {name}: {_WARNING[lang]}: {warning.message(lang)}") + "\n"
        )


def read_input(
    name: str,
    lang: Lang,
    *,
    form: ReadFormat | None = None,
    info: dict[str, object] | None = None,
    warn: bool = True,
) -> ReadResult:
    """Read the report in file ``name`` (``-``: standard input), in any format.

    Each doubtful reading is written to stderr as a warning naming the file, unless
    ``warn`` is false (the caller writes them, with :func:`write_warnings`).

    Raises:
        CchcError: The input cannot be read (``main`` exits with 2).
    """
    from .._io.read import read  # noqa: PLC0415  # keep `cchc --version` fast

    source: str | bytes | bytearray = name
    if name == "-":
        try:
            source = files.read_stream(sys.stdin.buffer)
        except files.Unreadable as exc:
            raise ReportFormatError([Problem("file", exc.en, exc.vi)], source="-") from None
    result = read(source, form, info=info)
    if warn:
        write_warnings(name, result.warnings, lang)
    return result


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--info FIELD=VALUE`` and ``--from FORMAT`` to a command that reads reports."""
    parser.add_argument(
        "--info",
        action="append",
        metavar="FIELD=VALUE",
        help="set report metadata the input lacks, such as province=Huế or period=h1 (repeatable)",
    )
    parser.add_argument(
        "--from",
        dest="source_format",
        choices=READ_FORMATS,
        default=None,
        help="the input's format (default: from its extension or content)",
    )


def read_args(args: argparse.Namespace, name: str, *, warn: bool = True) -> ReadResult:
    """:func:`read_input` with the ``--lang``, ``--from`` and ``--info`` of ``args``."""
    return read_input(
        name,
        args.lang,
        form=getattr(args, "source_format", None),
        info=input_info(getattr(args, "info", None)),
        warn=warn,
    )
