"""Round trips through the JSON interchange format, for every kind of generated report.

``loads(dumps(r)) == r`` for consistent reports, reports that break rules (anything the
types allow) and reports breaking exactly one rule; the text written the second time is
the same, so no written digit is lost (``Report`` equality compares numbers, and
``70.10 == 70.1``). Examples per test: the Hypothesis profile's (50, or 300 in CI).
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from hypothesis import given

from cchc_model import Report, dump, dumps, load, loads, make_converter, strategies
from cchc_model._io.interchange import report_from_data, report_to_data


def assert_round_trip(report: Report) -> None:
    text = dumps(report)
    back = loads(text)
    assert back == report
    assert dumps(back) == text  # every digit and note as written


@given(strategies.reports())
def test_consistent_reports(report: Report) -> None:
    assert_round_trip(report)


@given(strategies.reports(consistent=False))
def test_reports_that_break_rules(report: Report) -> None:
    assert_round_trip(report)


@given(strategies.violating())
def test_reports_breaking_one_rule(violation: strategies.Violation) -> None:
    assert_round_trip(violation.report)


@given(strategies.reports(consistent=False))
def test_the_converter_and_plain_data(report: Report) -> None:
    converter = make_converter()
    assert converter.structure(converter.unstructure(report), Report) == report
    assert report_from_data(report_to_data(report)) == report


@given(strategies.reports(consistent=False))
def test_files_text_and_binary(report: Report) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "report.json")
        dump(report, path)
        assert load(path) == report
        assert load(str(path)) == report
    binary = io.BytesIO()
    dump(report, binary)
    assert load(io.BytesIO(binary.getvalue())) == report
    text = io.StringIO()
    dump(report, text)
    assert load(io.StringIO(text.getvalue())) == report


@given(strategies.documents())
def test_every_valid_document_loads_to_its_report(document: strategies.Document) -> None:
    report = loads(document.data)
    assert report == document.report
    assert_round_trip(report)
