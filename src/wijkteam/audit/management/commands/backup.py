"""Back up the database: SQLite with the online backup API, PostgreSQL with pg_dump -Fc."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from wijkteam.audit import backup


class Command(BaseCommand):
    help = (
        "Maakt een back-up van de database terwijl de applicatie doorloopt: SQLite via de "
        "online-back-up-API, PostgreSQL met pg_dump -Fc (terugzetten met pg_restore, zie "
        "docs/operations.md). Standaard in var/backups/."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", "-o", type=Path, help="Bestand voor de back-up.")
        parser.add_argument(
            "--print",
            action="store_true",
            help="PostgreSQL: toon alleen de pg_dump-opdracht (zonder wachtwoord).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        target: Path = options["output"] or backup.default_target()
        if options["print"]:
            if connection.vendor != "postgresql":
                raise CommandError("--print is er alleen voor PostgreSQL (pg_dump).")
            self.stdout.write(backup.printable(backup.pg_dump_command(target)[0]))
            return
        try:
            written = backup.backup(target)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        size = written.stat().st_size
        self.stdout.write(self.style.SUCCESS(f"Back-up geschreven: {written} ({size} bytes)."))
