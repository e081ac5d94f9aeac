"""The resolutions tracker (پیگیری مصوبات): one row per resolution across every body.

:func:`tracker_rows` opens the tracker with one light, portable SQL query (ids, meeting,
responsible unit, deadline, status) and returns :class:`TrackerRows`, a read-only
sequence of :class:`TrackerRow`. Everything a row shows beyond those columns (text,
collaborators, extensions, last report) is read in blocks of rows when a row is first
read, so a view over 50,000 resolutions opens at once and loads only what it paints.
:func:`filter_rows` narrows a :class:`TrackerRows` on its columns, without building rows.

Why not one plain list of rows: on the benchmark machine, reading 50,000 full rows (texts,
collaborators, last reports) and building a tuple for each took about 350 ms, and the texts
alone over 100 ms, the time a tracker may take to open; the light query and the first
screen take about 60 (``bench/tracker.py`` prints the figures). A text filter asks the
store's full-text index (:mod:`app.store.text_search`) for the same reason.

Every query is one of :mod:`app.store.queries` (``tracker_*``), in three variants: every
resolution, one body's, or given ids; dates come back as dates.

Rows carry ``overdue`` and ``due_soon`` as of the ``today`` they were opened with; open
the tracker again when the day changes or meetings were edited, and call
:meth:`TrackerRows.refresh` after a report or an extension.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property, lru_cache
from itertools import repeat
from typing import Any, NamedTuple, overload

from app.persian.labels import RESOLUTION_STATUS
from app.persian.text import normalize_for_search
from app.services.lifecycle import (
    DUE_SOON_DAYS,
    OPEN_STATUSES,
    STATUSES,
    due_soon,
    extension_note,
    is_overdue,
    original_deadline,
)
from app.store.db import Store
from app.store.text_search import resolutions_with_words

__all__ = ["TrackerRow", "TrackerRows", "attention_counts", "count_attention", "filter_rows", "tracker_rows"]


class TrackerRow(NamedTuple):
    """One resolution as the tracker, follow-up sheets and the XLSX register show it.

    ``deadline`` is the current one (after extensions); ``original_deadline`` the one the
    meeting set (equal to ``deadline`` when never extended). ``last_progress`` is the latest
    percentage any report gave (a later report without a figure does not erase it).
    """

    id: int
    uuid: str
    body_id: int
    body_name: str
    meeting_id: int
    meeting_number: int
    meeting_date: dt.date
    number: int
    text: str
    text_norm: str
    lead_unit_id: int | None
    lead_unit: str
    collaborators: tuple[str, ...]
    deadline: dt.date | None
    original_deadline: dt.date | None
    extensions: int
    standing: bool
    status: str
    superseded_by_id: int | None
    last_follow_up: dt.date | None
    last_progress: int | None
    overdue: bool
    due_soon: bool

    @property
    def status_label(self) -> str:
        return RESOLUTION_STATUS[self.status]

    @property
    def collaborators_text(self) -> str:
        return "، ".join(self.collaborators)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def deadline_note(self) -> str:
        """«دو بار تمدید شده، مهلت اولیه ۱۳۹۷/۱۰/۱۰», or ""."""
        return extension_note(self.extensions, self.original_deadline)


_BLOCK = 256  # rows whose details are read together: a screenful or two
_BULK = 4 * _BLOCK  # more rows than this at once: read the whole scope instead, without id lists


class _Details(NamedTuple):
    uuid: str
    number: int
    text: str
    text_norm: str
    standing: bool
    superseded_by_id: int | None
    collaborators: tuple[str, ...]
    extensions: int
    original_deadline: dt.date | None  # lifecycle.original_deadline
    last_follow_up: dt.date | None
    last_progress: int | None


class _Table:
    """The columns one :func:`tracker_rows` call read; shared by every view made from it."""

    def __init__(self, store: Store, today: dt.date, due_days: int, scope: str, params: dict[str, Any]) -> None:
        self.store, self.today = store, today
        self.scope, self.params = scope, params  # scope: "all", "body" (body_id) or "ids" (ids)
        # (id, meeting_id, lead_unit_id, deadline, status) per row; columns are cut out on first use.
        self.rows: list[tuple[Any, ...]] = store.read(f"tracker_light_{scope}", **params)
        self.meetings = {mid: (bid, number, date) for mid, bid, number, date in store.read("tracker_meetings")}
        self.bodies: dict[int, str] = dict(store.read("body_names"))  # type: ignore[arg-type]
        self.units: dict[int, str] = dict(store.read("unit_names"))  # type: ignore[arg-type]
        self.due_days = due_days
        self.details: dict[int, _Details] = {}
        self.collaborator_ids: dict[int, set[int]] | None = None

    # Worked out on first use: opening the tracker pays only for what it shows.

    @cached_property
    def ids(self) -> list[int]:
        return [r[0] for r in self.rows]

    @cached_property
    def meeting_ids(self) -> list[int]:
        return [r[1] for r in self.rows]

    @cached_property
    def lead_ids(self) -> list[int | None]:
        return [r[2] for r in self.rows]

    @cached_property
    def deadlines(self) -> list[Any]:
        """The current deadlines as dates: the light query gives their ISO text (queries.py)."""
        return [_day(r[3]) for r in self.rows]

    @cached_property
    def statuses(self) -> list[str]:
        return [r[4] for r in self.rows]

    @cached_property
    def body_ids(self) -> list[int]:
        meetings = self.meetings
        return [meetings[r[1]][0] for r in self.rows]

    @cached_property
    def positions(self) -> dict[int, int]:
        return {rid: i for i, rid in enumerate(self.ids)}

    @cached_property
    def overdue(self) -> list[bool]:
        return list(map(is_overdue, self.deadlines, self.statuses, repeat(self.today)))

    @cached_property
    def due_soon(self) -> list[bool]:
        days = self.due_days
        return [due_soon(d, s, self.today, days=days) for d, s in zip(self.deadlines, self.statuses, strict=True)]

    def load_details(self, positions: Iterable[int]) -> None:
        rows, details = self.rows, self.details
        ids = [rows[p][0] for p in positions if rows[p][0] not in details]
        if len(ids) > _BULK:  # an export or a long list: every row of the scope in one go
            self._load_details(None)
            return
        for start in range(0, len(ids), _BLOCK):
            self._load_details(ids[start:start + _BLOCK])

    def _load_details(self, ids: list[int] | None) -> None:
        """Details of the given rows, or (``None``) of every row the tracker was opened on."""
        scope, params = ("ids", {"ids": ids}) if ids is not None else (self.scope, self.params)
        read = self.store.read
        collaborators: dict[int, list[str]] = {}
        for rid, name in read(f"tracker_collaborators_{scope}", **params):
            collaborators.setdefault(rid, []).append(name)
        extensions: dict[int, list[tuple[dt.date, int, dt.date | None]]] = {}
        for rid, date, eid, old in read(f"tracker_extensions_{scope}", **params):
            extensions.setdefault(rid, []).append((date, eid, old))
        reports: dict[int, list[tuple[dt.date, int, int | None]]] = {}
        for rid, date, fid, progress in read(f"tracker_reports_{scope}", **params):
            reports.setdefault(rid, []).append((date, fid, progress))
        for rid, uuid, number, text, text_norm, standing, superseded_by in read(f"tracker_details_{scope}", **params):
            ext = sorted(extensions.get(rid, ()), key=lambda e: (e[0], e[1]))
            fus = sorted(reports.get(rid, ()), key=lambda f: (f[0], f[1]))
            progress = next((f[2] for f in reversed(fus) if f[2] is not None), None)
            self.details[rid] = _Details(
                uuid, number, text, text_norm or normalize_for_search(text), standing, superseded_by,
                tuple(collaborators.get(rid, ())), len(ext), ext[0][2] if ext else None,
                fus[-1][0] if fus else None, progress)

    def row(self, p: int) -> TrackerRow:
        rid, mid, lead, deadline_text, status = self.rows[p]
        deadline = _day(deadline_text)
        d = self.details.get(rid)
        if d is None:
            self.load_details([p])
            d = self.details[rid]
        body_id, meeting_number, meeting_date = self.meetings[mid]
        return TrackerRow(
            rid, d.uuid, body_id, self.bodies[body_id], mid, meeting_number, meeting_date, d.number,
            d.text, d.text_norm, lead, self.units.get(lead, "") if lead is not None else "", d.collaborators,
            deadline, original_deadline(deadline, d.original_deadline, d.extensions > 0), d.extensions, d.standing,
            status, d.superseded_by_id, d.last_follow_up, d.last_progress,
            is_overdue(deadline, status, self.today), due_soon(deadline, status, self.today, days=self.due_days))

    def ids_with_words(self, words: list[str], among: Sequence[int] | None = None) -> set[int]:
        """Ids whose normalised text holds every word (``words`` are normalised already),
        within this table's scope and, if given, ``among``: the store's text index answers
        (or, for a short ``among``, their texts are checked)."""
        if among is not None:
            return resolutions_with_words(self.store, words, among)
        return resolutions_with_words(self.store, words).intersection(self.positions)

    def positions_with_words(self, words: list[str]) -> list[int]:
        """Positions (in this table, ascending) of the rows whose normalised text holds every
        word: the index's matches mapped to positions in one pass over them."""
        found = resolutions_with_words(self.store, words)
        index = self.position_index
        try:
            hits = list(map(index.__getitem__, found))
        except (IndexError, KeyError):  # a resolution made after this table was read
            hits = [index[i] for i in found if i in self.positions]
        if None in hits:  # matches outside this table's scope
            hits = [p for p in hits if p is not None]
        return sorted(hits)  # type: ignore[type-var,arg-type]  # the Nones are gone

    @cached_property
    def position_index(self) -> list[int | None] | dict[int, int]:
        """Id → position as a list indexed by id where ids are dense (the usual store: a list
        index is about twice as fast as a dict lookup on 25,000 matches), else the dict."""
        ids = self.ids
        top = max(ids, default=0)
        if top > 4 * len(ids) + 1024:
            return self.positions
        index: list[int | None] = [None] * (top + 1)
        for p, rid in enumerate(ids):
            index[rid] = p
        return index

    def refresh(self, ids: Iterable[int]) -> None:
        """Read these rows again (a report or an extension changed them); the others stay."""
        positions = self.positions
        wanted = [i for i in ids if i in positions]
        if not wanted:
            return
        for row in self.store.read("tracker_light_ids", ids=wanted):
            self.rows[positions[row[0]]] = tuple(row)
            self.details.pop(row[0], None)
        self.collaborator_ids = None
        for column in ("lead_ids", "deadlines", "statuses", "overdue", "due_soon"):  # cut out again on use
            self.__dict__.pop(column, None)

    def load_collaborator_ids(self) -> dict[int, set[int]]:
        if self.collaborator_ids is None:
            found: dict[int, set[int]] = {}
            for rid, unit_id in self.store.read(f"tracker_collaborator_ids_{self.scope}", **self.params):
                found.setdefault(rid, set()).add(unit_id)
            self.collaborator_ids = found
        return self.collaborator_ids


