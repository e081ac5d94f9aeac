"""«دربارهٔ دبیر»: the facts the About dialog shows and a bug report needs, without a display.

The version, the folders where the store, its backups and the log live, the versions of the
parts a fault may lie in, and the licences. Versions are read from the modules themselves,
not from package metadata, which a PyInstaller bundle does not carry.
"""

from __future__ import annotations

import platform
import sqlite3
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from app import __version__
from app.log import log_dir
from app.paths import backups_dir

PROGRAM = "دبیر"
TAGLINE = "صورتجلسه، پیگیری مصوبات و بستهٔ فصلی دبیرخانه‌های شورا و کمیته‌های توسعهٔ مدیریت"

# The program's own terms: no licence has been chosen for it yet, so none is granted.
PROGRAM_LICENCE = ("© سازندگان دبیر. همهٔ حقوق محفوظ است؛ این برنامه برای دبیرخانه‌هایی ساخته شده که آن را "
                   "از سازندگانش گرفته‌اند.")

# The parts shipped with the program and their terms (their licence texts travel with their packages).
THIRD_PARTY = (
    ("Vazirmatn", "SIL Open Font License 1.1 (متن کامل در پایین)"),
    ("Qt / PySide6", "GNU LGPL 3.0"),
    ("reportlab", "BSD"),
    ("pyHanko", "MIT"),
    ("SQLAlchemy، Alembic، openpyxl، python-docx، jsonschema، arabic-reshaper، platformdirs", "MIT"),
    ("python-bidi", "GNU LGPL 3.0"),
    ("jdatetime", "PSF 2.0"),
    ("cryptography", "Apache 2.0 یا BSD"),
)


@dataclass(frozen=True)
class Folder:
    what: str
    path: Path


def folders(store: Path | None) -> list[Folder]:
    """The data folder (the store's), its backups folder and the log folder. A store in memory
    has neither of the first two."""
    out = []
    if store is not None:
        store = Path(store)
        out += [Folder("پوشهٔ داده‌ها", store.parent), Folder("پوشهٔ پشتیبان‌ها", backups_dir(store))]
    return [*out, Folder("پوشهٔ گزارش خطاها", log_dir())]


def components(qt_version: str = "", pyside_version: str = "") -> list[tuple[str, str]]:
    """(part, version) of what a fault may lie in; Qt's two are given by the front end."""
    import reportlab
    from pyhanko.version import __version__ as pyhanko_version

    parts = [("دبیر", __version__)]
    if qt_version:
        parts.append(("Qt", qt_version))
    if pyside_version:
        parts.append(("PySide6", pyside_version))
    parts += [("Python", platform.python_version()), ("reportlab", reportlab.Version),
              ("pyHanko", pyhanko_version), ("SQLite", sqlite3.sqlite_version),
              ("سیستم", platform.platform(terse=True))]
    return parts


def font_licence() -> str:
    """The full text of Vazirmatn's licence (fonts/OFL.txt), as the OFL asks to ship it."""
    return files("fonts").joinpath("OFL.txt").read_text(encoding="utf-8")


def report_text(store: Path | None, qt_version: str = "", pyside_version: str = "") -> str:
    """What «رونوشت برای گزارش خطا» copies: versions and folders, one per line, left to right."""
    lines = [f"{part}: {version}" for part, version in components(qt_version, pyside_version)]
    lines += [f"{folder.what}: {folder.path}" for folder in folders(store)]
    return "\n".join(lines)


__all__ = ["PROGRAM", "PROGRAM_LICENCE", "TAGLINE", "THIRD_PARTY", "Folder", "components", "folders",
           "font_licence", "report_text"]
