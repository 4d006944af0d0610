"""The reporting period: a small enum the report model needs at import time.

Its labels are :mod:`cchc_model.vi`'s (``format_period``), imported when first asked
for, so that the report model does not load the whole formatting module; its data
windows (``period_window``, documented there) are here, because validation asks for
them for every report.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from .public import publish

__all__ = ["MAX_YEAR", "MIN_YEAR", "WINDOWS", "Period"]


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
MIN_YEAR: Final = 1000
"""The years a period is written for: four digits."""
MAX_YEAR: Final = 9999


publish(globals())  # cchc_model.Name, not this module: see _model/public.py
