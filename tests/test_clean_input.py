"""What is shown is what is signed: bidi controls and emoji never reach the store or the PDF."""

from __future__ import annotations

import datetime as dt

import pytest
from bidi import get_display
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.errors import UserError
from app.export.minutes_pdf import build_minutes_pdf
from app.export.rtl_text import prepare, visual_lines
from app.persian.text import BIDI_CONTROLS, Removed, clean_input, clean_line, removed_notice
from app.services import bodies, directory, followup, meetings
from app.services.meeting_data import AgendaData, ResolutionData, clean_texts
from app.store.db import Store
from app.store.models import Draft, FollowUp, Resolution
from tests.pdf_text import document_text, read_lines
from tests.test_minutes_pdf import make_doc
from tests.test_rtl_text import plain

RLO, PDF_, LRI, PDI = "\u202e", "\u202c", "\u2066", "\u2069"
# Shown by Qt as «Pay 1000 PAYMENT now»: the override reverses what follows it.
PAY_SPOOF = f"Pay {RLO}won TNEMYAP 0001{PDF_}"
# Shown by Qt as «03/90/3041»: a date that reads as another.
DATE_SPOOF = f"{RLO}1403/09/30{PDF_}"


# --- the function ---------------------------------------------------------------------------


def on_screen(text: str, base: str) -> str:
    """What a bidi-aware display (Qt, python-bidi) shows, left to right; the controls are invisible."""
    return "".join(c for c in get_display(text, base_dir=base) if c not in BIDI_CONTROLS)


def test_the_spoofs_of_the_issue_are_taken_apart() -> None:
    assert on_screen(PAY_SPOOF, "L") == "Pay 1000 PAYMENT now"
    assert clean_input(PAY_SPOOF) == ("Pay won TNEMYAP 0001", Removed.BIDI_CONTROLS)
    assert on_screen("Pay won TNEMYAP 0001", "L") == "Pay won TNEMYAP 0001"  # shown as stored
    assert on_screen(DATE_SPOOF, "R") == "03/90/3041"
    assert clean_input(DATE_SPOOF) == ("1403/09/30", Removed.BIDI_CONTROLS)
    assert on_screen("1403/09/30", "R") == "1403/09/30"


@pytest.mark.parametrize("control", [*BIDI_CONTROLS])
def test_every_embedding_override_isolate_and_mark_is_removed(control: str) -> None:
    assert clean_input(f"متن{control}text") == ("متنtext", Removed.BIDI_CONTROLS)


def test_joiners_and_persian_spelling_are_kept() -> None:
    text = "می‌شود و ح‍ر و مُحَمَّد و الف) بند ۱۲ (G2B)"
    assert clean_input(text) == (text, Removed.NOTHING)


def test_line_and_paragraph_separators_become_line_breaks() -> None:
    assert clean_input("یک\u2028دو\u2029سه\r\nچهار\rپنج") == ("یک\nدو\nسه\nچهار\nپنج", Removed.LINE_SEPARATORS)
    assert clean_line("یک\u2028دو\nسه") == "یک دو سه"  # a one-line field


def test_emoji_are_removed_with_their_modifiers_and_joiners() -> None:
    text = "گزارش 👍🏽 شد ❤️ و 👩‍💻 و 1️⃣ و 🇮🇷 پایان"
    cleaned, removed = clean_input(text)
    assert removed == Removed.EMOJI
    assert cleaned == "گزارش  شد  و  و 1 و  پایان"
    assert "\u200d" not in cleaned and "\ufe0f" not in cleaned


def test_the_notice_says_what_was_removed_in_persian() -> None:
    both = removed_notice(Removed.BIDI_CONTROLS | Removed.EMOJI)
    assert "کنترل جهت" in both and "ایموجی" in both
    assert removed_notice(Removed.LINE_SEPARATORS) == removed_notice(Removed.NOTHING) == ""


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="سلامabc12۱۲ ()/" + BIDI_CONTROLS + "\u2028\u2029😀\u200c\u200d", max_size=30))
def test_cleaning_twice_changes_nothing_more_and_leaves_no_control(text: str) -> None:
    once, _ = clean_input(text)
    assert clean_input(once) == (once, Removed.NOTHING)
    assert not set(once) & set(BIDI_CONTROLS + "\u2028\u2029")


# --- every way into the store ------------------------------------------------------------------


@pytest.fixture
def body(store: Store) -> int:
    return bodies.save_body(store, "کارگروه تحول اداری", "working_group").id


def spoofed_meeting(store: Store, body: int, today: dt.date) -> meetings.MeetingData:
    data = meetings.new_meeting(store, body, today=today)
    data.place = f"سالن {LRI}A{PDI}"
    data.agenda = [AgendaData(f"بند {RLO}abc{PDF_}")]
    data.resolutions = [ResolutionData(PAY_SPOOF, f"دفتر {RLO}فناوری", ["حراست\u061c"], DATE_SPOOF)]
    return data


def test_a_saved_meeting_is_stored_cleaned(store: Store, body: int, today: dt.date) -> None:
    data = spoofed_meeting(store, body, today)
    data.resolutions[0].deadline = f"{RLO}1403/10/30{PDF_}"
    saved = meetings.save_meeting(store, data, today=today)
    back = meetings.load_meeting(store, saved.meeting_id)
    assert back.place == "سالن A"
    assert back.agenda[0].text == "بند abc"
    r = back.resolutions[0]
    assert (r.text, r.lead_unit, r.collaborators) == ("Pay won TNEMYAP 0001", "دفتر فناوری", ["حراست"])
    assert r.deadline == "۱۴۰۳/۱۰/۳۰"
    assert data.resolutions[0].text == "Pay won TNEMYAP 0001"  # the caller's copy (the editor's) too
    with store.reading() as s:
        stored = [t for t in s.scalars(select(Resolution.text))]
    assert stored == ["Pay won TNEMYAP 0001"]


