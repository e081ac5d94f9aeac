"""Every «open» and «save as» of the app goes through here, so that each speaks Persian.

On Windows and macOS the system's own dialog is used: it speaks the office's language and
knows its drives and shortcuts. Elsewhere Qt draws its own dialog, whose file list would show
sizes in «KiB» and dates in the Gregorian calendar (Qt takes both from the system locale,
which no translation reaches): :class:`PersianFileList` shows them in Persian digits and
Jalali dates instead. Its labels come from Qt's catalogue and ours
(resources/translations/dabir_qt_fa.ts).
"""

from __future__ import annotations

import datetime as dt
import sys

from PySide6.QtCore import QDateTime, QIdentityProxyModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QHeaderView, QTreeView, QWidget

from app.persian.jalali import format_jalali
from app.persian.text import to_persian_digits

_SIZE, _TYPE, _DATE = 1, 2, 3  # QFileSystemModel's columns after the name
_UNITS = ("بایت", "کیلوبایت", "مگابایت", "گیگابایت", "ترابایت")


def persian_size(size: int) -> str:
    """«۱۲٫۱ کیلوبایت»: in steps of 1024, one decimal below ten, as a file list shows sizes."""
    value, unit = float(size), 0
    while value >= 1024 and unit < len(_UNITS) - 1:
        value, unit = value / 1024, unit + 1
    text = f"{value:.0f}" if unit == 0 or value >= 10 else f"{value:.1f}"
    return f"{to_persian_digits(text).replace('.', '٫')} {_UNITS[unit]}"


def persian_moment(moment: QDateTime) -> str:
    """«۱۴۰۵/۰۹/۱۲ ۱۰:۴۲»: the Jalali date and the time of a file's last change."""
    local = moment.toLocalTime()
    date, time = local.date(), local.time()
    day = format_jalali(dt.date(date.year(), date.month(), date.day()))
    return f"{day} {to_persian_digits(f'{time.hour():02d}:{time.minute():02d}')}"


class PersianFileList(QIdentityProxyModel):
    """Qt's file list, with sizes and dates in Persian (sorting stays the source model's)."""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        source = self.sourceModel()
        if (role == Qt.ItemDataRole.DisplayRole and isinstance(source, QFileSystemModel) and index.isValid()
                and index.column() in (_SIZE, _DATE)):
            info = source.fileInfo(self.mapToSource(index))
            if index.column() == _DATE and info.lastModified().isValid():
                return persian_moment(info.lastModified())
            if index.column() == _SIZE and info.isFile():
                return persian_size(info.size())
        return super().data(index, role)


def native_dialogs() -> bool:
    """Whether the system's own file dialog is used (Windows, macOS)."""
    return sys.platform in ("win32", "darwin")


def file_dialog(parent: QWidget | None, title: str, start: str, filters: str, *, save: bool) -> QFileDialog:
    """A configured dialog (not yet shown): tests and callers that add to it use this."""
    dialog = QFileDialog(parent, title, start, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile if save else QFileDialog.FileMode.ExistingFile)
    if not native_dialogs():
        persian_qt_dialog(dialog)
    return dialog


def persian_qt_dialog(dialog: QFileDialog) -> None:
    """Qt's own dialog, right to left, its file list in Persian."""
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    parent: QObject = dialog
    dialog.setProxyModel(PersianFileList(parent))
    details = dialog.findChild(QTreeView, "treeView")  # the «details» view: its columns fit the Persian
    if details is not None:
        header = details.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the name takes the room left
        for column in (_SIZE, _TYPE, _DATE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)


def _ask(parent: QWidget | None, title: str, start: str, filters: str, *, save: bool) -> str:
    dialog = file_dialog(parent, title, start, filters, save=save)
    try:
        return dialog.selectedFiles()[0] if dialog.exec() and dialog.selectedFiles() else ""
    finally:
        dialog.deleteLater()  # its file list watches the folder: not kept for the life of the window


def save_file_name(parent: QWidget | None, title: str, start: str, filters: str) -> str:
    """The file to write, or "" when the user cancels (as QFileDialog.getSaveFileName)."""
    return _ask(parent, title, start, filters, save=True)


def open_file_name(parent: QWidget | None, title: str, start: str, filters: str) -> str:
    """The file to read, or "" when the user cancels (as QFileDialog.getOpenFileName)."""
    return _ask(parent, title, start, filters, save=False)


__all__ = ["PersianFileList", "file_dialog", "native_dialogs", "open_file_name", "persian_moment", "persian_qt_dialog",
           "persian_size", "save_file_name"]
