"""Deriving: filling the blanks the rules can compute."""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817  # short, in tables of values

import pytest
from hypothesis import given

from cchc_model import (
    AdminLevel,
    Report,
    Rule,
    RuleError,
    RuleSet,
    ValueTypeError,
    derive,
    example,
    validate,
)
from cchc_model.templates import Procedures
from reports import consistent_reports, report_of, values_of


def test_the_example() -> None:
    derived = derive(example())
    # PL3 1 = 1.3 at a commune: 0 documents; nothing else of the example can be computed
    # (PL4 3.4 is 0 of 0: not a ratio of anything)
    added = set(values_of(derived).items()) - set(values_of(example()).items())
    assert added == {("PL3:1", 0)}
    # reported values stay, even 78,94
    assert derived["PL2"]["2"] == D("78.94")


def test_overwrite_replaces_reported_values() -> None:
    derived = derive(example(), overwrite=True)
    assert derived["PL2"]["2"] == D("78.95")  # 15 / 19 × 100 = 78.947…, truncated as filed
    assert validate(derived).warnings == ()  # the truncation is gone


def test_overwrite_keeps_values_right_at_their_own_precision() -> None:
    derived = derive(example(), overwrite=True)
    assert str(derived["PL4"]["3.3"]) == "100"  # 276 / 276: right, so not made 100.00
    assert str(derived["PL8"]["6.4"]) == "70.1"  # 197 / 281 = 70.1067…: right to one place
    wrong = report_of({"PL2:2.1": 8, "PL2:2.2": 1, "PL2:2": D("12.6")})
    assert str(derive(wrong, overwrite=True)["PL2"]["2"]) == "12.50"  # 12.5 ≠ 12.6: replaced


def test_ratios_round_half_up_to_two_decimals() -> None:
    report = report_of({"PL2:2.1": 8, "PL2:2.2": 1, "PL8:6.4.1": 3, "PL8:6.4.2": 2})
    derived = derive(report)
    assert derived["PL2"]["2"] == D("12.50")
    assert derived["PL8"]["6.4"] == D("66.67")


def test_a_row_may_say_its_decimals() -> None:
    from cchc_model import edition  # noqa: PLC0415

    row = edition().indicator("PL2", "2")
    assert row.decimals is None  # no 2024 row says otherwise than 2


def test_totals_then_ratios_in_order() -> None:
    # 6.3.1 is computed from 6.1.2 + 6.2.2 first, then 6.3 from 6.3.2 / 6.3.1
    report = report_of({"PL8:6.1.2": 79, "PL8:6.2.2": 49, "PL8:6.3.2": 64})
    derived = derive(report)
    assert derived["PL8"]["6.3.1"] == 128
    assert derived["PL8"]["6.3"] == D("50.00")


def test_totals_sum_the_rows_asked_at_the_level() -> None:
    values = {"PL4:1.4.1": 400, "PL4:1.4.2": 120, "PL4:1.4.3": 80}
    province = derive(report_of(values, AdminLevel.PROVINCE))
    assert province["PL4"]["1.4"] == 600
    # at a commune only 1.4.3 is asked (the others would be level warnings)
    commune = derive(report_of({"PL4:1.4.3": 80}))
    assert commune["PL4"]["1.4"] == 80
    # with a child blank, the total is unknown and stays blank
    partial = derive(report_of({"PL4:1.4.1": 400, "PL4:1.4.2": 120}, AdminLevel.PROVINCE))
    assert partial["PL4"]["1.4"] is None


def test_rows_not_asked_and_templates_not_carried_are_left_alone() -> None:
    # PL4 3.1 is a department's row: not derived for a commune
    report = report_of({"PL4:3.1.1": 10, "PL4:3.1.2": 9})
    derived = derive(report)
    assert derived["PL4"]["3.1"] is None
    # PL5 1.5 = PL7 2.1 is an identity, not a derivation; PL7 is not carried anyway
    only_pl5 = report_of({"PL5:1.5.3": 4}, AdminLevel.DISTRICT)
    assert derive(only_pl5).pl7 is None


def test_no_change_returns_the_same_report() -> None:
    report = report_of({"PL2:1": 13})
    assert derive(report) is report


