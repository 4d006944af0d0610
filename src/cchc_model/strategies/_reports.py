"""Strategies for report metadata, templates and whole reports, consistent or not.

Private to :mod:`cchc_model.strategies`, which documents and re-exports them.

A consistent report is built leaves first: the counts nothing is computed from are
drawn, then what derives from them (totals over the children asked at the level, ratios
rounded half-up, identities), then the parts bounded by their wholes (a part is drawn
between 0 and its whole, never filtered). For the built-in edition the rules are those
of ``templates/edition_2024/rules.toml``, and each function below says which it builds;
for an edition of your own, the builder reads its rules (see :func:`generic_values`).

The rows asked follow the report's level and the last day of its period's data: a report
on a period after 1 July 2025 is asked no row about districts, and no district files one.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import random
from collections.abc import Collection, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final, TypeGuard, TypeVar

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from .._model.catalog import Edition
from .._model.catalog import edition as get_edition
from .._model.period import When, days
from .._model.report import Report, ReportInfo
from .._model.template import MAX_INTEGER_DIGITS, Indicator, Template, Value
from .._model.units import (
    TWO_TIER_SINCE,
    AdminLevel,
    Code,
    Completion,
    Kind,
    MeetingSystem,
    Progress,
    SurveyMethod,
    YesNo,
)
from .._rules.derive import DEFAULT_DECIMALS, derive
from .._rules.expr import Compare, Ref
from .._rules.interval import round_half_up
from .._rules.rulesets import builtin_rules
from ..templates.edition_2024 import EDITION_2024
from ..vi import Period
from . import _values as sv

__all__ = [
    "Values",
    "arbitrary_template",
    "blank_cells",
    "build_template",
    "chosen_templates",
    "consistent_values",
    "generic_values",
    "report_infos",
    "reports",
    "split",
    "template_ids",
    "templates",
]

T = TypeVar("T")
Values = dict[str, dict[str, Value]]
"""Cell values by template id, then by official code."""

# --- metadata -----------------------------------------------------------------------------

_BOOLEANS: Final = st.booleans()
_RECIPIENTS: Final = {
    AdminLevel.PROVINCE: st.sampled_from(("Bộ Nội vụ", "Văn phòng Chính phủ")),
    AdminLevel.DEPARTMENT: st.sampled_from(("Ủy ban nhân dân tỉnh", "Sở Nội vụ")),
    AdminLevel.DISTRICT: st.sampled_from(("Ủy ban nhân dân tỉnh", "Sở Nội vụ")),
    AdminLevel.COMMUNE: st.sampled_from(("Ủy ban nhân dân huyện Nam Đông", "Phòng Nội vụ huyện")),
}
_SIGNER_TITLES: Final = st.sampled_from(
    (
        "TM. ỦY BAN NHÂN DÂN, CHỦ TỊCH",
        "TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH, PHÓ CHỦ TỊCH",
        "GIÁM ĐỐC",
    )
)
_UNIT_CODE_DIGITS: Final = {
    AdminLevel.PROVINCE: 2,
    AdminLevel.DEPARTMENT: 5,
    AdminLevel.DISTRICT: 3,
    AdminLevel.COMMUNE: 5,
}
_DISTRICTS_END: Final = 2025
"""The last year districts filed reports (two-tier local government from 1 July 2025):
only on periods whose data end before that day (:meth:`AdminLevel.files_for`)."""


def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


def _check_choice(value: object, kind: type, name: str) -> None:
    if value is not None and not isinstance(value, kind):
        raise InvalidArgument(f"{name} must be a {kind.__name__} or None, got {value!r}")


def report_infos(
    *,
    level: AdminLevel | None = None,
    period: Period | None = None,
    year: int | None = None,
    realistic: bool = True,
) -> st.SearchStrategy[ReportInfo]:
    """The metadata of a report (:class:`~cchc_model.ReportInfo`).

    Args:
        level: Only this level (default: any).
        period: Only this period (default: any).
        year: Only this year (default: 2016–2035, or up to 2025 for a district, whose
            report is then on a period that ends before 1 July 2025).
        realistic: Metadata as units write it: an agency named for its level (*UBND xã
            Hương Sơn*), a number such as ``341/BC-UBND``, a date near the end of the
            period's data window, Vietnamese names. With ``False``, any text in every
            text field (formula-like starts, every character a file can hold) and any
            year from 1900, for testing writers and readers.

    Shrinks towards a province's report on the first quarter of 2024 with only the
    required fields.

    >>> from hypothesis import find
    >>> info = find(report_infos(level=AdminLevel.COMMUNE), lambda i: i.number is not None)
    >>> info.agency.startswith(("UBND xã", "UBND phường", "UBND thị trấn", "UBND đặc khu"))
    True
    >>> "/BC-" in info.number
    True
    """
    return _infos(level, period, year, realistic=realistic, years=None)


def _infos(
    level: AdminLevel | None,
    period: Period | None,
    year: int | None,
    *,
    realistic: bool,
    years: tuple[int, int] | None,
) -> st.SearchStrategy[ReportInfo]:
    """:func:`report_infos`, with the realistic years in ``years`` when given."""
    _check_choice(level, AdminLevel, "level")
    _check_choice(period, Period, "period")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise InvalidArgument(f"year must be an int or None, got {year!r}")
    if realistic and level is AdminLevel.DISTRICT and year is not None and year > _DISTRICTS_END:
        raise InvalidArgument(
            f"no district files a report on {year}: two-tier local government since 1 July 2025"
        )
    levels = sv.levels() if level is None else st.just(level)
    if level is None and realistic and years is not None:
        # the levels that file reports in the edition's years (no district after 2025)
        first_period = Period.Q1.span(years[0])
        levels = st.sampled_from([lv for lv in AdminLevel if lv.files_for(first_period)])
    periods = sv.periods() if period is None else st.just(period)
    if realistic:
        return _realistic_infos(levels, periods, year, years or (0, 9999))
    texts = sv.texts()
    return st.builds(
        ReportInfo,
        agency=st.just("UBND xã Hương Sơn") | texts.map(lambda t: "UBND xã " + t),
        level=levels,
        period=periods,
        year=st.integers(1900, 9999) if year is None else st.just(year),
        place=_optional(texts),
        number=_optional(st.sampled_from(["341/BC-UBND", "=1+1", "-5", "'x"]) | texts),
        date=_optional(st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31))),
        recipient=_optional(texts),
        signer=_optional(texts),
        signer_title=_optional(texts),
        unit_code=_optional(st.sampled_from(["19897", "00123"]) | texts),
        province=_optional(texts),
        district=_optional(texts),
    )


def _maybe(draw: st.DrawFn, strategy: st.SearchStrategy[T]) -> T | None:
    """A value of ``strategy`` or ``None``; shrinks towards ``None``."""
    return draw(strategy) if draw(_BOOLEANS) else None


def _realistic_infos(
    levels: st.SearchStrategy[AdminLevel],
    periods: st.SearchStrategy[Period],
    year: int | None,
    years: tuple[int, int] = (0, 9999),
) -> st.SearchStrategy[ReportInfo]:
    @st.composite
    def report_infos(draw: st.DrawFn) -> ReportInfo:
        level = draw(levels)
        period = draw(periods)
        last = _DISTRICTS_END if level is AdminLevel.DISTRICT else _LAST_YEAR
        first, last = max(_FIRST_YEAR, years[0]), min(last, years[1])
        if first > last:  # the years of an edition beyond the usual span
            first, last = years
        chosen = sv.draw_year(draw, first, last) if year is None else year
        if not level.files_for(period.span(chosen)):
            # a district's report on a period of 2025 it did not live to the end of: the
            # first half instead
            period = Period.H1
        end = period.span(chosen)[1]
        place = draw(_PLACE_NAMES)
        forms = _AGENCY_FORMS_TWO_TIER.get(level) if end >= TWO_TIER_SINCE else None
        agency = draw(_AGENCY_FORMS[level] if forms is None else forms).format(place)
        number = _maybe(draw, _DOCUMENT_NUMBERS)
        issuer = "SNV" if level is AdminLevel.DEPARTMENT else "UBND"
        digits = _UNIT_CODE_DIGITS[level]
        unit_code = _maybe(draw, _UNIT_CODES[digits])
        has_district = level in (AdminLevel.DISTRICT, AdminLevel.COMMUNE)
        # drawn whether or not it is kept, so that shrinking the year towards 2024 does
        # not lengthen the example (Hypothesis would then refuse it as not simpler)
        district = _maybe(draw, _PLACE_NAMES)
        return ReportInfo(
            agency=agency,
            level=level,
            period=period,
            year=chosen,
            place=place if draw(_BOOLEANS) else None,
            number=None if number is None else f"{number:02d}/BC-{issuer}",
            date=_maybe(draw, sv.report_dates(period, chosen)),
            recipient=_maybe(draw, _RECIPIENTS[level]),
            signer=_maybe(draw, _PERSON_NAMES),
            signer_title=_maybe(draw, _SIGNER_TITLES),
            unit_code=None if unit_code is None else f"{unit_code:0{digits}d}",
            province=_maybe(draw, _PLACE_NAMES),
            district=district if has_district and end < TWO_TIER_SINCE else None,
        )

    return report_infos()


_AGENCY_FORMS: Final = {level: st.sampled_from(forms) for level, forms in sv.AGENCY_FORMS.items()}
_AGENCY_FORMS_TWO_TIER: Final = {
    AdminLevel.COMMUNE: st.sampled_from(
        (
            *(form for form in sv.AGENCY_FORMS[AdminLevel.COMMUNE] if "thị trấn" not in form),
            "UBND đặc khu {}",
        )
    )
}
"""The commune forms after 1 July 2025: *xã*, *phường* and *đặc khu* (no *thị trấn*); a
province is then a *tỉnh* or a *thành phố*, as before."""
_PLACE_NAMES: Final = sv.place_names()
_PERSON_NAMES: Final = sv.person_names()
_DOCUMENT_NUMBERS: Final = st.integers(1, 999)
_UNIT_CODES: Final = {digits: st.integers(1, 10**digits - 1) for digits in (2, 3, 5)}
_FIRST_YEAR: Final = 2016
_LAST_YEAR: Final = 2035


# --- consistent values --------------------------------------------------------------------


@functools.cache
def _asked(ed: Edition, level: AdminLevel, end: When | None) -> frozenset[tuple[str, str]]:
    return frozenset(
        (row.template, row.code) for row in ed.indicators() if row.applies_to(level, end)
    )


def infos_between(
    level: AdminLevel, first: int, last: int, periods: Collection[Period] | None = None
) -> st.SearchStrategy[ReportInfo]:
    """Realistic metadata of a report of ``level`` on a year from ``first`` to ``last``.

    ``periods``: only these periods (default: any).
    """
    drawn = (
        sv.periods() if periods is None else st.sampled_from([p for p in Period if p in periods])
    )
    return _realistic_infos(st.just(level), drawn, None, (first, last))


_ONE_UNIT: Final = {
    AdminLevel.DEPARTMENT: (("PL5", "1.1"), ("PL8", "5.1.1"), ("PL8", "5.3.1")),
    AdminLevel.DISTRICT: (("PL5", "1.2"),),
    AdminLevel.COMMUNE: (("PL8", "5.1.3"), ("PL8", "5.3.3")),
}
"""The rates about the reporting unit alone, 0 or 100 (the ``single`` rules)."""

_BLANK_TOGETHER: Final = {("PL2", "7"): ("7.1", "7.2")}
"""A row whose blank, with the rows after it filled, would be an omission (PL2.blank.7)."""


_COUNT_LIMITS: Final = {"Hồ sơ": 50_000, "Người": 2_000, "Thủ tục": 2_000, "Số lượng": 5_000}
_DEFAULT_LIMIT: Final = 300


@functools.cache
def _rows(ed: Edition) -> Mapping[tuple[str, str], Indicator]:
    return {(row.template, row.code): row for row in ed.indicators()}


def split(draw: st.DrawFn, total: int, n: int) -> list[int]:
    """``n`` counts that sum to ``total``; shrinks towards ``[0, …, 0, total]``."""
    cuts = sorted(sv.draw_int(draw, 0, total) for _ in range(n - 1))
    return [b - a for a, b in itertools.pairwise([0, *cuts, total])]


class _Builder:
    """Draws the values of one consistent report at one level, leaves first."""

    def __init__(
        self, draw: st.DrawFn, level: AdminLevel, ed: Edition, end: When | None = None
    ) -> None:
        self.draw = draw
        self.level = level
        self.end = end
        self.last = None if end is None else days(end)[1]
        self.rows = _rows(ed)
        self.asked_cells = _asked(ed, level, end)
        self.one_unit = frozenset(_ONE_UNIT.get(level, ()))
        self.values: Values = {}

    def lapsed(self, tid: str, code: str) -> bool:
        """Whether the row is asked of the level but not of the report's period."""
        row = self.rows[tid, code]
        return row.applies_to(self.level) and not row.applies_to(self.level, self.end)

    def ended(self, tid: str, code: str) -> bool:
        """Whether the row, asked of the level, ended before the report's period did.

        Not asked (a later period) or asked for its first months only (the year 2025).
        """
        row = self.rows[tid, code]
        until, last = row.until, self.last
        return (
            row.applies_to(self.level) and until is not None and last is not None and last >= until
        )

    def asked(self, tid: str, code: str) -> bool:
        return (tid, code) in self.asked_cells

    def put(self, tid: str, code: str, value: Value | None) -> None:
        if value is not None and (tid, code) in self.asked_cells:
            self.values.setdefault(tid, {})[code] = value

    def count(self, tid: str, code: str, high: int | None = None, low: int = 0) -> int:
        """Draw a count for a row asked at the level (0 for a row not asked)."""
        if (tid, code) not in self.asked_cells:
            return 0
        if high is None:
            unit = self.rows[tid, code].unit
            high = _COUNT_LIMITS.get(unit.label if unit else "", _DEFAULT_LIMIT)
        value = sv.draw_int(self.draw, low, max(low, high))
        self.values.setdefault(tid, {})[code] = value
        return value

    def percent(self, tid: str, code: str) -> None:
        if (tid, code) in self.one_unit:  # about the reporting unit alone: 0 or 100
            self.put(tid, code, self.draw(_ALL_OR_NOTHING))
        elif (tid, code) in self.asked_cells:
            self.put(tid, code, sv.draw_decimal(self.draw, 0, 100, self.places(tid, code)))

    def places(self, tid: str, code: str) -> tuple[int, int]:
        decimals = self.rows[tid, code].decimals
        return (0, DEFAULT_DECIMALS if decimals is None else decimals)

    def ratio(self, tid: str, code: str, part: Fraction | int, whole: Fraction | int) -> None:
        """``part / whole × 100``, rounded half-up to 0–2 decimals; blank when ``whole`` is 0."""
        if whole > 0 and (tid, code) in self.asked_cells:
            written = sv.draw_int(self.draw, *self.places(tid, code))
            self.put(tid, code, round_half_up(Fraction(part) * 100 / Fraction(whole), written))

    def ratio_group(
        self, tid: str, rate: str, whole: str, part: str, high: int | None = None
    ) -> tuple[int, int]:
        """The whole (at most ``high``), the part drawn from 0 to it, and their ratio."""
        total = self.count(tid, whole, high=high)
        done = self.count(tid, part, high=total)
        self.ratio(tid, rate, done, total)
        return total, done

    def reduction(self, tid: str, code: str) -> None:
        """A reduction since 2015 in %: at most 100, negative where things grew."""
        if (tid, code) in self.asked_cells:
            cut = sv.draw_decimal(self.draw, 0, 100, self.places(tid, code))
            self.put(tid, code, -cut if self.draw(_BOOLEANS) else cut)

    def split(self, total: int, n: int) -> list[int]:
        return split(self.draw, total, n)

    def total(self, tid: str, code: str, children: tuple[str, ...]) -> int:
        """The children asked at the level, and their sum in ``code``."""
        asked = [c for c in children if self.asked(tid, c)]
        total = sum(self.count(tid, c) for c in asked)
        if asked:
            self.put(tid, code, total)
        return total

    def code(self, tid: str, code: str, code_list: type[Code]) -> int:
        if (tid, code) not in self.asked_cells:
            return 0
        member = self.draw(sv.codes(code_list))
        self.put(tid, code, member)
        return int(member)


