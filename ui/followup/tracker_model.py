"""The tracker's rows as a Qt table model: formatted when first painted, coloured by status."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from app.persian.jalali import format_jalali
from app.persian.text import fa_number
from app.services.tracker import (
    TrackerRow,
    TrackerRows,
)
from ui.shell.theme import ALERT, STATUS_BACKGROUND
from ui.widgets.item_models import IdRole, RowTableModel

Index = QModelIndex | QPersistentModelIndex

class TrackerModel(RowTableModel):
    """The tracker's rows as a table; rows are formatted when first painted."""

    COLUMNS = (  # (header, TrackerRow field to sort on)
        ("نهاد", "body_name"),
        ("جلسه", "meeting_date"),
        ("ردیف", "number"),
        ("متن مصوبه", "text"),
        ("مسئول اجرا", "lead_unit"),
        ("مهلت", "deadline"),
        ("وضعیت", "status"),
        ("پیشرفت", "last_progress"),
        ("آخرین گزارش", "last_follow_up"),
    )
    HEADERS = tuple(header for header, _ in COLUMNS)
    TEXT, DEADLINE, STATUS = 3, 5, 6

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: TrackerRows | list[TrackerRow] = []
        self._shown: dict[int, tuple[TrackerRow, tuple[str, ...]]] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._brushes = {s: QBrush(QColor(c)) for s, c in STATUS_BACKGROUND.items()}
        self._overdue = QBrush(QColor(ALERT))

    def set_rows(self, rows: TrackerRows | list[TrackerRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self._shown = {}
        self.endResetModel()

    def row_at(self, i: int) -> TrackerRow:
        return self._cell(i)[0]

    def _cell(self, i: int) -> tuple[TrackerRow, tuple[str, ...]]:
        found = self._shown.get(i)
        if found is None:
            r = self.rows[i]
            if r.standing:
                deadline = "مستمر"
            elif r.deadline is None:
                deadline = "—"
            else:
                deadline = format_jalali(r.deadline)
                if r.extensions:
                    deadline += f" (تمدید {fa_number(r.extensions)})"
                if r.overdue:
                    deadline += " — معوق"
            found = self._shown[i] = (r, (
                r.body_name, f"{fa_number(r.meeting_number)} — {format_jalali(r.meeting_date)}",
                fa_number(r.number), " ".join(r.text.split()), r.lead_unit or "—", deadline, r.status_label,
                "" if r.last_progress is None else f"{fa_number(r.last_progress)}٪",
                format_jalali(r.last_follow_up) if r.last_follow_up else ""))
        return found

    _ROLES = frozenset({Qt.ItemDataRole.DisplayRole, IdRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole,
                        Qt.ItemDataRole.TextAlignmentRole})

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A view asks for a dozen roles per cell as it paints: the others are refused first.
        if role not in self._ROLES or not self.in_range(index):
            return None
        r, shown = self._cell(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return shown[column]
        if role == IdRole:
            return r.id
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.TEXT:
                extra = f"\nهمکار: {r.collaborators_text}" if r.collaborators else ""
                return r.text + extra
            if column == self.DEADLINE:
                return r.deadline_note() or None
            return shown[column] or None
        if role == Qt.ItemDataRole.BackgroundRole and column == self.STATUS:
            return self._brushes.get(r.status)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.DEADLINE and r.overdue:
            return self._overdue
        if role == Qt.ItemDataRole.FontRole and column == self.DEADLINE and r.overdue:
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (1, 2, 5, 7, 8):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def row_of(self, resolution_id: int) -> int:
        ids = self.rows.ids if isinstance(self.rows, TrackerRows) else [r.id for r in self.rows]
        try:
            return ids.index(resolution_id)
        except ValueError:
            return -1
