"""The one bounded reader of the files the library is given (reports, rule files).

A size taken from ``stat()`` is 0 for ``/dev/zero``, a FIFO or a ``/proc`` file, so a
limit that trusts it reads forever or blocks. Here every input is read through
:func:`read_path` or :func:`read_stream`, which read at most the limit plus one byte
(one more than allowed is enough to know the input is too large) and refuse anything
but a regular file by path: a device, a FIFO, a socket or a folder is refused before
it is opened for reading. Standard input is read with :func:`read_stream`.

Each refusal is an :class:`Unreadable` with its reason in English and Vietnamese, that
the caller turns into its own error (a :class:`~cchc_model.ReportFormatError` for a
report, a :class:`~cchc_model.RuleError` for a rule file).
"""

from __future__ import annotations

import errno
import os
import stat
from typing import IO, Any, Final

__all__ = [
    "MAX_BYTES",
    "Unreadable",
    "check_length",
    "check_size",
    "os_reason",
    "read_path",
    "read_stream",
]

MAX_BYTES: Final = 20_000_000
"""The largest input read, whatever its format: 20 MB, a hundred times the largest real
report (a workbook of the seven appendices is about 30 kB, its JSON about 10 kB)."""

_OPEN_FLAGS: Final = (
    os.O_RDONLY
    | getattr(os, "O_BINARY", 0)  # Windows: no newline translation
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO swapped in after the check does not block
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)
_KINDS: Final = (
    (stat.S_ISDIR, "a folder", "thư mục"),
    (stat.S_ISFIFO, "a pipe (FIFO)", "đường ống (FIFO)"),
    (stat.S_ISCHR, "a device", "thiết bị"),
    (stat.S_ISBLK, "a device", "thiết bị"),
    (stat.S_ISSOCK, "a socket", "socket"),
)


_REASONS_VI: Final = {
    errno.ENOENT: "không có tệp hoặc thư mục này",
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "thao tác không được phép",
    errno.EISDIR: "đây là một thư mục",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.ENOSPC: "hết chỗ trống trên đĩa",
    errno.EROFS: "hệ thống tệp chỉ cho phép đọc",
    errno.EEXIST: "tệp đã có",
    errno.ENAMETOOLONG: "tên tệp quá dài",
    errno.ELOOP: "quá nhiều liên kết tượng trưng",
    errno.EIO: "lỗi vào/ra",
    errno.EBUSY: "thiết bị hoặc tài nguyên đang bận",
    errno.EFBIG: "tệp quá lớn",
    errno.EMFILE: "mở quá nhiều tệp",
    errno.ENFILE: "mở quá nhiều tệp",
    errno.ETXTBSY: "tệp đang được sử dụng",
    errno.EXDEV: "không chuyển được giữa hai hệ thống tệp",
    errno.EPIPE: "đường ống đã đóng",
    errno.EINVAL: "đối số không hợp lệ",
    errno.ENXIO: "không có thiết bị hoặc địa chỉ này",
    getattr(errno, "EDQUOT", -1): "vượt quá hạn mức đĩa",
}


def os_reason(exc: OSError) -> tuple[str, str]:
    """The system's reason for ``exc``, in English and in Vietnamese.

    The English is the system's own message; the Vietnamese says the same for the usual
    reasons, and otherwise gives the system's message with its number, never the number
    alone.

    >>> import errno
    >>> os_reason(FileNotFoundError(errno.ENOENT, "No such file or directory"))
    ('No such file or directory', 'không có tệp hoặc thư mục này')
    >>> os_reason(OSError(errno.ENOSPC, "No space left on device"))[1]
    'hết chỗ trống trên đĩa'
    >>> os_reason(OSError(1000, "Something odd"))
    ('Something odd', 'lỗi hệ thống 1000: Something odd')
    """
    en = exc.strerror or str(exc) or type(exc).__name__
    vi = _REASONS_VI.get(exc.errno) if exc.errno is not None else None
    if vi is None:
        vi = f"lỗi hệ thống {exc.errno}: {en}" if exc.errno is not None else en
    return en, vi


class Unreadable(Exception):  # noqa: N818  # a reason, turned into each caller's error
    """Why an input cannot be read, in English and Vietnamese.

    Attributes:
        en: The reason in English (``"the file is larger than 20,000,000 bytes"``).
        vi: The reason in Vietnamese.
    """

    def __init__(self, en: str, vi: str) -> None:
        super().__init__(en)
        self.en = en
        self.vi = vi


def _limit(limit: int | None) -> int:
    return MAX_BYTES if limit is None else limit


