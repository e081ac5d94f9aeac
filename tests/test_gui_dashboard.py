"""The dashboard (آمار و عملکرد): figures, charts and the per-unit table follow the store.

The store, as of today 1403/09/03 (autumn has not ended, summer has)::

    council «شورای راهبری» (4 a year: one meeting each quarter)
      1402/10/05  r0  not started, due 1402/12/01 → overdue        اداره کل امور اداری و مالی
      1403/02/10  r1  not started, due 1403/08/01 → overdue        دفتر فناوری اطلاعات
                  r2  not started, due 1403/07/15 → overdue        اداره کل امور اداری و مالی
                  r3  not started, due 1403/12/01                  دفتر فناوری اطلاعات
      (no meeting in summer 1403: missed)
      committee «کمیته فناوری اطلاعات» under it (2 a year)
        1403/03/01  k1  not started, due 1403/06/01 → overdue    اداره کل امور اداری و مالی
    working group «کارگروه ساده‌سازی فرایندها» (no obligation), no meetings
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt

from app.clock import FixedClock
from app.persian.jalali import from_jalali
from app.services import bodies
from app.services.followup import add_follow_up
from app.services.meeting_data import ResolutionData
from app.store.db import Store
from tests.builders import resolutions_made
from ui.dashboard.window import NO_DATA, NO_OVERDUE, Dashboard

IT, ADMIN = "دفتر فناوری اطلاعات", "اداره کل امور اداری و مالی"


def j(y: int, m: int, d: int) -> dt.date:
    return from_jalali(y, m, d)


@dataclass
class World:
    council: int
    committee: int
    group: int
    r0: int
    r1: int
    r2: int
    r3: int
    k1: int


@pytest.fixture
def world(store: Store) -> World:
    council = bodies.save_body(store, "شورای راهبری", "council", meetings_per_year=4).id
    committee = bodies.save_body(store, "کمیته فناوری اطلاعات", "committee", council, meetings_per_year=2).id
    group = bodies.save_body(store, "کارگروه ساده‌سازی فرایندها", "working_group", meetings_per_year=0).id
    R = ResolutionData
    (r0,) = resolutions_made(store, council, j(1402, 10, 5), [R("پیگیری بودجه", ADMIN, deadline="1402/12/01")])
    r1, r2, r3 = resolutions_made(store, council, j(1403, 2, 10), [
        R("سامانه میز خدمت راه‌اندازی شود.", IT, deadline="1403/08/01"),
        R("آیین‌نامه اداری بازنگری شود.", ADMIN, deadline="1403/07/15"),
        R("پنجره واحد خدمات گسترش یابد.", IT, deadline="1403/12/01")])
    (k1,) = resolutions_made(store, committee, j(1403, 3, 1), [R("شبکه اداری تکمیل شود.", ADMIN, deadline="1403/06/01")])
    return World(council, committee, group, r0, r1, r2, r3, k1)


@pytest.fixture
def dashboard(qtbot, store: Store, world: World, today: dt.date) -> Dashboard:  # type: ignore[no-untyped-def]
    d = Dashboard(store, clock=FixedClock(today), body_id=world.council)
    qtbot.addWidget(d)
    d.show()
    return d


def shown(d: Dashboard, *keys: str) -> tuple[str, ...]:
    return tuple(d.figure_labels[k].text() for k in keys)


def report_done(store: Store, resolution_id: int, date: dt.date, today: dt.date) -> None:
    add_follow_up(store, resolution_id, date=date, reporter="دبیرخانه", text="گزارش انجام رسید.", progress=None,
                  status_after="done", today=today)


def test_opens_on_the_body_and_this_jalali_year(dashboard: Dashboard, world: World) -> None:
    d = dashboard
    assert d.isWindow() and d.windowTitle() == "آمار و عملکرد"
    assert d.body_combo.currentData() == world.council
    assert [d.body_combo.itemData(i) for i in range(d.body_combo.count())] == [
        world.council, world.committee, world.group]
    assert d.body_combo.itemText(1).strip() == "کمیته فناوری اطلاعات" and d.body_combo.itemText(1).startswith("\u2003")
    assert d.year_spin.value() == 1403 and d.year_spin.text() == "۱۴۰۳"
    assert [d.quarter_combo.itemData(i) for i in range(5)] == [None, 1, 2, 3, 4]
    assert d.quarter_combo.currentText() == "تمام سال" and not d.sub_bodies.isChecked()
    assert d.heading_label.text() == "شورای راهبری — سال ۱۴۰۳"


def test_figures_change_after_a_follow_up(dashboard: Dashboard, store: Store, world: World,
                                          today: dt.date) -> None:
    d = dashboard
    assert shown(d, "meetings_held", "meetings_required", "made", "done", "open", "overdue") == (
        "۱", "۴", "۳", "۰", "۳", "۲")
    assert shown(d, "implementation_rate", "average_days_to_done") == ("۰٪", "—")
    assert d.figure_labels["overdue"].property("alert") == "true"
    assert d.summary_label.text().startswith("۱ جلسه، ۳ مصوبه، ۰ انجام‌شده، ۳ در دست پیگیری، ۲ معوق")

    report_done(store, world.r1, j(1403, 8, 20), today)
    assert shown(d, "done") == ("۰",)  # nothing moves until asked
    d.refresh()
    # 1403/02/10 → 1403/08/10: five 31-day months and مهر's 30; then 10 days more
    assert (j(1403, 8, 20) - j(1403, 2, 10)).days == 31 * 5 + 30 + 10 == 195
    assert shown(d, "made", "done", "open", "overdue", "implementation_rate", "average_days_to_done") == (
        "۳", "۱", "۲", "۱", "۳۳٫۳٪", "۱۹۵")
    assert "۱ انجام‌شده" in d.summary_label.text()
    assert d.status_chart.values()["انجام شده"] == 1 and d.status_chart.values()["اقدام نشده"] == 2
    assert d.overdue_chart.values() == {ADMIN: 1}
    assert d.rate_chart.values()["بهار"] == pytest.approx(33.3)

    report_done(store, world.r2, j(1403, 8, 21), today)
    d.refresh()
    assert shown(d, "done", "overdue", "implementation_rate") == ("۲", "۰", "۶۶٫۷٪")
    assert d.figure_labels["overdue"].property("alert") == "false"
    assert d.overdue_chart.is_empty and NO_OVERDUE in d.overdue_chart.empty_label.text()


def test_the_charts_hold_the_figures(dashboard: Dashboard) -> None:
    d = dashboard
    status = d.status_chart
    assert not status.is_empty and status.categories[:4] == ["اقدام نشده", "در دست اقدام", "بخشی انجام شده",
                                                             "انجام شده"]
    assert status.values() == {"اقدام نشده": 3, "در دست اقدام": 0, "بخشی انجام شده": 0, "انجام شده": 0,
                               "امکان‌پذیر نیست": 0, "لغو شده": 0, "جایگزین شده": 0, "مستمر": 0}
    # Qt draws the first category at the bottom: it is handed the list reversed, so «اقدام نشده» is on top
    assert status.bar_set is not None and status.bar_set.at(status.bar_set.count() - 1) == 3
    assert d.rate_chart.chart.title() == "درصد تحقق به تفکیک فصل — سال ۱۴۰۳"
    assert d.rate_chart.values() == {"بهار": 0, "تابستان": 0, "پاییز": 0, "زمستان": 0}
    # a quarter without resolutions says so under its name, unlike a quarter at 0 %
    axis_labels = d.rate_chart.chart.axes(Qt.Orientation.Horizontal)[0].categories()
    assert axis_labels == ["زمستان<br>بی‌مصوبه", "پاییز<br>بی‌مصوبه", "تابستان<br>بی‌مصوبه", "بهار"]
    # both overdue: the tie goes by name, the first on top
    assert list(d.overdue_chart.values().items()) == [(ADMIN, 1), (IT, 1)]


def test_quarter_and_year_change_the_figures(qtbot, dashboard: Dashboard, world: World) -> None:  # type: ignore[no-untyped-def]
    d = dashboard
    d.quarter_combo.setCurrentIndex(d.quarter_combo.findData(1))  # spring: the meeting and its three
    assert d.heading_label.text() == "شورای راهبری — بهار ۱۴۰۳"
    assert shown(d, "meetings_held", "meetings_required", "made", "overdue") == ("۱", "۱", "۳", "۲")
    assert d.obligation_label.property("state") == "met" and not d.obligation_label.isHidden()

    d.quarter_combo.setCurrentIndex(d.quarter_combo.findData(3))  # autumn: nothing yet, and not judged yet
    assert shown(d, "meetings_held", "meetings_required", "made", "implementation_rate") == ("۰", "۱", "۰", "—")
    assert d.obligation_label.isHidden()
    assert d.status_chart.is_empty and NO_DATA in d.status_chart.empty_label.text()
    assert not d.rate_chart.is_empty  # the year's quarters are still there to compare

    d.quarter_combo.setCurrentIndex(0)
    d.year_spin.setValue(1402)
    assert d.heading_label.text() == "شورای راهبری — سال ۱۴۰۲"
    assert shown(d, "meetings_held", "made", "overdue") == ("۱", "۱", "۱")
    assert d.rate_chart.chart.title().endswith("سال ۱۴۰۲")
    assert d.overdue_chart.values() == {ADMIN: 1}

    d.set_period(1403, 2)
    assert d.year_spin.value() == 1403 and d.quarter_combo.currentText() == "تابستان"
    assert shown(d, "made") == ("۰",) and d.heading_label.text() == "شورای راهبری — تابستان ۱۴۰۳"


def test_a_missed_quarterly_meeting_is_said_in_words(dashboard: Dashboard) -> None:
    d = dashboard
    assert not d.obligation_label.isHidden()
    assert d.obligation_label.text() == "هشدار — جلسهٔ الزامی برگزار نشد: تابستان ۱۴۰۳"
    assert d.obligation_label.property("state") == "missed"  # and red, by the style sheet
    assert d.figure_labels["meetings_held"].property("alert") == "true"
    d.set_period(1402, None)  # only winter 1402 had its meeting
    assert d.obligation_label.text().endswith("بهار ۱۴۰۲، تابستان ۱۴۰۲، پاییز ۱۴۰۲")


def test_with_sub_committees(dashboard: Dashboard, world: World) -> None:
    d = dashboard
    d.sub_bodies.setChecked(True)
    assert d.heading_label.text() == "شورای راهبری با کمیته‌های زیرمجموعه — سال ۱۴۰۳"
    # the committee's meeting and k1 (overdue) join; it owes two a year, the first half was met
    assert shown(d, "meetings_held", "meetings_required", "made", "overdue") == ("۲", "۶", "۴", "۳")
    assert d.overdue_chart.values() == {ADMIN: 2, IT: 1}
    d.set_body(world.committee)
    assert d.heading_label.text() == "کمیته فناوری اطلاعات با کمیته‌های زیرمجموعه — سال ۱۴۰۳"
    assert shown(d, "meetings_held", "meetings_required", "made") == ("۱", "۲", "۱")


def test_an_empty_body_says_there_is_no_data(dashboard: Dashboard, world: World) -> None:
    d = dashboard
    d.set_body(world.group)
    assert d.heading_label.text() == "کارگروه ساده‌سازی فرایندها — سال ۱۴۰۳"
    assert shown(d, "meetings_held", "meetings_required", "made", "implementation_rate") == ("۰", "۰", "۰", "—")
    for chart in (d.status_chart, d.rate_chart, d.overdue_chart):
        assert chart.is_empty and chart.empty_label.text().endswith(NO_DATA) and chart.values() == {}
    assert d.obligation_label.isHidden()  # no obligation: nothing to warn about
    assert d.units_model.rowCount() == 0
    d.set_body(world.council)
    assert not d.status_chart.is_empty and shown(d, "made") == ("۳",)


def test_no_latin_digits_anywhere_a_number_is_shown(dashboard: Dashboard) -> None:
    d = dashboard
    texts = [label.text() for label in d.figure_labels.values()]
    texts += [d.summary_label.text(), d.obligation_label.text(), d.heading_label.text(), d.year_spin.text()]
    model = d.units_proxy
    texts += [model.index(r, c).data() for r in range(model.rowCount()) for c in range(model.columnCount())]
    assert not [t for t in texts if any("0" <= ch <= "9" for ch in t)]
    assert d.rate_chart.chart.localizeNumbers() and d.rate_chart.chart.locale().zeroDigit() == "۰"


def test_unit_table(qtmodeltester, dashboard: Dashboard) -> None:  # type: ignore[no-untyped-def]
    d = dashboard
    qtmodeltester.check(d.units_model)
    model = d.units_proxy

    def rows() -> list[list[str]]:
        return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]

    # most resolutions first
    assert rows() == [[IT, "۲", "۰", "۲", "۱", "۰٪"], [ADMIN, "۱", "۰", "۱", "۱", "۰٪"]]
    d.units_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert [r[0] for r in rows()] == [ADMIN, IT]
    d.units_view.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # by the number, not by its Persian text
    assert [r[1] for r in rows()] == ["۱", "۲"]
    assert d.units_view.editTriggers() == d.units_view.EditTrigger.NoEditTriggers


def test_a_store_without_bodies(qtbot, store: Store, today: dt.date) -> None:  # type: ignore[no-untyped-def]
    d = Dashboard(store, clock=FixedClock(today))
    qtbot.addWidget(d)
    assert d.body_id is None and "نهادی ثبت نشده" in d.heading_label.text()
    assert d.status_chart.is_empty and d.figures is None
    body = bodies.save_body(store, "شورای تازه", "council").id
    d.set_body(body)  # not in the list it read: it reads the list again
    assert d.body_id == body and shown(d, "made") == ("۰",)
