"""Work shared with forked processes, while this one does something else: :class:`Shared`.

``cchc aggregate`` validates every input report, to name those with errors, and
consolidates them; the two are independent, and on ten thousand files each takes about a
second. :class:`Shared` hands most of the validations to child processes forked once the
reports are read (they see the reports without copying them), lets the command
consolidate meanwhile, then does its own part and collects the children's results.

A child sends back plain JSON (the rules each report breaks), never objects: nothing the
parent reads from a child is run or unpickled. A child that fails, is killed or sends
something else is not trusted: its share is worked again in this process, so that the
results are always those of the plain loop, in the order of the items. Where forking is
not safe or not worth it (not Linux, other threads running, one core, few items, ``--jobs
1``) everything is done in this process, as before.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Final, Generic, TypeVar

__all__ = ["MIN_ITEMS", "Shared", "usable_cores"]

T = TypeVar("T")
Work = Callable[[Sequence[T]], list[object]]
"""What is done to a slice of the items: one JSON value for each item, in order."""

MIN_ITEMS: Final = 1000
"""Fewest items worth a child process: forking and collecting cost a few milliseconds."""


def usable_cores() -> int:
    """How many cores this process may run on: its affinity, within its cgroup's CPU quota.

    A container limited to 2 CPUs on a host of 64 sees 64 cores in its affinity; the
    quota (``/sys/fs/cgroup/cpu.max``, cgroup v2: ``200000 100000``) says 2.

    >>> usable_cores() >= 1
    True
    """
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    quota = _cpu_quota()
    return max(1, min(cores, quota)) if quota is not None else cores


_CPU_MAX: Final = "/sys/fs/cgroup/cpu.max"


def _cpu_quota(path: str = _CPU_MAX) -> int | None:
    """The whole CPUs of the cgroup's quota (rounded up), or ``None`` without one."""
    try:
        quota, _, period = Path(path).read_text(encoding="ascii").partition(" ")
        if quota == "max":
            return None
        return -(-int(quota) // int(period))
    except (OSError, ValueError, ZeroDivisionError):  # no cgroup v2, or unreadable
        return None


def _can_fork() -> bool:
    """Whether forking is safe here: Linux, and no other thread that could hold a lock."""
    return sys.platform == "linux" and threading.active_count() == 1


class Shared(Generic[T]):
    """``work`` done on ``items``, partly by forked processes started at once.

    Args:
        work: What is done to a slice of the items; it returns one JSON value per item
            (it is run in the children and, for its own share, in this process).
        items: The items.
        jobs: How many processes may work, this one included (1: no child).
        own_cost: What this process does besides its share, meanwhile, as a fraction of
            ``work`` on all the items (``0.4``: as long as working on 40 % of them);
            this process keeps the share that makes it finish with the children.

    Use it as a context manager: children still running when the block ends (an
    exception in it) are stopped and reaped.

    >>> with Shared(lambda items: [n * n for n in items], range(5), jobs=1) as squares:
    ...     squares.results()
    [0, 1, 4, 9, 16]
    """

    def __init__(
        self, work: Work[T], items: Sequence[T], *, jobs: int, own_cost: float = 0.0
    ) -> None:
        self._work = work
        self._items = items
        self._children: list[tuple[int, int, range]] = []
        helpers = min(jobs - 1, len(items) // MIN_ITEMS) if _can_fork() else 0
        if helpers <= 0:
            self._own = [range(len(items))]
            return
        # this process ends with the children when it keeps the part p of the items
        # such that p + own_cost = (1 - p) / helpers
        part = max(0.0, (1 - own_cost * helpers) / (helpers + 1))
        kept = round(len(items) * part)
        given = len(items) - kept
        self._own = [range(given, len(items))]
        sys.stdout.flush()  # nothing buffered is written twice
        sys.stderr.flush()
        bounds = [given * i // helpers for i in range(helpers + 1)]
        try:
            for start, stop in itertools.pairwise(bounds):
                self._fork(range(start, stop))
        except BaseException:  # no pipe left (EMFILE), an interrupt: none left behind
            self.close()
            raise

    def _fork(self, share: range) -> None:
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no more processes allowed: this one works the share
            os.close(read)
            os.close(write)
            self._own.append(share)
            return
        if pid == 0:  # the child: work, send, and leave without running anything else
            _child(self._work, self._items[share.start : share.stop], read, write)
        os.close(write)
        self._children.append((pid, read, share))

    def results(self) -> list[object]:
        """One result per item, in order: this process's share, then the children's."""
        out: list[object] = [None] * len(self._items)
        for share in self._own:
            out[share.start : share.stop] = self._checked(share)
        while self._children:
            pid, read, share = self._children.pop(0)
            try:
                sent, status = _collect(pid, read)
            except BaseException:  # an interrupt while collecting: this one goes too
                _stop(pid)
                raise
            finally:
                os.close(read)
            found = _results(sent, status, len(share))
            out[share.start : share.stop] = (
                found if found is not None else self._checked(share)  # worked again here
            )
        return out

    def _checked(self, share: range) -> list[object]:
        found = self._work(self._items[share.start : share.stop])
        if len(found) != len(share):
            msg = f"the work gave {len(found)} results for {len(share)} items"
            raise ValueError(msg)
        return found

    def close(self) -> None:
        """Stop and reap the children not collected (after an exception)."""
        while self._children:
            pid, read, _ = self._children.pop()
            os.close(read)
            _stop(pid)

    def __enter__(self) -> Shared[T]:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _stop(pid: int) -> None:
    """Kill a child not collected, and reap it (it is ours until reaped: no other's pid)."""
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):  # reaped already
        pass


def _child(work: Work[T], items: Sequence[T], read: int, write: int) -> None:  # pragma: no cover
    """Run in a forked child (coverage does not follow it there): never returns."""
    code = 1
    try:
        os.close(read)
        view = memoryview(json.dumps(work(items), ensure_ascii=False).encode("utf-8"))
        while view:
            view = view[os.write(write, view) :]
        code = 0
    except BaseException:  # noqa: BLE001, S110  # any failure: the parent works the share again
        pass
    finally:
        os._exit(code)


def _collect(pid: int, read: int) -> tuple[bytes, int]:
    """What a child sent, to the end of its pipe, and its exit status (it is reaped)."""
    chunks = []
    with os.fdopen(read, "rb", closefd=False) as pipe:
        while chunk := pipe.read(1 << 20):
            chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    return b"".join(chunks), status


def _results(sent: bytes, status: int, count: int) -> list[object] | None:
    """A child's results, or ``None`` when it failed or sent something else."""
    if os.waitstatus_to_exitcode(status) != 0:
        return None
    try:
        found = json.loads(sent)
    except ValueError:
        return None
    return found if isinstance(found, list) and len(found) == count else None