def _pl2(b: _Builder) -> None:
    """PL2.ratio.*, PL2.part.*, PL2.parts.5.1 and 6.1, PL2.condition.*."""
    b.count("PL2", "1")
    b.ratio_group("PL2", "2", "2.1", "2.2")
    b.count("PL2", "3.1")
    b.count("PL2", "3.2")
    b.ratio_group("PL2", "3.3", "3.3.1", "3.3.2")
    b.count("PL2", "4.1")
    b.percent("PL2", "4.2")
    for head in ("5", "6"):
        assigned = b.count("PL2", f"{head}.1")
        kinds = b.split(sv.draw_int(b.draw, 0, assigned), 3)  # on time, late, overdue
        for index, value in enumerate(kinds, 2):
            b.put("PL2", f"{head}.{index}", value)
    held = b.code("PL2", "7", YesNo)
    if held:  # a survey held has forms (PL2.condition.7) and a method
        b.count("PL2", "7.1", low=1)
        b.code("PL2", "7.2", SurveyMethod)
    elif b.draw(_BOOLEANS):  # none held: no forms, written 0 or left blank
        b.put("PL2", "7.1", 0)
    b.code("PL2", "8", YesNo)


def _pl3(b: _Builder) -> None:
    """PL3.total.1 over the rows asked, PL3.ratio.*, PL3.part.* (a district's own checks)."""
    b.total("PL3", "1", ("1.1", "1.2", "1.3"))
    own = b.level is AdminLevel.DISTRICT  # PL3.part.2.2.1 and 3.2.1
    checked = b.count("PL3", "2.1")
    b.ratio_group("PL3", "2.2", "2.2.1", "2.2.2", high=checked if own else None)
    reviewed = b.count("PL3", "3.1")
    b.ratio_group("PL3", "3.2", "3.2.1", "3.2.2", high=reviewed if own else None)


