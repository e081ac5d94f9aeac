"""Creating and changing a body (نهاد): council, working group or committee, and its members.

The form holds the body itself (name, kind, the body above it, the meetings
it owes a year); a :class:`ListEditor` holds the members in their order.
Members are picked from the directory (دفتر نام‌ها) by name; a name the
directory does not know yet is added to it when the body is saved.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.persian import labels
from app.persian.text import fa_number, normalize_for_search
from app.services import bodies, directory, overview
from app.services.changes import NO_CHANGES
from app.services.directory import PersonRow
from app.store.db import Store
from ui.widgets.clean_text import TextCleaner
from ui.widgets.completion import attach_completer

if TYPE_CHECKING:
    from ui.shell.ops import Ops
from ui.shell.geometry import fit_window
from ui.shell.settings import BODY_DIALOG_GEOMETRY
from ui.widgets.file_dialogs import open_file_name
from ui.widgets.list_editor import Column, ListEditor

NO_PARENT = "— (بدون نهاد بالادست)"
_RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


@dataclass
class MemberDraft:
    """One member as edited: the directory person (``None`` until saved, for a new name) and the role."""

    name: str = ""
    post: str = ""
    organisation: str = ""
    role: str = "member"
    person_id: int | None = None


def frequency_text(meetings_per_year: int) -> str:
    """«فصلی (۴ جلسه در سال)»: the secretary's word for the obligation, and the number."""
    count = f"{fa_number(meetings_per_year)} جلسه در سال"
    word = labels.FREQUENCY.get(meetings_per_year)
    if word is None:
        return count
    return word if meetings_per_year == 0 else f"{word} ({count})"


def _clean(text: str) -> str:
    return " ".join(text.split())


