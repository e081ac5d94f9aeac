"""One broadcast of what changed, one way to fail, one clock: driven through the main window."""

from __future__ import annotations

import datetime as dt
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.clock import IRAN, FixedClock
from app.log import log, setup_logging
from app.services import bodies, meetings
from app.services.meeting_data import ResolutionData
from app.store.db import Store
from tests.builders import resolutions_made
from tests.gui_helpers import show_active, type_text
from ui.bodies.directory_dialog import DirectoryDialog
from ui.shell.jobs import Jobs
from ui.shell.main_window import MainWindow

IT = "دفتر فناوری اطلاعات"
RENAMED = "معاونت فناوری اطلاعات و ارتباطات"


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    before = list(log.handlers)
    yield setup_logging(tmp_path / "logs")
    for h in list(log.handlers):
        if h not in before:
            log.removeHandler(h)
            h.close()


def build_window(qtbot, store: Store, clock: FixedClock) -> MainWindow:  # type: ignore[no-untyped-def]
    w = MainWindow(store, clock=clock, jobs=Jobs(synchronous=True))
    w.editor.ask_to_save = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(w)
    show_active(qtbot, w)
    return w


@pytest.fixture
def council(file_store: Store) -> int:
    council = bodies.save_body(file_store, "شورای راهبری توسعه مدیریت استان", "council").id
    resolutions_made(file_store, council, dt.date(2024, 9, 1), [
        ResolutionData("سامانه میز خدمت الکترونیکی راه‌اندازی شود.", IT, deadline="1403/08/01"),
        ResolutionData("گزارش عملکرد فصل دوم ارسال شود.", "دفتر منابع انسانی", deadline="1403/09/03"),
    ], status="held")  # its minutes are edited here: not final yet
    return council


def completions(line_edit) -> list[str]:  # type: ignore[no-untyped-def]
    return line_edit.completer().model().stringList()


