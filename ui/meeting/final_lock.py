"""Final minutes in the editor: shown read-only with a line saying why, and changed only
as an amendment (اصلاحیه) whose reason is asked for on save.

The editor owns one :class:`FinalLock`; it reads the meeting's final state after each
load (:func:`app.services.minutes_final.final_state`) and locks the minutes' pages, not
the follow-up page: reports heard in a meeting go on after its minutes are final.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QLabel, QPushButton, QWidget

from app.clock import Clock
from app.errors import FieldProblem, UserError, ValidationError
from app.services import amendments, minutes_final
from app.services.meeting_data import MeetingData
from app.services.minutes_final import FinalState
from app.store.db import Store
from ui.meeting.pages import DetailsPage
from ui.shell.ops import Ops


class LockedEditor(Protocol):
    """What the lock reads and drives in the meeting editor: a protocol, so that this module
    does not import the editor that builds it."""

    data: MeetingData | None
    store: Store
    clock: Clock
    ops: Ops
    details: DetailsPage
    agenda: QWidget
    attendees: QWidget
    discussion: QWidget
    resolutions: QWidget
    save_button: QPushButton

    @property
    def today(self) -> dt.date: ...

    def show_problems(self, problems: list[FieldProblem]) -> None: ...

    def after_save(self, meeting_id: int, message: str) -> None: ...

LOCKED = ("این صورتجلسه نهایی شده است ({label}) و ویرایش نمی‌شود. برای تغییر آن، از منوی «صورتجلسه» "
          "«اصلاح صورتجلسه…» را بزنید.")
AMENDING = "در حال اصلاح صورتجلسهٔ نهایی ({label}): هنگام ذخیره، علت اصلاح پرسیده و اصلاحیه ثبت می‌شود."


class FinalLock(QObject):
    """Whether the editor's meeting is final, locked, or being amended."""

    def __init__(self, editor: LockedEditor, widget: QWidget) -> None:
        """``editor`` is the meeting editor as the lock uses it, ``widget`` the same editor as the
        parent of the lock's line and dialogs."""
        super().__init__(widget)
        self.editor, self.widget = editor, widget
        self.state: FinalState | None = None
        self.amending = False
        self.line = QLabel(widget)
        self.line.setObjectName("finalBanner")
        self.line.setWordWrap(True)
        self.line.setVisible(False)

    @property
    def locked(self) -> bool:
        """Final and not being amended: nothing of the minutes may be edited."""
        return self.state is not None and self.state.final and not self.amending

    def _pages(self) -> list[QWidget]:
        e = self.editor
        return [e.details, e.agenda, e.attendees, e.discussion, e.resolutions]

    def refresh(self) -> None:
        """After a load: read the state and lock or unlock the pages."""
        data = self.editor.data
        self.amending = False
        self.state = minutes_final.final_state(self.editor.store, data.id) \
            if data is not None and data.id is not None else None
        self._apply()

    def _apply(self) -> None:
        final = self.state is not None and self.state.final
        for page in self._pages():
            page.setEnabled(not self.locked)
        self.editor.details.status.setEnabled(not final)  # finalising is its own action; an amendment stays final
        self.editor.save_button.setEnabled(not self.locked)
        if final and self.state is not None:
            self.line.setText((AMENDING if self.amending else LOCKED).format(label=self.state.label))
        self.line.setVisible(final)

    def begin_amendment(self) -> bool:
        """Unlock the pages for an amendment; False when the meeting is not final."""
        if self.state is None or not self.state.final:
            return False
        self.amending = True
        self._apply()
        return True

    def ask_reason(self) -> str | None:
        """The reason of the amendment, or None when the user cancelled (a method so tests can answer)."""
        text, ok = QInputDialog.getMultiLineText(self.widget, "علت اصلاح صورتجلسه",
                                                 "چرا صورتجلسهٔ نهایی اصلاح می‌شود؟ (در اصلاحیه و در PDF می‌آید)")
        return text if ok else None

    def save(self) -> bool:
        """Write the editor's content as an amendment, asking for the reason first."""
        e = self.editor
        if e.data is None or e.data.id is None:
            return False
        reason = self.ask_reason()
        if reason is None:
            return False
        data, meeting_id, now, today = e.data, e.data.id, e.clock.now(), e.today

        def refused(exc: UserError) -> None:
            e.show_problems(exc.problems if isinstance(exc, ValidationError)
                            else [FieldProblem("", exc.code, exc.message)])

        result = e.ops.call(lambda: amendments.amend(e.store, meeting_id, data, reason, now=now, today=today),
                            what="ثبت اصلاحیهٔ صورتجلسه", parent=self.widget, user_error=refused,
                            origin=self.widget)
        if result is None:
            return False
        e.after_save(meeting_id, f"اصلاحیه ثبت شد؛ ویرایش {result.revision}")
        return True

    def refuse_save(self) -> None:
        """Ctrl+S on locked minutes: say why nothing is saved."""
        self.editor.show_problems([FieldProblem("", "meeting_final", LOCKED.format(
            label=self.state.label if self.state else ""))])

