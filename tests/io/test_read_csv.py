"""Reading tidy CSV: lossless for what render writes, forgiving and clear for what people write."""

from __future__ import annotations

import codecs
import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cchc_model
from cchc_model import (
    AdminLevel,
    Direction,
    Period,
    Problem,
    Report,
    ReportFormatError,
    YesNo,
    dumps,
    edition,
    example,
    read,
    render,
    strategies,
)
from cchc_model._io.reading import code_pairs, fold

HEADER = "template,code,title,unit,value,note\r\n"
META = (
    "report,agency,,,UBND xã Hương Sơn,\r\n"
    "report,level,,,cấp xã,\r\n"
    "report,period,,,6 tháng đầu năm,\r\n"
    "report,year,,,2024,\r\n"
)


def _read(text: str) -> tuple[Report, tuple[Problem, ...]]:
    return read(text.encode("utf-8"), "csv")


def _paths(problems: tuple[Problem, ...]) -> list[str]:
    return [p.path for p in problems]


def test_the_example_round_trips_exactly() -> None:
    report, warnings = _read(render(example(), "csv"))
    assert dumps(report) == dumps(example())
    assert warnings == ()


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(strategies.reports(consistent=False))
def test_round_trip_is_lossless(report: Report) -> None:
    back, warnings = read(render(report, "csv").encode("utf-8"))
    assert dumps(back) == dumps(report)  # every digit, blank, value and note
    assert warnings == ()


def test_a_hand_filled_file() -> None:
    text = (
        "\ufeffBiểu;STT;Chỉ tiêu thống kê;Đơn vị tính;Số liệu;Ghi chú\r\n"
        "report;agency;;;UBND xã Hương Sơn;\r\n"
        "report;Cấp hành chính;;;xã;\r\n"  # a label for the field, a short level
        "report;period;;;h1;\r\n"
        "report;year;;;2024;\r\n"
        ";;;;;\r\n"
        "PL2;1.;;Văn bản;01;\r\n"
        "Phụ lục 2;2.;;%;78,94%;\r\n"
        "pl2;2.1;;;19;ghi chú\r\n"
        "2;2.2.;;;'15;\r\n"
        "PL2;7;;;Có;\r\n"
        "PL2;7.1;;;1.276,0;\r\n"
        "PL7;1.1;;;3,887;\r\n"
        "PL8;6.4;;;1.234;\r\n"
        "PL8;6.3;;;;\r\n"
    )
    report, warnings = _read(text)
    assert report.info.level.value == "commune"
    assert report.info.period is Period.H1
    pl2 = report.pl2
    assert pl2 is not None
    assert (pl2["1"], pl2["2"], pl2["2.1"], pl2["2.2"], pl2["7"], pl2["7.1"]) == (
        1,
        Decimal("78.94"),
        19,
        15,
        YesNo.YES,
        1276,
    )
    assert pl2.notes == {"2.1": "ghi chú"}
    assert report.value("PL7", "1.1") == Decimal("3.887")
    assert report.value("PL8", "6.4") == Decimal(1234)
    assert report.value("PL8", "6.3") is None
    assert _paths(warnings) == [
        "line 7, Số liệu",
        "line 10, Số liệu",
        "line 11, Số liệu",
        "line 12, Số liệu",
        "line 13, Số liệu",
        "line 14, Số liệu",
    ]
    messages = [w.message("en") for w in warnings]
    assert "read '01' as 1 (a leading zero)" in messages[0]
    assert "without its text apostrophe" in messages[1]
    assert "read the label 'Có' as the code 1" in messages[2]
    assert "read '1.276,0' as the count 1276" in messages[3]
    assert "if 3887 was meant, write '3.887'" in messages[4]
    assert "('.' groups thousands)" in messages[5]
    assert all(w.template and w.code for w in warnings)
    assert "đã đọc '01' thành 1" in warnings[0].message("vi")


def test_a_file_that_declares_its_notation_is_not_doubted() -> None:
    text = HEADER + "report,format,,,cchc-report,\r\n" + META + 'PL7,1.1,,,"3,887",\r\n'
    report, warnings = _read(text)
    assert report.value("PL7", "1.1") == Decimal("3.887")
    assert warnings == ()


