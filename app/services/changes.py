"""What a write changed (تغییرات): the record every writing service returns.

As Anki's ``OpChanges``: a service says which meetings, resolutions, bodies, units,
people, follow-ups and extensions it touched; the front end broadcasts the record and
each view decides from it whether to read the store again. A view asks the record a
question in its own terms (:attr:`Changes.follow_up_figures`, :attr:`Changes.names`, …),
so a new kind of change is added here once, not in every view.

This module is plain data: it imports no SQLAlchemy, so the first screen can use it.
The record is filled from the session by :mod:`app.services.change_tracking`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields

_EMPTY: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Changes:
    """Ids of what was written (created, changed or removed), by kind.

    ``drafts``: an autosaved draft was written or dropped. ``day``: the date moved on
    (midnight), so whatever is counted against «today» is stale though nothing was
    written. ``everything``: the store was filled or replaced as a whole (the demo, a
    restore, an import); every view reads again.
    """

    bodies: frozenset[int] = _EMPTY
    meetings: frozenset[int] = _EMPTY
    resolutions: frozenset[int] = _EMPTY
    follow_ups: frozenset[int] = _EMPTY
    extensions: frozenset[int] = _EMPTY
    units: frozenset[int] = _EMPTY
    people: frozenset[int] = _EMPTY
    drafts: bool = False
    day: bool = False
    everything: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(**{f.name: getattr(self, f.name) | getattr(other, f.name) for f in fields(self)})

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    # --- questions views ask ------------------------------------------------
    @property
    def body_tree(self) -> bool:
        """The bodies' names, kinds or places in the tree may differ."""
        return bool(self.bodies) or self.everything

    @property
    def meeting_list(self) -> bool:
        """A body's list of meetings (number, date, status, resolution count) may differ."""
        return bool(self.meetings) or self.body_tree

    @property
    def follow_up_figures(self) -> bool:
        """What the tracker, the dashboard and the banner count may differ: a resolution,
        its history, its meeting or body was written, or «today» moved."""
        return bool(self.resolutions or self.follow_ups or self.extensions or self.meetings
                    or self.units) or self.body_tree or self.day

    @property
    def names(self) -> bool:
        """The directory's units or people (the completers' choices) may differ."""
        return bool(self.units or self.people) or self.everything

    def touches_resolutions(self, ids: Iterable[int]) -> bool:
        """Whether any of ``ids`` (resolutions on screen) was written."""
        return self.everything or not self.resolutions.isdisjoint(ids)


NO_CHANGES = Changes()
EVERYTHING = Changes(everything=True)
NEW_DAY = Changes(day=True)


def merged(records: Iterable[Changes]) -> Changes:
    out = NO_CHANGES
    for r in records:
        out = out | r
    return out
