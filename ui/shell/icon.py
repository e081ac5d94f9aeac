"""Dabir's emblem as the windows' icon and as a picture (resources/icons, read through
importlib.resources so that the installed package and the PyInstaller bundle find it alike)."""

from __future__ import annotations

from importlib.resources import files

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QIcon, QPixmap

_PNG = ("icons", "dabir.png")


def emblem_pixmap(size: int) -> QPixmap:
    """The emblem at ``size`` pixels square (from the 256 px PNG: no SVG plug-in needed)."""
    pixmap = QPixmap()
    pixmap.loadFromData(QByteArray(files("resources").joinpath(*_PNG).read_bytes()), "PNG")
    return pixmap.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)


def app_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        icon.addPixmap(emblem_pixmap(size))
    return icon


__all__ = ["app_icon", "emblem_pixmap"]
