"""``cchc validate``, ``cchc rules`` and ``cchc derive``."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from cchc_model import builtin_rules, dumps, example, loads
from cchc_model._cli.main import main
from reports import report_of


@pytest.fixture
def example_file(tmp_path: Path) -> Path:
    path = tmp_path / "huong-son.json"
    path.write_text(dumps(example()), encoding="utf-8")
    return path


@pytest.fixture
def clean_file(tmp_path: Path) -> Path:
    path = tmp_path / "clean.json"
    path.write_text(dumps(report_of({"PL4:3.3": Decimal(100), "PL4:3.3.1": 5, "PL4:3.3.2": 5})))
    return path


def test_validate_the_bundled_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--example"]) == 1  # PL8 2 = 3 is an error
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "example: có lỗi"
    assert out[1:3] == [
        "PL2",
        (
            "  cảnh báo  PL2.ratio.2: PL2 2 = 78,94 chỉ khớp với 2.2 / 2.1 × 100 = 15 / 19 × 100"
            " = 78,9473… nếu số liệu đã bị cắt bớt chữ số thay vì làm tròn (làm tròn đúng: 78,95)."
            " Chỉ tiêu: 2 “Tỷ lệ hoàn thành Kế hoạch CCHC năm (Lũy kế đến thời điểm báo cáo)”,"
            " 2.1 “Số nhiệm vụ đề ra trong kế hoạch”, 2.2 “Số nhiệm vụ đã hoàn thành”"
        ),
    ]
    assert out[-1].startswith("1 lỗi, 1 cảnh báo, 2 lưu ý")


def test_validate_files_in_english(
    example_file: Path, clean_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(clean_file), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{clean_file}: valid\nno findings\n")
    assert main(["--lang", "en", "validate", str(example_file), str(clean_file)]) == 1
    out = capsys.readouterr().out
    assert f"{example_file}: has errors" in out
    assert "is not a code of its list" in out


def test_validate_json(example_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(example_file), "--format", "json", "--lang", "en"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["valid"] is False
    assert data["summary"] == {
        "files": 1,
        "rules": 245,
        "evaluated": 135,
        "skipped": 110,
        "errors": 1,
        "warnings": 1,
        "infos": 2,
    }
    pl8 = data["findings"][-1]
    assert pl8["file"] == str(example_file)
    assert (pl8["rule"], pl8["severity"], pl8["template"], pl8["codes"]) == (
        "PL8.domain.2",
        "error",
        "PL8",
        ["2"],
    )
    assert pl8["message"].startswith("PL8 2 = 3 is not a code")


def test_validate_unreadable_input(
    tmp_path: Path, clean_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    # the readable file is still checked; the exit code says an input could not be read
    assert main(["validate", str(bad), str(clean_file)]) == 2
    captured = capsys.readouterr()
    assert f"cchc: không đọc được {bad}" in captured.err
    assert f"{clean_file}: hợp lệ" in captured.out
    assert main(["validate", str(tmp_path / "missing.json"), "--lang", "en"]) == 2
    assert "cannot open" in capsys.readouterr().err
    assert main(["validate"]) == 2
    assert "--example" in capsys.readouterr().err
    assert main(["validate", str(bad), "--format", "json"]) == 2
    assert json.loads(capsys.readouterr().out)["valid"] is False


def test_a_report_without_values_is_never_valid(
    tmp_path: Path, clean_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text(dumps(report_of({})), encoding="utf-8")
    csv = tmp_path / "empty.csv"
    assert main(["render", str(empty), "--format", "csv", "-o", str(csv)]) == 0
    for name in (empty, csv):
        assert main(["validate", str(name), str(clean_file)]) == 2
        captured = capsys.readouterr()
        assert f"cchc: {name}: không có số liệu nào để kiểm tra" in captured.err
        assert f"{name}: hợp lệ" not in captured.out
        assert f"{clean_file}: hợp lệ" in captured.out
    assert main(["validate", str(empty), "--format", "json", "--lang", "en"]) == 2
    captured = capsys.readouterr()
    assert json.loads(captured.out)["valid"] is False
    assert "no value to check" in captured.err


def test_validate_from_stdin(
    clean_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(clean_file.read_bytes()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["validate", "-"]) == 0
    assert capsys.readouterr().out.startswith("-: hợp lệ")


def test_validate_with_a_province_rule_file(
    tmp_path: Path, clean_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = tmp_path / "hue.toml"
    rules.write_text(
        '[[rule]]\nid = "HUE.1"\nexpr = "PL4:3.3.1 >= 10"\nseverity = "warning"\n',
        encoding="utf-8",
    )
    # a warning is not an error: exit 0
    assert main(["validate", str(clean_file), "--rules", str(rules), "--lang", "en"]) == 0
    assert "HUE.1: PL4 3.3.1 = 5 is less than 10" in capsys.readouterr().out
    broken = tmp_path / "broken.toml"
    broken.write_text('[[rule]]\nid = "HUE.1"\nexpr = "PL4:3.3.1 >="\n', encoding="utf-8")
    assert main(["validate", str(clean_file), "--rules", str(broken), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "rule 'HUE.1': expected a number" in err
    assert err.rstrip().endswith("^")


def test_rules_listing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "PL2"
    assert out[2].split() == [
        "PL2.ratio.2",
        "error",
        "PL2:2",
        "=",
        "PL2:2.2",
        "/",
        "PL2:2.1",
        "*",
        "100",
    ]
    assert main(["rules", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == len(builtin_rules())
    ratio = next(r for r in data if r["id"] == "PL8.ratio.6.4")
    assert ratio["codes"] == ["6.4", "6.4.2", "6.4.1"]
    assert ratio["derive"] is True
    assert set(ratio["message"]) == {"vi", "en"}


def test_derive(example_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["derive", str(example_file)]) == 0
    derived = loads(capsys.readouterr().out)
    assert derived["PL3"]["1"] == 0
    assert main(["derive", "--example", "--overwrite"]) == 0
    overwritten = loads(capsys.readouterr().out)
    assert overwritten["PL2"]["2"] == Decimal("78.95")
    assert main(["derive"]) == 2


def test_the_installed_command() -> None:
    done = subprocess.run(  # our own entry point, no shell
        [sys.executable, "-m", "cchc_model._cli.main", "validate", "--example", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert json.loads(done.stdout)["summary"]["errors"] == 1


def test_validate_reads_every_format_the_readers_know(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cchc_model import render  # noqa: PLC0415

    path = tmp_path / "huong-son.csv"
    path.write_text(render(example(), "csv"), encoding="utf-8")
    assert main(["--lang", "en", "validate", str(path)]) == 1
    assert "PL8.domain.2" in capsys.readouterr().out
