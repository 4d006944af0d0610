"""The typed template classes: construction, type errors, access by code."""

from __future__ import annotations

import copy
import pickle
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_model import (
    CodeError,
    Completion,
    DigitalGovernment,
    Direction,
    FrozenMap,
    Kind,
    MeetingSystem,
    Procedures,
    PublicFinance,
    Report,
    SurveyMethod,
    Template,
    ValueTypeError,
    YesNo,
    edition,
    example,
    loads,
    strategies,
)
from cchc_model._model.example import example_json
from cchc_model._model.template import build_checked, cells


def test_blank_is_none_and_distinct_from_zero() -> None:
    d = Direction(province_tasks=0)
    assert d.province_tasks == 0
    assert d.government_tasks is None
    assert d["5.1"] == 0
    assert d["6.1"] is None
    assert d.filled() == {"5.1": 0}


def test_values_by_attribute_and_by_code_both_ways() -> None:
    d = Direction(plan_tasks=19, plan_tasks_completed=15)
    assert d["2.1"] == d.plan_tasks == 19
    assert d["2.2."] == 15
    assert Direction.attribute_for("2.1") == "plan_tasks"
    assert Direction.code_for("plan_tasks") == "2.1"
    assert Direction.spec.indicator("2.1").attribute == "plan_tasks"
    assert Direction.from_codes({"2.1": 19, "2.2": 15}) == d


def test_percentages_and_money_are_decimal_with_their_precision() -> None:
    p = DigitalGovernment(online_dossiers_rate=Decimal("70.1"), level3_rate=100)  # type: ignore[arg-type]
    assert str(p.online_dossiers_rate) == "70.1"
    assert p.level3_rate == Decimal(100)
    assert isinstance(p.level3_rate, Decimal)
    assert str(DigitalGovernment(level3_rate=Decimal("70.10")).level3_rate) == "70.10"
    money = PublicFinance(investment_planned=Decimal("3.887"))
    assert money.investment_planned == Decimal("3.887")


def test_positive_exponents_are_written_out() -> None:
    assert str(DigitalGovernment(level3_rate=Decimal("1E+2")).level3_rate) == "100"


@pytest.mark.parametrize(
    ("kwargs", "attribute", "code"),
    [
        ({"plan_tasks": 1.5}, "plan_tasks", "2.1"),
        ({"plan_tasks": "19"}, "plan_tasks", "2.1"),
        ({"plan_tasks": True}, "plan_tasks", "2.1"),
        ({"plan_tasks": Decimal(19)}, "plan_tasks", "2.1"),
        ({"plan_completion_rate": 78.94}, "plan_completion_rate", "2"),
        ({"plan_completion_rate": "78,94"}, "plan_completion_rate", "2"),
        ({"plan_completion_rate": Decimal("NaN")}, "plan_completion_rate", "2"),
        ({"plan_completion_rate": Decimal("Infinity")}, "plan_completion_rate", "2"),
        ({"satisfaction_survey": "Có"}, "satisfaction_survey", "7"),
        ({"satisfaction_survey": False}, "satisfaction_survey", "7"),
        ({"survey_method": YesNo.YES}, "survey_method", "7.2"),
    ],
)
def test_a_wrong_type_is_raised_at_once_naming_the_field(
    kwargs: dict[str, object], attribute: str, code: str
) -> None:
    with pytest.raises(ValueTypeError) as info:
        Direction(**kwargs)  # type: ignore[arg-type]
    err = info.value
    assert isinstance(err, TypeError)
    assert (err.template, err.code, err.attribute) == ("PL2", code, attribute)
    assert err.value is next(iter(kwargs.values()))
    assert f"PL2 {code} ({attribute})" in str(err)
    assert f"PL2 {code} ({attribute})" in err.message("vi")


def test_float_hint_suggests_decimal() -> None:
    with pytest.raises(ValueTypeError, match=r"use Decimal\('78.94'\)"):
        Direction(plan_completion_rate=78.94)  # type: ignore[arg-type]


def test_codes_become_enum_members_and_unknown_codes_are_kept() -> None:
    d = Direction(satisfaction_survey=1, survey_method=2)
    assert d.satisfaction_survey is YesNo.YES
    assert d.survey_method is SurveyMethod.COMBINED
    assert d.survey_method.label == "Kết hợp"
    g = DigitalGovernment(meeting_system=3, architecture_updated=Completion.DONE)
    assert g.meeting_system == 3
    assert type(g.meeting_system) is int  # outside the list: kept as written
    assert g.architecture_updated is Completion.DONE
    assert DigitalGovernment(meeting_system=MeetingSystem.THREE_TIER)["2"] == 2


