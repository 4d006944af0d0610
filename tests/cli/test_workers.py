"""``cchc_model._cli.workers``: work shared with forked processes gives the plain loop's results."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_model._cli import workers
from cchc_model._cli.workers import Shared

PARENT = os.getpid()


@pytest.fixture(autouse=True)
def _small_shares(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "MIN_ITEMS", 1)  # a child for a few items: the tests fork


def _doubled(items: Sequence[int]) -> list[object]:
    return [2 * item for item in items]


def _pids(items: Sequence[int]) -> list[object]:
    return [os.getpid() for _ in items]


@settings(max_examples=25, deadline=None)
@given(
    items=st.lists(st.integers(-(10**6), 10**6), max_size=40),
    jobs=st.integers(1, 4),
    own_cost=st.floats(0, 2),
)
def test_the_results_are_those_of_the_plain_loop(
    items: list[int], jobs: int, own_cost: float
) -> None:
    with Shared(_doubled, items, jobs=jobs, own_cost=own_cost) as shared:
        assert shared.results() == _doubled(items)


def test_the_children_do_their_share() -> None:
    with Shared(_pids, range(30), jobs=3) as shared:
        pids = shared.results()
    assert pids[-1] == PARENT  # this process keeps the end (a third: no other work)
    children = set(pids[:20])
    assert len(children) == 2
    assert PARENT not in children
    for pid in children:  # reaped
        with pytest.raises(ChildProcessError):
            os.waitpid(int(str(pid)), os.WNOHANG)


def test_this_process_keeps_less_when_it_has_other_work() -> None:
    with Shared(_pids, range(100), jobs=2, own_cost=0.4) as shared:
        pids = shared.results()
    assert pids.count(PARENT) == 30  # p + 0.4 = 1 - p
    with Shared(_pids, range(100), jobs=3, own_cost=1.0) as shared:
        assert PARENT not in shared.results()  # the others do it all


def test_one_job_few_items_or_other_threads_fork_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    with Shared(_pids, range(10), jobs=1) as shared:
        assert set(shared.results()) == {PARENT}
    monkeypatch.setattr(workers, "MIN_ITEMS", 11)
    with Shared(_pids, range(10), jobs=4) as shared:
        assert set(shared.results()) == {PARENT}
    monkeypatch.setattr(workers, "MIN_ITEMS", 1)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        with Shared(_pids, range(10), jobs=4) as shared:  # a thread may hold a lock
            assert set(shared.results()) == {PARENT}
    finally:
        stop.set()
        thread.join()


def _fails_in_children(items: Sequence[int]) -> list[object]:
    if os.getpid() != PARENT:
        raise RuntimeError
    return _doubled(items)


def _killed_in_children(items: Sequence[int]) -> list[object]:
    if os.getpid() != PARENT:
        os.kill(os.getpid(), signal.SIGKILL)
    return _doubled(items)


def _short_in_children(items: Sequence[int]) -> list[object]:
    found = _doubled(items)
    return found[:-1] if os.getpid() != PARENT else found


def _text_in_children(items: Sequence[int]) -> list[object]:
    return ["\ud800 lone surrogate"] if os.getpid() != PARENT else _doubled(items)


@pytest.mark.parametrize(
    "work", [_fails_in_children, _killed_in_children, _short_in_children, _text_in_children]
)
def test_a_child_that_fails_is_not_trusted(work: workers.Work[int]) -> None:
    with Shared(work, range(12), jobs=3) as shared:
        assert shared.results() == _doubled(range(12))


def test_a_wrong_count_in_this_process_is_an_error() -> None:
    with (
        Shared(lambda _: [], range(3), jobs=1) as shared,
        pytest.raises(ValueError, match="0 results for 3 items"),
    ):
        shared.results()


def _sleeps_in_children(items: Sequence[int]) -> list[object]:
    if os.getpid() != PARENT:
        time.sleep(600)
    return _doubled(items)


def test_the_children_are_stopped_when_the_block_fails() -> None:
    shared = Shared(_sleeps_in_children, range(12), jobs=3)
    pids = [pid for pid, _, _ in shared._children]  # what close() stops
    with pytest.raises(KeyError), shared:
        raise KeyError
    assert len(pids) == 2
    for pid in pids:  # killed and reaped, not left sleeping
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_a_fork_refused_leaves_the_share_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    with Shared(_pids, range(12), jobs=3) as shared:
        assert shared.results() == [PARENT] * 12


@pytest.mark.parametrize(
    ("written", "quota"),
    [("200000 100000\n", 2), ("150000 100000\n", 2), ("max 100000\n", None), ("", None)],
)
def test_the_cgroup_quota_limits_the_cores(tmp_path: Path, written: str, quota: int | None) -> None:
    cpu_max = tmp_path / "cpu.max"
    cpu_max.write_text(written, encoding="ascii")
    assert workers._cpu_quota(str(cpu_max)) == quota
    assert workers._cpu_quota(str(tmp_path / "none")) is None


def test_an_interrupt_while_collecting_stops_every_child(monkeypatch: pytest.MonkeyPatch) -> None:
    shared = Shared(_sleeps_in_children, range(12), jobs=3)
    pids = [pid for pid, _, _ in shared._children]

    def interrupted(_pid: int, _read: int) -> tuple[bytes, int]:
        raise KeyboardInterrupt

    monkeypatch.setattr(workers, "_collect", interrupted)
    with pytest.raises(KeyboardInterrupt), shared:
        shared.results()
    assert len(pids) == 2
    for pid in pids:  # killed and reaped: the one being collected and the other
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_a_failure_while_forking_stops_the_children_started(
    monkeypatch: pytest.MonkeyPatch, forked: list[int]
) -> None:
    pipes = 0
    pipe = os.pipe

    def second_fails() -> tuple[int, int]:
        nonlocal pipes
        pipes += 1
        if pipes == 2:
            raise OSError(24, "Too many open files")
        return pipe()

    monkeypatch.setattr(os, "pipe", second_fails)
    with pytest.raises(OSError, match="Too many open files"):
        Shared(_sleeps_in_children, range(12), jobs=3)
    assert len(forked) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(forked[0], os.WNOHANG)
