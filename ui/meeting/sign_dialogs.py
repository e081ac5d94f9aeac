"""Dialogs for signing: choose a certificate and its password, or make a local certificate."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from ui.shell.settings import LAST_CERTIFICATE
from ui.widgets.file_dialogs import open_file_name, save_file_name
from ui.widgets.form_labels import buddy_label


def error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def browse_certificate(parent: QWidget, edit: QLineEdit) -> None:
    """Choose a PKCS#12 certificate into ``edit`` (the sign and co-sign dialogs)."""
    path = open_file_name(parent, "گواهی امضا", edit.text(),
                                          "PKCS#12 (*.p12 *.pfx);;همهٔ پرونده‌ها (*)")
    if path:
        edit.setText(path)


def path_row(parent: QWidget, edit: QLineEdit, browse) -> QHBoxLayout:  # type: ignore[no-untyped-def]
    """A path field with its «انتخاب…» button; the path reads left to right (a Persian file name
    inside it stays whole), as the bidi algorithm would otherwise move its slashes about."""
    edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    button = QPushButton("انتخاب…", parent)
    button.clicked.connect(browse)
    row.addWidget(button)
    return row


class CertificateDialog(QDialog):
    """«ساخت گواهی محلی»: name, post, organisation and a password; the password is not kept."""

    def __init__(self, parent: QWidget | None = None, *, name: str = "", post: str = "",
                 organisation: str = "") -> None:
        super().__init__(parent)
        from app.export.certificates import LOCAL_CERTIFICATE_NOTICE

        self.setWindowTitle("ساخت گواهی محلی برای امضا")
        self.created: Path | None = None
        self.name = QLineEdit(name, self)
        self.post = QLineEdit(post, self)
        self.organisation = QLineEdit(organisation, self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(self)
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.path = QLineEdit(self)
        self.name.textEdited.connect(self._suggest_path)
        self._suggest_path(name)
        notice = QLabel(LOCAL_CERTIFICATE_NOTICE, self)
        notice.setWordWrap(True)
        self.error = error_label(self)
        form = QFormLayout()
        form.addRow("&نام:", self.name)
        form.addRow("&سمت:", self.post)
        form.addRow("&سازمان:", self.organisation)
        form.addRow("&گذرواژه:", self.password)
        form.addRow("&تکرار گذرواژه:", self.repeat)
        # A row whose field is a layout has no buddy of its own: the label is given one, or its «&» shows.
        form.addRow(buddy_label("&پرونده:", self.path, self), path_row(self, self.path, self._browse))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("ساخت گواهی")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(notice)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _suggest_path(self, name: str) -> None:
        from app.export.certificates import default_certificate_path

        if not self.path.isModified():
            self.path.setText(str(default_certificate_path(name.strip() or "certificate")))

    def _browse(self) -> None:
        path = save_file_name(self, "پروندهٔ گواهی", self.path.text(), "PKCS#12 (*.p12 *.pfx)")
        if path:
            self.path.setText(path)
            self.path.setModified(True)

    def accept(self) -> None:
        from app.export.certificates import create_local_certificate

        if self.password.text() != self.repeat.text():
            return self._show("گذرواژه و تکرار آن یکی نیستند.")
        try:
            Path(self.path.text()).parent.mkdir(parents=True, exist_ok=True)
            create_local_certificate(Path(self.path.text()), self.password.text(), name=self.name.text(),
                                     post=self.post.text(), organisation=self.organisation.text())
        except UserError as exc:
            return self._show(exc.message)
        except OSError as exc:
            return self._show(f"پوشهٔ گواهی ساخته نمی‌شود: {exc.strerror}")
        self.created = Path(self.path.text())
        LAST_CERTIFICATE.write(str(self.created))
        super().accept()

    def _show(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(True)


class SignDialog(QDialog):
    """«امضا و خروجی»: which certificate, its password, and where the signed PDF goes."""

    def __init__(self, default_output: Path, parent: QWidget | None = None, *, signer_hint: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("امضای دیجیتال و خروجی PDF")
        self.signer_hint = signer_hint
        self.certificate = QLineEdit(LAST_CERTIFICATE.read(), self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.output = QLineEdit(str(default_output), self)
        make = QPushButton("ساخت گواهی محلی…", self)
        make.clicked.connect(self._make_certificate)
        self.error = error_label(self)
        form = QFormLayout()
        form.addRow(buddy_label("&گواهی (PKCS#12):", self.certificate, self),
                    path_row(self, self.certificate, self._browse_certificate))
        form.addRow("", make)
        form.addRow("گذر&واژهٔ گواهی:", self.password)
        form.addRow(buddy_label("&ذخیره در:", self.output, self), path_row(self, self.output, self._browse_output))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("امضا و ذخیره")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("گذرواژه جایی نگه داشته نمی‌شود.", self))
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        (self.password if self.certificate.text() else self.certificate).setFocus()

    def _browse_certificate(self) -> None:
        browse_certificate(self, self.certificate)

    def _browse_output(self) -> None:
        path = save_file_name(self, "ذخیرهٔ صورتجلسهٔ امضاشده", self.output.text(), "PDF (*.pdf)")
        if path:
            self.output.setText(path)

    def _make_certificate(self) -> None:
        dialog = CertificateDialog(self, name=self.signer_hint)
        if dialog.exec() and dialog.created is not None:
            self.certificate.setText(str(dialog.created))
            self.password.setFocus()

    def accept(self) -> None:
        if not self.certificate.text().strip():
            return self._show("پروندهٔ گواهی را برگزینید یا یک گواهی محلی بسازید.")
        if not self.password.text():
            return self._show("گذرواژهٔ گواهی را بنویسید.")
        if not self.output.text().strip():
            return self._show("جای ذخیرهٔ پرونده را برگزینید.")
        LAST_CERTIFICATE.write(self.certificate.text())
        super().accept()

    def show_error(self, message: str) -> None:
        """Shown again with the service's message (wrong password, expired certificate…)."""
        self._show(message)

    def _show(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(True)
