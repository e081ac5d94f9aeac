"""The quarterly package (بستهٔ فصلی): export, verify, import (DESIGN.md, «The quarterly package»).

No Qt here: :mod:`.export` builds the zip, :mod:`.verify` checks one, :mod:`.import_` merges
one into a store; :mod:`.format` holds the names, the version and the limits they share.
"""
