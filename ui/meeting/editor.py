"""The meeting editor (ویرایش صورتجلسه): one meeting, six pages, save and autosave.

The sixth page lists what the body's earlier meetings left open, the standing first
agenda item «گزارش پیگیری مصوبات جلسات قبل»; a report heard in this meeting is recorded
there on the original resolution, dated and signed by this meeting.

Nothing typed is lost: a few seconds after the last edit the whole content is
written as a draft (see :func:`app.services.meetings.save_draft`), also when
the window closes; the next time the meeting is opened the draft is offered
back in a banner.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.clock import Clock
from app.errors import FieldProblem, StaleRecord, UserError, ValidationError
from app.persian.jalali import format_jalali, parse_jalali
from app.persian.labels import RESOLUTION_STATUS
from app.persian.text import fa_number, to_persian_digits
from app.services import bodies, directory, followup, meetings, recovery
from app.services.changes import Changes
from app.services.directory import PersonRow
from app.services.meeting_data import MeetingData
from app.services.tracker import TrackerRow
from app.store.db import Store
from ui.meeting.final_lock import FinalLock
from ui.meeting.pages import (
    CarryOverPage,
    DetailsPage,
    DiscussionPage,
    ResolutionsPage,
    agenda_page,
    attendees_page,
)
from ui.meeting.problems import ProblemsPanel
from ui.widgets.clean_text import TextCleaner

if TYPE_CHECKING:
    from ui.followup.dialogs import FollowUpDialog
    from ui.shell.ops import Ops

AUTOSAVE_MS = 3000
CARRY_OVER_TAB = "پیگیری مصوبات قبل"


class MeetingEditor(QWidget):
    """Edits one meeting; the main window owns one.

    Signals:
        saved(int): the meeting with this id was written to the store.
        dirtyChanged(bool): there are (or no longer are) unsaved changes.
        opened: a meeting (saved, new or restored) is now in the editor.
        edited: the content changed (a keystroke, a row added…).
        followUpRecorded(int): a report on this resolution (of an earlier meeting) was written.
        closed: the meeting is gone (a deleted draft); the editor shows nothing.
    """

    saved = Signal(int)
    dirtyChanged = Signal(bool)
    opened = Signal()
    edited = Signal()
    followUpRecorded = Signal(int)
    closed = Signal()

    def __init__(self, store: Store, *, clock: Clock, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.clock, self.ops = store, clock, ops
        ops.changes.changed.connect(self._on_changed)
        self.data: MeetingData | None = None
        # The recovery file holding the edits the store could not take (app.services.recovery),
        # and whether the user was told of it in this editing session.
        self.kept_outside: Path | None = None
        self._told_outside = False
        self._dirty = False
        self._loading = False
        self._people: list[PersonRow] = []
        self.autosave = QTimer(self)
        self.autosave.setSingleShot(True)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(self.write_draft)

        self.title = QLabel(self)
        self.title.setObjectName("editorTitle")
        self.state = QLabel(self)
        self.state.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.save_button = QPushButton("ذخیره (Ctrl+S)", self)
        self.save_button.clicked.connect(self.save)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.state)
        head.addWidget(self.save_button)

        self.banner = QFrame(self)
        self.banner.setObjectName("draftBanner")
        self.banner_text = QLabel(self.banner)
        self.banner_text.setWordWrap(True)
        self.restore_button = QPushButton("بازگرداندن پیش‌نویس", self.banner)
        self.discard_button = QPushButton("دور انداختن", self.banner)
        self.restore_button.clicked.connect(self.restore_draft)
        self.discard_button.clicked.connect(self.discard_offered_draft)
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.addWidget(self.banner_text, 1)
        banner_layout.addWidget(self.restore_button)
        banner_layout.addWidget(self.discard_button)
        self.banner.setVisible(False)
        self._offered: meetings.DraftRow | None = None

        self.problems = ProblemsPanel(self, self)

        self.final = FinalLock(self, self)
        self.tabs = QTabWidget(self)
        self.details = DetailsPage(clock, self)
        self.agenda = agenda_page(self)
        self.attendees = attendees_page(self, lambda: self._people)
        self.discussion = DiscussionPage(self)
        self.resolutions = ResolutionsPage(clock, self)
        self.carry_over = CarryOverPage(self)
        self.follow_up_dialog: FollowUpDialog | None = None
        for number, (page, name) in enumerate(((self.details, "مشخصات"), (self.agenda, "دستور جلسه"),
                                               (self.attendees, "حاضرین"), (self.discussion, "خلاصه مذاکرات"),
                                               (self.resolutions, "مصوبات"),
                                               (self.carry_over, CARRY_OVER_TAB)), start=1):
            self.tabs.addTab(page, f"{to_persian_digits(number)}. {name}")
            self.tabs.setTabToolTip(number - 1, f"Alt+{number}")
            # Alt+digit whatever the keyboard layout (a Persian mnemonic «۱» needs a Persian layout).
            shortcut = QShortcut(QKeySequence(f"Alt+{number}"), self)
            shortcut.activated.connect(lambda index=number - 1: self.tabs.setCurrentIndex(index))
        self.pages = {"agenda": self.agenda, "attendees": self.attendees, "discussion": self.discussion,
                      "resolutions": self.resolutions}

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.banner)
        layout.addWidget(self.final.line)
        layout.addWidget(self.problems)
        layout.addWidget(self.tabs, 1)

        d = self.details
        d.number.valueChanged.connect(lambda v: self._set("number", v))
        d.date.textEdited.connect(lambda t: self._set("date", t))
        d.start_time.textEdited.connect(lambda t: self._set("start_time", t))
        d.end_time.textEdited.connect(lambda t: self._set("end_time", t))
        d.place.textEdited.connect(lambda t: self._set("place", t))
        d.chair.currentIndexChanged.connect(lambda _i: self._set("chair_id", d.chair.currentData()))
        d.secretary.currentIndexChanged.connect(lambda _i: self._set("secretary_id", d.secretary.currentData()))
        d.status.currentIndexChanged.connect(lambda _i: self._set("status", d.status.currentData()))
        for page in self.pages.values():
            page.edited.connect(self._edited)
        self.agenda.edited.connect(lambda: self.discussion.set_agenda(self.data.agenda if self.data else []))
        self.attendees.fill_button.clicked.connect(self.fill_attendees)
        self.carry_over.recordRequested.connect(self.record_follow_up)
        d.date.textEdited.connect(lambda _t: self.list_carry_over())
        self.tabs.currentChanged.connect(self._tab_changed)
        self.cleaner = TextCleaner(self)  # no bidi control or emoji on screen that the PDF would not print
        self.cleaner.watch_all()
        self.setEnabled(False)

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.carry_over:
            self.list_carry_over()

    @property
    def today(self) -> dt.date:
        return self.clock.today()

    def _on_changed(self, changes: Changes, origin: object) -> None:
        """Written elsewhere: new names for the completers, or reports on resolutions shown here."""
        if origin is self or self.data is None:
            return
        if changes.names:
            self.refresh_names()
        if changes.follow_ups or changes.extensions or changes.everything:
            self.refresh_follow_ups()  # the history now owns those statuses and deadlines

    def refresh_names(self) -> None:
        """Offer the directory's people and units as they are now, keeping what is typed."""
        if self.data is None:
            return
        self._loading = True
        try:
            members = {m.person_id for m in bodies.list_members(self.store, self.data.body_id)}
            self._people = sorted(directory.list_people(self.store), key=lambda p: p.id not in members)
            self.details.set_people(self._people)
            self.discussion.set_speakers([f"{p.post} {p.name}".strip() for p in self._people])
            self.resolutions.set_units([u.name for u in directory.list_units(self.store)])
        finally:
            self._loading = False

    # --- opening ---------------------------------------------------------
    def open_meeting(self, meeting_id: int) -> None:
        self._load(meetings.load_meeting(self.store, meeting_id))
        self._offer_draft(meetings.find_draft(self.store, meeting_id, self.data.body_id if self.data else None))

    def new_meeting(self, body_id: int) -> None:
        """A new meeting of the body; first on its agenda, what earlier meetings left open."""
        start = followup.new_meeting_with_carry_over(self.store, body_id, today=self.today)
        self._load(start.meeting, carried=start.carried)
        self._offer_draft(meetings.find_draft(self.store, None, body_id))
        self._set_dirty(True)
        self.tabs.setCurrentWidget(self.details)  # a new meeting starts at its details, whatever page was open
        self.details.date.setFocus()

    def _load(self, data: MeetingData, *, carried: list[TrackerRow] | None = None) -> None:
        self.autosave.stop()
        if self.data is None or data.id != self.data.id:  # another meeting: a new editing session
            self.kept_outside, self._told_outside = None, False
        self.cleaner.new_session()
        self._loading = True
        try:
            self.data = data
            body = bodies.get_body(self.store, data.body_id)
            members = {m.person_id for m in bodies.list_members(self.store, data.body_id)}
            everyone = directory.list_people(self.store)
            self._people = sorted(everyone, key=lambda p: p.id not in members)
            d = self.details
            d.set_people(self._people)
            d.number.setValue(data.number or 1)
            d.date.setText(data.date)
            d.start_time.setText(data.start_time)
            d.end_time.setText(data.end_time)
            d.place.setText(data.place)
            d.chair.setCurrentIndex(max(0, d.chair.findData(data.chair_id)))
            d.secretary.setCurrentIndex(max(0, d.secretary.findData(data.secretary_id)))
            d.status.setCurrentIndex(max(0, d.status.findData(data.status)))
            self.agenda.set_rows(data.agenda)
            self.attendees.set_rows(data.attendees)
            self.discussion.set_agenda(data.agenda)
            self.discussion.set_speakers([f"{p.post} {p.name}".strip() for p in self._people])
            self.discussion.set_rows(data.discussion)
            self.resolutions.set_units([u.name for u in directory.list_units(self.store)])
            self.resolutions.set_rows(data.resolutions)
            self._body_name = body.name
            self._show_problems([])
            self.banner.setVisible(False)
            self.carry_over.message.clear()
            self.list_carry_over(carried)
        finally:
            self._loading = False
        self.setEnabled(True)
        self.final.refresh()
        self._set_dirty(False)
        self._update_title()
        self.opened.emit()

    def close_meeting(self) -> None:
        """The meeting was deleted: nothing is left to edit or to keep as a draft."""
        self.autosave.stop()
        self.data = None
        self.final.refresh()
        self._set_dirty(False)
        self.setEnabled(False)
        self.closed.emit()

    def _update_title(self) -> None:
        if self.data is None:
            return
        number = to_persian_digits(self.data.number or 0)
        status = "جلسهٔ تازه" if self.data.id is None else f"جلسهٔ {number}"
        self.title.setText(f"{self._body_name} — {status}")

    # --- editing ---------------------------------------------------------
    def _set(self, attr: str, value: object) -> None:
        if self._loading or self.data is None:
            return
        if getattr(self.data, attr) != value:
            setattr(self.data, attr, value)
            self.details.show_error(attr, "")
            self._edited()

    def _edited(self) -> None:
        if self._loading:
            return
        self._set_dirty(True)
        self.autosave.start()
        self.edited.emit()

    def _set_dirty(self, dirty: bool) -> None:
        changed = dirty != self._dirty
        self._dirty = dirty
        self.state.setText("تغییرات ذخیره نشده" if dirty else "ذخیره شده")
        if changed:
            self.dirtyChanged.emit(dirty)

    def is_dirty(self) -> bool:
        return self._dirty

    def fill_attendees(self) -> None:
        """Add every member of the body who is not listed yet, marked present."""
        if self.data is None:
            return
        listed = {a.person_id for a in self.data.attendees if a.person_id is not None}
        new = [a for a in meetings.attendees_from_members(self.store, self.data.body_id)
               if a.person_id not in listed]
        self.attendees.append_rows(new)

    # --- saving ----------------------------------------------------------
    def save(self) -> bool:
        """Write the meeting; on invalid input show every problem at its field."""
        if self.data is None:
            return True
        if self.final.amending:  # final minutes change only as an amendment (ui/meeting/final_lock.py)
            return self.final.save()
        if self.final.locked:
            self.final.refuse_save()
            return False
        data, today, now = self.data, self.today, self.clock.now()
        invalid: list[bool] = []

        def refused(exc: UserError) -> None:
            invalid.append(isinstance(exc, ValidationError | StaleRecord))  # the user's to fix; kept as it is
            self._show_problems(exc.problems if isinstance(exc, ValidationError)
                                else [FieldProblem("", exc.code, exc.message)])

        result = self.ops.call(lambda: meetings.save_meeting(self.store, data, today=today, now=now),
                               what="ذخیرهٔ جلسه", parent=self, user_error=refused, origin=self)
        if result is None:
            if not any(invalid):  # the store did not take it (read-only, locked, full) or a bug:
                self.write_draft()  # keep the edits as a draft, or outside the store if it takes nothing
            return False
        self.after_save(result.meeting_id, "ذخیره شد")
        return True

    def after_save(self, meeting_id: int, message: str) -> None:
        """The meeting was written (saved, finalised, amended): show it as stored."""
        self.autosave.stop()
        if self.kept_outside is not None:  # the store has it now
            self.kept_outside.unlink(missing_ok=True)
            self.kept_outside = None
        self._load(meetings.load_meeting(self.store, meeting_id))
        self.state.setText(message)
        self.saved.emit(meeting_id)

    def show_problems(self, problems: list[FieldProblem]) -> None:
        self._show_problems(problems)

    def _show_problems(self, problems: list[FieldProblem]) -> None:
        self.problems.show_problems(problems)

    # --- following up earlier meetings' resolutions ---------------------
    def meeting_date(self) -> dt.date | None:
        """The meeting's date as typed, or None while it does not parse."""
        if self.data is None:
            return None
        try:
            return parse_jalali(self.data.date, today=self.today)
        except UserError:
            return None

    def list_carry_over(self, rows: list[TrackerRow] | None = None) -> None:
        """List the open resolutions of the body's meetings up to this one's date (not this one's).

        While the page is not shown only their number is counted (for the tab's title): reading
        the rows of a body with thousands of resolutions would slow every meeting's opening.
        """
        if self.data is None:
            return
        until = self.meeting_date() or self.today
        if rows is None and self.tabs.currentWidget() is not self.carry_over:
            count = followup.carry_over_count(self.store, self.data.body_id, until=until,
                                              exclude_meeting_id=self.data.id)
            self.carry_over.set_rows([])  # read when the page is shown (see __init__)
        else:
            if rows is None:
                rows = followup.carry_over(self.store, self.data.body_id, today=self.today, until=until,
                                           exclude_meeting_id=self.data.id)
            self.carry_over.set_rows(rows)
            count = len(rows)
        index = self.tabs.indexOf(self.carry_over)
        label = f" ({fa_number(count)})" if count else ""
        self.tabs.setTabText(index, f"{fa_number(index + 1)}. {CARRY_OVER_TAB}{label}")

    def refresh_follow_ups(self) -> None:
        """Reports were written elsewhere (the tracker): take what the history now owns
        (status, deadline of this meeting's resolutions; the carry-over list), keep the rest."""
        if self.data is None:
            return
        meetings.refresh_history(self.store, self.data)
        self.resolutions.refresh()
        self.list_carry_over()

    def meeting_label(self) -> str:
        """«جلسهٔ ۵ کمیته آموزش (۱۴۰۳/۰۹/۰۳)»: how this meeting signs the reports it records."""
        assert self.data is not None
        date = self.meeting_date()
        return f"جلسهٔ {fa_number(self.data.number or 0)} {self._body_name} ({format_jalali(date) or self.data.date})"

    def make_follow_up_dialog(self, resolution_id: int, *, date: dt.date, reporter: str) -> FollowUpDialog:
        from ui.followup.dialogs import FollowUpDialog

        return FollowUpDialog(self.store, resolution_id, today=self.today, parent=self, date=date,
                              reporter=reporter, ops=self.ops)

    def record_follow_up(self, resolution_id: int) -> None:
        """Open the report form for an earlier resolution, dated and signed by this meeting.

        The meeting is saved first, so that the report names a meeting that exists as shown;
        if it cannot be saved, its problems are shown and nothing opens.
        """
        if self.data is None:
            return
        if (self.data.id is None or self._dirty) and not self.save():
            return
        date = self.meeting_date()
        assert date is not None  # saved, so it parses
        try:
            dialog = self.make_follow_up_dialog(resolution_id, date=date, reporter=self.meeting_label())
        except UserError as exc:  # closed or gone since the list was made
            self.carry_over.message.setText(exc.message)
            self.list_carry_over()
            return
        self.follow_up_dialog = dialog
        dialog.accepted.connect(lambda: self._follow_up_recorded(dialog))
        dialog.finished.connect(lambda _code: self._follow_up_closed(dialog))
        dialog.open()

    def _follow_up_recorded(self, dialog: FollowUpDialog) -> None:
        result = dialog.result_value
        if result is None:
            return
        model = self.carry_over.model
        found = model.row_of(result.resolution_id)
        row = model.rows[found] if found >= 0 else None
        self.list_carry_over()
        what = f"گزارش مصوبهٔ {fa_number(row.number)} جلسهٔ {fa_number(row.meeting_number)}" if row else "گزارش"
        still_open = model.row_of(result.resolution_id) >= 0  # done, cancelled…: it leaves the list
        self.carry_over.message.setText(
            f"{what} ثبت شد؛ وضعیت: {RESOLUTION_STATUS[result.status]}"
            + ("." if still_open else "؛ دیگر در این فهرست نیست."))
        self.refresh_follow_ups()  # this meeting's own resolutions may be the ones reported on
        self.ops.changes.publish(result.changes, self)
        self.followUpRecorded.emit(result.resolution_id)

    def _follow_up_closed(self, dialog: FollowUpDialog) -> None:
        if self.follow_up_dialog is dialog:
            self.follow_up_dialog = None
        dialog.deleteLater()
        self.carry_over.view.setFocus()

    # --- drafts ----------------------------------------------------------
    def write_draft(self) -> bool:
        """Keep the unsaved content (called by the timer and on close): in the store, or, when
        the store cannot take it, in a recovery file outside it. False: kept nowhere."""
        self.autosave.stop()
        if self.data is None or not self._dirty:
            return True
        data, now = self.data, self.clock.now()
        why: list[UserError] = []
        if self.ops.call(lambda: meetings.save_draft(self.store, data, now=now),
                         what="نگه داشتن پیش‌نویس", parent=self, user_error=why.append) is not None:
            self.kept_outside = None
            self.state.setText("پیش‌نویس نگه داشته شد")
            return True
        return self._keep_outside(data, now, why=why[0] if why else None)

    def _keep_outside(self, data: MeetingData, now: dt.datetime, *, why: UserError | None = None) -> bool:
        """The store did not take the edits (``why``): write them to a recovery file
        (app.services.recovery), offered back at the next start. Said once per editing session."""
        try:
            self.kept_outside = recovery.keep(self.store.path, data, now=now)
        except UserError as exc:
            self.kept_outside = None
            self.state.setText("تغییرات ذخیره نشده و جایی نگه داشته نشد")
            self.ops.show(self, "تغییرات این جلسه نه در پایگاه داده نوشته شد و نه در پروندهٔ بازیابی: "
                          f"{exc.message}\nپنجره را باز نگه دارید تا مشکل برطرف شود.", QMessageBox.Icon.Critical)
            return False
        self.state.setText("ذخیره نشد؛ تغییرات در پروندهٔ بازیابی نگه داشته شد")
        if not self._told_outside:
            self._told_outside = True
            head = why.message if why is not None else "پایگاه داده نوشته نمی‌شود."
            self.ops.show(self, head + "\n\nتغییرات شما گم نشده است: در پروندهٔ بازیابی "
                          f"«\u2066{self.kept_outside}\u2069» نگه داشته شد و بار دیگر که دبیر باز شود، "
                          "به این جلسه بازگردانده می‌شود.", QMessageBox.Icon.Warning)
        return True

    def _offer_draft(self, draft: meetings.DraftRow | None) -> None:
        self._offered = draft
        if draft is None:
            self.banner.setVisible(False)
            return
        when = f"{format_jalali(draft.saved_at.date())} ساعت {to_persian_digits(draft.saved_at.strftime('%H:%M'))}"
        self.banner_text.setText(f"از این جلسه پیش‌نویسی ذخیره‌نشده مانده است ({when}). بازگردانده شود؟")
        self.banner.setVisible(True)

    def restore_draft(self) -> None:
        draft = self._offered
        if draft is None:
            return
        data = draft.data
        if self.data is not None and self.data.id is not None:
            # The draft belongs to this meeting, and is restored over it as it is stored now
            # (perhaps saved meanwhile by another editor: the user has it in front of them).
            data.id, data.version = self.data.id, self.data.version
        # Reports may have come in since the draft was kept: they own status and deadline.
        self._load(meetings.refresh_history(self.store, data))
        self._set_dirty(True)
        self.state.setText("پیش‌نویس بازگردانده شد؛ ذخیره نشده")

    def discard_offered_draft(self) -> None:
        draft = self._offered
        if draft is not None:
            meetings.discard_draft(self.store, draft.meeting_id, draft.body_id)
        self._offered = None
        self.banner.setVisible(False)

    def maybe_leave(self) -> bool:
        """Ask before the meeting is left with unsaved changes; True when it may go."""
        if not self._dirty:
            return True
        self.write_draft()  # first, so that nothing is lost while the question waits
        answer = self.ask_to_save()
        if answer == QMessageBox.StandardButton.Save:
            if self.save():
                return True
            # Not saved: stay, unless the edits are safe in a recovery file and the user says go.
            return self.kept_outside is not None and self.ask_close_kept(self.kept_outside)
        if answer == QMessageBox.StandardButton.Discard:
            self._discard_unsaved()
            return True
        return False

    def _discard_unsaved(self) -> None:
        """«Discard» means discard: the draft kept for these edits goes too (in the store and
        any recovery file), so nothing comes back against the user's word."""
        data = self.data
        if data is not None:
            self.ops.call(lambda: meetings.discard_draft(self.store, data.id, data.body_id),
                          what="دور انداختن پیش‌نویس", parent=self)
        if self.kept_outside is not None:
            self.kept_outside.unlink(missing_ok=True)
            self.kept_outside = None
        self._set_dirty(False)

    def ask_close_kept(self, path: Path) -> bool:
        """Saving failed but the edits are in a recovery file: close anyway? (tests answer)"""
        answer = QMessageBox.question(
            self, "ذخیره نشد",
            f"ذخیرهٔ جلسه ممکن نشد، ولی تغییرات در پروندهٔ بازیابی «\u2066{path}\u2069» نگه داشته شده است "
            "و بار دیگر که دبیر باز شود بازگردانده می‌شود. پنجره بسته شود؟",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def ask_to_save(self) -> QMessageBox.StandardButton:
        """Save, Discard or Cancel; a method so tests can answer without a dialog."""
        return QMessageBox.question(
            self, "تغییرات ذخیره نشده",
            "تغییرات این جلسه ذخیره نشده است. ذخیره شود؟\n"
            "اگر «دور انداختن» را بزنید، آنچه پس از آخرین ذخیره نوشته‌اید از دست می‌رود.",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
