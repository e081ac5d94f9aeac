"""One way to run a user's action: :class:`Ops` (as Anki's ``CollectionOp``).

An action hands a service call to :meth:`Ops.call` (quick writes, on the GUI thread,
returning the result) or :meth:`Ops.start` (slow work, off the GUI thread through
:class:`~ui.shell.jobs.Jobs`, with a «please wait» dialog). Either way:

- what the service says it changed is broadcast (:class:`~ui.shell.changes.ChangeBroadcast`);
- a :class:`UserError` is shown in Persian (at the field, when the caller says how);
- anything else is written with its traceback to the log file (:mod:`app.log`), and the
  user is told, in Persian, that nothing was written and where the log is.

:func:`install_excepthook` sends what escapes everything else the same way, so an
uncaught exception never closes the app silently.
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import UserError
from app.log import log_failure
from app.persian.text import ltr_isolate
from app.services.changes import Changes
from ui.shell.changes import ChangeBroadcast
from ui.shell.jobs import Jobs

T = TypeVar("T")
TITLE = "دبیر"


def changes_of(result: object) -> Changes | None:
    """The change record a service returned: the result itself, or its ``changes``."""
    if isinstance(result, Changes):
        return result
    found = getattr(result, "changes", None)
    return found if isinstance(found, Changes) else None


def failure_text(exc: BaseException, what: str, log_path: object) -> str:
    """What the user reads about a failure that is not theirs to fix."""
    if isinstance(exc, OSError):
        head = f"«{what}» انجام نشد: خواندن یا نوشتن پرونده ممکن نشد ({exc.strerror or exc})."
    else:
        head = f"«{what}» با خطای پیش‌بینی‌نشده‌ای متوقف شد و چیزی نوشته نشد."
    where = (f"شرح کامل خطا در این پرونده نوشته شد؛ آن را برای پشتیبانی بفرستید:\n{ltr_isolate(log_path)}"
             if log_path else "شرح خطا نوشته نشد (پروندهٔ گزارش برپا نشده است).")
    detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return f"{head}\n\n{where}\n\n{detail}"


class Ops(QObject):
    """Runs services for the views, reports what fails, broadcasts what changed.

    Messages are shown without blocking (``QMessageBox.open``), so nothing waits on a
    modal loop; the last one stays in :attr:`last_message` (tests read it there).

    Signals:
        failed(str): an unexpected failure was logged; the argument is what the user was told.
    """

    failed = Signal(str)
    _from_thread = Signal(object, str)

    def __init__(self, jobs: Jobs, changes: ChangeBroadcast, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.jobs, self.changes = jobs, changes
        self.last_message: QMessageBox | None = None
        self._from_thread.connect(self.report_bug)

    # --- running ------------------------------------------------------------
    def call(self, work: Callable[[], T], *, what: str, parent: QWidget | None = None,
             user_error: Callable[[UserError], None] | None = None, origin: QObject | None = None,
             broadcast: bool = True) -> T | None:
        """Run ``work()`` now, on this thread; the result, or None when it failed (and was reported).

        ``broadcast=False``: the caller publishes the result itself (a dialog whose window
        shows the result first)."""
        try:
            result = work()
        except Exception as exc:
            self._failed(exc, what, parent, user_error)
            return None
        if broadcast:
            self._succeeded(result, origin)
        return result

    def start(self, work: Callable[[], T], *, what: str, done: Callable[[T], object] | None = None,
              busy: str | None = None, parent: QWidget | None = None,
              user_error: Callable[[UserError], None] | None = None, origin: QObject | None = None,
              ended: Callable[[], None] | None = None) -> None:
        """Run ``work()`` off the GUI thread (in line when ``jobs`` is synchronous), then
        broadcast and call ``done(result)`` on the GUI thread; ``ended()`` follows a failure
        once it was reported (a window that waited on the work stops waiting)."""

        def finished(result: Any) -> None:
            self._succeeded(result, origin)
            if done is not None:
                done(result)

        def failed(exc: BaseException) -> None:
            self._failed(exc, what, parent, user_error)
            if ended is not None:
                ended()

        self.jobs.run(work, finished, failed=failed, busy=busy, parent=parent)

    def _succeeded(self, result: object, origin: QObject | None) -> None:
        changes = changes_of(result)
        if changes is not None:
            self.changes.publish(changes, origin)

    def _failed(self, exc: BaseException, what: str, parent: QWidget | None,
                user_error: Callable[[UserError], None] | None) -> None:
        if isinstance(exc, UserError):
            if user_error is not None:
                user_error(exc)
            else:
                self.show(parent, exc.message, QMessageBox.Icon.Warning)
            return
        self.report_bug(exc, what, parent)

    # --- telling the user ---------------------------------------------------
    def report_bug(self, exc: BaseException, what: str, parent: QWidget | None = None) -> None:
        """Log ``exc`` with its traceback and say so, with the log's path."""
        text = failure_text(exc, what, log_failure(exc, what))
        self.show(parent, text, QMessageBox.Icon.Critical)
        self.failed.emit(text)

    def show(self, parent: QWidget | None, text: str, icon: QMessageBox.Icon) -> QMessageBox:
        last = self.last_message
        if last is not None and shiboken6.isValid(last) and last.isVisible() and last.text() == text:
            return last  # the autosave failing again every few seconds: one message, not a pile
        box = QMessageBox(icon, TITLE, text, QMessageBox.StandardButton.Ok, parent)
        # Plain text: a message may quote a name from a package or a certificate, never to be read as markup.
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # the path can be copied
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.last_message = box
        return box

    # --- what escapes everything else ----------------------------------------
    def install_excepthook(self) -> Callable[[], None]:
        """Route uncaught exceptions (GUI thread and others) here; returns the undo."""
        previous, previous_thread = sys.excepthook, threading.excepthook

        def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
            if issubclass(kind, KeyboardInterrupt):
                previous(kind, exc, tb)
                return
            if exc.__traceback__ is None and tb is not None:
                exc = exc.with_traceback(tb)
            self.report_bug(exc, "کار برنامه")

        def thread_hook(args: threading.ExceptHookArgs) -> None:
            if args.exc_value is not None:
                self._from_thread.emit(args.exc_value, "کار پس‌زمینه")  # queued to the GUI thread

        sys.excepthook, threading.excepthook = hook, thread_hook

        def undo() -> None:
            sys.excepthook, threading.excepthook = previous, previous_thread

        return undo
