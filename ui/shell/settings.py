"""Every setting the app keeps between runs (QSettings), declared once: key, type, default, Persian title.

As Picard's options: code reads and writes a :class:`Setting`, never a loose key
string, so a key cannot be spelled two ways or given to two things, and a value
read back from the INI/registry store comes back in the declared type.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QSettings

from app.services.lifecycle import DUE_SOON_DAYS

T = TypeVar("T", str, int, bool)

REGISTRY: dict[str, Setting[str] | Setting[int] | Setting[bool]] = {}


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One setting. ``title`` is what a settings page would show the user."""

    key: str
    default: T
    title: str

    def __post_init__(self) -> None:
        if self.key in REGISTRY:
            raise ValueError(f"setting {self.key!r} is declared twice")
        REGISTRY[self.key] = self  # type: ignore[assignment]  # T is one of the three

    def read(self) -> T:
        kind = type(self.default)
        value = QSettings().value(self.key, self.default)
        if isinstance(value, kind):
            return value
        try:  # the INI store gives strings back («7», «true»)
            if kind is bool:
                return str(value).strip().lower() in ("1", "true", "yes")  # type: ignore[return-value]
            return kind(str(value))  # type: ignore[return-value]
        except (TypeError, ValueError):
            return self.default

    def write(self, value: T) -> None:
        QSettings().setValue(self.key, value)

    def reset(self) -> None:
        QSettings().remove(self.key)


MINUTES_FOLDER = Setting("export/folder", "", "پوشهٔ ذخیرهٔ صورتجلسه‌ها و ابلاغ‌ها")
TRACKER_FOLDER = Setting("tracker/folder", "", "پوشهٔ ذخیرهٔ دفتر مصوبات و برگهٔ پیگیری")
LAST_CERTIFICATE = Setting("signing/last_certificate", "", "آخرین گواهی امضا")
PACKAGE_FOLDER = Setting("package/folder", "", "پوشهٔ ذخیرهٔ بسته‌های فصلی")
DUE_SOON = Setting("followup/due_soon_days", DUE_SOON_DAYS, "سررسید نزدیک: چند روز پیش از مهلت")


def due_soon_days() -> int:
    """The «due soon» window in days, at least one (a hand-edited store may hold anything)."""
    return max(1, DUE_SOON.read())

# Each window's size and place as the user left it (QWidget.saveGeometry, base64); see ui/shell/geometry.py.
MAIN_WINDOW_GEOMETRY = Setting("windows/main", "", "اندازه و جای پنجرهٔ اصلی")
TRACKER_GEOMETRY = Setting("windows/tracker", "", "اندازه و جای پنجرهٔ پیگیری مصوبات")
DASHBOARD_GEOMETRY = Setting("windows/dashboard", "", "اندازه و جای پنجرهٔ آمار و عملکرد")
BODY_DIALOG_GEOMETRY = Setting("windows/body", "", "اندازه و جای پنجرهٔ نهاد")
DIRECTORY_GEOMETRY = Setting("windows/directory", "", "اندازه و جای پنجرهٔ دفتر نام‌ها")
VERIFY_GEOMETRY = Setting("windows/verify", "", "اندازه و جای پنجرهٔ بررسی امضا")
PACKAGE_GEOMETRY = Setting("windows/package", "", "اندازه و جای پنجرهٔ بستهٔ فصلی")
COSIGN_GEOMETRY = Setting("windows/cosign", "", "اندازه و جای پنجرهٔ امضای همکار")
PREVIEW_WIDTH = Setting("windows/preview_width", 0, "پهنای پیش‌نمایش صورتجلسه")
