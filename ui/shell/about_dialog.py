"""«دربارهٔ دبیر»: the version, the folders (each with a button to open it), the versions a bug
report needs (with a button that copies them), and the licences."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QFont, QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from app.about import PROGRAM, PROGRAM_LICENCE, TAGLINE, THIRD_PARTY, components, folders, font_licence, report_text
from app.persian.text import fa_number, ltr_isolate
from ui.shell.icon import emblem_pixmap

Opener = Callable[[Path], bool]


def open_folder(path: Path) -> bool:
    """Open ``path`` in the system's file manager (made first if it is not there yet: the backups
    folder is made by the first backup)."""
    from app.paths import private_folder

    try:
        private_folder(path)
    except OSError:
        return False
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class AboutDialog(QDialog):
    def __init__(self, store: Path | None, parent: QWidget | None = None, *, opener: Opener = open_folder) -> None:
        super().__init__(parent)
        self.setWindowTitle("دربارهٔ دبیر")
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.store, self.opener = store, opener
        facts = components(qVersion(), PySide6.__version__)
        version = dict(facts)["دبیر"]

        emblem = QLabel(self)
        emblem.setPixmap(emblem_pixmap(72))
        title = QLabel(f"{PROGRAM} — نسخهٔ {ltr_isolate(version)}", self)
        font = QFont(title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        title.setFont(font)
        title.setObjectName("aboutTitle")
        tagline = QLabel(TAGLINE, self)
        tagline.setWordWrap(True)
        head = QHBoxLayout()
        head.addWidget(emblem)
        words = QVBoxLayout()
        words.addWidget(title)
        words.addWidget(tagline)
        head.addLayout(words, 1)

        places = QGroupBox("جای داده‌ها", self)
        grid = QGridLayout(places)
        self.folder_buttons: dict[str, QPushButton] = {}
        self.folder_labels: dict[str, QLabel] = {}
        for row, folder in enumerate(folders(store)):
            label = QLabel(f"{folder.what}:", places)
            where = QLabel(ltr_isolate(folder.path), places)
            where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            where.setWordWrap(True)
            button = QPushButton("باز کردن", places)
            button.setToolTip(f"باز کردن {folder.what} در مدیر پرونده‌ها")
            button.clicked.connect(lambda _=False, p=folder.path: self._open(p))
            grid.addWidget(label, row, 0)
            grid.addWidget(where, row, 1)
            grid.addWidget(button, row, 2)
            self.folder_buttons[folder.what] = button
            self.folder_labels[folder.what] = where
        grid.setColumnStretch(1, 1)

        parts = QGroupBox("نسخه‌ها (برای گزارش خطا)", self)
        parts_layout = QGridLayout(parts)
        *versions, (system_name, system) = facts  # the long system line gets a row of its own
        for n, (part, number) in enumerate([*versions, (system_name, system)]):
            # RLM first: «Qt:» is a right-to-left line too, its colon on the left like «دبیر:».
            row, column = (n // 2, (n % 2) * 3) if n < len(versions) else ((len(versions) + 1) // 2, 0)
            parts_layout.addWidget(QLabel(f"\u200f{part}:", parts), row, column)
            value = QLabel(ltr_isolate(number), parts)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            parts_layout.addWidget(value, row, column + 1, 1, 1 if n < len(versions) else 5)
        parts_layout.setColumnMinimumWidth(2, 32)
        # each value beside its name, the room left over at the end
        parts_layout.addItem(QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum), 0, 5)
        self.copy_button = QPushButton("&رونوشت برای گزارش خطا", self)
        self.copy_button.setToolTip("نسخه‌ها و پوشه‌ها را برای فرستادن به پشتیبانی در حافظه می‌گذارد")
        self.copy_button.clicked.connect(self.copy_report)

        self.licences = QPlainTextEdit(self)
        self.licences.setReadOnly(True)
        self.licences.setObjectName("aboutLicences")
        terms = "\n".join(f"• {name}: {licence}" for name, licence in THIRD_PARTY)
        self.licences.setPlainText(f"{PROGRAM_LICENCE}\n\nبخش‌هایی که همراه برنامه‌اند:\n{terms}\n\n"
                                   f"— قلم وزیرمتن (Vazirmatn) —\n{font_licence()}")
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setVisible(False)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText("&بستن")
        close.setIcon(QIcon())  # the style's icon for «Close» is a pen and a cross
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(places)
        layout.addWidget(parts)
        layout.addWidget(QLabel("پروانه‌ها:", self))
        layout.addWidget(self.licences, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(720, min(640, self._screen_height() - 60))

    def _screen_height(self) -> int:
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry().height() if screen is not None else 768

    def _open(self, path: Path) -> None:
        if not self.opener(path):
            self.status.setText(f"پوشهٔ {ltr_isolate(path)} باز نشد؛ نشانی آن را از همین پنجره بردارید.")
            self.status.setVisible(True)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(report_text(self.store, qVersion(), PySide6.__version__))
        lines = len(components(qVersion(), PySide6.__version__)) + len(folders(self.store))
        self.status.setText(f"{fa_number(lines)} سطر در حافظه است؛ آن را در نامه یا پیام به پشتیبانی بچسبانید.")
        self.status.setVisible(True)


__all__ = ["AboutDialog", "open_folder"]
