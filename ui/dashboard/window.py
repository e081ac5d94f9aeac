"""The dashboard (آمار و عملکرد): one body's figures for a Jalali year, a quarter or any period, with charts.

Display only: every number is read from :mod:`app.services.stats`; this module
formats, orders and draws. It is imported when the dashboard first opens, so
QtCharts is not loaded at start-up.

Charts read right to left: the first category (بهار, the first status) is on
the right or at the top, value axes stand on the right or grow leftwards, and
numbers come out in Persian digits through ``QChart.localizeNumbers`` with the
Persian locale. (A plain ``QValueAxis.labelFormat`` prints Latin digits, and
with localisation on an integer format such as ``%d`` prints nothing at all in
Qt 6.11, hence ``%.0f``.) ``QBarCategoryAxis.setReverse`` has no effect on bar
series, so the categories are handed to Qt in reverse order instead.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QColor, QCursor, QFont, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app.clock import Clock
from app.errors import UserError
from app.persian import labels
from app.persian.jalali import MAX_YEAR, MIN_YEAR, QUARTER_NAMES, format_jalali, jalali_year
from app.persian.text import fa_number, to_persian_digits
from app.services import overview, stats
from app.services.changes import Changes
from app.services.stats import BodyFigures, Figures, UnitFigures
from app.store.db import Store
from ui.dashboard.exports import DashboardExports
from ui.dashboard.period import CUSTOM, CustomPeriod
from ui.shell.changes import ChangeBroadcast
from ui.shell.geometry import fit_window
from ui.shell.jobs import Jobs
from ui.shell.ops import Ops
from ui.shell.settings import DASHBOARD_GEOMETRY
from ui.shell.theme import ALERT, CHART_LABEL, CHART_OVERDUE, CHART_RATE, CHART_STATUS, PERSIAN, set_state
from ui.widgets.item_models import RowTableModel, rows_view

Index = QModelIndex | QPersistentModelIndex
SortRole = Qt.ItemDataRole.UserRole + 2

NO_DATA = "داده‌ای نیست"
NO_OVERDUE = "مصوبهٔ معوقی نیست"
TOP_UNITS = 8
_INDENT = "\u2003\u2003"  # em spaces: committees stand in under their council in the body list

# (key in figure_labels, caption) in reading order, two to a row.
FIGURE_CAPTIONS: tuple[tuple[str, str], ...] = (
    ("meetings_held", "جلسات برگزارشده"), ("meetings_required", "جلسات الزامی"),
    ("made", "مصوبات"), ("implementation_rate", "درصد تحقق"),
    ("done", "انجام‌شده"), ("partly_done", "بخشی انجام‌شده"),
    ("in_progress", "در دست اقدام"), ("not_started", "اقدام نشده"),
    ("open", "در دست پیگیری"), ("overdue", "معوق"),
    ("not_feasible", "امکان‌پذیر نیست"), ("withdrawn", "لغو یا جایگزین‌شده"),
    ("standing", "مستمر"), ("average_days_to_done", "میانگین روز تا انجام"),
)
STATUS_ORDER = ("not_started", "in_progress", "partly_done", "done", "not_feasible", "cancelled", "superseded",
                "standing")

def format_days(days: float) -> str:
    """«۲۵٫۵» (one decimal, dropped when zero), as :func:`app.services.stats.format_rate` writes numbers."""
    return to_persian_digits(f"{days:.1f}".removesuffix(".0")).replace(".", "٫")


# --- charts ------------------------------------------------------------------

class ChartPanel(QStackedWidget):
    """One bar chart, or a plain sentence in its place («داده‌ای نیست») when there is nothing to draw.

    ``categories`` and :meth:`values` give what is drawn, in reading order, for tests and tooltips.
    """

    def __init__(self, title: str, colour: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.colour = colour
        self.chart = QChart()
        self.chart.setLocalizeNumbers(True)
        self.chart.setLocale(PERSIAN)
        self.chart.legend().hide()
        self.chart.setBackgroundRoundness(4)
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.view = QChartView(self.chart, self)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(340)
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("chartEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.addWidget(self.view)
        self.addWidget(self.empty_label)
        self.categories: list[str] = []
        self.bar_set: QBarSet | None = None
        self.set_title(title)

    def set_title(self, title: str) -> None:
        self.title = title
        self.chart.setTitle(title)
        self.view.setAccessibleName(title)

    @property
    def is_empty(self) -> bool:
        return self.currentWidget() is self.empty_label

    def values(self) -> dict[str, float]:
        """Category → the bar's value, as the chart holds them."""
        if self.bar_set is None:
            return {}
        n = len(self.categories)
        return {c: self.bar_set.at(n - 1 - i) for i, c in enumerate(self.categories)}  # held reversed

    def _clear(self) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
            axis.deleteLater()
        self.bar_set, self.categories = None, []

    def show_message(self, message: str) -> None:
        self._clear()
        self.empty_label.setText(f"{self.title}\n\n{message}")
        self.setCurrentWidget(self.empty_label)

    def show_bars(self, categories: Sequence[str], values: Sequence[float], *, horizontal: bool,
                  percent: bool = False, shown: Sequence[str] | None = None) -> None:
        """Draw one bar per category; ``shown`` are the axis labels when they differ from the categories."""
        self._clear()
        self.categories = list(categories)
        # Qt draws the first category at the left (vertical bars) or at the bottom (horizontal bars);
        # a Persian reader starts at the right and at the top.
        reverse = list(reversed(range(len(categories))))
        bar_set = QBarSet(self.title)
        bar_set.setColor(QColor(self.colour))
        bar_set.setLabelColor(QColor(CHART_LABEL))
        bar_set.append([float(values[i]) for i in reverse])
        series = QHorizontalBarSeries() if horizontal else QBarSeries()
        series.append(bar_set)
        series.setBarWidth(0.6)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsInsideEnd)
        series.setLabelsFormat("@value٪" if percent else "@value")
        series.setLabelsPrecision(4)
        self.chart.addSeries(series)

        category_axis = QBarCategoryAxis()
        category_axis.append([(shown or categories)[i] for i in reverse])
        value_axis = QValueAxis()
        value_axis.setLabelFormat("%.0f")  # localised: Persian digits (see the module's docstring)
        top = 100 if percent else max(1, math.ceil(max(values, default=0)))
        step = 25 if percent else max(1, math.ceil(top / 5))
        value_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        value_axis.setTickAnchor(0)
        value_axis.setTickInterval(step)
        value_axis.setRange(0, math.ceil(top / step) * step)
        if horizontal:  # categories on the right, bars growing leftwards
            value_axis.setReverse(True)
            self.chart.addAxis(category_axis, Qt.AlignmentFlag.AlignRight)
            self.chart.addAxis(value_axis, Qt.AlignmentFlag.AlignBottom)
        else:
            self.chart.addAxis(category_axis, Qt.AlignmentFlag.AlignBottom)
            self.chart.addAxis(value_axis, Qt.AlignmentFlag.AlignRight)
        series.attachAxis(category_axis)
        series.attachAxis(value_axis)
        labels_font = QFont(category_axis.labelsFont())
        labels_font.setPointSizeF(9)
        category_axis.setLabelsFont(labels_font)
        bar_set.hovered.connect(self._hovered)
        self.bar_set = bar_set
        self.setCurrentWidget(self.view)

    def _hovered(self, inside: bool, index: int) -> None:
        """The whole name and the value: long unit names are elided on the axis."""
        if not inside or self.bar_set is None:
            QToolTip.hideText()
            return
        category = self.categories[len(self.categories) - 1 - index]
        value = to_persian_digits(f"{self.bar_set.at(index):g}").replace(".", "٫")
        QToolTip.showText(QCursor.pos(), f"{category}: {value}", self.view)


