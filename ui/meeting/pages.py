"""The pages of the meeting editor: details, agenda, attendees, discussion, resolutions,
and the earlier meetings' open resolutions this meeting follows up.

Each editing page edits the lists of one :class:`MeetingData` in place; the editor
decides when to save.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.clock import Clock
from app.persian import labels
from app.persian.jalali import format_jalali
from app.persian.text import fa_number, normalize_for_search, to_persian_digits
from app.services.directory import PersonRow
from app.services.meeting_data import AgendaData, AttendeeData, DiscussionData, ResolutionData
from app.services.tracker import TrackerRow
from ui.shell.theme import ALERT
from ui.widgets.completion import ListCompleter, attach_completer, attach_list_completer
from ui.widgets.date_edit import JalaliDateEdit
from ui.widgets.item_models import IdRole, RowTableModel, rows_view
from ui.widgets.list_editor import Column, ListEditor
from ui.widgets.time_edit import TimeEdit

Index = QModelIndex | QPersistentModelIndex
OVERDUE_FG = QBrush(QColor(ALERT))


class DetailsPage(QWidget):
    """مشخصات جلسه: number, date, times, place, chair, secretary, status."""

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.number = QSpinBox(self)
        self.number.setRange(1, 9999)
        self.date = JalaliDateEdit(self, clock=clock)
        self.start_time = TimeEdit("۱۰:۰۰", self)
        self.end_time = TimeEdit("۱۲:۰۰", self)
        times = QHBoxLayout()
        times.addWidget(QLabel("از", self))
        times.addWidget(self.start_time)
        times.addWidget(QLabel("تا", self))
        times.addWidget(self.end_time)
        self.place = QLineEdit(self)
        self.chair = QComboBox(self)
        self.secretary = QComboBox(self)
        self.status = QComboBox(self)
        for value, word in labels.MEETING_STATUS.items():
            self.status.addItem(word, value)
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
        if key == "date":  # the date field shows its own message under itself
            self.date.setError(message)
            return
        label = self.errors.get(key)
        if label is not None:
            label.setText(message)
            label.setVisible(bool(message))


def agenda_page(parent: QWidget) -> ListEditor:
    """دستور جلسه: one editable line per item."""
    editor = ListEditor([Column("ردیف"), Column("بند دستور جلسه", "text", editable=True, stretch=True)],
                        AgendaData, noun="بند", parent=parent)
    return editor


class AttendeesEditor(ListEditor):
    """The attendees' list, with a button that fills it with the body's members."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fill_button = QPushButton("از &اعضای نهاد", self)
        self.fill_button.setToolTip("همهٔ اعضای نهاد را، حاضر، به فهرست بیفزا")
        self.buttons.insertWidget(1, self.fill_button)
        # Names and posts wrap onto a second line rather than end in «دکتر ...»; a list of people is short.
        self.view.setWordWrap(True)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)


def attendees_page(parent: QWidget, people: Callable[[], list[PersonRow]]) -> AttendeesEditor:
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
        # The name as wide as the longest name; post and organisation wrap within a width one can drag.
        Column("نام", "name", editable=True, on_set=named, completions=lambda: [p.name for p in people()]),
        Column("سمت", "post", editable=True, width=230),
        Column("سازمان", "organisation", editable=True, width=150),
        Column("عضو / مدعو", "kind", choices=labels.ATTENDANCE_KIND, editable=True),
        Column("حضور", "status", choices=labels.ATTENDANCE_STATUS, editable=True),
        Column("نماینده", "deputy_name", editable=True, width=130),
    ]
    return AttendeesEditor(columns, AttendeeData, noun="شخص", parent=parent)


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


HISTORY_FIELDS = frozenset({"status", "deadline", "standing"})


