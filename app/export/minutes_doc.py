"""What the minutes PDF shows (صورتجلسه), as plain data.

:func:`minutes_doc` reads one meeting from the store; tests and benchmarks build
a :class:`MinutesDoc` by hand. Texts stay as the user typed them: the PDF
pipeline fixes letters and digits when it prints.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypedDict

from app.errors import UserError
from app.export.minutes_reports import HeardReport, heard_reports
from app.persian.jalali import format_jalali, format_time, jalali_year
from app.persian.text import to_persian_digits
from app.services.meeting_data import MeetingData, ResolutionData
from app.services.meeting_read import StoredMeeting, read_meeting
from app.services.minutes_content import field_label, revision_label, value_text
from app.services.overview import body_name
from app.store.db import Store

__all__ = [
    "AmendmentLine",
    "Attendee",
    "DiscussionEntry",
    "MinutesDoc",
    "ResolutionLine",
    "Signatory",
    "minutes_doc",
    "minutes_doc_from_data",
]


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
class AmendmentLine:
    """One amendment (اصلاحیه) as the minutes list it at their end."""

    revision: int
    date: dt.date
    reason: str
    who: str
    changes: tuple[tuple[str, str, str], ...] = ()  # (field, before, after), in Persian


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
    revision_label: str = ""  # final minutes: «ویرایش ۲، اصلاحیهٔ ۱۴۰۵/۰۹/۱۲»
    amendments: tuple[AmendmentLine, ...] = ()  # those up to the printed revision
    reports: tuple[HeardReport, ...] = ()  # follow-up reports heard on earlier resolutions
    letter_number: int | None = None  # the secretariat's number (app.services.letter_number)
    letter_date: dt.date | None = None
    year: int | None = None  # the Jalali year the meeting's number belongs to
    rank: int | None = None  # the meeting's rank among the body's meetings of that year

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


def _stored_emblem(store: Store, body_id: int) -> bytes | None:
    rows = store.read("body_emblem", id=body_id)
    return bytes(rows[0][0]) if rows and rows[0][0] else None


def minutes_doc(store: Store, meeting_id: int, *, emblem: Path | bytes | None = None,
                revision: int | None = None) -> MinutesDoc:
    """The minutes of meeting ``meeting_id``; UserError ``meeting_unknown`` when there is none.

    Read by :func:`app.services.meeting_read.read_meeting`, the reader the editor's
    :func:`app.services.meetings.load_meeting` uses too. The minutes record what the
    meeting decided: a deadline later extended is printed as it was set. Final minutes
    carry their revision and the amendments so far; ``revision`` prints an earlier one
    as it was sealed (UserError ``revision_unknown`` if there is no such revision).
    """
    m = read_meeting(store, meeting_id)
    finalised_at, current, _fp = store.read("meeting_final_state", id=meeting_id)[0]
    if emblem is None:
        emblem = _stored_emblem(store, m.body_id)
    amended = _amendment_lines(store, meeting_id)
    if finalised_at is None and revision is None:
        return _live_doc(store, m, emblem)
    if finalised_at is None or (revision is not None and not 1 <= revision <= current):
        raise _no_revision(revision or 0, current if finalised_at is not None else 0)
    printed = current if revision is None else revision
    dates = {a.revision: a.date for a in amended}
    label = revision_label(printed, dates.get(printed))
    lines = tuple(a for a in amended if a.revision <= printed)
    if printed == current:
        return replace(_live_doc(store, m, emblem), revision_label=label, amendments=lines)
    sealed = store.read("meeting_revision", id=meeting_id, revision=printed)
    if not sealed:
        raise _no_revision(printed, current)
    earlier = doc_from_content(json.loads(sealed[0][0]), body_name=m.body_name, uuid=m.uuid, emblem=emblem,
                               revision_label=label, amendments=lines)
    return replace(earlier, **_letter(store, meeting_id, m.date))  # the same letter, whichever revision


def _no_revision(revision: int, current: int) -> UserError:
    have = f"ویرایش‌های ۱ تا {to_persian_digits(current)}" if current else "هیچ ویرایش نهایی‌ای"
    return UserError("revision_unknown",
                     f"این صورتجلسه ویرایش {to_persian_digits(revision)} ندارد؛ {have} دارد.",
                     english=f"no revision {revision}")


def _amendment_lines(store: Store, meeting_id: int) -> list[AmendmentLine]:
    out = []
    for rev, when, reason, os_user, secretary, changes in store.read("meeting_amendments", id=meeting_id):
        who = "، ".join(w for w in (secretary, f"کاربر {os_user}" if os_user else "") if w)
        out.append(AmendmentLine(rev, when.date(), reason, who, tuple(
            (field_label(c["field"]), value_text(c["field"], c["before"]), value_text(c["field"], c["after"]))
            for c in json.loads(changes))))
    return out


def _live_doc(store: Store, m: StoredMeeting, emblem: Path | bytes | None) -> MinutesDoc:
    return MinutesDoc(
        body_name=m.body_name,
        number=m.number,
        date=m.date,
        date_text=format_jalali(m.date),
        start_time=m.start_time,
        end_time=m.end_time,
        place=m.place,
        agenda=tuple(a.text for a in m.agenda),
        attendees=tuple(Attendee(a.name, a.post, a.organisation, a.kind, a.status, a.deputy_name, a.person_id)
                        for a in m.attendees),
        discussion=tuple(DiscussionEntry(d.speaker, d.text) for d in m.discussion),
        resolutions=tuple(ResolutionLine(i, r.text, r.lead_unit, r.collaborators, r.original_deadline, "", r.standing)
                          for i, r in enumerate(m.resolutions, start=1)),
        chair=Signatory(*m.chair) if m.chair is not None else None,
        secretary=Signatory(*m.secretary) if m.secretary is not None else None,
        chair_id=m.chair_id,
        secretary_id=m.secretary_id,
        status=m.status,
        uuid=m.uuid,
        emblem=emblem,
        reports=heard_reports(store, m.id, m.number, m.body_name, m.date),
        **_letter(store, m.id, m.date),
    )


def doc_from_content(content: dict[str, Any], *, body_name: str, uuid: str, emblem: Path | bytes | None,
                     revision_label: str = "", amendments: tuple[AmendmentLine, ...] = ()) -> MinutesDoc:
    """The minutes of a sealed revision (:mod:`app.services.minutes_content`'s content)."""
    def time_of(text: str | None) -> dt.time | None:
        return dt.time.fromisoformat(text) if text else None

    date = dt.date.fromisoformat(content["date"])
    return MinutesDoc(
        body_name=body_name,
        number=content["number"],
        date=date,
        date_text=format_jalali(date),
        start_time=time_of(content["start_time"]),
        end_time=time_of(content["end_time"]),
        place=content["place"],
        agenda=tuple(content["agenda"]),
        attendees=tuple(Attendee(a["name"], a["post"], a["organisation"], a["kind"], a["status"], a["deputy_name"])
                        for a in content["attendees"]),
        discussion=tuple(DiscussionEntry(d["speaker"], d["text"]) for d in content["discussion"]),
        resolutions=tuple(ResolutionLine(i, r["text"], r["lead_unit"], tuple(r["collaborators"]),
                                         dt.date.fromisoformat(r["deadline"]) if r["deadline"] else None, "",
                                         r["standing"]) for i, r in enumerate(content["resolutions"], start=1)),
        chair=Signatory(*content["chair"]) if content["chair"] else None,
        secretary=Signatory(*content["secretary"]) if content["secretary"] else None,
        status="final",
        uuid=uuid,
        emblem=emblem,
        revision_label=revision_label,
        amendments=amendments,
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

    name = body_name(store, data.body_id)
    people = {pid: Signatory(name, post or "") for pid, name, post in store.read(
        "people_named", ids=[p for p in (data.chair_id, data.secretary_id) if p])}
    date = date_of(data.date)
    # Resolutions already extended keep the deadline the meeting set (as minutes_doc prints it).
    originals = {uuid: original for uuid, original in store.read("original_deadlines", id=data.id)} \
        if data.id is not None else {}
    if emblem is None:
        emblem = _stored_emblem(store, data.body_id)
    label, amended = "", ()  # type: tuple[str, tuple[AmendmentLine, ...]]
    state = store.read("meeting_final_state", id=data.id) if data.id is not None else []
    if state and state[0][0] is not None:  # final minutes: the revision on screen (an amendment in the making: the next)
        lines = _amendment_lines(store, data.id)  # type: ignore[arg-type]
        label, amended = revision_label(state[0][1], lines[-1].date if lines else None), tuple(lines)
    return MinutesDoc(
        body_name=name,
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
                                           _printed_deadline(r, originals, date_of), r.deadline, r.standing)
                          for i, r in enumerate(data.resolutions, start=1)),
        chair=people.get(data.chair_id) if data.chair_id else None,
        secretary=people.get(data.secretary_id) if data.secretary_id else None,
        chair_id=data.chair_id,
        secretary_id=data.secretary_id,
        status=data.status,
        uuid=data.uuid or "",
        emblem=emblem,
        revision_label=label,
        amendments=amended,
        reports=heard_reports(store, data.id, data.number, name, date),
        **_letter(store, data.id, date),
    )


class _Letter(TypedDict, total=False):
    letter_number: int | None
    letter_date: dt.date | None
    year: int | None
    rank: int | None


def _letter(store: Store, meeting_id: int | None, date: dt.date | None) -> _Letter:
    """The letter number, its date, the year and the rank of a stored meeting; the year alone for a new one."""
    found = store.read("meeting_letter", id=meeting_id) if meeting_id is not None else []
    if found:
        number, letter_date, year, rank = found[0]
        return {"letter_number": number, "letter_date": letter_date, "year": year, "rank": rank}
    return {"year": jalali_year(date) if date else None}


def _printed_deadline(r: ResolutionData, originals: dict[str, dt.date | None],
                      date_of: Callable[[str], dt.date | None]) -> dt.date | None:
    """A stored, extended resolution prints its original deadline; any other what is typed."""
    if r.uuid and r.extensions and r.uuid in originals:
        return originals[r.uuid]
    return date_of(r.deadline)


def _resolution_line(number: int, text: str, lead: str, collaborators: list[str], deadline: dt.date | None,
                     typed: str, standing: bool) -> ResolutionLine:
    # The typed text is shown only where it is not a date yet.
    return ResolutionLine(number, text, lead, tuple(collaborators), deadline, "" if deadline else typed, standing)
