"""The rule catalog: Rule, RuleSet, the built-in rules and users' rule files."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import pytest

from cchc_model import (
    AdminLevel,
    Rule,
    RuleError,
    RuleSet,
    Severity,
    Tolerance,
    builtin_rules,
    edition,
    load_rules,
    loads_rules,
    validate,
)
from cchc_model._rules.rulesets import KINDS
from reports import report_of

RULES = builtin_rules()


def test_builtin_rules_are_shared_and_ordered() -> None:
    assert builtin_rules() is RULES
    assert builtin_rules("2024") is RULES
    numbers = [edition().spec(rule.template or "").number for rule in RULES]
    assert numbers == sorted(numbers)


def test_every_kind_of_check_the_templates_imply() -> None:
    kinds = {kind: sorted(r.id for r in RULES if r.kind == kind) for kind in KINDS}
    assert len(kinds["ratio"]) == 14  # every Tỷ lệ row with a numerator and a denominator
    assert kinds["total"] == [
        "PL3.total.1",
        "PL4.total.1.4",
        "PL5.total.1.5",
        "PL7.total.2.4",
    ]
    one_per_row = [rule for rule in kinds["domain"] if ".domain." in rule]
    assert len(one_per_row) == len([r for r in edition().indicators() if not r.is_heading])
    assert len(kinds["domain"]) - len(one_per_row) == 6  # the rates about one single unit
    assert len(kinds["level"]) == len(
        [
            r
            for r in edition().indicators()
            if not r.is_heading and (len(r.levels) < 4 or r.until is not None)
        ]
    )
    assert kinds["custom"] == []


def test_every_ratio_row_with_its_parts_has_a_ratio_rule() -> None:
    # a percentage row whose two children are counts is a ratio of them
    ratio_targets = {r.references[0].key for r in RULES if r.kind == "ratio"}
    for tid in edition().template_ids:
        spec = edition().spec(tid)
        for row in spec.value_indicators:
            children = spec.children(row.code)
            kinds = [c.kind.value if c.kind else None for c in children]
            if row.kind is not None and row.kind.value == "percent" and kinds == ["count"] * 2:
                assert f"{tid}:{row.code}" in ratio_targets
    assert "PL7:1" in ratio_targets  # money over money


ID_WORDS = {  # the words of an id that are not kinds, and the kinds they go with
    "parts": {"part"},
    "cross": {"part", "identity"},
    "range": {"plausible"},
    "single": {"domain"},
    "blank": {"condition"},
    "scale": {"plausible"},
    "nation": {"plausible"},
}


def test_ids_follow_the_scheme() -> None:
    # template.word.code: the word is the rule's kind, or one of ID_WORDS (docs/rules.md)
    for rule in RULES:
        template, word, code = rule.id.split(".", 2)
        assert template == rule.template
        assert word == rule.kind or rule.kind in ID_WORDS[word], rule.id
        assert re.fullmatch(r"[0-9.]+", code)
        assert rule.reason


def test_every_reason_quotes_the_template() -> None:
    # the wording a rule rests on is the template's own: each reason quotes a title, a unit
    # or a code list of a row the rule reads, or names another rule that does
    for rule in RULES:
        quoted = re.findall(r'"([^"]+)"', rule.reason)
        assert quoted or re.search(r"As PL\d\.", rule.reason), rule.id
        words = " ".join(
            f"{row.title} {row.unit_text}"
            for row in (edition().indicator(r.template, r.code) for r in rule.references)
        )
        for text in quoted:
            for part in text.split("…"):
                assert part.strip(" .") in words or part.strip(" .") in _ALL_TITLES, (
                    rule.id,
                    part,
                )


_ALL_TITLES = " ".join(f"{row.title} {row.unit_text}" for row in edition().indicators())


def test_the_docs_page_says_what_the_file_says() -> None:
    page = (Path(__file__).parents[2] / "docs" / "rules.md").read_text("utf-8")
    for word in ID_WORDS:
        assert f"`{word}`" in page
    assert "no rule" not in page


def test_derive_rules_have_the_shape_and_one_per_row() -> None:
    targets = [r.references[0].key for r in RULES if r.derive]
    assert len(targets) == len(set(targets))
    assert {r.kind for r in RULES if r.derive} == {"ratio", "total", "identity"}


def test_messages_are_complete() -> None:
    for rule in RULES:
        for lang in ("vi", "en"):
            text = rule.message_template(lang)
            assert "{template}" in text, rule.id


def test_a_rule_and_its_defaults() -> None:
    rule = Rule("HUE.1", "PL4:3.3.2 <= PL4:3.3.1")
    assert rule.severity is Severity.ERROR
    assert rule.kind == "custom"
    assert rule.template == "PL4"
    assert rule.relation == "<="
    assert rule.message_template("en") == "{template} {left} is greater than {right}"
    assert Rule("X", "PL2:7.1 = blank").relation == "blank"
    assert Rule("X", "PL2:7.1 != blank").relation == "!blank"
    assert Rule("X", "PL8:2 in (0, 1)").relation == "in"
    assert Rule("X", "0 <= PL2:2 <= 100").relation == "range"
    assert Rule("X", "PL2:1 = 0 and PL2:2.1 = 0").relation is None
    assert Rule("X", "PL2:1 = 0 and PL2:2.1 = 0").message_template("vi").startswith("{template}:")
    # the other language's own message serves when a user rule has one only
    assert Rule("X", "PL2:1 >= 0", message_vi="Sai: {left}").message_template("en") == "Sai: {left}"


def test_a_rule_with_every_option() -> None:
    rule = Rule(
        "HUE.2",
        "PL4:3.3.2 >= PL4:3.3.1 * 0.9",
        severity="warning",
        kind="part",
        template="pl4",
        message_vi="{template} {left} < 90% {right} ({PL4:3.3.1} hồ sơ)",
        message_en="{template} {left} < 90% of {right}",
        reason="Province target",
        levels=["commune", AdminLevel.DISTRICT],
        tolerance={"abs": 1, "rel": "0.01"},
        blanks="zero",
    )
    assert rule.template == "PL4"
    assert rule.levels == frozenset({AdminLevel.COMMUNE, AdminLevel.DISTRICT})
    assert rule.tolerance == Tolerance(1, Fraction(1, 100))
    data = rule.to_data()
    assert data["levels"] == ["commune", "district"]
    assert data["tolerance"] == {"abs": "1", "rel": "1/100"}
    assert data["blanks"] == "zero"


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"id": "bad id", "expression": "PL2:1 >= 0"}, "a rule id is"),
        ({"id": "X", "expression": "1 = 1"}, "at least one row"),
        ({"id": "X", "expression": "PL2:1 >="}, "expected a number"),
        ({"id": "X", "expression": "PL2:1 >= 0", "severity": "fatal"}, "severity"),
        ({"id": "X", "expression": "PL2:1 >= 0", "kind": "weird"}, "kind must be"),
        ({"id": "X", "expression": "PL2:1 >= 0", "template": "PL9"}, "no template"),
        ({"id": "X", "expression": "PL2:1 >= 0", "levels": ["city"]}, "unknown level"),
        ({"id": "X", "expression": "PL2:1 >= 0", "levels": "commune"}, "must be a list"),
        ({"id": "X", "expression": "PL2:1 >= 0", "tolerance": {"abs": -1}}, "negative"),
        ({"id": "X", "expression": "PL2:1 >= 0", "tolerance": {"abs": "x"}}, "a finite number"),
        (
            {"id": "X", "expression": "PL2:1 >= 0", "tolerance": {"rel": "1e999999999"}},
            "a finite number",
        ),
        ({"id": "X", "expression": "PL2:1 >= 0", "tolerance": {"abs": float("inf")}}, "finite"),
        ({"id": "X", "expression": "PL2:1 >= 0", "reason": 5}, "reason must be text"),
        ({"id": "X", "expression": "PL2:1 >= 0", "derive": "yes"}, "derive must be true"),
        (
            {"id": "X", "expression": "PL2:1 >= 0", "message_vi": "{PL2:2.2}"},
            "a row the rule does not read",
        ),
        ({"id": "X", "expression": "PL2:1 >= 0", "tolerance": {"max": 1}}, "abs and rel"),
        ({"id": "X", "expression": "PL2:1 >= 0", "tolerance": 3}, "a table"),
        ({"id": "X", "expression": "PL2:1 >= 0", "blanks": "none"}, "blanks must be"),
        ({"id": "X", "expression": "PL2:1 >= 0", "derive": True}, "derive = true"),
        ({"id": "X", "expression": "PL2:1 = PL2:1 + 0", "derive": True}, "derive = true"),
        ({"id": "X", "expression": "PL2:1 >= 0", "message_vi": "{nope}"}, "unknown placeholder"),
        ({"id": "X", "expression": "PL2:1 >= 0", "message_en": "{PL9:1}"}, "placeholder {PL9:1}"),
        ({"id": "X", "expression": "PL2:1 >= 0", "message_en": 3}, "must be text"),
    ],
)
def test_malformed_rules(kwargs: dict[str, object], words: str) -> None:
    with pytest.raises(RuleError, match=re.escape(words)):
        Rule(**kwargs)  # type: ignore[arg-type]


def test_a_rule_error_names_the_rule_and_the_place() -> None:
    with pytest.raises(RuleError) as info:
        Rule("HUE.3", "PL4:3.3.2 <= PL4:3.3.1 +")
    error = info.value
    assert (error.rule, error.position) == ("HUE.3", 24)
    assert str(error).startswith("rule 'HUE.3': expected a number")
    assert error.message("vi").startswith("quy tắc 'HUE.3': thiếu một số")


def test_rule_sets() -> None:
    mine = RuleSet([Rule("HUE.1", "PL2:2.2 <= PL2:2.1")])
    both = RULES + mine
    assert len(both) == len(RULES) + 1
    assert "HUE.1" in both
    assert both["HUE.1"].id == "HUE.1"
    assert both.ids[-1] == "HUE.1"
    assert repr(mine) == "<RuleSet of 1 rules>"
    assert list(mine) == [mine["HUE.1"]]
    with pytest.raises(RuleError, match=r"two rules have the id 'HUE\.1'"):
        both + mine
    with pytest.raises(KeyError):
        RULES.without("nope")
    with pytest.raises(RuleError, match="holds Rule objects"):
        RuleSet(["PL2:1 >= 0"])  # type: ignore[list-item]


def test_rules_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "hue.toml"
    path.write_text(
        """
