"""The meeting services: save, reload, validation, numbering, drafts."""

from __future__ import annotations

import datetime as dt

import pytest

from app.clock import IRAN
from app.errors import UserError, ValidationError
from app.persian.jalali import format_jalali
from app.services import bodies, directory, meetings, overview
from app.services.meeting_data import AgendaData, AttendeeData, DiscussionData, MeetingData, ResolutionData
from app.store.db import Store
from app.store.models import FollowUp, Resolution


@pytest.fixture
def body(store: Store) -> int:
    council = bodies.save_body(store, "شورای راهبری توسعه مدیریت استان", "council")
    chair = directory.save_person(store, "علی شاهرخی", "استاندار", "استانداری همدان")
    sec = directory.save_person(store, "مریم صادقی", "مدیرکل دفتر تحول اداری", "استانداری همدان")
    member = directory.save_person(store, "حسن عسگریان", "معاون هماهنگی امور اقتصادی", "استانداری همدان")
    bodies.set_members(store, council.id, [(chair.id, "chair"), (sec.id, "secretary"), (member.id, "member")])
    return council.id


def full_meeting(store: Store, body: int, today: dt.date) -> MeetingData:
    data = meetings.new_meeting(store, body, today=today)
    data.place = "سالن جلسات استانداری"
    data.start_time, data.end_time = "۱۰:۰۰", "12:30"
    data.agenda = [AgendaData("ارائه برنامه‌های دولت برای ارتقای نظام اداری"), AgendaData("معرفی کمیته‌ها")]
    data.attendees = meetings.attendees_from_members(store, body)
    data.attendees[2].status = "deputy"
    data.attendees[2].deputy_name = "رضا کریمی"
    data.attendees.append(AttendeeData(name="ناصر مهمان", post="کارشناس", organisation="دانشگاه بوعلی",
                                       kind="guest"))
    data.discussion = [DiscussionData("استاندار محترم", "بر اهمیت اصلاح نظام اداری تأکید کردند.", 0)]
    data.resolutions = [
        ResolutionData("فهرست خدمات قابل الکترونیکی شدن (G2B) تهیه شود.", "دفتر فناوری اطلاعات",
                       ["فرمانداران", "دفتر بازرسی"], "۱۴۰۳/۰۹/۳۰"),
        ResolutionData("گزارش پیشرفت هر ماه ارائه شود.", "دفتر برنامه‌ریزی", standing=True),
    ]
    return data


def test_save_and_reload_keeps_everything(store: Store, body: int, today: dt.date) -> None:
    data = full_meeting(store, body, today)
    result = meetings.save_meeting(store, data, today=today)
    assert result.created
    back = meetings.load_meeting(store, result.meeting_id)
    assert back.number == 1 and back.date == format_jalali(today) == "۱۴۰۳/۰۹/۰۳"
    assert back.start_time == "۱۰:۰۰" and back.end_time == "۱۲:۳۰"
    assert [a.text for a in back.agenda] == ["ارائه برنامه‌های دولت برای ارتقای نظام اداری", "معرفی کمیته‌ها"]
    assert [(a.name, a.status, a.kind) for a in back.attendees] == [
        ("علی شاهرخی", "present", "member"), ("مریم صادقی", "present", "member"),
        ("حسن عسگریان", "deputy", "member"), ("ناصر مهمان", "present", "guest")]
    assert back.attendees[2].deputy_name == "رضا کریمی"
    assert back.attendees[3].organisation == "دانشگاه بوعلی"
    assert back.discussion[0].agenda_index == 0
    r1, r2 = back.resolutions
    assert r1.lead_unit == "دفتر فناوری اطلاعات" and r1.collaborators == ["فرمانداران", "دفتر بازرسی"]
    assert r1.deadline == "۱۴۰۳/۰۹/۳۰"
    assert r2.standing and r2.deadline == "" and r2.status == "standing"
    assert back.chair_id is not None and back.secretary_id is not None


