"""Files written whole or not at all, and several files all or none."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_model import OutputError, dump, example
from cchc_model._model.atomic import replacing, same_file, write_file, write_files

LIMITED = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)
resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
{code}
"""


def run_limited(code: str, limit: int) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a new interpreter that may not write files larger than ``limit``."""
    return subprocess.run(
        [sys.executable, "-c", LIMITED.format(limit=limit, code=code)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "CCHC_CACHE_DIR": ""},
        timeout=120,
    )


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_files_are_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    write_file(target, b"first")
    write_file(target, b"second")
    assert target.read_bytes() == b"second"
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(sys.platform == "win32", reason="resource limits are POSIX")
def test_a_write_failing_half_way_leaves_the_file_that_was_there(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_bytes(b"the good report")
    code = (
        "from cchc_model._model.atomic import write_file\n"
        f"write_file({str(target)!r}, b'x' * 100_000)"
    )
    completed = run_limited(code, limit=10_000)
    assert completed.returncode != 0
    assert f"[Errno 27] File too large: {str(target)!r}" in completed.stderr  # names the file
    assert target.read_bytes() == b"the good report"
    assert leftovers(tmp_path) == []


def test_several_files_all_or_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.write_bytes(b"old a")
    with pytest.raises(OSError, match="No such file"):
        write_files([(first, b"new a"), (tmp_path / "missing" / "b.json", b"new b")])
    assert first.read_bytes() == b"old a"
    blocker = tmp_path / "dir.json"
    blocker.mkdir()
    with pytest.raises(OutputError, match="a folder") as refused:
        write_files([(first, b"new a"), (second, b"new b"), (blocker, b"x")])
    assert refused.value.errno == errno.EISDIR
    assert first.read_bytes() == b"old a"
    assert not second.exists()
    replace = Path.replace

    def failing_third(self: Path, target: Path) -> Path:
        if Path(target).name == "c.json":
            raise IsADirectoryError(21, "Is a directory", str(target))
        return replace(self, target)

    monkeypatch.setattr(Path, "replace", failing_third)
    # the move of the third fails after the first two were moved into place
    with pytest.raises(IsADirectoryError):
        write_files([(first, b"new a"), (second, b"new b"), (tmp_path / "c.json", b"x")])
    monkeypatch.undo()
    assert first.read_bytes() == b"old a"  # put back
    assert not second.exists()  # it was not there before
    assert leftovers(tmp_path) == []


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")


@needs_fifo
def test_a_named_pipe_is_written_to_not_replaced(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    write_files([(tmp_path / "a.json", b"file"), (pipe, b"through the pipe")])
    reader.join(timeout=60)
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert (tmp_path / "a.json").read_bytes() == b"file"
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(
    not hasattr(os, "mknod") or os.geteuid() != 0, reason="making a device node needs root"
)
def test_character_devices_are_written_to_not_replaced(tmp_path: Path) -> None:
    null, full = tmp_path / "null", tmp_path / "full"  # copies of /dev/null and /dev/full
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    write_file(null, b"discarded")
    dump(example(), null)
    with replacing(null) as temporary:
        temporary.write_bytes(b"discarded too")
    assert stat.S_ISCHR(null.stat().st_mode)
    with pytest.raises(OSError, match="No space left") as full_error:
        write_files([(tmp_path / "a.json", b"file"), (full, b"too much")])
    assert full_error.value.filename == str(full)
    assert stat.S_ISCHR(full.stat().st_mode)
    assert not (tmp_path / "a.json").exists()  # the stream failed: no file moved in
    assert leftovers(tmp_path) == []
    disk = tmp_path / "disk"
    os.mknod(disk, 0o600 | stat.S_IFBLK, os.makedev(7, 0))
    with pytest.raises(OutputError, match="a block device"):
        write_file(disk, b"never")
    assert stat.S_ISBLK(disk.stat().st_mode)


def test_the_standard_output_is_written_in_place(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    out.write_bytes(b"kept\n")
    code = (
        "from cchc_model._model.atomic import is_stream, write_file\n"
        "assert is_stream('/dev/stdout') and is_stream('/dev/fd/1')\n"
        "write_file('/dev/stdout', b'written\\n')"
    )
    with out.open("ab") as appended:  # the shell's >>: what was there stays
        subprocess.run([sys.executable, "-c", code], stdout=appended, check=True, timeout=120)
    assert out.read_bytes() == b"kept\nwritten\n"
    assert leftovers(tmp_path) == []


def test_links_are_written_through_and_modes_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_bytes(b"old")
    real.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_file(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"
    assert real.stat().st_mode & 0o777 == 0o640
    assert same_file(link, real)
    assert same_file(tmp_path / "x" / ".." / "new.json", tmp_path / "new.json")
    assert not same_file(real, tmp_path / "new.json")


def test_a_writer_with_a_file_name_of_its_own(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")

    def fail_half_way() -> None:
        with replacing(target) as temporary:
            temporary.write_bytes(b"half")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        fail_half_way()
    assert target.read_bytes() == b"old"
    with replacing(target) as temporary:
        assert temporary.parent == tmp_path
        temporary.write_bytes(b"whole")
    assert target.read_bytes() == b"whole"
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(sys.platform == "win32", reason="resource limits are POSIX")
def test_dump_failing_half_way_leaves_the_report_that_was_there(tmp_path: Path) -> None:
    from cchc_model import dump, example, load  # noqa: PLC0415  # the library's writers

    target = tmp_path / "report.json"
    dump(example(), target)
    before = target.read_bytes()
    code = (
        "from cchc_model import dump, example\n"
        "import attrs\nfrom cchc_model import Report\n"
        "info = attrs.evolve(example().info, agency='UBND xã ' + 'Hương Sơn ' * 500)\n"
        "report = Report(info=info, templates=example().templates.values())\n"
        f"dump(report, {str(target)!r})"
    )
    completed = run_limited(code, limit=len(before) + 100)
    assert completed.returncode != 0
    assert "File too large" in completed.stderr
    assert target.read_bytes() == before
    assert load(target) == example()
    assert leftovers(tmp_path) == []


def test_to_parquet_writes_whole(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow", reason="the analytics extra is not installed")
    from cchc_model import example, to_parquet  # noqa: PLC0415

    target = tmp_path / "reports.parquet"
    to_parquet([example()], target)
    assert target.read_bytes().startswith(b"PAR1")
    assert leftovers(tmp_path) == []


@settings(max_examples=100)  # files on disk each time: 100 cover five files' failures
@given(
    st.lists(st.binary(max_size=50), min_size=1, max_size=5),
    st.data(),
)
def test_a_failure_anywhere_changes_no_file(contents: list[bytes], data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        before = {}
        files: list[tuple[Path, bytes]] = []
        for number, content in enumerate(contents):
            path = folder / f"f{number}"
            if data.draw(st.booleans()):
                path.write_bytes(b"old %d" % number)
                before[path.name] = path.read_bytes()
            files.append((path, content))
        failing = data.draw(st.integers(0, len(files)))
        if failing < len(files):  # this one cannot be moved into place
            path = files[failing][0]
            replace = Path.replace

            def failing_move(self: Path, target: Path) -> Path:
                if Path(target) == path:
                    raise IsADirectoryError(21, "Is a directory", str(target))
                return replace(self, target)

            with (
                mock.patch.object(Path, "replace", failing_move),
                pytest.raises(OSError, match="Is a directory"),
            ):
                write_files(files)
            after = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
            assert after == before
        else:
            write_files(files)
            assert {p.name: p.read_bytes() for p in folder.iterdir()} == {
                path.name: content for path, content in files
            }
