"""The directory of people and units, used as a secretary uses it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.services import directory
from app.store.db import Store, open_memory_store
from tests.gui_helpers import type_text
from ui.bodies.directory_dialog import ID_ROLE, ROW_ROLE, DirectoryDialog, DirectoryPage


@pytest.fixture
def memory_store() -> Iterator[Store]:
    store = open_memory_store()
    yield store
    store.close()


@pytest.fixture
def dialog(qtbot, memory_store: Store) -> DirectoryDialog:  # type: ignore[no-untyped-def]
    directory.save_person(memory_store, "مریم صادقی", "مدیرکل دفتر برنامه‌ریزی", "استانداری همدان")
    directory.save_person(memory_store, "علی شاهرخی", "استاندار", "استانداری همدان")
    directory.save_unit(memory_store, "دفتر فناوری اطلاعات")
    directory.save_unit(memory_store, "دبیرخانه شورا")
    d = DirectoryDialog(memory_store)
    for page in (d.people, d.units):  # no modal question may block a test, not even its teardown
        page.ask_about_unsaved = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    d.activateWindow()
    return d


def retype(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_Backspace)
    type_text(widget, text)


def names(page: DirectoryPage) -> list[str]:
    model = page.model
    return [model.data(model.index(r, 0)) for r in range(model.rowCount())]


def click_row(qtbot, page: DirectoryPage, name: str) -> None:  # type: ignore[no-untyped-def]
    index = page.model.index(names(page).index(name), 0)
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=page.view.visualRect(index).center())


def open_tab(qtbot, dialog: DirectoryDialog, page: DirectoryPage) -> None:  # type: ignore[no-untyped-def]
    bar = dialog.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(dialog.tabs.indexOf(page)).center())
    assert dialog.current_page() is page


def test_models_pass_the_model_tester(qtmodeltester, dialog: DirectoryDialog) -> None:  # type: ignore[no-untyped-def]
    for page in (dialog.people, dialog.units):
        qtmodeltester.check(page.model, force_py=True)
        qtmodeltester.check(page.model)
    type_text(dialog.people.search, "صادقی")  # a model reset while the testers watch
    assert names(dialog.people) == ["مریم صادقی"]
    row = dialog.people.model.index(0, 0)
    assert dialog.people.model.data(row, ROW_ROLE).name == "مریم صادقی"
    assert isinstance(dialog.people.model.data(row, ID_ROLE), int)
    assert dialog.people.model.headerData(0, Qt.Orientation.Vertical) == "۱"


def test_window_is_persian(dialog: DirectoryDialog) -> None:
    assert dialog.windowTitle() == "دفتر نام‌ها: اشخاص و واحدها"
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert [dialog.tabs.tabText(i) for i in range(2)] == ["اشخاص", "واحدها و سازمان‌ها"]


def test_add_person_with_a_new_organisation_then_find_them(qtbot, dialog: DirectoryDialog,  # type: ignore[no-untyped-def]
                                                           memory_store: Store) -> None:
    people = dialog.people
    qtbot.mouseClick(people.add_button, Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is people.fields["name"]
    type_text(people.fields["name"], "علی کریمی")
    qtbot.keyClick(people.fields["name"], Qt.Key.Key_Tab)
    type_text(people.fields["post"], "رئیس کمیته")
    type_text(people.fields["organisation"], "کمیته فنی استان")
    with qtbot.waitSignal(dialog.changed):
        qtbot.keyClick(people.fields["organisation"], Qt.Key.Key_Return)  # Enter in the form saves
    assert people.status.text() == "ذخیره شد."
    assert "علی کریمی" in names(people)
    assert "کمیته فنی استان" in names(dialog.units)
    assert "کمیته فنی استان" in dialog.organisation_completer.model().stringList()
    saved = directory.list_people(memory_store, "کریمی")
    assert [(p.name, p.post, p.organisation) for p in saved] == [("علی کریمی", "رئیس کمیته", "کمیته فنی استان")]

    qtbot.keyClick(people.fields["name"], Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is people.search
    type_text(people.search, "كريمي")  # Arabic kaf and yeh, as some keyboards type them
    assert names(people) == ["علی کریمی"]
    retype(qtbot, people.search, "كميته")  # the organisation matches too
    assert names(people) == ["علی کریمی"]
    retype(qtbot, people.search, "صادقي")
    assert names(people) == ["مریم صادقی"]
    retype(qtbot, people.search, "")
    assert len(names(people)) == 3


def test_rename_a_unit(qtbot, dialog: DirectoryDialog, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    units = dialog.units
    directory.save_person(memory_store, "حسن عسگریان", "مدیر", "دفتر فناوری اطلاعات")
    open_tab(qtbot, dialog, units)
    click_row(qtbot, units, "دفتر فناوری اطلاعات")
    assert units.fields["name"].text() == "دفتر فناوری اطلاعات"
    retype(qtbot, units.fields["name"], "اداره کل فناوری اطلاعات")
    with qtbot.waitSignal(dialog.changed):
        qtbot.mouseClick(units.save_button, Qt.MouseButton.LeftButton)
    assert "اداره کل فناوری اطلاعات" in names(units) and "دفتر فناوری اطلاعات" not in names(units)
    assert units.view.currentIndex().data() == "اداره کل فناوری اطلاعات"
    assert [u.name for u in directory.list_units(memory_store, "فناوری")] == ["اداره کل فناوری اطلاعات"]
    rows = dialog.people.model.rows
    assert [r.organisation for r in rows if r.name == "حسن عسگریان"] == ["اداره کل فناوری اطلاعات"]


def test_duplicate_unit_shows_the_persian_error(qtbot, dialog: DirectoryDialog,  # type: ignore[no-untyped-def]
                                                memory_store: Store) -> None:
    units = dialog.units
    open_tab(qtbot, dialog, units)
    qtbot.mouseClick(units.add_button, Qt.MouseButton.LeftButton)
    type_text(units.fields["name"], "دبيرخانه  شورا")  # Arabic yeh, a double space
    with qtbot.assertNotEmitted(dialog.changed):
        qtbot.keyClick(units.fields["name"], Qt.Key.Key_Return)
    error = units.errors["name"]
    assert error.isVisible()
    assert error.text() == "واحد «دبیرخانه شورا» از پیش در فهرست هست."
    assert units.fields["name"].accessibleDescription() == error.text()
    assert units.fields["name"].text() == "دبيرخانه  شورا"  # the typing is kept to fix
    assert len(directory.list_units(memory_store)) == 3  # with «استانداری همدان», made with a person
    type_text(units.fields["name"], " همدان")
    qtbot.keyClick(units.fields["name"], Qt.Key.Key_Return)
    assert not error.isVisible()
    assert len(directory.list_units(memory_store)) == 4


def test_a_person_needs_a_name(qtbot, dialog: DirectoryDialog) -> None:  # type: ignore[no-untyped-def]
    people = dialog.people
    qtbot.mouseClick(people.add_button, Qt.MouseButton.LeftButton)
    type_text(people.fields["post"], "کارشناس")
    qtbot.mouseClick(people.save_button, Qt.MouseButton.LeftButton)
    assert people.errors["name"].isVisible()
    assert people.errors["name"].text() == "نام شخص خالی است."
    assert QApplication.focusWidget() is people.fields["name"]


def test_escape_closes(qtbot, dialog: DirectoryDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(dialog.people.search, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_unsaved_typing_is_not_thrown_away_silently(qtbot, dialog: DirectoryDialog,  # type: ignore[no-untyped-def]
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    people = dialog.people
    answers: list[QMessageBox.StandardButton] = []
    monkeypatch.setattr(people, "ask_about_unsaved", lambda: answers.pop(0))
    click_row(qtbot, people, "مریم صادقی")
    type_text(people.fields["post"], " و بودجه")

    answers.append(QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(people.fields["post"], Qt.Key.Key_Escape)
    assert dialog.isVisible() and people.fields["post"].text().endswith(" و بودجه")

    answers.append(QMessageBox.StandardButton.Cancel)
    click_row(qtbot, people, "علی شاهرخی")
    assert people.view.currentIndex().data() == "مریم صادقی"
    assert people.fields["post"].text().endswith(" و بودجه")

    answers.append(QMessageBox.StandardButton.Save)
    with qtbot.waitSignal(dialog.changed):
        click_row(qtbot, people, "علی شاهرخی")
    assert people.view.currentIndex().data() == "علی شاهرخی"
    assert people.fields["name"].text() == "علی شاهرخی"
    assert [r.post for r in people.model.rows if r.name == "مریم صادقی"] == ["مدیرکل دفتر برنامه‌ریزی و بودجه"]

    type_text(people.fields["post"], " همدان")
    answers.append(QMessageBox.StandardButton.Discard)
    with qtbot.assertNotEmitted(dialog.changed):
        qtbot.mouseClick(people.add_button, Qt.MouseButton.LeftButton)
    assert people.editing_id is None and people.fields["name"].text() == ""
    assert not people.view.currentIndex().isValid()
    assert [r.post for r in people.model.rows if r.name == "علی شاهرخی"] == ["استاندار"]
    assert answers == []
