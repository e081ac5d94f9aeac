"""The secretariat's number of a meeting's minutes as an official letter (شماره / تاریخ).

When: the first time minutes that are not a draft are written out — exported as PDF or
Word, signed, or a notice made from them (``dabir minutes``, «خروجی PDF…», «امضا و خروجی…»,
«ابلاغ مصوبات…»). A draft is circulated for comment, not sent, and gets none; the preview
and printing never give one. Once given, the number and its date stay: a later export,
or minutes corrected and exported again, print the same letter number.

How: the next number among the body's meetings of the same Jalali year (the meeting's
``year``, the year its number belongs to), 1, 2, 3, …; the date is the day it was given.
Stored in ``meetings.letter_number`` / ``letter_date`` (migration 0005), unique per body
and year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from app.errors import not_found
from app.persian.text import fa_number
from app.services.changes import Changes
from app.store.db import Store

__all__ = ["LetterNumber", "issue_letter_number", "letter_label", "numbered_for_export"]


@dataclass(frozen=True)
class LetterNumber:
    """What :func:`issue_letter_number` found or gave, and what it changed (nothing when found)."""

    number: int | None
    date: dt.date | None
    year: int
    changes: Changes


def letter_label(number: int | None, year: int | None) -> str:
    """«۱۴۰۵/۷»: the printed letter number (the year, then the body's sequence), or "" when none."""
    if number is None:
        return ""
    return f"{fa_number(year)}/{fa_number(number)}" if year else fa_number(number)


def issue_letter_number(store: Store, meeting_id: int, *, today: dt.date) -> LetterNumber:
    """The minutes' letter number, given now when it has none and the minutes are not a draft.
    Raises UserError ``meeting_unknown``. A draft is left without one (``number`` None).

    Minutes that have their number, and drafts, are answered by two read queries: only
    giving a number needs the ORM (SQLAlchemy costs a command like ``dabir minutes`` about
    0.2 s to import).
    """
    found = store.read("meeting_letter", id=meeting_id)
    status = store.read("meeting_status", id=meeting_id)
    if not found or not status:
        raise not_found("meeting", meeting_id)
    number, date, year, _rank = found[0]
    if number is not None or status[0][0] == "draft":
        return LetterNumber(number, date, year, Changes())
    from sqlalchemy import func, select, update

    from app.store.models import Meeting, MeetingStatus

    with store.session() as s:
        meeting = s.get(Meeting, meeting_id)
        if meeting is None:
            raise not_found("meeting", meeting_id)
        if meeting.letter_number is not None or meeting.status == MeetingStatus.DRAFT:
            return LetterNumber(meeting.letter_number, meeting.letter_date, meeting.year, Changes())
        last = s.scalar(select(func.max(Meeting.letter_number))
                        .where(Meeting.body_id == meeting.body_id, Meeting.year == meeting.year))
        number = (last or 0) + 1
        # Giving the letter its number is no edit of the minutes: updated_at stays.
        s.execute(update(Meeting).where(Meeting.id == meeting.id)
                  .values(letter_number=number, letter_date=today, updated_at=Meeting.updated_at))
        return LetterNumber(number, today, meeting.year, Changes(meetings=frozenset({meeting.id})))


@contextmanager
def numbered_for_export(store: Store, meeting_id: int, *, today: dt.date) -> Iterator[LetterNumber]:
    """:func:`issue_letter_number` for an export that may still fail: a number given here is
    taken back if the block raises (an unwritable target, a wrong password), so a failed
    export changes nothing."""
    given = issue_letter_number(store, meeting_id, today=today)
    try:
        yield given
    except BaseException:
        if given.changes.meetings:
            from sqlalchemy import update

            from app.store.models import Meeting

            with store.session() as s:
                s.execute(update(Meeting).where(Meeting.id == meeting_id, Meeting.letter_number == given.number)
                          .values(letter_number=None, letter_date=None, updated_at=Meeting.updated_at))
        raise
