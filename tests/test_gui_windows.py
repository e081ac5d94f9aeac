"""Every window fits the screen it opens on and comes back at the size it was left (issue 12, defect 7)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.clock import FixedClock
from app.services import bodies
from app.store.db import Store
from tests.gui_helpers import show_active
from ui.shell.geometry import available_area
from ui.shell.jobs import Jobs
from ui.shell.settings import DASHBOARD_GEOMETRY, MAIN_WINDOW_GEOMETRY, PREVIEW_WIDTH, REGISTRY, TRACKER_GEOMETRY


@pytest.fixture(autouse=True)
def fresh_geometry():  # type: ignore[no-untyped-def]
    for key in [k for k in REGISTRY if k.startswith("windows/")]:
        REGISTRY[key].reset()
    yield
    for key in [k for k in REGISTRY if k.startswith("windows/")]:
        REGISTRY[key].reset()


def assert_on_screen(window: QWidget) -> None:
    """The test screen is 800×800: every window fits its height (768 is the target), and its width
    unless the window cannot be narrower (the tracker's filter row needs a little more than 800)."""
    area, frame = available_area(window), window.frameGeometry()
    assert area.top() <= frame.top() and frame.bottom() <= area.bottom(), (area, frame)  # the status bar shows
    assert window.minimumSizeHint().height() <= area.height() - 40
    if window.minimumSizeHint().width() <= area.width():
        assert area.left() <= frame.left() and frame.right() <= area.right(), (area, frame)


def main_window(qtbot, store: Store, today: dt.date):  # type: ignore[no-untyped-def]
    from ui.shell.main_window import MainWindow

    w = MainWindow(store, clock=FixedClock(today), jobs=Jobs(synchronous=True))
    qtbot.addWidget(w)
    return show_active(qtbot, w)


def test_the_windows_fit_the_screen(qtbot, file_store: Store, today: dt.date) -> None:  # type: ignore[no-untyped-def]
    from ui.dashboard.window import Dashboard
    from ui.followup.tracker_window import TrackerWindow

    body = bodies.save_body(file_store, "شورای راهبری توسعه مدیریت", "council")
    w = main_window(qtbot, file_store, today)
    assert_on_screen(w)
    tracker = TrackerWindow(file_store, clock=FixedClock(today), jobs=Jobs(synchronous=True))
    qtbot.addWidget(tracker)
    show_active(qtbot, tracker)
    assert_on_screen(tracker)
    dashboard = Dashboard(file_store, clock=FixedClock(today), body_id=body.id)
    qtbot.addWidget(dashboard)
    show_active(qtbot, dashboard)
    assert_on_screen(dashboard)
    assert dashboard.height() >= 600 and tracker.height() >= 600  # fitted, not shrunk to nothing


def test_a_window_comes_back_at_the_size_it_was_left(qtbot, file_store: Store, today: dt.date) -> None:  # type: ignore[no-untyped-def]
    w = main_window(qtbot, file_store, today)
    # The test screen is 800 wide, about the main window's least width: the user changes the height.
    # The window manager may hold the window a little above the height asked for (its least size
    # depends on the fonts): what is checked is that it comes back at the size it was left.
    before = w.height()
    asked = max(520, w.minimumSizeHint().height() + 4)
    assert asked < before  # a change the user made
    w.resize(w.width(), asked)
    qtbot.waitUntil(lambda: w.height() < before)
    size = (w.width(), w.height())
    w.close()
    assert MAIN_WINDOW_GEOMETRY.read()
    again = main_window(qtbot, file_store, today)
    assert (again.width(), again.height()) == size
    assert not TRACKER_GEOMETRY.read() and not DASHBOARD_GEOMETRY.read()  # one setting per window


def test_a_remembered_size_larger_than_the_screen_is_cut_to_it(qtbot, file_store: Store, today: dt.date) -> None:  # type: ignore[no-untyped-def]
    w = main_window(qtbot, file_store, today)
    w.setGeometry(0, 0, 3000, 2000)  # left on a large monitor
    w.close()
    again = main_window(qtbot, file_store, today)
    assert_on_screen(again)
    MAIN_WINDOW_GEOMETRY.write("not base64 geometry")  # a hand-edited settings file
    third = main_window(qtbot, file_store, today)
    assert_on_screen(third)


def test_the_preview_pages_and_zooms(qtbot, file_store: Store, today: dt.date) -> None:  # type: ignore[no-untyped-def]
    from app.services import meetings

    body = bodies.save_body(file_store, "شورای راهبری توسعه مدیریت", "council")
    data = meetings.new_meeting(file_store, body.id, today=today)
    data.place = "سالن جلسات"
    meetings.save_meeting(file_store, data, today=today)
    w = main_window(qtbot, file_store, today)
    w.select_meeting_row(0)
    preview = w.minutes.preview
    preview.timer.setInterval(0)
    w.minutes.preview_action.trigger()
    qtbot.waitUntil(lambda: preview.document.pageCount() > 0, timeout=5000)
    central = w.centralWidget().minimumSizeHint().width()
    assert w.minutes.dock.width() >= min(420, w.width() - central) - 10  # a page one can read, not 250 px
    count = preview.document.pageCount()
    assert preview.page_label.text().startswith("صفحهٔ ۱ از ")
    assert not preview.previous_page.isEnabled()
    assert preview.fit_width.isChecked()
    before = preview.zoom()
    qtbot.mouseClick(preview.zoom_in, Qt.MouseButton.LeftButton)
    assert preview.zoom() == pytest.approx(before * 1.25) and not preview.fit_width.isChecked()
    qtbot.keyClick(preview, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert preview.zoom() == pytest.approx(before)
    for _ in range(20):
        preview.zoom_by(0.5)
    assert preview.zoom() == pytest.approx(0.25) and not preview.zoom_out.isEnabled()
    qtbot.mouseClick(preview.fit_width, Qt.MouseButton.LeftButton)
    assert preview.fit_width.isChecked() and preview.zoom() == pytest.approx(before)
    if count > 1:
        qtbot.mouseClick(preview.next_page, Qt.MouseButton.LeftButton)
        assert preview.current_page() == 1 and preview.page_label.text().startswith("صفحهٔ ۲")
    w.minutes.dock.resize(500, w.minutes.dock.height())
    w.minutes.preview_action.trigger()  # hidden: its width is kept
    assert PREVIEW_WIDTH.read() > 100
