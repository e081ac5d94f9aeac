"""«باز کردن بستهٔ فصلی…»: the report of ``dabir verify PKG.zip``, then, if the user wants,
what importing it would add or change, and the import itself.

1. The package is verified in the background against the trusted senders
   (:mod:`app.package.trust`); the dialog shows the verdict and the report as the command
   line prints it.
2. A package without a trusted signature is taken only when the user ticks the warning
   (``--allow-unsigned``); a sender can be trusted here, by its certificate file or, after
   comparing the fingerprint, by the certificate that signed the package.
3. «ورود به این دفتر…» runs the import as a dry run and shows what it would do; «وارد کن»
   writes it. A refusal (a broken package, a record of this office's own) is shown in the
   dialog and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.clock import Clock
from app.errors import UserError
from app.persian.text import ltr_isolate
from app.store.db import Store
from ui.meeting.sign_dialogs import error_label
from ui.meeting.verify_dialog import file_label, report_browser, report_html, verdict_label
from ui.shell.geometry import fit_window
from ui.shell.ops import Ops
from ui.shell.settings import PACKAGE_FOLDER, PACKAGE_GEOMETRY
from ui.shell.theme import ALERT, SUCCESS, WARNING
from ui.widgets.file_dialogs import open_file_name

if TYPE_CHECKING:
    from app.package.cms import ManifestSignature
    from app.package.import_ import ImportResult
    from app.package.verify import PackageReport

__all__ = ["PackageWindow", "choose_and_open_package", "open_package"]


def plain(text: str) -> str:
    """A name from a certificate as one line of plain text: no line breaks, controls or bidi
    overrides with which a crafted name could push the fingerprint out of sight."""
    import unicodedata

    return "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in text
                   if unicodedata.category(ch) != "Cf" or ch in "\u200c\u200d").strip()[:200]


class PackageWindow(QDialog):
    """One package: its report, then the import preview, then what was imported.

    Signals:
        imported(object): the :class:`~app.package.import_.ImportResult` of a written import.
    """

    imported = Signal(object)

    def __init__(self, report: PackageReport, path: Path, store: Store, ops: Ops, clock: Clock,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.ops, self.clock, self.path = store, ops, clock, path
        self.report = report
        self.preview: ImportResult | None = None
        self.setWindowTitle("بستهٔ فصلی")
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.verdict = verdict_label("", self)
        self.verdict.setObjectName("packageVerdict")
        self.file = file_label(path, self)
        self.details = report_browser(self)
        self.details.setObjectName("packageDetails")
        self.allow = QCheckBox(self)
        self.allow.setObjectName("allowUnsigned")
        self.allow.setStyleSheet(f"color: {WARNING};")
        self.error = error_label(self)
        self.trust_signer_button = QPushButton("اعتماد به امضاکنندهٔ این بسته…", self)
        self.trust_file_button = QPushButton("افزودن گواهی فرستنده…", self)
        self.import_button = QPushButton("&ورود به این دفتر…", self)
        self.confirm_button = QPushButton("&وارد کن", self)
        self.back_button = QPushButton("&بازگشت به گزارش", self)
        self.close_button = QPushButton("&بستن", self)
        self.trust_signer_button.setToolTip("اثر انگشت گواهی را با آنچه فرستنده (مثلاً تلفنی) می‌گوید بسنجید، سپس "
                                            "اعتماد کنید؛ بسته‌های بعدی او بی‌هشدار پذیرفته می‌شوند.")
        self.trust_signer_button.clicked.connect(self._trust_signer)
        self.trust_file_button.clicked.connect(self._trust_file)
        self.import_button.clicked.connect(self.preview_import)
        self.confirm_button.clicked.connect(self.confirm_import)
        self.back_button.clicked.connect(lambda: self.show_report(self.report))
        self.close_button.clicked.connect(self.reject)
        self.allow.toggled.connect(self._update_buttons)
        buttons = QHBoxLayout()
        for button in (self.import_button, self.confirm_button, self.back_button, self.trust_signer_button,
                       self.trust_file_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict)
        layout.addWidget(self.file)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.allow)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        fit_window(self, PACKAGE_GEOMETRY, 860, 600)
        self.show_report(report)

    # --- the report -----------------------------------------------------------
    def needs_allowance(self) -> bool:
        """Whether importing needs «--allow-unsigned»: no signature, or a signer not trusted here."""
        sig = self.report.signature
        return not self.report.signed or sig is None or not sig.trusted

    def importable(self) -> bool:
        r = self.report
        return r.sound and (not r.signed or (r.signature_ok and all(p.ok for p in r.pdfs.values())))

    def show_report(self, report: PackageReport) -> None:
        self.report, self.preview = report, None
        lines = report.describe().splitlines()
        state = lines[1].removeprefix("وضعیت: ") if len(lines) > 1 else ""
        colour = SUCCESS if report.ok and not self.needs_allowance() else WARNING if self.importable() else ALERT
        self.verdict.setText(state)
        self.verdict.setStyleSheet(f"color: {colour};")
        self.details.setHtml(report_html([lines[0], *lines[2:]]))
        self.allow.setChecked(False)
        if not report.signed:
            self.allow.setText("این بسته امضا نشده است. آن را از راه مطمئنی گرفته‌ام و با این حال واردش می‌کنم.")
        else:
            self.allow.setText("امضاکنندهٔ این بسته در میان فرستندگان مورد اعتماد نیست. فرستنده را می‌شناسم و "
                               "با این حال واردش می‌کنم.")
        self.allow.setVisible(self.importable() and self.needs_allowance())
        self.error.setVisible(False)
        self._mode("report")

    def _mode(self, mode: str) -> None:
        self.mode = mode
        sig = self.report.signature
        self.import_button.setVisible(mode == "report")
        self.trust_signer_button.setVisible(mode == "report" and sig is not None and sig.intact and not sig.trusted)
        self.trust_file_button.setVisible(mode == "report" and self.report.signed)
        self.confirm_button.setVisible(mode == "preview")
        self.back_button.setVisible(mode == "preview")
        self.allow.setEnabled(mode == "report")
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.import_button.setEnabled(self.importable() and (self.allow.isChecked() or not self.needs_allowance()))
        self.confirm_button.setEnabled(self.preview is not None and self.preview.has_changes)

    def _trust_signer(self) -> None:
        from app.package.trust import trust_signer

        sig = self.report.signature
        assert sig is not None
        if not self.ask_trust(sig):
            return None
        try:
            written = trust_signer(sig)
        except (UserError, OSError) as exc:
            return self._show(getattr(exc, "message", None) or str(exc))
        self.ops.show(self, f"«{sig.signer}» از این پس فرستندهٔ مورد اعتماد است (گواهی در "
                            f"{ltr_isolate(written)}).", QMessageBox.Icon.Information)
        self.reverify()

    def ask_trust(self, sig: ManifestSignature) -> bool:
        """«Trust this signer from now on?», with the fingerprint to read out to the sender; a
        method so tests can answer it. No is the default: Enter does not trust."""
        signer, organisation = plain(sig.signer), plain(sig.organisation)  # the sender's words: never markup
        box = QMessageBox(QMessageBox.Icon.Question, "اعتماد به فرستنده",
                          f"از این پس بسته‌های «{signer}»{f' ({organisation})' if organisation else ''} "
                          "بی‌هشدار پذیرفته می‌شوند.\n\nپیش از اعتماد، اثر انگشت گواهی را با آنچه فرستنده "
                          f"(مثلاً تلفنی) می‌گوید بسنجید:\n{ltr_isolate(sig.fingerprint)}", parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        yes = box.addButton("&اعتماد می‌کنم", QMessageBox.ButtonRole.AcceptRole)
        no = box.addButton("ا&نصراف", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)
        box.exec()
        return box.clickedButton() is yes

    def _trust_file(self) -> None:
        path = open_file_name(self, "گواهی فرستنده", "", "گواهی (*.pem *.crt *.cer *.der);;"
                                              "همهٔ پرونده‌ها (*)")
        if path:
            self.trust_file(Path(path))

    def trust_file(self, path: Path) -> None:
        from app.package.trust import add_trusted_file

        try:
            add_trusted_file(path)
        except UserError as exc:
            return self._show(exc.message)
        except OSError as exc:
            return self._show(f"گواهی نوشته نشد: {exc.strerror or exc}")
        self.reverify()

    def reverify(self) -> None:
        """Check the package again (a sender was trusted)."""
        verify_package_in_background(self.ops, self.path, self, self.clock, done=self.show_report)

    # --- the import -----------------------------------------------------------
    def preview_import(self) -> None:
        """What importing would add or change (a dry run: nothing is written)."""
        self._run_import(dry_run=True, done=self._show_preview)

    def confirm_import(self) -> None:
        self._run_import(dry_run=False, done=self._imported)

    def _run_import(self, *, dry_run: bool, done: Callable[[ImportResult], None]) -> None:
        from app.package.import_ import import_package
        from app.package.trust import trusted_senders

        allow, now = self.allow.isChecked(), self.clock.now()
        # What is written is the file that was previewed: one replaced since is refused.
        seen = self.preview.report.sha256 if not dry_run and self.preview is not None else ""
        trust = trusted_senders()
        self.error.setVisible(False)
        for button in (self.import_button, self.confirm_button):
            button.setEnabled(False)

        def work() -> ImportResult:
            return import_package(self.store, self.path, allow_unsigned=allow, trust=trust, dry_run=dry_run, now=now,
                                  expected_sha256=seen)

        self.ops.start(work, what="ورود بستهٔ فصلی", done=done, user_error=lambda exc: self._show(exc.message),
                       ended=self._update_buttons, parent=self, busy="در حال بررسی و خواندن بسته…", origin=self)

    def _show_preview(self, result: ImportResult) -> None:
        self.preview = result
        lines = result.describe().splitlines()
        start = lines.index("") + 1 if "" in lines else 0  # the report is on screen already: what would change
        self.details.setHtml(report_html(lines[start:]))
        self.verdict.setText("پیش‌نمایش ورود: چیزی هنوز نوشته نشده است." if result.has_changes
                             else "این بسته چیز تازه‌ای برای این دفتر ندارد.")
        self._mode("preview")

    def _imported(self, result: ImportResult) -> None:
        self.preview = None
        lines = result.describe().splitlines()
        start = lines.index("") + 1 if "" in lines else 0
        self.details.setHtml(report_html(lines[start:]))
        self.verdict.setText("بسته وارد شد." if result.has_changes else "این بسته چیز تازه‌ای نداشت.")
        self.verdict.setStyleSheet(f"color: {SUCCESS};")
        self._mode("done")
        self.imported.emit(result)

    def _show(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(True)
        self._update_buttons()


def verify_package_in_background(ops: Ops, path: Path, parent: QWidget, clock: Clock,
                                 done: Callable[[PackageReport], None]) -> None:
    """Check ``path`` against the trusted senders off the GUI thread, then ``done(report)``."""
    from app.package.trust import trusted_senders

    trust, now = trusted_senders(), clock.now()

    def work() -> PackageReport:
        from app.package.verify import verify_package

        return verify_package(path, trust_roots=trust, now=now)

    ops.start(work, what="بررسی بستهٔ فصلی", done=done, busy="در حال بررسی بسته…", parent=parent)


def open_package(path: Path, store: Store, ops: Ops, clock: Clock, parent: QWidget,
                 shown: Callable[[PackageWindow], None] | None = None) -> None:
    """Verify ``path``, then open its window (``shown`` receives it)."""

    def done(report: PackageReport) -> None:
        window = PackageWindow(report, path, store, ops, clock, parent)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.open()
        if shown is not None:
            shown(window)

    verify_package_in_background(ops, path, parent, clock, done)


def choose_and_open_package(store: Store, ops: Ops, clock: Clock, parent: QWidget,
                            shown: Callable[[PackageWindow], None] | None = None) -> None:
    path = open_file_name(parent, "باز کردن بستهٔ فصلی", PACKAGE_FOLDER.read(),
                                          "بستهٔ فصلی (*.zip);;همهٔ پرونده‌ها (*)")
    if path:
        open_package(Path(path), store, ops, clock, parent, shown)
