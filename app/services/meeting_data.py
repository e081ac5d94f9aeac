"""The meeting editor's content as plain data (پیش‌نویس صورتجلسه).

Dates and times are kept as the user typed them, so that an autosaved draft
keeps even text that does not parse yet; :func:`validate` turns them into
values or into Persian messages at the field they belong to.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from app.errors import FieldProblem, UserError
from app.persian.jalali import parse_jalali, parse_time
from app.persian.text import Removed, clean_input, to_persian_digits


@dataclass
class AgendaData:
    text: str = ""
    uuid: str | None = None


@dataclass
class AttendeeData:
    name: str = ""
    person_id: int | None = None
    post: str = ""
    organisation: str = ""
    kind: str = "member"  # AttendanceKind
    status: str = "present"  # AttendanceStatus
    deputy_name: str = ""
    uuid: str | None = None


@dataclass
class DiscussionData:
    speaker: str = ""
    text: str = ""
    agenda_index: int | None = None  # index into MeetingData.agenda
    uuid: str | None = None


@dataclass
class ResolutionData:
    text: str = ""
    lead_unit: str = ""
    collaborators: list[str] = field(default_factory=list)
    deadline: str = ""  # as typed, e.g. «۱۴۰۳/۰۹/۳۰»
    standing: bool = False
    status: str = "not_started"
    uuid: str | None = None
    # Read only, filled from the store by load_meeting and never saved: once a resolution has
    # follow-up reports or deadline extensions, its status, deadline and «مستمر» belong to
    # that history (app.services.followup), not to the minutes.
    follow_ups: int = 0
    extensions: int = 0

    @property
    def locked(self) -> bool:
        """Status and deadline come from the follow-up history (پیگیری) and are not edited here."""
        return bool(self.follow_ups or self.extensions)


@dataclass
class MeetingData:
    body_id: int
    number: int | None = None
    date: str = ""
    start_time: str = ""
    end_time: str = ""
    place: str = ""
    chair_id: int | None = None
    secretary_id: int | None = None
    status: str = "draft"
    agenda: list[AgendaData] = field(default_factory=list)
    attendees: list[AttendeeData] = field(default_factory=list)
    discussion: list[DiscussionData] = field(default_factory=list)
    resolutions: list[ResolutionData] = field(default_factory=list)
    id: int | None = None
    uuid: str | None = None
    # The stored meeting's save counter when this copy was read; a save from an older copy
    # is refused (app.services.meetings.StaleMeeting). None: not checked (a new meeting, a tool).
    version: int | None = None

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, payload: str) -> MeetingData:
        return cls.from_dict(json.loads(payload))

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> MeetingData:
        d = dict(d)
        d["agenda"] = [AgendaData(**a) for a in d.get("agenda", [])]
        d["attendees"] = [AttendeeData(**a) for a in d.get("attendees", [])]
        d["discussion"] = [DiscussionData(**a) for a in d.get("discussion", [])]
        d["resolutions"] = [ResolutionData(**a) for a in d.get("resolutions", [])]
        return cls(**d)


@dataclass
class CheckedMeeting:
    """The values :func:`validate` parsed out of a :class:`MeetingData`."""

    date: dt.date
    start_time: dt.time | None
    end_time: dt.time | None
    deadlines: list[dt.date | None]


def clean_texts(data: MeetingData) -> Removed:
    """Clean every text of ``data`` in place (:func:`app.persian.text.clean_input`); what was removed.

    Every way into the store passes here (saving, the autosaved draft, what an
    import hands to :func:`app.services.meetings.save_meeting`), so no stored
    text carries a bidi control that would make the screen show another order
    than the PDF prints.
    """
    removed = Removed.NOTHING

    def one(text: str, multiline: bool = False) -> str:
        nonlocal removed
        cleaned, what = clean_input(text, multiline=multiline)
        removed |= what
        return cleaned

    data.date, data.start_time, data.end_time = one(data.date), one(data.start_time), one(data.end_time)
    data.place = one(data.place)
    for a in data.agenda:
        a.text = one(a.text, True)
    for p in data.attendees:
        p.name, p.post, p.organisation = one(p.name), one(p.post), one(p.organisation)
        p.deputy_name = one(p.deputy_name)
    for d in data.discussion:
        d.speaker, d.text = one(d.speaker), one(d.text, True)
    for r in data.resolutions:
        r.text, r.lead_unit, r.deadline = one(r.text, True), one(r.lead_unit), one(r.deadline)
        r.collaborators = [one(c) for c in r.collaborators]
    return removed


def _parse(problems: list[FieldProblem], where: str, fn: Any, text: str) -> Any:
    try:
        return fn(text)
    except UserError as exc:
        problems.append(FieldProblem(where, exc.code, exc.message))
        return None


def validate(data: MeetingData, *, today: dt.date | None = None) -> tuple[CheckedMeeting | None, list[FieldProblem]]:
    """Check everything a user could have got wrong; return parsed values and problems."""
    problems: list[FieldProblem] = []
    date = _parse(problems, "date", lambda t: parse_jalali(t, today=today), data.date)
    start = _parse(problems, "start_time", parse_time, data.start_time) if data.start_time.strip() else None
    end = _parse(problems, "end_time", parse_time, data.end_time) if data.end_time.strip() else None
    if start and end and end <= start:
        problems.append(FieldProblem("end_time", "time_order", "ساعت پایان باید پس از ساعت شروع باشد."))
    if data.number is None or data.number < 1:
        problems.append(FieldProblem("number", "number_invalid", "شمارهٔ جلسه باید عددی بزرگ‌تر از صفر باشد."))
    for i, item in enumerate(data.agenda):
        if not item.text.strip():
            problems.append(FieldProblem(f"agenda[{i}].text", "agenda_empty",
                                         f"بند {to_persian_digits(i + 1)} دستور جلسه متن ندارد."))
    for i, a in enumerate(data.attendees):
        if not a.name.strip() and a.person_id is None:
            problems.append(FieldProblem(f"attendees[{i}].name", "attendee_name_empty",
                                         f"ردیف {to_persian_digits(i + 1)} حاضرین نام ندارد."))
        if a.status == "deputy" and not a.deputy_name.strip():
            problems.append(FieldProblem(f"attendees[{i}].deputy_name", "deputy_name_empty",
                                         f"نام نمایندهٔ «{a.name}» را بنویسید."))
    for i, entry in enumerate(data.discussion):
        if not entry.text.strip():
            problems.append(FieldProblem(f"discussion[{i}].text", "discussion_empty",
                                         f"بند {to_persian_digits(i + 1)} خلاصه مذاکرات متن ندارد."))
    deadlines: list[dt.date | None] = []
    for i, r in enumerate(data.resolutions):
        n = to_persian_digits(i + 1)
        if not r.text.strip():
            problems.append(FieldProblem(f"resolutions[{i}].text", "resolution_empty",
                                         f"مصوبهٔ {n} متن ندارد."))
        deadline = None
        if r.deadline.strip():
            if r.standing:
                problems.append(FieldProblem(f"resolutions[{i}].deadline", "standing_with_deadline",
                                             f"مصوبهٔ {n} مستمر است و مهلت نمی‌گیرد؛ یکی را بردارید."))
            deadline = _parse(problems, f"resolutions[{i}].deadline",
                              lambda t: parse_jalali(t, today=today), r.deadline)
            if deadline and date and deadline < date:
                problems.append(FieldProblem(f"resolutions[{i}].deadline", "deadline_before_meeting",
                                             f"مهلت مصوبهٔ {n} پیش از تاریخ جلسه است."))
        deadlines.append(deadline)
    if problems or date is None:
        return None, problems
    return CheckedMeeting(date, start, end, deadlines), problems
