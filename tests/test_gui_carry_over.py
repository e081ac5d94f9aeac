"""Following up resolutions inside the meeting editor, driven as a secretary drives it:
the carry-over page of a new meeting, a report recorded there through the real dialog,
status and deadline that belong to the follow-up history, and the notice to the units."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.clock import FixedClock
from app.persian.jalali import parse_jalali
from app.services import bodies, directory, followup, meetings, overview
from app.services.followup import CARRY_OVER_AGENDA
from app.services.meeting_data import AgendaData, ResolutionData
from app.store.db import Store
from tests.gui_helpers import show_active, type_text
from tests.pdf_text import document_text, fold, read_lines
from ui.meeting.minutes_actions import default_file_name
from ui.meeting.pages import CarryOverModel
from ui.shell.jobs import Jobs
from ui.shell.main_window import MainWindow

BODY = "کمیته فناوری اطلاعات و دولت الکترونیک"
G2B = "فهرست خدمات قابل الکترونیکی شدن (G2B) با همکاری دستگاه‌های اجرایی تهیه و به دبیرخانه ارسال شود."
QUEUE = "سامانهٔ نوبت‌دهی برخط در ۳ دستگاه پرمراجعه راه‌اندازی شود."
G2C = "گزارش پیشرفت خدمات G2C هر ماه ارائه شود."
DONE = "پایگاه اطلاع‌رسانی کمیته به‌روز شود."
STANDING = "مصوبات هر جلسه در پایگاه اطلاع‌رسانی منتشر شود."


def _resolution_id(store: Store, meeting_id: int, text: str) -> int:
    return next(r.id for r in followup.tracker_rows(store, today=dt.date(2024, 11, 23)) if
                r.meeting_id == meeting_id and r.text == text)


@pytest.fixture
def history(file_store: Store, today: dt.date) -> dict[str, int]:
    """Two earlier meetings of a committee: open, overdue, extended, standing and done resolutions."""
    body = bodies.save_body(file_store, BODY, "committee")
    sec = directory.save_person(file_store, "مریم احمدی", "دبیر کمیته", "استانداری همدان")
    bodies.set_members(file_store, body.id, [(sec.id, "secretary")])
    for unit in ("دفتر فناوری اطلاعات", "دفتر بازرسی", "روابط عمومی"):
        directory.save_unit(file_store, unit)
    first = meetings.new_meeting(file_store, body.id, today=today)
    first.date = "1403/07/15"
    first.agenda = [AgendaData("بررسی پیشرفت دولت الکترونیک")]
    first.resolutions = [
        ResolutionData(G2B, "دفتر فناوری اطلاعات", ["دفتر بازرسی"], "1403/08/30"),  # overdue on 1403/09/03
        ResolutionData(QUEUE, "دفتر بازرسی", deadline="1403/09/10"),
        ResolutionData(STANDING, "روابط عمومی", standing=True),
        ResolutionData(DONE, "روابط عمومی", deadline="1403/08/01", status="done"),
    ]
    m1 = meetings.save_meeting(file_store, first, today=today).meeting_id
    second = meetings.new_meeting(file_store, body.id, today=today)
    second.date = "1403/08/20"
    second.resolutions = [ResolutionData(G2C, "دفتر فناوری اطلاعات", deadline="1403/09/20")]
    m2 = meetings.save_meeting(file_store, second, today=today).meeting_id
    queue = _resolution_id(file_store, m1, QUEUE)
    followup.add_follow_up(file_store, queue, date=parse_jalali("1403/08/20"), reporter="دفتر بازرسی",
                           text="سامانه در دو دستگاه راه افتاد.", progress=40, status_after="in_progress",
                           new_deadline=parse_jalali("1403/10/30"), extension_reason="تأخیر در تخصیص اعتبار",
                           today=today)
    return {"body": body.id, "m1": m1, "m2": m2, "queue": queue, "g2b": _resolution_id(file_store, m1, G2B),
            "g2c": _resolution_id(file_store, m2, G2C)}


@pytest.fixture
def window(qtbot, file_store: Store, history: dict[str, int], today: dt.date) -> MainWindow:  # type: ignore[no-untyped-def]
    w = MainWindow(file_store, clock=FixedClock(today), jobs=Jobs(synchronous=True))
    w.editor.ask_to_save = lambda: QMessageBox.StandardButton.Discard
    qtbot.addWidget(w)
    show_active(qtbot, w)
    assert w.current_body_id() == history["body"]
    return w


def open_meeting(window: MainWindow, meeting_id: int) -> None:
    window.select_meeting_row(window.meetings_model.row_of(meeting_id))
    assert window.editor.data is not None and window.editor.data.id == meeting_id


def cells(model: CarryOverModel, row: int) -> list[str]:
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


def test_a_new_meeting_starts_with_what_earlier_meetings_left_open(qtbot, qtmodeltester,  # type: ignore[no-untyped-def]
                                                                   window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = window.editor
    assert editor.data is not None and editor.data.number == 3
    assert [a.text for a in editor.data.agenda] == [CARRY_OVER_AGENDA]
    assert editor.agenda.model.data(editor.agenda.model.index(0, 1)) == CARRY_OVER_AGENDA
    assert editor.tabs.tabText(5) == "۶. پیگیری مصوبات قبل (۳)"

    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.AltModifier)
    page = editor.carry_over
    assert editor.tabs.currentWidget() is page
    model = page.model
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 3  # standing and done ones are not carried over
    # two lines a row: the editor's pane is narrow
    assert cells(model, 0) == ["جلسهٔ ۱\n۱۴۰۳/۰۷/۱۵", "۱", G2B, "دفتر فناوری اطلاعات", "۱۴۰۳/۰۸/۳۰\nمعوق",
                               "اقدام نشده"]
    assert cells(model, 1) == ["جلسهٔ ۱\n۱۴۰۳/۰۷/۱۵", "۲", QUEUE, "دفتر بازرسی", "۱۴۰۳/۱۰/۳۰\nتمدید شده",
                               "در دست اقدام\n۴۰٪"]
    note = "یک بار تمدید شده، مهلت اولیه ۱۴۰۳/۰۹/۱۰"
    assert model.data(model.index(1, CarryOverModel.DEADLINE), Qt.ItemDataRole.ToolTipRole) == note
    assert cells(model, 2)[:2] == ["جلسهٔ ۲\n۱۴۰۳/۰۸/۲۰", "۱"]
    assert G2B in model.data(model.index(0, CarryOverModel.TEXT), Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(0, CarryOverModel.UNIT), Qt.ItemDataRole.ToolTipRole) == \
        "دفتر فناوری اطلاعات؛ همکار: دفتر بازرسی"
    assert model.data(model.index(0, CarryOverModel.DEADLINE), Qt.ItemDataRole.ForegroundRole) is not None  # red
    assert model.data(model.index(1, CarryOverModel.DEADLINE), Qt.ItemDataRole.ForegroundRole) is None
    assert "۳ مصوبهٔ باز" in page.summary.text() and "۱ معوق" in page.summary.text()
    assert page.record_button.isEnabled() and page.record_button.text().endswith("(Ctrl+R)")
    # the selected resolution in full under the table
    page.view.setCurrentIndex(model.index(1, 0))
    assert page.details.text().splitlines() == [
        f"مصوبهٔ ۲ جلسهٔ ۱ (۱۴۰۳/۰۷/۱۵): {QUEUE}", "مسئول اجرا: دفتر بازرسی",
        f"مهلت: ۱۴۰۳/۱۰/۳۰ ({note})", "آخرین گزارش: ۱۴۰۳/۰۸/۲۰"]


def test_a_report_heard_in_the_meeting_is_recorded_on_the_earlier_resolution(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, file_store: Store, history: dict[str, int]) -> None:
    window.new_meeting()
    editor = window.editor
    editor.details.place.clear()
    type_text(editor.details.place, "سالن جلسات استانداری")
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.AltModifier)
    page = editor.carry_over
    page.view.setFocus()
    page.view.setCurrentIndex(page.model.index(page.model.row_of(history["g2b"]), 0))
    assert editor.data is not None and editor.data.id is None and editor.is_dirty()

    qtbot.keyClick(page.view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    # The meeting was saved first: the report names a meeting that exists.
    assert editor.data.id is not None and not editor.is_dirty()
    (saved,) = [m for m in overview.list_meetings(file_store, history["body"]) if m.id == editor.data.id]
    assert saved.number == 3 and meetings.load_meeting(file_store, saved.id).place == "سالن جلسات استانداری"
    dialog = editor.follow_up_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.date.date() == dt.date(2024, 11, 23)
    assert dialog.reporter.text() == f"جلسهٔ ۳ {BODY} (۱۴۰۳/۰۹/۰۳)"

    dialog.status.setCurrentIndex(dialog.status.findData("done"))
    type_text(dialog.text, "فهرست ۴۲ خدمت تهیه و به دبیرخانه ارسال شد.")
    dialog.accept()
    assert dialog.result_value is not None and dialog.result_value.status == "done"
    h = followup.resolution_history(file_store, history["g2b"])
    assert h.status == "done"
    (report,) = h.follow_ups
    assert (report.date, report.reporter) == (dt.date(2024, 11, 23), f"جلسهٔ ۳ {BODY} (۱۴۰۳/۰۹/۰۳)")
    # done: it leaves the list; the page says so and moves on to the next one
    assert page.model.row_of(history["g2b"]) < 0 and page.model.rowCount() == 2
    assert "انجام شده" in page.message.text() and "دیگر در این فهرست نیست" in page.message.text()
    assert editor.tabs.tabText(5) == "۶. پیگیری مصوبات قبل (۲)"
    assert page.current_resolution_id() is not None

    # A report that keeps the resolution open: it stays, with its new progress.
    page.view.setCurrentIndex(page.model.index(page.model.row_of(history["g2c"]), 0))
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    dialog = editor.follow_up_dialog
    assert dialog is not None
    dialog.status.setCurrentIndex(dialog.status.findData("in_progress"))
    dialog.progress.setValue(60)
    dialog.accept()
    row = page.model.row_of(history["g2c"])
    assert row >= 0 and page.current_resolution_id() == history["g2c"]
    assert cells(page.model, row)[CarryOverModel.STATUS] == "در دست اقدام\n۶۰٪"

    # Cancelled: nothing is written and nothing changes.
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    assert editor.follow_up_dialog is not None
    editor.follow_up_dialog.reject()
    assert len(followup.resolution_history(file_store, history["g2c"]).follow_ups) == 1
    assert editor.follow_up_dialog is None


def test_a_refused_report_keeps_the_dialog_open(qtbot, window: MainWindow, file_store: Store,  # type: ignore[no-untyped-def]
                                                history: dict[str, int]) -> None:
    open_meeting(window, history["m2"])
    page = window.editor.carry_over
    window.editor.tabs.setCurrentWidget(page)
    page.view.setCurrentIndex(page.model.index(page.model.row_of(history["g2b"]), 0))
    page.request_record()
    dialog = window.editor.follow_up_dialog
    assert dialog is not None and dialog.date.date() == dt.date(2024, 11, 10)  # the meeting's own date
    dialog.status.setCurrentIndex(dialog.status.findData("cancelled"))  # needs the reason
    dialog.accept()
    assert dialog.isVisible() and dialog.result_value is None
    assert followup.resolution_history(file_store, history["g2b"]).follow_ups == ()
    assert page.model.row_of(history["g2b"]) >= 0
    dialog.reject()


def test_nothing_opens_while_the_meeting_cannot_be_saved(qtbot, window: MainWindow, file_store: Store,  # type: ignore[no-untyped-def]
                                                        history: dict[str, int]) -> None:
    window.new_meeting()
    editor = window.editor
    editor.details.date.setText("1400/12/30")
    editor.details.date.textEdited.emit("1400/12/30")
    editor.tabs.setCurrentWidget(editor.carry_over)
    editor.carry_over.request_record()
    assert editor.follow_up_dialog is None
    assert editor.problems.isVisible() and "کبیسه" in editor.problems.text()
    assert len(overview.list_meetings(file_store, history["body"])) == 2


def test_an_earlier_meeting_lists_only_what_came_before_it(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                           history: dict[str, int]) -> None:
    open_meeting(window, history["m2"])
    editor = window.editor
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.AltModifier)
    model = editor.carry_over.model
    assert [r.id for r in model.rows] == [history["g2b"], history["queue"]]  # not its own, not later ones
    open_meeting(window, history["m1"])
    assert model.rowCount() == 0 and editor.tabs.tabText(5) == "۶. پیگیری مصوبات قبل"
    assert "نمانده است" in editor.carry_over.summary.text()
    assert not editor.carry_over.record_button.isEnabled()
    # Typing a later date for this meeting lists what was open by then.
    editor.details.date.setText("1403/09/01")
    editor.details.date.textEdited.emit("1403/09/01")
    assert [r.id for r in model.rows] == [history["g2c"]]


def test_status_and_deadline_of_a_followed_up_resolution_are_read_only(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                       file_store: Store,
                                                                       history: dict[str, int]) -> None:
    open_meeting(window, history["m1"])
    editor = window.editor
    page = editor.resolutions
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    page.select(1)  # the extended one
    assert page.model.data(page.model.index(1, 3)) == "۱۴۰۳/۱۰/۳۰"  # the current deadline
    note = ("وضعیت و مهلت این مصوبه از گزارش‌های پیگیری می‌آید (۱ گزارش، ۱ تمدید)؛ "
            "برای تغییر، از پنجرهٔ پیگیری مصوبات گزارش ثبت کنید.")
    assert page.history_note.isVisible() and page.history_note.text() == note
    assert page.model.data(page.model.index(1, 4), Qt.ItemDataRole.ToolTipRole) == note
    assert page.model.data(page.model.index(1, 1), Qt.ItemDataRole.ToolTipRole) != note  # the text is not locked
    assert page.status.currentData() == "in_progress"
    assert not page.status.isEnabled() and not page.deadline.isEnabled() and not page.standing.isEnabled()
    assert not page.remove_button.isEnabled()
    qtbot.keyClick(page.view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert page.model.rowCount() == 4
    # The text is still the minutes' to correct.
    assert page.text.isEnabled()
    page.text.setFocus()
    page.text.moveCursor(page.text.textCursor().MoveOperation.End)
    type_text(page.text, " (سه دستگاه)")

    page.select(0)  # no history: the meeting still sets its status and deadline
    assert not page.history_note.isVisible()
    assert page.status.isEnabled() and page.deadline.isEnabled() and page.remove_button.isEnabled()
    qtbot.keyClick(page.view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)  # this one goes…
    assert page.model.rowCount() == 3
    qtbot.keyClick(page.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # …and comes back
    assert page.model.rowCount() == 4 and page.current_row() == 0
    page.status.setCurrentIndex(page.status.findData("in_progress"))
    assert editor.save()
    back = meetings.load_meeting(file_store, history["m1"])
    assert [(r.status, r.deadline) for r in back.resolutions[:2]] == [
        ("in_progress", "۱۴۰۳/۰۸/۳۰"), ("in_progress", "۱۴۰۳/۱۰/۳۰")]
    assert back.resolutions[1].text == QUEUE + " (سه دستگاه)"


def test_reports_written_elsewhere_lock_the_open_meeting_in_place(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                  file_store: Store,
                                                                  history: dict[str, int],
                                                                  today: dt.date) -> None:
    open_meeting(window, history["m1"])
    editor = window.editor
    page = editor.resolutions
    editor.tabs.setCurrentWidget(page)
    page.select(0)
    type_text(editor.details.place, "تالار")  # unsaved typing survives the refresh
    assert page.status.isEnabled()
    followup.add_follow_up(file_store, history["g2b"], date=today, reporter="دفتر فناوری اطلاعات",
                           text="بخشی از فهرست رسید.", progress=30, status_after="partly_done", today=today)
    editor.refresh_follow_ups()
    assert not page.status.isEnabled() and page.status.currentData() == "partly_done"
    assert "(۱ گزارش)" in page.history_note.text()
    assert editor.is_dirty() and editor.data is not None and editor.data.place.endswith("تالار")


def test_notice_to_the_units_through_the_dialog_path(qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                      history: dict[str, int]) -> None:
    open_meeting(window, history["m1"])
    asked: list[tuple[str, Path]] = []

    def answer(title: str, default: Path) -> Path:
        asked.append((title, default))
        return tmp_path / "notice"  # typed without «.pdf»

    window.minutes.ask_save_path = answer
    type_text(window.editor.details.place, "سالن جلسات")
    assert window.minutes.notice_action.shortcut().toString() == "Ctrl+Shift+B"
    window.minutes.notice_action.trigger()
    assert asked and asked[0][1].name == f"ابلاغ مصوبات {BODY} - جلسه 1 - 1403-07-15.pdf"
    out = tmp_path / "notice.pdf"
    assert out.exists() and not window.editor.is_dirty()  # saved first
    text = fold(document_text(read_lines(out)))
    for phrase in ("ابلاغ مصوبات", "به: دفتر فناوری اطلاعات", "به: دفتر بازرسی", "به: روابط عمومی",
                   "(G2B)", "مسئول اجرا", "همکار", "مستمر", "مریم احمدی"):
        assert fold(phrase) in text, phrase
    assert "ابلاغ مصوبات ذخیره شد" in window.statusBar().currentMessage()
    assert default_file_name("کمیته آموزش", 3, dt.date(2024, 11, 23), kind="ابلاغ مصوبات") == \
        "ابلاغ مصوبات کمیته آموزش - جلسه 3 - 1403-09-03.pdf"


def test_a_meeting_without_resolutions_has_nothing_to_notify(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                           file_store: Store, history: dict[str, int]) -> None:
    window.new_meeting()
    window.minutes.ask_save_path = lambda title, default: pytest.fail("nothing to ask")
    window.minutes.notice_action.trigger()
    assert "مصوبه‌ای با واحد مسئول ندارد" in window.statusBar().currentMessage()
    assert not window.editor.is_dirty()  # saved all the same, as every document action does
