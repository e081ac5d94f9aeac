"""Meetings (جلسات): create, load, save, list, and the editor's autosaved drafts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.clock import SystemClock
from app.errors import FieldProblem, UserError, ValidationError, not_found
from app.persian.jalali import format_jalali, format_time, jalali_year
from app.persian.text import normalize_for_search, to_persian_digits
from app.services.audit import note as audit_note
from app.services.audit import set_audit_time
from app.services.change_tracking import audit_recorder, tracking
from app.services.changes import Changes
from app.services.directory import person_for, unit_by_name
from app.services.meeting_data import (
    AgendaData,
    AttendeeData,
    CheckedMeeting,
    DiscussionData,
    MeetingData,
    ResolutionData,
    clean_texts,
    validate,
)
from app.services.meeting_read import read_meeting
from app.services.minutes_content import content_of
from app.services.minutes_final import check_complete, refuse_if_final, seal
from app.services.received import refuse_if_received
from app.services.versions import StaleRecord, refuse_if_stale, touch
from app.store.db import Store
from app.store.models import (
    AgendaItem,
    Attendance,
    AttendanceKind,
    AttendanceStatus,
    Body,
    BodyMember,
    DeadlineExtension,
    DiscussionEntry,
    Draft,
    FollowUp,
    Meeting,
    MeetingStatus,
    MemberRole,
    Person,
    Resolution,
    ResolutionCollaborator,
    ResolutionStatus,
)


@dataclass(frozen=True)
class SaveResult:
    """What :func:`save_meeting` did: the meeting's id, whether it is new, and what changed
    (the meeting, its resolutions, any unit or person first named in it, its draft)."""

    meeting_id: int
    created: bool
    changes: Changes


def next_number(session: Session, body_id: int, year: int) -> int:
    """Meetings are numbered per body and Jalali year (جلسه اول، دوم، …)."""
    current = session.scalar(select(func.max(Meeting.number))
                             .where(Meeting.body_id == body_id, Meeting.year == year))
    return (current or 0) + 1


def new_meeting(store: Store, body_id: int, *, today: dt.date) -> MeetingData:
    """An unsaved meeting of the body dated today, numbered next, chair and secretary set, and the
    body's members as attendees, all present, ready to be marked."""
    with store.reading() as s:
        body = s.get(Body, body_id)
        if body is None:
            raise not_found("body", body_id)
        data = MeetingData(body_id=body_id, number=next_number(s, body_id, jalali_year(today)),
                           date=format_jalali(today))
        for m in s.scalars(select(BodyMember).where(BodyMember.body_id == body_id)
                           .order_by(BodyMember.position)):
            if m.role == MemberRole.CHAIR and data.chair_id is None:
                data.chair_id = m.person_id
            elif m.role == MemberRole.SECRETARY and data.secretary_id is None:
                data.secretary_id = m.person_id
    data.attendees = attendees_from_members(store, body_id)
    return data


def attendees_from_members(store: Store, body_id: int) -> list[AttendeeData]:
    """One attendee line per member of the body, all marked present («از اعضا»)."""
    with store.reading() as s:
        rows = s.scalars(select(BodyMember).where(BodyMember.body_id == body_id)
                         .options(selectinload(BodyMember.person)).order_by(BodyMember.position))
        out = []
        for m in rows:
            p = m.person
            kind = "guest" if m.role == MemberRole.STANDING_GUEST else "member"
            out.append(AttendeeData(name=p.name, person_id=p.id, post=p.post,
                                    organisation=p.organisation.name if p.organisation else "", kind=kind))
        return out


def load_meeting(store: Store, meeting_id: int) -> MeetingData:
    """The stored meeting as the editor holds it (:func:`app.services.meeting_read.read_meeting`)."""
    m = read_meeting(store, meeting_id)
    agenda_index = {a.id: i for i, a in enumerate(m.agenda)}
    return MeetingData(
        id=m.id, uuid=m.uuid, body_id=m.body_id, number=m.number, date=format_jalali(m.date),
        start_time=format_time(m.start_time), end_time=format_time(m.end_time), place=m.place,
        chair_id=m.chair_id, secretary_id=m.secretary_id, status=m.status,
        agenda=[AgendaData(a.text, a.uuid) for a in m.agenda],
        attendees=[AttendeeData(a.name, a.person_id, a.post, a.organisation, a.kind, a.status, a.deputy_name, a.uuid)
                   for a in m.attendees],
        discussion=[DiscussionData(d.speaker, d.text,
                                   agenda_index.get(d.agenda_item_id) if d.agenda_item_id else None, d.uuid)
                    for d in m.discussion],
        resolutions=[ResolutionData(r.text, r.lead_unit, list(r.collaborators), format_jalali(r.deadline),
                                    r.standing, r.status, r.uuid, r.follow_ups, r.extensions)
                     for r in m.resolutions],
        version=_version(store, meeting_id),
    )