def test_titles_and_units_that_are_not_the_forms_are_reported() -> None:
    text = HEADER + META + "PL2,2.1,Số cơ quan được thanh tra,Người,19,\r\nPL2,4.1,,%,,\r\n"
    _, warnings = _read(text)
    assert _paths(warnings) == ["line 6, title", "line 6, unit"]  # 4.1's % is a known slip
    assert "is it the right row?" in warnings[0].en
    assert "the value is read in 'Nhiệm vụ'" in warnings[1].en


def test_encodings() -> None:
    text = HEADER + META + "PL2,1,,,13,Hương Sơn\r\n"
    utf16, _ = read(codecs.BOM_UTF16_LE + text.encode("utf-16-le"), "csv")
    assert utf16.pl2 is not None
    assert utf16.pl2.notes == {"1": "Hương Sơn"}
    meta = "report,agency,,,UBND,\r\nreport,level,,,commune,\r\nreport,period,,,h1,\r\n"
    legacy = (HEADER + meta + "report,year,,,2024,\r\nPL2,1,,,13,").encode() + b"S\xf5\xecn\r\n"
    old, warnings = read(legacy, "csv")  # Windows-1258 writes the tone mark apart: S ơ ́ n
    assert old.pl2 is not None
    assert old.pl2.notes == {"1": "Sớn"}
    assert _paths(warnings) == ["file"]
    assert "Windows-1258" in warnings[0].en


EXAMPLE_CSV = render(example(), "csv").encode("utf-8")
EXAMPLE_LINES = EXAMPLE_CSV.split(b"\r\n")


@given(st.data())
def test_a_utf_8_file_with_a_stray_byte_is_utf_8_with_an_error_at_its_line(
    data: st.DataObject,
) -> None:
    # It was once read as Windows-1258 with one vague warning: UBND xã Hòa Bình became
    # UBND xĂ£ HĂ²a BĂ¬nh.
    number = data.draw(st.integers(1, len(EXAMPLE_LINES) - 1), label="line")
    line = EXAMPLE_LINES[number - 1]
    at = data.draw(st.integers(0, len(line)), label="at")
    stray = data.draw(st.sampled_from([b"\xff", b"\xc3", b"\x80", b"\xe1\xba"]), label="byte")
    lines = [*EXAMPLE_LINES]
    lines[number - 1] = line[:at] + stray + line[at:]
    damaged = b"\r\n".join(lines)
    try:
        damaged.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:  # the stray byte completed a letter cut by the line end: still UTF-8
        return
    with pytest.raises(ReportFormatError) as info:
        read(damaged, "csv")
    assert {p.path for p in info.value.problems} == {f"line {number}"}
    assert "not UTF-8, the encoding of the rest of the file" in str(info.value)


def test_a_legacy_reading_that_changes_letters_is_an_error() -> None:
    # no UTF-8 letter at all, but what Windows-1258 makes of it is no Vietnamese
    legacy = (HEADER + META).encode("utf-8").decode("utf-8").encode("ascii", "replace")
    bad = legacy + b"PL2,1,,,13,H\xb2a B\xacnh\r\n"
    with pytest.raises(ReportFormatError, match="characters no Vietnamese text has"):
        read(bad, "csv")


def test_a_file_with_more_bad_bytes_than_utf_8_letters_is_a_legacy_one() -> None:
    # one letter that happens to be valid UTF-8 does not make a Windows-1258 file UTF-8
    meta = "report,agency,,,UBND,\r\nreport,level,,,commune,\r\nreport,period,,,h1,\r\n"
    legacy = (HEADER + meta + "report,year,,,2024,\r\nPL2,1,,,13,").encode()
    tones = b"S\xf5\xecn H\xf5\xecn \xc3\xa3"  # Sớn Hớn, then Ă£ (a UTF-8 "ã" by chance)
    with pytest.raises(ReportFormatError, match="no Vietnamese text has"):
        read(legacy + tones + b"\r\n", "csv")
    report, warnings = read(legacy + b"S\xf5\xecn H\xf5\xecn\r\n", "csv")
    assert report.pl2 is not None
    assert report.pl2.notes == {"1": "Sớn Hớn"}
    assert "Windows-1258" in warnings[0].en


