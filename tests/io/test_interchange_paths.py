"""Every way ``loads`` reads a document gives the same report, or the same error.

``loads`` reads most documents by a fast path: decoded into plain dicts by msgspec (the
``fast`` extra) or the standard library when their keys can be counted in their text,
else into pairs; the thorough path, which reads through cattrs and collects every
problem, is the authority. Each fast path must give the thorough path's report, and give
up (``None``) on a document the thorough path refuses.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import cchc_model
from cchc_model import Report, ReportFormatError, dumps, loads
from cchc_model._io import interchange as ic
from cchc_model.strategies import documents, reports
from cchc_model.strategies._documents import Document

msgspec = pytest.importorskip("msgspec", reason="the accelerated decoder is the fast extra")


def _thorough(data: str | bytes) -> Report | ReportFormatError:
    try:
        text = ic._text(data, None)
        return ic._read_thoroughly(ic._decode(text, None), None)
    except ReportFormatError as exc:
        return exc


def _raw(data: str | bytes) -> bytes:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return raw.removeprefix(b"\xef\xbb\xbf")


def _fast_paths(data: str | bytes) -> dict[str, Report | None]:
    """What each fast path reads of ``data`` (``None``: it gives up)."""
    out: dict[str, Report | None] = {}
    raw = _raw(data)
    out["msgspec"] = ic._read_counted(
        raw, ic._keys_in(raw), ic._accelerated_decoder() or json.loads
    )
    try:
        text = ic._text(data, None)
    except ReportFormatError:
        return out  # not text: no other fast path sees it
    out["plain"] = ic._read_counted(text, ic._keys_in(text), ic._PLAIN.decode)
    out["pairs"] = ic._read_pairs(text)
    return out


@contextmanager
def _accelerated(*, on: bool) -> Iterator[None]:
    """``loads`` with the accelerated decoder at once, or never."""
    if on:
        with mock.patch.object(ic, "_read_count", ic._ACCELERATE_AFTER):
            yield
    else:
        with mock.patch.object(ic, "_accelerated_decoder", return_value=None):
            yield


def _outcome(data: str | bytes, *, accelerated: bool) -> Any:  # a report or an error
    with _accelerated(on=accelerated):
        try:
            return loads(data)
        except ReportFormatError as exc:
            return exc


def _same(a: object, b: object) -> bool:
    if isinstance(a, Report) and isinstance(b, Report):
        return a == b and dumps(a) == dumps(b)
    if isinstance(a, ReportFormatError) and isinstance(b, ReportFormatError):
        return str(a) == str(b) and a.problems == b.problems and a.message("vi") == b.message("vi")
    return False


_TWICE = (
    '{"format": "cchc-report", "version": 1, "report": {"agency": "UBND xã A",'
    ' "level": "commune", "period": "h1", "year": 2024},'
    ' "templates": {"PL4": {"values": {"1.1": 1, "1.1": 2}}}}'
)


@given(st.one_of(documents(valid=True), documents(valid=False)))
@example(Document(data=_TWICE, report=None, defect="a key given twice"))
@example(Document(data=_TWICE.replace('"1.1": 1, ', '"1.1": null, '), report=None))
def test_every_path_reads_what_the_thorough_path_reads(document: Document) -> None:
    data = document.data
    authority = _thorough(data)
    for path, report in _fast_paths(data).items():
        if isinstance(authority, ReportFormatError):
            assert report is None, path  # a fast path never reads what is refused
        elif report is not None:
            assert _same(report, authority), path
    assert _same(_outcome(data, accelerated=True), authority)
    assert _same(_outcome(data, accelerated=False), authority)


def test_a_key_given_twice_is_refused_on_every_path() -> None:
    for accelerated in (True, False):
        for data in (_TWICE, _TWICE.encode("utf-8")):
            outcome = _outcome(data, accelerated=accelerated)
            assert isinstance(outcome, ReportFormatError)
            assert "key given more than once" in str(outcome)


def test_the_counted_paths_read_documents_as_dumps_writes_them() -> None:
    from cchc_model import example  # noqa: PLC0415

    text = dumps(example())
    raw = text.encode("utf-8")
    assert ic._keys_in(raw) is not None  # no escape, every colon after a quote
    assert ic._read_counted(raw, ic._keys_in(raw), ic._accelerated_decoder() or json.loads)
    assert ic._read_counted(text, ic._keys_in(text), ic._PLAIN.decode) == example()


def test_keys_are_not_counted_where_a_colon_or_an_escape_could_mislead() -> None:
    assert ic._keys_in('{"a": "10:30"}') is None  # a colon inside a value
    assert ic._keys_in('{"a\\":": 1}') is None  # an escaped quote before a colon
    assert ic._keys_in('{"a" : 1}') is None  # white space before the colon
    assert ic._keys_in('{"a": {"b": 1}}') == 2


@given(
    reports(),
    st.sampled_from([None, 0, 1, 2, 4, "\t", " \t"]),
)
def test_dumps_writes_what_the_standard_library_writes(report: Report, indent: Any) -> None:
    # dumps indents without the standard library's (slow) Python encoder: same text
    from cchc_model._io.interchange import report_to_data  # noqa: PLC0415

    expected = json.dumps(report_to_data(report), ensure_ascii=False, indent=indent) + "\n"
    assert dumps(report, indent=indent) == expected


def test_text_with_a_lone_surrogate_is_refused_on_every_path() -> None:
    # encoding it for msgspec once raised UnicodeEncodeError, from the fifth document on
    text = dumps(cchc_model.example()).replace("UBND xã Hương Sơn", "UBND \ud800")
    for accelerated in (True, False):
        outcome = _outcome(text, accelerated=accelerated)
        assert isinstance(outcome, ReportFormatError)
        assert [p.path for p in outcome.problems] == ["$.report.agency"]


def test_templates_in_any_order_are_kept_in_the_order_of_the_form() -> None:
    data = json.loads(dumps(cchc_model.example()))
    data["templates"] = dict(reversed(data["templates"].items()))
    text = json.dumps(data, ensure_ascii=False)
    authority = _thorough(text)
    assert isinstance(authority, Report)
    assert list(authority.templates) == list(cchc_model.example().templates)
    for path, report in _fast_paths(text).items():
        assert report is not None, path
        assert _same(report, authority), path
        assert list(report.templates) == list(authority.templates), path
