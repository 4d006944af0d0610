r"""``documents(valid=…)``: raw JSON documents of the interchange format, good and bad.

Private to :mod:`cchc_model.strategies`, which documents and re-exports it.

A valid document is a drawn report written in one of the ways the format allows (text
or bytes, a byte-order mark, any indentation and key order, ``\uXXXX`` escapes,
decimals as JSON numbers, blanks as ``null``, codes with a final dot, no ``edition``,
counts of hundreds of digits). A malformed document is a valid one with one defect that
the format refuses, from a list that covers what loaders meet in the wild.
"""

from __future__ import annotations

import functools
import json
import random
import re
from collections.abc import Callable
from typing import Any, Final

import attrs
from hypothesis import strategies as st

from .._io.interchange import report_to_data
from .._model.report import Report
from .._model.template import MAX_DECIMALS, MAX_INTEGER_DIGITS
from .._model.units import Kind
from . import _reports as sr
from . import _values as sv

__all__ = ["DEFECTS", "Document", "documents"]


def _short(data: str | bytes) -> str:
    text = repr(data)
    return text if len(text) <= 120 else f"{text[:117]}… ({len(data)} long)"  # noqa: PLR2004


@attrs.frozen
class Document:
    """A JSON document for a loader, and what it holds.

    Attributes:
        data: The document as a loader receives it (``str`` or ``bytes``).
        report: For a valid document, the report it holds; ``None`` for a malformed one.
        defect: For a malformed document, what is wrong with it, in a few words (one of
            :data:`DEFECTS`); ``None`` for a valid one.
    """

    data: str | bytes = attrs.field(repr=_short)
    report: Report | None = attrs.field(default=None, repr=False)
    defect: str | None = None

    @property
    def valid(self) -> bool:
        """Whether the document is a valid report."""
        return self.defect is None

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # noqa: ANN401, ARG002, FBT001  # the protocol
        # Hypothesis prints drawn values with this protocol: keep a document of a
        # million characters to its start, as repr() does.
        printer.text(repr(self))


# --- writing a document --------------------------------------------------------------------

_MARK: Final = "\x00cchc-raw:"
"""Marks a string to be written as a raw JSON token (``70.10``, ``NaN``, ``[[[…]]]``).

JSON always escapes U+0000, and no value of a report holds this prefix followed by the
characters of a token, so the marked strings are found without ambiguity.
"""
_MARKED: Final = re.compile(r'"\\u0000cchc-raw:(?:[^"\\]|\\.)*"')


def _raw(token: str) -> str:
    return _MARK + token


def _write(data: Any, *, indent: int | None, ascii_only: bool) -> str:  # noqa: ANN401  # JSON data
    text = json.dumps(data, ensure_ascii=ascii_only, indent=indent)
    return _MARKED.sub(lambda m: json.loads(m.group(0)).removeprefix(_MARK), text)


def _shuffled(value: Any, rng: random.Random) -> Any:  # noqa: ANN401  # JSON data
    if isinstance(value, dict):
        items = list(value.items())
        rng.shuffle(items)
        return {k: _shuffled(v, rng) for k, v in items}
    return value


_BOOLEANS: Final = st.booleans()
_SEEDS: Final = st.integers(0, 2**32 - 1)
_INDENTS: Final = st.sampled_from((None, 2, 0, 1, 4))
_ENCODINGS: Final = st.sampled_from(("str", "utf-8", "utf-8-sig", "str-bom", "bytearray"))
_PADDING: Final = st.sampled_from(("", " ", "\n", "\r\n\t "))
_NO_NOTES: Final = st.sampled_from(("{}", "null", "absent"))


@functools.cache
def _reports() -> st.SearchStrategy[Report]:
    return sr.reports(consistent=True) | sr.reports(consistent=False)


