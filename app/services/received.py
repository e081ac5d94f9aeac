"""Records received in a quarterly package (app.package.import_) are read-only here: they are
the sending office's record, changed only by a later package from it."""

from __future__ import annotations

from app.errors import UserError
from app.store.models import Meeting

__all__ = ["refuse_if_received"]


def refuse_if_received(m: Meeting) -> None:
    """UserError ``meeting_received`` for a meeting that came in a package."""
    if m.origin_id is not None:
        raise UserError("meeting_received",
                        "این جلسه از بستهٔ فصلی دفتر دیگری دریافت شده و فقط‌خواندنی است؛ تغییر آن با بستهٔ تازهٔ "
                        "همان دفتر می‌آید، نه اینجا.", english="a received meeting is read-only")
