"""Following up resolutions (پیگیری مصوبات): reports, deadline extensions, history, carry-over.

The history of a resolution is append-only: :func:`add_follow_up` adds a dated report
(گزارش پیگیری) and moves the status as :mod:`app.services.lifecycle` allows;
:func:`extend_deadline` records a change of deadline (تمدید مهلت) keeping the old and the
new one, the reason and who granted it, and sets the resolution's current deadline.
Nothing is edited or deleted afterwards; a wrong report is corrected by a later one.

Carry-over: :func:`new_meeting_with_carry_over` starts a body's next meeting with the
standing first agenda item «گزارش پیگیری مصوبات جلسات قبل» and the open resolutions of
its earlier meetings; :func:`record_follow_ups_in_meeting` writes what that meeting
reported onto the original resolutions.

Every refusal is a :class:`UserError` with a stable code and the field it concerns, and
leaves the store as it was. The tracker's rows come from :mod:`app.services.tracker`;
both modules' public names are re-exported here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.errors import FieldProblem, UserError, ValidationError, not_found
from app.persian.jalali import format_jalali
from app.persian.labels import RESOLUTION_STATUS
from app.persian.text import clean_input, clean_line, fa_number
from app.services.change_tracking import tracking
from app.services.changes import Changes
from app.services.lifecycle import (
    OPEN_STATUSES,
    TEXT_REQUIRED,
    allowed_next,
    check_transition,
    due_soon,
    extension_note,
    is_overdue,
    original_deadline,
)
from app.services.meeting_data import AgendaData, MeetingData
from app.services.meetings import new_meeting
from app.services.overview import body_name
from app.services.received import refuse_if_received
from app.services.tracker import TrackerRow, TrackerRows, filter_rows, tracker_rows
from app.store.db import Store
from app.store.models import (
    DeadlineExtension,
    FollowUp,
    Meeting,
    Resolution,
    ResolutionCollaborator,
    ResolutionStatus,
    Unit,
)

__all__ = [
    "CARRY_OVER_AGENDA",
    "CarryOver",
    "ExtensionEntry",
    "ExtensionResult",
    "FollowUpEntry",
    "FollowUpResult",
    "MeetingFollowUp",
    "MeetingFollowUpsResult",
    "ResolutionHistory",
    "TrackerRow",
    "TrackerRows",
    "add_follow_up",
    # re-exported
    "allowed_next",
    "carry_over",
    "carry_over_count",
    "check_transition",
    "due_soon",
    "extend_deadline",
    "extension_note",
    "filter_rows",
    "is_overdue",
    "later_resolutions",
    "new_meeting_with_carry_over",
    "record_follow_ups_in_meeting",
    "resolution_history",
    "resolution_label",
    "tracker_rows",
]

CARRY_OVER_AGENDA = "گزارش پیگیری مصوبات جلسات قبل"


# --- results and history ----------------------------------------------------

@dataclass(frozen=True)
class FollowUpResult:
    """What :func:`add_follow_up` wrote: the report, the resolution's new status and
    deadline, the extension if one was granted, and the change record."""

    follow_up_id: int
    resolution_id: int
    status: str
    deadline: dt.date | None
    extension_id: int | None
    changes: Changes


@dataclass(frozen=True)
class ExtensionResult:
    extension_id: int
    resolution_id: int
    old_deadline: dt.date | None
    new_deadline: dt.date
    changes: Changes


@dataclass(frozen=True)
class MeetingFollowUpsResult:
    """What :func:`record_follow_ups_in_meeting` wrote: one result per entry, in order."""

    results: tuple[FollowUpResult, ...]
    changes: Changes

    def __iter__(self) -> Iterator[FollowUpResult]:
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)


@dataclass(frozen=True)
class FollowUpEntry:
    """One report in a resolution's history."""

    id: int
    uuid: str
    date: dt.date
    reporter: str
    reporter_unit_id: int | None
    reporter_unit: str
    text: str
    progress: int | None
    new_deadline: dt.date | None
    status_after: str | None

    @property
    def status_label(self) -> str:
        return RESOLUTION_STATUS[self.status_after] if self.status_after else ""


