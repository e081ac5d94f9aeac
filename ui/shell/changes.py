"""The one broadcast of what changed (as Anki's ``operation_did_execute``).

Every write goes through :func:`ui.shell.ops.Ops.run`, which hands the service's
:class:`~app.services.changes.Changes` to :meth:`ChangeBroadcast.publish`; every view
that shows stored data connects to :attr:`ChangeBroadcast.changed` and decides from
the record whether to read the store again. Nobody refreshes another window by hand.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.services.changes import Changes


class ChangeBroadcast(QObject):
    """Signals:
        changed(Changes): something was written (or the date moved on); ``origin`` is the
        view that wrote it, which has usually shown the result already.
    """

    changed = Signal(object, object)  # (Changes, origin QObject or None)

    def publish(self, changes: Changes, origin: QObject | None = None) -> None:
        if changes:
            self.changed.emit(changes, origin)
