"""Where the store lives: ``--db`` beats ``DABIR_DB`` beats the per-user data folder.

Private by default: the data folder and a store's backups folder are made readable by
their owner only (0700 on POSIX), as the store, its backups and the log are (0600).
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "Dabir"


def private_folder(path: Path) -> Path:
    """Make ``path`` (and missing parents) and, if this call made it, readable by its owner only."""
    if not path.is_dir():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.name == "posix":
            os.chmod(path, 0o700)  # mkdir's mode passes through the umask
    return path


def data_dir() -> Path:
    """The per-user data folder (created on demand, private to the user); ``DABIR_DATA_DIR``
    overrides it (tests, a portable install)."""
    env = os.environ.get("DABIR_DATA_DIR")
    if env:
        return private_folder(Path(env).expanduser())
    import platformdirs  # small, but only needed when no path was given

    path = private_folder(Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)))
    if os.name == "posix" and path.stat().st_mode & 0o077:
        os.chmod(path, 0o700)  # made by an older version, readable by every account
    return path


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("DABIR_DB")
    if env:
        return Path(env).expanduser()
    return data_dir() / "dabir.db"


def backups_dir(store: Path) -> Path:
    """The folder of ``store``'s backups, beside it (``dabir.db`` → ``dabir.db.backups``); not created here.

    Beside the store, not in the data folder: a store given with ``--db`` on a shared
    drive keeps its backups with it, and whoever copies the folder copies both.
    """
    store = Path(store)
    return store.with_name(store.name + ".backups")


def store_files(db: Path) -> list[tuple[Path, str]]:
    """The files that make up the store at ``db`` (SQLite keeps a WAL and its index beside it),
    each with its Persian name: what an export must never be written over."""
    db = Path(db)
    return [(db, "پایگاه دادهٔ دبیر")] + [
        (db.with_name(db.name + suffix), "پروندهٔ همراه پایگاه داده") for suffix in ("-wal", "-shm", "-journal")]


def guard_output(target: Path, db: Path | None, others: list[tuple[Path, str]] | None = None) -> None:
    """Refuse (UserError) to write ``target`` over the store at ``db``, its backups (beside it), one of
    ``others`` (the certificate being used, the password file, the file being read) or anything
    that is not a regular file. The command line calls it before it writes ``-o``, the save
    dialogs before they return a path."""
    from app.files import refuse_overwriting

    protected = (store_files(db) if db is not None else []) + list(others or [])
    refuse_overwriting(Path(target), protected, [backups_dir(db)] if db is not None else [])