def _version(store: Store, meeting_id: int) -> int | None:
    found = store.read("meeting_version", id=meeting_id)
    return int(found[0][0]) if found else None


def _history_counts(s: Session, meeting_id: int) -> dict[int, tuple[int, int]]:
    """Resolution id → (follow-up reports, deadline extensions), for those of the meeting that have any."""
    counts: dict[int, list[int]] = {}
    # Extensions also name a granting resolution: join on the resolution they extend.
    for i, rid_col in enumerate((FollowUp.resolution_id, DeadlineExtension.resolution_id)):
        for rid, n in s.execute(select(rid_col, func.count()).join(Resolution, Resolution.id == rid_col)
                                .where(Resolution.meeting_id == meeting_id).group_by(rid_col)):
            counts.setdefault(rid, [0, 0])[i] = n
    return {rid: (fu, ext) for rid, (fu, ext) in counts.items()}


def refresh_history(store: Store, data: MeetingData) -> MeetingData:
    """Bring what the follow-up history owns up to date in ``data`` (an autosaved draft, say).

    For each resolution of the stored meeting that has reports or extensions: the counts,
    and the stored status, deadline and «مستمر», which :func:`save_meeting` keeps anyway.
    """
    if data.id is None:
        return data
    with store.reading() as s:
        history = _history_counts(s, data.id)
        stored = {r.uuid: r for r in s.scalars(select(Resolution).where(Resolution.meeting_id == data.id))}
        for r in data.resolutions:
            row = stored.get(r.uuid or "")
            r.follow_ups, r.extensions = history.get(row.id, (0, 0)) if row is not None else (0, 0)
            if row is not None and r.locked:
                r.status, r.deadline, r.standing = row.status.value, format_jalali(row.deadline), row.standing
    return data


def save_meeting(store: Store, data: MeetingData, *, today: dt.date | None = None,
                 now: dt.datetime | None = None) -> SaveResult:
    """Validate and write the whole meeting in one transaction; drop its draft.

    Rows are matched by uuid, so saving keeps the identity of every agenda item,
    attendee and resolution (and the follow-ups hanging on resolutions).
    Raises :class:`ValidationError` listing every problem; nothing is written then.
    Final minutes are refused (``meeting_final``: an amendment changes them); saving
    with the status «صورتجلسه نهایی» finalises, as :func:`app.services.minutes_final.finalise`
    does (``now``: the app's clock, for the seal's time).
    Texts are cleaned first (:func:`clean_texts`), in ``data`` too.
    """
    clean_texts(data)
    checked, problems = validate(data, today=today)
    if checked is None:
        raise ValidationError(problems)
    try:
        return _save(store, data, checked, now)
    except StaleRecord:
        # Someone saved this meeting after this copy was read: theirs stays, and this one is
        # kept as the meeting's draft, offered when the meeting is opened again.
        save_draft(store, data, now=now or SystemClock().now())
        raise


def _save(store: Store, data: MeetingData, checked: CheckedMeeting, now: dt.datetime | None) -> SaveResult:
    with store.session() as s, tracking(s) as changed:
        if now is not None:
            set_audit_time(s, now)
        if data.id is not None:
            found = s.get(Meeting, data.id)
            if found is None:
                raise not_found("meeting", data.id)
            refuse_if_received(found)
            refuse_if_final(found)
        meeting, created = write_meeting(s, data, checked)
        if meeting.status == MeetingStatus.FINAL:
            check_complete(store, s, meeting.id)
            fp = seal(s, store, meeting, now=now, revision=1)
            audit_note(s, "meeting", meeting.id, "finalise", uuid=meeting.uuid, meeting_id=meeting.id,
                       after={"revision": 1, "fingerprint": fp})
        changed.note(meetings={meeting.id}, resolutions={r.id for r in meeting.resolutions})
        s.flush()
        data.version = meeting.version  # this copy is now the stored one: the next save is not stale
        return SaveResult(meeting.id, created, changed.record())


