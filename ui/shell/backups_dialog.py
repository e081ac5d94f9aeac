"""«پشتیبان‌ها»: the store's backups by Jalali date and size, «پشتیبان‌گیری اکنون», and restore
with confirmation. The work is app/store/backup_ops.py; this shows it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.clock import Clock
from app.store import backup_ops
from app.store.db import Store
from ui.shell.ops import Ops

Confirm = Callable[[QWidget, str], bool]


def ask(parent: QWidget, text: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Warning, "بازگرداندن پشتیبان", text, parent=parent)
    yes = box.addButton("بازگردان", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("انصراف", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is yes


class BackupsDialog(QDialog):
    def __init__(self, store: Store, clock: Clock, ops: Ops, parent: QWidget | None = None, *,
                 confirm: Confirm = ask) -> None:
        super().__init__(parent)
        self.store, self.clock, self.ops, self.confirm = store, clock, ops, confirm
        self.setWindowTitle("پشتیبان‌ها")
        self.resize(620, 420)
        assert store.path is not None
        note = QLabel(f"پشتیبان‌ها در پوشهٔ «{store.path.name}.backups» کنار پایگاه داده نگه داشته می‌شوند: "
                      "هر روز یکی، و از گذشته یکی برای هر هفته و هر ماه.")
        note.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["تاریخ", "نوع", "اندازه"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.now_button = QPushButton("پشتیبان‌گیری اکنون")
        self.restore_button = QPushButton("بازگرداندن…")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("بستن")
        buttons.addButton(self.now_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.now_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.table.itemSelectionChanged.connect(self._enable)
        if store.read_only:
            self.now_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        assert self.store.path is not None
        self.rows = backup_ops.rows(self.store.path)
        self.table.setRowCount(len(self.rows))
        for i, row in enumerate(self.rows):
            for j, text in enumerate((row.when, row.kind, row.size)):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self._enable()

    def _enable(self) -> None:
        self.restore_button.setEnabled(bool(self.table.selectedItems()) and not self.store.read_only)

    def selected(self) -> Path | None:
        picked = self.table.selectionModel().selectedRows()
        return self.rows[picked[0].row()].path if picked else None

    def back_up_now(self) -> None:
        self.ops.call(lambda: backup_ops.back_up_now(self.store, self.clock), what="پشتیبان‌گیری", parent=self)
        self.refresh()

    def restore_selected(self) -> None:
        file = self.selected()
        if file is None:
            return
        row = self.rows[self.table.selectionModel().selectedRows()[0].row()]
        text = (f"پایگاه داده به پشتیبان «{row.when}» ({row.kind}) برگردانده شود؟\n\n"
                "هر چه پس از آن ثبت شده از پایگاه داده برداشته می‌شود؛ رونوشتی از پایگاه دادهٔ کنونی "
                "در همین فهرست نگه داشته می‌شود.")
        if not self.confirm(self, text):
            return
        self.ops.call(lambda: backup_ops.restore(self.store, file, self.clock), what="بازگرداندن پشتیبان",
                      parent=self, origin=self)
        self.refresh()
