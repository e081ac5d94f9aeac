"""The resolutions tracker as a secretary uses it: filter, read the history, add a report,
extend a deadline, export what is shown; and the start-up banner that leads there."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QCheckBox, QDialog, QMessageBox

from app.clock import FixedClock
from app.services import bodies, meetings
from app.services.amendments import amend
from app.services.followup import add_follow_up, resolution_history
from app.services.meeting_data import ResolutionData
from app.store.db import Store
from tests.builders import resolutions_made
from tests.gui_helpers import show_active, type_text
from tests.pdf_text import columns, document_text, fold, read_lines
from ui.followup.dialogs import ExtensionDialog, FollowUpDialog
from ui.followup.tracker_model import TrackerModel
from ui.followup.tracker_window import TrackerWindow
from ui.shell.jobs import Jobs
from ui.shell.main_window import MainWindow

IT = "دفتر فناوری اطلاعات"
HR = "اداره کل توسعه منابع انسانی"
ANSWER_TRIES = 500  # × 10 ms: how long answer_dialog waits for the dialog to open


@pytest.fixture
def ids(store: Store) -> dict[str, int]:
    """Today is 1403/09/03. A council and its committee; IT has two overdue resolutions."""
    council = bodies.save_body(store, "شورای راهبری توسعه مدیریت استان", "council").id
    committee = bodies.save_body(store, "کمیته آموزش و توانمندسازی", "committee", council).id
    other = bodies.save_body(store, "کارگروه توسعه مدیریت استانداری", "working_group").id
    a, b, c = resolutions_made(store, council, dt.date(2024, 9, 1), [  # 1403/06/11
        ResolutionData("سامانه میز خدمت الکترونیکی راه‌اندازی شود.", IT, deadline="1403/08/01"),
        ResolutionData("دوره آموزشی کمیته‌های تخصصی برگزار شود.", HR, [IT], deadline="1403/08/15"),
        ResolutionData("جلسات کمیته‌ها هر ماه برگزار شود.", "دبیرخانه شورا", standing=True),
    ])
    d, = resolutions_made(store, committee, dt.date(2024, 10, 5), [  # 1403/07/14
        ResolutionData("پنجره واحد خدمات G2B به درگاه استان متصل شود.", IT, deadline="1403/08/20"),
    ])
    e, = resolutions_made(store, other, dt.date(2024, 11, 2), [  # 1403/08/12
        ResolutionData("گزارش عملکرد فصل دوم ارسال شود.", IT, deadline="1403/09/05"),
    ])
    return {"council": council, "committee": committee, "other": other,
            "a": a, "b": b, "c": c, "d": d, "e": e}


@pytest.fixture
def tracker(qtbot, store: Store, ids: dict[str, int], today: dt.date) -> TrackerWindow:  # type: ignore[no-untyped-def]
    w = TrackerWindow(store, clock=FixedClock(today), jobs=Jobs(synchronous=True))
    qtbot.addWidget(w)
    show_active(qtbot, w)
    return w


def settled(qtbot, w: TrackerWindow) -> TrackerWindow:  # type: ignore[no-untyped-def]
    """Wait for the history pane to follow the selection (it is read once the list is painted)."""
    qtbot.waitUntil(lambda: not w.history_timer.isActive())
    return w


def shown_ids(w: TrackerWindow) -> list[int]:
    return [w.model.row_at(i).id for i in range(w.model.rowCount())]


def cell(w: TrackerWindow, row: int, column: int) -> str:
    return str(w.model.index(row, column).data())


def answer_dialog(qtbot, fill: Callable[[QDialog], None]) -> list[QDialog]:  # type: ignore[no-untyped-def]
    """When the next modal dialog opens, let ``fill`` act on it (type, pick, press OK)."""
    seen: list[QDialog] = []
    tries = [0]

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            # Look again a while (the dialog opens after the click that asks for it), then give
            # up: a timer that re-armed for ever would outlive the test and act on a later one.
            tries[0] += 1
            if tries[0] < ANSWER_TRIES:
                QTimer.singleShot(10, act)
            return
        seen.append(dialog)
        fill(dialog)

    QTimer.singleShot(0, act)
    return seen


def click_box(qtbot, box: QCheckBox) -> None:  # type: ignore[no-untyped-def]
    """Click a check box on its square (at the right: the window is right to left)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(box.width() - 8, box.height() // 2))


def test_filter_to_one_unit_s_overdue_resolutions(qtbot, tracker: TrackerWindow, ids: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    assert len(shown_ids(tracker)) == 5
    assert "۵ مصوبه از ۵" in tracker.count.text()
    tracker.unit.setFocus()
    type_text(tracker.unit, "دفتر فناوري اطلاعات")  # typed with Arabic ي: still the same unit
    qtbot.waitUntil(lambda: len(shown_ids(tracker)) == 3)
    assert set(shown_ids(tracker)) == {ids["a"], ids["d"], ids["e"]}
    popup = tracker.unit.completer().popup()
    if popup.isVisible():  # the unit's name is offered as it is typed: Esc puts the offer away
        qtbot.keyClick(popup, Qt.Key.Key_Escape)
    click_box(qtbot, tracker.overdue)
    assert set(shown_ids(tracker)) == {ids["a"], ids["d"]}
    assert all("معوق" in cell(tracker, row, TrackerModel.DEADLINE) for row in range(2))
    assert tracker.model.index(0, TrackerModel.DEADLINE).data(Qt.ItemDataRole.ForegroundRole) is not None
    click_box(qtbot, tracker.collaborating)  # IT collaborates on b, overdue too
    assert set(shown_ids(tracker)) == {ids["a"], ids["b"], ids["d"]}
    tracker.clear_filters()
    assert len(shown_ids(tracker)) == 5 and tracker.unit.text() == ""


def test_body_status_deadline_and_text_filters(qtbot, tracker: TrackerWindow, ids: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    tracker.body.setCurrentIndex(tracker.body.findData(ids["council"]))
    assert set(shown_ids(tracker)) == {ids["a"], ids["b"], ids["c"], ids["d"]}  # with its committee
    tracker.sub_bodies.setChecked(False)
    assert set(shown_ids(tracker)) == {ids["a"], ids["b"], ids["c"]}
    tracker.status.setCurrentIndex(tracker.status.findText("مستمر"))
    assert shown_ids(tracker) == [ids["c"]]
    assert cell(tracker, 0, TrackerModel.STATUS) == "مستمر"  # the word, beside the colour
    assert tracker.model.index(0, TrackerModel.STATUS).data(Qt.ItemDataRole.BackgroundRole) is not None
    tracker.clear_filters()
    tracker.deadline_from.setText("1403/08/10")
    tracker.deadline_to.setText("۱۴۰۳/۰۸/۳۰")
    assert set(shown_ids(tracker)) == {ids["b"], ids["d"]}
    tracker.deadline_to.setText("1403/13/01")  # no such month: said, and the list stays
    assert "ماه" in tracker.message.text() and set(shown_ids(tracker)) == {ids["b"], ids["d"]}
    tracker.clear_filters()
    tracker.text.setFocus()
    type_text(tracker.text, "كميته")  # Arabic ك and ي find «کمیته»
    qtbot.waitUntil(lambda: set(shown_ids(tracker)) == {ids["b"], ids["c"]})
    tracker.text.clear()
    type_text(tracker.text, "g2b")
    qtbot.waitUntil(lambda: shown_ids(tracker) == [ids["d"]])


def test_sorting_by_a_column_keeps_filters(qtbot, tracker: TrackerWindow, ids: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    header = tracker.view.horizontalHeader()
    header.setSortIndicator(TrackerModel.DEADLINE, Qt.SortOrder.AscendingOrder)
    assert shown_ids(tracker) == [ids["a"], ids["b"], ids["d"], ids["e"], ids["c"]]  # standing last
    header.setSortIndicator(TrackerModel.DEADLINE, Qt.SortOrder.DescendingOrder)
    assert shown_ids(tracker)[:4] == [ids["e"], ids["d"], ids["b"], ids["a"]]
    tracker.overdue.setChecked(True)
    assert shown_ids(tracker) == [ids["d"], ids["b"], ids["a"]]
    header.setSortIndicator(TrackerModel.COLUMNS.index(("متن مصوبه", "text")), Qt.SortOrder.AscendingOrder)
    texts = [tracker.model.row_at(i).text for i in range(3)]
    assert texts == sorted(texts)


def test_add_a_follow_up_without_leaving_the_list(qtbot, tracker: TrackerWindow, store: Store,  # type: ignore[no-untyped-def]
                                                   ids: dict[str, int]) -> None:
    tracker.overdue.setChecked(True)
    assert tracker.select_resolution(ids["a"])
    settled(qtbot, tracker)
    assert "هنوز گزارشی ثبت نشده است" in tracker.history.toPlainText()
    changed: list[bool] = []
    tracker.changed.connect(lambda: changed.append(True))

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, FollowUpDialog)
        assert dialog.reporter.text() == IT  # the lead unit, ready
        dialog.status.setCurrentIndex(dialog.status.findData("done"))
        assert dialog.progress.value() == 100
        dialog.text.setFocus()
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()  # no text yet: refused, stays
        assert dialog.isVisible() and "متن گزارش خالی است" in dialog.error.text()
        type_text(dialog.text, "سامانه در ۱۴۰۳/۰۹/۰۱ راه‌اندازی شد.")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    seen = answer_dialog(qtbot, fill)
    qtbot.keyClick(tracker.view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert seen and changed == [True]
    h = resolution_history(store, ids["a"])
    assert h.status == "done" and h.follow_ups[0].text == "سامانه در ۱۴۰۳/۰۹/۰۱ راه‌اندازی شد."
    assert h.follow_ups[0].reporter == IT and h.follow_ups[0].progress == 100
    # Done is no longer overdue: it leaves the filtered list, and the list is still filtered.
    assert ids["a"] not in shown_ids(tracker) and tracker.overdue.isChecked()
    assert set(shown_ids(tracker)) == {ids["b"], ids["d"]}
    tracker.overdue.setChecked(False)
    assert tracker.select_resolution(ids["a"])
    text = settled(qtbot, tracker).history.toPlainText()
    assert "۱۴۰۳/۰۹/۰۳" in text and "انجام شده" in text and "راه‌اندازی شد" in text
    assert tracker.follow_up_button.isEnabled()  # done may still be reopened, with a reason


def test_a_refused_report_changes_nothing(qtbot, tracker: TrackerWindow, store: Store,  # type: ignore[no-untyped-def]
                                          ids: dict[str, int], today: dt.date) -> None:
    before = store.fetch_all("SELECT * FROM follow_ups"), store.fetch_all("SELECT id, status FROM resolutions")
    dialog = FollowUpDialog(store, ids["d"], today=today, parent=tracker)
    dialog.date.setText("1403/07/01")  # before the committee's meeting of 1403/07/14
    dialog.text.setPlainText("آغاز شد")
    dialog.status.setCurrentIndex(dialog.status.findData("in_progress"))
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "پیش از جلسه" in dialog.error.text() and dialog.date.error()
    dialog.date.setDate(today)
    dialog.extend.setChecked(True)
    dialog.new_deadline.setText("1403/10/30")
    dialog.accept()  # an extension without a reason
    assert "دلیل تمدید" in dialog.error.text()
    assert (store.fetch_all("SELECT * FROM follow_ups"),
            store.fetch_all("SELECT id, status FROM resolutions")) == before
    type_text(dialog.extension_reason, "درخواست واحد")
    dialog.accept()
    assert dialog.result_value is not None and dialog.result_value.extension_id is not None
    h = resolution_history(store, ids["d"])
    assert h.status == "in_progress" and h.deadline == dt.date(2025, 1, 19)  # 1403/10/30
    assert h.deadline_note() == "یک بار تمدید شده، مهلت اولیه ۱۴۰۳/۰۸/۲۰"


def test_extend_a_deadline(qtbot, tracker: TrackerWindow, store: Store, ids: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    assert tracker.select_resolution(ids["b"])
    row = tracker.model.row_of(ids["b"])
    assert "معوق" in cell(tracker, row, TrackerModel.DEADLINE)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, ExtensionDialog)
        dialog.new_deadline.setText("1403/09/30")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()  # no reason: refused
        assert dialog.isVisible() and "دلیل تمدید" in dialog.error.text()
        dialog.reason.setFocus()
        type_text(dialog.reason, "تأخیر در تخصیص اعتبار")
        type_text(dialog.granted_by, "رئیس شورا")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    seen = answer_dialog(qtbot, fill)
    tracker.extend_button.click()
    assert seen
    row = tracker.model.row_of(ids["b"])
    assert cell(tracker, row, TrackerModel.DEADLINE) == "۱۴۰۳/۰۹/۳۰ (تمدید ۱)"  # no longer overdue
    text = settled(qtbot, tracker).history.toPlainText()
    assert "تمدید مهلت" in text and "از ۱۴۰۳/۰۸/۱۵ به ۱۴۰۳/۰۹/۳۰" in text and "رئیس شورا" in text
    assert "یک بار تمدید شده، مهلت اولیه ۱۴۰۳/۰۸/۱۵" in text
    ext = resolution_history(store, ids["b"]).extensions
    assert len(ext) == 1 and ext[0].reason == "تأخیر در تخصیص اعتبار"


def test_closed_resolutions_offer_no_report_and_standing_no_extension(qtbot, tracker: TrackerWindow,  # type: ignore[no-untyped-def]
                                                                      store: Store, ids: dict[str, int],
                                                                      today: dt.date) -> None:
    add_follow_up(store, ids["e"], date=today, reporter="دبیرخانه", text="با مصوبهٔ جدید لغو شد.", progress=None,
                  status_after="cancelled", today=today)
    tracker.reload()
    tracker.select_resolution(ids["e"])
    settled(qtbot, tracker)
    assert not tracker.follow_up_button.isEnabled() and not tracker.extend_button.isEnabled()
    assert not tracker.add_follow_up()
    assert "گزارش تازه نمی‌پذیرد" in tracker.message.text()
    tracker.select_resolution(ids["c"])
    settled(qtbot, tracker)
    assert tracker.follow_up_button.isEnabled() and not tracker.extend_button.isEnabled()


def test_export_the_register_as_shown(qtbot, tracker: TrackerWindow, ids: dict[str, int], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tracker.overdue.setChecked(True)
    tracker.view.horizontalHeader().setSortIndicator(TrackerModel.DEADLINE, Qt.SortOrder.AscendingOrder)
    asked: list[tuple[Path, str]] = []

    def answer(title: str, default: Path, kind: str) -> Path:
        asked.append((default, kind))
        return tmp_path / "register"

    tracker.exports.ask_save_path = answer  # type: ignore[method-assign]
    tracker.export_action.trigger()
    assert asked[0][1] == "xlsx" and asked[0][0].name == "دفتر مصوبات - 1403-09-03.xlsx"
    sheet = load_workbook(tmp_path / "register.xlsx").active
    values = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [v[4] for v in values] == [tracker.model.row_at(i).text for i in range(3)]  # filtered, in order
    assert all("معوق" in v for v in values)


def test_follow_up_sheet_of_a_unit_from_the_tracker(qtbot, tracker: TrackerWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tracker.unit.setText(IT)
    tracker.overdue.setChecked(True)
    tracker.exports.ask_save_path = lambda title, default, kind: tmp_path / "sheet.pdf"  # type: ignore[method-assign]
    tracker.sheet_action.trigger()
    lines = read_lines(tmp_path / "sheet.pdf")
    text = fold(document_text(lines))
    assert fold("برگه پیگیری مصوبات") in text and fold(f"واحد: {IT}") in text
    texts = fold(next(t for t in columns(lines).values() if t.startswith("متن مصوبه")))
    assert fold("سامانه میز خدمت الکترونیکی راه‌اندازی شود.") in texts
    # The sheet prints what the tracker shows: where IT only collaborates, once «همکار هم» shows it.
    assert fold("دوره آموزشی کمیته‌های تخصصی برگزار شود.") not in texts
    assert fold("گزارش عملکرد فصل دوم") not in text  # not overdue
    tracker.collaborating.setChecked(True)
    tracker.sheet_action.trigger()
    lines = read_lines(tmp_path / "sheet.pdf")
    texts = fold(next(t for t in columns(lines).values() if t.startswith("متن مصوبه")))
    assert fold("دوره آموزشی کمیته‌های تخصصی برگزار شود.") in texts
    assert fold("همکار هم") in fold(document_text(lines))


# --- the main window: banner, menu --------------------------------------------

@pytest.fixture
def window(qtbot, file_store: Store, today: dt.date) -> MainWindow:  # type: ignore[no-untyped-def]
    council = bodies.save_body(file_store, "شورای راهبری توسعه مدیریت استان", "council").id
    resolutions_made(file_store, council, dt.date(2024, 9, 1), [
        ResolutionData("سامانه میز خدمت الکترونیکی راه‌اندازی شود.", IT, deadline="1403/08/01"),
        ResolutionData("گزارش عملکرد فصل دوم ارسال شود.", HR, deadline="1403/09/05"),
        ResolutionData("دوره آموزشی برگزار شود.", HR, deadline="1403/12/01"),
    ])
    w = MainWindow(file_store, clock=FixedClock(today), jobs=Jobs(synchronous=True))
    w.editor.ask_to_save = lambda: QMessageBox.StandardButton.Discard
    qtbot.addWidget(w)
    show_active(qtbot, w)
    return w


def test_the_start_up_banner_leads_to_the_overdue_ones(qtbot, window: MainWindow, file_store: Store,  # type: ignore[no-untyped-def]
                                                       today: dt.date) -> None:
    qtbot.waitUntil(window.attention.isVisible)  # counted once the first frame is out
    assert window.attention_text.text() == "۱ مصوبه تا هفت روز آینده سررسید می‌شود؛ ۱ مصوبه معوق است."
    qtbot.mouseClick(window.show_overdue_button, Qt.MouseButton.LeftButton)
    tracker = window.tracker
    qtbot.waitUntil(tracker.isVisible)
    assert tracker.overdue.isChecked() and tracker.model.rowCount() == 1
    rid = tracker.model.row_at(0).id
    qtbot.mouseClick(window.show_due_button, Qt.MouseButton.LeftButton)
    assert tracker.due_soon.isChecked() and not tracker.overdue.isChecked()
    assert tracker.model.row_at(0).text == "گزارش عملکرد فصل دوم ارسال شود."
    tracker.set_filters(overdue_only=True)
    tracker.make_follow_up_dialog = lambda resolution_id: _done_dialog(file_store, resolution_id, today, tracker)  # type: ignore[method-assign]
    assert tracker.add_follow_up()
    assert window.attention_text.text() == "۱ مصوبه تا هفت روز آینده سررسید می‌شود."
    assert resolution_history(file_store, rid).status == "done"


def _done_dialog(store: Store, resolution_id: int, today: dt.date, parent: TrackerWindow) -> FollowUpDialog:
    """A follow-up dialog that fills itself in and is accepted as soon as it is shown."""
    dialog = FollowUpDialog(store, resolution_id, today=today, parent=parent)
    dialog.status.setCurrentIndex(dialog.status.findData("done"))
    dialog.text.setPlainText("انجام شد.")
    QTimer.singleShot(0, dialog.accept)
    return dialog


def test_the_tracker_is_in_the_menu_and_shows_a_meeting(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.tracker_action.trigger()
    tracker = window.tracker
    qtbot.waitUntil(tracker.isVisible)
    assert tracker.model.rowCount() == 3
    tracker.select_row(0)
    settled(qtbot, tracker).meeting_button.click()
    assert window.editor.data is not None and window.editor.data.id == tracker.model.row_at(0).meeting_id


def test_a_report_in_the_tracker_changes_the_dashboard(qtbot, window: MainWindow, file_store: Store,  # type: ignore[no-untyped-def]
                                                       today: dt.date) -> None:
    window.dashboard_action.trigger()
    dashboard = window.open_dashboard()
    qtbot.waitUntil(dashboard.isVisible)
    labels = dashboard.figure_labels
    assert (labels["made"].text(), labels["done"].text(), labels["overdue"].text()) == ("۳", "۰", "۱")
    assert labels["implementation_rate"].text() == "۰٪"
    window.tracker_action.trigger()
    tracker = window.tracker
    tracker.set_filters(overdue_only=True)
    tracker.make_follow_up_dialog = lambda resolution_id: _done_dialog(file_store, resolution_id, today, tracker)  # type: ignore[method-assign]
    assert tracker.add_follow_up()
    assert (labels["made"].text(), labels["done"].text(), labels["overdue"].text()) == ("۳", "۱", "۰")
    assert labels["implementation_rate"].text() == "۳۳٫۳٪"
    assert dashboard.status_chart.values()["انجام شده"] == 1


def test_a_saved_meeting_shows_in_the_open_tracker(qtbot, window: MainWindow, file_store: Store,  # type: ignore[no-untyped-def]
                                                   today: dt.date) -> None:
    tracker = window.open_tracker()
    qtbot.waitUntil(tracker.isVisible)
    assert tracker.model.rowCount() == 3
    meeting_id = window.meetings_model.rows[0].id
    data = meetings.load_meeting(file_store, meeting_id)
    data.resolutions.append(ResolutionData("گزارش پیشرفت سامانه هر ماه ارسال شود.", IT, deadline="1403/09/01"))
    # Its minutes are final: a resolution is added by an amendment (app.services.amendments).
    saved = amend(file_store, meeting_id, data, "مصوبهٔ جاافتاده", now=window.clock.now(), today=today)
    window.changes.publish(saved.changes)  # what the editor's save broadcasts
    assert tracker.model.rowCount() == 4
    assert window.attention_text.text() == "۱ مصوبه تا هفت روز آینده سررسید می‌شود؛ ۲ مصوبه معوق است."


def test_a_report_from_the_meeting_editor_shows_in_the_tracker(qtbot, window: MainWindow, file_store: Store,  # type: ignore[no-untyped-def]
                                                                today: dt.date) -> None:
    tracker = window.open_tracker(overdue_only=True)
    assert tracker.model.rowCount() == 1
    rid = tracker.model.row_at(0).id
    written = add_follow_up(file_store, rid, date=today, reporter="جلسهٔ ۲", text="انجام شد.", progress=None,
                            status_after="done", today=today)
    window.changes.publish(written.changes, window.editor)  # what the carry-over page broadcasts after a report
    assert tracker.model.rowCount() == 0 and tracker.overdue.isChecked()
    tracker.set_filters(statuses="done")
    assert [tracker.model.row_at(i).id for i in range(tracker.model.rowCount())] == [rid]
    assert window.attention_text.text() == "۱ مصوبه تا هفت روز آینده سررسید می‌شود."


def test_reopened_windows_show_what_changed_while_they_were_closed(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                   file_store: Store, today: dt.date) -> None:
    tracker, dashboard = window.open_tracker(), window.open_dashboard()
    assert tracker.model.rowCount() == 3 and dashboard.figure_labels["made"].text() == "۳"
    tracker.close()
    dashboard.close()
    council = window.current_body_id()
    assert council is not None
    resolutions_made(file_store, council, dt.date(2024, 11, 20), [ResolutionData("تازه", IT, deadline="1403/10/01")])
    assert window.open_tracker() is tracker and tracker.model.rowCount() == 4
    assert window.open_dashboard() is dashboard and dashboard.figure_labels["made"].text() == "۴"


# --- every item model passes Qt's model tester -----------------------------------

def test_the_tracker_model_passes_the_model_tester(qtmodeltester, tracker: TrackerWindow) -> None:  # type: ignore[no-untyped-def]
    assert tracker.model.rowCount() == 5
    qtmodeltester.check(tracker.model, force_py=True)
    qtmodeltester.check(tracker.model)
    tracker.overdue.setChecked(True)  # a reset to fewer rows keeps it sound
    assert tracker.model.rowCount() == 3
    qtmodeltester.check(tracker.model, force_py=True)


def test_the_main_window_and_editor_models_pass_the_model_tester(qtmodeltester, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert window.bodies_model.rowCount() == 1 and window.meetings_model.rowCount() == 1
    for model in (window.bodies_model, window.meetings_model):
        qtmodeltester.check(model, force_py=True)
        qtmodeltester.check(model)
    window.select_meeting_row(0)  # opens the meeting in the editor
    editor = window.editor
    assert editor.resolutions.model.rowCount() == 3
    for page in (editor.agenda, editor.attendees, editor.discussion, editor.resolutions):
        qtmodeltester.check(page.model, force_py=True)