def check_size(size: int, limit: int | None = None) -> None:
    """Refuse a file of ``size`` bytes, more than ``limit`` (:data:`MAX_BYTES`).

    Raises:
        Unreadable: The file is too large.
    """
    most = _limit(limit)
    if size > most:
        raise Unreadable(f"the file is larger than {most:,} bytes", f"tệp lớn hơn {most:,} byte")


def check_length(data: str | bytes | bytearray, limit: int | None = None) -> None:
    """Refuse ``data`` longer than ``limit`` (:data:`MAX_BYTES`): bytes, or characters.

    Raises:
        Unreadable: ``data`` is too long.

    >>> check_length(b"{}")
    >>> check_length("x" * 11, limit=10)
    Traceback (most recent call last):
    ...
    cchc_model._model.files.Unreadable: the text is longer than 10 characters
    """
    most = _limit(limit)
    if isinstance(data, str) and len(data) > most:
        raise Unreadable(
            f"the text is longer than {most:,} characters", f"văn bản dài hơn {most:,} ký tự"
        )
    check_size(len(data), most)


def read_stream(stream: IO[Any], limit: int | None = None) -> str | bytes:
    """Read an open stream (standard input, a file) to its end, at most ``limit`` long.

    Reads at most ``limit`` plus one bytes (or characters, for a text stream).

    Raises:
        Unreadable: The stream is longer than ``limit``, or cannot be read.

    >>> import io
    >>> read_stream(io.BytesIO(b"abc"), limit=3)
    b'abc'
    """
    most = _limit(limit)
    try:
        data: object = stream.read(most + 1)
    except OSError as exc:
        en, vi = os_reason(exc)
        raise Unreadable(f"cannot read: {en}", f"không đọc được: {vi}") from None
    if not isinstance(data, (str, bytes)):
        raise Unreadable(
            f"the stream gave {type(data).__name__}, not text or bytes",
            f"luồng dữ liệu trả về {type(data).__name__}, không phải văn bản hay byte",
        )
    check_length(data, most)
    return data


def _refuse_special(mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    en, vi = "not a regular file", "không phải tệp thông thường"
    for test, kind_en, kind_vi in _KINDS:
        if test(mode):
            en, vi = f"{en} ({kind_en})", f"{vi} ({kind_vi})"
            break
    raise Unreadable(f"{en}: refused", f"{vi}: từ chối")


def read_path(path: str | os.PathLike[str], limit: int | None = None) -> bytes:
    """Read the regular file at ``path``, at most ``limit`` (:data:`MAX_BYTES`) bytes.

    A device (``/dev/zero``), a FIFO, a socket or a folder is refused before it is
    opened for reading; a file whose size ``stat()`` does not know (``/proc``) is read
    up to the limit and refused past it.

    Raises:
        Unreadable: The file cannot be opened or read, is not a regular file, is larger
            than ``limit``, or its path has a NUL character.

    >>> read_path("/dev/zero")
    Traceback (most recent call last):
    ...
    cchc_model._model.files.Unreadable: not a regular file (a device): refused
    """
    try:
        _refuse_special(os.stat(path).st_mode)  # noqa: PTH116  # no Path object a file
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        en, vi = os_reason(exc)
        raise Unreadable(f"cannot open: {en}", f"không mở được tệp: {vi}") from None
    except ValueError:  # os.stat: "embedded null byte"
        raise Unreadable(
            "cannot open: the path has a NUL character", "không mở được: đường dẫn chứa ký tự NUL"
        ) from None
    try:
        status = os.fstat(descriptor)
        _refuse_special(status.st_mode)  # the file opened is the file checked
        data = _read_descriptor(descriptor, status.st_size, _limit(limit))
    finally:
        os.close(descriptor)
    return data


def _read_descriptor(descriptor: int, size: int, most: int) -> bytes:
    """Read an open file to its end, at most ``most`` bytes (``size``: what ``stat`` says).

    The first read asks for the size ``stat`` gives plus one byte, not for the limit: a
    read of 20 MB allocates 20 MB (for each of ten thousand small files); the size is
    only a hint (a ``/proc`` file says 0), so reading goes on to the end or the limit.
    """
    chunks: list[bytes] = []
    total = 0
    want = min(size, most) + 1
    while True:
        try:
            chunk = os.read(descriptor, want)
        except OSError as exc:
            en, vi = os_reason(exc)
            raise Unreadable(f"cannot read: {en}", f"không đọc được: {vi}") from None
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if total > most:
            break
        want = min(max(total, _CHUNK), most + 1 - total)
    data = chunks[0] if len(chunks) == 1 else b"".join(chunks)
    check_size(len(data), most)
    return data


_CHUNK: Final = 65536
"""The least a read asks for once the size ``stat`` gave is passed."""
