"""«امضای همکار…»: a member co-signs signed minutes in their own box of the signature block.

The dialog takes the signed PDF, one of its empty signature slots (role and
name), the co-signer's certificate and password, and where the co-signed copy
goes; the work is :func:`app.export.cosigning.cosign_file`, run in the
background. The dialog stays open with the message at its foot when something
is refused (wrong password, a file that is not intact), and closes when the
copy is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.export.cosigning import CosignResult, SlotChoice
from app.files import proposed_file_name
from ui.meeting.sign_dialogs import browse_certificate, error_label, path_row
from ui.shell.geometry import fit_window
from ui.shell.ops import Ops
from ui.shell.settings import COSIGN_GEOMETRY, LAST_CERTIFICATE
from ui.widgets.file_dialogs import open_file_name, save_file_name

__all__ = ["CosignDialog", "cosigned_name"]

_SLOT = Qt.ItemDataRole.UserRole


def cosigned_name(source: Path) -> Path:
    """Beside the source: «صورتجلسه … - امضای همکار.pdf»; the source is never overwritten."""
    return source.with_name(proposed_file_name(source.stem, "امضای همکار", suffix=".pdf"))


class CosignDialog(QDialog):
    """Which signed minutes, which empty slot, which certificate, where the copy goes.

    Signals:
        submitted(): the form is complete; the caller signs (see :meth:`run`).
    """

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None, *, source: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("امضای همکار در صورتجلسهٔ امضاشده")
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.source = QLineEdit(self)
        self.source.editingFinished.connect(self.load_slots)
        self.slots = QListWidget(self)
        self.slots.setMinimumHeight(140)
        self.certificate = QLineEdit(LAST_CERTIFICATE.read(), self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.output = QLineEdit(self)
        self.error = error_label(self)
        form = QFormLayout()
        form.addRow("صورتجلسهٔ امضاشده:", path_row(self, self.source, self._browse_source))
        form.addRow("جای امضای شما:", self.slots)
        form.addRow("گواهی (PKCS#12):", path_row(self, self.certificate, self._browse_certificate))
        form.addRow("گذرواژهٔ گواهی:", self.password)
        form.addRow("ذخیرهٔ نسخهٔ امضاشده در:", path_row(self, self.output, self._browse_output))
        hint = QLabel("هر عضو در جای امضای خود امضا می‌کند؛ نسخهٔ پیشین دست نمی‌خورد. گذرواژه جایی نگه داشته "
                      "نمی‌شود.", self)
        hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("امضا و ذخیره")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("انصراف")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        fit_window(self, COSIGN_GEOMETRY, 700, 480)
        if source is not None:
            self.source.setText(str(source))
            self.load_slots()

    # --- the form ---------------------------------------------------------------
    def load_slots(self) -> None:
        """List the empty slots of the chosen file; say at the foot why there are none."""
        from app.export.cosigning import empty_slots
        from app.export.verification import read_pdf

        self.slots.clear()
        self.error.setVisible(False)
        text = self.source.text().strip()
        if not text:
            return
        path = Path(text)
        try:
            free = empty_slots(read_pdf(path))
        except UserError as exc:
            return self.show_error(exc.message)
        if not free:
            return self.show_error("جای امضای خالی‌ای در این پرونده نمانده است؛ همهٔ امضاکنندگان امضا کرده‌اند.")
        for slot in free:
            item = QListWidgetItem(slot.title, self.slots)
            item.setData(_SLOT, slot)
        self.slots.setCurrentRow(0)
        if not self.output.text().strip() or self.output.property("suggested"):
            self.output.setText(str(cosigned_name(path)))
            self.output.setProperty("suggested", True)

    def chosen_slot(self) -> SlotChoice | None:
        item = self.slots.currentItem()
        return item.data(_SLOT) if item is not None else None

    def _browse_source(self) -> None:
        path = open_file_name(self, "صورتجلسهٔ امضاشده", self.source.text(),
                                              "PDF (*.pdf);;همهٔ پرونده‌ها (*)")
        if path:
            self.source.setText(path)
            self.load_slots()

    def _browse_certificate(self) -> None:
        browse_certificate(self, self.certificate)

    def _browse_output(self) -> None:
        path = save_file_name(self, "ذخیرهٔ نسخهٔ امضاشده", self.output.text(), "PDF (*.pdf)")
        if path:
            self.output.setText(path)
            self.output.setProperty("suggested", False)

    def accept(self) -> None:
        """Check that nothing is missing, then ask the caller to sign; the dialog closes when it is written."""
        if not self.source.text().strip():
            return self.show_error("صورتجلسهٔ امضاشده را برگزینید.")
        if self.chosen_slot() is None:
            return self.show_error("جای امضای خود را از فهرست برگزینید.")
        if not self.certificate.text().strip():
            return self.show_error("پروندهٔ گواهی خود را برگزینید.")
        if not self.password.text():
            return self.show_error("گذرواژهٔ گواهی را بنویسید.")
        if not self.output.text().strip():
            return self.show_error("جای ذخیرهٔ نسخهٔ امضاشده را برگزینید.")
        self.error.setVisible(False)
        LAST_CERTIFICATE.write(self.certificate.text())
        self.submitted.emit()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(True)

    # --- the work -----------------------------------------------------------------
    def run(self, ops: Ops, when: dt.datetime, written: Callable[[CosignResult, Path], None]) -> None:
        """Co-sign as the form says: the password is checked here, the signing in the background."""
        from app.export.certificates import load_certificate
        from app.export.cosigning import cosign_file

        slot = self.chosen_slot()
        assert slot is not None  # accept() checked
        source, target = Path(self.source.text().strip()), Path(self.output.text().strip())
        p12, password = Path(self.certificate.text().strip()), self.password.text()
        try:
            load_certificate(p12, password, now=when)  # a wrong password: said here, at once
        except UserError as exc:
            return self.show_error(exc.message)

        def work() -> CosignResult:
            return cosign_file(source, target, slot.name, p12, password, when=when)

        def done(result: CosignResult) -> None:
            written(result, target)
            super(CosignDialog, self).accept()

        ops.start(work, what="امضای همکار", done=done, busy="در حال امضا و ذخیره…", parent=self,
                  user_error=lambda exc: self.show_error(exc.message))
