"""Validation: check a report against a rule set and collect the findings.

>>> from cchc_model import example, validate
>>> result = validate(example())
>>> for finding in result.findings:
...     print(finding.severity.value, finding.rule)
warning PL2.ratio.2
info PL7.plausible.1.1
info PL7.plausible.1.2
error PL8.domain.2
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from .._model.catalog import Edition
from .._model.catalog import edition as get_edition
from .._model.errors import ValueTypeError
from .._model.frozen import FrozenMap
from .._model.period import Days
from .._model.public import publish
from .._model.report import Report
from .._model.template import Value
from .._model.units import AdminLevel
from . import interval as iv
from .engine import Entry, Plan, Templates, plan_for
from .findings import Finding, ValidationResult
from .rulesets import Rule, RuleSet, Severity, as_ruleset, compiled

__all__ = ["validate"]


def validate(report: Report, *, rules: RuleSet | Iterable[Rule] | None = None) -> ValidationResult:
    """Check ``report`` against ``rules`` and return every finding.

    Each rule is evaluated with the values as they were written: a decimal stands for
    the interval it was rounded from, and a rule holds when some choice of exact values
    in those intervals satisfies it. A rule that fails so but holds if the decimals had
    been truncated gives a warning saying so. A rule that reads a blank row, a row not
    asked at the report's level or period, or divides by zero is not evaluated (it is
    counted in ``skipped``).

    The rows asked, and the rules in force, follow the report's level and its period
    (the months it covers, :meth:`~cchc_model.Period.span`): since 1 July 2025 local
    government has two tiers, so a report on a period that starts later (*quý III năm
    2025*) is asked no row about districts; one that straddles the day (the year 2025)
    is asked them, for its first months, and its totals include them; a district report
    on a period that ends later is an error of its own (``report.level``).

    Args:
        report: The report.
        rules: The rules to check (default: :func:`builtin_rules` of the report's
            edition). Pass a :class:`RuleSet` you keep, so its compiled form is reused;
            add your own with ``builtin_rules() + load_rules(path)``.

    Returns:
        The findings, and how many rules were evaluated and skipped.

    Raises:
        ValueTypeError: ``report`` is not a :class:`~cchc_model.Report`.

    >>> from cchc_model import example
    >>> result = validate(example())
    >>> result.valid, result.summary()["errors"]
    (False, 1)
    >>> print(result.findings[-1].message())
    PL8 2 = 3 không thuộc danh mục mã (Chưa có = 0; 2 cấp = 1; 3 cấp = 2) — có phải là 2
    (3 cấp)? Chỉ tiêu: 2 “Xây dựng và vận hành Hệ thống họp trực tuyến”
    """
    if not isinstance(report, Report):
        raise ValueTypeError(
            template=None, code=None, attribute="report", expected="a Report", value=report
        )
    ruleset = as_ruleset(rules, report.edition)
    info = report.info
    level = info.level
    ed, plan, end, span, about_report = compiled(
        ruleset,
        ("validate", report.edition, level, info.period, info.year),
        lambda: _prepared(ruleset, report),
    )
    tpls: Templates = dict(report.templates.items())
    findings: list[Finding] = list(about_report)
    rounded = iv.ROUNDED
    evaluated = 0
    failed: list[Entry] = []
    entries: Iterable[Entry] = plan.entries
    if plan.rows is not None and plan.batch is not None and plan.sweep is not None:
        values, missing = plan.rows.read(tpls)
        evaluated, suspects = plan.batch.precheck(values, missing)
        if suspects:  # counted as evaluated by the batch
            failed += [entry for entry in suspects if entry.check(tpls, rounded) is False]
        confirmed, unconfirmed = plan.sweep.confirm(values)
        evaluated += confirmed
        entries = (*unconfirmed, *entries)
    for entry in entries:
        result = entry.check(tpls, rounded)
        if result is None:
            continue
        evaluated += 1
        if not result:
            failed.append(entry)
    for entry in failed:
        truncated = entry.reads_decimals and entry.check(tpls, iv.TRUNCATED) is True
        findings.append(_finding(entry, ed, level, (end, span), tpls, truncated=truncated))
    if len(findings) > 1:
        findings.sort(key=lambda f: _order(f, ed))
    return ValidationResult(tuple(findings), evaluated, plan.total - evaluated)


def _prepared(
    ruleset: RuleSet, report: Report
) -> tuple[Edition, Plan, dt.date, Days, tuple[Finding, ...]]:
    """What validating a report needs that its edition, level and period decide.

    The edition, the plan, the last day of the data, the months covered, and the
    findings about the report as a whole; kept with the rule set, as the plans are (by
    edition id), since every report of a batch has the same.
    """
    ed = get_edition(report.edition)
    end = report_end(report)
    span = report_span(report)
    plan = plan_for(ruleset, ed, report.info.level, span)
    return ed, plan, end, span, tuple(_report_findings(report, ed, end, span))


def report_end(report: Report) -> dt.date:
    """The last day of the report's data (its period's window, *thời gian chốt số liệu*).

    >>> from cchc_model import example
    >>> report_end(example())
    datetime.date(2024, 6, 14)
    """
    return report.info.period.window(report.info.year)[1]


def report_span(report: Report) -> Days:
    """The first and last day of the months the report's period covers.

    They decide the rows asked and the rules in force (:meth:`~cchc_model.Period.span`).

    >>> from cchc_model import example
    >>> report_span(example())
    (datetime.date(2024, 1, 1), datetime.date(2024, 6, 30))
    """
    return report.info.period.span(report.info.year)


def _report_findings(report: Report, ed: Edition, end: dt.date, span: Days) -> list[Finding]:
    """The findings about the report as a whole: a level that files no report for its period."""
    level = report.info.level
    if level.files_for(span):
        return []
    return [
        Finding(
            rule="report.level",
            severity=Severity.ERROR,
            template=None,
            codes=(),
            other_codes=(),
            values=FrozenMap(),
            relation=None,
            expected=None,
            truncated=False,
            level=level,
            definition=None,
            edition=ed.id,
            end=end,
            span=span,
        )
    ]


def _finding(
    entry: Entry,
    ed: Edition,
    level: AdminLevel,
    when: tuple[dt.date, Days],
    tpls: Templates,
    *,
    truncated: bool,
) -> Finding:
    rule = entry.rule
    values: dict[str, Value | None] = {}
    home = rule.template or ""
    for ref in entry.refs:
        tpl = tpls.get(ref.template)
        key = ref.code if ref.template == home else ref.key
        values[key] = None if tpl is None else getattr(tpl, ref.attribute)
    severity = rule.severity
    if truncated and severity is Severity.ERROR:
        severity = Severity.WARNING
    return Finding(
        rule=rule.id,
        severity=severity,
        template=home,
        codes=tuple(k for k in values if ":" not in k),
        other_codes=tuple(k for k in values if ":" in k),
        values=FrozenMap(values),
        relation=rule.relation,
        expected=entry.expected(tpls),
        truncated=truncated,
        level=level,
        definition=rule,
        edition=ed.id,
        end=when[0],
        span=when[1],
    )


def _order(finding: Finding, ed: Edition) -> tuple[Any, ...]:
    first = finding.codes[0] if finding.codes else ""
    return (
        0 if finding.template is None else ed.spec(finding.template).number,
        tuple(int(p) for p in first.split(".")) if first else (),
        [Severity.ERROR, Severity.WARNING, Severity.INFO].index(finding.severity),
        finding.rule,
    )


publish(globals())  # cchc_model.Name, not this module: see _model/public.py
