"""Unit tests of cchc_model.vi, one class per rule, each citing where the rule comes from.

Property tests (round trips, the reading of every integer up to 10**18) are in
``test_vi_properties.py``.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_model import vi
from cchc_model._model.errors import CchcError, ParseError, ValueTypeError
from cchc_model.vi._numbers import DECIMAL, GROUP

D = Decimal


def suggestions_of(parse: Callable[..., object], text: str, *args: object) -> tuple[str, ...]:
    with pytest.raises(ParseError) as info:
        parse(text, *args)
    return info.value.suggestions


# --- numbers ----------------------------------------------------------------------------


class TestFormatNumber:
    """Separators: CLDR ``vi`` (symbols/decimal ``,``, symbols/group ``.``), as the report
    templates write amounts (``2.715.925.699``)."""

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (0, "0"),
            (5, "5"),
            (10, "10"),
            (999, "999"),
            (1000, "1.000"),
            (1005, "1.005"),
            (2715925699, "2.715.925.699"),
            (-1234, "-1.234"),
            (10**18, "1.000.000.000.000.000.000"),
            (D("-1234.5"), "-1.234,5"),
            (D("70.1"), "70,1"),
            (D("70.10"), "70,10"),  # the value's own precision is kept
            (D("0.05"), "0,05"),
            (D("1E+3"), "1.000"),  # a positive exponent is written out
            (D("1.50E+3"), "1.500"),
            (D("-0"), "0"),
            (D("-0.00"), "0,00"),
            (D("123456789012345678901234567890.5"), "123.456.789.012.345.678.901.234.567.890,5"),
        ],
    )
    def test_own_precision(self, value: int | Decimal, expected: str) -> None:
        assert vi.format_number(value) == expected

    @pytest.mark.parametrize(
        ("value", "decimals", "expected"),
        [
            # Half-up, ties away from zero (babel's default is half-even).
            (D("0.5"), 0, "1"),
            (D("1.5"), 0, "2"),
            (D("2.5"), 0, "3"),
            (D("-2.5"), 0, "-3"),
            (D("2.675"), 2, "2,68"),
            (D("0.125"), 2, "0,13"),
            (D("33.335"), 2, "33,34"),
            (D("999.5"), 0, "1.000"),
            (5, 2, "5,00"),
            (D("1.2"), 3, "1,200"),
            # Never -0, however the value rounds.
            (D("-0.004"), 2, "0,00"),
            (D("-0.4"), 0, "0"),
            (D("-0.0000001"), 0, "0"),
        ],
    )
    def test_rounding(self, value: int | Decimal, decimals: int, expected: str) -> None:
        assert vi.format_number(value, decimals) == expected

    def test_beyond_the_default_decimal_context(self) -> None:
        # 40 significant digits: the default context (28) would raise InvalidOperation.
        value = D("1234567890123456789012345678901234567890.125")
        assert vi.format_number(value, 2).endswith("567.890,13")

    @pytest.mark.parametrize(
        "value", [0.5, True, False, "1", None, D("NaN"), D("sNaN"), D("Infinity"), D("-Infinity")]
    )
    def test_refuses(self, value: Any) -> None:
        with pytest.raises(ValueTypeError) as info:
            vi.format_number(value)
        assert info.value.attribute == "value"
        assert info.value.value is value

    @pytest.mark.parametrize(
        ("value", "decimals", "attribute"),
        [
            (10**4300, None, "value"),
            (10**5000, None, "value"),
            (D("1E+4300"), None, "value"),
            (D("1E-4300"), None, "value"),
            (1, 10**9, "decimals"),
            (10**4000, 400, "decimals"),
        ],
        ids=["10**4300", "10**5000", "1E+4300", "1E-4300", "decimals=10**9", "4401 digits"],
    )
    def test_refuses_more_digits_than_python_converts(
        self, value: int | Decimal, decimals: int | None, attribute: str
    ) -> None:
        # The limit of int(str) (sys.get_int_max_str_digits(), 4300): above it, writing
        # and reading digits is quadratic, or the text absurdly long.
        with pytest.raises(ValueTypeError) as info:
            vi.format_number(value, decimals)
        assert info.value.attribute == attribute

    def test_largest_number_round_trips(self) -> None:
        largest = 10**4299
        assert vi.parse_number(vi.format_number(largest)) == largest

    def test_float_hint(self) -> None:
        with pytest.raises(ValueTypeError, match=r"Decimal\('78.94'\)"):
            vi.format_number(78.94)  # type: ignore[arg-type]

    @pytest.mark.parametrize("decimals", [-1, 1.0, True, "2"])
    def test_refuses_decimals(self, decimals: Any) -> None:
        with pytest.raises(ValueTypeError) as info:
            vi.format_number(1, decimals)
        assert info.value.attribute == "decimals"


class TestParseNumber:
    """Strict reading: ``.`` only groups thousands in threes, ``,`` only marks decimals."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("0", 0),
            ("2024", 2024),  # ungrouped digits
            ("1.234", 1234),  # Vietnamese: one thousand two hundred and thirty-four
            ("2.715.925.699", 2715925699),
            ("-1.234", -1234),
            ("  1.000 ", 1000),
            ("-0", 0),
            ("007", 7),
        ],
    )
    def test_integers(self, text: str, expected: int) -> None:
        result = vi.parse_number(text)
        assert result == expected
        assert type(result) is int

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("3,887", D("3.887")),  # three point eight eight seven, never 3887
            ("-1.234,5", D("-1234.5")),
            ("70,10", D("70.10")),
            ("0,05", D("0.05")),
            ("1.234.567,891", D("1234567.891")),
        ],
    )
    def test_decimals_keep_the_written_precision(self, text: str, expected: Decimal) -> None:
        result = vi.parse_number(text)
        assert type(result) is Decimal
        assert result.as_tuple() == expected.as_tuple()

    def test_negative_zero_is_zero(self) -> None:
        result = vi.parse_number("-0,00")
        assert isinstance(result, Decimal)
        assert result.as_tuple() == D("0.00").as_tuple()

    @pytest.mark.parametrize(
        ("text", "suggestions"),
        [
            ("12.34", ("12,34", "1.234")),  # English decimal point, or a misplaced group
            ("1,234.5", ("1.234,5",)),
            ("1,234,567", ("1.234.567", "1.234,567")),  # English grouping
            ("1234.567", ("1.234,567", "1.234.567")),
            ("0.123", ("0,123",)),  # a group never starts with 0
            ("1.234.56", ("1.234,56", "123.456")),
            ("2 715 925 699", ("2.715.925.699",)),  # spaces do not group
            ("2\u00a0715\u00a0925", ("2.715.925",)),
            ("1 234,5", ("1.234,5",)),
            (".5", ("0,5",)),
            (",5", ("0,5",)),
            ("5,", ("5",)),
            ("−5", ("-5",)),  # U+2212 MINUS SIGN
            ("+5", ("5",)),
            ("-12.34", ("-12,34", "-1.234")),
            ("1..5", ()),
            ("abc", ()),
            ("1e400", ()),
            ("NaN", ()),
            ("٣", ()),  # Arabic-Indic digit three: not a digit of a Vietnamese document
            ("", ()),
        ],
    )
    def test_refuses_with_suggestions(self, text: str, suggestions: tuple[str, ...]) -> None:
        assert suggestions_of(vi.parse_number, text) == suggestions

    def test_error_in_both_languages(self) -> None:
        with pytest.raises(ParseError) as info:
            vi.parse_number("12.34")
        error = info.value
        assert isinstance(error, CchcError)
        assert isinstance(error, ValueError)
        assert error.text == "12.34"
        assert error.expected
        assert "did you mean '12,34' or '1.234'?" in str(error)
        assert "có phải là '12,34' hay '1.234'?" in error.message("vi")

    def test_nfc_input(self) -> None:
        assert vi.parse_number(unicodedata.normalize("NFD", "1.234")) == 1234

    def test_too_many_digits(self) -> None:
        with pytest.raises(ParseError, match="more than 4300 digits"):
            vi.parse_number("1" * 5000)

    def test_long_text_is_shown_short(self) -> None:
        with pytest.raises(ParseError) as info:
            vi.parse_number("x" * 100_000)
        assert len(str(info.value)) < 300
        assert info.value.text == "x" * 100_000


