"""The follow-up lifecycle of a resolution (چرخهٔ پیگیری مصوبه): which status may follow which,
and whether a deadline is overdue (معوق) or due soon.

Pure functions on the stored status strings (:class:`~app.store.models.ResolutionStatus`
values compare equal to them); nothing here touches the store or imports the ORM, so the
tracker and the GUI can call them freely.

The transitions, as a secretary would explain them:

- *not started* (اقدام نشده) may go anywhere except *standing*;
- *in progress* and *partly done* never go back to *not started*;
- *done* (انجام شده) and *not feasible* (امکان‌پذیر نیست) are closed but may be **reopened**
  (to in progress or partly done; not feasible also straight to done) by a report whose
  text says why; *done* is never turned into not feasible, cancelled or superseded — it
  happened, and a later change of policy is a new resolution;
- *cancelled* (لغو شده) and *superseded* (جایگزین شده) are final: no report changes them;
- a *standing* (مستمر) resolution is never finished: its reports keep it standing, and only
  cancelling it or superseding it ends it; whether a resolution is standing is decided in
  the minutes, never by a follow-up.

A report that leaves the status as it was is always allowed, except on a final resolution.
"""

from __future__ import annotations

import datetime as dt

from app.errors import UserError
from app.persian.jalali import format_jalali
from app.persian.labels import RESOLUTION_STATUS
from app.persian.text import fa_number

__all__ = [
    "FINAL_STATUSES",
    "OPEN_STATUSES",
    "STATUSES",
    "TEXT_REQUIRED",
    "allowed_next",
    "check_transition",
    "due_soon",
    "extension_note",
    "is_overdue",
    "original_deadline",
]

STATUSES: tuple[str, ...] = tuple(RESOLUTION_STATUS)
# Still to be carried out: these can be overdue, are carried over, and count as «در دست پیگیری».
OPEN_STATUSES = frozenset({"not_started", "in_progress", "partly_done"})
FINAL_STATUSES = frozenset({"cancelled", "superseded"})
# A report leaving one of these must say what happened.
TEXT_REQUIRED = frozenset({"done", "not_feasible", "cancelled"})

_ALL = frozenset(STATUSES)
_NEXT: dict[str, frozenset[str]] = {
    "not_started": _ALL - {"standing"},
    "in_progress": _ALL - {"standing", "not_started"},
    "partly_done": _ALL - {"standing", "not_started"},
    "done": frozenset({"done", "in_progress", "partly_done"}),
    "not_feasible": _ALL - {"standing", "not_started"},
    "standing": frozenset({"standing", "cancelled", "superseded"}),
    "cancelled": frozenset(),
    "superseded": frozenset(),
}
_REOPENING = frozenset({("done", "in_progress"), ("done", "partly_done"), ("not_feasible", "in_progress"),
                        ("not_feasible", "partly_done"), ("not_feasible", "done")})


def _effective(current: str, standing: bool) -> str:
    # The «مستمر» flag of the minutes rules, whatever status an editor left.
    return "standing" if standing and current not in FINAL_STATUSES else current


def allowed_next(current: str, *, standing: bool = False) -> list[str]:
    """The statuses a follow-up may leave a resolution in, in the order of ``STATUSES`` (for a combo box)."""
    nxt = _NEXT[_effective(str(current), standing)]
    return [s for s in STATUSES if s in nxt]


def _label(status: str) -> str:
    return f"«{RESOLUTION_STATUS[status]}»"


def _refused(code: str, message: str, english: str) -> UserError:
    return UserError(code, message, english=english, field="status_after")


