"""Robustness: every public loader and parser, fed junk, raises only the library's own
documented errors (subclasses of ``CchcError``) with a message, or returns a value that
is right; never ``KeyError``, ``TypeError``, ``RecursionError`` or a silent wrong value.

The junk: malformed documents (``strategies.documents(valid=False)``: cut short, not
UTF-8, wrong types, unknown codes, huge and non-finite numbers, 10,000- and
100,000-deep nesting, a million-character string, keys twice, two byte-order marks),
random JSON and random Python data (non-string keys, ``NaN``, deep nesting), random
bytes and text, random markup (HTML and text tables), random rule files, and values of
the wrong type for every argument. Examples per test: the profile's (50 locally, 300 in
CI). The inputs run, counted where they are fed (:func:`call`): about 4,500 locally and
27,000 in CI (the session's summary says how many); the time each reader takes as its
input grows is in ``test_robustness_growth.py``.

The bugs these tests once found are kept as plain regression tests (``FIXED_BUGS``).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import tempfile
from collections.abc import Callable, Hashable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

import robustness_log
from cchc_model import (
    CchcError,
    Report,
    ReportFormatError,
    dumps,
    edition,
    example,
    load,
    load_rules,
    loads,
    loads_rules,
    make_converter,
    normalize_code,
    read,
    strategies,
    vi,
)
from cchc_model._io.interchange import report_from_data

# --- bugs these tests found, now fixed ------------------------------------------------------


class FixedBug(NamedTuple):
    """A bare exception these tests once found: the call that raised it, and what it was."""

    where: str
    error: type[BaseException] | tuple[type[BaseException], ...]
    owner: str
    what: str
    repro: Callable[[], object]


def _deep_list(depth: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


_MINIMAL = {
    "format": "cchc-report",
    "version": 1,
    "report": {"agency": "UBND xã A", "level": "commune", "period": "h1", "year": 2024},
    "templates": {},
}


def _with(path: str, value: object) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(_MINIMAL))
    head, _, rest = path.partition(".")
    if rest:
        data[head][rest] = value
    else:
        data[head] = value
    return data


FIXED_BUGS = (
    FixedBug(
        "report_from_data",
        RecursionError,
        "_interchange.py (_short, the messages about the version and the notes)",
        "a deeply nested value where a count, a code, the version or a note is expected:"
        " the message quotes it with repr(), which recurses",
        lambda: report_from_data(_with("version", _deep_list(10_000))),
    ),
    FixedBug(
        "report_from_data",
        (AttributeError, TypeError),
        "_interchange.py (_templates, _values, _notes, _info)",
        "a key that is not a string (data decoded by another JSON library, or built in"
        " code): AttributeError for a template id, TypeError for a code or a report field",
        lambda: report_from_data(_with("templates", {5: {}})),
    ),
    FixedBug(
        "loads_rules",
        RecursionError,
        "_rules.py (_read_toml)",
        "TOML nested 10,000 deep: tomllib's RecursionError is not caught",
        lambda: loads_rules("a = " + "[" * 10_000 + "]" * 10_000),
    ),
    FixedBug(
        "loads_rules",
        AttributeError,
        "_rules.py (_read_toml)",
        "rules that are not text (None): tomllib's AttributeError is not caught",
        lambda: loads_rules(None),  # type: ignore[arg-type]
    ),
    FixedBug(
        "load_rules",
        TypeError,
        "_rules.py (load_rules)",
        "a path that is neither str nor os.PathLike (None, bytes)",
        lambda: load_rules(None),  # type: ignore[arg-type]
    ),
    FixedBug(
        "by_attribute",
        TypeError,
        "_template.py (TemplateSpec.by_attribute, Template.code_for)",
        "an attribute name that is not hashable ([]): the dict lookup's TypeError",
        lambda: example()["PL2"].spec.by_attribute([]),  # type: ignore[arg-type]
    ),
    FixedBug(
        "read",
        ValueError,
        "_read.py (_load)",
        "a path with a NUL character: os.stat's ValueError is not caught",
        lambda: read("report\x00.json"),
    ),
)


@pytest.mark.parametrize(
    "bug", FIXED_BUGS, ids=lambda bug: f"{bug.where}:{getattr(bug.error, '__name__', 'errors')}"
)
def test_formerly_known_bugs_are_refused_with_the_librarys_errors(bug: FixedBug) -> None:
    # Each of these once escaped as a bare exception; now the input is refused with a
    # CchcError that has a message.
    with pytest.raises(CchcError) as info:
        bug.repro()
    assert str(info.value)


def call(where: str | tuple[str, ...], fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``fn(*args)``: its value, or ``None`` when it raised a documented error (checked)."""
    robustness_log.inputs()
    try:
        return fn(*args, **kwargs)
    except CchcError as error:
        documented: CchcError = error
    except Exception as error:  # what the test is about
        message = f"{where} raised {type(error).__name__}: {error!s:.200}"
        raise AssertionError(message) from error
    assert str(documented).strip()
    assert documented.message("vi").strip()
    return None


