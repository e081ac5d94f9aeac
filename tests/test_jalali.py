"""Tests for app.persian.jalali: conversion, parsing, formatting, quarters, times."""

from __future__ import annotations

import datetime as dt
import itertools

import jdatetime
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import UserError
from app.persian.jalali import (
    MONTH_NAMES,
    QUARTER_NAMES,
    WEEKDAY_NAMES,
    JalaliDate,
    format_jalali,
    format_jalali_latin,
    format_time,
    from_jalali,
    is_leap,
    jalali_weekday,
    jalali_year,
    month_length,
    parse_jalali,
    parse_time,
    quarter_of,
    quarter_range,
    to_jalali,
    weekday_name,
    year_range,
)
from app.persian.text import to_persian_digits

# 1403/09/30 (Yalda); every test that needs "today" uses this, never the real date.
TODAY = dt.date(2024, 12, 20)
SATURDAY_1397_10_08 = dt.date(2018, 12, 29)

# The Gregorian span of Jalali years 1300..1500, which parse_jalali accepts.
FIRST_ACCEPTED = dt.date(1921, 3, 21)  # 1300/01/01
LAST_ACCEPTED = dt.date(2122, 3, 20)  # 1500/12/29 (1500 is not leap)
accepted_dates = st.dates(min_value=FIRST_ACCEPTED, max_value=LAST_ACCEPTED)
modern_dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


def error_code(func, *args, **kwargs) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError) as info:
        func(*args, **kwargs)
    return info.value.code


# --- names -------------------------------------------------------------------


def test_names() -> None:
    assert len(MONTH_NAMES) == 12
    assert MONTH_NAMES[0] == "فروردین"
    assert MONTH_NAMES[6] == "مهر"
    assert MONTH_NAMES[9] == "دی"
    assert MONTH_NAMES[11] == "اسفند"
    assert WEEKDAY_NAMES == ("شنبه", "یکشنبه", "دوشنبه", "سه\u200cشنبه", "چهارشنبه", "پنجشنبه", "جمعه")
    assert QUARTER_NAMES == {1: "بهار", 2: "تابستان", 3: "پاییز", 4: "زمستان"}


def test_known_month_names_match_jdatetime() -> None:
    assert list(MONTH_NAMES) == [n.replace("ي", "ی") for n in jdatetime.date.j_months_fa]


# --- conversion ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("greg", "jal"),
    [
        (dt.date(2018, 12, 29), (1397, 10, 8)),
        (dt.date(2024, 3, 20), (1403, 1, 1)),
        (dt.date(2021, 3, 20), (1399, 12, 30)),
        (dt.date(2021, 3, 21), (1400, 1, 1)),
        (dt.date(2025, 3, 20), (1403, 12, 30)),
        (dt.date(2025, 3, 21), (1404, 1, 1)),
        (dt.date(2024, 12, 20), (1403, 9, 30)),
    ],
)
def test_known_dates(greg: dt.date, jal: tuple[int, int, int]) -> None:
    assert to_jalali(greg) == JalaliDate(*jal)
    assert to_jalali(greg).month == jal[1]
    assert from_jalali(*jal) == greg


def test_to_jalali_accepts_datetime() -> None:
    assert to_jalali(dt.datetime(2018, 12, 29, 23, 59)) == JalaliDate(1397, 10, 8)


@given(modern_dates)
def test_round_trip_against_jdatetime(d: dt.date) -> None:
    j = to_jalali(d)
    ref = jdatetime.date.fromgregorian(date=d)
    assert (j.year, j.month, j.day) == (ref.year, ref.month, ref.day)
    assert from_jalali(*j) == d
    assert type(from_jalali(*j)) is dt.date


# --- impossible dates --------------------------------------------------------------


def test_leap_esfand() -> None:
    assert from_jalali(1399, 12, 30) == dt.date(2021, 3, 20)
    assert parse_jalali("1399/12/30", today=TODAY) == dt.date(2021, 3, 20)
    assert error_code(from_jalali, 1400, 12, 30) == "date_invalid"
    assert error_code(parse_jalali, "1400/12/30", today=TODAY) == "date_invalid"


