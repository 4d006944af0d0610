"""Every command that reads a report reads every format, and never reads nothing silently."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cchc_model import dumps, example, render
from cchc_model._cli.main import main


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    report = example()
    paths = {
        "json": tmp_path / "r.json",
        "docx": tmp_path / "bao-cao.docx",
        "md": tmp_path / "r.md",
        "html": tmp_path / "r.html",
    }
    paths["json"].write_text(dumps(report), encoding="utf-8")
    paths["docx"].write_bytes(render(report, "docx"))
    paths["md"].write_text(render(report, "markdown"), encoding="utf-8")
    paths["html"].write_text(render(report, "html"), encoding="utf-8")
    return paths


def test_the_silent_empty_read_of_the_issue_is_gone(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # cchc render r.json --to markdown -o r.md; cchc validate r.md: the values are read
    assert main(["validate", str(files["md"])]) == 1
    assert "PL8.domain.2" in capsys.readouterr().out
    # what a document does not say is asked for by name, with the option that gives it:
    # the appendix tables of the render pasted alone say no period
    markdown = files["md"].read_text(encoding="utf-8")
    tables = tmp_path / "tables.md"
    tables.write_text(markdown[markdown.index("## Phụ lục 2") :], encoding="utf-8")
    assert main(["validate", str(tables)]) == 2
    err = capsys.readouterr().err
    assert f"cchc: không đọc được {tables}" in err
    assert "thiếu kỳ báo cáo (period): văn bản không ghi" in err
    assert "(trên dòng lệnh: --info period=h1)" in err
    assert "hợp lệ" not in err
    # a pipe table typed by hand, with no appendix heading: nothing is read, exit 2
    typed = tmp_path / "typed.md"
    typed.write_text("| STT | Chỉ tiêu | Số liệu |\n| --- | --- | --- |\n| 1 | Văn bản | 13 |\n")
    for lang, words in (
        ("vi", "line 1: bảng này có các cột của một phụ lục ('STT | Chỉ tiêu | Số liệu')"),
        ("en", "line 1: this table has the columns of an appendix ('STT | Chỉ tiêu | Số liệu')"),
    ):
        assert main(["--lang", lang, "validate", str(typed)]) == 2
        captured = capsys.readouterr()
        assert str(typed) in captured.err
        assert words in captured.err
        assert "hợp lệ" not in captured.out
        assert "valid" not in captured.out


def test_every_reading_command_reads_a_word_report(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    word = str(files["docx"])
    assert main(["validate", word]) == 1
    assert main(["show", word]) == 0
    assert "Phụ lục 8" in capsys.readouterr().out
    out = tmp_path / "from-word.json"
    assert main(["convert", word, str(out)]) == 0
    assert (
        json.loads(out.read_text(encoding="utf-8"))["templates"]
        == json.loads(dumps(example()))["templates"]
    )
    assert main(["render", word, "--to", "csv", "-o", str(tmp_path / "w.csv")]) == 0
    assert main(["derive", word]) == 0
    assert main(["compare", word, str(files["json"])]) == 0
    total = str(tmp_path / "sum.json")
    assert main(["aggregate", word, "-o", total, "--province", "Thừa Thiên Huế"]) == 0
    capsys.readouterr()
    # the HTML render reads too, by its extension
    assert main(["validate", str(files["html"])]) == 1


def test_warnings_name_the_file(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "show", str(files["docx"])]) == 0
    err = capsys.readouterr().err
    assert f"cchc: {files['docx']}: warning: table 6, row 4: PL7 1.1: read '3,887'" in err


def test_the_format_can_be_named(
    files: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    import io  # noqa: PLC0415
    import sys  # noqa: PLC0415

    stdin = io.TextIOWrapper(io.BytesIO(files["docx"].read_bytes()))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["show", "-", "--from", "docx"]) == 0
    assert "Phụ lục 2" in capsysbinary.readouterr().out.decode("utf-8")
