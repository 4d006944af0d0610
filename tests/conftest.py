"""Shared fixtures and Hypothesis profiles."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

import robustness_log
from reference import SourceRow, read_source_rows

# No deadline and no "too slow" health check in either profile: on a loaded machine they
# fail tests for the machine's sake, not the code's (speed is measured in benchmarks/).
settings.register_profile(
    "default", max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# The rule cache (cchc_model._rules.cache) of the test run is its own, and goes with it:
# tests never read or write the user's cache; the commands the tests run inherit it.
_CACHE = tempfile.mkdtemp(prefix="cchc-test-cache-")
os.environ["CCHC_CACHE_DIR"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)


@pytest.fixture(scope="session")
def source_rows() -> list[SourceRow]:
    return read_source_rows()


def pytest_sessionfinish(session: pytest.Session) -> None:
    """In a worker of pytest-xdist, hand what the robustness tests ran to the controller."""
    output = getattr(session.config, "workeroutput", None)
    if output is not None:
        output["robustness"] = robustness_log.dump()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any) -> None:  # xdist's WorkerController
    """In the controller of pytest-xdist, add up what each worker's robustness tests ran."""
    data = getattr(node, "workeroutput", {}).get("robustness")
    if data is not None:
        robustness_log.merge(data)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say how many adversarial inputs ran and the largest time ratio seen."""
    for line in robustness_log.summary():
        terminalreporter.write_line(line)


@pytest.fixture
def forked(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The children forked during the test (their pids, as the parent saw them)."""
    started: list[int] = []
    fork = os.fork

    def counted() -> int:
        pid = fork()
        if pid:
            started.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", counted)
    return started
