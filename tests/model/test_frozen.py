"""FrozenMap: immutable through and through, so its hash stays true."""

from __future__ import annotations

import copy
import pickle
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_model import FrozenMap

mappings = st.dictionaries(st.text(max_size=5), st.integers() | st.text(max_size=5), max_size=6)


@given(mappings)
def test_a_frozen_map_is_its_dict(data: dict[str, Any]) -> None:
    frozen = FrozenMap(data)
    assert frozen == data
    assert dict(frozen) == data
    assert list(frozen.items()) == list(data.items())
    assert hash(frozen) == hash(FrozenMap(dict(reversed(list(data.items())))))
    for twin in (copy.copy(frozen), copy.deepcopy(frozen), pickle.loads(pickle.dumps(frozen))):  # noqa: S301
        assert twin == frozen
        assert hash(twin) == hash(frozen)
    data["added"] = 1  # the map keeps its own copy
    assert "added" not in frozen


@pytest.mark.parametrize(
    "touch",
    [
        lambda m: m._data.__setitem__("2.1", "x"),
        lambda m: setattr(m, "_data", {"2.1": "x"}),
        lambda m: setattr(m, "_hash", 0),
        lambda m: delattr(m, "_data"),
    ],
    ids=["data", "replace data", "hash", "delete"],
)
def test_its_data_cannot_be_touched_so_its_hash_stays_true(touch: Any) -> None:
    # a touched map once kept the hash of what it had held
    frozen = FrozenMap({"2.1": "ghi chú"})
    before = hash(frozen)
    with pytest.raises((TypeError, AttributeError)):
        touch(frozen)
    assert hash(frozen) == before == hash(FrozenMap({"2.1": "ghi chú"}))
    assert frozen == {"2.1": "ghi chú"}