class TrackerRows(Sequence[TrackerRow]):
    """A read-only sequence of tracker rows, cheap to filter and sort; rows are built when read.

    Reading a row may read the store (its block of details, once); do it on the thread
    that owns the store. ``ids`` gives the resolution ids in order without building rows.
    """

    def __init__(self, table: _Table, order: list[int] | range) -> None:
        self._t = table
        self._order = order

    @property
    def today(self) -> dt.date:
        return self._t.today

    @property
    def ids(self) -> list[int]:
        ids = self._t.ids
        return [ids[p] for p in self._order]

    def __len__(self) -> int:
        return len(self._order)

    @overload
    def __getitem__(self, index: int) -> TrackerRow: ...

    @overload
    def __getitem__(self, index: slice) -> list[TrackerRow]: ...

    def __getitem__(self, index: int | slice) -> TrackerRow | list[TrackerRow]:
        if isinstance(index, slice):
            positions = list(self._order[index])
            self._t.load_details(positions)
            return [self._t.row(p) for p in positions]
        p = self._order[index]
        if self._t.rows[p][0] not in self._t.details:  # read the block this row starts, as a view scrolls
            i = index if index >= 0 else len(self._order) + index
            self._t.load_details(self._order[i:i + _BLOCK])
        return self._t.row(p)

    def __iter__(self) -> Iterator[TrackerRow]:
        if len(self._order) > _BULK:
            self._t.load_details(self._order)  # all at once is faster than block by block
        for start in range(0, len(self._order), _BLOCK):
            yield from self[start:start + _BLOCK]

    def refresh(self, resolution_ids: Iterable[int]) -> None:
        """Read these resolutions again after a report or an extension, in place.

        The table is shared by every view made from the same :func:`tracker_rows` call, so
        filter again afterwards (a done resolution leaves an «overdue» view only then).
        Resolutions the tracker was not opened with are ignored: new or deleted ones need
        :func:`tracker_rows` again. About a millisecond, against a whole re-read's 60.
        """
        self._t.refresh(resolution_ids)

    def index_of(self, resolution_id: int) -> int | None:
        """The row number of a resolution in this view, or None."""
        p = self._t.positions.get(resolution_id)
        if p is None:
            return None
        try:
            return self._order.index(p)
        except ValueError:
            return None

    def sorted(self, column: str, *, descending: bool = False) -> TrackerRows:
        """This view sorted by a :class:`TrackerRow` field (stable; rows without a value last).

        ``deadline``, ``status``, ``body_name``, ``body_id``, ``meeting_date``, ``lead_unit``,
        ``overdue``, ``due_soon`` and ``id`` sort on the loaded columns; any other field reads
        every row's details first.
        """
        value = _sort_value(self._t, column, self._order)
        values = {p: value(p) for p in self._order}
        present = [p for p in self._order if values[p] is not None]
        missing = [p for p in self._order if values[p] is None]
        present.sort(key=values.__getitem__, reverse=descending)
        return TrackerRows(self._t, present + missing)


