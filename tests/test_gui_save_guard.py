"""The app's save dialogs refuse what `-o` refuses: the open store, its backups, the key, a device;
a file picked to read is read with a bound, and a FIFO is refused, never waited on."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from app.clock import FixedClock
from app.errors import UserError
from app.export.certificates import create_local_certificate
from app.services import bodies, meetings
from app.services.meeting_data import ResolutionData
from app.store.db import Store
from tests.gui_helpers import show_active
from ui.followup.tracker_window import TrackerWindow
from ui.shell.jobs import Jobs
from ui.shell.main_window import MainWindow


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(autouse=True)
def _backups_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


@pytest.fixture
def window(qtbot, file_store: Store, today: dt.date) -> MainWindow:  # type: ignore[no-untyped-def]
    body = bodies.save_body(file_store, "کمیته فناوری اطلاعات و دولت الکترونیک", "committee")
    data = meetings.new_meeting(file_store, body.id, today=today)
    data.resolutions = [ResolutionData("گزارش پیشرفت ارسال می‌شود.", "دفتر فناوری اطلاعات", deadline="1403/10/10")]
    meetings.save_meeting(file_store, data, today=today)
    w = MainWindow(file_store, clock=FixedClock(today), jobs=Jobs(synchronous=True))
    w.editor.ask_to_save = lambda: QMessageBox.StandardButton.Discard
    qtbot.addWidget(w)
    show_active(qtbot, w)
    w.select_meeting_row(0)
    assert w.editor.data is not None
    return w


def shown(window: MainWindow) -> str:
    box = window.ops.last_message
    return "" if box is None else box.text()


def test_export_over_the_open_store_is_refused(qtbot, window: MainWindow, file_store: Store) -> None:  # type: ignore[no-untyped-def]
    assert file_store.path is not None
    before = digest(file_store.path)
    # The dialog adds «.pdf» to a name without it, so the store is reached by another name of it.
    link, hard = file_store.path.with_name("link.pdf"), file_store.path.with_name("hard.pdf")
    link.symlink_to(file_store.path)
    os.link(file_store.path, hard)
    for target, action in ((link, window.minutes.export_action), (hard, window.minutes.export_action),
                           (hard, window.minutes.notice_action)):
        window.minutes.ask_save_path = lambda title, default, t=target: t  # type: ignore[method-assign]
        window.ops.last_message = None
        action.trigger()
        assert "پایگاه داده" in shown(window) and "روی آن نوشته نمی‌شود" in shown(window)
    assert digest(file_store.path) == before and link.is_symlink()


@pytest.mark.skipif(os.name != "posix", reason="FIFOs are POSIX")
def test_export_over_a_fifo_is_refused(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    window.minutes.ask_save_path = lambda title, default: fifo  # type: ignore[method-assign]
    window.minutes.export_action.trigger()
    assert "پروندهٔ معمولی نیست" in shown(window) and stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_export_into_the_backups_folder_is_refused(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.store.path is not None
    backups = window.store.path.with_name(window.store.path.name + ".backups")  # beside the store
    backups.mkdir(exist_ok=True)
    window.minutes.ask_save_path = lambda title, default: backups / "x.pdf"  # type: ignore[method-assign]
    window.minutes.export_action.trigger()
    assert "پشتیبان" in shown(window) and not (backups / "x.pdf").exists()


def test_signed_export_over_the_certificate_is_refused(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    p12 = tmp_path / "secretary.p12"
    create_local_certificate(p12, "رمز", name="مریم احمدی", now=window.clock.now() - dt.timedelta(hours=1))
    before = digest(p12)
    with pytest.raises(UserError) as exc:  # shown in the signing dialog, which stays open
        window.minutes._sign(p12, "رمز", p12)
    assert exc.value.code == "output_is_input" and "گواهی امضا" in exc.value.message
    assert digest(p12) == before


def test_tracker_exports_refuse_the_store_and_devices(qtbot, file_store: Store, today: dt.date) -> None:  # type: ignore[no-untyped-def]
    assert file_store.path is not None
    bodies.save_body(file_store, "شورای راهبری توسعه مدیریت استان", "council")
    w = TrackerWindow(file_store, clock=FixedClock(today), jobs=Jobs(synchronous=True))
    qtbot.addWidget(w)
    show_active(qtbot, w)
    before = digest(file_store.path)
    other_name = file_store.path.with_suffix(".xlsx")
    os.link(file_store.path, other_name)  # the store under another name
    w.exports.ask_save_path = lambda title, default, kind: other_name  # type: ignore[method-assign]
    w.export_action.trigger()
    assert w.ops.last_message is not None and "پایگاه داده" in w.ops.last_message.text()
    if os.name == "posix":
        fifo = file_store.path.parent / "pipe.pdf"
        os.mkfifo(fifo)
        w.exports.ask_save_path = lambda title, default, kind: fifo  # type: ignore[method-assign]
        w.sheet_action.trigger()
        assert "پروندهٔ معمولی نیست" in w.ops.last_message.text()
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert digest(file_store.path) == before


@pytest.mark.skipif(os.name != "posix", reason="FIFOs are POSIX")
def test_an_emblem_picked_from_a_fifo_or_too_big(qtbot, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.bodies.body_dialog import BodyDialog

    council = bodies.save_body(store, "شورای راهبری توسعه مدیریت استان", "council").id
    dialog = BodyDialog(store, body_id=council)
    qtbot.addWidget(dialog)
    fifo = tmp_path / "emblem.png"
    os.mkfifo(fifo)
    dialog.load_emblem_file(fifo)  # would hang on an ordinary read
    assert "پروندهٔ معمولی نیست" in dialog.errors["emblem"].text() and dialog.emblem is None
    big = tmp_path / "big.png"
    big.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(3 << 20))
    dialog.load_emblem_file(big)
    assert "۲ مگابایت" in dialog.errors["emblem"].text() and dialog.emblem is None
