"""The toolbar's minutes buttons and the F1 help page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QToolButton

from app.clock import FixedClock
from app.services import bodies
from app.services.help_page import data_places, help_html
from app.store.db import Store
from tests.gui_helpers import show_active
from ui.shell.jobs import Jobs
from ui.shell.main_window import MainWindow


def test_toolbar_has_preview_export_and_print_and_f1_opens_help(qtbot, file_store: Store,  # type: ignore[no-untyped-def]
                                                                today: dt.date) -> None:
    bodies.save_body(file_store, "کارگروه توسعه مدیریت", "working_group")
    w = MainWindow(file_store, clock=FixedClock(today), jobs=Jobs(synchronous=True))
    qtbot.addWidget(w)
    w.editor.ask_to_save = lambda: QMessageBox.StandardButton.Discard
    show_active(qtbot, w)
    on_bar = [a for a in w.toolbar.actions() if not a.isSeparator()]
    minutes = [w.minutes.preview_action, w.minutes.export_action, w.minutes.print_action]
    assert all(a in on_bar for a in minutes)
    buttons = [b for b in w.toolbar.findChildren(QToolButton) if b.defaultAction() in minutes]
    assert len(buttons) == 3 and all(b.isVisible() and b.text() for b in buttons)  # reachable, labelled

    qtbot.keyClick(w, Qt.Key.Key_F1)
    dialog = w.help_dialog
    assert dialog.isVisible() and dialog.windowTitle() == "راهنما"
    text = dialog.browser.toPlainText()
    assert "میان‌برهای صفحه‌کلید" in text and "داده‌ها کجاست" in text
    assert "پیگیری مصوبات" in text and "Ctrl+Shift+T" in text and "F6" in text  # from the real actions
    assert str(file_store.path) in text and str(file_store.path) + ".backups" in text
    dialog.reject()
    assert not dialog.isVisible()


def test_help_page_names_the_places_in_order(tmp_path: Path) -> None:
    store = tmp_path / "dabir.db"
    places = data_places(store)
    assert [p for _what, p in places][:2] == [store, tmp_path / "dabir.db.backups"]
    assert [what for what, _p in data_places(None)] == ["گزارش خطاها (برای پشتیبانی)"]  # a store in memory
    page = help_html(store, [("ذخیره", "Ctrl+S"), ("<b>", "F1")])
    assert "&lt;b&gt;" in page and "\u2066Ctrl+S\u2069" in page  # escaped; keys as LTR isolates
