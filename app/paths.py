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
