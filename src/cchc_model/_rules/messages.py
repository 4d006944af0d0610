"""Every text a rule or a finding shows, in Vietnamese and English, and how numbers read.

Message templates are plain text with placeholders in braces, filled when a finding is
shown (:meth:`~cchc_model.Finding.message`), never before:

``{template}``
    the rule's template (``PL8``);
``{left}``, ``{right}``
    the two sides of the rule's comparison, written out as codes, then values, then
    the result (``6.4.2 / 6.4.1 × 100 = 197 / 281 × 100 = 70,1067…``);
``{expected}``
    what the compared side allows;
``{rounded_note}``
    when the left side is one reported decimal and the right side an exact value, that
    value rounded half-up to the reported precision (`` (làm tròn đúng: 78,95)``);
``{level}``, ``{levels}``
    the report's level and the levels the row is asked of (``cấp tỉnh và sở, ngành``);
``{asked}``
    why a row is not asked of the report: the levels it is asked of, or the day before
    which its periods end;
``{codes_list}``, ``{suggestion}``
    a row's code list and, for a value outside it, the code it probably meant;
``{expression}``
    the rule written with codes;
``{PL2:7.1}``
    the value of that row.

>>> format_number(2715925699, "vi"), format_number(2715925699, "en")
('2.715.925.699', '2,715,925,699')
>>> from fractions import Fraction
>>> format_exact(Fraction(1500, 19), "vi"), format_exact(Fraction(281, 4), "en")
('78,9473…', '70.25')
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Final

from .._model.errors import Lang
from .._model.units import AdminLevel
from .interval import Interval

__all__ = [
    "DEFAULTS",
    "DOMAIN",
    "LEVEL",
    "PLACEHOLDERS",
    "REPORT",
    "SEVERITY_LABELS",
    "TEXT",
    "TRUNCATED",
    "fill",
    "format_date",
    "format_exact",
    "format_interval",
    "format_number",
    "join",
    "level_label",
    "placeholders",
]

# --- numbers ----------------------------------------------------------------------------

_SHOWN_PLACES: Final = 4


@functools.cache
def _vi_format() -> Callable[[int | Decimal], str]:
    from ..vi import format_number as vi_format  # noqa: PLC0415  # loaded on first message

    return vi_format


def format_number(value: int | Decimal, lang: Lang) -> str:
    """A reported value as the language writes it, keeping its written precision.

    >>> format_number(Decimal("78.94"), "vi"), format_number(Decimal("78.94"), "en")
    ('78,94', '78.94')
    """
    if lang == "vi":
        return _vi_format()(value)
    if isinstance(value, Decimal):
        return format(value, ",f")
    return format(int(value), ",")


def format_exact(x: int | Fraction, lang: Lang) -> str:
    """An exact number: in full up to four decimals, else cut there and marked ``…``.

    >>> format_exact(Fraction(19700, 281), "vi"), format_exact(100, "vi")
    ('70,1067…', '100')
    >>> format_exact(Fraction(-1, 3), "en"), format_exact(Fraction(-5, 2), "en")
    ('-0.3333…', '-2.5')
    """
    if isinstance(x, Fraction):
        scaled, d = x.numerator * 10**_SHOWN_PLACES, x.denominator
    else:
        scaled, d = int(x) * 10**_SHOWN_PLACES, 1
    # towards zero: the digits shown are the digits of the value (integers, no Fraction)
    whole = scaled // d if scaled >= 0 else -(-scaled // d)
    text = format_number(_stripped(whole, _SHOWN_PLACES), lang)
    if whole * d != scaled:
        return text + "…"
    return text


def _stripped(whole: int, places: int) -> Decimal:
    """``whole × 10**-places`` without trailing zeros in its decimals, exactly.

    Integer arithmetic, not ``normalize`` and ``quantize``, which round to the 28 digits
    of the decimal context (a 28-digit count once made its finding's wording fail).
    """
    while places and whole % 10 == 0:
        whole //= 10
        places -= 1
    return Decimal(f"{whole}E-{places}")


def format_interval(iv: Interval, lang: Lang) -> str:
    """An interval: its value when exact, else its bounds (``[70,05; 70,15)``).

    >>> from cchc_model._rules.interval import ROUNDED, from_value
    >>> format_interval(from_value(Decimal("70.1"), ROUNDED), "vi")
    '[70,05; 70,15)'
    """
    if iv.is_exact:
        return format_exact(iv.low, lang)
    sep = "; " if lang == "vi" else ", "
    return (
        f"{'(' if iv.low_open else '['}{format_exact(iv.low, lang)}{sep}"
        f"{format_exact(iv.high, lang)}{')' if iv.high_open else ']'}"
    )


_LEVEL_EN: Final = {
    AdminLevel.PROVINCE: "province",
    AdminLevel.DEPARTMENT: "department",
    AdminLevel.DISTRICT: "district",
    AdminLevel.COMMUNE: "commune",
}


def level_label(level: AdminLevel, lang: Lang) -> str:
    """``cấp xã`` / ``commune``."""
    return level.label if lang == "vi" else _LEVEL_EN[level]


def join(items: list[str], lang: Lang) -> str:
    """Items as a sentence lists them: ``a, b và c`` / ``a, b and c``.

    >>> join(["cấp tỉnh", "sở, ngành"], "vi"), join(["province", "district", "commune"], "en")
    ('cấp tỉnh và sở, ngành', 'province, district and commune')
    """
    if len(items) < 2:  # noqa: PLR2004  # one item, or none
        return "".join(items)
    word = " và " if lang == "vi" else " and "
    return ", ".join(items[:-1]) + word + items[-1]


def format_date(day: dt.date, lang: Lang) -> str:
    """A day as a message writes it: ``01/7/2025`` / ``1 July 2025``.

    >>> format_date(dt.date(2025, 7, 1), "vi"), format_date(dt.date(2025, 7, 1), "en")
    ('01/7/2025', '1 July 2025')
    """
    if lang == "vi":
        return f"{day.day:02d}/{day.month}/{day.year}"
    return f"{day.day} {day.strftime('%B')} {day.year}"


# --- templates --------------------------------------------------------------------------

SEVERITY_LABELS: Final[Mapping[str, Mapping[Lang, str]]] = {
    "error": {"vi": "lỗi", "en": "error"},
    "warning": {"vi": "cảnh báo", "en": "warning"},
    "info": {"vi": "lưu ý", "en": "info"},
}

_EQ: Final[Mapping[Lang, str]] = {
    "vi": "{template} {left} khác {right}",
    "en": "{template} {left} differs from {right}",
}
_LE: Final[Mapping[Lang, str]] = {
    "vi": "{template} {left} lớn hơn {right}",
    "en": "{template} {left} is greater than {right}",
}

DEFAULTS: Final[Mapping[str, Mapping[Lang, str]]] = {
    # by kind of rule
    "ratio": {
        "vi": "{template} {left} không khớp với {right}{rounded_note}",
        "en": "{template} {left} does not match {right}{rounded_note}",
    },
    "total": {
        "vi": "{template} {left} khác tổng các chỉ tiêu thành phần {right}",
        "en": "{template} {left} differs from the sum of its parts {right}",
    },
    "identity": _EQ,
    "part": _LE,
    # by relation, for the other rules
    "=": _EQ,
    "<=": _LE,
    "<": {
        "vi": "{template} {left} không nhỏ hơn {right}",
        "en": "{template} {left} is not less than {right}",
    },
    ">=": {
        "vi": "{template} {left} nhỏ hơn {right}",
        "en": "{template} {left} is less than {right}",
    },
    ">": {
        "vi": "{template} {left} không lớn hơn {right}",
        "en": "{template} {left} is not greater than {right}",
    },
    "!=": {"vi": "{template} {left} bằng {right}", "en": "{template} {left} equals {right}"},
    "in": {
        "vi": "{template} {left} không thuộc các giá trị {right}{suggestion}",
        "en": "{template} {left} is not one of {right}{suggestion}",
    },
    "blank": {
        "vi": "{template} {left} phải để trống",
        "en": "{template} {left} must be blank",
    },
    "!blank": {
        "vi": "{template} {left} không được để trống",
        "en": "{template} {left} must not be blank",
    },
    "": {
        "vi": "{template}: không thỏa quy tắc {expression}",
        "en": "{template}: the rule {expression} does not hold",
    },
}
"""Default messages: by kind of rule first, then by the relation of its comparison."""

DOMAIN: Final[Mapping[str, Mapping[Lang, str]]] = {
    "count": {
        "vi": "{template} {left}: số đếm không được âm",
        "en": "{template} {left}: a count cannot be negative",
    },
    "percent": {
        "vi": "{template} {left}: tỷ lệ phần trăm phải từ 0 đến 100",
        "en": "{template} {left}: a percentage must be between 0 and 100",
    },
    "money": {
        "vi": "{template} {left}: số tiền không được âm",
        "en": "{template} {left}: an amount of money cannot be negative",
    },
    "code": {
        "vi": "{template} {left} không thuộc danh mục mã ({codes_list}){suggestion}",
        "en": "{template} {left} is not a code of its list ({codes_list}){suggestion}",
    },
}
"""The messages of the domain rules, by kind of value."""

LEVEL: Final[Mapping[Lang, str]] = {
    "vi": "{template} {left}: chỉ tiêu này {asked}; đề nghị để trống",
    "en": "{template} {left}: this row {asked}; leave it blank",
}
"""The message of the level rules (a value in a row not asked of the report)."""

REPORT: Final[Mapping[str, Mapping[Lang, str]]] = {
    "report.level": {
        "vi": (
            "Báo cáo {level} cho kỳ báo cáo có số liệu đến ngày {end}: từ ngày {since} chính"
            " quyền địa phương tổ chức hai cấp (cấp tỉnh và cấp xã), không còn {level}; báo"
            " cáo {level} chỉ dùng cho kỳ báo cáo kết thúc trước ngày {since}"
        ),
        "en": (
            "A {level} report on a period whose data end on {end}: local government has had"
            " two tiers (provinces and communes, no districts) since {since}, so {level}"
            " reports are only for periods that end before {since}"
        ),
    },
}
"""The messages of the findings about a whole report, by rule id."""

TRUNCATED: Final[Mapping[Lang, str]] = {
    "vi": (
        "{template} {left} chỉ khớp với {right} nếu số liệu đã bị cắt bớt chữ số thay vì"
        " làm tròn{rounded_note}"
    ),
    "en": (
        "{template} {left} matches {right} only if the value was truncated rather than"
        " rounded{rounded_note}"
    ),
}
"""The message of a rule that holds only when a reported decimal was truncated."""

TEXT: Final[Mapping[str, Mapping[Lang, str]]] = {
    "blank": {"vi": "trống", "en": "blank"},
    "report": {"vi": "Báo cáo", "en": "Report"},
    "titled": {"vi": "{code} “{title}”", "en": "{code} “{title}”"},
    "titles": {"vi": "Chỉ tiêu: {rows}", "en": "Indicators: {rows}"},
    "asked_levels": {
        "vi": "chỉ áp dụng đối với báo cáo của {levels}, không áp dụng đối với báo cáo {level}",
        "en": "applies only to {levels} reports, not to a {level} report",
    },
    "asked_until": {
        "vi": (
            "chỉ áp dụng đối với kỳ báo cáo bắt đầu trước ngày {until} (từ ngày này chính"
            " quyền địa phương tổ chức hai cấp, không còn cấp huyện)"
        ),
        "en": (
            "applies only to periods that start before {until} (local government has had two"
            " tiers since then, with no districts)"
        ),
    },
    "rounded_note": {"vi": " (làm tròn đúng: {value})", "en": " (correctly rounded: {value})"},
    "suggestion": {"vi": " — có phải là {value}?", "en": " — did you mean {value}?"},
    "or": {"vi": " hoặc ", "en": " or "},
    "and": {"vi": " và ", "en": " and "},
    "not": {"vi": "không ", "en": "not "},
    "if": {"vi": "nếu ", "en": "if "},
    "then": {"vi": " thì ", "en": " then "},
    "summary": {
        "vi": "{errors} lỗi, {warnings} cảnh báo, {infos} lưu ý; đã kiểm tra {evaluated} quy"
        " tắc, bỏ qua {skipped} quy tắc thiếu số liệu hoặc không áp dụng",
        "en": "errors: {errors}, warnings: {warnings}, infos: {infos}; {evaluated} rules"
        " checked, {skipped} skipped (inputs blank or not applicable)",
    },
    "valid": {"vi": "hợp lệ", "en": "valid"},
    "invalid": {"vi": "có lỗi", "en": "has errors"},
    "no_findings": {"vi": "không có phát hiện nào", "en": "no findings"},
    "no_files": {
        "vi": "nêu tệp báo cáo cần kiểm tra, hoặc --example",
        "en": "name the report files to check, or --example",
    },
}
"""Words used around the messages (the text output of ``cchc validate``)."""

# --- placeholders -----------------------------------------------------------------------

PLACEHOLDERS: Final = frozenset(
    {
        "template",
        "left",
        "right",
        "expected",
        "rounded_note",
        "level",
        "levels",
        "asked",
        "codes_list",
        "suggestion",
        "expression",
    }
)
"""The named placeholders; ``{PLn:code}`` placeholders name a row's value."""

_PLACEHOLDER: Final = re.compile(r"\{([^{}]*)\}")


def placeholders(template: str) -> list[tuple[str, int]]:
    """The placeholders of a message template, with their positions.

    >>> placeholders("{template} {left} vs {PL2:7.1}")
    [('template', 0), ('left', 11), ('PL2:7.1', 21)]
    """
    return [(m.group(1), m.start()) for m in _PLACEHOLDER.finditer(template)]


def fill(template: str, values: Mapping[str, str]) -> str:
    """Fill the placeholders of ``template`` (each must be in ``values``).

    >>> fill("{template} {left}", {"template": "PL2", "left": "2 = 78,94"})
    'PL2 2 = 78,94'
    """
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)
