"""The minutes as a document: live preview, «Export PDF…», «Print…», «Sign and export…»,
and the notice of its resolutions to the responsible units («ابلاغ مصوبات به واحدها…»);
checking a signed PDF («بررسی امضا…») and co-signing one in a signatory's slot («امضای همکار…»).

Everything slow (building, signing, writing) runs through :class:`ui.shell.jobs.Jobs`;
the PDF always comes from the same code as ``dabir minutes``.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMainWindow, QMenu, QMessageBox

from app.clock import Clock
from app.errors import UserError
from app.persian.jalali import format_jalali_latin
from app.persian.text import ltr_isolate
from app.store.db import Store
from ui.shell.jobs import error_message
from ui.shell.ops import Ops
from ui.shell.settings import MINUTES_FOLDER
from ui.widgets.file_dialogs import open_file_name, persian_qt_dialog, save_file_name

if TYPE_CHECKING:
    from ui.meeting.editor import MeetingEditor
    from ui.meeting.minutes_preview import MinutesPreview

NOTICE = "ابلاغ مصوبات"
WORD_NOTE = ("نسخهٔ Word برای ویرایش و چاپ است؛ سند رسمی صورتجلسه همان PDF امضاشده است "
             "و تغییر در این نسخه در آن نمی‌آید.")


def default_file_name(body_name: str, number: int | None, date: dt.date | None, *, kind: str = "صورتجلسه") -> str:
    """«صورتجلسه کمیته آموزش - جلسه 3 - 1403-09-03.pdf», safe on every file system;
    ``kind`` names the document («ابلاغ مصوبات»). One digit system in a name: Latin, which
    sorts and survives every file system and mail client (a body's name may hold Persian digits)."""
    from app.files import proposed_file_name

    date_part = format_jalali_latin(date).replace("/", "-") if date is not None else ""
    return proposed_file_name(f"{kind} {body_name}", f"جلسه {number or 0}", date_part, suffix=".pdf")


class MinutesActions(QObject):
    """Adds the «صورتجلسه» menu and the preview dock to the main window."""

    def __init__(self, window: QMainWindow, store: Store, ops: Ops, *, clock: Clock,
                 editor: Callable[[], MeetingEditor | None]) -> None:
        """``editor`` gives the meeting editor if one was built (None before): the documents
        are made from its content; ``window`` only receives the menu, the dock and messages."""
        super().__init__(window)
        self.window, self.store, self.ops, self.clock = window, store, ops, clock
        self.jobs = ops.jobs  # the preview's renderings are not user actions: it reports in its pane
        self._editor = editor
        self._preview: MinutesPreview | None = None
        self.dock = QDockWidget("پیش‌نمایش صورتجلسه", window)
        self.dock.setObjectName("previewDock")
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        self.dock.hide()
        menu = self.menu = window.menuBar().addMenu("&صورتجلسه")
        self.preview_action = self.dock.toggleViewAction()
        self.preview_action.setText("&پیش‌نمایش")
        self.preview_action.setShortcut(QKeySequence("F6"))
        self.preview_action.toggled.connect(lambda on: on and self.preview)  # build QtPdf on first use
        menu.addAction(self.preview_action)
        menu.addSeparator()
        self.export_action = self._add(menu, "&خروجی PDF…", "Ctrl+Shift+E", self.export_pdf)
        self.print_action = self._add(menu, "&چاپ…", QKeySequence.StandardKey.Print, self.print_minutes)
        self.sign_action = self._add(menu, "&امضا و خروجی PDF…", "Ctrl+Shift+S", self.sign_and_export)
        self.word_action = self._add(menu, "خروجی &Word…", None, self.export_word)
        self.notice_action = self._add(menu, "ابلاغ مصوبات به &واحدها…", "Ctrl+Shift+B", self.export_notice)
        menu.addSeparator()
        self.verify_action = self._add(menu, "&بررسی امضا…", "Ctrl+Shift+V", self.verify_signed)
        self.cosign_action = self._add(menu, "امضای &همکار…", None, self.cosign)
        self._add(menu, "ساخت &گواهی محلی…", None, self.make_certificate)
        self.dock.visibilityChanged.connect(lambda shown: self.refresh_preview() if shown else None)
        self.dock.visibilityChanged.connect(self._size_dock)

    def _size_dock(self, shown: bool) -> None:
        """A readable page: the width the user last gave the preview, else about half the window."""
        from ui.shell.settings import PREVIEW_WIDTH

        if not shown:
            if self.dock.width() > 100:
                PREVIEW_WIDTH.write(self.dock.width())
            return
        from ui.shell.geometry import clamp_to_screen

        central = self.window.centralWidget()
        room = self.window.width() - (central.minimumSizeHint().width() if central is not None else 0) - 12
        width = PREVIEW_WIDTH.read() or max(420, self.window.width() * 9 // 20)
        self.window.resizeDocks([self.dock], [max(260, min(width, room))], Qt.Orientation.Horizontal)
        clamp_to_screen(self.window)  # the dock never pushes the window past the screen's edge
        QTimer.singleShot(0, lambda: clamp_to_screen(self.window))  # and once the layout has settled

    def _add(self, menu: QMenu, text: str, keys, slot: Callable[[], object]) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self.window)
        if keys is not None:
            action.setShortcut(keys)
        action.triggered.connect(lambda: slot())
        menu.addAction(action)
        return action

    @property
    def preview(self) -> MinutesPreview:
        """The preview pane, made the first time it is shown (QtPdf costs start-up time)."""
        if self._preview is None:
            from ui.meeting.minutes_preview import MinutesPreview

            self._preview = MinutesPreview(self.jobs, self.dock)
            self.dock.setWidget(self._preview)
        return self._preview

    def watch(self, editor) -> None:  # type: ignore[no-untyped-def]
        """Follow the editor: every edit asks the preview for a new rendering."""
        editor.edited.connect(self.refresh_preview)
        editor.opened.connect(self.refresh_preview)

    # --- building ------------------------------------------------------------
    def _pdf_maker(self) -> Callable[[], bytes] | None:
        """A function that builds the PDF of the editor's content as it is now."""
        editor = self._editor()
        if editor is None or editor.data is None:
            return None
        snapshot = copy.deepcopy(editor.data)  # the worker must not see later keystrokes
        store = self.store

        def make() -> bytes:
            from app.export.minutes_doc import minutes_doc_from_data
            from app.export.minutes_pdf import build_minutes_pdf

            return build_minutes_pdf(minutes_doc_from_data(store, snapshot))

        return make

    def refresh_preview(self) -> None:
        make = self._pdf_maker()
        if make is not None and self.dock.isVisible():
            self.preview.request(make)

    def _saved_meeting(self) -> bool:
        """Documents leave the office as stored: save first (showing any problem at its field)."""
        editor = self._editor()
        if editor is None or editor.data is None:
            self.window.statusBar().showMessage("نخست جلسه‌ای را باز کنید.", 5000)
            return False
        return (editor.data.id is not None and not editor.is_dirty()) or editor.save()

    def default_path(self, kind: str = "صورتجلسه") -> Path:
        editor = self._built_editor()
        assert editor.data is not None
        from app.export.minutes_doc import minutes_doc_from_data

        doc = minutes_doc_from_data(self.store, editor.data)
        folder = MINUTES_FOLDER.read() or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(str(folder)) / default_file_name(doc.body_name, doc.number, doc.date, kind=kind)

    def ask_save_path(self, title: str, default: Path) -> Path | None:
        """The file dialog; a method so tests can answer it."""
        path = save_file_name(self.window, title, str(default), "PDF (*.pdf)")
        return Path(path) if path else None

    # --- the actions ---------------------------------------------------------
    def export_pdf(self) -> None:
        if not self._saved_meeting():
            return
        target = self.ask_save_path("خروجی PDF صورتجلسه", self.default_path())
        if target is None:
            return
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        if self._refused(target):
            return
        make = self._pdf_maker()
        assert make is not None
        data = self._built_editor().data
        assert data is not None and data.id is not None  # saved above
        store, meeting_id, today = self.store, data.id, self.clock.today()

        def work() -> Path:
            from app.files import write_atomic
            from app.services.letter_number import numbered_for_export

            with numbered_for_export(store, meeting_id, today=today):  # written out: the minutes get their number
                write_atomic(target, make())
            return target

        self.ops.start(work, what="خروجی PDF صورتجلسه", done=self._written, busy="در حال ساختن PDF…",
                       parent=self.window)

    def export_notice(self) -> None:
        """The letter to each responsible unit with what the meeting assigned it (as ``dabir followup-sheet --notice``)."""
        if not self._saved_meeting():
            return
        data = self._built_editor().data
        if data is None or not any(r.lead_unit.strip() or r.collaborators for r in data.resolutions):
            self.window.statusBar().showMessage("این جلسه مصوبه‌ای با واحد مسئول ندارد که ابلاغ شود.", 8000)
            return
        target = self.ask_save_path("ابلاغ مصوبات به واحدها", self.default_path(NOTICE))
        if target is None:
            return
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        if self._refused(target):
            return
        store, today = self.store, self.clock.today()
        assert data.id is not None  # saved just now
        meeting_id = data.id

        def work() -> Path:
            from app.export.followup_pdf import notice_pdf
            from app.files import write_atomic
            from app.services.letter_number import numbered_for_export

            with numbered_for_export(store, meeting_id, today=today):
                write_atomic(target, notice_pdf(store, meeting_id))
            return target

        self.ops.start(work, what=NOTICE, done=lambda path: self._written(path, what=NOTICE),
                       busy="در حال ساختن ابلاغ مصوبات…", parent=self.window)

    def _refused(self, target: Path) -> bool:
        """A target over the store, its backups or a device is refused before anything is made."""
        from app.paths import guard_output

        try:
            guard_output(target, self.store.path)
        except UserError as exc:
            self.ops.show(self.window, exc.message, QMessageBox.Icon.Warning)
            return True
        return False

    def docx_dialog(self, default: Path) -> QFileDialog:
        """The save dialog of the Word copy, saying that the signed PDF stays the record."""
        from PySide6.QtWidgets import QGridLayout, QLabel

        dialog = QFileDialog(self.window, "خروجی Word صورتجلسه", str(default), "Word (*.docx)")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        persian_qt_dialog(dialog)  # Qt's own dialog on every system: the native one takes no note
        note = QLabel(WORD_NOTE, dialog)
        note.setObjectName("wordNote")
        note.setWordWrap(True)
        layout = dialog.layout()
        if isinstance(layout, QGridLayout):
            layout.addWidget(note, layout.rowCount(), 0, 1, layout.columnCount())
        return dialog

    def ask_docx_path(self, default: Path) -> Path | None:
        """The Word copy's file; a method so tests can answer it."""
        dialog = self.docx_dialog(default)
        try:
            return Path(dialog.selectedFiles()[0]) if dialog.exec() and dialog.selectedFiles() else None
        finally:
            dialog.deleteLater()

    def export_word(self) -> None:
        """The minutes as a right-to-left DOCX (as ``dabir minutes ID -o OUT.docx``), to edit a word and print."""
        if not self._saved_meeting():
            return
        data = self._built_editor().data
        assert data is not None and data.id is not None  # saved above
        target = self.ask_docx_path(self.default_path().with_suffix(".docx"))
        if target is None:
            return
        if target.suffix.lower() != ".docx":
            target = target.with_name(target.name + ".docx")
        if self._refused(target):
            return
        store, meeting_id, today = self.store, data.id, self.clock.today()

        def work() -> Path:
            from app.export.minutes_docx import render_minutes_docx

            render_minutes_docx(store, meeting_id, target, today=today)
            return target

        self.ops.start(work, what="خروجی Word صورتجلسه", done=lambda path: self._written(path, what="نسخهٔ Word"),
                       busy="در حال ساختن پروندهٔ Word…", parent=self.window)

    def _written(self, path: Path, *, what: str = "صورتجلسه", signed: bool = False) -> None:
        MINUTES_FOLDER.write(str(path.parent))
        self.window.statusBar().showMessage(f"{what} ذخیره شد: {ltr_isolate(path)}", 8000)
        self.last_written = path
        if signed:
            self.last_signed = path  # what «امضای همکار…» offers first

    def print_minutes(self) -> None:
        make = self._pdf_maker()
        if make is None:
            return
        from ui.meeting.minutes_preview import print_pdf

        self.ops.start(make, what="چاپ صورتجلسه", done=lambda pdf: print_pdf(pdf, self.window),
                       busy="آماده‌سازی برای چاپ…", parent=self.window)

    def sign_and_export(self) -> None:
        from ui.meeting.sign_dialogs import SignDialog

        if not self._saved_meeting():
            return
        data = self._built_editor().data
        secretary = ""
        if data is not None and data.secretary_id is not None:
            from app.services.directory import get_person

            secretary = get_person(self.store, data.secretary_id).name
        dialog = SignDialog(self.default_path(), self.window, signer_hint=secretary)
        while dialog.exec():
            try:
                self._sign(Path(dialog.certificate.text()), dialog.password.text(), Path(dialog.output.text()))
                return
            except UserError as exc:  # a wrong password or an expired certificate: say so, stay
                dialog.show_error(exc.message)

    def _built_editor(self) -> MeetingEditor:
        editor = self._editor()
        assert editor is not None  # the actions act on an open meeting
        return editor

    def _sign(self, p12: Path, password: str, target: Path) -> None:
        from app.export.certificates import load_certificate
        from app.paths import guard_output

        guard_output(target, self.store.path, [(p12, "گواهی امضا")])  # shown in the dialog, which stays
        load_certificate(p12, password)  # fails fast, on this thread, with the dialog still open
        editor = self._built_editor()
        assert editor.data is not None
        snapshot, store, signed_at = copy.deepcopy(editor.data), self.store, self.clock.now()

        def work() -> Path:
            from app.export.minutes_doc import minutes_doc_from_data
            from app.export.minutes_pdf import sign_minutes
            from app.files import write_atomic
            from app.services.letter_number import numbered_for_export

            assert snapshot.id is not None  # saved before signing
            with numbered_for_export(store, snapshot.id, today=signed_at.date()):
                pdf = sign_minutes(minutes_doc_from_data(store, snapshot), p12, password,
                                   when=signed_at)
                write_atomic(target, pdf)
            return target

        self.ops.start(work, what="امضا و خروجی PDF", done=lambda path: self._written(path, signed=True),
                       busy="در حال امضا و ذخیره…",
                       parent=self.window)

    def ask_open_path(self, title: str) -> Path | None:
        """The file dialog for a signed PDF; a method so tests can answer it."""
        folder = MINUTES_FOLDER.read() or ""
        path = open_file_name(self.window, title, str(folder), "PDF (*.pdf);;همهٔ پرونده‌ها (*)")
        return Path(path) if path else None

    def verify_signed(self) -> None:
        """«بررسی امضا…»: the same report as ``dabir verify``, in a dialog."""
        from ui.meeting.verify_dialog import verify_in_background

        path = self.ask_open_path("بررسی امضای PDF")
        if path is not None:
            verify_in_background(self.ops, path, self.window, shown=lambda d: setattr(self, "verify_dialog", d))

    def cosign(self) -> None:
        """«امضای همکار…»: sign a signed minutes in one of its empty slots; the dialog stays until written."""
        from ui.meeting.cosign_dialog import CosignDialog

        dialog = CosignDialog(self.window, source=getattr(self, "last_signed", None))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.submitted.connect(lambda: dialog.run(self.ops, self.clock.now(), lambda result, path: self._written(
            path, what=f"امضای «{result.slot.label or result.slot.name}»", signed=True)))
        dialog.open()
        self.cosign_dialog = dialog

    def make_certificate(self) -> None:
        from ui.meeting.sign_dialogs import CertificateDialog

        dialog = CertificateDialog(self.window)
        if dialog.exec() and dialog.created is not None:
            QMessageBox.information(self.window, "گواهی محلی", f"گواهی ساخته شد:\n{dialog.created}")


__all__ = ["MinutesActions", "default_file_name", "error_message"]