def test_notes_are_kept() -> None:
    report = Report(
        info=example().info,
        templates=[Procedures(commune_resolved=4, commune_on_time=3, notes={"3.3": "ghi chú"})],
    )
    derived = derive(report)
    assert derived["PL4"]["3.3"] == D("75.00")
    assert derived["PL4"].notes == {"3.3": "ghi chú"}


def test_a_count_is_filled_only_when_whole() -> None:
    rule = Rule("X", "PL2:2.2 = PL2:2.1 / 2", derive=True)
    odd = derive(report_of({"PL2:2.1": 19}), rules=[rule])
    assert odd["PL2"]["2.2"] is None
    even = derive(report_of({"PL2:2.1": 18}), rules=RuleSet([rule]))
    assert even["PL2"]["2.2"] == 9


def test_a_cycle_is_an_error() -> None:
    rules = [
        Rule("A", "PL2:2.1 = PL2:2.2 + 1", derive=True),
        Rule("B", "PL2:2.2 = PL2:2.1 - 1", derive=True),
    ]
    with pytest.raises(RuleError, match="cycle"):
        derive(report_of({"PL2:1": 1}), rules=rules)


def test_not_a_report() -> None:
    with pytest.raises(ValueTypeError):
        derive("report")  # type: ignore[arg-type]


@given(consistent_reports())
def test_derive_is_idempotent_and_stays_consistent(report: Report) -> None:
    derived = derive(report)
    assert derive(derived) == derived
    assert validate(derived).findings == ()
    # a reported value is never changed unless asked
    assert set(values_of(report).items()) <= set(values_of(derived).items())
    overwritten = derive(report, overwrite=True)
    assert derive(overwritten, overwrite=True) == overwritten
    assert validate(overwritten).findings == ()


@given(consistent_reports())
def test_overwrite_keeps_every_value_of_a_consistent_report_as_written(report: Report) -> None:
    # a value that validates is the computed one at the precision it was written with,
    # so --overwrite has nothing to replace: "100" stays "100", "70.1" stays "70.1"
    written = {key: str(value) for key, value in values_of(report).items()}
    after = {key: str(value) for key, value in values_of(derive(report, overwrite=True)).items()}
    assert written.items() <= after.items()


@given(consistent_reports(blanks=False))
def test_derive_restores_every_computed_row(report: Report) -> None:
    # blank every row a derive rule computes, then derive: each comes back within the
    # precision it was reported with (validation finds nothing); a total none of whose
    # parts is asked at the level (PL5 1.5 at a commune) cannot come back
    from cchc_model import builtin_rules, edition  # noqa: PLC0415
    from cchc_model._rules.engine import read_refs  # noqa: PLC0415

    level = report.info.level
    end = report.info.period.span(report.info.year)
    derivable = [r for r in builtin_rules() if r.derive]
    targets = {r.references[0].key for r in derivable}
    computable = {
        r.references[0].key
        for r in derivable
        if r.in_force(level, end) and len(read_refs(r, edition(), level, end)) > 1
    }
    values = values_of(report)
    stripped = report_of(
        {k: v for k, v in values.items() if k not in targets},
        report.info.level,
        templates=tuple(report.templates),
        period=report.info.period,
        year=report.info.year,
    )
    restored = derive(stripped)
    assert validate(restored).findings == ()
    restored_values = values_of(restored)
    for key in computable & set(values):
        assert key in restored_values, key


def test_derive_leaves_blank_what_would_fall_outside_the_rows_domain() -> None:
    # 200 online dossiers out of 100 received would give a rate of 200 %: the parts are
    # inconsistent, validation says so, and derive does not add a second, derived error
    from cchc_model import (  # noqa: PLC0415
        AdminLevel,
        DigitalGovernment,
        Direction,
        Period,
        Report,
        ReportInfo,
        derive,
        validate,
    )

    info = ReportInfo(agency="UBND xã A", level=AdminLevel.COMMUNE, period=Period.H1, year=2024)
    report = Report(
        info=info,
        templates=[
            DigitalGovernment(received_dossiers=100, received_online=200),
            Direction(plan_tasks=-4, plan_tasks_completed=1),
        ],
    )
    derived = derive(report)
    assert derived.value("PL8", "6.4") is None
    assert derived.value("PL2", "2") is None
    assert {f.rule for f in validate(derived).findings} == {
        f.rule for f in validate(report).findings
    }
