"""The panel that says why a meeting was not saved: each problem named by where it is
(«مصوبهٔ ۳ («سامانه میز خدمت …»): …»), each a link that moves to its field."""

from __future__ import annotations

import html
import re
from typing import Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTabWidget, QWidget

from app.errors import FieldProblem
from app.persian.text import fa_number
from app.services.meeting_data import MeetingData
from ui.meeting.pages import DetailsPage
from ui.widgets.list_editor import ListEditor


class EditorView(Protocol):
    """What the panel reads of the meeting editor (a protocol: the editor imports this module)."""

    details: DetailsPage
    pages: dict[str, ListEditor]
    tabs: QTabWidget
    data: MeetingData | None

__all__ = ["ProblemsPanel", "problem_place"]

FIELD = re.compile(r"^(\w+)\[(\d+)\]\.(\w+)$")
FIRST_WORDS = 6
_ROW_NAMES = {"agenda": "بند {n} دستور جلسه", "attendees": "ردیف {n} حاضرین",
              "discussion": "سخن {n} خلاصه مذاکرات", "resolutions": "مصوبهٔ {n}"}
_DETAIL_NAMES = {"number": "شمارهٔ جلسه", "date": "تاریخ جلسه", "start_time": "ساعت شروع",
                 "end_time": "ساعت پایان", "place": "مکان", "chair_id": "رئیس جلسه",
                 "secretary_id": "دبیر جلسه", "status": "وضعیت جلسه"}


def first_words(text: str, count: int = FIRST_WORDS) -> str:
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def problem_place(field: str, rows: dict[str, list[Any]]) -> str:
    """Where a problem is, in the secretary's words: «مصوبهٔ ۳ («سامانه میز خدمت …»)», «تاریخ جلسه»; "" when nowhere."""
    match = FIELD.match(field)
    if match is None:
        return _DETAIL_NAMES.get(field, "")
    page, index = match.group(1), int(match.group(2))
    if page not in _ROW_NAMES:
        return ""
    place = _ROW_NAMES[page].format(n=fa_number(index + 1))
    listed = rows.get(page, [])
    row = listed[index] if index < len(listed) else None
    words = first_words(str(getattr(row, "text", "") or getattr(row, "name", "") or "")) if row is not None else ""
    return f"{place} («{words}»)" if words else place


class ProblemsPanel(QLabel):
    """Shows a refused save's problems above the tabs, and each at its field."""

    def __init__(self, editor: EditorView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.setObjectName("problemsPanel")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                     | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.setToolTip("برای رفتن به هر مورد، روی آن کلیک کنید.")
        self.linkActivated.connect(self.go)
        self.setVisible(False)

    def show_problems(self, problems: list[FieldProblem]) -> None:
        e = self.editor
        for key in e.details.errors:
            e.details.show_error(key, "")
        per_page: dict[str, dict[tuple[int, str], str]] = {name: {} for name in e.pages}
        first: str | None = None
        for p in problems:
            match = FIELD.match(p.field)
            if match and match.group(1) in per_page:
                page, row, attr = match.group(1), int(match.group(2)), match.group(3)
                per_page[page][(row, attr)] = p.message
                if len(per_page[page]) == 1:
                    e.pages[page].select(row)
            elif match is None:
                e.details.show_error(p.field, p.message)
            else:
                continue
            first = first or p.field
        for name, errors in per_page.items():
            e.pages[name].show_errors(errors)
        if problems:
            data = e.data
            rows = {name: getattr(data, name) for name in e.pages} if data is not None else {}
            lines = []
            for p in problems:
                place = problem_place(p.field, rows)
                text = html.escape(f"{place}: {p.message}" if place else p.message)
                lines.append(f'• <a href="{html.escape(p.field)}">{text}</a>' if place else f"• {text}")
            self.setText("ذخیره نشد؛ این موارد را درست کنید:<br>" + "<br>".join(lines))
            if first is not None:
                self.go(first, focus=False)
        self.setVisible(bool(problems))

    def go(self, field: str, *, focus: bool = True) -> None:
        """Open the page of ``field`` and select its row; with ``focus``, put the cursor in it."""
        e = self.editor
        match = FIELD.match(field)
        if match and match.group(1) in e.pages:
            page = e.pages[match.group(1)]
            e.tabs.setCurrentWidget(page)
            if focus:
                page.focus_field(int(match.group(2)), match.group(3))
            else:
                page.select(int(match.group(2)))
            return
        d = e.details
        widgets: dict[str, QWidget] = {"number": d.number, "date": d.date, "start_time": d.start_time,
                                       "end_time": d.end_time, "place": d.place, "chair_id": d.chair,
                                       "secretary_id": d.secretary, "status": d.status}
        e.tabs.setCurrentWidget(d)
        if focus and field in widgets:
            widgets[field].setFocus(Qt.FocusReason.OtherFocusReason)
