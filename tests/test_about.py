"""«دربارهٔ دبیر» (issue 10): the version, the three folders each with a button that opens it, the
versions a bug report needs (copied with one click), the licences; the window's icon; the
desktop entry; and the app closing when the system asks, keeping unsaved edits."""

from __future__ import annotations

import datetime as dt
import platform
from pathlib import Path

import pytest
import reportlab
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from app import __version__
from app.about import components, folders, font_licence, report_text
from app.clock import FixedClock
from app.services import bodies, meetings
from app.store.db import Store
from tests.gui_helpers import show_active, type_text
from ui.shell.about_dialog import AboutDialog
from ui.shell.jobs import Jobs
from ui.shell.main_window import MainWindow


def test_the_facts_of_a_bug_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pyhanko.version import __version__ as pyhanko_version

    monkeypatch.setenv("DABIR_LOG_DIR", str(tmp_path / "log"))
    store = tmp_path / "data" / "dabir.db"
    assert [(f.what, f.path) for f in folders(store)] == [
        ("پوشهٔ داده‌ها", tmp_path / "data"), ("پوشهٔ پشتیبان‌ها", tmp_path / "data" / "dabir.db.backups"),
        ("پوشهٔ گزارش خطاها", tmp_path / "log")]
    assert [f.what for f in folders(None)] == ["پوشهٔ گزارش خطاها"]  # a store in memory has no folder
    parts = dict(components("6.9.9", "6.9.8"))
    assert parts["دبیر"] == __version__ and parts["Qt"] == "6.9.9" and parts["PySide6"] == "6.9.8"
    assert parts["Python"] == platform.python_version() and parts["reportlab"] == reportlab.Version
    assert parts["pyHanko"] == pyhanko_version
    text = report_text(store, "6.9.9")
    assert f"دبیر: {__version__}" in text and f"پوشهٔ پشتیبان‌ها: {tmp_path / 'data' / 'dabir.db.backups'}" in text
    assert "SIL OPEN FONT LICENSE" in font_licence().upper() and "Vazirmatn" in font_licence()


def test_the_about_dialog_names_the_folders_and_opens_them(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DABIR_LOG_DIR", str(tmp_path / "log"))
    opened: list[Path] = []
    store = tmp_path / "dabir.db"
    dialog = AboutDialog(store, opener=lambda p: opened.append(p) or True)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    assert __version__ in dialog.findChild(type(dialog.status), "aboutTitle").text()
    assert set(dialog.folder_buttons) == {"پوشهٔ داده‌ها", "پوشهٔ پشتیبان‌ها", "پوشهٔ گزارش خطاها"}
    assert str(tmp_path / "dabir.db.backups") in dialog.folder_labels["پوشهٔ پشتیبان‌ها"].text()
    qtbot.mouseClick(dialog.folder_buttons["پوشهٔ پشتیبان‌ها"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.folder_buttons["پوشهٔ گزارش خطاها"], Qt.MouseButton.LeftButton)
    assert opened == [tmp_path / "dabir.db.backups", tmp_path / "log"]
    licences = dialog.licences.toPlainText()
    assert "Vazirmatn" in licences and "Open Font License" in licences and "همهٔ حقوق محفوظ" in licences
    assert "GNU LGPL 3.0" in licences  # Qt's terms, shipped with it
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert f"Qt: {qVersion()}" in copied and f"reportlab: {reportlab.Version}" in copied and str(tmp_path / "log") in copied
    assert dialog.status.isVisible() and "حافظه" in dialog.status.text()
    assert dialog.frameGeometry().height() <= 768  # fits the office screen


def test_a_folder_that_cannot_be_opened_is_said(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = AboutDialog(tmp_path / "dabir.db", opener=lambda _p: False)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    qtbot.mouseClick(dialog.folder_buttons["پوشهٔ داده‌ها"], Qt.MouseButton.LeftButton)
    assert dialog.status.isVisible() and "باز نشد" in dialog.status.text() and str(tmp_path) in dialog.status.text()


def _window(qtbot, store: Store, today: dt.date) -> MainWindow:  # type: ignore[no-untyped-def]
    w = MainWindow(store, clock=FixedClock(today), jobs=Jobs(synchronous=True))
    qtbot.addWidget(w)
    return show_active(qtbot, w)


def test_the_help_menu_opens_it_and_every_window_has_the_emblem(qtbot, file_store: Store,  # type: ignore[no-untyped-def]
                                                                today: dt.date) -> None:
    # The session's application was configured as the app's is (tests/conftest.py).
    assert not QApplication.windowIcon().isNull()
    assert QApplication.windowIcon().availableSizes()  # drawn from the PNG, sizes for the task bar
    w = _window(qtbot, file_store, today)
    assert w.about_action.text().replace("&", "") == "دربارهٔ دبیر…"
    w.about_action.trigger()
    assert isinstance(w.about_dialog, AboutDialog) and w.about_dialog.isVisible()
    first = w.about_dialog
    w.about_action.trigger()
    assert w.about_dialog is first  # one is enough
    first.reject()
    w.about_action.trigger()
    assert w.about_dialog is not first and w.about_dialog.isVisible()
    assert not w.windowIcon().isNull()


def test_closing_because_the_system_asks_keeps_the_edits_without_a_question(qtbot, file_store: Store,  # type: ignore[no-untyped-def]
                                                                            today: dt.date) -> None:
    body = bodies.save_body(file_store, "کمیته آموزش", "committee")
    data = meetings.new_meeting(file_store, body.id, today=today)
    meetings.save_meeting(file_store, data, today=today)
    w = _window(qtbot, file_store, today)
    w.select_meeting_row(0)
    asked: list[bool] = []
    w.editor.ask_to_save = lambda: asked.append(True) or QMessageBox.StandardButton.Cancel
    w.editor.details.place.setFocus()
    type_text(w.editor.details.place, "سالن شورا")
    assert w.editor.is_dirty()
    w.close_keeping_edits()
    assert not w.isVisible() and asked == []
    draft = meetings.find_draft(file_store, data.id, body.id)
    assert draft is not None and draft.data.place == "سالن شورا"  # offered again at the next start


def test_the_desktop_entry_names_the_program_and_its_icon(tmp_path: Path) -> None:
    from tools.install_desktop import install

    program = tmp_path / "bin" / "dabir"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n")
    written = install(program, tmp_path / "share")
    entry = (tmp_path / "share" / "applications" / "dabir.desktop").read_text(encoding="utf-8")
    lines = entry.splitlines()
    assert lines[0] == "[Desktop Entry]" and f"Exec={program}" in lines and "Icon=dabir" in lines
    assert "Name[fa]=دبیر" in lines and "Type=Application" in lines and "Terminal=false" in lines
    icons = [p for p in written if p.suffix in (".png", ".svg")]
    assert {p.name for p in icons} == {"dabir.png", "dabir.svg"} and all(p.stat().st_size > 500 for p in icons)
    assert (tmp_path / "share" / "icons" / "hicolor" / "256x256" / "apps" / "dabir.png").read_bytes()[:4] == b"\x89PNG"
