"""Editing an ordered list of rows (agenda, attendees, discussion, resolutions).

A thin table model over a Python list of dataclass rows, a table view, and an
optional detail form bound to the current row. Keyboard first: Insert (or
Ctrl+Enter) adds a row after the current one, Ctrl+Delete removes it
(Ctrl+Z brings it back), Ctrl+Up / Ctrl+Down move it.

A page can keep some fields of some rows out of reach (:meth:`ListEditor.is_locked`): their
cells and form widgets are read-only and say why (:meth:`ListEditor.lock_note`).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.persian.text import to_persian_digits
from ui.shell.theme import ERROR_CELL
from ui.widgets.clean_text import clean_field

Index = QModelIndex | QPersistentModelIndex
ERROR_BG = QBrush(QColor(ERROR_CELL))
TOOLTIP_FROM = 12  # characters: a cell's text longer than this is also its tooltip, in case the cell cuts it


@dataclass
class Column:
    """One column: header, the row attribute, and how it is shown and edited."""

    header: str
    attr: str | None = None  # None: the row number column
    choices: dict[str, str] | None = None  # stored value → Persian label
    editable: bool = False
    shown: Callable[[Any], str] | None = None
    stretch: bool = False
    completions: Callable[[], list[str]] | None = None
    on_set: Callable[[Any, Any], None] | None = None  # replaces the plain setattr
    width: int | None = None  # a starting width the user can drag, for long free text


@dataclass
class RowErrors:
    by_cell: dict[tuple[int, str], str] = field(default_factory=dict)


class RowsModel(QAbstractTableModel):
    """A list of dataclass rows as a table; edits write straight into the rows."""

    rowsEdited = Signal()

    def __init__(self, columns: list[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.rows: list[Any] = []
        self.errors: dict[tuple[int, str], str] = {}
        self.locked: Callable[[Any, str], bool] = lambda _row, _attr: False
        self.lock_note: Callable[[Any], str] = lambda _row: ""

    def _locked(self, row: int, col: Column) -> bool:
        return col.attr is not None and self.locked(self.rows[row], col.attr)

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.errors = {}
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                return self.columns[section].header
            return to_persian_digits(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        col = self.columns[index.column()]
        if col.editable and not self._locked(index.row(), col):
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        col = self.columns[index.column()]
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if role == Qt.ItemDataRole.ToolTipRole and col.attr and (index.row(), col.attr) in self.errors:
                return self.errors[(index.row(), col.attr)]
            if role == Qt.ItemDataRole.ToolTipRole and self._locked(index.row(), col):
                return self.lock_note(row)
            if col.attr is None:
                return to_persian_digits(index.row() + 1)
            value = getattr(row, col.attr)
            if col.shown is not None:
                return col.shown(row)
            if col.choices is not None:
                return col.choices.get(value, value)
            text = str(value) if value is not None else ""
            if role == Qt.ItemDataRole.DisplayRole and "\n" in text:
                text = text.replace("\n", " ")
            if role == Qt.ItemDataRole.ToolTipRole:
                return text if len(text) > TOOLTIP_FROM else None  # the whole of what a narrow cell cuts
            return text
        if role == Qt.ItemDataRole.EditRole and col.attr:
            return getattr(row, col.attr)
        if role == Qt.ItemDataRole.BackgroundRole and col.attr and (index.row(), col.attr) in self.errors:
            return ERROR_BG
        if role == Qt.ItemDataRole.ForegroundRole and self._locked(index.row(), col):
            return QApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        col = self.columns[index.column()]
        if not col.editable or col.attr is None or self._locked(index.row(), col):
            return False
        row = self.rows[index.row()]
        if getattr(row, col.attr) == value:
            return False
        if col.on_set is not None:
            col.on_set(row, value)
        else:
            setattr(row, col.attr, value)
        self.errors.pop((index.row(), col.attr), None)
        self.row_changed(index.row())
        return True

    def row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))
        self.rowsEdited.emit()

    def insert(self, position: int, row: Any) -> None:
        self.beginInsertRows(QModelIndex(), position, position)
        self.rows.insert(position, row)
        self.endInsertRows()
        self.errors = {}
        self.rowsEdited.emit()

    def remove(self, position: int) -> Any:
        self.beginRemoveRows(QModelIndex(), position, position)
        row = self.rows.pop(position)
        self.endRemoveRows()
        self.errors = {}
        self.rowsEdited.emit()
        return row

    def move(self, source: int, target: int) -> None:
        if source == target or not (0 <= target < len(self.rows)):
            return
        dest = target + 1 if target > source else target
        self.beginMoveRows(QModelIndex(), source, source, QModelIndex(), dest)
        self.rows.insert(target, self.rows.pop(source))
        self.endMoveRows()
        self.errors = {}
        self.rowsEdited.emit()

    def set_errors(self, errors: dict[tuple[int, str], str]) -> None:
        self.errors = errors
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1))


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box for columns with a fixed set of values; a completer for free text."""

    def __init__(self, columns: list[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self._combo_widths: dict[str, int] = {}

    def sizeHint(self, option: Any, index: Index) -> QSize:
        """A choice column is as wide as its drop-down with the longest label, arrow included."""
        hint = super().sizeHint(option, index)
        col = self.columns[index.column()]
        if col.choices is None:
            return hint
        if col.header not in self._combo_widths:
            combo = QComboBox()
            combo.addItems(list(col.choices.values()))
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            self._combo_widths[col.header] = combo.sizeHint().width()
            combo.deleteLater()
        return QSize(max(hint.width(), self._combo_widths[col.header]), hint.height())

    def updateEditorGeometry(self, editor: QWidget, option: Any, index: Index) -> None:
        super().updateEditorGeometry(editor, option, index)
        if isinstance(editor, QComboBox) and editor.width() < editor.sizeHint().width():
            rect = editor.geometry()  # never «ح» for «حاضر»: the drop-down shows its whole label
            right = rect.right()
            rect.setWidth(editor.sizeHint().width())
            if editor.isRightToLeft():
                rect.moveRight(right)  # it grows over the next cell, the one to its left
            editor.setGeometry(rect)

    def createEditor(self, parent: QWidget, option: Any, index: Index) -> QWidget:
        col = self.columns[index.column()]
        if col.choices is not None:
            combo = QComboBox(parent)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            for value, label in col.choices.items():
                combo.addItem(label, value)
            return combo
        editor = QLineEdit(parent)
        clean_field(editor)
        if col.completions is not None:
            from ui.widgets.completion import attach_completer

            attach_completer(editor, col.completions())
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QLineEdit):
            editor.setText(value or "")

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text())


