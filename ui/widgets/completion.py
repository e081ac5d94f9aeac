"""Completers that match Persian text the way people type it."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter, QLineEdit


def attach_completer(editor: QLineEdit, words: list[str]) -> QCompleter:
    """Suggest ``words`` as the user types, matching anywhere in the word.

    QLineEdit puts a suggestion picked with the arrows, Enter or the mouse into the field with
    setText, which emits textChanged but not textEdited; forms that keep what the user edited
    listen to textEdited, so they kept the typed prefix while the field showed the full name.
    Here a suggestion that lands in the field is announced as an edit, exactly as typing it would be.
    A second call (the names changed) replaces the completer; QLineEdit deletes the one it owned.
    """
    completer = QCompleter(words, editor)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    editor.setCompleter(completer)
    completer.highlighted[str].connect(lambda word: _announce(editor, word))  # type: ignore[index]
    completer.activated[str].connect(lambda word: _announce(editor, word))  # type: ignore[index]
    return completer


def _announce(editor: QLineEdit, word: str) -> None:
    # QLineEdit's own slot may run after this one: set the word here, so what is announced is what is shown.
    if editor.text() != word:
        editor.setText(word)
    editor.textEdited.emit(word)


class ListCompleter(QCompleter):
    """Completes the last item of a list typed as «واحد الف، واحد ب، …» (Persian or Latin comma).

    QCompleter completes a whole line by itself; here the text before the last comma is kept
    and only what follows it is matched and replaced.
    """

    SEPARATOR = re.compile(r"[،,]")

    def __init__(self, words: list[str], editor: QLineEdit) -> None:
        super().__init__(words, editor)
        self._inserting = False
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setWidget(editor)
        self.activated[str].connect(self._insert)  # type: ignore[index]
        editor.textEdited.connect(self._typed)

    def _line(self) -> QLineEdit:
        editor = self.widget()
        assert isinstance(editor, QLineEdit)
        return editor

    @classmethod
    def split(cls, text: str) -> tuple[str, str]:
        """(what stays before the item being typed, the item being typed)."""
        parts = cls.SEPARATOR.split(text)
        head = text[:len(text) - len(parts[-1])]
        return head, parts[-1].strip()

    def _typed(self, text: str) -> None:
        if self._inserting:
            return
        _, item = self.split(text)
        if not item:
            popup = self.popup()
            if popup is not None:
                popup.hide()
            return
        self.setCompletionPrefix(item)
        self.complete()

    def _insert(self, word: str) -> None:
        head, _ = self.split(self._line().text())
        head = head.rstrip()
        line = self._line()
        line.setText((head.rstrip("،,") + "، " if head else "") + word)
        self._inserting = True
        try:
            line.textEdited.emit(line.text())  # a choice is an edit, as typing is: forms listen to this
        finally:
            self._inserting = False


def attach_list_completer(editor: QLineEdit, words: list[str]) -> ListCompleter:
    """Suggest ``words`` for the item after the last comma of a comma-separated field."""
    return ListCompleter(words, editor)
