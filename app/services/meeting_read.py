"""One reader of a stored meeting, for the editor and for the minutes.

:func:`read_meeting` reads a meeting with its agenda, attendance, discussion and
resolutions through the read queries (:mod:`app.store.queries`, ``meeting_*``), typed;
:func:`app.services.meetings.load_meeting` turns it into the editor's
:class:`~app.services.meeting_data.MeetingData` and
:func:`app.export.minutes_doc.minutes_doc` into the printed document, so the two can
no longer read one meeting in two ways. No ORM: ``dabir minutes`` does not import it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.errors import not_found
from app.store.db import Store

__all__ = [
    "StoredAgendaItem",
    "StoredAttendee",
    "StoredDiscussion",
    "StoredMeeting",
    "StoredResolution",
    "read_meeting",
]


@dataclass(frozen=True)
class StoredAgendaItem:
    id: int
    uuid: str
    text: str


@dataclass(frozen=True)
class StoredAttendee:
    name: str
    person_id: int
    post: str
    organisation: str
    kind: str
    status: str
    deputy_name: str
    uuid: str


@dataclass(frozen=True)
class StoredDiscussion:
    speaker: str
    text: str
    agenda_item_id: int | None
    uuid: str


@dataclass(frozen=True)
class StoredResolution:
    id: int
    uuid: str
    text: str
    lead_unit: str
    collaborators: tuple[str, ...]
    deadline: dt.date | None  # current, after extensions
    original_deadline: dt.date | None  # as the meeting set it (lifecycle.original_deadline)
    standing: bool
    status: str
    follow_ups: int
    extensions: int


@dataclass(frozen=True)
class StoredMeeting:
    id: int
    uuid: str
    body_id: int
    body_name: str
    number: int
    date: dt.date
    start_time: dt.time | None
    end_time: dt.time | None
    place: str
    status: str
    chair_id: int | None
    chair: tuple[str, str] | None  # (name, post)
    secretary_id: int | None
    secretary: tuple[str, str] | None
    agenda: tuple[StoredAgendaItem, ...]
    attendees: tuple[StoredAttendee, ...]
    discussion: tuple[StoredDiscussion, ...]
    resolutions: tuple[StoredResolution, ...]


def read_meeting(store: Store, meeting_id: int) -> StoredMeeting:
    """The stored meeting; UserError ``meeting_unknown`` when there is none."""
    found = store.read("meeting", id=meeting_id)
    if not found:
        raise not_found("meeting", meeting_id)
    (mid, uuid, body_id, number, date, start, end, place, status, body_name,
     chair_id, chair_name, chair_post, secretary_id, secretary_name, secretary_post) = found[0]
    collaborators: dict[int, list[str]] = {}
    for rid, name in store.read("meeting_collaborators", id=meeting_id):
        collaborators.setdefault(rid, []).append(name)
    return StoredMeeting(
        mid, uuid, body_id, body_name, number, date, start, end, place or "", status,
        chair_id, (chair_name, chair_post or "") if chair_name is not None else None,
        secretary_id, (secretary_name, secretary_post or "") if secretary_name is not None else None,
        tuple(StoredAgendaItem(*r) for r in store.read("meeting_agenda", id=meeting_id)),
        tuple(StoredAttendee(name, pid, post or "", org or "", kind, st, deputy or "", auuid)
              for name, pid, post, org, kind, st, deputy, auuid in store.read("meeting_attendance", id=meeting_id)),
        tuple(StoredDiscussion(speaker or "", text, item, duuid)
              for speaker, text, item, duuid in store.read("meeting_discussion", id=meeting_id)),
        tuple(StoredResolution(rid, ruuid, text, lead or "", tuple(collaborators.get(rid, ())), deadline, original,
                               standing, rstatus, int(reports), int(extended))
              for rid, ruuid, text, lead, deadline, original, standing, rstatus, reports, extended
              in store.read("meeting_resolutions", id=meeting_id)),
    )
