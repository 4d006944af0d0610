"""The Excel and Word files open in LibreOffice (when it is installed; CI may not have it)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from cchc_model import dumps, example, read, render

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed: the conversion test of the Excel and Word"
    " files is skipped",
)


def _convert(path: Path, to: str, out: Path) -> Path:
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
        ],
        capture_output=True,
        check=False,
        timeout=240,
        text=True,
    )
    converted = out / f"{path.stem}.{to.split(':', maxsplit=1)[0]}"
    assert completed.returncode == 0, completed.stderr
    assert converted.exists(), completed.stdout + completed.stderr
    return converted


def test_libreoffice_opens_the_workbook_and_its_copy_reads_back(tmp_path: Path) -> None:
    source = tmp_path / "report.xlsx"
    source.write_bytes(render(example(), "xlsx"))
    resaved = _convert(source, "xlsx:Calc MS Excel 2007 XML", tmp_path / "out")
    report, warnings = read(resaved)
    assert dumps(report) == dumps(example())
    assert warnings == ()
    pdf = _convert(source, "pdf", tmp_path / "pdf")
    assert pdf.read_bytes().startswith(b"%PDF")


def test_libreoffice_opens_the_word_document(tmp_path: Path) -> None:
    source = tmp_path / "report.docx"
    source.write_bytes(render(example(), "docx"))
    text = _convert(source, "txt:Text (encoded):UTF8", tmp_path / "out").read_text(
        encoding="utf-8-sig"
    )
    for number in range(2, 9):
        assert f"Phụ lục {number}" in text
    assert "(Kèm theo Báo cáo số: 341/BC-UBND ngày 10/6/2024 của UBND xã Hương Sơn)" in text
    assert "78,94" in text
    assert "Tỷ lệ hồ sơ TTHC được tiếp nhận trực tuyến mức độ 3 và 4" in text
    pdf = _convert(source, "pdf", tmp_path / "pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
