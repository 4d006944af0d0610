"""Time: every reader and parser stays linear on input built to be slow.

Each case feeds one parser or reader an adversarial input (a run of spaces after a
number, a closing sentence of thousands of *của*, an HTML comment opened thousands of
times, a workbook of many shared strings…) of size ``n`` and of size ``8n``, and
compares the least CPU time of :data:`RUNS` runs of each (``time.process_time``, the
garbage collector off, so that other processes on a loaded machine and the collector's
pauses do not count). A linear reader takes about 8 times as long at ``8n``, a
quadratic one 64 times: a case fails above :data:`LIMIT`. The first size is doubled
until one run takes :data:`FLOOR` seconds, so that the clock and the fixed cost of a
call do not decide the ratio; no input is larger than the readers take (20 MB, the
bounds of a workbook), so that what is timed is the reading, not a refusal.

The suite: :data:`CASES` has 64 cases (the seven ``vi.parse_*``, the text, CSV, Excel,
Word and HTML readers through ``read``, ``loads``, and the rule-file loader); with the
doubling and 2 × 5 timed runs each, about 830 inputs run. The largest ratios seen on the
development machine (2 cores shared with four other test suites) were 8.1 to 13.3 over
several runs; the session's summary prints the largest of the run. Before the fixes of
issue 13, ``vi.parse_money`` on ``"1"`` and spaces, the CSV reader's code-list units,
the text reader's closing sentence and the HTML reader had ratios of 40 to 64.
"""

from __future__ import annotations

import gc
import io
import json
import time
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

import docx
import openpyxl
import pytest

import robustness_log
from cchc_model import CchcError, dumps, example, loads, loads_rules, read, render, vi
from zips import rezip

GROWTH = 8
"""How much larger the second input is."""
LIMIT = 20.0
"""The largest ratio of times allowed: a linear reader is near 8, a quadratic one near 64."""
RUNS = 5
"""Runs of each size; the least time counts."""
FLOOR = 0.002
"""The least time of one run at the first size, in seconds (the first size is doubled
until it is reached)."""


class Case(NamedTuple):
    """An adversarial input of size ``n`` (``make``) and what reads it (``run``)."""

    name: str
    make: Callable[[int], Any]
    run: Callable[[Any], object]
    start: int = 1_000
    most: int = 2_500_000
    """The largest ``8n``: under the readers' own bounds."""


def _quietly(fn: Callable[[Any], object]) -> Callable[[Any], object]:
    def run(data: Any) -> object:  # any input
        try:
            return fn(data)
        except CchcError:  # refusing is an answer; only the time matters here
            return None

    return run


def _read(form: str) -> Callable[[Any], object]:
    return _quietly(lambda data: read(data if isinstance(data, bytes) else data.encode(), form))  # type: ignore[arg-type]


# --- inputs ------------------------------------------------------------------------------------

_META = (
    "template,code,title,unit,value,note\r\nreport,agency,,,UBND xã A,\r\n"
    "report,level,,,commune,\r\nreport,period,,,h1,\r\nreport,year,,,2024,\r\n"
)
_HTML = "<html><body><p>Phụ lục 2</p>"
_MD = "Phụ lục 2\n\n| STT | Chỉ tiêu thống kê | Số liệu |\n|---|---|---|\n"
_MINIMAL = (
    '{"format": "cchc-report", "version": 1, "report": {"agency": "A", "level": "commune",'
    ' "period": "h1", "year": 2024}, "templates": %s}'
)


def _document(templates: dict[str, Any]) -> str:
    return _MINIMAL % json.dumps(templates)


def _docx(paragraphs: list[str], rows: int = 0) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if rows:
        table = document.add_table(rows=rows, cols=5)
        for row in table.rows:
            row.cells[0].text, row.cells[1].text, row.cells[3].text = "1.", "Số văn bản", "13"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _workbook(change: Callable[[Any], None]) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(render(example(), "xlsx")))
    change(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


_EXAMPLE_XLSX = render(example(), "xlsx")


def _shared_strings(n: int) -> bytes:
    items = "".join(f"<si><t>{i}</t></si>" for i in range(n))
    body = (
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org'
        f'/spreadsheetml/2006/main" count="{n}" uniqueCount="{n}">{items}</sst>'
    )
    return rezip(_EXAMPLE_XLSX, {"xl/sharedStrings.xml": body.encode()})


def _one_long_row(n: int) -> bytes:
    cells = '<c t="n"><v>1</v></c>' * n
    body = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<sheetData><row r="1">{cells}</row></sheetData></worksheet>'
    )
    return rezip(_EXAMPLE_XLSX, {"xl/worksheets/sheet1.xml": body.encode()})


def _rules(n: int) -> str:
    return "".join(f'[[rule]]\nid = "R.{i}"\nexpr = "PL2:2.2 <= PL2:2.1"\n' for i in range(n))


