"""The example report an edition ships (for the built-in one: 341/BC-UBND of Hương Sơn)."""

from __future__ import annotations

from .._io.interchange import loads
from .catalog import Edition
from .catalog import edition as get_edition
from .errors import CodeError
from .public import publish
from .report import Report

__all__ = ["example", "example_json"]


def _with_example(edition_id: str | None) -> Edition:
    ed = get_edition(edition_id)
    if ed.example is None:
        raise CodeError(
            f"edition {ed.id} ships no example report",
            f"bộ biểu mẫu {ed.id} không kèm báo cáo mẫu",
            template=None,
            code=None,
        )
    return ed


def example_json(edition: str | None = None) -> str:
    """The example of ``edition`` (default: the current one) as its JSON document.

    Raises:
        CodeError: No such edition, or it ships no example.
    """
    return _read(_with_example(edition))


def example(edition: str | None = None) -> Report:
    """The example report of ``edition`` (default: the current one), exactly as filed.

    The built-in edition's example is the report of UBND xã Hương Sơn (huyện Nam Đông,
    Thừa Thiên Huế), number 341/BC-UBND of 10 June 2024, on the first 6 months of 2024,
    with Phụ lục 2–8. Reports are immutable, so the same object is returned each time.

    Raises:
        CodeError: No such edition, or it ships no example.

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
    ed = _with_example(edition)
    # kept per edition object: one registered again may compare equal with another file
    found = _EXAMPLES.get(id(ed))
    if found is None or found[0] is not ed:
        found = _EXAMPLES[id(ed)] = (ed, _example(ed))
    return found[1]


_EXAMPLES: dict[int, tuple[Edition, Report]] = {}


def _read(ed: Edition) -> str:
    assert ed.example is not None  # noqa: S101  # see _with_example
    return ed.example.read_text(encoding="utf-8")


def _example(ed: Edition) -> Report:
    assert ed.example is not None  # noqa: S101  # see _with_example
    return loads(_read(ed), source=ed.example.name)


publish(globals())  # cchc_model.Name, not this module: see _model/public.py