@dataclass(frozen=True)
class ExtensionEntry:
    """One change of deadline; ``granted_by_resolution`` names the granting resolution, if any."""

    id: int
    uuid: str
    date: dt.date
    old_deadline: dt.date | None
    new_deadline: dt.date
    reason: str
    granted_by: str
    granted_by_resolution_id: int | None
    granted_by_resolution: str


@dataclass(frozen=True)
class ResolutionHistory:
    """A resolution with its meeting and its whole follow-up history, oldest first."""

    id: int
    uuid: str
    number: int
    text: str
    status: str
    standing: bool
    lead_unit: str
    collaborators: tuple[str, ...]
    deadline: dt.date | None  # current
    original_deadline: dt.date | None  # as the meeting set it
    superseded_by_id: int | None
    superseded_by: str  # «مصوبهٔ ۲ جلسهٔ ۵ … (۱۴۰۳/۰۹/۰۳)» or ""
    meeting_id: int
    meeting_number: int
    meeting_date: dt.date
    meeting_status: str
    body_id: int
    body_name: str
    follow_ups: tuple[FollowUpEntry, ...]
    extensions: tuple[ExtensionEntry, ...]

    @property
    def status_label(self) -> str:
        return RESOLUTION_STATUS[self.status]

    @property
    def extension_count(self) -> int:
        return len(self.extensions)

    @property
    def last_progress(self) -> int | None:
        return next((f.progress for f in reversed(self.follow_ups) if f.progress is not None), None)

    @property
    def timeline(self) -> list[FollowUpEntry | ExtensionEntry]:
        """Reports and extensions in one list by date (on the same day, the report first)."""
        events: list[tuple[dt.date, int, int, FollowUpEntry | ExtensionEntry]] = \
            [(f.date, 0, f.id, f) for f in self.follow_ups] + [(e.date, 1, e.id, e) for e in self.extensions]
        return [e[3] for e in sorted(events, key=lambda e: e[:3])]

    def deadline_note(self) -> str:
        """«دو بار تمدید شده، مهلت اولیه ۱۳۹۷/۱۰/۱۰», or "" if never extended."""
        return extension_note(self.extension_count, self.original_deadline)

    def is_overdue(self, today: dt.date) -> bool:
        return is_overdue(self.deadline, self.status, today)

    def allowed_next(self) -> list[str]:
        return allowed_next(self.status, standing=self.standing)


def resolution_label(r: Resolution) -> str:
    """«مصوبهٔ ۲ جلسهٔ ۵ کمیته آموزش (۱۴۰۳/۰۹/۰۳)»: how a resolution is named in a history."""
    m = r.meeting
    return (f"مصوبهٔ {fa_number(r.number)} جلسهٔ {fa_number(m.number)} {m.body.name} "
            f"({format_jalali(m.date)})")


def _meeting_label(m: Meeting) -> str:
    return f"جلسهٔ {fa_number(m.number)} {m.body.name} ({format_jalali(m.date)})"


def resolution_history(store: Store, resolution_id: int) -> ResolutionHistory:
    with store.reading() as s:
        r = s.scalars(select(Resolution).where(Resolution.id == resolution_id).options(
            selectinload(Resolution.meeting).selectinload(Meeting.body),
            selectinload(Resolution.lead_unit),
            selectinload(Resolution.collaborators).selectinload(ResolutionCollaborator.unit),
            selectinload(Resolution.follow_ups), selectinload(Resolution.extensions))).first()
        if r is None:
            raise not_found("resolution", resolution_id)
        units = {u.id: u.name for u in s.scalars(select(Unit).where(
            Unit.id.in_({f.reporter_unit_id for f in r.follow_ups if f.reporter_unit_id is not None})))}
        follow_ups = tuple(FollowUpEntry(
            f.id, f.uuid, f.date, f.reporter, f.reporter_unit_id, units.get(f.reporter_unit_id or 0, ""), f.text,
            f.progress, f.new_deadline, f.status_after.value if f.status_after else None)
            for f in sorted(r.follow_ups, key=lambda f: (f.date, f.id)))
        extensions = []
        for e in sorted(r.extensions, key=lambda e: (e.date, e.id)):
            granting = s.get(Resolution, e.granted_by_resolution_id) if e.granted_by_resolution_id else None
            extensions.append(ExtensionEntry(
                e.id, e.uuid, e.date, e.old_deadline, e.new_deadline, e.reason, e.granted_by,
                e.granted_by_resolution_id, resolution_label(granting) if granting else ""))
        later = s.get(Resolution, r.superseded_by_id) if r.superseded_by_id else None
        m = r.meeting
        return ResolutionHistory(
            r.id, r.uuid, r.number, r.text, r.status.value, r.standing, r.lead_unit.name if r.lead_unit else "",
            tuple(c.unit.name for c in r.collaborators), r.deadline,
            original_deadline(r.deadline, extensions[0].old_deadline if extensions else None, bool(extensions)),
            r.superseded_by_id, resolution_label(later) if later else "",
            m.id, m.number, m.date, m.status.value, m.body_id, m.body.name, follow_ups, tuple(extensions))