class TestPercent:
    """Percentages are stored as the templates store them (78.94 means 78,94%); CLDR ``vi``
    percent pattern ``#,##0%`` has no space before ``%``."""

    @pytest.mark.parametrize(
        ("value", "decimals", "expected"),
        [
            (D("78.94"), None, "78,94%"),
            (100, None, "100%"),
            (0, None, "0%"),
            (D("33.335"), 2, "33,34%"),
            (D("99.995"), 2, "100,00%"),
            (D("-0.001"), 1, "0,0%"),
            (D("1234.5"), None, "1.234,5%"),
        ],
    )
    def test_format(self, value: int | Decimal, decimals: int | None, expected: str) -> None:
        assert vi.format_percent(value, decimals) == expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [("78,94%", D("78.94")), ("100%", D("100")), ("100 %", D("100")), ("-0,5%", D("-0.5"))],
    )
    def test_parse(self, text: str, expected: Decimal) -> None:
        result = vi.parse_percent(text)
        assert type(result) is Decimal
        assert result.as_tuple() == expected.as_tuple()

    @pytest.mark.parametrize(
        ("text", "suggestions"),
        [
            ("78,94", ("78,94%",)),  # without the sign it could be a fraction
            ("12.34%", ("12,34%", "1.234%")),
            ("%", ()),
            ("abc%", ()),
        ],
    )
    def test_refuses(self, text: str, suggestions: tuple[str, ...]) -> None:
        assert suggestions_of(vi.parse_percent, text) == suggestions


