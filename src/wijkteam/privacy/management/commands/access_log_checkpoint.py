"""Append a signed checkpoint of the access log's head to the file outside the database."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from wijkteam.privacy import access_log_checkpoints as checkpoints


class Command(BaseCommand):
    help = (
        "Schrijft een ondertekend checkpoint (laatste regel en hash van de toegangslog) achteraan "
        "in het checkpointbestand buiten de database. De taak toegangslog-checkpoint doet dit elk "
        "kwartier; gebruik dit commando voor een checkpoint tussendoor (bijvoorbeeld voor een "
        "back-up)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            mark = checkpoints.write()
        except checkpoints.CheckpointRefused as exc:
            raise CommandError(f"Geen checkpoint geschreven: {exc}.") from None
        if mark is None:
            self.stdout.write("De toegangslog is leeg: geen checkpoint nodig.")
            return
        self.stdout.write(f"Checkpoint: regel {mark.entry_id} in {checkpoints.path()}.")
