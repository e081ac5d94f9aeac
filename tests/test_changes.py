"""What every writing service says it changed (the record the front end broadcasts)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.clock import IRAN
from app.errors import UserError
from app.persian.jalali import parse_jalali
from app.services import bodies, directory, followup, meetings
from app.services.bodies import MemberInput
from app.services.changes import EVERYTHING, NEW_DAY, NO_CHANGES, Changes, merged
from app.services.meeting_data import AttendeeData, MeetingData, ResolutionData
from app.services.resolutions import list_resolutions
from app.store.db import Store
from app.store.models import Unit

NOW = dt.datetime(2024, 11, 23, 10, 0, tzinfo=IRAN)


def j(text: str) -> dt.date:
    return parse_jalali(text)


@pytest.fixture
def council(store: Store) -> int:
    return bodies.save_body(store, "شورای راهبری توسعه مدیریت استان", "council").id


def meeting_with(store: Store, body: int, today: dt.date, *resolutions: ResolutionData) -> MeetingData:
    data = meetings.new_meeting(store, body, today=today)
    data.resolutions = list(resolutions)
    return data


def unit_id(store: Store, name: str) -> int:
    with store.reading() as s:
        found = s.query(Unit).filter(Unit.name == name).one()
        return found.id


def test_a_record_merges_and_answers_the_views_questions() -> None:
    assert not NO_CHANGES and NEW_DAY and EVERYTHING
    a = Changes(meetings=frozenset({1}), resolutions=frozenset({5}))
    b = Changes(units=frozenset({3}), drafts=True)
    both = a | b
    assert both == Changes(meetings=frozenset({1}), resolutions=frozenset({5}), units=frozenset({3}), drafts=True)
    assert merged([a, b, NO_CHANGES]) == both
    assert both.follow_up_figures and both.names and both.meeting_list and not both.body_tree
    assert both.touches_resolutions([5, 9]) and not both.touches_resolutions([9])
    draft_only = Changes(drafts=True)
    assert draft_only and not (draft_only.follow_up_figures or draft_only.names or draft_only.meeting_list)
    assert NEW_DAY.follow_up_figures and not NEW_DAY.names and not NEW_DAY.meeting_list
    assert EVERYTHING.body_tree and EVERYTHING.names and EVERYTHING.touches_resolutions([1])


def test_saving_a_meeting_names_it_its_resolutions_and_the_units_and_people_it_brought(
        store: Store, council: int, today: dt.date) -> None:
    data = meeting_with(store, council, today,
                        ResolutionData("سامانهٔ میز خدمت راه‌اندازی شود.", "دفتر فناوری اطلاعات",
                                       ["دفتر بازرسی"], "۱۴۰۳/۱۰/۳۰"))
    data.attendees = [AttendeeData(name="ناصر مهمان", post="کارشناس", organisation="دانشگاه بوعلی", kind="guest")]
    meetings.save_draft(store, data, now=NOW)
    saved = meetings.save_meeting(store, data, today=today)
    (resolution,) = list_resolutions(store, meeting_id=saved.meeting_id)
    units = {unit_id(store, n) for n in ("دفتر فناوری اطلاعات", "دفتر بازرسی", "دانشگاه بوعلی")}
    c = saved.changes
    assert saved.created and c.meetings == {saved.meeting_id} and c.resolutions == {resolution.id}
    assert c.units == units and len(c.people) == 1 and c.drafts  # the draft was dropped
    assert not c.bodies and not c.follow_ups and c.follow_up_figures and c.names

    data = meetings.load_meeting(store, saved.meeting_id)  # as the editor holds it after a save
    again = meetings.save_meeting(store, data, today=today)  # nothing typed since: still «saved»
    assert not again.created and again.changes.meetings == {saved.meeting_id}
    assert not again.changes.units and not again.changes.people and again.changes.resolutions == {resolution.id}

    data.resolutions.append(ResolutionData("گزارش هر ماه ارائه شود.", "دفتر فناوری اطلاعات", standing=True))
    grown = meetings.save_meeting(store, data, today=today)
    ids = {r.id for r in list_resolutions(store, meeting_id=saved.meeting_id)}
    assert grown.changes.resolutions == ids and len(ids) == 2 and not grown.changes.units

    data = meetings.load_meeting(store, saved.meeting_id)
    dropped = data.resolutions.pop(0)
    shrunk = meetings.save_meeting(store, data, today=today)
    assert resolution.uuid == dropped.uuid and resolution.id in shrunk.changes.resolutions  # removed rows count


def test_drafts_and_deletion_say_what_they_touched(store: Store, council: int, today: dt.date) -> None:
    data = meeting_with(store, council, today, ResolutionData("متن", "دفتر برنامه‌ریزی", [], "۱۴۰۳/۱۰/۳۰"))
    autosaved = meetings.save_draft(store, data, now=NOW)
    assert autosaved == Changes(drafts=True) and not autosaved.follow_up_figures
    assert meetings.find_draft(store, None, council).saved_at == dt.datetime(2024, 11, 23, 10, 0)  # type: ignore[union-attr]
    assert meetings.discard_draft(store, None, council) == Changes(drafts=True)
    saved = meetings.save_meeting(store, data, today=today)
    rid = list_resolutions(store, meeting_id=saved.meeting_id)[0].id
    gone = meetings.delete_meeting(store, saved.meeting_id)
    assert gone.meetings == {saved.meeting_id} and gone.resolutions == {rid} and not gone.units


def test_follow_ups_and_extensions_name_the_resolution_and_their_own_rows(
        store: Store, council: int, today: dt.date) -> None:
    first = meeting_with(store, council, j("1403/08/01"),
                         ResolutionData("سامانه راه‌اندازی شود.", "دفتر فناوری اطلاعات", [], "1403/09/30"),
                         ResolutionData("آموزش برگزار شود.", "دفتر آموزش", [], "1403/09/30"))
    m1 = meetings.save_meeting(store, first, today=today).meeting_id
    r1, r2 = (r.id for r in sorted(list_resolutions(store, meeting_id=m1), key=lambda r: r.number))

    report = followup.add_follow_up(store, r1, date=today, reporter="دفتر فناوری", text="نیمی انجام شد.",
                                    progress=50, status_after="partly_done", new_deadline=j("1403/11/30"),
                                    extension_reason="تأخیر در تخصیص اعتبار", today=today)
    assert report.changes.follow_ups == {report.follow_up_id}
    assert report.changes.extensions == {report.extension_id} and report.changes.resolutions == {r1}
    assert report.changes.meetings == {m1} and not report.changes.units and report.changes.follow_up_figures

    ext = followup.extend_deadline(store, r2, new_deadline=j("1403/12/15"), reason="درخواست واحد",
                                   date=today, today=today)
    assert ext.changes == Changes(resolutions=frozenset({r2}), meetings=frozenset({m1}),
                                  extensions=frozenset({ext.extension_id}))

    later = meetings.save_meeting(store, meetings.new_meeting(store, council, today=today), today=today).meeting_id
    heard = followup.record_follow_ups_in_meeting(store, later, [
        followup.MeetingFollowUp(r1, "done", "انجام شد."),
        followup.MeetingFollowUp(r2, "in_progress", "ادامه دارد.", progress=30)], today=today)
    assert len(heard) == 2 and [r.resolution_id for r in heard] == [r1, r2]
    assert heard.changes.resolutions == {r1, r2} and heard.changes.follow_ups == {r.follow_up_id for r in heard}
    assert heard.results[0].changes.resolutions == {r1}  # each entry's own share
    assert merged(r.changes for r in heard).follow_ups == heard.changes.follow_ups


def test_bodies_and_the_directory_name_what_they_wrote(store: Store, council: int) -> None:
    known = directory.save_person(store, "علی شاهرخی", "استاندار", "استانداری همدان")
    governorate = unit_id(store, "استانداری همدان")
    assert known.changes.people == {known.id} and known.changes.units == {governorate} and known.changes.names
    assert known.person.organisation == "استانداری همدان"

    saved = bodies.save_body_with_members(store, "کمیته آموزش", "committee", council, 2, [
        MemberInput("علی شاهرخی", "chair", "استاندار", "استانداری همدان", known.id),
        MemberInput("مریم صادقی", "secretary", "مدیرکل", "دفتر تازه")])
    new_person = {p.id for p in directory.list_people(store)} - {known.id}
    assert saved.changes.bodies == {saved.id} and saved.changes.body_tree
    assert saved.changes.people >= new_person and saved.changes.units == {unit_id(store, "دفتر تازه")}
    assert saved.body.name == "کمیته آموزش" and saved.body.parent_id == council

    renamed = bodies.save_body(store, "شورای راهبری استان", "council", body_id=council)
    assert renamed.changes == Changes(bodies=frozenset({council})) and renamed.body.name == "شورای راهبری استان"
    assert bodies.set_members(store, council, [(known.id, "chair")]) == Changes(bodies=frozenset({council}))
    assert bodies.set_emblem(store, council, None) == Changes(bodies=frozenset({council}))

    unit = directory.save_unit(store, "دفتر فناوری اطلاعات")
    assert unit.changes == Changes(units=frozenset({unit.id})) and unit.unit.name == "دفتر فناوری اطلاعات"
    again = directory.save_unit(store, "معاونت فناوری اطلاعات", unit_id=unit.id)
    assert again.changes == Changes(units=frozenset({unit.id})) and again.unit.name == "معاونت فناوری اطلاعات"


def test_a_refused_write_returns_nothing_and_changes_nothing(store: Store, council: int) -> None:
    with pytest.raises(UserError) as err:
        directory.save_unit(store, "   ")
    assert err.value.code == "unit_name_empty"
    assert directory.list_units(store) == []


def test_the_demo_says_everything_changed(store: Store, today: dt.date) -> None:
    from app.demo.fill import fill_demo

    summary = fill_demo(store, today=today)
    assert summary.changes == EVERYTHING and summary.bodies > 0