# --- the interchange format -----------------------------------------------------------------


def _bytes(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def assert_round_trip(report: Report) -> None:
    text = dumps(report)
    assert loads(text) == report
    assert dumps(loads(text)) == text


@given(strategies.documents(valid=False))
def test_malformed_documents_are_refused_with_every_problem_located(
    document: strategies.Document,
) -> None:
    with pytest.raises(ReportFormatError) as info:
        loads(document.data)
    assert info.value.problems
    for problem in info.value.problems:
        assert problem.path.startswith("$")
        assert problem.en.strip()
        assert problem.vi.strip()
    assert call(("read", "loads"), read, _bytes(document.data), "json") is None


@given(strategies.documents(valid=False))
def test_read_refuses_malformed_documents_in_any_format(document: strategies.Document) -> None:
    assert call(("read", "loads"), read, _bytes(document.data)) is None


@given(strategies.documents())
def test_read_reads_valid_documents(document: strategies.Document) -> None:
    result = read(_bytes(document.data))
    assert result.report == document.report
    assert result.warnings == ()


def test_load_of_paths_that_are_not_files() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for path in (Path(folder), Path(folder, "missing.json")):
            with pytest.raises(ReportFormatError):
                load(path)
            with pytest.raises(ReportFormatError):
                read(path)
        junk = Path(folder, "junk.json")
        junk.write_bytes(b"\xff\xfe{")
        with pytest.raises(ReportFormatError):
            load(junk)


_KEYS = st.sampled_from(
    [
        "format",
        "version",
        "edition",
        "report",
        "templates",
        "agency",
        "level",
        "period",
        "year",
        "date",
        "PL2",
        "PL8",
        "values",
        "notes",
        "2.1",
        "6.4",
        "7",
        "3",
    ]
)
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(-(10**400), 10**400)
    | st.floats()
    | st.text(max_size=30)
    | st.sampled_from(["cchc-report", "commune", "h1", "2024-06-10", "78.94", "1e5", "2024"])
)
json_values = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(_KEYS | st.text(max_size=5), inner, max_size=5)
    ),
    max_leaves=25,
)
"""Any JSON value, its keys often those of the format."""

documents_of_junk = st.fixed_dictionaries(
    {},
    optional={
        "format": st.just("cchc-report") | json_values,
        "version": st.just(1) | json_values,
        "edition": st.just("2024") | json_values,
        "report": st.fixed_dictionaries(
            {},
            optional={
                "agency": st.just("UBND xã A") | json_values,
                "level": strategies.levels().map(lambda lv: lv.value) | json_values,
                "period": strategies.periods().map(lambda p: p.value) | json_values,
                "year": st.just(2024) | json_values,
                "date": json_values,
            },
        )
        | json_values,
        "templates": st.dictionaries(
            st.sampled_from(["PL2", "PL4", "PL8", "pl2", "PL9"]),
            st.fixed_dictionaries({}, optional={"values": json_values, "notes": json_values})
            | json_values,
            max_size=3,
        )
        | json_values,
    },
)
"""Objects shaped like a document, with junk anywhere."""


