"""The five pages of the meeting editor: details, agenda, attendees, discussion, resolutions.

Each page edits the lists of one :class:`MeetingData` in place; the editor
decides when to save.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QWidget,
)

from app import labels
from app.persian_text import normalize_for_search
from app.services.directory import PersonRow
from app.services.meeting_data import AgendaData, AttendeeData, DiscussionData, ResolutionData
from ui.completion import attach_completer
from ui.date_edit import JalaliDateEdit
from ui.list_editor import Column, ListEditor


class DetailsPage(QWidget):
    """مشخصات جلسه: number, date, times, place, chair, secretary, status."""

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.number = QSpinBox(self)
        self.number.setRange(1, 9999)
        self.date = JalaliDateEdit(self, today=today)
        self.start_time = QLineEdit(self)
        self.start_time.setPlaceholderText("۱۰:۰۰")
        self.end_time = QLineEdit(self)
        self.end_time.setPlaceholderText("۱۲:۰۰")
        times = QHBoxLayout()
        times.addWidget(QLabel("از", self))
        times.addWidget(self.start_time)
        times.addWidget(QLabel("تا", self))
        times.addWidget(self.end_time)
        self.place = QLineEdit(self)
        self.chair = QComboBox(self)
        self.secretary = QComboBox(self)
        self.status = QComboBox(self)
        for value, label in labels.MEETING_STATUS.items():
            self.status.addItem(label, value)
        self.errors: dict[str, QLabel] = {}
        rows: list[tuple[str, QWidget | QHBoxLayout, str]] = [
            ("&شمارهٔ جلسه:", self.number, "number"), ("&تاریخ:", self.date, "date"),
            ("&ساعت:", times, "start_time"), ("&مکان:", self.place, "place"),
            ("&رئیس جلسه:", self.chair, "chair_id"), ("د&بیر جلسه:", self.secretary, "secretary_id"),
            ("&وضعیت:", self.status, "status")]
        for caption, widget, key in rows:
            label = QLabel(caption, self)
            if isinstance(widget, QWidget):
                label.setBuddy(widget)
            else:
                label.setBuddy(self.start_time)
            form.addRow(label, widget)
            error = QLabel(self)
            error.setObjectName("fieldError")
            error.setVisible(False)
            form.addRow("", error)
            self.errors[key] = error
        self.errors["end_time"] = self.errors["start_time"]

    def set_people(self, people: list[PersonRow]) -> None:
        for combo in (self.chair, self.secretary):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem("—", None)
            for p in people:
                combo.addItem(f"{p.name} ({p.post})" if p.post else p.name, p.id)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

    def show_error(self, key: str, message: str) -> None:
        label = self.errors.get(key)
        if label is not None:
            label.setText(message)
            label.setVisible(bool(message))
        if key == "date":
            self.date.setError(message)


def agenda_page(parent: QWidget) -> ListEditor:
    """دستور جلسه: one editable line per item."""
    editor = ListEditor([Column("ردیف"), Column("بند دستور جلسه", "text", editable=True, stretch=True)],
                        AgendaData, noun="بند", parent=parent)
    return editor


def attendees_page(parent: QWidget, people: Callable[[], list[PersonRow]]) -> ListEditor:
    """حاضرین و غایبین و مدعوین: statuses are edited right in the table."""

    def named(row: AttendeeData, name: str) -> None:
        row.name = name
        match = next((p for p in people() if normalize_for_search(p.name) == normalize_for_search(name)), None)
        row.person_id = match.id if match else None
        if match:
            row.post = row.post or match.post
            row.organisation = row.organisation or match.organisation

    columns = [
        Column("ردیف"),
        Column("نام", "name", editable=True, stretch=True, on_set=named,
               completions=lambda: [p.name for p in people()]),
        Column("سمت", "post", editable=True, stretch=True),
        Column("سازمان", "organisation", editable=True),
        Column("عضو / مدعو", "kind", choices=labels.ATTENDANCE_KIND, editable=True),
        Column("حضور", "status", choices=labels.ATTENDANCE_STATUS, editable=True),
        Column("نماینده", "deputy_name", editable=True),
    ]
    editor = ListEditor(columns, AttendeeData, noun="شخص", parent=parent)
    editor.fill_button = QPushButton("از &اعضای نهاد", editor)
    editor.fill_button.setToolTip("همهٔ اعضای نهاد را، حاضر، به فهرست بیفزا")
    editor.buttons.insertWidget(1, editor.fill_button)
    return editor


class DiscussionPage(ListEditor):
    """خلاصه مذاکرات: speaker and paragraph, optionally tied to an agenda item."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([Column("ردیف"), Column("گوینده", "speaker", width=220), Column("متن", "text", stretch=True)],
                         DiscussionData, noun="سخن", parent=parent)
        form_box = QWidget(self)
        form = QFormLayout(form_box)
        self.speaker = QLineEdit(form_box)
        self.speaker.setPlaceholderText("مثلاً: استاندار محترم جناب آقای …")
        self.agenda_item = QComboBox(form_box)
        self.text = QPlainTextEdit(form_box)
        self.text.setTabChangesFocus(True)
        form.addRow("&گوینده:", self.speaker)
        form.addRow("دربارهٔ &بند:", self.agenda_item)
        form.addRow("&متن:", self.text)
        self.bind(self.speaker, "speaker")
        self.bind(self.agenda_item, "agenda_index")
        self.bind(self.text, "text")
        _stack(self, form_box)

    def set_agenda(self, agenda: list[AgendaData]) -> None:
        self.agenda_item.blockSignals(True)
        self.agenda_item.clear()
        self.agenda_item.addItem("—", None)
        for i, item in enumerate(agenda):
            self.agenda_item.addItem(f"{i + 1}. {item.text[:60]}", i)
        self.agenda_item.blockSignals(False)

    def set_speakers(self, names: list[str]) -> None:
        attach_completer(self.speaker, names)


