"""Where the store lives: ``--db`` beats ``DABIR_DB`` beats the per-user data folder."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "Dabir"


def data_dir() -> Path:
    """The per-user data folder (created on demand)."""
    import platformdirs  # small, but only needed when no path was given

    path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("DABIR_DB")
    if env:
        return Path(env).expanduser()
    return data_dir() / "dabir.db"


def backups_dir() -> Path:
    """The folder of the store's backups, in the per-user data folder (created on demand)."""
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def store_files(db: Path) -> list[tuple[Path, str]]:
    """The files that make up the store at ``db`` (SQLite keeps a WAL and its index beside it),
    each with its Persian name: what an export must never be written over."""
    db = Path(db)
    return [(db, "پایگاه دادهٔ دبیر")] + [
        (db.with_name(db.name + suffix), "پروندهٔ همراه پایگاه داده") for suffix in ("-wal", "-shm", "-journal")]


def guard_output(target: Path, db: Path | None, others: list[tuple[Path, str]] | None = None) -> None:
    """Refuse (UserError) to write ``target`` over the store at ``db``, its backups, one of
    ``others`` (the certificate being used, the password file, the file being read) or anything
    that is not a regular file. The command line calls it before it writes ``-o``, the save
    dialogs before they return a path."""
    from app.files import refuse_overwriting

    protected = (store_files(db) if db is not None else []) + list(others or [])
    refuse_overwriting(Path(target), protected, [backups_dir()])
