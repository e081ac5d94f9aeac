"""Our Persian for Qt's standard dialogs: what qtbase_fa lacks, loaded by the app, and the
committed .qm is the compiled .ts."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QLabel

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "dabir_qt_fa.ts"


def test_the_file_dialog_speaks_persian(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = QFileDialog(None, "ذخیره", str(ROOT), "PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = {w.text() for w in dialog.findChildren(QLabel) if w.text()}
    assert "&جستجو در:" in labels and "&نوع پرونده:" in labels
    assert not any(text.replace("&", "").startswith(("Look in", "Files of")) for text in labels), labels


def test_the_options_arrows_turn_with_the_window(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("QPrintDialog", "&Options >>") == "&تنظیمات <<"


def test_the_committed_qm_is_the_compiled_ts(tmp_path: Path) -> None:
    lrelease = shutil.which("pyside6-lrelease") or str(Path(__import__("sys").executable).with_name("pyside6-lrelease"))
    if not Path(lrelease).exists():
        pytest.skip("pyside6-lrelease is not installed")
    out = tmp_path / "x.qm"
    subprocess.run([lrelease, str(TS), "-qm", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == TS.with_suffix(".qm").read_bytes()


def test_the_sign_dialogs_show_no_literal_ampersand(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A form row whose field is a layout (a path with its «انتخاب…» button) needs a buddy for its
    label, or Qt shows «&گواهی» as it is written."""
    from ui.meeting.sign_dialogs import CertificateDialog, SignDialog

    for dialog in (CertificateDialog(), SignDialog(Path("x.pdf"))):
        qtbot.addWidget(dialog)
        for label in dialog.findChildren(QLabel):
            if "&" in label.text():
                assert label.buddy() is not None, label.text()


PRINT_OPTIONS = ["Pages", "Page &Set:", "Double Sided Printing", "Off", "Long side binding", "Short side binding",
                 "Specify pages or ranges separated by commas. Ranges are specified by two numbers separated by a "
                 "hyphen. E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9."]


def test_the_print_dialogs_page_options_are_persian(qapp) -> None:  # type: ignore[no-untyped-def]
    """The strings qtbase_fa lacks, found by logging every lookup of the expanded print dialog."""
    from PySide6.QtCore import QCoreApplication

    for source in PRINT_OPTIONS:
        persian = QCoreApplication.translate("QPrintSettingsOutput", source)
        assert persian != source and not any("a" <= ch <= "z" for ch in persian.replace("E.g", "")), (source, persian)
    assert QCoreApplication.translate("QMimeType", "PDF document") == "سند PDF"
    assert QCoreApplication.translate("QAbstractFileIconProvider", "Folder") == "پوشه"


def test_sizes_and_dates_in_the_file_list_are_persian(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Qt's own file dialog takes sizes («KiB») and dates (Gregorian) from the system locale;
    ours shows «۱۲٫۱ کیلوبایت» and the Jalali date."""
    import datetime as dt
    import os

    from app.persian.jalali import format_jalali
    from ui.widgets.file_dialogs import PersianFileList, file_dialog, persian_size

    assert persian_size(0) == "۰ بایت" and persian_size(900) == "۹۰۰ بایت"
    assert persian_size(12_390) == "۱۲ کیلوبایت" and persian_size(2_500_000) == "۲٫۴ مگابایت"
    assert persian_size(5 * 2**30) == "۵٫۰ گیگابایت"
    minutes = tmp_path / "صورتجلسه - 1403-09-03.pdf"
    minutes.write_bytes(b"%" * 12_390)
    when = dt.datetime(2024, 11, 23, 10, 42)
    os.utime(minutes, (when.timestamp(), when.timestamp()))
    dialog = file_dialog(None, "باز کردن", str(tmp_path), "PDF (*.pdf)", save=False)
    qtbot.addWidget(dialog)
    dialog.show()
    proxy = dialog.proxyModel()
    assert isinstance(proxy, PersianFileList)
    root = proxy.mapFromSource(proxy.sourceModel().index(str(tmp_path)))
    qtbot.waitUntil(lambda: proxy.rowCount(root) == 1)
    row = {proxy.index(0, c, root).data() for c in range(4)}
    assert minutes.name in row and "۱۲ کیلوبایت" in row and "سند PDF" in row
    assert f"{format_jalali(when.date())} ۱۰:۴۲" in row
    assert not any("KiB" in str(v) or "2024" in str(v) for v in row), row


def test_every_file_dialog_of_the_app_goes_through_ours() -> None:
    """QFileDialog's static functions skip the Persian file list: the app calls ui.widgets.file_dialogs."""
    found = [f"{p.relative_to(ROOT)}:{n}" for p in sorted((ROOT / "ui").rglob("*.py"))
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if "QFileDialog.get" in line and p.name != "file_dialogs.py"]
    assert found == []
