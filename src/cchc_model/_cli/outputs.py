"""How every ``cchc`` command writes files: whole or not at all, never over its inputs.

A command's outputs are checked against its inputs before anything is read or written:
an output that is one of the inputs (``cchc render s.json -o s.json``, also through a
link or another spelling of the path), or two outputs that are the same file, are
refused with a message naming both (exit 2). Files are written with
:func:`~cchc_model._model.atomic.write_files`: each whole or not at all, and the files
of one command all or none.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence

from .._model.atomic import same_file, write_files
from .exits import UsageError

__all__ = ["STANDARD", "check_outputs", "write_outputs"]

STANDARD = "-"
"""The name of standard input or output on the command line."""


def check_outputs(inputs: Iterable[str], outputs: Sequence[str | None]) -> None:
    """Refuse outputs that are inputs, or that are the same file twice.

    Raises:
        UsageError: An output is one of the inputs, or two outputs are one file.
    """
    named = [out for out in outputs if out is not None and out != STANDARD]
    sources = [source for source in inputs if source != STANDARD]
    for out in named:
        source = _input_written(out, sources)
        if source is not None:
            raise UsageError(
                f"the output {out!r} is the input {source!r}: it would replace the"
                " report it is made from; write to another file",
                f"tệp ghi {out!r} chính là tệp đọc {source!r}: sẽ ghi đè lên báo cáo"
                " nguồn; hãy ghi ra tệp khác",
            )
    for index, out in enumerate(named):
        for other in named[index + 1 :]:
            if same_file(out, other):
                raise UsageError(
                    f"the outputs {out!r} and {other!r} are the same file",
                    f"hai tệp ghi {out!r} và {other!r} là cùng một tệp",
                )


def _status(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)  # noqa: PTH116  # no Path object for each of 10,000 inputs
    except OSError:
        return None


def _input_written(out: str, sources: Sequence[str]) -> str | None:
    """The first of ``sources`` that ``out`` would write over, as :func:`same_file` says.

    One ``stat`` an input, not :func:`same_file` for each (two ``stat`` calls, and the
    resolution of both paths when the output does not exist yet): ten thousand inputs
    took 0.4 s. When the output does not exist, an input that does is the file written
    only if it is the file the output's path resolves to; that is checked by ``stat``
    as well, and :func:`same_file` decides the rare case where it is.
    """
    out_status = _status(out)
    target_status: os.stat_result | None = None
    resolved = False
    for source in sources:
        status = _status(source)
        if status is not None and out_status is not None:
            if os.path.samestat(status, out_status):
                return source
            continue
        if status is not None:
            if not resolved:
                target_status, resolved = _status(os.path.realpath(out)), True
            if target_status is None or not os.path.samestat(status, target_status):
                continue
        if same_file(source, out):
            return source
    return None


def write_outputs(files: Iterable[tuple[str, bytes]]) -> None:
    """Write ``(name, data)`` pairs: files all or none, then standard output (``-``).

    Raises:
        OSError: A file could not be written; none was changed, nothing was printed.
    """
    pairs = list(files)
    write_files((name, data) for name, data in pairs if name != STANDARD)
    for name, data in pairs:
        if name == STANDARD:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