def _largest_count(draw: st.DrawFn, report: Report) -> Report:
    """``report`` with one count of 10 to 15 digits, up to the bound of a report."""
    rows = [
        (tpl, row)
        for tpl in report.templates.values()
        for row in tpl.spec.value_indicators
        if row.kind is Kind.COUNT
    ]
    if not rows:
        return report
    tpl, row = draw(st.sampled_from(rows))
    digits = sv.draw_int(draw, 10, MAX_INTEGER_DIGITS)
    value = 10**digits - 1 - sv.draw_int(draw, 0, 10**6)
    if draw(_BOOLEANS):
        value = -value
    return report.with_templates(tpl.replace({row.code: value}))


def _valid_data(draw: st.DrawFn, report: Report) -> dict[str, Any]:
    """The report's JSON data, written in one of the ways the format allows."""
    data = report_to_data(report)
    rng = random.Random(draw(_SEEDS))  # noqa: S311  # a replayable choice, not a secret
    if draw(_BOOLEANS):
        del data["edition"]  # a version-1 document without it is of edition 2024
    numbers = draw(_BOOLEANS)  # decimals as JSON numbers ("70.1" → 70.1)
    final_dot = draw(_BOOLEANS)  # "6.3." for "6.3", as the form prints codes
    nulls = draw(_BOOLEANS)  # blanks written null
    for tid, body in data["templates"].items():
        spec = report.templates[tid].spec
        values: dict[str, Any] = {}
        for code, value in body["values"].items():
            key = f"{code}." if final_dot else code
            values[key] = _raw(value) if numbers and isinstance(value, str) else value
        if nulls:
            filled = set(body["values"])
            for row in spec.value_indicators:
                if row.code not in filled and rng.random() < 0.3:  # noqa: PLR2004
                    values[row.code] = None
        body["values"] = values
        _blank_parts(draw, body)
    return _shuffled(data, rng) if draw(_BOOLEANS) else data


def _blank_parts(draw: st.DrawFn, body: dict[str, Any]) -> None:
    """No notes are ``{}``, ``null`` or left out; no values are ``{}`` or left out."""
    if not body["notes"]:
        how = draw(_NO_NOTES)
        if how == "null":
            body["notes"] = None
        elif how == "absent":
            del body["notes"]
    if not body["values"] and draw(_BOOLEANS):
        del body["values"]


def _encode(draw: st.DrawFn, text: str) -> str | bytes:
    encoding = draw(_ENCODINGS)
    if encoding == "str":
        return text
    if encoding == "str-bom":
        return "\ufeff" + text
    if encoding == "bytearray":
        return bytes(bytearray(text.encode("utf-8")))
    return text.encode(encoding)


@st.composite
def valid_documents(draw: st.DrawFn) -> Document:
    report = draw(_reports())
    if draw(_BOOLEANS):
        report = _largest_count(draw, report)
    data = _valid_data(draw, report)
    text = _write(data, indent=draw(_INDENTS), ascii_only=draw(_BOOLEANS))
    text = draw(_PADDING) + text + draw(_PADDING)
    return Document(_encode(draw, text), report)


# --- defects -------------------------------------------------------------------------------

_Defect = Callable[[st.DrawFn, dict[str, Any]], str | bytes]


def _plain(data: dict[str, Any]) -> str:
    return _write(data, indent=None, ascii_only=False)


def _values_of(data: dict[str, Any], template_id: str = "PL2") -> dict[str, Any]:
    """The ``values`` object of a template of ``data``, added if the document has none."""
    body = data["templates"].setdefault(template_id, {})
    if not isinstance(body.get("values"), dict):
        body["values"] = {}
    values: dict[str, Any] = body["values"]
    return values


def _cut_short(draw: st.DrawFn, data: dict[str, Any]) -> str:
    text = _plain(data)
    return text[: sv.draw_int(draw, 0, text.rindex("}"))]  # the object is never closed


_INVALID_UTF8: Final = st.sampled_from(
    (b"\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\x80", b"\xf8\x88\x80\x80\x80", b"\xe2\x82")
)