def test_many_stray_bytes_are_listed_ten_and_counted() -> None:
    text = (HEADER + META).encode() + b"".join(
        f"PL2,{code},,,1,\u1ea1".encode() + b"\xff\r\n"
        for code in ("1", "2.1", "2.2", "3.1", "3.2", "3.3", "4.1", "4.2", "4.3", "5", "6", "7")
    )
    with pytest.raises(ReportFormatError) as info:
        read(text, "csv")
    assert len(info.value.problems) == 11  # ten, then how many more
    assert info.value.problems[-1].en == "and 2 more places that are not UTF-8"


def test_what_cannot_be_read_is_listed_at_once() -> None:
    text = (
        HEADER
        + "report,year,,,hai nghìn,\r\n"
        + "report,year,,,2024,\r\n"
        + "PL9,1,,,1,\r\n"
        + "PL2,x.1,,,1,\r\n"
        + "PL2,9.9,,,1,\r\n"
        + "PL2,3,,,5,\r\n"
        + "PL2,1,,,12.34,\r\n"
        + "PL2,1,,,3,\r\n"
        + "PL2,2.1,,,1,5,\r\n"
        + 'PL2,2.2,,,"1,5",\r\n'
        + "PL2,7,,,Có lẽ,\r\n"
    )
    with pytest.raises(ReportFormatError) as info:
        _read(text)
    problems = info.value.problems
    assert _paths(problems) == [
        "line 3, value",
        "line 4, template",
        "line 5, code",
        "line 6",
        "line 7, value",
        "line 8, value",
        "line 9",
        "line 11, value",
        "line 12, value",
        "line 2, value",
        "report.agency",
        "report.level",
        "report.period",
    ]
    text_en = str(info.value)
    assert "the report field 'year' is given twice (also at line 2, value)" in text_en
    assert "unknown template 'PL9'" in text_en
    assert "'x.1' is not an indicator code" in text_en
    assert "PL2 has no indicator '9.9'" in text_en
    assert "PL2 3 is a heading and holds no value, found '5'" in text_en
    assert "did you mean '12,34' or '1.234'?" in text_en
    assert "PL2 1 is given twice (also at line 8)" in text_en
    assert "a count is a whole number, got '1,5'" in text_en
    assert "expected a code (Có = 1; Không = 0), got 'Có lẽ'" in text_en
    assert "add a row 'report,period,,,h1' or pass info={'period': 'h1'}" in text_en
    assert "(on the command line: --info period=h1)" in text_en


def test_info_completes_or_replaces_the_metadata() -> None:
    text = HEADER + "PL2,1,,,13,\r\n"
    report, _ = read(
        text.encode(),
        "csv",
        info={"agency": "UBND xã A", "level": "commune", "period": "năm", "year": 2024},
    )
    assert (report.info.agency, report.info.period, report.info.year) == (
        "UBND xã A",
        Period.YEAR,
        2024,
    )
    with pytest.raises(ReportFormatError, match=r"info\['colour'\]: unknown report field"):
        read(render(example(), "csv").encode(), info={"colour": "red"})
    plain, _ = read(render(example(), "csv").encode(), info={"province": None})
    assert plain.info.province is None
    from_json, _ = read(dumps(example()).encode(), info={"unit_code": "19897", "date": "11/6/2024"})
    assert (from_json.info.unit_code, from_json.info.date) == ("19897", dt.date(2024, 6, 11))
    assert from_json.templates == example().templates
    with pytest.raises(ReportFormatError, match=r"info\['level'\]: level: expected"):
        read(dumps(example()).encode(), info={"level": "village"})


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"a,b,c\r\n1,2,3\r\n", "no column template, code, value in the header"),
        (b"\xff\xfe\x00\xd8", "not valid UTF-16"),
        (HEADER.encode() + b'PL2,1,,,"13\r\n', "not valid CSV"),
    ],
)
def test_bad_files(data: bytes, message: str) -> None:
    with pytest.raises(ReportFormatError, match=message):
        read(data, "csv")


def test_unknown_metadata_is_ignored_with_a_warning() -> None:
    report, warnings = _read(HEADER + META + "report,colour,,,red,\r\nPL2,2.1,,,19,\r\n")
    assert report.value("PL2", "2.1") == 19
    assert _paths(warnings) == ["line 6, code"]


