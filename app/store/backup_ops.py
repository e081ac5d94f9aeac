"""The backups dialog's actions as services (no Qt): list, back up now, restore.

Restore here also brings a restored older store up to date at once (its own checked
copy first), because the running program's views expect the newest schema; the result
is a :class:`Changes` record saying everything is to be read again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.clock import Clock
from app.persian.jalali import format_jalali, format_time
from app.persian.text import fa_number, to_persian_digits
from app.services.changes import Changes
from app.store import backup
from app.store.db import Store, open_store


@dataclass(frozen=True)
class BackupRow:
    """One line of the backups list, as the user reads it."""

    path: Path
    when: str  # «شنبه ۳ آذر ۱۴۰۳، ۰۹:۳۰»
    kind: str  # «روزانه»
    size: str  # «۱٫۲ مگابایت»


def size_text(n: int) -> str:
    if n >= 1024 * 1024:
        return to_persian_digits(f"{n / (1024 * 1024):.1f}".replace(".", "٫")) + " مگابایت"
    return fa_number(max(1, round(n / 1024))) + " کیلوبایت"


def rows(store_path: Path) -> list[BackupRow]:
    return [BackupRow(b.path, f"{format_jalali(b.when.date(), 'weekday')}، {format_time(b.when.time())}",
                      b.label, size_text(b.size)) for b in backup.list_backups(store_path)]


def back_up_now(store: Store, clock: Clock) -> backup.Backup:
    assert store.path is not None
    return backup.take(store.path, clock, "manual")


def restore(store: Store, file: Path, clock: Clock) -> Changes:
    """Put the backup ``file`` in place of the open store (the replaced one is kept among the
    backups) and bring it up to date; every view reads again."""
    assert store.path is not None
    backup.restore(store.path, Path(file), clock)
    open_store(store.path, create=False, clock=clock).close()  # an older copy: upgraded now, copied first
    return Changes(everything=True)
