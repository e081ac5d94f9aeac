"""Labels of form fields."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


def buddy_label(text: str, buddy: QWidget, parent: QWidget) -> QLabel:
    """A label whose «&» key moves to ``buddy`` (Qt's stubs do not take ``buddy=`` in QLabel's constructor)."""
    label = QLabel(text, parent)
    label.setBuddy(buddy)
    return label