class TestMoney:
    """Units: those of the report templates (đồng, nghìn đồng, triệu đồng, tỷ đồng). The
    national symbol is *đ* and the đồng is ten hào, a hào ten xu (Luật Ngân hàng Nhà nước
    2010, Điều 17); ``₫`` is the Unicode sign, which CLDR ``vi`` uses."""

    @pytest.mark.parametrize(
        ("args", "kwargs", "expected"),
        [
            ((2715925699,), {}, "2.715.925.699 đồng"),
            ((2715925699,), {"symbol": True}, "2.715.925.699 ₫"),
            ((D("2715.925699"), "triệu đồng"), {}, "2.715,925699 triệu đồng"),
            ((2715925699,), {"to": "triệu đồng", "decimals": 2}, "2.715,93 triệu đồng"),
            ((2715925699,), {"to": "tỷ đồng", "decimals": 1}, "2,7 tỷ đồng"),
            ((2715925699,), {"to": "nghìn đồng"}, "2.715.925,699 nghìn đồng"),
            ((D("2.7"), "tỷ đồng"), {"to": "đồng"}, "2.700.000.000 đồng"),
            ((D("2.7"), "tỷ đồng"), {"symbol": True}, "2,7 tỷ ₫"),
            ((-500, "nghìn đồng"), {}, "-500 nghìn đồng"),
            ((0,), {}, "0 đồng"),
        ],
    )
    def test_format(self, args: tuple[Any, ...], kwargs: dict[str, Any], expected: str) -> None:
        assert vi.format_money(*args, **kwargs) == expected

    def test_no_no_break_space(self) -> None:
        # CLDR puts U+00A0 between the number and ₫; documents use a plain space.
        assert "\u00a0" not in vi.format_money(1, symbol=True)

    @pytest.mark.parametrize(
        ("unit", "attribute"), [("VND", "unit"), ("dong", "unit"), (None, "unit"), (3, "unit")]
    )
    def test_refuses_unknown_units(self, unit: Any, attribute: str) -> None:
        with pytest.raises(ValueTypeError) as info:
            vi.format_money(1, unit)
        assert info.value.attribute == attribute

    def test_refuses_unknown_target(self) -> None:
        with pytest.raises(ValueTypeError) as info:
            vi.format_money(1, to="USD")  # type: ignore[arg-type]
        assert info.value.attribute == "to"

    @pytest.mark.parametrize(
        ("text", "unit", "expected"),
        [
            ("2.715.925.699 đồng", "đồng", D("2715925699")),
            ("2.715.925.699 Đồng", "đồng", D("2715925699")),
            ("2.715.925.699đ", "đồng", D("2715925699")),
            ("2.715.925.699 ₫", "đồng", D("2715925699")),
            ("2.715.925.699 VNĐ", "đồng", D("2715925699")),
            ("2.715.925.699 VND", "đồng", D("2715925699")),
            ("2.715.925.699", "đồng", D("2715925699")),
            ("2,7 tỷ đồng", "đồng", D("2700000000")),
            ("2,7 tỉ", "đồng", D("2700000000")),
            ("2,7 tỷ ₫", "triệu đồng", D("2700")),
            ("1,5 ngàn đồng", "đồng", D("1500")),
            ("2.715.925.699 đồng", "triệu đồng", D("2715.925699")),
            ("3,887", "triệu đồng", D("3.887")),  # 3,887 triệu đồng is 3.887.000 đồng
            ("12,5 đồng", "đồng", D("12.5")),  # five hào
            ("1,25 đồng", "đồng", D("1.25")),  # five xu
            ("-2.000 đồng", "đồng", D("-2000")),
        ],
    )
    def test_parse(self, text: str, unit: vi.MoneyUnit, expected: Decimal) -> None:
        assert vi.parse_money(text, unit) == expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("1,2345 đồng", D("1.2345")),  # four decimals: not English thousands
            ("0,001 đồng", D("0.001")),  # no English group starts with 0
            ("45.964,694 ₫", D("45964.694")),  # grouped the Vietnamese way
        ],
    )
    def test_finer_than_a_xu_when_unambiguous(self, text: str, expected: Decimal) -> None:
        assert vi.parse_money(text) == expected
        assert vi.parse_money(vi.format_money(expected, symbol=True)) == expected

    def test_parse_gives_no_positive_exponent(self) -> None:
        assert vi.parse_money("2 tỷ đồng").as_tuple() == D("2000000000").as_tuple()

    @pytest.mark.parametrize(
        ("text", "suggestions"),
        [
            # Finer than a xu: in a money column, an English thousands separator.
            ("3,887", ("3.887",)),
            ("3,887 đồng", ("3.887 đồng",)),
            ("1,234,567 VNĐ", ("1.234.567 VNĐ",)),  # 1.234,567 đồng is not suggested
            ("2 715 925 699 đồng", ("2.715.925.699 đồng",)),
            ("đồng", ()),
            ("₫ 2.000", ()),
        ],
    )
    def test_refuses(self, text: str, suggestions: tuple[str, ...]) -> None:
        assert suggestions_of(vi.parse_money, text) == suggestions

    def test_thousands_reading_is_explained(self) -> None:
        with pytest.raises(ParseError) as info:
            vi.parse_money("3,887")
        assert "finer than one xu" in str(info.value)
        assert "if ',' was meant to group thousands, did you mean '3.887'?" in str(info.value)
        assert "nhỏ hơn một xu" in info.value.message("vi")


# --- numbers in words -------------------------------------------------------------------


