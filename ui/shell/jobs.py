"""Running slow service calls (PDF, signing, packages) off the GUI thread.

One place does it: :meth:`Jobs.run` hands ``work`` to a thread pool, shows a
busy dialog when asked, and calls ``done`` or ``failed`` back on the GUI thread.
Widgets are only touched there. Tests construct ``Jobs(synchronous=True)`` so
nothing is left to chance or timing.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from app.errors import UserError


class _Relay(QObject):
    finished = Signal(object)
    crashed = Signal(object)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work, self.relay = work, relay

    def run(self) -> None:
        try:
            result = self.work()
        except BaseException as exc:
            self.relay.crashed.emit(exc)
        else:
            self.relay.finished.emit(result)


def error_message(exc: BaseException) -> str:
    """What the user reads: our Persian message, or a plain sentence for a bug."""
    if isinstance(exc, UserError):
        return exc.message
    if isinstance(exc, OSError):
        return f"خواندن یا نوشتن پرونده ممکن نشد: {exc.strerror or exc}"
    return "کار با خطای پیش‌بینی‌نشده‌ای متوقف شد و چیزی نوشته نشد.\n\n" + "".join(
        traceback.format_exception_only(type(exc), exc)).strip()


class Jobs(QObject):
    """The app's one way of running work in the background."""

    def __init__(self, parent: QObject | None = None, *, synchronous: bool = False) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self.pool = QThreadPool(self)
        self._relays: set[_Relay] = set()

    def run(self, work: Callable[[], Any], done: Callable[[Any], object], *,
            failed: Callable[[BaseException], None] | None = None,
            busy: str | None = None, parent: QWidget | None = None) -> None:
        """Do ``work()`` away from the GUI, then ``done(result)`` or ``failed(exc)`` on it.

        With ``busy`` a modal «please wait» dialog (no cancel: a half-written
        file is worse than a wait) covers ``parent`` meanwhile.
        """
        dialog = None
        if busy and not self.synchronous:
            dialog = QProgressDialog(busy, "", 0, 0, parent)
            dialog.setCancelButton(None)  # type: ignore[arg-type]
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(300)

        def finish(result: Any) -> None:
            if dialog is not None:
                dialog.reset()
            done(result)

        def crash(exc: BaseException) -> None:
            if dialog is not None:
                dialog.reset()
            if failed is not None:
                failed(exc)
            else:
                QMessageBox.warning(parent, "دبیر", error_message(exc))

        if self.synchronous:
            try:
                result = work()
            except Exception as exc:
                crash(exc)
            else:
                finish(result)
            return
        relay = _Relay()
        self._relays.add(relay)  # keep it alive until its signal is delivered

        def release() -> None:
            self._relays.discard(relay)

        relay.finished.connect(finish, Qt.ConnectionType.QueuedConnection)
        relay.crashed.connect(crash, Qt.ConnectionType.QueuedConnection)
        relay.finished.connect(release, Qt.ConnectionType.QueuedConnection)
        relay.crashed.connect(release, Qt.ConnectionType.QueuedConnection)
        self.pool.start(_Task(work, relay))

    def wait(self) -> None:
        """Block until every started job has run (used when the window closes)."""
        self.pool.waitForDone()
