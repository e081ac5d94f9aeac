"""«بررسی امضا…» and «امضای همکار…» from the app's «صورتجلسه» menu, driven as a user would."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from app.clock import FixedClock
from app.export.certificates import create_local_certificate
from app.export.signing import signature_slots
from app.export.verification import verify_pdf
from app.services import bodies, directory, meetings
from app.services.meeting_data import AttendeeData, ResolutionData
from app.store.db import Store
from tests.gui_helpers import show_active, type_text
from ui.meeting.cosign_dialog import CosignDialog
from ui.meeting.verify_dialog import VerifyDialog
from ui.shell.jobs import Jobs
from ui.shell.main_window import MainWindow
from ui.shell.theme import ALERT, SUCCESS

PASSWORD = "رمز"


@pytest.fixture
def window(qtbot, file_store: Store, today: dt.date) -> MainWindow:  # type: ignore[no-untyped-def]
    body = bodies.save_body(file_store, "کمیته آموزش", "committee")
    secretary = directory.save_person(file_store, "مریم احمدی", "دبیر کمیته", "استانداری همدان")
    member = directory.save_person(file_store, "علی رضایی", "مدیرکل آموزش", "آموزش و پرورش")
    bodies.set_members(file_store, body.id, [(secretary.id, "secretary"), (member.id, "member")])
    data = meetings.new_meeting(file_store, body.id, today=today)
    data.secretary_id = secretary.id
    data.attendees = [AttendeeData("علی رضایی", member.id, "مدیرکل آموزش", "آموزش و پرورش")]
    data.resolutions = [ResolutionData("برنامهٔ آموزش کارکنان تا پایان سال اجرا شود.", "دفتر آموزش")]
    meetings.save_meeting(file_store, data, today=today)
    w = MainWindow(file_store, clock=FixedClock(today), jobs=Jobs(synchronous=True))
    w.editor.ask_to_save = lambda: QMessageBox.StandardButton.Discard
    qtbot.addWidget(w)
    show_active(qtbot, w)
    w.select_meeting_row(0)
    assert w.editor.data is not None
    return w


def certificate(window: MainWindow, folder: Path, name: str) -> Path:
    p12 = folder / f"{name}.p12"
    create_local_certificate(p12, PASSWORD, name=name, post="", organisation="استانداری",
                             now=window.clock.now() - dt.timedelta(hours=1))
    return p12


@pytest.fixture
def signed(window: MainWindow, tmp_path: Path) -> Path:
    target = tmp_path / "signed.pdf"
    window.minutes._sign(certificate(window, tmp_path, "مریم احمدی"), PASSWORD, target)
    assert target.exists()
    return target


def verify_from_the_menu(window: MainWindow, path: Path) -> VerifyDialog:
    window.minutes.ask_open_path = lambda title: path
    window.minutes.verify_action.trigger()
    dialog = window.minutes.verify_dialog
    assert isinstance(dialog, VerifyDialog) and dialog.isVisible()
    return dialog


def test_verify_a_good_and_a_tampered_pdf_from_the_dialog(qtbot, window: MainWindow, signed: Path,  # type: ignore[no-untyped-def]
                                                         tmp_path: Path) -> None:
    assert window.minutes.verify_action.shortcut().toString() == "Ctrl+Shift+V"
    good = verify_from_the_menu(window, signed)
    assert good.verdict.text() == "وضعیت: سالم — پرونده پس از امضا تغییر نکرده است."
    assert good.colour == SUCCESS and SUCCESS in good.verdict.styleSheet()
    details = good.details.toPlainText()
    assert "امضاکننده: مریم احمدی — استانداری" in details and "اثر انگشت گواهی" in details
    assert "زمان امضا: ۱۴۰۳/" in details and "درستی: سالم" in details
    assert f"\u2066{signed}\u2069" in good.file.text()
    assert good.details.isReadOnly() and good.layoutDirection() == Qt.LayoutDirection.RightToLeft
    good.close()

    data = bytearray(signed.read_bytes())
    data[len(data) // 4] ^= 0x01
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(bytes(data))
    bad = verify_from_the_menu(window, tampered)
    assert bad.verdict.text().startswith("وضعیت: ") and "سالم —" not in bad.verdict.text()
    assert bad.colour == ALERT and ALERT in bad.verdict.styleSheet()
    assert not verify_pdf(tampered).ok


def test_co_sign_into_a_slot_through_the_dialog(qtbot, window: MainWindow, signed: Path,  # type: ignore[no-untyped-def]
                                               tmp_path: Path) -> None:
    member = certificate(window, tmp_path, "علی رضایی")
    window.minutes.cosign_action.trigger()
    dialog = window.minutes.cosign_dialog
    assert isinstance(dialog, CosignDialog) and dialog.isVisible()
    assert dialog.source.text() == str(signed)  # the file signed just now is offered first
    titles = [dialog.slots.item(i).text() for i in range(dialog.slots.count())]
    assert titles == ["۱. عضو: علی رضایی (صفحهٔ ۱)"], titles
    target = Path(dialog.output.text())
    assert target.parent == signed.parent and target != signed

    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.certificate.setText(str(member))
    type_text(dialog.password, "نادرست")
    ok.click()
    assert dialog.isVisible() and "گذرواژه" in dialog.error.text() and not target.exists()

    dialog.password.clear()
    type_text(dialog.password, PASSWORD)
    ok.click()
    assert not dialog.isVisible()
    report = verify_pdf(target)
    assert report.ok, report.describe()
    assert [c.signer for c in report.signatures] == ["مریم احمدی", "علی رضایی"] and report.signatures[1].co_signing
    assert all(s.filled for s in signature_slots(target.read_bytes()))
    assert "ذخیره شد" in window.statusBar().currentMessage()
    shown = verify_from_the_menu(window, target)
    assert "امضای همکار در جای امضای خود سند" in shown.details.toPlainText()


def test_the_cosign_dialog_says_what_is_wrong_with_the_file(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    unsigned = tmp_path / "plain.pdf"
    unsigned.write_bytes(b"%PDF-1.4\n% not much of a PDF\n")
    dialog = CosignDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.source.setText(str(unsigned))
    dialog.load_slots()
    assert dialog.slots.count() == 0 and dialog.error.isVisible() and "PDF" in dialog.error.text()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible() and "جای امضای خود" in dialog.error.text()