def _pl4(b: _Builder) -> int:
    """PL4.total.1.4, PL4.ratio.*, PL4.part.*; returns the procedures of 1.4."""
    for code in ("1.1", "1.2", "1.3"):
        b.count("PL4", code)
    procedures = b.total("PL4", "1.4", ("1.4.1", "1.4.2", "1.4.3"))
    for code in ("2.1", "2.2", "2.3"):  # linked procedures are procedures of the locality
        b.count("PL4", code, high=procedures)
    for head in ("3.1", "3.2", "3.3", "3.4"):
        b.ratio_group("PL4", head, f"{head}.1", f"{head}.2")
    return procedures


def _pl5(b: _Builder) -> int:
    """PL5's rules; returns 1.5.

    PL5.total.1.5 (a free count where no part is asked; at least the parts where the
    period ends after one ended with the districts, PL5.parts.1.5), PL5.plausible.*,
    PL5.single.*. The
    reductions since 2015 (1.5.4, 2.5, 3.4) may be negative: units and staff may have
    grown since.
    """
    b.percent("PL5", "1.1")
    b.percent("PL5", "1.2")
    b.count("PL5", "1.3")
    b.count("PL5", "1.4")
    children = ("1.5.1", "1.5.2", "1.5.3")
    if any(b.ended("PL5", c) for c in children):
        parts = sum(b.count("PL5", c) for c in children if b.asked("PL5", c))
        units = b.count("PL5", "1.5", high=parts + _DEFAULT_LIMIT, low=parts)
    elif any(b.asked("PL5", c) for c in children):
        units = b.total("PL5", "1.5", children)
    else:
        units = b.count("PL5", "1.5")
    b.reduction("PL5", "1.5.4")
    for quota, present in (("2.1", "2.2"), ("3.1", "3.2")):  # staff present <= quota
        b.count("PL5", present, high=b.count("PL5", quota))
    for code in ("2.3", "2.4", "3.3"):
        b.count("PL5", code)
    b.reduction("PL5", "2.5")
    b.reduction("PL5", "3.4")
    return units


