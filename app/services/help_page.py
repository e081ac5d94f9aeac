"""The short help page (راهنما, F1): where the data lives and what the keys do.

The places come from the same functions the program writes through, so the page names
the folders this copy of Dabir really uses (``--db``, ``DABIR_DB``, ``DABIR_LOG_DIR``).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from app.log import log_dir
from app.paths import backups_dir
from app.persian.text import ltr_isolate

__all__ = ["data_places", "help_html"]

INTRO = ("دبیر صورتجلسه‌های نهاد را می‌نویسد، مصوبات را تا انجام پیگیری می‌کند و آمار هر دوره را می‌دهد. "
         "ویرایشگر جلسه چند ثانیه پس از آخرین تغییر، کار ذخیره‌نشده را پیش‌نویس نگه می‌دارد.")


def data_places(store: Path | None) -> list[tuple[str, Path]]:
    """(what, where) for the store and its backups (none for a store in memory) and the log."""
    places = [("پروندهٔ داده‌ها", Path(store)), ("پشتیبان‌ها", backups_dir(Path(store)))] if store else []
    return [*places, ("گزارش خطاها (برای پشتیبانی)", log_dir())]


def help_html(store: Path | None, shortcuts: Sequence[tuple[str, str]]) -> str:
    """The page as rich text: an introduction, the keys (``(what, keys)``), the places."""
    esc = html.escape
    # Paragraphs with a bullet, not <table> or <ul>: Qt's rich text lays those out left to right
    # even in a Persian page (columns and bullets on the wrong side).
    rows = "".join(f"<p style=\"margin:2px\">• {esc(what)}: <b>{esc(ltr_isolate(keys))}</b></p>" for what, keys in shortcuts)
    places = "".join(f"<p style=\"margin:2px\">• {esc(what)}: {esc(ltr_isolate(where))}</p>" for what, where in data_places(store))
    return (f'<div dir="rtl"><h2>راهنمای دبیر</h2><p>{esc(INTRO)}</p>'
            f"<h3>میان‌برهای صفحه‌کلید</h3>{rows}"
            "<p>در هر فرم، Alt با حرف زیرخط‌دار به همان خانه می‌رود؛ Alt+۱ تا Alt+۶ صفحه‌های جلسه را باز می‌کند.</p>"
            f"<h3>داده‌ها کجاست</h3>{places}"
            "<p>پشتیبان هر روز در نخستین اجرا، پیش از هر ارتقا و با «پشتیبان‌گیری اکنون» ساخته می‌شود "
            "(منوی پرونده ← پشتیبان‌ها).</p></div>")
