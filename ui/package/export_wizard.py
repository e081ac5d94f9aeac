"""«ساختن بستهٔ فصلی…»: the quarter's package for the ministry, in three short pages.

1. نهاد و فصل: the body, the Jalali year and quarter, with or without its committees; the page
   says at once what will go in and which meetings are left out as drafts («پیش‌نویس، ارسال نشد»).
2. امضا و ذخیره: sign with a PKCS#12 certificate (checked here, with its password, before any
   work starts) or not, and where the zip goes.
3. ساختن بسته: the export runs in the background (:meth:`ui.shell.ops.Ops.start`) with its
   progress; «لغو» stops it between two steps and nothing is left under the file's name
   (:func:`app.package.export.export_package` is all or nothing). Then what went in.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.clock import Clock
from app.errors import UserError
from app.persian.jalali import MAX_YEAR, MIN_YEAR, QUARTER_NAMES, quarter_of
from app.persian.text import fa_number, ltr_isolate
from app.store.db import Store
from ui.meeting.sign_dialogs import browse_certificate, error_label, path_row
from ui.shell.geometry import fit_window
from ui.shell.ops import Ops
from ui.shell.settings import LAST_CERTIFICATE, PACKAGE_FOLDER, PACKAGE_GEOMETRY
from ui.shell.theme import PERSIAN
from ui.widgets.file_dialogs import save_file_name
from ui.widgets.form_labels import buddy_label

if TYPE_CHECKING:
    from app.package.export import ExportSummary

__all__ = ["ExportWizard"]

_INDENT = "\u2003\u2003"  # committees stand in under their council, as in the dashboard


class _Relay(QObject):
    """Carries the export's progress from the worker thread to the page (a queued signal)."""

    progressed = Signal(int, int, str)


class _ChoosePage(QWizardPage):
    def __init__(self, wizard: ExportWizard) -> None:
        super().__init__(wizard)
        self.w = wizard
        self.setTitle("نهاد و فصل")
        self.setSubTitle("بستهٔ کدام نهاد و کدام فصل ساخته شود؟")
        self.body = QComboBox(self)
        self.body.setAccessibleName("نهاد")
        self.body.setMinimumContentsLength(30)
        self.body.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        from app.services.overview import list_bodies

        for b in list_bodies(wizard.store):
            self.body.addItem(_INDENT * b.depth + b.name, b.id)
        today = wizard.clock.today()
        self.year = QSpinBox(self)
        self.year.setLocale(PERSIAN)
        self.year.setRange(MIN_YEAR, MAX_YEAR)
        year, quarter = quarter_of(today)
        self.year.setValue(year)
        self.year.setAccessibleName("سال")
        self.quarter = QComboBox(self)
        for quarter, name in QUARTER_NAMES.items():
            self.quarter.addItem(name, quarter)
        self.quarter.setCurrentIndex(self.quarter.findData(quarter))
        self.quarter.setAccessibleName("فصل")
        self.sub_bodies = QCheckBox("با کمیته‌های زیرمجموعه، در یک بسته", self)
        self.sub_bodies.setToolTip("استان‌ها بستهٔ شورا را با کمیته‌هایش یک‌جا می‌فرستند.")
        self.plan = QTextBrowser(self)
        self.plan.setObjectName("packagePlan")
        self.plan.setMinimumHeight(150)
        form = QFormLayout()
        form.addRow(buddy_label("&نهاد:", self.body, self), self.body)
        form.addRow(buddy_label("&سال:", self.year, self), self.year)
        form.addRow(buddy_label("&فصل:", self.quarter, self), self.quarter)
        form.addRow("", self.sub_bodies)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("آنچه در بسته می‌آید:", self))
        layout.addWidget(self.plan, 1)
        self.ok = False
        self.body.currentIndexChanged.connect(self.refresh)
        self.year.valueChanged.connect(self.refresh)
        self.quarter.currentIndexChanged.connect(self.refresh)
        self.sub_bodies.toggled.connect(self.refresh)
        if wizard.body_id is not None and self.body.findData(wizard.body_id) >= 0:
            self.body.setCurrentIndex(self.body.findData(wizard.body_id))
        self.refresh()

    def refresh(self) -> None:
        from app.package.export import plan_export

        self.ok = False
        if self.body.currentData() is None:
            self.plan.setPlainText("هنوز نهادی ثبت نشده است؛ نخست از منوی «نهاد» نهادی بسازید.")
        else:
            try:
                plan = plan_export(self.w.store, self.body.currentData(), self.year.value(),
                                   self.quarter.currentData(), sub_bodies=self.sub_bodies.isChecked(),
                                   now=self.w.clock.now())
            except UserError as exc:
                self.plan.setPlainText(exc.message)
            else:
                self.plan.setPlainText(plan.describe())
                self.ok = True
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.ok