def test_negative_counts_are_kept_for_validation_to_report() -> None:
    assert Procedures(commune_resolved=-3).commune_resolved == -3


def test_headings_hold_no_value() -> None:
    with pytest.raises(CodeError, match="PL2 3 is a heading"):
        Direction()["3"]
    with pytest.raises(CodeError, match="heading"):
        Direction.from_codes({"3": 1})
    with pytest.raises(CodeError, match="heading"):
        Direction.attribute_for("3")


def test_unknown_codes_and_attributes() -> None:
    with pytest.raises(CodeError, match=r"PL2 has no indicator '9\.9'"):
        Direction()["9.9"]
    with pytest.raises(CodeError, match="no attribute 'nope'"):
        Direction.code_for("nope")
    with pytest.raises(LookupError):
        Direction.from_codes({"9.9": 1})


def test_notes_are_keyed_by_normalised_code() -> None:
    d = Direction(notes={"2.1.": "theo Kế hoạch 04/KH-UBND", "2.2": ""})
    assert d.notes == {"2.1": "theo Kế hoạch 04/KH-UBND"}
    assert isinstance(d.notes, FrozenMap)
    with pytest.raises(CodeError):
        Direction(notes={"9.9": "x"})
    with pytest.raises(ValueTypeError):
        Direction(notes={"2.1": 5})
    with pytest.raises(ValueTypeError):
        Direction(notes=["x"])


def test_templates_are_immutable_and_hashable() -> None:
    d = Direction(plan_tasks=19, notes={"2.1": "x"})
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        d.plan_tasks = 20  # type: ignore[misc]
    assert hash(d) == hash(Direction(plan_tasks=19, notes={"2.1": "x"}))
    assert d.replace({"2.1": 20}).plan_tasks == 20
    assert d.replace({"2.1": None}).plan_tasks is None
    assert d.replace({}, notes={}).notes == {}
    assert attrs.evolve(d, plan_tasks=20).notes == {"2.1": "x"}


def test_repr_shows_only_filled_cells() -> None:
    assert repr(Direction(plan_tasks=19)) == "Direction(plan_tasks=19)"
    assert repr(Direction()) == "Direction()"


def test_iteration_yields_every_value_row_in_order() -> None:
    rows = list(Direction(plan_tasks=19))
    assert [r.code for r, _ in rows] == [r.code for r in Direction.spec.value_indicators]
    assert {r.code: v for r, v in rows}["2.1"] == 19


def _value_for(kind: Kind | None) -> st.SearchStrategy[object]:
    if kind is Kind.COUNT or kind is Kind.CODE:
        return st.integers(-5, 10**6)
    return st.decimals(
        allow_nan=False, allow_infinity=False, places=2, min_value=-(10**9), max_value=10**9
    )


@st.composite
def _filled(draw: st.DrawFn, cls: type[Template]) -> dict[str, object]:
    rows = cls.spec.value_indicators
    chosen = draw(st.lists(st.sampled_from(rows), unique=True))
    return {row.code: draw(_value_for(row.kind)) for row in chosen}


@pytest.mark.parametrize("cls", edition().classes, ids=lambda c: c.spec.id)
@given(data=st.data())
def test_from_codes_and_filled_are_inverse(cls: type[Template], data: st.DataObject) -> None:
    values = data.draw(_filled(cls))
    tpl = cls.from_codes(values)  # type: ignore[arg-type]
    assert tpl.filled() == values
    assert cls.from_codes(tpl.filled()) == tpl
    for code, value in values.items():
        assert tpl[code] == value


# --- found in review ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        Decimal("1E+200"),
        Decimal("1E-200"),
        Decimal("1234567." + "1" * 95),
        10**200,
        10**15,
        Decimal("1E+15"),
        Decimal("-1000000000000000.0"),
        Decimal("0." + "0" * 40 + "1"),
        Decimal("0E-41"),
    ],
)
def test_values_beyond_the_bound_of_a_report_are_refused(value: object) -> None:
    with pytest.raises(ValueTypeError, match=r"PL7 1\.1.*at most 15 digits before the decimal"):
        PublicFinance(investment_planned=value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value", [10**15, -(10**15), 10**28, 10**5000], ids=["15", "-15", "28", "5000"]
)
def test_counts_and_codes_beyond_the_bound_are_refused(value: int) -> None:
    # a 28-digit count once crashed the wording of findings; a 5,000-digit one made a
    # report that dumps could not write
    with pytest.raises(ValueTypeError, match=r"at most 15 digits"):
        Direction(plan_tasks=value)
    with pytest.raises(ValueTypeError, match=r"at most 15 digits"):
        Direction(survey_method=value)


