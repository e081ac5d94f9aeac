"""«بررسی امضا…»: the report of ``dabir verify`` on a PDF the user picks, in a dialog.

The check runs in the background (:meth:`ui.shell.ops.Ops.start`); the dialog
shows its verdict as one coloured line and every signature in order, as the
command line prints them (:meth:`app.export.verification.VerifyReport.describe`).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.persian.text import ltr_isolate
from ui.shell.geometry import fit_window
from ui.shell.ops import Ops
from ui.shell.settings import VERIFY_GEOMETRY
from ui.shell.theme import ALERT, MUTED, SUCCESS

if TYPE_CHECKING:
    from app.export.verification import VerifyReport

__all__ = ["VerifyDialog", "file_label", "ltr", "report_browser", "verdict_label", "verify_in_background"]


ltr = ltr_isolate  # a path or file name as a left-to-right isolate inside Persian text


def report_html(lines: list[str]) -> str:
    """The report's lines as right-to-left paragraphs: each signature's title in bold, its problems in red."""
    out = []
    for line in lines:
        text = html.escape(line.strip())
        if not line.startswith(" ") and line.endswith(":"):
            body = f"<b>{text}</b>"
            top = 10
        elif line.strip().startswith("- "):
            body = f'<span style="color:{ALERT}">{text}</span>'
            top = 2
        elif line.startswith(" "):
            label, sep, rest = text.partition(": ")
            body = f'<span style="color:{MUTED}">{label}{sep}</span>{rest}' if sep else text
            top = 2
        else:
            body, top = text, 4
        margin = 18 if line.startswith(" ") else 0
        out.append(f'<p dir="rtl" align="right" style="margin-top:{top}px; margin-bottom:0; '
                   f'margin-right:{margin}px">{body}</p>')
    return "".join(out)


def verdict_label(text: str, parent: QWidget) -> QLabel:
    """The verdict above a report, bold and a little larger (its colour is set by the caller)."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    return label


def file_label(path: Path, parent: QWidget) -> QLabel:
    """«پرونده: …» with the path left to right, selectable, never read as markup."""
    label = QLabel(f"پرونده: {ltr(path)}", parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


def report_browser(parent: QWidget) -> QTextBrowser:
    """The box the report's paragraphs (:func:`report_html`) go in, right to left."""
    browser = QTextBrowser(parent)
    browser.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    option = browser.document().defaultTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    option.setAlignment(Qt.AlignmentFlag.AlignRight)
    browser.document().setDefaultTextOption(option)
    return browser


class VerifyDialog(QDialog):
    """The verdict (green when the file is signed and unchanged, red otherwise) and the full report."""

    def __init__(self, report: VerifyReport, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("بررسی امضای دیجیتال")
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.report = report
        lines = report.describe().splitlines()
        self.verdict = verdict_label(lines[0], self)
        self.verdict.setObjectName("verifyVerdict")
        self.colour = SUCCESS if report.ok else ALERT
        self.verdict.setStyleSheet(f"color: {self.colour};")
        self.file = file_label(path, self)
        self.details = report_browser(self)
        self.details.setHtml(report_html(lines[1:]))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("بستن")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict)
        layout.addWidget(self.file)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        fit_window(self, VERIFY_GEOMETRY, 820, 560)


def verify_in_background(ops: Ops, path: Path, parent: QWidget,
                         shown: Callable[[VerifyDialog], None] | None = None) -> None:
    """Check ``path`` off the GUI thread, then open the dialog (``shown`` receives it)."""

    def work() -> VerifyReport:
        from app.export.verification import verify_pdf

        return verify_pdf(path)

    def done(report: VerifyReport) -> None:
        dialog = VerifyDialog(report, path, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        if shown is not None:
            shown(dialog)

    ops.start(work, what="بررسی امضا", done=done, busy="در حال بررسی امضا…", parent=parent)
