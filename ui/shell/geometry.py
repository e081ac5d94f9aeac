"""Windows that fit the screen they open on and come back at the size the user left them.

A window asks for a comfortable size; on a smaller screen (1366×768 is common in offices)
it gets what the screen's available area leaves, title bar included, so its status bar
and buttons are never below the edge. The size and place the user gives it are kept in a
declared setting and restored, again clamped to the screen as it is now (a laptop taken
off its large monitor).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from ui.shell.settings import Setting

# What the window manager adds around a window (title bar, borders), before the window is shown.
FRAME_WIDTH, FRAME_HEIGHT = 16, 40


def available_area(window: QWidget) -> QRect:
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def clamp_to_screen(window: QWidget) -> None:
    """Shrink and move ``window`` so that it and its frame lie inside the available area."""
    area = available_area(window)
    width = min(window.width(), max(200, area.width() - FRAME_WIDTH))
    height = min(window.height(), max(200, area.height() - FRAME_HEIGHT))
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    frame = window.frameGeometry()
    x = min(max(frame.x(), area.left()), area.right() + 1 - frame.width())
    y = min(max(frame.y(), area.top()), area.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        window.move(max(x, area.left()), max(y, area.top()))


def fit_window(window: QWidget, setting: Setting[str], width: int, height: int) -> None:
    """Give ``window`` its remembered geometry, else ``width``×``height`` centred; either way on screen.

    The geometry is written back to ``setting`` whenever the window is closed or hidden.
    """
    saved = setting.read()
    restored = bool(saved) and window.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii")))
    if not restored:
        area = available_area(window)
        window.resize(min(width, area.width() - FRAME_WIDTH), min(height, area.height() - FRAME_HEIGHT))
        window.move(area.left() + max(0, (area.width() - window.width() - FRAME_WIDTH) // 2),
                    area.top() + max(0, (area.height() - window.height() - FRAME_HEIGHT) // 2))
    clamp_to_screen(window)
    window.installEventFilter(_GeometryKeeper(window, setting))


class _GeometryKeeper(QObject):
    """Writes the window's geometry to its setting when the window closes or hides."""

    def __init__(self, window: QWidget, setting: Setting[str]) -> None:
        super().__init__(window)
        self.setting = setting

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Close, QEvent.Type.Hide) and isinstance(watched, QWidget):
            self.setting.write(bytes(watched.saveGeometry().toBase64().data()).decode("ascii"))
        elif event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            clamp_to_screen(watched)
        return False
