"""What the robustness tests ran, for the summary at the end of the session.

``test_properties_robustness.py`` counts the inputs it feeds the library, and
``test_robustness_growth.py`` records the ratio of times of each of its cases; the
session's summary (``conftest.pytest_terminal_summary``) says how many inputs ran and
the largest ratio seen.
"""

from __future__ import annotations

RATIOS: dict[str, tuple[float, int]] = {}
"""Each growth case's ratio of times, and the first size ``n`` it was measured at."""
COUNTS: dict[str, int] = {"inputs": 0}


def inputs(count: int = 1) -> None:
    """Count ``count`` inputs fed to the library by a robustness test."""
    COUNTS["inputs"] += count


def ratio(case: str, value: float, size: int) -> None:
    """Record the ratio of times of a growth case."""
    RATIOS[case] = (value, size)


def dump() -> dict[str, object]:
    """What this process recorded, for the process that reports the session (pytest-xdist)."""
    return {"ratios": dict(RATIOS), "inputs": COUNTS["inputs"]}


def merge(data: dict[str, object]) -> None:
    """Add what a worker process recorded (:func:`dump`) to this process's record."""
    ratios = data["ratios"]
    inputs_run = data["inputs"]
    assert isinstance(ratios, dict)
    assert isinstance(inputs_run, int)
    for case, (value, size) in ratios.items():
        RATIOS[case] = (float(value), int(size))
    COUNTS["inputs"] += inputs_run


def summary() -> list[str]:
    """The lines of the session's summary, or none when no robustness test ran."""
    if not COUNTS["inputs"]:
        return []
    lines = [f"robustness: {COUNTS['inputs']:,} adversarial inputs run"]
    if RATIOS:
        worst = max(RATIOS, key=lambda name: RATIOS[name][0])
        lines.append(
            f"robustness: {len(RATIOS)} growth cases; largest time ratio at 8x the input:"
            f" {RATIOS[worst][0]:.1f} ({worst}; linear 8, quadratic 64)"
        )
    return lines
