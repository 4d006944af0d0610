"""Files written whole or not at all: every file the library and ``cchc`` write goes here.

A file is written to a temporary file beside it (in the same folder, so that moving it
is one rename on the same file system), flushed to the disk, and only then moved into
place; a write that fails half-way (a full disk, a file-size limit, an interrupted
process) leaves the file that was there before, and no temporary file. Several files
written together (a report and its provenance) are written all or none: every one is
complete before the first is moved into place, and a failure while moving puts back
what the others replaced.

A path that is a symbolic link is written through: the file it points to is replaced.

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_files([(folder / "a.json", b"{}"), (folder / "b.json", b"[]")])
>>> sorted(p.name for p in folder.iterdir())
['a.json', 'b.json']
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

__all__ = ["replacing", "same_file", "write_file", "write_files"]

PathLike = str | os.PathLike[str]


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


def _write_temporary(target: Path, data: bytes) -> Path:
    temporary = _temporary(target)
    try:
        with temporary.open("wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        temporary.chmod(_mode(target))
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

    Raises:
        OSError: A file could not be written; no file was changed.
    """
    moves: list[tuple[Path, Path]] = []
    try:
        for path, data in files:
            target = _target(path)
            moves.append((_write_temporary(target, data), target))
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
