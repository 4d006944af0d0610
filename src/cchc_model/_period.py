"""TEMPORARY: stands in for cchc_model.vi.Period until the vi module lands."""

import enum

__all__ = ["Period"]


class Period(enum.Enum):
    """A reporting period."""

    Q1 = "q1"
    Q2 = "q2"
    Q3 = "q3"
    Q4 = "q4"
    H1 = "h1"
    H2 = "h2"
    M9 = "m9"
    YEAR = "year"