class TestReadNumber:
    """Vietnamese usage for amounts *bằng chữ* (Luật Kế toán 2015, Điều 16, requires them
    on accounting documents; no legal text defines the reading itself)."""

    @pytest.mark.parametrize(
        ("n", "expected"),
        [
            (0, "không"),
            (1, "một"),
            (4, "bốn"),
            (5, "năm"),
            # mười for ten, mươi for the tens from twenty
            (10, "mười"),
            (11, "mười một"),  # một, not mốt, after mười
            (14, "mười bốn"),
            (15, "mười lăm"),  # lăm after mười
            (20, "hai mươi"),
            (21, "hai mươi mốt"),  # mốt after the tens from twenty
            (24, "hai mươi bốn"),
            (25, "hai mươi lăm"),  # lăm after mươi
            (55, "năm mươi lăm"),
            (91, "chín mươi mốt"),
            (100, "một trăm"),
            (101, "một trăm linh một"),  # linh for a zero tens digit; not mốt
            (105, "một trăm linh năm"),  # not lăm after linh
            (110, "một trăm mười"),
            (115, "một trăm mười lăm"),
            (121, "một trăm hai mươi mốt"),
            (1000, "một nghìn"),
            (1001, "một nghìn không trăm linh một"),  # không trăm inside a number
            (1005, "một nghìn không trăm linh năm"),
            (1010, "một nghìn không trăm mười"),
            (1015, "một nghìn không trăm mười lăm"),
            (1100, "một nghìn một trăm"),
            (10005, "mười nghìn không trăm linh năm"),
            (100000, "một trăm nghìn"),
            (1000005, "một triệu không trăm linh năm"),  # a zero group is skipped
            (1001000, "một triệu không trăm linh một nghìn"),
            (1000000000, "một tỷ"),
            (1000000001, "một tỷ không trăm linh một"),
            (1000100000, "một tỷ một trăm nghìn"),
            (10**12, "một nghìn tỷ"),
            (10**12 + 10**9, "một nghìn không trăm linh một tỷ"),
            (1_000_000_005_000, "một nghìn tỷ không trăm linh năm nghìn"),
            (10**15, "một triệu tỷ"),
            (10**18, "một tỷ tỷ"),
            (
                2715925699,
                (
                    "hai tỷ bảy trăm mười lăm triệu chín trăm hai mươi lăm nghìn"
                    " sáu trăm chín mươi chín"
                ),
            ),
            (-5, "âm năm"),
            (-1015, "âm một nghìn không trăm mười lăm"),
        ],
    )
    def test_integers(self, n: int, expected: str) -> None:
        assert vi.read_number(n) == expected

    @pytest.mark.parametrize(
        ("n", "expected"),
        [
            (D("1.5"), "một phẩy năm"),  # not lăm: no mười/mươi before it
            (D("2.05"), "hai phẩy không năm"),
            (D("3.14"), "ba phẩy mười bốn"),
            (D("0.125"), "không phẩy một trăm hai mươi lăm"),
            (D("70.10"), "bảy mươi phẩy mười"),  # read as written
            (D("2.21"), "hai phẩy hai mươi mốt"),
            (D("-0.5"), "âm không phẩy năm"),
            (D("-0.0"), "không phẩy không"),  # no âm for zero
            (D("5.00"), "năm phẩy không không"),
            (D("1E+3"), "một nghìn"),
        ],
    )
    def test_decimals(self, n: Decimal, expected: str) -> None:
        assert vi.read_number(n) == expected

    def test_options(self) -> None:
        assert vi.read_number(105, zero_tens="lẻ") == "một trăm lẻ năm"
        assert vi.read_number(1005, thousand="ngàn") == "một ngàn không trăm linh năm"
        assert vi.read_number(10**12, thousand="ngàn") == "một ngàn tỷ"

    @pytest.mark.parametrize(
        ("kwargs", "attribute"),
        [({"zero_tens": "lẽ"}, "zero_tens"), ({"thousand": "ngan"}, "thousand")],
    )
    def test_refuses_options(self, kwargs: dict[str, Any], attribute: str) -> None:
        with pytest.raises(ValueTypeError) as info:
            vi.read_number(1, **kwargs)
        assert info.value.attribute == attribute

    @pytest.mark.parametrize("n", [1.0, True, "1", D("NaN")])
    def test_refuses(self, n: Any) -> None:
        with pytest.raises(ValueTypeError):
            vi.read_number(n)

    def test_output_is_nfc(self) -> None:
        text = vi.read_number(2715925699)
        assert unicodedata.normalize("NFC", text) == text


class TestAmountInWords:
    """The money form: capitalised, ending in the unit."""

    @pytest.mark.parametrize(
        ("args", "kwargs", "expected"),
        [
            ((1015,), {}, "Một nghìn không trăm mười lăm đồng"),
            ((0,), {}, "Không đồng"),
            ((-21,), {}, "Âm hai mươi mốt đồng"),
            ((D("2.5"), "triệu đồng"), {}, "Hai phẩy năm triệu đồng"),
            ((105, "tỷ đồng"), {"zero_tens": "lẻ"}, "Một trăm lẻ năm tỷ đồng"),
            ((1500, "nghìn đồng"), {"thousand": "ngàn"}, "Một ngàn năm trăm ngàn đồng"),
            (
                (2715925699,),
                {},
                (
                    "Hai tỷ bảy trăm mười lăm triệu chín trăm hai mươi lăm nghìn"
                    " sáu trăm chín mươi chín đồng"
                ),
            ),
        ],
    )
    def test_amounts(self, args: tuple[Any, ...], kwargs: dict[str, Any], expected: str) -> None:
        assert vi.amount_in_words(*args, **kwargs) == expected

    def test_refuses_unknown_unit(self) -> None:
        with pytest.raises(ValueTypeError):
            vi.amount_in_words(1, "USD")  # type: ignore[arg-type]


# --- dates ------------------------------------------------------------------------------


class TestAdminDate:
    """Nghị định 30/2020/NĐ-CP, Phụ lục I, Phần I, Mục II, khoản 4: the day below 10 and
    the months 1 and 2 take a leading zero; no other month does."""

    @pytest.mark.parametrize(
        ("date", "expected"),
        [
            (dt.date(2024, 6, 10), "ngày 10 tháng 6 năm 2024"),
            (dt.date(2024, 1, 3), "ngày 03 tháng 01 năm 2024"),  # January
            (dt.date(2024, 2, 29), "ngày 29 tháng 02 năm 2024"),  # February
            (dt.date(2024, 3, 1), "ngày 01 tháng 3 năm 2024"),  # March: no zero
            (dt.date(2024, 9, 9), "ngày 09 tháng 9 năm 2024"),
            (dt.date(2024, 10, 10), "ngày 10 tháng 10 năm 2024"),
            (dt.date(2024, 11, 30), "ngày 30 tháng 11 năm 2024"),
            (dt.date(2024, 12, 31), "ngày 31 tháng 12 năm 2024"),
        ],
    )
    def test_format(self, date: dt.date, expected: str) -> None:
        assert vi.format_admin_date(date) == expected

    def test_place(self) -> None:
        assert (
            vi.format_place_date("Hương Sơn", dt.date(2024, 1, 3))
            == "Hương Sơn, ngày 03 tháng 01 năm 2024"
        )
        assert (
            vi.format_place_date("  Hà\u00a0 Nội ", dt.date(2024, 6, 10))
            == "Hà Nội, ngày 10 tháng 6 năm 2024"
        )

    @pytest.mark.parametrize("place", ["", "   ", None, b"Ha Noi"])
    def test_refuses_place(self, place: Any) -> None:
        with pytest.raises(ValueTypeError) as info:
            vi.format_place_date(place, dt.date(2024, 1, 1))
        assert info.value.attribute == "place"

    @pytest.mark.parametrize(
        "date", [dt.datetime(2024, 1, 3, 12, 0, tzinfo=dt.UTC), "2024-01-03", None, 20240103]
    )
    def test_refuses_date(self, date: Any) -> None:
        with pytest.raises(ValueTypeError) as info:
            vi.format_admin_date(date)
        assert info.value.attribute == "date"


