"""The JSON interchange format (``cchc-report``, version 1), built with cattrs.

A document looks like this (see ``docs/interchange.md`` for the full description)::

    {"format": "cchc-report", "version": 1, "edition": "2024",
     "report": {"agency": "UBND xã Hương Sơn", "level": "commune", "period": "h1", …},
     "templates": {"PL2": {"values": {"1": 13, "2": "78.94", "2.1": 19, …},
                           "notes": {"5": "…"}}, …}}

Counts and codes are JSON integers; percentages and money are JSON strings that keep
the written precision (``"70.1"`` stays ``"70.1"``); a blank is absent or ``null``.
Values that break a rule (a code outside its list, a negative count) load and are kept
as written: reporting them is the validator's job. Anything that cannot be read raises
:class:`~cchc_model.ReportFormatError` listing every problem with its JSON path.
"""

from __future__ import annotations

import codecs
import datetime as dt
import functools
import io
import json
import os
import re
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from typing import IO, TYPE_CHECKING, Any, Final, NamedTuple, cast

from .._model import files
from .._model.atomic import write_file
from .._model.catalog import Edition
from .._model.catalog import edition as get_edition
from .._model.errors import (
    CchcError,
    CodeError,
    Problem,
    ReportFormatError,
    ValueTypeError,
    short_repr,
)
from .._model.frozen import FrozenMap
from .._model.period import Period
from .._model.public import publish
from .._model.report import Report, ReportInfo, build_report_checked
from .._model.template import (
    BOUND_WORDS,
    MAX_DECIMAL_CHARS,
    MAX_INTEGER_DIGITS,
    Template,
    Value,
    build_checked,
    text_problem,
    value_problem,
    within_bounds,
)
from .._model.units import AdminLevel, Kind

if TYPE_CHECKING:  # cattrs is imported with the converter: a valid document needs neither
    import cattrs
    from cattrs.errors import ClassValidationError

__all__ = [
    "FORMAT",
    "VERSION",
    "configure_converter",
    "dump",
    "dumps",
    "load",
    "loads",
    "make_converter",
    "report_from_data",
    "report_to_data",
]

FORMAT: Final = "cchc-report"
VERSION: Final = 1

_DECIMAL_RE: Final = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_TOP_KEYS: Final = frozenset({"format", "version", "edition", "report", "templates"})
_WIDE_MARKS: Final = (
    codecs.BOM_UTF32_LE,  # before UTF-16 LE, which it starts with
    codecs.BOM_UTF32_BE,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF16_BE,
)


class _InvalidError(ValueError):
    """A value that a structure hook refuses, with its message in both languages."""

    def __init__(self, en: str, vi: str) -> None:
        super().__init__(en)
        self.en = en
        self.vi = vi


_KIND_NAMES: Final = (
    (bool, "true/false", "true/false"),
    (int, "an integer", "số nguyên"),
    (Decimal, "a number with a fraction", "số có phần thập phân"),
    (str, "a string", "chuỗi ký tự"),
    (list, "an array", "mảng"),
    (dict, "an object", "đối tượng"),
)


def _kind_name(value: object, lang: str = "en") -> str:
    if value is None:
        return "null"
    for cls, en, vi in _KIND_NAMES:
        if isinstance(value, cls):
            return vi if lang == "vi" else en
    return type(value).__name__


def _strict_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise _InvalidError(
            f"expected a string, got {_kind_name(value)}",
            f"phải là chuỗi ký tự, nhận được {_kind_name(value, 'vi')}",
        )
    return value


def _strict_int(value: object, _: type) -> int:
    if type(value) is not int:
        raise _InvalidError(
            f"expected an integer, got {_kind_name(value)}",
            f"phải là số nguyên, nhận được {_kind_name(value, 'vi')}",
        )
    return value


_DATE_RE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _structure_date(value: object, _: type) -> dt.date:
    if isinstance(value, str) and _DATE_RE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise _InvalidError(
        f"expected a date written YYYY-MM-DD, got {value!r}",
        f"ngày phải viết theo dạng YYYY-MM-DD, nhận được {value!r}",
    )


def _enum_hook(enum_cls: type[AdminLevel | Period]) -> Callable[[object, type], Any]:
    members: dict[str, Any] = {m.value: m for m in enum_cls}
    allowed = list(members)

    def structure(value: object, _: type) -> Any:  # noqa: ANN401
        member = members.get(value) if isinstance(value, str) else None
        if member is not None:
            return member
        raise _InvalidError(
            f"expected one of {', '.join(allowed)}, got {value!r}",
            f"phải là một trong {', '.join(allowed)}, nhận được {value!r}",
        )

    return structure


