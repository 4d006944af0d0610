"""A small immutable, hashable mapping, so that frozen attrs classes stay hashable."""

from __future__ import annotations

from collections.abc import ItemsView, Iterator, KeysView, Mapping, ValuesView
from types import MappingProxyType
from typing import TypeVar, overload

from .public import publish

__all__ = ["FrozenMap"]

K = TypeVar("K")
V = TypeVar("V")
D = TypeVar("D")


class FrozenMap(Mapping[K, V]):
    """An immutable mapping that keeps insertion order and compares equal to dicts.

    Its data is a copy seen only through a read-only proxy, and its attributes cannot be
    set again, so that its hash, computed once, stays true.

    >>> m = FrozenMap({"2.1": "ghi chú"})
    >>> m == {"2.1": "ghi chú"}, len(m), hash(m) == hash(FrozenMap(m))
    (True, 1, True)
    >>> m._data["2.1"] = "x"
    Traceback (most recent call last):
    ...
    TypeError: 'mappingproxy' object does not support item assignment
    """

    __slots__ = ("_data", "_hash")
    _data: Mapping[K, V]
    _hash: int | None

    def __init__(self, data: Mapping[K, V] | None = None) -> None:
        proxy: Mapping[K, V] = MappingProxyType(dict(data) if data else {})
        object.__setattr__(self, "_data", proxy)
        object.__setattr__(self, "_hash", None)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"FrozenMap is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"FrozenMap is immutable: cannot delete {name!r}")

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
        found = self._hash
        if found is None:
            found = hash(frozenset(self._data.items()))
            object.__setattr__(self, "_hash", found)
        return found

    def __reduce__(self) -> tuple[type[FrozenMap[K, V]], tuple[dict[K, V]]]:
        return type(self), (dict(self._data),)

    def __repr__(self) -> str:
        return f"FrozenMap({dict(self._data)!r})"


publish(globals())  # cchc_model.Name, not this module: see _model/public.py