def test_the_values_at_the_bound_are_kept() -> None:
    largest = 10**15 - 1
    assert Direction(plan_tasks=-largest).plan_tasks == -largest
    assert Direction(survey_method=largest).survey_method == largest
    value = Decimal("-999999999999999.999999999999999")
    assert PublicFinance(investment_planned=value).investment_planned == value


def test_a_decimal_with_a_positive_exponent_is_written_out_exactly() -> None:
    value = PublicFinance(investment_planned=Decimal("1E+14")).investment_planned
    assert str(value) == "1" + "0" * 14


@pytest.mark.parametrize("text", ["x" * 10_001, "\ud800"])
def test_notes_that_cannot_be_written_are_refused(text: str) -> None:
    with pytest.raises(ValueTypeError, match="notes"):
        Direction(notes={"1": text})


def test_notes_keep_the_order_of_the_form() -> None:
    assert list(Direction(notes={"8": "b", "2.1": "a"}).notes) == ["2.1", "8"]


def test_misuse_raises_the_librarys_errors() -> None:
    with pytest.raises(ValueTypeError):
        Direction.from_codes(5)  # type: ignore[arg-type]
    with pytest.raises(CodeError):
        Direction()[[1]]  # type: ignore[index]
    with pytest.raises(CodeError):
        Direction()[5]  # type: ignore[index]


def test_the_vietnamese_message_of_a_type_error_has_no_english() -> None:
    with pytest.raises(ValueTypeError) as info:
        Direction(plan_tasks=1.5)  # type: ignore[arg-type]
    assert info.value.message("vi") == (
        "PL2 2.1 (plan_tasks): giá trị phải là số nguyên (int) hoặc None, nhận được 1.5"
    )


# --- immutability and the written form -----------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        lambda t: t.__dict__.__setitem__("plan_tasks", 5),
        lambda t: t.__dict__.update(plan_tasks=5),
        lambda t: t.__dict__.clear(),
        lambda t: t.__dict__.pop("plan_tasks"),
        lambda t: t.__dict__.setdefault("x", 1),
        lambda t: setattr(t, "plan_tasks", 5),
        lambda t: setattr(t, "__dict__", {}),
    ],
    ids=["setitem", "update", "clear", "pop", "setdefault", "setattr", "replace"],
)
def test_a_template_cannot_be_changed_through_its_state(change: Any) -> None:
    # example() returns one object; a change through __dict__ once reached every later one
    tpl = example().pl2
    assert tpl is not None
    with pytest.raises((attrs.exceptions.FrozenInstanceError, AttributeError)):
        change(tpl)
    assert example().pl2 == tpl
    assert example() == loads(example_json())


@given(
    st.sampled_from(edition().classes).flatmap(lambda c: strategies.templates(c, consistent=False))
)
def test_built_fast_or_copied_a_template_is_sealed_and_equal(tpl: Template) -> None:
    fast = build_checked(
        type(tpl), {k: v for k, v in cells(tpl).items() if k != "notes"}, tpl.notes
    )
    pickled = pickle.loads(pickle.dumps(tpl))  # noqa: S301  # our own bytes
    for twin in (fast, copy.copy(tpl), copy.deepcopy(tpl), pickled):
        assert twin == tpl
        assert hash(twin) == hash(tpl)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            vars(twin)["notes"] = FrozenMap()


@given(
    st.sampled_from(edition().classes).flatmap(lambda c: strategies.templates(c, consistent=False)),
    st.data(),
)
def test_equality_and_hashing_follow_the_written_form(tpl: Template, data: st.DataObject) -> None:
    # 78.9 and 78.90 validate differently: they are different reports (and -0 is not 0)
    decimal_rows = [row for row, value in tpl if isinstance(value, Decimal)]
    if not decimal_rows:
        return
    row = data.draw(st.sampled_from(decimal_rows))
    value = tpl[row.code]
    assert isinstance(value, Decimal)
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    other = value.copy_negate() if value.is_zero() else Decimal((sign, (*digits, 0), exponent - 1))
    assert other == value  # the same number…
    changed = tpl.replace({row.code: other})
    assert changed != tpl  # …but not the same report
    assert hash(changed) != hash(tpl)  # 64-bit hashes of different written forms
    assert Report(info=example().info, templates=[changed]) != Report(
        info=example().info, templates=[tpl]
    )


def test_the_written_form_in_examples() -> None:
    a, b = (
        Direction(plan_completion_rate=Decimal("78.9")),
        Direction(plan_completion_rate=Decimal("78.90")),
    )
    assert a != b
    assert hash(a) != hash(b)
    assert PublicFinance(investment_planned=Decimal("-0")) != PublicFinance(
        investment_planned=Decimal(0)
    )
    assert a == Direction(plan_completion_rate=Decimal("78.9"))
