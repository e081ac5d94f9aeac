"""The demo data (``dabir demo``): shape, every follow-up state, the 1397 minutes, refusal, reset, determinism."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.demo.fill import DemoSummary, fill_demo
from app.errors import UserError
from app.persian.jalali import format_jalali_latin, from_jalali, jalali_weekday, jalali_year, quarter_of, to_jalali
from app.store.db import Store, open_memory_store
from app.store.models import (
    AgendaItem,
    Attendance,
    Body,
    DiscussionEntry,
    FollowUp,
    Meeting,
    Resolution,
    ResolutionStatus,
)

TODAY = dt.date(2025, 1, 15)  # 1403/10/26: the window is 1402/01/01 – 1403/10/25
HAMEDAN_WG = "کارگروه توسعه مدیریت استانداری همدان"
COUNCIL = "شورای راهبری توسعه مدیریت استان همدان"
SAMPLE = Path("/work/shared/samples/minutes-hamedan-working-group.txt")
# Resolution 1 of 8 Dey 1397 as published: Arabic ي, Persian ک, the space before «،» and all.
HAMEDAN_RESOLUTION_1 = (
    "مديران دفاتر ستادي استانداري جهت هماهنگي و تدوين برنامه با دفاتر برنامه ريزي و اداري و "
    "مالي ، مديريت عملکرد، بازرسي و امور حقوقي و دفتر فناوري اطلاعات همکاري لازم از جمله در "
    "تعيين واحدهاي قيمت تمام شده، تعيين خدمات قابل واسپاري به بخش هاي غير دولتي، تعيين خدمات و "
    "فعاليتهاي قابل واسپاري به فرمانداريها و بخشداريها، تعيين خدمات قابل الکترونيکي شدن را "
    "داشته باشند."
)
OPEN = {ResolutionStatus.NOT_STARTED, ResolutionStatus.IN_PROGRESS, ResolutionStatus.PARTLY_DONE}


@pytest.fixture(scope="module")
def filled() -> tuple[Store, DemoSummary]:
    store = open_memory_store()
    summary = fill_demo(store, today=TODAY)
    yield store, summary
    store.close()


def _hamedan(s) -> Meeting:  # type: ignore[no-untyped-def]
    return s.scalars(select(Meeting).join(Body).where(Body.name == HAMEDAN_WG, Meeting.year == 1397)).one()


def _window_meetings(s) -> list[Meeting]:  # type: ignore[no-untyped-def]
    return list(s.scalars(select(Meeting).where(Meeting.year >= 1400).order_by(Meeting.date)))


def _counts(store: Store) -> tuple[int, ...]:
    with store.reading() as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) or 0
                     for m in (Body, Meeting, Resolution, FollowUp, AgendaItem, Attendance))


def _digest(store: Store) -> str:
    """Texts, dates and states of everything a user reads; not uuids or row ids."""
    h = hashlib.sha256()
    with store.reading() as s:
        rows = s.execute(select(Body.name, Meeting.year, Meeting.number, Meeting.date, Meeting.status,
                                Resolution.number, Resolution.text, Resolution.deadline, Resolution.status)
                         .join(Meeting, Resolution.meeting_id == Meeting.id).join(Body, Meeting.body_id == Body.id)
                         .order_by(Body.name, Meeting.year, Meeting.number, Resolution.number))
        for row in rows:
            h.update(repr(tuple(row)).encode())
        for row in s.execute(select(FollowUp.date, FollowUp.text, FollowUp.progress, FollowUp.status_after)
                             .order_by(FollowUp.date, FollowUp.text)):
            h.update(repr(tuple(row)).encode())
        for row in s.execute(select(DiscussionEntry.speaker, DiscussionEntry.text).order_by(DiscussionEntry.text)):
            h.update(repr(tuple(row)).encode())
    return h.hexdigest()


def test_counts_are_in_the_promised_ranges(filled) -> None:  # type: ignore[no-untyped-def]
    store, summary = filled
    assert summary.bodies == 7
    assert 35 <= summary.people <= 50
    assert 20 <= summary.units <= 35
    assert 60 <= summary.meetings <= 90
    assert 3 * summary.meetings <= summary.resolutions <= 6 * summary.meetings
    assert summary.follow_ups >= summary.resolutions // 2
    assert _counts(store)[:4] == (summary.bodies, summary.meetings, summary.resolutions, summary.follow_ups)
    with store.reading() as s:
        kinds = Counter(b.kind.value for b in s.scalars(select(Body)))
        assert kinds == {"council": 1, "working_group": 1, "committee": 5}
        council = s.scalars(select(Body).where(Body.name == COUNCIL)).one()
        assert len(council.children) == 5 and council.meetings_per_year == 4
        for m in _window_meetings(s):
            assert 2 <= len(m.agenda) <= 5
            assert 2 <= len(m.discussion) <= 5
            assert 2 <= len(m.resolutions) <= 6
            assert m.chair_id and m.secretary_id and m.place and m.start_time < m.end_time
            assert any(a.status.value == "present" for a in m.attendance)


def test_describe_is_one_persian_line(filled) -> None:  # type: ignore[no-untyped-def]
    _, summary = filled
    text = summary.describe()
    assert text.startswith("دادهٔ نمونه ساخته شد: ۷ نهاد،")
    assert "\n" not in text and not re.search(r"[0-9]", text)
    assert f"{summary.meetings}".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) + " جلسه" in text


def test_meetings_fill_two_jalali_years_before_today(filled) -> None:  # type: ignore[no-untyped-def]
    store, _ = filled
    first_day = from_jalali(jalali_year(TODAY) - 1, 1, 1)
    with store.reading() as s:
        meetings = _window_meetings(s)
        assert all(first_day <= m.date < TODAY for m in meetings)
        assert {jalali_year(m.date) for m in meetings} == {1402, 1403}
        assert all(jalali_weekday(m.date) not in (5, 6) for m in meetings)  # no Thursday or Friday
        by_body_year: dict[tuple[int, int], list[Meeting]] = {}
        for m in meetings:
            assert m.year == jalali_year(m.date)
            by_body_year.setdefault((m.body_id, m.year), []).append(m)
        for group in by_body_year.values():
            assert [m.number for m in group] == list(range(1, len(group) + 1))
        statuses = [m.status.value for m in meetings]
        assert statuses[-2:] == ["draft", "draft"]
        assert statuses[-5:-2] == ["held"] * 3
        assert set(statuses[:-5]) == {"final"}


def test_council_missed_a_quarter(filled) -> None:  # type: ignore[no-untyped-def]
    store, _ = filled
    with store.reading() as s:
        dates = [m.date for m in _window_meetings(s) if m.body.name == COUNCIL]
    held = Counter(quarter_of(d) for d in dates)
    past_quarters = [(1402, q) for q in range(1, 5)] + [(1403, q) for q in range(1, 4)]
    missed = [q for q in past_quarters if held[q] == 0]
    assert len(missed) == 1
    assert len(dates) >= 5


def test_every_follow_up_state_occurs(filled) -> None:  # type: ignore[no-untyped-def]
    store, _ = filled
    with store.reading() as s:
        resolutions = list(s.scalars(select(Resolution)))
        assert Counter(r.status for r in resolutions).keys() == set(ResolutionStatus)
        for r in resolutions:
            if r.status == ResolutionStatus.SUPERSEDED:
                later = s.get(Resolution, r.superseded_by_id)
                assert later is not None and later.meeting.body_id == r.meeting.body_id
                assert later.meeting.date > r.meeting.date
                assert r.follow_ups[-1].status_after == ResolutionStatus.SUPERSEDED
            if r.status == ResolutionStatus.STANDING:
                assert r.standing and r.deadline is None
            if r.deadline is not None:
                assert r.deadline >= r.meeting.date
            for fu in r.follow_ups:
                assert r.meeting.date < fu.date < TODAY
                assert fu.new_deadline is None or fu.new_deadline > fu.date
            if r.status == ResolutionStatus.DONE and r.follow_ups:
                assert r.follow_ups[-1].progress == 100
        assert any(fu.new_deadline for r in resolutions for fu in r.follow_ups)  # an extension


def test_some_resolution_is_overdue(filled) -> None:  # type: ignore[no-untyped-def]
    store, _ = filled
    with store.reading() as s:
        overdue = s.scalars(select(Resolution).where(Resolution.deadline < TODAY,
                                                     Resolution.status.in_(OPEN))).all()
    assert len(overdue) >= 5


def test_texts_are_persian_with_zwnj_and_mixed_runs(filled) -> None:  # type: ignore[no-untyped-def]
    store, _ = filled
    with store.reading() as s:
        resolutions = list(s.scalars(select(Resolution)))
        per_body = Counter((r.meeting.body_id, r.text) for r in resolutions)
    texts = [r.text for r in resolutions]
    assert len(set(texts)) > 0.6 * len(texts)  # varied, not one template
    assert max(per_body.values()) <= 3  # no body takes the same decision a fourth time
    assert sum("\u200c" in t for t in texts) > len(texts) // 3
    assert any("%" in t for t in texts) and any("G2B" in t or "GSB" in t for t in texts)
    assert not any("{" in t or "}" in t or "~" in t for t in texts)


def test_the_1397_hamedan_minutes_word_for_word(filled) -> None:  # type: ignore[no-untyped-def]
    store, _ = filled
    with store.reading() as s:
        m = _hamedan(s)
        assert m.date == dt.date(2018, 12, 29) == from_jalali(1397, 10, 8)
        assert format_jalali_latin(m.date) == "1397/10/08" and jalali_weekday(m.date) == 0  # شنبه
        assert len(m.agenda) == 4 and len(m.resolutions) == 5
        assert m.resolutions[0].text == HAMEDAN_RESOLUTION_1
        assert to_jalali(m.resolutions[4].deadline) == (1397, 10, 10)
        assert [r.deadline for r in m.resolutions[:4]] == [None] * 4
        assert (m.discussion[0].speaker, m.discussion[0].text) == ("", "شروع جلسه با تلاوت آيات قرآن مجيد")
        assert m.discussion[1].speaker == "استاندار محترم جناب آقاي شاهرخي"
        assert m.discussion[1].text.startswith("ضمن تشکر از حضور مديران")
        assert m.status.value == "final"


@pytest.mark.skipif(not SAMPLE.exists(), reason="the shared sample is not on this machine")
def test_the_1397_hamedan_minutes_match_the_sample_file(filled) -> None:  # type: ignore[no-untyped-def]
    store, _ = filled
    lines = [line.strip() for line in SAMPLE.read_text(encoding="utf-8").split("\n") if line.strip()]
    numbered = [re.sub(r"^\d+-\s*", "", line) for line in lines if re.match(r"^\d+-", line)]
    with store.reading() as s:
        m = _hamedan(s)
        assert [a.text for a in m.agenda] + [r.text for r in m.resolutions] == numbered
        start = lines.index("شروع جلسه با تلاوت آيات قرآن مجيد")
        paragraphs = lines[start:start + len(m.discussion)]
        sep = {"استاندار محترم جناب آقاي شاهرخي": ": "}
        assert [d.speaker + sep.get(d.speaker, " ") + d.text if d.speaker else d.text
                for d in m.discussion] == paragraphs


def test_a_store_with_bodies_is_refused_and_left_alone(filled) -> None:  # type: ignore[no-untyped-def]
    store, _ = filled
    before, digest = _counts(store), _digest(store)
    with pytest.raises(UserError) as err:
        fill_demo(store, today=TODAY)
    assert err.value.code == "demo_not_empty"
    assert "--reset" in err.value.message
    assert _counts(store) == before and _digest(store) == digest


def test_reset_rebuilds_the_same_data(filled) -> None:  # type: ignore[no-untyped-def]
    store, summary = filled
    other = open_memory_store()
    try:
        fill_demo(other, today=TODAY)
        again = fill_demo(other, today=TODAY, reset=True)
        assert again == summary
        assert _counts(other) == _counts(store)
        assert _digest(other) == _digest(store)
    finally:
        other.close()


def test_same_today_same_data_other_today_other_data(filled) -> None:  # type: ignore[no-untyped-def]
    store, _ = filled
    fresh = open_memory_store()
    later = open_memory_store()
    try:
        fill_demo(fresh, today=TODAY)
        assert _digest(fresh) == _digest(store)
        fill_demo(later, today=TODAY + dt.timedelta(days=400))
        assert _digest(later) != _digest(store)
    finally:
        fresh.close()
        later.close()


def test_early_in_the_year_every_state_still_occurs() -> None:
    today = from_jalali(1404, 1, 5)  # the current year has barely begun
    store = open_memory_store()
    try:
        fill_demo(store, today=today)
        with store.reading() as s:
            assert {r.status for r in s.scalars(select(Resolution))} == set(ResolutionStatus)
            assert all(m.date < today for m in _window_meetings(s))
    finally:
        store.close()
