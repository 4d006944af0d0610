"""``cchc aggregate`` and ``cchc compare``."""

from __future__ import annotations

import gc
import io
import json
from pathlib import Path
from typing import Any

import attrs
import pytest

from cchc_model import (
    AdminLevel,
    Period,
    Procedures,
    Report,
    ReportInfo,
    dumps,
    example,
    load,
)
from cchc_model._cli import aggregate as cli
from cchc_model._cli import workers
from cchc_model._cli.main import main


def _commune(folder: Path, n: int, **info: Any) -> Path:
    fields: dict[str, Any] = {"province": "Huế", "unit_code": f"{n:05}"}
    fields.update(info)
    report = Report(
        info=ReportInfo(
            agency=f"UBND xã {n}", level=AdminLevel.COMMUNE, period=Period.H1, year=2024, **fields
        ),
        templates=[Procedures(commune_resolved=10 * n, commune_on_time=9 * n)],
    )
    path = folder / f"xa-{n}.json"
    path.write_text(dumps(report), encoding="utf-8")
    return path


def test_aggregate_writes_the_consolidated_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [str(_commune(tmp_path, n)) for n in (1, 2, 3)]
    out = tmp_path / "tinh.json"
    assert main(["aggregate", *files, "-o", str(out), "--lang", "en"]) == 0
    report = load(out)
    assert report.info.agency == "UBND tỉnh Huế"
    assert report.info.level is AdminLevel.PROVINCE
    assert (report.info.period, report.info.year, report.info.province) == (Period.H1, 2024, "Huế")
    pl4 = report.pl4
    assert pl4 is not None
    assert (pl4.commune_resolved, pl4.commune_on_time) == (60, 54)
    assert str(pl4.commune_on_time_rate) == "90.00"
    text = capsys.readouterr().out
    assert text.startswith(
        "Consolidated 3 reports into UBND tỉnh Huế (cấp tỉnh, 6 tháng đầu năm 2024)"
    )
    assert f"Written: {out}" in text


