"""Filling a :class:`~app.services.changes.Changes` record from a unit of work.

Services do not list by hand what they touched: a unit created on the fly for a
typed lead unit, a person added as a new attendee, a collaborator row removed are
easy to forget. Instead :func:`tracking` listens to the session's flushes and sorts
every new, changed and deleted row by what it belongs to (an agenda item to its
meeting, a follow-up to its resolution, a member to its body).

The same hook keeps the audit log (:mod:`app.services.audit`): one recorder per
session, however deeply service calls nest on it (a demo fill, an import).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from app.services.audit import AuditRecorder
from app.services.changes import Changes
from app.store.models import (
    AgendaItem,
    Attendance,
    Body,
    BodyMember,
    DeadlineExtension,
    DiscussionEntry,
    Draft,
    FollowUp,
    Meeting,
    Person,
    Resolution,
    ResolutionCollaborator,
    Unit,
)


class ChangeTracker:
    """Collects what the flushes of one session wrote; :meth:`record` says it."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._ids: dict[str, set[int]] = {k: set() for k in
                                          ("bodies", "meetings", "resolutions", "follow_ups", "extensions",
                                           "units", "people")}
        self._drafts = False

    def note(self, *, bodies: Iterable[int] = (), meetings: Iterable[int] = (),
             resolutions: Iterable[int] = ()) -> None:
        """Add what a service knows it touched although no row of it changed (a meeting
        saved unchanged is still «saved»)."""
        self._ids["bodies"].update(bodies)
        self._ids["meetings"].update(meetings)
        self._ids["resolutions"].update(resolutions)

    def _add(self, kind: str, value: int | None) -> None:
        if value is not None:
            self._ids[kind].add(value)

    def _sort(self, obj: Any) -> None:
        if isinstance(obj, Resolution):
            self._add("resolutions", obj.id)
            self._add("meetings", obj.meeting_id)
        elif isinstance(obj, FollowUp):
            self._add("follow_ups", obj.id)
            self._add("resolutions", obj.resolution_id)
        elif isinstance(obj, DeadlineExtension):
            self._add("extensions", obj.id)
            self._add("resolutions", obj.resolution_id)
        elif isinstance(obj, ResolutionCollaborator):
            self._add("resolutions", obj.resolution_id)
        elif isinstance(obj, Meeting):
            self._add("meetings", obj.id)
        elif isinstance(obj, AgendaItem | Attendance | DiscussionEntry):
            self._add("meetings", obj.meeting_id)
        elif isinstance(obj, Body):
            self._add("bodies", obj.id)
        elif isinstance(obj, BodyMember):
            self._add("bodies", obj.body_id)
        elif isinstance(obj, Unit):
            self._add("units", obj.id)
        elif isinstance(obj, Person):
            self._add("people", obj.id)
        elif isinstance(obj, Draft):
            self._drafts = True

    def after_flush(self, session: Session, _context: object) -> None:
        # The session still shows its pre-flush state here; new rows already have ids.
        for obj in session.new:
            self._sort(obj)
        for obj in session.deleted:
            self._sort(obj)
        for obj in session.dirty:
            # A relationship list reassigned with the same rows marks its owner dirty;
            # only a changed column makes the row itself changed (its children speak for themselves).
            if session.is_modified(obj, include_collections=False):
                self._sort(obj)

    def record(self) -> Changes:
        """What was written so far, flushing first so that nothing pending is missed."""
        self.session.flush()
        ids = {k: frozenset(v) for k, v in self._ids.items()}
        return Changes(bodies=ids["bodies"], meetings=ids["meetings"], resolutions=ids["resolutions"],
                       follow_ups=ids["follow_ups"], extensions=ids["extensions"], units=ids["units"],
                       people=ids["people"], drafts=self._drafts)


@contextmanager
def tracking(session: Session) -> Iterator[ChangeTracker]:
    """Track one service call's writes on ``session`` (which may be a longer one's, as the demo's)."""
    tracker = ChangeTracker(session)
    recorder: AuditRecorder | None = None
    if "audit_recorder" not in session.info:
        recorder = session.info["audit_recorder"] = AuditRecorder()
        event.listen(session, "after_flush", recorder.after_flush)
    event.listen(session, "after_flush", tracker.after_flush)
    try:
        yield tracker
        if recorder is not None:  # the unit of work succeeded: its audit lines go with it
            recorder.write(session)
    finally:
        event.remove(session, "after_flush", tracker.after_flush)
        if recorder is not None:
            event.remove(session, "after_flush", recorder.after_flush)
            del session.info["audit_recorder"]


def audit_recorder(session: Session) -> AuditRecorder:
    """The recorder :func:`tracking` started on ``session`` (a service tells it what it records itself)."""
    recorder = session.info.get("audit_recorder")
    assert isinstance(recorder, AuditRecorder), "audit_recorder() outside tracking()"
    return recorder
