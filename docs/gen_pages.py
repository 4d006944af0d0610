"""Pages generated from the code itself, written before Sphinx reads the sources.

Run directly (``python docs/gen_pages.py``) to see what they contain.
"""

from __future__ import annotations

import sys
from pathlib import Path

from cchc_model import Edition, edition, editions
from cchc_model._rules.doc import rules_markdown


def _cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def catalog_markdown(ed: Edition | None = None) -> str:
    """The catalog of an edition as Markdown tables, one per template."""
    ed = ed or edition()
    out = [
        f"# The catalog: edition {ed.id}",
        "",
        f"{ed.title}. Transcribed from: {ed.source}.",
        "",
        (
            "This page is generated from the template classes "
            "(`src/cchc_model/templates/`), the only place the catalog is written."
        ),
        (
            "Levels: **P** province, **Dep** department (sở, ngành), **D** district, "
            "**C** commune; a row is asked of the levels listed. Emphasis: **group** rows "
            "are bold in the official form, *sub* rows (*trong đó*) italic."
        ),
        (
            "Consolidation: how the values of several units make the row's value in a "
            "consolidated report (see *Consolidating reports* in the guide): **sum** adds "
            "up, **ratio** is recomputed from the consolidated parts, **own** is the "
            "consolidating unit's own figure, **none** cannot be consolidated."
        ),
        "",
    ]
    short = {"province": "P", "department": "Dep", "district": "D", "commune": "C"}
    for cls in ed.classes:
        spec = cls.spec
        out += [
            f"## {spec.id}: {spec.title}",
            "",
            f"Class `cchc_model.{cls.__name__}`. Line under the title: `{spec.attached}`.",
            "",
            (
                "| Code | Title | Unit or code list | Attribute | Levels | Emphasis "
                "| Consolidation | Note |"
            ),
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for row in spec.indicators:
            levels = ", ".join(
                short[lv.value]
                for lv in sorted(row.levels, key=lambda lv: list(short).index(lv.value))
            )
            title = _cell(row.title) + (f" *({_cell(row.hint)})*" if row.hint else "")
            attribute = f"`{row.attribute}`" if row.attribute else "(heading)"
            consolidation = row.consolidation.value if row.consolidation else ""
            out.append(
                f"| {row.code} | {title} | {_cell(row.unit_text)} | {attribute} | {levels} "
                f"| {row.emphasis.value} | {consolidation} | {_cell(row.note)} |"
            )
        out.append("")
    out += [
        "## Corrections of the source",
        "",
        "The source document has a few slips; the catalog corrects them, and only them:",
        "",
        "| Template | Code | What | As printed | In the catalog | Why |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    out += [
        f"| {c.template} | {c.code or ''} | {c.field} | {_cell(c.original)} "
        f"| {_cell(c.corrected)} | {_cell(c.reason)} |"
        for c in ed.corrections
    ]
    out.append("")
    return "\n".join(out)


def write_all(folder: Path) -> None:
    """Write every generated page into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    pages = {f"catalog-{ed.id}.md": catalog_markdown(ed) for ed in editions()}
    pages.update({f"rules-{ed.id}.md": rules_markdown(ed.id) for ed in editions()})
    for name, text in pages.items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.stdout.write(catalog_markdown())
