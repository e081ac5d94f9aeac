"""Following up resolutions: the lifecycle, reports, extensions, overdue, the tracker and carry-over.

Dates are fixed Jalali dates around the 1399/1400 new year (1399 is a leap year: 1399/12/30
exists); nothing reads the real date.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

import pytest
from sqlalchemy import update

from app.errors import UserError, ValidationError
from app.persian.jalali import from_jalali
from app.services import bodies, meetings
from app.services.followup import (
    CARRY_OVER_AGENDA,
    MeetingFollowUp,
    add_follow_up,
    allowed_next,
    carry_over,
    carry_over_count,
    check_transition,
    due_soon,
    extend_deadline,
    filter_rows,
    is_overdue,
    new_meeting_with_carry_over,
    record_follow_ups_in_meeting,
    resolution_history,
    tracker_rows,
)
from app.services.lifecycle import STATUSES
from app.services.meeting_data import ResolutionData
from app.services.resolutions import list_resolutions
from app.services.tracker import count_attention
from app.store.db import Store
from app.store.models import Resolution
from tests.builders import held_meeting


def j(y: int, m: int, d: int) -> dt.date:
    return from_jalali(y, m, d)


TODAY = j(1400, 3, 1)
M1_DATE, M2_DATE = j(1399, 10, 1), j(1400, 2, 10)
LEAP_DAY = j(1399, 12, 30)  # the last day of leap 1399; the next day is 1400/01/01
REPORT_DAY = j(1400, 1, 20)


@dataclass
class World:
    council: int
    committee: int
    m1: int
    m2: int
    r1: int  # deadline 1399/12/30, دفتر فناوری اطلاعات, collaborator كميته آموزش (Arabic letters)
    r2: int  # deadline 1400/01/15, اداره کل امور اداری و مالی
    r3: int  # standing
    r4: int  # no deadline, «کمیته» in the text
    r5: int  # meeting 2, deadline 1400/04/01


@pytest.fixture
def world(store: Store) -> World:
    council = bodies.save_body(store, "شورای راهبری توسعه مدیریت استان", "council").id
    committee = bodies.save_body(store, "کمیته آموزش", "committee", council).id
    m1, (r1, r2, r3, r4) = held_meeting(store, council, M1_DATE, [
        ResolutionData("سامانه میز خدمت الکترونیکی راه‌اندازی شود.", "دفتر فناوری اطلاعات", ["كميته آموزش"],
                       deadline="1399/12/30"),
        ResolutionData("گزارش عملکرد فصل سوم ارسال شود.", "اداره کل امور اداری و مالی", deadline="1400/01/15"),
        ResolutionData("جلسات کمیته‌ها هر ماه برگزار شود.", "دبیرخانه شورا", standing=True),
        ResolutionData("برنامه آموزشی کمیته آموزش تدوین شود.", "کمیته آموزش"),
    ])
    m2, (r5,) = held_meeting(store, council, M2_DATE, [
        ResolutionData("سامانه میز خدمت با درگاه استان یکپارچه شود.", "دفتر فناوری اطلاعات", deadline="1400/04/01"),
    ])
    return World(council, committee, m1, m2, r1, r2, r3, r4, r5)


def snapshot(store: Store) -> tuple[object, ...]:
    """Everything follow-up writes: compared before and after a refusal."""
    return (store.fetch_all("SELECT id, status, deadline, superseded_by_id FROM resolutions ORDER BY id"),
            store.fetch_all("SELECT resolution_id, date, reporter, text, progress, new_deadline, status_after "
                            "FROM follow_ups ORDER BY id"),
            store.fetch_all("SELECT resolution_id, date, old_deadline, new_deadline, reason, granted_by, "
                            "granted_by_resolution_id FROM deadline_extensions ORDER BY id"))


def report(store: Store, rid: int, status: str, *, date: dt.date = REPORT_DAY, text: str = "گزارش رسید.",
           progress: int | None = None, **kw: object):  # type: ignore[no-untyped-def]
    return add_follow_up(store, rid, date=date, reporter="رابط واحد", text=text, progress=progress,
                         status_after=status, today=TODAY, **kw)  # type: ignore[arg-type]


def refused(store: Store, code: str, call) -> UserError:  # type: ignore[no-untyped-def]
    """``call`` raises ``code`` with a Persian message, and the store is as it was."""
    before = snapshot(store)
    with pytest.raises(UserError) as err:
        call()
    assert err.value.code == code, err.value
    assert any("\u0600" <= ch <= "\u06ff" for ch in err.value.message)
    assert snapshot(store) == before
    return err.value


# --- the lifecycle ------------------------------------------------------------

def test_allowed_next_statuses() -> None:
    assert allowed_next("not_started") == [s for s in STATUSES if s != "standing"]
    assert allowed_next("in_progress") == [s for s in STATUSES if s not in ("standing", "not_started")]
    assert allowed_next("done") == ["in_progress", "done", "partly_done"]
    assert allowed_next("standing") == ["cancelled", "superseded", "standing"]
    assert allowed_next("in_progress", standing=True) == ["cancelled", "superseded", "standing"]
    assert allowed_next("cancelled") == allowed_next("superseded") == []


REFUSED = [
    # (current, new, standing flag, code)
    *[(final, new, False, "resolution_closed") for final in ("cancelled", "superseded") for new in STATUSES],
    *[(cur, "not_started", False, "status_backwards") for cur in ("in_progress", "partly_done", "done",
                                                                   "not_feasible")],
    *[(cur, "standing", False, "not_standing") for cur in ("not_started", "in_progress", "partly_done", "done",
                                                          "not_feasible")],
    *[("standing", new, True, "standing_status") for new in ("not_started", "in_progress", "done", "partly_done",
                                                            "not_feasible")],
    *[("done", new, False, "done_cannot_change") for new in ("not_feasible", "cancelled", "superseded")],
]


@pytest.mark.parametrize(("current", "new", "standing", "code"), REFUSED)
def test_every_refused_transition_has_its_code(current: str, new: str, standing: bool, code: str) -> None:
    with pytest.raises(UserError) as err:
        check_transition(current, new, standing=standing, text="شرح کامل")
    assert err.value.code == code and err.value.field == "status_after"


def test_the_table_is_complete() -> None:
    refused_pairs = {(c, n) for c, n, _, _ in REFUSED}
    for current, new in itertools.product(STATUSES, STATUSES):
        standing = current == "standing"
        if (current, new) in refused_pairs:
            assert new not in allowed_next(current, standing=standing)
        else:
            assert new in allowed_next(current, standing=standing), (current, new)
            check_transition(current, new, standing=standing, text="شرح")


@pytest.mark.parametrize(("current", "new"), [("done", "in_progress"), ("done", "partly_done"),
                                              ("not_feasible", "in_progress"), ("not_feasible", "done")])
def test_reopening_needs_the_reason_in_the_text(current: str, new: str) -> None:
    with pytest.raises(UserError) as err:
        check_transition(current, new, text="  ")
    assert (err.value.code, err.value.field) == ("reopen_needs_reason", "text")
    check_transition(current, new, text="واحد مسئول اعلام کرد سامانه دوباره از کار افتاده است.")


def test_unknown_status() -> None:
    with pytest.raises(UserError) as err:
        check_transition("in_progress", "finished")
    assert err.value.code == "status_unknown"


# --- reports through the service ----------------------------------------------

def test_reports_build_an_append_only_history(store: Store, world: World) -> None:
    first = report(store, world.r1, "in_progress", date=j(1399, 11, 1), progress=40)
    assert (first.status, first.deadline, first.extension_id) == ("in_progress", LEAP_DAY, None)
    done = report(store, world.r1, "done", date=j(1399, 12, 25), text="سامانه راه‌اندازی شد.")
    assert done.status == "done"
    h = resolution_history(store, world.r1)
    assert [(f.date, f.progress, f.status_after) for f in h.follow_ups] == [
        (j(1399, 11, 1), 40, "in_progress"), (j(1399, 12, 25), 100, "done")]  # done without a figure is 100
    assert h.status == "done" and h.last_progress == 100 and h.status_label == "انجام شده"
    assert (h.meeting_id, h.meeting_date, h.body_name) == (world.m1, M1_DATE, "شورای راهبری توسعه مدیریت استان")
    assert h.collaborators == ("كميته آموزش",)  # the unit as typed
    # Reopened, with the reason, and a report on the same day as the last one is fine.
    again = report(store, world.r1, "in_progress", date=j(1399, 12, 25),
                   text="سامانه پس از یک روز از دسترس خارج شد و دوباره در دست اقدام است.", progress=90)
    assert again.status == "in_progress"
    assert [f.status_after for f in resolution_history(store, world.r1).follow_ups] == [
        "in_progress", "done", "in_progress"]


def test_a_report_by_unit_only(store: Store, world: World) -> None:
    unit_id = store.fetch_all("SELECT lead_unit_id FROM resolutions WHERE id = :id", id=world.r2)[0][0]
    add_follow_up(store, world.r2, date=j(1400, 1, 5), reporter="", reporter_unit=unit_id, text="", progress=None,
                  status_after="not_started", today=TODAY)
    (entry,) = resolution_history(store, world.r2).follow_ups
    assert entry.reporter_unit == "اداره کل امور اداری و مالی" and entry.status_label == "اقدام نشده"


def test_standing_reports_stay_standing(store: Store, world: World) -> None:
    report(store, world.r3, "standing", text="گزارش دوره‌ای رسید.")
    refused(store, "standing_status", lambda: report(store, world.r3, "done", text="تمام شد."))
    report(store, world.r3, "cancelled", date=j(1400, 2, 1), text="با تصمیم جلسه لغو شد.")
    refused(store, "resolution_closed", lambda: report(store, world.r3, "cancelled", date=j(1400, 2, 2)))


@pytest.mark.parametrize(("setup", "status", "text", "code"), [
    ("cancelled", "in_progress", "ادامه دارد.", "resolution_closed"),
    ("cancelled", "cancelled", "دوباره.", "resolution_closed"),
    ("in_progress", "not_started", "", "status_backwards"),
    ("done", "cancelled", "لغو شد.", "done_cannot_change"),
    ("done", "in_progress", "", "reopen_needs_reason"),
    ("not_feasible", "done", "", "reopen_needs_reason"),
    (None, "standing", "", "not_standing"),
])
def test_refused_transitions_through_the_service(store: Store, world: World, setup: str | None, status: str,
                                                 text: str, code: str) -> None:
    if setup:
        report(store, world.r2, setup, date=j(1400, 1, 10), text="گزارش اول.")
    refused(store, code, lambda: report(store, world.r2, status, text=text))


def test_superseded_needs_a_later_resolution(store: Store, world: World) -> None:
    refused(store, "superseded_by_required", lambda: report(store, world.r1, "superseded"))
    refused(store, "superseding_unknown", lambda: report(store, world.r1, "superseded", superseded_by=999))
    refused(store, "superseding_self", lambda: report(store, world.r1, "superseded", superseded_by=world.r1))
    refused(store, "superseding_not_later", lambda: report(store, world.r1, "superseded", superseded_by=world.r2))
    refused(store, "superseded_by_unexpected", lambda: report(store, world.r1, "in_progress", superseded_by=world.r5))
    result = report(store, world.r1, "superseded", date=M2_DATE, text="", superseded_by=world.r5)
    assert result.status == "superseded"
    h = resolution_history(store, world.r1)
    assert h.superseded_by_id == world.r5
    assert h.superseded_by == "مصوبهٔ ۱ جلسهٔ ۱ شورای راهبری توسعه مدیریت استان (۱۴۰۰/۰۲/۱۰)"
    assert h.follow_ups[-1].text == f"این مصوبه با {h.superseded_by} جایگزین شد."
    refused(store, "resolution_closed", lambda: report(store, world.r1, "in_progress", date=j(1400, 2, 20)))


# --- bad input: a Persian message, nothing half-saved ----------------------------

def test_a_report_dated_before_its_meeting(store: Store, world: World) -> None:
    err = refused(store, "followup_before_meeting", lambda: report(store, world.r1, "in_progress",
                                                                   date=j(1399, 9, 30)))
    assert err.field == "date" and "۱۳۹۹/۰۹/۳۰" in err.message and "۱۳۹۹/۱۰/۰۱" in err.message


def test_a_report_dated_after_today_or_before_the_last_one(store: Store, world: World) -> None:
    refused(store, "followup_in_future", lambda: report(store, world.r1, "in_progress", date=TODAY + dt.timedelta(1)))
    report(store, world.r1, "in_progress", date=j(1400, 1, 20))
    refused(store, "followup_out_of_order", lambda: report(store, world.r1, "in_progress", date=j(1400, 1, 19)))


@pytest.mark.parametrize("progress", [-1, 101, 250])
def test_a_percentage_outside_0_to_100(store: Store, world: World, progress: int) -> None:
    err = refused(store, "progress_range", lambda: report(store, world.r1, "in_progress", progress=progress))
    assert err.field == "progress" and "۰ تا ۱۰۰" in err.message


@pytest.mark.parametrize("status", ["done", "not_feasible", "cancelled"])
def test_done_and_other_endings_need_report_text(store: Store, world: World, status: str) -> None:
    err = refused(store, "followup_text_required", lambda: report(store, world.r1, status, text="   "))
    assert err.field == "text"


def test_progress_must_agree_with_the_status(store: Store, world: World) -> None:
    refused(store, "done_not_100", lambda: report(store, world.r1, "done", progress=80))
    refused(store, "partly_done_progress", lambda: report(store, world.r1, "partly_done", progress=100))
    report(store, world.r1, "partly_done", progress=60)


def test_a_report_needs_a_reporter_and_a_known_resolution(store: Store, world: World) -> None:
    refused(store, "reporter_required", lambda: add_follow_up(
        store, world.r1, date=j(1400, 1, 20), reporter=" ", text="", progress=None, status_after="in_progress",
        today=TODAY))
    refused(store, "resolution_unknown", lambda: report(store, 999, "in_progress"))
    refused(store, "unit_unknown", lambda: add_follow_up(
        store, world.r1, date=j(1400, 1, 20), reporter="x", reporter_unit=999, text="", progress=None,
        status_after="in_progress", today=TODAY))


def test_a_new_deadline_without_a_reason(store: Store, world: World) -> None:
    err = refused(store, "extension_reason_required", lambda: report(
        store, world.r1, "in_progress", new_deadline=j(1400, 3, 31)))
    assert err.field == "reason"


# --- extensions -------------------------------------------------------------------

def test_extended_twice_keeps_the_original_deadline(store: Store, world: World) -> None:
    first = report(store, world.r1, "in_progress", date=j(1399, 12, 20), progress=30, new_deadline=j(1400, 1, 31),
                   extension_reason="تأخیر در تخصیص اعتبار")
    assert first.extension_id is not None and first.deadline == j(1400, 1, 31)
    second = extend_deadline(store, world.r1, new_deadline=j(1400, 4, 31), reason="انتظار پاسخ وزارت کشور",
                             granted_by_resolution_id=world.r5, date=M2_DATE, today=TODAY)
    assert (second.old_deadline, second.new_deadline) == (j(1400, 1, 31), j(1400, 4, 31))
    h = resolution_history(store, world.r1)
    assert h.extension_count == 2 and h.original_deadline == LEAP_DAY and h.deadline == j(1400, 4, 31)
    assert [(e.old_deadline, e.new_deadline) for e in h.extensions] == [
        (LEAP_DAY, j(1400, 1, 31)), (j(1400, 1, 31), j(1400, 4, 31))]
    assert h.extensions[0].granted_by == "رابط واحد"  # the reporter, when nobody else is named
    assert h.extensions[1].granted_by == h.extensions[1].granted_by_resolution == \
        "مصوبهٔ ۱ جلسهٔ ۱ شورای راهبری توسعه مدیریت استان (۱۴۰۰/۰۲/۱۰)"
    assert h.deadline_note() == "دو بار تمدید شده، مهلت اولیه ۱۳۹۹/۱۲/۳۰"
    assert [type(e).__name__ for e in h.timeline] == ["FollowUpEntry", "ExtensionEntry", "ExtensionEntry"]
    row = tracker_rows(store, today=TODAY, resolution_ids=[world.r1])[0]
    assert (row.extensions, row.original_deadline, row.deadline) == (2, LEAP_DAY, j(1400, 4, 31))
    assert row.deadline_note() == h.deadline_note() and not row.overdue


def _extend(store: Store, rid: int, **kw: object):  # type: ignore[no-untyped-def]
    args: dict[str, object] = {"new_deadline": j(1400, 3, 31), "reason": "درخواست واحد", "date": j(1400, 1, 20),
                               "today": TODAY}
    args.update(kw)
    return extend_deadline(store, rid, **args)  # type: ignore[arg-type]


def test_refused_extensions(store: Store, world: World) -> None:
    refused(store, "extension_reason_required", lambda: _extend(store, world.r1, reason=" "))
    refused(store, "granting_resolution_unknown", lambda: _extend(store, world.r1, granted_by_resolution_id=999))
    refused(store, "granting_resolution_self", lambda: _extend(store, world.r1, granted_by_resolution_id=world.r1))
    refused(store, "granting_resolution_earlier", lambda: _extend(store, world.r5, date=j(1400, 2, 20),
                                                                  granted_by_resolution_id=world.r1))
    refused(store, "deadline_before_meeting", lambda: _extend(store, world.r5, date=j(1400, 2, 20),
                                                              new_deadline=j(1400, 2, 1)))
    refused(store, "extension_in_past", lambda: _extend(store, world.r1, new_deadline=j(1400, 1, 10)))
    refused(store, "extension_unchanged", lambda: _extend(store, world.r1, new_deadline=LEAP_DAY,
                                                          date=j(1399, 12, 1)))
    refused(store, "extension_before_meeting", lambda: _extend(store, world.r1, date=j(1399, 9, 1)))
    refused(store, "extension_in_future", lambda: _extend(store, world.r1, date=j(1400, 3, 2)))
    refused(store, "extension_standing", lambda: _extend(store, world.r3))
    refused(store, "resolution_unknown", lambda: _extend(store, 999))
    report(store, world.r2, "done", date=j(1400, 1, 10), text="ارسال شد.")
    refused(store, "extension_closed", lambda: _extend(store, world.r2))
    refused(store, "extension_closed", lambda: report(store, world.r2, "done", text="باز هم.",
                                                      new_deadline=j(1400, 3, 31), extension_reason="x"))


def test_a_resolution_without_a_deadline_gets_one(store: Store, world: World) -> None:
    result = _extend(store, world.r4)
    assert (result.old_deadline, result.new_deadline) == (None, j(1400, 3, 31))
    h = resolution_history(store, world.r4)
    assert h.deadline_note() == "یک بار تمدید شده، بدون مهلت اولیه"


# --- overdue and due soon ----------------------------------------------------------

def test_the_deadline_day_is_not_overdue_across_the_new_year() -> None:
    assert LEAP_DAY + dt.timedelta(days=1) == j(1400, 1, 1)
    assert not is_overdue(LEAP_DAY, "in_progress", j(1399, 12, 29))
    assert not is_overdue(LEAP_DAY, "in_progress", LEAP_DAY)
    assert is_overdue(LEAP_DAY, "in_progress", j(1400, 1, 1))
    assert is_overdue(j(1399, 12, 29), "not_started", LEAP_DAY)
    assert is_overdue(LEAP_DAY, "partly_done", j(1400, 6, 1))


@pytest.mark.parametrize("status", ["done", "standing", "cancelled", "superseded", "not_feasible"])
def test_closed_and_standing_are_never_overdue(status: str) -> None:
    assert not is_overdue(LEAP_DAY, status, j(1401, 1, 1))
    assert not due_soon(LEAP_DAY, status, LEAP_DAY)


def test_no_deadline_is_never_overdue() -> None:
    assert not is_overdue(None, "in_progress", j(1401, 1, 1))
    assert not due_soon(None, "in_progress", j(1401, 1, 1))


def test_due_soon_counts_seven_days_both_ends_included() -> None:
    assert due_soon(LEAP_DAY, "in_progress", LEAP_DAY)  # due today
    assert due_soon(LEAP_DAY, "in_progress", j(1399, 12, 23))  # seven days ahead
    assert not due_soon(LEAP_DAY, "in_progress", j(1399, 12, 22))  # eight
    assert not due_soon(LEAP_DAY, "in_progress", j(1400, 1, 1))  # overdue, not due soon
    assert due_soon(j(1400, 1, 3), "not_started", j(1399, 12, 28))  # across the new year: 5 days
    assert due_soon(j(1400, 1, 3), "not_started", j(1399, 12, 28), days=5)
    assert not due_soon(j(1400, 1, 3), "not_started", j(1399, 12, 28), days=4)


def test_tracker_flags_follow_the_injected_today(store: Store, world: World) -> None:
    def flags(today: dt.date) -> dict[int, tuple[bool, bool]]:
        return {r.id: (r.overdue, r.due_soon) for r in tracker_rows(store, today=today)}

    before = flags(j(1399, 12, 25))
    assert before[world.r1] == (False, True) and before[world.r2] == (False, False)
    on_the_day = flags(LEAP_DAY)
    assert on_the_day[world.r1] == (False, True)
    new_year = flags(j(1400, 1, 1))
    assert new_year[world.r1] == (True, False) and new_year[world.r2] == (False, False)
    assert flags(j(1400, 1, 8))[world.r2] == (False, True)
    assert flags(j(1400, 1, 16))[world.r2] == (True, False)
    assert all(not o and not s for o, s in (new_year[world.r3], new_year[world.r4]))


# --- the tracker -----------------------------------------------------------------

def test_tracker_rows_carry_what_the_tracker_shows(store: Store, world: World) -> None:
    report(store, world.r1, "in_progress", date=j(1399, 11, 1), progress=40)
    report(store, world.r1, "in_progress", date=j(1399, 11, 20), text="نامه پیگیری ارسال شد.")
    rows = tracker_rows(store, today=j(1400, 1, 1))
    assert len(rows) == 5
    assert rows.ids == [world.r5, world.r1, world.r2, world.r3, world.r4]  # newest meeting first
    r1 = rows[1]
    assert (r1.body_id, r1.body_name, r1.meeting_id, r1.meeting_number, r1.meeting_date, r1.number) == (
        world.council, "شورای راهبری توسعه مدیریت استان", world.m1, 1, M1_DATE, 1)
    assert (r1.lead_unit, r1.collaborators, r1.collaborators_text) == (
        "دفتر فناوری اطلاعات", ("كميته آموزش",), "كميته آموزش")
    assert (r1.deadline, r1.original_deadline, r1.extensions, r1.deadline_note()) == (LEAP_DAY, LEAP_DAY, 0, "")
    assert (r1.last_follow_up, r1.last_progress) == (j(1399, 11, 20), 40)  # a report without a figure keeps 40
    assert (r1.status, r1.status_label, r1.overdue, r1.is_open) == ("in_progress", "در دست اقدام", True, True)
    assert rows[3].standing and rows[3].deadline is None and len(rows[1].uuid) == 36
    assert rows[-1].id == world.r4 and [r.id for r in rows[1:3]] == [world.r1, world.r2]
    assert count_attention(rows) == (0, 1) == count_attention(list(rows))


FILTERS = [
    ({"text": "كميته"}, "r3 r4"),  # Arabic kaf and yeh find «کمیته»
    ({"text": "کمیته‌ها"}, "r3"),  # ZWNJ or not
    ({"text": "کمیتهها"}, "r3"),
    ({"text": "سامانه خدمت"}, "r5 r1"),  # every word, in any order
    ({"unit": "دفتر فناوري اطلاعات"}, "r5 r1"),  # Arabic yeh in the unit's name
    ({"unit": "کمیته آموزش"}, "r4"),
    ({"unit": "کمیته آموزش", "collaborating": True}, "r1 r4"),
    ({"statuses": {"not_started"}}, "r5 r1 r2 r4"),
    ({"statuses": ["standing"]}, "r3"),
    ({"deadline_from": j(1400, 1, 1)}, "r5 r2"),
    ({"deadline_to": LEAP_DAY}, "r1"),
    ({"deadline_from": LEAP_DAY, "deadline_to": j(1400, 1, 15)}, "r1 r2"),
    ({"overdue_only": True}, "r1"),
    ({"due_soon_only": True}, "r2"),
    ({"body_id": 999}, ""),
    ({"overdue_only": True, "unit": "دفتر فناوری اطلاعات", "text": "سامانه"}, "r1"),
    ({}, "r5 r1 r2 r3 r4"),
]


@pytest.mark.parametrize(("filters", "expected"), FILTERS)
def test_filter_rows(store: Store, world: World, filters: dict[str, object], expected: str) -> None:
    names = {world.r1: "r1", world.r2: "r2", world.r3: "r3", world.r4: "r4", world.r5: "r5"}
    rows = tracker_rows(store, today=j(1400, 1, 10))
    view = filter_rows(rows, **filters)  # type: ignore[arg-type]
    assert " ".join(names[r.id] for r in view) == expected
    plain = filter_rows(list(rows), **filters)  # type: ignore[arg-type]
    assert plain == list(view)  # the pure path agrees with the fast one


def test_text_search_scans_or_names_the_rows(store: Store, world: World) -> None:
    rows = tracker_rows(store, today=TODAY)
    table = rows._t  # both ways the store is asked: every row (a large view) or the few left
    assert table.ids_with_words(["سامانه"]) == table.ids_with_words(["سامانه"], [world.r1, world.r5]) == {
        world.r1, world.r5}
    assert table.ids_with_words(["سامانه"], [world.r2]) == set()
    assert tracker_rows(store, today=TODAY, body_id=world.council)._t.ids_with_words(["کمیته"]) == {
        world.r3, world.r4}
    assert table.ids_with_words(["س_م"]) == table.ids_with_words(["س%م"]) == set()  # not wildcards: «سام» is not «س_م»


def test_rows_saved_without_a_normalised_text_are_still_found(store: Store, world: World) -> None:
    with store.session() as s:
        s.execute(update(Resolution).where(Resolution.id == world.r4).values(text_norm=""))
    rows = tracker_rows(store, today=TODAY)
    assert rows._t.ids_with_words(["کمیته"]) == {world.r3, world.r4}
    assert filter_rows(rows, text="كميته").ids == [world.r3, world.r4]
    assert rows[rows.index_of(world.r4) or 0].text_norm == "برنامه آموزشی کمیته آموزش تدوین شود."


@pytest.mark.parametrize("which", ["all", "body", "ids"])
def test_details_read_in_bulk_or_by_block_agree(store: Store, world: World, which: str) -> None:
    scope: dict[str, object] = {"all": {}, "body": {"body_id": world.council},
                                "ids": {"resolution_ids": [world.r2, world.r5]}}[which]
    report(store, world.r2, "in_progress", progress=20, new_deadline=j(1400, 3, 1), extension_reason="درخواست واحد")
    by_block = list(tracker_rows(store, today=TODAY, **scope))  # type: ignore[arg-type]
    bulk = tracker_rows(store, today=TODAY, **scope)  # type: ignore[arg-type]
    bulk._t._load_details(None)  # what an export of many rows does
    assert list(bulk) == by_block and len(by_block) == (2 if scope.get("resolution_ids") else 5)


def test_filter_by_body_and_unit_id(store: Store, world: World) -> None:
    rows = tracker_rows(store, today=TODAY)
    assert len(filter_rows(rows, body_id=world.council)) == 5
    assert len(filter_rows(rows, body_id={world.committee})) == 0
    unit_id = rows[0].lead_unit_id
    assert unit_id is not None
    assert filter_rows(rows, unit=unit_id).ids == [world.r5, world.r1]


def test_sorting_and_refreshing_rows(store: Store, world: World) -> None:
    rows = tracker_rows(store, today=TODAY)
    assert rows.sorted("deadline").ids == [world.r1, world.r2, world.r5, world.r3, world.r4]  # none last
    assert rows.sorted("deadline", descending=True).ids[:3] == [world.r5, world.r2, world.r1]
    assert rows.sorted("number").ids[-1] == world.r4
    assert rows.sorted("status").ids[-1] == world.r3
    assert rows.sorted("meeting_date").ids[-1] == world.r5
    assert rows.index_of(world.r2) == 2 and rows.index_of(999) is None
    with pytest.raises(ValueError, match="colour"):
        rows.sorted("colour")
    overdue = filter_rows(rows, overdue_only=True)
    assert overdue.ids == [world.r1, world.r2]
    assert filter_rows(rows, unit="دفتر فناوری اطلاعات", collaborating=True).ids == [world.r5, world.r1]
    report(store, world.r1, "done", text="راه‌اندازی شد.")
    extend_deadline(store, world.r2, new_deadline=j(1400, 6, 1), reason="درخواست واحد", date=REPORT_DAY,
                    today=TODAY)
    assert rows[1].status == "not_started"  # as read when opened
    rows.refresh([world.r1, world.r2, 999])
    assert (rows[1].status, rows[1].last_progress, rows[1].overdue) == ("done", 100, False)
    assert (rows[2].deadline, rows[2].extensions, rows[2].overdue) == (j(1400, 6, 1), 1, False)
    assert filter_rows(rows, overdue_only=True).ids == []
    assert filter_rows(rows, statuses=["done"]).ids == [world.r1]
    assert rows.sorted("deadline").ids[:2] == [world.r1, world.r5]
    assert count_attention(rows) == (0, 0)
    one = tracker_rows(store, today=TODAY, resolution_ids=[world.r2])
    assert one.ids == [world.r2] and one[0].text == "گزارش عملکرد فصل سوم ارسال شود."
    assert len(tracker_rows(store, today=TODAY, resolution_ids=[])) == 0
    assert tracker_rows(store, today=TODAY, body_id=world.committee).ids == []


# --- carry-over ----------------------------------------------------------------------

def test_carry_over_offers_the_open_resolutions(store: Store, world: World) -> None:
    report(store, world.r2, "done", date=j(1400, 1, 10), text="ارسال شد.")
    carried = carry_over(store, world.council, today=TODAY)
    assert [r.id for r in carried] == [world.r1, world.r4, world.r5]  # oldest meeting first; done and standing not
    assert [r.id for r in carry_over(store, world.council, today=TODAY, include_standing=True)] == [
        world.r1, world.r3, world.r4, world.r5]
    assert [r.id for r in carry_over(store, world.council, today=TODAY, until=j(1400, 1, 1))] == [world.r1, world.r4]
    assert [r.id for r in carry_over(store, world.council, today=TODAY, exclude_meeting_id=world.m2)] == [
        world.r1, world.r4]
    with pytest.raises(UserError) as err:
        carry_over(store, 999, today=TODAY)
    assert err.value.code == "body_unknown"
    for until, exclude in ((TODAY, None), (j(1400, 1, 1), None), (TODAY, world.m2), (M1_DATE, world.m1)):
        assert carry_over_count(store, world.council, until=until, exclude_meeting_id=exclude) == len(
            carry_over(store, world.council, today=TODAY, until=until, exclude_meeting_id=exclude))

    offer = new_meeting_with_carry_over(store, world.council, today=TODAY)
    assert offer.meeting.agenda[0].text == CARRY_OVER_AGENDA == "گزارش پیگیری مصوبات جلسات قبل"
    assert offer.meeting.number == 2 and offer.meeting.body_id == world.council  # second meeting of 1400
    assert [r.id for r in offer.carried] == [world.r1, world.r4, world.r5]

    quiet = new_meeting_with_carry_over(store, world.committee, today=TODAY)
    assert quiet.carried == [] and quiet.meeting.agenda == []


def test_follow_ups_entered_in_a_meeting_land_on_the_originals(store: Store, world: World) -> None:
    offer = new_meeting_with_carry_over(store, world.council, today=TODAY)
    m3 = meetings.save_meeting(store, offer.meeting, today=TODAY).meeting_id
    results = record_follow_ups_in_meeting(store, m3, [
        MeetingFollowUp(world.r1, "done", "سامانه میز خدمت راه‌اندازی و گزارش آن ارائه شد."),
        MeetingFollowUp(world.r4, "in_progress", "پیش‌نویس برنامه ارائه شد.", progress=50,
                        new_deadline=j(1400, 6, 31), extension_reason="نیاز به نظر کمیته آموزش"),
    ], today=TODAY)
    assert [(r.resolution_id, r.status) for r in results] == [(world.r1, "done"), (world.r4, "in_progress")]
    label = "جلسهٔ ۲ شورای راهبری توسعه مدیریت استان (۱۴۰۰/۰۳/۰۱)"
    h1 = resolution_history(store, world.r1)
    assert [(f.date, f.reporter, f.status_after, f.progress) for f in h1.follow_ups] == [
        (TODAY, label, "done", 100)]
    h4 = resolution_history(store, world.r4)
    assert h4.deadline == j(1400, 6, 31) and h4.extensions[0].granted_by == label
    assert list_resolutions(store, meeting_id=m3) == []  # nothing was added to the new meeting itself
    assert [r.id for r in offer.carried] == [world.r1, world.r2, world.r4, world.r5]
    assert [r.id for r in carry_over(store, world.council, today=TODAY, exclude_meeting_id=m3)] == [
        world.r2, world.r4, world.r5]  # r1 is done now


def test_a_bad_entry_saves_none_of_the_meeting_s_reports(store: Store, world: World) -> None:
    data = meetings.new_meeting(store, world.council, today=TODAY)
    m3 = meetings.save_meeting(store, data, today=TODAY).meeting_id
    before = snapshot(store)
    with pytest.raises(ValidationError) as err:
        record_follow_ups_in_meeting(store, m3, [
            MeetingFollowUp(world.r1, "in_progress", "ادامه دارد.", progress=30),
            MeetingFollowUp(world.r4, "in_progress", progress=140),
            MeetingFollowUp(world.r5, "done"),
            MeetingFollowUp(999, "done", "x"),
        ], today=TODAY)
    assert [(p.field, p.code) for p in err.value.problems] == [
        ("entries[1].progress", "progress_range"), ("entries[2].text", "followup_text_required"),
        ("entries[3].resolution_id", "resolution_unknown")]
    assert snapshot(store) == before


def test_a_meeting_does_not_follow_up_its_own_resolutions(store: Store, world: World) -> None:
    with pytest.raises(ValidationError) as err:
        record_follow_ups_in_meeting(store, world.m2, [MeetingFollowUp(world.r5, "in_progress")], today=TODAY)
    assert err.value.problems[0].code == "carry_over_same_meeting"
    with pytest.raises(UserError) as unknown:
        record_follow_ups_in_meeting(store, 999, [], today=TODAY)
    assert unknown.value.code == "meeting_unknown"


def test_history_of_an_unknown_resolution(store: Store) -> None:
    with pytest.raises(UserError) as err:
        resolution_history(store, 42)
    assert err.value.code == "resolution_unknown" and "۴۲" in err.value.message


def test_later_resolutions_are_those_of_the_body_s_later_meetings(store: Store, world: World) -> None:
    from app.services.followup import later_resolutions

    later = later_resolutions(store, world.r1)
    assert [rid for rid, _ in later] == [world.r5]
    assert later[0][1].startswith("مصوبهٔ ۱ جلسهٔ ۱ شورای راهبری توسعه مدیریت استان (۱۴۰۰/۰۲/۱۰): سامانه میز خدمت")
    assert later_resolutions(store, world.r5) == []
    with pytest.raises(UserError):
        later_resolutions(store, 9999)


@pytest.mark.parametrize("days_after", [-400, -30, 0, 10, 60, 120, 400])
def test_the_store_counts_the_banner_as_the_rows_do(store: Store, days_after: int) -> None:
    from app.demo.fill import fill_demo
    from app.services.tracker import attention_counts

    fill_demo(store, today=dt.date(2024, 11, 23))
    today = dt.date(2024, 11, 23) + dt.timedelta(days=days_after)
    rows = tracker_rows(store, today=today)
    assert attention_counts(store, today=today) == count_attention(rows) == count_attention(list(rows))
    assert attention_counts(store, today=today, due_days=30) == count_attention(
        tracker_rows(store, today=today, due_days=30))
