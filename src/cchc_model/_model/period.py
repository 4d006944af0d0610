"""The reporting period: a small enum the report model needs at import time.

Its labels and data windows are :mod:`cchc_model.vi`'s (``format_period``,
``period_window``), imported when first asked for, so that the report model does not
load the whole formatting module.
"""

from __future__ import annotations

import datetime as dt
import enum

__all__ = ["Period"]


class Period(enum.Enum):
    """A reporting period of a periodic report (*kỳ báo cáo*).

    Each period knows its label and its data window for a year:

    >>> Period.Q1.label(2024), Period.Q1.window(2024)
    ('Quý I năm 2024', (datetime.date(2023, 12, 15), datetime.date(2024, 3, 14)))
    >>> Period("h2")
    <Period.H2: 'h2'>
    """

    Q1 = "q1"
    Q2 = "q2"
    Q3 = "q3"
    Q4 = "q4"
    H1 = "h1"
    H2 = "h2"
    M9 = "m9"
    YEAR = "year"

    def label(self, year: int) -> str:
        """The period as report titles write it; see :func:`~cchc_model.vi.format_period`."""
        from ..vi import format_period  # noqa: PLC0415  # see the module docstring

        return format_period(self, year)

    def window(self, year: int) -> tuple[dt.date, dt.date]:
        """The first and last day of its data; see :func:`~cchc_model.vi.period_window`."""
        from ..vi import period_window  # noqa: PLC0415

        return period_window(self, year)
