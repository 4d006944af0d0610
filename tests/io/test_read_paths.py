"""``read`` of a file takes shortcuts for the usual JSON report; they decide as the long way.

The long way makes a :class:`~pathlib.Path` of the name for its suffix, and decodes the
head of the file to know whether it is empty.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from cchc_model._io import read as rd

_NAMES = st.builds(
    "".join,
    st.lists(st.sampled_from(["a", "/", "\\", ":", ".", ".json", ".JSON", "İ", "K", "x.json/"])),
)


@given(_NAMES)
@example(".json")
@example("a/.json")
@example("C:.json")
@example("..json")
@example("x.json/.")
def test_the_suffix_is_the_paths(name: str) -> None:
    assert rd._suffix(name) == Path(name).suffix.lower()


@given(st.binary(max_size=40) | st.binary(max_size=40).map(lambda b: b"{" + b))
@example(b"")
@example(b"\xef\xbb\xbf \r\n\x00")
@example(b"\xff\xfe \x00")
@example(b"{" + b" " * 5000)
def test_a_file_is_empty_as_its_decoded_head_says(data: bytes) -> None:
    expected = len(data) <= rd._HEAD and not rd._head(data).strip("\ufeff \t\r\n\x00")
    assert rd._empty(data) == expected
