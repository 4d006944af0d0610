"""Every entry point reads through the one bounded reader; what is not a report says so."""

from __future__ import annotations

import codecs
import io
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_model import (
    CchcError,
    ReportFormatError,
    RuleError,
    ValueTypeError,
    dumps,
    example,
    load,
    load_rules,
    loads,
    loads_rules,
    read,
    render,
)
from cchc_model._cli.main import main
from cchc_model._io.read import format_of
from cchc_model._model import files

LIMIT = 1_000
TOO_BIG = b'{"format": "cchc-report", "x": "' + b" " * LIMIT + b'"}'


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "MAX_BYTES", LIMIT)


ENTRY_POINTS: dict[str, Callable[[Path], object]] = {
    "read(path)": read,
    "read(bytes)": lambda path: read(path.read_bytes()),
    "read(bytes, json)": lambda path: read(path.read_bytes(), "json"),
    "load(path)": load,
    "load(binary file)": lambda path: load(io.BytesIO(path.read_bytes())),
    "load(text file)": lambda path: load(io.StringIO(path.read_text("utf-8"))),
    "loads(bytes)": lambda path: loads(path.read_bytes()),
    "loads(str)": lambda path: loads(path.read_text("utf-8")),
    "load_rules(path)": load_rules,
    "loads_rules(str)": lambda path: loads_rules(path.read_text("utf-8")),
}


@pytest.mark.usefixtures("small_limit")
@pytest.mark.parametrize("name", ENTRY_POINTS)
def test_every_entry_point_refuses_what_is_over_the_limit(name: str, tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(TOO_BIG)
    with pytest.raises((ReportFormatError, RuleError)) as info:
        ENTRY_POINTS[name](path)
    assert f"than {LIMIT:,}" in str(info.value)
    assert "NUL" not in str(info.value)


@pytest.mark.usefixtures("small_limit")
def test_standard_input_is_bounded_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TOO_BIG)))
    assert main(["validate", "-", "--lang", "en"]) == 2  # bad input
    assert f"larger than {LIMIT:,} bytes" in capsys.readouterr().err


def test_a_real_file_of_more_than_20_mb_is_too_large(tmp_path: Path) -> None:
    # It once said "the path has a NUL character" (the size error caught as ValueError).
    path = tmp_path / "big.csv"
    with path.open("wb") as out:
        out.truncate(files.MAX_BYTES + 1)
    for reader in (read, load, load_rules):
        with pytest.raises(CchcError, match=r"larger than 20,000,000 bytes"):
            reader(path)


SPECIAL = [p for p in ("/dev/zero", "/dev/urandom", "/proc/self/cmdline") if Path(p).exists()]


@pytest.mark.parametrize("path", SPECIAL)
def test_devices_and_proc_files_end_at_once(path: str) -> None:
    for reader in (read, load, load_rules):
        with pytest.raises(CchcError):
            reader(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_not_waited_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "report.json"
    os.mkfifo(fifo)
    for reader in (read, load, load_rules):
        with pytest.raises(CchcError, match="FIFO"):
            reader(fifo)
    assert main(["validate", str(fifo), "--lang", "en"]) == 2  # bad input
    assert "not a regular file (a pipe (FIFO)): refused" in capsys.readouterr().err


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b" \r\n\t", codecs.BOM_UTF16_LE + b" \0"])
def test_an_empty_input_is_said_to_be_empty(
    data: bytes, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(ReportFormatError, match="the file is empty"):
        read(data)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["validate", "-", "--lang", "en"]) == 2  # bad input
    assert "the file is empty" in capsys.readouterr().err