def _not_utf8(draw: st.DrawFn, data: dict[str, Any]) -> bytes:
    text = _plain(data)
    at = sv.draw_int(draw, 0, len(text))  # between two characters: nothing completes it
    return text[:at].encode("utf-8") + draw(_INVALID_UTF8) + text[at:].encode("utf-8")


def _not_an_object(draw: st.DrawFn, data: dict[str, Any]) -> str:
    other = draw(st.sampled_from(("array", "string", "number", "true", "null")))
    wrapped: object = {"array": [data], "string": "cchc-report", "number": 1}.get(other)
    return json.dumps(wrapped) if other in ("array", "string", "number") else other


_REQUIRED: Final = (
    ("format",),
    ("version",),
    ("report",),
    ("templates",),
    ("report", "agency"),
    ("report", "level"),
    ("report", "period"),
    ("report", "year"),
)


def _missing(draw: st.DrawFn, data: dict[str, Any]) -> str:
    path = draw(st.sampled_from(_REQUIRED))
    holder = data if len(path) == 1 else data["report"]
    del holder[path[-1]]
    return _plain(data)


# (where, bad values): every value refused there, whatever the rest of the document.
_WRONG_TYPES: Final[tuple[tuple[str, tuple[Any, ...]], ...]] = (
    ("format", (1, None, "cchc", ["cchc-report"])),
    ("version", ("1", _raw("1.0"), True, None, 2, 0, [1])),
    ("edition", (2024, None, "2099", ["2024"], "")),
    ("report", ([], "UBND xã A", 1, None)),
    ("templates", ([], "PL2", 1)),
    ("report.agency", (1, None, ["UBND"], {"vi": "UBND"})),
    ("report.level", ("xã", "Commune", 1, None, "cấp xã")),
    ("report.period", ("H1", "6 tháng đầu năm", 1, None)),
    ("report.year", ("2024", _raw("2024.0"), True, None, 24, 10**6)),
    ("report.date", ("10/6/2024", 20240610, "2024-6-10", "2024-02-30", "2024-06-10T00:00")),
    ("report.place", (1, ["Hương Sơn"], False)),
    ("PL2", ([], "x", 1)),
    ("PL2.values", ([], "x", 1)),
    ("PL2.notes", ([], "x", 1)),
    ("PL2.values.count", ("5", _raw("5.0"), True, [5], {}, "abc", "")),
    ("PL2.values.code", ("1", _raw("1.0"), False, [1])),
    ("PL2.values.percent", (True, [], {}, "78,94", "78,94%", "1e5", "", "NaN", " ")),
    ("PL2.notes.text", (1, [], {"vi": "x"}, True)),
)


def _set_at(data: dict[str, Any], where: str, value: Any) -> None:  # noqa: ANN401  # JSON data
    head, _, rest = where.partition(".")
    if head in ("format", "version", "edition", "report", "templates"):
        if rest:
            data[head][rest] = value
        else:
            data[head] = value
        return
    if not rest:
        data["templates"][head] = value
        return
    body = data["templates"].setdefault(head, {})
    if rest in ("values", "notes"):
        body[rest] = value
    elif rest == "notes.text":
        body["notes"] = {"1": value}
    else:
        code = {"values.count": "1", "values.code": "7", "values.percent": "2"}[rest]
        _values_of(data, head)[code] = value


def _wrong_type(draw: st.DrawFn, data: dict[str, Any]) -> str:
    where, choices = draw(st.sampled_from(_WRONG_TYPES))
    _set_at(data, where, draw(st.sampled_from(choices)))
    return _plain(data)


_UNKNOWN_CODES: Final = ("99.9", "abc", "", "1.2.3.4.5.6.7", "3", "PL2:1", " 1 x")
"""Not a value-holding row of PL2: unknown, not a code, or a heading (``3``)."""


