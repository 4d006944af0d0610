"""A small immutable, hashable mapping, so that frozen attrs classes stay hashable."""

from __future__ import annotations

from collections.abc import ItemsView, Iterator, KeysView, Mapping, ValuesView
from typing import TypeVar, overload

__all__ = ["FrozenMap"]

K = TypeVar("K")
V = TypeVar("V")
D = TypeVar("D")


class FrozenMap(Mapping[K, V]):
    """An immutable mapping that keeps insertion order and compares equal to dicts.

    >>> m = FrozenMap({"2.1": "ghi chú"})
    >>> m == {"2.1": "ghi chú"}, len(m), hash(m) == hash(FrozenMap(m))
    (True, 1, True)
    """

    __slots__ = ("_data", "_hash")

    def __init__(self, data: Mapping[K, V] | None = None) -> None:
        self._data: dict[K, V] = dict(data) if data else {}
        self._hash: int | None = None

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    # The dict's own methods, rather than Mapping's mixins written in Python: reports are
    # read through these in every hot path (validation, consolidation, rendering).
    @overload
    def get(self, key: K, /) -> V | None: ...
    @overload
    def get(self, key: K, default: V | D, /) -> V | D: ...
    def get(self, key: K, default: object = None, /) -> object:
        """The value of ``key``, or ``default`` when it is absent."""
        return self._data.get(key, default)

    def keys(self) -> KeysView[K]:
        """The keys, in insertion order."""
        return self._data.keys()

    def values(self) -> ValuesView[V]:
        """The values, in insertion order."""
        return self._data.values()

    def items(self) -> ItemsView[K, V]:
        """The (key, value) pairs, in insertion order."""
        return self._data.items()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other)
        return NotImplemented

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"