def _pl6(b: _Builder, units: int) -> None:
    """PL6.cross.1.2: units with approved positions are units of PL5 1.5."""
    for code in ("1.1", "1.3", "2.1", "2.2", "2.3", "2.4", "2.5", "3", "4.1", "4.2", "4.3", "4.4"):
        b.count("PL6", code)
    b.count("PL6", "1.2", high=units)


def _pl7(b: _Builder, units: int) -> None:
    """PL7's rules.

    PL7.ratio.1 (0–2 decimals), PL7.scale.*, PL7.nation.*, PL7.parts.2.1, PL7.total.2.4,
    PL5.cross.1.5.
    """
    # a commune's amounts stay within PL7.scale.1.1 (1 000 tỷ đồng), the others' within 10 000 tỷ
    high = 1_000_000 if b.level is AdminLevel.COMMUNE else 10_000_000
    planned = sv.draw_decimal(b.draw, 0, high, (0, 2))
    done = sv.draw_decimal(b.draw, 0, high, (0, 2))
    b.put("PL7", "1.1", planned)
    b.put("PL7", "1.2", done)
    b.ratio("PL7", "1", Fraction(done), Fraction(planned))
    b.put("PL7", "2.1", units)
    # units whose autonomy plan is not yet approved are in no group (PL7.parts.2.1)
    groups = b.split(sv.draw_int(b.draw, 0, units), 4)
    for code, value in zip(("2.2", "2.3", "2.4", "2.5"), groups, strict=True):
        b.put("PL7", code, value)
    for code, value in zip(("2.4.1", "2.4.2", "2.4.3"), b.split(groups[2], 3), strict=True):
        b.put("PL7", code, value)
    b.count("PL7", "2.6", high=units)


