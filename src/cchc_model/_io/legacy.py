"""Older office formats (``.doc``, ``.odt``, ``.rtf``, ``.xls``, ``.ods``), read via LibreOffice.

LibreOffice converts the file (``soffice --headless --convert-to docx``, or ``xlsx``)
in a temporary directory, with a profile of its own there (no lock on the user's, no
trace left), within :data:`TIME_LIMIT` seconds; the converted file is then read as a
Word document or an Excel workbook. Without LibreOffice, the error says the exact
command that converts the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from .._model import files
from .._model.errors import Problem, ReportFormatError

__all__ = ["LEGACY", "TIME_LIMIT", "convert", "soffice"]

LEGACY: Final = {".doc": "docx", ".odt": "docx", ".rtf": "docx", ".xls": "xlsx", ".ods": "xlsx"}
"""The formats read through LibreOffice, and the format each is converted to."""
TIME_LIMIT: Final = 180
"""Seconds LibreOffice may take to convert one file (its first start is the slowest)."""


def soffice() -> str | None:
    """The LibreOffice program on the ``PATH`` (``soffice`` or ``libreoffice``), or ``None``."""
    import shutil  # noqa: PLC0415  # LEGACY is read at every start; LibreOffice rarely run

    return shutil.which("soffice") or shutil.which("libreoffice")


def _refuse(en: str, vi: str, source: str | None) -> ReportFormatError:
    return ReportFormatError([Problem("file", en, vi)], source=source)


def convert(data: bytes, suffix: str, source: str | None) -> bytes:
    """``data``, a file of format ``suffix`` (``.doc``…), converted by LibreOffice.

    Raises:
        ReportFormatError: LibreOffice is not installed, fails, or takes too long.
    """
    import subprocess  # noqa: PLC0415  # see soffice
    import tempfile  # noqa: PLC0415

    target = LEGACY[suffix]
    name = Path(source).name if source else f"bao-cao{suffix}"
    command = f'soffice --headless --convert-to {target} "{name}"'
    program = soffice()
    if program is None:
        raise _refuse(
            f"{suffix} files are read through LibreOffice, which is not installed (no soffice"
            f" on the PATH): install it, or convert the file and read the .{target}: {command}",
            f"tệp {suffix} được đọc qua LibreOffice nhưng máy chưa cài (không có soffice trong"
            f" PATH): hãy cài LibreOffice, hoặc chuyển tệp rồi đọc tệp .{target}: {command}",
            source,
        )
    with tempfile.TemporaryDirectory(prefix="cchc-") as folder:
        given = Path(folder, f"bao-cao{suffix}")
        given.write_bytes(data)
        converted = Path(folder, "out", f"bao-cao.{target}")
        try:
            completed = subprocess.run(  # noqa: S603  # a fixed program and arguments, no shell
                [
                    program,
                    f"-env:UserInstallation={Path(folder, 'profile').as_uri()}",
                    "--headless",
                    "--convert-to",
                    target,
                    "--outdir",
                    str(converted.parent),
                    str(given),
                ],
                capture_output=True,
                check=False,
                timeout=TIME_LIMIT,
                text=True,
                errors="replace",
            )
        except subprocess.TimeoutExpired:
            raise _refuse(
                f"LibreOffice did not convert the file within {TIME_LIMIT} seconds: {command}",
                f"LibreOffice không chuyển được tệp trong {TIME_LIMIT} giây: {command}",
                source,
            ) from None
        if not converted.exists():
            said = " ".join((completed.stderr or completed.stdout or "").split())[:300]
            raise _refuse(
                f"LibreOffice could not convert the file (exit {completed.returncode}: {said}):"
                f" {command}",
                f"LibreOffice không chuyển được tệp (mã {completed.returncode}: {said}): {command}",
                source,
            )
        try:
            return files.read_path(converted)  # bounded as every input: 20 MB
        except files.Unreadable as exc:
            raise _refuse(
                f"the file LibreOffice made cannot be read: {exc.en}",
                f"không đọc được tệp do LibreOffice tạo ra: {exc.vi}",
                source,
            ) from None
