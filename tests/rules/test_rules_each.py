"""Every built-in rule: a report where it holds, one where it fails, one where it is not evaluated.

Each rule is checked alone (``rules=RuleSet([rule])``), so that ``evaluated`` and
``skipped`` count that rule only; the failing report is also validated with every
built-in rule, to show the rule's finding is among the findings a user gets.
"""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817  # short, in tables of values

import attrs
import pytest

from cchc_model import (
    AdminLevel,
    Kind,
    Period,
    Report,
    RuleSet,
    Severity,
    builtin_rules,
    edition,
    validate,
)
from reports import Value, report_of

P, DEP, DI, C = AdminLevel.PROVINCE, AdminLevel.DEPARTMENT, AdminLevel.DISTRICT, AdminLevel.COMMUNE


@attrs.frozen
class Case:
    holds: dict[str, Value | None]
    fails: dict[str, Value | None]
    skipped: dict[str, Value | None]
    level: AdminLevel = C
    year: int = 2024
    """The year of the reports (on its second half after 2024: ``Period.H2``)."""

    def report(self, values: dict[str, Value | None]) -> Report:
        period = Period.H1 if self.year <= 2024 else Period.H2
        return report_of(values, self.level, period=period, year=self.year)


def ratio(rate: str, whole: str, part: str, level: AdminLevel = C) -> Case:
    """A ratio ``rate = part / whole × 100``: 3 of 4 is 75 %."""
    return Case(
        holds={rate: D(75), whole: 4, part: 3},
        # 2 of 4 is 50 %, not 75 %: a real mismatch, not a rounding
        fails={rate: D(75), whole: 4, part: 2},
        # 0 of 0: a ratio of nothing is not evaluated (units write 0, 100 or nothing)
        skipped={rate: D(75), whole: 0, part: 0},
        level=level,
    )


def part(small: str, big: str, level: AdminLevel = C) -> Case:
    """A part of a whole: at most the whole."""
    return Case(
        holds={small: 5, big: 5},
        fails={small: 6, big: 5},
        skipped={small: 6},  # the whole is blank: unknown
        level=level,
    )


