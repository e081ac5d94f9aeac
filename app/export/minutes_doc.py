"""What the minutes PDF shows (صورتجلسه), as plain data.

:func:`minutes_doc` reads one meeting from the store; tests and benchmarks build
a :class:`MinutesDoc` by hand. Texts stay as the user typed them: the PDF
pipeline fixes letters and digits when it prints.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from app.errors import UserError, not_found
from app.persian.jalali import format_jalali, format_time
from app.services.meeting_data import MeetingData
from app.store.db import Store, as_date

__all__ = ["Attendee", "DiscussionEntry", "ResolutionLine", "Signatory", "MinutesDoc", "minutes_doc",
           "minutes_doc_from_data"]


@dataclass(frozen=True)
class Attendee:
    """One line of the attendance (حاضرین، غایبین، مدعوین)."""

    name: str
    post: str = ""
    organisation: str = ""
    kind: str = "member"  # member | guest
    status: str = "present"  # present | absent | excused | deputy
    deputy_name: str = ""
    person_id: int | None = None


@dataclass(frozen=True)
class DiscussionEntry:
    """One paragraph of the discussion summary (خلاصه مذاکرات)."""

    speaker: str
    text: str


@dataclass(frozen=True)
class ResolutionLine:
    """One resolution (مصوبه) with who carries it out and by when."""

    number: int
    text: str
    lead_unit: str = ""
    collaborators: tuple[str, ...] = ()
    deadline: dt.date | None = None
    deadline_text: str = ""  # as typed, shown when it is not a date
    standing: bool = False  # مستمر


@dataclass(frozen=True)
class Signatory:
    name: str
    post: str = ""


@dataclass(frozen=True)
class MinutesDoc:
    """Everything printed on the minutes of one meeting."""

    body_name: str
    number: int | None = None
    date: dt.date | None = None
    date_text: str = ""  # as typed, shown when it is not a date
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    place: str = ""
    agenda: tuple[str, ...] = ()
    attendees: tuple[Attendee, ...] = ()
    discussion: tuple[DiscussionEntry, ...] = ()
    resolutions: tuple[ResolutionLine, ...] = ()
    chair: Signatory | None = None
    secretary: Signatory | None = None
    chair_id: int | None = None
    secretary_id: int | None = None
    status: str = "final"  # draft | held | final
    uuid: str = ""
    emblem: Path | bytes | None = None  # the body's emblem or logo (a file or its bytes), above its name

    @property
    def short_id(self) -> str:
        """The document's short identifier (the meeting uuid's first 8 characters)."""
        return self.uuid.replace("-", "")[:8]

    @property
    def date_label(self) -> str:
        """«شنبه ۸ دی ۱۳۹۷», or the date as typed."""
        return format_jalali(self.date, "weekday") if self.date else self.date_text

    @property
    def time_label(self) -> str:
        """«۰۹:۰۰ تا ۱۱:۳۰», «۰۹:۰۰», or ""."""
        if self.start_time and self.end_time:
            return f"{format_time(self.start_time)} تا {format_time(self.end_time)}"
        return format_time(self.start_time or self.end_time)


def _as_time(value: object) -> dt.time | None:
    """A TIME column's value, whichever path read it (sqlite3 gives «09:00:00.000000»)."""
    if value is None or isinstance(value, dt.time):
        return value
    return dt.time.fromisoformat(str(value)[:8])


def _original_deadlines(store: Store, meeting_id: int) -> dict[str, dt.date]:
    """Resolution uuid → the deadline the meeting set, for resolutions extended since."""
    out: dict[str, dt.date] = {}
    for uuid, old in store.fetch_all(
            "SELECT r.uuid, e.old_deadline FROM deadline_extensions e JOIN resolutions r ON r.id = e.resolution_id "
            "WHERE r.meeting_id = :id ORDER BY e.date DESC, e.id DESC", id=meeting_id):
        if old is not None:
            out[uuid] = as_date(old)  # the loop ends on the first extension of each
    return out


def _stored_emblem(store: Store, sql: str, ident: int) -> bytes | None:
    rows = store.fetch_all(sql, id=ident)
    return bytes(rows[0][0]) if rows and rows[0][0] else None


