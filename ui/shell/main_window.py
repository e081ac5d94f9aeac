"""The main window: bodies (right) → the body's meetings → the meeting editor.

The first screen needs only :mod:`app.services.overview`; the editor (and with
it the ORM) is built on first use, and warmed up once the first frame is out.

The window does not refresh other windows: every write is broadcast
(:class:`~ui.shell.changes.ChangeBroadcast`) and each view, this one included,
reads again what the record says is stale. The clock and the jobs are passed in.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.clock import Clock, until_next_midnight
from app.services import overview
from app.services.changes import NEW_DAY, Changes
from app.store.db import Store
from ui.shell.changes import ChangeBroadcast
from ui.shell.geometry import fit_window
from ui.shell.jobs import Jobs
from ui.shell.ops import Ops
from ui.shell.settings import MAIN_WINDOW_GEOMETRY
from ui.shell.welcome import Welcome
from ui.widgets.item_models import BodiesModel, IdRole, MeetingsModel, rows_view


def _reuse(dialog: QWidget | None) -> bool:
    """A dialog of which one is enough: brought forward if still open (True), else let go."""
    if dialog is None or not shiboken6.isValid(dialog):
        return False
    if dialog.isVisible():
        dialog.raise_()
        dialog.activateWindow()
        return True
    dialog.deleteLater()
    return False


if TYPE_CHECKING:
    from ui.dashboard.window import Dashboard
    from ui.followup.tracker_window import TrackerWindow
    from ui.meeting.editor import MeetingEditor


class MainWindow(QMainWindow):
    def __init__(self, store: Store, *, clock: Clock, jobs: Jobs, ops: Ops | None = None,
                 parent: QWidget | None = None) -> None:
        """``ops`` (with its broadcast) is built here from ``jobs`` unless the application
        made one already (to route uncaught exceptions through it too)."""
        super().__init__(parent)
        self.store, self.clock, self.jobs = store, clock, jobs
        self.ops = ops or Ops(jobs, ChangeBroadcast(), self)
        self.changes = self.ops.changes
        self.changes.changed.connect(self._on_changed)
        self._day = clock.today()
        # Qt adds the application's name («— دبیر») to every title itself.
        self.setWindowTitle("دبیرخانهٔ شوراها و کمیته‌های تحول اداری[*]")
        fit_window(self, MAIN_WINDOW_GEOMETRY, 1280, 800)

        self.bodies_model = BodiesModel(self)
        self.bodies_view = QTreeView(self)
        self.bodies_view.setModel(self.bodies_model)
        self.bodies_view.setHeaderHidden(False)
        self.bodies_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        self.meetings_model = MeetingsModel(self)
        self.meetings_view = rows_view(self.meetings_model, self)
        header = self.meetings_view.horizontalHeader()
        # Fixed widths: sizing to contents would format every row of a long list.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((55, 95, 125)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.meetings_title = QLabel(self)
        middle = QWidget(self)
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(self.meetings_title)
        middle_layout.addWidget(self.meetings_view)

        self._editor: MeetingEditor | None = None
        self.editor_placeholder = QLabel("جلسه‌ای را از فهرست برگزینید یا با Ctrl+N جلسهٔ تازه بسازید.", self)
        self.editor_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.editor_placeholder.setWordWrap(True)

        self.split = QSplitter(Qt.Orientation.Horizontal, self)
        self.split.addWidget(self.bodies_view)
        self.split.addWidget(middle)
        self.editor_stack = QStackedWidget(self)
        self.editor_stack.addWidget(self.editor_placeholder)
        self.welcome = Welcome(self)  # in the editor's place while the store holds no body
        self.welcome.newBodyRequested.connect(lambda: self.open_body_dialog())
        self.welcome.demoRequested.connect(self.fill_with_demo)
        self.editor_stack.addWidget(self.welcome)
        self.split.addWidget(self.editor_stack)
        self.split.setSizes([270, 380, 750])
        self.split.setStretchFactor(2, 1)
        self._build_attention_banner()
        central = QWidget(self)
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.addWidget(self.attention)
        central_layout.addWidget(self.split, 1)
        self.setCentralWidget(central)
        self._tracker: TrackerWindow | None = None
        self._keep_edits = False  # closing because the system asked: no question (close_keeping_edits)
        self._dashboard: Dashboard | None = None
        self._build_actions()
        from ui.meeting.minutes_actions import MinutesActions

        self.minutes = MinutesActions(self, store, self.ops, clock=clock, editor=lambda: self._editor)
        from ui.meeting.final_actions import FinalActions

        self.final = FinalActions(self, store, self.ops, clock=clock, editor=lambda: self._editor,
                                  menu=self.minutes.menu)
        self.final.attach(self.meetings_view)
        self.toolbar.addSeparator()  # the minutes: what a secretary does last, in reach of the mouse too
        for action in (self.minutes.preview_action, self.minutes.export_action, self.minutes.print_action):
            self.toolbar.addAction(action)
        help_menu = self.menuBar().addMenu("&راهنما")
        self.help_action = self._action(help_menu, "&راهنما", QKeySequence("F1"), self.show_help)
        self.about_action = self._action(help_menu, "&دربارهٔ دبیر…", QKeySequence(), self.show_about)

        self.bodies_view.selectionModel().selectionChanged.connect(self._body_selected)
        # Selection, not the current index: a click, the keyboard and select_meeting_row() all change it.
        self.meetings_view.selectionModel().selectionChanged.connect(self._meeting_selected)
        self.reload_bodies()
        QTimer.singleShot(50, self, self._after_first_frame)  # cancelled if the window goes first
        # Midnight: armed for the clock's next midnight, and checked each minute as well, since
        # a sleeping laptop or a changed system clock makes a long timer late or early.
        self.midnight = QTimer(self)
        self.midnight.setSingleShot(True)
        self.midnight.timeout.connect(self.check_day)
        self.day_check = QTimer(self)
        self.day_check.setInterval(60_000)
        self.day_check.timeout.connect(self.check_day)
        self.day_check.start()
        self._arm_midnight()

    @property
    def today(self) -> dt.date:
        return self.clock.today()

    def _arm_midnight(self) -> None:
        wait = until_next_midnight(self.clock)
        self.midnight.start(min(int(wait.total_seconds() * 1000) + 1000, 2**31 - 1))

    def check_day(self) -> None:
        """If the date moved on since last seen, say so to every view (overdue counts change)."""
        today = self.clock.today()
        if today != self._day:
            self._day = today
            self.changes.publish(NEW_DAY)
        self._arm_midnight()

    def _on_changed(self, changes: Changes, _origin: object) -> None:
        """The lists and the banner of this window follow what was written."""
        if changes.body_tree:
            keep = self.current_body_id()
            self.reload_bodies()
            if keep is not None:
                self.select_body(keep)
        elif changes.meeting_list:
            self._reload_meetings()
        if changes.follow_up_figures:
            self.refresh_attention()

    def _after_first_frame(self) -> None:
        """Load the ORM so the first click is quick, and offer back an unsaved draft."""
        from app.services.meetings import list_drafts

        self.store.warm_up()
        self.editor  # noqa: B018 - build it now, hidden, so the first click is quick
        QTimer.singleShot(0, self, self.refresh_attention)  # let a waiting click in first
        QTimer.singleShot(0, self, self._warm_editor_queries)
        self._take_back_recovery()
        drafts = list_drafts(self.store)
        if not drafts or (self._editor is not None and self._editor.data is not None):  # already at work
            return
        draft = drafts[0]
        if draft.body_id is not None:
            self.select_body(draft.body_id)
        if draft.meeting_id is not None:
            row = self.meetings_model.row_of(draft.meeting_id)
            if row >= 0:
                self.select_meeting_row(row)
            self.editor.open_meeting(draft.meeting_id)
        elif draft.body_id is not None:
            self.editor.new_meeting(draft.body_id)

    def _take_back_recovery(self) -> None:
        """Edits kept outside the store when it could not take them (app.services.recovery)
        become its drafts again, offered when their meeting is opened."""
        from app.persian.text import fa_number
        from app.services import recovery

        if getattr(self.store, "read_only", False):
            return
        taken = 0
        for found in recovery.pending(self.store.path):
            if self.ops.call(lambda r=found: recovery.take_back(self.store, r),  # type: ignore[misc]
                             what="بازگرداندن پروندهٔ بازیابی", parent=self) is not None:
                taken += 1
        if taken:
            self.statusBar().showMessage(f"{fa_number(taken)} پیش‌نویس از پروندهٔ بازیابی بازگردانده شد؛ "
                                         "با باز کردن جلسه پیشنهاد می‌شود.", 15000)

    def _warm_editor_queries(self) -> None:
        """Read one meeting, unseen, so that SQLAlchemy has its queries compiled before the
        first click: the first meeting then opens as fast as the next ones."""
        if self.meetings_model.rows:
            from app.services import meetings

            meetings.load_meeting(self.store, self.meetings_model.rows[0].id)

    @property
    def editor(self) -> MeetingEditor:
        """The meeting editor, built the first time it is needed."""
        if self._editor is None:
            from ui.meeting.editor import MeetingEditor

            self._editor = MeetingEditor(self.store, clock=self.clock, ops=self.ops, parent=self)
            self._editor.saved.connect(self._meeting_saved)
            self._editor.dirtyChanged.connect(self.setWindowModified)
            self.minutes.watch(self._editor)
            self.editor_stack.addWidget(self._editor)
            self._editor.opened.connect(lambda: self.editor_stack.setCurrentWidget(self._editor))
            self._editor.closed.connect(lambda: self.editor_stack.setCurrentWidget(self.editor_placeholder))
        return self._editor

    def _build_actions(self) -> None:
        menu = self.menuBar().addMenu("&پرونده")
        self.new_action = self._action(menu, "جلسهٔ &تازه", QKeySequence.StandardKey.New, self.new_meeting)
        self.save_action = self._action(menu, "&ذخیره", QKeySequence.StandardKey.Save, self._save)
        self.backups_action = self._action(menu, "&پشتیبان‌ها…", QKeySequence(), self.open_backups)
        menu.addSeparator()
        self.package_export_action = self._action(menu, "ساختن &بستهٔ فصلی…", QKeySequence("Ctrl+Shift+K"),
                                                  self.export_package)
        self.package_open_action = self._action(menu, "باز کردن بستهٔ ف&صلی…", QKeySequence("Ctrl+Shift+O"),
                                                self.open_package)
        menu.addSeparator()
        self._action(menu, "&خروج", QKeySequence.StandardKey.Quit, self.close)
        tools = self.menuBar().addMenu("&ابزار")
        self.directory_action = self._action(tools, "دفتر &نام‌ها (اشخاص و واحدها)", QKeySequence("Ctrl+D"),
                                             self.open_directory)
        self._build_body_actions()
        follow = self.menuBar().addMenu("&پیگیری")
        self.tracker_action = self._action(follow, "&پیگیری مصوبات", QKeySequence("Ctrl+Shift+T"),
                                           lambda: self.open_tracker())
        self.dashboard_action = self._action(follow, "&آمار و عملکرد نهاد", QKeySequence("Ctrl+Shift+A"),
                                             self.open_dashboard)
        toolbar = self.toolbar = self.addToolBar("اصلی")
        toolbar.setObjectName("mainToolbar")
        for action in (self.new_action, self.save_action, self.directory_action, self.tracker_action,
                       self.dashboard_action):
            toolbar.addAction(action)

    def _build_body_actions(self) -> None:
        """The «نهاد» menu, and the same actions on the bodies tree's context menu."""
        menu = self.menuBar().addMenu("&نهاد")
        self.new_body_action = self._action(menu, "نهاد &تازه…", QKeySequence("Ctrl+Shift+N"),
                                            lambda: self.open_body_dialog())
        self.edit_body_action = self._action(menu, "&ویرایش نهاد…", QKeySequence("Ctrl+E"), self.edit_current_body)
        self.new_committee_action = self._action(menu, "کمیتهٔ تازه &زیر این نهاد…", QKeySequence(),
                                                 self.new_committee_under_current)
        self.bodies_view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for action in (self.new_body_action, self.edit_body_action, self.new_committee_action):
            self.bodies_view.addAction(action)

    def show_help(self) -> None:
        from ui.shell.help_dialog import HelpDialog

        self.help_dialog = HelpDialog(self.store.path, self.findChildren(QAction), self)
        self.help_dialog.open()

    def show_about(self) -> None:
        from ui.shell.about_dialog import AboutDialog

        if _reuse(getattr(self, "about_dialog", None)):
            return
        self.about_dialog = AboutDialog(self.store.path, self)
        self.about_dialog.open()

    def _action(self, menu, text, keys, slot) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        action.setShortcut(keys)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    # --- follow-up: the start-up banner, the tracker, the dashboard -------------
    def _build_attention_banner(self) -> None:
        """A quiet line above the lists: what falls due this week and what is overdue."""
        self.attention = QFrame(self)
        self.attention.setObjectName("attentionBanner")
        self.attention_text = QLabel(self.attention)
        self.show_overdue_button = QPushButton("نمایش معوق‌ها", self.attention)
        self.show_due_button = QPushButton("نمایش سررسیدها", self.attention)
        close = QPushButton("×", self.attention)
        close.setFixedWidth(28)
        close.setFlat(True)
        close.setToolTip("بستن این پیام")
        close.setAccessibleName("بستن")
        self.show_overdue_button.clicked.connect(lambda: self.open_tracker(overdue_only=True))
        self.show_due_button.clicked.connect(lambda: self.open_tracker(due_soon_only=True))
        close.clicked.connect(self.attention.hide)
        layout = QHBoxLayout(self.attention)
        layout.setContentsMargins(8, 3, 8, 3)
        layout.addWidget(self.attention_text, 1)
        layout.addWidget(self.show_due_button)
        layout.addWidget(self.show_overdue_button)
        layout.addWidget(close)
        self.attention.hide()

    def refresh_attention(self) -> None:
        """Count again (after the start and after every follow-up) and show the banner if needed."""
        from ui.followup.banner import attention_text

        soon, overdue, text = attention_text(self.store, self.today)
        self.attention_text.setText(text)
        self.show_due_button.setVisible(bool(soon))
        self.show_overdue_button.setVisible(bool(overdue))
        self.attention.setVisible(bool(text))

    @property
    def tracker(self) -> TrackerWindow:
        if self._tracker is None:
            from ui.followup.tracker_window import TrackerWindow

            self._tracker = TrackerWindow(self.store, clock=self.clock, jobs=self.jobs, changes=self.changes,
                                          parent=self)
            self._tracker.changed.connect(lambda: self.statusBar().showMessage("سابقهٔ پیگیری به‌روز شد.", 4000))
            self._tracker.meetingRequested.connect(self.show_meeting)
        return self._tracker

    def open_tracker(self, *, overdue_only: bool = False, due_soon_only: bool = False,
                     body_id: int | None = None) -> TrackerWindow:
        """Show the tracker; from the banner (or with a body) filtered accordingly."""
        if self._tracker is not None and not self._tracker.isVisible():  # closed: it was not kept up to date
            self._tracker.reload(bodies=True)
        tracker = self.tracker
        if overdue_only or due_soon_only or body_id is not None:
            tracker.set_filters(body_id=body_id, overdue_only=overdue_only, due_soon_only=due_soon_only)
        tracker.show()
        tracker.raise_()
        tracker.activateWindow()
        return tracker

    def open_dashboard(self) -> Dashboard:
        if self._dashboard is None:
            from ui.dashboard.window import Dashboard

            self._dashboard = Dashboard(self.store, clock=self.clock, body_id=self.current_body_id(),
                                        changes=self.changes, jobs=self.jobs, parent=self)
        else:
            if not self._dashboard.isVisible():  # closed a while ago: the figures may have changed
                self._dashboard.reload_bodies()
                self._dashboard.refresh()
            body_id = self.current_body_id()
            if body_id is not None:
                self._dashboard.set_body(body_id)
        self._dashboard.show()
        self._dashboard.raise_()
        self._dashboard.activateWindow()
        return self._dashboard

    def show_meeting(self, body_id: int, meeting_id: int) -> None:
        """Bring the main window forward with a meeting open (from the tracker)."""
        if self.editor.data is not None and self.editor.data.id == meeting_id:
            self.raise_()
            self.activateWindow()
            return
        if not self.editor.maybe_leave():
            return
        self.select_body(body_id)
        row = self.meetings_model.row_of(meeting_id)
        if row >= 0:
            self.select_meeting_row(row)
        else:
            self.editor.open_meeting(meeting_id)
        self.raise_()
        self.activateWindow()

    # --- bodies and meetings ------------------------------------------------
    def reload_bodies(self) -> None:
        rows = overview.list_bodies(self.store)
        self.bodies_model.set_bodies(rows)
        self.bodies_view.expandAll()
        if self.editor_stack.currentWidget() in (self.welcome, self.editor_placeholder):
            self.editor_stack.setCurrentWidget(self.editor_placeholder if rows else self.welcome)
        if rows:
            self.select_body(rows[0].id)
        else:
            self.meetings_title.setText("هنوز نهادی ثبت نشده است: نخستین شورا یا کمیته را بسازید (Ctrl+Shift+N).")

    def fill_with_demo(self) -> None:
        """The empty store filled with the sample data (refused, and said so, once it holds a body)."""
        from app.demo.fill import fill_demo

        summary = self.ops.call(lambda: fill_demo(self.store, today=self.today), what="ساختن دادهٔ نمونه", parent=self)
        if summary is not None:
            self.reload_bodies()
            self.statusBar().showMessage(summary.describe(), 8000)

    def say_why(self, message: str) -> None:
        """A shortcut that cannot act says why, in the status bar."""
        self.statusBar().showMessage(message, 6000)

    def select_body(self, body_id: int) -> None:
        index = self.bodies_model.index_of(body_id)
        if index.isValid():
            self.bodies_view.setCurrentIndex(index)

    def current_body_id(self) -> int | None:
        index = self.bodies_view.currentIndex()
        return index.data(IdRole) if index.isValid() else None

    def _body_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        body_id = self.current_body_id()
        if body_id is None:
            return
        self.meetings_title.setText(f"جلسات {self.bodies_view.currentIndex().data()}")
        self.meetings_model.set_rows(overview.list_meetings(self.store, body_id))

    def _reload_meetings(self) -> None:
        """The body's meetings again, the selected one still selected (without reopening it)."""
        body_id = self.current_body_id()
        if body_id is None:
            return
        selected = self.meetings_view.selectionModel().selectedRows()
        keep = selected[0].data(IdRole) if selected else (self._editor.data.id if self._editor is not None
                                                          and self._editor.data is not None else None)
        self.meetings_model.set_rows(overview.list_meetings(self.store, body_id))
        row = self.meetings_model.row_of(keep) if keep is not None else -1
        if row >= 0:
            self.meetings_view.selectionModel().blockSignals(True)
            self.select_meeting_row(row)
            self.meetings_view.selectionModel().blockSignals(False)

    def _meeting_selected(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        rows = selected.indexes()
        if not rows:
            return
        meeting_id = rows[0].data(IdRole)
        if self.editor.data is not None and self.editor.data.id == meeting_id:
            return
        if not self.editor.maybe_leave():
            previous = deselected.indexes()
            self.meetings_view.selectionModel().blockSignals(True)
            if previous:
                self.select_meeting_row(previous[0].row())
            else:
                self.meetings_view.clearSelection()
            self.meetings_view.selectionModel().blockSignals(False)
            return
        self.editor.open_meeting(meeting_id)

    def select_meeting_row(self, row: int) -> None:
        """Select a row of the meetings list (and so open it, unless signals are blocked).

        QTableView.selectRow() silently selects nothing in a right-to-left view
        whose columns end exactly at the viewport's edge (it looks for the first
        column at x = width), so the selection is made directly.
        """
        index = self.meetings_model.index(row, 0)
        if index.isValid():
            flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.meetings_view.selectionModel().setCurrentIndex(index, flags)

    def new_meeting(self) -> None:
        body_id = self.current_body_id()
        if body_id is None:
            self.say_why("جلسهٔ تازه از آنِ یک نهاد است: نخست نهادی را در فهرست برگزینید یا بسازید (Ctrl+Shift+N).")
            return
        if not self.editor.maybe_leave():
            return
        self.meetings_view.clearSelection()
        self.editor.new_meeting(body_id)

    def _meeting_saved(self, meeting_id: int) -> None:
        """The list was read again by the broadcast; select the saved (perhaps new) meeting."""
        row = self.meetings_model.row_of(meeting_id)
        if row >= 0:
            self.meetings_view.selectionModel().blockSignals(True)
            self.select_meeting_row(row)
            self.meetings_view.selectionModel().blockSignals(False)
        self.statusBar().showMessage("جلسه ذخیره شد.", 4000)

    # --- bodies: create and edit (ui/body_dialog.py) --------------------------
    def open_body_dialog(self, body_id: int | None = None, parent_id: int | None = None,
                         kind: str | None = None) -> int | None:
        """Run the body dialog; after a save, list the bodies again with the saved one selected."""
        from app.errors import UserError
        from ui.bodies.body_dialog import BodyDialog

        try:
            dialog = BodyDialog(self.store, body_id, parent_id, self, kind=kind, ops=self.ops)
        except UserError as exc:  # e.g. the body was removed meanwhile
            self.statusBar().showMessage(exc.message, 6000)
            return None
        accepted, saved = dialog.exec(), dialog.saved_body_id
        written = dialog.changes
        dialog.deleteLater()
        if written:  # also when «ذخیره» was pressed and the dialog then cancelled
            self.changes.publish(written, self)
        if not accepted or saved is None:
            return None
        self.select_body(saved)
        self.statusBar().showMessage("نهاد ذخیره شد.", 4000)
        return saved

    def edit_current_body(self) -> None:
        body_id = self.current_body_id()
        if body_id is not None:
            self.open_body_dialog(body_id)
        else:
            self.say_why("نهادی برگزیده نیست که ویرایش شود.")

    def _save(self) -> None:
        if self._editor is None or self._editor.data is None:
            self.say_why("جلسه‌ای باز نیست که ذخیره شود.")
            return
        self._editor.save()

    def new_committee_under_current(self) -> None:
        self.open_body_dialog(parent_id=self.current_body_id(), kind="committee")

    def open_directory(self) -> None:
        from ui.bodies.directory_dialog import DirectoryDialog

        dialog = DirectoryDialog(self.store, self, ops=self.ops)
        # Each save at once, not at close: an open tracker and the completers follow as it is typed.
        dialog.changed.connect(lambda changes: self.changes.publish(changes, dialog))
        dialog.exec()

    def export_package(self) -> None:
        """«ساختن بستهٔ فصلی…»: the quarter's package of the body in the tree (ui.package.export_wizard)."""
        from ui.package.export_wizard import ExportWizard

        if _reuse(getattr(self, "package_wizard", None)):
            return
        self.package_wizard = ExportWizard(self.store, self.ops, self.clock, self, body_id=self.current_body_id())
        self.package_wizard.open()

    def open_package(self, path: Path | None = None) -> None:
        """«باز کردن بستهٔ فصلی…»: its report, then the import (ui.package.package_window)."""
        from ui.package.package_window import choose_and_open_package, open_package

        def shown(window: QWidget) -> None:
            self.package_window = window

        if path is None:
            choose_and_open_package(self.store, self.ops, self.clock, self, shown)
        else:
            open_package(path, self.store, self.ops, self.clock, self, shown)

    def open_backups(self) -> None:
        from ui.shell.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self.store, self.clock, self.ops, self)
        dialog.exec()

    def close_keeping_edits(self) -> None:
        """Close without a question (the system is shutting down, or ``kill``): unsaved edits
        stay as the meeting's recovered draft, offered again at the next start."""
        if self._editor is not None and self._editor.is_dirty():
            self._editor.write_draft()
        self._keep_edits = True
        self.close()

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if self._keep_edits or self._editor is None or self._editor.maybe_leave():
            wizard = getattr(self, "package_wizard", None)
            if wizard is not None and shiboken6.isValid(wizard) and wizard.running:
                wizard.cancel_export()  # a package half made is not waited for: it is taken back
            self.jobs.wait()  # a file being written is finished, not cut off
            event.accept()
        else:
            event.ignore()