def write_meeting(s: Session, data: MeetingData, checked: CheckedMeeting, *,
                  check_version: bool = True) -> tuple[Meeting, bool]:
    """Write ``data`` (validated into ``checked``) into session ``s``; drop its draft.
    The caller decides whether the meeting may be written (save, amendment); a copy read
    before the stored meeting's last save is refused unless the caller checked it already
    (``check_version=False``)."""
    body = s.get(Body, data.body_id)
    if body is None:
        raise not_found("body", data.body_id)
    year = jalali_year(checked.date)
    clash = s.scalar(select(Meeting.id).where(
        Meeting.body_id == data.body_id, Meeting.year == year, Meeting.number == data.number,
        Meeting.id != (data.id or 0)))
    if clash is not None:
        raise ValidationError([FieldProblem(
            "number", "number_taken",
            f"جلسهٔ شمارهٔ {to_persian_digits(data.number or 0)} سال {to_persian_digits(year)} "
            f"این نهاد از پیش ثبت شده است.")])
    created = data.id is None
    if created:
        meeting = Meeting(body_id=data.body_id)
        if data.uuid:
            meeting.uuid = data.uuid
        s.add(meeting)
    else:
        found = s.get(Meeting, data.id)
        if found is None:
            raise not_found("meeting", data.id)
        if check_version:
            refuse_if_stale(s, found, data.version)
        meeting = found
        touch(meeting, _utc_now())
    meeting.year, meeting.number, meeting.date = year, data.number or 1, checked.date
    meeting.start_time, meeting.end_time = checked.start_time, checked.end_time
    meeting.place = data.place.strip()
    meeting.chair_id, meeting.secretary_id = data.chair_id, data.secretary_id
    meeting.status = MeetingStatus(data.status)
    s.flush()
    agenda_rows = _sync_agenda(s, meeting, data)
    _sync_attendance(s, meeting, data)
    _sync_discussion(meeting, data, agenda_rows)
    _sync_resolutions(s, meeting, data, checked.deadlines)
    s.flush()
    _drop_draft(s, None if created else meeting.id, data.body_id)
    data.id, data.uuid, data.version = meeting.id, meeting.uuid, meeting.version
    return meeting, created


def _utc_now() -> dt.datetime:
    """The row's own bookkeeping time (as the models' defaults keep it: UTC, naive)."""
    return SystemClock().now().astimezone(dt.UTC).replace(tzinfo=None)


def _by_uuid(rows):  # type: ignore[no-untyped-def]
    return {r.uuid: r for r in rows}


def _sync_agenda(s: Session, meeting: Meeting, data: MeetingData) -> list[AgendaItem]:
    old = _by_uuid(meeting.agenda)
    rows = []
    for i, a in enumerate(data.agenda):
        row = old.pop(a.uuid, None) if a.uuid else None
        if row is None:
            row = AgendaItem(uuid=a.uuid) if a.uuid else AgendaItem()
        row.position, row.text = i, a.text.strip()
        rows.append(row)
    meeting.agenda[:] = rows
    s.flush()
    return rows


def _sync_attendance(s: Session, meeting: Meeting, data: MeetingData) -> None:
    old = _by_uuid(meeting.attendance)
    rows = []
    for i, a in enumerate(data.attendees):
        person = person_for(s, a.name, a.post, a.organisation, person_id=None) if a.person_id is None \
            else s.get(Person, a.person_id)
        if person is None:
            raise not_found("person", a.person_id)
        row = old.pop(a.uuid, None) if a.uuid else None
        if row is None:
            row = Attendance(uuid=a.uuid) if a.uuid else Attendance()
        row.person_id, row.position = person.id, i
        row.kind, row.status = AttendanceKind(a.kind), AttendanceStatus(a.status)
        row.deputy_name = a.deputy_name.strip() if a.status == "deputy" else ""
        row.post = a.post.strip() or person.post
        row.organisation = a.organisation.strip() or (person.organisation.name if person.organisation else "")
        rows.append(row)
        a.person_id = person.id
    meeting.attendance[:] = rows


