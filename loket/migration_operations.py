"""Migration operations for what only PostgreSQL can do (DESIGN.md: PostgreSQL-only features sit behind a switch)."""

from django.db import migrations


class AddIndexOnPostgreSQL(migrations.AddIndex):
    """AddIndex that creates the index only on PostgreSQL (e.g. `DESC NULLS LAST`, which SQLite refuses in an index).

    The migration state is the same on every database, so `makemigrations --check` stays clean; SQLite (the embedded
    development default) simply works without the index.
    """

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
