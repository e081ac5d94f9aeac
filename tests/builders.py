"""Building small stores by hand for tests: the answers are then counted by hand."""

from __future__ import annotations

import datetime as dt

from app.services import meetings
from app.services.meeting_data import AttendeeData, ResolutionData
from app.services.resolutions import list_resolutions
from app.store.db import Store


def held_meeting(store: Store, body_id: int, date: dt.date,
                 resolutions: list[ResolutionData], *, status: str = "final") -> tuple[int, list[int]]:
    """A meeting of the body on ``date``, minutes final (or ``status``), passing ``resolutions``:
    (the meeting's id, its resolutions' ids in their order)."""
    data = meetings.new_meeting(store, body_id, today=date)
    data.status = status
    # Final minutes need their attendees (app.services.minutes_final): the members, or the secretary.
    data.attendees = meetings.attendees_from_members(store, body_id) or [AttendeeData(name="مریم صادقی",
                                                                                      post="دبیر")]
    data.resolutions = resolutions
    meeting_id = meetings.save_meeting(store, data, today=date).meeting_id
    return meeting_id, [r.id for r in sorted(list_resolutions(store, meeting_id=meeting_id), key=lambda r: r.number)]


def resolutions_made(store: Store, body_id: int, date: dt.date, resolutions: list[ResolutionData], *,
                     status: str = "final") -> list[int]:
    """The ids of the resolutions :func:`held_meeting` passed."""
    return held_meeting(store, body_id, date, resolutions, status=status)[1]