class ListEditor(QWidget):
    """Table of rows + buttons + optional detail form bound to the current row.

    Signals:
        edited: any row was added, removed, moved or changed.
        currentRowChanged(int): the selected row changed (-1 for none).
    """

    edited = Signal()
    currentRowChanged = Signal(int)

    def __init__(self, columns: list[Column], make_row: Callable[[], Any], *, noun: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.make_row = make_row
        self.model = RowsModel(columns, self)
        self.model.locked, self.model.lock_note = self.is_locked, self.lock_note
        self.model.rowsEdited.connect(self.edited)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(ChoiceDelegate(columns, self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.view.setTabKeyNavigation(False)  # Tab leaves the table for the form
        header = self.view.horizontalHeader()
        for i, col in enumerate(columns):
            if col.width is not None:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(i, col.width)
                continue
            mode = QHeaderView.ResizeMode.Stretch if col.stretch else QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(i, mode)
        self.view.verticalHeader().setVisible(False)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        self._removed: list[tuple[int, Any]] = []
        self._bindings: list[_Binding] = []
        self._loading = False

        self.add_button = QPushButton(f"افزودن {noun}", self)
        self.add_button.setToolTip("Insert یا Ctrl+Enter")
        self.remove_button = QPushButton("حذف", self)
        self.remove_button.setToolTip("Ctrl+Delete؛ بازگرداندن با Ctrl+Z")
        self.up_button = QPushButton("بالا", self)
        self.up_button.setToolTip("Ctrl+↑")
        self.down_button = QPushButton("پایین", self)
        self.down_button.setToolTip("Ctrl+↓")
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_row)
        self.up_button.clicked.connect(lambda: self.move_row(-1))
        self.down_button.clicked.connect(lambda: self.move_row(1))
        self.buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            self.buttons.addWidget(b)
        self.buttons.addStretch(1)
        for keys, slot in ((QKeySequence(Qt.Key.Key_Insert), lambda: self.add_row()),
                           (QKeySequence("Ctrl+Return"), lambda: self.add_row()),
                           (QKeySequence("Ctrl+Del"), self.remove_row),
                           (QKeySequence("Ctrl+Z"), self.undo_remove),
                           (QKeySequence("Ctrl+Up"), lambda: self.move_row(-1)),
                           (QKeySequence("Ctrl+Down"), lambda: self.move_row(1))):
            sc = QShortcut(keys, self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addLayout(self.buttons)
        self.layout_.addWidget(self.view, 1)
        self._update_buttons()

    # --- rows ------------------------------------------------------------
    def set_rows(self, rows: list[Any]) -> None:
        self._removed.clear()
        self.model.set_rows(rows)
        if rows:
            self.select(0)
        else:
            self._on_current(QModelIndex(), QModelIndex())

    def rows(self) -> list[Any]:
        return self.model.rows

    def refresh(self) -> None:
        """The rows were changed from outside (not by the user): show them again, keeping the place."""
        if self.model.rows:
            self.model.dataChanged.emit(self.model.index(0, 0),
                                        self.model.index(len(self.model.rows) - 1, len(self.model.columns) - 1))
        self._on_current(self.view.currentIndex(), QModelIndex())

    def current_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def select(self, row: int, column: int = 0) -> None:
        if 0 <= row < self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(row, column))

    def focus_field(self, row: int, attr: str) -> None:
        """Move to ``attr`` of ``row``: its form widget, else its cell (a problem's «go there»)."""
        column = next((i for i, c in enumerate(self.model.columns) if c.attr == attr), 0)
        self.select(row, column)
        widget = next((b.widget for b in self._bindings if b.attr == attr), None)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def add_row(self, row: Any = None) -> int:
        position = self.current_row() + 1 if self.current_row() >= 0 else len(self.model.rows)
        self.model.insert(position, row if row is not None else self.make_row())
        self.select(position, self._first_editable())
        self._focus_first()
        return position

    def append_rows(self, rows: list[Any]) -> None:
        for row in rows:
            self.model.insert(len(self.model.rows), row)
        self._update_buttons()

    def remove_row(self) -> None:
        row = self.current_row()
        if row < 0 or not self.removable(self.model.rows[row]):
            return
        self._removed.append((row, self.model.remove(row)))
        self.select(min(row, self.model.rowCount() - 1))
        self._update_buttons()

    def undo_remove(self) -> None:
        if self._removed:
            position, row = self._removed.pop()
            self.model.insert(position, row)
            self.select(position)

    def move_row(self, step: int) -> None:
        row = self.current_row()
        if row < 0:
            return
        target = row + step
        if 0 <= target < self.model.rowCount():
            self.model.move(row, target)
            self.select(target)

    def show_errors(self, errors: dict[tuple[int, str], str]) -> None:
        self.model.set_errors(errors)
        for b in self._bindings:
            b.show_error(errors.get((self.current_row(), b.attr), ""))

    def _first_editable(self) -> int:
        for i, col in enumerate(self.model.columns):
            if col.editable:
                return i
        return 0

    def _focus_first(self) -> None:
        if self._bindings:
            self._bindings[0].widget.setFocus()
        else:
            self.view.setFocus()
            index = self.view.currentIndex()
            if index.isValid() and self.model.flags(index) & Qt.ItemFlag.ItemIsEditable:
                self.view.edit(index)

    def _update_buttons(self) -> None:
        row = self.current_row()
        has = row >= 0
        for b in (self.remove_button, self.up_button, self.down_button):
            b.setEnabled(has)
        if has and not self.removable(self.model.rows[row]):
            self.remove_button.setEnabled(False)

    # --- what a page keeps out of reach --------------------------------------
    def is_locked(self, row: Any, attr: str) -> bool:
        """True when ``attr`` of ``row`` is shown but not edited here (a page overrides this)."""
        return False

    def lock_note(self, row: Any) -> str:
        """Why the locked fields of ``row`` are read-only (shown as their tooltip)."""
        return ""

    def removable(self, row: Any) -> bool:
        return True

    # --- the detail form -------------------------------------------------
    def bind(self, widget: QWidget, attr: str) -> QWidget:
        """Tie a form widget to ``attr`` of the current row."""
        binding = _Binding(widget, attr, self._form_edited)
        self._bindings.append(binding)
        widget.setEnabled(self.current_row() >= 0)
        return widget

    def _on_current(self, current: Index, _previous: Index) -> None:
        row = current.row() if current.isValid() else -1
        self._loading = True
        try:
            for b in self._bindings:
                b.widget.setEnabled(row >= 0 and not self.is_locked(self.model.rows[row], b.attr))
                b.load(self.model.rows[row] if row >= 0 else None)
                b.show_error(self.model.errors.get((row, b.attr), ""))
        finally:
            self._loading = False
        self._update_buttons()
        self.currentRowChanged.emit(row)

    def _form_edited(self, binding: _Binding) -> None:
        row = self.current_row()
        if self._loading or row < 0:
            return
        value = binding.value()
        target = self.model.rows[row]
        if self.is_locked(target, binding.attr):
            return
        if getattr(target, binding.attr) != value:
            setattr(target, binding.attr, copy.copy(value))
            self.model.errors.pop((row, binding.attr), None)
            self.model.row_changed(row)


class _Binding:
    """Reads and writes one attribute through one kind of widget."""

    def __init__(self, widget: QWidget, attr: str, on_edit: Callable[[_Binding], None]) -> None:
        self.widget, self.attr = widget, attr
        notify = lambda *_: on_edit(self)  # noqa: E731
        if isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(notify)
        elif isinstance(widget, QLineEdit):
            widget.textEdited.connect(notify)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(notify)
            if widget.isEditable():
                widget.editTextChanged.connect(notify)
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(notify)
        elif hasattr(widget, "textEdited"):  # JalaliDateEdit and similar
            widget.textEdited.connect(notify)
        else:
            raise TypeError(f"cannot bind {type(widget).__name__}")

    def load(self, row: Any) -> None:
        w, value = self.widget, (getattr(row, self.attr) if row is not None else None)
        w.blockSignals(True)
        try:
            if isinstance(w, QPlainTextEdit):
                w.setPlainText(value or "")
            elif isinstance(w, QComboBox):
                if w.isEditable() and w.findData(value) < 0:
                    w.setEditText("" if value is None else str(value))
                else:
                    w.setCurrentIndex(w.findData(value))
            elif isinstance(w, QCheckBox):
                w.setChecked(bool(value))
            elif isinstance(value, list):
                w.setText("، ".join(value))  # type: ignore[attr-defined]
            else:
                w.setText("" if value is None else str(value))  # type: ignore[attr-defined]
        finally:
            w.blockSignals(False)

    def value(self) -> Any:
        w = self.widget
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        if isinstance(w, QComboBox):
            return w.currentData() if not w.isEditable() else w.currentText()
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if w.property("listField"):
            return [p.strip() for p in w.text().replace("،", ",").split(",") if p.strip()]  # type: ignore[attr-defined]
        return w.text()  # type: ignore[attr-defined]

    def show_error(self, message: str) -> None:
        if hasattr(self.widget, "setError"):
            self.widget.setError(message)
            return
        self.widget.setProperty("invalid", bool(message))
        self.widget.setToolTip(message)
        self.widget.style().unpolish(self.widget)
        self.widget.style().polish(self.widget)