def configure_converter(converter: cattrs.Converter) -> None:
    """Configure ``converter`` for the interchange format.

    The rules it applies:

    * ``str`` and ``int`` are strict: ``5`` is not a string, ``"5"``, ``5.0`` and
      ``true`` are not integers (cattrs' defaults would convert them silently).
    * ``datetime.date`` is an ISO string ``YYYY-MM-DD``.
    * :class:`AdminLevel` and :class:`Period` are their values (``"commune"``, ``"h1"``).
    * :class:`ReportInfo` is an object keyed by attribute name; blank (``None``)
      attributes are left out when writing and unknown keys are refused when reading.
    * :class:`Report` is the whole document, and each template is
      ``{"values": {code: value}, "notes": {code: text}}`` (see :func:`report_to_data`).

    Use it to add the format to a converter of your own, as cattrs' ``preconf``
    modules do; :func:`make_converter` builds a ready one. Build the converter with
    ``detailed_validation=True`` so that errors name every field:

    >>> import cattrs
    >>> from cchc_model import ReportInfo
    >>> converter = cattrs.Converter(detailed_validation=True)
    >>> configure_converter(converter)
    >>> converter.unstructure(
    ...     converter.structure(
    ...         {"agency": "UBND xã A", "level": "commune", "period": "h1", "year": 2024},
    ...         ReportInfo,
    ...     )
    ... )["period"]
    'h1'
    """
    import cattrs.gen  # noqa: PLC0415  # on first use: cattrs is slow to import

    converter.register_structure_hook(str, _strict_str)
    converter.register_structure_hook(int, _strict_int)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    for enum_cls in (AdminLevel, Period):
        converter.register_structure_hook(enum_cls, _enum_hook(enum_cls))
        converter.register_unstructure_hook(enum_cls, lambda member: member.value)
    converter.register_unstructure_hook(
        ReportInfo,
        cattrs.gen.make_dict_unstructure_fn(ReportInfo, converter, _cattrs_omit_if_default=True),
    )
    converter.register_structure_hook(
        ReportInfo,
        cattrs.gen.make_dict_structure_fn(ReportInfo, converter, _cattrs_forbid_extra_keys=True),
    )
    converter.register_unstructure_hook(Report, report_to_data)
    converter.register_structure_hook(Report, lambda data, _: report_from_data(data))


def make_converter() -> cattrs.Converter:
    """A cattrs converter ready for the interchange format (see :func:`configure_converter`).

    >>> from cchc_model import example
    >>> converter = make_converter()
    >>> converter.structure(converter.unstructure(example()), Report) == example()
    True
    """
    import cattrs  # noqa: PLC0415  # on first use: cattrs is slow to import

    converter = cattrs.Converter(detailed_validation=True)
    configure_converter(converter)
    return converter


@functools.cache
def _converter() -> cattrs.Converter:
    # Built on first use, cattrs imported with it: neither reading a valid document nor
    # validating it needs them (cattrs alone costs a command as much as attrs).
    return make_converter()


# --- writing ----------------------------------------------------------------------------


def _json_value(value: Value) -> int | str:
    if isinstance(value, Decimal):
        return format(value, "f")
    return int(value)  # counts, and codes (an IntEnum member is written as its number)


