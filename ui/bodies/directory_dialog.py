"""The directory of people and units (دفتر نام‌ها): find, add and correct names.

Each tab is a search box, a table over a thin row-cache model and a small
form. Matching is the service's job (on normalised text, so «كميته» finds
«کمیته»); this module only shows rows and passes what was typed to
:mod:`app.services.directory`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QModelIndex,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.persian.text import fa_number
from app.services import directory
from app.services.changes import Changes
from app.store.db import Store

if TYPE_CHECKING:
    from ui.shell.ops import Ops
from ui.shell.geometry import fit_window
from ui.shell.settings import DIRECTORY_GEOMETRY
from ui.widgets.clean_text import TextCleaner
from ui.widgets.completion import attach_completer
from ui.widgets.item_models import rows_view

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row dataclass itself
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # its database id


@dataclass(frozen=True)
class DirectoryColumn:
    """One table column: its header and the row attribute it shows."""

    header: str
    attr: str


class DirectoryTableModel(QAbstractTableModel):
    """Rows a directory service returned, as a read-only table (a row cache, nothing more)."""

    def __init__(self, columns: list[DirectoryColumn], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_of_id(self, row_id: int | None) -> int:
        """Where the row with ``row_id`` is shown; -1 when it is not."""
        return next((i for i, r in enumerate(self.rows) if r.id == row_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows) or index.column() >= len(self.columns):
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return getattr(row, self.columns[index.column()].attr)
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return row.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header if 0 <= section < len(self.columns) else None
        return fa_number(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        names[ROW_ROLE] = QByteArray(b"row")
        names[ID_ROLE] = QByteArray(b"id")
        return names


@dataclass(frozen=True)
class FormField:
    """One form field: the row attribute it edits, its caption (with &mnemonic), a hint."""

    key: str
    caption: str
    placeholder: str = ""


# (store, the form's values, the id edited, the version it was read at) → (the row, what changed)
Saver = Callable[[Store, dict[str, str], int | None, int | None], tuple[Any, Changes]]


class DirectoryPage(QWidget):
    """One tab: search box, table and the form for the selected (or a new) row.

    Signals:
        saved(object, Changes): a row was saved: the row the service returned, and what changed.
    """

    saved = Signal(object, object)

    def __init__(self, store: Store, *, noun: str, columns: list[DirectoryColumn], fields: list[FormField],
                 lister: Callable[[Store, str], list[Any]], saver: Saver, parent: QWidget | None = None,
                 ops: Ops | None = None) -> None:
        super().__init__(parent)
        self.store, self.noun, self.ops = store, noun, ops
        self._lister, self._saver = lister, saver
        self.editing_id: int | None = None  # None: the form holds a new row
        self.editing_version: int | None = None  # the save counter of the row the form was read from
        self._loaded: dict[str, str] = {}
        self._reloading = False

        self.search = QLineEdit(self)
        self.search.setPlaceholderText("جستجو… (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(f"جستجوی {noun}")
        self.model = DirectoryTableModel(columns, self)
        self.view = rows_view(self.model, self)
        self.view.setTabKeyNavigation(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.setAccessibleName(f"فهرست {noun}")

        self.form_box = QGroupBox(self)
        form = QFormLayout(self.form_box)
        self.fields: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        for spec in fields:
            edit = QLineEdit(self.form_box)
            edit.setPlaceholderText(spec.placeholder)
            edit.setAccessibleName(spec.caption.replace("&", "").rstrip(":"))
            edit.returnPressed.connect(self.save)
            label = QLabel(spec.caption, self.form_box)
            label.setBuddy(edit)
            form.addRow(label, edit)
            self.fields[spec.key] = edit
            self.errors[spec.key] = self._error_label()
            form.addRow("", self.errors[spec.key])
        self.errors[""] = self._error_label()  # problems that belong to no one field
        form.addRow(self.errors[""])
        self.add_button = QPushButton(f"{noun} تازه", self.form_box)
        self.add_button.setToolTip(f"{noun} تازه (Ctrl+N)")
        self.save_button = QPushButton(f"ذخیرهٔ {noun}", self.form_box)
        self.save_button.setToolTip("ذخیره (Enter یا Ctrl+S)")
        for button in (self.add_button, self.save_button):
            button.setAutoDefault(False)  # Enter belongs to the form fields, not to the dialog
        self.status = QLabel(self.form_box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.status, 1)
        form.addRow(buttons)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.view)
        splitter.addWidget(self.form_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(splitter, 1)

        self.search.textChanged.connect(self.reload)
        self.search.returnPressed.connect(self._go_to_table)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        self.add_button.clicked.connect(self.start_new)
        self.save_button.clicked.connect(self.save)
        self.reload()
        self._load_form(None)

    def _error_label(self) -> QLabel:
        label = QLabel(self.form_box)
        label.setObjectName("fieldError")
        label.setWordWrap(True)
        label.setVisible(False)
        return label

    # --- the list ------------------------------------------------------------
    def reload(self) -> None:
        """Ask the service again for the rows matching the search box."""
        self._reloading = True
        try:
            self.model.set_rows(self._lister(self.store, self.search.text()))
        finally:
            self._reloading = False
        self._select_id(self.editing_id)

    def _select_id(self, row_id: int | None) -> Any | None:
        """Make the row with ``row_id`` current without reacting to it; returns that row."""
        row = self.model.row_of_id(row_id) if row_id is not None else -1
        self._reloading = True
        try:
            if row < 0:
                self.view.clearSelection()
            self.view.setCurrentIndex(self.model.index(row, 0) if row >= 0 else QModelIndex())
        finally:
            self._reloading = False
        return self.model.rows[row] if row >= 0 else None

    def _go_to_table(self) -> None:
        if self.model.rowCount():
            self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
            if not self.view.currentIndex().isValid():
                self.view.setCurrentIndex(self.model.index(0, 0))

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._reloading or not current.isValid():
            return
        target = self.model.rows[current.row()].id
        if target == self.editing_id:
            return
        if not self.confirm_leaving():
            self._select_id(self.editing_id)  # stay with the unsaved form
            return
        row = self._select_id(target)  # saving the form first reloads the rows
        if row is not None:
            self._load_form(row)

    # --- the form ------------------------------------------------------------
    def values(self) -> dict[str, str]:
        return {key: edit.text() for key, edit in self.fields.items()}

    def is_dirty(self) -> bool:
        """Whether the form holds typing that is not saved."""
        return any(" ".join(v.split()) != " ".join(self._loaded.get(k, "").split()) for k, v in self.values().items())

    def _load_form(self, row: Any | None) -> None:
        self.editing_id = None if row is None else row.id
        self.editing_version = getattr(row, "version", None)  # a save from an older copy is refused
        self._loaded = {key: ("" if row is None else str(getattr(row, key) or "")) for key in self.fields}
        for key, edit in self.fields.items():
            edit.setText(self._loaded[key])
        self.show_error("", "")
        self.status.clear()
        self.form_box.setTitle(f"{self.noun} تازه" if row is None else f"ویرایش «{row.name}»")

    def start_new(self) -> None:
        """Empty the form for a new row and put the cursor in its first field."""
        if not self.confirm_leaving():
            return
        self._select_id(None)
        self._load_form(None)
        next(iter(self.fields.values())).setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> bool:
        """Save the form through the service; a UserError is shown at its field."""
        self.show_error("", "")
        values, editing, version = self.values(), self.editing_id, self.editing_version

        def refused(exc: UserError) -> None:
            self.show_error(exc.field if exc.field in self.fields else "", exc.message)

        if self.ops is not None:  # the dialog's ``changed`` carries the record to the broadcast
            found = self.ops.call(lambda: self._saver(self.store, values, editing, version), what=f"ذخیرهٔ {self.noun}",
                                  parent=self, user_error=refused, broadcast=False)
            if found is None:
                return False
            row, changes = found
        else:
            try:
                row, changes = self._saver(self.store, values, editing, version)
            except UserError as exc:
                refused(exc)
                return False
        self._load_form(row)
        self.status.setText("ذخیره شد.")
        self.reload()
        self.saved.emit(row, changes)
        return True

    def show_error(self, field: str, message: str) -> None:
        """Show ``message`` under ``field`` (under the form for ""); "" for field clears them all."""
        targets = [field] if field else list(self.errors)
        for key in targets:
            label = self.errors[key]
            label.setText(message if key == field else "")
            label.setVisible(bool(message) and key == field)
            edit = self.fields.get(key)
            if edit is not None:
                edit.setAccessibleDescription(label.text())
        edit = self.fields.get(field)
        if edit is not None and message:
            edit.setFocus(Qt.FocusReason.OtherFocusReason)
            edit.selectAll()

    def confirm_leaving(self) -> bool:
        """True when the form may be replaced: nothing unsaved, saved now, or thrown away on purpose."""
        if not self.is_dirty():
            return True
        answer = self.ask_about_unsaved()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def ask_about_unsaved(self) -> QMessageBox.StandardButton:
        buttons = (QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                   | QMessageBox.StandardButton.Cancel)
        return QMessageBox.question(self, "تغییرات ذخیره نشده",
                                    f"مشخصات {self.noun} تغییر کرده و ذخیره نشده است. ذخیره شود؟",
                                    buttons, QMessageBox.StandardButton.Save)


def _save_person(store: Store, values: dict[str, str], person_id: int | None,
                 version: int | None) -> tuple[Any, Changes]:
    saved = directory.save_person(store, values["name"], values["post"], values["organisation"],
                                  person_id=person_id, version=version)
    return saved.person, saved.changes


def _save_unit(store: Store, values: dict[str, str], unit_id: int | None,
               version: int | None) -> tuple[Any, Changes]:
    saved = directory.save_unit(store, values["name"], unit_id=unit_id, version=version)
    return saved.unit, saved.changes


class DirectoryDialog(QDialog):
    """دفتر نام‌ها: people in one tab, units and organisations in the other.

    Signals:
        changed(Changes): a person or unit was saved; what the service says it changed.
    """

    changed = Signal(object)

    def __init__(self, store: Store, parent: QWidget | None = None, *, ops: Ops | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("دفتر نام‌ها: اشخاص و واحدها")
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        fit_window(self, DIRECTORY_GEOMETRY, 820, 480)
        self.people = DirectoryPage(
            store, noun="شخص", lister=directory.list_people, saver=_save_person, parent=self, ops=ops,
            columns=[DirectoryColumn("نام", "name"), DirectoryColumn("سمت", "post"),
                     DirectoryColumn("سازمان", "organisation")],
            fields=[FormField("name", "&نام:", "نام و نام خانوادگی"), FormField("post", "&سمت:", "مثلاً مدیرکل"),
                    FormField("organisation", "سا&زمان:", "از فهرست واحدها انتخاب کنید یا تازه بنویسید")])
        self.units = DirectoryPage(
            store, noun="واحد", lister=directory.list_units, saver=_save_unit, parent=self, ops=ops,
            columns=[DirectoryColumn("نام واحد یا سازمان", "name")],
            fields=[FormField("name", "&نام:", "مثلاً دفتر فناوری اطلاعات")])
        self.organisation_completer = attach_completer(self.people.fields["organisation"], [])
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.people, "اشخاص")
        self.tabs.addTab(self.units, "واحدها و سازمان‌ها")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText("بستن")
        close.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(close)

        for keys, action in ((QKeySequence.StandardKey.Find, self.focus_search),
                             (QKeySequence.StandardKey.New, lambda: self.current_page().start_new()),
                             (QKeySequence.StandardKey.Save, lambda: self.current_page().save())):
            QShortcut(keys, self, action)
        self.people.saved.connect(lambda _row, changes: self._on_saved(self.units, changes))
        self.units.saved.connect(lambda _row, changes: self._on_saved(self.people, changes))
        self._refresh_organisations()
        TextCleaner(self).watch_all()
        self.people.search.setFocus()

    def current_page(self) -> DirectoryPage:
        page = self.tabs.currentWidget()
        assert isinstance(page, DirectoryPage)
        return page

    def focus_search(self) -> None:
        search = self.current_page().search
        search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        search.selectAll()

    def _on_saved(self, other: DirectoryPage, changes: Changes) -> None:
        # A saved person may have made a unit; a renamed unit shows in people's rows.
        other.reload()
        self._refresh_organisations()
        self.changed.emit(changes)

    def _refresh_organisations(self) -> None:
        model = self.organisation_completer.model()
        assert isinstance(model, QStringListModel)
        model.setStringList([u.name for u in directory.list_units(self.store)])

    def reject(self) -> None:
        """Esc and «بستن»: close, but not over unsaved typing unless the user says so."""
        if self.people.confirm_leaving() and self.units.confirm_leaving():
            super().reject()
