"""How validation reads numbers, blanks, levels and tolerances, and what findings carry."""

from __future__ import annotations

import json
from decimal import Decimal as D  # noqa: N817  # short, in tables of values
from fractions import Fraction

import attrs
import pytest

from cchc_model import (
    AdminLevel,
    Interval,
    Rule,
    RuleSet,
    Severity,
    ValueTypeError,
    builtin_rules,
    example,
    validate,
)
from reports import Value, report_of

RULES = builtin_rules()


def _only(rule_id: str) -> RuleSet:
    return RuleSet([RULES[rule_id]])


# --- numbers as they are written --------------------------------------------------------


@pytest.mark.parametrize(
    ("rate", "outcome"),
    [
        # 15 / 19 × 100 = 78.947368…
        ("78.95", "holds"),  # rounded half-up to 2 decimals
        ("78.9", "holds"),  # to 1 decimal: [78.85, 78.95) holds 78.947…
        ("79", "holds"),  # to none: [78.5, 79.5)
        ("78.947", "holds"),
        ("78.94", "truncated"),  # [78.935, 78.945) misses it; [78.94, 78.95) holds it
        ("78.9473", "truncated"),
        ("78", "truncated"),  # rounded [77.5, 78.5) misses it; truncated [78, 79) holds it
        ("78.93", "error"),  # neither [78.925, 78.935) nor [78.93, 78.94)
        ("80", "error"),
    ],
)
def test_the_reference_ratio_as_written(rate: str, outcome: str) -> None:
    report = report_of({"PL2:2": D(rate), "PL2:2.1": 19, "PL2:2.2": 15})
    findings = validate(report, rules=_only("PL2.ratio.2")).findings
    if outcome == "holds":
        assert findings == ()
    else:
        (finding,) = findings
        assert finding.truncated is (outcome == "truncated")
        assert finding.severity is (Severity.WARNING if finding.truncated else Severity.ERROR)


def test_seventy_point_one() -> None:
    # PL8 6.4 = 70,1 with 197 of 281 dossiers online: 70.1067… lies in [70.05, 70.15)
    ok = report_of({"PL8:6.4": D("70.1"), "PL8:6.4.1": 281, "PL8:6.4.2": 197})
    assert validate(ok, rules=_only("PL8.ratio.6.4")).findings == ()
    # 70,2 does not, truncated or rounded
    off = report_of({"PL8:6.4": D("70.2"), "PL8:6.4.1": 281, "PL8:6.4.2": 197})
    (finding,) = validate(off, rules=_only("PL8.ratio.6.4")).findings
    assert not finding.truncated
    assert finding.message("vi", titles=False) == (
        "PL8 6.4 = 70,2 không khớp với 6.4.2 / 6.4.1 × 100 = 197 / 281 × 100 = 70,1067…"
        " (làm tròn đúng: 70,1)"
    )


def test_three_point_eight_eight_seven() -> None:
    # PL7 1 = 100 with 3,887 of 3,887: each amount stands for [3.8865, 3.8875), so the
    # ratio may be anything in (99.974…, 100.025…); 100 holds, and so would 99,98
    for rate in ("100", "99.98", "100.02"):
        report = report_of({"PL7:1": D(rate), "PL7:1.1": D("3.887"), "PL7:1.2": D("3.887")})
        assert validate(report, rules=_only("PL7.ratio.1")).findings == (), rate
    far = report_of({"PL7:1": D("99.9"), "PL7:1.1": D("3.887"), "PL7:1.2": D("3.887")})
    (finding,) = validate(far, rules=_only("PL7.ratio.1")).findings
    assert finding.expected is not None
    assert finding.expected.low < 100 < finding.expected.high  # the ratio's interval


def test_a_ratio_exactly_half_way_rounds_up() -> None:
    # 1 of 8 is 12.5 %: written without decimals it is 13 (half-up), and 12 is a truncation
    up = report_of({"PL2:2": D(13), "PL2:2.1": 8, "PL2:2.2": 1})
    assert validate(up, rules=_only("PL2.ratio.2")).findings == ()
    down = report_of({"PL2:2": D(12), "PL2:2.1": 8, "PL2:2.2": 1})
    (finding,) = validate(down, rules=_only("PL2.ratio.2")).findings
    assert finding.truncated