class TestShortDate:
    """The day/month/year form of tables, with the year in full."""

    @pytest.mark.parametrize(
        ("date", "pad", "expected"),
        [
            (dt.date(2024, 6, 10), False, "10/6/2024"),
            (dt.date(2023, 12, 15), False, "15/12/2023"),
            (dt.date(2021, 3, 27), False, "27/3/2021"),
            (dt.date(2024, 1, 3), False, "3/1/2024"),
            (dt.date(2024, 1, 3), True, "03/01/2024"),
        ],
    )
    def test_format(self, date: dt.date, *, pad: bool, expected: str) -> None:
        assert vi.format_short_date(date, pad=pad) == expected


class TestParseDate:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("15/12/2023", dt.date(2023, 12, 15)),
            ("27/3/2021", dt.date(2021, 3, 27)),
            ("03/01/2024", dt.date(2024, 1, 3)),
            ("3/1/2024", dt.date(2024, 1, 3)),
            ("29/02/2024", dt.date(2024, 2, 29)),
            ("ngày 10 tháng 6 năm 2024", dt.date(2024, 6, 10)),
            ("Ngày 03 tháng 01 năm 2024", dt.date(2024, 1, 3)),
            ("NGÀY 03 THÁNG 01 NĂM 2024", dt.date(2024, 1, 3)),
            ("ngày 3 tháng 1 năm 2024", dt.date(2024, 1, 3)),
            ("10 tháng 6 năm 2024", dt.date(2024, 6, 10)),
            ("ngày  10   tháng 6 năm 2024", dt.date(2024, 6, 10)),
            (unicodedata.normalize("NFD", "ngày 10 tháng 6 năm 2024"), dt.date(2024, 6, 10)),
        ],
    )
    def test_forms(self, text: str, expected: dt.date) -> None:
        assert vi.parse_date(text) == expected

    @pytest.mark.parametrize(
        ("text", "suggestions"),
        [
            ("10-6-2024", ("10/6/2024",)),
            ("10.6.2024", ("10/6/2024",)),
            ("2024-06-10", ("10/6/2024",)),  # ISO
            ("10/6/24", ("10/6/2024",)),  # a two-digit year
            ("10 tháng 6, 2024", ("ngày 10 tháng 6 năm 2024",)),  # babel's long form
            ("Hà Nội, ngày 10 tháng 6 năm 2024", ("ngày 10 tháng 6 năm 2024",)),
            ("30/02/2024", ()),  # no such day
            ("29/02/2023", ()),
            ("31/4/2024", ()),
            ("0/1/2024", ()),
            ("1/13/2024", ()),
            ("6/10", ()),
            ("hôm nay", ()),
        ],
    )
    def test_refuses(self, text: str, suggestions: tuple[str, ...]) -> None:
        assert suggestions_of(vi.parse_date, text) == suggestions

    def test_place_date(self) -> None:
        assert vi.parse_place_date("Hương Sơn, ngày 03 tháng 01 năm 2024") == (
            "Hương Sơn",
            dt.date(2024, 1, 3),
        )
        assert vi.parse_place_date("Phường 1, Quận 3, ngày 10 tháng 6 năm 2024") == (
            "Phường 1, Quận 3",
            dt.date(2024, 6, 10),
        )

    @pytest.mark.parametrize(
        "text",
        [
            "Hương Sơn ngày 03 tháng 01 năm 2024",
            ", ngày 03 tháng 01 năm 2024",
            "Hà Nội",
            "Hà Nội, ngày 30 tháng 02 năm 2024",
            "Hà Nội, 10/6/2024",
        ],
    )
    def test_place_date_refuses(self, text: str) -> None:
        with pytest.raises(ParseError) as info:
            vi.parse_place_date(text)
        assert info.value.text == text

    def test_place_date_suggests_the_long_form(self) -> None:
        assert suggestions_of(vi.parse_place_date, "Hà  Nội, 10/6/2024") == (
            "Hà Nội, ngày 10 tháng 6 năm 2024",
        )


# --- periods ----------------------------------------------------------------------------