def _pl8(b: _Builder, procedures: int) -> None:
    """PL8's rules; the procedures counted are bounded by PL4 1.4 (``procedures``)."""
    b.code("PL8", "1", Completion)
    b.code("PL8", "2", MeetingSystem)
    b.percent("PL8", "3")
    b.code("PL8", "4", Progress)
    for code in ("5.1.1", "5.1.2", "5.1.3", "5.2.1", "5.2.2", "5.2.3", "5.3.1", "5.3.2", "5.3.3"):
        b.percent("PL8", code)
    parts = [v for c, v in b.values.get("PL8", {}).items() if c.startswith("5.2.")]
    if parts:  # the locality's rate lies between its parts' (PL8.range.5.2)
        low, high = Fraction(min(parts)), Fraction(max(parts))
        share = Fraction(sv.draw_int(b.draw, 0, 100), 100)
        written = sv.draw_int(b.draw, *b.places("PL8", "5.2"))
        b.put("PL8", "5.2", round_half_up(low + (high - low) * share, written))
    eligible3 = b.count("PL8", "6.1.1", high=procedures)
    eligible4 = b.count("PL8", "6.2.1", high=procedures - eligible3)
    provided = []
    with_dossiers = 0
    for head, eligible in (("6.1", eligible3), ("6.2", eligible4)):
        online = b.count("PL8", f"{head}.2", high=eligible)
        b.ratio("PL8", head, online, eligible)
        with_dossiers += b.count("PL8", f"{head}.3", high=online)
        provided.append(online)
    online_total = sum(provided)
    b.put("PL8", "6.3.1", online_total)  # PL8.identity.6.3.1
    portal = b.count("PL8", "6.3.2", high=online_total)
    b.ratio("PL8", "6.3", portal, online_total)
    # dossiers received online: at least one per procedure with online dossiers, and
    # none unless some procedure had them (PL8.condition.6.4.2 and 6.1.3)
    received_online = with_dossiers + (sv.draw_int(b.draw, 0, 500) if with_dossiers else 0)
    received = received_online + sv.draw_int(b.draw, 0, 500)
    b.put("PL8", "6.4.1", received)
    b.put("PL8", "6.4.2", received_online)
    b.ratio("PL8", "6.4", received_online, received)
    fees = b.count("PL8", "6.5.1", high=procedures)
    paid = b.count("PL8", "6.5.2", high=min(fees, online_total))  # PL8.cross.6.5.2
    b.ratio("PL8", "6.5", paid, fees)


def consistent_values(
    draw: st.DrawFn,
    level: AdminLevel,
    wanted: Collection[str],
    end: When | None = None,
    ed: Edition = EDITION_2024,
) -> Values:
    """The values of the templates ``wanted`` of a report that satisfies every built-in rule.

    ``end``: the report's period, its first and last day
    (:meth:`~cchc_model.Period.span`), which decides the rows asked (``None``: by level
    alone). A value another template is bounded by is drawn freely when that template is
    not wanted (PL4 1.4 for PL8, PL5 1.5 for PL6 and PL7). For an edition
    other than the built-in one, see :func:`generic_values`.
    """
    if ed != EDITION_2024:
        return generic_values(draw, level, wanted, ed, end)
    b = _Builder(draw, level, ed, end)
    if "PL2" in wanted:
        _pl2(b)
    if "PL3" in wanted:
        _pl3(b)
    procedures = _pl4(b) if "PL4" in wanted else sv.draw_int(draw, 0, 2_000)
    units = _pl5(b) if "PL5" in wanted else sv.draw_int(draw, 0, 300)
    if "PL6" in wanted:
        _pl6(b, units)
    if "PL7" in wanted:
        _pl7(b, units)
    if "PL8" in wanted:
        _pl8(b, procedures)
    return {tid: cells for tid, cells in b.values.items() if tid in wanted}


