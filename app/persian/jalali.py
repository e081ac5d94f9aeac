"""Jalali (Solar Hijri) dates: conversion, parsing what users type, Persian formatting.

Dates are stored as :class:`datetime.date` (Gregorian); this module is the only
place that knows the Jalali calendar. Conversion and the leap rule come from
jdatetime, imported on first use so that importing this module stays cheap.
"""

from __future__ import annotations

import datetime as _dt
import re
from types import ModuleType
from typing import Literal, NamedTuple

from app.errors import UserError
from app.persian.text import BIDI_CONTROLS, fa_number, to_latin_digits, to_persian_digits

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "MONTH_NAMES",
    "QUARTER_NAMES",
    "WEEKDAY_NAMES",
    "JalaliDate",
    "format_jalali",
    "format_jalali_latin",
    "format_time",
    "from_jalali",
    "is_leap",
    "jalali_weekday",
    "jalali_year",
    "month_length",
    "parse_jalali",
    "parse_time",
    "quarter_of",
    "quarter_range",
    "to_jalali",
    "weekday_name",
    "year_range",
]

MONTH_NAMES: tuple[str, ...] = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)  # fmt: skip
WEEKDAY_NAMES: tuple[str, ...] = (
    "شنبه", "یکشنبه", "دوشنبه", "سه\u200cشنبه", "چهارشنبه", "پنجشنبه", "جمعه",
)  # fmt: skip
QUARTER_NAMES: dict[int, str] = {1: "بهار", 2: "تابستان", 3: "پاییز", 4: "زمستان"}

# Years parse_jalali accepts; wider input is almost surely a typo.
MIN_YEAR = 1300
MAX_YEAR = 1500
# jdatetime's own limits, enforced by from_jalali.
_JD_MIN_YEAR = 1
_JD_MAX_YEAR = 9377

_DATE_FORMAT_MESSAGE = "تاریخ را به شکل ۱۴۰۳/۰۹/۳۰ بنویسید."
_STRIP = str.maketrans(dict.fromkeys(BIDI_CONTROLS + "\u200c\u200d\ufeff"))
# The same separator twice; \u066b is the Arabic decimal separator some Persian keyboards type.
_DATE_RE = re.compile(r"(?P<a>[0-9]{1,4})\s*(?P<sep>[/\-.\u066b])\s*(?P<m>[0-9]{1,2})\s*(?P=sep)\s*(?P<c>[0-9]{1,4})")
_TIME_RE = re.compile(r"(?P<h>[0-9]{1,2})(?:\s*[:.\u066b]\s*(?P<m>[0-9]{2}))?")

Style = Literal["numeric", "long", "weekday"]


class JalaliDate(NamedTuple):
    """A Jalali calendar date; month and day are 1-based."""

    year: int
    month: int
    day: int


def _jd() -> ModuleType:
    import jdatetime  # deferred: costs ~20 ms, needed only when converting

    module: ModuleType = jdatetime
    return module


def _invalid(message: str, english: str) -> UserError:
    return UserError("date_invalid", message, english=english, field="date")


def is_leap(year: int) -> bool:
    """Whether Jalali ``year`` has 30 days in Esfand (jdatetime's 33-year rule)."""
    if not _JD_MIN_YEAR <= year <= _JD_MAX_YEAR:
        raise _invalid(f"سال {fa_number(year)} پشتیبانی نمی‌شود.", f"year {year} is not supported")
    return bool(_jd().date(year, 1, 1).isleap())


def month_length(year: int, month: int) -> int:
    """Number of days in Jalali ``month`` of ``year``."""
    if not 1 <= month <= 12:
        raise _invalid(
            f"ماه {fa_number(month)} وجود ندارد؛ ماه باید بین ۱ تا ۱۲ باشد.",
            f"month {month} does not exist",
        )
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if is_leap(year) else 29


