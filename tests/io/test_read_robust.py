"""Junk in, a clear error out: the readers never fail in another way."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_model import Problem, ReportFormatError, ValueTypeError, dumps, example, read, render

FORMATS = ("json", "csv", "xlsx", "text", "docx", "html", None)


def _read_or_refuse(data: bytes, form: str | None) -> None:
    """Read ``data``; a refusal must list its problems, each with a place and both languages."""
    problems: tuple[Problem, ...] = ()
    try:
        read(data, form)  # type: ignore[arg-type]
    except ReportFormatError as exc:
        problems = exc.problems or (Problem("", "", ""),)
    assert all(p.path and p.en and p.vi for p in problems)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300), st.sampled_from(FORMATS))
def test_random_bytes(data: bytes, form: str | None) -> None:
    _read_or_refuse(data, form)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200), st.sampled_from(("csv", "text", None)))
def test_random_text(text: str, form: str | None) -> None:
    _read_or_refuse(text.encode("utf-8", "surrogatepass"), form)


GOOD = {
    "csv": render(example(), "csv").encode("utf-8"),
    "xlsx": render(example(), "xlsx"),  # made once: its timestamps change its bytes
    "json": dumps(example()).encode("utf-8"),
}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_damaged_files(data: st.DataObject) -> None:
    form = data.draw(st.sampled_from(sorted(GOOD)))
    raw = GOOD[form]
    start = data.draw(st.integers(0, len(raw) - 1))
    length = data.draw(st.integers(1, 64))
    junk = data.draw(st.binary(min_size=1, max_size=64))
    _read_or_refuse(raw[:start] + junk + raw[start + length :], form)


@pytest.mark.parametrize("junk", [None, 42, 3.5, ["a"], {"a": 1}, object()])
def test_junk_arguments(junk: object) -> None:
    with pytest.raises(ValueTypeError):
        read(junk)  # type: ignore[arg-type]
    with pytest.raises(ValueTypeError):
        render(junk)  # type: ignore[call-overload]
    if junk is not None:  # None is "from the content"
        with pytest.raises(ValueTypeError):
            read(b"", junk)  # type: ignore[arg-type]
