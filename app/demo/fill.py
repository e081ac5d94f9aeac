"""Realistic sample data (دادهٔ نمونه) to try Dabir out: ``dabir demo [--reset]``.

Fills a store with the Hamedan provincial council, its five committees and the
governorate's working group, a directory of units and people, and two Jalali
years of meetings ending before ``today``, with resolutions in every follow-up
state. The Hamedan working-group minutes of 1397 are entered word for word.

Everything goes through the services (:func:`save_body`, :func:`save_meeting`
…) so the demo exercises them, but inside one transaction: a failure leaves
the store as it was. The same ``today`` always gives the same content.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.clock import IRAN
from app.demo import bodies as demo_bodies
from app.demo import hamedan, texts
from app.errors import UserError
from app.persian.jalali import (
    QUARTER_NAMES,
    format_jalali,
    format_jalali_latin,
    from_jalali,
    jalali_weekday,
    jalali_year,
    month_length,
    quarter_of,
    to_jalali,
)
from app.persian.text import fa_number, to_persian_digits
from app.services.bodies import save_body, set_members
from app.services.changes import EVERYTHING, Changes
from app.services.directory import person_for, unit_by_name
from app.services.meeting_data import AgendaData, AttendeeData, DiscussionData, MeetingData, ResolutionData
from app.services.meetings import save_meeting
from app.store import history_guard
from app.store.db import Store
from app.store.models import (
    Base,
    Body,
    DeadlineExtension,
    FollowUp,
    Meeting,
    Person,
    Resolution,
    ResolutionStatus,
    Unit,
)

__all__ = ["SEED", "DemoSummary", "fill_demo"]

SEED = 1403
_T = TypeVar("_T")
_DAY = dt.timedelta(days=1)
_OPEN = {"not_started", "in_progress", "partly_done"}
# Why each of texts.FOLLOW_UPS["extension"] extends, and who agreed: the extension's own record.
_EXTENSION_REASONS = (
    ("درخواست واحد مسئول به دلیل حجم کار", "رئیس"),
    ("تأخیر در تخصیص اعتبار", "دبیر"),
    ("اجرا منوط به پاسخ وزارت کشور است", "دبیر"),
)


@dataclass
class DemoSummary:
    """What the store holds after :func:`fill_demo`."""

    bodies: int
    people: int
    units: int
    meetings: int
    resolutions: int
    follow_ups: int
    changes: Changes = EVERYTHING  # a fill (after a reset, say) is a new store: every view reads again

    def describe(self) -> str:
        return (f"دادهٔ نمونه ساخته شد: {fa_number(self.bodies)} نهاد، {fa_number(self.people)} شخص، "
                f"{fa_number(self.units)} واحد، {fa_number(self.meetings)} جلسه، "
                f"{fa_number(self.resolutions)} مصوبه و {fa_number(self.follow_ups)} گزارش پیگیری.")


def fill_demo(store: Store, *, today: dt.date, reset: bool = False) -> DemoSummary:
    """Fill ``store`` with the sample data; with ``reset`` empty it first.

    A store that already has a body is refused (UserError ``demo_not_empty``)
    unless ``reset`` is given; nothing is changed then.
    """
    with store.session() as s:
        if not reset and s.scalar(select(Body.id).limit(1)) is not None:
            raise UserError("demo_not_empty",
                            "پایگاه داده از پیش داده دارد و دادهٔ نمونه روی آن ساخته نمی‌شود. "
                            "برای پاک کردن همهٔ داده‌ها و ساختن دادهٔ نمونه، فرمان را با --reset اجرا کنید.",
                            english="store is not empty; use --reset")
        # Sample data is made, not done: it writes no audit lines, and the made-up history
        # (reports the filler drops again, a reset's wipe) needs the append-only guard off,
        # in this one transaction, put back before it commits (app.store.history_guard).
        s.info["audit"] = False
        with history_guard.lifted(s):
            if reset:
                _wipe(s)
            # The services flush where they need ids; autoflushing before every look-up doubles the time.
            with s.no_autoflush:
                _Filler(store.joined(s), s, today).run()
            s.flush()
        bodies, people, units, meetings, resolutions, follow_ups = (
            s.scalar(select(func.count()).select_from(m)) or 0
            for m in (Body, Person, Unit, Meeting, Resolution, FollowUp))
        return DemoSummary(bodies, people, units, meetings, resolutions, follow_ups)


def _wipe(s: Session) -> None:
    """Delete every row, children before parents, in the caller's transaction."""
    s.execute(update(Body).values(parent_id=None))  # RESTRICT on the body tree fires row by row
    for table in reversed(Base.metadata.sorted_tables):
        s.execute(table.delete())


