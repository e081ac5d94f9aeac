"""Autosaved drafts read back without trust: a damaged or foreign draft never stops the start."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from app.clock import IRAN, FixedClock
from app.services import bodies, meetings
from app.services.draft_payload import DraftUnreadable, read_draft
from app.services.meeting_data import AgendaData, MeetingData
from app.store.db import Store

AT = dt.datetime(2024, 11, 23, 10, 0, tzinfo=IRAN)


def put_payload(store: Store, body_id: int, payload: str, meeting_id: int | None = None) -> None:
    """A draft row as another version (or a damaged disk) left it."""
    with store.session() as s:
        from app.store.models import Draft

        s.add(Draft(meeting_id=meeting_id, body_id=body_id, payload=payload, saved_at=AT.replace(tzinfo=None)))


def payloads(store: Store) -> list[str]:
    return [r[0] for r in store.fetch_all("SELECT payload FROM drafts ORDER BY id")]


@pytest.fixture
def council(file_store: Store) -> int:
    return bodies.save_body(file_store, "شورای راهبری توسعه مدیریت استان همدان", "council").id


def test_a_draft_round_trips() -> None:
    data = MeetingData(body_id=3, number=2, place="تالار", agenda=[AgendaData("بند یک")])
    assert read_draft(data.to_json()) == data


@pytest.mark.parametrize("payload", [
    "{not json", "", "[1, 2]", '"text"', '{"number": 2}',  # no body_id
    '{"body_id": "three"}', '{"body_id": 1, "date": 14030903}', '{"body_id": 1, "agenda": "x"}',
    '{"body_id": 1, "agenda": [{"text": 5}]}', '{"body_id": 1, "resolutions": [{"collaborators": [1]}]}',
    '{"body_id": true}',
])
def test_unreadable_payloads(payload: str) -> None:
    with pytest.raises(DraftUnreadable):
        read_draft(payload)


def test_unknown_keys_are_dropped_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    payload = ('{"body_id": 1, "place": "تالار", "colour": "red", '
               '"agenda": [{"text": "بند", "priority": 3}], "resolutions": [{"text": "م", "collaborators": ["الف"]}]}')
    with caplog.at_level(logging.WARNING, logger="dabir"):
        data = read_draft(payload)
    assert data.place == "تالار" and data.agenda == [AgendaData("بند")]
    assert data.resolutions[0].collaborators == ["الف"]
    assert "colour" in caplog.text and "agenda[0].priority" in caplog.text


def test_list_drafts_skips_what_it_cannot_read_and_keeps_it(file_store: Store, council: int,
                                                           caplog: pytest.LogCaptureFixture) -> None:
    put_payload(file_store, council, "{broken")
    with caplog.at_level(logging.WARNING, logger="dabir"):
        assert meetings.list_drafts(file_store) == []
        assert meetings.find_draft(file_store, None, council) is None
    assert "cannot be read" in caplog.text
    assert payloads(file_store) == ["{broken"]  # kept: a later version may read it


def test_start_with_damaged_and_foreign_drafts(qtbot, file_store: Store, council: int, today: dt.date) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from ui.shell.jobs import Jobs
    from ui.shell.main_window import MainWindow

    saved = meetings.save_meeting(file_store, meetings.new_meeting(file_store, council, today=today), today=today)
    put_payload(file_store, council, f'{{"body_id": {council}, "date": [')  # not JSON: a new meeting's draft
    foreign = meetings.load_meeting(file_store, saved.meeting_id)
    foreign.place = "تالار شهید رجایی"
    payload = foreign.to_json()[:-1] + ', "signed_by": "نسخهٔ تازه‌تر"}'  # a key this version does not know
    put_payload(file_store, council, payload, meeting_id=saved.meeting_id)

    w = MainWindow(file_store, clock=FixedClock(today), jobs=Jobs(synchronous=True))
    w.editor.ask_to_save = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(w)
    w.show()  # no traceback at start: the readable draft is offered, the other skipped
    qtbot.waitUntil(lambda: w.editor.banner.isVisible(), timeout=3000)
    qtbot.mouseClick(w.editor.restore_button, Qt.MouseButton.LeftButton)
    assert w.editor.details.place.text() == "تالار شهید رجایی"
    assert payloads(file_store)[0].startswith('{"body_id"') and payloads(file_store)[0].endswith("[")