def _unknown(draw: st.DrawFn, data: dict[str, Any]) -> str:
    kind = draw(st.sampled_from(("value", "note", "template", "field", "report field", "twice")))
    if kind == "value":
        _values_of(data)[draw(st.sampled_from(_UNKNOWN_CODES))] = 1
    elif kind == "note":
        data["templates"].setdefault("PL2", {})["notes"] = {"99.9": "ghi chú"}
    elif kind == "template":
        data["templates"][draw(st.sampled_from(("PL9", "pl2", "PL 2", "Phụ lục 2", "")))] = {}
    elif kind == "field":
        data[draw(st.sampled_from(("extra", "Format", "reports")))] = 1
    elif kind == "report field":
        data["report"][draw(st.sampled_from(("email", "Agency", "level_name")))] = "x"
    else:  # the same row under two spellings of its code
        values = _values_of(data)
        values["2.1"] = 1
        values["2.1."] = 1
    return _plain(data)


_HUGE: Final = st.sampled_from(
    (
        ("count", _raw("1e400")),
        ("count", _raw("9" * 5000)),
        ("count", _raw("1E+2")),
        ("count", _raw("1" + "0" * MAX_INTEGER_DIGITS)),  # one past the bound
        ("count", _raw("-" + "9" * 28)),  # it once crashed the wording of findings
        ("code", _raw("9" * 20)),  # it once did not come back from CSV or Excel
        ("percent", "1" * 101),
        ("percent", "0." + "0" * 120 + "1"),
        ("percent", "1" + "0" * MAX_INTEGER_DIGITS),
        ("percent", "0." + "0" * MAX_DECIMALS + "1"),
        ("percent", _raw("1e400")),
        ("percent", _raw("-1E+200")),
        ("percent", _raw("1" + "0" * 400)),  # once loaded; dumps then wrote what loads refused
        ("version", _raw("1e400")),
        ("year", _raw("9" * 5000)),
    )
)


def _huge(draw: st.DrawFn, data: dict[str, Any]) -> str:
    where, token = draw(_HUGE)
    if where == "version":
        data["version"] = token
    elif where == "year":
        data["report"]["year"] = token
    else:
        _values_of(data)[{"count": "1", "code": "7.2", "percent": "2"}[where]] = token
    return _plain(data)


_NON_FINITE: Final = st.sampled_from(("NaN", "Infinity", "-Infinity"))
_NON_FINITE_PLACES: Final = st.sampled_from(("count", "percent", "version", "year", "note"))


def _non_finite(draw: st.DrawFn, data: dict[str, Any]) -> str:
    token = _raw(draw(_NON_FINITE))
    where = draw(_NON_FINITE_PLACES)
    if where == "version":
        data["version"] = token
    elif where == "year":
        data["report"]["year"] = token
    elif where == "note":
        data["templates"].setdefault("PL2", {})["notes"] = {"1": token}
    else:
        _values_of(data)["1" if where == "count" else "2"] = token
    return _plain(data)


def _deep(draw: st.DrawFn, data: dict[str, Any]) -> str:
    depth = draw(st.sampled_from((10_000, 100_000, 200)))
    arrays = draw(_BOOLEANS)
    token = "[" * depth + "]" * depth if arrays else '{"a": ' * depth + "1" + "}" * depth
    where = draw(st.sampled_from(("count", "percent", "report", "templates", "document")))
    if where == "document":
        return token
    if where == "report":
        data["report"]["agency"] = _raw(token)
    elif where == "templates":
        data["templates"]["PL2"] = _raw(token)
    else:
        _values_of(data)["1" if where == "count" else "2"] = _raw(token)
    return _plain(data)