def _sort_value(t: _Table, column: str, order: Sequence[int]) -> Callable[[int], Any]:
    """How to read ``column`` of the row at a position, as a sortable value or None."""
    if column == "deadline":
        return t.deadlines.__getitem__
    if column == "status":
        rank = {s: i for i, s in enumerate(STATUSES)}
        return lambda p: rank[t.statuses[p]]
    if column == "body_name":
        return lambda p: t.bodies[t.body_ids[p]]
    if column == "meeting_date":
        return lambda p: (t.meetings[t.meeting_ids[p]][2], t.meeting_ids[p])
    if column == "lead_unit":
        def lead(p: int) -> str | None:
            unit = t.lead_ids[p]
            return None if unit is None else t.units.get(unit)
        return lead
    columns: dict[str, list[Any]] = {"body_id": t.body_ids, "overdue": t.overdue, "due_soon": t.due_soon,
                                     "id": t.ids}
    if column in columns:
        return columns[column].__getitem__
    if column in TrackerRow._fields:
        t.load_details(order)
        field = TrackerRow._fields.index(column)
        return lambda p: t.row(p)[field]
    raise ValueError(f"no tracker column {column!r}")


def tracker_rows(store: Store, *, today: dt.date, body_id: int | None = None,
                 resolution_ids: Iterable[int] | None = None, due_days: int = DUE_SOON_DAYS) -> TrackerRows:
    """Every resolution (or one body's, or the given ids), newest meeting first.

    ``due_soon`` means open and due within ``due_days`` days of ``today``, both ends
    included. An unknown ``body_id`` or id simply yields no rows.
    """
    scope, params = "all", dict[str, Any]()
    if resolution_ids is not None:
        scope, params = "ids", {"ids": list(resolution_ids)}
    elif body_id is not None:
        scope, params = "body", {"body_id": body_id}
    with _collector_paused():
        table = _Table(store, today, due_days, scope, params)
    if resolution_ids is not None and body_id is not None:  # given ids, of one body only
        return TrackerRows(table, [p for p, b in enumerate(table.body_ids) if b == body_id])
    return TrackerRows(table, range(len(table.rows)))


