"""The dashboard on paper: its figures and charts as a PDF (app.export.stats_pdf), saved or printed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from app.errors import UserError
from app.files import proposed_file_name
from app.persian.jalali import format_jalali_latin
from app.persian.text import ltr_isolate
from app.services.stats import BodyFigures
from app.store.db import Store
from ui.shell.ops import Ops
from ui.widgets.file_dialogs import save_file_name


class DashboardView(Protocol):
    """What the exports read of the dashboard (a protocol: the window imports this module)."""

    store: Store
    ops: Ops
    figures: BodyFigures | None
    parts: list[tuple[str, BodyFigures]]
    heading_label: QLabel

    @property
    def today(self) -> dt.date: ...

NOTHING = "چیزی برای چاپ نیست؛ نخست نهاد و دوره‌ای را برگزینید که آمار داشته باشد."


class DashboardExports:
    """``ask_save_path`` is a method so tests can answer it."""

    def __init__(self, view: DashboardView, window: QWidget) -> None:
        self.view, self.window = view, window
        self.last_written: Path | None = None

    def ask_save_path(self, default: Path) -> Path | None:
        path = save_file_name(self.window, "خروجی آمار و عملکرد (PDF)", str(default), "PDF (*.pdf)")
        return Path(path) if path else None

    def _maker(self):  # type: ignore[no-untyped-def]
        w = self.view
        figures, parts, today = w.figures, list(w.parts), w.today
        if figures is None:
            w.ops.show(self.window, NOTHING, QMessageBox.Icon.Information)
            return None

        def make() -> bytes:
            from app.export.stats_pdf import stats_pdf

            return stats_pdf(figures, parts, today=today)

        return make

    def export_pdf(self) -> None:
        w = self.view
        make = self._maker()
        if make is None or w.figures is None:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = proposed_file_name("آمار و عملکرد", w.figures.body.name,
                                  format_jalali_latin(w.today).replace("/", "-"), suffix=".pdf")
        target = self.ask_save_path(Path(folder) / name)
        if target is None:
            return
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        from app.paths import guard_output

        try:  # never over the store, its backups or a device
            guard_output(target, w.store.path)
        except UserError as exc:
            w.ops.show(self.window, exc.message, QMessageBox.Icon.Warning)
            return

        def work() -> Path:
            from app.files import write_atomic

            write_atomic(target, make())
            return target

        w.ops.start(work, what="خروجی آمار و عملکرد", done=self._written, busy="در حال ساختن PDF…", parent=self.window)

    def _written(self, path: Path) -> None:
        self.last_written = path
        self.view.heading_label.setToolTip(f"ذخیره شد: {ltr_isolate(path)}")

    def print_report(self) -> None:
        from ui.meeting.minutes_preview import print_pdf

        make = self._maker()
        if make is not None:
            self.view.ops.start(make, what="چاپ آمار و عملکرد", busy="آماده‌سازی برای چاپ…", parent=self.window,
                                  done=lambda pdf: print_pdf(pdf, self.window, title="چاپ آمار و عملکرد"))
