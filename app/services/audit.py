"""The audit log (گزارش تغییرات): who changed what, when, before and after.

Every writing service already runs its unit of work under
:func:`app.services.change_tracking.tracking`; that one helper also starts an
:class:`AuditRecorder` on the session, so no service writes audit lines by hand and
none can forget to. The recorder collects every flush and, when the unit of work
succeeds, writes one line per row created, changed or deleted among meetings (and their agenda, attendance, discussion),
resolutions (and collaborators), follow-up reports, deadline extensions, bodies (and
members) and the directory (units, people): for a change, the changed columns before
and after; for a creation, what was written; for a deletion, what was there.
Services add lines of their own with :func:`note` (finalising, an amendment, a deleted
meeting with its whole content).

The lines are append-only (:mod:`app.store.history_guard`). «When» is the wall time of
the service's injected clock where it passes one (``session.info["audit_now"]``), else
the computer's; «who» is the computer's user name (:func:`os_user`).
"""

from __future__ import annotations

import datetime as dt
import enum
import getpass
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, inspect, select
from sqlalchemy.orm import Session

from app.store.models import (
    AgendaItem,
    Attendance,
    AuditEntry,
    Body,
    BodyMember,
    DeadlineExtension,
    DiscussionEntry,
    FollowUp,
    Meeting,
    Person,
    Resolution,
    ResolutionCollaborator,
    Unit,
)

__all__ = [
    "ACTION_LABELS",
    "ENTITY_LABELS",
    "AuditLine",
    "AuditRecorder",
    "audit_lines",
    "note",
    "os_user",
    "plain",
    "set_audit_time",
]

_ENTITIES: dict[type, str] = {
    Meeting: "meeting", AgendaItem: "agenda_item", Attendance: "attendance", DiscussionEntry: "discussion",
    Resolution: "resolution", ResolutionCollaborator: "collaborator", FollowUp: "follow_up",
    DeadlineExtension: "extension", Body: "body", BodyMember: "body_member", Unit: "unit", Person: "person",
}
ENTITY_LABELS = {
    "meeting": "جلسه", "agenda_item": "دستور جلسه", "attendance": "حاضرین", "discussion": "خلاصه مذاکرات",
    "resolution": "مصوبه", "collaborator": "همکار مصوبه", "follow_up": "گزارش پیگیری", "extension": "تمدید مهلت",
    "body": "نهاد", "body_member": "عضو نهاد", "unit": "واحد", "person": "شخص", "package": "بستهٔ فصلی",
}
ACTION_LABELS = {"create": "ایجاد", "update": "ویرایش", "delete": "حذف", "finalise": "نهایی کردن",
                 "amend": "اصلاحیه", "import": "دریافت از بسته"}
# Bookkeeping, not content: a search key, the row's own timestamps and save counter, the seal
# (said by its own line).
_NOISE = frozenset({"id", "text_norm", "name_norm", "updated_at", "created_at", "fingerprint", "finalised_at",
                    "revision", "version"})
COLUMN_LABELS = {
    "place": "محل", "date": "تاریخ", "number": "شماره", "year": "سال", "start_time": "ساعت شروع",
    "end_time": "ساعت پایان", "status": "وضعیت", "chair_id": "رئیس", "secretary_id": "دبیر", "text": "متن",
    "lead_unit_id": "مسئول اجرا", "deadline": "مهلت", "standing": "مستمر", "name": "نام", "post": "سمت",
    "organisation": "دستگاه", "organisation_id": "دستگاه", "kind": "نوع", "deputy_name": "نماینده",
    "position": "ردیف", "speaker": "گوینده", "role": "نقش", "parent_id": "نهاد بالادست", "reason": "علت",
    "meetings_per_year": "جلسات در سال", "emblem": "نشان", "progress": "پیشرفت", "new_deadline": "مهلت تازه",
    "old_deadline": "مهلت پیشین", "status_after": "وضعیت پس از گزارش", "reporter": "گزارش‌دهنده",
    "granted_by": "موافقت‌کننده", "person_id": "شخص", "unit_id": "واحد", "agenda_item_id": "بند دستور",
    "superseded_by_id": "جایگزین", "speaker_id": "گوینده", "reporter_unit_id": "واحد گزارش‌دهنده",
}


