"""The rule catalog as a documentation page, generated from the rules themselves.

>>> page = rules_markdown()
>>> page.splitlines()[0]
'# The rule catalog: edition 2024'
>>> "| `PL8.ratio.6.4` | error | ratio | `PL8:6.4 = PL8:6.4.2 / PL8:6.4.1 * 100` |" in page
True
>>> "<= PL5:1.5` | from 2025-07-01 |" in page, "| `PL5.cross.1.5` | warning | identity |" in page
(True, True)
"""

from __future__ import annotations

from collections import Counter

from .._model.catalog import edition as get_edition
from .._model.units import AdminLevel
from .rulesets import KINDS, Rule, builtin_rules

__all__ = ["rules_markdown"]

_LEVEL_SHORT = {"province": "P", "department": "Dep", "district": "D", "commune": "C"}


def _cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def _when(rule: Rule) -> str:
    """Which reports the rule is checked in: its levels and its dates."""
    parts = []
    if rule.levels is not None:
        parts.append(", ".join(lv.value for lv in AdminLevel if lv in rule.levels))
    if rule.since is not None:
        parts.append(f"from {rule.since.isoformat()}")
    if rule.until is not None:
        edge = "ending" if rule.dated == "end" else "starting"
        parts.append(f"{edge} before {rule.until.isoformat()}")
    return "; ".join(parts) or "every report"


def rules_markdown(edition: str | None = None) -> str:
    """The built-in rules of an edition as a Markdown page (MyST), for the documentation.

    The page has, per template, the table of its rules (id, severity, kind, expression,
    why it holds) and the table of its rows with the rules each takes part in.

    Args:
        edition: The template edition (default: the current one).
    """
    ed = get_edition(edition)
    rules = builtin_rules(ed.id)
    counts = Counter(rule.kind for rule in rules)
    out = [
        f"# The rule catalog: edition {ed.id}",
        "",
        (
            f"Generated from the edition's rules file (`{ed.rules.name}`) and from the"
            if ed.rules is not None
            else "Generated from the"
        )
        + " catalog (the domain and level rules, one per row); `cchc rules` prints the same list.",
        "",
        "| Kind | Rules |",
        "| --- | --- |",
        *(f"| {kind} | {counts[kind]} |" for kind in KINDS if counts[kind]),
        f"| **all** | **{len(rules)}** |",
        "",
    ]
    by_template: dict[str, list[Rule]] = {}
    for rule in rules:
        by_template.setdefault(rule.template or "", []).append(rule)
    for cls in ed.classes:
        spec = cls.spec
        mine = by_template.get(spec.id, [])
        out += [
            f"## {spec.id}: {spec.title}",
            "",
            "| Id | Severity | Kind | Rule | Checked in | Why it holds |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        out += [
            f"| `{rule.id}` | {rule.severity.value} | {rule.kind} | `{rule.expression}` "
            f"| {_when(rule)} | {_cell(rule.reason)} |"
            for rule in mine
            if rule.kind not in ("domain", "level")
        ]
        out += [
            "",
            f"### {spec.id}: every row and the rules it takes part in",
            "",
            (
                "Levels: **P** province, **Dep** department, **D** district, **C** commune;"
                " a row marked *until 2025-07-01* is asked only of reports on periods that"
                " start before the two-tier local government (the year 2025 too)."
            ),
            "",
            "| Code | Row | Unit | Levels | Rules |",
            "| --- | --- | --- | --- | --- |",
        ]
        for row in spec.value_indicators:
            key = f"{spec.id}:{row.code}"
            ids = [r.id for r in rules if key in {ref.key for ref in r.references}]
            levels = ", ".join(
                short
                for name, short in _LEVEL_SHORT.items()
                if any(lv.value == name for lv in row.levels)
            )
            if row.until is not None:
                levels += f" (until {row.until.isoformat()})"
            out.append(
                f"| {row.code} | {_cell(row.title)} | {_cell(row.unit_text)} | {levels} "
                f"| {', '.join(f'`{i}`' for i in ids)} |"
            )
        out.append("")
    out += [
        "## Domain and level rules",
        "",
        "One per row, generated from the catalog; they appear in the row tables above.",
        "",
        "| Id | Severity | Rule | Checked in | Why it holds |",
        "| --- | --- | --- | --- | --- |",
    ]
    out += [
        f"| `{rule.id}` | {rule.severity.value} | `{rule.expression}` | {_when(rule)} "
        f"| {_cell(rule.reason)} |"
        for rule in rules
        if rule.kind in ("domain", "level")
    ]
    out.append("")
    return "\n".join(out)