def test_a_truncation_never_makes_a_rule_more_severe() -> None:
    rule = Rule("X", "PL2:2 = PL2:2.2 / PL2:2.1 * 100", severity="info")
    report = report_of({"PL2:2": D("78.94"), "PL2:2.1": 19, "PL2:2.2": 15})
    (finding,) = validate(report, rules=RuleSet([rule])).findings
    assert (finding.truncated, finding.severity) == (True, Severity.INFO)


def test_counts_are_exact() -> None:
    # no interval for counts: 137 is not 136
    report = report_of({"PL4:1.4": 136, "PL4:1.4.3": 137})
    (finding,) = validate(report, rules=_only("PL4.total.1.4")).findings
    assert finding.expected == Interval(137, 137)


# --- blanks, division by zero, levels, absent templates -----------------------------------


def test_division_by_zero_is_not_evaluated() -> None:
    report = report_of({"PL4:3.4": D(100), "PL4:3.4.1": 0, "PL4:3.4.2": 0})
    result = validate(report, rules=_only("PL4.ratio.3.4"))
    assert (result.evaluated, result.skipped) == (0, 1)


def test_a_total_sums_the_children_asked_at_the_level() -> None:
    values = {"PL4:1.4": 137, "PL4:1.4.3": 137}
    # a commune is asked 1.4.3 only: 137 = 137
    assert validate(report_of(values), rules=_only("PL4.total.1.4")).findings == ()
    # a province is asked all three: 1.4.1 and 1.4.2 blank, so the total is unknown
    province = validate(report_of(values, AdminLevel.PROVINCE), rules=_only("PL4.total.1.4"))
    assert (province.evaluated, province.skipped) == (0, 1)


def test_a_total_with_no_child_asked_is_not_evaluated() -> None:
    # a commune has none of PL5 1.5.1–1.5.3: its 1.5 is not a sum of anything asked
    result = validate(report_of({"PL5:1.5": 3}), rules=_only("PL5.total.1.5"))
    assert (result.evaluated, result.skipped) == (0, 1)


def test_a_value_in_a_row_not_asked_is_a_warning_and_not_summed() -> None:
    report = report_of({"PL4:1.4": 137, "PL4:1.4.1": 5, "PL4:1.4.3": 137})
    findings = validate(report).findings
    assert [(f.rule, f.severity) for f in findings] == [("PL4.level.1.4.1", Severity.WARNING)]
    assert findings[0].message("en", titles=False) == (
        "PL4 1.4.1 = 5: this row applies only to province and department reports, not to a"
        " commune report; leave it blank"
    )
    assert findings[0].message("vi", titles=False) == (
        "PL4 1.4.1 = 5: chỉ tiêu này chỉ áp dụng đối với báo cáo của cấp tỉnh và sở, ngành,"
        " không áp dụng đối với báo cáo cấp xã; đề nghị để trống"
    )


def test_blanks_as_zero_when_a_rule_says_so() -> None:
    rule = Rule("X", "PL7:2.1 = PL7:2.2 + PL7:2.3 + PL7:2.4 + PL7:2.5", blanks="zero")
    holds = report_of({"PL7:2.1": 3, "PL7:2.2": 3})
    assert validate(holds, rules=RuleSet([rule])).summary()["evaluated"] == 1
    assert validate(holds, rules=RuleSet([rule])).findings == ()
    fails = report_of({"PL7:2.1": 3, "PL7:2.2": 2})
    assert len(validate(fails, rules=RuleSet([rule])).findings) == 1
    # the built-in rule, which skips blanks, is not evaluated
    assert validate(fails, rules=_only("PL7.parts.2.1")).evaluated == 0


def test_an_absent_template_is_not_checked() -> None:
    report = report_of({"PL8:6.3.1": 200})  # no PL4
    result = validate(report, rules=_only("PL8.cross.6.3.1"))
    assert (result.evaluated, result.skipped) == (0, 1)


def test_rules_of_another_level_or_edition_are_skipped() -> None:
    rule = Rule("X", "PL2:1 >= 100", levels=["province"])
    report = report_of({"PL2:1": 1})
    assert validate(report, rules=[rule]).skipped == 1
    assert len(validate(report_of({"PL2:1": 1}, AdminLevel.PROVINCE), rules=[rule]).findings) == 1


# --- tolerances ----------------------------------------------------------------------------


