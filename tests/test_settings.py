"""Settings are declared once, typed, with a default and a Persian title; «due soon» follows one of them."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings

from app.services import bodies
from app.services.meeting_data import ResolutionData
from app.store.db import Store
from tests.builders import resolutions_made
from ui.followup.banner import attention_text, days_text
from ui.shell import settings
from ui.shell.settings import DUE_SOON, REGISTRY, Setting


@pytest.fixture(autouse=True)
def _fresh(qapp) -> None:  # type: ignore[no-untyped-def]
    for s in REGISTRY.values():
        s.reset()
    yield
    for s in REGISTRY.values():
        s.reset()


def test_every_setting_has_its_own_key_a_default_and_a_persian_title() -> None:
    names = [v for v in vars(settings).values() if isinstance(v, Setting)]
    assert len(names) == len(REGISTRY) >= 4
    assert len({s.key for s in names}) == len(names)
    for s in REGISTRY.values():
        assert s.read() == s.default
        assert any("\u0600" <= ch <= "\u06ff" for ch in s.title), s.key


def test_a_key_declared_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="declared twice"):
        Setting("tracker/folder", "", "دوباره")


def test_values_come_back_in_their_type_from_the_ini_store() -> None:
    QSettings().setValue(DUE_SOON.key, "10")  # as a hand-edited INI file holds it
    assert DUE_SOON.read() == 10
    QSettings().setValue(DUE_SOON.key, "ده")
    assert DUE_SOON.read() == DUE_SOON.default == 7
    settings.MINUTES_FOLDER.write("/tmp/x")
    assert settings.MINUTES_FOLDER.read() == "/tmp/x" and settings.TRACKER_FOLDER.read() == ""


def test_the_banner_follows_the_due_soon_setting(store: Store, today: dt.date) -> None:
    council = bodies.save_body(store, "شورای راهبری توسعه مدیریت استان", "council").id
    resolutions_made(store, council, dt.date(2024, 9, 1), [
        ResolutionData("گزارش عملکرد فصل دوم ارسال شود.", "دبیرخانه", deadline="1403/09/05"),  # in 2 days
        ResolutionData("دوره آموزشی برگزار شود.", "دبیرخانه", deadline="1403/09/13"),  # in 10 days
    ])
    assert attention_text(store, today)[2] == "۱ مصوبه تا هفت روز آینده سررسید می‌شود."
    DUE_SOON.write(10)
    assert attention_text(store, today)[2] == "۲ مصوبه تا ده روز آینده سررسید می‌شود."
    DUE_SOON.write(1)
    assert attention_text(store, today)[:2] == (0, 0)
    assert days_text(14) == "۱۴ روز"
