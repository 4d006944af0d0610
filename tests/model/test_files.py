"""The one bounded reader: at most the limit plus one byte, regular files only."""

from __future__ import annotations

import io
import os
import socket
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_model._model import files
from cchc_model._model.files import Unreadable, check_length, read_path, read_stream


class _Counting(io.RawIOBase):
    """An endless stream that counts what is read from it (``/dev/zero`` in memory)."""

    def __init__(self) -> None:
        self.given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        buffer[:] = b"\0" * len(buffer)
        self.given += len(buffer)
        return len(buffer)


@given(st.integers(0, 3_000), st.integers(0, 3_000))
def test_a_stream_is_read_to_the_limit_plus_one_byte_at_most(size: int, limit: int) -> None:
    stream = io.BytesIO(b"x" * size)
    if size <= limit:
        assert read_stream(stream, limit) == b"x" * size
    else:
        with pytest.raises(Unreadable, match=f"larger than {limit:,} bytes"):
            read_stream(stream, limit)
        assert stream.tell() == limit + 1


def test_an_endless_stream_is_refused_after_the_limit() -> None:
    endless = _Counting()
    with pytest.raises(Unreadable, match="larger than 1,000 bytes"):
        read_stream(io.BufferedReader(endless), 1_000)  # type: ignore[type-var]
    assert endless.given < 1_000 + io.DEFAULT_BUFFER_SIZE + 1


def test_text_is_measured_in_characters() -> None:
    check_length("ơ" * 10, 10)  # 20 bytes of UTF-8, 10 characters
    with pytest.raises(Unreadable, match="longer than 10 characters"):
        check_length("ơ" * 11, 10)
    with pytest.raises(Unreadable, match="longer than 3 characters"):
        read_stream(io.StringIO("abcd"), 3)


def test_a_stream_that_gives_neither_text_nor_bytes_is_refused() -> None:
    class Odd:
        def read(self, _: int) -> object:
            return 5

    with pytest.raises(Unreadable, match="gave int"):
        read_stream(Odd())  # type: ignore[arg-type]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_devices_are_refused_before_they_are_read() -> None:
    with pytest.raises(Unreadable, match=r"not a regular file \(a device\)"):
        read_path("/dev/zero")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "report.json"
    os.mkfifo(fifo)
    with pytest.raises(Unreadable, match=r"not a regular file \(a pipe \(FIFO\)\)"):
        read_path(fifo)


@pytest.mark.skipif(sys.platform == "win32", reason="no Unix sockets here")
def test_a_socket_and_a_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(Unreadable, match=r"\(a folder\)"):
        read_path(tmp_path)
    path = tmp_path / "s"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        with pytest.raises(Unreadable, match=r"\(a socket\)"):
            read_path(path)
    finally:
        server.close()


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="no /proc here")
def test_a_file_whose_size_stat_does_not_know_is_read_to_the_limit() -> None:
    assert Path("/proc/self/status").stat().st_size == 0
    assert read_path("/proc/self/status").startswith(b"Name:")
    with pytest.raises(Unreadable, match="larger than 10 bytes"):
        read_path("/proc/self/status", 10)


def test_a_regular_file_over_the_limit_is_too_large_not_a_bad_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 101)
    monkeypatch.setattr(files, "MAX_BYTES", 100)
    with pytest.raises(Unreadable) as info:
        read_path(path)
    assert info.value.en == "the file is larger than 100 bytes"
    assert info.value.vi == "tệp lớn hơn 100 byte"
    path.write_bytes(b" " * 100)
    assert read_path(path) == b" " * 100


@given(
    st.binary(max_size=3_000) | st.integers(60_000, 140_000).map(lambda n: b"x" * n),
    st.integers(0, 150_000),
    st.integers(0, 150_000),
)
def test_a_file_is_read_whole_whatever_size_stat_gave(data: bytes, hint: int, limit: int) -> None:
    # the size stat gives only says where the first read stops: a /proc file says 0, a
    # file may grow or shrink in between
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "f")
        path.write_bytes(data)
        descriptor = os.open(path, os.O_RDONLY)
        try:
            if len(data) > limit:
                with pytest.raises(Unreadable, match=f"larger than {limit:,} bytes"):
                    files._read_descriptor(descriptor, hint, limit)
            else:
                assert files._read_descriptor(descriptor, hint, limit) == data
        finally:
            os.close(descriptor)


def test_paths_that_cannot_be_opened() -> None:
    with pytest.raises(Unreadable, match="NUL character"):
        read_path("report\0.json")
    with pytest.raises(Unreadable, match="cannot open"):
        read_path("/no/such/folder/report.json")