def _python_oddities() -> st.SearchStrategy[Any]:
    return st.sampled_from(
        [
            float("nan"),
            float("inf"),
            Decimal("NaN"),
            Decimal("sNaN"),
            Decimal("-Infinity"),
            Decimal("1E+400"),
            b"bytes",
            {1, 2},
            (1, 2),
            object(),
            dt.date(2024, 6, 10),
            10**4000,
        ]
    )


python_data = st.recursive(
    _SCALARS | _python_oddities(),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            _KEYS | st.integers() | st.none() | st.text(max_size=3), inner, max_size=4
        )
    ),
    max_leaves=20,
)
"""Data a JSON library or a program could hand to ``report_from_data``."""


def _check_loaded(report: Report | None) -> None:
    if report is not None:  # junk that is a valid report after all: it must round-trip
        assert_round_trip(report)


@given(json_values | documents_of_junk)
def test_loads_of_any_json(data: object) -> None:
    text = json.dumps(data, allow_nan=True)
    _check_loaded(call("loads", loads, text))
    _check_loaded(call("loads", loads, text.encode("utf-8")))


@given(documents_of_junk | python_data, st.sampled_from([None, 10_000]))
def test_report_from_data_of_any_python_data(data: object, nesting: int | None) -> None:
    if nesting is not None and isinstance(data, dict):
        data = {**data, "version": _deep_list(nesting)}
    _check_loaded(call("report_from_data", report_from_data, data))
    converter = make_converter()
    _check_loaded(call("report_from_data", converter.structure, data, Report))


@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_loads_and_read_of_any_bytes(data: bytes) -> None:
    _check_loaded(call("loads", loads, data))
    for format_ in (None, "json", "csv", "text", "xlsx", "docx", "html"):
        result = call(("read", "loads"), read, data, format_)
        if result is not None:
            _check_loaded(result.report)
    result = call("read", read, b"PK\x03\x04" + data)
    if result is not None:
        _check_loaded(result.report)


_MARKUP = st.sampled_from(
    [
        *("<!--", "-->", "<!", "<![", "<![CDATA[", "]]>", "<?", "?>", "<", ">", "</", "/>"),
        *("<table>", "<tr>", "<td>", "</td>", "</tr>", "</table>", '<td colspan="9">'),
        *("<script>", "</script>", "<p>", "<br>", '"', "'", "=", " ", "\n", "x", "Phụ lục 2"),
        *("&#", "&#x", "9" * 20, ";", "&amp;", "&", "1.", "\t", "13", "\x00", "\u202e"),
    ]
)


@given(st.lists(_MARKUP, max_size=60).map("".join), st.sampled_from(["html", "text", None]))
def test_read_of_any_markup(text: str, format_: str | None) -> None:
    # html.parser once escaped with AssertionError ("expected name token"), and a numeric
    # reference of 5,000 digits with ValueError
    result = call("read", read, ("<html><body>" + text).encode(), format_)
    if result is not None:
        _check_loaded(result.report)


@given(st.one_of(st.none(), st.integers(), st.floats(), st.lists(st.integers()), st.just(b"x")))
def test_loaders_of_values_of_the_wrong_type(value: object) -> None:
    for where, fn in (("loads", loads), ("load", load), ("read", read)):
        assert call(where, fn, value) is None


# --- Vietnamese text ------------------------------------------------------------------------

