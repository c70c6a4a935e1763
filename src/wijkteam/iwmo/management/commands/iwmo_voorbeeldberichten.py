from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wijkteam.iwmo import conf
from wijkteam.iwmo.examples import example_messages


class Command(BaseCommand):
    help = (
        "Schrijft voorbeeldberichten van een aanbieder (305 start levering, 307 stop levering, "
        "315 verzoek om toewijzing) bij een bestaande toewijzing in de demo. Zet ze daarna in "
        "de inbox (standaard var/iwmo/in/) en draai manage.py iwmo_exchange."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--map", default="", help="Waar de bestanden komen (standaard var/iwmo/voorbeelden)."
        )
        parser.add_argument(
            "--in-inbox", action="store_true", help="Schrijf ze direct in de inbox."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["in_inbox"]:
            folder = conf.inbox_dir()
        else:
            folder = Path(options["map"] or conf.folder() / "voorbeelden")
        files = example_messages()
        if not files:
            raise CommandError(
                "Geen toewijzing aan een aanbieder met AGB-code gevonden; laad eerst de demo."
            )
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in files:
            (folder / name).write_bytes(content)
            self.stdout.write(f"  {folder / name}")
        self.stdout.write(self.style.SUCCESS(f"{len(files)} voorbeeldberichten geschreven."))
