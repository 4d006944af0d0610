"""The guard of the Office files read (``.xlsx`` workbooks, ``.docx`` documents).

An Office file is a zip archive of XML parts. Before any XML parser sees one,
:func:`check_package` reads every member of the archive, whatever its name or case
(a parser reaches a part through the relationships, not through its name), and refuses:

- an archive that is not a zip, that is encrypted, that has more than
  :data:`MAX_MEMBERS` members or unpacks to more than :data:`MAX_UNCOMPRESSED` bytes,
  or one of whose members unpacks to more than :data:`MAX_PART_BYTES` (a zip bomb);
- a part that declares a document type or an entity (``<!DOCTYPE``, ``<!ENTITY``, any
  case): no entity expansion, no external entity;
- a part in an encoding other than UTF-8 or UTF-16 (an XML parser reads a part in the
  encoding it declares, in which the markers above could be written otherwise);
- more elements than :data:`MAX_ELEMENTS`, or more of one kind than the caller's
  bounds (the workbook's shared strings, rows and cells): what a parser would build.

The sizes are those the archive declares, and the standard library's ``zipfile`` never
unpacks more than a member declares; the counts are counted in the unpacked text, in
pieces, so that memory stays bounded too.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from typing import Final

import attrs

from .._model.errors import ReportFormatError
from .reading import Collector

__all__ = [
    "MAX_ELEMENTS",
    "MAX_MEMBERS",
    "MAX_PART_BYTES",
    "MAX_UNCOMPRESSED",
    "Package",
    "check_package",
]

MAX_MEMBERS: Final = 1_000
"""The most members of an archive (a report's workbook has about 20)."""
MAX_UNCOMPRESSED: Final = 100_000_000
"""The most bytes an archive may unpack to, all members together."""
MAX_PART_BYTES: Final = 20_000_000
"""The most bytes one member may unpack to: no part of a report is larger than the
largest file read."""
MAX_ELEMENTS: Final = 300_000
"""The most XML elements in an archive, all parts together: what a parser builds (a
report's workbook has about 3,000; a sheet of 2,000 rows by 30 columns, 120,000)."""

_CHUNK: Final = 1 << 20
_OVERLAP: Final = 160
"""Longer than any match below, so that a match cut by the end of a piece is found whole."""
_DECLARATION: Final = re.compile(r"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_ELEMENT: Final = re.compile(r"<(?:[A-Za-z_][\w.\-]{0,62}+:)?+([A-Za-z_][\w.\-]{0,62}+)")
_ENCODING: Final = re.compile(r"""encoding\s*=\s*["']([A-Za-z0-9._\-]{1,40})["']""")
_ALLOWED_ENCODINGS: Final = frozenset({"utf-8", "utf-16"})
_LONGEST_DECLARATION: Final = 400
_UTF32: Final = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, b"\0\0\0<", b"<\0\0\0")


@attrs.frozen
class Package:
    """What an Office file is, for the guard's messages and bounds.

    Attributes:
        en: The kind of file in English (``"workbook"``).
        vi: The kind of file in Vietnamese (``"tệp Excel"``).
        required: Members every such file has (``"[Content_Types].xml"``…).
        not_zip: Why a file that is no zip archive is refused, in English and Vietnamese.
        not_one: Why an archive without the ``required`` members is refused.
        bounds: The most elements of a kind (by local name, such as ``"c"`` for a
            worksheet's cells), with what they are in English and Vietnamese.
    """

    en: str
    vi: str
    required: tuple[str, ...]
    not_zip: tuple[str, str]
    not_one: tuple[str, str]
    bounds: Mapping[str, tuple[int, str, str]] = attrs.field(factory=dict)


def check_package(data: bytes, package: Package, out: Collector) -> None:
    """Refuse, in ``out``, an Office file that no XML parser should see (see the module).

    Raises:
        ReportFormatError: The file is refused; the problem says why.
    """
    out.check_size(len(data))
    declared = _declared_members(data)
    if declared is not None and declared > MAX_MEMBERS:  # before zipfile reads them all
        _check_sizes(declared, 0, package, out, at_least=declared == _ZIP64)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        out.error("file", *package.not_zip)
        out.check()
        raise  # pragma: no cover  # check() raised
    with archive:
        members = archive.infolist()
        _check_sizes(len(members), sum(m.file_size for m in members), package, out)
        _check_parts(members, out)
        names = {m.filename for m in members}
        if not set(package.required) <= names:
            out.error("file", *package.not_one)
            out.check()
        counter = _Counter(package, out)
        for member in members:
            if member.flag_bits & 0x1:
                out.error("file", f"the {package.en} is encrypted", f"{package.vi} được mã hóa")
                out.check()
            _check_part(archive, member, counter)


_END: Final = b"PK\x05\x06"
"""The end of central directory record of a zip archive."""
_LONGEST_COMMENT: Final = 0xFFFF
_ZIP64: Final = 0xFFFF
"""The count a zip64 archive's last record declares: its real count is elsewhere."""


def _declared_members(data: bytes) -> int | None:
    """How many members the archive's last record declares (``0xFFFF``: a zip64 archive).

    Read before ``zipfile`` builds an object for each member (220,000 empty members fit
    in 20 MB and took 2 s and 140 MB to list); ``None`` when there is no such record.
    """
    at = data.rfind(_END, max(0, len(data) - _LONGEST_COMMENT - 22))
    if at < 0 or at + 12 > len(data):  # the record's count ends at 12
        return None
    return int.from_bytes(data[at + 10 : at + 12], "little")


def _check_sizes(
    count: int, total: int, package: Package, out: Collector, *, at_least: bool = False
) -> None:
    if count > MAX_MEMBERS or total > MAX_UNCOMPRESSED:
        more, more_vi = (" or more", " trở lên") if at_least else ("", "")
        out.error(
            "file",
            f"the {package.en} unpacks to {count:,}{more} parts and {total:,} bytes"
            f" (at most {MAX_MEMBERS:,} and {MAX_UNCOMPRESSED:,}): refused",
            f"{package.vi} giải nén ra {count:,}{more_vi} phần và {total:,} byte (tối đa"
            f" {MAX_MEMBERS:,} và {MAX_UNCOMPRESSED:,}): từ chối",
        )
        out.check()


def _check_parts(members: list[zipfile.ZipInfo], out: Collector) -> None:
    for member in members:
        if member.file_size > MAX_PART_BYTES:
            out.error(
                "file",
                f"{member.filename} unpacks to {member.file_size:,} bytes"
                f" (at most {MAX_PART_BYTES:,}): refused",
                f"{member.filename} giải nén ra {member.file_size:,} byte"
                f" (tối đa {MAX_PART_BYTES:,}): từ chối",
            )
            out.check()


class _Counter:
    """The elements counted so far, all parts together."""

    def __init__(self, package: Package, out: Collector) -> None:
        self.package = package
        self.out = out
        self.total = 0
        self.counts: dict[str, int] = dict.fromkeys(package.bounds, 0)

    def add(self, text: str, start: int, end: int, name: str) -> None:
        """Count the elements that start in ``text[start:end]`` (of part ``name``)."""
        counts = self.counts
        for match in _ELEMENT.finditer(text, start, end + _OVERLAP):
            if match.start() >= end:
                break
            self.total += 1
            local = match.group(1)
            if local in counts:
                counts[local] += 1
                most, en, vi = self.package.bounds[local]
                if counts[local] > most:
                    self.refuse(name, f"more than {most:,} {en}", f"nhiều hơn {most:,} {vi}")
        if self.total > MAX_ELEMENTS:
            self.refuse(
                name,
                f"more than {MAX_ELEMENTS:,} XML elements",
                f"nhiều hơn {MAX_ELEMENTS:,} phần tử XML",
            )

    def refuse(self, name: str, en: str, vi: str) -> None:
        self.out.error(
            "file",
            f"the {self.package.en} holds {en} (found in {name}): refused",
            f"{self.package.vi} chứa {vi} (ở {name}): từ chối",
        )
        self.out.check()


def _check_part(archive: zipfile.ZipFile, member: zipfile.ZipInfo, counter: _Counter) -> None:
    out, package, name = counter.out, counter.package, member.filename
    try:
        pieces = _texts(archive, member)
        carry = ""
        for piece, last in pieces:
            text = carry + piece
            if _DECLARATION.search(text):
                out.error(
                    "file",
                    f"{name} declares a document type (entities): refused",
                    f"{name} có khai báo DOCTYPE/ENTITY: từ chối",
                )
                out.check()
            end = len(text) if last else max(0, len(text) - _OVERLAP)
            counter.add(text, 0, end, name)
            carry = text[end:]
    except ReportFormatError:  # refused above, by out.check()
        raise
    except _EncodingRefusedError as exc:
        out.error(
            "file",
            f"{name} is written in {exc.args[0]}; the XML of a {package.en} is UTF-8 or"
            " UTF-16: refused",
            f"{name} được viết theo bảng mã {exc.args[0]}; XML của {package.vi} phải là UTF-8"
            " hoặc UTF-16: từ chối",
        )
        out.check()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as exc:
        out.error(
            "file",
            f"the {package.en} is damaged ({name}: {exc})",
            f"{package.vi} bị hỏng ({name}: {exc})",
        )
        out.check()


class _EncodingRefusedError(ValueError):
    """A part in an encoding other than UTF-8 or UTF-16."""


def _texts(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> Iterator[tuple[str, bool]]:
    """The unpacked part as text, in pieces, each with whether it is the last.

    UTF-16 (with a byte-order mark, or without one as an XML parser detects it) is
    decoded; any other part is read byte for byte (``latin-1``), which keeps every
    ASCII marker where it is in UTF-8. A declared encoding other than UTF-8 or UTF-16
    is refused.
    """
    with archive.open(member) as stream:
        head = stream.read(_CHUNK)
        encoding = _encoding(head)
        decoder = codecs.getincrementaldecoder(encoding)("replace")
        first = decoder.decode(head, final=False)
        _check_declared(first.removeprefix("\ufeff"), encoding)
        piece, following = first, stream.read(_CHUNK)
        while following:
            yield piece, False
            piece, following = decoder.decode(following, final=False), stream.read(_CHUNK)
        yield piece + decoder.decode(b"", final=True), True


def _encoding(head: bytes) -> str:
    """The codec to scan a part with, from its first bytes (as XML parsers detect it)."""
    if head.startswith(_UTF32):
        raise _EncodingRefusedError("UTF-32")
    if head.startswith((codecs.BOM_UTF16_LE, b"<\0")):
        return "utf-16-le"
    if head.startswith((codecs.BOM_UTF16_BE, b"\0<")):
        return "utf-16-be"
    return "latin-1"


def _check_declared(text: str, encoding: str) -> None:
    """Refuse an XML declaration that names an encoding other than UTF-8 or UTF-16."""
    if not text.startswith("<?xml"):
        return
    end = text.find("?>", 0, _LONGEST_DECLARATION)
    match = _ENCODING.search(text[: end if end >= 0 else _LONGEST_DECLARATION])
    if match is None:
        return
    declared = match.group(1).lower()
    if declared not in _ALLOWED_ENCODINGS or (declared == "utf-16") != (encoding != "latin-1"):
        raise _EncodingRefusedError(match.group(1))