CASES: tuple[Case, ...] = (
    # vi.parse_*: a number then spaces took 62 s (money) and 17 s (percent) at 32,000
    Case("parse_number spaces", lambda n: "1" + " " * n + "x", _quietly(vi.parse_number)),
    Case("parse_number dots", lambda n: "1." * n, _quietly(vi.parse_number)),
    Case("parse_number digits", lambda n: "1" * n + ",5", _quietly(vi.parse_number)),
    Case("parse_percent spaces", lambda n: "1" + " " * n + "x", _quietly(vi.parse_percent)),
    Case("parse_percent signs", lambda n: "1" + "%" * n, _quietly(vi.parse_percent)),
    Case("parse_money spaces", lambda n: "1" + " " * n + "x", _quietly(vi.parse_money)),
    Case("parse_money scales", lambda n: "nghìn " * n, _quietly(vi.parse_money)),
    Case("parse_money scale, spaces", lambda n: "1 tỷ" + " " * n + "x", _quietly(vi.parse_money)),
    Case("parse_money units", lambda n: "1" + "đ" * n, _quietly(vi.parse_money)),
    Case("parse_date", lambda n: "ngày " * n, _quietly(vi.parse_date)),
    Case("parse_place_date", lambda n: "Hà Nội, " * n + "ngày 1", _quietly(vi.parse_place_date)),
    Case("parse_period", lambda n: "quý " * n, _quietly(vi.parse_period)),
    Case("parse_document_number", lambda n: "1/" * n, _quietly(vi.parse_document_number)),
    # the text reader: 48 kB of a closing sentence took 13 s, a Kèm theo line 30 s
    Case("text: closing", lambda n: "Trên đây là " + "của " * n, _read("text")),
    Case(
        "text: Kèm theo",
        lambda n: "Phụ lục 2\n(Kèm theo Báo cáo số " + "ngày " * n,
        _read("text"),
    ),
    Case(
        "text: many closings",
        lambda n: ("Trên đây là " + "của " * 20 + "\n") * n,
        _read("text"),
        start=100,
    ),
    Case("text: angle brackets", lambda n: "Phụ lục 2\n1.\t" + "<" * n, _read("text")),
    Case("text: asterisks", lambda n: "Phụ lục 2\n1.\t" + "*" * n, _read("text")),
    Case("text: references", lambda n: "Phụ lục 2\n1.\t" + "&#99999999;" * n, _read("text")),
    Case("text: pipes", lambda n: "Phụ lục 2\n| STT |\n" + "| " * n, _read("text")),
    Case("text: dashes", lambda n: "Phụ lục 2\n" + "- " * n + "\n1. x", _read("text")),
    Case("text: spaces", lambda n: "Phụ lục 2\n1." + " " * n + "x  13", _read("text")),
    Case(
        "text: rows",
        lambda n: "Phụ lục 2\n" + "1.\tSố văn bản\tVăn bản\t13\n" * n,
        _read("text"),
        start=100,
    ),
    Case("text: lines", lambda n: "Phụ lục 2\n" * n, _read("text"), start=100),
    # beyond the bounds of a table: refused at the first bound, not after reading it all
    Case("text: cells of a line", lambda n: _MD + "| 1. " * n, _read("text")),
    Case("text: tab-separated rows", lambda n: "Phụ lục 2\n" + "1.\tx\t\t13\n" * n, _read("text")),
    Case("text: paragraphs", lambda n: "Phụ lục 2\n" + "Người lập biểu\n" * n, _read("text")),
    # CSV
    Case(
        "csv: unit of a code row",
        lambda n: _META + 'PL2,7,,"' + "Có " * n + '",1,\r\n',
        _read("csv"),
    ),
    Case(
        "csv: title", lambda n: _META + 'PL2,1,"' + "Số văn bản " * n + '",,13,\r\n', _read("csv")
    ),
    Case(
        "csv: rows", lambda n: _META + "PL2,9.9,,,1,\r\n" * n, _read("csv"), start=100, most=10_000
    ),
    Case("csv: quotes", lambda n: _META + 'PL2,1,"' + '""' * n + '",,13,\r\n', _read("csv")),
    Case(
        "csv: stray bytes",
        lambda n: (_META + "PL2,1,,,13,ghi chú\r\n").encode() + b"\xff" * n,
        _read("csv"),
    ),
    # HTML: an unclosed comment repeated took 53 s at 80 kB
    Case(
        "html: cells of a row", lambda n: _HTML + "<table><tr>" + "<td>1.</td>" * n, _read("html")
    ),
    Case("html: rows", lambda n: _HTML + "<table>" + "<tr><td>1.</td>" * n, _read("html")),
    Case(
        "html: tables", lambda n: _HTML + "<table><tr><td>1.</td></tr></table>" * n, _read("html")
    ),
    Case("html: comments", lambda n: _HTML + "<!--" * n, _read("html")),
    Case("html: comments, closed", lambda n: _HTML + "<!--" * n + "-->", _read("html")),
    Case("html: tags", lambda n: _HTML + "<a" * n, _read("html")),
    Case("html: tags, closed", lambda n: _HTML + "<a" * n + ">", _read("html")),
    Case("html: end tags", lambda n: _HTML + "</x" * n + ">", _read("html")),
    Case("html: declarations", lambda n: _HTML + "<!x" * n + ">", _read("html")),
    Case("html: processing", lambda n: _HTML + "<?x" * n + ">", _read("html")),
    Case("html: marked sections", lambda n: _HTML + "<![" * n + ">", _read("html")),
    Case("html: script", lambda n: _HTML + "<script>" + "</x" * n + ">", _read("html")),
    Case("html: references", lambda n: _HTML + "<p>" + "&#99999999;" * n, _read("html")),
    Case("html: attributes", lambda n: _HTML + "<a" + ' x="' * n + ">", _read("html")),
    Case(
        "html: spans",
        lambda n: _HTML + "<table>" + '<tr><td colspan="64" rowspan="5000">x</td></tr>' * n,
        _read("html"),
        start=100,
        most=5_000,
    ),
    # Word
    Case(
        "docx: closings",
        lambda n: _docx(["Trên đây là " + "của " * 20] * n),
        _read("docx"),
        start=100,
        most=40_000,
    ),
    Case("docx: a long paragraph", lambda n: _docx(["của " * n]), _read("docx")),
    Case(
        "docx: rows",
        lambda n: _docx(["Phụ lục 2"], rows=n),
        _read("docx"),
        start=50,
        most=5_000,
    ),
    # Excel, within the bounds of a workbook
    Case("xlsx: shared strings", _shared_strings, _read("xlsx"), start=500, most=100_000),
    Case("xlsx: one long row", _one_long_row, _read("xlsx"), start=500, most=100_000),
    Case(
        "xlsx: number format",
        lambda n: _workbook(lambda b: setattr(b["Phụ lục 2"]["D7"], "number_format", "[" * n)),
        _read("xlsx"),
        most=60_000,
    ),
    Case(
        "xlsx: long text",
        lambda n: _workbook(lambda b: setattr(b["Phụ lục 2"]["B7"], "value", "của " * n)),
        _read("xlsx"),
        most=8_000,
    ),
    # JSON
    Case("loads: spaces", lambda n: " " * n + dumps(example()), _quietly(loads)),
    Case("loads: nesting", lambda n: "[" * n + "]" * n, _quietly(loads)),
    Case(
        "loads: unknown codes",
        lambda n: _document({"PL2": {"values": {f"9.{i}": 1 for i in range(n)}}}),
        _quietly(loads),
        start=100,
    ),
    Case(
        "loads: a long note",
        lambda n: _MINIMAL % f'{{"PL2": {{"notes": {{"1": "{"x" * n}"}}}}}}',
        _quietly(loads),
    ),
    Case(
        "loads: a long decimal",
        lambda n: _MINIMAL % f'{{"PL2": {{"values": {{"2": "0.{"0" * n}1"}}}}}}',
        _quietly(loads),
    ),
    Case(
        "loads: big integers",
        lambda n: "[" + ",".join(["9" * 4000] * n) + "]",
        _quietly(loads),
        start=10,
        most=4_000,
    ),
    # rule files
    Case("loads_rules: rules", _rules, _quietly(loads_rules), start=20, most=8_000),
    Case(
        "loads_rules: a long expression",
        lambda n: f'[[rule]]\nid = "R"\nexpr = "PL2:2.1 = {"1 + " * n}1"\n',
        _quietly(loads_rules),
    ),
    Case(
        "loads_rules: a long message",
        lambda n: f'[[rule]]\nid = "R"\nexpr = "PL2:2.2 <= PL2:2.1"\nmessage.en = "{"{" * n}"\n',
        _quietly(loads_rules),
    ),
    Case(
        "loads_rules: a long id",
        lambda n: f'[[rule]]\nid = "{"R" * n}"\nexpr = "PL2:2.2 <= PL2:2.1"\n',
        _quietly(loads_rules),
    ),
)


@pytest.fixture(autouse=True)
def _older_objects_frozen() -> Iterator[None]:
    """Keep the collections between runs to the objects of the case itself.

    In a whole test session the heap holds millions of objects; a full collection before
    each run scanned them all, which made each case take four times as long as it does
    alone. Frozen (``gc.freeze``), they are left out of the collections until the case
    ends; what the case makes is still collected before each run.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _least_time(run: Callable[[Any], object], data: Any, runs: int = RUNS) -> float:
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            run(data)
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    robustness_log.inputs(runs)
    return best


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_time_grows_linearly_with_the_input(case: Case) -> None:
    n = case.start
    while n * GROWTH * 2 <= case.most and _least_time(case.run, case.make(n), 1) < FLOOR:
        n *= 2
    small = _least_time(case.run, case.make(n))
    large = _least_time(case.run, case.make(n * GROWTH))
    ratio = large / max(small, 1e-6)
    robustness_log.ratio(case.name, ratio, n)
    assert ratio <= LIMIT, (
        f"{case.name}: {small * 1000:.1f} ms at n={n:,}, {large * 1000:.1f} ms at"
        f" {n * GROWTH:,}: a ratio of {ratio:.1f} (linear: {GROWTH}, quadratic: {GROWTH**2})"
    )