def os_user() -> str:
    """The computer's user name (نام کاربری رایانه); "" where the system has none to give."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


def plain(value: Any) -> Any:
    """A column value as JSON can hold it: dates in ISO form, enums by value, bytes by size."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return f"<{len(bytes(value))} bytes>"
    return value


def _dumps(values: dict[str, Any] | None) -> str | None:
    return None if values is None else json.dumps(values, ensure_ascii=False, sort_keys=True)


def set_audit_time(session: Session, now: dt.datetime) -> None:
    """Let the lines of this unit of work carry ``now`` (the service's injected clock)."""
    session.info["audit_now"] = now


def _when(session: Session) -> dt.datetime:
    now = session.info.get("audit_now")
    if now is None:
        now = dt.datetime.now().astimezone()
    return now.replace(tzinfo=None)  # the wall time of the clock it came from, as drafts keep it


def note(session: Session, entity: str, entity_id: int | None, action: str, *, uuid: str | None = None,
         meeting_id: int | None = None, before: dict[str, Any] | None = None,
         after: dict[str, Any] | None = None) -> None:
    """Add one line a service knows about (finalised, amended, a meeting deleted with its content),
    in its place among the lines of the same unit of work."""
    line = dict(entity=entity, entity_id=entity_id, entity_uuid=uuid, action=action, meeting_id=meeting_id,
                before=before, after=after)
    recorder = session.info.get("audit_recorder")
    if isinstance(recorder, AuditRecorder):
        recorder.pending.append(dict(line, noted=True))
    else:
        _insert(session, [line])


def _insert(session: Session, lines: list[dict[str, Any]]) -> None:
    if session.info.get("audit") is False or not lines:
        return
    when, who = _when(session), os_user()
    session.connection().execute(insert(AuditEntry), [
        dict(line, created_at=when, os_user=who, before=_dumps(line["before"]), after=_dumps(line["after"]))
        for line in lines])


class AuditRecorder:
    """Collects the audit lines of one unit of work (see the module's docstring) and writes
    them when it succeeds (:meth:`write`), one line per row: a row changed over several
    flushes (a resolution's number parked and set again) is one line from what it was to
    what it became, and a change undone within the unit of work is none.

    ``skip_meetings``: meetings whose rows a service records itself (a deleted meeting's
    content is one line, not one per attendee).
    """

    def __init__(self) -> None:
        self.skip_meetings: set[int] = set()
        self.pending: list[dict[str, Any]] = []
        self._rows: dict[tuple[str, int], dict[str, Any]] = {}

    def after_flush(self, session: Session, _context: object) -> None:
        if session.info.get("audit") is False:
            return
        for action, objs in (("create", session.new), ("update", session.dirty), ("delete", session.deleted)):
            for obj in objs:
                entity = _ENTITIES.get(type(obj))
                if entity is not None:
                    self._merge(session, obj, entity, action)

    def _merge(self, session: Session, obj: Any, entity: str, action: str) -> None:
        state = inspect(obj)
        columns = [a.key for a in state.mapper.column_attrs if a.key not in _NOISE]
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        if action == "create":
            after = {k: plain(state.dict.get(k)) for k in columns}
        elif action == "delete":
            before = {k: plain(state.dict.get(k)) for k in columns if k in state.dict}
        else:
            for k in columns:
                history = state.attrs[k].history
                if history.has_changes():
                    before[k] = plain(history.deleted[0] if history.deleted else None)
                    after[k] = plain(history.added[0] if history.added else None)
            if not after:
                return
        key = (entity, state.dict.get("id"))
        line = self._rows.get(key)  # type: ignore[arg-type]
        if line is None:
            line = dict(entity=entity, entity_id=state.dict.get("id"), entity_uuid=state.dict.get("uuid"),
                        action=action, meeting_id=self._meeting_of(session, obj), before=None, after=None)
            line["before"], line["after"] = (before or None, after or None)
            self._rows[key] = line  # type: ignore[index]
            self.pending.append(line)
            return
        if action == "delete":  # created here then deleted: nothing; changed then deleted: as it was
            if line["action"] == "create":
                line["action"] = "void"
            else:
                line["action"], line["before"], line["after"] = "delete", {**before, **(line["before"] or {})}, None
        elif line["action"] in ("create", "update"):
            line["after"] = {**(line["after"] or {}), **after}
            if line["action"] == "update":
                line["before"] = {**before, **(line["before"] or {})}

    def write(self, session: Session) -> None:
        """Write what was collected (the unit of work is about to commit)."""
        session.flush()
        lines = []
        for line in self.pending:
            noted = line.pop("noted", False)
            if line["action"] == "void" or (not noted and line["meeting_id"] in self.skip_meetings):
                continue
            if line["action"] == "update":
                before, after = line["before"] or {}, line["after"] or {}
                changed = [k for k in after if before.get(k) != after[k]]
                if not changed:
                    continue
                line = dict(line, before={k: before.get(k) for k in changed}, after={k: after[k] for k in changed})
            lines.append(line)
        self.pending, self._rows = [], {}
        _insert(session, lines)

    @staticmethod
    def _meeting_of(session: Session, obj: Any) -> int | None:
        d = inspect(obj).dict
        if isinstance(obj, Meeting):
            return d.get("id")
        if isinstance(obj, AgendaItem | Attendance | DiscussionEntry | Resolution):
            return d.get("meeting_id")
        if isinstance(obj, ResolutionCollaborator | FollowUp | DeadlineExtension):
            rid = d.get("resolution_id")
            if rid is None:
                return None
            known = session.identity_map.get(inspect(Resolution).identity_key_from_primary_key((rid,)))
            if known is not None:
                return inspect(known).dict.get("meeting_id")
            return session.connection().execute(select(Resolution.meeting_id).where(Resolution.id == rid)).scalar()
        return None


