"""The "Security and limits" page says the values the code has."""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

import pytest

PAGE = Path(__file__).parent.parent / "docs" / "limits.md"
_ROW = re.compile(r"^\| (?P<bound>[^|]+) \| (?P<value>[^|]+) \| (?P<kept>[^|]+) \| [^|]+ \|$")
_NAME = re.compile(r"`(?P<module>(?:_[a-z_]+\.)?[a-z_.]+)\.(?P<name>[A-Za-z_]+)`")


def _rows() -> list[tuple[str, str, str]]:
    rows = []
    for line in PAGE.read_text(encoding="utf-8").splitlines():
        match = _ROW.match(line)
        if match and match["bound"] != "Bound" and not match["bound"].startswith("---"):
            rows.append((match["bound"], match["value"], match["kept"]))
    return rows


def _numbers(text: str) -> list[int]:
    return [int(n.replace(",", "")) for n in re.findall(r"[0-9][0-9,]*", text)]


@pytest.mark.parametrize(("bound", "value", "kept"), _rows(), ids=lambda v: v[:30])
def test_each_bound_on_the_page_is_the_codes(bound: str, value: str, kept: str) -> None:
    names = list(_NAME.finditer(kept))
    if not names:  # a bound with no constant (the agency, Python's own digits)
        if "get_int_max_str_digits" in kept:
            assert _numbers(value) == [sys.get_int_max_str_digits()]
        return
    module = "cchc_model." + names[0]["module"]
    values = []
    for found in names:
        owner = importlib.import_module(
            "cchc_model." + found["module"] if "." in found["module"] else module
        )
        values.append(getattr(owner, found["name"]))
    assert all(isinstance(v, int) for v in values), bound
    written = _numbers(value)
    for actual in values:
        assert actual in written, f"{bound}: the page says {value}, the code {actual}"


def test_the_page_lists_every_bound_of_the_readers() -> None:
    text = PAGE.read_text(encoding="utf-8")
    from cchc_model._io import archive, xlsx  # noqa: PLC0415

    for module in (archive, xlsx):
        for name in dir(module):
            if name.startswith("MAX_") and name != "MAX_DIGITS":
                assert f".{name}`" in text, f"{module.__name__}.{name} is not on the page"
