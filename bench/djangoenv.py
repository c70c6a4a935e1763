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
