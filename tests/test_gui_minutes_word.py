"""«خروجی Word…» in the minutes menu: the dialog says the signed PDF stays the record, the file is the minutes."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from PySide6.QtWidgets import QLabel

from tests.gui_helpers import type_text
from tests.test_gui_minutes import window  # noqa: F401 - the fixture
from ui.meeting.minutes_actions import WORD_NOTE
from ui.shell.main_window import MainWindow


def test_word_export_saves_first_and_writes_the_minutes(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    asked: list[Path] = []

    def answer(default: Path) -> Path:
        asked.append(default)
        return tmp_path / "minutes"  # typed without «.docx»

    window.minutes.ask_docx_path = answer  # type: ignore[method-assign]
    window.editor.details.place.clear()
    type_text(window.editor.details.place, "تالار همایش‌ها")
    window.minutes.word_action.trigger()
    assert asked and asked[0].name == "صورتجلسه کمیته فناوری اطلاعات و دولت الکترونیک - جلسه 1 - 1403-09-03.docx"
    out = tmp_path / "minutes.docx"
    assert out.exists() and not window.editor.is_dirty()  # saved first: the copy is what is stored
    text = "\n".join(c.text for t in Document(str(out)).tables for row in t.rows for c in row.cells)
    assert "تالار همایش‌ها" in text and "گزارش پیشرفت (۷۰٪) تا ۱۴۰۳/۱۰/۱۰ ارسال می‌شود." in text
    assert "نسخهٔ Word" in window.statusBar().currentMessage()


def test_the_word_dialog_says_the_signed_pdf_is_the_record(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    dialog = window.minutes.docx_dialog(tmp_path / "x.docx")
    qtbot.addWidget(dialog)
    note = dialog.findChild(QLabel, "wordNote")
    assert note is not None and note.text() == WORD_NOTE and "PDF امضاشده" in note.text()
    dialog.show()
    qtbot.waitExposed(dialog)
    assert note.isVisible()