# --- the per-unit table --------------------------------------------------------------

class UnitFiguresModel(RowTableModel):
    """The figures of each responsible unit; ``SortRole`` gives the raw numbers to sort on."""

    HEADERS = ("واحد مسئول اجرا", "مصوبه", "انجام‌شده", "در پیگیری", "معوق", "درصد تحقق")
    HEADER_TIPS = ("", "مصوبات این دوره که این واحد مسئول اجرای آن است", "",
                   "در دست پیگیری: اقدام نشده، در دست اقدام یا بخشی انجام شده",
                   "گذشته از مهلت و هنوز انجام نشده", "(انجام‌شده + نیمی از بخشی انجام‌شده) ÷ مصوبات شمردنی")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[UnitFigures] = []
        self.shown: list[tuple[str, ...]] = []
        self.raw: list[tuple[Any, ...]] = []

    def set_rows(self, rows: Sequence[UnitFigures]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.shown, self.raw = [], []
        for u in self.rows:
            f, rate = u.figures, u.figures.implementation_rate
            self.shown.append((u.name, fa_number(f.made), fa_number(f.done), fa_number(f.open), fa_number(f.overdue),
                               "—" if rate is None else stats.format_rate(rate)))
            self.raw.append((u.name, f.made, f.done, f.open, f.overdue, -1.0 if rate is None else rate))
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.in_range(index):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.shown[index.row()][index.column()]
        if role == SortRole:
            return self.raw[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            unit = self.rows[index.row()]  # the name may be elided in its column
            return f"{unit.name}\n{unit.figures.summary()}"
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 4 and self.rows[index.row()].figures.overdue:
            return QColor(ALERT)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


# --- the window ---------------------------------------------------------------

class Dashboard(QWidget):
    """آمار و عملکرد: a body's figures for a Jalali year or quarter, as of ``today``.

    Changing the body, year, quarter or «with sub-committees» refreshes at once; so does
    a write anywhere (or midnight) that the broadcast says changes the figures.
    """

    def __init__(self, store: Store, *, clock: Clock, body_id: int | None = None,
                 changes: ChangeBroadcast | None = None, jobs: Jobs | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.store, self.clock = store, clock
        if changes is not None:
            changes.changed.connect(self._on_changed)
        self.ops = Ops(jobs or Jobs(self), changes or ChangeBroadcast(self), self)
        self.exports = DashboardExports(self, self)
        self.parts: list[tuple[str, BodyFigures]] = []  # the rate chart's quarters or years
        today = clock.today()
        self.figures: BodyFigures | None = None  # what is on screen
        self.setWindowTitle("آمار و عملکرد")  # Qt adds «— دبیر»
        fit_window(self, DASHBOARD_GEOMETRY, 1300, 880)

        self.body_combo = QComboBox(self)
        self.body_combo.setMinimumContentsLength(28)
        self.body_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.year_spin = QSpinBox(self)
        self.year_spin.setLocale(PERSIAN)  # Persian digits even before the application is configured
        self.year_spin.setRange(MIN_YEAR, MAX_YEAR)
        self.year_spin.setValue(jalali_year(today))
        self.year_spin.setAccessibleName("سال")
        self.quarter_combo = QComboBox(self)
        self.quarter_combo.addItem("تمام سال", None)
        for quarter, name in QUARTER_NAMES.items():
            self.quarter_combo.addItem(name, quarter)
        self.quarter_combo.addItem("دورهٔ دلخواه…", CUSTOM)
        self.quarter_combo.setAccessibleName("دوره")
        self.custom = CustomPeriod(clock, self)
        self.custom.setVisible(False)
        self.sub_bodies = QCheckBox("با کمیته‌های زیرمجموعه", self)
        self.sub_bodies.setToolTip("جلسات و مصوبات نهادهای زیر این نهاد هم شمرده شود؛ هر یک با الزام جلسهٔ خودش.")

        controls = QHBoxLayout()
        for text, widget in (("نهاد:", self.body_combo), ("سال:", self.year_spin), ("دوره:", self.quarter_combo)):
            caption = QLabel(text, self)
            caption.setBuddy(widget)
            controls.addWidget(caption)
            controls.addWidget(widget)
            controls.addSpacing(12)
        controls.addWidget(self.custom)
        controls.addWidget(self.sub_bodies)
        controls.addStretch(1)
        for text, slot in (("خروجی &PDF…", self.exports.export_pdf), ("چا&پ…", self.exports.print_report)):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            controls.addWidget(button)

        self.heading_label = QLabel(self)
        self.heading_label.setObjectName("dashboardHeading")
        self.heading_label.setWordWrap(True)
        self.obligation_label = QLabel(self)
        self.obligation_label.setObjectName("obligation")
        self.obligation_label.setWordWrap(True)
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.figure_labels: dict[str, QLabel] = {}
        self.figure_cards: dict[str, QFrame] = {}
        cards = QGridLayout()
        cards.setSpacing(6)
        for i, (key, words) in enumerate(FIGURE_CAPTIONS):
            cards.addWidget(self._card(key, words), i // 2, i % 2)
        cards.setRowStretch(len(FIGURE_CAPTIONS) // 2, 1)

        self.status_chart = ChartPanel("وضعیت مصوبات", CHART_STATUS, self)
        self.rate_chart = ChartPanel("درصد تحقق به تفکیک فصل", CHART_RATE, self)
        self.overdue_chart = ChartPanel("مصوبات معوق به تفکیک واحد مسئول", CHART_OVERDUE, self)
        self.units_model = UnitFiguresModel(self)
        self.units_proxy = QSortFilterProxyModel(self)
        self.units_proxy.setSourceModel(self.units_model)
        self.units_proxy.setSortRole(SortRole)
        self.units_view = rows_view(self.units_proxy, self)
        self.units_view.setSortingEnabled(True)
        self.units_view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        header = self.units_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(UnitFiguresModel.HEADERS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        units_box = QWidget(self)
        units_layout = QVBoxLayout(units_box)
        units_layout.setContentsMargins(0, 0, 0, 0)
        units_title = QLabel("عملکرد واحدهای مسئول اجرا", self)
        units_title.setBuddy(self.units_view)
        units_layout.addWidget(units_title)
        units_layout.addWidget(self.units_view)

        charts = QGridLayout()
        charts.setSpacing(10)
        charts.addWidget(self.status_chart, 0, 0)
        charts.addWidget(self.rate_chart, 0, 1)
        charts.addWidget(self.overdue_chart, 1, 0)
        charts.addWidget(units_box, 1, 1)
        charts.setColumnStretch(0, 2)
        charts.setColumnStretch(1, 3)  # the table's names need the room

        # The figures stand first (on the right), the charts take the rest: bar charts need height
        # for their category labels, which Qt elides to «…» when a row is lower than the text.
        body = QHBoxLayout()
        body.addLayout(cards)
        body.addLayout(charts, 1)
        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.addLayout(controls)
        layout.addWidget(self.heading_label)
        layout.addWidget(self.obligation_label)
        layout.addWidget(self.summary_label)
        layout.addLayout(body, 1)
        # Modest office screens (1366×768) cannot show it all: scroll rather than squeeze the charts.
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        close = QAction("بستن", self)
        close.setShortcuts([QKeySequence(QKeySequence.StandardKey.Close), QKeySequence(Qt.Key.Key_Escape)])
        close.triggered.connect(self.close)
        self.addAction(close)

        self.reload_bodies(body_id)
        self.body_combo.currentIndexChanged.connect(self.refresh)
        self.year_spin.valueChanged.connect(self.refresh)
        self.quarter_combo.currentIndexChanged.connect(self.refresh)
        self.custom.changed.connect(self.refresh)
        self.sub_bodies.toggled.connect(self.refresh)
        self.refresh()

    def _card(self, key: str, caption: str) -> QFrame:
        card = QFrame(self)
        card.setObjectName("figureCard")
        box = QVBoxLayout(card)
        card.setMinimumWidth(140)
        box.setContentsMargins(6, 4, 6, 4)
        box.setSpacing(0)
        value = QLabel("—", card)
        value.setObjectName("figureValue")
        value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        value.setAccessibleDescription(caption)
        words = QLabel(caption, card)
        words.setObjectName("figureCaption")
        words.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(value)
        box.addWidget(words)
        self.figure_labels[key] = value
        self.figure_cards[key] = card
        return card

    # --- choosing ------------------------------------------------------------------
    @property
    def body_id(self) -> int | None:
        data = self.body_combo.currentData()
        return data if isinstance(data, int) else None

    @property
    def today(self) -> dt.date:
        return self.clock.today()

    def _on_changed(self, changes: Changes, _origin: object) -> None:
        if not self.isVisible():  # a closed dashboard reads everything when reopened
            return
        if changes.body_tree:
            self.reload_bodies()
        if changes.follow_up_figures:
            self.refresh()

    def reload_bodies(self, body_id: int | None = None) -> None:
        """List the bodies again (committees indented under their council), keeping the chosen one."""
        keep = body_id if body_id is not None else self.body_id
        self.body_combo.blockSignals(True)
        self.body_combo.clear()
        for b in overview.list_bodies(self.store):
            self.body_combo.addItem(_INDENT * b.depth + b.name, b.id)
            self.body_combo.setItemData(self.body_combo.count() - 1, labels.BODY_KIND.get(b.kind, ""),
                                        Qt.ItemDataRole.ToolTipRole)
        found = self.body_combo.findData(keep) if keep is not None else -1
        self.body_combo.setCurrentIndex(max(found, 0) if self.body_combo.count() else -1)
        self.body_combo.blockSignals(False)

    def set_body(self, body_id: int) -> None:
        index = self.body_combo.findData(body_id)
        if index < 0:  # made since the list was read
            self.reload_bodies(body_id)
            self.refresh()
        else:
            self.body_combo.setCurrentIndex(index)  # refreshes if it changed

    def set_period(self, year: int, quarter: int | None) -> None:
        for widget in (self.year_spin, self.quarter_combo):
            widget.blockSignals(True)
        self.year_spin.setValue(year)
        self.quarter_combo.setCurrentIndex(max(self.quarter_combo.findData(quarter), 0))
        for widget in (self.year_spin, self.quarter_combo):
            widget.blockSignals(False)
        self.refresh()

    def set_custom_period(self, start: dt.date, end: dt.date) -> None:
        """Any period, from ``start`` to ``end`` (the «دورهٔ دلخواه» fields)."""
        for field, day in ((self.custom.start, start), (self.custom.end, end)):
            field.blockSignals(True)
            field.setDate(day)
            field.blockSignals(False)
        self.quarter_combo.blockSignals(True)
        self.quarter_combo.setCurrentIndex(self.quarter_combo.findData(CUSTOM))
        self.quarter_combo.blockSignals(False)
        self.refresh()

    # --- showing -------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the figures again from the store and show them."""
        body_id, year = self.body_id, self.year_spin.value()
        quarter, subs = self.quarter_combo.currentData(), self.sub_bodies.isChecked()
        custom = quarter == CUSTOM
        self.custom.setVisible(custom)
        self.year_spin.setEnabled(not custom)
        if body_id is None:
            self._show_nothing("هنوز نهادی ثبت نشده است؛ نخست از پنجرهٔ اصلی شورا یا کمیته‌ای بسازید.")
            return
        try:
            span = self.custom.span() if custom else stats.period(year, quarter)
            (figures,) = stats.body_stats(self.store, today=self.today, body_id=body_id, span=span,
                                          include_sub_bodies=subs)
            whole = span if custom else stats.period(year)  # the chart shows the whole year around a quarter
            quarters = stats.stats_by_part(self.store, body_id, whole, today=self.today, include_sub_bodies=subs)
        except UserError as exc:  # e.g. the body was removed meanwhile
            self._show_nothing(exc.message)
            return
        self.figures, self.parts = figures, quarters
        self._show_heading(figures)
        self._show_figures(figures)
        self._show_charts(figures, quarters)
        self.units_model.set_rows(figures.units)

    def _show_nothing(self, message: str) -> None:
        self.figures = None
        self.heading_label.setText(message)
        self.obligation_label.hide()
        self.summary_label.clear()
        for label in self.figure_labels.values():
            label.setText("—")
        for chart in (self.status_chart, self.rate_chart, self.overdue_chart):
            chart.show_message(NO_DATA)
        self.units_model.set_rows([])

    def _show_heading(self, f: BodyFigures) -> None:
        p = f.period
        whole = " با کمیته‌های زیرمجموعه" if f.include_sub_bodies else ""
        self.heading_label.setText(f"{f.body.name}{whole} — {p.label}")
        self.heading_label.setToolTip(f"از {format_jalali(p.start, 'long')} تا {format_jalali(p.end, 'long')}؛ "
                                      f"وضعیت مصوبات تا امروز، {format_jalali(self.today, 'long')}")
        self.summary_label.setText(f.summary())
        missed = f.missed_names()
        if missed:
            # In words as well as in red: the colour alone says nothing to a screen reader or a grey print.
            self.obligation_label.setText("هشدار — جلسهٔ الزامی برگزار نشد: " + "، ".join(missed))
            set_state(self.obligation_label, "state", "missed")
            self.obligation_label.show()
        elif any(w.ended for w in f.windows):
            self.obligation_label.setText("جلسات الزامیِ بازه‌های سپری‌شده برگزار شده است.")
            set_state(self.obligation_label, "state", "met")
            self.obligation_label.show()
        else:  # no obligation, or none judged yet
            self.obligation_label.hide()

    def _show_figures(self, f: BodyFigures) -> None:
        fig = f.figures
        rate = fig.implementation_rate
        counts = {"meetings_held": f.meetings_held, "meetings_required": f.meetings_required, "made": fig.made,
                  "overdue": fig.overdue, "open": fig.open, "done": fig.done, "partly_done": fig.partly_done,
                  "in_progress": fig.in_progress, "not_started": fig.not_started, "not_feasible": fig.not_feasible,
                  "withdrawn": fig.cancelled + fig.superseded, "standing": fig.standing}
        for key, count in counts.items():
            self.figure_labels[key].setText(fa_number(count))
        self.figure_labels["implementation_rate"].setText("—" if rate is None else stats.format_rate(rate))
        days = fig.average_days_to_done
        self.figure_labels["average_days_to_done"].setText("—" if days is None else format_days(days))
        set_state(self.figure_labels["overdue"], "alert", "true" if fig.overdue else "false")
        set_state(self.figure_labels["meetings_held"], "alert", "true" if f.missed else "false")
        self.figure_cards["implementation_rate"].setToolTip(
            "(انجام‌شده + نیمی از بخشی انجام‌شده) ÷ (مصوبات − لغو، جایگزین‌شده و مستمر)")
        self.figure_cards["withdrawn"].setToolTip(
            f"{fa_number(fig.cancelled)} لغو شده، {fa_number(fig.superseded)} جایگزین شده")
        self.figure_cards["average_days_to_done"].setToolTip("از تاریخ جلسه تا گزارشی که مصوبه را «انجام شده» کرد")

    def _show_charts(self, f: BodyFigures, quarters: list[tuple[str, BodyFigures]]) -> None:
        fig = f.figures
        if fig.made:
            names = [labels.RESOLUTION_STATUS[s] for s in STATUS_ORDER]
            self.status_chart.show_bars(names, [_count(fig, s) for s in STATUS_ORDER], horizontal=True)
        else:
            self.status_chart.show_message(NO_DATA)

        by_year = len(f.period.years()) > 1
        around = f.period.label if f.period.custom else f"سال {fa_number(f.period.year)}"
        self.rate_chart.set_title(f"درصد تحقق به تفکیک {'سال' if by_year else 'فصل'} — {around}")
        rates = [q.figures.implementation_rate for _name, q in quarters]
        if any(r is not None for r in rates):
            names = [name for name, _q in quarters]
            shown = [n if r is not None else f"{n}<br>بی‌مصوبه" for n, r in zip(names, rates, strict=True)]
            self.rate_chart.show_bars(names, [0 if r is None else round(r, 1) for r in rates], horizontal=False,
                                      percent=True, shown=shown)
        else:
            self.rate_chart.show_message(NO_DATA)

        overdue = sorted((u for u in f.units if u.figures.overdue), key=lambda u: (-u.figures.overdue, u.name))
        title = "مصوبات معوق به تفکیک واحد مسئول"
        if len(overdue) > TOP_UNITS:
            title += f" ({fa_number(TOP_UNITS)} واحد با بیشترین معوق)"
        self.overdue_chart.set_title(title)
        if overdue:
            top = overdue[:TOP_UNITS]
            self.overdue_chart.show_bars([u.name for u in top], [u.figures.overdue for u in top], horizontal=True)
        else:
            self.overdue_chart.show_message(NO_OVERDUE if fig.made else NO_DATA)


def _count(f: Figures, status: str) -> int:
    value = getattr(f, status)
    assert isinstance(value, int)
    return value