def _huge_string(draw: st.DrawFn, data: dict[str, Any]) -> str:
    size = draw(st.sampled_from((10_001, 100_000, 1_000_000)))
    text = draw(st.sampled_from(("x", "Đ", "\u200b", "1"))) * size
    where = draw(st.sampled_from(("note", "count", "percent", "code")))
    if where == "note":
        data["templates"].setdefault("PL2", {})["notes"] = {"1": text}
    elif where == "code":
        _values_of(data)[text] = 1
    else:
        _values_of(data)["1" if where == "count" else "2"] = text
    return _plain(data)


def _twice(draw: st.DrawFn, data: dict[str, Any]) -> str:
    where = draw(st.sampled_from(("document", "report", "values", "notes")))
    if where == "values":
        _values_of(data)["1"] = _raw('1, "1": 1')
    elif where == "notes":
        data["templates"].setdefault("PL2", {})["notes"] = {"1": _raw('"a", "1": "b"')}
    elif where == "report":
        year = data["report"]["year"]
        data["report"]["year"] = _raw(f'{year}, "year": {year}')
    else:
        return '{"format": "cchc-report", ' + _plain(data)[1:]
    return _plain(data)


def _boms(draw: st.DrawFn, data: dict[str, Any]) -> str | bytes:
    text = "\ufeff\ufeff" + _plain(data)
    return text if draw(_BOOLEANS) else text.encode("utf-8")


DEFECTS: Final[dict[str, _Defect]] = {
    "cut short": _cut_short,
    "not UTF-8": _not_utf8,
    "not a JSON object": _not_an_object,
    "a required field missing": _missing,
    "a value of the wrong type": _wrong_type,
    "an unknown code, template or field": _unknown,
    "a huge number": _huge,
    "a non-finite number": _non_finite,
    "nested too deeply": _deep,
    "a huge string": _huge_string,
    "a key given twice": _twice,
    "two byte-order marks": _boms,
}
"""The defects of malformed documents, by name; each makes any valid document invalid."""

_DEFECT_NAMES: Final = st.sampled_from(tuple(DEFECTS))


@st.composite
def malformed_documents(draw: st.DrawFn) -> Document:
    report = draw(_reports())
    data = report_to_data(report)
    name = draw(_DEFECT_NAMES)
    return Document(DEFECTS[name](draw, data), None, name)


_VALID: Final = valid_documents()
_MALFORMED: Final = malformed_documents()


def documents(*, valid: bool = True) -> st.SearchStrategy[Document]:
    r"""Raw JSON documents of the interchange format, for testing loaders.

    With ``valid=True``, a drawn report (consistent or not) written in one of the ways
    the format allows: text, UTF-8 bytes with or without a byte-order mark; any
    indentation, key order and white space around; ``\uXXXX`` escapes or not;
    decimals as strings or JSON numbers; blanks ``null`` or left out; codes with a final
    dot (``"6.3."``); no ``edition``; counts of up to 15 digits, the bound of a report.
    ``loads(document.data) == document.report``.

    With ``valid=False``, such a document with one defect (:data:`DEFECTS`): cut short,
    not UTF-8, not an object, a required field missing, a value of the wrong type, an
    unknown code, template or field, a huge number (``1e400``, 5,000 digits, a decimal of
    more than 100 characters, a value one past the bound of a report: 16 digits, or
    16 decimals), ``NaN`` or ``Infinity``, nesting 10,000 and 100,000 deep,
    a string of up to a million characters, a key given twice, two byte-order marks.
    Every loader must refuse it with :class:`~cchc_model.ReportFormatError`.

    Shrinks towards the first defect (cut short) of the smallest report.

    >>> import pytest
    >>> from hypothesis import given, settings
    >>> from cchc_model import ReportFormatError, loads
    >>> @settings(max_examples=5)
    ... @given(documents(valid=True), documents(valid=False))
    ... def test_loads(good, bad):
    ...     assert loads(good.data) == good.report
    ...     with pytest.raises(ReportFormatError):
    ...         loads(bad.data)
    >>> test_loads()
    """
    return _VALID if valid else _MALFORMED