CASES: dict[str, Case] = {
    "PL2.ratio.2": ratio("PL2:2", "PL2:2.1", "PL2:2.2"),
    "PL2.part.2.2": part("PL2:2.2", "PL2:2.1"),
    "PL2.ratio.3.3": ratio("PL2:3.3", "PL2:3.3.1", "PL2:3.3.2"),
    "PL2.part.3.3.2": part("PL2:3.3.2", "PL2:3.3.1"),
    "PL2.parts.5.1": Case(
        # 1 on time + 1 late + 1 overdue of 4 assigned (one not yet due)
        holds={"PL2:5.1": 4, "PL2:5.2": 1, "PL2:5.3": 1, "PL2:5.4": 1},
        fails={"PL2:5.1": 2, "PL2:5.2": 1, "PL2:5.3": 1, "PL2:5.4": 1},
        skipped={"PL2:5.1": 2, "PL2:5.2": 1, "PL2:5.3": 1},
    ),
    "PL2.parts.6.1": Case(
        holds={"PL2:6.1": 3, "PL2:6.2": 3, "PL2:6.3": 0, "PL2:6.4": 0},
        fails={"PL2:6.1": 0, "PL2:6.2": 0, "PL2:6.3": 0, "PL2:6.4": 1},
        skipped={"PL2:6.2": 0, "PL2:6.3": 0, "PL2:6.4": 1},
    ),
    "PL2.condition.7.1": Case(
        holds={"PL2:7": 0, "PL2:7.1": 0},
        fails={"PL2:7": 0, "PL2:7.1": 276},  # no survey, yet 276 forms
        skipped={"PL2:7": 1, "PL2:7.1": 276},  # a survey was held: the rule does not apply
    ),
    "PL2.condition.7.2": Case(
        # every cell written 0: a filled-in blank, not a survey method
        holds={"PL2:7": 0, "PL2:7.1": 0, "PL2:7.2": 0},
        fails={"PL2:7": 0, "PL2:7.2": 2},  # no survey, yet a combined survey
        skipped={"PL2:7.2": 2},  # 7 blank: unknown whether a survey was held
    ),
    "PL2.blank.7": Case(
        holds={"PL2:7": 1, "PL2:7.1": 276, "PL2:7.2": 2},  # as report 341/BC-UBND
        fails={"PL2:7": None, "PL2:7.1": 276, "PL2:7.2": 2},  # 276 forms, but 7 left blank
        skipped={"PL2:7": 1},  # neither forms nor a method given: nothing to check
    ),
    "PL2.condition.7": Case(
        holds={"PL2:7": 1, "PL2:7.1": 276},
        fails={"PL2:7": 1, "PL2:7.1": 0},
        skipped={"PL2:7": 1},  # the number of forms is blank
    ),
    "PL3.total.1": Case(
        # a commune totals only its own documents (1.3); 1.1 and 1.2 are not asked of it
        holds={"PL3:1": 2, "PL3:1.3": 2},
        fails={"PL3:1": 3, "PL3:1.3": 2},
        skipped={"PL3:1": 3},
    ),
    "PL3.ratio.2.2": ratio("PL3:2.2", "PL3:2.2.1", "PL3:2.2.2"),
    "PL3.part.2.2.2": part("PL3:2.2.2", "PL3:2.2.1"),
    "PL3.part.2.2.1": Case(
        # a district: the documents to handle are among those it checked
        holds={"PL3:2.1": 12, "PL3:2.2.1": 3},
        fails={"PL3:2.1": 2, "PL3:2.2.1": 3},
        skipped={"PL3:2.2.1": 3},
        level=DI,
    ),
    "PL3.part.3.2.1": Case(
        holds={"PL3:3.1": 40, "PL3:3.2.1": 5},
        fails={"PL3:3.1": 4, "PL3:3.2.1": 5},
        skipped={"PL3:3.1": 4},
        level=DI,
    ),
    "PL3.ratio.3.2": ratio("PL3:3.2", "PL3:3.2.1", "PL3:3.2.2"),
    "PL3.part.3.2.2": part("PL3:3.2.2", "PL3:3.2.1"),
    "PL4.total.1.4": Case(
        # a province totals its provincial, district and commune procedures
        holds={"PL4:1.4": 600, "PL4:1.4.1": 400, "PL4:1.4.2": 120, "PL4:1.4.3": 80},
        fails={"PL4:1.4": 600, "PL4:1.4.1": 400, "PL4:1.4.2": 120, "PL4:1.4.3": 81},
        skipped={"PL4:1.4": 600, "PL4:1.4.1": 400, "PL4:1.4.2": 120},
        level=P,
    ),
    "PL4.ratio.3.1": ratio("PL4:3.1", "PL4:3.1.1", "PL4:3.1.2", DEP),
    "PL4.part.3.1.2": part("PL4:3.1.2", "PL4:3.1.1", DEP),
    "PL4.ratio.3.2": ratio("PL4:3.2", "PL4:3.2.1", "PL4:3.2.2", DI),
    "PL4.part.3.2.2": part("PL4:3.2.2", "PL4:3.2.1", DI),
    "PL4.ratio.3.3": ratio("PL4:3.3", "PL4:3.3.1", "PL4:3.3.2"),
    "PL4.part.3.3.2": part("PL4:3.3.2", "PL4:3.3.1"),
    "PL4.ratio.3.4": ratio("PL4:3.4", "PL4:3.4.1", "PL4:3.4.2"),
    "PL4.part.3.4.2": part("PL4:3.4.2", "PL4:3.4.1"),
    "PL5.total.1.5": Case(
        # a district counts only its own public service units (1.5.3)
        holds={"PL5:1.5": 12, "PL5:1.5.3": 12},
        fails={"PL5:1.5": 12, "PL5:1.5.3": 11},
        skipped={"PL5:1.5": 12},
        level=DI,
    ),
    "PL5.parts.1.5": Case(
        # a province after 1 July 2025: the districts' units are now under the communes
        holds={"PL5:1.5": 950, "PL5:1.5.1": 40, "PL5:1.5.2": 310},
        fails={"PL5:1.5": 300, "PL5:1.5.1": 40, "PL5:1.5.2": 310},
        skipped={"PL5:1.5": 300, "PL5:1.5.1": 40},
        level=P,
        year=2026,
    ),
    "PL5.single.1.1": Case(
        holds={"PL5:1.1": D(100)},
        fails={"PL5:1.1": D(50)},  # one department cannot have half finished
        skipped={"PL5:1.2": D(50)},
        level=DEP,
    ),
    "PL5.single.1.2": Case(
        holds={"PL5:1.2": D(0)},
        fails={"PL5:1.2": D("87.5")},
        skipped={"PL5:1.1": D(50)},
        level=DI,
    ),
    "PL5.domain.1.5.4": Case(
        # more units than in 2015 (communes merged into wards with new units): -12.5 %
        holds={"PL5:1.5.4": D("-12.5")},
        fails={"PL5:1.5.4": D(101)},
        skipped={"PL5:1.5": 3},
    ),
    "PL5.domain.2.5": Case(
        holds={"PL5:2.5": D("-3.2")},  # posts added for a growing population
        fails={"PL5:2.5": D("100.5")},
        skipped={"PL5:2.1": 18},
    ),
    "PL5.domain.3.4": Case(
        holds={"PL5:3.4": D(-20)},  # teachers added since 2015
        fails={"PL5:3.4": D(120)},
        skipped={"PL5:3.1": 40},
    ),
    "PL5.cross.1.5": Case(
        holds={"PL5:1.5": 12, "PL7:2.1": 12},
        fails={"PL5:1.5": 12, "PL7:2.1": 13},
        skipped={"PL5:1.5": 12},  # PL7 not carried
    ),
    "PL5.plausible.2.2": Case(
        holds={"PL5:2.1": 18, "PL5:2.2": 18},
        fails={"PL5:2.1": 18, "PL5:2.2": 19},
        skipped={"PL5:2.2": 19},
    ),
    "PL5.plausible.3.2": Case(
        holds={"PL5:3.1": 40, "PL5:3.2": 38},
        fails={"PL5:3.1": 40, "PL5:3.2": 41},
        skipped={"PL5:3.1": 40},
    ),
    "PL6.cross.1.2": Case(
        holds={"PL6:1.2": 3, "PL5:1.5": 12},
        fails={"PL6:1.2": 13, "PL5:1.5": 12},
        skipped={"PL6:1.2": 13},
    ),
    "PL7.ratio.1": Case(
        # 3,887 of 3,887 triệu đồng is 100 %, within the precision of both amounts
        holds={"PL7:1": D(100), "PL7:1.1": D("3.887"), "PL7:1.2": D("3.887")},
        fails={"PL7:1": D(90), "PL7:1.1": D("3.887"), "PL7:1.2": D("3.887")},
        skipped={"PL7:1": D(100), "PL7:1.1": D(0), "PL7:1.2": D(0)},
    ),
    "PL7.domain.1": Case(
        # a disbursement above the plan (120 %) is possible; a negative one is not
        holds={"PL7:1": D(120)},
        fails={"PL7:1": D(-5)},
        skipped={"PL7:1.1": D(10)},
    ),
    "PL7.parts.2.1": Case(
        # 11 units, one of them new, its autonomy plan not yet approved: in no group
        holds={"PL7:2.1": 11, "PL7:2.2": 1, "PL7:2.3": 2, "PL7:2.4": 3, "PL7:2.5": 4},
        fails={"PL7:2.1": 9, "PL7:2.2": 1, "PL7:2.3": 2, "PL7:2.4": 3, "PL7:2.5": 4},
        skipped={"PL7:2.1": 9, "PL7:2.2": 1, "PL7:2.3": 2, "PL7:2.4": 3},
    ),
    "PL7.total.2.4": Case(
        holds={"PL7:2.4": 6, "PL7:2.4.1": 1, "PL7:2.4.2": 2, "PL7:2.4.3": 3},
        fails={"PL7:2.4": 5, "PL7:2.4.1": 1, "PL7:2.4.2": 2, "PL7:2.4.3": 3},
        skipped={"PL7:2.4": 5, "PL7:2.4.1": 1},
    ),
    "PL7.plausible.1.1": Case(
        # 0,887 cannot be a thousands separator slip (no one writes 0,887 for 887)
        holds={"PL7:1.1": D("0.887")},
        fails={"PL7:1.1": D("3.887")},  # report 341/BC-UBND: 3,887 or 3.887?
        skipped={"PL7:1.2": D("3.887")},
    ),
    "PL7.plausible.1.2": Case(
        holds={"PL7:1.2": D("1234.567")},  # 1234,567 cannot be 1,234,567 written so
        fails={"PL7:1.2": D("3.887")},
        skipped={"PL7:1.1": D("3.887")},
    ),
    "PL7.scale.1.1": Case(
        # report 341/BC-UBND: 3,887 triệu đồng; its body's 2.715.925.699 đồng copied into the row
        holds={"PL7:1.1": D("3.887")},
        fails={"PL7:1.1": D(2715925699)},
        skipped={"PL7:1.2": D(2715925699)},
    ),
    "PL7.scale.1.2": Case(
        holds={"PL7:1.2": D(1000000)},  # 1 000 tỷ đồng: the bound itself
        fails={"PL7:1.2": D("1000000.01")},
        skipped={"PL7:1.1": D(2715925699)},
    ),
    "PL7.nation.1.1": Case(
        # a province's plan of 80 000 tỷ đồng; the same in đồng
        holds={"PL7:1.1": D(80000000)},
        fails={"PL7:1.1": D(80000000000000)},
        skipped={"PL7:1.2": D(80000000000000)},
        level=P,
    ),
    "PL7.nation.1.2": Case(
        holds={"PL7:1.2": D(10000000000)},
        fails={"PL7:1.2": D(10000000001)},
        skipped={"PL7:1.1": D(80000000000000)},
        level=DI,
    ),
    "PL8.single.5.1.1": Case(
        holds={"PL8:5.1.1": D(100)},
        fails={"PL8:5.1.1": D("33.33")},
        skipped={"PL8:5.3.1": D(100)},
        level=DEP,
    ),
    "PL8.single.5.1.3": Case(
        holds={"PL8:5.1.3": D(100)},  # report 341/BC-UBND
        fails={"PL8:5.1.3": D(90)},
        skipped={"PL8:5.3.3": D(100)},
    ),
    "PL8.single.5.3.1": Case(
        holds={"PL8:5.3.1": D(0)},
        fails={"PL8:5.3.1": D("99.9")},
        skipped={"PL8:5.1.1": D(100)},
        level=DEP,
    ),
    "PL8.single.5.3.3": Case(
        holds={"PL8:5.3.3": D(100)},  # report 341/BC-UBND
        fails={"PL8:5.3.3": D(75)},
        skipped={"PL8:5.1.3": D(100)},
    ),
    "PL8.identity.5.2": Case(
        holds={"PL8:5.2": D(100), "PL8:5.2.3": D(100)},  # report 341/BC-UBND
        fails={"PL8:5.2": D(100), "PL8:5.2.3": D(95)},
        skipped={"PL8:5.2": D(100)},
    ),
    "PL8.range.5.2": Case(
        # a district: the rate of the locality lies between its districts' and communes'
        holds={"PL8:5.2": D(95), "PL8:5.2.2": D(100), "PL8:5.2.3": D(90)},
        fails={"PL8:5.2": D(85), "PL8:5.2.2": D(100), "PL8:5.2.3": D(90)},
        skipped={"PL8:5.2": D(85), "PL8:5.2.2": D(100)},
        level=DI,
    ),
    "PL8.ratio.6.1": ratio("PL8:6.1", "PL8:6.1.1", "PL8:6.1.2"),
    "PL8.part.6.1.2": part("PL8:6.1.2", "PL8:6.1.1"),
    "PL8.part.6.1.3": part("PL8:6.1.3", "PL8:6.1.2"),
    "PL8.ratio.6.2": ratio("PL8:6.2", "PL8:6.2.1", "PL8:6.2.2"),
    "PL8.part.6.2.2": part("PL8:6.2.2", "PL8:6.2.1"),
    "PL8.part.6.2.3": part("PL8:6.2.3", "PL8:6.2.2"),
    "PL8.ratio.6.3": ratio("PL8:6.3", "PL8:6.3.1", "PL8:6.3.2"),
    "PL8.part.6.3.2": part("PL8:6.3.2", "PL8:6.3.1"),
    "PL8.identity.6.3.1": Case(
        holds={"PL8:6.3.1": 128, "PL8:6.1.2": 79, "PL8:6.2.2": 49},
        fails={"PL8:6.3.1": 130, "PL8:6.1.2": 79, "PL8:6.2.2": 49},
        skipped={"PL8:6.3.1": 130, "PL8:6.1.2": 79},
    ),
    "PL8.ratio.6.4": ratio("PL8:6.4", "PL8:6.4.1", "PL8:6.4.2"),
    "PL8.part.6.4.2": part("PL8:6.4.2", "PL8:6.4.1"),
    "PL8.condition.6.4.2": Case(
        holds={"PL8:6.1.3": 6, "PL8:6.2.3": 2, "PL8:6.4.2": 197},
        # 8 procedures had online dossiers, but only 5 dossiers came online
        fails={"PL8:6.1.3": 6, "PL8:6.2.3": 2, "PL8:6.4.2": 5},
        skipped={"PL8:6.1.3": 6, "PL8:6.4.2": 5},
    ),
    "PL8.condition.6.1.3": Case(
        holds={"PL8:6.4.2": 197, "PL8:6.1.3": 6, "PL8:6.2.3": 2},
        fails={"PL8:6.4.2": 197, "PL8:6.1.3": 0, "PL8:6.2.3": 0},
        skipped={"PL8:6.4.2": 0, "PL8:6.1.3": 0, "PL8:6.2.3": 0},  # nothing online: n/a
    ),
    "PL8.ratio.6.5": ratio("PL8:6.5", "PL8:6.5.1", "PL8:6.5.2"),
    "PL8.part.6.5.2": part("PL8:6.5.2", "PL8:6.5.1"),
    "PL8.cross.6.5.2": Case(
        holds={"PL8:6.5.2": 29, "PL8:6.3.1": 128},  # report 341/BC-UBND
        fails={"PL8:6.5.2": 29, "PL8:6.3.1": 20},  # payment online for procedures not online
        skipped={"PL8:6.5.2": 29},
    ),
    "PL8.cross.6.3.1": Case(
        holds={"PL8:6.3.1": 128, "PL4:1.4": 137},
        fails={"PL8:6.3.1": 140, "PL4:1.4": 137},
        skipped={"PL8:6.3.1": 140},
    ),
    "PL4.part.2.1": Case(
        holds={"PL4:2.1": 87, "PL4:1.4": 137},
        fails={"PL4:2.1": 140, "PL4:1.4": 137},
        skipped={"PL4:2.1": 140},
    ),
    "PL4.part.2.2": Case(
        holds={"PL4:2.2": 87, "PL4:1.4": 137},
        fails={"PL4:2.2": 140, "PL4:1.4": 137},
        skipped={"PL4:2.2": 140},
    ),
    "PL4.part.2.3": Case(
        holds={"PL4:2.3": 87, "PL4:1.4": 137},
        fails={"PL4:2.3": 140, "PL4:1.4": 137},
        skipped={"PL4:2.3": 140},
    ),
    "PL8.cross.6.1.2": Case(
        holds={"PL8:6.1.2": 79, "PL8:6.2.2": 49, "PL4:1.4": 137},
        fails={"PL8:6.1.2": 100, "PL8:6.2.2": 49, "PL4:1.4": 137},
        skipped={"PL8:6.1.2": 100, "PL8:6.2.2": 49},
    ),
    "PL8.cross.6.1.1": Case(
        holds={"PL8:6.1.1": 79, "PL8:6.2.1": 49, "PL4:1.4": 137},
        fails={"PL8:6.1.1": 89, "PL8:6.2.1": 49, "PL4:1.4": 137},
        skipped={"PL8:6.1.1": 89, "PL4:1.4": 137},
    ),
    "PL8.cross.6.5.1": Case(
        holds={"PL8:6.5.1": 29, "PL4:1.4": 137},
        fails={"PL8:6.5.1": 138, "PL4:1.4": 137},
        skipped={"PL4:1.4": 137},
    ),
}

