"""Validating the bundled example: what a careful reader of report 341/BC-UBND would report.

Exactly four findings, and nothing spurious. Each test gives the reasoning a reader of
the reference document (tests/data/huong-son-2024-h1-tables.md) would follow.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from cchc_model import (
    Finding,
    Interval,
    MeetingSystem,
    Severity,
    builtin_rules,
    example,
    validate,
)

RESULT = validate(example())


def _finding(rule: str) -> Finding:
    (finding,) = (f for f in RESULT.findings if f.rule == rule)
    return finding


def test_exactly_these_findings() -> None:
    assert [(f.rule, f.severity) for f in RESULT.findings] == [
        ("PL2.ratio.2", Severity.WARNING),
        ("PL7.plausible.1.1", Severity.INFO),
        ("PL7.plausible.1.2", Severity.INFO),
        ("PL8.domain.2", Severity.ERROR),
    ]
    assert not RESULT.valid  # PL8 2 = 3 is an error


def test_pl2_completion_rate_was_truncated() -> None:
    # 15 of 19 tasks done: 15 / 19 × 100 = 78.947368…, which rounds half-up to 78,95.
    # The report writes 78,94: that is the value cut after two decimals. As rounded,
    # 78,94 stands for [78.935, 78.945), which misses 78.947…; as truncated it stands for
    # [78.94, 78.95), which holds it. So: a warning that says so, not an error.
    finding = _finding("PL2.ratio.2")
    assert finding.truncated
    assert finding.values == {"2": Decimal("78.94"), "2.1": 19, "2.2": 15}
    assert finding.codes == ("2", "2.1", "2.2")
    assert finding.expected == Interval(Fraction(1500, 19), Fraction(1500, 19))
    assert finding.message("vi", titles=False) == (
        "PL2 2 = 78,94 chỉ khớp với 2.2 / 2.1 × 100 = 15 / 19 × 100 = 78,9473… nếu số liệu"
        " đã bị cắt bớt chữ số thay vì làm tròn (làm tròn đúng: 78,95)"
    )
    # one finding about three rows, each named by its title
    assert finding.message("vi").endswith(
        ". Chỉ tiêu: 2 “Tỷ lệ hoàn thành Kế hoạch CCHC năm (Lũy kế đến thời điểm báo cáo)”,"
        " 2.1 “Số nhiệm vụ đề ra trong kế hoạch”, 2.2 “Số nhiệm vụ đã hoàn thành”"
    )
    assert [f.rule for f in RESULT.findings].count("PL2.ratio.2") == 1


def test_pl8_meeting_system_outside_its_code_list() -> None:
    # PL8 2 takes Chưa có = 0, 2 cấp = 1, 3 cấp = 2. The report writes 3: not a code.
    # The commune most likely meant "3 cấp" (connected province–district–commune), whose
    # code is 2; the message suggests it, the value is not changed.
    finding = _finding("PL8.domain.2")
    assert finding.values == {"2": 3}
    assert finding.relation == "in"
    assert finding.message("en") == (
        "PL8 2 = 3 is not a code of its list (Chưa có = 0; 2 cấp = 1; 3 cấp = 2)"
        " — did you mean 2 (3 cấp)? Indicators: 2 “Xây dựng và vận hành Hệ thống họp trực"
        " tuyến”"
    )
    assert MeetingSystem(2).label == "3 cấp"


@pytest.mark.parametrize("code", ["1.1", "1.2"])
def test_pl7_amounts_with_three_decimals(code: str) -> None:
    # Kế hoạch được giao and Đã thực hiện are written "3,887" triệu đồng. Read as
    # Vietnamese, that is 3.887 million đồng (about 150 USD), an implausible public
    # investment plan next to the 2.715.925.699 đồng of thu bổ sung cân đối the commune
    # had received so far (section II.5 of the report); with the comma as an English
    # thousands separator it would be 3 887 million. Three decimals in millions of đồng
    # (exact to the thousand đồng) on an amount from 1 to 999 is the mark of that slip:
    # worth a question (info), not an error — the ratio PL7 1 = 100 holds either way.
    finding = _finding(f"PL7.plausible.{code}")
    assert finding.values == {code: Decimal("3.887")}
    assert "1.000 lần" in finding.message("vi")
    # the English message shows 3.887, and talks about that point, not a comma
    english = finding.message("en", titles=False)
    assert english.startswith(f"PL7 {code} = 3.887 million đồng has three decimals: the report")
    assert "decimal comma" in english


def test_no_spurious_findings() -> None:
    # What holds, and why (each is a rule that was evaluated without a finding):
    # PL4 3.3 = 100 = 276 / 276 × 100; PL8 6.1 = 79/79, 6.2 = 49/49, 6.3 = 128/128,
    # 6.5 = 29/29, all 100; PL8 6.4 = 70,1 ∈ [70.05, 70.15) ∋ 197 / 281 × 100 = 70.1067…;
    # PL7 1 = 100 and 3,887 / 3,887 × 100 = 100; PL4 1.4 = 137 = 1.4.3 (1.4.1 and 1.4.2
    # are not asked of a commune); PL8 6.3.1 = 128 = 6.1.2 + 6.2.2 = 79 + 49;
    # PL8 6.3.1 = 128 <= PL4 1.4 = 137 and 6.1.1 + 6.2.1 = 128 <= 137 (the report: 137
    # procedures, 79 partly and 49 fully online, 9 not eligible); PL8 6.5.1 = 29 <= 137;
    # PL8 6.1.3 + 6.2.3 = 8 <= 6.4.2 = 197; PL2 7 = 1 with 7.1 = 276 forms and 7.2 = 2
    # (Kết hợp); PL8 5.2 = 100 = 5.2.3 (the same quantity for a commune); the commune's own
    # connection rates PL8 5.1.3 = 100 and 5.3.3 = 100 (0 or 100 for one unit); online
    # payment for 6.5.2 = 29 of the 6.3.1 = 128 procedures offered online; PL5 2.2 = 18 <=
    # 2.1 = 18; the zero task counts of PL2 5 and 6; PL4 3.4.2 = 0 <= 3.4.1 = 0 (and 3.4,
    # 0 of 0, blank: not evaluated).
    evaluated = {
        "PL4.ratio.3.3",
        "PL8.ratio.6.1",
        "PL8.ratio.6.2",
        "PL8.ratio.6.3",
        "PL8.ratio.6.4",
        "PL8.ratio.6.5",
        "PL7.ratio.1",
        "PL4.total.1.4",
        "PL8.identity.6.3.1",
        "PL8.cross.6.3.1",
        "PL8.cross.6.1.1",
        "PL8.cross.6.5.1",
        "PL8.condition.6.4.2",
        "PL8.condition.6.1.3",
        "PL2.condition.7",
        "PL2.blank.7",
        "PL8.identity.5.2",
        "PL8.single.5.1.3",
        "PL8.single.5.3.3",
        "PL8.cross.6.5.2",
        "PL5.plausible.2.2",
        "PL2.parts.5.1",
        "PL2.parts.6.1",
        "PL4.part.3.4.2",
    }
    from cchc_model import RuleSet, builtin_rules  # noqa: PLC0415

    rules = builtin_rules()
    for rule_id in evaluated:
        alone = validate(example(), rules=RuleSet([rules[rule_id]]))
        assert (rule_id, alone.evaluated, alone.findings) == (rule_id, 1, ())


def test_not_evaluated_rules_are_counted() -> None:
    # every built-in rule is evaluated or not; the commune's report leaves many rows blank
    # and many rows are not asked of a commune, so some are not evaluated
    assert RESULT.evaluated + RESULT.skipped == len(builtin_rules())
    assert RESULT.skipped > 0
    summary = RESULT.summary()
    assert (summary["evaluated"], summary["skipped"]) == (RESULT.evaluated, RESULT.skipped)
    assert (summary["errors"], summary["warnings"], summary["infos"]) == (1, 1, 2)
