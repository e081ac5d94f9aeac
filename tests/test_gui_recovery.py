"""Saves that cannot vanish (issue «Nothing lost»), in the window: the store stops taking writes
while a meeting is edited, and the edits survive; «discard» really discards."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from app.clock import FixedClock
from app.errors import UserError
from app.services import bodies, meetings, recovery
from app.store import integrity
from app.store.db import Store, open_store
from tests.gui_helpers import show_active, type_text
from ui.shell.jobs import Jobs
from ui.shell.main_window import MainWindow


@pytest.fixture(autouse=True)
def _private_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Recovery files go to this test's own data folder, never the tester's."""
    monkeypatch.setenv("DABIR_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture
def meeting(file_store: Store, today: dt.date) -> int:
    body = bodies.save_body(file_store, "کمیته آموزش و توانمندسازی کارکنان", "committee").id
    return meetings.save_meeting(file_store, meetings.new_meeting(file_store, body, today=today),
                                 today=today).meeting_id


def _window(qtbot, store: Store, today: dt.date) -> MainWindow:  # type: ignore[no-untyped-def]
    w = MainWindow(store, clock=FixedClock(today), jobs=Jobs(synchronous=True))
    qtbot.addWidget(w)
    return show_active(qtbot, w)


def _store_stops_writing(monkeypatch: pytest.MonkeyPatch, store: Store) -> None:
    """What a store made read-only (or locked, or on a full disk) answers every write with."""
    assert store.path is not None

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise integrity.read_only(store.path)  # type: ignore[arg-type]

    monkeypatch.setattr(meetings, "save_draft", refuse)
    monkeypatch.setattr(meetings, "save_meeting", refuse)


def test_edits_the_store_cannot_take_are_kept_and_come_back_at_the_next_start(
        qtbot, file_store: Store, meeting: int, today: dt.date, monkeypatch: pytest.MonkeyPatch) -> None:
    w = _window(qtbot, file_store, today)
    editor = w.editor
    editor.open_meeting(meeting)
    type_text(editor.details.place, "تالار شهید بهشتی")
    assert editor.is_dirty()

    stop = monkeypatch.context()  # undone alone: the test's data folder stays set
    _store_stops_writing(stop.__enter__(), file_store)
    editor.write_draft()  # the autosave
    kept = recovery.pending(file_store.path)
    assert [r.data.place for r in kept] == ["تالار شهید بهشتی"]
    told = w.ops.last_message
    assert told is not None and "فقط‌خواندنی" in told.text() and "پروندهٔ بازیابی" in told.text()
    assert "بازیابی" in editor.state.text()

    assert not editor.save()  # Save fails too: said at once, the edits stay in the editor
    assert editor.is_dirty() and editor.details.place.text() == "تالار شهید بهشتی"
    assert "فقط‌خواندنی" in editor.problems.text()

    asked: list[Path] = []
    editor.ask_to_save = lambda: QMessageBox.StandardButton.Save  # type: ignore[method-assign]
    editor.ask_close_kept = lambda path: asked.append(path) or True  # type: ignore[method-assign]
    w.close()
    assert not w.isVisible() and asked == [kept[0].path]  # closing said where the edits are
    stop.__exit__(None, None, None)

    store = open_store(file_store.path)  # the next start, the store writable again
    try:
        again = _window(qtbot, store, today)
        qtbot.waitUntil(lambda: recovery.pending(store.path) == [], timeout=3000)
        again.editor.open_meeting(meeting)
        assert again.editor.banner.isVisibleTo(again.editor), again.statusBar().currentMessage()
        qtbot.mouseClick(again.editor.restore_button, qtbot_left())
        assert again.editor.details.place.text() == "تالار شهید بهشتی"
        assert again.editor.save()
        assert meetings.load_meeting(store, meeting).place == "تالار شهید بهشتی"
        again.close()
    finally:
        store.close()


def qtbot_left():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_discard_discards(qtbot, file_store: Store, meeting: int, today: dt.date) -> None:
    w = _window(qtbot, file_store, today)
    editor = w.editor
    editor.open_meeting(meeting)
    type_text(editor.details.place, "سالن ۲")
    editor.write_draft()
    assert meetings.find_draft(file_store, meeting, editor.data.body_id) is not None
    editor.ask_to_save = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    w.close()
    body_id = meetings.load_meeting(file_store, meeting).body_id
    assert meetings.find_draft(file_store, meeting, body_id) is None  # nothing kept against the user's word
    assert meetings.load_meeting(file_store, meeting).place == ""
    again = _window(qtbot, file_store, today)
    again.editor.open_meeting(meeting)
    assert not again.editor.banner.isVisible()


def test_the_prompt_says_what_discard_loses(qtbot, file_store: Store, meeting: int, today: dt.date,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    w = _window(qtbot, file_store, today)
    w.editor.open_meeting(meeting)
    seen: list[str] = []

    def question(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        seen.append(text)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", question)
    type_text(w.editor.details.place, "سالن ۳")
    assert not w.editor.maybe_leave()
    assert seen and "دور" in seen[0] and "از دست می‌رود" in seen[0]
    w.editor.ask_to_save = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]


def test_even_the_recovery_file_failing_never_closes_without_asking(
        qtbot, file_store: Store, meeting: int, today: dt.date, monkeypatch: pytest.MonkeyPatch) -> None:
    w = _window(qtbot, file_store, today)
    editor = w.editor
    editor.open_meeting(meeting)
    type_text(editor.details.place, "سالن ۴")
    stop = monkeypatch.context()
    patch = stop.__enter__()
    _store_stops_writing(patch, file_store)

    def no_room(*_args: object, **_kwargs: object) -> None:
        raise UserError("export_disk_full", "فضای دیسک برای نوشتن فایل کافی نیست.")

    patch.setattr(recovery, "keep", no_room)
    editor.ask_to_save = lambda: QMessageBox.StandardButton.Save  # type: ignore[method-assign]
    editor.ask_close_kept = lambda path: True  # type: ignore[method-assign]
    assert not editor.maybe_leave()  # nowhere to keep the edits: the window stays open with them
    assert editor.is_dirty() and editor.details.place.text() == "سالن ۴"
    stop.__exit__(None, None, None)
    editor.ask_to_save = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
