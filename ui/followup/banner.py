"""The start-up banner's sentence: how many resolutions fall due soon and how many are overdue."""

from __future__ import annotations

import datetime as dt

from app.persian.text import fa_number
from app.services.tracker import attention_counts
from app.store.db import Store
from ui.shell.settings import due_soon_days

_NUMBER_WORDS = ("", "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه", "ده")


def days_text(days: int) -> str:
    """«هفت روز»: small counts in words, as the secretariat writes them; larger ones in digits."""
    return f"{_NUMBER_WORDS[days] if 0 < days < len(_NUMBER_WORDS) else fa_number(days)} روز"


def attention_text(store: Store, today: dt.date, *, days: int | None = None) -> tuple[int, int, str]:
    """(due soon, overdue, the banner's sentence) over every body; "" when nothing needs care.

    ``days``: the «due soon» window; by default the user's setting.
    """
    days = due_soon_days() if days is None else days
    soon, overdue = attention_counts(store, today=today, due_days=days)
    parts = []
    if soon:
        parts.append(f"{fa_number(soon)} مصوبه تا {days_text(days)} آینده سررسید می‌شود")
    if overdue:
        parts.append(f"{fa_number(overdue)} مصوبه معوق است")
    return soon, overdue, ("؛ ".join(parts) + ".") if parts else ""