junk_text = st.one_of(
    st.text(max_size=60),
    st.text(st.sampled_from("0123456789.,-+% \u00a0\u2212/đĐ₫ngàyth"), max_size=30),
    st.sampled_from(
        [
            "1" * 5000,
            "1." * 3000,
            "9" * 100_000 + "%",
            "\x00",
            "١٢٣",  # Arabic-Indic digits: not digits of a Vietnamese document
            "１２３",  # full-width digits
            "\u0301" * 10,
            "Quý V năm 2024",
            "ngày 31 tháng 2 năm 2024",
            "Số: 0/QĐ-UBND",
            "-0",
            "-0,00%",
        ]
    ),
)
not_text = st.sampled_from(
    [None, 5, 5.0, b"5", bytearray(b"5"), ["5"], Decimal(5), dt.date(2024, 6, 10)]
)


@given(junk_text | not_text)
def test_parse_number_and_percent(text: Any) -> None:  # anything at all
    number = call("parse_number", vi.parse_number, text)
    if number is not None:
        written = " ".join(text.split())
        assert number == Decimal(written.replace(".", "").replace(",", "."))
        assert vi.parse_number(vi.format_number(number)) == number
    percent = call("parse_percent", vi.parse_percent, text)
    if percent is not None:
        body = text.strip().removesuffix("%").strip()
        assert percent == Decimal(body.replace(".", "").replace(",", "."))


@given(
    junk_text | not_text,
    st.sampled_from(["đồng", "nghìn đồng", "triệu đồng", "tỷ đồng", "đô", None]),
)
def test_parse_money(text: Any, unit: Any) -> None:
    amount = call("parse_money", vi.parse_money, text, unit)
    if amount is not None:
        assert vi.parse_money(vi.format_money(amount, unit), unit) == amount


@given(junk_text | not_text)
def test_parse_dates_periods_and_document_numbers(text: Any) -> None:
    date = call("parse_date", vi.parse_date, text)
    if date is not None:
        assert str(date.year) in text
        assert vi.parse_date(vi.format_admin_date(date)) == date
    place_date = call("parse_place_date", vi.parse_place_date, text)
    if place_date is not None:
        assert vi.parse_place_date(vi.format_place_date(*place_date)) == place_date
    period = call("parse_period", vi.parse_period, text)
    if period is not None:
        assert str(period[1]) in text
        assert vi.parse_period(vi.format_period(*period)) == period
    document = call("parse_document_number", vi.parse_document_number, text)
    if document is not None:
        assert re.search(rf"0*{document.number}\b", text)
        assert vi.parse_document_number(vi.format_document_number(document)) == document


# --- codes and lookups ----------------------------------------------------------------------

junk_codes: st.SearchStrategy[Any] = st.one_of(
    st.text(max_size=12),
    st.text(st.sampled_from("0123456789. "), max_size=12),
    st.sampled_from(["6.3.", " 2.1", "6..3", "1.2.3.4.5.6.7", "PL2", "pl8", "2024", "3"]),
    not_text,
    st.just([]),
)


@given(junk_codes)
def test_normalize_code_and_edition(code: Any) -> None:
    normal = call("normalize_code", normalize_code, code)
    if normal is not None:
        assert normal == code.strip().removesuffix(".")
        assert re.fullmatch(r"[0-9]{1,3}(\.[0-9]{1,3}){0,5}", normal)
    found = call("edition", edition, code)
    if found is not None:
        assert found.id == (edition().id if code is None else code)


@given(junk_codes, junk_codes)
def test_lookups_by_code_and_template_id(template_id: Any, code: Any) -> None:
    report = example()
    ed = edition()
    cls = call("lookup", ed.template, template_id)
    if cls is not None:
        assert cls.spec.id == template_id.strip().upper()
    if isinstance(template_id, Hashable):
        _ = template_id in report  # never raises
    call("lookup", report.__getitem__, template_id)
    for tpl in report.templates.values():
        value = call("lookup", tpl.__getitem__, code)
        if value is not None:
            assert value == getattr(tpl, tpl.attribute_for(code))
        call("lookup", tpl.spec.indicator, code)
        call("by_attribute", tpl.spec.by_attribute, code)
        call("by_attribute", type(tpl).code_for, code)
        call("lookup", type(tpl).attribute_for, code)
        call("lookup", tpl.get, code)
        call("lookup", type(tpl).from_codes, {code: 1} if isinstance(code, Hashable) else code)
    call("lookup", report.value, template_id, code)
    call("lookup", report.value, "PL2", code)


