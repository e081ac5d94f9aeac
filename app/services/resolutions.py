"""Resolutions (مصوبات) across meetings: the register the CLI and tracker read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from app.errors import not_found
from app.store.db import Store
from app.store.models import Body, Meeting, Resolution, Unit


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


def list_resolutions(store: Store, *, body_id: int | None = None,
                     meeting_id: int | None = None) -> list[ResolutionRow]:
    """Resolutions, newest meeting first, in their order within each meeting."""
    stmt = (select(Resolution.id, Resolution.uuid, Resolution.meeting_id, Meeting.body_id, Meeting.number,
                   Meeting.date, Resolution.number, Resolution.text, Unit.name, Resolution.deadline,
                   Resolution.standing, Resolution.status)
            .join(Meeting, Resolution.meeting_id == Meeting.id)
            .outerjoin(Unit, Resolution.lead_unit_id == Unit.id)
            .order_by(Meeting.date.desc(), Meeting.id.desc(), Resolution.number))
    with store.reading() as s:
        if body_id is not None:
            if s.get(Body, body_id) is None:
                raise not_found("body", body_id)
            stmt = stmt.where(Meeting.body_id == body_id)
        if meeting_id is not None:
            if s.get(Meeting, meeting_id) is None:
                raise not_found("meeting", meeting_id)
            stmt = stmt.where(Resolution.meeting_id == meeting_id)
        return [ResolutionRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8] or "", r[9], r[10],
                              r[11].value) for r in s.execute(stmt)]
