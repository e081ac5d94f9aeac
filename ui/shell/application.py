"""The QApplication: right to left, Persian locale and translations, Vazirmatn."""

from __future__ import annotations

import os
import sys
from importlib.resources import files
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.shell.theme import FONT_FAMILY, PERSIAN, STYLE_SHEET

if TYPE_CHECKING:
    from app.clock import Clock


def load_fonts() -> str:
    """Register the bundled Vazirmatn faces; returns the family name."""
    family = FONT_FAMILY
    for face in ("Vazirmatn-Regular.ttf", "Vazirmatn-Medium.ttf", "Vazirmatn-Bold.ttf"):
        data = (files("fonts") / face).read_bytes()
        font_id = QFontDatabase.addApplicationFontFromData(data)
        if font_id >= 0:
            family = QFontDatabase.applicationFontFamilies(font_id)[0]
    return family


def configure(app: QApplication) -> None:
    """Everything that makes the app Persian; tests call it too."""
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    QLocale.setDefault(PERSIAN)
    font = QFont(load_fonts(), 10)
    app.setFont(font)
    # Qt's own Persian strings for standard dialogs («تأیید», «لغو», …).
    translator = QTranslator(app)
    if translator.load(PERSIAN, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
    app.setStyleSheet(STYLE_SHEET)


def _start_log() -> None:
    from app.log import log, setup_logging

    try:
        path = setup_logging()
    except OSError:  # a read-only profile: run anyway; a failure then says no log was written
        return
    log.info("start; log at %s", path)


def run(db_arg: str | None, *, clock: Clock | None = None) -> int:
    """The desktop app: the log, the clock, the jobs and the one way of running actions are
    made here and handed to the main window."""
    from app.clock import SystemClock
    from app.errors import UserError
    from app.paths import resolve_db_path
    from app.store.db import open_store
    from ui.shell.changes import ChangeBroadcast
    from ui.shell.jobs import Jobs
    from ui.shell.ops import Ops

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName("Dabir")
    app.setOrganizationName("Dabir")
    app.setApplicationDisplayName("دبیر")
    configure(app)
    jobs = Jobs(app)
    ops = Ops(jobs, ChangeBroadcast(app), app)
    restore_hooks = ops.install_excepthook()
    try:
        store = open_store(resolve_db_path(db_arg))
    except UserError as exc:
        QMessageBox.critical(None, "دبیر", exc.message)
        restore_hooks()
        return 2
    from ui.shell.main_window import MainWindow

    window = MainWindow(store, clock=clock or SystemClock(), jobs=jobs, ops=ops)
    window.show()
    QTimer.singleShot(50, _start_log)  # after the first frame; a failure before it sets the log up itself
    if os.environ.get("DABIR_STARTUP_PROBE"):
        # bench/startup.py: report once the first frame is out, then leave.
        QTimer.singleShot(0, lambda: (print("DABIR_SHOWN", flush=True), app.quit()))
    code = app.exec()
    jobs.wait()
    store.close()
    restore_hooks()
    return code
