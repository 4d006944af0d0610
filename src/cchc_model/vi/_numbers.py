"""Digits, rounding, the strict grammar of written numbers and their reading in words.

Private to :mod:`cchc_model.vi`, which documents every rule and its source. The symbols
below are CLDR's ``vi`` data (the tests check them against babel, a test dependency);
the algorithms are ours: babel's round half-even, print ``-0``, stop at 28 significant
digits and parse leniently, which official documents do not.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from typing import Final

from .._model.errors import ParseError, ValueTypeError
from .._rules.interval import round_half_up as _iv_round_half_up

__all__ = [
    "DECIMAL",
    "GROUP",
    "as_written",
    "check_decimals",
    "check_number",
    "check_text",
    "exponent",
    "group_digits",
    "number_error",
    "or_list",
    "parse_written",
    "plain",
    "read_words",
    "round_half_up",
    "shift",
    "shown",
    "suggest_numbers",
    "too_long",
    "type_error",
]

#: CLDR ``vi``: ``symbols/group`` and ``symbols/decimal`` (babel agrees; see the tests).
GROUP: Final = "."
DECIMAL: Final = ","

#: A number written the Vietnamese way: an optional ``-``, then ``0``, or digits grouped
#: by ``.`` in threes (the first group never starting with 0), or plain digits; then an
#: optional ``,`` and the decimals. ``[0-9]``, not ``\d``: other scripts' digits are not
#: numbers in a Vietnamese document.
_WRITTEN: Final = re.compile(
    r"(?P<sign>-)?(?P<int>[1-9][0-9]{0,2}(?:\.[0-9]{3})+|[0-9]+)(?:,(?P<frac>[0-9]+))?"
)
_SPACES: Final = " \u00a0\u202f\u2009"
_LOOKS_NUMERIC: Final = re.compile(r"[0-9.,\u00a0\u202f\u2009 ]+")
_SEPARATOR: Final = re.compile(r"[.,\u00a0\u202f\u2009 ]")
#: Signs people type instead of ``-``: U+2212 MINUS SIGN, U+2013 EN DASH, and ``+``.
_OTHER_SIGNS: Final = {"\u2212": "-", "\u2013": "-", "+": ""}
_SHOWN: Final = 40


def shown(text: str) -> str:
    """Return ``repr(text)``, cut short so that a huge input makes a readable message."""
    if len(text) <= _SHOWN:
        return repr(text)
    return f"{text[:_SHOWN]!r}… ({len(text)} characters)"


def _max_digits() -> int:
    # Python refuses int(str) above this many digits (CVE-2020-10735) because conversion
    # is quadratic; we refuse to write or read more digits than that, and say so.
    return sys.get_int_max_str_digits() or sys.maxsize


class _Huge:
    """Stands for an ``int`` too long for ``repr`` in a message (``repr`` would raise)."""

    def __init__(self, value: int) -> None:
        self.bits = value.bit_length()

    def __repr__(self) -> str:
        return f"<an int of about {self.bits * 30103 // 100000 + 1} digits>"  # log10(2)


def type_error(attribute: str, expected: str, value: object, hint: str = "") -> ValueTypeError:
    """A :class:`ValueTypeError` for an argument outside a template.

    The message of an ``int`` above Python's digit limit describes it instead of
    quoting it; ``error.value`` is still the value given.
    """
    quoted: object = value
    if isinstance(value, int) and value.bit_length() > _max_digits() * 3:
        quoted = _Huge(value)
    error = ValueTypeError(
        template=None, code=None, attribute=attribute, expected=expected, value=quoted, hint=hint
    )
    error.value = value
    return error


def _digits_written(value: Decimal) -> int:
    return max(value.adjusted(), 0) + 1 + max(-exponent(value), 0)


def check_number(value: object, attribute: str) -> Decimal:
    """Return ``value`` as a finite ``Decimal``; refuse floats, bools, NaN and infinities.

    Also refused: a value that would be written with more digits than Python converts
    between text and ``int`` (``sys.get_int_max_str_digits()``, 4300 by default).
    """
    limit = f"a number of at most {_max_digits()} digits"
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise type_error(attribute, "a finite number", value)
        if _digits_written(value) > _max_digits():
            raise type_error(attribute, limit, value)
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        # bit_length first: Decimal(int) is itself quadratic in the number of digits.
        if value.bit_length() > _max_digits() * 10 // 3 + 1:
            raise type_error(attribute, limit, value)
        result = Decimal(value)
        if _digits_written(result) > _max_digits():
            raise type_error(attribute, limit, value)
        return result
    hint = ""
    if isinstance(value, float):
        hint = "a float cannot hold 78.94 exactly; pass Decimal('78.94')"
    elif isinstance(value, str):
        hint = "to read text, use the parse_* function"
    raise type_error(attribute, "an int or a decimal.Decimal", value, hint)


def check_decimals(decimals: object) -> int | None:
    """Return ``decimals`` if it is ``None`` or an ``int`` from 0 to the digit limit."""
    if decimals is None:
        return None
    if (
        isinstance(decimals, int)
        and not isinstance(decimals, bool)
        and 0 <= decimals <= _max_digits()
    ):
        return decimals
    raise type_error("decimals", f"None or an int from 0 to {_max_digits()}", decimals)


def check_text(text: object, attribute: str = "text") -> str:
    """Return ``text`` in NFC with surrounding white space removed; refuse non-``str``."""
    if not isinstance(text, str):
        hint = "decode the bytes first" if isinstance(text, bytes | bytearray) else ""
        raise type_error(attribute, "a str", text, hint)
    return unicodedata.normalize("NFC", text).strip()


def exponent(value: Decimal) -> int:
    """The exponent of a finite ``Decimal``."""
    exp = value.as_tuple().exponent
    assert isinstance(exp, int)  # noqa: S101  # check_number lets only finite values in
    return exp


def round_half_up(value: Decimal, decimals: int | None) -> Decimal:
    """Round to ``decimals`` places, ties away from zero; ``None`` keeps the precision.

    The rounding of the whole library (:func:`cchc_model._rules.interval.round_half_up`),
    exact whatever the size of the value (babel's quantize in a 28-digit context fails
    above 10**25). A positive exponent (``Decimal("1E+3")``) is always brought to 0 so
    the value prints in full; a negative zero becomes ``0``.
    """
    sign, digits, exp = value.as_tuple()
    assert isinstance(exp, int)  # noqa: S101  # check_number lets only finite values in
    if decimals is None:
        decimals = max(-exp, 0)
    if exp >= -decimals:
        # nothing to round (the usual case: a reported value printed with its own
        # precision): the digits with zeros added, without the Fraction arithmetic
        negative = sign and any(digits)
        return Decimal((1 if negative else 0, digits + (0,) * (exp + decimals), -decimals))
    return _iv_round_half_up(value, decimals)


def shift(value: Decimal, places: int) -> Decimal:
    """Multiply by ``10**places`` exactly (``scaleb`` would round to the context)."""
    sign, digits, _ = value.as_tuple()
    return Decimal((sign, digits, exponent(value) + places))


def group_digits(digits: str) -> str:
    """Group a string of digits in threes from the right with ``.``: ``1234`` → ``1.234``."""
    head = len(digits) % 3 or 3
    return GROUP.join([digits[:head], *(digits[i : i + 3] for i in range(head, len(digits), 3))])


def _split(value: Decimal) -> tuple[bool, str, str]:
    """Return (negative, integer digits, decimal digits) of a value with exponent <= 0."""
    sign, digit_tuple, _ = value.as_tuple()
    places = exponent(value)
    digits = "".join(map(str, digit_tuple))
    if places >= 0:
        return bool(sign), (digits + "0" * places).lstrip("0") or "0", ""
    digits = digits.rjust(1 - places, "0")
    return bool(sign), digits[:places].lstrip("0") or "0", digits[places:]


def plain(value: Decimal, decimals: int | None) -> str:
    """Write ``value`` with ``.`` groups and a ``,`` decimal mark, rounded half-up."""
    rounded = round_half_up(value, decimals)
    if _digits_written(rounded) > _max_digits():
        raise type_error("decimals", f"at most {_max_digits()} digits in all", decimals)
    negative, whole, fraction = _split(rounded)
    text = group_digits(whole) + (DECIMAL + fraction if fraction else "")
    return "-" + text if negative else text


_QUICK_DIGITS: Final = 30
_QUICK_LIMIT: Final = 10**_QUICK_DIGITS
_SWAP: Final = str.maketrans({",": GROUP, ".": DECIMAL})


def as_written(value: object) -> str | None:
    """:func:`plain` at the value's own precision, for the usual values; ``None`` for others.

    A count or a reported decimal of at most 30 digits either side of the point is
    printed with Python's own grouping and the separators swapped: nothing to round,
    no digit limit near, and several times faster than :func:`plain` (a report's table
    prints every value). Anything else (a code-list member, a positive exponent, a
    float) is ``None``: the caller goes the long way, which also refuses what it must.
    """
    if type(value) is int:
        if -_QUICK_LIMIT < value < _QUICK_LIMIT:
            return format(value, ",").translate(_SWAP)
        return None
    if type(value) is Decimal and value.is_finite():
        exp = value.as_tuple().exponent
        if isinstance(exp, int) and -_QUICK_DIGITS <= exp <= 0 and value.adjusted() < _QUICK_DIGITS:
            number = value.copy_abs() if value.is_zero() else value  # never -0
            return format(number, ",f").translate(_SWAP)
    return None


# --- reading written numbers ------------------------------------------------------------


def parse_written(text: str) -> tuple[bool, str, str | None] | None:
    """Split a strictly written number into (negative, integer digits, decimals or None).

    Returns ``None`` when ``text`` is not written the Vietnamese way.
    """
    match = _WRITTEN.fullmatch(text)
    if match is None:
        return None
    negative = match["sign"] is not None
    return negative, match["int"].replace(GROUP, ""), match["frac"]


def too_long(text: str) -> bool:
    """Whether ``text`` has more digits than Python converts safely."""
    return sum(ch.isdigit() for ch in text) > _max_digits()


def _vi(whole: str, fraction: str | None) -> str:
    whole = whole.lstrip("0") or "0"
    return group_digits(whole) + (DECIMAL + fraction if fraction else "")


def suggest_numbers(text: str) -> tuple[str, ...]:
    """What a badly written number probably meant, most likely first.

    Two readings are tried: the last separator is the decimal mark and the others group
    thousands (``12.34`` → ``12,34``, ``1,234.5`` → ``1.234,5``), or every separator
    groups thousands (``1,234,567`` → ``1.234.567``, ``12.34`` → ``1.234``). A consistent
    grouping (one separator, groups of three) puts the second reading first. Spaces only
    ever group. Nothing is suggested for text that is not made of digits and separators.
    """
    sign = "-" if text[:1] == "-" else _OTHER_SIGNS.get(text[:1])
    body = text[1:] if sign is not None else text
    sign = sign or ""
    if parse_written(body) is not None:
        return _finish(sign, [body], text)
    if not body or _LOOKS_NUMERIC.fullmatch(body) is None or not any(c.isdigit() for c in body):
        return ()
    groups = _SEPARATOR.split(body)
    separators = _SEPARATOR.findall(body)
    if groups[0] == "":
        groups[0] = "0"  # ",5" and ".5": a missing 0
    if groups[-1] == "":
        groups.pop()  # "5," and "5.": a stray separator
        separators.pop()
    if "" in groups:
        return ()  # "1..5": no probable meaning
    digits = "".join(groups)
    if not separators:
        return _finish(sign, [_vi(digits, None)], text)
    as_decimal = None
    if separators[-1] not in _SPACES:
        as_decimal = _vi("".join(groups[:-1]), groups[-1])
    # Every separator grouping is a reading only when they are all the same character,
    # and only from 1000 up: "1.5" does not suggest 15, nor "12,345.6" 123.456.
    kinds = {" " if sep in _SPACES else sep for sep in separators}
    worth_grouping = len(kinds) == 1 and (len(digits.lstrip("0")) > 3 or as_decimal is None)  # noqa: PLR2004
    as_grouped = _vi(digits, None) if worth_grouping else None
    consistent = (
        len(kinds) == 1
        and 1 <= len(groups[0]) <= 3  # noqa: PLR2004  # a group of three
        and all(len(g) == 3 for g in groups[1:])  # noqa: PLR2004  # a group of three
    )
    ordered = [as_grouped, as_decimal] if consistent else [as_decimal, as_grouped]
    return _finish(sign, [c for c in ordered if c is not None], text)


def _finish(sign: str, candidates: list[str], text: str) -> tuple[str, ...]:
    out: list[str] = []
    for candidate in candidates:
        full = sign + candidate if candidate.strip("0,.") else candidate  # never "-0"
        if full != text and full not in out:
            out.append(full)
    return tuple(out)


def or_list(items: tuple[str, ...], word: str) -> str:
    """``'a', 'b' or 'c'`` with ``word`` for *or*."""
    quoted = [shown(item) for item in items]
    if len(quoted) == 1:
        return quoted[0]
    return f"{', '.join(quoted[:-1])} {word} {quoted[-1]}"


def number_error(
    text: str,
    number: str,
    suffix: str = "",
    *,
    expected: str,
    kind_en: str,
    kind_vi: str,
    accept: Callable[[str], bool] = lambda _: True,
) -> ParseError:
    """The error for ``text``, whose ``number`` part (before ``suffix``) is badly written.

    The suggestions are those for ``number``, each followed by ``suffix``, that
    ``accept`` lets through (a money amount must not be finer than a xu).
    """
    if too_long(number):
        limit = _max_digits()
        return ParseError(
            f"{shown(text)} has more than {limit} digits, the most Python converts safely",
            f"{shown(text)} có hơn {limit} chữ số, vượt quá giới hạn chuyển đổi an toàn",
            text=text,
            expected=expected,
        )
    suggestions = tuple(s + suffix for s in suggest_numbers(number) if accept(s + suffix))
    en = (
        f"{shown(text)} is not {kind_en} as Vietnamese documents write it"
        " ('.' groups thousands, ',' marks decimals: '1.234,5')"
    )
    vi = (
        f"{shown(text)} không phải là {kind_vi} viết theo cách của văn bản tiếng Việt"
        " (dấu '.' phân cách hàng nghìn, dấu ',' ngăn cách phần thập phân: '1.234,5')"
    )
    if suggestions:
        en += f"; did you mean {or_list(suggestions, 'or')}?"
        vi += f"; có phải là {or_list(suggestions, 'hay')}?"
    return ParseError(en, vi, text=text, expected=expected, suggestions=suggestions)


# --- reading numbers in words -----------------------------------------------------------

_DIGITS: Final = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_TY: Final = 9  # digits below một tỷ: larger numbers are read as "<n> tỷ <rest>"


def _group_words(group: str, *, full: bool, zero_tens: str) -> list[str]:
    """Words for three digits ``hundreds, tens, units``.

    ``full`` is true when something was read before this group, so the hundreds are
    said even when 0 (*không trăm*) and a lone unit takes *linh*/*lẻ*.
    """
    hundreds, tens, units = (int(c) for c in group.rjust(3, "0"))
    words: list[str] = []
    if full or hundreds:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            words += [zero_tens, _DIGITS[units]] if words else [_DIGITS[units]]
    elif tens == 1:
        words.append("mười")
        if units:
            words.append("lăm" if units == 5 else _DIGITS[units])  # noqa: PLR2004  # mười lăm
    else:
        words += [_DIGITS[tens], "mươi"]
        if units == 1:
            words.append("mốt")
        elif units == 5:  # noqa: PLR2004  # hai mươi lăm
            words.append("lăm")
        elif units:
            words.append(_DIGITS[units])
    return words


def _integer_words(digits: str, *, full: bool, zero_tens: str, thousand: str) -> list[str]:
    """Words for a string of digits; ``full`` as in :func:`_group_words`."""
    if len(digits) > _TY:
        high, low = digits[:-_TY], digits[-_TY:]
        words = [*_integer_words(high, full=full, zero_tens=zero_tens, thousand=thousand), "tỷ"]
        if low.strip("0"):
            words += _integer_words(low, full=True, zero_tens=zero_tens, thousand=thousand)
        return words
    words = []
    digits = digits.rjust(_TY, "0")
    for group, scale in zip(
        (digits[0:3], digits[3:6], digits[6:9]), ("triệu", thousand, ""), strict=True
    ):
        if group == "000":
            continue
        words += _group_words(group, full=full or bool(words), zero_tens=zero_tens)
        if scale:
            words.append(scale)
    return words


def read_words(value: Decimal, *, zero_tens: str, thousand: str) -> str:
    """Read ``value`` in Vietnamese words, as written (its decimals included)."""
    negative, whole, fraction = _split(value)
    whole_words = (
        _integer_words(whole, full=False, zero_tens=zero_tens, thousand=thousand)
        if whole != "0"
        else ["không"]
    )
    words = ["âm", *whole_words] if negative and not value.is_zero() else whole_words
    if fraction:
        significant = fraction.lstrip("0")
        words += ["phẩy", *(["không"] * (len(fraction) - len(significant)))]
        if significant:
            words += _integer_words(significant, full=False, zero_tens=zero_tens, thousand=thousand)
    return " ".join(words)
