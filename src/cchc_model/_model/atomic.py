"""Files written whole or not at all: every file the library and ``cchc`` write goes here.

A file is written to a temporary file beside it (in the same folder, so that moving it
is one rename on the same file system), flushed to the disk, and only then moved into
place; a write that fails half-way (a full disk, a file-size limit, an interrupted
process) leaves the file that was there before, and no temporary file. Several files
written together (a report and its provenance) are written all or none: every one is
complete before the first is moved into place, and a failure while moving puts back
what the others replaced.

A path that is a symbolic link is written through: the file it points to is replaced.

Only a regular file (or a path where nothing is yet) is replaced that way. A stream is
written in place, as the shell's ``>`` would: a character device (``/dev/null``,
``/dev/full``, a terminal), a named pipe (FIFO), and a path that reaches an open file of
the process (``/dev/stdout``, ``/dev/fd/3``, ``/proc/self/fd/1``), whatever that file
is; such a write cannot be taken back, so streams are written after every regular
file is complete and before any is moved into place. A block device, a socket or a
folder is refused with an :class:`~cchc_model.OutputError` before anything is written
(a report written onto a disk would destroy it).

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_files([(folder / "a.json", b"{}"), (folder / "b.json", b"[]")])
>>> sorted(p.name for p in folder.iterdir())
['a.json', 'b.json']
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import OutputError

__all__ = ["is_stream", "replacing", "same_file", "write_file", "write_files"]

PathLike = str | os.PathLike[str]

_OPEN_FILE = re.compile(r"/proc/(?:self|thread-self|[0-9]+)(?:/task/[0-9]+)?/fd")
"""A folder whose entries are the open files of a process (``/dev/fd`` leads there)."""

_LINKS = 40
"""Symbolic links followed before a path is taken as it is (the system's own limit)."""

_REFUSED = {
    stat.S_IFBLK: ("a block device", "thiết bị khối (ổ đĩa)"),
    stat.S_IFSOCK: ("a socket", "socket"),
    stat.S_IFDIR: ("a folder", "thư mục"),
}


def _through_open_file(path: PathLike) -> bool:
    """Whether ``path`` or a link on the way leads through ``/proc/<pid>/fd``."""
    current = Path(path).absolute()
    for _ in range(_LINKS):
        folder = current.parent.resolve()
        if _OPEN_FILE.fullmatch(folder.as_posix()):
            return True
        current = folder / current.name
        if not current.is_symlink():
            return False
        current = Path(os.path.normpath(folder / current.readlink()))
    return False


def is_stream(path: PathLike) -> bool:
    """Whether ``path`` is written in place rather than replaced (see the module).

    Raises:
        OutputError: ``path`` is a block device, a socket or a folder.

    >>> is_stream("/dev/null"), is_stream("/dev/stdout"), is_stream("report.json")
    (True, True, False)
    """
    try:
        mode = Path(path).stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return _through_open_file(path)  # a closed descriptor's link: refused when opened
    kind = stat.S_IFMT(mode)
    if kind in _REFUSED:
        en, vi = _REFUSED[kind]
        raise OutputError(
            (f"{os.fspath(path)!r} ({en})", f"{os.fspath(path)!r} ({vi})"),
            (
                "only a file, a character device or a named pipe is written",
                "chỉ ghi ra tệp, thiết bị ký tự hoặc ống có tên (FIFO)",
            ),
            errno=errno.EISDIR if kind == stat.S_IFDIR else errno.EINVAL,
        )
    return kind != stat.S_IFREG or _through_open_file(path)


def _write_stream(path: PathLike, data: bytes) -> None:
    """Write ``data`` to the stream at ``path`` as it is: opened, never created or moved.

    A regular file reached through ``/dev/stdout`` is appended to, so that what the
    shell opened with ``>>`` keeps what it held (with ``>`` it is empty anyway).
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "wb") as file:
            file.write(data)
    except OSError as exc:
        exc.filename = exc.filename or os.fspath(path)  # a failed write names no file
        raise


def _target(path: PathLike) -> Path:
    """Where ``path`` is written: the file a symbolic link points to, as an absolute path."""
    return Path(os.path.realpath(path))


def _mode(target: Path) -> int:
    """The permissions the new file gets: the replaced file's, else the default (umask)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mask = os.umask(0)  # the only way to read the umask; put back at once
        os.umask(mask)
        return 0o666 & ~mask


def _temporary(target: Path) -> Path:
    """A new empty file beside ``target``, named so that it is seen as temporary."""
    import tempfile  # noqa: PLC0415  # when a file is written: commands that only read skip it

    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    return Path(name)


def _write_temporary(target: Path, data: bytes, path: PathLike) -> Path:
    temporary = _temporary(target)
    try:
        with temporary.open("wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        temporary.chmod(_mode(target))
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        # a write refused (a full disk, a file-size limit) names no file: name the one
        # the caller asked for, not the temporary one
        exc.filename = exc.filename or os.fspath(path)
        raise
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _backup(target: Path) -> Path | None:
    """A second name for the file at ``target`` (a hard link), to put it back; or ``None``."""
    if not target.exists():
        return None
    backup = _temporary(target)
    backup.unlink()
    try:
        os.link(target, backup)
    except OSError:  # a file system without hard links: nothing to put back then
        return None
    return backup


def _move_all(moves: list[tuple[Path, Path]]) -> None:
    """Move each temporary file onto its target; on a failure, put the targets back."""
    done: list[tuple[Path, Path | None, bool]] = []
    try:
        for temporary, target in moves:
            existed = target.exists()
            backup = _backup(target)
            done.append((target, backup, existed))
            temporary.replace(target)
    except BaseException:
        for target, backup, existed in reversed(done):
            with contextlib.suppress(OSError):
                if backup is not None:
                    backup.replace(target)
                elif not existed:
                    target.unlink(missing_ok=True)
        raise
    finally:
        for temporary, _ in moves:
            temporary.unlink(missing_ok=True)
        for _, backup, _ in done:
            if backup is not None:
                backup.unlink(missing_ok=True)


def write_files(files: Iterable[tuple[PathLike, bytes]]) -> None:
    """Write every ``(path, data)`` whole, or none of them (see the module's docstring).

    Opening a named pipe waits for its reader, as the shell's ``>`` does.

    Raises:
        OutputError: A path is a block device, a socket or a folder; nothing was written.
        OSError: A file could not be written; no file was changed (a stream written
            before the failure keeps what it was given).
    """
    pairs = list(files)
    streams = [is_stream(path) for path, _ in pairs]  # refuses a disk before any write
    moves: list[tuple[Path, Path]] = []
    try:
        for (path, data), stream in zip(pairs, streams, strict=True):
            if not stream:
                target = _target(path)
                moves.append((_write_temporary(target, data, path), target))
        for (path, data), stream in zip(pairs, streams, strict=True):
            if stream:
                _write_stream(path, data)
    except BaseException:
        for temporary, _ in moves:
            temporary.unlink(missing_ok=True)
        raise
    _move_all(moves)


def write_file(path: PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` whole, or leave ``path`` as it was.

    Raises:
        OSError: The file could not be written; it was not changed.
    """
    write_files([(path, data)])


@contextlib.contextmanager
def replacing(path: PathLike) -> Iterator[Path]:
    """A temporary path beside ``path`` for a writer that wants a file name of its own.

    The file written there replaces ``path`` when the block ends without an exception,
    and is removed otherwise::

        with replacing("reports.parquet") as temporary:
            pyarrow.parquet.write_table(table, temporary)
    """
    if is_stream(path):
        import tempfile  # noqa: PLC0415  # when a file is written

        with tempfile.TemporaryDirectory() as folder:
            temporary = Path(folder) / Path(path).name
            yield temporary
            _write_stream(path, temporary.read_bytes())
        return
    target = _target(path)
    temporary = _temporary(target)
    try:
        yield temporary
        with temporary.open("rb+") as file:
            os.fsync(file.fileno())
        temporary.chmod(_mode(target))
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _move_all([(temporary, target)])


def same_file(a: PathLike, b: PathLike) -> bool:
    """Whether paths ``a`` and ``b`` name the same file (through links, ``..``, case).

    >>> same_file("a/../b.json", "b.json"), same_file("a.json", "b.json")
    (True, False)
    """
    try:
        return Path(a).samefile(b)
    except OSError:  # one does not exist (yet): compare where they would be
        return _target(a) == _target(b)