def test_resave_keeps_identity_and_followups(store: Store, body: int, today: dt.date) -> None:
    data = full_meeting(store, body, today)
    mid = meetings.save_meeting(store, data, today=today).meeting_id
    data = meetings.load_meeting(store, mid)
    first_uuid = data.resolutions[0].uuid
    with store.session() as s:
        res = s.query(Resolution).filter_by(uuid=first_uuid).one()
        s.add(FollowUp(resolution_id=res.id, date=today, text="انجام شد", progress=100))
    # reorder: the second resolution moves first; numbering follows the order
    data.resolutions.reverse()
    meetings.save_meeting(store, data, today=today)
    back = meetings.load_meeting(store, mid)
    assert [r.uuid for r in back.resolutions] == [data.resolutions[0].uuid, first_uuid]
    from app.services.resolutions import list_resolutions

    numbers = {r.uuid: r.number for r in list_resolutions(store, meeting_id=mid)}
    assert numbers == {data.resolutions[0].uuid: 1, first_uuid: 2}
    # removing a resolution that has follow-ups is refused and changes nothing
    data.resolutions = data.resolutions[:1]
    with pytest.raises(UserError) as exc:
        meetings.save_meeting(store, data, today=today)
    assert exc.value.code == "resolution_has_followups"
    assert len(meetings.load_meeting(store, mid).resolutions) == 2


@pytest.mark.parametrize(("change", "field", "code"), [
    (lambda d: setattr(d, "date", "1400/12/30"), "date", "date_invalid"),
    (lambda d: setattr(d, "date", ""), "date", "date_empty"),
    (lambda d: setattr(d.resolutions[0], "text", "  "), "resolutions[0].text", "resolution_empty"),
    (lambda d: setattr(d.resolutions[0], "deadline", "1403/09/01"), "resolutions[0].deadline",
     "deadline_before_meeting"),
    (lambda d: setattr(d.resolutions[0], "deadline", "1403/13/01"), "resolutions[0].deadline", "date_invalid"),
    (lambda d: setattr(d.attendees[2], "deputy_name", ""), "attendees[2].deputy_name", "deputy_name_empty"),
    (lambda d: setattr(d.agenda[1], "text", ""), "agenda[1].text", "agenda_empty"),
    (lambda d: setattr(d, "end_time", "09:00"), "end_time", "time_order"),
])
def test_invalid_input_is_refused_at_its_field(store: Store, body: int, today: dt.date, change, field, code) -> None:
    data = full_meeting(store, body, today)
    change(data)
    with pytest.raises(ValidationError) as exc:
        meetings.save_meeting(store, data, today=today)
    assert (field, code) in [(p.field, p.code) for p in exc.value.problems]
    assert all(p.message and not p.message.isascii() for p in exc.value.problems)
    assert overview.list_meetings(store, body) == []


def test_numbers_are_per_body_and_year(store: Store, body: int, today: dt.date) -> None:
    meetings.save_meeting(store, full_meeting(store, body, today), today=today)
    second = meetings.new_meeting(store, body, today=today)
    assert second.number == 2
    second.number = 1
    with pytest.raises(ValidationError) as exc:
        meetings.save_meeting(store, second, today=today)
    assert exc.value.problems[0].code == "number_taken"
    next_year = meetings.new_meeting(store, body, today=dt.date(2025, 3, 25))  # 1404/01/05
    assert next_year.number == 1


def test_list_meetings_counts_resolutions(store: Store, body: int, today: dt.date) -> None:
    mid = meetings.save_meeting(store, full_meeting(store, body, today), today=today).meeting_id
    (row,) = overview.list_meetings(store, body)
    assert (row.id, row.number, row.date, row.status, row.resolution_count) == (mid, 1, today, "draft", 2)
    with pytest.raises(UserError) as exc:
        overview.list_meetings(store, 999)
    assert exc.value.code == "body_unknown"


def test_drafts_keep_unparsable_text(store: Store, body: int, today: dt.date) -> None:
    data = full_meeting(store, body, today)
    data.resolutions[0].deadline = "1403/13/4"  # not a date yet: must survive anyway
    meetings.save_draft(store, data, now=dt.datetime(2024, 11, 23, 10, 0))
    found = meetings.find_draft(store, None, body)
    assert found is not None and found.data == data
    assert found.data.resolutions[0].deadline == "1403/13/4"
    data.resolutions[0].deadline = "1403/10/04"
    result = meetings.save_meeting(store, data, today=today)
    assert meetings.find_draft(store, None, body) is None
    loaded = meetings.load_meeting(store, result.meeting_id)
    meetings.save_draft(store, loaded, now=dt.datetime(2024, 11, 23, 10, 5, tzinfo=IRAN))
    assert meetings.find_draft(store, result.meeting_id, body) is not None
    meetings.discard_draft(store, result.meeting_id, body)
    assert meetings.list_drafts(store) == []