def later_resolutions(store: Store, resolution_id: int) -> list[tuple[int, str]]:
    """(id, label) of the resolutions of the same body's later meetings, newest first: the
    ones that may supersede ``resolution_id`` or grant it a new deadline."""
    with store.reading() as s:
        r = _get_resolution(s, resolution_id)
        later = s.scalars(select(Resolution).join(Meeting).where(
            Meeting.body_id == r.meeting.body_id, Meeting.date > r.meeting.date).options(
            selectinload(Resolution.meeting).selectinload(Meeting.body)).order_by(
            Meeting.date.desc(), Meeting.id.desc(), Resolution.number)).all()
        return [(x.id, f"{resolution_label(x)}: {x.text}") for x in later]


# --- adding reports and extensions ------------------------------------------

def _get_resolution(s: Session, resolution_id: int) -> Resolution:
    r = s.get(Resolution, resolution_id)
    if r is None:
        raise not_found("resolution", resolution_id)
    refuse_if_received(r.meeting)  # a received resolution's history comes with its office's packages
    return r


def _fa_date(d: dt.date) -> str:
    return format_jalali(d)


def _check_date(r: Resolution, date: dt.date, today: dt.date | None, what: str) -> None:
    """A report or an extension is dated between the resolution's meeting and today."""
    meeting_date = r.meeting.date
    if date < meeting_date:
        raise UserError(f"{what}_before_meeting",
                        f"تاریخ {_fa_date(date)} پیش از جلسه‌ای است که مصوبه را گذرانده ({_fa_date(meeting_date)}).",
                        english=f"{what} dated before the meeting", field="date")
    if today is not None and date > today:
        raise UserError(f"{what}_in_future", f"تاریخ {_fa_date(date)} هنوز نرسیده است؛ امروز {_fa_date(today)} است.",
                        english=f"{what} dated after today", field="date")


def _check_granting(s: Session, r: Resolution, granting_id: int | None) -> Resolution | None:
    if granting_id is None:
        return None
    granting = s.get(Resolution, granting_id)
    if granting is None:
        raise UserError("granting_resolution_unknown",
                        f"مصوبه‌ای با شناسهٔ {fa_number(granting_id)} که تمدید را داده باشد پیدا نشد.",
                        english=f"no granting resolution {granting_id}", field="granted_by_resolution_id")
    if granting.id == r.id:
        raise UserError("granting_resolution_self", "مصوبه نمی‌تواند مهلت خودش را تمدید کند؛ مصوبهٔ جلسهٔ بعد را نام ببرید.",
                        english="a resolution cannot extend itself", field="granted_by_resolution_id")
    if granting.meeting.date < r.meeting.date:
        raise UserError("granting_resolution_earlier",
                        f"{resolution_label(granting)} پیش از این مصوبه گذشته و نمی‌تواند مهلت آن را تمدید کند.",
                        english="the granting resolution is older", field="granted_by_resolution_id")
    return granting