class TestPeriod:
    """Nghị định 09/2019/NĐ-CP, Điều 12 (thời gian chốt số liệu báo cáo định kỳ)."""

    def test_members(self) -> None:
        assert [p.value for p in vi.Period] == [
            "q1",
            "q2",
            "q3",
            "q4",
            "h1",
            "h2",
            "m9",
            "year",
        ]

    @pytest.mark.parametrize(
        ("period", "label"),
        [
            (vi.Period.Q1, "Quý I năm 2024"),
            (vi.Period.Q2, "Quý II năm 2024"),
            (vi.Period.Q3, "Quý III năm 2024"),
            (vi.Period.Q4, "Quý IV năm 2024"),
            (vi.Period.H1, "6 tháng đầu năm 2024"),
            (vi.Period.H2, "6 tháng cuối năm 2024"),
            (vi.Period.M9, "9 tháng năm 2024"),
            (vi.Period.YEAR, "năm 2024"),
        ],
    )
    def test_labels(self, period: vi.Period, label: str) -> None:
        assert vi.format_period(period, 2024) == label
        assert period.label(2024) == label
        assert vi.parse_period(label) == (period, 2024)

    @pytest.mark.parametrize(
        ("period", "first", "last"),
        [
            # Quarterly: from the 15th of the month before the quarter to the 14th of the
            # quarter's last month.
            (vi.Period.Q1, dt.date(2023, 12, 15), dt.date(2024, 3, 14)),
            (vi.Period.Q2, dt.date(2024, 3, 15), dt.date(2024, 6, 14)),
            (vi.Period.Q3, dt.date(2024, 6, 15), dt.date(2024, 9, 14)),
            (vi.Period.Q4, dt.date(2024, 9, 15), dt.date(2024, 12, 14)),
            # 6 months: 15/12 of the year before to 14/6; the second half 15/6 to 14/12.
            (vi.Period.H1, dt.date(2023, 12, 15), dt.date(2024, 6, 14)),
            (vi.Period.H2, dt.date(2024, 6, 15), dt.date(2024, 12, 14)),
            # 9 months: derived, 15/12 of the year before to the end of Quý III.
            (vi.Period.M9, dt.date(2023, 12, 15), dt.date(2024, 9, 14)),
            # Year: 15/12 of the year before to 14/12.
            (vi.Period.YEAR, dt.date(2023, 12, 15), dt.date(2024, 12, 14)),
        ],
    )
    def test_windows(self, period: vi.Period, first: dt.date, last: dt.date) -> None:
        assert vi.period_window(period, 2024) == (first, last)
        assert period.window(2024) == (first, last)

    def test_windows_tile_the_year(self) -> None:
        # The four quarters cover the year's window without gap or overlap, and so do
        # the two halves; the 9 months end where Quý III ends.
        def days(period: vi.Period) -> set[dt.date]:
            first, last = vi.period_window(period, 2024)
            return {first + dt.timedelta(n) for n in range((last - first).days + 1)}

        quarters = [days(p) for p in (vi.Period.Q1, vi.Period.Q2, vi.Period.Q3, vi.Period.Q4)]
        year = days(vi.Period.YEAR)
        assert sum(map(len, quarters)) == len(year) == len(set().union(*quarters))
        assert set().union(*quarters) == year
        assert days(vi.Period.H1) | days(vi.Period.H2) == year
        assert not days(vi.Period.H1) & days(vi.Period.H2)
        assert days(vi.Period.M9) == quarters[0] | quarters[1] | quarters[2]

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Quý I/2024", (vi.Period.Q1, 2024)),
            ("quý 4 năm 2024", (vi.Period.Q4, 2024)),
            ("QUÝ III NĂM 2024", (vi.Period.Q3, 2024)),
            ("sáu tháng cuối năm 2024", (vi.Period.H2, 2024)),
            ("9 tháng đầu năm 2024", (vi.Period.M9, 2024)),
            ("Năm 2024", (vi.Period.YEAR, 2024)),
            ("cả năm 2024", (vi.Period.YEAR, 2024)),
            ("  6  tháng đầu năm 2024 ", (vi.Period.H1, 2024)),
        ],
    )
    def test_parse_variants(self, text: str, expected: tuple[vi.Period, int]) -> None:
        assert vi.parse_period(text) == expected

    @pytest.mark.parametrize(
        ("text", "suggestions"),
        [
            ("6 tháng năm 2024", ("6 tháng đầu năm 2024", "6 tháng cuối năm 2024")),
            ("2024", ("năm 2024",)),
            ("Quý V năm 2024", ()),
            ("Quý I năm 24", ()),
            ("tháng 6 năm 2024", ()),
        ],
    )
    def test_parse_refuses(self, text: str, suggestions: tuple[str, ...]) -> None:
        assert suggestions_of(vi.parse_period, text) == suggestions

    @pytest.mark.parametrize(
        ("period", "year", "attribute"),
        [
            ("q1", 2024, "period"),
            (vi.Period.Q1, 999, "year"),
            (vi.Period.Q1, 10000, "year"),
            (vi.Period.Q1, True, "year"),
            (vi.Period.Q1, "2024", "year"),
        ],
    )
    def test_refuses(self, period: Any, year: Any, attribute: str) -> None:
        for function in (vi.format_period, vi.period_window):
            with pytest.raises(ValueTypeError) as info:
                function(period, year)
            assert info.value.attribute == attribute


# --- document numbers -------------------------------------------------------------------


