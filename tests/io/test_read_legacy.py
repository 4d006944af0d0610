"""Older office files go through LibreOffice; PDF files and images are refused clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_model import ReportFormatError, dumps, example, read, render
from cchc_model._io import legacy

SOFFICE = legacy.soffice()
WHAT_DOCX_LACKS = {"period": "h1", "year": 2024, "level": "commune"}


@pytest.mark.parametrize(
    ("suffix", "target"), [(".doc", "docx"), (".rtf", "docx"), (".xls", "xlsx")]
)
def test_without_libreoffice_the_error_names_the_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str, target: str
) -> None:
    monkeypatch.setattr(legacy, "soffice", lambda: None)
    path = tmp_path / f"bao-cao{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    with pytest.raises(ReportFormatError) as info:
        read(path)
    assert f'soffice --headless --convert-to {target} "bao-cao{suffix}"' in str(info.value)
    assert "LibreOffice" in info.value.message("vi")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("scan.pdf", b"%PDF-1.7\n"),
        ("photo.JPG", b"\xff\xd8\xff\xe0"),
        (None, b"%PDF-1.4\n"),
        (None, b"\x89PNG\r\n\x1a\n"),
    ],
)
def test_pdf_files_and_images_are_refused(tmp_path: Path, name: str | None, data: bytes) -> None:
    source: Path | bytes = data
    if name is not None:
        source = tmp_path / name
        source.write_bytes(data)
    with pytest.raises(ReportFormatError) as info:
        read(source)
    message = str(info.value)
    assert "PDF files and images are not read" in message
    for suffix in (".docx", ".xlsx", ".csv", ".html", ".txt", ".doc", ".odt"):
        assert suffix in message


needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed: no conversion to test"
)


def _convert(source: Path, to: str) -> Path:
    """``source`` saved by LibreOffice itself in another format (as a user would)."""
    import subprocess  # noqa: PLC0415

    assert SOFFICE is not None
    out = source.parent / "out"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(source.parent / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return out / f"{source.stem}.{to.split(':', 1)[0]}"


@needs_soffice
def test_an_opendocument_text_and_a_spreadsheet_read_through_libreoffice(tmp_path: Path) -> None:
    word = tmp_path / "bao-cao.docx"
    word.write_bytes(render(example(), "docx"))
    odt = _convert(word, "odt")
    report, _ = read(odt, info={**WHAT_DOCX_LACKS, "province": "Thừa Thiên Huế"})
    assert report.templates == example().templates
    book = tmp_path / "bao-cao.xlsx"
    book.write_bytes(render(example(), "xlsx"))
    ods = _convert(book, "ods")
    report, warnings = read(ods)
    assert dumps(report) == dumps(example())
    assert warnings == ()
    # without its name, an OpenDocument file is known by its content
    assert read(ods.read_bytes()).report == example()


@needs_soffice
def test_a_conversion_that_takes_too_long_is_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(legacy, "TIME_LIMIT", 0.01)
    path = tmp_path / "bao-cao.rtf"
    path.write_bytes(b"{\\rtf1 Ph\\'e1 l\\'fac 2}")
    with pytest.raises(ReportFormatError, match=r"did not convert the file within 0\.01 seconds"):
        read(path)