def minutes_doc(store: Store, meeting_id: int, *, emblem: Path | bytes | None = None) -> MinutesDoc:
    """The minutes of meeting ``meeting_id``; UserError ``meeting_unknown`` when there is none.

    Reads with plain, portable SQL (:meth:`Store.fetch_all`) rather than the ORM,
    so that ``dabir minutes`` does not pay for importing SQLAlchemy; a test
    holds this equal to :func:`app.services.meetings.load_meeting`.
    """
    found = store.fetch_all(
        "SELECT m.uuid, m.number, m.date, m.start_time, m.end_time, m.place, m.status, b.name, "
        "m.chair_id, c.name, c.post, m.secretary_id, s.name, s.post "
        "FROM meetings m JOIN bodies b ON b.id = m.body_id "
        "LEFT JOIN people c ON c.id = m.chair_id LEFT JOIN people s ON s.id = m.secretary_id "
        "WHERE m.id = :id", id=meeting_id)
    if not found:
        raise not_found("meeting", meeting_id)
    (uuid, number, date, start, end, place, status, body_name,
     chair_id, chair_name, chair_post, secretary_id, secretary_name, secretary_post) = found[0]
    agenda = store.fetch_all("SELECT text FROM agenda_items WHERE meeting_id = :id ORDER BY position, id",
                             id=meeting_id)
    attendance = store.fetch_all(
        "SELECT p.name, a.post, a.organisation, a.kind, a.status, a.deputy_name, a.person_id "
        "FROM attendance a JOIN people p ON p.id = a.person_id WHERE a.meeting_id = :id ORDER BY a.position, a.id",
        id=meeting_id)
    discussion = store.fetch_all(
        "SELECT speaker, text FROM discussion_entries WHERE meeting_id = :id ORDER BY position, id", id=meeting_id)
    # The minutes record what the meeting decided: a deadline later extended is
    # printed as it was set (the first extension's «old» deadline).
    resolutions = store.fetch_all(
        "SELECT r.id, r.text, u.name, COALESCE((SELECT e.old_deadline FROM deadline_extensions e "
        "WHERE e.resolution_id = r.id ORDER BY e.date, e.id LIMIT 1), r.deadline), r.standing FROM resolutions r "
        "LEFT JOIN units u ON u.id = r.lead_unit_id WHERE r.meeting_id = :id ORDER BY r.number, r.id",
        id=meeting_id)
    collaborators: dict[int, list[str]] = {}
    for resolution_id, name in store.fetch_all(
            "SELECT c.resolution_id, u.name FROM resolution_collaborators c JOIN units u ON u.id = c.unit_id "
            "JOIN resolutions r ON r.id = c.resolution_id WHERE r.meeting_id = :id ORDER BY c.position, c.id",
            id=meeting_id):
        collaborators.setdefault(resolution_id, []).append(name)
    meeting_date = as_date(date)
    if emblem is None:
        emblem = _stored_emblem(store, "SELECT b.emblem FROM meetings m JOIN bodies b ON b.id = m.body_id "
                                       "WHERE m.id = :id", meeting_id)
    return MinutesDoc(
        body_name=body_name,
        number=number,
        date=meeting_date,
        date_text=format_jalali(meeting_date),
        start_time=_as_time(start),
        end_time=_as_time(end),
        place=place or "",
        agenda=tuple(text for (text,) in agenda),
        attendees=tuple(Attendee(name, post or "", org or "", kind, st, deputy or "", pid)
                        for name, post, org, kind, st, deputy, pid in attendance),
        discussion=tuple(DiscussionEntry(speaker or "", text) for speaker, text in discussion),
        resolutions=tuple(ResolutionLine(i, text, lead or "", tuple(collaborators.get(rid, ())), as_date(deadline),
                                         "", bool(standing))
                          for i, (rid, text, lead, deadline, standing) in enumerate(resolutions, start=1)),
        chair=Signatory(chair_name, chair_post or "") if chair_name is not None else None,
        secretary=Signatory(secretary_name, secretary_post or "") if secretary_name is not None else None,
        chair_id=chair_id,
        secretary_id=secretary_id,
        status=status,
        uuid=uuid,
        emblem=emblem,
    )


def minutes_doc_from_data(store: Store, data: MeetingData, *, emblem: Path | bytes | None = None) -> MinutesDoc:
    """The minutes of the meeting as it stands in the editor, saved or not (the live preview).

    Dates and times are kept as typed where they do not parse yet, so the
    preview shows what the secretary wrote instead of failing.
    """
    from app.persian.jalali import parse_jalali, parse_time

    def date_of(text: str) -> dt.date | None:
        try:
            return parse_jalali(text) if text.strip() else None
        except UserError:
            return None

    def time_of(text: str) -> dt.time | None:
        try:
            return parse_time(text) if text.strip() else None
        except UserError:
            return None

    body = store.fetch_all("SELECT name FROM bodies WHERE id = :id", id=data.body_id)
    if not body:
        raise not_found("body", data.body_id)
    people = {pid: Signatory(name, post or "") for pid, name, post in store.fetch_all(
        "SELECT id, name, post FROM people WHERE id IN (:a, :b)", a=data.chair_id or 0, b=data.secretary_id or 0)}
    date = date_of(data.date)
    originals = _original_deadlines(store, data.id) if data.id is not None else {}
    if emblem is None:
        emblem = _stored_emblem(store, "SELECT emblem FROM bodies WHERE id = :id", data.body_id)
    return MinutesDoc(
        body_name=body[0][0],
        number=data.number,
        date=date,
        date_text=data.date,
        start_time=time_of(data.start_time),
        end_time=time_of(data.end_time),
        place=data.place,
        agenda=tuple(a.text for a in data.agenda),
        attendees=tuple(Attendee(a.name, a.post, a.organisation, a.kind, a.status, a.deputy_name, a.person_id)
                        for a in data.attendees),
        discussion=tuple(DiscussionEntry(d.speaker, d.text) for d in data.discussion),
        resolutions=tuple(_resolution_line(i, r.text, r.lead_unit, r.collaborators,
                                           originals.get(r.uuid or "") or date_of(r.deadline), r.deadline, r.standing)
                          for i, r in enumerate(data.resolutions, start=1)),
        chair=people.get(data.chair_id) if data.chair_id else None,
        secretary=people.get(data.secretary_id) if data.secretary_id else None,
        chair_id=data.chair_id,
        secretary_id=data.secretary_id,
        status=data.status,
        uuid=data.uuid or "",
        emblem=emblem,
    )


def _resolution_line(number: int, text: str, lead: str, collaborators: list[str], deadline: dt.date | None,
                     typed: str, standing: bool) -> ResolutionLine:
    # The typed text is shown only where it is not a date yet.
    return ResolutionLine(number, text, lead, tuple(collaborators), deadline, "" if deadline else typed, standing)