@pytest.mark.parametrize(
    ("ymd", "message"),
    [
        ((1397, 13, 1), "ماه ۱۳ وجود ندارد؛ ماه باید بین ۱ تا ۱۲ باشد."),
        ((1397, 0, 1), "ماه ۰ وجود ندارد؛ ماه باید بین ۱ تا ۱۲ باشد."),
        ((1400, 12, 30), "سال ۱۴۰۰ کبیسه نیست و اسفند آن ۲۹ روز دارد."),
        ((1397, 7, 31), "مهر ۳۰ روز دارد؛ روز ۳۱ وجود ندارد."),
        ((1397, 1, 32), "فروردین ۳۱ روز دارد؛ روز ۳۲ وجود ندارد."),
        ((1399, 12, 31), "اسفند ۳۰ روز دارد؛ روز ۳۱ وجود ندارد."),
        ((1397, 5, 0), "روز ۰ وجود ندارد؛ روز باید از ۱ شروع شود."),
    ],
)
def test_impossible_dates_say_what_is_wrong(ymd: tuple[int, int, int], message: str) -> None:
    with pytest.raises(UserError) as info:
        from_jalali(*ymd)
    assert info.value.code == "date_invalid"
    assert info.value.message == message
    assert not any(c in "0123456789" for c in info.value.message)


@pytest.mark.parametrize("text", ["1397/13/01", "1397/10/32", "1397/07/31", "1400/12/30", "۱۴۰۰/۰۰/۱۰"])
def test_parse_rejects_impossible_dates(text: str) -> None:
    assert error_code(parse_jalali, text, today=TODAY) == "date_invalid"


def test_from_jalali_year_outside_jdatetime() -> None:
    assert error_code(from_jalali, 0, 1, 1) == "date_invalid"
    assert error_code(from_jalali, 10000, 1, 1) == "date_invalid"


# --- leap years and month lengths -------------------------------------------------


@pytest.mark.parametrize(
    ("year", "leap"), [(1395, True), (1396, False), (1399, True), (1400, False), (1403, True), (1404, False)]
)
def test_is_leap_known(year: int, leap: bool) -> None:
    assert is_leap(year) is leap


@pytest.mark.parametrize("year", range(1300, 1501))
def test_year_lengths_agree_with_conversion(year: int) -> None:
    first, last = year_range(year)
    assert first == from_jalali(year, 1, 1)
    assert last + dt.timedelta(days=1) == from_jalali(year + 1, 1, 1)
    days = (last - first).days + 1
    assert days == (366 if is_leap(year) else 365)
    assert sum(month_length(year, m) for m in range(1, 13)) == days
    assert is_leap(year) is jdatetime.date(year, 1, 1).isleap()


def test_month_lengths() -> None:
    assert [month_length(1399, m) for m in range(1, 13)] == [31] * 6 + [30] * 6
    assert [month_length(1400, m) for m in range(1, 13)] == [31] * 6 + [30] * 5 + [29]
    assert error_code(month_length, 1400, 13) == "date_invalid"


# --- parsing ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "1397/10/10",
        "10/10/1397",
        "97/10/10",
        "۱۳۹۷/۱۰/۱۰",
        "١٣٩٧/١٠/١٠",
        "۱۰/۱۰/۱۳۹۷",
        "1397-10-10",
        "1397.10.10",
        "1397٫10٫10",
        "  1397/10/10  ",
        "\u200f1397/10/10\u200e",
        "\u202b۱۳۹۷/۱۰/۱۰\u202c",
        "\u20661397/10/10\u2069",
        "1397 / 10 / 10",
        "۹۷-۱۰-۱۰",
    ],
)
def test_parse_forms(text: str) -> None:
    assert parse_jalali(text, today=TODAY) == dt.date(2018, 12, 31)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1397/1/5", dt.date(2018, 3, 25)),
        ("1397/01/05", dt.date(2018, 3, 25)),
        ("5/1/1397", dt.date(2018, 3, 25)),
        ("۵/۱/۱۳۹۷", dt.date(2018, 3, 25)),
        ("1403/9/30", dt.date(2024, 12, 20)),
    ],
)
def test_parse_single_digit_parts(text: str, expected: dt.date) -> None:
    assert parse_jalali(text, today=TODAY) == expected


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("00/01/01", 1400),
        ("03/01/01", 1403),
        ("13/01/01", 1413),  # today's year 1403 + 10: still the 1400s
        ("14/01/01", 1314),
        ("50/01/01", 1350),
        ("97/01/01", 1397),
        ("99/01/01", 1399),
    ],
)
def test_two_digit_year(text: str, year: int) -> None:
    assert to_jalali(parse_jalali(text, today=TODAY)) == JalaliDate(year, 1, 1)


def test_two_digit_year_depends_on_today() -> None:
    in_1390 = dt.date(2011, 6, 1)
    assert to_jalali(parse_jalali("00/01/01", today=in_1390)).year == 1400
    assert to_jalali(parse_jalali("01/01/01", today=in_1390)).year == 1301
    in_1420 = from_jalali(1420, 6, 1)
    assert to_jalali(parse_jalali("30/01/01", today=in_1420)).year == 1430
    assert to_jalali(parse_jalali("31/01/01", today=in_1420)).year == 1331


