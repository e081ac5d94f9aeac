"""Final minutes stay final (صورتجلسه نهایی): finalising, the seal, and reading revisions.

Finalising is one explicit action (:func:`finalise`; ``dabir finalize``; the editor's
«نهایی کردن صورتجلسه», and saving a meeting with the status «صورتجلسه نهایی»). It checks
that the minutes are complete, then seals them: the meeting becomes revision 1, the
SHA-256 of its content (:mod:`app.services.minutes_content`) is stored, and so is the
content itself, as the first row of ``meeting_revisions``. From then on no service
changes the minutes in place (:func:`refuse_if_final`); a change is an amendment
(اصلاحیه, :func:`app.services.amendments.amend`), which adds a revision and never
removes one, so what was printed and signed before can still be printed.

Meetings that migration 0004 found final are revision 1 without a seal yet;
:func:`ensure_sealed` seals them (with the content they have, which can no longer
change in place) the first time finalising or an amendment touches them.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserError, not_found
from app.persian.labels import ATTENDANCE_STATUS
from app.persian.text import to_persian_digits
from app.services import audit
from app.services.change_tracking import audit_recorder, tracking
from app.services.changes import Changes
from app.services.minutes_content import canonical_json, content_of, fingerprint, revision_label
from app.store.db import Store
from app.store.models import Amendment, Meeting, MeetingRevision, MeetingStatus

__all__ = [
    "AmendmentInfo",
    "FinalState",
    "RevisionInfo",
    "amendments",
    "completeness_problems",
    "ensure_sealed",
    "final_state",
    "finalise",
    "refuse_if_final",
    "revision_content",
    "revisions",
    "seal",
    "wall_time",
]


def wall_time(now: dt.datetime | None) -> dt.datetime:
    """``now`` (the injected clock's, or the computer's) as the local wall time the store keeps."""
    now = now or dt.datetime.now().astimezone()
    return now.replace(tzinfo=None)  # the wall time of the clock it came from, as drafts keep it


def is_final(m: Meeting) -> bool:
    return m.status == MeetingStatus.FINAL or m.finalised_at is not None


def refuse_if_final(m: Meeting) -> None:
    """The one refusal every path that would edit minutes in place gives (editor, service,
    command line, a recovered draft)."""
    if is_final(m):
        raise UserError("meeting_final",
                        f"صورتجلسهٔ جلسهٔ {to_persian_digits(m.number)} نهایی شده است و ویرایش نمی‌شود؛ "
                        "برای تغییر آن «اصلاح صورتجلسه…» را بزنید تا اصلاحیه با ذکر علت ثبت شود.",
                        english="the minutes are final; change them by an amendment")


def completeness_problems(content: dict[str, Any]) -> list[str]:
    """What the minutes still lack to be final, in Persian, one line each."""
    problems: list[str] = []
    if not content["attendees"]:
        problems.append("فهرست حاضرین خالی است.")
    for i, a in enumerate(content["attendees"], start=1):
        name = a["name"] or f"ردیف {to_persian_digits(i)}"
        if a["status"] not in ATTENDANCE_STATUS:
            problems.append(f"وضعیت حضور «{name}» تعیین نشده است.")
        elif a["status"] == "deputy" and not a["deputy_name"].strip():
            problems.append(f"نام نمایندهٔ «{name}» نوشته نشده است.")
    for i, text in enumerate(content["agenda"], start=1):
        if not text.strip():
            problems.append(f"بند {to_persian_digits(i)} دستور جلسه متن ندارد.")
    for i, r in enumerate(content["resolutions"], start=1):
        if not r["text"].strip():
            problems.append(f"مصوبهٔ {to_persian_digits(i)} متن ندارد.")
    return problems


def seal(s: Session, store: Store, m: Meeting, *, now: dt.datetime | None, revision: int) -> str:
    """Store revision ``revision`` of ``m``: its content, fingerprint and the meeting's seal; returns the fingerprint."""
    content = content_of(store.joined(s), m.id)
    fp = fingerprint(content)
    when = wall_time(now)
    m.status = MeetingStatus.FINAL
    m.finalised_at = m.finalised_at or when
    m.revision, m.fingerprint = revision, fp
    s.add(MeetingRevision(meeting_id=m.id, revision=revision, content=canonical_json(content), fingerprint=fp,
                          created_at=when))
    s.flush()
    return fp


def ensure_sealed(s: Session, store: Store, m: Meeting, *, now: dt.datetime | None) -> None:
    """Seal a meeting that was final before seals existed (migration 0004), as its current revision."""
    if not is_final(m):
        return
    if s.scalar(select(MeetingRevision.id).where(MeetingRevision.meeting_id == m.id).limit(1)) is None:
        seal(s, store, m, now=now, revision=max(m.revision, 1))


def check_complete(store: Store, s: Session, meeting_id: int) -> None:
    problems = completeness_problems(content_of(store.joined(s), meeting_id))
    if problems:
        raise UserError("minutes_incomplete",
                        "صورتجلسه کامل نیست و نهایی نمی‌شود:\n" + "\n".join(f"• {p}" for p in problems),
                        english="the minutes are incomplete")


