"""Completers that match Persian text the way people type it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter, QLineEdit


def attach_completer(editor: QLineEdit, words: list[str]) -> QCompleter:
    """Suggest ``words`` as the user types, matching anywhere in the word."""
    completer = QCompleter(words, editor)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    editor.setCompleter(completer)
    return completer