def test_absolute_and_relative_tolerance() -> None:
    report = report_of({"PL5:2.1": 100, "PL5:2.2": 103})
    strict = Rule("X", "PL5:2.2 <= PL5:2.1")
    loose = Rule("X", "PL5:2.2 <= PL5:2.1", tolerance={"abs": 3})
    relative = Rule("X", "PL5:2.2 <= PL5:2.1", tolerance={"rel": "0.02"})
    assert len(validate(report, rules=[strict]).findings) == 1
    assert validate(report, rules=[loose]).findings == ()
    assert len(validate(report, rules=[relative]).findings) == 1  # 2 % of 100 is 2 < 3
    chain = Rule("X", "PL5:2.2 <= PL5:2.1 <= PL5:2.2", tolerance={"rel": "0.03"})
    assert validate(report, rules=[chain]).findings == ()


def test_expressions_with_every_operation() -> None:
    report = report_of({"PL2:1": 13, "PL2:2.1": 19, "PL2:2.2": 15, "PL2:2": D("78.95")})
    holding = [
        "PL2:1 - PL2:2.1 = -6",
        "-PL2:1 < 0",
        "abs(PL2:1 - PL2:2.1) = 6",
        "abs(PL2:2 - 100) > 21",
        "abs(PL2:2 - 78.95) = 0",
        "min(PL2:1, PL2:2.1) = 13 and max(PL2:1, PL2:2.1) = 19",
        "sum(PL2:1, PL2:2.1) = 32",
        "PL2:2 in (78.95, 100)",
        "not PL2:1 = 0",
        "PL2:1 = 0 or PL2:1 = 13",
        "PL2:1 != 14",
        "decimals(PL2:2) = 2 and decimals(PL2:1) = 0",
        "PL2:2.2 * 100 / PL2:2.1 >= 78.9",
        "100 * PL2:2.2 / PL2:2.1 = PL2:2",
        "PL2:2 = PL2:2.2 / PL2:2.1 * 100",
        "PL2:2 / 100 * PL2:2.1 = PL2:2.2",
        "PL2:1 != blank",
    ]
    for text in holding:
        result = validate(report, rules=[Rule("X", text)])
        assert (result.evaluated, result.findings) == (1, ()), text
        negated = validate(report, rules=[Rule("X", f"not ({text})")])
        assert len(negated.findings) == 1, text


def test_unknown_in_conditions() -> None:
    report = report_of({"PL2:1": 13})
    # or: one side true decides; and: one side false decides; otherwise unknown
    assert validate(report, rules=[Rule("X", "PL2:1 = 13 or PL2:2.1 = 1")]).evaluated == 1
    assert validate(report, rules=[Rule("X", "PL2:1 = 0 and PL2:2.1 = 1")]).evaluated == 1
    assert validate(report, rules=[Rule("X", "PL2:1 = 0 or PL2:2.1 = 1")]).evaluated == 0
    assert validate(report, rules=[Rule("X", "not PL2:2.1 = 1")]).evaluated == 0
    # a row not asked at the level is unknown outside sum/min/max
    assert validate(report, rules=[Rule("X", "PL2:1 >= PL2:3.1")]).evaluated == 0


# --- findings and results -------------------------------------------------------------------


def test_a_finding_is_an_immutable_value() -> None:
    finding = validate(example()).findings[0]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        finding.rule = "other"  # type: ignore[misc]
    assert finding == validate(example()).findings[0]
    assert hash(finding) == hash(validate(example()).findings[0])


def test_a_cross_template_finding() -> None:
    report = report_of({"PL8:6.3.1": 140, "PL4:1.4": 137})
    (finding,) = validate(report, rules=_only("PL8.cross.6.3.1")).findings
    assert (finding.template, finding.codes, finding.other_codes) == (
        "PL8",
        ("6.3.1",),
        ("PL4:1.4",),
    )
    assert finding.values == {"6.3.1": 140, "PL4:1.4": 137}
    assert finding.message("vi", titles=False) == "PL8 6.3.1 = 140 lớn hơn PL4 1.4 = 137"
    assert finding.message("en", titles=False) == "PL8 6.3.1 = 140 is greater than PL4 1.4 = 137"