def _sync_discussion(meeting: Meeting, data: MeetingData, agenda_rows: list[AgendaItem]) -> None:
    old = _by_uuid(meeting.discussion)
    rows = []
    for i, d in enumerate(data.discussion):
        row = old.pop(d.uuid, None) if d.uuid else None
        if row is None:
            row = DiscussionEntry(uuid=d.uuid) if d.uuid else DiscussionEntry()
        row.position, row.speaker, row.text = i, d.speaker.strip(), d.text.strip()
        idx = d.agenda_index
        row.agenda_item_id = agenda_rows[idx].id if idx is not None and 0 <= idx < len(agenda_rows) else None
        rows.append(row)
    meeting.discussion[:] = rows


def _sync_resolutions(s: Session, meeting: Meeting, data: MeetingData, deadlines: list[dt.date | None]) -> None:
    old = _by_uuid(meeting.resolutions)
    kept = {r.uuid for r in data.resolutions if r.uuid}
    with_history = set(_history_counts(s, meeting.id)) if meeting.id is not None else set()  # one query, not two a row
    for gone in (r for u, r in old.items() if u not in kept):
        if gone.id in with_history:
            raise UserError("resolution_has_followups",
                            f"مصوبهٔ {to_persian_digits(gone.number)} سابقهٔ پیگیری یا تمدید دارد و حذف نمی‌شود؛ "
                            "به جای حذف، آن را لغو کنید.", english="resolution has follow-ups")
    _refuse_if_granting(s, [r for u, r in old.items() if u not in kept])
    # Numbers are unique per meeting; park the old ones out of the way first.
    for parked in meeting.resolutions:
        parked.number = -parked.id
    s.flush()
    rows = []
    for i, (r, deadline) in enumerate(zip(data.resolutions, deadlines, strict=True)):
        row = old.pop(r.uuid, None) if r.uuid else None
        if row is None:
            row = Resolution(uuid=r.uuid) if r.uuid else Resolution()
        row.number, row.text = i + 1, r.text.strip()
        row.text_norm = normalize_for_search(row.text)
        row.lead_unit = unit_by_name(s, r.lead_unit)
        # Once reports or extensions exist, add_follow_up / extend_deadline own the status,
        # the deadline and «مستمر» (through the lifecycle): what the editor sends is ignored.
        if row.id is None or row.id not in with_history:
            row.standing = r.standing
            row.deadline = None if r.standing else deadline
            status = ResolutionStatus(r.status)
            if r.standing and status == ResolutionStatus.NOT_STARTED:
                status = ResolutionStatus.STANDING
            row.status = status
        # Reuse rows by unit: the unit of work inserts before it deletes, so a
        # fresh row for a kept unit would collide with the old one.
        existing = {c.unit_id: c for c in row.collaborators}
        wanted: list[ResolutionCollaborator] = []
        for name in r.collaborators:
            unit = unit_by_name(s, name)
            if unit is None or unit is row.lead_unit or any(c.unit_id == unit.id for c in wanted):
                continue
            collab = existing.get(unit.id) or ResolutionCollaborator(unit_id=unit.id)
            collab.position = len(wanted)
            wanted.append(collab)
        row.collaborators[:] = wanted
        rows.append(row)
    meeting.resolutions[:] = rows


def _refuse_if_granting(s: Session, gone: list[Resolution]) -> None:
    """A resolution that granted an extension is named in that extension's append-only record
    (app.store.history_guard): it is not removed."""
    ids = [r.id for r in gone if r.id is not None]
    if not ids:
        return
    granting = s.scalar(select(DeadlineExtension.granted_by_resolution_id)
                        .where(DeadlineExtension.granted_by_resolution_id.in_(ids)).limit(1))
    if granting is not None:
        number = next(r.number for r in gone if r.id == granting)
        raise UserError("resolution_granted_extension",
                        f"مصوبهٔ {to_persian_digits(number)} مهلت مصوبهٔ دیگری را تمدید کرده و در سابقهٔ آن ثبت است؛ "
                        "حذف نمی‌شود. به جای حذف، آن را لغو کنید.", english="resolution granted an extension")