@functools.cache
def _generic_plan(ed: Edition) -> tuple[tuple[Indicator, ...], Mapping[str, str]]:
    """The rows drawn (those no derive rule computes), wholes first, and each part's whole.

    A part is the numerator of a ratio rule or the left side of a rule ``A <= B``
    between two rows, when its whole is drawn too.
    """
    rules = builtin_rules(ed.id)
    derived = {rule.references[0].key for rule in rules if rule.derive}
    bounds: dict[str, str] = {}
    for rule in rules:
        tree = rule.tree
        if rule.kind == "ratio" and len(rule.references) == 3:  # noqa: PLR2004  # rate, part, whole
            part, whole = rule.references[1].key, rule.references[2].key
        elif isinstance(tree, Compare) and tree.ops == ("<=",):
            sides = [side.key for side in tree.operands if isinstance(side, Ref)]
            if len(sides) != 2:  # noqa: PLR2004  # a row on each side
                continue
            part, whole = sides
        else:
            continue
        if part not in derived and whole not in derived and part != whole:
            bounds.setdefault(part, whole)
    rows = [row for row in ed.indicators() if not row.is_heading]
    drawn = [row for row in rows if f"{row.template}:{row.code}" not in derived]

    # wholes before their parts: a row's depth in the chain of bounds
    def depth(key: str, seen: frozenset[str] = frozenset()) -> int:
        whole = bounds.get(key)
        return 0 if whole is None or whole in seen else 1 + depth(whole, seen | {key})

    drawn.sort(key=lambda row: depth(f"{row.template}:{row.code}"))
    return tuple(drawn), bounds


def generic_values(
    draw: st.DrawFn,
    level: AdminLevel,
    wanted: Collection[str],
    ed: Edition,
    end: When | None = None,
) -> Values:
    """Leaves of a consistent report of any edition; its derive rules then complete them.

    Every row that no derive rule of the edition computes is drawn within its domain
    (counts from 0, percentages 0–100, amounts 0–10 000 000 with 0–2 decimals, codes of
    the list), a part between 0 and its whole (the numerator of a ratio rule, the left
    side of ``PLn:a <= PLn:b``); :func:`~cchc_model.derive` then computes the totals
    and ratios.
    The rules of other shapes (conditions, identities across templates) are not built
    for, and may fail.
    """
    b = _Builder(draw, level, ed, end)
    drawn, bounds = _generic_plan(ed)
    for row in drawn:
        tid, code = row.template, row.code
        if tid not in wanted:
            continue
        kind = row.kind
        whole = bounds.get(f"{tid}:{code}")
        high: int | None = None
        if whole is not None:  # drawn before: wholes come first
            wtid, _, wcode = whole.partition(":")
            bound = b.values.get(wtid, {}).get(wcode)
            high = int(bound) if bound is not None else 0  # a whole of 250.5: up to 250
        if kind is Kind.COUNT:
            b.count(tid, code, high=high)
        elif kind is Kind.PERCENT and b.asked(tid, code):
            places = b.places(tid, code)
            b.put(
                tid, code, sv.draw_decimal(draw, 0, min(100, 100 if high is None else high), places)
            )
        elif kind is Kind.MONEY:
            top = 10_000_000 if high is None else high
            b.put(tid, code, sv.draw_decimal(draw, 0, top, (0, 2)))
        elif row.code_list is not None:
            b.code(tid, code, row.code_list)
    return {tid: cells for tid, cells in b.values.items() if tid in wanted}


# --- arbitrary values -------------------------------------------------------------------


def _any_value(row: Indicator) -> st.SearchStrategy[Value]:
    kind = row.kind
    if kind is Kind.COUNT:
        return st.integers(-_LARGEST, _LARGEST)
    if kind is Kind.CODE:
        assert row.code_list is not None  # noqa: S101  # a coded row has its list
        members: st.SearchStrategy[Value] = st.sampled_from(list(row.code_list))
        return members | st.integers(-3, 99)
    return st.integers(0, 6).flatmap(_decimals_of)


_LARGEST: Final = 10**MAX_INTEGER_DIGITS - 1
"""The largest value of a report (the bound every reader and the constructor check)."""


@functools.cache
def _decimals_of(places: int) -> st.SearchStrategy[Value]:
    """Decimals with ``places`` decimals, anywhere within the bound of a report."""
    largest = (_LARGEST + 1) * 10**places - 1
    return st.builds(sv.decimal_of, st.integers(-largest, largest), st.just(places))


_ARBITRARY: dict[type[Template], st.SearchStrategy[dict[str, Value]]] = {}


def _arbitrary_cells(cls: type[Template]) -> st.SearchStrategy[dict[str, Value]]:
    found = _ARBITRARY.get(cls)
    if found is None:
        optional = {row.code: _any_value(row) for row in cls.spec.value_indicators}
        found = _ARBITRARY[cls] = st.fixed_dictionaries({}, optional=optional)
    return found


def arbitrary_template(cls: type[Template]) -> st.SearchStrategy[dict[str, Value]]:
    """Any values the types allow, in any rows (see :func:`templates`)."""
    return _arbitrary_cells(cls)


# --- templates and reports ----------------------------------------------------------------


def build_template(
    cls: type[Template], cells: Mapping[str, Value], notes: Mapping[str, str]
) -> Template:
    spec = cls.spec
    kwargs: dict[str, Any] = {spec.indicator(code).attribute or "": v for code, v in cells.items()}
    return cls(notes=notes, **kwargs)


_NOTES: dict[tuple[type[Template], bool], st.SearchStrategy[dict[str, str]]] = {}


def _notes(cls: type[Template], *, realistic: bool) -> st.SearchStrategy[dict[str, str]]:
    found = _NOTES.get((cls, realistic))
    if found is None:
        found = _NOTES[cls, realistic] = st.dictionaries(
            st.sampled_from(cls.spec.codes),
            sv.notes(realistic=realistic),
            max_size=2 if realistic else 4,
        )
    return found


def _is_template_class(value: object) -> TypeGuard[type[Template]]:
    return isinstance(value, type) and issubclass(value, Template) and hasattr(value, "spec")