@lru_cache(maxsize=16384)
def _day(text: str | dt.date | None) -> dt.date | None:
    """A deadline's ISO text as a date (a few thousand distinct days: each parsed once); a
    driver that gives dates already (PostgreSQL's) gives them as they are."""
    if text is None or isinstance(text, dt.date):
        return text
    return dt.date.fromisoformat(text[:10])


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Tens of thousands of new tuples would start the cyclic garbage collector several
    times over a large heap (a tenth of the time, and the slowest runs); they hold no cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _as_set(value: int | Collection[int] | None) -> Collection[int] | None:
    if value is None or isinstance(value, Collection):
        return value
    return {value}


@overload
def filter_rows(  # type: ignore[overload-overlap]
        rows: TrackerRows, *, body_id: int | Collection[int] | None = ..., unit: int | str | None = ...,
        collaborating: bool = ..., statuses: Collection[str] | None = ...,
        deadline_from: dt.date | None = ..., deadline_to: dt.date | None = ..., overdue_only: bool = ...,
        due_soon_only: bool = ..., text: str = ...) -> TrackerRows: ...


@overload
def filter_rows(rows: Iterable[TrackerRow], *, body_id: int | Collection[int] | None = ...,
                unit: int | str | None = ..., collaborating: bool = ..., statuses: Collection[str] | None = ...,
                deadline_from: dt.date | None = ..., deadline_to: dt.date | None = ..., overdue_only: bool = ...,
                due_soon_only: bool = ..., text: str = ...) -> list[TrackerRow]: ...