def test_messages_of_each_kind() -> None:
    cases: dict[str, tuple[dict[str, Value], str]] = {
        "PL4.total.1.4": (
            {"PL4:1.4": 136, "PL4:1.4.3": 137},
            "PL4 1.4 = 136 khác tổng các chỉ tiêu thành phần 1.4.3 = 137",
        ),
        "PL8.identity.6.3.1": (
            {"PL8:6.3.1": 130, "PL8:6.1.2": 79, "PL8:6.2.2": 49},
            "PL8 6.3.1 = 130 khác 6.1.2 + 6.2.2 = 79 + 49 = 128",
        ),
        "PL2.parts.5.1": (
            {"PL2:5.1": 2, "PL2:5.2": 1, "PL2:5.3": 1, "PL2:5.4": 1},
            (
                "PL2 5.2 + 5.3 + 5.4 = 1 + 1 + 1 = 3 vượt 5.1 = 2; nếu 5.4 gồm cả nhiệm vụ quá"
                " hạn được giao từ các kỳ trước thì đề nghị đơn vị ghi rõ, nếu không thì kiểm"
                " tra lại số liệu"
            ),
        ),
        "PL2.domain.2": ({"PL2:2": D(120)}, "PL2 2 = 120: tỷ lệ phần trăm phải từ 0 đến 100"),
        "PL2.domain.1": ({"PL2:1": -3}, "PL2 1 = -3: số đếm không được âm"),
        "PL2.condition.7.1": (
            {"PL2:7": 0, "PL2:7.1": 276},
            "PL2 7 = 0 (không khảo sát sự hài lòng) nhưng có 276 phiếu khảo sát (7.1)",
        ),
        "PL8.identity.5.2": (
            {"PL8:5.2": D(85), "PL8:5.2.3": D(90)},
            "PL8 5.2 = 85 khác 5.2.3 = 90",
        ),
    }
    for rule_id, (values, message) in cases.items():
        (finding,) = validate(report_of(values), rules=_only(rule_id)).findings
        assert finding.message(titles=False) == message
    # a department is asked only the departments' rate among the parts
    ranged = report_of({"PL8:5.2": D(85), "PL8:5.2.1": D(90)}, AdminLevel.DEPARTMENT)
    (finding,) = validate(ranged, rules=_only("PL8.range.5.2")).findings
    assert finding.message(titles=False) == (
        "PL8 5.2 = 85 nằm ngoài khoảng tỷ lệ của các đơn vị thành phần 5.2.1 = 90"
    )


def test_default_messages_by_relation() -> None:
    report = report_of({"PL2:1": 13, "PL2:2.1": 19, "PL2:7": 1})
    expected = {
        "PL2:1 >= PL2:2.1": "PL2 1 = 13 is less than 2.1 = 19",
        "PL2:1 > PL2:2.1": "PL2 1 = 13 is not greater than 2.1 = 19",
        "PL2:2.1 < PL2:1": "PL2 2.1 = 19 is not less than 1 = 13",
        "PL2:1 != 13": "PL2 1 = 13 equals 13",
        "PL2:1 = 12": "PL2 1 = 13 differs from 12",
        "PL2:1 in (1, 2)": "PL2 1 = 13 is not one of (1, 2)",
        "PL2:1 = blank": "PL2 1 = 13 must be blank",
        "PL2:2.2 != blank": "PL2 2.2 = blank must not be blank",
        "PL2:1 = 0 and PL2:7 = 1": "PL2: the rule 1 = 0 and 7 = 1 does not hold",
        "if PL2:7 = 1 then (PL2:1 = 0 or PL2:2.1 = 0)": (
            "PL2: the rule if 7 = 1 then 1 = 0 or 2.1 = 0 does not hold"
        ),
        "not (PL2:1 = 13 or PL2:2.1 = 0)": "PL2: the rule not (1 = 13 or 2.1 = 0) does not hold",
    }
    for text, message in expected.items():
        (finding,) = validate(report, rules=[Rule("X", text)]).findings
        assert finding.message("en", titles=False) == message, text