def _check_extension(s: Session, r: Resolution, status: str, *, new_deadline: dt.date, reason: str,
                     date: dt.date, granting_id: int | None) -> Resolution | None:
    """Refuse an extension that makes no sense; ``status`` is the one the resolution will have."""
    if r.standing or status == "standing":
        raise UserError("extension_standing", "مصوبهٔ مستمر مهلت ندارد و تمدید نمی‌شود.",
                        english="a standing resolution has no deadline", field="new_deadline")
    if status not in OPEN_STATUSES:
        raise UserError("extension_closed",
                        f"مصوبه‌ای که «{RESOLUTION_STATUS[status]}» است تمدید نمی‌شود؛ "
                        "تنها مصوبه‌های باز (اقدام نشده، در دست اقدام، بخشی انجام شده) مهلت تازه می‌گیرند.",
                        english=f"a {status} resolution is not extended", field="new_deadline")
    if not reason.strip():
        raise UserError("extension_reason_required",
                        "دلیل تمدید مهلت را بنویسید (مثلاً «درخواست واحد مسئول به دلیل تأخیر در تخصیص اعتبار»).",
                        english="an extension needs a reason", field="reason")
    if new_deadline < r.meeting.date:
        raise UserError("deadline_before_meeting",
                        f"مهلت تازه ({_fa_date(new_deadline)}) پیش از تاریخ جلسه ({_fa_date(r.meeting.date)}) است.",
                        english="the new deadline is before the meeting", field="new_deadline")
    if new_deadline < date:
        raise UserError("extension_in_past",
                        f"مهلت تازه ({_fa_date(new_deadline)}) پیش از تاریخ تمدید ({_fa_date(date)}) است و "
                        "همان روز گذشته خواهد بود.", english="the new deadline is already past", field="new_deadline")
    if new_deadline == r.deadline:
        raise UserError("extension_unchanged", f"مهلت فعلی همین {_fa_date(new_deadline)} است.",
                        english="the deadline is unchanged", field="new_deadline")
    return _check_granting(s, r, granting_id)


def _extend(s: Session, r: Resolution, *, date: dt.date, new_deadline: dt.date, reason: str, granted_by: str,
            granting: Resolution | None) -> DeadlineExtension:
    ext = DeadlineExtension(date=date, old_deadline=r.deadline, new_deadline=new_deadline, reason=reason.strip(),
                            granted_by=granted_by.strip() or (resolution_label(granting) if granting else ""),
                            granted_by_resolution_id=granting.id if granting else None)
    r.extensions.append(ext)
    r.deadline = new_deadline
    return ext


