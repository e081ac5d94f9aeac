"""The app's side of integrity and backups: the ways forward at start-up, the backups dialog."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.clock import FixedClock
from app.errors import UserError
from app.services.bodies import save_body
from app.services.changes import Changes
from app.store import backup
from app.store.db import open_store
from ui.shell.store_open import QUIT, READ_ONLY, RESTORE, RETRY, choice_box, choices_for, open_interactively

CLOCK = FixedClock(dt.date(2024, 11, 23))


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def names(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        out = [r[0] for r in conn.execute("SELECT name FROM bodies ORDER BY id")]
    conn.close()
    return out


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "dabir.db"
    store = open_store(path)
    save_body(store, "شورای راهبری", "council")
    store.close()
    return path


def _damage(path: Path) -> None:
    """The header claims pages the file no longer has (its end was lost)."""
    data = bytearray(path.read_bytes())
    assert data[92:96] == data[24:28]  # the page count is one SQLite trusts
    data[28:32] = (len(data) // 4096 + 50).to_bytes(4, "big")
    path.write_bytes(bytes(data))


class Asked:
    def __init__(self, *answers: str) -> None:
        self.answers = list(answers)
        self.offered: list[tuple[str, list[str]]] = []

    def __call__(self, exc: UserError, choices: list[str]) -> str:
        self.offered.append((exc.code, choices))
        return self.answers.pop(0)


def test_a_newer_store_is_offered_read_only_or_quit_and_never_changed(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0077'")
    conn.close()
    before = sha(db)
    assert open_interactively(db, CLOCK, Asked(QUIT)) is None
    asked = Asked(READ_ONLY)
    store = open_interactively(db, CLOCK, asked)
    assert asked.offered == [("store_newer", [READ_ONLY, QUIT])]
    assert store is not None and store.read_only
    assert store.fetch_all("SELECT name FROM bodies") == [("شورای راهبری",)]
    store.close()
    assert sha(db) == before


def test_a_damaged_store_offers_its_last_backup(db: Path, tmp_path: Path) -> None:
    backup.take(db, CLOCK, "daily")
    _damage(db)
    damaged = db.read_bytes()
    asked = Asked(RESTORE)
    store = open_interactively(db, CLOCK, asked)
    assert asked.offered == [("store_damaged", [RESTORE, READ_ONLY, QUIT])]
    assert store is not None and not store.read_only
    assert store.fetch_all("SELECT name FROM bodies") == [("شورای راهبری",)]
    store.close()
    aside = list((tmp_path / "dabir.db.backups").glob("*.damaged"))
    assert [p.read_bytes() for p in aside] == [damaged]  # set aside, not lost


def test_without_a_backup_a_damaged_store_offers_read_only_or_quit(db: Path) -> None:
    _damage(db)
    before = sha(db)
    asked = Asked(QUIT)
    assert open_interactively(db, CLOCK, asked) is None
    assert asked.offered == [("store_damaged", [READ_ONLY, QUIT])]
    assert sha(db) == before


def test_the_choices_for_each_refusal(db: Path) -> None:
    assert choices_for(UserError("store_locked", "…"), db) == [RETRY, QUIT]
    assert choices_for(UserError("store_read_only", "…"), db) == [READ_ONLY, QUIT]
    assert choices_for(UserError("store_open", "…"), db) == [QUIT]


def test_the_dialog_shows_the_message_and_the_ways_forward(qtbot) -> None:  # type: ignore[no-untyped-def]
    exc = UserError("store_newer", "این پرونده را نسخهٔ تازه‌تری از دبیر ساخته است…")
    box = choice_box(exc, [READ_ONLY, QUIT])
    qtbot.addWidget(box)
    assert box.text() == exc.message
    assert [b.text() for b in box.buttons()] == ["باز کردن فقط‌خواندنی", "خروج"]


def pick(table, row: int) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QItemSelectionModel

    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    table.selectionModel().select(table.model().index(row, 0), flags)


def _dialog(qtbot, store, confirm):  # type: ignore[no-untyped-def]
    from ui.shell.backups_dialog import BackupsDialog
    from ui.shell.changes import ChangeBroadcast
    from ui.shell.jobs import Jobs
    from ui.shell.ops import Ops

    broadcast = ChangeBroadcast()
    seen: list[Changes] = []
    broadcast.changed.connect(lambda changes, origin: seen.append(changes))
    dialog = BackupsDialog(store, CLOCK, Ops(Jobs(synchronous=True), broadcast), confirm=confirm)
    qtbot.addWidget(dialog)
    return dialog, seen


def test_the_backups_dialog_lists_backs_up_now_and_restores_after_asking(qtbot, db: Path) -> None:  # type: ignore[no-untyped-def]
    store = open_store(db)
    answers: list[bool] = [False, True]
    dialog, seen = _dialog(qtbot, store, lambda parent, text: answers.pop(0))
    assert dialog.table.rowCount() == 0 and not dialog.restore_button.isEnabled()
    dialog.now_button.click()
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 0).text() == "شنبه ۳ آذر ۱۴۰۳، ۱۲:۰۰"
    assert dialog.table.item(0, 1).text() == "دستی"
    assert dialog.table.item(0, 2).text().endswith("کیلوبایت") and "۰" <= dialog.table.item(0, 2).text()[0] <= "۹"
    save_body(store, "کمیتهٔ پس از پشتیبان", "committee")
    pick(dialog.table, 0)
    assert dialog.restore_button.isEnabled()
    dialog.restore_button.click()  # «no» to the question: nothing changes
    assert names(db) == ["شورای راهبری", "کمیتهٔ پس از پشتیبان"] and seen == []
    dialog.restore_button.click()  # «yes»
    assert names(db) == ["شورای راهبری"]
    assert seen and seen[-1].everything
    assert sorted(dialog.table.item(i, 1).text() for i in range(dialog.table.rowCount())) == [
        "دستی", "پیش از بازگرداندن"]
    kept = [b for b in backup.list_backups(db) if b.kind == "restore"]
    assert names(kept[0].path) == ["شورای راهبری", "کمیتهٔ پس از پشتیبان"]
    store.close()


def test_a_read_only_store_cannot_back_up_or_restore_from_the_dialog(qtbot, db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    backup.take(db, CLOCK, "daily")
    copy = tmp_path / "ro.db"
    shutil.copy(db, copy)
    shutil.copytree(tmp_path / "dabir.db.backups", tmp_path / "ro.db.backups")
    store = open_store(copy, read_only=True)
    dialog, _ = _dialog(qtbot, store, lambda parent, text: True)
    pick(dialog.table, 0)
    assert not dialog.now_button.isEnabled() and not dialog.restore_button.isEnabled()
    store.close()


def test_a_store_that_cannot_be_written_is_offered_read_only(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Said at the start, not at the first save that fails (the permissions themselves are
    exercised in tests/test_store_damage.py as another account)."""
    from app.store import db as store_db

    monkeypatch.setattr(store_db, "_writable", lambda path: False)
    before = sha(db)
    asked = Asked(READ_ONLY)
    store = open_interactively(db, CLOCK, asked)
    assert asked.offered == [("store_read_only", [READ_ONLY, QUIT])]
    assert store is not None and store.read_only
    assert store.fetch_all("SELECT name FROM bodies") == [("شورای راهبری",)]
    store.close()
    assert sha(db) == before
