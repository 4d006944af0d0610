"""The ``cchc`` command line: version, catalog, example."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_model import __version__, dumps, example
from cchc_model._cli.main import main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"cchc {__version__}"


def test_catalog_json_lists_every_row(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["edition"] == "2024"
    assert len(data["templates"]) == 7
    rows = [i for t in data["templates"] for i in t["indicators"]]
    assert len(rows) == 151
    units = {i["unit"] for i in rows} - {None}
    assert {"Văn bản", "Nhiệm vụ", "Cơ quan, đơn vị", "Vấn đề", "%", "Thủ tục", "Hồ sơ"} <= units
    assert {"PAKN", "Người", "Ban", "Tổ chức", "Triệu đồng", "Đơn vị", "Số lượng"} <= units
    lists = {
        tuple((c["value"], c["label"]) for c in i["code_list"]) for i in rows if i["code_list"]
    }
    assert ((0, "Chưa có"), (1, "2 cấp"), (2, "3 cấp")) in lists


def test_catalog_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog"]) == 0
    out = capsys.readouterr().out
    assert "PL4  BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH THỦ TỤC HÀNH CHÍNH" in out
    assert "Số TTHC cấp tỉnh (Bao gồm cả TTHC của cơ quan ngành dọc)  (Thủ tục)" in out


def test_example_prints_the_61_cells(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["example"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert sum(len(t["values"]) for t in data["templates"].values()) == 61
    assert out == dumps(example())


def test_unknown_edition_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "catalog", "--edition", "1999"]) == 2
    assert "unknown template edition '1999'" in capsys.readouterr().err
    assert main(["catalog", "--edition", "1999"]) == 2
    assert "không có bộ biểu mẫu '1999'" in capsys.readouterr().err


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "usage: cchc" in capsys.readouterr().err


def test_console_script_runs() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "cchc_model._cli.main", "catalog", "--format", "json"],
        capture_output=True,
        check=True,
        text=True,
        encoding="utf-8",
    ).stdout
    assert len(json.loads(out)["templates"]) == 7


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_an_unwritable_output_is_a_message_not_a_traceback() -> None:
    with Path("/dev/full").open("w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "cchc_model._cli.main", "--lang", "en", "example"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 2
    assert "No space left on device" in done.stderr
    assert "Traceback" not in done.stderr


def test_what_the_command_line_says_of_a_file_holds_no_control_character(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a sheet's name is quoted as written in the place of a warning: a bidirectional
    # override or an isolate there once reached the terminal
    import io  # noqa: PLC0415

    import openpyxl  # noqa: PLC0415

    from cchc_model import render  # noqa: PLC0415

    book = openpyxl.load_workbook(io.BytesIO(render(example(), "xlsx")))
    book.create_sheet("Ghi\u202e chú\u2066")
    path = tmp_path / "report.xlsx"
    book.save(path)
    main(["validate", str(path), "--lang", "en"])
    said = capsys.readouterr()
    assert "is not an appendix" in said.err
    for text in (said.err, said.out):
        assert "\u202e" not in text
        assert "\u2066" not in text