def _add(s: Session, r: Resolution, *, date: dt.date, reporter: str, text: str, progress: int | None,
         status_after: str, new_deadline: dt.date | None, reporter_unit: int | None, extension_reason: str,
         granted_by: str, granted_by_resolution_id: int | None, superseded_by: int | None,
         today: dt.date) -> tuple[FollowUp, DeadlineExtension | None]:
    """Check everything first, then write: a refusal leaves the session untouched."""
    status_after = str(status_after)
    reporter, extension_reason, granted_by = clean_line(reporter), clean_line(extension_reason), clean_line(granted_by)
    text = clean_input(text)[0]
    _check_date(r, date, today, "followup")
    last = max((f.date for f in r.follow_ups), default=None)
    if last is not None and date < last:
        raise UserError("followup_out_of_order",
                        f"آخرین گزارش این مصوبه تاریخ {_fa_date(last)} دارد؛ گزارش تازه نمی‌تواند پیش از آن باشد.",
                        english="a report cannot be dated before the last one", field="date")
    if reporter_unit is not None and s.get(Unit, reporter_unit) is None:
        raise not_found("unit", reporter_unit)
    if not reporter.strip() and reporter_unit is None:
        raise UserError("reporter_required", "بنویسید چه کسی یا چه واحدی گزارش داده است.",
                        english="who reported?", field="reporter")
    if progress is not None and (isinstance(progress, bool) or not 0 <= progress <= 100):
        raise UserError("progress_range", f"درصد پیشرفت باید بین ۰ تا ۱۰۰ باشد، نه {fa_number(progress)}.",
                        english="progress must be 0–100", field="progress")
    check_transition(r.status.value, status_after, standing=r.standing, text=text)
    if status_after in TEXT_REQUIRED and not text.strip():
        raise UserError("followup_text_required",
                        f"برای وضعیت «{RESOLUTION_STATUS[status_after]}» بنویسید چه شد (متن گزارش خالی است).",
                        english=f"a {status_after} report needs its text", field="text")
    if status_after == "done":
        if progress is not None and progress != 100:
            raise UserError("done_not_100",
                            f"مصوبهٔ انجام‌شده ۱۰۰ درصد پیشرفت دارد، نه {fa_number(progress)}؛ اگر کار کامل نشده، "
                            "وضعیت «بخشی انجام شده» را بدهید.", english="done means 100%", field="progress")
        progress = 100
    if status_after == "partly_done" and progress is not None and not 0 < progress < 100:
        raise UserError("partly_done_progress", "پیشرفت مصوبه‌ای که بخشی از آن انجام شده بین ۱ تا ۹۹ درصد است.",
                        english="partly done means 1–99%", field="progress")
    later = None
    if status_after == "superseded":
        later = _check_superseding(s, r, superseded_by)
    elif superseded_by is not None:
        raise UserError("superseded_by_unexpected",
                        "مصوبهٔ جایگزین تنها وقتی نام برده می‌شود که وضعیت «جایگزین شده» باشد.",
                        english="superseded_by without the superseded status", field="superseded_by")
    granting = None
    if new_deadline is not None:
        granting = _check_extension(s, r, status_after, new_deadline=new_deadline, reason=extension_reason,
                                    date=date, granting_id=granted_by_resolution_id)
    if later is not None and not text.strip():
        text = f"این مصوبه با {resolution_label(later)} جایگزین شد."
    fu = FollowUp(date=date, reporter=reporter.strip(), reporter_unit_id=reporter_unit, text=text.strip(),
                  progress=progress, new_deadline=new_deadline, status_after=ResolutionStatus(status_after))
    r.follow_ups.append(fu)
    r.status = ResolutionStatus(status_after)
    if later is not None:
        r.superseded_by_id = later.id
    ext = None
    if new_deadline is not None:
        ext = _extend(s, r, date=date, new_deadline=new_deadline, reason=extension_reason,
                      granted_by=granted_by or reporter, granting=granting)
    return fu, ext


def _check_superseding(s: Session, r: Resolution, later_id: int | None) -> Resolution:
    if later_id is None:
        raise UserError("superseded_by_required", "مصوبه‌ای را که جایگزین این مصوبه شده نام ببرید.",
                        english="name the superseding resolution", field="superseded_by")
    later = s.get(Resolution, later_id)
    if later is None:
        raise UserError("superseding_unknown", f"مصوبه‌ای با شناسهٔ {fa_number(later_id)} پیدا نشد؛ "
                        "مصوبهٔ جایگزین باید پیش‌تر در صورتجلسهٔ جلسهٔ بعد ثبت شده باشد.",
                        english=f"no superseding resolution {later_id}", field="superseded_by")
    if later.id == r.id:
        raise UserError("superseding_self", "مصوبه نمی‌تواند جایگزین خودش باشد.",
                        english="a resolution cannot supersede itself", field="superseded_by")
    if later.meeting.date <= r.meeting.date:
        raise UserError("superseding_not_later",
                        f"{resolution_label(later)} در جلسه‌ای پس از این مصوبه گذرانده نشده و نمی‌تواند جایگزین آن باشد.",
                        english="the superseding resolution must be of a later meeting", field="superseded_by")
    return later


def _written(r: Resolution, fu: FollowUp, ext: DeadlineExtension | None) -> Changes:
    """One entry's share of a meeting's reports (the meeting's own record says the whole)."""
    return Changes(resolutions=frozenset({r.id}), meetings=frozenset({r.meeting_id}),
                   follow_ups=frozenset({fu.id}), extensions=frozenset({ext.id} if ext else ()))