RULES = builtin_rules()
GENERATED = [r.id for r in RULES if r.kind in ("domain", "level") and r.id not in CASES]


def _alone(rule_id: str) -> RuleSet:
    return RuleSet([RULES[rule_id]])


def test_every_rule_is_covered() -> None:
    assert set(RULES.ids) == set(CASES) | set(GENERATED)
    rows = [row for row in edition().indicators() if not row.is_heading]
    # one domain rule per row, but the 4 the rule file replaces (PL7 1, PL5 1.5.4, 2.5, 3.4)
    assert len(DOMAIN) == len(rows) - 4
    # one level rule per row not asked of every level, or not of every period
    assert len(LEVEL) == len([r for r in rows if len(r.levels) < 4 or r.until is not None])
    assert len(GENERATED) == len(DOMAIN) + len(LEVEL)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_holds(rule_id: str) -> None:
    case = CASES[rule_id]
    result = validate(case.report(case.holds), rules=_alone(rule_id))
    assert (result.evaluated, result.findings) == (1, ())


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_fails(rule_id: str) -> None:
    case = CASES[rule_id]
    report = case.report(case.fails)
    result = validate(report, rules=_alone(rule_id))
    assert result.evaluated == 1
    (finding,) = result.findings
    rule = RULES[rule_id]
    assert (finding.rule, finding.severity, finding.truncated) == (rule_id, rule.severity, False)
    # the finding names exactly the rows read: those of its template by code, others in full
    named = {k.partition(":")[2] if k.startswith(f"{finding.template}:") else k for k in case.fails}
    assert set(finding.codes) | set(finding.other_codes) == named
    assert finding.message("vi")
    assert finding.message("en")
    assert rule_id in {f.rule for f in validate(report).findings}


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_not_evaluated(rule_id: str) -> None:
    case = CASES[rule_id]
    result = validate(case.report(case.skipped), rules=_alone(rule_id))
    assert (result.evaluated, result.skipped, result.findings) == (0, 1, ())