class ResolutionsPage(ListEditor):
    """مصوبات: text, lead unit and collaborators, deadline or «مستمر», status."""

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__([
            Column("شماره"),
            Column("متن مصوبه", "text", stretch=True),
            Column("مسئول اجرا", "lead_unit", width=200),
            # The current (extended) deadline, as typed until it is a date, in Persian digits (not «1404/12/30»).
            Column("مهلت", "deadline", shown=lambda r: "مستمر" if r.standing else to_persian_digits(r.deadline)),
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
        self._collaborators_completer: ListCompleter | None = None
        self.collaborators.setPlaceholderText("واحدهای همکار، جدا با «،»")
        self.deadline = JalaliDateEdit(form_box, clock=clock)
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
        self.history_note = QLabel(form_box)
        self.history_note.setObjectName("historyNote")
        self.history_note.setWordWrap(True)
        self.history_note.setVisible(False)
        form.addRow("", self.history_note)
        for widget, attr in ((self.text, "text"), (self.lead_unit, "lead_unit"),
                             (self.collaborators, "collaborators"), (self.deadline, "deadline"),
                             (self.standing, "standing"), (self.status, "status")):
            self.bind(widget, attr)
        self.standing.toggled.connect(self._show_current)
        self.currentRowChanged.connect(self._show_current)
        _stack(self, form_box)

    def set_units(self, names: list[str]) -> None:
        attach_completer(self.lead_unit, names)
        if self._collaborators_completer is not None:
            self._collaborators_completer.deleteLater()
        self._collaborators_completer = attach_list_completer(self.collaborators, names)

    # Once reports or extensions exist, add_follow_up / extend_deadline own these (save_meeting keeps them).
    def is_locked(self, row: ResolutionData, attr: str) -> bool:
        return attr in HISTORY_FIELDS and row.locked

    def lock_note(self, row: ResolutionData) -> str:
        counts = [f"{fa_number(n)} {what}" for n, what in ((row.follow_ups, "گزارش"), (row.extensions, "تمدید")) if n]
        return (f"وضعیت و مهلت این مصوبه از گزارش‌های پیگیری می‌آید ({'، '.join(counts)})؛ "
                "برای تغییر، از پنجرهٔ پیگیری مصوبات گزارش ثبت کنید.")

    def removable(self, row: ResolutionData) -> bool:
        return not row.locked

    def _show_current(self) -> None:
        index = self.current_row()
        row = self.rows()[index] if index >= 0 else None
        locked = row is not None and row.locked
        self.deadline.setEnabled(row is not None and not locked and not self.standing.isChecked())
        self.history_note.setText(self.lock_note(row) if row is not None and locked else "")
        self.history_note.setVisible(locked)
        self.remove_button.setToolTip("مصوبه‌ای که سابقهٔ پیگیری دارد حذف نمی‌شود؛ با گزارش پیگیری لغوش کنید."
                                      if locked else "Ctrl+Delete؛ بازگرداندن با Ctrl+Z")


class CarryOverModel(RowTableModel):
    """The open resolutions of earlier meetings, as :func:`app.services.followup.carry_over` found them.

    A row cache: each row's texts are formatted once; ``IdRole`` gives the resolution id.
    """

    HEADERS = ("جلسه", "مصوبه", "متن مصوبه", "مسئول اجرا", "مهلت", "وضعیت")
    TEXT, UNIT, DEADLINE, STATUS = 2, 3, 4, 5

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[TrackerRow] = []
        self.shown: list[tuple[str, ...]] = []

    def set_rows(self, rows: list[TrackerRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.shown = [self._cells(r) for r in rows]
        self.endResetModel()

    @staticmethod
    def _cells(r: TrackerRow) -> tuple[str, ...]:
        # The editor's pane is narrow: rows are two lines high (the text wraps), the other
        # cells are short, and the whole of the selected row is shown under the table.
        text = " ".join(r.text.split())
        if r.standing:
            deadline = "مستمر"
        else:
            marks = (["تمدید شده"] if r.extensions else []) + (["معوق"] if r.overdue else [])
            deadline = "\n".join([format_jalali(r.deadline) or "—", "، ".join(marks)]).strip()
        status = r.status_label
        if r.last_progress is not None:
            status += f"\n{fa_number(r.last_progress)}٪"
        return (f"جلسهٔ {fa_number(r.meeting_number)}\n{format_jalali(r.meeting_date)}", fa_number(r.number),
                text if len(text) <= 300 else text[:300] + "…", r.lead_unit or "—", deadline, status)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.in_range(index):
            return None
        r, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.shown[index.row()][column]
        if role == IdRole:
            return r.id
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.TEXT:  # rich text, so that a long resolution wraps
                return f"<p>{html.escape(r.text)}</p>"
            if column == self.UNIT:  # elided in a narrow column
                return (r.lead_unit or "—") + (f"؛ همکار: {r.collaborators_text}" if r.collaborators else "")
            if column == self.DEADLINE and r.deadline_note():
                return r.deadline_note()
            return None
        if role == Qt.ItemDataRole.ForegroundRole and r.overdue and column == self.DEADLINE:
            return OVERDUE_FG
        return None

    def row_of(self, resolution_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == resolution_id), -1)

    def describe(self, row: int) -> str:
        """A row in full, for the pane under the table."""
        r = self.rows[row]
        lines = [f"مصوبهٔ {fa_number(r.number)} جلسهٔ {fa_number(r.meeting_number)} "
                 f"({format_jalali(r.meeting_date)}): {r.text}"]
        units = f"مسئول اجرا: {r.lead_unit or '—'}"
        if r.collaborators:
            units += f"؛ همکار: {r.collaborators_text}"
        lines.append(units)
        if not r.standing and r.deadline is not None:
            note = r.deadline_note()
            lines.append(f"مهلت: {format_jalali(r.deadline)}" + (f" ({note})" if note else "")
                         + (" — معوق" if r.overdue else ""))
        if r.last_follow_up is not None:
            lines.append(f"آخرین گزارش: {format_jalali(r.last_follow_up)}")
        return "\n".join(lines)


class CarryOverPage(QWidget):
    """پیگیری مصوبات جلسات قبل: what earlier meetings left open, and a report on each.

    Signals:
        recordRequested(int): the user asked to record a follow-up on this resolution.
    """

    recordRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.model = CarryOverModel(self)
        self.view = rows_view(self.model, self)
        self.view.setWordWrap(True)
        rows = self.view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(2 * self.fontMetrics().lineSpacing() + 10)
        header = self.view.horizontalHeader()
        for i in range(len(CarryOverModel.HEADERS)):
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CarryOverModel.TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CarryOverModel.UNIT, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(CarryOverModel.UNIT, 140)
        self.details = QLabel(self)  # the selected resolution in full: text, units, deadline history
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setObjectName("carryOverDetails")
        self.view.activated.connect(lambda _index: self.request_record())
        self.record_button = QPushButton("ثبت &گزارش پیگیری… (Ctrl+R)", self)
        self.record_button.setToolTip("گزارشی که این جلسه دربارهٔ مصوبهٔ برگزیده شنید، با تاریخ جلسه")
        self.record_button.clicked.connect(self.request_record)
        shortcut = QShortcut(QKeySequence("Ctrl+R"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.request_record)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.details)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_button())
        self._update_button()

    def set_rows(self, rows: list[TrackerRow], *, keep: int | None = None) -> None:
        """Show ``rows``; select resolution ``keep`` if still listed, else the row where it was."""
        current = self.current_resolution_id() if keep is None else keep
        was = self.view.currentIndex().row()
        self.model.set_rows(rows)
        if rows:
            found = self.model.row_of(current) if current is not None else -1
            self.view.setCurrentIndex(self.model.index(found if found >= 0 else max(0, min(was, len(rows) - 1)), 0))
            overdue = sum(r.overdue for r in rows)
            self.summary.setText(f"{fa_number(len(rows))} مصوبهٔ باز از جلسات پیشین این نهاد"
                                 + (f"، {fa_number(overdue)} معوق" if overdue else "")
                                 + "؛ گزارشی را که در این جلسه داده می‌شود برای هر کدام ثبت کنید.")
        else:
            self.summary.setText("مصوبهٔ بازی از جلسات پیشین این نهاد نمانده است.")
        self._update_button()

    def current_resolution_id(self) -> int | None:
        index = self.view.currentIndex()
        return index.siblingAtColumn(0).data(IdRole) if index.isValid() else None

    def request_record(self) -> None:
        resolution_id = self.current_resolution_id()
        if resolution_id is None:
            self.message.setText("نخست مصوبه‌ای را از فهرست برگزینید.")
            return
        self.recordRequested.emit(resolution_id)

    def _update_button(self) -> None:
        index = self.view.currentIndex()
        self.record_button.setEnabled(index.isValid())
        self.details.setText(self.model.describe(index.row()) if index.isValid() else "")
        self.details.setVisible(index.isValid())


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


__all__ = ["CarryOverModel", "CarryOverPage", "DetailsPage", "DiscussionPage", "ResolutionsPage", "agenda_page",
           "attendees_page"]