def add_follow_up(store: Store, resolution_id: int, *, date: dt.date, reporter: str, text: str,
                  progress: int | None, status_after: str, new_deadline: dt.date | None = None,
                  reporter_unit: int | None = None, extension_reason: str = "", granted_by: str = "",
                  granted_by_resolution_id: int | None = None, superseded_by: int | None = None,
                  today: dt.date) -> FollowUpResult:
    """Append a dated report to a resolution and leave it in ``status_after``.

    - ``date`` lies between the meeting and ``today`` and not before the last report;
    - ``reporter`` (a person or post) or ``reporter_unit`` (a unit id) says who reported;
    - ``progress`` 0–100 or None; «done» is 100 (None becomes 100), «partly done» 1–99;
    - «done», «not feasible» and «cancelled» need ``text``, and so does reopening;
    - «superseded» needs ``superseded_by``: a resolution of a later meeting;
    - ``new_deadline`` also records an extension, which needs ``extension_reason``
      (``granted_by`` defaults to the reporter).

    Codes, besides :func:`check_transition`'s: ``resolution_unknown``, ``unit_unknown``,
    ``followup_before_meeting``, ``followup_in_future``, ``followup_out_of_order``,
    ``reporter_required``, ``progress_range``, ``followup_text_required``, ``done_not_100``,
    ``partly_done_progress``, ``superseded_by_required``, ``superseding_unknown``,
    ``superseding_self``, ``superseding_not_later``, ``superseded_by_unexpected`` and
    :func:`extend_deadline`'s.
    """
    with store.session() as s, tracking(s) as changed:
        r = _get_resolution(s, resolution_id)
        fu, ext = _add(s, r, date=date, reporter=reporter, text=text, progress=progress, status_after=status_after,
                       new_deadline=new_deadline, reporter_unit=reporter_unit, extension_reason=extension_reason,
                       granted_by=granted_by, granted_by_resolution_id=granted_by_resolution_id,
                       superseded_by=superseded_by, today=today)
        s.flush()
        return FollowUpResult(fu.id, r.id, r.status.value, r.deadline, ext.id if ext else None, changed.record())


def extend_deadline(store: Store, resolution_id: int, *, new_deadline: dt.date, reason: str, granted_by: str = "",
                    granted_by_resolution_id: int | None = None, date: dt.date,
                    today: dt.date | None = None) -> ExtensionResult:
    """Change an open resolution's deadline, keeping the old one, the reason and the grantor.

    ``granted_by_resolution_id`` names the resolution that granted it (usually of a later
    meeting); ``granted_by`` defaults to that resolution's name. Codes:
    ``resolution_unknown``, ``extension_standing``, ``extension_closed``,
    ``extension_reason_required``, ``extension_before_meeting``, ``extension_in_future``
    (only when ``today`` is given), ``deadline_before_meeting``, ``extension_in_past``,
    ``extension_unchanged``, ``granting_resolution_unknown``, ``granting_resolution_self``,
    ``granting_resolution_earlier``.
    """
    reason, granted_by = clean_line(reason), clean_line(granted_by)
    with store.session() as s, tracking(s) as changed:
        r = _get_resolution(s, resolution_id)
        granting = _check_extension(s, r, r.status.value, new_deadline=new_deadline, reason=reason, date=date,
                                    granting_id=granted_by_resolution_id)
        _check_date(r, date, today, "extension")
        old = r.deadline
        ext = _extend(s, r, date=date, new_deadline=new_deadline, reason=reason, granted_by=granted_by,
                      granting=granting)
        s.flush()
        return ExtensionResult(ext.id, r.id, old, new_deadline, changed.record())


# --- carry-over -------------------------------------------------------------

@dataclass(frozen=True)
class CarryOver:
    """A new meeting of a body, and the open resolutions it is to follow up."""

    meeting: MeetingData
    carried: list[TrackerRow]


@dataclass
class MeetingFollowUp:
    """What a meeting heard about one earlier resolution (one row of the carry-over item)."""

    resolution_id: int
    status_after: str
    text: str = ""
    progress: int | None = None
    new_deadline: dt.date | None = None
    extension_reason: str = ""
    granted_by_resolution_id: int | None = None
    superseded_by: int | None = None


