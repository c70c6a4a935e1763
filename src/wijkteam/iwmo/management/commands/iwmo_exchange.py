from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from wijkteam.iwmo.services.incoming import inbox_process
from wijkteam.iwmo.services.outgoing import pending_send


class Command(BaseCommand):
    help = (
        "Verstuurt de wachtende iWmo/iJw-berichten (opnieuw) en leest de inbox. Geschikt voor "
        "cron, bijvoorbeeld elke vijf minuten: */5 * * * * manage.py iwmo_exchange"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--alleen-inbox", action="store_true", help="Alleen de inbox lezen.")
        parser.add_argument(
            "--alleen-verzenden", action="store_true", help="Alleen wachtende berichten versturen."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["alleen_inbox"]:
            sent, waiting = pending_send()
            self.stdout.write(f"verzonden: {sent}, nog niet verzonden: {waiting}")
        if not options["alleen_verzenden"]:
            result = inbox_process()
            self.stdout.write(f"inbox: {result.summary()}")
