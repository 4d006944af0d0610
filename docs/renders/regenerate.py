"""Rewrite the pictures of ``docs/reporters.md``: the first printed page of each format.

Each format renders the example report (with the findings of its validation, where the
format shows findings) and is printed to PDF as its reader would print it: the Word
and Excel files by LibreOffice, the HTML page by WeasyPrint (which follows the page's
print CSS as a browser does), the text formats as text in a monospaced font. The first
page of each PDF becomes a small PNG (``pdftoppm -r 50``).

Needs LibreOffice (``soffice``), poppler (``pdftoppm``) and the ``weasyprint`` command
(``pip install weasyprint``, anywhere on the path)::

    .venv/bin/python docs/renders/regenerate.py && git status docs/renders
"""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import cchc_model

HERE = Path(__file__).resolve().parent
FORMATS = ("text", "markdown", "html", "csv", "csv-wide", "xlsx", "docx")
_TEXT_PAGE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 20mm 15mm 20mm 30mm; }}
pre {{ font: 7.5pt/1.25 "Liberation Mono", "DejaVu Sans Mono", monospace;
      white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }}
</style></head><body><pre>{text}</pre></body></html>
"""


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        sys.exit(f"regenerate.py: {name} is not installed (see the docstring)")
    return found


def _pdf(to: str, folder: Path) -> Path:
    """The example rendered to ``to`` and printed to a PDF in ``folder``."""
    report = cchc_model.example()
    findings = cchc_model.validate(report) if to not in ("csv", "csv-wide") else None
    content = cchc_model.render(report, to, findings=findings)
    if isinstance(content, bytes):  # Word, Excel: as LibreOffice prints them
        source = folder / f"{to}.{to}"
        source.write_bytes(content)
        subprocess.run(  # noqa: S603  # the tools found on the path, on our own files
            [
                _tool("soffice"),
                f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                str(source),
            ],
            check=True,
            capture_output=True,
        )
        return folder / f"{to}.pdf"
    page = content if to == "html" else _TEXT_PAGE.format(text=html.escape(content))
    source = folder / f"{to}.html"
    source.write_text(page, encoding="utf-8")
    pdf = folder / f"{to}.pdf"
    command = [_tool("weasyprint"), str(source), str(pdf)]
    subprocess.run(command, check=True, capture_output=True)  # noqa: S603  # as above
    return pdf


def main() -> None:
    """Write ``docs/renders/<format>.png`` for every format."""
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        for to in FORMATS:
            pdf = _pdf(to, folder)
            target = HERE / to
            first_page = ["-r", "50", "-png", "-f", "1", "-l", "1", "-singlefile"]
            command = [_tool("pdftoppm"), *first_page, str(pdf), str(target)]
            subprocess.run(command, check=True)  # noqa: S603  # as above
            print(f"wrote docs/renders/{to}.png")  # noqa: T201  # a script's report


if __name__ == "__main__":
    main()