def test_a_unit_renamed_in_the_directory_shows_in_the_open_tracker_and_the_completers(
        qtbot, file_store: Store, council: int, today: dt.date) -> None:  # type: ignore[no-untyped-def]
    window = build_window(qtbot, file_store, FixedClock(today))
    window.select_meeting_row(0)
    editor = window.editor
    assert editor.data is not None and IT in completions(editor.resolutions.lead_unit)
    tracker = window.open_tracker()
    qtbot.waitUntil(tracker.isVisible)
    assert IT in [tracker.model.row_at(i).lead_unit for i in range(tracker.model.rowCount())]

    def rename() -> None:  # in the directory, as the secretary does it: tab, row, retype, Enter, close
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, DirectoryDialog)
        units = dialog.units
        units.ask_about_unsaved = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
        dialog.tabs.setCurrentWidget(units)
        row = [units.model.data(units.model.index(r, 0)) for r in range(units.model.rowCount())].index(IT)
        index = units.model.index(row, 0)
        qtbot.mouseClick(units.view.viewport(), Qt.MouseButton.LeftButton, pos=units.view.visualRect(index).center())
        name = units.fields["name"]
        name.setFocus()
        qtbot.keyClick(name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(name, Qt.Key.Key_Backspace)
        type_text(name, RENAMED)
        qtbot.keyClick(name, Qt.Key.Key_Return)  # Enter in the form saves
        assert units.status.text() == "ذخیره شد."
        # While the directory is still open, the tracker behind it already says the new name.
        shown.extend(tracker.model.row_at(i).lead_unit for i in range(tracker.model.rowCount()))
        dialog.reject()

    shown: list[str] = []
    QTimer.singleShot(0, rename)
    window.directory_action.trigger()
    assert RENAMED in shown and IT not in shown
    assert RENAMED in completions(editor.resolutions.lead_unit) and IT not in completions(editor.resolutions.lead_unit)
    assert RENAMED in completions(tracker.unit)


def test_a_failing_save_is_logged_and_the_user_told_where(qtbot, file_store: Store, council: int,  # type: ignore[no-untyped-def]
                                                          today: dt.date, log_file: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    window = build_window(qtbot, file_store, FixedClock(today))
    window.select_meeting_row(0)
    editor = window.editor
    editor.details.place.setFocus()
    type_text(editor.details.place, "سالن شهید بهشتی")
    assert editor.is_dirty()

    def broken(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(meetings, "save_meeting", broken)
    failures: list[str] = []
    window.ops.failed.connect(failures.append)
    qtbot.keyClick(editor.details.place, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    box = window.ops.last_message
    assert box is not None and box.isVisible() and box.icon() == QMessageBox.Icon.Critical
    assert "«ذخیرهٔ جلسه» انجام نشد" in box.text() and str(log_file) in box.text() and failures == [box.text()]
    text = log_file.read_text(encoding="utf-8")
    assert "ذخیرهٔ جلسه failed: OSError" in text and "Traceback (most recent call last)" in text
    assert "in broken" in text  # the whole traceback, down to where it failed
    assert editor.is_dirty() and editor.data is not None and editor.data.place == "سالن شهید بهشتی"  # nothing lost
    assert not editor.save()  # again (the message is window-modal, so from code): the same failure
    assert window.ops.last_message is box and log_file.read_text(encoding="utf-8").count("Traceback") == 2
    editor.write_draft()  # and the autosave still keeps the typing
    assert meetings.find_draft(file_store, editor.data.id, council) is not None
    box.accept()


def test_an_uncaught_exception_is_logged_and_shown_not_swallowed(qtbot, file_store: Store, council: int,  # type: ignore[no-untyped-def]
                                                                 today: dt.date, log_file: Path) -> None:
    window = build_window(qtbot, file_store, FixedClock(today))
    undo = window.ops.install_excepthook()
    try:
        try:
            raise KeyError("بی‌نام")
        except KeyError:
            sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
        box = window.ops.last_message
        assert box is not None and "«کار برنامه» با خطای پیش‌بینی‌نشده‌ای متوقف شد" in box.text()
        box.accept()

        def worker() -> None:
            raise ValueError("در رشتهٔ دیگر")

        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
        qtbot.waitUntil(lambda: window.ops.last_message is not None and "کار پس‌زمینه" in window.ops.last_message.text())
        window.ops.last_message.accept()
    finally:
        undo()
    text = log_file.read_text(encoding="utf-8")
    assert "KeyError" in text and "ValueError: در رشتهٔ دیگر" in text and "in worker" in text


def test_midnight_under_an_injected_clock_recounts_the_banner_and_the_tracker(
        qtbot, file_store: Store, council: int, today: dt.date) -> None:  # type: ignore[no-untyped-def]
    clock = FixedClock(dt.datetime.combine(today, dt.time(23, 59, 30), IRAN))
    window = build_window(qtbot, file_store, clock)
    window.refresh_attention()
    assert window.attention_text.text() == "۱ مصوبه تا هفت روز آینده سررسید می‌شود؛ ۱ مصوبه معوق است."
    # Armed for the clock's midnight (30 s away, and a second to be sure), not the real one.
    assert window.midnight.isActive() and window.midnight.interval() == 31_000
    tracker = window.open_tracker(overdue_only=True)
    assert tracker.model.rowCount() == 1
    dashboard = window.open_dashboard()
    assert dashboard.figure_labels["overdue"].text() == "۱"

    clock.advance(dt.timedelta(minutes=1))  # 00:00:30 of the next day; the due one is now late
    window.midnight.timeout.emit()
    assert window.attention_text.text() == "۲ مصوبه معوق است."
    assert tracker.model.rowCount() == 2 and dashboard.figure_labels["overdue"].text() == "۲"
    assert window.midnight.isActive() and window.midnight.interval() == (86_400 - 30 + 1) * 1000  # the next one


def test_a_user_error_is_said_in_persian_and_not_logged_as_a_bug(qtbot, file_store: Store, council: int,  # type: ignore[no-untyped-def]
                                                                today: dt.date, log_file: Path) -> None:
    from app.services import directory

    window = build_window(qtbot, file_store, FixedClock(today))
    heard: list[object] = []
    window.changes.changed.connect(lambda changes, _origin: heard.append(changes))
    assert window.ops.call(lambda: directory.save_unit(file_store, "   "), what="ذخیرهٔ واحد", parent=window) is None
    box = window.ops.last_message
    assert box is not None and box.icon() == QMessageBox.Icon.Warning and box.text() == "نام واحد خالی است."
    box.accept()
    assert heard == [] and (not log_file.exists() or "ERROR" not in log_file.read_text(encoding="utf-8"))
    saved = window.ops.call(lambda: directory.save_unit(file_store, "دفتر تازه"), what="ذخیرهٔ واحد", parent=window)
    assert saved is not None and heard == [saved.changes]  # success: what changed is broadcast


def test_slow_work_runs_off_the_gui_thread_and_reports_back_on_it(qtbot, log_file: Path) -> None:  # type: ignore[no-untyped-def]
    from app.services.changes import Changes
    from ui.shell.changes import ChangeBroadcast
    from ui.shell.ops import Ops

    jobs = Jobs()  # a real thread pool: the one place a test waits on a signal instead of running in line
    ops = Ops(jobs, ChangeBroadcast())
    threads: list[object] = []
    heard: list[Changes] = []
    done: list[Changes] = []
    ops.changes.changed.connect(lambda changes, _origin: heard.append(changes))

    def work() -> Changes:
        threads.append(threading.current_thread())
        return Changes(units=frozenset({7}))

    ops.start(work, what="کار کند", done=lambda result: done.append(result))
    qtbot.waitUntil(lambda: bool(done))
    assert threads and threads[0] is not threading.main_thread()
    assert heard == done == [Changes(units=frozenset({7}))]

    def fails() -> None:
        raise RuntimeError("در پس‌زمینه")

    with qtbot.waitSignal(ops.failed):
        ops.start(fails, what="کار کند")
    assert ops.last_message is not None and "«کار کند»" in ops.last_message.text()
    ops.last_message.accept()
    jobs.wait()
    assert "RuntimeError: در پس‌زمینه" in log_file.read_text(encoding="utf-8")
