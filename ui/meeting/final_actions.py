"""Final minutes from the menu: «نهایی کردن صورتجلسه» (Ctrl+Shift+F), «اصلاح صورتجلسه…»,
«گزارش تغییرات جلسه…», and «حذف جلسه» (drafts only) on the meetings list.

Each action is a service call through :meth:`ui.shell.ops.Ops.call`; the editor shows the
result (locked, amending) through its :class:`~ui.meeting.final_lock.FinalLock`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QTableView

from app.clock import Clock
from app.persian.text import to_persian_digits
from app.store.db import Store
from ui.shell.ops import Ops
from ui.widgets.item_models import IdRole

if TYPE_CHECKING:
    from ui.meeting.audit_dialog import AuditDialog
    from ui.meeting.editor import MeetingEditor


class FinalActions(QObject):
    """Adds the final-minutes actions to the «صورتجلسه» menu and «حذف جلسه» to the meetings list."""

    def __init__(self, window: QMainWindow, store: Store, ops: Ops, *, clock: Clock,
                 editor: Callable[[], MeetingEditor | None], menu: QMenu) -> None:
        super().__init__(window)
        self.window, self.store, self.ops, self.clock = window, store, ops, clock
        self._editor = editor
        self.audit_dialog: AuditDialog | None = None
        menu.addSeparator()
        self.finalise_action = self._add(menu, "&نهایی کردن صورتجلسه", QKeySequence("Ctrl+Shift+F"), self.finalise)
        self.amend_action = self._add(menu, "ا&صلاح صورتجلسه…", None, self.amend)
        self.audit_action = self._add(menu, "&گزارش تغییرات جلسه…", None, self.show_audit)

    def _add(self, menu: QMenu, text: str, keys: QKeySequence | None, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self.window)
        if keys is not None:
            action.setShortcut(keys)
        action.triggered.connect(lambda: slot())
        menu.addAction(action)
        return action

    def _saved_meeting(self) -> MeetingEditor | None:
        """The editor, if it shows a meeting that is in the store; otherwise say so."""
        editor = self._editor()
        if editor is None or editor.data is None or editor.data.id is None:
            self.ops.show(self.window, "ابتدا جلسه‌ای را باز و ذخیره کنید.", QMessageBox.Icon.Information)
            return None
        return editor

    # --- the actions ----------------------------------------------------------
    def confirm(self, text: str) -> bool:
        """Yes or no (a method so tests can answer without a dialog)."""
        answer = QMessageBox.question(self.window, "دبیر", text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def finalise(self) -> bool:
        """Save what is typed, then finalise the minutes (the service says what is missing)."""
        editor = self._saved_meeting()
        if editor is None:
            return False
        if editor.final.state is not None and editor.final.state.final:
            self.ops.show(self.window, "این صورتجلسه از پیش نهایی شده است.", QMessageBox.Icon.Information)
            return False
        if editor.is_dirty() and not editor.save():
            return False
        if not self.confirm("صورتجلسه نهایی شود؟ پس از آن تنها با ثبت اصلاحیه (با ذکر علت) تغییر می‌کند."):
            return False
        meeting_id, now = editor.data.id, self.clock.now()  # type: ignore[union-attr]
        assert meeting_id is not None
        from app.services import minutes_final  # the ORM: not before the first frame

        result = self.ops.call(lambda: minutes_final.finalise(self.store, meeting_id, now=now),
                               what="نهایی کردن صورتجلسه", parent=self.window)
        if result is None:
            return False
        editor.after_save(meeting_id, "صورتجلسه نهایی شد")
        return True

    def amend(self) -> bool:
        editor = self._saved_meeting()
        if editor is None:
            return False
        if not editor.final.begin_amendment():
            self.ops.show(self.window, "این صورتجلسه نهایی نشده است؛ آن را مستقیم ویرایش و ذخیره کنید.",
                          QMessageBox.Icon.Information)
            return False
        return True

    def show_audit(self) -> AuditDialog | None:
        editor = self._saved_meeting()
        if editor is None:
            return None
        from ui.meeting.audit_dialog import AuditDialog

        assert editor.data is not None and editor.data.id is not None
        title = f"جلسهٔ {to_persian_digits(editor.data.number or 0)}"
        if self.audit_dialog is not None:  # one at a time, read afresh
            self.audit_dialog.close()
            self.audit_dialog.deleteLater()
        self.audit_dialog = AuditDialog(self.store, editor.data.id, title, self.window)
        self.audit_dialog.open()
        return self.audit_dialog

    # --- deleting a draft meeting -------------------------------------------------
    def attach(self, view: QTableView) -> QAction:
        """«حذف جلسه» on the meetings list: its context menu and the Delete key."""
        action = QAction("&حذف جلسه", view)
        action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(lambda: self.delete_selected(view))
        view.addAction(action)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.delete_action = action
        return action

    def delete_selected(self, view: QTableView) -> bool:
        rows = view.selectionModel().selectedRows()
        if not rows:
            return False
        meeting_id = rows[0].data(IdRole)
        number = rows[0].sibling(rows[0].row(), 0).data()
        if not self.confirm(f"جلسهٔ {number} با دستور جلسه، حاضرین و مصوباتش حذف شود؟ "
                            "(تنها جلسهٔ پیش‌نویس حذف می‌شود و محتوای آن در گزارش تغییرات می‌ماند.)"):
            return False
        editor = self._editor()
        now = self.clock.now()
        from app.services import meetings  # the ORM: not before the first frame

        result = self.ops.call(lambda: meetings.delete_meeting(self.store, meeting_id, now=now),
                               what="حذف جلسه", parent=self.window)
        if result is None:
            return False
        if editor is not None and editor.data is not None and editor.data.id == meeting_id:
            editor.close_meeting()
        return True
