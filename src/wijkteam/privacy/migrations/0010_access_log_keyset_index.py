"""The access overviews page by keyset on (at, id) per resident: the index (resident_id, at)
becomes (resident_id, at, id).

Only indexes change: the append-only triggers, the retention function and the database roles
of migrations 0002, 0005, 0007 and 0008 are not touched. On PostgreSQL the new index is built
CONCURRENTLY (the log keeps accepting entries while a city-size table is indexed), so this
migration is not atomic.
"""

from typing import Any

from django.db import migrations, models

TABLE = "privacy_accesslogresident"
NEW = "accesslog_res_at_id_idx"
OLD = "accesslog_resident_at_idx"


def _swap(schema_editor: Any, create: str, create_cols: str, drop: str) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f'CREATE INDEX CONCURRENTLY IF NOT EXISTS "{create}" ON "{TABLE}" ({create_cols})'
        )
        schema_editor.execute(f'DROP INDEX CONCURRENTLY IF EXISTS "{drop}"')
    else:
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{create}" ON "{TABLE}" ({create_cols})')
        schema_editor.execute(f'DROP INDEX IF EXISTS "{drop}"')


def forwards(apps: Any, schema_editor: Any) -> None:
    _swap(schema_editor, NEW, '"resident_id", "at", "id"', OLD)


def backwards(apps: Any, schema_editor: Any) -> None:
    _swap(schema_editor, OLD, '"resident_id", "at"', NEW)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("privacy", "0009_consent_refusal"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(model_name="accesslogresident", name=OLD),
                migrations.AddIndex(
                    model_name="accesslogresident",
                    index=models.Index(fields=["resident_id", "at", "id"], name=NEW),
                ),
            ],
            database_operations=[migrations.RunPython(forwards, backwards)],
        ),
    ]