class _SignPage(QWizardPage):
    def __init__(self, wizard: ExportWizard) -> None:
        super().__init__(wizard)
        self.w = wizard
        self.setTitle("امضا و ذخیره")
        self.setSubTitle("با امضای دیجیتال، وزارت و هر کس دیگری می‌تواند درستی بسته و فرستندهٔ آن را بیازماید.")
        self.sign = QCheckBox("بسته و صورتجلسه‌ها با گواهی من امضا شوند (پیشنهاد می‌شود)", self)
        self.certificate = QLineEdit(LAST_CERTIFICATE.read(), self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.output = QLineEdit(self)
        self.error = error_label(self)
        form = QFormLayout()
        form.addRow("", self.sign)
        form.addRow(buddy_label("&گواهی (PKCS#12):", self.certificate, self),
                    path_row(self, self.certificate, lambda: browse_certificate(self, self.certificate)))
        form.addRow(buddy_label("گذر&واژهٔ گواهی:", self.password, self), self.password)
        form.addRow(buddy_label("&ذخیره در:", self.output, self), path_row(self, self.output, self._browse))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("گذرواژه جایی نگه داشته نمی‌شود.", self))
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.sign.toggled.connect(self._signing)
        self.sign.setChecked(bool(self.certificate.text()))
        self._signing(self.sign.isChecked())

    def initializePage(self) -> None:
        from app.package.export import suggested_package_name

        choose = self.w.choose
        if not self.output.isModified():
            folder = Path(PACKAGE_FOLDER.read() or Path.home())
            name = suggested_package_name(choose.body.currentText().strip(), choose.year.value(),
                                          choose.quarter.currentData())
            self.output.setText(str(folder / name))
        (self.password if self.sign.isChecked() and self.certificate.text() else self.output).setFocus()

    def _signing(self, on: bool) -> None:
        for widget in (self.certificate, self.password):
            widget.setEnabled(on)

    def _browse(self) -> None:
        path = save_file_name(self, "ذخیرهٔ بستهٔ فصلی", self.output.text(), "بستهٔ فصلی (*.zip)")
        if path:
            self.output.setText(path if path.lower().endswith(".zip") else path + ".zip")
            self.output.setModified(True)

    def validatePage(self) -> bool:
        from app.export.certificates import load_certificate

        out = Path(self.output.text().strip()).expanduser()
        if not self.output.text().strip():
            return self._show("جای ذخیرهٔ بسته را برگزینید.")
        if not out.parent.is_dir():
            return self._show(f"پوشهٔ {ltr_isolate(out.parent)} نیست؛ پوشهٔ دیگری برگزینید.")
        if out.exists():
            return self._show(f"پروندهٔ {ltr_isolate(out.name)} از پیش هست؛ نام دیگری برگزینید یا آن را بردارید.")
        if self.sign.isChecked():
            if not self.certificate.text().strip():
                return self._show("پروندهٔ گواهی را برگزینید، یا بسته را بی‌امضا بسازید.")
            if not self.password.text():
                return self._show("گذرواژهٔ گواهی را بنویسید.")
            try:
                load_certificate(Path(self.certificate.text().strip()), self.password.text(), now=self.w.clock.now())
            except UserError as exc:
                return self._show(exc.message)
            LAST_CERTIFICATE.write(self.certificate.text().strip())
        PACKAGE_FOLDER.write(str(out.parent))
        self.error.setVisible(False)
        return True

    def _show(self, message: str) -> bool:
        self.error.setText(message)
        self.error.setVisible(True)
        return False


class _RunPage(QWizardPage):
    def __init__(self, wizard: ExportWizard) -> None:
        super().__init__(wizard)
        self.w = wizard
        self.setTitle("ساختن بسته")
        self.bar = QProgressBar(self)
        self.bar.setLocale(PERSIAN)
        self.step = QLabel(self)
        self.cancel_button = QPushButton("&لغو ساختن بسته", self)
        self.cancel_button.clicked.connect(wizard.cancel_export)
        self.again_button = QPushButton("&بازگشت به انتخاب‌ها", self)  # after a failure or a cancel
        self.again_button.setVisible(False)
        self.again_button.clicked.connect(wizard.restart)
        self.result = QTextBrowser(self)
        self.result.setObjectName("packageSummary")
        layout = QVBoxLayout(self)
        layout.addWidget(self.step)
        layout.addWidget(self.bar)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.again_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.result, 1)

    def initializePage(self) -> None:
        self.w.start_export()

    def isComplete(self) -> bool:
        return not self.w.running

    def cleanupPage(self) -> None:  # «بازگشت به انتخاب‌ها» after a failure or a cancel
        self.result.clear()
        self.again_button.setVisible(False)
        self.w.setButtonText(QWizard.WizardButton.FinishButton, "&پایان")


