"""The quarterly package in the app, driven as a secretary would: the export wizard (with its
cancel), and «باز کردن بستهٔ فصلی…» with its report, the trust of a sender, the import preview
and the import, and the packages it refuses with the store unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QMessageBox, QWizard

from app.clock import FixedClock
from app.package.export import export_package
from app.package.verify import verify_package
from app.services.bodies import save_body
from app.store.db import Store, open_store
from tests.gui_helpers import show_active, type_text
from tests.package_helpers import NOW, PASSWORD, make_certificate, make_demo, members, write_members
from ui.package.export_wizard import ExportWizard
from ui.package.package_window import PackageWindow
from ui.shell.jobs import Jobs
from ui.shell.main_window import MainWindow
from ui.shell.settings import LAST_CERTIFICATE, PACKAGE_FOLDER
from ui.shell.theme import ALERT, SUCCESS, WARNING


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_demo(tmp_path_factory.mktemp("demo") / "demo.db")


@pytest.fixture(autouse=True)
def _fresh_settings(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """The trusted senders live in the data folder, and the last certificate and folder in the
    settings: fresh ones per test, as on a first use."""
    monkeypatch.setenv("DABIR_DATA_DIR", str(tmp_path / "data"))
    for setting in (LAST_CERTIFICATE, PACKAGE_FOLDER):
        setting.reset()


def _window(qtbot, store: Store) -> MainWindow:  # type: ignore[no-untyped-def]
    w = MainWindow(store, clock=FixedClock(NOW), jobs=Jobs(synchronous=True))
    w.editor.ask_to_save = lambda: QMessageBox.StandardButton.Discard
    qtbot.addWidget(w)
    show_active(qtbot, w)
    return w


@pytest.fixture
def office(qtbot, demo: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    shutil.copy(demo, tmp_path / "office.db")
    store = open_store(tmp_path / "office.db", create=False)
    yield _window(qtbot, store)
    store.close()


@pytest.fixture
def province(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A province secretariat with its own council and nothing else yet."""
    store = open_store(tmp_path / "province.db")
    save_body(store, "شورای راهبری توسعه مدیریت استان همدان", "council")
    yield _window(qtbot, store)
    store.close()


def _wizard(window: MainWindow) -> ExportWizard:
    window.package_export_action.trigger()
    wizard = window.package_wizard
    assert isinstance(wizard, ExportWizard) and wizard.isVisible()
    return wizard


def _choose(wizard: ExportWizard, body_id: int, year: int, quarter: int, *, sub_bodies: bool = False) -> None:
    page = wizard.choose
    page.body.setCurrentIndex(page.body.findData(body_id))
    page.year.setValue(year)
    page.quarter.setCurrentIndex(page.quarter.findData(quarter))
    page.sub_bodies.setChecked(sub_bodies)


def _output(wizard: ExportWizard, path: Path) -> None:
    wizard.sign_page.output.clear()
    type_text(wizard.sign_page.output, str(path))


def _letter_numbers(store: Store) -> list[tuple[object, ...]]:
    return store.fetch_all("SELECT id, letter_number, letter_date FROM meetings ORDER BY id")


