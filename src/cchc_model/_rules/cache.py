r"""The built-in rule sets, kept parsed in the user's cache directory between runs.

Parsing the built-in rules (their TOML, then every expression, then the rules the
catalog implies) takes longer than reading and validating a report, and a command-line
tool pays it at every start. So the parsed :class:`~cchc_model.RuleSet` is kept on disk,
as a pickle, and read back by the next process when nothing it was made from has
changed.

What a stored set is made from, and so its key: the library's version, the Python that
wrote it, the text of the rule file, and the size and modification time of every module
and data file of the package (an edited template or rule module makes a new key in a
development install, where the version does not change). A set stored under another
key is not read; it is built again and replaces the stored one.

Where: ``$CCHC_CACHE_DIR`` when it is set (empty: no cache at all), else the user's
cache directory (``$XDG_CACHE_HOME/cchc_model`` or ``~/.cache/cchc_model``;
``~/Library/Caches/cchc_model`` on macOS; ``%LOCALAPPDATA%\cchc_model\Cache`` on
Windows), never the package's own folder, which may be read-only or shared.

Trust: a pickle runs code when it is loaded, so a stored set is loaded only from a
folder that belongs to the user running the process and that nobody else can write to,
and only from a regular file (not a link) of that user that nobody else can write to; a
file that fails its checksum (cut short, damaged) is ignored. Files are written whole
under a temporary name, readable by their owner only, then renamed into place, so that a
reader never sees half a file. Any problem with the cache (no home folder, a full disk,
a read-only file system) only means the rules are parsed as they would be without it.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import stat
import struct
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Final, TypeVar

from .._model import files

__all__ = ["ENV", "cache_dir", "cached", "source_key"]

T = TypeVar("T")

ENV: Final = "CCHC_CACHE_DIR"
"""The environment variable that chooses the cache folder (empty: no cache)."""

_MAGIC: Final = b"cchc_model rule cache 1\n"
_HEADER: Final = struct.Struct("<II")  # the key's length, the payload's CRC-32
_PACKAGE: Final = Path(__file__).resolve().parent.parent


def cache_dir() -> Path | None:
    """The folder of the cache, or ``None`` when there is to be no cache.

    >>> import os
    >>> os.environ["CCHC_CACHE_DIR"] = ""
    >>> cache_dir() is None
    True
    >>> del os.environ["CCHC_CACHE_DIR"]
    """
    chosen = os.environ.get(ENV)
    if chosen is not None:
        return Path(chosen) if chosen else None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base, "cchc_model", "Cache") if base else None
    try:
        home = Path.home()
    except (RuntimeError, KeyError):  # no home folder (a service account)
        return None
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "cchc_model"
    xdg = os.environ.get("XDG_CACHE_HOME")
    base_dir = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".cache"
    return base_dir / "cchc_model"


def source_key(*parts: bytes) -> bytes:
    """The key of something built from ``parts`` by this library, in this Python.

    It holds the version, the interpreter and the size and modification time of every
    module and data file of the package, then ``parts`` (the text of a rule file).
    """
    from .. import __version__  # noqa: PLC0415  # the package is imported by then

    files: list[str] = []
    folders = [str(_PACKAGE)]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
                    folders.append(entry.path)
                elif entry.name.endswith((".py", ".toml", ".json")):
                    info = entry.stat()
                    files.append(f"{entry.path}:{info.st_size}:{info.st_mtime_ns}")
    files.sort()
    head = "\n".join([__version__, sys.version, sys.implementation.cache_tag or "", *files])
    return b"\0".join([head.encode("utf-8"), *parts])


def _private(info: os.stat_result) -> bool:
    """Whether a file or folder belongs to this user and nobody else can write to it."""
    if sys.platform == "win32":  # per-user folders; no owner and mode bits to check
        return True
    return info.st_uid == os.geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _contents(path: Path) -> bytes | None:
    """The bytes of ``path`` if it is a private regular file in a private folder."""
    try:
        if not _private(path.parent.stat()):
            return None
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode) or not _private(info):
            return None
        try:
            data = files.read_stream(file)  # bounded as every input read
        except files.Unreadable:
            return None
    return data if isinstance(data, bytes) else None


def _read(path: Path, key: bytes) -> bytes | None:
    """The payload stored in ``path`` under ``key``, or ``None``."""
    data = _contents(path)
    head = len(_MAGIC) + _HEADER.size
    if data is None or not data.startswith(_MAGIC) or len(data) < head:
        return None
    size, crc = _HEADER.unpack_from(data, len(_MAGIC))
    if data[head : head + size] != key:
        return None
    payload = data[head + size :]
    return payload if zlib.crc32(payload) == crc else None


def _write(folder: Path, path: Path, key: bytes, payload: bytes) -> None:
    """Store ``payload`` under ``key`` in ``path``, whole or not at all."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not _private(folder.stat()):
        return  # a folder others can write to: write nothing there either
    temporary = folder / f".{path.name}.{os.getpid()}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(temporary, flags, 0o600)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(_MAGIC + _HEADER.pack(len(key), zlib.crc32(payload)) + key + payload)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def cached(name: str, key: bytes, build: Callable[[], T], kind: type[T]) -> T:
    """What ``build()`` returns, read from the cache file ``name`` when stored under ``key``.

    Otherwise it is built, and stored for the next process. A stored object that is not
    a ``kind`` is not used.
    """
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}.pickle"
    payload = _read(path, key)
    if payload is not None:
        try:
            found = pickle.loads(payload)  # noqa: S301  # our own file, checked: see above
        except Exception:  # noqa: BLE001  # a damaged or outdated file: build again
            found = None
        if isinstance(found, kind):
            return found
    value = build()
    # a read-only or full disk, or anything else: no cache this time, the value is right
    with contextlib.suppress(Exception):
        _write(folder, path, key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value
