"""Everything a user can do, as functions over a :class:`app.store.db.Store`.

The GUI and the command line call these; they never see a Session. Each
function is one unit of work and returns plain data; a function that writes also
returns what it changed (:class:`app.services.changes.Changes`).
"""
