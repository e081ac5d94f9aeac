"""What the tracker sends out of the office: the XLSX register, the follow-up sheet (PDF), print.

Kept beside the window, as :class:`ui.meeting.minutes_actions.MinutesActions` is beside the
editor: it reads the window's filters and rows and runs the slow part through its ops
(off the GUI thread; a failure is logged).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QMessageBox, QWidget

from app.errors import UserError
from app.files import proposed_file_name
from app.persian.jalali import format_jalali_latin
from app.persian.text import ltr_isolate
from app.store.db import Store
from ui.followup.tracker_model import TrackerModel
from ui.shell.ops import Ops
from ui.shell.settings import TRACKER_FOLDER
from ui.widgets.date_edit import JalaliDateEdit
from ui.widgets.file_dialogs import save_file_name


class TrackerView(Protocol):
    """What the exports read from the tracker window: its store and ops, the rows shown and
    the filters. A protocol, so that this module does not import the window that imports it."""

    store: Store
    ops: Ops
    model: TrackerModel
    body: QComboBox
    sub_bodies: QCheckBox
    unit: QLineEdit
    collaborating: QCheckBox
    status: QComboBox
    text: QLineEdit
    overdue: QCheckBox
    due_soon: QCheckBox
    deadline_from: JalaliDateEdit
    deadline_to: JalaliDateEdit

    @property
    def today(self) -> dt.date: ...

    def say(self, text: str, *, error: bool = False) -> None: ...


class TrackerExports:
    """The tracker window's exports; ``ask_save_path`` is a method so tests can answer it.

    ``view`` is the window as the exports read it; ``parent`` the same window as the widget
    its dialogs and progress belong to."""

    def __init__(self, view: TrackerView, parent: QWidget) -> None:
        self.window, self.parent = view, parent
        self.last_written: Path | None = None

    def ask_save_path(self, title: str, default: Path, kind: str) -> Path | None:
        """The file dialog. ``kind``: "xlsx" or "pdf"."""
        name = "Excel (*.xlsx)" if kind == "xlsx" else "PDF (*.pdf)"
        path = save_file_name(self.parent, title, str(default), name)
        return Path(path) if path else None

    def _default_path(self, stem: str, suffix: str) -> Path:
        folder = TRACKER_FOLDER.read() or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(str(folder)) / proposed_file_name(stem, format_jalali_latin(self.window.today).replace("/", "-"),
                                                      suffix=suffix)

    def _ask(self, title: str, stem: str, kind: str) -> Path | None:
        target = self.ask_save_path(title, self._default_path(stem, "." + kind), kind)
        if target is not None and target.suffix.lower() != "." + kind:
            target = target.with_name(f"{target.name}.{kind}")
        if target is not None:
            from app.paths import guard_output

            try:  # never over the store, its backups or a device
                guard_output(target, self.window.store.path)
            except UserError as exc:
                self.window.ops.show(self.parent, exc.message, QMessageBox.Icon.Warning)
                return None
        return target

    def _written(self, path: Path) -> None:
        TRACKER_FOLDER.write(str(path.parent))
        self.window.say(f"ذخیره شد: {ltr_isolate(path)}")
        self.last_written = path

    def export_register(self) -> None:
        """The rows as shown (filters and order) as an XLSX register."""
        target = self._ask("خروجی دفتر مصوبات (XLSX)", "دفتر مصوبات", "xlsx")
        if target is None:
            return
        rows = list(self.window.model.rows)  # read here: the store belongs to this thread
        title = "دفتر مصوبات"

        def work() -> Path:
            from app.export.register_xlsx import write_register

            write_register(rows, target, title=title)
            return target

        self.window.ops.start(work, what="دفتر مصوبات (XLSX)", done=self._written, busy="در حال نوشتن دفتر مصوبات…",
                              parent=self.parent)

    def sheet_options(self) -> dict[str, Any]:
        """The follow-up sheet of the rows shown, in their order, headed by every filter that chose them."""
        w = self.window
        also = []
        if w.body.currentData() is not None and not w.sub_bodies.isChecked():
            also.append("بدون کمیته‌ها")
        if w.unit.text().strip() and w.collaborating.isChecked():
            also.append("همکار هم")
        if w.status.currentData() is not None:
            also.append(f"وضعیت: {w.status.currentText()}")
        if w.due_soon.isChecked():
            also.append(w.due_soon.text().replace("&", ""))
        if w.text.text().strip():
            also.append(f"متن دارای «{w.text.text().strip()}»")
        return {"today": w.today, "body_id": w.body.currentData(), "unit": w.unit.text().strip() or None,
                "overdue_only": w.overdue.isChecked(), "deadline_from": w.deadline_from.date(),
                "deadline_to": w.deadline_to.date(), "rows": list(w.model.rows), "also": also}

    def _sheet_maker(self) -> Any:
        options, store = self.sheet_options(), self.window.store

        def make() -> bytes:
            from app.export.followup_pdf import followup_sheet_pdf

            return followup_sheet_pdf(store, **options)

        return make

    def export_sheet(self) -> None:
        unit = self.window.unit.text().strip()
        stem = "برگه پیگیری مصوبات" + (f" - {unit}" if unit else "")
        target = self._ask("برگهٔ پیگیری مصوبات (PDF)", stem.replace("/", "-"), "pdf")
        if target is None:
            return
        make = self._sheet_maker()

        def work() -> Path:
            from app.files import write_atomic

            write_atomic(target, make())
            return target

        self.window.ops.start(work, what="برگهٔ پیگیری", done=self._written, busy="در حال ساختن برگهٔ پیگیری…",
                              parent=self.parent)

    def print_sheet(self) -> None:
        from ui.meeting.minutes_preview import print_pdf

        self.window.ops.start(self._sheet_maker(), what="چاپ برگهٔ پیگیری",
                              done=lambda pdf: print_pdf(pdf, self.parent, title="چاپ برگهٔ پیگیری"),
                              busy="آماده‌سازی برای چاپ…", parent=self.parent)