class TestDocumentNumber:
    """Nghị định 30/2020/NĐ-CP: Phụ lục I, Phần I, Mục II, khoản 3 (số, ký hiệu), and
    Phụ lục III (the type abbreviations); Party documents: Hướng dẫn 36-HD/VPTW."""

    @pytest.mark.parametrize(
        ("text", "fields", "written"),
        [
            ("341/BC-UBND", {"number": 341, "doc_type": "BC", "issuer": "UBND"}, None),
            ("Số: 06/QĐ-UBND", {"number": 6, "doc_type": "QĐ", "issuer": "UBND"}, "06/QĐ-UBND"),
            (
                "45/2016/QĐ-TTg",
                {"number": 45, "year": 2016, "doc_type": "QĐ", "issuer": "TTg"},
                None,
            ),
            (
                "61/2018/NĐ-CP",
                {"number": 61, "year": 2018, "doc_type": "NĐ", "issuer": "CP"},
                None,
            ),
            (
                "147-KH/HU",
                {"number": 147, "doc_type": "KH", "issuer": "HU", "party": True},
                None,
            ),
            ("123/UBND-VP", {"number": 123, "issuer": "UBND", "unit": "VP"}, None),
            (
                "01/2015/TTLT-BNV-BTC",
                {"number": 1, "year": 2015, "doc_type": "TTLT", "issuer": "BNV-BTC"},
                None,
            ),
            ("80/2015/QH13", {"number": 80, "year": 2015, "issuer": "QH13"}, None),
            ("6/QĐ-UBND", {"number": 6, "doc_type": "QĐ", "issuer": "UBND"}, "06/QĐ-UBND"),
            ("số 09/KH-UBND", {"number": 9, "doc_type": "KH", "issuer": "UBND"}, "09/KH-UBND"),
            (
                "Số 01-NQ/TW",
                {"number": 1, "doc_type": "NQ", "issuer": "TW", "party": True},
                "01-NQ/TW",
            ),
            ("12/TTr-SNV", {"number": 12, "doc_type": "TTr", "issuer": "SNV"}, None),
            ("05/QyĐ-UBND", {"number": 5, "doc_type": "QyĐ", "issuer": "UBND"}, None),
        ],
    )
    def test_parse_and_format(self, text: str, fields: dict[str, Any], written: str | None) -> None:
        document = vi.parse_document_number(text)
        assert document == vi.DocumentNumber(**fields)
        assert vi.format_document_number(document) == (written or text)

    def test_numbers_below_ten_take_a_zero(self) -> None:
        document = vi.DocumentNumber(number=6, doc_type="QĐ", issuer="UBND")
        assert str(document) == "06/QĐ-UBND"
        assert vi.format_document_number(document, prefix=True) == "Số: 06/QĐ-UBND"
        party = vi.DocumentNumber(number=1, doc_type="NQ", issuer="TW", party=True)
        assert vi.format_document_number(party, prefix=True) == "Số 01-NQ/TW"

    @pytest.mark.parametrize(
        ("text", "name"),
        [
            ("341/BC-UBND", "Báo cáo"),
            ("06/QĐ-UBND", "Quyết định"),
            ("45/2016/QĐ-TTg", "Quyết định"),
            ("61/2018/NĐ-CP", "Nghị định"),
            ("01/2023/TT-BNV", "Thông tư"),
            ("147-KH/HU", "Kế hoạch"),
            ("147-TT/HU", "Thông tri"),  # TT is a thông tri in the Party list
            ("08-QĐi/TW", "Quy định"),
            ("123/UBND-VP", "Công văn"),
            ("12/TTr-SNV", "Tờ trình"),
        ],
    )
    def test_type_names(self, text: str, name: str) -> None:
        assert vi.parse_document_number(text).doc_type_name == name

    def test_type_list_of_phu_luc_iii(self) -> None:
        phu_luc_iii = {
            "NQ": "Nghị quyết",
            "QĐ": "Quyết định",
            "CT": "Chỉ thị",
            "QC": "Quy chế",
            "QyĐ": "Quy định",
            "TC": "Thông cáo",
            "TB": "Thông báo",
            "HD": "Hướng dẫn",
            "CTr": "Chương trình",
            "KH": "Kế hoạch",
            "PA": "Phương án",
            "ĐA": "Đề án",
            "DA": "Dự án",
            "BC": "Báo cáo",
            "BB": "Biên bản",
            "TTr": "Tờ trình",
            "HĐ": "Hợp đồng",
            "CĐ": "Công điện",
            "BGN": "Bản ghi nhớ",
            "BTT": "Bản thỏa thuận",
            "GUQ": "Giấy ủy quyền",
            "GM": "Giấy mời",
            "GGT": "Giấy giới thiệu",
            "GNP": "Giấy nghỉ phép",
            "PG": "Phiếu gửi",
            "PC": "Phiếu chuyển",
            "PB": "Phiếu báo",
        }
        assert dict(vi.DOCUMENT_TYPES) == phu_luc_iii | {
            "NĐ": "Nghị định",
            "TT": "Thông tư",
            "TTLT": "Thông tư liên tịch",
        }
        for name in [*vi.DOCUMENT_TYPES, *vi.DOCUMENT_TYPES.values()]:
            assert unicodedata.normalize("NFC", name) == name

    def test_tables_are_read_only(self) -> None:
        with pytest.raises(TypeError):
            vi.DOCUMENT_TYPES["XX"] = "x"  # type: ignore[index]

    @pytest.mark.parametrize(
        ("text", "suggestions"),
        [
            ("06/QD-UBND", ("06/QĐ-UBND",)),  # the Đ lost
            ("06/qđ-UBND", ("06/QĐ-UBND",)),
            ("12/da-UBND", ("12/ĐA-UBND", "12/DA-UBND")),
            ("61/2018/ND-CP", ("61/2018/NĐ-CP",)),
            ("06 / QĐ - UBND", ("06/QĐ-UBND",)),
            ("06 / QD - UBND", ("06/QĐ-UBND",)),
            ("Số: 06/QĐ- UBND", ("06/QĐ-UBND",)),
            ("147-kh/HU", ("147-KH/HU",)),
            ("01-XX/TW", ()),  # not a Party type
            ("12/QĐ", ()),  # the issuer is missing
            ("0/QĐ-UBND", ()),  # numbers start at 1
            ("45/0999/QĐ-TTg", ()),
            ("QĐ-UBND", ()),
            ("06/QĐ-ỦBND", ()),
            ("06/QĐ_UBND", ()),
            ("06/QĐ-UBND/", ()),
        ],
    )
    def test_refuses(self, text: str, suggestions: tuple[str, ...]) -> None:
        assert suggestions_of(vi.parse_document_number, text) == suggestions
        with pytest.raises(ParseError) as info:
            vi.parse_document_number(text)
        assert info.value.text == text

    @pytest.mark.parametrize(
        ("fields", "attribute"),
        [
            ({"number": 0, "issuer": "UBND"}, "number"),
            ({"number": True, "issuer": "UBND"}, "number"),
            ({"number": "6", "issuer": "UBND"}, "number"),
            ({"number": 6, "issuer": ""}, "issuer"),
            ({"number": 6, "issuer": "UB ND"}, "issuer"),
            ({"number": 6, "issuer": None}, "issuer"),
            ({"number": 6, "issuer": "UBND", "year": 16}, "year"),
            ({"number": 6, "issuer": "UBND", "doc_type": "XX"}, "doc_type"),
            ({"number": 6, "issuer": "UBND", "doc_type": "KL"}, "doc_type"),  # Party only
            ({"number": 6, "issuer": "TW", "party": True}, "doc_type"),
            ({"number": 6, "issuer": "TW", "party": True, "doc_type": "QyĐ"}, "doc_type"),
            ({"number": 6, "issuer": "TW", "party": True, "doc_type": "NQ", "year": 2024}, "year"),
            ({"number": 6, "issuer": "UBND", "doc_type": "BC", "unit": "VP"}, "unit"),
            ({"number": 6, "issuer": "UBND", "unit": "V P"}, "unit"),
            ({"number": 6, "issuer": "UBND", "party": 1}, "party"),
        ],
    )
    def test_refuses_fields(self, fields: dict[str, Any], attribute: str) -> None:
        with pytest.raises(ValueTypeError) as info:
            vi.DocumentNumber(**fields)
        assert info.value.attribute == attribute

    def test_frozen(self) -> None:
        document = vi.DocumentNumber(number=6, doc_type="QĐ", issuer="UBND")
        with pytest.raises(AttributeError):
            document.number = 7  # type: ignore[misc]
        assert hash(document) == hash(vi.DocumentNumber(number=6, doc_type="QĐ", issuer="UBND"))

    def test_format_refuses(self) -> None:
        with pytest.raises(ValueTypeError):
            vi.format_document_number("06/QĐ-UBND")  # type: ignore[arg-type]


