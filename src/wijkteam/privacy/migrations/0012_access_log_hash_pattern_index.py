"""The entry's ``hash`` keeps its unique index but loses the ``varchar_pattern_ops`` copy.

Django makes a second index for a unique ``CharField`` on PostgreSQL, for ``LIKE 'prefix%'``
lookups (``…_like``). No query of the log asks for a prefix of a hash (the checkpoints and
retention look a hash up by the entry's id; equality is served by the unique index), and a
hash is random, so every append paid one more insert at a random leaf of a B-tree as large
as the log. The field's ``unique=True`` becomes a ``UniqueConstraint`` with the name the
database already gives it (``privacy_accesslogentry_hash_key``), for which Django makes no
pattern index: the uniqueness is unchanged, on both engines; SQLite never had the copy.

Only that index is dropped (CONCURRENTLY on PostgreSQL, so the log keeps accepting entries
on a city-size table; this migration is therefore not atomic, as 0010 and 0011).
"""

from typing import Any

from django.db import migrations, models

TABLE = "privacy_accesslogentry"
# the name 0001 gave it: Django's hash of table and column, the same on every database
PATTERN_INDEX = "privacy_accesslogentry_hash_4245ce33_like"


def forwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX CONCURRENTLY IF EXISTS "{PATTERN_INDEX}"')


def backwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f'CREATE INDEX CONCURRENTLY IF NOT EXISTS "{PATTERN_INDEX}" '
            f'ON "{TABLE}" ("hash" varchar_pattern_ops)'
        )


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("privacy", "0011_access_log_overview_indexes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="accesslogentry",
                    name="hash",
                    field=models.CharField(max_length=64),
                ),
                migrations.AddConstraint(
                    model_name="accesslogentry",
                    constraint=models.UniqueConstraint(
                        fields=["hash"], name="privacy_accesslogentry_hash_key"
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(forwards, backwards)],
        ),
    ]