# --- the rules generated from the catalog ----------------------------------------------

_GOOD: dict[Kind, Value] = {Kind.COUNT: 7, Kind.PERCENT: D("50.5"), Kind.MONEY: D("12.5")}
_BAD: dict[Kind, Value] = {Kind.COUNT: -1, Kind.PERCENT: D("100.01"), Kind.MONEY: D("-0.5")}


def _row(rule_id: str) -> tuple[str, str]:
    ref = RULES[rule_id].references[0]
    return ref.template, ref.code


def _asked_level(rule_id: str) -> AdminLevel:
    row = edition().indicator(*_row(rule_id))
    return next(level for level in AdminLevel if row.applies_to(level))


def _not_asked_level(rule_id: str) -> AdminLevel:
    row = edition().indicator(*_row(rule_id))
    return next(level for level in AdminLevel if not row.applies_to(level))


def _good(rule_id: str) -> Value:
    row = edition().indicator(*_row(rule_id))
    if row.code_list is not None:
        return int(max(row.code_list))
    assert row.kind is not None
    return _GOOD[row.kind]


DOMAIN = [i for i in GENERATED if ".domain." in i]
LEVEL = [i for i in GENERATED if ".level." in i]


@pytest.mark.parametrize("rule_id", DOMAIN)
def test_domain_holds(rule_id: str) -> None:
    tid, code = _row(rule_id)
    report = report_of({f"{tid}:{code}": _good(rule_id)}, _asked_level(rule_id))
    assert validate(report, rules=_alone(rule_id)).summary()["evaluated"] == 1
    assert not validate(report, rules=_alone(rule_id)).findings


