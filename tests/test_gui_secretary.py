"""What a secretary saw at 1366×768 (issue 12), driven with keys and clicks and read back from the store."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QMessageBox

from app.clock import FixedClock
from app.services import bodies, directory, meetings, overview
from app.store.db import Store
from tests.gui_helpers import focused, show_active, type_text
from ui.shell.jobs import Jobs
from ui.shell.main_window import MainWindow

HAMEDAN = "سازمان مدیریت و برنامه‌ریزی استان همدان"


@pytest.fixture
def council(file_store: Store) -> int:
    body = bodies.save_body(file_store, "شورای راهبری توسعه مدیریت استان همدان", "council")
    people = [directory.save_person(file_store, n, p, "استانداری همدان") for n, p in (
        ("دکتر علی شاهرخی", "استاندار"), ("مهندس مریم صادقی", "مدیرکل دفتر برنامه‌ریزی"),
        ("حسن عسگریان", "معاون هماهنگی"))]
    bodies.set_members(file_store, body.id, [(people[0].id, "chair"), (people[1].id, "secretary"),
                                             (people[2].id, "member")])
    for unit in ("سازمان جهاد کشاورزی", HAMEDAN, "دفتر فناوری اطلاعات"):
        directory.save_unit(file_store, unit)
    return body.id


@pytest.fixture
def window(qtbot, file_store: Store, council: int, today: dt.date) -> MainWindow:
    w = MainWindow(file_store, clock=FixedClock(today), jobs=Jobs(synchronous=True))
    w.editor.ask_to_save = lambda: QMessageBox.StandardButton.Discard  # a failed test closes without a dialog
    qtbot.addWidget(w)
    return show_active(qtbot, w)


def pick(qtbot, field: QLineEdit, typed: str, downs: int) -> QCompleter:  # type: ignore[no-untyped-def]
    """Type a prefix, walk the suggestions with Down, choose with Enter, as a user does."""
    field.setFocus()
    type_text(field, typed)
    completer = field.completer()
    assert completer is not None
    qtbot.waitUntil(completer.popup().isVisible)
    for _ in range(downs):
        qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
    return completer


def saved_meeting(store: Store, body_id: int) -> meetings.MeetingData:
    (row,) = overview.list_meetings(store, body_id)
    return meetings.load_meeting(store, row.id)


def test_a_unit_chosen_from_the_suggestions_is_what_is_saved(qtbot, window: MainWindow, file_store: Store,
                                                             council: int) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = window.editor
    editor.tabs.setCurrentWidget(editor.resolutions)
    page = editor.resolutions
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    type_text(page.text, "برنامهٔ عملیاتی تهیه شود.")
    pick(qtbot, page.lead_unit, "سازمان", downs=2)  # «سازمان جهاد…», then «سازمان مدیریت…»
    assert page.lead_unit.text() == HAMEDAN
    assert page.model.data(page.model.index(0, 2)) == HAMEDAN  # the list says what the field says

    # The mouse: a click on a suggestion of the speaker's field on the discussion page.
    editor.tabs.setCurrentWidget(editor.discussion)
    qtbot.mouseClick(editor.discussion.add_button, Qt.MouseButton.LeftButton)
    speaker = editor.discussion.speaker
    speaker.setFocus()
    type_text(speaker, "صادقی")
    completer = speaker.completer()
    assert completer is not None
    qtbot.waitUntil(completer.popup().isVisible)
    popup = completer.popup()
    first = popup.model().index(0, 0)
    chosen = first.data()
    assert "مریم صادقی" in chosen and chosen != "صادقی"
    qtbot.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton, pos=popup.visualRect(first).center())
    assert speaker.text() == chosen
    type_text(editor.discussion.text, "گزارش داده شد.")

    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not editor.problems.isVisible(), editor.problems.text()
    assert page.lead_unit.text() == HAMEDAN  # the field does not fall back to the prefix after saving
    data = saved_meeting(file_store, council)
    assert [r.lead_unit for r in data.resolutions] == [HAMEDAN]
    assert [d.speaker for d in data.discussion] == [chosen]
    assert "سازمان" not in [u.name for u in directory.list_units(file_store)]


def test_a_name_chosen_in_a_table_cell_is_what_is_saved(qtbot, window: MainWindow, file_store: Store,
                                                       council: int) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = window.editor
    editor.tabs.setCurrentWidget(editor.attendees)
    view = editor.attendees.view
    qtbot.mouseClick(editor.attendees.add_button, Qt.MouseButton.LeftButton)
    row = editor.attendees.current_row()
    view.setCurrentIndex(view.model().index(row, 1))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    cell = focused()
    assert isinstance(cell, QLineEdit)
    pick(qtbot, cell, "عسگر", downs=1)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.wait(1)
    assert view.model().data(view.model().index(row, 1)) == "حسن عسگریان"
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    names = [(a.name, a.person_id is not None) for a in saved_meeting(file_store, council).attendees]
    assert ("حسن عسگریان", True) in names


def test_attendees_show_whole_names_and_whole_choices(qtbot, window: MainWindow, file_store: Store,
                                                     council: int) -> None:
    long_post = "مدیرکل دفتر برنامه‌ریزی، بودجه، نوسازی و تحول اداری استانداری همدان"
    person = directory.save_person(file_store, "دکتر سیدمحمدرضا حسینی‌نژاد فیروزآبادی", long_post,
                                   "استانداری همدان").person
    bodies.set_members(file_store, council, [(person.id, "member")])
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = window.editor
    editor.tabs.setCurrentWidget(editor.attendees)
    page = editor.attendees
    if page.model.rowCount() == 0:
        qtbot.mouseClick(page.fill_button, Qt.MouseButton.LeftButton)
    view = page.view
    model = view.model()
    row = next(r for r in range(model.rowCount()) if model.data(model.index(r, 1)) == person.name)
    name_cell = model.index(row, 1)
    assert model.data(name_cell, Qt.ItemDataRole.ToolTipRole) == person.name  # whole, whatever the width
    assert model.data(model.index(row, 2), Qt.ItemDataRole.ToolTipRole) == long_post
    # A cell too narrow for the text wraps onto more lines rather than cutting it.
    view.horizontalHeader().resizeSection(2, 120)
    view.setColumnWidth(2, 120)
    qtbot.wait(1)
    assert view.rowHeight(row) > view.fontMetrics().height() * 1.5
    # The «حضور» drop-down is as wide as its longest label, and so is the column.
    view.setCurrentIndex(model.index(row, 5))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    combo = focused()
    from PySide6.QtWidgets import QComboBox

    assert isinstance(combo, QComboBox)
    assert combo.width() >= combo.sizeHint().width()
    assert view.columnWidth(5) >= combo.sizeHint().width() - 2
    combo.setCurrentIndex(combo.findText("غایب با عذر"))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.wait(1)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = {a.name: a.status for a in saved_meeting(file_store, council).attendees}
    assert saved[person.name] == "excused"


def test_paths_in_messages_are_left_to_right_isolates(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.errors import UserError
    from app.files import write_atomic
    from app.persian.text import ltr_isolate

    assert ltr_isolate("C:/نامه‌ها/1405-09-11.pdf") == "\u2066C:/نامه‌ها/1405-09-11.pdf\u2069"
    with pytest.raises(UserError) as refused:
        write_atomic(tmp_path, b"x")  # a folder, not a file
    assert refused.value.code == "export_target_is_folder"
    assert f"«\u2066{tmp_path}\u2069»" in refused.value.message
    with pytest.raises(UserError) as refused:
        write_atomic(tmp_path / "نیست" / "a.pdf", b"x")
    assert f"\u2066{tmp_path / 'نیست'}\u2069" in refused.value.message
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_a_suggested_file_name_uses_one_digit_system() -> None:
    from ui.meeting.minutes_actions import default_file_name

    name = default_file_name("کمیته ۳ آموزش", 12, dt.date(2026, 12, 2))
    assert name == "صورتجلسه کمیته 3 آموزش - جلسه 12 - 1405-09-11.pdf"
    assert not any("\u06f0" <= ch <= "\u06f9" for ch in name)


def test_the_status_bar_shows_the_written_file_whole(qtbot, window: MainWindow, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    written = tmp_path / "صورتجلسه - جلسه 1 - 1403-09-03.pdf"
    window.minutes._written(Path(written))
    assert window.statusBar().currentMessage() == f"صورتجلسه ذخیره شد: \u2066{written}\u2069"


def test_time_fields_hint_and_show_persian_digits_when_left(qtbot, window: MainWindow, file_store: Store,
                                                            council: int) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    details = window.editor.details
    assert details.start_time.placeholderText() == "مثلاً ۱۰:۰۰"  # a hint, not a value
    details.start_time.setFocus()
    type_text(details.start_time, "9:30")
    assert details.start_time.text() == "9:30"
    qtbot.keyClick(details.start_time, Qt.Key.Key_Tab)  # leaves the field
    assert details.start_time.text() == "۰۹:۳۰"
    details.end_time.setFocus()
    type_text(details.end_time, "25")  # not a time: left as typed, refused at save
    qtbot.keyClick(details.end_time, Qt.Key.Key_Tab)
    assert details.end_time.text() == "25"
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert details.errors["end_time"].isVisible() and overview.list_meetings(file_store, council) == []
    details.end_time.selectAll()
    qtbot.keyClick(details.end_time, Qt.Key.Key_Delete)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    data = saved_meeting(file_store, council)
    assert (data.start_time, data.end_time) == ("۰۹:۳۰", "")


def test_no_time_line_in_the_minutes_when_no_time_is_given() -> None:
    from app.export.minutes_pdf import build_minutes_pdf
    from tests.pdf_text import read_lines
    from tests.test_minutes_pdf import make_doc

    with_time = [line.logical for line in read_lines(build_minutes_pdf(make_doc()))]
    assert any("ساعت:" in t for t in with_time)
    without = [line.logical for line in read_lines(build_minutes_pdf(make_doc(start_time=None, end_time=None)))]
    assert not any("ساعت" in t for t in without)
    info = next(t for t in without if t.startswith("تاریخ: شنبه"))  # the title block, not the letter block
    assert info == "تاریخ: شنبه ۸ دی ۱۳۹۷ مکان: سالن شهید رجایی"


def test_smaller_things_a_secretary_noticed(qtbot, window: MainWindow, file_store: Store, council: int,
                                           today: dt.date) -> None:
    from ui.followup.tracker_window import TrackerWindow

    # The title names the app once: Qt adds «— دبیر» to it.
    assert "— دبیر" not in window.windowTitle() and not window.windowTitle().startswith("دبیر[*]")
    # Ctrl+N opens the new meeting on its details, whatever page was open before.
    window.editor.tabs.setCurrentWidget(window.editor.carry_over)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.tabs.currentWidget() is window.editor.details
    assert window.editor.discard_button.text() == "دور انداختن"
    # Escape closes the tracker.
    tracker = TrackerWindow(file_store, clock=FixedClock(today), jobs=Jobs(synchronous=True))
    qtbot.addWidget(tracker)
    show_active(qtbot, tracker)
    qtbot.keyClick(tracker, Qt.Key.Key_Escape)
    assert not tracker.isVisible()


def test_the_directory_sorts_people_by_name_without_titles(file_store: Store) -> None:
    for name in ("مهندس زهرا یزدانی", "دکتر علی بهرامی", "پروین اعتصامی", "جناب آقای دکتر حسن تقوی", "کامران افشار"):
        directory.save_person(file_store, name, "", "")
    assert [p.name for p in directory.list_people(file_store)] == [
        "پروین اعتصامی", "جناب آقای دکتر حسن تقوی", "مهندس زهرا یزدانی", "دکتر علی بهرامی", "کامران افشار"]


def test_paired_buttons_say_what_they_do(qtbot, file_store: Store) -> None:  # type: ignore[no-untyped-def]
    from ui.bodies.body_dialog import BodyDialog
    from ui.bodies.directory_dialog import DirectoryDialog

    directory_dialog = DirectoryDialog(file_store)
    qtbot.addWidget(directory_dialog)
    assert (directory_dialog.people.add_button.text(), directory_dialog.people.save_button.text()) == (
        "شخص تازه", "ذخیرهٔ شخص")
    body_dialog = BodyDialog(file_store)
    qtbot.addWidget(body_dialog)
    assert (body_dialog.pick_button.text(), body_dialog.members.add_button.text()) == ("افزودن این نام", "ردیف خالی")


def test_an_empty_store_greets_and_shortcuts_say_why(qtbot, file_store: Store, today: dt.date) -> None:  # type: ignore[no-untyped-def]
    w = MainWindow(file_store, clock=FixedClock(today), jobs=Jobs(synchronous=True))
    qtbot.addWidget(w)
    show_active(qtbot, w)
    assert w.editor_stack.currentWidget() is w.welcome and w.welcome.isVisible()
    qtbot.keyClick(w, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert "نخست نهادی" in w.statusBar().currentMessage()  # not silently nothing
    assert overview.list_meetings(file_store) == []
    qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert w.statusBar().currentMessage() == "جلسه‌ای باز نیست که ذخیره شود."
    qtbot.keyClick(w, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert w.statusBar().currentMessage() == "نهادی برگزیده نیست که ویرایش شود."
    asked: list[object] = []
    w.open_body_dialog = lambda *a, **k: asked.append(a) or None  # type: ignore[method-assign]
    qtbot.mouseClick(w.welcome.new_body_button, Qt.MouseButton.LeftButton)
    assert asked == [()]
    qtbot.mouseClick(w.welcome.demo_button, Qt.MouseButton.LeftButton)
    assert overview.list_bodies(file_store) and w.current_body_id() is not None
    assert w.editor_stack.currentWidget() is not w.welcome
    assert w.meetings_model.rowCount() > 0
    qtbot.mouseClick(w.welcome.demo_button, Qt.MouseButton.LeftButton)  # a second time: refused, nothing doubled
    assert len(overview.list_bodies(file_store)) == 7
