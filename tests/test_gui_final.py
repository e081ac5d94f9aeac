"""Final minutes in the app: finalise from the menu, the read-only editor, an amendment with
its reason, the revision in the preview, the audit log, deleting a draft meeting."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.clock import IRAN, FixedClock
from app.services import bodies, directory, meetings, minutes_final
from app.services.meeting_data import AgendaData, ResolutionData
from app.store.db import Store
from tests.gui_helpers import show_active, type_text
from tests.pdf_text import document_text, fold, read_lines
from ui.shell.jobs import Jobs
from ui.shell.main_window import MainWindow

LATER = dt.datetime(2026, 12, 3, 9, 15, tzinfo=IRAN)  # 1405/09/12


def dump(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        return list(raw.iterdump())


@pytest.fixture
def window(qtbot, file_store: Store, today: dt.date) -> MainWindow:  # type: ignore[no-untyped-def]
    body = bodies.save_body(file_store, "کمیته فناوری اطلاعات و دولت الکترونیک", "committee")
    sec = directory.save_person(file_store, "مریم احمدی", "دبیر کمیته", "استانداری همدان")
    bodies.set_members(file_store, body.id, [(sec.id, "secretary")])
    data = meetings.new_meeting(file_store, body.id, today=today)
    data.place, data.status = "سالن جلسات استانداری", "held"
    data.agenda = [AgendaData("بررسی پیشرفت سامانه‌های G2B و G2C")]
    data.attendees = meetings.attendees_from_members(file_store, body.id)
    data.resolutions = [ResolutionData("گزارش پیشرفت تا ۱۴۰۳/۱۰/۱۰ ارسال شود.", "دفتر فناوری اطلاعات",
                                       deadline="1403/10/10")]
    meetings.save_meeting(file_store, data, today=today)
    w = MainWindow(file_store, clock=FixedClock(LATER), jobs=Jobs(synchronous=True))
    w.editor.ask_to_save = lambda: QMessageBox.StandardButton.Discard
    w.final.confirm = lambda text: True
    qtbot.addWidget(w)
    show_active(qtbot, w)
    w.select_meeting_row(0)
    assert w.editor.data is not None and w.editor.data.id is not None
    return w


def finalise_by_keys(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


def test_finalise_from_the_menu_locks_the_editor(qtbot, window: MainWindow, file_store: Store) -> None:  # type: ignore[no-untyped-def]
    assert window.final.finalise_action.shortcut().toString() == "Ctrl+Shift+F"
    assert window.final.finalise_action in window.minutes.menu.actions()
    editor = window.editor
    assert not editor.final.line.isVisible() and editor.details.isEnabled()
    finalise_by_keys(qtbot, window)
    meeting_id = editor.data.id  # type: ignore[union-attr]
    assert minutes_final.final_state(file_store, meeting_id).revision == 1
    assert editor.final.locked and editor.final.line.isVisible()
    assert "نهایی شده است (ویرایش ۱)" in editor.final.line.text()
    for page in (editor.details, editor.agenda, editor.attendees, editor.discussion, editor.resolutions):
        assert not page.isEnabled()
    assert editor.carry_over.isEnabled()  # reports heard in this meeting go on
    assert not editor.save_button.isEnabled()
    assert window.meetings_model.data(window.meetings_model.index(0, 2)) == "صورتجلسه نهایی"
    # Ctrl+S (or a restored draft typed before) writes nothing and says why.
    before = dump(file_store)
    editor.data.place = "جای دیگر"  # type: ignore[union-attr]
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert editor.problems.isVisible() and "اصلاح صورتجلسه" in editor.problems.text()
    assert dump(file_store) == before


def test_finalising_incomplete_minutes_says_what_is_missing(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                            file_store: Store) -> None:
    editor = window.editor
    editor.tabs.setCurrentWidget(editor.attendees)
    editor.data.attendees = []  # type: ignore[union-attr]
    editor.attendees.set_rows([])
    assert editor.save()
    before = dump(file_store)
    finalise_by_keys(qtbot, window)
    box = window.ops.last_message
    assert box is not None and "فهرست حاضرین خالی است" in box.text()
    assert dump(file_store) == before and not editor.final.locked


def test_amend_with_a_reason_and_see_the_revision_in_the_preview(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                 file_store: Store) -> None:
    editor = window.editor
    window.final.finalise()
    meeting_id = editor.data.id  # type: ignore[union-attr]
    preview = window.minutes.preview
    preview.timer.setInterval(0)
    window.minutes.preview_action.trigger()
    qtbot.waitUntil(lambda: bool(preview.pdf) and fold("ویرایش ۱") in fold(document_text(read_lines(preview.pdf))),
                    timeout=5000)

    window.final.amend_action.trigger()
    assert editor.final.amending and editor.details.isEnabled() and "در حال اصلاح" in editor.final.line.text()
    assert not editor.details.status.isEnabled()
    editor.details.place.clear()
    type_text(editor.details.place, "تالار شهید رجایی")
    editor.final.ask_reason = lambda: None  # cancelled: nothing written, still amending
    before = dump(file_store)
    assert not editor.save() and dump(file_store) == before and editor.final.amending
    editor.final.ask_reason = lambda: "محل جلسه اشتباه ثبت شده بود"
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not editor.problems.isVisible(), editor.problems.text()
    state = minutes_final.final_state(file_store, meeting_id)
    assert state.revision == 2 and state.label == "ویرایش ۲، اصلاحیهٔ ۱۴۰۵/۰۹/۱۲"
    assert editor.final.locked and "ویرایش ۲" in editor.final.line.text()
    (amendment,) = minutes_final.amendments(file_store, meeting_id)
    assert amendment.reason == "محل جلسه اشتباه ثبت شده بود"
    assert amendment.changes[0]["before"] == "سالن جلسات استانداری"
    qtbot.waitUntil(lambda: fold("ویرایش ۲، اصلاحیهٔ ۱۴۰۵/۰۹/۱۲") in fold(document_text(read_lines(preview.pdf))),
                    timeout=5000)
    assert fold("اصلاحیه‌ها") in fold(document_text(read_lines(preview.pdf)))


def test_amend_on_minutes_not_final_is_refused(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert not window.final.amend()
    assert not window.editor.final.amending
    box = window.ops.last_message
    assert box is not None and "نهایی نشده" in box.text()


def test_the_audit_log_dialog(qtbot, qtmodeltester, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.final.finalise()
    window.final.audit_action.trigger()
    dialog = window.final.audit_dialog
    assert dialog is not None and dialog.isVisible()
    qtmodeltester.check(dialog.model, force_py=True)
    model = dialog.model
    actions = [model.data(model.index(r, 2)) for r in range(model.rowCount())]
    assert actions[0] == "ایجاد" and actions[-1] == "نهایی کردن"
    assert model.data(model.index(0, 0)).startswith("۱۴۰")  # Jalali, Persian digits
    assert model.headerData(4, Qt.Orientation.Horizontal) == "تغییر"
    dialog.reject()


def test_delete_a_draft_meeting_from_the_list(qtbot, window: MainWindow, file_store: Store,  # type: ignore[no-untyped-def]
                                              today: dt.date) -> None:
    body_id = window.current_body_id()
    assert body_id is not None
    data = meetings.new_meeting(file_store, body_id, today=today)
    data.place = "اتاق ۲"
    draft_id = meetings.save_meeting(file_store, data, today=today).meeting_id
    window._reload_meetings()
    assert window.meetings_model.rowCount() == 2
    view = window.meetings_view
    held_row = window.meetings_model.row_of(window.editor.data.id)  # type: ignore[union-attr]
    window.select_meeting_row(held_row)
    assert window.final.delete_action in view.actions()
    assert view.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    before = dump(file_store)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # a held meeting: refused, in Persian
    box = window.ops.last_message
    assert box is not None and "تنها جلسهٔ پیش‌نویس حذف می‌شود" in box.text()
    assert dump(file_store) == before
    window.select_meeting_row(window.meetings_model.row_of(draft_id))
    asked: list[str] = []
    window.final.confirm = lambda text: asked.append(text) or False  # type: ignore[func-returns-value]
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert asked and dump(file_store) == before  # «no»: nothing
    window.final.confirm = lambda text: True
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert not file_store.read("meeting_exists", id=draft_id)
    assert window.meetings_model.rowCount() == 1
    assert window.editor_stack.currentWidget() is window.editor_placeholder


def test_a_recovered_draft_of_final_minutes_is_shown_locked_and_not_saved(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                         file_store: Store) -> None:
    editor = window.editor
    meeting_id = editor.data.id  # type: ignore[union-attr]
    draft = meetings.load_meeting(file_store, meeting_id)
    draft.place = "تایپ‌شده پیش از نهایی شدن"
    meetings.save_draft(file_store, draft, now=LATER)  # kept from before, say a crash
    minutes_final.finalise(file_store, meeting_id, now=LATER)  # finalised meanwhile (dabir finalize)
    editor.open_meeting(meeting_id)
    assert editor.banner.isVisible()
    qtbot.mouseClick(editor.restore_button, Qt.MouseButton.LeftButton)
    assert editor.details.place.text() == "تایپ‌شده پیش از نهایی شدن"  # nothing typed is lost…
    assert editor.final.locked and editor.final.line.isVisible()  # …but it is not saved in place
    before = dump(file_store)
    assert not editor.save()
    assert "اصلاح صورتجلسه" in editor.problems.text() and dump(file_store) == before
    # As an amendment, with its reason, it is.
    window.final.amend()
    editor.final.ask_reason = lambda: "بازگرداندن آنچه پیش از نهایی شدن نوشته شده بود"
    assert editor.save()
    assert minutes_final.final_state(file_store, meeting_id).revision == 2
