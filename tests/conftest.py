"""Shared test set-up: offscreen Qt, a fixed «today», a fresh store per test."""

from __future__ import annotations

import datetime as dt
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("DABIR_DB", None)  # never touch a real user's store

import pytest

from app.store.db import Store, open_memory_store

# 1403/09/03 — a Saturday in autumn (Q3). Tests never read the real date.
TODAY = dt.date(2024, 11, 23)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()) or "qapp" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(scope="session")
def qapp(qapp_args: list[str], tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The one QApplication of the session (replaces pytest-qt's), made Persian once as the app makes it.

    Only Qt tests ask for it (through qtbot), so the core tests never import Qt.
    QSettings (last certificate, folders…) go to a temporary folder, not the tester's.
    """
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    from ui.shell.application import configure

    QCoreApplication.setOrganizationName("DabirTests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path_factory.mktemp("settings")))
    app = QApplication.instance() or QApplication(qapp_args)
    configure(app)  # type: ignore[arg-type]
    return app


@pytest.fixture(autouse=True, scope="session")
def _private_log(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A failure that sets the log up by itself (app.log.log_failure) writes here, not in the tester's folder."""
    os.environ["DABIR_LOG_DIR"] = str(tmp_path_factory.mktemp("logs"))
    yield
    os.environ.pop("DABIR_LOG_DIR", None)


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture
def store() -> Store:
    s = open_memory_store()
    yield s
    s.close()


@pytest.fixture
def file_store(tmp_path) -> Store:  # type: ignore[no-untyped-def]
    from app.store.db import open_store

    s = open_store(tmp_path / "dabir.db")
    yield s
    s.close()
