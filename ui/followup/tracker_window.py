"""The resolutions tracker (پیگیری مصوبات): every resolution of every body in one list.

Filters (body with or without its committees, responsible unit, status, Jalali deadline
range, overdue, due soon, free text on the normalised form) narrow the rows the services
computed (:mod:`app.services.tracker`); clicking a header sorts on that column. The
selected resolution's whole history is shown beside the list, where a follow-up report
or a deadline extension is added without leaving it. What the list shows can be written
as an XLSX register, and the open ones as a follow-up sheet (PDF) or printed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.clock import Clock
from app.errors import UserError
from app.persian.labels import RESOLUTION_STATUS
from app.persian.text import fa_number
from app.services import overview
from app.services.changes import Changes
from app.services.followup import ResolutionHistory, resolution_history
from app.services.lifecycle import OPEN_STATUSES, STATUSES
from app.services.tracker import (
    TrackerRow,
    TrackerRows,
    count_attention,
    filter_rows,
    tracker_rows,
)
from app.store.db import Store
from ui.followup.banner import days_text
from ui.followup.history import history_html
from ui.followup.tracker_exports import TrackerExports
from ui.followup.tracker_model import TrackerModel
from ui.shell.changes import ChangeBroadcast
from ui.shell.geometry import fit_window
from ui.shell.jobs import Jobs
from ui.shell.ops import Ops
from ui.shell.settings import TRACKER_GEOMETRY, due_soon_days
from ui.shell.theme import ALERT, SUCCESS
from ui.widgets.completion import attach_completer
from ui.widgets.date_edit import JalaliDateEdit
from ui.widgets.form_labels import buddy_label
from ui.widgets.item_models import rows_view


class TrackerWindow(QWidget):
    """پیگیری مصوبات: the tracker as a window of its own.

    Signals:
        changed: a follow-up or an extension was written (figures and banners may refresh).
        meetingRequested(int, int): the user asked to see a resolution's meeting (body id, meeting id).
    """

    changed = Signal()
    meetingRequested = Signal(int, int)

    def __init__(self, store: Store, *, clock: Clock, jobs: Jobs | None = None,
                 changes: ChangeBroadcast | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.store, self.clock = store, clock
        self.jobs = jobs or Jobs(self)
        self.changes = changes or ChangeBroadcast(self)  # alone (tests, a tool): its own broadcast
        self.changes.changed.connect(self._on_changed)
        self.ops = Ops(self.jobs, self.changes, self)
        self._history_generation = 0  # a slow history read for a row since left is dropped
        self.exports = TrackerExports(self, self)
        self.setWindowTitle("پیگیری مصوبات")  # Qt adds «— دبیر»
        close = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        close.setContext(Qt.ShortcutContext.WindowShortcut)
        close.activated.connect(self.close)
        fit_window(self, TRACKER_GEOMETRY, 1300, 780)
        self._all: TrackerRows | None = None
        self._counted = True
        self._sort: tuple[str, bool] | None = None

        self._build_filters()
        self.model = TrackerModel(self)
        self.view = rows_view(self.model, self, alternating=False)  # the status colours are the stripes
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)  # the end of the text gives way, also in Persian
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((125, 125, 40, 0, 145, 150, 115, 55, 85)):
            if width:
                header.resizeSection(column, width)
        header.setSectionResizeMode(TrackerModel.TEXT, QHeaderView.ResizeMode.Stretch)  # the rest is the text's
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.sortIndicatorChanged.connect(self._sort_changed)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)

        self.history = QTextBrowser(self)
        self.history.setOpenLinks(False)
        self.follow_up_button = QPushButton("ثبت &گزارش پیگیری… (Ctrl+R)", self)
        self.extend_button = QPushButton("&تمدید مهلت… (Ctrl+T)", self)
        self.meeting_button = QPushButton("نمایش &جلسه", self)
        self.follow_up_button.clicked.connect(self.add_follow_up)
        self.extend_button.clicked.connect(self.extend_deadline)
        self.meeting_button.clicked.connect(self._show_meeting)
        # Under the list (which keeps the window's whole width for its columns): the history,
        # and beside it what can be added to it.
        below = QWidget(self)
        below_layout = QHBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        history_box = QVBoxLayout()
        history_box.addWidget(QLabel("<b>سابقهٔ پیگیری</b>", below))
        history_box.addWidget(self.history, 1)
        below_layout.addLayout(history_box, 1)
        buttons = QVBoxLayout()
        for button in (self.follow_up_button, self.extend_button, self.meeting_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        below_layout.addLayout(buttons)

        self.split = QSplitter(Qt.Orientation.Vertical, self)
        self.split.addWidget(self.view)
        self.split.addWidget(below)
        self.split.setStretchFactor(0, 1)
        self.split.setSizes([500, 230])
        self.count = QLabel(self)
        self.message = QLabel(self)
        self.toolbar = QToolBar(self)
        self._build_actions()

        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addLayout(self.filters)
        status_line = QHBoxLayout()
        status_line.addWidget(self.count, 1)
        status_line.addWidget(self.message)
        layout.addLayout(status_line)
        layout.addWidget(self.split, 1)

        # The history is read once the list has been painted, and once for a run of arrow keys.
        self.history_timer = QTimer(self)
        self.history_timer.setSingleShot(True)
        self.history_timer.setInterval(0)
        self.history_timer.timeout.connect(self._after_paint)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.history_timer.start())
        self.view.doubleClicked.connect(lambda _index: self.add_follow_up())
        self.reload()

    # --- building ----------------------------------------------------------
    def _build_filters(self) -> None:
        self.body = QComboBox(self)
        self._bodies: list[overview.BodyRow] = []
        self._fill_bodies()
        self.sub_bodies = QCheckBox("با &کمیته‌ها", self)
        self.sub_bodies.setChecked(True)
        self.unit = QLineEdit(self)
        self.unit.setPlaceholderText("واحد مسئول")
        self.unit.setClearButtonEnabled(True)
        self._fill_units()
        self.collaborating = QCheckBox("همکار &هم", self)
        self.collaborating.setToolTip("مصوباتی که این واحد در آن‌ها همکار است هم آورده شود")
        self.status = QComboBox(self)
        self.status.addItem("همهٔ وضعیت‌ها", None)
        self.status.addItem("باز (در دست پیگیری)", sorted(OPEN_STATUSES))
        for value in STATUSES:
            self.status.addItem(RESOLUTION_STATUS[value], [value])
        self.deadline_from = JalaliDateEdit(self, clock=self.clock)
        self.deadline_to = JalaliDateEdit(self, clock=self.clock)
        self.deadline_from.line_edit.setPlaceholderText("از هر تاریخ")
        self.deadline_to.line_edit.setPlaceholderText("تا هر تاریخ")
        self.overdue = QCheckBox("فقط &معوق", self)
        self.due_days = due_soon_days()  # read once: the rows, the box and the counts say the same
        self.due_soon = QCheckBox(f"سررسید تا &{days_text(self.due_days)}", self)
        self.text = QLineEdit(self)
        self.text.setPlaceholderText("جست‌وجو در متن مصوبه (Ctrl+F)")
        self.text.setClearButtonEnabled(True)
        self.clear_button = QPushButton("پاک کردن &فیلترها", self)
        self.clear_button.clicked.connect(self.clear_filters)

        grid = QGridLayout()
        grid.addWidget(buddy_label("&نهاد:", self.body, self), 0, 0)
        grid.addWidget(self.body, 0, 1)
        grid.addWidget(self.sub_bodies, 0, 2)
        grid.addWidget(buddy_label("&واحد:", self.unit, self), 0, 3)
        grid.addWidget(self.unit, 0, 4)
        grid.addWidget(self.collaborating, 0, 5)
        grid.addWidget(buddy_label("و&ضعیت:", self.status, self), 0, 6)
        grid.addWidget(self.status, 0, 7)
        grid.addWidget(buddy_label("مهلت &از:", self.deadline_from, self), 1, 0)
        grid.addWidget(self.deadline_from, 1, 1)
        grid.addWidget(buddy_label("&تا:", self.deadline_to, self), 1, 2)
        grid.addWidget(self.deadline_to, 1, 3)
        checks = QHBoxLayout()
        checks.addWidget(self.overdue)
        checks.addWidget(self.due_soon)
        checks.addStretch(1)
        grid.addLayout(checks, 1, 4, 1, 2)
        grid.addWidget(self.text, 1, 6)
        grid.addWidget(self.clear_button, 1, 7)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(4, 2)
        grid.setColumnStretch(6, 2)
        self.filters = grid

        self.text_timer = QTimer(self)
        self.text_timer.setSingleShot(True)
        self.text_timer.setInterval(250)  # wait for a pause in typing
        self.text_timer.timeout.connect(self.apply_filters)
        self.text.textChanged.connect(lambda _t: self.text_timer.start())
        self.unit.textChanged.connect(lambda _t: self.text_timer.start())
        for combo in (self.body, self.status):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        for check in (self.sub_bodies, self.collaborating, self.overdue, self.due_soon):
            check.toggled.connect(lambda _on: self.apply_filters())
        for edit in (self.deadline_from, self.deadline_to):
            edit.dateChanged.connect(lambda _d: self.apply_filters())

    def _fill_units(self) -> None:
        """The unit filter's completer: every unit of the directory, as it is now."""
        from app.services.directory import list_units

        attach_completer(self.unit, [u.name for u in list_units(self.store)])

    def _fill_bodies(self) -> None:
        """The body filter's choices, committees indented under their council; the choice is kept."""
        chosen = self.body.currentData()
        self.body.blockSignals(True)
        self.body.clear()
        self.body.addItem("همهٔ نهادها", None)
        self._bodies = overview.list_bodies(self.store)
        for b in self._bodies:
            self.body.addItem("    " * b.depth + b.name, b.id)
        self.body.setCurrentIndex(max(self.body.findData(chosen), 0))
        self.body.blockSignals(False)

    def _build_actions(self) -> None:
        def action(text: str, keys: str | QKeySequence.StandardKey, slot: Any) -> QAction:
            a = QAction(text, self)
            a.setShortcut(keys)
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            a.triggered.connect(lambda: slot())
            self.addAction(a)
            return a

        self.follow_up_action = action("ثبت گزارش پیگیری…", "Ctrl+R", self.add_follow_up)
        self.extend_action = action("تمدید مهلت…", "Ctrl+T", self.extend_deadline)
        self.find_action = action("جست‌وجو", QKeySequence.StandardKey.Find, self._focus_text)
        self.refresh_action = action("تازه کردن", QKeySequence.StandardKey.Refresh, lambda: self.reload(bodies=True))
        self.export_action = action("خروجی &XLSX…", "Ctrl+Shift+X", self.exports.export_register)
        self.sheet_action = action("برگهٔ &پیگیری (PDF)…", "Ctrl+Shift+P", self.exports.export_sheet)
        self.print_action = action("&چاپ برگهٔ پیگیری…", QKeySequence.StandardKey.Print, self.exports.print_sheet)
        self.close_action = action("بستن", QKeySequence.StandardKey.Close, self.close)
        for a in (self.export_action, self.sheet_action, self.print_action, self.refresh_action):
            self.toolbar.addAction(a)

    # --- filtering -------------------------------------------------------------
    def filter_options(self) -> dict[str, Any]:
        """The filters as :func:`app.services.tracker.filter_rows` takes them."""
        body_id = self.body.currentData()
        bodies: Collection[int] | None = None
        if body_id is not None:
            bodies = overview.body_subtree(self._bodies, body_id) if self.sub_bodies.isChecked() else {body_id}
        statuses = self.status.currentData()
        return {"body_id": bodies, "unit": self.unit.text().strip() or None,
                "collaborating": self.collaborating.isChecked(), "statuses": statuses,
                "deadline_from": self.deadline_from.date(), "deadline_to": self.deadline_to.date(),
                "overdue_only": self.overdue.isChecked(), "due_soon_only": self.due_soon.isChecked(),
                "text": self.text.text()}

    def set_filters(self, *, body_id: int | None = None, unit: str = "", statuses: str | None = None,
                    overdue_only: bool = False, due_soon_only: bool = False, text: str = "") -> None:
        """Show the tracker filtered so (the start-up banner's «show them»); others are cleared.

        ``statuses``: None for all, "open", or one status value.
        """
        widgets = (self.body, self.unit, self.status, self.overdue, self.due_soon, self.text,
                   self.deadline_from, self.deadline_to, self.collaborating)
        for w in widgets:
            w.blockSignals(True)
        try:
            self.body.setCurrentIndex(max(self.body.findData(body_id), 0))
            self.unit.setText(unit)
            if statuses is None:
                self.status.setCurrentIndex(0)
            elif statuses == "open":
                self.status.setCurrentIndex(1)
            else:
                self.status.setCurrentIndex(max(self.status.findData([statuses]), 0))
            self.overdue.setChecked(overdue_only)
            self.due_soon.setChecked(due_soon_only)
            self.text.setText(text)
            self.deadline_from.clear()
            self.deadline_to.clear()
            self.collaborating.setChecked(False)
        finally:
            for w in widgets:
                w.blockSignals(False)
        self.apply_filters()

    def clear_filters(self) -> None:
        self.set_filters()

    def apply_filters(self, *, keep: int | None = None) -> None:
        """Narrow the rows to the filters, keep the sort, and keep (or restore) the selection."""
        self.text_timer.stop()
        if self._all is None:
            return
        if keep is None:
            keep = self.current_id()
        options = self.filter_options()
        for edit in (self.deadline_from, self.deadline_to):
            if edit.text().strip() and edit.date() is None:
                self.say(edit.error(), error=True)
                return
        self.say("")
        rows = filter_rows(self._all, **options)
        if self._sort is not None:
            rows = rows.sorted(self._sort[0], descending=self._sort[1])
        self.model.set_rows(rows)
        self.count.setText(f"{fa_number(len(rows))} مصوبه از {fa_number(len(self._all))}")
        self._counted = False  # the overdue and due counts follow once the list is painted
        row = self.model.row_of(keep) if keep is not None else -1
        self.select_row(row if row >= 0 else 0)
        self.history_timer.start()  # also when the row stayed the same: its history may have grown

    def reload(self, *, keep: int | None = None, bodies: bool = False) -> None:
        """Read the rows again from the store (after a change), keeping filters and selection;
        with ``bodies`` (F5, reopening, or after bodies changed) the body filter's and the unit
        completer's choices too."""
        if bodies:
            self._fill_bodies()
            self._fill_units()
        self._all = tracker_rows(self.store, today=self.today, due_days=self.due_days)
        self.apply_filters(keep=keep)

    def refresh_resolutions(self, resolution_ids: list[int]) -> None:
        """After reports or extensions: read only these rows again, filter again, keep the selection."""
        if self._all is None:
            return
        keep = self.current_id()
        self._all.refresh(resolution_ids)
        self.apply_filters(keep=keep)

    @property
    def today(self) -> dt.date:
        return self.clock.today()

    def _on_changed(self, changes: Changes, origin: object) -> None:
        """Read again what a write elsewhere (or midnight) made stale; a closed tracker waits
        until it is reopened (the main window reloads it then)."""
        if origin is self or not self.isVisible():
            return
        if changes.names:
            self._fill_units()
        # A saved meeting names all its resolutions: rows already listed are read again alone;
        # a new one, a renamed unit or body, or a new day (overdue moves) read the whole list.
        known = set(self._all.ids) if self._all is not None else set()
        if changes.body_tree or changes.names or changes.day or not changes.resolutions <= known:
            self.reload(keep=self.current_id(), bodies=changes.body_tree)
        elif changes.resolutions:
            self.refresh_resolutions(sorted(changes.resolutions))

    def say(self, text: str, *, error: bool = False) -> None:
        """A line beside the counts: what went wrong (red) or what was done (green)."""
        self.message.setStyleSheet(f"color: {ALERT if error else SUCCESS};")
        self.message.setText(text)

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        if column < 0:
            self._sort = None
        else:
            self._sort = (TrackerModel.COLUMNS[column][1], order == Qt.SortOrder.DescendingOrder)
        self.apply_filters()

    def _focus_text(self) -> None:
        self.text.setFocus()
        self.text.selectAll()

    # --- the selected resolution -------------------------------------------------
    def select_row(self, row: int) -> None:
        """Select a row (selectRow() can miss in a right-to-left view; see MainWindow)."""
        index = self.model.index(row, 0)
        if not index.isValid():
            self.view.selectionModel().clear()
            return
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.view.selectionModel().setCurrentIndex(index, flags)
        self.view.scrollTo(index)

    def select_resolution(self, resolution_id: int) -> bool:
        row = self.model.row_of(resolution_id)
        if row >= 0:
            self.select_row(row)
        return row >= 0

    def current_row(self) -> TrackerRow | None:
        index = self.view.selectionModel().currentIndex()
        if not index.isValid() or not self.view.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return None
        return self.model.row_at(index.row())

    def current_id(self) -> int | None:
        row = self.current_row()
        return row.id if row is not None else None

    def _after_paint(self) -> None:
        """What the list does not wait for: the counts line and the selected row's history."""
        if not self._counted:
            self._counted = True
            soon, overdue = count_attention(self.model.rows)
            self.count.setText(self.count.text() + f"؛ {fa_number(overdue)} معوق، {fa_number(soon)} سررسید تا {days_text(self.due_days)}")
        self._show_history()

    def _show_history(self) -> None:
        row = self.current_row()
        if row is None:
            self.history.setHtml("<div dir='rtl'><i>مصوبه‌ای برگزیده نشده است.</i></div>")
            for b in (self.follow_up_button, self.extend_button, self.meeting_button):
                b.setEnabled(False)
            return
        self._history_generation += 1
        generation, store, rid = self._history_generation, self.store, row.id

        def show(h: ResolutionHistory) -> None:
            if generation != self._history_generation:
                return
            self.history.setHtml(history_html(h, self.today))
            self.follow_up_button.setEnabled(bool(h.allowed_next()))
            self.extend_button.setEnabled(not h.standing and h.status in OPEN_STATUSES)
            self.meeting_button.setEnabled(True)

        self.ops.start(lambda: resolution_history(store, rid), what="خواندن سابقهٔ پیگیری", done=show, parent=self)

    def _show_meeting(self) -> None:
        row = self.current_row()
        if row is not None:
            self.meetingRequested.emit(row.body_id, row.meeting_id)

    # --- adding to the history ---------------------------------------------------
    def make_follow_up_dialog(self, resolution_id: int) -> Any:
        from ui.followup.dialogs import FollowUpDialog

        return FollowUpDialog(self.store, resolution_id, today=self.today, parent=self, ops=self.ops)

    def make_extension_dialog(self, resolution_id: int) -> Any:
        from ui.followup.dialogs import ExtensionDialog

        return ExtensionDialog(self.store, resolution_id, today=self.today, parent=self, ops=self.ops)

    def add_follow_up(self) -> bool:
        return self._run(self.make_follow_up_dialog, "گزارش پیگیری ثبت شد.")

    def extend_deadline(self) -> bool:
        return self._run(self.make_extension_dialog, "مهلت تمدید شد.")

    def _run(self, make: Any, done: str) -> bool:
        from ui.followup.dialogs import run_dialog

        row = self.current_row()
        if row is None:
            self.say("نخست مصوبه‌ای را در فهرست برگزینید.", error=True)
            return False
        try:
            dialog = make(row.id)
        except UserError as exc:
            self.say(exc.message, error=True)
            return False
        written = run_dialog(dialog)
        if written is None:
            return False
        self.refresh_resolutions([row.id])
        self.say(done)
        self.changes.publish(written.changes, self)  # the banner, the dashboard, an open meeting
        self.changed.emit()
        return True

    def closeEvent(self, event: Any) -> None:
        self.jobs.wait()
        super().closeEvent(event)
