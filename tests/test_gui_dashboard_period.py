"""The dashboard over any Jalali period («دورهٔ دلخواه»), on the store of tests/test_gui_dashboard.py."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QApplication

from app.store.db import Store
from tests import test_gui_dashboard as base
from tests.gui_helpers import type_text
from tests.test_gui_dashboard import World, j, shown
from ui.dashboard.period import CUSTOM
from ui.dashboard.window import Dashboard

world, dashboard = base.world, base.dashboard  # the same store and window as the dashboard's own tests


def test_a_custom_period_typed_in_the_dashboard(qtbot, dashboard: Dashboard, world: World) -> None:  # type: ignore[no-untyped-def]
    d = dashboard
    assert not d.custom.isVisible()
    d.quarter_combo.setCurrentIndex(d.quarter_combo.findData(CUSTOM))
    assert d.custom.isVisible() and not d.year_spin.isEnabled()
    assert d.figures is None and "آغاز و پایان دوره" in d.heading_label.text()  # says what it needs
    for field, text in ((d.custom.start, "1402/10/01"), (d.custom.end, "1403/06/31")):
        field.line_edit.setFocus()
        type_text(field.line_edit, text)
        field.line_edit.clearFocus()  # leaving the field reads the date
        QApplication.processEvents()
    assert d.figures is not None
    assert d.heading_label.text() == "شورای راهبری — ۱۴۰۲/۱۰/۰۱ تا ۱۴۰۳/۰۶/۳۱"
    # r0 of 1402/10/05 and r1–r3: winter 1402, spring and summer 1403 are the quarters it covers; summer missed
    assert shown(d, "meetings_held", "meetings_required", "made") == ("۲", "۳", "۴")
    assert "تابستان ۱۴۰۳" in d.obligation_label.text()
    assert d.rate_chart.chart.title() == "درصد تحقق به تفکیک سال — ۱۴۰۲/۱۰/۰۱ تا ۱۴۰۳/۰۶/۳۱"
    assert list(d.rate_chart.values()) == ["۱۴۰۲", "۱۴۰۳"]


def test_a_reversed_period_says_so_and_a_set_one_shows(qtbot, dashboard: Dashboard, world: World,  # type: ignore[no-untyped-def]
                                                       store: Store) -> None:
    d = dashboard
    d.set_custom_period(j(1403, 6, 31), j(1403, 1, 1))
    assert d.figures is None and "پیش از آغاز" in d.heading_label.text()
    d.set_custom_period(j(1403, 1, 1), j(1403, 6, 31))
    assert d.figures is not None and d.figures.period.custom
    assert shown(d, "meetings_held", "made") == ("۱", "۳")
    assert list(d.rate_chart.values()) == ["بهار", "تابستان"]  # the quarters of one year it touches
    d.set_period(1403, None)
    assert not d.custom.isVisible() and d.year_spin.isEnabled() and shown(d, "made") == ("۳",)
    assert isinstance(d.figures.period.start, dt.date)