@given(st.sampled_from(["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "utf-8"]))
def test_json_and_csv_in_utf_16_are_recognised_and_read(encoding: str) -> None:
    report = example()
    mark = "\ufeff" if encoding in ("utf-16-le", "utf-16-be") else ""
    for form, text in (("json", dumps(report)), ("csv", render(report, "csv").lstrip("\ufeff"))):
        data = (mark + text).encode(encoding)
        assert format_of(None, data) == form
        assert read(data).report == report
    assert loads((mark + dumps(report)).encode(encoding)) == report


def test_json_in_utf_16_that_is_broken_names_its_encoding() -> None:
    with pytest.raises(ReportFormatError, match="not UTF-16 text"):
        loads(codecs.BOM_UTF16_LE + b"{\0\0\xd8")


@pytest.mark.parametrize("info", [[("agency", "UBND")], "agency=UBND", 5])
def test_info_that_is_no_mapping_is_a_type_error(info: object) -> None:
    # read(..., info=[...]) once raised AttributeError
    with pytest.raises(ValueTypeError, match="info: expected a mapping"):
        read(dumps(example()).encode(), info=info)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [[5], {"a": 1}, float("nan"), b"UBND", object()])
def test_info_values_that_are_no_text_are_refused(value: object) -> None:
    # info={"agency": [5]} once became the agency "[5]"
    for data in (dumps(example()).encode(), render(example(), "csv").encode()):
        with pytest.raises(ReportFormatError, match=r"info\['agency'\]: agency: expected"):
            read(data, info={"agency": value})


def test_numbers_are_texts_of_the_metadata_as_spreadsheets_hold_them() -> None:
    report, _ = read(dumps(example()).encode(), info={"unit_code": 19897, "province": 1.0})
    assert (report.info.unit_code, report.info.province) == ("19897", "1")


@pytest.mark.parametrize(
    "page",
    [
        "<![" * 50,  # html.parser once raised AssertionError("expected name token")
        "<p>&#" + "9" * 5000 + ";</p>",  # int() of 5,000 digits once raised ValueError
        '<meta charset="base64"><p>x</p>',  # a codec that is no text encoding
        "<!--" * 10_000,  # once quadratic: an unclosed comment repeated
    ],
    ids=["marked section", "long reference", "base64", "unclosed comments"],
)
def test_hostile_html_is_refused_with_the_librarys_error(page: str) -> None:
    with pytest.raises(ReportFormatError):
        read(("<html><body>" + page).encode(), "html")


def test_a_long_reference_in_a_text_table_is_a_replacement_character() -> None:
    text = "Phụ lục 2\n1.\t&#" + "9" * 5000 + ";\tVăn bản\t13\n"
    with pytest.raises(ReportFormatError) as info:  # the metadata is missing, not a crash
        read(text.encode(), "text")
    assert "report.agency" in str(info.value)


def _pl2_rows(cells: str, count: int) -> bytes:
    head = "Phụ lục 2\nSTT\tChỉ tiêu thống kê\tĐơn vị tính\tSố liệu\tGhi chú\n"
    row = f"1.\tSố văn bản chỉ đạo CCHC đã ban hành\tVăn bản\t{cells}\t\n"
    return (head + row * count).encode()


def test_the_problems_of_one_input_are_bounded() -> None:
    # one problem per row (a value that is no number), in a table of 3,000 rows
    with pytest.raises(ReportFormatError) as caught:
        read(_pl2_rows("mười ba", 3_000), "text")
    problems = caught.value.problems
    assert len(problems) == 1_001
    assert problems[-1].en == "more than 1,000 problems: the reading stops here"
    assert problems[-1].vi == "hơn 1.000 lỗi: ngừng đọc tại đây"


def test_the_warnings_of_one_input_are_bounded() -> None:
    info = {"agency": "UBND xã A", "level": "commune", "period": "h1", "year": 2024}
    rows = "\n".join(f"x{n}\tdòng không có mã" for n in range(3_000))
    text = _pl2_rows("13", 1).decode() + rows + "\n"
    report, warnings = read(text.encode(), "text", info=info)
    assert report["PL2"]["1"] == 13
    assert len(warnings) == 1_001
    assert warnings[-1].vi == "hơn 1.000 cảnh báo: các cảnh báo khác không được liệt kê"
