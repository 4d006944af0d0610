"""The bundled example: report 341/BC-UBND of commune Hương Sơn, 6 months 2024."""

from __future__ import annotations

import functools
from importlib import resources

from .._io.interchange import loads
from .report import Report

__all__ = ["example", "example_json"]

_NAME = "huong-son-2024-h1.json"


def example_json() -> str:
    """The bundled example as its JSON document (the text shipped in the package)."""
    return (
        resources.files("cchc_model.templates.edition_2024")
        .joinpath(_NAME)
        .read_text(encoding="utf-8")
    )


@functools.cache
def example() -> Report:
    """The bundled example report, every filled cell exactly as reported.

    The report of UBND xã Hương Sơn (huyện Nam Đông, Thừa Thiên Huế), number
    341/BC-UBND of 10 June 2024, on the first 6 months of 2024, with Phụ lục 2–8.
    Reports are immutable, so the same object is returned each time.

    >>> report = example()
    >>> (
    ...     report.info.number,
    ...     report.info.date,
    ...     sum(len(t.filled()) for t in report.templates.values()),
    ... )
    ('341/BC-UBND', datetime.date(2024, 6, 10), 61)
    >>> report.pl2.plan_completion_rate, report.pl7.investment_planned
    (Decimal('78.94'), Decimal('3.887'))
    """
    return loads(example_json(), source=_NAME)
