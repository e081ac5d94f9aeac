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
