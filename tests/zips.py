"""Office files changed member by member, for the tests of the readers and their guard."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping


def rezip(
    data: bytes, parts: Mapping[str, bytes] | None = None, rename: Mapping[str, str] | None = None
) -> bytes:
    """``data`` (a zip archive) with ``parts`` replaced, or added, by name.

    ``rename`` renames members (``{"xl/worksheets/sheet1.xml": "xl/worksheets/sheet1.XML"}``);
    the references to them in the other parts follow, so that a parser still finds them.
    """
    parts = dict(parts or {})
    rename = rename or {}
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            body = parts.pop(item.filename) if item.filename in parts else source.read(item)
            for old, new in rename.items():
                body = body.replace(old.split("/", 1)[1].encode(), new.split("/", 1)[1].encode())
            target.writestr(rename.get(item.filename, item.filename), body)
        for name, body in parts.items():
            target.writestr(name, body)
    return buffer.getvalue()