def test_a_file_without_any_value_is_refused_unless_it_is_a_render() -> None:
    with pytest.raises(ReportFormatError, match="no value of any appendix could be read"):
        _read(HEADER + META + "PL2,2.1,,,,\r\n")
    declared = HEADER + "report,format,,,cchc-report,\r\n" + META + "PL2,2.1,,,,\r\n"
    report, _ = _read(declared)
    assert report.pl2 is not None
    assert report.pl2.filled() == {}


def test_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    import cchc_model._io.csv as module  # noqa: PLC0415

    monkeypatch.setattr(module, "MAX_ROWS", 3)
    with pytest.raises(ReportFormatError, match="more than 3 rows"):
        _read(HEADER + META)
    import cchc_model._model.files as common  # noqa: PLC0415

    monkeypatch.setattr(common, "MAX_BYTES", 10)
    with pytest.raises(ReportFormatError, match="larger than 10 bytes"):
        _read(HEADER)


def test_read_accepts_a_path(tmp_path: pytest.TempPathFactory) -> None:
    path = tmp_path / "report.csv"  # type: ignore[operator]
    path.write_text(
        render(Report(info=example().info, templates=[Direction()]), "csv"), encoding="utf-8"
    )
    report, warnings = read(path)
    assert report.pl2 == Direction()
    assert warnings == ()


def test_the_wide_layout_is_refused_in_one_line_that_says_how_to_read_it() -> None:
    wide = cchc_model.render(cchc_model.example(), "csv-wide").encode("utf-8")
    with pytest.raises(cchc_model.ReportFormatError) as info:
        cchc_model.read(wide, "csv")
    (problem,) = info.value.problems
    assert "wide layout" in problem.en
    assert "--format csv" in problem.en
    assert "dạng bảng ngang" in problem.vi
    assert "PL2:1" not in str(info.value)  # not the header's hundred and fifty columns


@given(st.data())
def test_a_code_list_is_read_however_its_pairs_are_separated(data: st.DataObject) -> None:
    # code_pairs replaced a pattern whose lazy label took quadratic time on a long cell
    rows = [row for row in edition().indicators() if row.code_list is not None]
    row = data.draw(st.sampled_from(rows))
    assert row.code_list is not None
    pairs = []
    for member in row.code_list:
        label = data.draw(
            st.sampled_from([member.label, member.label.upper(), member.label.lower()])
        )
        equals = data.draw(st.sampled_from(["=", " = ", "  =", "= "]))
        pairs.append(f"{label}{equals}{int(member)}")
    separators = st.sampled_from(["; ", ";", ", ", ". ", " ", "  "])
    text = pairs[0] + "".join(data.draw(separators) + pair for pair in pairs[1:])
    text += data.draw(st.sampled_from(["", ".", " ", ";"]))
    assert code_pairs(text) == {(fold(m.label), int(m)) for m in row.code_list}
    assert code_pairs(text.replace("=", "")) is None


def _without_level(agency: str) -> bytes:
    text = render(example(), "csv")
    assert isinstance(text, str)
    lines = [line for line in text.splitlines() if not line.startswith("report,level,")]
    return "\n".join(lines).replace("UBND xã Hương Sơn", agency, 1).encode()


@pytest.mark.parametrize(
    ("agency", "level"),
    [
        ("UBND đặc khu Côn Đảo", AdminLevel.COMMUNE),
        ("UBND phường Thuận Hóa", AdminLevel.COMMUNE),
        ("Ủy ban nhân dân huyện Nam Đông", AdminLevel.DISTRICT),
        ("Sở Nội vụ tỉnh Quảng Trị", AdminLevel.DEPARTMENT),
    ],
)
def test_the_level_is_read_from_the_agency_as_documents_do(agency: str, level: AdminLevel) -> None:
    report, _ = read(_without_level(agency), "csv")
    assert (report.info.agency, report.info.level) == (agency, level)


def test_a_level_that_cannot_be_told_is_asked_for_by_name_and_option() -> None:
    with pytest.raises(ReportFormatError) as info:
        read(_without_level("Hội Nông dân A"), "csv")
    (problem,) = info.value.problems
    assert problem.en == (
        "the report's level is missing; add a row 'report,level,,,commune' or pass"
        " info={'level': 'commune'} (on the command line: --info level=commune)"
    )
    assert problem.vi.startswith("thiếu cấp hành chính (level); thêm dòng 'report,level,,,")
