"""Reports for the rule tests: a builder from ``{"PL4:3.3": value}`` and consistent reports.

``consistent_reports()`` builds reports that satisfy every built-in rule by construction:
leaves first (the counts that nothing is computed from), then what derives from them
(totals, ratios rounded half-up to 0–2 decimals, identities), then blanks drawn at
random (a blank never breaks a rule: a rule that reads one is not evaluated, and the
rules about blanks want them). It shrinks towards small counts, few decimals, every
template present and nothing blanked.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import strategies as st

from cchc_model import AdminLevel, Period, Report, ReportInfo, Template, edition
from cchc_model._interval import round_half_up

Value = int | Decimal
LEVELS = tuple(AdminLevel)


def info(level: AdminLevel = AdminLevel.COMMUNE) -> ReportInfo:
    return ReportInfo(agency="UBND thử nghiệm", level=level, period=Period.H1, year=2024)


def report_of(
    values: Mapping[str, Value | None],
    level: AdminLevel = AdminLevel.COMMUNE,
    *,
    templates: tuple[str, ...] = (),
) -> Report:
    """A report with ``values`` (``{"PL4:3.3": Decimal("100")}``); ``templates`` adds empty ones."""
    ed = edition()
    by_template: dict[str, dict[str, Value | None]] = {tid: {} for tid in templates}
    for key, value in values.items():
        tid, _, code = key.partition(":")
        by_template.setdefault(tid, {})[code] = value
    built: list[Template] = [
        ed.template(tid).from_codes(codes) for tid, codes in by_template.items()
    ]
    return Report(info=info(level), templates=built)


def values_of(report: Report) -> dict[str, Value]:
    """Every filled cell as ``{"PL4:3.3": value}``."""
    return {
        f"{tid}:{code}": value
        for tid, tpl in report.templates.items()
        for code, value in tpl.filled().items()
    }


def applies(key: str, level: AdminLevel) -> bool:
    tid, _, code = key.partition(":")
    return edition().indicator(tid, code).applies_to(level)


# --- consistent reports -----------------------------------------------------------------


class _Builder:
    """Draws the values of one consistent report, leaves first."""

    def __init__(self, draw: st.DrawFn, level: AdminLevel) -> None:
        self.draw = draw
        self.level = level
        self.values: dict[str, Value] = {}

    def asked(self, key: str) -> bool:
        return applies(key, self.level)

    def set(self, key: str, value: Value | None) -> None:
        if value is not None and self.asked(key):
            self.values[key] = value

    def count(self, key: str, low: int = 0, high: int = 300) -> int:
        value = self.draw(st.integers(low, high)) if self.asked(key) else 0
        self.set(key, value)
        return value

    def percent(self, key: str) -> None:
        places = self.draw(st.integers(0, 2))
        whole = self.draw(st.integers(0, 100 * 10**places))
        self.set(key, round_half_up(Fraction(whole, 10**places), places))

    def code(self, key: str, values: tuple[int, ...]) -> int:
        value = self.draw(st.sampled_from(values))
        self.set(key, value)
        return value

    def ratio(self, key: str, part: int, whole: int) -> None:
        if whole > 0:
            places = self.draw(st.integers(0, 2))
            self.set(key, round_half_up(Fraction(part * 100, whole), places))

    def parts(self, total: int, n: int) -> list[int]:
        """``n`` counts summing to ``total``."""
        cuts = sorted(self.draw(st.lists(st.integers(0, total), min_size=n - 1, max_size=n - 1)))
        bounds = [0, *cuts, total]
        return [b - a for a, b in itertools.pairwise(bounds)]

    def ratio_pair(self, rate: str, whole: str, part: str) -> tuple[int, int]:
        total = self.count(whole)
        done = self.draw(st.integers(0, total))
        self.set(part, done)
        self.ratio(rate, done, total)
        return total, done

    def total(self, key: str, children: list[str]) -> int:
        """Children asked at the level, and their sum in ``key`` when one is asked."""
        asked = [c for c in children if self.asked(c)]
        values = [self.count(c) for c in asked]
        if asked:
            self.set(key, sum(values))
        return sum(values)


def _pl2(b: _Builder) -> None:
    b.count("PL2:1")
    b.ratio_pair("PL2:2", "PL2:2.1", "PL2:2.2")
    b.count("PL2:3.1")
    b.count("PL2:3.2")
    b.ratio_pair("PL2:3.3", "PL2:3.3.1", "PL2:3.3.2")
    b.count("PL2:4.1")
    b.percent("PL2:4.2")
    for head in ("5", "6"):
        total = b.count(f"PL2:{head}.1")
        done = b.parts(b.draw(st.integers(0, total)), 3)
        for i, value in enumerate(done, 2):
            b.set(f"PL2:{head}.{i}", value)
    held = b.code("PL2:7", (0, 1))
    if held:
        b.count("PL2:7.1", low=1)
        b.code("PL2:7.2", (0, 1, 2))
    elif b.draw(st.booleans()):
        b.set("PL2:7.1", 0)
    b.code("PL2:8", (0, 1))


def _pl3(b: _Builder) -> None:
    b.total("PL3:1", ["PL3:1.1", "PL3:1.2", "PL3:1.3"])
    b.count("PL3:2.1")
    b.ratio_pair("PL3:2.2", "PL3:2.2.1", "PL3:2.2.2")
    b.count("PL3:3.1")
    b.ratio_pair("PL3:3.2", "PL3:3.2.1", "PL3:3.2.2")


def _pl4(b: _Builder, at_least: int) -> None:
    for code in ("1.1", "1.2", "1.3"):
        b.count(f"PL4:{code}")
    children = [c for c in ("PL4:1.4.1", "PL4:1.4.2", "PL4:1.4.3") if b.asked(c)]
    values = [b.draw(st.integers(0, 300)) for _ in children]
    values[0] += at_least  # every level is asked at least one of them
    for key, value in zip(children, values, strict=True):
        b.set(key, value)
    b.set("PL4:1.4", sum(values))
    for code in ("2.1", "2.2", "2.3"):
        b.count(f"PL4:{code}")
    for head in ("3.1", "3.2", "3.3", "3.4"):
        b.ratio_pair(f"PL4:{head}", f"PL4:{head}.1", f"PL4:{head}.2")


def _pl5(b: _Builder) -> int:
    b.percent("PL5:1.1")
    b.percent("PL5:1.2")
    b.count("PL5:1.3")
    b.count("PL5:1.4")
    children = ["PL5:1.5.1", "PL5:1.5.2", "PL5:1.5.3"]
    if any(b.asked(c) for c in children):
        units = b.total("PL5:1.5", children)
    else:
        units = b.count("PL5:1.5")
    b.percent("PL5:1.5.4")
    for quota, present in (("2.1", "2.2"), ("3.1", "3.2")):
        total = b.count(f"PL5:{quota}")
        b.set(f"PL5:{present}", b.draw(st.integers(0, total)))
    for code in ("2.3", "2.4", "3.3"):
        b.count(f"PL5:{code}")
    b.percent("PL5:2.5")
    b.percent("PL5:3.4")
    return units


def _pl6(b: _Builder, units: int) -> None:
    for code in ("1.1", "1.3", "2.1", "2.2", "2.3", "2.4", "2.5", "3", "4.1", "4.2", "4.3", "4.4"):
        b.count(f"PL6:{code}")
    b.set("PL6:1.2", b.draw(st.integers(0, units)))


def _money(b: _Builder, key: str, *, positive: bool) -> Decimal:
    places = b.draw(st.sampled_from((0, 1, 2)))  # never 3: that is PL7.plausible's business
    low = 1 if positive else 0
    whole = b.draw(st.integers(low * 10**places, 10_000 * 10**places))
    value = round_half_up(Fraction(whole, 10**places), places)
    b.set(key, value)
    return value


def _pl7(b: _Builder, units: int) -> None:
    planned = _money(b, "PL7:1.1", positive=True)
    done = _money(b, "PL7:1.2", positive=False)
    b.set("PL7:1", round_half_up(Fraction(done) * 100 / Fraction(planned), 2))
    b.set("PL7:2.1", units)
    groups = b.parts(units, 4)
    for code, value in zip(("2.2", "2.3", "2.4", "2.5"), groups, strict=True):
        b.set(f"PL7:{code}", value)
    for code, value in zip(("2.4.1", "2.4.2", "2.4.3"), b.parts(groups[2], 3), strict=True):
        b.set(f"PL7:{code}", value)
    b.count("PL7:2.6")


def _pl8(b: _Builder) -> int:
    """PL8's values; returns how many procedures PL4 1.4 must at least count."""
    b.code("PL8:1", (0, 1))
    b.code("PL8:2", (0, 1, 2))
    b.percent("PL8:3")
    b.code("PL8:4", (0, 1, 2))
    for code in ("5.1.1", "5.1.2", "5.1.3", "5.2.1", "5.2.2", "5.2.3", "5.3.1", "5.3.2", "5.3.3"):
        b.percent(f"PL8:{code}")
    parts = [v for k, v in b.values.items() if k.startswith("PL8:5.2.")]
    if parts:
        b.set("PL8:5.2", b.draw(st.sampled_from(parts)))
    provided = []
    with_dossiers = []
    eligible = []
    for head in ("6.1", "6.2"):
        total, online = b.ratio_pair(f"PL8:{head}", f"PL8:{head}.1", f"PL8:{head}.2")
        eligible.append(total)
        provided.append(online)
        used = b.draw(st.integers(0, online))
        b.set(f"PL8:{head}.3", used)
        with_dossiers.append(used)
    online_total = sum(provided)
    b.set("PL8:6.3.1", online_total)
    portal = b.draw(st.integers(0, online_total))
    b.set("PL8:6.3.2", portal)
    b.ratio("PL8:6.3", portal, online_total)
    least = sum(with_dossiers)
    received_online = least + (b.draw(st.integers(0, 500)) if least else 0)
    received = received_online + b.draw(st.integers(0, 500))
    b.set("PL8:6.4.1", received)
    b.set("PL8:6.4.2", received_online)
    b.ratio("PL8:6.4", received_online, received)
    fees = b.ratio_pair("PL8:6.5", "PL8:6.5.1", "PL8:6.5.2")[0]
    return max(sum(eligible), fees)


