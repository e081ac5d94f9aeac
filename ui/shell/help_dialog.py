"""F1: the short Persian help page in a dialog."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app.services.help_page import help_html


def shortcuts_of(actions: Iterable[QAction]) -> list[tuple[str, str]]:
    """(what, keys) of every action that has a shortcut, as the menus name it; keys as printed on a keyboard."""
    out: dict[str, str] = {}
    for action in actions:
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
        what = action.text().replace("&", "").removesuffix("…").strip()
        if keys and what:
            out.setdefault(what, keys)
    return list(out.items())


class HelpDialog(QDialog):
    def __init__(self, store: Path | None, actions: Iterable[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("راهنما")
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        option = self.browser.document().defaultTextOption()  # lists and their bullets right to left
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        self.browser.document().setDefaultTextOption(option)
        self.browser.setHtml(help_html(store, shortcuts_of(actions)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(620, 560)