@dataclass
class _Planned:
    body: texts.BodyPlan
    date: dt.date
    number: int = 0
    status: str = "final"
    supersede: bool = False


@dataclass
class _Made:
    """A resolution as saved, with what the later steps need to know of it."""

    row: Resolution
    meeting: Meeting
    lead_key: str
    follow_ups: list[FollowUp] = field(default_factory=list)
    extensions: dict[int, DeadlineExtension] = field(default_factory=dict)  # by id() of the report that made it


def _fresh(t: texts.R, times_used: int) -> bool:
    """A decision is not taken a fourth time in two years, unless its subject varies."""
    return times_used < 3 or "{idea}" in t.text or "{service}" in t.text


class _Filler:
    def __init__(self, store: Store, s: Session, today: dt.date) -> None:
        self.store, self.s, self.today = store, s, today
        self.now = dt.datetime.combine(today, dt.time(12, 0), IRAN)  # when its minutes were finalised
        self.rng = random.Random(SEED)
        self.people: dict[str, Person] = {}
        self.body_ids: dict[str, int] = {}
        self.used: dict[str, Counter[str]] = {}
        self.made: list[_Made] = []
        self.by_body: dict[str, list[_Made]] = {}
        self.supersede_pending: set[str] = set()  # bodies still owing a superseding resolution

    # --- directory and bodies ------------------------------------------------

    def run(self) -> None:
        for name in texts.UNITS.values():
            unit_by_name(self.s, name)
        for key, (name, post, org, _) in texts.PEOPLE.items():
            self.people[key] = person_for(self.s, name, post, texts.UNITS[org])
        for plan in demo_bodies.BODIES:
            parent = self.body_ids[plan.parent] if plan.parent else None
            row = save_body(self.store, plan.name, plan.kind, parent, plan.meetings_per_year)
            self.body_ids[plan.key] = row.id
            set_members(self.store, row.id, [(self.people[k].id, role) for k, role in plan.members])
        self._hamedan_1397()
        for planned in self._plan():
            self._meeting(planned)
        self._ensure_every_status()

    # --- the schedule --------------------------------------------------------

    def _plan(self) -> list[_Planned]:
        """Every meeting of the current and the previous Jalali year before today, oldest first."""
        rng, first_year = self.rng, jalali_year(self.today) - 1
        missed = (first_year, rng.choice((2, 3)))  # the council skips a whole season: an obligation missed
        out: list[_Planned] = []
        for plan in demo_bodies.BODIES:
            dates: list[dt.date] = []
            for year in (first_year, first_year + 1):
                if plan.rhythm == "monthly":
                    dates += [self._day_in(year, m) for m in range(1, 13) if rng.random() < (0.2 if m == 1 else 0.8)]
                    continue
                for q in range(1, 5):
                    if plan.key == "council" and (year, q) == missed:
                        continue
                    if plan.key != "council" and rng.random() < 0.08:
                        continue
                    months = rng.sample(range(3 * q - 2, 3 * q + 1), 2)
                    dates.append(self._day_in(year, months[0]))
                    if plan.key != "council" and rng.random() < 0.2:  # an extra meeting in the season
                        dates.append(self._day_in(year, months[1]))
            dates = sorted(d for d in dates if d < self.today)
            body_meetings = [_Planned(plan, d) for d in dates]
            numbers: Counter[int] = Counter()
            for p in body_meetings:
                numbers[jalali_year(p.date)] += 1
                p.number = numbers[jalali_year(p.date)]
            if plan.key in ("council", "wg", "suggestions", "it") and len(body_meetings) >= 6:
                body_meetings[rng.randint(2, len(body_meetings) - 4)].supersede = True
            out += body_meetings
        out.sort(key=lambda p: (p.date, demo_bodies.BODIES.index(p.body)))
        for p in out[-2:]:
            p.status = "draft"
        for p in out[-5:-2]:
            p.status = "held"
        return out

    def _day_in(self, year: int, month: int) -> dt.date:
        """A working day of the month, clear of the Nowruz holidays; Thursday and Friday moved."""
        day = self.rng.randint(15 if month == 1 else 3, month_length(year, month) - 2)
        d = from_jalali(year, month, day)
        weekday = jalali_weekday(d)
        return d - _DAY if weekday == 5 else d + _DAY if weekday == 6 else d

    # --- one meeting ---------------------------------------------------------

    def _meeting(self, planned: _Planned) -> None:
        rng, plan, date = self.rng, planned.body, planned.date
        used = self.used.setdefault(plan.key, Counter())
        chair_key = next(k for k, r in plan.members if r == "chair")
        secretary_key = next(k for k, r in plan.members if r == "secretary")
        # Now and then the governor is away and his deputy chairs the council.
        acting_chair = "vice_econ" if plan.key == "council" and rng.random() < 0.25 else chair_key
        attendees, present = self._attendance(plan, acting_chair)
        start = dt.datetime.combine(date, dt.time(8, 0)) + dt.timedelta(minutes=30 * rng.randint(0, 6))
        end = start + dt.timedelta(minutes=rng.choice((60, 75, 90, 90, 105, 120, 150)))
        data = MeetingData(
            body_id=self.body_ids[plan.key], number=planned.number, date=self._typed(date),
            start_time=self._clock(start.time()), end_time=self._clock(end.time()),
            place=rng.choice(plan.places), status=planned.status,
            chair_id=self.people[acting_chair].id,
            secretary_id=self.people[secretary_key].id, attendees=attendees)
        count = rng.randint(2, 5)
        report_first = plan.key in self.by_body and rng.random() < 0.6  # «گزارش دبیر از … جلسه قبل»
        items = self._pick(plan.agenda + texts.GENERAL_AGENDA[1:], used, count - report_first, "a")
        if report_first:
            items.insert(0, texts.GENERAL_AGENDA[0])
        data.agenda = [AgendaData(self._fill(t, date)) for t in items]
        data.discussion = self._discussion(plan, date, present, used, acting_chair, secretary_key)
        sizes = (2, 3, 3, 4, 4, 5) if plan.rhythm == "monthly" else (2, 3, 3, 4, 4, 5, 6)
        k = rng.choice(sizes)
        general = 1 if rng.random() < 0.2 else 0
        templates = self._pick(plan.resolutions, used, k - general, "r", _fresh)
        templates += self._pick(texts.GENERAL_RESOLUTIONS, used, k - len(templates), "g", _fresh)
        plans = [self._resolution(plan, planned, t) for t in templates]
        old = None
        if (planned.supersede or plan.key in self.supersede_pending) and planned.status != "draft":
            old = self._superseded_candidate(plan.key)
            if old is None:  # nothing open to replace yet: a later meeting of the body does it
                self.supersede_pending.add(plan.key)
            else:
                self.supersede_pending.discard(plan.key)
        if old is not None:
            plans.append(self._superseding(plan, planned, old))
            if len(plans) > 6:
                del plans[0]
        data.resolutions = [rd for rd, _, _ in plans]
        meeting_id = save_meeting(self.store, data, today=self.today, now=self.now).meeting_id
        meeting = self.s.get(Meeting, meeting_id)
        assert meeting is not None
        for row, (_, lead_key, reports) in zip(meeting.resolutions, plans, strict=True):
            made = _Made(row, meeting, lead_key)
            for report in reports:
                self._add_follow_up(made, **report)
            self.made.append(made)
            self.by_body.setdefault(plan.key, []).append(made)
        if old is not None:
            self._link_superseded(old, meeting, meeting.resolutions[-1])

    def _attendance(self, plan: texts.BodyPlan, acting_chair: str) -> tuple[list[AttendeeData], set[str]]:
        rng, lines, present = self.rng, [], set()
        for key, role in plan.members:
            person = self.people[key]
            status, deputy = "present", ""
            if key == acting_chair or role == "secretary":
                pass
            elif role == "chair":  # away, and the council is chaired by his deputy
                status = "excused"
            elif role == "guest":
                status = "present" if rng.random() < 0.7 else "absent"
            elif role == "member":
                status = rng.choices(("present", "excused", "absent", "deputy"), (80, 8, 5, 7))[0]
                deputy = rng.choice(texts.DEPUTIES) if status == "deputy" else ""
            if status == "present":
                present.add(key)
            lines.append(AttendeeData(name=person.name, person_id=person.id, status=status, deputy_name=deputy,
                                      kind="guest" if role == "guest" else "member"))
        if rng.random() < 0.3:
            members = {k for k, _ in plan.members}
            others = [k for k in texts.PEOPLE if k not in members]
            for _ in range(rng.randint(1, 2)):
                if rng.random() < 0.5:
                    name, post, org = rng.choice(texts.OUTSIDE_GUESTS)  # typed in: the directory learns them
                    lines.append(AttendeeData(name=name, post=post, organisation=org, kind="guest"))
                else:
                    person = self.people[rng.choice(others)]
                    lines.append(AttendeeData(name=person.name, person_id=person.id, kind="guest"))
        unique = {a.name: a for a in reversed(lines)}  # a guest drawn twice is listed once
        return [a for a in lines if unique[a.name] is a], present

    def _discussion(self, plan: texts.BodyPlan, date: dt.date, present: set[str], used: Counter[str],
                    chair_key: str, secretary_key: str) -> list[DiscussionData]:
        rng = self.rng
        opening, report, want = rng.random() < 0.85, rng.random() < 0.75, rng.randint(2, 5)
        remarks = self._pick(plan.remarks, used, want - opening - report, "m", lambda r, _: r[0] in present)
        if len(remarks) + opening + report < 2:  # too few of the speakers came
            opening = report = True
        out = []
        if opening:
            out.append(DiscussionData(self._speaker(chair_key),
                                      self._fill(self._pick(texts.CHAIR_OPENINGS, used, 1, "o")[0], date)))
        if report:
            out.append(DiscussionData(self._speaker(secretary_key),
                                      self._fill(self._pick(texts.SECRETARY_REPORTS, used, 1, "s")[0], date)))
        out += [DiscussionData(self._speaker(key), self._fill(text, date)) for key, text in remarks]
        return out

    # --- resolutions and their follow-ups ------------------------------------

    def _resolution(self, plan: texts.BodyPlan, planned: _Planned, t: texts.R,
                    text: str | None = None) -> tuple[ResolutionData, str, list[dict[str, object]]]:
        rng, date = self.rng, planned.date
        standing = t.standing and rng.random() < 0.5
        deadline = None
        if not standing:
            deadline = date + dt.timedelta(days=rng.choice((14, 20, 30, 30, 45, 60, 90, 120)))
            if rng.random() < 0.35:  # «تا پایان آذرماه»
                j = to_jalali(deadline)
                deadline = from_jalali(j.year, j.month, month_length(j.year, j.month))
        lead_key = plan.home if t.lead == texts.HOME else t.lead
        collaborators = [plan.home if c == texts.HOME else c for c in t.collaborators if rng.random() < 0.8]
        status = self._status(planned, deadline, standing)
        reports = self._reports(status, date, deadline, lead_key)
        data = ResolutionData(
            text=text or self._fill(t.text, date, deadline), lead_unit=texts.UNITS[lead_key],
            collaborators=[texts.UNITS[c] for c in collaborators if c != lead_key],
            deadline=self._typed(deadline) if deadline else "", standing=standing, status=status)
        return data, lead_key, reports

    def _status(self, planned: _Planned, deadline: dt.date | None, standing: bool) -> str:
        rng = self.rng
        if standing:
            return "standing"
        if planned.status == "draft" or planned.date + 7 * _DAY >= self.today:
            return "not_started"
        if planned.status == "held":
            return rng.choice(("not_started", "not_started", "in_progress"))
        if deadline is not None and deadline < self.today:
            return rng.choices(("done", "partly_done", "in_progress", "not_started", "not_feasible", "cancelled"),
                               (50, 9, 15, 7, 6, 5))[0]
        return rng.choices(("in_progress", "not_started", "done"), (45, 30, 25))[0]

    def _reports(self, status: str, date: dt.date, deadline: dt.date | None,
                 lead_key: str) -> list[dict[str, object]]:
        """Dated follow-up reports that bring a resolution to ``status`` by today."""
        rng, lo, hi = self.rng, date + 7 * _DAY, self.today - _DAY
        if lo > hi:
            return []
        if status in ("done", "partly_done"):
            end = max(lo, min(hi, (deadline or hi) + 20 * _DAY))
            days = self._days(lo, end, rng.choices((1, 2, 3), (6, 3, 1))[0])
            final = 100 if status == "done" else rng.randint(40, 80)
            steps = sorted(rng.sample(range(10, final, 5), len(days) - 1)) if len(days) > 1 else []
            return ([self._report("in_progress", d, lead_key, p) for d, p in zip(days, steps, strict=False)]
                    + [self._report(status, days[-1], lead_key, final)])
        if status == "in_progress":
            days = self._days(lo, hi, rng.choice((1, 1, 2)))
            steps = sorted(rng.sample(range(10, 75, 5), len(days)))
            reports = [self._report("in_progress", d, lead_key, p) for d, p in zip(days, steps, strict=True)]
            if deadline is not None and deadline < self.today and rng.random() < 0.4:
                new = max(deadline, days[-1]) + rng.choice((30, 45, 60, 90)) * _DAY
                reports[-1] = self._report("extension", days[-1], lead_key, steps[-1], new_deadline=new)
            return reports
        if status in ("not_feasible", "cancelled"):
            return [self._report(status, self._days(lo, min(hi, lo + 120 * _DAY), 1)[0], lead_key, None)]
        if status == "not_started" and rng.random() < 0.4:
            return [self._report(status, self._days(lo, hi, 1)[0], lead_key, 0)]
        if status == "standing" and (hi - lo).days > 60 and rng.random() < 0.5:
            return [self._report(status, d, lead_key, None) for d in self._days(lo, hi, rng.randint(1, 2))]
        return []

    def _report(self, kind: str, date: dt.date, lead_key: str, progress: int | None,
                new_deadline: dt.date | None = None) -> dict[str, object]:
        contact = texts.CONTACTS.get(lead_key)
        reporter = (f"{texts.PEOPLE[contact][0]}، {texts.PEOPLE[contact][1]}" if contact
                    else f"رابط {texts.UNITS[lead_key]}")
        extra = {"unit": texts.UNITS[lead_key], "nd": format_jalali(new_deadline)}
        if progress:
            extra["p"] = fa_number(progress)  # the text says the same percentage as the figure
        template = self.rng.choice(texts.FOLLOW_UPS[kind])
        text = self._fill(template, date, extra=extra)
        report: dict[str, object] = {"date": date, "reporter": reporter, "text": text, "progress": progress,
                                     "new_deadline": new_deadline,
                                     "status_after": "in_progress" if kind == "extension" else kind}
        if new_deadline is not None:
            report["extension"] = _EXTENSION_REASONS[texts.FOLLOW_UPS["extension"].index(template)]
        return report

    def _add_follow_up(self, made: _Made, **report: object) -> None:
        # Added by id, not through row.follow_ups, which would cost a lazy load per resolution.
        status = str(report.pop("status_after"))
        extension = report.pop("extension", None)
        fu = FollowUp(resolution_id=made.row.id, reporter_unit_id=made.row.lead_unit_id,
                      status_after=ResolutionStatus(status), **report)
        self.s.add(fu)
        made.follow_ups.append(fu)
        if fu.new_deadline is not None:
            # What extend_deadline would record: the old and new deadline, why, and who agreed.
            reason, who = extension if isinstance(extension, tuple) else _EXTENSION_REASONS[1]
            ext = DeadlineExtension(resolution_id=made.row.id, date=fu.date, old_deadline=made.row.deadline,
                                    new_deadline=fu.new_deadline, reason=reason,
                                    granted_by=f"{who} {made.meeting.body.name}")
            self.s.add(ext)
            made.extensions[id(fu)] = ext
            made.row.deadline = fu.new_deadline

    def _drop_follow_up(self, made: _Made, fu: FollowUp) -> None:
        made.follow_ups.remove(fu)
        ext = made.extensions.pop(id(fu), None)
        if ext is not None:  # the report goes, and the extension it granted with it
            made.row.deadline = ext.old_deadline
            if ext in self.s.new:
                self.s.expunge(ext)
            else:
                self.s.delete(ext)
        if fu in self.s.new:
            self.s.expunge(fu)
        else:
            self.s.delete(fu)

    def _days(self, lo: dt.date, hi: dt.date, n: int) -> list[dt.date]:
        span = (hi - lo).days
        return [lo + k * _DAY for k in sorted(self.rng.sample(range(span + 1), min(n, span + 1)))]

    # --- superseded resolutions ----------------------------------------------

    def _superseded_candidate(self, body_key: str) -> _Made | None:
        open_ones = [m for m in self.by_body.get(body_key, ())
                     if m.row.status.value in _OPEN and m.meeting.status.value == "final" and not m.row.standing]
        return self.rng.choice(open_ones) if open_ones else None

    def _superseding(self, plan: texts.BodyPlan, planned: _Planned,
                     old: _Made) -> tuple[ResolutionData, str, list[dict[str, object]]]:
        intro = self.rng.choice(texts.SUPERSEDING)
        text = intro.format(n=fa_number(old.row.number), k=fa_number(old.meeting.number),
                            date=format_jalali(old.meeting.date), text=old.row.text)
        template = texts.R(old.row.text, old.lead_key)
        return self._resolution(plan, planned, template, text=text)

    def _link_superseded(self, old: _Made, meeting: Meeting, new: Resolution) -> None:
        for fu in [f for f in old.follow_ups if f.date >= meeting.date]:
            self._drop_follow_up(old, fu)  # nobody reports on a resolution after it was replaced
        old.row.status = ResolutionStatus.SUPERSEDED
        old.row.superseded_by_id = new.id
        note = texts.SUPERSEDED_NOTE.format(n=fa_number(new.number), k=fa_number(meeting.number),
                                            date=format_jalali(meeting.date))
        self._add_follow_up(old, date=meeting.date, reporter=f"دبیرخانه {meeting.body.name}", text=note,
                            progress=None, new_deadline=None, status_after="superseded")

    def _ensure_every_status(self) -> None:
        """Small windows (a ``today`` early in the year) may miss a state by chance; turn one in."""
        have = Counter(m.row.status.value for m in self.made)
        overdue = [m for m in self.made if m.row.status.value in _OPEN and m.row.deadline
                   and m.row.deadline < self.today]
        pool = [m for m in self.made if m.meeting.status.value == "final" and m.row.status.value == "done"
                and m.row.deadline is not None and m.row.deadline < self.today]
        wanted = [s.value for s in ResolutionStatus if s.value not in have and s != ResolutionStatus.SUPERSEDED]
        if not overdue and "in_progress" not in wanted:
            wanted.append("in_progress")
        for status, made in zip(wanted, pool, strict=False):
            for fu in list(made.follow_ups):
                self._drop_follow_up(made, fu)
            if status == "standing":
                made.row.standing, made.row.deadline = True, None
            made.row.status = ResolutionStatus(status)
            for report in self._reports(status, made.meeting.date, made.row.deadline, made.lead_key):
                report["status_after"] = status
                self._add_follow_up(made, **report)

    # --- the 1397 minutes ----------------------------------------------------

    def _hamedan_1397(self) -> None:
        """The published minutes of 8 Dey 1397, as one meeting of the working group."""
        governor = person_for(self.s, "شاهرخی", "استاندار همدان", texts.UNITS["governorate"])
        vice = person_for(self.s, "عسگریان", "سرپرست معاونت هماهنگی امور اقتصادی و توسعه منابع",
                          texts.UNITS["governorate"])
        planning = person_for(self.s, "صادقی", texts.PEOPLE["planning_dg"][1], texts.UNITS["governorate"])
        leads = (("staff_offices", ("planning", "admin", "perf", "it")),
                 ("governors", ("directors", "district_heads")),
                 ("governors", ("directors",)),
                 ("vice_econ", ("perf", "admin", "planning", "it")),
                 ("planning", ("staff_offices",)))
        data = MeetingData(
            body_id=self.body_ids["wg"], number=1, date=hamedan.DATE, place="استانداری همدان", status="final",
            chair_id=governor.id, secretary_id=planning.id,
            agenda=[AgendaData(t) for t in hamedan.AGENDA],
            attendees=[AttendeeData(name=p.name, person_id=p.id) for p in (governor, vice, planning)],
            discussion=[DiscussionData(speaker, text) for speaker, text in hamedan.DISCUSSION],
            resolutions=[ResolutionData(text=text, lead_unit=texts.UNITS[lead],
                                        collaborators=[texts.UNITS[c] for c in collab], status="done",
                                        deadline="10/10/1397" if i == 4 else "")
                         for i, (text, (lead, collab)) in enumerate(zip(hamedan.RESOLUTIONS, leads, strict=True))])
        save_meeting(self.store, data, today=self.today, now=self.now)

    # --- small helpers -------------------------------------------------------

    def _pick(self, pool: Sequence[_T], used: Counter[str], k: int, tag: str,
              allowed: Callable[[_T, int], bool] = lambda _, __: True) -> list[_T]:
        """``k`` items, the least used first, so a body's texts come round before they repeat.

        ``allowed(item, times_used)`` may rule items out; then fewer than ``k`` may come back.
        """
        candidates = [i for i in range(len(pool)) if allowed(pool[i], used[f"{tag}{i}"])]
        order = sorted(candidates, key=lambda i: (used[f"{tag}{i}"], self.rng.random()))[:max(k, 0)]
        for i in order:
            used[f"{tag}{i}"] += 1
        return [pool[i] for i in order]

    def _fill(self, template: str, date: dt.date, deadline: dt.date | None = None, *,
              extra: dict[str, str] | None = None) -> str:
        rng = self.rng
        year, q = quarter_of(date)
        a = rng.randint(12, 45)
        b = rng.randint(a // 2, a - 2)
        values = {
            "y": fa_number(year), "py": fa_number(year - 1), "q": QUARTER_NAMES[q],
            "n": fa_number(rng.randint(3, 12)), "p": fa_number(rng.randrange(15, 95, 5)),
            "pl": str(rng.randint(55, 92)), "nl": str(rng.choice((120, 180, 240, 350, 480, 640, 900, 1250))),
            "ltr": f"{rng.randint(1000, 9999)}/{rng.randint(10, 99)}/{rng.randint(100, 999)}",
            "d": format_jalali(deadline), "a": fa_number(a), "b": fa_number(b), "c": fa_number(rng.randint(1, a - b)),
            "idea": rng.choice(texts.IDEAS), "service": rng.choice(texts.SERVICES),
        }
        return template.format_map(values | (extra or {}))

    def _typed(self, d: dt.date) -> str:
        """A date as secretaries type it: Persian or Latin digits, now and then day first."""
        latin = format_jalali_latin(d)
        r = self.rng.random()
        if r < 0.55:
            return to_persian_digits(latin)
        if r < 0.9:
            return latin
        y, m, day = latin.split("/")
        return f"{day}/{m}/{y}"

    def _clock(self, t: dt.time) -> str:
        text = f"{t.hour:02d}:{t.minute:02d}"
        return to_persian_digits(text) if self.rng.random() < 0.5 else text

    def _speaker(self, key: str) -> str:
        """As minutes name a speaker: by post, or «جناب آقای دکتر …، post»."""
        name, post, _, gender = texts.PEOPLE[key]
        r = self.rng.random()
        if r < 0.45:
            return post
        words = name.split()
        title = f"{words[0]} " if words[0] in ("دکتر", "مهندس") else ""
        honorific = "جناب آقای" if gender == "m" else "سرکار خانم"
        return f"{honorific} {title}{words[-1]}، {post}" if r < 0.85 else f"{post}، {honorific} {title}{words[-1]}"