def check_transition(current: str, new: str, *, standing: bool = False, text: str = "") -> None:
    """Raise :class:`UserError` if a report may not take a resolution from ``current`` to ``new``.

    Codes: ``status_unknown``, ``resolution_closed`` (cancelled or superseded: final),
    ``status_backwards`` (back to not started), ``standing_status`` (a standing resolution
    only stays standing or ends by cancel/supersede), ``not_standing`` (a follow-up cannot
    make a resolution standing), ``done_cannot_change`` (done → not feasible, cancelled,
    superseded), ``reopen_needs_reason`` (reopening done / not feasible without report text).
    """
    current, new = str(current), str(new)
    if new not in _ALL:
        raise _refused("status_unknown", f"وضعیت «{new}» شناخته نیست.", f"unknown status {new!r}")
    if current in FINAL_STATUSES:
        raise _refused("resolution_closed",
                       f"این مصوبه {_label(current)} است و وضعیت آن دیگر تغییر نمی‌کند؛ "
                       "اگر تصمیم تازه‌ای گرفته شده، آن را مصوبهٔ جدید ثبت کنید.",
                       f"a {current} resolution is final")
    effective = _effective(current, standing)
    if new in _NEXT[effective]:
        if (effective, new) in _REOPENING and not text.strip():
            raise UserError("reopen_needs_reason",
                            f"این مصوبه {_label(effective)} بود؛ برای بازگشایی آن با وضعیت {_label(new)}، "
                            "در متن گزارش بنویسید چرا دوباره باز می‌شود.",
                            english=f"reopening a {effective} resolution needs the reason in the text", field="text")
        return
    if effective == "standing":
        raise _refused("standing_status",
                       "مصوبهٔ مستمر پایان ندارد و وضعیتش «مستمر» می‌ماند؛ تنها می‌توان آن را لغو کرد "
                       "یا با مصوبهٔ دیگری جایگزین کرد.", f"a standing resolution cannot become {new}")
    if new == "standing":
        raise _refused("not_standing",
                       "مستمر بودن مصوبه را صورتجلسه تعیین می‌کند، نه گزارش پیگیری؛ "
                       "آن را در صورتجلسه اصلاح کنید.", "a follow-up cannot make a resolution standing")
    if new == "not_started":
        raise _refused("status_backwards",
                       f"مصوبه‌ای که {_label(effective)} است به «{RESOLUTION_STATUS['not_started']}» برنمی‌گردد؛ "
                       "اگر کار متوقف شده، وضعیت «در دست اقدام» را با شرح آن ثبت کنید.",
                       f"{effective} cannot go back to not_started")
    if effective == "done":
        raise _refused("done_cannot_change",
                       f"مصوبهٔ انجام‌شده را نمی‌توان {_label(new)} کرد؛ اگر دوباره باز شده، وضعیت "
                       "«در دست اقدام» را با شرح علت ثبت کنید و اگر تصمیم عوض شده، مصوبهٔ جدید بگذرانید.",
                       f"done cannot become {new}")
    raise _refused("transition_refused", f"وضعیت {_label(effective)} به {_label(new)} تغییر نمی‌کند.",
                   f"{effective} cannot become {new}")


def is_overdue(deadline: dt.date | None, status: str, today: dt.date) -> bool:
    """Past its deadline and still open (معوق): not started, in progress or partly done.

    The deadline day itself is not overdue; standing, done, not feasible, cancelled and
    superseded resolutions never are, nor is one without a deadline. The tracker, the
    figures and the follow-up sheets all call this; counts made by the store use its SQL
    form, :func:`app.store.queries.overdue`.
    """
    return deadline is not None and status in OPEN_STATUSES and today > deadline


DUE_SOON_DAYS = 7
"""«Due soon» (سررسید نزدیک): open and due within this many days; the GUI lets the user change it."""


def due_soon(deadline: dt.date | None, status: str, today: dt.date, *, days: int = DUE_SOON_DAYS) -> bool:
    """Open and due within ``days`` days from ``today``, today and the last day included."""
    return deadline is not None and status in OPEN_STATUSES and today <= deadline <= today + dt.timedelta(days=days)


def original_deadline(deadline: dt.date | None, first_old: dt.date | None, extended: bool) -> dt.date | None:
    """The deadline the meeting set (مهلت اولیه), what the minutes print.

    An extension keeps the deadline it replaced, so once a deadline was extended the
    first extension's old deadline is the meeting's own (None if the meeting set none);
    a deadline never extended is still the meeting's. The SQL form, for queries, is
    :func:`app.store.queries.original_deadline`.
    """
    return first_old if extended else deadline


_TIMES = ("", "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه", "ده")


def extension_note(count: int, original: dt.date | None) -> str:
    """«دو بار تمدید شده، مهلت اولیه ۱۳۹۷/۱۰/۱۰»; "" when the deadline was never changed."""
    if count <= 0:
        return ""
    times = _TIMES[count] if count < len(_TIMES) else fa_number(count)
    note = f"{times} بار تمدید شده"
    return f"{note}، مهلت اولیه {format_jalali(original)}" if original is not None else f"{note}، بدون مهلت اولیه"
