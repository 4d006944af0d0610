"""The reporting period: a small enum the report model needs at import time.

Its labels are :mod:`cchc_model.vi`'s (``format_period``), imported when first asked
for, so that the report model does not load the whole formatting module; its data
windows (``period_window``, documented there) are here, because validation asks for
them for every report.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final, TypeAlias

from .public import publish

__all__ = ["MAX_YEAR", "MIN_YEAR", "MONTHS", "WINDOWS", "Days", "Period", "When", "days"]

Days: TypeAlias = tuple[dt.date, dt.date]
"""The first and the last day of a report's period (:meth:`Period.span`)."""
When: TypeAlias = dt.date | Days
"""A report's period as the catalog and the rules ask it: its first and last day, or one day."""


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
        if type(year) is not int or not MIN_YEAR <= year <= MAX_YEAR:
            from ..vi import period_window  # noqa: PLC0415  # which says what is wrong

            return period_window(self, year)
        (first_month, first_day), (last_month, last_day) = WINDOWS[self]
        first_year = year - 1 if first_month == 12 else year  # noqa: PLR2004  # December
        return dt.date(first_year, first_month, first_day), dt.date(year, last_month, last_day)

    def span(self, year: int) -> Days:
        """The first and last day of the months the period is named for.

        *Quý III năm 2025* is July to September 2025, although its data window
        (:meth:`window`) opens on 15 June. What a report is asked, and which rules hold
        for it, follow the months it covers: a row about districts, which the reform of
        1 July 2025 abolished, is asked of a period that starts before that day.

        >>> Period.Q3.span(2025)
        (datetime.date(2025, 7, 1), datetime.date(2025, 9, 30))
        >>> Period.YEAR.span(2025)
        (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
        """
        self.window(year)  # the same check of the year
        first, last = MONTHS[self]
        return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])


WINDOWS: Final[Mapping[Period, tuple[tuple[int, int], tuple[int, int]]]] = MappingProxyType(
    {
        Period.Q1: ((12, 15), (3, 14)),
        Period.Q2: ((3, 15), (6, 14)),
        Period.Q3: ((6, 15), (9, 14)),
        Period.Q4: ((9, 15), (12, 14)),
        Period.H1: ((12, 15), (6, 14)),
        Period.H2: ((6, 15), (12, 14)),
        Period.M9: ((12, 15), (9, 14)),
        Period.YEAR: ((12, 15), (12, 14)),
    }
)
"""Each period's first and last day of data, as (month, day): see ``period_window``."""
MONTHS: Final[Mapping[Period, tuple[int, int]]] = MappingProxyType(
    {
        Period.Q1: (1, 3),
        Period.Q2: (4, 6),
        Period.Q3: (7, 9),
        Period.Q4: (10, 12),
        Period.H1: (1, 6),
        Period.H2: (7, 12),
        Period.M9: (1, 9),
        Period.YEAR: (1, 12),
    }
)
"""Each period's first and last month (:meth:`Period.span`)."""
MIN_YEAR: Final = 1000
"""The years a period is written for: four digits."""
MAX_YEAR: Final = 9999


def days(when: When) -> Days:
    """The first and last day of ``when``: a period's two days, or one day twice.

    >>> days(dt.date(2025, 6, 14))
    (datetime.date(2025, 6, 14), datetime.date(2025, 6, 14))
    """
    return (when, when) if isinstance(when, dt.date) else when


publish(globals())  # cchc_model.Name, not this module: see _model/public.py
