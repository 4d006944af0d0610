"""The guard of Office files: every part checked before a parser sees it, whatever its name."""

from __future__ import annotations

import io
import zipfile

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_model import ReportFormatError, example, read, render
from cchc_model._io import archive, xlsx
from zips import rezip

WORKBOOK = render(example(), "xlsx")
SHEET = "xl/worksheets/sheet1.xml"
ENTITY = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'


def _sheet() -> bytes:
    return zipfile.ZipFile(io.BytesIO(WORKBOOK)).read(SHEET)


def _with_declaration(declaration: str, body: bytes, encoding: str = "utf-8") -> bytes:
    return (declaration + body.decode("utf-8")).encode(encoding)


# Every way to name the part and write the declaration that an XML parser still reads.
NAMES = st.sampled_from(["xl/worksheets/sheet1.xml", "xl/worksheets/sheet1.XML", "xl/x.bin"])
DECLARATIONS = st.sampled_from([ENTITY, ENTITY.lower(), ENTITY.replace("<!DOCTYPE", "<!DOCTYPE ")])
ENCODINGS = st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-16-be"])


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NAMES, DECLARATIONS, ENCODINGS, st.integers(0, 2_000_000))
def test_a_document_type_is_refused_in_any_part_name_and_encoding(
    name: str, declaration: str, encoding: str, padding: int
) -> None:
    head = '<?xml version="1.0" encoding="UTF-16"?>' if encoding.startswith("utf-16") else ""
    # padding puts the declaration across the pieces the guard reads
    text = head + "<!-- " + "x" * padding + " -->" + declaration + _sheet().decode()
    body = ("\ufeff" if encoding in ("utf-16-le", "utf-16-be") else "") + text
    body_bytes = body.encode(encoding)
    rename = {SHEET: name} if name != SHEET else {}
    data = rezip(WORKBOOK, {SHEET: body_bytes}, rename)
    with pytest.raises(ReportFormatError, match="declares a document type"):
        read(data, "xlsx")


def test_the_renamed_part_is_really_parsed() -> None:
    # The bypass the guard closes: a sheet named sheet1.XML is the sheet openpyxl reads.
    data = rezip(WORKBOOK, {}, {SHEET: "xl/worksheets/sheet1.XML"})
    assert read(data, "xlsx").report == example()


@pytest.mark.parametrize("encoding", ["cp037", "utf-7", "iso-8859-1", "UTF-32"])
def test_an_encoding_in_which_the_markers_could_hide_is_refused(encoding: str) -> None:
    body = _with_declaration(f'<?xml version="1.0" encoding="{encoding}"?>', _sheet())
    with pytest.raises(ReportFormatError, match=f"{SHEET} is written in {encoding}"):
        read(rezip(WORKBOOK, {SHEET: body}), "xlsx")


def test_utf_32_is_refused_by_its_mark() -> None:
    body = _sheet().decode().encode("utf-32")
    with pytest.raises(ReportFormatError, match="is written in UTF-32"):
        read(rezip(WORKBOOK, {SHEET: body}), "xlsx")


def test_a_sheet_in_utf_16_is_read() -> None:
    body = _with_declaration('<?xml version="1.0" encoding="UTF-16"?>', _sheet(), "utf-16")
    assert read(rezip(WORKBOOK, {SHEET: body}), "xlsx").report == example()


def _shared_strings(count: int) -> bytes:
    items = "<si><t>x</t></si>" * count
    return (
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org'
        f'/spreadsheetml/2006/main" count="{count}" uniqueCount="{count}">{items}</sst>'
    ).encode()


@pytest.mark.parametrize(
    ("local", "what"), [("si", "shared strings"), ("c", "cells"), ("row", "rows")]
)
def test_what_openpyxl_would_build_is_bounded(
    local: str, what: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    most = 30
    bounds = {**xlsx.WORKBOOK.bounds, local: (most, what, "")}
    monkeypatch.setattr(xlsx, "WORKBOOK", attrs.evolve(xlsx.WORKBOOK, bounds=bounds))
    data = (
        rezip(WORKBOOK, {"xl/sharedStrings.xml": _shared_strings(most + 1)})
        if local == "si"
        else WORKBOOK
    )
    with pytest.raises(ReportFormatError, match=f"holds more than {most} {what}"):
        read(data, "xlsx")


def test_the_bounds_of_a_workbook() -> None:
    assert {k: v[0] for k, v in xlsx.WORKBOOK.bounds.items()} == {
        "si": xlsx.MAX_SHARED_STRINGS,
        "c": xlsx.MAX_CELLS,
        "row": xlsx.MAX_ROW_ELEMENTS,
    }


def test_five_million_shared_strings_are_refused_at_once() -> None:
    # The workbook: 212 kB, 5 million shared strings; it took 55 s and 611 MB.
    data = rezip(WORKBOOK, {"xl/sharedStrings.xml": _shared_strings(5_000_000)})
    assert len(data) < 300_000
    with pytest.raises(ReportFormatError, match=r"sharedStrings.xml unpacks to 85,000,153 bytes"):
        read(data, "xlsx")
    # under the size of a part, the count of strings is bounded
    with pytest.raises(ReportFormatError, match="more than 100,000 shared strings"):
        read(rezip(WORKBOOK, {"xl/sharedStrings.xml": _shared_strings(200_000)}), "xlsx")


def test_elements_and_parts_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "MAX_ELEMENTS", 1_000)
    with pytest.raises(ReportFormatError, match="more than 1,000 XML elements"):
        read(WORKBOOK, "xlsx")
    monkeypatch.setattr(archive, "MAX_ELEMENTS", 300_000)
    monkeypatch.setattr(archive, "MAX_PART_BYTES", 10_000)
    with pytest.raises(ReportFormatError, match=r"unpacks to [0-9,]+ bytes \(at most 10,000\)"):
        read(WORKBOOK, "xlsx")


@pytest.mark.parametrize("members", [1_001, 70_000])
def test_too_many_members_are_refused_before_they_are_listed(
    members: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 220,000 empty members fit in 20 MB, and zipfile took 2 s and 140 MB to list them
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bomb:
        for n in range(members):
            bomb.writestr(str(n), b"")

    def listed(*_: object) -> None:
        raise AssertionError("the members were listed")

    monkeypatch.setattr(zipfile, "ZipFile", listed)  # the module archive reads zips with
    with pytest.raises(ReportFormatError, match=f"unpacks to {min(members, 65_535):,}"):
        read(buffer.getvalue(), "xlsx")