@dataclass(frozen=True)
class AuditLine:
    """One line of the log as the app and ``dabir audit`` show it."""

    id: int
    when: dt.datetime
    os_user: str
    entity: str
    entity_id: int | None
    entity_uuid: str | None
    action: str
    meeting_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @property
    def entity_label(self) -> str:
        return ENTITY_LABELS.get(self.entity, self.entity)

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)

    def as_dict(self) -> dict[str, Any]:
        """One entry for ``dabir audit --json``: ``id`` is the entry's, ``uuid`` (DESIGN.md's key for
        every record) the changed record's, the same as ``entity_uuid``."""
        from app.persian.jalali import format_jalali_latin

        return {"id": self.id, "uuid": self.entity_uuid, "when": self.when.isoformat(sep=" ", timespec="seconds"),
                "when_jalali": format_jalali_latin(self.when.date()), "os_user": self.os_user,
                "entity": self.entity, "entity_id": self.entity_id, "entity_uuid": self.entity_uuid,
                "action": self.action, "meeting_id": self.meeting_id, "before": self.before, "after": self.after}

    def summary(self) -> str:
        """The changed fields, «place: «تالار» ← «سالن»», or what was created or removed, briefly."""
        if self.action == "update" and self.before is not None and self.after is not None:
            return "، ".join(f"{COLUMN_LABELS.get(k, k)}: «{_short(self.before.get(k))}» ← "
                            f"«{_short(self.after.get(k))}»" for k in self.after)
        values = self.after if self.after is not None else self.before
        if not values:
            return ""
        if self.action == "import" and "package" in values:
            return f"{values.get('office', '')} — \u2066{values['package']}\u2069"
        for key in ("text", "name", "reason", "place", "changes"):
            if key in values:
                return _short(values[key], 80)
        return ""


def _short(value: Any, limit: int = 40) -> str:
    text = "" if value is None else value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def audit_lines(store: Any, *, meeting_id: int | None = None, limit: int | None = None) -> list[AuditLine]:
    """The log, oldest first; with ``meeting_id`` only that meeting's lines (an unknown
    meeting that left lines, a deleted one, is still shown)."""
    stmt = select(AuditEntry).order_by(AuditEntry.id)
    if meeting_id is not None:
        stmt = stmt.where(AuditEntry.meeting_id == meeting_id)
    if limit is not None:
        stmt = stmt.limit(limit)
    with store.reading() as s:
        return [AuditLine(e.id, e.created_at, e.os_user, e.entity, e.entity_id, e.entity_uuid, e.action,
                          e.meeting_id, json.loads(e.before) if e.before else None,
                          json.loads(e.after) if e.after else None)
                for e in s.scalars(stmt)]
