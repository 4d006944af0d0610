"""``paused``: the garbage collector off for a block of bulk work, then as it was."""

from __future__ import annotations

import gc
from collections.abc import Callable

import pytest

from cchc_model._model.collector import paused


def _fail_inside() -> None:
    with paused():
        assert not gc.isenabled()
        with paused():  # nested: still off when the inner block ends
            pass
        assert not gc.isenabled()
        raise KeyError


@pytest.mark.parametrize("switch", [gc.enable, gc.disable])
def test_the_collector_is_put_back_as_it_was_on_an_exception(switch: Callable[[], None]) -> None:
    was = gc.isenabled()
    try:
        switch()
        enabled = gc.isenabled()
        with pytest.raises(KeyError):
            _fail_inside()
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_cycles_made_in_the_block_are_collected_after_it() -> None:
    with paused():
        cycle: list[object] = []
        cycle.append(cycle)
        del cycle
    assert gc.collect() >= 1
