"""Vietnamese text: every parser reads what documents write, and every format/parse pair
inverts, on the shipped strategies of Vietnamese-formatted strings and of report values.

Examples per test: the profile's (50 locally, 300 in CI).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given

from cchc_model import Kind, Report, ReportInfo, strategies, vi
from cchc_model.strategies import Written
from cchc_model.vi import DocumentNumber, Period


def exponent(value: Decimal) -> int:
    exp = value.as_tuple().exponent
    assert isinstance(exp, int)
    return exp


def same(a: int | Decimal, b: int | Decimal) -> bool:
    """The same number written with the same decimals (``70.10`` is not ``70.1``)."""
    if a != b or type(a) is not type(b):
        return False
    return not isinstance(a, Decimal) or exponent(a) == exponent(b)  # type: ignore[arg-type]


@given(strategies.written_numbers())
def test_numbers(written: Written[int | Decimal]) -> None:
    value = vi.parse_number(written.text)
    assert same(value, written.value)
    assert same(vi.parse_number(vi.format_number(value)), value)


@given(strategies.written_percentages())
def test_percentages(written: Written[Decimal]) -> None:
    value = vi.parse_percent(written.text)
    assert same(value, written.value)
    assert same(vi.parse_percent(vi.format_percent(value)), value)


@given(strategies.written_amounts(), strategies.written_amounts("triệu đồng"))
def test_amounts(in_dong: Written[Decimal], in_millions: Written[Decimal]) -> None:
    assert vi.parse_money(in_dong.text) == in_dong.value
    value = vi.parse_money(in_millions.text, "triệu đồng")
    assert value == in_millions.value
    assert vi.parse_money(vi.format_money(value, "triệu đồng"), "triệu đồng") == value
    in_full = vi.format_money(value, "triệu đồng", to="đồng")  # a whole number of đồng
    assert vi.parse_money(in_full) == value * 1_000_000


@given(strategies.written_dates())
def test_dates(written: Written[dt.date]) -> None:
    date = vi.parse_date(written.text)
    assert date == written.value
    assert vi.parse_date(vi.format_admin_date(date)) == date
    assert vi.parse_date(vi.format_short_date(date)) == date


@given(strategies.written_periods())
def test_periods(written: Written[tuple[Period, int]]) -> None:
    period = vi.parse_period(written.text)
    assert period == written.value
    assert vi.parse_period(vi.format_period(*period)) == period


@given(strategies.written_document_numbers())
def test_document_numbers(written: Written[DocumentNumber]) -> None:
    document = vi.parse_document_number(written.text)
    assert document == written.value
    text = vi.format_document_number(document, prefix=True)
    assert vi.parse_document_number(text) == document


@given(strategies.place_names(), strategies.report_infos())
def test_place_and_date_of_a_report(place: str, info: ReportInfo) -> None:
    date = info.date or dt.date(info.year, 6, 10)
    assert vi.parse_place_date(vi.format_place_date(place, date)) == (place, date)


@given(strategies.reports(consistent=False))
def test_every_value_of_a_report_written_and_read_back(report: Report) -> None:
    # what a reporter writes and a reader reads: each cell in Vietnamese notation
    for row, value, _ in report.cells():
        if value is None:
            continue
        if row.kind is Kind.PERCENT:
            assert isinstance(value, Decimal)
            assert same(vi.parse_percent(vi.format_percent(value)), value)
        elif row.kind is Kind.MONEY:
            assert isinstance(value, Decimal)
            assert vi.parse_money(vi.format_money(value, "triệu đồng"), "triệu đồng") == value
        else:
            read = vi.parse_number(vi.format_number(value))
            assert read == value
