"""Setting up Django inside a benchmark process, and migrating a fresh database."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# An experiment can point the benchmark at a changed copy of src/ (``--src``).
SRC = Path(os.environ.get("BENCH_SRC") or ROOT / "src")
BENCH_SETTINGS = "wijkteam.settings.bench"


def setup(database_url: str) -> None:
    """Configure Django for ``database_url`` with the benchmark settings (once per process)."""
    if str(SRC) not in sys.path:
        sys.path.insert(0, str(SRC))
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = BENCH_SETTINGS
    import django

    django.setup()


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def migrate_if_needed() -> bool:
    """Apply migrations only when some are pending (a kept database).

    ``migrate`` with nothing to do still renders every model's state for its post-migrate
    signal, which takes minutes on a loaded machine. Returns whether it migrated.
    """
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if not executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return False
    migrate()
    return True