def filter_rows(rows: TrackerRows | Iterable[TrackerRow], *, body_id: int | Collection[int] | None = None,
                unit: int | str | None = None, collaborating: bool = False,
                statuses: Collection[str] | None = None,
                deadline_from: dt.date | None = None, deadline_to: dt.date | None = None,
                overdue_only: bool = False, due_soon_only: bool = False,
                text: str = "") -> TrackerRows | list[TrackerRow]:
    """The rows that pass every given filter, in their order.

    - ``body_id``: one body id or a collection (e.g. a council and its committees);
    - ``unit``: the responsible (lead) unit, by id or by name compared on the normalised
      form; with ``collaborating`` a row where the unit only collaborates (همکار) passes too
      (on plain rows, which keep collaborators' names only, by name only);
    - ``statuses``: the stored status values to keep;
    - ``deadline_from`` / ``deadline_to``: the current deadline within the range, both ends
      included; rows without a deadline (standing ones) fail a range;
    - ``overdue_only``, ``due_soon_only``: the rows' flags;
    - ``text``: every word of it occurs in the resolution's normalised text, so «كميته»
      finds «کمیته» and «می شود» finds «می‌شود» as well as «میشود».

    On a :class:`TrackerRows` the result is a view of the same kind, filtered on its columns
    (a text filter asks the store, the first collaborating filter reads collaborators once); on
    plain rows it is a pure function and returns a list.
    """
    bodies = _as_set(body_id)
    wanted = None if statuses is None else {str(s) for s in statuses}
    words = normalize_for_search(text).split()
    unit_norm = normalize_for_search(unit) if isinstance(unit, str) and unit.strip() else None
    if isinstance(rows, TrackerRows):
        return _filter_view(rows, bodies, unit if isinstance(unit, int) else None, unit_norm, collaborating,
                            wanted, deadline_from, deadline_to, overdue_only, due_soon_only, words)
    norms: dict[str, str] = {}

    def norm(name: str) -> str:
        n = norms.get(name)
        if n is None:
            n = norms[name] = normalize_for_search(name)
        return n

    out = []
    for r in rows:
        if bodies is not None and r.body_id not in bodies:
            continue
        if wanted is not None and r.status not in wanted:
            continue
        if (overdue_only and not r.overdue) or (due_soon_only and not r.due_soon):
            continue
        if deadline_from is not None and (r.deadline is None or r.deadline < deadline_from):
            continue
        if deadline_to is not None and (r.deadline is None or r.deadline > deadline_to):
            continue
        if isinstance(unit, int) and r.lead_unit_id != unit:
            continue
        if unit_norm is not None and norm(r.lead_unit) != unit_norm and not (
                collaborating and any(norm(c) == unit_norm for c in r.collaborators)):
            continue
        if words and not all(w in r.text_norm for w in words):
            continue
        out.append(r)
    return out


