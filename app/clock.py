"""The one clock (ساعت برنامه): what «today» and «now» are, passed in wherever they matter.

Nothing else reads the real date. The application builds one :class:`SystemClock`
and hands it down through constructors; tests build a :class:`FixedClock` and move
it (past midnight, say) without touching the real date.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol


class Clock(Protocol):
    def today(self) -> dt.date:
        """The local calendar day."""
        ...

    def now(self) -> dt.datetime:
        """The local time, timezone-aware."""
        ...


class SystemClock:
    """The computer's own clock, in its local timezone (Iran: +03:30 all year since 2022)."""

    def today(self) -> dt.date:
        return dt.date.today()

    def now(self) -> dt.datetime:
        return dt.datetime.now().astimezone()


IRAN = dt.timezone(dt.timedelta(hours=3, minutes=30), "IRST")


class FixedClock:
    """A clock that stands still until told to move: for tests and reproducible runs.

    Built from a date (noon in Iran that day) or an aware datetime; :meth:`set` and
    :meth:`advance` move it.
    """

    def __init__(self, when: dt.date | dt.datetime) -> None:
        self._now = self._aware(when)

    @staticmethod
    def _aware(when: dt.date | dt.datetime) -> dt.datetime:
        if isinstance(when, dt.datetime):
            if when.tzinfo is None:
                raise ValueError("FixedClock needs an aware datetime (or a plain date)")
            return when
        return dt.datetime.combine(when, dt.time(12, 0), IRAN)

    def today(self) -> dt.date:
        return self._now.date()

    def now(self) -> dt.datetime:
        return self._now

    def set(self, when: dt.date | dt.datetime) -> None:
        self._now = self._aware(when)

    def advance(self, delta: dt.timedelta) -> None:
        self._now += delta


def next_midnight(now: dt.datetime) -> dt.datetime:
    """The first instant of the day after ``now``'s, in ``now``'s timezone."""
    return dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(0, 0), now.tzinfo)


def until_next_midnight(clock: Clock) -> dt.timedelta:
    """How long until the date changes, as ``clock`` counts: what a midnight timer waits."""
    now = clock.now()
    return next_midnight(now) - now
