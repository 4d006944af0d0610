"""Wording plans word every finding as the wording before them did, word for word.

A finding's message is made from a plan kept per rule, language, template, edition,
level and last day of data (``_rules/findings.py``): its templates cut into text and
makers once, its expressions written with codes and compiled once. The reference is the
wording as it was before (``tests/wording_reference.py``, a verbatim copy); both must agree on
every finding of the shipped strategies (reports that break one rule, reports with any
value the types allow, the same finding worded again), in both languages, with and
without the titles. ``format_exact`` computes in integers, as it did with ``Fraction``.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

import wording_reference
from cchc_model import (
    AdminLevel,
    Finding,
    Kind,
    Period,
    Report,
    ReportInfo,
    RuleSet,
    builtin_rules,
    edition,
    loads_rules,
    strategies,
    validate,
)
from cchc_model._model.errors import Lang
from cchc_model._rules.messages import format_exact
from reports import report_of

RULES = builtin_rules()
WHOLE = (Kind.COUNT, Kind.CODE)


def agree(findings: tuple[Finding, ...]) -> None:
    for finding in findings:
        for lang in ("vi", "en"):
            for titles in (True, False):
                expected = wording_reference.message(finding, lang, titles=titles)
                assert finding.message(lang, titles=titles) == expected, finding
                assert finding.message(lang, titles=titles) == expected  # from the kept plan


REPORTS = st.one_of(
    strategies.violating().map(lambda violation: violation.report),
    strategies.reports(consistent=False),
)


@given(REPORTS)
def test_every_finding_is_worded_as_before(report: Report) -> None:
    agree(validate(report, rules=RULES).findings)


@given(strategies.violating())
def test_a_rule_alone_is_worded_as_before(violation: strategies.Violation) -> None:
    # another rule set: other rule objects, other plans
    agree(validate(violation.report, rules=RuleSet([violation.rule])).findings)


EVERY_PLACEHOLDER = loads_rules(
    """
[[rule]]
id = "X.every"
expr = "PL4:3.3 = PL4:3.3.2 / PL4:3.3.1 * 100"
message.vi = "{template}|{left}|{right}|{expected}|{rounded_note}|{level}|{levels}|{asked}|\
{codes_list}|{suggestion}|{expression}|{PL4:3.3}|{pl4:3.3.1.}"
message.en = "{expression}"

[[rule]]
id = "X.range"
expr = "min(PL8:5.2.1, PL8:5.2.2, PL8:5.2.3) <= PL8:5.2 <= max(PL8:5.2.1, PL8:5.2.2, PL8:5.2.3)"
message.en = "{left} | {right} | {expected}"

[[rule]]
id = "X.code"
expr = "PL8:2 in (0, 1)"
message.vi = "{left} {right} {codes_list}{suggestion} {expression}"

[[rule]]
id = "X.sum"
expr = "sum(PL5:1.1, PL5:1.2, PL5:1.3) <= 250 and not (PL5:1.1 = blank)"

[[rule]]
id = "X.empty"
expr = "PL2:2.2 <= PL2:2.1"
message.vi = ""
message.en = "no placeholder"
"""
)


@given(st.data())
def test_custom_messages_are_worded_as_before(data: st.DataObject) -> None:
    keys = ["PL4:3.3", "PL4:3.3.1", "PL4:3.3.2", "PL8:5.2", "PL8:5.2.1", "PL8:5.2.2"]
    keys += ["PL8:5.2.3", "PL8:2", "PL5:1.1", "PL5:1.2", "PL5:1.3", "PL2:2", "PL2:2.1", "PL2:2.2"]
    cells: dict[str, Decimal | int | None] = {}
    for key in keys:
        value = data.draw(
            st.none()
            | st.sampled_from((0, 1, 3, 19, 200))
            | st.decimals(
                -1, 300, places=data.draw(st.integers(0, 3)), allow_nan=False, allow_infinity=False
            )
        )
        tid, _, code = key.partition(":")
        if isinstance(value, Decimal) and edition().indicator(tid, code).kind in WHOLE:
            value = int(value)
        cells[key] = value
    level = data.draw(st.sampled_from(list(AdminLevel)))
    report = report_of(cells, level)
    if data.draw(st.booleans()):  # after the reform: other rows asked
        info = ReportInfo(agency="UBND thử nghiệm", level=level, period=Period.H2, year=2025)
        report = Report(info=info, templates=list(report.templates.values()))
    agree(validate(report, rules=EVERY_PLACEHOLDER).findings)


@given(st.fractions() | st.integers(), st.sampled_from(["vi", "en"]))
def test_exact_numbers_are_written_as_before(x: Fraction | int, lang: Lang) -> None:
    assert format_exact(x, lang) == wording_reference.format_exact(x, lang)
