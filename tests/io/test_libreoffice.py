"""The Word and Excel files as a reader sees them: opened in LibreOffice, printed to PDF.

Each file is converted once (LibreOffice headless, then ``pdftotext -bbox`` for the
words and their boxes on every page) and checked for what a person filing it would
look at: the number of pages, the width of the title column, the size of the body
text, rows never split across two pages, nothing overlapping, page numbers, and the
Excel row heights against those LibreOffice itself computes.

Without LibreOffice or poppler the tests skip, saying why; with
``CCHC_REQUIRE_LIBREOFFICE=1`` (set by ``.ci/run``) they fail instead, so that CI
cannot pass without them.
"""

from __future__ import annotations

import html
import io
import os
import re
import shutil
import statistics
import subprocess
from collections.abc import Iterator
from pathlib import Path

import attrs
import openpyxl
import pytest

from cchc_model import dumps, example, read, render, validate
from cchc_model._io.fonts import text_width

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
REQUIRED = os.environ.get("CCHC_REQUIRE_LIBREOFFICE", "") not in ("", "0")
MM = 72 / 25.4
"""Points in a millimetre."""


@pytest.fixture(autouse=True)
def _tools() -> None:
    missing = [name for name, path in (("soffice", SOFFICE), ("pdftotext", PDFTOTEXT)) if not path]
    if missing:
        reason = (
            f"{' and '.join(missing)} not installed: the layout of the Word and Excel files"
            " in LibreOffice is not checked (apt-get install libreoffice-writer-nogui"
            " libreoffice-calc-nogui poppler-utils)"
        )
        if REQUIRED:
            pytest.fail(f"CCHC_REQUIRE_LIBREOFFICE is set, but {reason}")
        pytest.skip(reason)


def convert(path: Path, to: str, out: Path, *more: Path, lang: str | None = None) -> Path:
    """``path`` (and ``more``, in the same run) converted by LibreOffice to ``to`` in ``out``.

    Each run of LibreOffice takes seconds to start: convert files together. ``lang``
    is the locale LibreOffice runs in (``LANG`` and ``LC_ALL``), with a new profile.
    """
    env = None if lang is None else {**os.environ, "LANG": lang, "LC_ALL": lang}
    assert SOFFICE is not None
    profile = (out / "profile").as_uri()  # a profile of its own: no lock on the user's
    completed = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(out),
            str(path),
            *map(str, more),
        ],
        capture_output=True,
        check=False,
        timeout=240,
        text=True,
        env=env,
    )
    extension = to.split(":", maxsplit=1)[0]
    assert completed.returncode == 0, completed.stderr
    for source in (path, *more):
        converted = out / f"{source.stem}.{extension}"
        assert converted.exists(), completed.stdout + completed.stderr
    return out / f"{path.stem}.{extension}"


@attrs.frozen
class Word:
    """A word on a printed page, its box in points from the top left corner."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@attrs.frozen
class Page:
    number: int
    width: float
    height: float
    words: tuple[Word, ...]

    def find(self, text: str) -> list[Word]:
        return [word for word in self.words if word.text == text]


_PAGE = re.compile(r'<page width="([0-9.]+)" height="([0-9.]+)">(.*?)</page>', re.DOTALL)
_WORD = re.compile(
    r'<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">(.*?)</word>'
)


def pages(pdf: Path) -> list[Page]:
    """Every page of ``pdf`` with its words (``pdftotext -bbox``)."""
    assert PDFTOTEXT is not None
    text = subprocess.run(
        [PDFTOTEXT, "-bbox", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    return [
        Page(
            number,
            float(width),
            float(height),
            tuple(
                Word(html.unescape(w[4]), float(w[0]), float(w[1]), float(w[2]), float(w[3]))
                for w in _WORD.findall(body)
            ),
        )
        for number, (width, height, body) in enumerate(_PAGE.findall(text), start=1)
    ]


@attrs.frozen
class Printed:
    """A file as printed: its pages, and the PDF."""

    pdf: Path
    pages: list[Page]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Printed]]:
    """The example rendered to Word and Excel with the findings of its validation, printed."""
    if not (SOFFICE and PDFTOTEXT):
        yield {}
        return
    folder = tmp_path_factory.mktemp("printed")
    report = example()
    docx, xlsx = folder / "docx.docx", folder / "xlsx.xlsx"  # named apart: the PDFs too
    docx.write_bytes(render(report, "docx", findings=validate(report)))
    xlsx.write_bytes(render(report, "xlsx", findings=validate(report)))
    sources = (docx, xlsx)
    convert(docx, "pdf", folder / "pdf", xlsx)
    out: dict[str, Printed] = {}
    for source in sources:
        pdf = folder / "pdf" / f"{source.stem}.pdf"
        out[source.stem] = Printed(pdf, pages(pdf))
    yield out


def _table_words(page: Page) -> list[Word]:
    """The words of the table's body: below its header (the line of *Số liệu*)."""
    header = [w for w in page.find("liệu") if w.y0 < page.height / 2]
    assert header, f"page {page.number} has no table header"
    last = min(w.y0 for w in header)
    return [w for w in page.words if w.y0 > last + 5]


