"""Each body's figures per Jalali period (آمار و عملکرد): what secretaries are judged on.

For a body and a Jalali year, one quarter of it, or any Jalali period from one day to another
(«in the last two years»), as of an injected ``today``:

- **meetings held** against the **required** frequency (``Body.meetings_per_year``).
  The obligation is checked per window: a body with *n* meetings a year must meet once
  in every 12/n months when *n* divides 12 (4 → each quarter, 12 → each month,
  2 → each half-year, 1 → once a year); otherwise *n*/12 a month when 12 divides *n*,
  *n*/4 a quarter when 4 does, else *n* in the year. A window is judged in the period
  that contains it whole (a period of any length counts the windows it covers whole: the
  quarters of a quarterly body, say, over several years), and only once it has ended (its last
  day before ``today``);
  a window with fewer meetings than required is *missed* and flagged. A meeting counts
  whatever the state of its minutes, if its date is in the window and not after today.
- **resolutions made** in the period (of meetings dated in it) and what became of them
  by ``today``: done, partly done, in progress, not started, not feasible, cancelled,
  superseded, standing, and **overdue** (open and past the deadline on ``today``).
- **implementation rate** (درصد تحقق مصوبات)::

      (done + ½ · partly done) / (made − cancelled − superseded − standing) × 100

  Cancelled and superseded resolutions were withdrawn, and standing ones are never
  «done», so none of them counts for or against; a partly done resolution counts half;
  not feasible counts against. None when nothing is left to count.
- **average days to done**: from the meeting's date to the report that set «done»
  (the last such report, if it was reopened), over the done resolutions that have one.

The same resolution figures are given per responsible (lead) unit; collaborating units
are not counted. By default a body's figures are its own; ``include_sub_bodies`` adds
those of every body under it (a council with its committees), meetings and obligations
included, each sub-body judged against its own frequency.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from app.errors import UserError, not_found
from app.persian.jalali import (
    MAX_YEAR,
    MIN_YEAR,
    MONTH_NAMES,
    QUARTER_NAMES,
    format_jalali,
    format_jalali_latin,
    from_jalali,
    jalali_year,
    month_length,
    parse_jalali,
    quarter_range,
    year_range,
)
from app.persian.text import fa_number, to_persian_digits
from app.services.lifecycle import is_overdue
from app.services.overview import BodyRow, body_subtree, list_bodies
from app.store.db import Store

__all__ = [
    "BodyFigures",
    "Figures",
    "ObligationWindow",
    "Period",
    "UnitFigures",
    "body_stats",
    "custom_period",
    "format_rate",
    "period",
    "requested_period",
    "stats_by_part",
    "stats_by_quarter",
    "text_lines",
]


@dataclass(frozen=True)
class Period:
    """A Jalali year, one quarter of it (``quarter`` 1 = spring … 4 = winter), or, with
    ``custom``, any days from ``start`` to ``end`` (``year`` is then the year of ``start``)."""

    year: int
    quarter: int | None
    start: dt.date
    end: dt.date
    custom: bool = False

    @property
    def label(self) -> str:
        """«سال ۱۴۰۳», «پاییز ۱۴۰۳» or «۱۳۹۵/۰۱/۰۱ تا ۱۳۹۶/۱۲/۲۹»."""
        if self.custom:
            return f"{format_jalali(self.start)} تا {format_jalali(self.end)}"
        return f"{QUARTER_NAMES[self.quarter]} {fa_number(self.year)}" if self.quarter else f"سال {fa_number(self.year)}"

    def years(self) -> range:
        """The Jalali years the period touches."""
        return range(jalali_year(self.start), jalali_year(self.end) + 1)


def period(year: int | None, quarter: int | None = None, *, today: dt.date | None = None) -> Period:
    """The period of ``year`` (default: the Jalali year of ``today``) and ``quarter``.

    Codes: ``quarter_without_year``, ``year_invalid`` (outside 1300–1500),
    ``quarter_invalid`` (not 1–4).
    """
    if year is None:
        if quarter is not None:
            raise UserError("quarter_without_year", "فصل بدون سال معنا ندارد؛ سال را هم بدهید (مثلاً --year 1403).",
                            english="a quarter needs a year", field="quarter")
        if today is None:
            raise ValueError("period() needs a year or today")
        year = jalali_year(today)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise UserError("year_invalid", f"سال {fa_number(year)} پذیرفته نیست؛ سال شمسی را چهاررقمی و بین "
                        f"{fa_number(MIN_YEAR)} تا {fa_number(MAX_YEAR)} بدهید.",
                        english=f"year {year} is out of range", field="year")
    start, end = quarter_range(year, quarter) if quarter is not None else year_range(year)
    return Period(year, quarter, start, end)


def custom_period(start: dt.date, end: dt.date) -> Period:
    """Any Jalali period, both days included. Codes: ``period_reversed``, ``year_invalid``."""
    for day in (start, end):
        if not MIN_YEAR <= jalali_year(day) <= MAX_YEAR:
            raise UserError("year_invalid", f"تاریخ {format_jalali(day)} پذیرفته نیست؛ سال باید بین "
                            f"{fa_number(MIN_YEAR)} تا {fa_number(MAX_YEAR)} باشد.",
                            english="date out of range", field="from" if day == start else "to")
    if end < start:
        raise UserError("period_reversed", f"پایان دوره ({format_jalali(end)}) پیش از آغاز آن "
                        f"({format_jalali(start)}) است.", english="the period ends before it starts", field="to")
    return Period(jalali_year(start), None, start, end, custom=True)


def requested_period(year: int | None, quarter: int | None, start: str | None, end: str | None, *,
                     today: dt.date) -> Period:
    """The period a user asked for: a year and quarter, or ``start``/``end`` typed as Jalali dates
    (either may be left out: from the first day of ``end``'s year, or up to ``today``).

    Codes: those of :func:`period` and :func:`custom_period`, ``date_invalid`` (a date that is
    none), ``period_mixed`` (a year or quarter given with a from/to date).
    """
    if start is None and end is None:
        return period(year, quarter, today=today)
    if year is not None or quarter is not None:
        raise UserError("period_mixed", "یا سال و فصل را بدهید یا تاریخ آغاز و پایان دوره را، نه هر دو.",
                        english="give --year/--quarter or --from/--to, not both", field="from")
    days: list[dt.date | None] = []
    for text, name, what in ((start, "from", "آغاز"), (end, "to", "پایان")):
        if text is None:
            days.append(None)
            continue
        try:
            days.append(parse_jalali(text, today=today))
        except UserError as exc:
            raise UserError("date_invalid", f"تاریخ {what} دوره: {exc.message}",
                            english=f"--{name} is not a Jalali date", field=name) from exc
    first = days[0] or year_range(jalali_year(days[1] or today))[0]
    return custom_period(first, days[1] or max(today, first))


@dataclass(frozen=True)
class ObligationWindow:
    """One stretch in which a body must meet ``required`` times (e.g. a quarter for «فصلی»)."""

    body_id: int
    body_name: str
    label: str  # «پاییز ۱۴۰۲», «مهر ۱۴۰۲», «نیمهٔ اول ۱۴۰۲», «سال ۱۴۰۲»
    start: dt.date
    end: dt.date
    required: int
    held: int
    ended: bool  # its last day is before today: it can be judged

    @property
    def missed(self) -> bool:
        return self.ended and self.held < self.required


@dataclass(frozen=True)
class Figures:
    """What became of the resolutions made in a period (see the module's definitions)."""

    made: int = 0
    done: int = 0
    partly_done: int = 0
    in_progress: int = 0
    not_started: int = 0
    not_feasible: int = 0
    cancelled: int = 0
    superseded: int = 0
    standing: int = 0
    overdue: int = 0
    average_days_to_done: float | None = None

    @property
    def open(self) -> int:
        """Still being followed up (در دست پیگیری): not started, in progress or partly done."""
        return self.not_started + self.in_progress + self.partly_done

    @property
    def implementation_rate(self) -> float | None:
        """درصد تحقق, 0–100, or None when no resolution is left to count."""
        base = self.made - self.cancelled - self.superseded - self.standing
        return None if base <= 0 else 100 * (self.done + self.partly_done / 2) / base

    def as_dict(self) -> dict[str, Any]:
        rate = self.implementation_rate
        return {"made": self.made, "done": self.done, "partly_done": self.partly_done,
                "in_progress": self.in_progress, "not_started": self.not_started, "open": self.open,
                "not_feasible": self.not_feasible, "cancelled": self.cancelled, "superseded": self.superseded,
                "standing": self.standing, "overdue": self.overdue,
                "implementation_rate": None if rate is None else round(rate, 1),
                "average_days_to_done": self.average_days_to_done}

    def summary(self) -> str:
        """«۴۲ مصوبه، ۳۸ انجام‌شده، ۴ در دست پیگیری، ۲ معوق، درصد تحقق ۹۰٫۵»."""
        parts = [f"{fa_number(self.made)} مصوبه", f"{fa_number(self.done)} انجام‌شده",
                 f"{fa_number(self.open)} در دست پیگیری"]
        for count, words in ((self.overdue, "معوق"), (self.not_feasible, "غیرقابل اجرا"),
                             (self.cancelled + self.superseded, "لغو یا جایگزین‌شده"), (self.standing, "مستمر")):
            if count:
                parts.append(f"{fa_number(count)} {words}")
        rate = self.implementation_rate
        if rate is not None:
            parts.append(f"درصد تحقق {format_rate(rate)}")
        return "، ".join(parts)


@dataclass(frozen=True)
class UnitFigures:
    """The figures of the resolutions one unit leads; ``unit_id`` None: no responsible unit named."""

    unit_id: int | None
    unit_uuid: str | None
    name: str
    figures: Figures


@dataclass(frozen=True)
class BodyFigures:
    body: BodyRow
    period: Period
    include_sub_bodies: bool
    meetings_held: int
    meetings_required: int
    windows: tuple[ObligationWindow, ...]
    figures: Figures
    units: tuple[UnitFigures, ...] = field(default=())

    @property
    def missed(self) -> list[ObligationWindow]:
        """The windows that ended without the required meetings: the flag on a dashboard."""
        return [w for w in self.windows if w.missed]

    def summary(self) -> str:
        """«۸ جلسه، ۴۲ مصوبه، ۳۸ انجام‌شده، ۴ در دست پیگیری» and, when there are any,
        overdue and other counts, the rate, and the missed obligations."""
        line = f"{fa_number(self.meetings_held)} جلسه، {self.figures.summary()}"
        names = self.missed_names()
        if names:
            line += f"؛ جلسهٔ الزامی برگزار نشد: {'، '.join(names)}"
        return line

    def missed_names(self) -> list[str]:
        """The missed windows as a reader names them: «تابستان ۱۴۰۲», and with sub-bodies a
        sub-body's window followed by its name, «نیمهٔ اول ۱۴۰۲ (کمیته)»."""
        return [w.label if not self.include_sub_bodies or w.body_id == self.body.id
                else f"{w.label} ({w.body_name})" for w in self.missed]

    def as_dict(self) -> dict[str, Any]:
        """The JSON object of ``dabir stats --json``."""
        b = self.body
        return {
            "id": b.id, "uuid": b.uuid, "name": b.name, "kind": b.kind, "parent_id": b.parent_id,
            "year": None if self.period.custom else self.period.year, "quarter": self.period.quarter,
            "start": format_jalali_latin(self.period.start), "end": format_jalali_latin(self.period.end),
            "include_sub_bodies": self.include_sub_bodies,
            "meetings_held": self.meetings_held, "meetings_required": self.meetings_required,
            "missed": [{"body_id": w.body_id, "label": w.label, "start": format_jalali_latin(w.start),
                        "end": format_jalali_latin(w.end), "required": w.required, "held": w.held}
                       for w in self.missed],
            **self.figures.as_dict(),
            "units": [{"id": u.unit_id, "uuid": u.unit_uuid, "name": u.name, **u.figures.as_dict()}
                      for u in self.units],
            "summary": self.summary(),
        }


def format_rate(rate: float) -> str:
    """«۹۰٫۵٪» (one decimal, dropped when zero), Persian digits and decimal sign."""
    text = f"{rate:.1f}".removesuffix(".0")
    return to_persian_digits(text).replace(".", "٫") + "٪"


# --- obligation windows -------------------------------------------------------

def _window_shape(n: int) -> tuple[int, int]:
    """(months per window, meetings required in each) for ``n`` meetings a year."""
    if n <= 0:
        return 0, 0
    if 12 % n == 0:
        return 12 // n, 1
    if n % 12 == 0:
        return 1, n // 12
    if n % 4 == 0:
        return 3, n // 4
    return 12, n


def _window_label(year: int, first: int, months: int) -> str:
    y = fa_number(year)
    if months == 12:
        return f"سال {y}"
    if months == 6:
        return f"نیمهٔ {'اول' if first == 1 else 'دوم'} {y}"
    if months == 3 and first % 3 == 1:
        return f"{QUARTER_NAMES[(first + 2) // 3]} {y}"
    if months == 1:
        return f"{MONTH_NAMES[first - 1]} {y}"
    return f"{MONTH_NAMES[first - 1]} تا {MONTH_NAMES[first + months - 2]} {y}"


def _windows(body: BodyRow, p: Period, meeting_dates: list[dt.date], today: dt.date) -> list[ObligationWindow]:
    months, need = _window_shape(body.meetings_per_year)
    out: list[ObligationWindow] = []
    if not months:
        return out
    for year in p.years():
        for first in range(1, 13, months):
            last = first + months - 1
            start, end = from_jalali(year, first, 1), from_jalali(year, last, month_length(year, last))
            if start < p.start or end > p.end:  # judged only in a period that holds it whole
                continue
            held = sum(start <= d <= end for d in meeting_dates)
            out.append(ObligationWindow(body.id, body.name, _window_label(year, first, months), start, end, need,
                                        held, end < today))
    return out


# --- the figures ------------------------------------------------------------

class _Tally:
    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.made = self.overdue = 0
        self.days: list[int] = []

    def add(self, status: str, overdue: bool, days_to_done: int | None) -> None:
        self.made += 1
        self.counts[status] = self.counts.get(status, 0) + 1
        self.overdue += overdue
        if days_to_done is not None:
            self.days.append(days_to_done)

    def figures(self) -> Figures:
        c = self.counts.get
        average = round(sum(self.days) / len(self.days), 1) if self.days else None
        return Figures(self.made, c("done", 0), c("partly_done", 0), c("in_progress", 0), c("not_started", 0),
                       c("not_feasible", 0), c("cancelled", 0), c("superseded", 0), c("standing", 0),
                       self.overdue, average)


def body_stats(store: Store, *, today: dt.date, body_id: int | None = None, year: int | None = None,
               quarter: int | None = None, include_sub_bodies: bool = False,
               span: Period | None = None) -> list[BodyFigures]:
    """The figures of one body (or of every body, in tree order) for a Jalali year or quarter,
    or for ``span`` (:func:`custom_period`) when given.

    ``year`` defaults to the Jalali year of ``today``. Raises ``body_unknown`` and the codes
    of :func:`period`.
    """
    p = span or period(year, quarter, today=today)
    bodies = list_bodies(store)
    by_id = {b.id: b for b in bodies}
    if body_id is not None and body_id not in by_id:
        raise not_found("body", body_id)
    chosen = [by_id[body_id]] if body_id is not None else bodies
    params: dict[str, Any] = {"start": p.start, "end": p.end}
    scope = ""  # one body (and its subtree): read only its meetings and resolutions
    if body_id is not None:
        params["body_ids"] = sorted(body_subtree(bodies, body_id) if include_sub_bodies else {body_id})
        scope = "_of_bodies"
    meetings: dict[int, list[dt.date]] = {}
    for bid, date in store.read(f"stats_meetings{scope}", **params):
        if date <= today:
            meetings.setdefault(bid, []).append(date)
    resolutions: dict[int, list[tuple[str, int | None, bool, int | None]]] = {}
    for _rid, bid, mdate, status, lead, deadline, done_on in store.read(f"stats_resolutions{scope}", **params):
        days = (done_on - mdate).days if status == "done" and done_on is not None else None
        resolutions.setdefault(bid, []).append((status, lead, is_overdue(deadline, status, today), days))
    units = {uid: (uuid, name) for uid, uuid, name in store.read("units")}

    out = []
    for body in chosen:
        members = body_subtree(bodies, body.id) if include_sub_bodies else {body.id}
        windows: list[ObligationWindow] = []
        total, per_unit = _Tally(), dict[int | None, _Tally]()
        for member in (b for b in bodies if b.id in members):  # tree order
            windows += _windows(member, p, meetings.get(member.id, []), today)
            for status, lead, overdue, days in resolutions.get(member.id, ()):
                total.add(status, overdue, days)
                per_unit.setdefault(lead, _Tally()).add(status, overdue, days)
        unit_figures = [UnitFigures(uid, units[uid][0] if uid in units else None,
                                    units[uid][1] if uid in units else "(بدون مسئول اجرا)", t.figures())
                        for uid, t in per_unit.items()]
        unit_figures.sort(key=lambda u: (-u.figures.made, u.name))
        out.append(BodyFigures(
            body, p, include_sub_bodies, sum(len(meetings.get(m, ())) for m in members),
            sum(w.required for w in windows), tuple(windows), total.figures(), tuple(unit_figures)))
    return out


def stats_by_quarter(store: Store, body_id: int, year: int, *, today: dt.date,
                     include_sub_bodies: bool = False) -> list[BodyFigures]:
    """The four quarters of a year for one body (the dashboard's rate-by-quarter chart)."""
    return [body_stats(store, today=today, body_id=body_id, year=year, quarter=q,
                       include_sub_bodies=include_sub_bodies)[0] for q in range(1, 5)]


def stats_by_part(store: Store, body_id: int, p: Period, *, today: dt.date,
                  include_sub_bodies: bool = False) -> list[tuple[str, BodyFigures]]:
    """The parts of a period for the dashboard's rate chart, each named: the quarters of a year
    or of a period within one year (as much of each as the period holds), else its years."""
    years = list(p.years())
    parts: list[tuple[str, dt.date, dt.date]] = []
    if len(years) == 1:
        for q in range(1, 5):
            start, end = quarter_range(years[0], q)
            parts.append((QUARTER_NAMES[q], start, end))
    else:
        for y in years:
            start, end = year_range(y)
            parts.append((fa_number(y), start, end))
    out = []
    for name, start, end in parts:
        if end < p.start or start > p.end:
            continue
        span = Period(jalali_year(start), None, max(start, p.start), min(end, p.end), custom=True)
        out.append((name, body_stats(store, today=today, body_id=body_id, span=span,
                                     include_sub_bodies=include_sub_bodies)[0]))
    return out


def text_lines(figures: Iterable[BodyFigures]) -> list[str]:
    """``dabir stats`` without ``--json``: per body a heading, its summary, then its units."""
    out: list[str] = []
    for f in figures:
        out.append(f"{f.body.id}\t{f.body.name} — {f.period.label}"
                   + (" (با نهادهای زیرمجموعه)" if f.include_sub_bodies else ""))
        out.append(f"\t{f.summary()}")
        if f.meetings_required:
            out.append(f"\tجلسات: {fa_number(f.meetings_held)} برگزارشده، {fa_number(f.meetings_required)} الزامی")
        if f.figures.average_days_to_done is not None:
            days = to_persian_digits(f"{f.figures.average_days_to_done:.1f}".removesuffix(".0")).replace(".", "٫")
            out.append(f"\tمیانگین فاصلهٔ تصویب تا انجام: {days} روز")
        for u in f.units:
            out.append(f"\t\t{u.name}: {u.figures.summary()}")
    return out or ["(هیچ نهادی نیست)"]
