"""The JSON interchange format: lossless round trips, clear errors with paths."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_model import (
    AdminLevel,
    DigitalGovernment,
    Kind,
    Period,
    Report,
    ReportFormatError,
    ReportInfo,
    ValueTypeError,
    YesNo,
    dump,
    dumps,
    edition,
    example,
    load,
    loads,
    make_converter,
)
from cchc_model._io.interchange import _read_thoroughly


def _doc(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(dumps(example()))
    doc.update(changes)
    return doc


def _paths(exc: ReportFormatError) -> list[str]:
    return [p.path for p in exc.problems]


def test_example_round_trips_exactly() -> None:
    text = dumps(example())
    again = loads(text)
    assert again == example()
    assert dumps(again) == text
    # precision is kept, not only the value
    assert str(again.pl8.online_dossiers_rate) == "70.1"  # type: ignore[union-attr]
    assert str(again.pl2.plan_completion_rate) == "78.94"  # type: ignore[union-attr]


def test_document_shape() -> None:
    doc = json.loads(dumps(example()))
    assert list(doc) == ["format", "version", "edition", "report", "templates"]
    assert doc["format"] == "cchc-report"
    assert doc["version"] == 1
    pl2 = doc["templates"]["PL2"]["values"]
    assert pl2["1"] == 13
    assert pl2["2"] == "78.94"
    assert doc["templates"]["PL8"]["values"]["2"] == 3
    assert doc["report"]["date"] == "2024-06-10"
    assert doc["report"]["period"] == "h1"
    assert "unit_code" not in doc["report"]  # blanks are left out


def test_json_numbers_are_read_exactly_and_written_as_strings() -> None:
    doc = _doc()
    doc["templates"]["PL8"]["values"]["6.4"] = Decimal("70.10")
    text = json.dumps(doc, default=str).replace('"70.10"', "70.10")
    report = loads(text)
    assert str(report.pl8.online_dossiers_rate) == "70.10"  # type: ignore[union-attr]
    assert '"6.4": "70.10"' in dumps(report)


@pytest.mark.parametrize(
    "change",
    [
        lambda v: v.update({"6.4": " 70.1 "}),  # spaces around a decimal string
        lambda v: v.update({"6.4": Decimal("70.1")}),  # a JSON number with a fraction
        lambda v: v.update({"6.4.": v.pop("6.4")}),  # a code written with its final dot
    ],
)
def test_documents_the_fast_path_leaves_to_the_thorough_one(change: Any) -> None:
    doc = _doc()
    change(doc["templates"]["PL8"]["values"])
    text = json.dumps(doc, default=str).replace('"6.4": "70.1"', '"6.4": 70.1')
    assert loads(text) == example()
    assert str(loads(text).pl8.online_dossiers_rate) == "70.1"  # type: ignore[union-attr]


def test_a_template_built_by_the_reader_behaves_like_one_built_in_code() -> None:
    read = loads(dumps(example()))
    built = example().pl8
    assert read.pl8 == built
    assert hash(read.pl8) == hash(built)
    assert type(read.pl8.meeting_system) is int  # type: ignore[union-attr]
    assert read.pl2.satisfaction_survey is YesNo.YES  # type: ignore[union-attr]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        read.pl8.meeting_system = 2  # type: ignore[misc, union-attr]


def test_blank_may_be_null_or_absent() -> None:
    doc = _doc()
    doc["templates"]["PL2"]["values"]["3.1"] = None
    doc["templates"]["PL2"]["notes"] = {"3.1": None}
    assert loads(json.dumps(doc)) == example()


def test_rule_breaking_values_load_and_round_trip() -> None:
    report = example().with_templates(
        DigitalGovernment(meeting_system=7, received_dossiers=-5, level3_rate=Decimal("250.5"))
    )
    again = loads(dumps(report))
    assert again == report
    assert again.pl8.meeting_system == 7  # type: ignore[union-attr]
    assert again.pl8.received_dossiers == -5  # type: ignore[union-attr]


def test_bytes_bom_and_files(tmp_path: Path) -> None:
    text = dumps(example())
    assert loads(text.encode("utf-8")) == example()
    assert loads(b"\xef\xbb\xbf" + text.encode("utf-8")) == example()
    assert loads("\ufeff" + text) == example()
    path = tmp_path / "r.json"
    dump(example(), path)
    assert load(path) == example()
    assert load(str(path)) == example()
    with path.open("rb") as fb:
        assert load(fb) == example()
    with path.open(encoding="utf-8") as ft:
        assert load(ft) == example()
    buf = io.StringIO()
    dump(example(), buf)
    assert buf.getvalue() == text
    bbuf = io.BytesIO()
    dump(example(), bbuf)
    assert bbuf.getvalue() == text.encode("utf-8")


def test_missing_file_is_our_error(tmp_path: Path) -> None:
    with pytest.raises(ReportFormatError, match="cannot open") as info:
        load(tmp_path / "nope.json")
    assert info.value.source == str(tmp_path / "nope.json")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "not valid JSON"),
        ("{", "not valid JSON"),
        ("[]", "expected a JSON object"),
        ("NaN", "NaN is not a number"),
        ('{"a": Infinity}', "Infinity is not a number"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"a": ' + "9" * 5000 + "}", "unreadable number"),
    ],
)
def test_malformed_json(text: str, fragment: str) -> None:
    with pytest.raises(ReportFormatError, match=fragment):
        loads(text)


def test_invalid_utf8() -> None:
    with pytest.raises(ReportFormatError, match="not UTF-8 text"):
        loads(b'{"a": "\xff"}')


def test_not_text_at_all() -> None:
    with pytest.raises(ValueTypeError):
        loads(42)  # type: ignore[arg-type]


def test_every_problem_is_listed_with_its_path() -> None:
    doc = _doc(version=2, extra=1)
    doc["report"]["year"] = "2024"
    doc["report"]["level"] = "village"
    doc["report"]["colour"] = "red"
    del doc["report"]["agency"]
    values = doc["templates"]["PL2"]["values"]
    values["2.1"] = "19"
    values["2"] = "78,94"
    values["9.9"] = 1
    values["3"] = 4
    values["7"] = True
    values["2.2"] = 15.5
    doc["templates"]["PL2"]["notes"] = {"2.1": 5, "8.8": "x"}
    doc["templates"]["PL9"] = {}
    doc["templates"]["PL3"] = []
    with pytest.raises(ReportFormatError) as info:
        loads(json.dumps(doc))
    exc = info.value
    assert isinstance(exc, ValueError)
    paths = _paths(exc)
    expected = {
        "$.extra",
        "$.version",
        "$.report.year",
        "$.report.level",
        "$.report.agency",
        "$.report.colour",
        '$.templates.PL2.values["2.1"]',
        '$.templates.PL2.values["2"]',
        '$.templates.PL2.values["9.9"]',
        '$.templates.PL2.values["3"]',
        '$.templates.PL2.values["7"]',
        '$.templates.PL2.values["2.2"]',
        '$.templates.PL2.notes["2.1"]',
        '$.templates.PL2.notes["8.8"]',
        "$.templates.PL9",
        "$.templates.PL3",
    }
    assert expected <= set(paths), sorted(set(expected) - set(paths))
    message = str(exc)
    assert "did you mean '78.94'" in message
    assert "write it without quotes: 19" in message
    assert "PL2 has no indicator '9.9'" in message
    assert "PL2 3 is a heading" in message
    by_path = {p.path: p for p in exc.problems}
    assert by_path['$.templates.PL2.values["2.1"]'].template == "PL2"
    assert by_path['$.templates.PL2.values["2.1"]'].code == "2.1"
    assert by_path['$.templates.PL2.values["2.1"]'].value == "19"
    assert by_path["$.report.year"].value == "2024"  # the metadata's values, as written
    assert by_path["$.report.level"].value == "village"
    assert by_path["$.report.colour"].en == "unknown field"
    assert by_path["$.report.agency"].vi == "thiếu trường bắt buộc"
    assert "có phải là '78.94'" in exc.message("vi")


def test_duplicate_keys_are_refused() -> None:
    text = dumps(example()).replace('"1": 13,', '"1": 13, "1": 14,', 1)
    with pytest.raises(ReportFormatError) as info:
        loads(text)
    assert _paths(info.value) == ['$.templates.PL2.values["1"]']


def test_the_same_code_written_two_ways_is_refused() -> None:
    text = dumps(example()).replace('"1": 13,', '"1": 13, "1.": 14,', 1)
    with pytest.raises(ReportFormatError, match="given twice"):
        loads(text)


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"format": "other"}, "$.format"),
        ({"edition": "1999"}, "$.edition"),
        ({"edition": 2024}, "$.edition"),
        ({"report": []}, "$.report"),
        ({"templates": []}, "$.templates"),
    ],
)
def test_top_level_problems(change: dict[str, Any], path: str) -> None:
    with pytest.raises(ReportFormatError) as info:
        loads(json.dumps(_doc(**change)))
    assert path in _paths(info.value)


def test_missing_parts() -> None:
    doc = _doc()
    del doc["templates"]
    del doc["report"]
    with pytest.raises(ReportFormatError) as info:
        loads(json.dumps(doc))
    assert _paths(info.value) == ["$.report", "$.templates"]


def test_edition_defaults_to_2024_in_version_1() -> None:
    doc = _doc()
    del doc["edition"]
    assert loads(json.dumps(doc)).edition == "2024"


def test_bad_dates_and_years() -> None:
    for date in ("10/6/2024", "2024-6-10", "2024-02-30", 20240610):
        doc = _doc()
        doc["report"]["date"] = date
        with pytest.raises(ReportFormatError) as info:
            loads(json.dumps(doc))
        assert _paths(info.value) == ["$.report.date"]
    doc = _doc()
    doc["report"]["year"] = 24
    with pytest.raises(ReportFormatError, match="four-digit year"):
        loads(json.dumps(doc))


def test_dumps_needs_a_report() -> None:
    with pytest.raises(ValueTypeError):
        dumps({"format": "cchc-report"})  # type: ignore[arg-type]


def test_cattrs_converter_round_trip() -> None:
    converter = make_converter()
    data = converter.unstructure(example())
    assert converter.structure(data, Report) == example()
    info = converter.unstructure(example().info)
    assert converter.structure(info, ReportInfo) == example().info


# --- property: edited copies round trip -------------------------------------------------


def _values(kind: Kind | None) -> st.SearchStrategy[object]:
    if kind is Kind.COUNT or kind is Kind.CODE:
        return st.integers(min_value=-(10**12), max_value=10**12)
    return st.decimals(
        allow_nan=False, allow_infinity=False, places=3, min_value=-(10**12), max_value=10**12
    )


@st.composite
def edited_reports(draw: st.DrawFn) -> Report:
    report = example()
    ed = edition()
    templates = []
    for cls in draw(st.lists(st.sampled_from(ed.classes), unique=True)):
        rows = draw(st.lists(st.sampled_from(cls.spec.value_indicators), unique=True))
        values = {row.code: draw(_values(row.kind)) for row in rows}
        note_rows = draw(st.lists(st.sampled_from(cls.spec.indicators), unique=True, max_size=3))
        notes = {row.code: draw(st.text(min_size=1, max_size=20)) for row in note_rows}
        templates.append(cls.from_codes(values, notes))  # type: ignore[arg-type]
    info = report.info
    if draw(st.booleans()):
        info = ReportInfo(
            # any text that is not blank (a blank agency is no agency)
            agency=draw(
                st.builds(
                    str.__add__,
                    st.characters(exclude_categories=("Z", "C")),
                    st.text(max_size=29),
                )
            ),
            level=draw(st.sampled_from(AdminLevel)),
            period=draw(st.sampled_from(Period)),
            year=draw(st.integers(2000, 2100)),
        )
    return Report(info=info, templates=templates)


@given(edited_reports())
def test_round_trip_is_lossless(report: Report) -> None:
    text = dumps(report)
    again = loads(text)
    assert again == report
    # the fast path and the thorough one read a valid document the same way
    thorough = _read_thoroughly(json.loads(text, parse_float=Decimal), None)
    assert thorough == again
    assert dumps(thorough) == text
    for tid, tpl in report.templates.items():
        for code, value in tpl.filled().items():
            # the same precision, not only an equal value
            assert str(again[tid][code]) == str(value)
        assert again[tid].notes == tpl.notes


# --- found in review: limits that keep what dumps writes readable by loads ----------------

_MINIMAL = (
    '{"format": "cchc-report", "version": 1, "report": {"agency": "A", "level": "commune",'
    ' "period": "h1", "year": 2024}, "templates": %s}'
)


def test_a_huge_exponent_is_a_problem_with_its_path() -> None:
    with pytest.raises(ReportFormatError) as info:
        loads(_MINIMAL % '{"PL8": {"values": {"6.4": 1e-10000000}}}')
    assert _paths(info.value) == ['$.templates.PL8.values["6.4"]']
    assert "at most 15 digits before the decimal point and 40 after" in str(info.value)


def test_a_json_number_with_a_positive_exponent_is_written_out() -> None:
    report = loads(_MINIMAL % '{"PL8": {"values": {"6.4": 1E+14}}}')
    assert str(report.pl8.online_dossiers_rate) == "1" + "0" * 14  # type: ignore[union-attr]


def test_notes_that_utf8_cannot_write_are_refused() -> None:
    with pytest.raises(ReportFormatError) as info:
        loads(_MINIMAL % '{"PL2": {"values": {}, "notes": {"1": "\\ud800"}}}')
    assert _paths(info.value) == ['$.templates.PL2.notes["1"]']
    assert "UTF-8" in str(info.value)


def test_two_spellings_of_one_note_code_are_refused_on_both_paths() -> None:
    text = _MINIMAL % '{"PL2": {"values": {}, "notes": {"1": "", "1.": ""}}}'
    with pytest.raises(ReportFormatError, match="two notes"):
        loads(text)


@pytest.mark.parametrize("date", ["2024-W01-1", "20240610  ", "2024-06-10T00:00"])
def test_dates_are_strictly_iso(date: str) -> None:
    doc = _doc()
    doc["report"]["date"] = date
    with pytest.raises(ReportFormatError) as info:
        loads(json.dumps(doc))
    assert _paths(info.value) == ["$.report.date"]


def test_a_missing_version_says_so() -> None:
    doc = _doc()
    del doc["version"]
    with pytest.raises(ReportFormatError, match=r"\$\.version: required field missing"):
        loads(json.dumps(doc))


def test_a_year_out_of_range_is_reported_at_the_year() -> None:
    doc = _doc()
    doc["report"]["year"] = 24
    with pytest.raises(ReportFormatError) as info:
        loads(json.dumps(doc))
    assert _paths(info.value) == ["$.report.year"]


def test_vietnamese_messages_are_vietnamese() -> None:
    doc = _doc()
    doc["report"]["agency"] = 5
    doc["templates"]["PL2"]["values"]["2"] = []
    with pytest.raises(ReportFormatError) as info:
        loads(json.dumps(doc))
    vi = info.value.message("vi")
    assert "nhận được số nguyên" in vi
    assert "nhận được mảng" in vi
    for english in ("got", "expected", "a string", "an array"):
        assert english not in vi
    with pytest.raises(ReportFormatError) as info:
        loads("{")
    assert "Expecting" not in info.value.message("vi")


def test_load_needs_a_path_or_a_file() -> None:
    with pytest.raises(ValueTypeError):
        load(None)  # type: ignore[arg-type]


# --- the bound of a report, on the fast path and the thorough one --------------------------

_LIMIT = 10**15
_COUNT_TOKENS = st.one_of(
    st.integers(-_LIMIT - 5, -_LIMIT + 5),
    st.integers(_LIMIT - 5, _LIMIT + 5),
    st.integers(-(10**30), 10**30),
    st.integers(-(10**400), 10**400),
).map(str)
_DECIMAL_TOKENS = st.one_of(
    st.builds(
        lambda digits, places, sign: f"{sign}{digits}{'.' if places else ''}{'7' * places}",
        st.integers(0, 10**17),
        st.integers(0, 45),
        st.sampled_from(["", "-"]),
    ),
    st.sampled_from(["1" * 101, "0." + "0" * 40 + "1", "-0.00", "999999999999999.5"]),
)


def _within(count: str, decimal: str) -> bool:
    """Whether both values are within the bound of a report (15 digits, 40 decimals)."""
    whole, _, places = decimal.lstrip("-").partition(".")
    return abs(int(count)) < _LIMIT and int(whole) < _LIMIT and len(places) <= 40


@given(_COUNT_TOKENS, _DECIMAL_TOKENS, st.sampled_from(["1", "7.2"]), st.sampled_from([0, 1]))
def test_whatever_loads_accepts_dumps_writes_back(
    count: str, decimal: str, row: str, quoted: int
) -> None:
    # 10**400 once loaded through the fast path, and dumps then wrote what loads refused;
    # the fast path and the thorough one accept the same values: those within the bound
    number = json.dumps(decimal) if quoted else decimal
    values = f'{{"{row}": {count}, "2": {number}}}'
    text = _MINIMAL % f'{{"PL2": {{"values": {values}}}}}'
    if not _within(count, decimal):
        with pytest.raises(ReportFormatError, match="at most 15 digits before the decimal point"):
            loads(text)
        with pytest.raises(ReportFormatError):
            _read_thoroughly(json.loads(text, parse_float=Decimal), None)
        return
    report = loads(text)
    assert loads(dumps(report)) == report
    assert _read_thoroughly(json.loads(text, parse_float=Decimal), None) == report


@pytest.mark.parametrize("indent", ["x", -1, 10**9, True, 2.5, "\t\tx"])
def test_dumps_refuses_an_indent_that_would_not_write_json(indent: object) -> None:
    # indent="x" once wrote a document that is no JSON
    with pytest.raises(ValueTypeError, match="indent"):
        dumps(example(), indent=indent)  # type: ignore[arg-type]


@pytest.mark.parametrize("indent", [None, 0, 4, "\t", "  "])
def test_dumps_indents_as_asked(indent: int | str | None) -> None:
    assert loads(dumps(example(), indent=indent)) == example()


@pytest.mark.parametrize("target", [5, None, b"report.json", object()])
def test_dump_refuses_what_is_no_file(target: object) -> None:
    # dump(report, 5) once raised AttributeError
    with pytest.raises(ValueTypeError, match="fp: expected a path or a file open for writing"):
        dump(example(), target)  # type: ignore[arg-type]
