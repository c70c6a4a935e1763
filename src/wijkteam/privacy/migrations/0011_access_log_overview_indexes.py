"""The log-wide access-log overview pages newest first by keyset on (at, id), filtered by
account or action: three indexes on the entries, (at, id), (user_id, at, id) and
(action, at, id). The single-column indexes on ``at`` and ``user_id`` are prefixes of the new
ones and are dropped, so an append maintains one index more than before, not three.

Only indexes are added: the append-only triggers, the retention function and the database
roles of migrations 0002, 0005, 0007 and 0008 are not touched. On PostgreSQL each index is
built CONCURRENTLY (the log keeps accepting entries while a city-size table is indexed), so
this migration is not atomic, as 0010.
"""

from typing import Any

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

TABLE = "privacy_accesslogentry"
INDEXES = {
    "accesslog_at_id_idx": '"at", "id"',
    "accesslog_user_at_id_idx": '"user_id", "at", "id"',
    "accesslog_action_at_id_idx": '"action", "at", "id"',
}

# the indexes Django made for ``at`` (db_index) and the ``user`` foreign key (names as 0001
# created them: Django's hash of table and column, the same on every database)
REDUNDANT = {
    "privacy_accesslogentry_at_1e532a4d": '"at"',
    "privacy_accesslogentry_user_id_e0e704af": '"user_id"',
}


def _create(schema_editor: Any, indexes: dict[str, str]) -> None:
    concurrently = "CONCURRENTLY " if schema_editor.connection.vendor == "postgresql" else ""
    for name, columns in indexes.items():
        schema_editor.execute(
            f'CREATE INDEX {concurrently}IF NOT EXISTS "{name}" ON "{TABLE}" ({columns})'
        )


def _drop(schema_editor: Any, names: list[str]) -> None:
    concurrently = "CONCURRENTLY " if schema_editor.connection.vendor == "postgresql" else ""
    for name in names:
        schema_editor.execute(f'DROP INDEX {concurrently}IF EXISTS "{name}"')


def forwards(apps: Any, schema_editor: Any) -> None:
    _create(schema_editor, INDEXES)  # first the new ones, so a query always has an index
    _drop(schema_editor, list(REDUNDANT))


def backwards(apps: Any, schema_editor: Any) -> None:
    _create(schema_editor, REDUNDANT)
    _drop(schema_editor, list(INDEXES))


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("privacy", "0010_access_log_keyset_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="accesslogentry",
                    name="at",
                    field=models.DateTimeField(verbose_name="tijdstip"),
                ),
                migrations.AlterField(
                    model_name="accesslogentry",
                    name="user",
                    field=models.ForeignKey(
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
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
