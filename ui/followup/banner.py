"""The start-up banner's sentence: how many resolutions fall due soon and how many are overdue."""

from __future__ import annotations

import datetime as dt

from app.persian.text import fa_number
from app.services.tracker import (
    attention_counts,
)
from app.store.db import Store


def attention_text(store: Store, today: dt.date) -> tuple[int, int, str]:
    """(due soon, overdue, the banner's sentence) over every body; "" when nothing needs care."""
    soon, overdue = attention_counts(store, today=today)
    parts = []
    if soon:
        parts.append(f"{fa_number(soon)} مصوبه تا هفت روز آینده سررسید می‌شود")
    if overdue:
        parts.append(f"{fa_number(overdue)} مصوبه معوق است")
    return soon, overdue, ("؛ ".join(parts) + ".") if parts else ""
