"""Two editors, one store: a save made from an older copy is refused, never silently applied.

Meetings, bodies, people and units carry a ``version`` (migration 0005) that SQLAlchemy's
version counter raises with every UPDATE of the row and checks in its WHERE clause. Two
guards use it:

- :func:`refuse_if_stale`: the editor's copy says which version it was read at
  (``MeetingData.version``); a save from an older one is refused with :class:`StaleRecord`,
  naming who saved meanwhile and when (from the audit log).
- two processes passing that check at the same moment both try their UPDATE; the second
  one's ``WHERE version = …`` matches no row and SQLAlchemy raises ``StaleDataError``,
  which :meth:`app.store.db.Store.session` turns into the same refusal
  (:func:`app.store.integrity.write_failure`).

The caller keeps the refused copy (``save_meeting`` writes it as the meeting's draft), so
nothing typed is lost and nothing is overwritten.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import StaleRecord
from app.persian.jalali import format_jalali, format_time
from app.persian.text import to_persian_digits
from app.store.models import AuditEntry, Meeting

__all__ = ["StaleRecord", "refuse_if_stale", "refuse_stale_row", "stale_meeting", "touch"]


def _who_when(s: Session, meeting_id: int) -> str:
    last = s.scalars(select(AuditEntry).where(AuditEntry.meeting_id == meeting_id)
                     .order_by(AuditEntry.id.desc()).limit(1)).first()
    if last is None:
        return ""
    who = f"کاربر «{last.os_user}»" if last.os_user else "کاربری دیگر"
    when = f"{format_jalali(last.created_at.date())} ساعت {format_time(last.created_at.time())}"
    return f" ({who}، {when})"


def stale_meeting(s: Session, meeting: Meeting) -> StaleRecord:
    return StaleRecord(
        "meeting_stale",
        f"جلسهٔ {to_persian_digits(meeting.number)} پس از آن‌که آن را باز کردید، جای دیگری ذخیره شده است"
        f"{_who_when(s, meeting.id)}؛ ذخیرهٔ شما روی آن نوشته نشد. نسخهٔ شما به‌صورت پیش‌نویس نگه داشته شد: "
        "جلسه را دوباره باز کنید، آنچه دیگری ذخیره کرده را ببینید و پیش‌نویس خود را بازگردانید.",
        english="the meeting was saved elsewhere after this copy was read; your version is kept as a draft")


def refuse_if_stale(s: Session, meeting: Meeting, read_at: int | None) -> None:
    """Refuse writing ``meeting`` from a copy read at version ``read_at`` (None: not checked)."""
    if read_at is not None and meeting.version != read_at:
        raise stale_meeting(s, meeting)


def refuse_stale_row(row: object, read_at: int | None, what: str) -> None:
    """Refuse writing a body, person or unit from a copy read at version ``read_at`` (None: not
    checked): another window or program saved it meanwhile."""
    if read_at is not None and getattr(row, "version", read_at) != read_at:
        raise StaleRecord(f"{type(row).__name__.lower()}_stale",
                          f"{what} پس از آن‌که آن را باز کردید، جای دیگری ذخیره شده است؛ ذخیرهٔ شما روی آن "
                          "نوشته نشد. آن را دوباره باز کنید تا آنچه ذخیره شده را ببینید، و تغییر خود را دوباره بنویسید.",
                          english="saved elsewhere after this copy was read")


def touch(meeting: Meeting, when: object) -> None:
    """Make the save an UPDATE of the meeting's own row even when only its agenda, attendance
    or resolutions changed, so that its version goes up and is checked."""
    meeting.updated_at = when  # type: ignore[assignment]