@pytest.mark.parametrize("rule_id", DOMAIN)
def test_domain_fails(rule_id: str) -> None:
    tid, code = _row(rule_id)
    row = edition().indicator(tid, code)
    assert row.kind is not None
    bad: Value = int(max(row.code_list)) + 1 if row.code_list else _BAD[row.kind]
    result = validate(
        report_of({f"{tid}:{code}": bad}, _asked_level(rule_id)), rules=_alone(rule_id)
    )
    (finding,) = result.findings
    assert (finding.rule, finding.severity, finding.codes) == (rule_id, Severity.ERROR, (code,))


@pytest.mark.parametrize("rule_id", DOMAIN)
def test_domain_not_evaluated(rule_id: str) -> None:
    tid, _ = _row(rule_id)
    result = validate(report_of({}, _asked_level(rule_id), templates=(tid,)), rules=_alone(rule_id))
    assert (result.evaluated, result.skipped) == (0, 1)


@pytest.mark.parametrize("rule_id", LEVEL)
def test_level_holds(rule_id: str) -> None:
    tid, _ = _row(rule_id)
    report = report_of({}, _not_asked_level(rule_id), templates=(tid,))
    result = validate(report, rules=_alone(rule_id))
    assert (result.evaluated, result.findings) == (1, ())


@pytest.mark.parametrize("rule_id", LEVEL)
def test_level_fails(rule_id: str) -> None:
    tid, code = _row(rule_id)
    level = _not_asked_level(rule_id)
    result = validate(report_of({f"{tid}:{code}": _good(rule_id)}, level), rules=_alone(rule_id))
    (finding,) = result.findings
    assert (finding.rule, finding.severity, finding.codes) == (rule_id, Severity.WARNING, (code,))
    assert level.label in finding.message("vi")


@pytest.mark.parametrize("rule_id", LEVEL)
def test_level_not_evaluated(rule_id: str) -> None:
    tid, code = _row(rule_id)
    # at a level that is asked the row, a value there is expected: nothing to check
    asked = report_of({f"{tid}:{code}": _good(rule_id)}, _asked_level(rule_id))
    assert validate(asked, rules=_alone(rule_id)).evaluated == 0
    # nor when the report does not carry the template
    absent = report_of({}, _not_asked_level(rule_id))
    assert validate(absent, rules=_alone(rule_id)).evaluated == 0
