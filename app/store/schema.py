"""The schema revision this program expects (no imports: read at start-up).

It must equal the head of app/store/migrations/versions; a test keeps the two
in step. Bump it with every new migration.
"""


SCHEMA_REVISION = "0008"
