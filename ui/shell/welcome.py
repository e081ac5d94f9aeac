"""The first start: an empty store greets the user and offers the two ways in.

Shown in the editor's place while the store holds no body: create the first council or
committee (with its members), or fill the store with the sample data to look around first.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class Welcome(QWidget):
    """Signals:
        newBodyRequested: «ساختن نخستین نهاد…» was pressed.
        demoRequested: «دادهٔ نمونه» was pressed.
    """

    newBodyRequested = Signal()
    demoRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        heading = QLabel("به دبیر خوش آمدید", self)
        heading.setObjectName("welcomeHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)
        text = QLabel(
            "هنوز هیچ شورا یا کمیته‌ای ثبت نشده است. نخستین نهاد را با اعضایش بسازید؛ پس از آن "
            "جلسه‌ها (Ctrl+N)، مصوبات و پیگیری آن‌ها در دسترس است.\n\n"
            "برای آشنایی، می‌توانید این پایگاه خالی را با دادهٔ نمونهٔ شورای راهبری توسعه مدیریت یک استان "
            "پر کنید و برنامه را با آن بیازمایید.", self)
        text.setWordWrap(True)
        self.new_body_button = QPushButton("ساختن نخستین نهاد…", self)
        self.new_body_button.setToolTip("Ctrl+Shift+N")
        self.new_body_button.setDefault(True)
        self.demo_button = QPushButton("پر کردن با دادهٔ نمونه", self)
        self.demo_button.setToolTip("فقط در پایگاه خالی؛ همان «dabir demo» در خط فرمان")
        self.new_body_button.clicked.connect(self.newBodyRequested)
        self.demo_button.clicked.connect(self.demoRequested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_body_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        box = QVBoxLayout()
        box.addWidget(heading)
        box.addWidget(text)
        box.addSpacing(12)
        box.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(box)
        outer.addStretch(2)
        outer.setContentsMargins(40, 20, 40, 20)
        for label in (heading, text):
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
