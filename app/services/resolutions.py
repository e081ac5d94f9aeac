"""Resolutions (مصوبات) across meetings: the register the CLI and tracker read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from app.errors import not_found
from app.services.overview import body_name
from app.store.db import Store


@dataclass(frozen=True)
class ResolutionRow:
    id: int
    uuid: str
    meeting_id: int
    body_id: int
    meeting_number: int
    meeting_date: dt.date
    number: int
    text: str
    lead_unit: str
    deadline: dt.date | None
    standing: bool
    status: str


def resolution_tuples(store: Store, *, body_id: int | None = None,
                      meeting_id: int | None = None) -> Iterator[tuple[Any, ...]]:
    """The fields of :class:`ResolutionRow` as plain tuples, newest meeting first, in their
    order within each meeting, read a block at a time (``dabir list`` writes 50,000 of them).
    An unknown body or meeting is refused before the first row."""
    if body_id is not None:
        body_name(store, body_id)
    if meeting_id is not None and not store.read("meeting_exists", id=meeting_id):
        raise not_found("meeting", meeting_id)
    if meeting_id is not None:
        rows = store.stream("resolutions_of_meeting", meeting_id=meeting_id)
        if body_id is not None:  # both given: the meeting's, if of that body
            rows = (r for r in rows if r[3] == body_id)
    elif body_id is not None:
        rows = store.stream("resolutions_of_body", body_id=body_id)
    else:
        rows = store.stream("resolutions")
    return rows


def iter_resolutions(store: Store, *, body_id: int | None = None,
                     meeting_id: int | None = None) -> Iterator[ResolutionRow]:
    """:func:`resolution_tuples` as :class:`ResolutionRow`."""
    for r in resolution_tuples(store, body_id=body_id, meeting_id=meeting_id):
        yield ResolutionRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8] or "", r[9], r[10], r[11])


def list_resolutions(store: Store, *, body_id: int | None = None,
                     meeting_id: int | None = None) -> list[ResolutionRow]:
    """:func:`iter_resolutions` as a list."""
    return list(iter_resolutions(store, body_id=body_id, meeting_id=meeting_id))