def to_jalali(d: _dt.date) -> JalaliDate:
    """The Jalali date of Gregorian ``d`` (a datetime is taken at its date)."""
    j = _jd().date.fromgregorian(year=d.year, month=d.month, day=d.day)
    return JalaliDate(j.year, j.month, j.day)


def from_jalali(year: int, month: int, day: int) -> _dt.date:
    """The Gregorian date of a Jalali date; UserError ``date_invalid`` says what is wrong."""
    if not _JD_MIN_YEAR <= year <= _JD_MAX_YEAR:
        raise _invalid(f"سال {fa_number(year)} پشتیبانی نمی‌شود.", f"year {year} is not supported")
    length = month_length(year, month)
    if day < 1:
        raise _invalid(f"روز {fa_number(day)} وجود ندارد؛ روز باید از ۱ شروع شود.", f"day {day} does not exist")
    if month == 12 and day == 30 and length == 29:
        raise _invalid(
            f"سال {fa_number(year)} کبیسه نیست و اسفند آن ۲۹ روز دارد.",
            f"{year} is not a leap year; Esfand has 29 days",
        )
    if day > length:
        most = 30 if month == 12 else length
        raise _invalid(
            f"{MONTH_NAMES[month - 1]} {fa_number(most)} روز دارد؛ روز {fa_number(day)} وجود ندارد.",
            f"month {month} has {most} days; day {day} does not exist",
        )
    g = _jd().date(year, month, day).togregorian()
    return _dt.date(g.year, g.month, g.day)


def parse_jalali(text: str, *, today: _dt.date | None = None) -> _dt.date:
    """A date from what the user typed.

    Accepted: ``1397/10/10``, ``10/10/1397`` (day first when the last part has
    four digits), ``97/10/10``, with Persian, Arabic-Indic or Latin digits,
    separated by ``/``, ``-``, ``.`` or ``٫``; one-digit month and day are fine.
    A two-digit year ``yy`` means ``1400+yy`` if that is at most ten years
    after the Jalali year of ``today``, else ``1300+yy``; without ``today`` (the caller
    has no clock) a two-digit year is refused rather than read from the real date.

    Errors (UserError codes): ``date_empty``, ``date_format``, ``date_year``
    (outside 1300–1500), ``date_invalid`` (no such day, see :func:`from_jalali`),
    ``date_year_short`` (two digits and no ``today``).
    """
    cleaned = to_latin_digits((text or "").translate(_STRIP)).strip()
    if not cleaned:
        raise UserError("date_empty", "تاریخ را وارد کنید.", english="date is empty", field="date")
    match = _DATE_RE.fullmatch(cleaned)
    if match is None:
        raise UserError("date_format", _DATE_FORMAT_MESSAGE, english="not a date", field="date")
    a, m, c = match.group("a"), match.group("m"), match.group("c")
    if len(a) == 4 and len(c) <= 2:
        year, day = int(a), int(c)
    elif len(c) == 4 and len(a) <= 2:
        year, day = int(c), int(a)
    elif len(a) == 2 and len(c) <= 2:
        if today is None:
            raise UserError("date_year_short", "سال را چهاررقمی بنویسید (مانند ۱۴۰۳/۰۹/۳۰).",
                            english="a two-digit year needs today's date", field="date")
        base = to_jalali(today).year
        year = 1400 + int(a) if 1400 + int(a) <= base + 10 else 1300 + int(a)
        day = int(c)
    else:
        raise UserError("date_format", _DATE_FORMAT_MESSAGE, english="not a date", field="date")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise UserError(
            "date_year",
            f"سال {fa_number(year)} پذیرفته نیست؛ سال باید بین {fa_number(MIN_YEAR)} تا {fa_number(MAX_YEAR)} باشد.",
            english=f"year {year} is out of range",
            field="date",
        )
    return from_jalali(year, int(m), day)