def carry_over(store: Store, body_id: int, *, today: dt.date, until: dt.date | None = None,
               exclude_meeting_id: int | None = None, include_standing: bool = False) -> list[TrackerRow]:
    """The open resolutions (not started, in progress, partly done) of the body's meetings
    dated on or before ``until`` (default ``today``), oldest meeting first.

    Meetings of any status count (minutes still in draft decided things too); pass the
    meeting being prepared as ``exclude_meeting_id``. ``include_standing`` adds standing
    resolutions, which some secretariats review every meeting.
    """
    body_name(store, body_id)  # an unknown body is refused
    until = until or today
    statuses = OPEN_STATUSES | ({"standing"} if include_standing else set())
    rows = filter_rows(tracker_rows(store, today=today, body_id=body_id), statuses=statuses)
    kept = [r for r in rows if r.meeting_date <= until and r.meeting_id != exclude_meeting_id]
    return sorted(kept, key=lambda r: (r.meeting_date, r.meeting_id, r.number))


def carry_over_count(store: Store, body_id: int, *, until: dt.date, exclude_meeting_id: int | None = None) -> int:
    """How many resolutions :func:`carry_over` would list (without standing ones), counted by
    the store: what a tab's title says before the list itself is read."""
    found = store.read("carry_over_count", body_id=body_id, until=until,
                       exclude=-1 if exclude_meeting_id is None else exclude_meeting_id)
    return int(found[0][0])


def new_meeting_with_carry_over(store: Store, body_id: int, *, today: dt.date) -> CarryOver:
    """:func:`new_meeting`, whose first agenda item is «گزارش پیگیری مصوبات جلسات قبل» when
    earlier meetings left open resolutions (none: no such item)."""
    data = new_meeting(store, body_id, today=today)
    carried = carry_over(store, body_id, today=today)
    if carried:
        data.agenda.insert(0, AgendaData(CARRY_OVER_AGENDA))
    return CarryOver(data, carried)


def record_follow_ups_in_meeting(store: Store, meeting_id: int, entries: Sequence[MeetingFollowUp], *,
                                 today: dt.date) -> MeetingFollowUpsResult:
    """Write a meeting's follow-up reports onto the original resolutions, all or nothing.

    Each report is dated the meeting's date and reported by the meeting («جلسهٔ ۵ … (تاریخ)»),
    which also grants any extension. Problems are gathered for every entry and raised
    together as :class:`ValidationError`, fields named ``entries[i].<field>``; then nothing
    is written. An entry on a resolution of this same meeting is refused
    (``carry_over_same_meeting``).
    """
    problems: list[FieldProblem] = []
    with store.session() as s, tracking(s) as changed:
        meeting = s.get(Meeting, meeting_id)
        if meeting is None:
            raise not_found("meeting", meeting_id)
        reporter = _meeting_label(meeting)
        done: list[tuple[FollowUp, DeadlineExtension | None, Resolution]] = []
        for i, e in enumerate(entries):
            try:
                r = _get_resolution(s, e.resolution_id)
                if r.meeting_id == meeting.id:
                    raise UserError("carry_over_same_meeting", "مصوبهٔ همین جلسه در گزارش پیگیری جلسات قبل نمی‌آید.",
                                    english="a resolution of this meeting is not carried over",
                                    field="resolution_id")
                fu, ext = _add(s, r, date=meeting.date, reporter=reporter, text=e.text, progress=e.progress,
                               status_after=e.status_after, new_deadline=e.new_deadline, reporter_unit=None,
                               extension_reason=e.extension_reason, granted_by=reporter,
                               granted_by_resolution_id=e.granted_by_resolution_id, superseded_by=e.superseded_by,
                               today=today)
                done.append((fu, ext, r))
            except UserError as exc:
                problems.append(FieldProblem(f"entries[{i}].{exc.field or 'resolution_id'}", exc.code, exc.message))
        if problems:
            raise ValidationError(problems)  # the session rolls back what the valid entries added
        s.flush()
        results = tuple(FollowUpResult(fu.id, r.id, r.status.value, r.deadline, ext.id if ext else None,
                                       _written(r, fu, ext)) for fu, ext, r in done)
        return MeetingFollowUpsResult(results, changed.record())