class BodyDialog(QDialog):
    """نهاد تازه / ویرایش نهاد: the body's particulars and its ordered members.

    OK (Enter) saves through :mod:`app.services.bodies` and closes; a problem
    is shown next to the form and the dialog stays open. Esc cancels.
    """

    def __init__(self, store: Store, body_id: int | None = None, parent_id: int | None = None,
                 parent: QWidget | None = None, *, kind: str | None = None, ops: Ops | None = None) -> None:
        """With ``ops`` a failure that is not the user's is logged and explained (see :mod:`ui.shell.ops`)."""
        super().__init__(parent)
        self.store, self.ops = store, ops
        self.body_id = body_id  # set by the first successful save, so a retry updates, never duplicates
        self._saved_body_id: int | None = None
        self.changes = NO_CHANGES  # what every «ذخیره» wrote, for the window to broadcast
        self._people: list[PersonRow] = directory.list_people(store)
        body = bodies.get_body(store, body_id) if body_id is not None else None
        self.version = body.version if body is not None else None  # a save from an older copy is refused
        self.setWindowTitle("نهاد تازه" if body is None else f"ویرایش نهاد: {body.name}")
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        fit_window(self, BODY_DIALOG_GEOMETRY, 760, 560)

        # --- the body ------------------------------------------------------
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText("مثلاً کمیته فناوری اطلاعات و دولت الکترونیک")
        self.kind_combo = QComboBox(self)
        for code, word in labels.BODY_KIND.items():
            self.kind_combo.addItem(word, code)
        self.parent_combo = QComboBox(self)
        self.parent_combo.addItem(NO_PARENT, None)
        for row in self._parent_choices(body_id):
            self.parent_combo.addItem("\u2003" * row.depth + row.name, row.id)
        self.frequency_combo = QComboBox(self)
        for count in labels.FREQUENCY:
            self.frequency_combo.addItem(frequency_text(count), count)

        form = QFormLayout()
        self.errors: dict[str, QLabel] = {}
        for key, caption, widget in (("name", "&نام:", self.name_edit), ("kind", "نو&ع:", self.kind_combo),
                                     ("parent_id", "نهاد &بالادست:", self.parent_combo),
                                     ("meetings_per_year", "&جلسات الزامی:", self.frequency_combo)):
            label = QLabel(caption, self)
            label.setBuddy(widget)
            widget.setAccessibleName(caption.replace("&", "").rstrip(":"))
            form.addRow(label, widget)
            self.errors[key] = self._error_label()
            form.addRow("", self.errors[key])
        self.emblem: bytes | None = None
        self._emblem_changed = False
        self.emblem_preview = QLabel(self)
        self.emblem_preview.setFixedSize(56, 56)
        self.emblem_preview.setScaledContents(True)
        self.emblem_button = QPushButton("انتخاب &نشان (لوگو)…", self)
        self.emblem_button.setToolTip("تصویر PNG یا JPEG، بالای نام نهاد در صورتجلسه چاپ می‌شود")
        self.emblem_button.clicked.connect(self.choose_emblem)
        self.emblem_remove = QPushButton("بدون نشان", self)
        self.emblem_remove.clicked.connect(lambda: self.set_emblem(None))
        emblem_row = QHBoxLayout()
        for w in (self.emblem_preview, self.emblem_button, self.emblem_remove):
            emblem_row.addWidget(w)
        emblem_row.addStretch(1)
        form.addRow("نشان:", emblem_row)
        self.errors["emblem"] = self._error_label()
        form.addRow("", self.errors["emblem"])

        # --- the members ---------------------------------------------------
        columns = [
            Column("ردیف"),
            Column("نام", "name", editable=True, stretch=True, on_set=self._set_name,
                   shown=lambda r: f"{r.name} (تازه)" if r.name and r.person_id is None else r.name,
                   completions=lambda: [p.name for p in self._people]),
            Column("سمت", "post", editable=True, stretch=True),
            Column("سازمان", "organisation", editable=True),
            Column("نقش", "role", choices=labels.MEMBER_ROLE, editable=True),
        ]
        self.members = ListEditor(columns, MemberDraft, noun="عضو", parent=self)
        self.members.add_button.setText("ردیف خالی")  # «افزودن این نام» beside the picker adds a named member
        self.members.view.setAccessibleName("اعضا")
        self.members.view.setToolTip("F2 برای ویرایش خانه؛ «(تازه)»: در ذخیره به دفتر نام‌ها افزوده می‌شود")
        for button in (self.members.add_button, self.members.remove_button, self.members.up_button,
                       self.members.down_button):
            button.setAutoDefault(False)  # Enter is OK, whatever button last had the focus
        self.picker = QLineEdit(self)
        self.picker.setPlaceholderText("نامی بنویسید و Enter بزنید؛ نام تازه به دفتر نام‌ها افزوده می‌شود")
        self.picker.setAccessibleName("افزودن عضو از دفتر نام‌ها")
        self.picker_completer = attach_completer(self.picker, [p.name for p in self._people])
        self.picker.installEventFilter(self)
        self.picker.returnPressed.connect(self.add_from_picker)  # Enter that chose from the completer's list
        self.pick_button = QPushButton("افزودن این نام", self)
        self.pick_button.setAutoDefault(False)
        self.pick_button.clicked.connect(self.add_from_picker)
        picker_label = QLabel("افزودن از &دفتر نام‌ها:", self)
        picker_label.setBuddy(self.picker)
        picker_row = QHBoxLayout()
        picker_row.addWidget(picker_label)
        picker_row.addWidget(self.picker, 1)
        picker_row.addWidget(self.pick_button)
        members_label = QLabel("&اعضا (به ترتیب):", self)
        members_label.setBuddy(self.members.view)
        self.errors["members"] = self._error_label()
        members_box = QGroupBox(self)
        members_layout = QVBoxLayout(members_box)
        members_layout.addWidget(members_label)
        members_layout.addLayout(picker_row)
        members_layout.addWidget(self.members, 1)
        members_layout.addWidget(self.errors["members"])

        self.errors[""] = self._error_label()  # what belongs to no one field
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("ذخیره")
        self.ok_button.setToolTip("ذخیره و بستن (Enter)")
        self.ok_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("انصراف")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(members_box, 1)
        layout.addWidget(self.errors[""])
        layout.addWidget(self.buttons)
        TextCleaner(self).watch_all()

        self._load(body, parent_id, kind)
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _error_label(self) -> QLabel:
        label = QLabel(self)
        label.setObjectName("fieldError")
        label.setWordWrap(True)
        label.setVisible(False)
        return label

    def _parent_choices(self, body_id: int | None) -> list[overview.BodyRow]:
        """Every body but this one and those beneath it (a body cannot sit under itself)."""
        rows = overview.list_bodies(self.store)
        if body_id is None:
            return rows
        below = {body_id}
        for row in rows:  # tree order: a parent always comes before its children
            if row.parent_id in below:
                below.add(row.id)
        return [row for row in rows if row.id not in below]

    def _load(self, body: overview.BodyRow | None, parent_id: int | None, kind: str | None) -> None:
        if body is not None:
            self.name_edit.setText(body.name)
            kind, parent_id, per_year = body.kind, body.parent_id, body.meetings_per_year
            members = [MemberDraft(m.name, m.post, m.organisation, m.role, m.person_id)
                       for m in bodies.list_members(self.store, body.id)]
            self.set_emblem(bodies.get_emblem(self.store, body.id), changed=False)
        else:
            # A body with a parent is most often one of its committees.
            kind = kind or ("committee" if parent_id is not None else "council")
            per_year, members = 4, []
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(kind)))
        self.parent_combo.setCurrentIndex(max(0, self.parent_combo.findData(parent_id)) if parent_id else 0)
        if self.frequency_combo.findData(per_year) < 0:  # a number the labels have no word for
            self.frequency_combo.addItem(frequency_text(per_year), per_year)
        self.frequency_combo.setCurrentIndex(self.frequency_combo.findData(per_year))
        self.members.set_rows(members)
        self._loaded = self._state()

    def _state(self) -> tuple[object, ...]:
        """Everything the user can change, to tell whether anything was."""
        return (self.name_edit.text(), self.kind_combo.currentData(), self.parent_combo.currentData(),
                self.frequency_combo.currentData(), [astuple(m) for m in self.members.rows()], self.emblem)

    def is_dirty(self) -> bool:
        return self._state() != self._loaded

    # --- picking members ------------------------------------------------------
    def _person_named(self, name: str) -> PersonRow | None:
        wanted = normalize_for_search(name)
        return next((p for p in self._people if normalize_for_search(p.name) == wanted), None) if wanted else None

    def _set_name(self, row: MemberDraft, name: str) -> None:
        """A name typed in the table: tie the row to that directory person, or mark it new."""
        row.name = name
        match = self._person_named(name)
        if match is not None:
            row.person_id, row.post, row.organisation = match.id, match.post, match.organisation
        elif row.person_id is not None:  # was someone else: their post is not this person's
            row.person_id, row.post, row.organisation = None, "", ""

    def add_member(self, name: str, role: str = "member") -> int:
        """Append a member by name (a directory person when the name is known); returns the row."""
        row = MemberDraft(role=role)
        self._set_name(row, _clean(name))
        self.members.append_rows([row])
        position = len(self.members.rows()) - 1
        self.members.select(position)
        return position

    def add_from_picker(self) -> None:
        """Add what the picker holds: a person it names, or leaves no doubt about, else a new name."""
        name = _clean(self.picker.text())
        if not name:
            return
        if self._person_named(name) is None:
            # «صادقی» + Enter with the suggestion list still open means the one person suggested.
            needle = normalize_for_search(name)
            matches = [p for p in self._people if needle in normalize_for_search(p.name)]
            if len(matches) == 1:
                name = matches[0].name
        self.add_member(name)
        self.picker.clear()
        # A choice made in the suggestion list writes its text back after this Enter: clear that too.
        QTimer.singleShot(0, self.picker.clear)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter in the picker adds the typed name; only an empty picker lets Enter mean OK.
        if (watched is self.picker and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() in _RETURN_KEYS and _clean(self.picker.text())):
            self.add_from_picker()
            return True
        return super().eventFilter(watched, event)

    # --- saving ---------------------------------------------------------------
    @property
    def saved_body_id(self) -> int | None:
        """The body's id once saved (``None`` while nothing was saved)."""
        return self._saved_body_id

    def accept(self) -> None:
        if self.save():
            super().accept()

    def reject(self) -> None:
        """Esc, «انصراف» or the window's close: ask first when something was changed."""
        if self.is_dirty():
            answer = self.ask_about_unsaved()
            if answer == QMessageBox.StandardButton.Save:
                self.accept()
                return
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    def ask_about_unsaved(self) -> QMessageBox.StandardButton:
        """The question; a method so tests can answer it."""
        buttons = (QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                   | QMessageBox.StandardButton.Cancel)
        return QMessageBox.question(self, "تغییرات ذخیره نشده", "مشخصات نهاد تغییر کرده و ذخیره نشده است. ذخیره شود؟",
                                    buttons, QMessageBox.StandardButton.Save)

    def member_problems(self) -> dict[tuple[int, str], str]:
        """Problems in the members list, by (row, column attribute)."""
        problems: dict[tuple[int, str], str] = {}
        seen: dict[object, int] = {}
        chairs: list[int] = []
        for i, m in enumerate(self.members.rows()):
            if not _clean(m.name):
                if _clean(m.post) or _clean(m.organisation):
                    problems[(i, "name")] = f"عضو ردیف {fa_number(i + 1)} نام ندارد."
                continue
            key = m.person_id if m.person_id is not None else normalize_for_search(m.name)
            if key in seen:
                problems[(i, "name")] = f"«{_clean(m.name)}» دو بار در فهرست اعضا آمده است."
            seen[key] = i
            if m.role == "chair":
                chairs.append(i)
        if len(chairs) > 1:
            names = " و ".join(f"«{_clean(self.members.rows()[i].name)}»" for i in chairs)
            for i in chairs:
                problems[(i, "role")] = f"هر نهاد یک رئیس دارد؛ {names} هر دو رئیس آمده‌اند."
        return problems

    def choose_emblem(self) -> None:
        path = open_file_name(self, "نشان نهاد", "", "تصویر (*.png *.jpg *.jpeg)")
        if path:
            self.load_emblem_file(Path(path))

    def load_emblem_file(self, path: Path) -> None:
        """A bounded read: a FIFO or a device picked in the dialog is refused, never waited on."""
        from app.files import read_bounded
        from app.services.bodies import EMBLEM_MAX_BYTES

        try:
            self.set_emblem(read_bounded(path, EMBLEM_MAX_BYTES, what="پروندهٔ تصویر", code="emblem_unreadable"))
        except UserError as exc:
            message = ("تصویر نشان بزرگ‌تر از ۲ مگابایت است؛ تصویر کوچک‌تری برگزینید."
                       if exc.code == "file_too_large" else exc.message)
            self.show_error("emblem", message)

    def set_emblem(self, image: bytes | None, *, changed: bool = True) -> None:
        """Show (and, on save, keep) the emblem; the service checks its format and size."""
        self.emblem, self._emblem_changed = image, changed
        pixmap = QPixmap()
        if image is not None:
            pixmap.loadFromData(image)
        self.emblem_preview.setPixmap(pixmap)
        self.emblem_remove.setEnabled(image is not None)
        self.show_error("emblem", "")

    def save(self) -> bool:
        """Save the body with its members and emblem in one go; on a problem show it and return False."""
        self.show_error("", "")
        problems = self.member_problems()
        self.members.show_errors(problems)
        if problems:
            self.show_error("members", "\n".join(dict.fromkeys(problems.values())))
            return False
        def write() -> bodies.BodySaved:
            return bodies.save_body_with_members(
                self.store, self.name_edit.text(), self.kind_combo.currentData(), self.parent_combo.currentData(),
                self.frequency_combo.currentData(), self._member_inputs(), body_id=self.body_id,
                emblem=self.emblem if self._emblem_changed else bodies.KEEP_EMBLEM, version=self.version)

        def refused(exc: UserError) -> None:  # nothing was written: the body, new people and members go together
            self.show_error(exc.field if exc.field in self.errors else "", exc.message)

        if self.ops is not None:  # the window broadcasts self.changes once the dialog is done
            found = self.ops.call(write, what="ذخیرهٔ نهاد", parent=self, user_error=refused, broadcast=False)
            if found is None:
                return False
            row = found
        else:
            try:
                row = write()
            except UserError as exc:
                refused(exc)
                return False
        self.body_id, self.version = row.id, row.body.version  # the next save goes from this copy
        self.changes = self.changes | row.changes
        self._emblem_changed = False
        self._people = directory.list_people(self.store)
        by_name = {normalize_for_search(p.name): p.id for p in self._people}
        for m in self.members.rows():  # new names now have their directory entry
            if m.person_id is None and _clean(m.name):
                m.person_id = by_name.get(normalize_for_search(m.name))
        self._saved_body_id = row.id
        self._loaded = self._state()
        return True

    def _member_inputs(self) -> list[bodies.MemberInput]:
        """The members in order; a known person keeps their name, a post corrected here is theirs
        (the directory keeps one post per person), a new name joins the directory."""
        known = {p.id: p for p in self._people}
        inputs: list[bodies.MemberInput] = []
        for m in self.members.rows():
            if not _clean(m.name):
                continue
            person = known.get(m.person_id) if m.person_id is not None else None
            name = person.name if person is not None else m.name
            inputs.append(bodies.MemberInput(name, m.role, m.post, m.organisation,
                                             m.person_id if person is not None else None))
        return inputs

    def show_error(self, field: str, message: str) -> None:
        """Show ``message`` at ``field`` ("" for the whole form); an empty ``field`` and message clears all."""
        for key, label in self.errors.items():
            text = message if key == field else ("" if not field else label.text())
            label.setText(text)
            label.setVisible(bool(text))
        widgets: dict[str, QWidget] = {"name": self.name_edit, "kind": self.kind_combo,
                                       "parent_id": self.parent_combo, "meetings_per_year": self.frequency_combo}
        for key, widget in widgets.items():
            widget.setAccessibleDescription(self.errors[key].text())
        at = widgets.get(field)
        if at is not None and message:
            at.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(at, QLineEdit):
                at.selectAll()
