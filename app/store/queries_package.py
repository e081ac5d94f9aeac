"""The read queries of the quarterly package (:mod:`app.package.export`), part of
:data:`app.store.queries.QUERIES` (compiled with the others into ``queries_sqlite``).

Each reads one kind of record of the given meetings (``meeting_ids``), so that a body's
quarter is read in a dozen statements whatever the number of meetings.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Date, Integer, and_, bindparam, select
from sqlalchemy.sql import ColumnElement, Select

from app.store.models import (
    AgendaItem,
    Amendment,
    Attendance,
    Body,
    DeadlineExtension,
    DiscussionEntry,
    FollowUp,
    Meeting,
    MeetingRevision,
    Person,
    Resolution,
    ResolutionCollaborator,
)

__all__ = ["PACKAGE_QUERIES"]

bodies = Body.__table__.c
meetings = Meeting.__table__.c
resolutions = Resolution.__table__.c
people = Person.__table__.c
collaborators = ResolutionCollaborator.__table__.c
extensions = DeadlineExtension.__table__.c
follow_ups = FollowUp.__table__.c
agenda = AgendaItem.__table__.c
attendance = Attendance.__table__.c
discussion = DiscussionEntry.__table__.c


def _period(column: ColumnElement[Any]) -> ColumnElement[bool]:
    return and_(column >= bindparam("start", type_=Date), column <= bindparam("end", type_=Date))


def _ids() -> ColumnElement[Any]:
    return bindparam("ids", expanding=True, type_=Integer)


def _meeting_ids() -> ColumnElement[Any]:
    return bindparam("meeting_ids", expanding=True, type_=Integer)


def _package_bodies() -> Select:
    return select(bodies.id, bodies.uuid, bodies.name, bodies.kind, bodies.parent_id, bodies.meetings_per_year)


def _package_meetings() -> Select:
    """The meetings of the given bodies up to a day, with what a package carries of each."""
    return (select(meetings.id, meetings.uuid, meetings.body_id, meetings.year, meetings.number, meetings.date,
                   meetings.start_time, meetings.end_time, meetings.place, meetings.status, meetings.chair_id,
                   meetings.secretary_id, meetings.finalised_at, meetings.revision, meetings.fingerprint,
                   meetings.letter_number, meetings.letter_date)
            .where(meetings.body_id.in_(bindparam("body_ids", expanding=True, type_=Integer)),
                   meetings.date <= bindparam("end", type_=Date))
            .order_by(meetings.date, meetings.number, meetings.id))


def _package_history() -> Select:
    """Meetings (of the given ids) whose resolutions had a report or an extension in a period."""
    in_reports = (select(resolutions.meeting_id)
                  .join_from(FollowUp.__table__, Resolution.__table__, resolutions.id == follow_ups.resolution_id)
                  .where(_period(follow_ups.date)))
    in_extensions = (select(resolutions.meeting_id)
                     .join_from(DeadlineExtension.__table__, Resolution.__table__,
                                resolutions.id == extensions.resolution_id)
                     .where(_period(extensions.date)))
    return select(meetings.id).where(meetings.id.in_(_meeting_ids()),
                                     meetings.id.in_(in_reports.union(in_extensions)))


def _package_agenda() -> Select:
    return (select(agenda.meeting_id, agenda.id, agenda.uuid, agenda.position, agenda.text)
            .where(agenda.meeting_id.in_(_meeting_ids())).order_by(agenda.meeting_id, agenda.position, agenda.id))


def _package_attendance() -> Select:
    return (select(attendance.meeting_id, attendance.uuid, attendance.person_id, attendance.position,
                   attendance.kind, attendance.status, attendance.deputy_name, attendance.post,
                   attendance.organisation)
            .where(attendance.meeting_id.in_(_meeting_ids()))
            .order_by(attendance.meeting_id, attendance.position, attendance.id))


def _package_discussion() -> Select:
    return (select(discussion.meeting_id, discussion.uuid, discussion.position, discussion.speaker,
                   discussion.speaker_id, discussion.agenda_item_id, discussion.text)
            .where(discussion.meeting_id.in_(_meeting_ids()))
            .order_by(discussion.meeting_id, discussion.position, discussion.id))


def _package_resolutions() -> Select:
    return (select(resolutions.meeting_id, resolutions.id, resolutions.uuid, resolutions.number, resolutions.text,
                   resolutions.lead_unit_id, resolutions.deadline, resolutions.standing, resolutions.status,
                   resolutions.superseded_by_id)
            .where(resolutions.meeting_id.in_(_meeting_ids()))
            .order_by(resolutions.meeting_id, resolutions.number, resolutions.id))


def _of_meetings(resolution_id: ColumnElement[Any]) -> ColumnElement[bool]:
    return resolution_id.in_(select(resolutions.id).where(resolutions.meeting_id.in_(_meeting_ids())))


def _package_collaborators() -> Select:
    return (select(collaborators.resolution_id, collaborators.unit_id)
            .where(_of_meetings(collaborators.resolution_id))
            .order_by(collaborators.resolution_id, collaborators.position, collaborators.id))


def _package_follow_ups() -> Select:
    return (select(follow_ups.resolution_id, follow_ups.uuid, follow_ups.date, follow_ups.reporter,
                   follow_ups.reporter_unit_id, follow_ups.text, follow_ups.progress, follow_ups.new_deadline,
                   follow_ups.status_after, follow_ups.created_at)
            .where(_of_meetings(follow_ups.resolution_id))
            .order_by(follow_ups.resolution_id, follow_ups.date, follow_ups.id))


def _package_extensions() -> Select:
    return (select(extensions.resolution_id, extensions.uuid, extensions.date, extensions.old_deadline,
                   extensions.new_deadline, extensions.reason, extensions.granted_by,
                   extensions.granted_by_resolution_id, extensions.created_at)
            .where(_of_meetings(extensions.resolution_id))
            .order_by(extensions.resolution_id, extensions.date, extensions.id))


def _package_amendments() -> Select:
    a = Amendment.__table__.c
    return (select(a.meeting_id, a.uuid, a.revision, a.reason, a.os_user, a.secretary, a.created_at, a.changes)
            .where(a.meeting_id.in_(_meeting_ids())).order_by(a.meeting_id, a.revision))


def _package_revisions() -> Select:
    r = MeetingRevision.__table__.c
    return (select(r.meeting_id, r.revision, r.fingerprint, r.created_at, r.content)
            .where(r.meeting_id.in_(_meeting_ids())).order_by(r.meeting_id, r.revision))


def _package_people() -> Select:
    return select(people.id, people.uuid, people.name, people.post).where(people.id.in_(_ids()))


def _resolution_uuids() -> Select:
    return select(resolutions.id, resolutions.uuid).where(resolutions.id.in_(_ids()))


PACKAGE_QUERIES: dict[str, Callable[[], Select]] = {
    "package_bodies": _package_bodies,
    "package_meetings": _package_meetings,
    "package_history": _package_history,
    "package_agenda": _package_agenda,
    "package_attendance": _package_attendance,
    "package_discussion": _package_discussion,
    "package_resolutions": _package_resolutions,
    "package_collaborators": _package_collaborators,
    "package_follow_ups": _package_follow_ups,
    "package_extensions": _package_extensions,
    "package_amendments": _package_amendments,
    "package_revisions": _package_revisions,
    "package_people": _package_people,
    "resolution_uuids": _resolution_uuids,
}