edition = "2024"

[[rule]]
id = "HUE.pl4.on-time"
expr = "PL4:3.3.2 >= PL4:3.3.1 * 0.9"
severity = "warning"
message.vi = "Dưới 90% hồ sơ đúng hạn: {left}, {right}"
message.en = "Under 90% on time: {left}, {right}"
levels = ["commune"]
tolerance = { abs = 0.5 }

[[rule]]
id = "HUE.pl2.plan"
expr = "PL2:2.1 >= 10"
""",
        encoding="utf-8",
    )
    rules = load_rules(path)
    assert rules.ids == ("HUE.pl4.on-time", "HUE.pl2.plan")
    assert rules["HUE.pl4.on-time"].tolerance == Tolerance(Fraction(1, 2))
    report = report_of({"PL4:3.3.1": 100, "PL4:3.3.2": 80, "PL2:2.1": 19})
    result = validate(report, rules=RULES + rules)
    assert [f.rule for f in result.findings] == ["HUE.pl4.on-time"]
    assert result.findings[0].message("en") == (
        "Under 90% on time: 3.3.2 = 80, 3.3.1 × 0.9 = 100 × 0.9 = 90. Indicators:"
        " 3.3.1 “Tổng số hồ sơ TTHC đã giải quyết xong”,"
        " 3.3.2 “Số hồ sơ TTHC giải quyết đúng hạn”"
    )
    # the level restricts: at a district the rule is not evaluated
    district = report_of({"PL4:3.3.1": 100, "PL4:3.3.2": 80, "PL2:2.1": 19}, AdminLevel.DISTRICT)
    assert not validate(district, rules=rules).findings


def test_every_problem_of_a_file_at_once() -> None:
    text = """