def delete_meeting(store: Store, meeting_id: int, *, now: dt.datetime | None = None) -> Changes:
    """Remove a draft meeting (پیش‌نویس) with its agenda, attendance, discussion, resolutions
    and draft; the audit log keeps its whole content. A held or final meeting is a record
    and is not deleted (``meeting_not_draft``)."""
    with store.session() as s, tracking(s) as changed:
        if now is not None:
            set_audit_time(s, now)
        m = s.get(Meeting, meeting_id)
        if m is None:
            raise not_found("meeting", meeting_id)
        if m.status != MeetingStatus.DRAFT or m.finalised_at is not None:
            raise UserError("meeting_not_draft",
                            f"تنها جلسهٔ پیش‌نویس حذف می‌شود؛ جلسهٔ {to_persian_digits(m.number)} "
                            f"«{'صورتجلسه نهایی' if m.status == MeetingStatus.FINAL else 'برگزارشده'}» است.",
                            english="only a draft meeting can be deleted")
        if any(r.follow_ups or r.extensions for r in m.resolutions):
            raise UserError("meeting_has_followups", "مصوبات این جلسه گزارش پیگیری دارند و جلسه حذف نمی‌شود.",
                            english="meeting has follow-ups")
        _refuse_if_granting(s, list(m.resolutions))
        content = content_of(store.joined(s), m.id)
        audit_recorder(s).skip_meetings.add(m.id)  # one line with the whole content, not one a row
        audit_note(s, "meeting", m.id, "delete", uuid=m.uuid, meeting_id=m.id,
                   before={"body_id": m.body_id, "year": m.year, "status": m.status.value, **content})
        changed.note(meetings={m.id}, resolutions={r.id for r in m.resolutions})
        s.delete(m)
        return changed.record()


# --- drafts -----------------------------------------------------------------

@dataclass(frozen=True)
class DraftRow:
    meeting_id: int | None
    body_id: int | None
    saved_at: dt.datetime
    data: MeetingData


def save_draft(store: Store, data: MeetingData, *, now: dt.datetime) -> Changes:
    """Keep the editor's current content so a crash or a kill loses nothing.

    ``now`` comes from the app's clock; it is stored as local wall time (what the
    «draft of … at 10:42» offer shows).
    """
    clean_texts(data)
    with store.session() as s, tracking(s) as changed:
        draft = _find_draft(s, data.id, data.body_id)
        if draft is None:
            draft = Draft(meeting_id=data.id, body_id=data.body_id)
            s.add(draft)
        draft.payload = data.to_json()
        draft.saved_at = now.replace(tzinfo=None)
        return changed.record()


def _find_draft(s: Session, meeting_id: int | None, body_id: int | None) -> Draft | None:
    stmt = select(Draft).where(Draft.meeting_id == meeting_id) if meeting_id is not None else \
        select(Draft).where(Draft.meeting_id.is_(None), Draft.body_id == body_id)
    return s.scalars(stmt.limit(1)).first()


def _drop_draft(s: Session, meeting_id: int | None, body_id: int | None) -> None:
    draft = _find_draft(s, meeting_id, body_id)
    if draft is not None:
        s.delete(draft)


def discard_draft(store: Store, meeting_id: int | None, body_id: int | None) -> Changes:
    with store.session() as s, tracking(s) as changed:
        _drop_draft(s, meeting_id, body_id)
        return changed.record()


def find_draft(store: Store, meeting_id: int | None, body_id: int | None) -> DraftRow | None:
    with store.reading() as s:
        d = _find_draft(s, meeting_id, body_id)
        return None if d is None else _draft_row(d)


def list_drafts(store: Store) -> list[DraftRow]:
    """The drafts this version can read, newest first (one it cannot is logged and kept)."""
    with store.reading() as s:
        rows = (_draft_row(d) for d in s.scalars(select(Draft).order_by(Draft.saved_at.desc())))
        return [r for r in rows if r is not None]


def _draft_row(d: Draft) -> DraftRow | None:
    from app.services.draft_payload import DraftUnreadable, read_draft

    try:
        data = read_draft(d.payload)
    except DraftUnreadable as exc:
        from app.log import log

        log.warning("draft %s (meeting %s, body %s) cannot be read and is kept as it is: %s",
                    d.id, d.meeting_id, d.body_id, exc)
        return None
    clean_texts(data)  # a draft written before texts were cleaned comes back clean
    return DraftRow(d.meeting_id, d.body_id, d.saved_at, data)
