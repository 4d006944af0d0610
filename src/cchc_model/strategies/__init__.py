"""Hypothesis strategies for CCHC reports: test your own rules, reporters and importers.

Install the extra (``pip install 'cchc-model[hypothesis]'``), then draw reports,
templates, metadata, Vietnamese text and JSON documents as the library's own property
suite does. The strategies are also registered with Hypothesis, so ``st.from_type(Report)``
and ``@given(report=...)`` with type annotations work; nothing of this module is
imported unless Hypothesis is in use.

Every strategy builds valid data by construction (never by filtering) and says what it
shrinks towards. The main ones:

:func:`reports`
    whole reports, consistent (every built-in rule holds) or anything the types allow;
:func:`violating`
    a report that breaks exactly one built-in rule, with the finding it must produce;
:func:`documents`
    raw JSON documents, valid or with one defect, for loaders;
:func:`templates`, :func:`report_infos`, :func:`codes`, :func:`document_numbers`…
    the parts;
:func:`written_numbers`, :func:`written_dates`…
    text as Vietnamese documents write it, with the value it means.

>>> from hypothesis import given, settings
>>> from cchc_model import AdminLevel, validate
>>> from cchc_model import strategies
>>> @settings(max_examples=20)
... @given(strategies.reports(level=AdminLevel.COMMUNE))
... def test_consistent_reports_validate(report):
...     assert validate(report).findings == ()
>>> test_consistent_reports_validate()

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from ._documents import DEFECTS, Document, documents
from ._reports import report_infos, reports, templates
from ._values import (
    Written,
    agencies,
    amounts,
    codes,
    counts,
    decimals,
    document_numbers,
    levels,
    notes,
    percentages,
    periods,
    person_names,
    place_names,
    report_dates,
    texts,
    written_amounts,
    written_dates,
    written_document_numbers,
    written_numbers,
    written_percentages,
    written_periods,
    years,
)
from ._violating import Violation, violating

__all__ = [
    "DEFECTS",
    "Document",
    "Violation",
    "Written",
    "agencies",
    "amounts",
    "codes",
    "counts",
    "decimals",
    "document_numbers",
    "documents",
    "levels",
    "notes",
    "percentages",
    "periods",
    "person_names",
    "place_names",
    "report_dates",
    "report_infos",
    "reports",
    "templates",
    "texts",
    "violating",
    "written_amounts",
    "written_dates",
    "written_document_numbers",
    "written_numbers",
    "written_percentages",
    "written_periods",
    "years",
]