def _centre(word: Word) -> float:
    return (word.x0 + word.x1) / 2


def test_word_prints_on_about_as_many_pages_as_the_html(printed: dict[str, Printed]) -> None:
    count = len(printed["docx"].pages)
    # one page at least per appendix; the HTML print of the example takes 12
    assert 7 <= count <= 12, count


@pytest.mark.parametrize(("name", "at_least_mm"), [("docx", 65), ("xlsx", 58)])
def test_the_title_column_is_the_widest(
    printed: dict[str, Printed], name: str, at_least_mm: float
) -> None:
    """The first title of PL2 fills its first line across the title column."""
    page = printed[name].pages[0]
    title = "Số văn bản chỉ đạo CCHC đã ban hành (Kết luận, chỉ thị, công văn chỉ đạo, quán triệt)"
    first = min((w for w in _table_words(page) if w.text == "Số"), key=lambda w: (w.y0, w.x0))
    line = sorted((w for w in page.words if abs(w.y0 - first.y0) < 1), key=lambda w: w.x0)
    words = title.split()
    on_line = [w for w in line if w.x0 >= first.x0][: len(words)]
    taken = [w for w, expected in zip(on_line, words, strict=False) if w.text == expected]
    width_mm = (taken[-1].x1 - first.x0) / MM
    assert width_mm >= at_least_mm, (name, width_mm, [w.text for w in taken])


@pytest.mark.parametrize("name", ["docx", "xlsx"])
def test_body_text_prints_at_its_size(printed: dict[str, Printed], name: str) -> None:
    """12 pt text prints at 90 % of 12 pt or more: widths measured against the font's."""
    scales = [
        (w.x1 - w.x0) / text_width(w.text, 12)
        for page in printed[name].pages
        if page.find("liệu")
        for w in _table_words(page)
        if len(w.text) >= 4 and w.text.isalpha() and w.text.islower()
    ]
    assert len(scales) > 100
    assert statistics.median(scales) >= 0.9, statistics.median(scales)


@pytest.mark.parametrize("name", ["docx", "xlsx"])
def test_no_row_is_split_across_pages(printed: dict[str, Printed], name: str) -> None:
    """On every page the table's first line is a row's first: it has the row's STT.

    Cells are aligned at their top, so a row's first line holds its STT; a row split
    across pages would put lines without one at the top of the next page.
    """
    for page in printed[name].pages:
        if not page.find("STT"):
            continue  # the sheet of metadata
        body = _table_words(page)
        stt = min(page.find("STT"), key=lambda w: w.y0)
        numbers = [w for w in body if abs(_centre(w) - _centre(stt)) < 15]
        assert numbers, page.number
        assert min(w.y0 for w in body) >= min(w.y0 for w in numbers) - 1.5, (name, page.number)


@pytest.mark.parametrize("name", ["docx", "xlsx"])
def test_nothing_overlaps(printed: dict[str, Printed], name: str) -> None:
    """No two words on a page overlap: no cell's text runs into the next row's.

    A word's box holds the font's ascent and descent, which the next line's box may
    touch; two words overlap when their boxes share half a line's height and width.
    """
    for page in printed[name].pages:
        words = sorted(page.words, key=lambda w: w.y0)
        for index, word in enumerate(words):
            half = (word.y1 - word.y0) / 2
            for other in words[index + 1 :]:
                if other.y0 >= word.y1 - half:
                    break
                overlap_x = min(word.x1, other.x1) - max(word.x0, other.x0)
                assert overlap_x <= 0.5, (name, page.number, word, other)


@pytest.mark.parametrize("name", ["docx", "xlsx"])
def test_pages_are_numbered_from_the_second(printed: dict[str, Printed], name: str) -> None:
    """The page number, centred at the top, on every page but the first (Nghị định 30)."""
    for page in printed[name].pages:
        top = [w for w in page.words if w.y1 < 25 * MM and w.text.isdigit()]
        centred = [w for w in top if abs((w.x0 + w.x1) / 2 - page.width / 2) < 40]
        if page.number == 1:
            assert not centred, centred
        else:
            assert [w.text for w in centred] == [str(page.number)], (name, page.number, top)


def test_excel_rows_are_as_high_as_libreoffice_needs(tmp_path: Path) -> None:
    """Every row is at least the height LibreOffice computes for it, text wrapped."""
    data = render(example(), "xlsx", findings=validate(example()))
    ours = openpyxl.load_workbook(io.BytesIO(data))
    bare = openpyxl.load_workbook(io.BytesIO(data))
    for ws in bare.worksheets:
        for dimension in ws.row_dimensions.values():
            dimension.height = None  # LibreOffice computes the optimal height
    source = tmp_path / "bare.xlsx"
    bare.save(source)
    flat = convert(source, "fods", tmp_path / "out").read_text(encoding="utf-8")
    needed = _row_heights(flat)
    checked = 0
    for ws in ours.worksheets:
        merged = {
            r for cells in ws.merged_cells.ranges for r in range(cells.min_row, cells.max_row + 1)
        }
        for number, height in enumerate(needed[ws.title], start=1):
            if number > ws.max_row or number in merged or ws.row_dimensions[number].hidden:
                continue
            if all(cell.value is None for cell in ws[number]):
                continue
            given = ws.row_dimensions[number].height
            assert given is not None, (ws.title, number)
            assert given >= height - 0.5, (ws.title, number, given, height)
            checked += 1
    assert checked > 150