# --- the module as a whole --------------------------------------------------------------

PARSERS = [
    vi.parse_number,
    vi.parse_percent,
    vi.parse_money,
    vi.parse_date,
    vi.parse_place_date,
    vi.parse_period,
    vi.parse_document_number,
]

JUNK = [
    None,
    "",
    " ",
    "€",
    "🙂",
    "😀😀😀",
    "\x00",
    "x" * 1_000_000,
    "1" * 1_000_000,
    "1." * 500_000,
    " 1" * 500_000,
    ", ngày" * 100_000,
    "1e400",
    "-1e400",
    "NaN",
    "Infinity",
    "-",
    ",",
    ".",
    "%",
    "đồng",
    "Số:",
    "ngày",
    "Quý",
    "12/13/2024",
    "１２",  # full-width digits
    "٣",
    "1\n2",
    b"12",
    bytearray(b"12"),
    12,
    1.5,
    Decimal(1),
    ["1"],
    object(),
]


@pytest.mark.parametrize("parse", PARSERS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("junk", JUNK, ids=lambda j: repr(j)[:20])
def test_junk_raises_only_our_errors_with_a_message(
    parse: Callable[[Any], object], junk: Any
) -> None:
    with pytest.raises((ParseError, ValueTypeError)) as info:
        parse(junk)
    error = info.value
    assert str(error)
    assert error.message("vi")
    if isinstance(error, ParseError):
        assert isinstance(junk, str)
        assert error.text == unicodedata.normalize("NFC", junk).strip()
        assert len(str(error)) < 1000  # a huge input does not make a huge message
    else:
        assert not isinstance(junk, str)


FORMATTERS = [
    vi.format_number,
    vi.format_percent,
    vi.format_money,
    vi.read_number,
    vi.amount_in_words,
    vi.format_admin_date,
    vi.format_short_date,
    vi.format_document_number,
]


@pytest.mark.parametrize("format_", FORMATTERS, ids=lambda f: f.__name__)
@pytest.mark.parametrize(
    "junk",
    [
        None,
        "1",
        b"1",
        1.5,
        True,
        D("NaN"),
        D("-Infinity"),
        dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
        [1],
        object(),
    ],
    ids=lambda junk: "object()" if type(junk) is object else repr(junk),  # same in every run
)
def test_formatters_refuse_junk_with_our_error(format_: Callable[[Any], str], junk: Any) -> None:
    with pytest.raises(ValueTypeError) as info:
        format_(junk)
    assert info.value.value is junk
    assert str(info.value)
    assert info.value.message("vi")


def test_all_is_sorted_and_complete() -> None:
    # isort order, as ruff's RUF022 keeps it: constants, classes, then the rest.
    def kind(name: str) -> tuple[int, str]:
        return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)

    assert vi.__all__ == sorted(vi.__all__, key=kind)
    public = {name for name in dir(vi) if name.isidentifier() and not name.startswith("_")}
    imported = {"Callable", "Decimal", "Final", "Literal", "Mapping", "MappingProxyType"}
    imported |= {"ParseError", "annotations", "attrs", "dt", "enum", "re"}
    assert public - imported == set(vi.__all__)


def test_outputs_have_no_no_break_space() -> None:
    outputs = [
        vi.format_number(D("-1234567.5")),
        vi.format_percent(D("78.94")),
        vi.format_money(2715925699, symbol=True),
        vi.format_money(2715925699, to="tỷ đồng", symbol=True),
        vi.amount_in_words(2715925699),
        vi.format_place_date("Hà Nội", dt.date(2024, 1, 3)),
        vi.format_short_date(dt.date(2024, 1, 3)),
        vi.format_period(vi.Period.H1, 2024),
        vi.format_document_number(vi.DocumentNumber(number=6, doc_type="QĐ", issuer="UBND")),
    ]
    for text in outputs:
        assert "\u00a0" not in text
        assert "\u202f" not in text
        assert unicodedata.normalize("NFC", text) == text


# --- CLDR: our symbols are the Unicode locale data's -------------------------------------


class TestCldr:
    """Our Vietnamese symbols and digit grouping agree with CLDR's ``vi`` data (through
    babel, a test dependency only: the library's algorithms are its own)."""

    babel_numbers = pytest.importorskip("babel.numbers")

    def test_symbols_agree(self) -> None:
        n = self.babel_numbers
        assert n.get_decimal_symbol("vi") == DECIMAL
        assert n.get_group_symbol("vi") == GROUP
        assert n.get_currency_symbol("VND", "vi") == vi.format_money(0, symbol=True)[-1]

    @given(st.integers(-(10**15), 10**15))
    def test_integers_are_grouped_as_cldr_groups_them(self, value: int) -> None:
        assert vi.format_number(value) == self.babel_numbers.format_decimal(value, locale="vi")