def report_to_data(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data (dicts, lists, strings, integers).

    >>> from cchc_model import example
    >>> data = report_to_data(example())
    >>> data["format"], data["templates"]["PL8"]["values"]["6.4"]
    ('cchc-report', '70.1')
    """
    templates: dict[str, Any] = {}
    for tid, tpl in report.templates.items():
        templates[tid] = {
            "values": {code: _json_value(value) for code, value in tpl.filled().items()},
            "notes": dict(tpl.notes),
        }
    return {
        "format": FORMAT,
        "version": VERSION,
        "edition": report.edition,
        "report": _converter().unstructure(report.info, ReportInfo),
        "templates": templates,
    }


_MAX_INDENT: Final = 16


def _check_indent(indent: object) -> int | str | None:
    """``indent`` if JSON can be indented by it: ``None``, 0–16 spaces, or white space."""
    if indent is None or (
        isinstance(indent, int) and not isinstance(indent, bool) and 0 <= indent <= _MAX_INDENT
    ):
        return indent
    if isinstance(indent, str) and len(indent) <= _MAX_INDENT and not indent.strip(" \t"):
        return indent  # "x" would write a document that is no JSON
    raise ValueTypeError(
        template=None,
        code=None,
        attribute="indent",
        expected=f"None, a number of spaces from 0 to {_MAX_INDENT}, or spaces and tabs",
        expected_vi=f"None, số dấu cách từ 0 đến {_MAX_INDENT}, hoặc dấu cách và tab",
        value=indent,
    )


def dumps(report: Report, *, indent: int | str | None = 2) -> str:
    r"""Write ``report`` as a JSON document (UTF-8 text, Vietnamese kept as is).

    Args:
        report: The report.
        indent: Spaces per level (0–16), spaces and tabs (``"\t"``), or ``None`` for one
            line.

    Raises:
        ValueTypeError: ``report`` is not a :class:`Report`, or ``indent`` is not one of
            the above.

    >>> from cchc_model import example, loads
    >>> loads(dumps(example())) == example()
    True
    """
    if not isinstance(report, Report):
        raise ValueTypeError(
            template=None, code=None, attribute="report", expected="a Report", value=report
        )
    spaces = _check_indent(indent)
    data = report_to_data(report)
    if spaces is None:  # one line: the standard library's C encoder
        return json.dumps(data, ensure_ascii=False) + "\n"
    try:
        return _indented(data, " " * spaces if isinstance(spaces, int) else spaces) + "\n"
    except _NotPlainError:  # pragma: no cover  # report_to_data gives plain data only
        return json.dumps(data, ensure_ascii=False, indent=spaces) + "\n"


class _NotPlainError(Exception):
    """A value :func:`_indented` does not write (the standard library then does)."""


_ENCODE_STR: Final = json.encoder.encode_basestring  # the C function, when there is one


def _indented(obj: dict[str, Any], indent: str) -> str:
    """``json.dumps(obj, ensure_ascii=False, indent=indent)``, written faster.

    The standard library's C encoder does not indent, and its Python one takes four
    times as long; a report's data is objects of strings, integers and ``null``, which
    this writes character for character as the standard library would (a test checks
    it); anything else raises :class:`_NotPlainError`.
    """
    parts: list[str] = []
    _write_object(obj, indent, "\n", parts)
    return "".join(parts)


def _write_object(obj: dict[str, Any], indent: str, newline: str, parts: list[str]) -> None:
    if not obj:
        parts.append("{}")
        return
    inner = newline + indent
    separator = "{" + inner
    for key, value in obj.items():
        if type(key) is not str:
            raise _NotPlainError
        parts += (separator, _ENCODE_STR(key), ": ")
        separator = "," + inner
        kind = type(value)
        if kind is str:
            parts.append(_ENCODE_STR(value))
        elif kind is int:
            parts.append(int.__repr__(value))
        elif kind is dict:
            _write_object(value, indent, inner, parts)
        elif value is None:
            parts.append("null")
        elif value is True or value is False:
            parts.append("true" if value else "false")
        else:
            raise _NotPlainError
    parts.append(newline + "}")


def dump(report: Report, fp: str | os.PathLike[str] | IO[str] | IO[bytes]) -> None:
    """Write ``report`` as JSON to a path or an open file (text or binary).

    The document is made before anything is written, and a path is written whole or
    not at all (to a temporary file beside it, moved into place once complete), so a
    report that cannot be written, or a write that fails half-way, leaves the file as
    it was.

    Raises:
        ValueTypeError: ``report`` is not a :class:`Report`, or ``fp`` is neither a path
            nor a file open for writing.
    """
    if not isinstance(fp, (str, os.PathLike)) and not callable(getattr(fp, "write", None)):
        raise ValueTypeError(
            template=None,
            code=None,
            attribute="fp",
            expected="a path or a file open for writing",
            expected_vi="đường dẫn hoặc tệp đã mở để ghi",
            value=fp,
        )
    text = dumps(report)
    if isinstance(fp, (str, os.PathLike)):
        write_file(fp, text.encode("utf-8"))
    elif isinstance(fp, io.TextIOBase) or "b" not in getattr(fp, "mode", "b"):
        cast("IO[str]", fp).write(text)
    else:
        cast("IO[bytes]", fp).write(text.encode("utf-8"))


# --- reading ----------------------------------------------------------------------------


class _Object(dict[str, Any]):
    """A JSON object that remembers the keys it had twice (JSON allows it; we do not)."""

    duplicates: tuple[str, ...] = ()


def _object_pairs(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        obj.duplicates = tuple(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
    return obj


def _parse_constant(name: str) -> None:
    raise _InvalidError(f"{name} is not a number", f"{name} không phải là số")


def _text(data: str | bytes | bytearray, source: str | None) -> str:
    """The document as text: UTF-8 (UTF-16 or -32 with their byte-order marks), no BOM."""
    if isinstance(data, (bytes, bytearray)):
        raw = bytes(data)
        # UTF-8; UTF-16 and UTF-32 only with their byte-order marks, as json detects them
        encoding = json.detect_encoding(raw) if raw.startswith(_WIDE_MARKS) else "utf-8-sig"
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError as exc:
            name = encoding.removesuffix("-sig").upper()
            raise ReportFormatError(
                [
                    Problem(
                        "$",
                        f"not {name} text (invalid byte at offset {exc.start})",
                        f"không phải văn bản {name} (byte không hợp lệ ở vị trí {exc.start})",
                    )
                ],
                source=source,
            ) from None
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    raise ValueTypeError(
        template=None,
        code=None,
        attribute="data",
        expected="JSON text (str or bytes)",
        value=type(data).__name__,
    )


def _decode(text: str, source: str | None) -> Any:  # noqa: ANN401
    """The document decoded for the thorough reader: objects that know their repeated keys."""

    def fail(en: str, vi: str) -> ReportFormatError:
        return ReportFormatError([Problem("$", en, vi)], source=source)

    try:
        return json.loads(
            text,
            parse_float=Decimal,  # numbers with a fraction read exactly, never as floats
            parse_constant=_parse_constant,
            object_pairs_hook=_object_pairs,
        )
    except json.JSONDecodeError as exc:
        raise fail(
            f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
            f"không phải JSON hợp lệ (dòng {exc.lineno}, cột {exc.colno})",
        ) from None
    except _InvalidError as exc:
        raise fail(exc.en, exc.vi) from None
    except RecursionError:
        raise fail("the JSON is nested too deeply", "JSON lồng nhau quá sâu") from None
    except (ValueError, InvalidOperation) as exc:  # e.g. an integer of more than 4300 digits
        raise fail(f"unreadable number: {exc}", f"số không đọc được: {exc}") from None


# --- decoding for the fast path --------------------------------------------------------
#
# Most documents are valid, and are read by the fast path (_read_fast, below) from objects
# decoded as plain dicts, which keep the last value of a key given twice without a word.
# So a document is decoded so only when its keys can be counted in its text, and then the
# count must match the keys decoded: a document without a backslash (no escaped quote can
# hide a '":' inside a string) whose every colon follows a quote (every key ends in '":',
# and nothing else does). It is decoded by the standard library's C decoder, or by
# msgspec's (the ``fast`` extra) once a process reads many documents. A document whose
# keys cannot be counted (an escape, a colon inside a value) is decoded into _Pairs,
# which keep every key; anything the fast path does not expect is read by the thorough
# path, which gives every error. Every path reads the same report from the same
# document, and gives the same error (tests/io/test_interchange_paths.py).


class _Pairs(list[tuple[str, Any]]):
    """A JSON object as the pairs decoder gives it: its (key, value) pairs, in order.

    A list subclass made by the C decoder itself (no Python call per object, unlike a
    hook function), and told apart from a JSON array, which is a plain list.
    """

    __slots__ = ()


_PLAIN: Final = json.JSONDecoder(parse_float=Decimal, parse_constant=_parse_constant)
"""The decoder of a document whose keys are counted: plain dicts, made once."""
_PAIRS: Final = json.JSONDecoder(
    parse_float=Decimal, parse_constant=_parse_constant, object_pairs_hook=_Pairs
)
"""The decoder of the fast path for the other documents: objects are :class:`_Pairs`."""
_DECODE_ERRORS: Final = (ValueError, ArithmeticError, RecursionError)
"""What the standard decoder raises on a document it cannot decode (the thorough path
then says what is wrong)."""

_ACCELERATE_AFTER: Final = 4
"""How many documents a process reads before it loads the accelerated decoder.

Loading msgspec takes about as long as reading twenty reports the pure-Python way: a
command that reads one report does not pay it.
"""
_read_count = 0


@functools.cache
def _accelerated_decoder() -> Callable[[bytes], Any] | None:
    """The decoder of msgspec, numbers with a fraction as ``Decimal``; ``None`` if not installed."""
    try:
        import msgspec  # noqa: PLC0415  # the optional extra, loaded when used
    except ImportError:
        return None
    decode: Callable[[bytes], Any] = msgspec.json.Decoder(float_hook=Decimal).decode
    return decode


def _decoder() -> Callable[[bytes], Any] | None:
    """The accelerated decoder, once this process has read a few documents."""
    global _read_count  # noqa: PLW0603  # a counter of the process, only ever incremented
    if _read_count < _ACCELERATE_AFTER:
        _read_count += 1
        return None
    return _accelerated_decoder()


def _keys_in(text: str | bytes) -> int | None:
    """How many keys ``text`` has, when they can be counted in it (see above)."""
    if isinstance(text, str):
        keys = text.count('":')
        return None if "\\" in text or text.count(":") != keys else keys
    keys = text.count(b'":')
    return None if b"\\" in text or text.count(b":") != keys else keys


def _keys(data: dict[str, Any]) -> int:
    """How many keys a document the fast path read has (its objects are known)."""
    templates = data["templates"]
    count = len(data) + len(data["report"]) + len(templates)
    for body in templates.values():
        count += len(body) + len(body.get("values") or ()) + len(body.get("notes") or ())
    return count


def _read_counted(
    text: str | bytes, keys: int | None, decode: Callable[[Any], Any]
) -> Report | None:
    """The report of a document decoded into plain dicts, if it has its ``keys``."""
    if keys is None:
        return None
    try:
        decoded = decode(text)
    except Exception:  # noqa: BLE001  # anything a decoder refuses: the thorough path says
        return None
    report = _read_fast(decoded)
    if report is None or _keys(decoded) != keys:
        return None  # a key given twice (or something unexpected)
    return report


def _read_pairs(text: str) -> Report | None:
    """The report of a document decoded into :class:`_Pairs`, or ``None``."""
    try:
        decoded = _PAIRS.decode(text)
    except _DECODE_ERRORS:
        return None
    return _read_fast(decoded)


def _utf8(data: str | bytes | bytearray) -> bytes | None:
    """``data`` as UTF-8 bytes without a byte-order mark, or ``None``.

    ``None`` for text UTF-8 cannot write (a lone surrogate), which the other paths
    refuse with its place; encoding it for msgspec once raised ``UnicodeEncodeError``.
    """
    try:
        raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    except UnicodeEncodeError:
        return None
    return raw.removeprefix(b"\xef\xbb\xbf")


def loads(data: str | bytes | bytearray, *, source: str | None = None) -> Report:
    """Read a report from a JSON document.

    Args:
        data: The document, as text or UTF-8 bytes (a byte-order mark is allowed).
        source: A name for the input (a file name) used in error messages.

    Raises:
        ReportFormatError: The document cannot be read; every problem is listed.

    >>> report = loads('''{"format": "cchc-report", "version": 1,
    ...   "report": {"agency": "UBND xã A", "level": "commune", "period": "year", "year": 2024},
    ...   "templates": {"PL8": {"values": {"6.4": "70.1", "2": 3}}}}''')
    >>> report.pl8.online_dossiers_rate, report.pl8.meeting_system
    (Decimal('70.1'), 3)
    >>> loads('{"format": "cchc-report", "version": 1, "report": {}, "templates": {"PL9": {}}}')
    Traceback (most recent call last):
    ...
    cchc_model.ReportFormatError: cannot read the report: 5 problems
      $.report.agency: required field missing
      $.report.level: required field missing
      $.report.period: required field missing
      $.report.year: required field missing
      $.templates.PL9: unknown template (templates: PL2, PL3, PL4, PL5, PL6, PL7, PL8)
    """
    if isinstance(data, (str, bytes, bytearray)):
        try:
            files.check_length(data)
        except files.Unreadable as exc:
            raise ReportFormatError([Problem("$", exc.en, exc.vi)], source=source) from None
        decode = _decoder()
        raw = _utf8(data) if decode is not None else None
        if decode is not None and raw is not None:  # msgspec reads UTF-8 bytes
            report = _read_counted(raw, _keys_in(raw), decode)
            if report is not None:
                return report
    text = _text(data, source)
    report = _read_counted(text, _keys_in(text), _PLAIN.decode) or _read_pairs(text)
    if report is not None:
        return report
    return _read_thoroughly(_decode(text, source), source)


def load(fp: str | os.PathLike[str] | IO[str] | IO[bytes]) -> Report:
    """Read a report from a path or an open file (text or binary).

    Raises:
        ReportFormatError: The file cannot be read as a report (including a missing
            or unreadable file); every problem is listed.
    """
    if isinstance(fp, (str, os.PathLike)):
        name = os.fspath(fp)
        try:
            raw = files.read_path(fp)
        except files.Unreadable as exc:
            shown = repr(name) if "\0" in name else name
            raise ReportFormatError([Problem("$", exc.en, exc.vi)], source=shown) from None
        return loads(raw, source=name)
    if not callable(getattr(fp, "read", None)):
        raise ValueTypeError(
            template=None,
            code=None,
            attribute="fp",
            expected="a path or an open file",
            expected_vi="đường dẫn hoặc tệp đã mở",
            value=fp,
        )
    named = getattr(fp, "name", None)
    source = named if isinstance(named, str) else None
    try:
        data = files.read_stream(fp)
    except files.Unreadable as exc:
        raise ReportFormatError([Problem("$", exc.en, exc.vi)], source=source) from None
    return loads(data, source=source)


def report_from_data(data: object, *, source: str | None = None) -> Report:
    """Build a report from plain data already decoded from JSON.

    Raises:
        ReportFormatError: The data is not a valid document; every problem is listed.
    """
    report = _read_fast(data)
    if report is not None:
        return report
    return _read_thoroughly(data, source)


def _read_thoroughly(data: object, source: str | None) -> Report:
    """Read a document checking everything and collecting every problem with its path."""
    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise ReportFormatError(
            [Problem("$", "expected a JSON object", "phải là một đối tượng JSON", value=data)],
            source=source,
        )
    _check_object(data, "$", problems)
    problems.extend(
        Problem(_member("$", key), "unknown field", "trường không hợp lệ")
        for key in sorted(k for k in set(data) - _TOP_KEYS if isinstance(k, str))
    )
    if data.get("format") != FORMAT:
        problems.append(
            Problem(
                "$.format",
                f"expected {FORMAT!r}",
                f"phải là {FORMAT!r}",
                value=data.get("format"),
            )
        )
    if "version" not in data:
        problems.append(Problem("$.version", "required field missing", "thiếu trường bắt buộc"))
    elif data.get("version") != VERSION or type(data.get("version")) is not int:
        version = short_repr(data.get("version"))
        problems.append(
            Problem(
                "$.version",
                f"unsupported version {version} (this library reads {VERSION})",
                f"phiên bản {version} không được hỗ trợ (thư viện đọc {VERSION})",
                value=data.get("version"),
            )
        )
    info = _info(data.get("report", _MISSING), problems)
    ed = _edition(data.get("edition", _MISSING), info, data.get("report"), problems)
    templates = _templates(data.get("templates", _MISSING), ed, problems)
    if problems:
        raise ReportFormatError(problems, source=source)
    assert info is not None  # noqa: S101  # no problems means it was read
    assert ed is not None  # noqa: S101
    return Report(info=info, templates=templates, edition=ed.id)


_MISSING: Final = object()

# --- the fast path ------------------------------------------------------------------------
#
# Most documents are valid. The fast path reads them with the same checks as the thorough
# one but gives up (returns None) at the first thing it does not expect, without building
# paths or messages; the thorough path then reads the document again and reports every
# problem. Both build the same report from a valid document (tests/io/test_interchange*.py).

_COUNT, _DECIMAL, _CODE = 0, 1, 2
_BODY_KEYS: Final = frozenset({"values", "notes"})
_Entry = tuple[str, int, "dict[int, Any] | None"]


class _Form(NamedTuple):
    """What the fast path reads a template with, worked out once per template class.

    A value code written otherwise than in :attr:`values` (``"2.1."``, as no writer of
    the format does) is read by the thorough path; so two codes of the fast path never
    name the same row.
    """

    cls: type[Template]
    values: dict[str, _Entry]
    """Each value code as written: the attribute, the kind, and a code list's members."""
    notes: dict[str, str]
    """Each way a note code may be written (``"2.1"``, ``"2.1."``): the code."""


def _form(cls: type[Template]) -> _Form:
    values: dict[str, _Entry] = {}
    for row in cls.spec.value_indicators:
        assert row.attribute is not None  # noqa: S101  # value rows have attributes
        if row.kind is Kind.COUNT:
            entry: _Entry = (row.attribute, _COUNT, None)
        elif row.code_list is not None:
            entry = (row.attribute, _CODE, dict(row.code_list._value2member_map_))
        else:
            entry = (row.attribute, _DECIMAL, None)
        values[row.code] = entry
    notes = {variant: code for code in cls.spec.codes for variant in (code, code + ".")}
    return _Form(cls, values, notes)


_DECIMALS: dict[str, Decimal] = {}
"""The decimals the fast path has read, by their text: checked and converted once.

Reports repeat their decimals (``"100"``, ``"100.00"``, the same rates in many
communes); a ``Decimal`` is immutable, so one object serves them all.
"""
_DECIMALS_KEPT: Final = 16384
"""At most about 3 MB. The 10,000 commune files of ``benchmarks/aggregate_files.py`` hold
10,648 different decimals in 153,885: kept, each is read once (4,096 missed 27,000 times,
each miss about 12 k instructions against 1 k for a hit)."""


def _decimal_of(raw: object) -> Decimal | None:
    """A percentage or an amount of the fast path: an int, or a string such as ``"78.94"``.

    The same checks as the thorough path (:func:`_value`), the bounds included.
    """
    if type(raw) is int:
        return Decimal(raw) if -_INT_LIMIT < raw < _INT_LIMIT else None
    if type(raw) is not str or len(raw) > MAX_DECIMAL_CHARS or not _DECIMAL_RE.fullmatch(raw):
        return None
    number = Decimal(raw)
    if not within_bounds(number):
        return None
    if len(_DECIMALS) < _DECIMALS_KEPT:
        _DECIMALS[raw] = number
    return number


_INT_LIMIT: Final = 10**MAX_INTEGER_DIGITS
"""A count or a code of a report is below this in absolute value (``within_bounds``)."""


def _fields(value: object) -> dict[str, Any] | None:
    """The members of a JSON object, or ``None``: not an object, or a key given twice."""
    if type(value) is dict:  # decoded into plain dicts: the caller counts the keys
        return value
    if type(value) is _Pairs:
        fields = dict(value)
        return fields if len(fields) == len(value) else None
    if isinstance(value, dict) and not getattr(value, "duplicates", ()):
        return value
    return None


_FORMS: dict[str, tuple[Edition, dict[str, _Form]]] = {}
"""The templates of each edition read, by template id (by the edition's id)."""


def _read_fast(data: object) -> Report | None:  # gives up early, often
    top = _fields(data)
    if top is None or top.keys() - _TOP_KEYS:
        return None
    version = top.get("version")
    if top.get("format") != FORMAT or type(version) is not int or version != VERSION:
        return None
    edition_id = top.get("edition", _MISSING)
    info_data = _fields(top.get("report"))
    templates_data = _fields(top.get("templates"))
    if (
        (edition_id is not _MISSING and type(edition_id) is not str)
        or info_data is None
        or templates_data is None
    ):
        return None
    try:
        info = _fast_info(info_data)
        if edition_id is _MISSING:  # the edition in force for the report's period
            ed = get_edition(period=info.period, year=info.year)
        else:
            ed = get_edition(edition_id)  # type: ignore[arg-type]  # a str, checked above
    except Exception:  # noqa: BLE001  # anything unexpected: read thoroughly
        return None
    known = _FORMS.get(ed.id)
    if known is None or known[0] is not ed:  # an edition registered again: its classes
        ordered = sorted(ed.classes, key=lambda cls: cls.spec.number)  # the form's order
        known = _FORMS[ed.id] = (ed, {cls.spec.id: _form(cls) for cls in ordered})
    templates = _fast_templates(known[1], templates_data)
    return None if templates is None else build_report_checked(info, templates, ed.id)


def _fast_templates(forms: dict[str, _Form], data: dict[str, Any]) -> dict[str, Template] | None:
    """The templates of the fast path by id, in the order of the form, or ``None``."""
    if not data.keys() <= forms.keys():
        return None
    templates: dict[str, Template] = {}
    for tid, form in forms.items():
        body = data.get(tid, _MISSING)
        if body is not _MISSING:
            tpl = _fast_template(form, body)
            if tpl is None:
                return None
            templates[tid] = tpl
    return templates


_LEVEL: Final = _enum_hook(AdminLevel)
_PERIOD: Final = _enum_hook(Period)


def _fast_info(data: dict[str, Any]) -> ReportInfo:
    """The metadata, its codes and date read with the converter's own hooks.

    ``ReportInfo`` checks the rest itself, as the converter's hooks would (text or
    ``None``, a whole year, no unknown field). Raises at the first thing not expected;
    the caller then reads the document thoroughly, through cattrs, to report every
    problem.
    """
    fields = dict(data)
    fields["level"] = _LEVEL(data["level"], AdminLevel)
    fields["period"] = _PERIOD(data["period"], Period)
    date = data.get("date")
    if date is not None:
        fields["date"] = _structure_date(date, dt.date)
    return ReportInfo(**fields)


def _fast_template(  # noqa: C901, PLR0911, PLR0912  # one flat pass, for speed
    form: _Form, body: object
) -> Template | None:
    """A template of the fast path, or ``None`` at the first thing not expected."""
    # a plain dict (as documents are decoded, keys counted) needs no call of _fields
    fields = body if type(body) is dict else _fields(body)
    if fields is None or not fields.keys() <= _BODY_KEYS:
        return None
    values = fields.get("values")
    notes = fields.get("notes")
    if type(values) is not dict:
        values = _NO_FIELDS if values is None else _fields(values)
    if type(notes) is not dict:
        notes = _NO_FIELDS if notes is None else _fields(notes)
    if values is None or notes is None:
        return None
    table = form.values
    checked: dict[str, Value] = {}
    try:
        for code, raw in values.items():
            attribute, tag, members = table[code]  # KeyError: no row has this code
            if tag is _DECIMAL:
                number = _DECIMALS.get(raw) if type(raw) is str else None
                if number is None:
                    if raw is None:
                        continue
                    number = _decimal_of(raw)
                    if number is None:
                        return None
                checked[attribute] = number
            elif type(raw) is int and -_INT_LIMIT < raw < _INT_LIMIT:  # within_bounds
                checked[attribute] = raw if members is None else members.get(raw, raw)
            elif raw is not None:
                return None
    except KeyError:
        return None
    if not notes:
        return build_checked(form.cls, checked, _NO_NOTES)
    codes = form.notes
    texts: dict[str, str] = {}
    seen: set[str] = set()
    for code, text in notes.items():
        norm = codes.get(code)
        if norm is None:
            return None
        if text is None:
            continue
        if norm in seen or text_problem(text) is not None:
            return None
        seen.add(norm)
        if text:
            texts[norm] = text
    if not texts:
        return build_checked(form.cls, checked, _NO_NOTES)
    if len(texts) > 1:  # notes are kept in the order of the form
        order = form.cls.spec.order
        texts = dict(sorted(texts.items(), key=lambda item: order[item[0]]))
    return build_checked(form.cls, checked, FrozenMap(texts))


_NO_FIELDS: Final[dict[str, Any]] = {}
_NO_NOTES: Final[FrozenMap[str, str]] = FrozenMap()


_NAME_RE: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _member(path: str, key: object) -> str:
    """The JSON path of ``key`` in the object at ``path``: ``$.report`` or ``values["6.4"]``."""
    if not isinstance(key, str):  # data built in code or by another decoder
        return f"{path}[{short_repr(key)}]"
    if _NAME_RE.fullmatch(key):
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"


def _check_object(obj: dict[Any, Any], path: str, problems: list[Problem]) -> bool:
    """Report keys given twice and keys that are not strings; whether all keys are strings."""
    problems.extend(
        Problem(_member(path, key), "key given more than once", "khóa bị lặp lại")
        for key in getattr(obj, "duplicates", ())
    )
    wrong = [key for key in obj if not isinstance(key, str)]
    problems.extend(
        Problem(_member(path, key), "a key must be a string", "khóa phải là chuỗi ký tự")
        for key in wrong
    )
    return not wrong


def _edition(
    value: object, info: ReportInfo | None, info_data: object, problems: list[Problem]
) -> Edition | None:
    """The edition the document names; without one, the edition in force for its period."""
    if value is _MISSING:
        period, year = _period_of(info, info_data)
        try:
            if period is None or year is None:  # go on reading with the current one
                return get_edition()
            return get_edition(period=period, year=year)
        except CodeError as exc:
            problems.append(Problem("$.edition", exc.en, exc.vi))
            return None
    if not isinstance(value, str):
        problems.append(
            Problem("$.edition", "expected a string", "phải là chuỗi ký tự", value=value)
        )
        return None
    try:
        return get_edition(value)
    except CodeError as exc:
        problems.append(Problem("$.edition", exc.en, exc.vi, value=value))
        return None


def _period_of(info: ReportInfo | None, data: object) -> tuple[Period | None, int | None]:
    """The period and year of the metadata, read or, when it could not be, as written."""
    if info is not None:
        return info.period, info.year
    if not isinstance(data, dict):
        return None, None
    period = next((p for p in Period if p.value == data.get("period")), None)
    year = data.get("year")
    return period, year if type(year) is int and 1900 <= year <= 9999 else None  # noqa: PLR2004


def _info(value: object, problems: list[Problem]) -> ReportInfo | None:
    if value is _MISSING:
        problems.append(Problem("$.report", "required field missing", "thiếu trường bắt buộc"))
        return None
    if not isinstance(value, dict):
        problems.append(
            Problem("$.report", "expected a JSON object", "phải là một đối tượng JSON", value=value)
        )
        return None
    if not _check_object(value, "$.report", problems):
        return None
    converter = _converter()
    from cattrs.errors import ClassValidationError  # noqa: PLC0415  # imported by the converter

    try:
        return converter.structure(value, ReportInfo)
    except ClassValidationError as exc:
        problems.extend(_info_problems(exc, value))
    except ValueTypeError as exc:
        problems.append(_field_problem(exc.attribute, exc, value))
    return None


def _info_problems(exc: ClassValidationError, data: dict[str, Any]) -> Iterator[Problem]:
    """The problems of the metadata ``data``, from cattrs' grouped errors and their notes."""
    from cattrs.errors import ForbiddenExtraKeysError  # noqa: PLC0415  # imported by then

    located, others = exc.group_exceptions()
    for error, note in located:  # a hook refused the value of one attribute
        yield _field_problem(note.name, error, data)
    for error in others:
        if isinstance(error, ForbiddenExtraKeysError):
            for key in sorted(error.extra_fields):
                yield Problem(_member("$.report", key), "unknown field", "trường không hợp lệ")
        else:  # ReportInfo's own check of one attribute (a ValueTypeError)
            attribute = error.attribute if isinstance(error, ValueTypeError) else None
            yield _field_problem(attribute, error, data)


def _field_problem(attribute: str | None, error: BaseException, data: dict[str, Any]) -> Problem:
    """The problem ``error`` of the metadata field ``attribute``, in both languages."""
    if attribute is None:  # pragma: no cover  # every hook and check names its attribute
        return Problem("$.report", f"invalid value ({error})", f"giá trị không hợp lệ ({error})")
    path = _member("$.report", attribute)
    if isinstance(error, KeyError):
        return Problem(path, "required field missing", "thiếu trường bắt buộc")
    if isinstance(error, (_InvalidError, CchcError)):
        return Problem(path, error.en, error.vi, value=data.get(attribute))
    return Problem(  # pragma: no cover  # the hooks raise only the errors above
        path,
        f"invalid value ({error})",
        f"giá trị không hợp lệ ({error})",
        value=data.get(attribute),
    )


def _templates(value: object, ed: Edition | None, problems: list[Problem]) -> list[Template]:
    if value is _MISSING:
        problems.append(Problem("$.templates", "required field missing", "thiếu trường bắt buộc"))
        return []
    if not isinstance(value, dict):
        problems.append(
            Problem(
                "$.templates", "expected a JSON object", "phải là một đối tượng JSON", value=value
            )
        )
        return []
    _check_object(value, "$.templates", problems)
    if ed is None:
        return []
    result: list[Template] = []
    for tid, body in value.items():
        path = _member("$.templates", tid)
        try:
            cls = ed.template(tid) if isinstance(tid, str) and tid == tid.strip().upper() else None
        except CodeError:
            cls = None
        if cls is None:
            problems.append(
                Problem(
                    path,
                    f"unknown template (templates: {', '.join(ed.template_ids)})",
                    f"không có biểu này (các biểu: {', '.join(ed.template_ids)})",
                )
            )
            continue
        tpl = _template(cls, body, path, problems)
        if tpl is not None:
            result.append(tpl)
    return result


def _template(
    cls: type[Template], body: object, path: str, problems: list[Problem]
) -> Template | None:
    if not isinstance(body, dict):
        problems.append(
            Problem(path, "expected a JSON object", "phải là một đối tượng JSON", value=body)
        )
        return None
    _check_object(body, path, problems)
    before = len(problems)
    problems.extend(
        Problem(_member(path, key), "unknown field", "trường không hợp lệ")
        for key in sorted(k for k in set(body) - {"values", "notes"} if isinstance(k, str))
    )
    kwargs = _values(cls, body.get("values", {}), f"{path}.values", problems)
    notes = _notes(cls, body.get("notes", {}), f"{path}.notes", problems)
    if len(problems) > before:
        return None
    try:
        return cls(notes=notes, **kwargs)
    except CchcError as exc:  # pragma: no cover  # every check above mirrors the class's
        problems.append(Problem(path, exc.en, exc.vi, template=cls.spec.id))
        return None


def _values(
    cls: type[Template], values: object, path: str, problems: list[Problem]
) -> dict[str, Value]:
    if values is None:
        return {}
    if not isinstance(values, dict):
        problems.append(
            Problem(
                path,
                "expected a JSON object of code to value",
                "phải là một đối tượng JSON (mã chỉ tiêu: số liệu)",
                value=values,
            )
        )
        return {}
    _check_object(values, path, problems)
    spec = cls.spec
    kwargs: dict[str, Value] = {}
    for code, raw in values.items():
        where = _member(path, code)

        def problem(
            en: str, vi: str, code: str = code, raw: object = raw, where: str = where
        ) -> None:
            problems.append(Problem(where, en, vi, value=raw, template=spec.id, code=code))

        try:
            row = spec.indicator(code)
        except CodeError:
            problem(f"{spec.id} has no indicator {code!r}", f"{spec.id} không có chỉ tiêu {code!r}")
            continue
        if raw is None:
            continue
        if row.attribute is None:
            problem(
                f"{spec.id} {row.code} is a heading and holds no value",
                f"{spec.id} {row.code} là tiêu đề nhóm, không có số liệu",
            )
        elif row.attribute in kwargs:
            problem(f"{spec.id} {row.code} is given twice", f"{spec.id} {row.code} bị ghi hai lần")
        else:
            try:
                kwargs[row.attribute] = _value(row.kind, raw)
            except _InvalidError as exc:
                problem(f"{spec.id} {row.code}: {exc.en}", f"{spec.id} {row.code}: {exc.vi}")
    return kwargs


def _bounded(number: int | Decimal) -> None:
    problem = value_problem(number)
    if problem is not None:
        raise _InvalidError(f"expected {problem[0]}", f"phải là {problem[1]}")


def _value(kind: Kind | None, raw: object) -> Value:
    if kind is Kind.COUNT or kind is Kind.CODE:
        if type(raw) is int:
            _bounded(raw)
            return raw
        what = "a count" if kind is Kind.COUNT else "a code"
        what_vi = "số đếm" if kind is Kind.COUNT else "mã"
        hint_en = hint_vi = ""
        if isinstance(raw, str) and raw.strip().isdigit():
            hint_en = f" (write it without quotes: {raw.strip()})"
            hint_vi = f" (viết không có dấu ngoặc kép: {raw.strip()})"
        raise _InvalidError(
            f"{what} must be a JSON integer, got {_kind_name(raw)} {short_repr(raw)}{hint_en}",
            f"{what_vi} phải là số nguyên JSON, nhận được {short_repr(raw)}{hint_vi}",
        )
    return _decimal_value(raw)


def _decimal_value(raw: object) -> Decimal:
    """A percentage or an amount as the format writes it: a string such as ``"78.94"``."""
    number: int | Decimal | None = None
    if type(raw) is int or isinstance(raw, Decimal):
        number = raw  # an integer, or a JSON number with a fraction, read exactly
    elif isinstance(raw, str) and _DECIMAL_RE.fullmatch(text := raw.strip()):
        if len(text) > MAX_DECIMAL_CHARS:
            raise _InvalidError(
                f"expected a value of {BOUND_WORDS[0]}, got {short_repr(raw)}",
                f"phải là số có {BOUND_WORDS[1]}, nhận được {short_repr(raw)}",
            )
        number = Decimal(text)
    if number is not None:
        _bounded(number)
        return Decimal(number)
    if isinstance(raw, str):
        text = raw.strip()
        hint_en = hint_vi = ""
        if re.fullmatch(r"-?[0-9]+,[0-9]+%?", text):
            fixed = text.rstrip("%").replace(",", ".")
            hint_en = f"; did you mean {fixed!r}? (the format uses a decimal point)"
            hint_vi = f"; có phải là {fixed!r}? (định dạng dùng dấu chấm thập phân)"
        raise _InvalidError(
            f"expected a decimal number as a string like '78.94', got {short_repr(raw)}{hint_en}",
            f"phải là số thập phân dạng chuỗi như '78.94', nhận được {short_repr(raw)}{hint_vi}",
        )
    raise _InvalidError(
        f"expected a decimal number as a string like '78.94', got {_kind_name(raw)}",
        f"phải là số thập phân dạng chuỗi như '78.94', nhận được {_kind_name(raw, 'vi')}",
    )


def _notes(
    cls: type[Template], value: object, path: str, problems: list[Problem]
) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        problems.append(
            Problem(
                path,
                "expected a JSON object of code to note",
                "phải là một đối tượng JSON (mã chỉ tiêu: ghi chú)",
                value=value,
            )
        )
        return {}
    _check_object(value, path, problems)
    notes: dict[str, str] = {}
    for code, text in value.items():
        where = _member(path, code)
        try:
            row = cls.spec.indicator(code)
        except CodeError:
            problems.append(
                Problem(
                    where,
                    f"{cls.spec.id} has no indicator {code!r}",
                    f"{cls.spec.id} không có chỉ tiêu {code!r}",
                    template=cls.spec.id,
                    code=code,
                )
            )
            continue
        if text is None:
            continue
        wrong = text_problem(text)
        if wrong is not None:
            problems.append(
                Problem(
                    where,
                    f"a note must be {wrong[0]}",
                    f"ghi chú phải là {wrong[1]}",
                    value=short_repr(text),
                    template=cls.spec.id,
                    code=row.code,
                )
            )
            continue
        if row.code in notes:
            problems.append(
                Problem(
                    where,
                    f"{cls.spec.id} {row.code} has two notes",
                    f"{cls.spec.id} {row.code} có hai ghi chú",
                    template=cls.spec.id,
                    code=row.code,
                )
            )
            continue
        notes[row.code] = text
    return notes


publish(globals())  # cchc_model.Name, not this module: see _model/public.py
