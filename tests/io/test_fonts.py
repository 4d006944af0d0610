"""The widths of Times New Roman and the lines a text wraps to (Excel's row heights)."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from cchc_model import strategies
from cchc_model._io.fonts import text_width, wrapped_lines


def test_widths_of_vietnamese_letters() -> None:
    assert text_width("ă", 12) == text_width("a", 12)
    assert text_width("ư", 12) > text_width("u", 12)  # the horn widens it
    assert text_width("Đ", 12, bold=True) == text_width("D", 12, bold=True)
    assert text_width("Kết quả", 12, bold=True) > text_width("Kết quả", 12)
    assert text_width("\u0301", 12) == 0  # a combining mark takes no room
    assert text_width("中", 12) == 12  # unknown: a whole em, to err high


@given(
    strategies.texts(max_size=80),
    st.floats(min_value=20, max_value=400),
    st.floats(min_value=20, max_value=400),
)
def test_lines_cover_the_text_and_grow_as_the_column_narrows(
    text: str, width: float, other: float
) -> None:
    narrow, wide = sorted((width, other))
    lines = wrapped_lines(text, width=narrow, size=12)
    assert lines >= max(1, text.count("\n") + 1)
    widest = max(text_width(line, 12) for line in text.split("\n"))
    assert lines >= math.ceil(widest / narrow)
    assert lines >= wrapped_lines(text, width=wide, size=12)
