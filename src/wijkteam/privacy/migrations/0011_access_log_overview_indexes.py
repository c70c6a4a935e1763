"""The log-wide access-log overview pages newest first by keyset on (at, id), filtered by
account or action: three indexes on the entries, (at, id), (user_id, at, id) and
(action, at, id).

Only indexes are added: the append-only triggers, the retention function and the database
roles of migrations 0002, 0005, 0007 and 0008 are not touched. On PostgreSQL each index is
built CONCURRENTLY (the log keeps accepting entries while a city-size table is indexed), so
this migration is not atomic, as 0010.
"""

from typing import Any

from django.db import migrations, models

TABLE = "privacy_accesslogentry"
INDEXES = {
    "accesslog_at_id_idx": '"at", "id"',
    "accesslog_user_at_id_idx": '"user_id", "at", "id"',
    "accesslog_action_at_id_idx": '"action", "at", "id"',
}


def forwards(apps: Any, schema_editor: Any) -> None:
    concurrently = "CONCURRENTLY " if schema_editor.connection.vendor == "postgresql" else ""
    for name, columns in INDEXES.items():
        schema_editor.execute(
            f'CREATE INDEX {concurrently}IF NOT EXISTS "{name}" ON "{TABLE}" ({columns})'
        )


def backwards(apps: Any, schema_editor: Any) -> None:
    concurrently = "CONCURRENTLY " if schema_editor.connection.vendor == "postgresql" else ""
    for name in INDEXES:
        schema_editor.execute(f'DROP INDEX {concurrently}IF EXISTS "{name}"')


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("privacy", "0010_access_log_keyset_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(
                    model_name="accesslogentry",
                    index=models.Index(fields=["at", "id"], name="accesslog_at_id_idx"),
                ),
                migrations.AddIndex(
                    model_name="accesslogentry",
                    index=models.Index(
                        fields=["user", "at", "id"], name="accesslog_user_at_id_idx"
                    ),
                ),
                migrations.AddIndex(
                    model_name="accesslogentry",
                    index=models.Index(
                        fields=["action", "at", "id"], name="accesslog_action_at_id_idx"
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(forwards, backwards)],
        ),
    ]
