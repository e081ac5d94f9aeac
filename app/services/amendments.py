"""Amendments of final minutes (اصلاحیهٔ صورتجلسه).

Final minutes are never edited in place (:mod:`app.services.minutes_final`). The
secretary opens «اصلاح صورتجلسه…», changes what must change and says why; :func:`amend`
writes the change, records who (the computer's user name and the meeting's secretary
from the directory), when, the reason and each changed field before and after, raises
the revision and seals the new content as a further revision. Earlier revisions stay
in the store as they were sealed.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserError, ValidationError, not_found
from app.services import audit
from app.services.change_tracking import tracking
from app.services.changes import Changes
from app.services.meeting_data import CheckedMeeting, MeetingData, validate
from app.services.meetings import save_draft, write_meeting
from app.services.minutes_content import content_of, field_changes
from app.services.minutes_final import ensure_sealed, is_final, seal, wall_time
from app.services.received import refuse_if_received
from app.services.versions import StaleRecord, refuse_if_stale
from app.store.db import Store
from app.store.models import Amendment, BodyMember, Meeting, MemberRole, Person

__all__ = ["AmendResult", "amend"]


@dataclass(frozen=True)
class AmendResult:
    revision: int
    field_changes: tuple[dict[str, Any], ...]
    changes: Changes


def _secretary_name(s: Any, m: Meeting) -> str:
    if m.secretary_id is not None:
        person = s.get(Person, m.secretary_id)
        if person is not None:
            return str(person.name)
    name = s.scalar(select(Person.name).join(BodyMember, BodyMember.person_id == Person.id)
                    .where(BodyMember.body_id == m.body_id, BodyMember.role == MemberRole.SECRETARY).limit(1))
    return name or ""


def amend(store: Store, meeting_id: int, data: MeetingData, reason: str, *, now: dt.datetime,
          today: dt.date | None = None) -> AmendResult:
    """Change final minutes by an amendment; returns the new revision and what changed.

    Refused, writing nothing: no reason (``amendment_reason_missing``), minutes not final
    (``meeting_not_final``: edit them directly), invalid content (``validation``), nothing
    changed (``amendment_no_change``).
    """
    reason = reason.strip()
    if not reason:
        raise UserError("amendment_reason_missing", "علت اصلاح صورتجلسه را بنویسید؛ بی‌علت اصلاحیه ثبت نمی‌شود.",
                        english="an amendment needs a reason", field="reason")
    checked, problems = validate(data, today=today)
    if checked is None:
        raise ValidationError(problems)
    try:
        with store.session() as s, tracking(s) as changed:
            return _amend(store, s, changed, meeting_id, data, checked, reason, now)
    except StaleRecord:
        save_draft(store, data, now=now)  # the amendment typed is kept, not lost
        raise


def _amend(store: Store, s: Session, changed: Any, meeting_id: int, data: MeetingData, checked: CheckedMeeting,
           reason: str, now: dt.datetime) -> AmendResult:
    audit.set_audit_time(s, now)
    m = s.get(Meeting, meeting_id)
    if m is None:
        raise not_found("meeting", meeting_id)
    refuse_if_received(m)
    if not is_final(m):
        raise UserError("meeting_not_final", "این صورتجلسه هنوز نهایی نشده است؛ آن را مستقیم ویرایش کنید.",
                        english="the minutes are not final")
    refuse_if_stale(s, m, data.version)  # before sealing revision 1 raises the version itself
    ensure_sealed(s, store, m, now=now)
    before = content_of(store.joined(s), meeting_id)
    data.id, data.status = meeting_id, "final"
    write_meeting(s, data, checked, check_version=False)
    after = content_of(store.joined(s), meeting_id)
    diff = field_changes(before, after)
    if not diff:
        raise UserError("amendment_no_change", "در صورتجلسه چیزی تغییر نکرده است؛ اصلاحیه‌ای ثبت نشد.",
                        english="nothing changed")
    revision = m.revision + 1
    seal(s, store, m, now=now, revision=revision)
    s.add(Amendment(meeting_id=m.id, revision=revision, reason=reason, os_user=audit.os_user(),
                    secretary=_secretary_name(s, m), created_at=wall_time(now),
                    changes=json.dumps(diff, ensure_ascii=False)))
    audit.note(s, "meeting", m.id, "amend", uuid=m.uuid, meeting_id=m.id,
               before={"revision": revision - 1},
               after={"revision": revision, "reason": reason, "changes": diff})
    changed.note(meetings={m.id}, resolutions={r.id for r in m.resolutions})
    s.flush()
    data.version = m.version
    return AmendResult(revision, tuple(diff), changed.record())
