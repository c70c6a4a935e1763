"""The entry's ``hash`` loses its unique index on PostgreSQL (issue 17, access log).

No query looks an entry up by its hash: the chain is walked by id (``access_log_verify``), the
checkpoints name an entry by id, and the head keeps the last hash itself. The unique index did
not guard the chain either: a copied or forked entry is found by the verifier (its
``prev_hash`` does not follow the entry before it in id order), with or without the index. But
a hash is random, so every append paid an insert at a random leaf of a B-tree as large as the
log (911 MB at 10 million entries, far more than ``shared_buffers``): a page read and, after
each checkpoint, a full-page image in the WAL. Dropping the constraint is a catalogue change
(the index file goes with it), so this is quick at any size.

SQLite keeps its inline ``UNIQUE`` (removing it would mean copying the table, and with it the
log's append-only triggers): the demo's log is small, and uniqueness there is harmless.
"""

from typing import Any

from django.db import migrations

TABLE = "privacy_accesslogentry"
CONSTRAINT = "privacy_accesslogentry_hash_key"


def forwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'ALTER TABLE "{TABLE}" DROP CONSTRAINT IF EXISTS "{CONSTRAINT}"')


def backwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f'ALTER TABLE "{TABLE}" ADD CONSTRAINT "{CONSTRAINT}" UNIQUE ("hash")'
        )


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0012_access_log_hash_pattern_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveConstraint(
                    model_name="accesslogentry", name="privacy_accesslogentry_hash_key"
                ),
            ],
            database_operations=[migrations.RunPython(forwards, backwards)],
        ),
    ]