# The rule only picks between the 1300s and 1400s, so the window holds while today is 1390..1489.
@given(st.integers(0, 99), st.dates(min_value=dt.date(2011, 3, 21), max_value=dt.date(2100, 12, 31)))
def test_two_digit_year_window(yy: int, today: dt.date) -> None:
    year = to_jalali(parse_jalali(f"{yy:02d}/01/01", today=today)).year
    base = to_jalali(today).year
    assert year % 100 == yy
    assert base - 90 <= year <= base + 10


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "1397",
        "1397/10",
        "1397/10/10/10",
        "1397/10-10",
        "1397//10/10",
        "397/10/10",
        "7/10/10",
        "1397/10/1397",
        "1397/100/10",
        "13970/10/10",
        "1397/10/10 ساعت ۱۰",
        "دی ۱۳۹۷",
        "1397\\10\\10",
        "+1397/10/10",
    ],
)
def test_parse_rejects_non_dates(text: str) -> None:
    with pytest.raises(UserError) as info:
        parse_jalali(text, today=TODAY)
    assert info.value.code == "date_format"
    assert info.value.message == "تاریخ را به شکل ۱۴۰۳/۰۹/۳۰ بنویسید."


@pytest.mark.parametrize("text", ["", "   ", "\u200f\u200e", "\u00a0"])
def test_parse_empty(text: str) -> None:
    assert error_code(parse_jalali, text, today=TODAY) == "date_empty"


@pytest.mark.parametrize("text", ["1299/12/29", "1501/01/01", "0001/01/01", "9999/01/01", "1/1/1200"])
def test_parse_rejects_years_out_of_range(text: str) -> None:
    with pytest.raises(UserError) as info:
        parse_jalali(text, today=TODAY)
    assert info.value.code == "date_year"
    assert "۱۳۰۰ تا ۱۵۰۰" in info.value.message


def test_parse_year_range_edges() -> None:
    assert parse_jalali("1300/01/01", today=TODAY) == FIRST_ACCEPTED
    assert parse_jalali("1500/12/29", today=TODAY) == LAST_ACCEPTED


# --- formatting ---------------------------------------------------------------


def test_format_styles() -> None:
    d = SATURDAY_1397_10_08
    assert format_jalali(d) == "۱۳۹۷/۱۰/۰۸"
    assert format_jalali(d, "numeric") == "۱۳۹۷/۱۰/۰۸"
    assert format_jalali(d, "long") == "۸ دی ۱۳۹۷"
    assert format_jalali(d, "weekday") == "شنبه ۸ دی ۱۳۹۷"
    assert format_jalali_latin(d) == "1397/10/08"
    assert format_jalali(dt.date(2024, 3, 20), "long") == "۱ فروردین ۱۴۰۳"
    assert format_jalali(dt.date(2025, 3, 18), "weekday") == "سه\u200cشنبه ۲۸ اسفند ۱۴۰۳"


def test_format_none() -> None:
    for style in ("numeric", "long", "weekday"):
        assert format_jalali(None, style) == ""
    assert format_jalali_latin(None) == ""
    assert format_time(None) == ""


def test_format_unknown_style() -> None:
    with pytest.raises(ValueError, match="short"):
        format_jalali(TODAY, "short")  # type: ignore[arg-type]


@given(accepted_dates)
def test_format_parse_round_trip(d: dt.date) -> None:
    j = to_jalali(d)
    assert parse_jalali(format_jalali(d), today=TODAY) == d
    assert parse_jalali(format_jalali_latin(d), today=TODAY) == d
    assert parse_jalali(f"{j.day}/{j.month}/{j.year}", today=TODAY) == d
    assert parse_jalali(to_persian_digits(f"{j.year}-{j.month}-{j.day}"), today=TODAY) == d
    assert format_jalali(d) == to_persian_digits(format_jalali_latin(d))
    assert format_jalali(d, "weekday") == f"{weekday_name(d)} {format_jalali(d, 'long')}"


# --- weekdays, years, quarters ---------------------------------------------------


def test_known_weekday() -> None:
    d = SATURDAY_1397_10_08
    assert d.weekday() == 5  # Python: Saturday
    assert jalali_weekday(d) == 0
    assert weekday_name(d) == "شنبه"
    assert jalali_weekday(d - dt.timedelta(days=1)) == 6
    assert weekday_name(d - dt.timedelta(days=1)) == "جمعه"
    week = [weekday_name(d + dt.timedelta(days=i)) for i in range(7)]
    assert tuple(week) == WEEKDAY_NAMES


