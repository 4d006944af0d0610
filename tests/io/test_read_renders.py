"""Every render of the library reads back to the report it was made from.

For each format (``text``, ``markdown``, ``html``, ``csv``, ``xlsx``, ``docx``) and any
report of the shipped strategies: ``read(render(report, to), info=what it does not
show) == report``. The text, Markdown and HTML renders show the agency, the document's
number and date, the period and the year; the Word render, the appendices alone, shows
the agency, number and date in its *Kèm theo* lines; the rest of the metadata is given
as a user gives it (``info=``). A report with no value in any appendix is refused by the
document readers, never read as an empty report; CSV and Excel files say they are
``cchc-report`` files and read back as they are, empty or not.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings

from cchc_model import (
    PublicFinance,
    Report,
    ReportFormatError,
    dumps,
    example,
    read,
    render,
    strategies,
)
from cchc_model._io.reading import INFO_FIELDS

FORMATS = {"text": "text", "markdown": "text", "html": "html", "csv": "csv", "xlsx": "xlsx"}
HEADING = {"agency", "number", "date", "period", "year"}
SHOWN = {
    "text": HEADING,
    "markdown": HEADING,
    "html": HEADING,
    "docx": {"agency", "number", "date"},
    "csv": set(INFO_FIELDS),
    "xlsx": set(INFO_FIELDS),
}


def _not_shown(report: Report, to: str) -> dict[str, object]:
    return {key: getattr(report.info, key) for key in INFO_FIELDS if key not in SHOWN[to]}


def _bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def _round_trip(to: str, report: Report) -> None:
    data = _bytes(render(report, to))
    info = _not_shown(report, to)
    if to not in ("csv", "xlsx") and not any(t.filled() for t in report.templates.values()):
        with pytest.raises(ReportFormatError, match="no value of any appendix could be read"):
            read(data, FORMATS.get(to), info=info)  # type: ignore[arg-type]
        return
    back, _ = read(data, FORMATS.get(to), info=info)  # type: ignore[arg-type]
    assert dumps(back) == dumps(report)


@pytest.mark.parametrize("to", ["text", "markdown", "html", "csv"])
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=strategies.reports())
def test_each_text_render_reads_back(to: str, report: Report) -> None:
    _round_trip(to, report)


# At most 100 examples (30 for an Office file, which takes a tenth of a second to write
# and read), so that the suite stays within its time in CI too; the CSV and Excel round
# trips of every kind of report are also tested in test_read_csv and test_read_xlsx.
@pytest.mark.parametrize("to", ["xlsx", "docx"])
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=strategies.reports())
def test_each_office_render_reads_back(to: str, report: Report) -> None:
    _round_trip(to, report)


@pytest.mark.parametrize("to", ["text", "markdown", "html", "csv", "xlsx", "docx"])
def test_a_negative_zero_reads_back_with_its_sign(to: str) -> None:
    # -0,00 is what was written: every render prints it so, and reads it back so
    report = example().with_templates(PublicFinance(investment_planned=Decimal("-0.00")))
    if to in ("text", "markdown", "html"):
        content = render(report, to)
        assert isinstance(content, str)
        assert "-0,00" in content
    _round_trip(to, report)
    data = _bytes(render(report, to))
    back, _ = read(data, FORMATS.get(to), info=_not_shown(report, to))  # type: ignore[arg-type]
    value = back.templates["PL7"].investment_planned  # type: ignore[attr-defined]
    assert str(value) == "-0.00"