def finalise(store: Store, meeting_id: int, *, now: dt.datetime | None = None) -> Changes:
    """Finalise the minutes (نهایی کردن): check they are complete, seal them as revision 1.

    Raises UserError ``minutes_incomplete`` listing what is missing, ``meeting_final`` if
    they already are final; nothing is written then.
    """
    with store.session() as s, tracking(s) as changed:
        if now is not None:
            audit.set_audit_time(s, now)
        m = s.get(Meeting, meeting_id)
        if m is None:
            raise not_found("meeting", meeting_id)
        if is_final(m):
            has_seal = s.scalar(select(MeetingRevision.id).where(MeetingRevision.meeting_id == m.id).limit(1))
            if has_seal is not None:
                raise UserError("meeting_already_final",
                                f"صورتجلسهٔ جلسهٔ {to_persian_digits(m.number)} از پیش نهایی شده است "
                                f"(ویرایش {to_persian_digits(m.revision)}).", english="already final")
        check_complete(store, s, meeting_id)
        audit_recorder(s).skip_meetings.add(m.id)  # one «finalised» line says it all
        fp = seal(s, store, m, now=now, revision=max(m.revision, 1))
        audit.note(s, "meeting", m.id, "finalise", uuid=m.uuid, meeting_id=m.id,
                   after={"revision": m.revision, "fingerprint": fp})
        changed.note(meetings={m.id})
        return changed.record()


@dataclass(frozen=True)
class FinalState:
    """Whether a meeting's minutes are final, and at which revision (for the editor and the PDF)."""

    final: bool
    revision: int
    finalised_at: dt.datetime | None
    fingerprint: str | None
    last_amended: dt.date | None

    @property
    def label(self) -> str:
        """«ویرایش ۲، اصلاحیهٔ ۱۴۰۵/۰۹/۱۲», «ویرایش ۱»; "" when not final."""
        return revision_label(self.revision, self.last_amended) if self.final else ""


def final_state(store: Store, meeting_id: int) -> FinalState:
    with store.reading() as s:
        m = s.get(Meeting, meeting_id)
        if m is None:
            raise not_found("meeting", meeting_id)
        last = s.scalar(select(Amendment.created_at).where(Amendment.meeting_id == meeting_id)
                        .order_by(Amendment.revision.desc()).limit(1))
        return FinalState(is_final(m), m.revision, m.finalised_at, m.fingerprint, last.date() if last else None)


@dataclass(frozen=True)
class RevisionInfo:
    revision: int
    created_at: dt.datetime
    fingerprint: str


@dataclass(frozen=True)
class AmendmentInfo:
    """One amendment (اصلاحیه) as the PDF and the app list it."""

    revision: int
    created_at: dt.datetime
    reason: str
    os_user: str
    secretary: str
    changes: tuple[dict[str, Any], ...]


def revisions(store: Store, meeting_id: int) -> list[RevisionInfo]:
    with store.reading() as s:
        return [RevisionInfo(r.revision, r.created_at, r.fingerprint) for r in s.scalars(
            select(MeetingRevision).where(MeetingRevision.meeting_id == meeting_id)
            .order_by(MeetingRevision.revision))]


def amendments(store: Store, meeting_id: int, *, up_to: int | None = None) -> list[AmendmentInfo]:
    """The meeting's amendments, oldest first; with ``up_to`` those that made revisions up to it."""
    stmt = select(Amendment).where(Amendment.meeting_id == meeting_id).order_by(Amendment.revision)
    if up_to is not None:
        stmt = stmt.where(Amendment.revision <= up_to)
    with store.reading() as s:
        return [AmendmentInfo(a.revision, a.created_at, a.reason, a.os_user, a.secretary,
                              tuple(json.loads(a.changes))) for a in s.scalars(stmt)]


def revision_content(store: Store, meeting_id: int, revision: int) -> dict[str, Any]:
    """The content of an earlier (or the current) revision as it was sealed."""
    with store.reading() as s:
        if s.get(Meeting, meeting_id) is None:
            raise not_found("meeting", meeting_id)
        row = s.scalar(select(MeetingRevision).where(MeetingRevision.meeting_id == meeting_id,
                                                     MeetingRevision.revision == revision))
        if row is None:
            known = [r for (r,) in s.execute(select(MeetingRevision.revision)
                                             .where(MeetingRevision.meeting_id == meeting_id)
                                             .order_by(MeetingRevision.revision))]
            have = "، ".join(to_persian_digits(r) for r in known) or "هیچ"
            raise UserError("revision_unknown",
                            f"این صورتجلسه ویرایش {to_persian_digits(revision)} ندارد (ویرایش‌های ثبت‌شده: {have}).",
                            english=f"no revision {revision}")
        content: dict[str, Any] = json.loads(row.content)
        return content