def test_a_draft_is_kept_cleaned_and_an_old_spoofed_draft_comes_back_clean(store: Store, body: int,
                                                                            today: dt.date) -> None:
    data = spoofed_meeting(store, body, today)
    meetings.save_draft(store, data, now=dt.datetime(2024, 11, 23, 10, 0))
    with store.reading() as s:
        payload = s.scalars(select(Draft.payload)).one()
    assert not set(payload.encode().decode("unicode_escape", "ignore")) & set(BIDI_CONTROLS)
    with store.session() as s:  # a draft written before texts were cleaned
        s.scalars(select(Draft)).one().payload = spoofed_meeting(store, body, today).to_json()
    found = meetings.find_draft(store, None, body)
    assert found is not None
    assert found.data.resolutions[0].text == "Pay won TNEMYAP 0001"
    assert found.data.resolutions[0].deadline == "1403/09/30"


def test_clean_texts_reports_what_it_removed(store: Store, body: int, today: dt.date) -> None:
    data = spoofed_meeting(store, body, today)
    data.discussion = []
    data.resolutions[0].text += " 👍"
    assert clean_texts(data) == Removed.BIDI_CONTROLS | Removed.EMOJI
    assert clean_texts(data) == Removed.NOTHING


def test_directory_and_body_names_are_stored_cleaned(store: Store) -> None:
    unit = directory.save_unit(store, f"{RLO}دفتر فناوری{PDF_}").unit
    assert unit.name == "دفتر فناوری"
    person = directory.save_person(store, f"علی {LRI}رضایی{PDI}", "مدیر\u200f", "استانداری 🏛").person
    assert (person.name, person.post, person.organisation) == ("علی رضایی", "مدیر", "استانداری")
    assert bodies.save_body(store, f"کمیته {RLO}G2B", "committee").body.name == "کمیته G2B"


def test_a_name_of_controls_only_is_refused_and_nothing_is_written(store: Store) -> None:
    with pytest.raises(UserError) as err:
        directory.save_unit(store, RLO + PDF_)
    assert err.value.code == "unit_name_empty" or "خالی" in err.value.message
    assert directory.list_units(store) == []
    with pytest.raises(UserError) as err:
        bodies.save_body(store, "\u2066\u2069", "council")
    assert err.value.code == "body_name_empty"


def test_follow_up_texts_are_stored_cleaned(store: Store, body: int, today: dt.date) -> None:
    data = meetings.new_meeting(store, body, today=today)
    data.status = "held"  # a held meeting's resolutions are followed up (final would need its attendees)
    data.resolutions = [ResolutionData("سامانه راه‌اندازی شود.", "دفتر فناوری", deadline="۱۴۰۳/۱۰/۳۰")]
    rid = meetings.load_meeting(store, meetings.save_meeting(store, data, today=today).meeting_id).resolutions[0]
    with store.reading() as s:
        resolution_id = s.scalars(select(Resolution.id)).one()
    assert rid.text == "سامانه راه‌اندازی شود."
    with pytest.raises(UserError) as err:  # a reporter of controls only is no reporter
        followup.add_follow_up(store, resolution_id, date=today, reporter=RLO + PDF_, text="", progress=10,
                               status_after="in_progress", today=today)
    assert err.value.code == "reporter_required"
    with store.reading() as s:
        assert s.scalars(select(FollowUp)).all() == []
    followup.add_follow_up(store, resolution_id, date=today, reporter=f"رابط {RLO}واحد", text=f"{RLO}انجام شد 👍",
                           progress=40, status_after="in_progress", new_deadline=dt.date(2025, 3, 1),
                           extension_reason="دلیل\u2067", granted_by=f"{LRI}رئیس", today=today)
    history = followup.resolution_history(store, resolution_id)
    assert "\u202e" not in repr(history) and "👍" not in repr(history)
    with store.reading() as s:
        fu = s.scalars(select(FollowUp)).one()
        assert (fu.reporter, fu.text) == ("رابط واحد", "انجام شد")


# --- the PDF -------------------------------------------------------------------------------------


def test_the_pdf_prints_no_question_marks_for_marks_separators_or_emoji() -> None:
    assert prepare("یک\u061cدو\u2028سه 👍 چهار") == "یکدو\nسه  چهار".replace("  ", " ")
    lines = [plain(v) for v in visual_lines("یک\u2029دو 😀 سه", 500, 10)]
    assert lines == ["یک"[::-1], "دو سه"[::-1]]
    doc = make_doc(resolutions=(make_doc().resolutions[0].__class__(
        1, "بند اول\u2028بند دوم\u061c 😀 پایان", "دبیرخانه", (), None, standing=True),))
    text = document_text(read_lines(build_minutes_pdf(doc)))
    assert "?" not in text
    assert "بند اول" in text and "بند دوم پایان" in text


def test_the_pdf_prints_a_spoofed_text_in_the_order_a_screen_shows_what_is_stored() -> None:
    stored, _ = clean_input(f"متن {PAY_SPOOF}")
    doc = make_doc(resolutions=(make_doc().resolutions[0].__class__(1, f"متن {PAY_SPOOF}", "دبیرخانه", (), None,
                                                                    standing=True),))
    printed = [line.visual for line in read_lines(build_minutes_pdf(doc)) if "Pay" in line.visual]
    # UAX #9 as a screen applies it to the stored text (digits as printed): «Pay won TNEMYAP ۰۰۰۱ متن».
    screen = get_display(prepare(stored), base_dir="R")
    assert screen == f"Pay won TNEMYAP ۰۰۰۱ {'متن'[::-1]}"
    assert len(printed) == 1 and screen in plain(printed[0])
