"""One command line: option names, help texts, what each command loads, ``derive``'s output."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from cchc_model import dumps, example, loads
from cchc_model._cli.main import COMMANDS, build_parser, main
from cchc_model._io.read import EXTENSIONS, LEGACY
from reports import report_of


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    (sub,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def test_every_command_is_listed_with_its_help() -> None:
    assert set(_commands()) == set(COMMANDS)
    text = " ".join(build_parser(None).format_help().split())  # as wrapped, unwrapped
    for name, (_, summary) in COMMANDS.items():
        assert f"{name} {summary}" in text


def test_every_option_of_every_command_is_described() -> None:
    for name, parser in _commands().items():
        assert parser.description, name
        for action in parser._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            assert action.help, (name, action.option_strings or action.dest)


def test_commands_that_read_reports_say_which_formats() -> None:
    for name, parser in _commands().items():
        reads = any(action.dest == "source_format" for action in parser._actions)
        if reads:
            description = parser.description or ""
            for extension in [*EXTENSIONS, *LEGACY]:
                assert extension in description, (name, extension)


def test_the_output_format_is_format_everywhere() -> None:
    for name, parser in _commands().items():
        options = {o for action in parser._actions for o in action.option_strings}
        assert "--to" not in options or name == "render", name
        shown = parser.format_help()
        assert "--to" not in shown, name  # render's old name is accepted, not shown
    render = _commands()["render"]
    assert render.parse_args(["x.json", "--to", "html"]).format == "html"
    assert render.parse_args(["x.json", "--format", "html"]).format == "html"


def test_the_top_level_help_says_how_to_read_english() -> None:
    assert "--lang en" in build_parser(None).format_help()


def _modules_after(*argv: str) -> set[str]:
    code = (
        "import sys\n"
        "from cchc_model._cli.main import main\n"
        "try:\n"
        f"    main({list(argv)!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write('\\nMODULES ' + ' '.join(sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    return set(done.stderr.rpartition("\nMODULES ")[2].split())


def test_version_and_help_load_no_command() -> None:
    for argv in (["--version"], ["--help"]):
        loaded = _modules_after(*argv)
        assert "cchc_model._cli.main" in loaded
        for family in {module for module, _ in COMMANDS.values()}:
            assert f"cchc_model._cli.{family}" not in loaded, (argv, family)
        assert "cchc_model._io.render" not in loaded
        assert "cchc_model._rules.rulesets" not in loaded


def test_validate_loads_neither_renderers_nor_consolidation(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    path.write_text(dumps(example()), encoding="utf-8")
    loaded = _modules_after("validate", str(path))
    assert "cchc_model._rules.validate" in loaded
    for module in (
        "cchc_model._io.render",
        "cchc_model._io.table",
        "cchc_model._io.xlsx",
        "cchc_model._io.docx",
        "cchc_model._consolidation.aggregate",
        "cchc_model._cli.render",
        "cchc_model._cli.aggregate",
        "openpyxl",
        "docx",
    ):
        assert module not in loaded, module


# --- derive -----------------------------------------------------------------------------


def _files(folder: Path) -> list[str]:
    paths = []
    for n, rate in ((1, Decimal(100)), (2, None)):
        report = report_of({"PL4:3.3": rate, "PL4:3.3.1": 5 * n, "PL4:3.3.2": 5 * n})
        path = folder / f"xa-{n}.json"
        path.write_text(dumps(report), encoding="utf-8")
        paths.append(str(path))
    return paths


def test_derive_of_several_files_writes_json_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = _files(tmp_path)
    assert main(["derive", first, second, "--lang", "en"]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == 2
    reports = [loads(line) for line in lines]
    assert [str(r["PL4"]["3.3"]) for r in reports] == ["100", "100.00"]
    assert f"{first}: no blank cell can be computed" in captured.err
    assert f"{second}: filled PL4 3.3 = 100.00" in captured.err


def test_derive_of_one_file_writes_one_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, second = _files(tmp_path)
    assert main(["derive", second]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("{\n")  # indented, as dumps writes it
    assert loads(captured.out)["PL4"]["3.3"] == Decimal("100.00")
    assert f"{second}: đã điền PL4 3.3 = 100,00" in captured.err


def test_derive_into_a_folder_writes_one_file_per_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = _files(tmp_path)
    out = tmp_path / "out"
    assert main(["derive", first, second, "-o", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert sorted(p.name for p in out.iterdir()) == ["xa-1.json", "xa-2.json"]
    assert str(loads((out / "xa-2.json").read_text(encoding="utf-8"))["PL4"]["3.3"]) == "100.00"
    one = tmp_path / "one.json"
    assert main(["derive", second, "-o", str(one)]) == 0  # one input: the file named
    assert loads(one.read_text(encoding="utf-8"))["PL4"]["3.3"] == Decimal("100.00")


def test_derive_refuses_two_inputs_that_would_overwrite_each_other(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, _ = _files(tmp_path)
    other = tmp_path / "again"
    other.mkdir()
    twin = other / Path(first).name
    twin.write_text(Path(first).read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["derive", first, str(twin), "-o", str(tmp_path / "out"), "--lang", "en"]) == 2
    assert "written to the same file" in capsys.readouterr().err


def test_derive_never_writes_over_its_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, _ = _files(tmp_path)
    before = Path(first).read_bytes()
    assert main(["derive", first, "-o", first, "--lang", "en"]) == 2
    assert "is the input" in capsys.readouterr().err
    assert Path(first).read_bytes() == before


def test_derive_overwrite_keeps_consistent_values_as_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, _ = _files(tmp_path)
    assert main(["derive", first, "--overwrite", "--lang", "en"]) == 0
    captured = capsys.readouterr()
    assert str(loads(captured.out)["PL4"]["3.3"]) == "100"  # not rewritten as 100.00
    assert "no blank cell can be computed" in captured.err
    assert main(["derive", "--example", "--overwrite", "--lang", "en"]) == 0
    assert "replaced PL2 2: 78.94 → 78.95" in capsys.readouterr().err


# --- errors of the system, in both languages --------------------------------------------


def test_a_system_error_keeps_its_reason_in_vietnamese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no-such-folder" / "schema.json"
    assert main(["schema", "-o", str(missing)]) == 2
    err = capsys.readouterr().err
    assert "không có tệp hoặc thư mục này" in err
    assert "lỗi hệ thống" not in err
    assert main(["--lang", "en", "schema", "-o", str(missing)]) == 2
    assert "No such file or directory" in capsys.readouterr().err


def test_an_unreadable_file_keeps_its_reason_in_vietnamese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(tmp_path / "missing.json")]) == 2
    err = capsys.readouterr().err
    assert "không có tệp hoặc thư mục này" in err
    data = json.dumps({"err": err})  # one readable line per problem, no traceback
    assert "Traceback" not in data
