"""The look of Dabir: every colour and the one style sheet, written once.

Widgets take their colours from here, never from another widget module. A colour
never says anything alone: an overdue deadline is also written «معوق», a wrong
field also carries a sentence, so a grey print or a screen reader loses nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QWidget

FONT_FAMILY = "Vazirmatn"
PERSIAN = QLocale(QLocale.Language.Persian, QLocale.Country.Iran)
"""The locale numbers, dates and day names are shown in, even before the application is configured."""

ALERT = "#b00020"  # overdue, missed, wrong
SUCCESS = "#1b5e20"  # done, written
WARNING = "#8a5a00"  # taken with care: an unsigned or untrusted package
MUTED = "#56606b"  # a label beside its value (the signature report)
WEEKEND = "#c62828"  # Friday in the Jalali calendar
INVALID_BORDER = "#d32f2f"
INVALID_BACKGROUND = "#fff5f5"
ERROR_CELL = "#fde2e2"  # a list editor's cell that cannot be saved as it is

# A light background per resolution status; the status is always written in words too.
STATUS_BACKGROUND = {
    "not_started": "#eceff1",
    "in_progress": "#e3f2fd",
    "partly_done": "#fff3e0",
    "done": "#e8f5e9",
    "not_feasible": "#fce4ec",
    "cancelled": "#f0f0f0",
    "superseded": "#ede7f6",
    "standing": "#e0f7fa",
}

# The dashboard's bar charts.
CHART_STATUS = "#2f6f9f"
CHART_RATE = "#2e7d32"
CHART_OVERDUE = "#c0392b"
CHART_LABEL = "white"

_STRIPE = "#f6f7f9"
_LINE = "#dde2e8"
_NOTE_BACKGROUND, _NOTE_BORDER = "#eef4fb", "#b9cde4"
_PROBLEM_BACKGROUND, _PROBLEM_BORDER = "#fdecec", "#e3a1a1"

STYLE_SHEET = f"""
/* Dabir: quiet, readable, office-friendly. */
QTreeView, QTableView {{ alternate-background-color: {_STRIPE}; }}
QTableView::item {{ padding: 2px 6px; }}
QHeaderView::section {{ background: #eef1f5; padding: 4px 6px; border: 0; border-bottom: 1px solid #cfd6df;
                        font-weight: bold; }}
QFrame#draftBanner {{ background: #fff4d6; border: 1px solid #e6c86e; border-radius: 4px; }}
QFrame#problemsPanel {{ background: {_PROBLEM_BACKGROUND}; border: 1px solid {_PROBLEM_BORDER}; border-radius: 4px; }}
QLabel#fieldError {{ color: {ALERT}; }}
QLabel#editorTitle {{ font-size: 15pt; font-weight: bold; }}
QLabel#dialogHeading {{ font-weight: bold; }}
*[invalid="true"] {{ border: 1px solid {INVALID_BORDER}; background: {INVALID_BACKGROUND}; }}
QFrame#attentionBanner {{ background: {_NOTE_BACKGROUND}; border: 1px solid {_NOTE_BORDER}; border-radius: 4px; }}
QLabel#finalBanner {{ background: {_NOTE_BACKGROUND}; border: 1px solid {_NOTE_BORDER}; border-radius: 4px;
                      padding: 6px; color: #1d3557; font-weight: bold; }}
QLabel#historyNote {{ background: {_NOTE_BACKGROUND}; border: 1px solid {_NOTE_BORDER}; border-radius: 4px;
                      padding: 4px; }}
QFrame#figureCard {{ background: {_STRIPE}; border: 1px solid {_LINE}; border-radius: 6px; }}
QLabel#figureValue {{ font-size: 15pt; font-weight: bold; color: #1d3557; }}
QLabel#figureValue[alert="true"] {{ color: {ALERT}; }}
QLabel#figureCaption {{ color: #4a5562; }}
QLabel#dashboardHeading {{ font-size: 14pt; font-weight: bold; }}
QLabel#obligation[state="missed"] {{ background: {_PROBLEM_BACKGROUND}; border: 1px solid {_PROBLEM_BORDER};
                                     border-radius: 4px; color: #8a0015; padding: 4px 8px; font-weight: bold; }}
QLabel#obligation[state="met"] {{ background: #e8f5e9; border: 1px solid #a5d6a7; border-radius: 4px;
                                  color: {SUCCESS}; padding: 4px 8px; }}
QLabel#chartEmpty {{ color: #6b7480; font-size: 12pt; background: white; border: 1px solid {_LINE}; }}
"""


def set_state(widget: QWidget, name: str, value: object) -> None:
    """Set a dynamic property the style sheet selects on, and make the widget follow it."""
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