def test_json_data() -> None:
    data = validate(example()).to_data("en")
    json.dumps(data)  # JSON-ready
    assert data["valid"] is False
    summary = data["summary"]
    result = validate(example())
    # the counts follow the rules (a new rule changes them): checked against the result
    assert (summary["evaluated"], summary["skipped"]) == (result.evaluated, result.skipped)
    assert summary["evaluated"] + summary["skipped"] == len(builtin_rules())
    by_severity = [f.severity.value for f in result.findings]
    assert summary["errors"] == by_severity.count("error") >= 1
    assert summary["warnings"] == by_severity.count("warning")
    assert summary["infos"] == by_severity.count("info")
    ratio = data["findings"][0]
    assert ratio == {
        "rule": "PL2.ratio.2",
        "severity": "warning",
        "template": "PL2",
        "codes": ["2", "2.1", "2.2"],
        "other_codes": [],
        "values": {"2": "78.94", "2.1": 19, "2.2": 15},
        "relation": "=",
        "expected": {
            "low": "78.947368",
            "high": "78.947369",
            "low_included": True,
            "high_included": True,
        },
        "truncated": True,
        "titles": {
            "2": "Tỷ lệ hoàn thành Kế hoạch CCHC năm (Lũy kế đến thời điểm báo cáo)",
            "2.1": "Số nhiệm vụ đề ra trong kế hoạch",
            "2.2": "Số nhiệm vụ đã hoàn thành",
        },
        "message": ratio["message"],
    }
    assert data["findings"][-1]["expected"] is None  # a code list has no interval


def test_text_output_groups_by_template() -> None:
    text = validate(example()).format("vi")
    lines = text.splitlines()
    assert lines[0] == "PL2"
    assert lines[1].startswith("  cảnh báo  PL2.ratio.2: PL2 2 = 78,94 chỉ khớp")
    assert lines[2] == "PL7"
    assert lines[5] == "PL8"
    assert lines[6].startswith("  lỗi       PL8.domain.2: PL8 2 = 3 không thuộc danh mục mã")
    assert lines[-1].startswith("1 lỗi, 1 cảnh báo, 2 lưu ý; đã kiểm tra 135 quy tắc")
    clean = validate(report_of({"PL2:1": 1})).format("en")
    assert clean.splitlines()[0] == "no findings"


def test_findings_are_in_form_order() -> None:
    report = report_of({"PL8:2": 7, "PL2:1": -1, "PL2:2": D(-1), "PL4:1.4": -2})
    assert [f.rule for f in validate(report).findings] == [
        "PL2.domain.1",
        "PL2.domain.2",
        "PL4.domain.1.4",
        "PL8.domain.2",
    ]


def test_rules_given_as_a_list_or_one_rule() -> None:
    rule = Rule("X", "PL2:1 >= 100")
    report = report_of({"PL2:1": 1})
    assert len(validate(report, rules=[rule]).findings) == 1
    assert len(validate(report, rules=rule).findings) == 1  # type: ignore[arg-type]


def test_not_a_report() -> None:
    with pytest.raises(ValueTypeError, match="expected a Report"):
        validate({"PL2": {}})  # type: ignore[arg-type]


def test_expected_of_a_range() -> None:
    (finding,) = validate(report_of({"PL2:2": D(120)}), rules=_only("PL2.domain.2")).findings
    assert finding.relation == "range"
    assert finding.expected == Interval(0, 100)
    rng = validate(
        report_of({"PL8:5.2": D(85), "PL8:5.2.1": D(90)}, AdminLevel.DEPARTMENT),
        rules=_only("PL8.range.5.2"),
    )
    assert rng.findings[0].expected == Interval(Fraction("89.5"), Fraction("90.5"), high_open=True)


def test_a_rate_written_with_many_digits_is_read_exactly() -> None:
    # 197 / 281 × 100 = 70.10676156583629893238434163701…: more digits than a Decimal
    # context keeps (28) must not turn a correct rate into a false error
    from decimal import Decimal  # noqa: PLC0415

    from cchc_model import DigitalGovernment, example, validate  # noqa: PLC0415

    rate = Decimal("70.1067615658362989323843416370")
    report = example().with_templates(
        DigitalGovernment(online_dossiers_rate=rate, received_dossiers=281, received_online=197)
    )
    assert not [f for f in validate(report).findings if f.template == "PL8"]


def test_rules_of_the_wrong_type_are_our_error() -> None:
    import pytest  # noqa: PLC0415

    from cchc_model import ValueTypeError, example, validate  # noqa: PLC0415

    with pytest.raises(ValueTypeError, match="rules"):
        validate(example(), rules=5)  # type: ignore[arg-type]
