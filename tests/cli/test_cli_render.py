"""``cchc render``, ``show``, ``convert`` and ``schema``."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_model import dumps, example, read, render
from cchc_model._cli.main import main
from cchc_model._io.schema import shipped_schema

TABLES = Path(__file__).parents[1] / "data" / "huong-son-2024-h1-tables.md"
PROVINCE = "province=Thừa Thiên Huế"


@pytest.fixture
def example_json(tmp_path: Path) -> Path:
    path = tmp_path / "report.json"
    path.write_text(dumps(example()), encoding="utf-8")
    return path


class _Stdout(io.TextIOWrapper):
    def isatty(self) -> bool:
        return True


def test_render_text_to_standard_output(
    example_json: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert main(["render", str(example_json), "--to", "text"]) == 0
    assert capsysbinary.readouterr().out.decode("utf-8") == render(example(), "text")


def test_render_to_files(example_json: Path, tmp_path: Path) -> None:
    for to, name in (
        ("csv", "out.csv"),
        ("xlsx", "out.xlsx"),
        ("docx", "out.docx"),
        ("html", "o.html"),
    ):
        out = tmp_path / name
        assert main(["render", str(example_json), "--to", to, "-o", str(out)]) == 0
        assert out.stat().st_size > 0
    assert (tmp_path / "out.csv").read_bytes() == render(example(), "csv").encode("utf-8")
    assert read(tmp_path / "out.xlsx").report == example()
    assert (tmp_path / "out.docx").read_bytes().startswith(b"PK")


def test_render_with_findings(
    example_json: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert main(["render", str(example_json), "--to", "markdown", "--findings"]) == 0
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert "`PL8.domain.2`" in out
    assert main(["--lang", "en", "show", str(example_json), "--findings"]) == 0
    assert "[Error] PL8.domain.2 (2.): PL8 2 = 3" in capsysbinary.readouterr().out.decode("utf-8")


def test_a_binary_format_is_not_written_to_a_terminal(
    example_json: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdout", _Stdout(io.BytesIO(), encoding="utf-8"))
    assert main(["render", str(example_json), "--to", "xlsx"]) == 2
    assert "xlsx là định dạng nhị phân: hãy ghi ra tệp với -o TỆP" in capsys.readouterr().err


def test_show_reads_text_tables_and_warns(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["show", str(TABLES), "--info", PROVINCE]) == 0
    captured = capsysbinary.readouterr()
    assert captured.out.decode("utf-8") == render(example(), "text")
    err = captured.err.decode("utf-8")
    assert err.count(f"cchc: {TABLES}: cảnh báo: ") == 5
    assert f"cchc: {TABLES}: cảnh báo: line 99: PL4 2.1: đã đọc '01' thành 1 (số 0 ở đầu)" in err


def test_convert_between_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    json_path = tmp_path / "report.json"
    assert main(["--lang", "en", "convert", str(TABLES), str(json_path), "--info", PROVINCE]) == 0
    assert json_path.read_text(encoding="utf-8") == dumps(example())
    assert "warning: line 26" in capsys.readouterr().err
    xlsx_path = tmp_path / "report.xlsx"
    csv_path = tmp_path / "report.csv"
    again = tmp_path / "again.json"
    assert main(["convert", str(json_path), str(xlsx_path)]) == 0
    assert main(["convert", str(xlsx_path), str(csv_path)]) == 0
    assert main(["convert", str(csv_path), str(again)]) == 0
    assert again.read_text(encoding="utf-8") == dumps(example())
    assert capsys.readouterr().err == ""


def test_convert_refuses_what_it_cannot_write(
    example_json: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "en", "convert", str(example_json), str(tmp_path / "x.md")]) == 2
    assert "text tables are read, not written: use cchc render" in capsys.readouterr().err
    assert main(["--lang", "en", "convert", str(example_json), str(tmp_path / "x.pdf")]) == 2
    assert "cannot tell the output format from" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_findings_for_a_format_without_them_are_refused_before_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.json"
    assert main(["--lang", "en", "render", str(missing), "--to", "csv", "--findings"]) == 2
    err = capsys.readouterr().err
    assert "--findings: csv has no place for findings; use one of text, markdown" in err
    assert "missing.json" not in err  # refused before the input is read
    out = tmp_path / "out.csv"
    assert main(["convert", str(missing), str(out), "--findings"]) == 2
    assert "không thể hiện được kết quả kiểm tra" in capsys.readouterr().err
    assert not out.exists()


def test_unreadable_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("template,code,value\r\nPL2,1,mười\r\n", encoding="utf-8")
    assert main(["--lang", "en", "show", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"cchc: cannot read {bad}: ")
    assert "line 2, value: PL2 1: 'mười' is not a number" in err
    assert main(["show", str(tmp_path / "missing.json")]) == 2
    assert "không mở được" in capsys.readouterr().err
    assert main(["show", str(bad), "--info", "no-equals"]) == 2
    assert "--info nhận TRƯỜNG=GIÁ_TRỊ" in capsys.readouterr().err


def test_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(render(example(), "csv").encode("utf-8")))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["render", "-", "--from", "csv", "--to", "csv"]) == 0
    assert capsysbinary.readouterr().out == render(example(), "csv").encode("utf-8")


def test_schema(capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path) -> None:
    assert main(["schema"]) == 0
    assert capsysbinary.readouterr().out.decode("utf-8") == shipped_schema()
    assert main(["schema", "-o", str(tmp_path / "s.json")]) == 0
    assert (tmp_path / "s.json").read_text(encoding="utf-8") == shipped_schema()


# --- outputs: never over the input, whole or not at all -------------------------------------


def test_an_output_that_is_the_input_is_refused_before_reading(
    example_json: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = example_json.read_bytes()
    given = str(example_json)
    assert main(["--lang", "en", "render", given, "--to", "text", "-o", given]) == 2
    assert f"the output {given!r} is the input {given!r}" in capsys.readouterr().err
    link = example_json.parent / "link.json"
    link.symlink_to(example_json)
    assert main(["convert", given, str(link)]) == 2
    assert "chính là tệp đọc" in capsys.readouterr().err
    assert example_json.read_bytes() == before
    missing = example_json.parent / "missing.csv"
    assert main(["--lang", "en", "convert", str(missing), str(missing)]) == 2
    err = capsys.readouterr().err
    assert "is the input" in err  # refused before it is read (it does not exist)


LIMITED = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)
resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
from cchc_model._cli.main import main
sys.exit(main({argv!r}))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="resource limits are POSIX")
@pytest.mark.parametrize("to", ["docx", "html", "csv"])  # openpyxl writes temporary files
def test_a_write_failing_half_way_leaves_the_previous_file(
    example_json: Path, tmp_path: Path, to: str
) -> None:
    out = tmp_path / f"out.{to}"
    out.write_bytes(b"the previous render")
    argv = ["--lang", "en", "render", str(example_json), "--to", to, "-o", str(out)]
    completed = subprocess.run(
        [sys.executable, "-c", LIMITED.format(limit=8_000, argv=argv)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "CCHC_CACHE_DIR": ""},
        timeout=120,
    )
    assert completed.returncode == 2, completed.stderr
    # the file is named: the system's refusal of a write names none
    assert f"cannot write or read {out}: File too large" in completed.stderr
    assert out.read_bytes() == b"the previous render"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["report.json", out.name])


@pytest.mark.skipif(sys.platform == "win32", reason="resource limits are POSIX")
def test_an_excel_render_whose_temporary_files_cannot_be_written_says_so(
    example_json: Path, tmp_path: Path
) -> None:
    # openpyxl writes each sheet to a temporary file before our safe write starts: the
    # failure is said in the library's words, naming the output and the system's reason
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"the previous render")
    for lang, words in (
        ("en", "cannot make 'OUT' (the Excel workbook): openpyxl writes each sheet to a"),
        ("vi", "không tạo được 'OUT' (tệp Excel): openpyxl ghi từng trang tính"),
    ):
        argv = ["--lang", lang, "render", str(example_json), "--format", "xlsx", "-o", str(out)]
        completed = subprocess.run(
            [sys.executable, "-c", LIMITED.format(limit=2_000, argv=argv)],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "CCHC_CACHE_DIR": ""},
            timeout=120,
        )
        assert completed.returncode == 2, completed.stderr
        assert completed.stderr.startswith("cchc: " + words.replace("OUT", str(out)))
        assert ("File too large" if lang == "en" else "tệp quá lớn") in completed.stderr
        assert "Traceback" not in completed.stderr
        assert "Exception ignored" not in completed.stderr
        assert completed.stderr.count("\n") == 1
    assert out.read_bytes() == b"the previous render"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["report.json", out.name])


CLI = [sys.executable, "-c", "import sys; from cchc_model._cli.main import main; sys.exit(main())"]


def test_render_to_the_standard_output_by_its_name(example_json: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    with out.open("wb") as stdout:  # the shell's `> out.txt`; -o /dev/stdout writes there
        completed = subprocess.run(
            [*CLI, "render", str(example_json), "--to", "text", "-o", "/dev/stdout"],
            stdout=stdout,
            stderr=subprocess.PIPE,
            check=False,
            timeout=120,
        )
    assert completed.returncode == 0, completed.stderr
    assert out.read_text(encoding="utf-8") == render(example(), "text")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt", "report.json"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_render_into_a_named_pipe(example_json: Path, tmp_path: Path) -> None:
    import threading  # noqa: PLC0415

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    assert main(["render", str(example_json), "--to", "csv", "-o", str(pipe)]) == 0
    reader.join(timeout=60)
    assert received == [render(example(), "csv").encode("utf-8")]
    assert pipe.is_fifo()


def test_render_onto_a_folder_is_refused(
    example_json: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", str(example_json), "--to", "text", "-o", str(tmp_path)]) == 2
    assert "(thư mục)" in capsys.readouterr().err
    assert tmp_path.is_dir()