[[rule]]
id = "A"
expr = "PL4:3.3.2 <= "

[[rule]]
id = "B"
expr = "PL4:3.3.2 <= PL4:3.3.1"
severity = "fatal"

[[rule]]
expr = "PL2:1 >= 0"

[[rule]]
id = "C"
expr = "PL2:1 >= 0"
colour = "red"

[[rule]]
id = "D"
expr = "PL2:1 >= 0"

[[rule]]
id = "D"
expr = "PL2:1 >= 1"
"""
    with pytest.raises(RuleError) as info:
        loads_rules(text, source="hue.toml")
    message = str(info.value)
    assert message.startswith("hue.toml: 5 malformed rules:")
    for words in (
        "rule 'A': expected a number",
        "rule 'B': severity must be",
        "rule #3: 'id' is required",
        "rule 'C': unknown key(s) colour",
        "rule 'D': the id is used twice",
    ):
        assert words in message
    assert info.value.rule == "A"
    assert info.value.position == 13


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[[rule]\nid = 1", "not valid TOML"),
        ("colour = 1", "unknown key(s) colour"),
        ("edition = 2024", "edition must be text"),
        ('edition = "1999"', "unknown template edition"),
        ("rule = 3", "array of tables"),
        ("rule = [1]", "must be a table"),
        ('[[rule]]\nid = "X"\nexpr = "PL2:1 >= 0"\nmessage = "x"', "message must be a table"),
    ],
)
def test_malformed_files(text: str, words: str) -> None:
    with pytest.raises(RuleError, match=re.escape(words)):
        loads_rules(text)


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="cannot read the rule file"):
        load_rules(tmp_path / "missing.toml")
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe")
    with pytest.raises(RuleError, match="not UTF-8"):
        load_rules(binary)
    with pytest.raises(RuleError, match="TOML text"):
        loads_rules(b"x")  # type: ignore[arg-type]


def test_a_rule_file_with_values_of_the_wrong_type_lists_each() -> None:
    text = """
[[rule]]
id = "A"
expr = "PL2:2.1 <= 1"
reason = 1979-05-27

[[rule]]
id = "B"
expr = "PL2:2.1 <= 1"
derive = "yes"

[[rule]]
id = "C"
expr = "PL2:2.1 <= 1"
tolerance = {abs = inf}
"""
    with pytest.raises(RuleError) as info:
        loads_rules(text)
    message = str(info.value)
    assert "3 malformed rules" in message
    assert "rule 'A'" in message
    assert "rule 'B'" in message
    assert "rule 'C'" in message