class ResolutionsPage(ListEditor):
    """مصوبات: text, lead unit and collaborators, deadline or «مستمر», status."""

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__([
            Column("شماره"),
            Column("متن مصوبه", "text", stretch=True),
            Column("مسئول اجرا", "lead_unit", width=200),
            Column("مهلت", "deadline", shown=lambda r: "مستمر" if r.standing else r.deadline),
            Column("وضعیت", "status", choices=labels.RESOLUTION_STATUS),
        ], ResolutionData, noun="مصوبه", parent=parent)
        form_box = QWidget(self)
        form = QFormLayout(form_box)
        self.text = QPlainTextEdit(form_box)
        self.text.setTabChangesFocus(True)
        self.lead_unit = QLineEdit(form_box)
        self.lead_unit.setPlaceholderText("از فهرست واحدها انتخاب کنید یا واحد تازه بنویسید")
        self.collaborators = QLineEdit(form_box)
        self.collaborators.setProperty("listField", True)
        self.collaborators.setPlaceholderText("واحدهای همکار، جدا با «،»")
        self.deadline = JalaliDateEdit(form_box, today=today)
        self.standing = QCheckBox("مستمر (بدون مهلت)", form_box)
        self.status = QComboBox(form_box)
        for value, label in labels.RESOLUTION_STATUS.items():
            self.status.addItem(label, value)
        deadline_row = QHBoxLayout()
        deadline_row.addWidget(self.deadline, 1)
        deadline_row.addWidget(self.standing)
        form.addRow("&متن:", self.text)
        form.addRow("مسئول &اجرا:", self.lead_unit)
        form.addRow("&همکار:", self.collaborators)
        deadline_label = QLabel("م&هلت اجرا:", form_box)
        deadline_label.setBuddy(self.deadline)
        form.addRow(deadline_label, deadline_row)
        form.addRow("وضعیت &پیگیری:", self.status)
        for widget, attr in ((self.text, "text"), (self.lead_unit, "lead_unit"),
                             (self.collaborators, "collaborators"), (self.deadline, "deadline"),
                             (self.standing, "standing"), (self.status, "status")):
            self.bind(widget, attr)
        self.standing.toggled.connect(lambda on: self.deadline.setEnabled(not on and self.current_row() >= 0))
        _stack(self, form_box)

    def set_units(self, names: list[str]) -> None:
        attach_completer(self.lead_unit, names)


def _stack(editor: ListEditor, form: QWidget) -> None:
    """Put the detail form under the table, with a splitter between them."""
    editor.layout_.removeWidget(editor.view)
    split = QSplitter(Qt.Orientation.Vertical, editor)
    split.addWidget(editor.view)
    split.addWidget(form)
    split.setStretchFactor(0, 3)
    split.setStretchFactor(1, 2)
    split.setSizes([320, 260])
    editor.layout_.addWidget(split, 1)


__all__ = ["DetailsPage", "DiscussionPage", "ResolutionsPage", "agenda_page", "attendees_page"]