@st.composite
def consistent_values(
    draw: st.DrawFn, level: AdminLevel | None = None, *, blanks: bool = True
) -> tuple[AdminLevel, dict[str, Value]]:
    """The level and the values of a report that satisfies every built-in rule."""
    chosen: AdminLevel = draw(st.sampled_from(LEVELS)) if level is None else level
    b = _Builder(draw, chosen)
    _pl2(b)
    _pl3(b)
    needed = _pl8(b)
    _pl4(b, needed)
    units = _pl5(b)
    _pl6(b, units)
    _pl7(b, units)
    values = dict(b.values)
    if blanks:
        dropped = draw(st.sets(st.sampled_from(sorted(values)), max_size=len(values) // 3))
        for key in dropped:
            del values[key]
    return chosen, values


@st.composite
def consistent_reports(
    draw: st.DrawFn, level: AdminLevel | None = None, *, blanks: bool = True
) -> Report:
    """A report that satisfies every built-in rule (see the module docstring)."""
    chosen, values = draw(consistent_values(level, blanks=blanks))
    absent = draw(st.sets(st.sampled_from(edition().template_ids), max_size=2)) if blanks else ()
    kept = {k: v for k, v in values.items() if k.partition(":")[0] not in absent}
    present = tuple(t for t in edition().template_ids if t not in absent)
    return report_of(kept, chosen, templates=present)


def candidates(key: str, value: Any) -> list[Value]:  # any reported value
    """Replacement values tried when breaking a cell: beyond each kind of rule's reach."""
    tid, _, code = key.partition(":")
    kind = edition().indicator(tid, code).kind
    if kind is not None and kind.value == "code":
        row = edition().indicator(tid, code)
        assert row.code_list is not None
        members = [int(m) for m in row.code_list]
        return [*(m for m in members if m != int(value)), max(members) + 1, -1]
    if isinstance(value, Decimal):
        options = [Decimal(0), Decimal(100), Decimal(101), Decimal(-1), Decimal("1.234")]
        options += [value + 1, value - 1, value * 2 + 1, Decimal("33.33")]
        return [o for o in options if o != value]
    base = [0, value + 1, value - 1, 2 * value + 1, value + 10**6, -1, -(10**6)]
    return [o for o in dict.fromkeys(base) if o != value]