def _row_heights(flat: str) -> dict[str, list[float]]:
    """The height in points of each row of each sheet of a flat ODF spreadsheet."""
    styles = {
        name: float(value) * (72 if unit == "in" else MM if unit == "mm" else 72 / 2.54)
        for name, value, unit in re.findall(
            r'style:name="(ro\d+)" style:family="table-row">\s*<style:table-row-properties'
            r'[^>]*style:row-height="([0-9.]+)(in|mm|cm)"',
            flat,
        )
    }
    out: dict[str, list[float]] = {}
    for name, body in re.findall(
        r'<table:table table:name="([^"]+)"[^>]*>(.*?)</table:table>', flat, re.DOTALL
    ):
        heights: list[float] = []
        for style, repeated in re.findall(
            r'<table:table-row table:style-name="(ro\d+)"(?: table:number-rows-repeated="(\d+)")?',
            body,
        ):
            heights.extend([styles[style]] * min(int(repeated or 1), 5000))
        out[html.unescape(name)] = heights
    return out


def test_libreoffice_opens_the_workbook_and_its_copy_reads_back(tmp_path: Path) -> None:
    source = tmp_path / "report.xlsx"
    source.write_bytes(render(example(), "xlsx"))
    resaved = convert(source, "xlsx:Calc MS Excel 2007 XML", tmp_path / "out")
    report, warnings = read(resaved)
    assert dumps(report) == dumps(example())
    assert warnings == ()


def test_the_word_document_shows_what_it_holds(printed: dict[str, Printed]) -> None:
    text = " ".join(w.text for page in printed["docx"].pages for w in page.words)
    for number in range(2, 9):
        assert f"Phụ lục {number}" in text
    assert "(Kèm theo Báo cáo số: 341/BC-UBND ngày 10/6/2024 của UBND xã Hương Sơn)" in text
    assert "78,94" in text
    assert "Tỷ lệ hồ sơ TTHC được tiếp nhận trực tuyến mức độ 3 và 4" in text
    assert "PL2.ratio.2 (2., 2.1., 2.2.):" in text


def test_excel_numbers_print_in_vietnamese_in_an_english_locale(tmp_path: Path) -> None:
    # A spreadsheet shows a format's separators in the viewer's locale: "3,887 triệu đồng"
    # printed "3.887" (a thousand times more, to a Vietnamese reader) in English.
    report = example()
    assert report.pl2 is not None
    report = report.with_templates(attrs.evolve(report.pl2, plan_tasks=2_715_925_699))
    source = tmp_path / "report.xlsx"
    source.write_bytes(render(report, "xlsx"))
    pdf = convert(source, "pdf", tmp_path / "out", lang="en_US.UTF-8")
    text = subprocess.run(
        [str(PDFTOTEXT), "-layout", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    lines = {" ".join(line.split()[:2]): line.split() for line in text.splitlines() if line}
    assert lines["1.1. Kế"][-1] == "3,887"  # PL7 1.1, triệu đồng
    assert lines["1.2. Đã"][-1] == "3,887"
    assert "2.715.925.699" in text  # PL2 2.1, a count
    assert "78,94%" in text  # PL2 2
    assert "70,1%" in text  # PL8 6.4
    for english in ("3.887", "78.94%", "70.1%", "2,715,925,699"):
        assert english not in text


def test_a_long_note_keeps_the_heading_with_its_table_and_prints_whole(tmp_path: Path) -> None:
    # a tall first row used to leave the heading alone on page 1, the Kèm theo line on
    # page 2 and the table on page 3; a row taller than a page must split, not be cut
    note = " ".join(f"từ{n}" for n in range(1, 600)) + " KẾT THÚC"
    report = example()
    assert report.pl2 is not None
    report = report.with_templates(attrs.evolve(report.pl2, notes={"1": note}))
    source = tmp_path / "long.docx"
    source.write_bytes(render(report, "docx"))
    xlsx = tmp_path / "long.xlsx"
    xlsx.write_bytes(render(report, "xlsx"))
    convert(source, "pdf", tmp_path / "out", lang="en_US.UTF-8")
    first, *rest = pages(tmp_path / "out" / "long.pdf")
    text = " ".join(w.text for w in first.words)
    assert "Phụ lục 2" in text
    assert "BIỂU MẪU THỐNG KÊ" in text
    assert "(Kèm theo Báo cáo số" in text
    assert "Số văn bản chỉ đạo CCHC" in text  # the first row starts under its heading
    printed = [w.text for page in (first, *rest) for w in page.words]
    assert all(f"từ{n}" in printed for n in range(1, 600))
    assert "THÚC" in printed
    heights = openpyxl.load_workbook(xlsx)["Phụ lục 2"].row_dimensions
    assert max(heights[r].height or 0 for r in range(1, 60)) <= 409.5  # Excel's largest