def test_the_wizard_says_what_goes_in_and_makes_the_package(qtbot, office: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wizard = _wizard(office)
    assert _wizard(office) is wizard  # Ctrl+Shift+K again brings the open one forward, not a second
    _choose(wizard, 1, 1403, 3, sub_bodies=True)  # autumn: meetings still drafts
    plan = wizard.choose.plan.toPlainText()
    assert "پیش‌نویس، ارسال نشد" in plan and "جلسهٔ ۶ کمیته فناوری اطلاعات" in plan
    _choose(wizard, 5, 1403, 2)
    assert "صورتجلسه‌های نهایی که فرستاده می‌شوند" in wizard.choose.plan.toPlainText()
    wizard.next()
    assert wizard.currentPage() is wizard.sign_page
    assert wizard.sign_page.output.text().endswith("1403-Q2.zip")  # the proposed name: Latin digits
    for path_field in (wizard.sign_page.output, wizard.sign_page.certificate):  # a path reads left to right
        assert path_field.layoutDirection() == Qt.LayoutDirection.LeftToRight
    target = tmp_path / "out" / "تابستان.zip"
    _output(wizard, target)
    wizard.next()
    assert wizard.currentPage() is wizard.sign_page  # no such folder: said, not attempted
    assert wizard.sign_page.error.isVisible() and "نیست" in wizard.sign_page.error.text()
    target.parent.mkdir()
    finished: list[object] = []
    wizard.finished_export.connect(finished.append)
    wizard.next()
    assert wizard.currentPage() is wizard.run_page
    assert finished and finished[0] is wizard.summary and wizard.summary is not None
    assert target.is_file() and verify_package(target, now=NOW).sound
    summary = wizard.run_page.result.toPlainText()
    assert "بستهٔ فصلی نوشته شد" in summary and "بدون امضای دیجیتال" in summary
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert not wizard.run_page.cancel_button.isEnabled()


def test_a_signed_export_checks_the_password_first(qtbot, office: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cert = make_certificate(tmp_path / "secretary.p12")
    before = _letter_numbers(office.store)
    wizard = _wizard(office)
    _choose(wizard, 5, 1403, 2)
    wizard.next()
    page = wizard.sign_page
    page.sign.setChecked(True)
    page.certificate.setText(str(cert))
    type_text(page.password, "wrong")
    _output(wizard, tmp_path / "signed.zip")
    wizard.next()
    assert wizard.currentPage() is page and page.error.isVisible()
    assert _letter_numbers(office.store) == before and not (tmp_path / "signed.zip").exists()
    page.password.clear()
    type_text(page.password, PASSWORD)
    wizard.next()
    assert wizard.summary is not None and wizard.summary.signed_by == "مریم احمدی"
    report = verify_package(tmp_path / "signed.zip", now=NOW)
    assert report.signed and report.signature_ok and "امضا: مریم احمدی" in wizard.run_page.result.toPlainText()


def test_cancelling_the_export_leaves_no_file_and_takes_the_numbers_back(qtbot, office: MainWindow,  # type: ignore[no-untyped-def]
                                                                       tmp_path: Path) -> None:
    folder = tmp_path / "packages"
    folder.mkdir()
    before = _letter_numbers(office.store)
    wizard = _wizard(office)
    _choose(wizard, 1, 1403, 2, sub_bodies=True)
    wizard.next()
    _output(wizard, folder / "q2.zip")
    steps: list[tuple[int, int, str]] = []

    def press_cancel(done: int, total: int, what: str) -> None:  # the user presses «لغو» during the second step
        steps.append((done, total, what))
        if done == 1:
            wizard.run_page.cancel_button.click()

    wizard.progressed.connect(press_cancel)
    finished: list[object] = []
    wizard.finished_export.connect(finished.append)
    wizard.next()
    assert len(steps) == 2 and steps[0][1] > 2, wizard.run_page.result.toPlainText()  # it stopped at the step after the press
    assert finished == [None] and wizard.summary is None
    assert list(folder.iterdir()) == []  # neither the zip nor its temporary file
    assert _letter_numbers(office.store) == before
    assert "لغو شد" in wizard.run_page.step.text() and "پرونده‌ای نوشته نشد" in wizard.run_page.result.toPlainText()
    assert not wizard.running
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.text().replace("&", "") == "بستن"  # nothing was made: not «پایان»
    assert wizard.run_page.again_button.isVisible()
    wizard.run_page.again_button.click()  # back to the choices, which are kept
    assert wizard.currentPage() is wizard.choose and wizard.choose.quarter.currentData() == 2
    assert wizard.choose.sub_bodies.isChecked()
    wizard.next()
    wizard.progressed.disconnect(press_cancel)
    wizard.next()
    assert wizard.summary is not None and (folder / "q2.zip").is_file()  # made the second time
    assert finish.text().replace("&", "") == "پایان" and not wizard.run_page.again_button.isVisible()


def test_escape_while_it_runs_cancels_instead_of_closing(qtbot, office: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wizard = _wizard(office)
    _choose(wizard, 5, 1403, 2)
    wizard.next()
    _output(wizard, tmp_path / "q2.zip")
    closed_while_running: list[bool] = []

    def press_escape(done: int, _total: int, _what: str) -> None:
        if done == 0:
            wizard.reject()
            closed_while_running.append(wizard.isVisible())

    wizard.progressed.connect(press_escape)
    wizard.next()
    assert closed_while_running == [True] and not (tmp_path / "q2.zip").exists()
    wizard.reject()
    assert not wizard.isVisible()


@pytest.fixture
def packages(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("packages")
    shutil.copy(demo, folder / "office.db")
    store = open_store(folder / "office.db", create=False)
    cert = make_certificate(folder / "sender.p12")
    try:
        export_package(store, 5, 1403, 2, folder / "unsigned.zip", now=NOW)  # a committee's quarter
        export_package(store, 5, 1403, 2, folder / "signed.zip", sign=(cert, PASSWORD), now=NOW)
    finally:
        store.close()
    return {"unsigned": folder / "unsigned.zip", "signed": folder / "signed.zip", "office": folder / "office.db"}


def _open(window: MainWindow, path: Path) -> PackageWindow:
    window.open_package(path)
    dialog = window.package_window
    assert isinstance(dialog, PackageWindow) and dialog.isVisible()
    return dialog


def _tree_texts(window: MainWindow) -> list[str]:
    model, out = window.bodies_model, []

    def walk(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            out.append(str(index.data(Qt.ItemDataRole.DisplayRole)))
            walk(index)

    walk(QModelIndex())
    return out


def _counts(store: Store) -> tuple[object, ...]:
    return tuple(store.fetch_all(f"SELECT COUNT(*) FROM {t}")[0][0]
                 for t in ("bodies", "meetings", "resolutions", "follow_ups", "audit_log"))


def test_an_unsigned_package_is_previewed_then_imported_under_the_council(qtbot, province: MainWindow,  # type: ignore[no-untyped-def]
                                                                          packages: dict[str, Path]) -> None:
    before = _counts(province.store)
    dialog = _open(province, packages["unsigned"])
    assert "امضا نشده" in dialog.verdict.text() and WARNING in dialog.verdict.styleSheet()
    assert dialog.allow.isVisible() and not dialog.import_button.isEnabled()
    dialog.allow.click()
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    assert dialog.mode == "preview" and "پیش‌نمایش ورود" in dialog.details.toPlainText()
    assert "جلسه، تازه" in dialog.details.toPlainText()
    assert _counts(province.store) == before  # the preview wrote nothing
    imported: list[object] = []
    dialog.imported.connect(imported.append)
    dialog.confirm_button.click()
    assert imported and dialog.mode == "done" and SUCCESS in dialog.verdict.styleSheet()
    after = _counts(province.store)
    assert after[1] > before[1] and after[4] > before[4]  # meetings came in, and the audit log says so
    texts = _tree_texts(province)
    assert any("کمیته" in t for t in texts)  # the committees appear in the tree, under the council
    assert province.store.fetch_all("SELECT COUNT(*) FROM bodies WHERE parent_id IS NULL") == [(1,)]

    dialog.reject()
    again = _open(province, packages["unsigned"])
    again.allow.click()
    again.import_button.click()
    assert "چیز تازه‌ای" in again.verdict.text() and not again.confirm_button.isEnabled()
    assert _counts(province.store) == after


def test_a_signed_package_from_an_unknown_sender_can_be_trusted(qtbot, province: MainWindow,  # type: ignore[no-untyped-def]
                                                                packages: dict[str, Path]) -> None:
    dialog = _open(province, packages["signed"])
    assert "مورد اعتماد نیست" in dialog.details.toPlainText()
    assert dialog.trust_signer_button.isVisible() and dialog.allow.isVisible()
    assert not dialog.import_button.isEnabled()
    from app.package.trust import trusted_senders

    asked: list[str] = []
    dialog.ask_trust = lambda sig: asked.append(sig.fingerprint) is None and False  # the user says no
    dialog.trust_signer_button.click()
    assert asked == [dialog.report.signature.fingerprint] and trusted_senders() == []
    assert dialog.trust_signer_button.isVisible() and not dialog.import_button.isEnabled()
    dialog.ask_trust = lambda sig: True  # having compared the fingerprint with the sender's
    dialog.trust_signer_button.click()
    assert len(trusted_senders()) == 1
    assert province.ops.last_message is not None and "مریم احمدی" in province.ops.last_message.text()
    assert "سالم" in dialog.verdict.text() and SUCCESS in dialog.verdict.styleSheet()
    assert not dialog.allow.isVisible() and not dialog.trust_signer_button.isVisible()
    assert dialog.import_button.isEnabled()  # a trusted sender: no warning to tick
    dialog.import_button.click()
    dialog.confirm_button.click()
    assert dialog.mode == "done"


def test_a_certificate_file_that_is_not_one_is_said_and_not_trusted(qtbot, province: MainWindow,  # type: ignore[no-untyped-def]
                                                                    packages: dict[str, Path], tmp_path: Path) -> None:
    from app.package.trust import trusted_senders

    bogus = tmp_path / "sender.pem"
    bogus.write_bytes(b"-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n")
    dialog = _open(province, packages["signed"])
    dialog.trust_file(bogus)
    assert dialog.error.isVisible() and "X.509" in dialog.error.text()
    assert trusted_senders() == []


def test_a_tampered_package_is_shown_failed_and_cannot_be_imported(qtbot, province: MainWindow,  # type: ignore[no-untyped-def]
                                                                   packages: dict[str, Path], tmp_path: Path) -> None:
    content = members(packages["unsigned"])
    name = next(n for n in content if n.startswith("minutes/"))
    pdf = bytearray(content[name])
    pdf[len(pdf) // 2] ^= 1
    content[name] = bytes(pdf)
    tampered = write_members(tmp_path / "tampered.zip", content)
    before = _counts(province.store)
    dialog = _open(province, tampered)
    assert "ناموفق" in dialog.verdict.text() and ALERT in dialog.verdict.styleSheet()
    assert name in dialog.details.toPlainText()
    assert not dialog.allow.isVisible() and not dialog.import_button.isEnabled()
    assert _counts(province.store) == before


def test_a_package_of_the_offices_own_records_is_refused_in_the_dialog(qtbot, office: MainWindow,  # type: ignore[no-untyped-def]
                                                                       packages: dict[str, Path]) -> None:
    before = _counts(office.store)
    dialog = _open(office, packages["unsigned"])  # the office's own quarter, sent back to it
    dialog.allow.click()
    dialog.import_button.click()
    assert dialog.error.isVisible() and "بازنویسی نمی‌کند" in dialog.error.text()
    assert dialog.mode == "report" and _counts(office.store) == before


def test_the_trust_question_shows_the_fingerprint_and_enter_does_not_trust(qtbot, province: MainWindow,  # type: ignore[no-untyped-def]
                                                                        packages: dict[str, Path]) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    dialog = _open(province, packages["signed"])
    sig = dialog.report.signature
    shown: list[str] = []

    def press_enter() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        shown.append(box.text())
        QTest.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(0, press_enter)
    assert dialog.ask_trust(sig) is False
    assert shown and sig.fingerprint in shown[0] and "مریم احمدی" in shown[0] and "اثر انگشت" in shown[0]