def test_a_resolution_with_only_an_extension_is_not_deleted_either(store: Store, body: int, today: dt.date) -> None:
    from app.store.models import DeadlineExtension

    mid = meetings.save_meeting(store, full_meeting(store, body, today), today=today).meeting_id
    data = meetings.load_meeting(store, mid)
    with store.session() as s:
        res = s.query(Resolution).filter_by(uuid=data.resolutions[0].uuid).one()
        s.add(DeadlineExtension(resolution_id=res.id, date=today, old_deadline=res.deadline,
                                new_deadline=dt.date(2025, 1, 20), reason="درخواست دستگاه"))
    data.resolutions = data.resolutions[1:]
    with pytest.raises(UserError) as exc:
        meetings.save_meeting(store, data, today=today)
    assert exc.value.code == "resolution_has_followups"
    assert len(meetings.load_meeting(store, mid).resolutions) == 2


def test_the_follow_up_history_owns_status_and_deadline(store: Store, body: int, today: dt.date) -> None:
    from app.services.followup import add_follow_up
    from app.services.resolutions import list_resolutions

    mid = meetings.save_meeting(store, full_meeting(store, body, today), today=today).meeting_id
    stale = meetings.load_meeting(store, mid)  # the editor opened before the report came in
    assert [(r.follow_ups, r.extensions, r.locked) for r in stale.resolutions] == [(0, 0, False), (0, 0, False)]
    first = next(r.id for r in list_resolutions(store, meeting_id=mid) if r.uuid == stale.resolutions[0].uuid)
    add_follow_up(store, first, date=today, reporter="دفتر فناوری اطلاعات", text="نیمی از فهرست تهیه شد.",
                  progress=50, status_after="partly_done", new_deadline=dt.date(2025, 1, 19),
                  extension_reason="درخواست واحد", today=today)

    loaded = meetings.load_meeting(store, mid)
    r1, r2 = loaded.resolutions
    assert (r1.follow_ups, r1.extensions, r1.locked) == (1, 1, True)
    assert (r1.status, r1.deadline) == ("partly_done", "۱۴۰۳/۱۰/۳۰")  # the current deadline
    assert not r2.locked

    # Whatever the data says, the history keeps status, deadline and «مستمر»; the rest is saved.
    for data in (stale, loaded):
        data.version = meetings.load_meeting(store, mid).version  # each saved as if just read (no lost update)
        r1, r2 = data.resolutions
        r1.status, r1.deadline, r1.text = "done", "۱۴۰۳/۰۹/۱۰", "فهرست خدمات الکترونیکی تهیه شود."
        r2.status = "cancelled"  # no history: the minutes still set it
        meetings.save_meeting(store, data, today=today)
        back = meetings.load_meeting(store, mid)
        assert [(r.text, r.status, r.deadline, r.standing) for r in back.resolutions] == [
            ("فهرست خدمات الکترونیکی تهیه شود.", "partly_done", "۱۴۰۳/۱۰/۳۰", False),
            ("گزارش پیشرفت هر ماه ارائه شود.", "cancelled", "", True)]
        r2.status = "standing"
        meetings.save_meeting(store, data, today=today)


def test_a_restored_draft_takes_what_the_history_owns_from_the_store(store: Store, body: int,
                                                                     today: dt.date) -> None:
    from app.services.followup import extend_deadline
    from app.services.resolutions import list_resolutions

    mid = meetings.save_meeting(store, full_meeting(store, body, today), today=today).meeting_id
    draft = meetings.load_meeting(store, mid)
    draft.place = "تالار شهید رجایی"
    draft.resolutions[0].deadline = "۱۴۰۳/۰۹/۲۰"
    meetings.save_draft(store, draft, now=dt.datetime(2024, 11, 23, 10, 0))
    first = next(r.id for r in list_resolutions(store, meeting_id=mid) if r.uuid == draft.resolutions[0].uuid)
    extend_deadline(store, first, new_deadline=dt.date(2025, 1, 19), reason="درخواست واحد", date=today)

    found = meetings.find_draft(store, mid, body)
    assert found is not None
    data = meetings.refresh_history(store, found.data)
    assert data.place == "تالار شهید رجایی"  # the user's typing stays
    r1, r2 = data.resolutions
    assert (r1.extensions, r1.locked, r1.deadline, r1.status) == (1, True, "۱۴۰۳/۱۰/۳۰", "not_started")
    assert not r2.locked
    assert meetings.refresh_history(store, meetings.new_meeting(store, body, today=today)).resolutions == []