def template_ids(
    templates: Collection[str | type[Template]] | None, ed: Edition
) -> tuple[str, ...] | None:
    """The template ids of ``templates`` (ids or classes of ``ed``), in appendix order."""
    if templates is None:
        return None
    if isinstance(templates, (str, type)):
        templates = [templates]
    wanted: set[str] = set()
    for item in templates:
        if isinstance(item, str):
            tid = item.strip().upper()
        elif _is_template_class(item):
            tid = item.spec.id
            if item.spec.edition != ed.id:
                raise InvalidArgument(
                    f"{item.__name__} is a template of edition {item.spec.edition}, not {ed.id}"
                )
        else:
            raise InvalidArgument(f"templates holds template ids or classes, got {item!r}")
        if tid not in ed.template_ids:
            raise InvalidArgument(
                f"unknown template {item!r} (templates: {', '.join(ed.template_ids)})"
            )
        wanted.add(tid)
    return tuple(t for t in ed.template_ids if t in wanted)


def templates(
    cls: type[Template],
    *,
    level: AdminLevel | None = None,
    consistent: bool = True,
    blanks: bool = True,
) -> st.SearchStrategy[Template]:
    """Instances of one template class (``Direction``, …, or a class of your edition).

    ``st.from_type(Direction)`` gives ``templates(Direction)``.

    Args:
        cls: The template class.
        level: The level whose rows are filled (default: any); rows not asked at the
            level stay blank.
        consistent: Every built-in rule about the template's own rows holds, as in
            :func:`reports`; with ``False``, any value its types allow in any row.
        blanks: Leave some cells blank (none, or about 10, 20 or 30 % of them).

    Shrinks towards every value 0, nothing blank and no note, at a level with few rows.

    >>> from hypothesis import find
    >>> from cchc_model import Direction
    >>> find(templates(Direction), lambda t: t.plan_tasks is not None).plan_tasks >= 0
    True
    """
    if not _is_template_class(cls):
        raise InvalidArgument(f"templates() takes a template class such as Direction, got {cls!r}")
    _check_choice(level, AdminLevel, "level")
    tid = cls.spec.id
    levels = sv.levels() if level is None else st.just(level)

    @st.composite
    def templates(draw: st.DrawFn) -> Template:
        if consistent:
            ed = get_edition(cls.spec.edition)  # on use: it may be registered after import
            drawn_level = draw(levels)
            values = consistent_values(draw, drawn_level, (tid,), None, ed)
            if ed != EDITION_2024:  # what its derive rules compute, from the leaves
                values = _derived_values(values, drawn_level, ed)
            if blanks:
                values = blank_cells(draw, values)
            cells = values.get(tid, {})
        else:
            cells = draw(_arbitrary_cells(cls))
        return build_template(cls, cells, draw(_notes(cls, realistic=consistent)))

    return templates()


def _derived_values(values: Values, level: AdminLevel, ed: Edition) -> Values:
    """``values`` with what the derive rules of ``ed`` compute from them."""
    info = ReportInfo(agency="UBND", level=level, period=Period.YEAR, year=2024)
    built = [build_template(ed.template(tid), cells, {}) for tid, cells in values.items()]
    report = derive(Report(info=info, templates=built, edition=ed.id))
    return {tid: tpl.filled() for tid, tpl in report.templates.items()}


def reports(
    *,
    level: AdminLevel | None = None,
    period: Period | None = None,
    year: int | None = None,
    templates: Collection[str | type[Template]] | None = None,
    consistent: bool = True,
    blanks: bool = True,
    edition: str | None = None,
) -> st.SearchStrategy[Report]:
    """Whole reports, for any level, period and subset of the templates.

    With ``consistent=True`` every built-in rule holds by construction, so that
    :func:`~cchc_model.validate` finds no error, no warning and no info: leaves are drawn
    first (the counts nothing is computed from), then what derives from them (totals
    over the children asked at the report's level, ratios rounded half-up to 0–2
    decimals as reports write them: ``100``, ``78.95``, ``70.1``; identities such as
    PL8 6.3.1 = 6.1.2 + 6.2.2 and PL5 1.5 = PL7 2.1), then the parts drawn between 0
    and their whole (staff present within the quota, procedures online within those of
    PL4 1.4, PL7 amounts never with three decimals). Rows not asked at the level stay
    blank, as do ratios of nothing; with ``blanks``, more cells are left blank (a blank
    never breaks a rule: a rule that reads one is not evaluated). For an edition of
    your own, the leaves are drawn within their domains, each part within its whole,
    and the edition's derive rules compute the rest: its ratio, total and part rules
    hold; rules of other shapes are not built for.

    With ``consistent=False``, any value the types allow, in any row: negative counts
    of 20 digits, decimals with up to 6 written decimals, codes outside their list,
    values in rows not asked at the level; and any text in the metadata and the notes.
    Such reports break rules, and must still round-trip through every format.

    ``st.from_type(Report)`` gives ``reports()``.

    Args:
        level: Only this level (default: any).
        period: Only this period (default: any).
        year: Only this year (default: a year the edition applies to).
        templates: Exactly these templates (ids such as ``"PL4"`` or classes); default:
            any non-empty subset.
        consistent: See above.
        blanks: Leave cells blank at random (consistent reports only).
        edition: The id of the template edition (default: the edition of the
            ``templates`` classes, else the current one, see :func:`~cchc_model.edition`).

    Shrinks towards fewer templates and rows (one template, at a level asked few of its
    rows), every value 0, nothing blank, no note and only the required metadata of a
    report on the first quarter of 2024. (Hypothesis stops after 500 successful
    shrinks, so a large example stops short of that.)

    >>> from hypothesis import given, settings
    >>> from cchc_model import validate
    >>> @settings(max_examples=5)
    ... @given(reports(templates=["PL4", "PL8"]))
    ... def test_no_finding(report):
    ...     assert validate(report).findings == ()
    >>> test_no_finding()
    """
    if edition is None and _classes_of(templates) == []:
        ed = get_edition()
        return _reports(ed, template_ids(templates, ed), level, period, year, consistent, blanks)
    # the edition is looked up on first use, so that a strategy may be made before its
    # edition is registered (at import time, for a test whose fixture registers it)
    return st.deferred(
        lambda: _reports(
            (ed := _edition_of(edition, templates)),
            template_ids(templates, ed),
            level,
            period,
            year,
            consistent,
            blanks,
        )
    )


