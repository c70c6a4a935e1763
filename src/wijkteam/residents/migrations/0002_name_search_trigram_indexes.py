"""PostgreSQL: trigram indexes for the search by name (docs/performance.md).

The search matches the start of the surname or the first name and any part of the surname
(``UPPER(last_name) LIKE 'BEE%'`` or ``LIKE '%BERG%'``); a btree index serves neither. A GIN
index with ``gin_trgm_ops`` on the upper-cased names serves both. ``pg_trgm`` is a trusted
extension (PostgreSQL 13+): the database owner may create it. SQLite needs nothing here.
"""

from django.db import migrations

INDEXES = {
    "resident_last_name_trgm_idx": "last_name",
    "resident_first_name_trgm_idx": "first_name",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON residents_resident "
            f"USING gin (UPPER({column}) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("residents", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