@given(modern_dates)
def test_weekday_agrees_with_jdatetime(d: dt.date) -> None:
    assert jalali_weekday(d) == jdatetime.date.fromgregorian(date=d).weekday()


def test_jalali_year() -> None:
    assert jalali_year(dt.date(2024, 3, 19)) == 1402
    assert jalali_year(dt.date(2024, 3, 20)) == 1403


def test_quarter_of() -> None:
    assert quarter_of(dt.date(2024, 3, 20)) == (1403, 1)
    assert quarter_of(dt.date(2024, 6, 20)) == (1403, 1)  # 1403/03/31
    assert quarter_of(dt.date(2024, 6, 21)) == (1403, 2)  # 1403/04/01
    assert quarter_of(TODAY) == (1403, 3)  # 1403/09/30
    assert quarter_of(dt.date(2025, 3, 20)) == (1403, 4)  # 1403/12/30
    assert quarter_of(SATURDAY_1397_10_08) == (1397, 4)


def test_quarter_range_1403() -> None:
    assert quarter_range(1403, 1) == (dt.date(2024, 3, 20), dt.date(2024, 6, 20))
    assert quarter_range(1403, 2) == (dt.date(2024, 6, 21), dt.date(2024, 9, 21))
    assert quarter_range(1403, 3) == (dt.date(2024, 9, 22), dt.date(2024, 12, 20))
    assert quarter_range(1403, 4) == (dt.date(2024, 12, 21), dt.date(2025, 3, 20))


def test_q4_ends_on_29_or_30_esfand() -> None:
    assert to_jalali(quarter_range(1399, 4)[1]) == JalaliDate(1399, 12, 30)
    assert to_jalali(quarter_range(1400, 4)[1]) == JalaliDate(1400, 12, 29)
    assert year_range(1400) == (dt.date(2021, 3, 21), dt.date(2022, 3, 20))
    assert year_range(1399)[1] == dt.date(2021, 3, 20)


@pytest.mark.parametrize("quarter", [0, 5, -1])
def test_quarter_invalid(quarter: int) -> None:
    with pytest.raises(UserError) as info:
        quarter_range(1403, quarter)
    assert info.value.code == "quarter_invalid"
    assert "۱ تا ۴" in info.value.message


@given(st.integers(1300, 1500))
def test_quarters_contiguous_and_cover_year(year: int) -> None:
    ranges = [quarter_range(year, q) for q in (1, 2, 3, 4)]
    first, last = year_range(year)
    assert ranges[0][0] == first
    assert ranges[3][1] == last
    for (_, end), (start, _) in itertools.pairwise(ranges):
        assert start == end + dt.timedelta(days=1)
    assert sum((e - s).days + 1 for s, e in ranges) == (366 if is_leap(year) else 365)
    assert [(e - s).days + 1 for s, e in ranges[:3]] == [93, 93, 90]


@given(modern_dates)
def test_quarter_of_lies_in_its_range(d: dt.date) -> None:
    year, quarter = quarter_of(d)
    start, end = quarter_range(year, quarter)
    assert start <= d <= end
    assert year == jalali_year(d)


# --- times ----------------------------------------------------------------------


def test_format_time() -> None:
    assert format_time(dt.time(10, 30)) == "۱۰:۳۰"
    assert format_time(dt.time(9, 5)) == "۰۹:۰۵"
    assert format_time(dt.time(0, 0, 59)) == "۰۰:۰۰"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10:30", dt.time(10, 30)),
        ("۱۰:۳۰", dt.time(10, 30)),
        ("١٠:٣٠", dt.time(10, 30)),
        ("9", dt.time(9, 0)),
        ("۹", dt.time(9, 0)),
        ("9.30", dt.time(9, 30)),
        ("09:05", dt.time(9, 5)),
        (" 23:59 ", dt.time(23, 59)),
        ("0", dt.time(0, 0)),
        ("\u200e14:00\u200f", dt.time(14, 0)),
    ],
)
def test_parse_time(text: str, expected: dt.time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["", "  ", "ده", "24:00", "10:60", "9.5", "10:300", "123", "10:30:00", "-1", "10:"])
def test_parse_time_rejects(text: str) -> None:
    assert error_code(parse_time, text) == "time_format"


@given(st.times())
def test_time_round_trip(t: dt.time) -> None:
    assert parse_time(format_time(t)) == t.replace(second=0, microsecond=0)