# --- rule files -------------------------------------------------------------------------------


def _toml_value(value: Any) -> str:  # JSON-like data
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else "inf" if value > 0 else "-inf"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        items = ", ".join(f"{_toml_string(str(k))} = {_toml_value(v)}" for k, v in value.items())
        return "{" + items + "}"
    return _toml_string(str(value))


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


_RULE_KEYS = st.sampled_from(
    [
        "id",
        "expr",
        "severity",
        "kind",
        "template",
        "message",
        "reason",
        "levels",
        "tolerance",
        "blanks",
        "derive",
    ]
)
_EXPRESSIONS = st.lists(
    st.sampled_from(
        [
            "PL2:2.1",
            "PL4:1.4",
            "PL8:6.4",
            "PL9:1",
            "PL2:99",
            "1",
            "0.5",
            "100",
            "=",
            "<=",
            "!=",
            "+",
            "/",
            "*",
            "(",
            ")",
            "if",
            "then",
            "and",
            "or",
            "not",
            "blank",
            "in",
            "sum(",
            "min(",
            "decimals(",
            "applicable(",
            ",",
            "1e999",
        ]
    ),
    max_size=15,
).map(" ".join)
_RULE_VALUES = st.one_of(
    _EXPRESSIONS,
    st.sampled_from(
        ["error", "warning", "fatal", "ratio", "custom", "skip", "zero", "PL2", "commune"]
    ),
    st.text(max_size=10),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.lists(st.sampled_from(["commune", "province", "mars", 1]), max_size=3),
    st.dictionaries(
        st.sampled_from(["vi", "en", "abs", "rel", "x"]),
        st.text(max_size=8) | st.floats(),
        max_size=3,
    ),
)
rule_tables = st.lists(
    st.fixed_dictionaries(
        {"id": st.text(max_size=8) | st.just("HUE.1"), "expr": _EXPRESSIONS}, optional={}
    )
    | st.dictionaries(_RULE_KEYS, _RULE_VALUES, max_size=6),
    max_size=4,
)


def _rule_file(tables: list[dict[str, Any]], head: str) -> str:
    out = [head]
    for table in tables:
        out.append("[[rule]]")
        out += [f"{key} = {_toml_value(value)}" for key, value in table.items()]
    return "\n".join(out) + "\n"


@given(
    rule_tables,
    st.sampled_from(["", 'edition = "2024"', 'edition = "1999"', "edition = 5", "x = 1"]),
)
def test_loads_rules_of_random_rule_files(tables: list[dict[str, Any]], head: str) -> None:
    text = _rule_file(tables, head)
    rules = call("loads_rules", loads_rules, text)
    if rules is not None:
        assert len(rules) == len(tables)


@given(
    st.text(max_size=200) | not_text | st.sampled_from(["a = " + "[" * 10_000, "[[rule]]\n" * 1000])
)
def test_loads_rules_of_any_text(text: Any) -> None:
    call("loads_rules", loads_rules, text)


@given(st.binary(max_size=100) | st.text(max_size=100).map(str.encode))
def test_load_rules_of_any_file(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "rules.toml")
        path.write_bytes(data)
        call("load_rules", load_rules, path)
        call("load_rules", load_rules, str(path))
        call("load_rules", load_rules, Path(folder))
        call("load_rules", load_rules, Path(folder, "missing.toml"))
    for junk in (None, b"rules.toml", 5):
        call("load_rules", load_rules, junk)
