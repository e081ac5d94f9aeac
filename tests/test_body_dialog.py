"""Creating and editing bodies and their members, as a secretary does it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from app.clock import FixedClock
from app.services import bodies, directory, overview
from app.store.db import Store
from tests.gui_helpers import edit_cell, focused, type_text
from ui.bodies.body_dialog import NO_PARENT, BodyDialog
from ui.shell.jobs import Jobs
from ui.shell.main_window import MainWindow

COUNCIL = "شورای راهبری توسعه مدیریت استان همدان"


@pytest.fixture
def people(store: Store) -> dict[str, int]:
    rows = [directory.save_person(store, n, p, "استانداری همدان") for n, p in (
        ("علی شاهرخی", "استاندار"), ("مریم صادقی", "مدیرکل دفتر برنامه‌ریزی"), ("رضا محمدی", "معاون توسعه"))]
    return {r.person.name: r.id for r in rows}


@pytest.fixture
def council(store: Store, people: dict[str, int]) -> int:
    body = bodies.save_body(store, COUNCIL, "council")
    bodies.set_members(store, body.id, [(people["علی شاهرخی"], "chair"), (people["مریم صادقی"], "secretary"),
                                        (people["رضا محمدی"], "member")])
    return body.id


def show(qtbot, dialog: BodyDialog) -> BodyDialog:  # type: ignore[no-untyped-def]
    # A dialog left open with edits asks before closing; the test's end closes it: throw away.
    dialog.ask_about_unsaved = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def edit_member(qtbot, dialog: BodyDialog, row: int, column: int, *, text: str | None = None,  # type: ignore[no-untyped-def]
                choice: str | None = None) -> None:
    """Edit a members cell: the cell is committed and the dialog stays open."""
    edit_cell(qtbot, dialog.members.view, row, column, text=text, choice=choice)
    assert dialog.isVisible(), "Enter in a cell editor must not press OK"


def pick(qtbot, dialog: BodyDialog, text: str) -> None:  # type: ignore[no-untyped-def]
    dialog.picker.setFocus()
    type_text(dialog.picker, text)
    # The suggestion list popped up; offscreen, hiding it leaves it the active window.
    dialog.picker_completer.popup().hide()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.picker, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.picker.text() == ""


def table(dialog: BodyDialog) -> list[tuple[str, ...]]:
    model = dialog.members.model
    return [tuple(model.data(model.index(r, c)) for c in range(1, model.columnCount()))
            for r in range(model.rowCount())]


def members(store: Store, body_id: int) -> list[tuple[str, str, str]]:
    return [(m.name, m.post, m.role) for m in bodies.list_members(store, body_id)]


def test_create_a_council_with_members(qtbot, qtmodeltester, store: Store,  # type: ignore[no-untyped-def]
                                       people: dict[str, int]) -> None:
    dialog = show(qtbot, BodyDialog(store))
    assert dialog.windowTitle() == "نهاد تازه"
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert focused() is dialog.name_edit
    assert dialog.kind_combo.currentText() == "شورا"
    assert dialog.parent_combo.currentText() == NO_PARENT
    assert dialog.frequency_combo.currentText() == "فصلی (۴ جلسه در سال)"
    type_text(dialog.name_edit, COUNCIL)

    pick(qtbot, dialog, "صادقي")  # part of a name, with an Arabic yeh: the one person it fits
    pick(qtbot, dialog, "علی شاهرخی")
    pick(qtbot, dialog, "حسن عسگریان")  # not in the directory yet
    assert table(dialog) == [("مریم صادقی", "مدیرکل دفتر برنامه‌ریزی", "استانداری همدان", "عضو"),
                             ("علی شاهرخی", "استاندار", "استانداری همدان", "عضو"),
                             ("حسن عسگریان (تازه)", "", "", "عضو")]
    edit_member(qtbot, dialog, 2, 2, text="معاون هماهنگی")
    edit_member(qtbot, dialog, 1, 4, choice="رئیس")
    edit_member(qtbot, dialog, 0, 4, choice="دبیر")
    dialog.members.select(1)
    qtbot.keyClick(dialog.members.view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)  # the chair first
    qtmodeltester.check(dialog.members.model, force_py=True)

    dialog.name_edit.setFocus()
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)  # Enter = OK
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    body_id = dialog.saved_body_id
    assert body_id is not None
    assert members(store, body_id) == [("علی شاهرخی", "استاندار", "chair"),
                                       ("مریم صادقی", "مدیرکل دفتر برنامه‌ریزی", "secretary"),
                                       ("حسن عسگریان", "معاون هماهنگی", "member")]
    assert [(b.name, b.kind, b.parent_id, b.meetings_per_year) for b in overview.list_bodies(store)] == [
        (COUNCIL, "council", None, 4)]
    assert [p.name for p in directory.list_people(store, "عسگریان")] == ["حسن عسگریان"]


def test_edit_rename_reorder_and_change_frequency(qtbot, store: Store, council: int) -> None:  # type: ignore[no-untyped-def]
    committee = bodies.save_body(store, "کمیته آموزش", "committee", council)
    dialog = show(qtbot, BodyDialog(store, council))
    assert dialog.windowTitle() == f"ویرایش نهاد: {COUNCIL}"
    parents = [dialog.parent_combo.itemText(i) for i in range(dialog.parent_combo.count())]
    assert parents == [NO_PARENT]  # neither itself nor its own committee
    assert [r[0] for r in table(dialog)] == ["علی شاهرخی", "مریم صادقی", "رضا محمدی"]

    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(dialog.name_edit, "شورای راهبری توسعه مدیریت و تحول اداری استان همدان")
    dialog.members.view.setFocus()
    dialog.members.select(2)
    qtbot.keyClick(dialog.members.view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    dialog.members.select(0)
    qtbot.keyClick(dialog.members.view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog.members.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # changed my mind
    dialog.frequency_combo.setFocus()
    dialog.frequency_combo.setCurrentIndex(dialog.frequency_combo.findText("ماهانه (۱۲ جلسه در سال)"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved_body_id == council
    row = bodies.get_body(store, council)
    assert (row.name, row.kind, row.meetings_per_year) == (
        "شورای راهبری توسعه مدیریت و تحول اداری استان همدان", "council", 12)
    assert [(m.name, m.role) for m in bodies.list_members(store, council)] == [
        ("علی شاهرخی", "chair"), ("رضا محمدی", "member"), ("مریم صادقی", "secretary")]
    assert bodies.get_body(store, committee.id).parent_id == council
    assert len(directory.list_people(store)) == 3


def test_a_committee_under_a_council(qtbot, store: Store, council: int, people: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    dialog = show(qtbot, BodyDialog(store, parent_id=council))
    assert dialog.kind_combo.currentText() == "کمیته"
    assert dialog.parent_combo.currentData() == council and dialog.parent_combo.currentText() == COUNCIL
    type_text(dialog.name_edit, "کمیته فناوری اطلاعات و دولت الکترونیک")
    pick(qtbot, dialog, "رضا محمدی")
    edit_member(qtbot, dialog, 0, 4, choice="رئیس")
    pick(qtbot, dialog, "زهرا کاظمی")
    edit_member(qtbot, dialog, 1, 3, text="دفتر فناوری اطلاعات")
    edit_member(qtbot, dialog, 1, 4, choice="دبیر")
    dialog.name_edit.setFocus()
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)

    assert dialog.result() == QDialog.DialogCode.Accepted
    tree = [(b.name, b.kind, b.parent_id, b.depth) for b in overview.list_bodies(store)]
    assert tree == [(COUNCIL, "council", None, 0),
                    ("کمیته فناوری اطلاعات و دولت الکترونیک", "committee", council, 1)]
    assert [(m.name, m.organisation, m.role) for m in bodies.list_members(store, dialog.saved_body_id or 0)] == [
        ("رضا محمدی", "استانداری همدان", "chair"), ("زهرا کاظمی", "دفتر فناوری اطلاعات", "secretary")]


def test_pick_from_the_suggestion_list(qtbot, store: Store, people: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    dialog = show(qtbot, BodyDialog(store))
    popup = dialog.picker_completer.popup()
    dialog.picker.setFocus()
    type_text(dialog.picker, "علی")
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # the list has the keyboard while it is open
    qtbot.wait(1)  # events run between a user's keystrokes
    type_text(dialog.picker, "صادق")
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # nothing chosen, but only one person fits
    qtbot.wait(1)
    assert dialog.isVisible() and dialog.picker.text() == ""
    assert [r[0] for r in table(dialog)] == ["علی شاهرخی", "مریم صادقی"]
    assert [m.person_id for m in dialog.members.rows()] == [people["علی شاهرخی"], people["مریم صادقی"]]


def test_empty_name_shows_the_persian_error_and_saves_nothing(qtbot, store: Store,  # type: ignore[no-untyped-def]
                                                              people: dict[str, int]) -> None:
    dialog = show(qtbot, BodyDialog(store))
    pick(qtbot, dialog, "حسن عسگریان")
    type_text(dialog.name_edit, "   ")
    qtbot.keyClick(dialog.picker, Qt.Key.Key_Return)  # an empty picker: Enter is OK

    assert dialog.isVisible() and dialog.saved_body_id is None
    error = dialog.errors["name"]
    assert error.isVisible() and error.text() == "نام نهاد خالی است."
    assert dialog.name_edit.accessibleDescription() == error.text()
    assert focused() is dialog.name_edit
    assert overview.list_bodies(store) == []
    assert directory.list_people(store, "عسگریان") == []  # the new person waits for the body

    type_text(dialog.name_edit, "کارگروه توسعه مدیریت استانداری")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted and not error.isVisible()
    assert [b.name for b in overview.list_bodies(store)] == ["کارگروه توسعه مدیریت استانداری"]


def test_two_chairs_are_refused(qtbot, store: Store, council: int) -> None:  # type: ignore[no-untyped-def]
    dialog = show(qtbot, BodyDialog(store, council))
    edit_member(qtbot, dialog, 2, 4, choice="رئیس")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    error = dialog.errors["members"]
    assert error.isVisible()
    assert error.text() == "هر نهاد یک رئیس دارد؛ «علی شاهرخی» و «رضا محمدی» هر دو رئیس آمده‌اند."
    model = dialog.members.model
    assert model.data(model.index(2, 4), Qt.ItemDataRole.ToolTipRole) == error.text()
    assert [m.role for m in bodies.list_members(store, council)] == ["chair", "secretary", "member"]

    edit_member(qtbot, dialog, 0, 4, choice="عضو")  # the governor hands the chair over
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [m.role for m in bodies.list_members(store, council)] == ["member", "secretary", "chair"]


def test_the_same_person_twice_is_refused(qtbot, store: Store, council: int) -> None:  # type: ignore[no-untyped-def]
    dialog = show(qtbot, BodyDialog(store, council))
    pick(qtbot, dialog, "مریم صادقی")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.errors["members"].text() == "«مریم صادقی» دو بار در فهرست اعضا آمده است."


def test_escape_cancels(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    dialog = show(qtbot, BodyDialog(store))
    type_text(dialog.name_edit, "کمیته آموزش")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected and dialog.saved_body_id is None
    assert overview.list_bodies(store) == []


# --- from the main window -------------------------------------------------------

@pytest.fixture
def window(qtbot, store: Store, council: int, today: dt.date,  # type: ignore[no-untyped-def]
           monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    # The window looks for drafts 50 ms after it shows; let that happen inside the
    # test, never after the in-memory store is closed (it would fail the next test).
    after_first_frame, done = MainWindow._after_first_frame, []
    monkeypatch.setattr(MainWindow, "_after_first_frame", lambda self: (after_first_frame(self), done.append(1)))
    w = MainWindow(store, clock=FixedClock(today), jobs=Jobs(synchronous=True))
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    qtbot.waitUntil(lambda: bool(done))
    return w


def when_dialog_opens(act: Callable[[BodyDialog], None]) -> list[BodyDialog]:
    """Run ``act`` on the body dialog once its modal loop runs; never leave it open to block the test."""
    seen: list[BodyDialog] = []

    def run(tries: int = 100) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, BodyDialog):
            if tries:  # not forever: a dialog that never opens must not haunt the next test
                QTimer.singleShot(10, lambda: run(tries - 1))
            return
        seen.append(dialog)
        try:
            act(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, run)
    return seen


def back_to(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Offscreen, a closed dialog does not hand activation back (a desktop does): do it as the platform would."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def bodies_in_tree(window: MainWindow) -> list[str]:
    model = window.bodies_model
    out: list[str] = []

    def walk(parent) -> None:  # type: ignore[no-untyped-def]
        for r in range(model.rowCount(parent)):
            index = model.index(r, 0, parent)
            out.append(index.data())
            walk(index)

    walk(window.bodies_view.rootIndex())
    return out


def test_main_window_actions_open_the_dialog(qtbot, window: MainWindow, store: Store, council: int) -> None:  # type: ignore[no-untyped-def]
    assert [a.text() for a in window.bodies_view.actions()] == [
        "نهاد &تازه…", "&ویرایش نهاد…", "کمیتهٔ تازه &زیر این نهاد…"]
    assert window.bodies_view.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu

    def new_working_group(dialog: BodyDialog) -> None:
        assert dialog.windowTitle() == "نهاد تازه"
        type_text(dialog.name_edit, "کارگروه توسعه مدیریت اداره کل راه و شهرسازی")
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("working_group"))
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    seen = when_dialog_opens(new_working_group)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(seen) == 1 and seen[0].saved_body_id is not None
    created = seen[0].saved_body_id
    assert window.current_body_id() == created
    assert bodies_in_tree(window) == [COUNCIL, "کارگروه توسعه مدیریت اداره کل راه و شهرسازی"]

    back_to(qtbot, window)
    window.select_body(council)

    def rename(dialog: BodyDialog) -> None:
        assert dialog.windowTitle() == f"ویرایش نهاد: {COUNCIL}"
        dialog.name_edit.selectAll()
        type_text(dialog.name_edit, "شورای راهبری استان")
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)

    seen = when_dialog_opens(rename)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert len(seen) == 1
    assert window.current_body_id() == council
    assert window.bodies_view.currentIndex().data() == "شورای راهبری استان"
    back_to(qtbot, window)

    def committee(dialog: BodyDialog) -> None:
        assert dialog.parent_combo.currentData() == council and dialog.kind_combo.currentData() == "committee"
        type_text(dialog.name_edit, "کمیته سلامت اداری و صیانت از حقوق شهروندی")
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)

    seen = when_dialog_opens(committee)
    window.new_committee_action.trigger()
    assert len(seen) == 1
    assert window.bodies_view.currentIndex().data() == "کمیته سلامت اداری و صیانت از حقوق شهروندی"
    assert window.bodies_view.currentIndex().parent().data() == "شورای راهبری استان"


def test_cancelled_dialog_changes_nothing(qtbot, window: MainWindow, store: Store, council: int) -> None:  # type: ignore[no-untyped-def]
    seen = when_dialog_opens(lambda dialog: qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape))
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert len(seen) == 1 and seen[0].saved_body_id is None
    assert bodies_in_tree(window) == [COUNCIL]
    assert window.current_body_id() == council


def test_the_emblem_is_chosen_kept_and_removed(qtbot, store: Store, council: int) -> None:  # type: ignore[no-untyped-def]
    import io

    from PIL import Image as PILImage

    png = io.BytesIO()
    PILImage.new("RGB", (64, 64), (200, 30, 30)).save(png, format="PNG")
    dialog = show(qtbot, BodyDialog(store, body_id=council))
    dialog.set_emblem(b"not an image at all")
    assert not dialog.save()
    assert "PNG" in dialog.errors["emblem"].text()
    dialog.set_emblem(png.getvalue())
    assert dialog.save()
    assert bodies.get_emblem(store, council) == png.getvalue()
    again = show(qtbot, BodyDialog(store, body_id=council))
    assert again.emblem == png.getvalue() and not again.emblem_preview.pixmap().isNull()
    qtbot.mouseClick(again.emblem_remove, Qt.MouseButton.LeftButton)
    assert again.save() and bodies.get_emblem(store, council) is None


def test_esc_asks_before_throwing_edits_away(qtbot, store: Store, council: int) -> None:  # type: ignore[no-untyped-def]
    dialog = show(qtbot, BodyDialog(store, council))
    asked: list[bool] = []
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]

    def answer() -> QMessageBox.StandardButton:
        asked.append(True)
        return answers.pop(0)

    dialog.ask_about_unsaved = answer  # type: ignore[method-assign]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing changed: closes without a question
    assert not asked and dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()

    dialog = show(qtbot, BodyDialog(store, council))
    dialog.ask_about_unsaved = answer  # type: ignore[method-assign]
    dialog.name_edit.clear()
    type_text(dialog.name_edit, "شورای توسعه مدیریت")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
    assert asked == [True] and dialog.isVisible()  # «Cancel»: back to the form, the text still there
    assert dialog.name_edit.text() == "شورای توسعه مدیریت"
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
    assert asked == [True, True] and not dialog.isVisible()  # «Discard»
    assert bodies.get_body(store, council).name == COUNCIL


def test_answering_save_on_esc_saves(qtbot, store: Store, council: int) -> None:  # type: ignore[no-untyped-def]
    dialog = show(qtbot, BodyDialog(store, council))
    dialog.ask_about_unsaved = lambda: QMessageBox.StandardButton.Save  # type: ignore[method-assign]
    dialog.frequency_combo.setCurrentIndex(dialog.frequency_combo.findData(12))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.saved_body_id == council
    assert bodies.get_body(store, council).meetings_per_year == 12
