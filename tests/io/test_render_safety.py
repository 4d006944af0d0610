"""No control character of a report's text reaches a document people read or a terminal.

ESC, BEL, NUL (and every C0 and C1 control), DEL and the bidirectional controls
(U+202E shows ``exe.txt`` as ``txt.exe``) are shown as U+FFFD by the text, Markdown,
HTML and Word renders, wherever they are: metadata, notes, findings. (CSV and Excel keep
every character: they round-trip, and a spreadsheet shows no control.)
"""

from __future__ import annotations

import io
import re
from typing import Any

import attrs
import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_model import Direction, Report, render, strategies, validate
from cchc_model._io.table import BIDI_CONTROLS, CONTROL_CHARACTERS

_HOSTILE = st.sampled_from(
    ["\x1b[2J", "\x07", "\x00", "\x1b]0;owned\x07", "\u202e", "\u2066", "\u200f", "\x9b", "\x7f"]
)
hostile_texts = st.lists(
    _HOSTILE | st.text(st.characters(codec="utf-8"), max_size=5), min_size=1, max_size=6
).map("".join)
"""Text with terminal escapes, bells, NULs and bidirectional overrides anywhere."""

_UNSAFE = re.compile(f"{CONTROL_CHARACTERS.pattern}|{BIDI_CONTROLS.pattern}|\r")


@st.composite
def hostile_reports(draw: st.DrawFn) -> Report:
    info = draw(strategies.report_infos(realistic=False))
    fields: dict[str, Any] = {
        name: draw(hostile_texts)
        for name in ("place", "number", "recipient", "signer", "signer_title", "province")
    }
    info = attrs.evolve(info, agency="UBND " + draw(hostile_texts), **fields)
    notes = {code: draw(hostile_texts) for code in ("1", "2.1", "5")}
    pl2 = Direction(plan_tasks=19, plan_tasks_completed=25, notes=notes)  # a finding too
    return Report(info=info, templates=[pl2])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_reports(), st.sampled_from(["vi", "en"]))
def test_no_control_character_reaches_a_document_people_read(report: Report, lang: str) -> None:
    findings = validate(report)
    for form in ("text", "markdown", "html"):
        shown = render(report, form, findings=findings, lang=lang)  # type: ignore[call-overload]
        found = _UNSAFE.findall(shown)
        assert not found, (form, found)
    document = docx.Document(io.BytesIO(render(report, "docx", findings=findings)))
    texts = [p.text for p in document.paragraphs] + [
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    ]
    assert not _UNSAFE.findall("\n".join(texts).replace("\r", ""))
    assert document.core_properties.title is not None
    assert not _UNSAFE.findall(document.core_properties.title)