def format_jalali(d: _dt.date | None, style: Style = "numeric") -> str:
    """``numeric`` «۱۳۹۷/۱۰/۰۸», ``long`` «۸ دی ۱۳۹۷», ``weekday`` «شنبه ۸ دی ۱۳۹۷»; None → ""."""
    if d is None:
        return ""
    j = to_jalali(d)
    if style == "numeric":
        return to_persian_digits(f"{j.year:04d}/{j.month:02d}/{j.day:02d}")
    long = f"{fa_number(j.day)} {MONTH_NAMES[j.month - 1]} {fa_number(j.year)}"
    if style == "long":
        return long
    if style == "weekday":
        return f"{weekday_name(d)} {long}"
    raise ValueError(f"unknown date style {style!r}")


def format_jalali_latin(d: _dt.date | None) -> str:
    """``1397/10/08`` with ASCII digits, for JSON and file names; None → ""."""
    if d is None:
        return ""
    j = to_jalali(d)
    return f"{j.year:04d}/{j.month:02d}/{j.day:02d}"


def jalali_weekday(d: _dt.date) -> int:
    """Day of the Jalali week: 0 = Saturday (شنبه) … 6 = Friday (جمعه)."""
    return (d.weekday() + 2) % 7


def weekday_name(d: _dt.date) -> str:
    """Persian name of the weekday of ``d``, e.g. «سه‌شنبه»."""
    return WEEKDAY_NAMES[jalali_weekday(d)]


def jalali_year(d: _dt.date) -> int:
    """The Jalali year ``d`` falls in."""
    return to_jalali(d).year


def quarter_of(d: _dt.date) -> tuple[int, int]:
    """(Jalali year, quarter 1–4); quarter 1 is Farvardin–Khordad (spring)."""
    j = to_jalali(d)
    return j.year, (j.month - 1) // 3 + 1


def quarter_range(year: int, quarter: int) -> tuple[_dt.date, _dt.date]:
    """First and last day (inclusive) of ``quarter`` of Jalali ``year``."""
    if quarter not in QUARTER_NAMES:
        raise UserError(
            "quarter_invalid",
            f"فصل {fa_number(quarter)} وجود ندارد؛ فصل باید بین ۱ تا ۴ باشد.",
            english=f"quarter {quarter} does not exist",
            field="quarter",
        )
    first, last = 3 * quarter - 2, 3 * quarter
    return from_jalali(year, first, 1), from_jalali(year, last, month_length(year, last))


def year_range(year: int) -> tuple[_dt.date, _dt.date]:
    """1 Farvardin and the last day of Esfand (inclusive) of Jalali ``year``."""
    return from_jalali(year, 1, 1), from_jalali(year, 12, month_length(year, 12))


def format_time(t: _dt.time | None) -> str:
    """«۰۹:۳۰» (hour and minute, zero-padded, Persian digits); None → ""."""
    if t is None:
        return ""
    return to_persian_digits(f"{t.hour:02d}:{t.minute:02d}")


def parse_time(text: str) -> _dt.time:
    """A time from ``10:30``, ``۱۰:۳۰``, ``9`` or ``9.30``; UserError ``time_format`` otherwise."""
    cleaned = to_latin_digits((text or "").translate(_STRIP)).strip()
    match = _TIME_RE.fullmatch(cleaned)
    if match is None:
        raise UserError("time_format", "ساعت را به شکل ۱۰:۳۰ بنویسید.", english="not a time", field="time")
    hour, minute = int(match.group("h")), int(match.group("m") or 0)
    if hour > 23:
        raise UserError(
            "time_format",
            f"ساعت {fa_number(hour)} وجود ندارد؛ ساعت باید بین ۰ تا ۲۳ باشد.",
            english=f"hour {hour} does not exist",
            field="time",
        )
    if minute > 59:
        raise UserError(
            "time_format",
            f"دقیقهٔ {fa_number(minute)} وجود ندارد؛ دقیقه باید بین ۰ تا ۵۹ باشد.",
            english=f"minute {minute} does not exist",
            field="time",
        )
    return _dt.time(hour, minute)
