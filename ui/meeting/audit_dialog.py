"""The audit log of one meeting (گزارش تغییرات جلسه): a table of who changed what, when,
before and after (:func:`app.services.audit.audit_lines`)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QVBoxLayout, QWidget

from app.persian.jalali import format_jalali
from app.persian.text import to_persian_digits
from app.services.audit import AuditLine, audit_lines
from app.store.db import Store
from ui.widgets.item_models import Index, RowTableModel, rows_view

LineRole = Qt.ItemDataRole.UserRole + 2


class AuditModel(RowTableModel):
    """Lines of the audit log, oldest first; the full before/after as a tooltip."""

    HEADERS = ("زمان", "کاربر", "کار", "مورد", "تغییر")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[AuditLine] = []
        self.shown: list[tuple[str, str, str, str, str]] = []

    def set_rows(self, rows: list[AuditLine]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.shown = [(f"{format_jalali(r.when.date())} {to_persian_digits(r.when.strftime('%H:%M'))}", r.os_user,
                       r.action_label, f"{r.entity_label} {to_persian_digits(r.entity_id or '')}".strip(),
                       r.summary()) for r in rows]
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.in_range(index) or not 0 <= index.column() < len(self.HEADERS):
            return None
        line = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.shown[index.row()][index.column()]
        if role == LineRole:
            return line.id
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [f"پیش از: {line.before}" if line.before else "", f"پس از: {line.after}" if line.after else ""]
            return "\n".join(p for p in parts if p) or None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not self.in_range(index):
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class AuditDialog(QDialog):
    """The audit log of one meeting, read when opened."""

    def __init__(self, store: Store, meeting_id: int, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"گزارش تغییرات — {title}")
        self.resize(980, 520)
        self.model = AuditModel(self)
        self.model.set_rows(audit_lines(store, meeting_id=meeting_id))
        self.view = rows_view(self.model, self)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((130, 90, 90, 150)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        count = QLabel(f"{to_persian_digits(len(self.model.rows))} تغییر ثبت شده است؛ "
                       "این گزارش تنها افزوده می‌شود و پاک یا ویرایش نمی‌شود.", self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(count)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        if self.model.rows:
            self.view.scrollTo(self.model.index(len(self.model.rows) - 1, 0, QModelIndex()))
