"""Adding to a resolution's history: a follow-up report (گزارش پیگیری) and a deadline
extension (تمدید مهلت).

Both dialogs only gather what the user typed and hand it to the services
(:func:`app.services.followup.add_follow_up` / :func:`extend_deadline`), which check
everything and write all or nothing. A refusal is shown at its field and the dialog
stays open with the user's text in it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.persian.jalali import format_jalali
from app.persian.labels import RESOLUTION_STATUS
from app.persian.text import fa_number
from app.services import followup
from app.services.followup import ExtensionResult, FollowUpResult, ResolutionHistory
from app.services.lifecycle import OPEN_STATUSES
from app.store.db import Store
from ui.widgets.clean_text import TextCleaner
from ui.widgets.completion import attach_completer
from ui.widgets.date_edit import JalaliDateEdit

if TYPE_CHECKING:
    from ui.shell.ops import Ops

NO_PROGRESS = -1  # the progress box's «—»: the report gives no percentage


def describe(h: ResolutionHistory) -> str:
    """«مصوبهٔ ۲ جلسهٔ ۵ کمیته آموزش (۱۴۰۳/۰۹/۰۳) — در دست اقدام — مهلت ۱۴۰۳/۱۰/۱۰»."""
    parts = [f"مصوبهٔ {fa_number(h.number)} جلسهٔ {fa_number(h.meeting_number)} {h.body_name} "
             f"({format_jalali(h.meeting_date)})", h.status_label]
    if h.standing:
        parts.append("مستمر")
    elif h.deadline is not None:
        note = h.deadline_note()
        parts.append(f"مهلت {format_jalali(h.deadline)}" + (f" ({note})" if note else ""))
    return " — ".join(parts)


class _HistoryDialog(QDialog):
    """What both dialogs share: the resolution named at the top, errors shown at their field."""

    def __init__(self, store: Store, resolution_id: int, *, today: dt.date, title: str,
                 parent: QWidget | None, ops: Ops | None = None) -> None:
        super().__init__(parent)
        self.store, self.resolution_id, self.today, self.ops = store, resolution_id, today, ops
        self.history = followup.resolution_history(store, resolution_id)  # UserError if it is gone
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        heading = QLabel(describe(self.history), self)
        heading.setWordWrap(True)
        heading.setObjectName("dialogHeading")
        text = self.history.text if len(self.history.text) <= 400 else self.history.text[:400] + "…"
        body = QLabel(text, self)
        body.setWordWrap(True)
        body.setToolTip(self.history.text)
        self.form = QFormLayout()
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("ثبت")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("انصراف")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addLayout(self.form)
        self.extra = QVBoxLayout()
        layout.addLayout(self.extra)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.fields: dict[str, QWidget] = {}

    def later_resolutions(self) -> list[tuple[int, str]]:
        return followup.later_resolutions(self.store, self.resolution_id)

    def show_error(self, field: str, message: str) -> None:
        """Mark ``field`` (a service's field name) and say why under the form; "" clears."""
        for name, widget in self.fields.items():
            wrong = bool(message) and name == field
            if isinstance(widget, JalaliDateEdit):
                widget.setError(message if wrong else "")
                continue
            widget.setProperty("invalid", wrong)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
            widget.setAccessibleDescription(message if wrong else "")
        self.error.setText(message)
        self.error.setVisible(bool(message))
        focus = self.fields.get(field)
        if focus is not None and message:
            focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def date_of(self, edit: JalaliDateEdit, field: str, what: str, *, required: bool) -> dt.date | None:
        """The date in ``edit``, or UserError naming ``field`` when it is wrong or missing."""
        if edit.text().strip() and edit.date() is None:
            raise UserError("date_invalid", edit.error() or f"{what} درست نیست.", field=field)
        value = edit.date()
        if value is None and required:
            raise UserError("date_required", f"{what} را بنویسید.", field=field)
        return value

    def accept(self) -> None:
        def refused(exc: UserError) -> None:
            self.show_error(exc.field or "", exc.message)

        if self.ops is not None:
            # Any other failure is logged and explained; the window that opened the dialog
            # broadcasts what was written (it shows the result first).
            if self.ops.call(self.save, what=self.windowTitle(), parent=self, user_error=refused,
                             broadcast=False) is None:
                return
        else:
            try:
                self.save()
            except UserError as exc:
                refused(exc)
                return
        super().accept()

    def save(self) -> object:  # pragma: no cover - each dialog has its own
        raise NotImplementedError


def _resolution_combo(parent: QWidget, choices: list[tuple[int, str]], none: str) -> QComboBox:
    combo = QComboBox(parent)
    combo.addItem(none, None)
    for rid, label in choices:
        combo.addItem(label if len(label) <= 110 else label[:110] + "…", rid)
        combo.setItemData(combo.count() - 1, label, Qt.ItemDataRole.ToolTipRole)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(40)
    return combo


class FollowUpDialog(_HistoryDialog):
    """ثبت گزارش پیگیری: date, who reported, what was done, progress, the status it leaves,
    and, in the same report, a new deadline with its reason.

    ``date`` and ``reporter`` prefill the form (a meeting reporting on earlier resolutions
    passes its own date and name); otherwise today and the resolution's lead unit.
    After :meth:`accept` succeeds ``result_value`` holds what was written.
    """

    def __init__(self, store: Store, resolution_id: int, *, today: dt.date, parent: QWidget | None = None,
                 date: dt.date | None = None, reporter: str = "", ops: Ops | None = None) -> None:
        super().__init__(store, resolution_id, today=today, title="ثبت گزارش پیگیری", parent=parent, ops=ops)
        h = self.history
        allowed = h.allowed_next()
        if not allowed:
            raise UserError("resolution_closed", f"این مصوبه «{h.status_label}» است و گزارش تازه نمی‌پذیرد.",
                            english="the resolution is closed")
        self.result_value: FollowUpResult | None = None
        self.date = JalaliDateEdit(self, today=today)
        self.date.setDate(date or today)
        self.reporter = QLineEdit(reporter or h.lead_unit, self)
        self.reporter.setPlaceholderText("واحد یا شخص گزارش‌دهنده")
        from app.services.directory import list_units

        attach_completer(self.reporter, [u.name for u in list_units(store)])
        self.status = QComboBox(self)
        for value in allowed:
            self.status.addItem(RESOLUTION_STATUS[value], value)
        self.status.setCurrentIndex(max(self.status.findData(h.status), 0))
        self.progress = QSpinBox(self)
        self.progress.setRange(NO_PROGRESS, 100)
        self.progress.setSpecialValueText("—")
        self.progress.setSuffix("٪")
        self.progress.setValue(h.last_progress if h.last_progress is not None else NO_PROGRESS)
        self.text = QPlainTextEdit(self)
        self.text.setPlaceholderText("چه کاری انجام شد؟ (برای «انجام شده»، «امکان‌پذیر نیست» و «لغو شده» لازم است)")
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(90)
        self.superseded_by = _resolution_combo(self, self.later_resolutions() if "superseded" in allowed else [],
                                               "— مصوبهٔ جایگزین را برگزینید —")
        self.superseded_label = QLabel("مصوبهٔ &جایگزین:", self)
        self.superseded_label.setBuddy(self.superseded_by)
        self.form.addRow("&تاریخ گزارش:", self.date)
        self.form.addRow("&گزارش‌دهنده:", self.reporter)
        self.form.addRow("&وضعیت پس از گزارش:", self.status)
        self.form.addRow("&پیشرفت:", self.progress)
        self.form.addRow("&شرح اقدام:", self.text)
        self.form.addRow(self.superseded_label, self.superseded_by)

        self.extend = QGroupBox("تمدید &مهلت در همین گزارش", self)
        self.extend.setCheckable(True)
        self.extend.setChecked(False)
        self.new_deadline = JalaliDateEdit(self.extend, today=today)
        self.extension_reason = QLineEdit(self.extend)
        self.extension_reason.setPlaceholderText("مثلاً درخواست واحد به دلیل تأخیر در تخصیص اعتبار")
        extend_form = QFormLayout(self.extend)
        extend_form.addRow("مهلت &تازه:", self.new_deadline)
        extend_form.addRow("&دلیل تمدید:", self.extension_reason)
        self.extra.addWidget(self.extend)
        self.fields = {"date": self.date, "reporter": self.reporter, "status_after": self.status,
                       "progress": self.progress, "text": self.text, "superseded_by": self.superseded_by,
                       "new_deadline": self.new_deadline, "reason": self.extension_reason}
        self.status.currentIndexChanged.connect(self._status_changed)
        self._status_changed()
        TextCleaner(self).watch_all()
        self.text.setFocus()

    def chosen_status(self) -> str:
        return str(self.status.currentData())

    def _status_changed(self) -> None:
        status = self.chosen_status()
        superseding = status == "superseded"
        self.superseded_by.setVisible(superseding)
        self.superseded_label.setVisible(superseding)
        if status == "done":
            self.progress.setValue(100)
        elif status == "partly_done" and self.progress.value() in (NO_PROGRESS, 0, 100):
            self.progress.setValue(50)
        can_extend = status in OPEN_STATUSES and not self.history.standing
        self.extend.setEnabled(can_extend)
        if not can_extend:
            self.extend.setChecked(False)

    def save(self) -> FollowUpResult:
        date = self.date_of(self.date, "date", "تاریخ گزارش", required=True)
        assert date is not None
        new_deadline = None
        if self.extend.isChecked():
            new_deadline = self.date_of(self.new_deadline, "new_deadline", "مهلت تازه", required=True)
        progress = self.progress.value()
        self.result_value = result = followup.add_follow_up(
            self.store, self.resolution_id, date=date, reporter=self.reporter.text(),
            text=self.text.toPlainText(), progress=None if progress == NO_PROGRESS else progress,
            status_after=self.chosen_status(), new_deadline=new_deadline,
            extension_reason=self.extension_reason.text(), superseded_by=self.superseded_by.currentData(),
            today=self.today)
        return result


class ExtensionDialog(_HistoryDialog):
    """تمدید مهلت: the new deadline, why, and who granted it (a person or a later resolution).

    After :meth:`accept` succeeds ``result_value`` holds what was written.
    """

    def __init__(self, store: Store, resolution_id: int, *, today: dt.date, parent: QWidget | None = None,
                 ops: Ops | None = None) -> None:
        super().__init__(store, resolution_id, today=today, title="تمدید مهلت مصوبه", parent=parent, ops=ops)
        h = self.history
        if h.standing or h.status not in OPEN_STATUSES:
            what = "مستمر" if h.standing else h.status_label
            raise UserError("extension_closed", f"این مصوبه «{what}» است و مهلتش تمدید نمی‌شود.",
                            english="only open resolutions are extended")
        self.result_value: ExtensionResult | None = None
        self.date = JalaliDateEdit(self, today=today)
        self.date.setDate(today)
        self.new_deadline = JalaliDateEdit(self, today=today)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText("دلیل تمدید (لازم)")
        self.granted_by = QLineEdit(self)
        self.granted_by.setPlaceholderText("مثلاً رئیس شورا، یا خالی اگر مصوبهٔ جلسه‌ای آن را داده")
        self.granting = _resolution_combo(self, self.later_resolutions(), "— هیچ‌کدام —")
        self.form.addRow("مهلت &تازه:", self.new_deadline)
        self.form.addRow("&دلیل:", self.reason)
        self.form.addRow("&موافقت‌کننده:", self.granted_by)
        self.form.addRow("به &استناد مصوبهٔ:", self.granting)
        self.form.addRow("&تاریخ تمدید:", self.date)
        self.fields = {"new_deadline": self.new_deadline, "reason": self.reason, "granted_by": self.granted_by,
                       "granted_by_resolution_id": self.granting, "date": self.date}
        TextCleaner(self).watch_all()
        self.new_deadline.setFocus()

    def save(self) -> ExtensionResult:
        new_deadline = self.date_of(self.new_deadline, "new_deadline", "مهلت تازه", required=True)
        date = self.date_of(self.date, "date", "تاریخ تمدید", required=True)
        assert new_deadline is not None and date is not None
        self.result_value = result = followup.extend_deadline(
            self.store, self.resolution_id, new_deadline=new_deadline, reason=self.reason.text(),
            granted_by=self.granted_by.text(), granted_by_resolution_id=self.granting.currentData(), date=date,
            today=self.today)
        return result


def run_dialog(dialog: QDialog) -> Any:
    """exec() the dialog and return its ``result_value`` (None when cancelled)."""
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    value = getattr(dialog, "result_value", None) if accepted else None
    dialog.deleteLater()
    return value
