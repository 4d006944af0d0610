"""Word's list numbering counted as Word shows it (the reading itself: test_read_word_forms)."""

from __future__ import annotations

from cchc_model._io.wordnum import Numbering


def test_levels_restart_below_and_start_where_they_say() -> None:
    numbering = Numbering({"1": ("0", {})}, {"0": {0: (3, "%1."), 1: (1, "%1.%2.")}}, {})
    labels = [numbering.count("1", level) for level in (0, 1, 1, 0, 1, 0)]
    assert labels == ["3.", "3.1.", "3.2.", "4.", "4.1.", "5."]


def test_a_level_that_is_not_decimal_gives_no_label_but_is_counted() -> None:
    numbering = Numbering({"1": ("0", {1: 5})}, {"0": {0: (1, None), 1: (1, "%1.%2")}}, {})
    assert [numbering.count("1", 0), numbering.count("1", 1), numbering.count("1", 1)] == [
        None,
        "1.5",
        "1.6",
    ]


def test_unknown_lists_and_levels_give_nothing() -> None:
    numbering = Numbering({"1": ("0", {})}, {"0": {0: (1, "%1.")}}, {})
    assert [numbering.count("9", 0), numbering.count("1", 12), numbering.count("1", -1)] == [
        None,
        None,
        None,
    ]
    assert not numbering.used