def test_aggregate_json_summary_and_provenance(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [str(_commune(tmp_path, n)) for n in (1, 2)]
    out, prov = tmp_path / "tinh.json", tmp_path / "prov.json"
    args = ["aggregate", *files, "-o", str(out), "--format", "json", "--provenance", str(prov)]
    assert main([*args, "--into-agency", "UBND tỉnh Thừa Thiên Huế", "--unit-code", "46"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["valid"] is True
    assert data["output"] == str(out)
    assert [s["file"] for s in data["sources"]] == files
    assert data["report"]["agency"] == "UBND tỉnh Thừa Thiên Huế"
    assert data["report"]["unit_code"] == "46"
    rows = {(r["template"], r["code"]): r for r in json.loads(prov.read_text(encoding="utf-8"))}
    assert rows["PL4", "3.3.1"]["values"] == {"00001": 10, "00002": 20}


def test_aggregate_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(_commune(tmp_path, n)) for n in (1, 2)]
    assert main(["aggregate", *files, "-o", "-"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["templates"]["PL4"]["values"]["3.3.1"] == 30
    assert captured.err.startswith("Tổng hợp 2 báo cáo vào UBND tỉnh Huế")


def test_aggregate_with_the_own_figures(tmp_path: Path) -> None:
    files = [str(_commune(tmp_path, n)) for n in (1, 2)]
    own = Report(
        info=ReportInfo(
            agency="UBND tỉnh Huế", level=AdminLevel.PROVINCE, period=Period.H1, year=2024
        ),
        templates=[Procedures(province_procedures=1000, department_resolved=7)],
    )
    own_file = tmp_path / "own.json"
    own_file.write_text(dumps(own), encoding="utf-8")
    out = tmp_path / "tinh.json"
    assert main(["aggregate", *files, "--own", str(own_file), "-o", str(out)]) == 0
    report = load(out)
    assert report.info == own.info
    assert report.value("PL4", "1.4.1") == 1000
    assert report.value("PL4", "3.1.1") == 7


def test_a_problem_names_the_files_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = str(_commune(tmp_path, 1))
    late = str(_commune(tmp_path, 2, province="Huế"))
    data = json.loads(Path(late).read_text(encoding="utf-8"))
    data["report"]["period"] = "q1"
    Path(late).write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "tinh.json"
    assert main(["aggregate", good, late, "-o", str(out), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert f"{late}: period q1 2024, not h1 2024" in err
    assert not out.exists()


def test_unreadable_files_stop_the_consolidation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    out = tmp_path / "tinh.json"
    assert main(["aggregate", str(_commune(tmp_path, 1)), str(broken), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "broken.json" in err
    assert "1 tệp không đọc được" in err
    assert not out.exists()


def test_a_file_given_twice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one = str(_commune(tmp_path, 1))
    assert main(["aggregate", one, one, "-o", str(tmp_path / "x.json"), "--lang", "en"]) == 2
    assert "given twice" in capsys.readouterr().err


def test_the_agency_must_be_known(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(_commune(tmp_path, 1)), str(_commune(tmp_path, 2, province="Đà Nẵng"))]
    assert main(["aggregate", *files, "-o", str(tmp_path / "x.json"), "--lang", "en"]) == 2
    assert "--into-agency" in capsys.readouterr().err
    out = tmp_path / "x.json"
    assert main(["aggregate", *files, "-o", str(out), "--into-agency", "Vùng"]) == 0
    assert load(out).info.province is None


def test_a_district_consolidation(tmp_path: Path) -> None:
    files = [str(_commune(tmp_path, n, district="Nam Đông")) for n in (1, 2)]
    out = tmp_path / "huyen.json"
    assert main(["aggregate", *files, "-o", str(out), "--level", "district"]) == 0
    info = load(out).info
    assert (info.agency, info.level, info.district) == (
        "UBND huyện Nam Đông",
        AdminLevel.DISTRICT,
        "Nam Đông",
    )


def test_the_districts_of_the_units_are_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [
        str(_commune(tmp_path, 1, district="Nam Đông")),
        str(_commune(tmp_path, 2, district="Phú Lộc")),
        str(_commune(tmp_path, 3, district="Nam Đông")),
    ]
    out = tmp_path / "huyen.json"
    assert main(["aggregate", *files, "-o", str(out), "--level", "district"]) == 2
    err = capsys.readouterr().err
    assert "các báo cáo thuộc 2 huyện: Nam Đông (2), Phú Lộc (1)" in err
    assert "--district" in err
    assert not out.exists()


def test_the_district_named_by_the_agency_is_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nam_dong = str(_commune(tmp_path, 1, district="Nam Đông"))
    phu_loc = str(_commune(tmp_path, 2, district="Phú Lộc"))
    out = tmp_path / "huyen.json"
    agency = ["--level", "district", "--into-agency", "UBND HUYỆN NAM ĐÔNG", "--lang", "en"]
    assert main(["aggregate", nam_dong, phu_loc, "-o", str(out), *agency]) == 2
    assert "district 'Phú Lộc', not 'Nam Đông'" in capsys.readouterr().err
    assert not out.exists()
    assert main(["aggregate", nam_dong, "-o", str(out), *agency]) == 0
    assert load(out).info.district == "Nam Đông"


def test_an_agency_across_districts_keeps_them_all(tmp_path: Path) -> None:
    files = [
        str(_commune(tmp_path, 1, district="Nam Đông")),
        str(_commune(tmp_path, 2, district="Phú Lộc")),
    ]
    out = tmp_path / "vung.json"
    args = ["--level", "district", "--into-agency", "Ban chỉ đạo vùng"]
    assert main(["aggregate", *files, "-o", str(out), *args]) == 0
    assert load(out).info.district is None


def test_provinces_into_the_nation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    names = []
    for p in ("A", "B"):
        report = attrs.evolve(
            example(),
            info=ReportInfo(
                agency=f"UBND tỉnh {p}",
                level=AdminLevel.PROVINCE,
                period=Period.H1,
                year=2024,
                province=p,
            ),
        )
        path = tmp_path / f"{p}.json"
        path.write_text(dumps(report), encoding="utf-8")
        names.append(str(path))
    out = tmp_path / "nation.json"
    # PL8 2 = 3 in the example is an error there, but the nation has its own PL8 2
    assert main(["aggregate", *names, "-o", str(out)]) == 0
    info = load(out).info
    assert (info.agency, info.level, info.province) == ("Bộ Nội vụ", AdminLevel.PROVINCE, None)
    # which inputs had errors is said before the verdict on the result
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == [
        "2 báo cáo đầu vào có lỗi (đã được tổng hợp như đã nộp):",
        f"  {names[0]}: 1 lỗi (PL8.domain.2)",
        f"  {names[1]}: 1 lỗi (PL8.domain.2)",
    ]
    assert lines[3].endswith(": hợp lệ, nhưng tổng hợp từ báo cáo có lỗi")
    assert main(["aggregate", *names, "-o", str(out), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["inputs_with_errors"][0] == {"file": names[0], "errors": ["PL8.domain.2"]}


def test_the_inputs_are_checked_alike_by_several_processes(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    forked: list[int],
) -> None:
    # communes with errors of their own (on time > resolved) among valid ones, and an own
    # report, checked by one process and by three
    names = []
    for n in range(1, 13):
        report = Report(
            info=ReportInfo(
                agency=f"UBND xã {n}",
                level=AdminLevel.COMMUNE,
                period=Period.H1,
                year=2024,
                province="Huế",
                unit_code=f"{n:05}",
            ),
            templates=[Procedures(commune_resolved=10, commune_on_time=20 if n % 5 == 0 else 9)],
        )
        path = tmp_path / f"xa-{n}.json"
        path.write_text(dumps(report), encoding="utf-8")
        names.append(str(path))
    info = attrs.evolve(example().info, level=AdminLevel.PROVINCE, province="Huế")
    province = attrs.evolve(example(), info=info)
    own = tmp_path / "tinh.json"
    own.write_text(dumps(province), encoding="utf-8")
    monkeypatch.setattr(workers, "MIN_ITEMS", 1)
    said = {}
    for jobs in ("1", "3"):
        for form in ("text", "json"):
            out = tmp_path / f"out-{jobs}-{form}.json"
            args = ["aggregate", *names, "--own", str(own), "-o", str(out), "--format", form]
            assert main([*args, "-j", jobs]) == 1  # the sum of the errors is one
            said[jobs, form] = (capsys.readouterr().out.replace(str(out), "OUT"), out.read_bytes())
    assert len(forked) == 4  # two children for each command with -j 3
    assert said["1", "text"] == said["3", "text"]
    assert said["1", "json"] == said["3", "json"]
    data = json.loads(said["3", "json"][0])
    assert data["inputs_with_errors"] == [
        {"file": names[4], "errors": ["PL4.part.3.3.2"]},
        {"file": names[9], "errors": ["PL4.part.3.3.2"]},
        {"file": str(own), "errors": ["PL8.domain.2"]},
    ]


@pytest.mark.parametrize("jobs", ["0", "-1", "two"])
def test_jobs_is_a_number_of_processes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], jobs: str
) -> None:
    args = ["aggregate", str(_commune(tmp_path, 1)), "-o", str(tmp_path / "t.json")]
    with pytest.raises(SystemExit) as exited:
        main([*args, "--jobs", jobs])
    assert exited.value.code == 2
    assert "not a number of processes (1 or more)" in capsys.readouterr().err


def test_the_findings_of_the_consolidated_report_set_the_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = Report(
        info=ReportInfo(
            agency="UBND xã X",
            level=AdminLevel.COMMUNE,
            period=Period.H1,
            year=2024,
            province="Huế",
        ),
        templates=[Procedures(commune_resolved=1, commune_on_time=5)],
    )
    path = tmp_path / "x.json"
    path.write_text(dumps(report), encoding="utf-8")
    assert main(["aggregate", str(path), "-o", str(tmp_path / "t.json"), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "has errors" in out
    assert "PL4.part.3.3.2" in out


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_shown_on_a_terminal_for_many_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [str(_commune(tmp_path, n)) for n in range(1, cli.PROGRESS_MIN + 1)]
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["aggregate", *files, "-o", str(tmp_path / "t.json"), "--lang", "en"]) == 0
    shown = terminal.getvalue()
    assert f"\rcchc: reading {cli.PROGRESS_MIN}/{cli.PROGRESS_MIN} files" in shown
    assert shown.endswith("\r\033[K")


def test_no_progress_without_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = [str(_commune(tmp_path, n)) for n in range(1, cli.PROGRESS_MIN + 1)]
    quiet = io.StringIO()
    monkeypatch.setattr("sys.stderr", quiet)
    assert main(["aggregate", *files, "-o", str(tmp_path / "t.json")]) == 0
    assert quiet.getvalue() == ""


# --- compare ----------------------------------------------------------------------------


def test_compare_two_periods(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = attrs.evolve(example(), info=attrs.evolve(example().info, year=2023))
    pl4 = example().pl4
    assert pl4 is not None
    after = example().with_templates(pl4.replace({"3.3.1": 300}))
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(dumps(before), encoding="utf-8")
    b.write_text(dumps(after), encoding="utf-8")
    assert main(["compare", str(a), str(b), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Periods: UBND xã Hương Sơn: 6 tháng đầu năm 2023 → 6 tháng đầu năm 2024")
    assert "276 → 300 (+24, +8.70%)" in out
    assert main(["compare", str(a), str(b), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["basis"] == "periods"
    assert next(r for r in data["rows"] if r["code"] == "3.3.1")["difference"] == 24


def test_compare_refuses_what_cannot_be_compared(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = _commune(tmp_path, 1)
    other = attrs.evolve(example(), info=attrs.evolve(example().info, year=2023))
    b = tmp_path / "b.json"
    b.write_text(dumps(other), encoding="utf-8")
    assert main(["compare", str(a), str(b), "--lang", "en"]) == 2
    assert "differ in unit and in period" in capsys.readouterr().err
    assert main(["compare", str(a), str(tmp_path / "missing.json")]) == 2


def test_compare_a_file_with_itself(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = _commune(tmp_path, 1)
    assert main(["compare", str(a), str(a), "--all", "--lang", "en"]) == 0
    assert "rows unchanged" in capsys.readouterr().out


# --- outputs: never over an input, all or none ----------------------------------------------


def test_aggregate_refuses_to_write_over_an_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [str(_commune(tmp_path, n)) for n in (1, 2)]
    before = Path(files[0]).read_bytes()
    assert main(["--lang", "en", "aggregate", *files, "-o", files[0]]) == 2
    err = capsys.readouterr().err
    assert f"the output {files[0]!r} is the input {files[0]!r}" in err
    assert Path(files[0]).read_bytes() == before
    other = str(tmp_path / "sub" / ".." / Path(files[1]).name)  # another spelling of it
    assert main(["aggregate", *files, "-o", str(tmp_path / "t.json"), "--provenance", other]) == 2
    assert "chính là tệp đọc" in capsys.readouterr().err
    out = str(tmp_path / "t.json")
    assert main(["--lang", "en", "aggregate", *files, "-o", out, "--provenance", out]) == 2
    assert "are the same file" in capsys.readouterr().err
    assert not Path(out).exists()


def test_aggregate_writes_its_outputs_all_or_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [str(_commune(tmp_path, n)) for n in (1, 2)]
    out = tmp_path / "t.json"
    bad = tmp_path / "missing" / "p.json"
    assert main(["aggregate", *files, "-o", str(out), "--provenance", str(bad)]) == 2
    assert "missing" in capsys.readouterr().err
    assert not out.exists()  # the report is not left behind without its provenance
    out.write_text("previous", encoding="utf-8")
    assert main(["aggregate", *files, "-o", str(out), "--provenance", str(bad)]) == 2
    assert out.read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.json", "xa-1.json", "xa-2.json"]


def test_aggregate_leaves_the_garbage_collector_as_it_found_it(tmp_path: Path) -> None:
    # the command runs with the collector off and the reports read frozen out of it
    files = [str(_commune(tmp_path, n)) for n in (1, 2)]
    frozen = gc.get_freeze_count()
    assert main(["aggregate", *files, "-o", str(tmp_path / "out.json")]) == 0
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen
    assert main(["aggregate", *files, "missing.json", "-o", str(tmp_path / "out.json")]) == 2
    assert gc.isenabled()