def _reports(  # noqa: PLR0917  # the arguments of reports(), passed on
    ed: Edition,
    wanted: tuple[str, ...] | None,
    level: AdminLevel | None,
    period: Period | None,
    year: int | None,
    consistent: bool,  # noqa: FBT001  # private, called with the public arguments
    blanks: bool,  # noqa: FBT001
) -> st.SearchStrategy[Report]:
    infos = _infos(level, period, year, realistic=consistent, years=_years(ed))
    all_ids = ed.template_ids
    builtin = ed == EDITION_2024

    @st.composite
    def reports(draw: st.DrawFn) -> Report:
        info = draw(infos)
        chosen = wanted if wanted is not None else chosen_templates(draw, all_ids)
        if consistent:
            values = consistent_values(draw, info.level, chosen, info.period.span(info.year), ed)
            if not builtin:
                values = _derived_values(values, info.level, ed)
            if blanks:
                values = blank_cells(draw, values)
        else:
            values = {tid: draw(_arbitrary_cells(ed.template(tid))) for tid in chosen}
        built = [
            build_template(
                ed.template(tid),
                values.get(tid, {}),
                draw(_notes(ed.template(tid), realistic=consistent)),
            )
            for tid in chosen
        ]
        return Report(info=info, templates=built, edition=ed.id)

    return reports()


def _edition_of(edition: str | None, templates: object) -> Edition:
    if edition is not None:
        if not isinstance(edition, str):
            raise InvalidArgument(f"edition must be an edition id or None, got {edition!r}")
        try:
            return get_edition(edition)
        except LookupError as exc:
            raise InvalidArgument(str(exc)) from None
    named = {cls.spec.edition for cls in _classes_of(templates)}
    if len(named) == 1:
        return get_edition(named.pop())
    return get_edition()


def _classes_of(templates: object) -> list[type[Template]]:
    items = [templates] if isinstance(templates, type) else templates
    if isinstance(items, Collection) and not isinstance(items, str):
        return [item for item in items if _is_template_class(item)]
    return []


def _years(ed: Edition) -> tuple[int, int] | None:
    """The years drawn for reports of ``ed``, when it does not apply to every period."""
    if ed.since is None and ed.until is None:
        return None
    # whole years inside the edition's days, so that every period of them applies
    first = ed.since.year + 1 if ed.since is not None else _FIRST_YEAR
    last = ed.until.year - 1 if ed.until is not None else max(first, _LAST_YEAR) + 10
    first = min(first, last) if ed.since is None else first
    return first, max(first, last)


def chosen_templates(
    draw: st.DrawFn, ids: tuple[str, ...], *, at_least_one: bool = True
) -> tuple[str, ...]:
    """Every template of ``ids``, or a subset; shrinks towards fewer of them.

    Half the reports carry every template, as filed reports do; the others any subset
    (the first template when none was drawn and ``at_least_one``).
    """
    # the subset first, then whether to take every template: shrinking the latter to
    # "no" leaves the subset as drawn, which then shrinks template by template
    chosen = tuple(tid for tid in ids if draw(_BOOLEANS))
    if draw(_BOOLEANS):
        return ids
    return chosen or (ids[:1] if at_least_one else ())


_BLANK_RATES: Final = st.integers(0, 3)
_ALL_OR_NOTHING: Final = st.sampled_from((Decimal(0), Decimal(100)))
_SEEDS: Final = st.integers(0, 2**32 - 1)


def blank_cells(draw: st.DrawFn, values: Values) -> Values:
    """``values`` with some cells blanked: none, or about 10, 20 or 30 % of them.

    Two draws instead of one per cell: a rate, which shrinks towards no blank at all,
    and the seed of a generator choosing the cells.
    """
    rate = draw(_BLANK_RATES)
    if not rate:
        return values
    rng = random.Random(draw(_SEEDS))  # noqa: S311  # a replayable choice, not a secret
    kept = {
        tid: {code: v for code, v in cells.items() if rng.random() >= rate / 10}
        for tid, cells in values.items()
    }
    for (tid, code), after in _BLANK_TOGETHER.items():
        cells = kept.get(tid, {})
        if code in values.get(tid, {}) and code not in cells:
            for other in after:  # a blank 7 with 7.1 and 7.2 filled is an omission
                cells.pop(other, None)
    return kept