class ExportWizard(QWizard):
    """The export of one quarter (see the module's docstring).

    Signals:
        progressed(int, int, str): a step began (done, total, what is being made).
        finished_export(object): the :class:`~app.package.export.ExportSummary`, or None when it
            failed or was cancelled.
    """

    progressed = Signal(int, int, str)
    finished_export = Signal(object)

    def __init__(self, store: Store, ops: Ops, clock: Clock, parent: QWidget | None = None, *,
                 body_id: int | None = None) -> None:
        super().__init__(parent)
        self.store, self.ops, self.clock, self.body_id = store, ops, clock, body_id
        self.setWindowTitle("ساختن بستهٔ فصلی")
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        for button, text in ((QWizard.WizardButton.NextButton, "&بعدی"), (QWizard.WizardButton.BackButton, "&قبلی"),
                             (QWizard.WizardButton.CancelButton, "انصراف"),
                             (QWizard.WizardButton.FinishButton, "&پایان")):
            self.setButtonText(button, text)
        self.running = False
        self.summary: ExportSummary | None = None
        self._cancel = threading.Event()
        self._relay = _Relay(self)
        self._relay.progressed.connect(self._progress)
        self.choose = _ChoosePage(self)
        self.sign_page = _SignPage(self)
        self.run_page = _RunPage(self)
        for page in (self.choose, self.sign_page, self.run_page):
            self.addPage(page)
        self.sign_page.setButtonText(QWizard.WizardButton.NextButton, "&ساختن بسته")
        fit_window(self, PACKAGE_GEOMETRY, 760, 560)

    # --- the export ---------------------------------------------------------
    def start_export(self) -> None:
        from app.package.export import export_package

        c, p = self.choose, self.sign_page
        body_id, year, quarter, subs = (c.body.currentData(), c.year.value(), c.quarter.currentData(),
                                        c.sub_bodies.isChecked())
        out = Path(p.output.text().strip()).expanduser()
        sign = (Path(p.certificate.text().strip()), p.password.text()) if p.sign.isChecked() else None
        now = self.clock.now()
        self._cancel.clear()
        self.running, self.summary = True, None
        page = self.run_page
        page.result.clear()
        page.step.setText(f"در حال ساختن {ltr_isolate(out.name)}…")
        page.bar.setRange(0, 0)
        page.cancel_button.setEnabled(True)
        page.completeChanged.emit()
        relay = self._relay

        def work() -> ExportSummary:
            return export_package(self.store, body_id, year, quarter, out, sub_bodies=subs, sign=sign, now=now,
                                  progress=relay.progressed.emit, cancelled=self._cancel.is_set)

        self.ops.start(work, what="ساختن بستهٔ فصلی", done=self._done, user_error=self._refused,
                       ended=lambda: self._stopped("ساختن بسته به خطا خورد؛ پرونده‌ای نوشته نشد."), parent=self,
                       origin=self)

    def cancel_export(self) -> None:
        """«لغو»: the export stops before its next step and removes what it began."""
        if self.running:
            self._cancel.set()
            self.run_page.step.setText("در حال لغو…")
            self.run_page.cancel_button.setEnabled(False)

    def _progress(self, done: int, total: int, what: str) -> None:
        page = self.run_page
        page.bar.setRange(0, total)
        page.bar.setValue(done)
        if what:
            page.step.setText(f"در حال ساختن: {what} ({fa_number(done + 1)} از {fa_number(total)})")
        self.progressed.emit(done, total, what)

    def _done(self, summary: ExportSummary) -> None:
        self.summary = summary
        self.run_page.bar.setRange(0, 1)
        self.run_page.bar.setValue(1)
        self.run_page.result.setPlainText(summary.describe())
        self._stopped("بسته ساخته شد.")
        self.finished_export.emit(summary)

    def _refused(self, exc: UserError) -> None:
        self.run_page.result.setPlainText(exc.message)
        self._stopped("لغو شد." if exc.code == "package_cancelled" else "بسته ساخته نشد.")

    def _stopped(self, text: str) -> None:
        if not self.running:  # said already (a refusal is followed by Ops' «ended»)
            return
        self.running = False
        self.run_page.step.setText(text)
        self.run_page.cancel_button.setEnabled(False)
        if self.summary is None:  # nothing made: «بستن», not «پایان», and the way back to the choices
            self.run_page.bar.setRange(0, 1)
            self.run_page.bar.setValue(0)
            self.run_page.again_button.setVisible(True)
            self.setButtonText(QWizard.WizardButton.FinishButton, "&بستن")
            self.finished_export.emit(None)
        self.run_page.completeChanged.emit()

    def reject(self) -> None:
        if self.running:  # Esc or the close box while it runs: cancel first, close when it has stopped
            self.cancel_export()
            return
        super().reject()
