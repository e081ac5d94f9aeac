"""Thin Qt models over rows the services computed: the bodies tree and a body's meetings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from app.persian import labels
from app.persian.jalali import format_jalali
from app.persian.text import to_persian_digits
from app.services.overview import BodyRow, MeetingRow

Index = QModelIndex | QPersistentModelIndex
IdRole = Qt.ItemDataRole.UserRole + 1


class BodiesModel(QStandardItemModel):
    """Councils and working groups with their committees beneath (a small tree)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels(["نهادها"])

    def set_bodies(self, rows: list[BodyRow]) -> None:
        self.clear()
        self.setHorizontalHeaderLabels(["نهادها"])
        items: dict[int, QStandardItem] = {}
        for b in rows:
            item = QStandardItem(b.name)
            item.setEditable(False)
            item.setData(b.id, IdRole)
            item.setToolTip(f"{labels.BODY_KIND[b.kind]} — جلسات {labels.FREQUENCY.get(b.meetings_per_year, '')}")
            parent = items.get(b.parent_id) if b.parent_id is not None else None
            (parent or self.invisibleRootItem()).appendRow(item)
            items[b.id] = item

    def index_of(self, body_id: int) -> QModelIndex:
        found = self.match(self.index(0, 0), IdRole, body_id, 1,
                           Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
        return found[0] if found else QModelIndex()


class RowTableModel(QAbstractTableModel):
    """A read-only table over rows the services computed: a subclass names its ``HEADERS``
    (and, if it likes, ``HEADER_TIPS``), keeps ``rows`` and answers :meth:`data`."""

    HEADERS: tuple[str, ...] = ()
    HEADER_TIPS: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: Sequence[Any] = []

    def in_range(self, index: Index) -> bool:
        return index.isValid() and 0 <= index.row() < len(self.rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section < len(self.HEADER_TIPS):
            return self.HEADER_TIPS[section] or None
        return None


class MeetingsModel(RowTableModel):
    """A body's meetings: number, Jalali date, status, resolution count."""

    HEADERS = ("شماره", "تاریخ", "وضعیت", "مصوبات")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[MeetingRow] = []
        self.shown: list[tuple[str, str, str, str]] = []

    def set_rows(self, rows: list[MeetingRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        # Views ask for each cell many times (painting, sizing): format once.
        self.shown = [(to_persian_digits(m.number), format_jalali(m.date), labels.MEETING_STATUS[m.status],
                       to_persian_digits(m.resolution_count)) for m in rows]
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.in_range(index):
            return None
        m = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.shown[index.row()][index.column()]
        if role == IdRole:
            return m.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{m.body_name} — {format_jalali(m.date, 'weekday')}"
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() != 2:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def row_of(self, meeting_id: int) -> int:
        return next((i for i, m in enumerate(self.rows) if m.id == meeting_id), -1)


def rows_view(model: QAbstractItemModel, parent: QWidget, *, alternating: bool = True) -> QTableView:
    """A read-only list of rows: one selected at a time, the whole row, no row numbers."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.setAlternatingRowColors(alternating)
    return view
