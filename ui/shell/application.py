"""The QApplication: right to left, Persian locale and translations, Vazirmatn."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from importlib.resources import files
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.shell.icon import app_icon
from ui.shell.theme import FONT_FAMILY, PERSIAN, STYLE_SHEET
from ui.widgets.text_direction import DirectionFollower

if TYPE_CHECKING:
    from app.clock import Clock
    from ui.shell.main_window import MainWindow


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
    # Ours for what that catalogue lacks («Look in:», «Files of type:») or points the wrong way
    # in a right-to-left window; installed last, so it is asked first.
    ours = QTranslator(app)
    if ours.load(str(files("resources").joinpath("translations", "dabir_qt_fa.qm"))):  # a file: Qt keeps no copy
        app.installTranslator(ours)
    app.setStyleSheet(STYLE_SHEET)
    app.setWindowIcon(app_icon())  # every window's, and the task bar's
    app.setDesktopFileName("dabir")  # resources/dabir.desktop: the desktop finds its name and icon
    DirectionFollower.install(app)  # Persian text stands right in every text box from its first letter


def _start_log() -> None:
    from app.log import log, setup_logging

    try:
        path = setup_logging()
    except OSError:  # a read-only profile: run anyway; a failure then says no log was written
        return
    log.info("start; log at %s", path)


def _daily_backup(ops, store, clock, window) -> None:  # type: ignore[no-untyped-def]
    from app.store import backup

    ops.start(lambda: backup.daily(store.path, clock), what="پشتیبان‌گیری روزانه", parent=window)


def quit_on_signals(app: QApplication, windows: Callable[[], MainWindow | None]) -> None:
    """SIGTERM (a shutdown, ``kill``) and SIGINT (Ctrl+C where it was started) close the app as
    «خروج» does, keeping unsaved edits as the recovered draft instead of asking about them.
    Installed as soon as the application exists (``windows()`` gives the main window once there
    is one); only these two signals, as Windows has them too."""
    import signal

    def leave() -> None:
        window = windows()
        if window is not None:
            window.close_keeping_edits()
        app.quit()  # the tracker or the dashboard may still be open
        if window is None:  # a question before the window (a damaged store…) has its own loop
            for widget in app.topLevelWidgets():
                widget.close()

    def stop(_signum: int, _frame: object) -> None:
        QTimer.singleShot(0, leave)

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, stop)
    # Python runs a signal handler only when it next has control; Qt's loop gives it that here.
    tick = QTimer(app)
    tick.timeout.connect(lambda: None)
    tick.start(200)


def run(db_arg: str | None, *, clock: Clock | None = None) -> int:
    """The desktop app: the log, the clock, the jobs and the one way of running actions are
    made here and handed to the main window."""
    from app.clock import SystemClock
    from app.errors import UserError
    from app.paths import resolve_db_path
    from ui.shell.changes import ChangeBroadcast
    from ui.shell.jobs import Jobs
    from ui.shell.ops import Ops

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName("Dabir")
    app.setOrganizationName("Dabir")
    app.setApplicationDisplayName("دبیر")
    configure(app)
    main_window: list[MainWindow] = []
    quit_on_signals(app, lambda: main_window[0] if main_window else None)
    jobs = Jobs(app)
    ops = Ops(jobs, ChangeBroadcast(app), app)
    restore_hooks = ops.install_excepthook()
    clock = clock or SystemClock()
    try:
        from ui.shell.store_open import open_interactively

        store = open_interactively(resolve_db_path(db_arg), clock)  # damaged, newer, locked…: the ways forward
    except UserError as exc:
        QMessageBox.critical(None, "دبیر", exc.message)
        store = None
    if store is None:
        restore_hooks()
        return 2
    from ui.shell.main_window import MainWindow

    window = MainWindow(store, clock=clock, jobs=jobs, ops=ops)
    main_window.append(window)
    if store.read_only:
        window.setWindowTitle(f"{window.windowTitle()} — فقط‌خواندنی")
    window.show()
    if not store.read_only:  # the day's first backup, checked (the full integrity check), once the window is up
        QTimer.singleShot(1500, lambda: _daily_backup(ops, store, clock, window))
    QTimer.singleShot(50, _start_log)  # after the first frame; a failure before it sets the log up itself
    if os.environ.get("DABIR_STARTUP_PROBE"):
        # bench/startup.py: report once the first frame is out, then leave.
        QTimer.singleShot(0, lambda: (print("DABIR_SHOWN", flush=True), app.quit()))
    code = app.exec()
    jobs.wait()
    store.close()
    restore_hooks()
    return code
