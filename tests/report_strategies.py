"""Hypothesis strategies for whole reports, for the round trips of the readers and writers.

Local to the tests until the package ships its own strategies. Values are built
valid by construction, each kind in its own way: counts are any integers (negative
and longer than Excel's 15 digits too), percentages and money are decimals with 0 to
6 written decimals (``Decimal("70.10")`` keeps its zero) and up to 19 digits, codes
are members of their list or integers outside it. Notes may start with ``=``, ``-``,
``+``, ``@``, an apostrophe, a tab or a carriage return, and hold any character but a
surrogate. Everything shrinks towards a report of no template with blank metadata.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from cchc_model import AdminLevel, Kind, Period, Report, ReportInfo, Template, dumps, edition
from cchc_model._model.template import Indicator

_FORMULA_STARTS = ("", "=", "-", "+", "@", "'", "\t", "\r", "=SUM(A1:A9)", "-1+2", "_x0041_")

texts = st.text(st.characters(codec="utf-8"), max_size=20)
"""Any text but lone surrogates (which no file format holds), shrinking to ``""``."""

notes = st.builds(
    lambda start, rest: start + rest,
    st.sampled_from(_FORMULA_STARTS),
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=20),
)
"""A note, often starting like a spreadsheet formula."""

counts = st.integers(-(10**20), 10**20)

decimals = st.builds(
    lambda mantissa, places: Decimal(mantissa).scaleb(-places),
    st.integers(-(10**19), 10**19),
    st.integers(0, 6),
)
"""A decimal as written: its exponent is the decimals written (``70.10`` has two)."""


def value_of(row: Indicator) -> st.SearchStrategy[Any]:
    """A value for ``row``: ``None`` (blank) or one of its kind."""
    kind = row.kind
    if kind is Kind.COUNT:
        filled: st.SearchStrategy[Any] = counts
    elif kind is Kind.CODE:
        assert row.code_list is not None
        filled = st.sampled_from(list(row.code_list)) | st.integers(-3, 99)
    else:
        filled = decimals
    return st.none() | filled


def template_of(cls: type[Template]) -> st.SearchStrategy[Template]:
    """An instance of ``cls``: any of its cells blank or filled, any rows with notes."""
    spec = cls.spec
    values = st.fixed_dictionaries(
        {}, optional={row.code: value_of(row) for row in spec.value_indicators}
    )
    row_notes = st.dictionaries(st.sampled_from(spec.codes), notes, max_size=4)
    return st.builds(cls.from_codes, values, row_notes)


def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


infos = st.builds(
    ReportInfo,
    agency=st.just("UBND xã Hương Sơn") | texts.map(lambda t: "UBND xã " + t),
    level=st.sampled_from(list(AdminLevel)),
    period=st.sampled_from(list(Period)),
    year=st.integers(1900, 9999),
    place=_optional(texts),
    number=_optional(st.sampled_from(["341/BC-UBND", "=1+1", "-5", "'x"]) | texts),
    date=_optional(st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31))),
    recipient=_optional(texts),
    signer=_optional(texts),
    signer_title=_optional(texts),
    unit_code=_optional(st.sampled_from(["19897", "00123"]) | texts),
    province=_optional(texts),
    district=_optional(texts),
)


@st.composite
def reports(draw: st.DrawFn) -> Report:
    """A report of the current edition carrying any subset of its templates."""
    classes = draw(st.lists(st.sampled_from(edition().classes), unique=True, max_size=7))
    templates = [draw(template_of(cls)) for cls in classes]
    return Report(info=draw(infos), templates=templates)


def canonical(report: Report) -> str:
    """The report as its JSON document: every written digit, blank, value and note.

    Notes are kept in the order of the form, so two equal reports give the same text.
    """
    return dumps(report)
