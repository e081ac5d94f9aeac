"""Opening the store at start-up, and what the user may do when it cannot be opened as it is.

:func:`open_store` refuses untouched a store that is damaged, locked, read-only or from a
newer Dabir (app/store/integrity.py says why, in Persian). Here the reason is shown with
the ways forward that make sense for it: open the last good backup (a damaged store; the
damaged file is set aside, not lost), open read-only (a newer or unwritable store, or a
damaged one to look at), try again (locked), or quit.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from app.clock import Clock
from app.errors import UserError
from app.store import backup
from app.store.db import Store, open_store
from app.store.integrity import last_good_backup

READ_ONLY, RESTORE, RETRY, QUIT = "read_only", "restore", "retry", "quit"
LABELS = {READ_ONLY: "باز کردن فقط‌خواندنی", RESTORE: "بازگرداندن آخرین پشتیبان", RETRY: "دوباره", QUIT: "خروج"}
Ask = Callable[[UserError, list[str]], str]


def choices_for(exc: UserError, path: Path) -> list[str]:
    """The ways forward offered for the refusal ``exc``, the safest first; «quit» always last."""
    if exc.code in ("store_newer", "store_read_only"):
        return [READ_ONLY, QUIT]
    if exc.code == "store_damaged":
        return ([RESTORE] if last_good_backup(path) is not None else []) + [READ_ONLY, QUIT]
    if exc.code in ("store_locked", "store_unreachable", "store_io", "store_disk_full"):
        return [RETRY, QUIT]
    return [QUIT]


def choice_box(exc: UserError, choices: list[str], parent: QWidget | None = None) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Critical, "دبیر", exc.message, parent=parent)
    for choice in choices:
        role = QMessageBox.ButtonRole.RejectRole if choice == QUIT else QMessageBox.ButtonRole.AcceptRole
        box.addButton(LABELS[choice], role).setObjectName(choice)
    return box


def ask_user(exc: UserError, choices: list[str]) -> str:
    box = choice_box(exc, choices)
    box.exec()
    clicked = box.clickedButton()
    return clicked.objectName() if clicked is not None and clicked.objectName() in LABELS else QUIT


def open_interactively(path: Path, clock: Clock, ask: Ask = ask_user) -> Store | None:
    """The store at ``path``, opened as well as it can be with the user's say; None: quit."""
    while True:
        try:
            return open_store(path, clock=clock)
        except UserError as exc:
            choice = ask(exc, choices_for(exc, path))
        if choice == QUIT:
            return None
        try:
            if choice == READ_ONLY:
                return open_store(path, read_only=True)
            if choice == RESTORE:
                last = last_good_backup(path)
                assert last is not None
                backup.restore(path, last, clock)
        except UserError as exc:  # that way is closed too: say so, and offer what is left
            if ask(exc, [QUIT]) == QUIT:
                return None