def _filter_view(view: TrackerRows, bodies: Collection[int] | None, unit_id: int | None, unit_norm: str | None,
                 collaborating: bool, wanted: set[str] | None, deadline_from: dt.date | None,
                 deadline_to: dt.date | None, overdue_only: bool, due_soon_only: bool,
                 words: list[str]) -> TrackerRows:
    t = view._t
    order: Iterable[int] = view._order
    # Cheapest tests first, each a pass over the survivors of the one before.
    if overdue_only:
        order = [p for p in order if t.overdue[p]]
    if due_soon_only:
        order = [p for p in order if t.due_soon[p]]
    if wanted is not None:
        statuses = t.statuses
        order = [p for p in order if statuses[p] in wanted]
    if bodies is not None:
        body_ids = t.body_ids
        order = [p for p in order if body_ids[p] in bodies]
    if deadline_from is not None or deadline_to is not None:
        lo, hi = deadline_from, deadline_to
        deadlines = t.deadlines
        order = [p for p in order if deadlines[p] is not None
                 and (lo is None or deadlines[p] >= lo) and (hi is None or deadlines[p] <= hi)]
    if unit_id is not None or unit_norm is not None:
        units = {unit_id} if unit_id is not None else \
            {uid for uid, name in t.units.items() if normalize_for_search(name) == unit_norm}
        leads = t.lead_ids
        if collaborating:
            collab = t.load_collaborator_ids()
            ids = t.ids
            order = [p for p in order if leads[p] in units or not units.isdisjoint(collab.get(ids[p], ()))]
        else:
            order = [p for p in order if leads[p] in units]
    if words:
        if not isinstance(order, range):  # other filters ran: the store checks their survivors' texts
            ids = t.ids
            order = list(order)
            found = t.ids_with_words(words, [ids[p] for p in order])
            order = [p for p in order if ids[p] in found]
        else:  # the index's matches, mapped to positions in one pass
            hits = t.positions_with_words(words)
            if order == range(len(t.rows)):  # nothing else filtered, table order
                order = hits
            else:
                wanted_positions = set(hits)
                order = [p for p in order if p in wanted_positions]
    return TrackerRows(t, order if isinstance(order, list) else list(order))


def count_attention(rows: TrackerRows | Iterable[TrackerRow]) -> tuple[int, int]:
    """(due soon, overdue) among ``rows``: the start-up banner's two numbers."""
    if isinstance(rows, TrackerRows):
        t, order = rows._t, rows._order
        if isinstance(order, range) and order == range(len(t.rows)):  # the whole table: no lookups
            return sum(t.due_soon), sum(t.overdue)
        return sum(map(t.due_soon.__getitem__, order)), sum(map(t.overdue.__getitem__, order))
    soon = overdue = 0
    for r in rows:
        soon += r.due_soon
        overdue += r.overdue
    return soon, overdue


def attention_counts(store: Store, *, today: dt.date, due_days: int = DUE_SOON_DAYS) -> tuple[int, int]:
    """(due soon, overdue) over every body, counted by the store: the start-up banner's two
    numbers without reading the tracker's rows (the same as :func:`count_attention` on them)."""
    soon, overdue = store.read("attention_counts", today=today, last_day=today + dt.timedelta(days=due_days))[0]
    return int(soon), int(overdue)
