"""Every render of the library reads back to the report it was made from, as it is.

For each format (``text``, ``markdown``, ``html``, ``csv``, ``xlsx``, ``docx``) and any
report of the shipped strategies: ``read(render(report, to)) == report``, with no
``info=``. The text, Markdown and HTML renders show every field of the metadata in
their block *Thông tin báo cáo*; the Word render carries it in its custom properties
(and shows the period in its titles, the agency, number and date in its *Kèm theo*
lines); CSV and Excel files hold it in their metadata rows. A report with no value in
any appendix is refused by the document readers, never read as an empty report; CSV and
Excel files say they are ``cchc-report`` files and read back as they are, empty or not.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
from cchc_model._model.errors import Lang

FORMATS = {"text": "text", "markdown": "text", "html": "html", "csv": "csv", "xlsx": "xlsx"}


def _bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def _round_trip(to: str, report: Report, lang: Lang = "vi") -> None:
    data = _bytes(render(report, to, lang=lang))
    if to not in ("csv", "xlsx") and not any(t.filled() for t in report.templates.values()):
        with pytest.raises(ReportFormatError, match="no value of any appendix could be read"):
            read(data, FORMATS.get(to))  # type: ignore[arg-type]
        return
    back, warnings = read(data, FORMATS.get(to))  # type: ignore[arg-type]
    assert dumps(back) == dumps(report)
    assert not [w for w in warnings if w.template is None], warnings  # none about metadata


@pytest.mark.parametrize("to", ["text", "markdown", "html", "csv"])
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=strategies.reports(), lang=st.sampled_from(["vi", "en"]))
def test_each_text_render_reads_back(to: str, report: Report, lang: Lang) -> None:
    _round_trip(to, report, lang)


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
    back, _ = read(data, FORMATS.get(to))  # type: ignore[arg-type]
    value = back.templates["PL7"].investment_planned  # type: ignore[attr-defined]
    assert str(value) == "-0.00"
