import getpass
import os
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from wijkteam.accounts import services
from wijkteam.accounts.constants import SystemRole


class Command(BaseCommand):
    help = (
        "Maakt de eerste functioneel beheerder aan (productie). De tweede factor stelt de "
        "beheerder in bij de eerste keer inloggen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True)
        parser.add_argument("--email", default="")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument(
            "--password-env",
            help="Naam van een omgevingsvariabele met het wachtwoord (anders wordt erom gevraagd).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["password_env"]:
            password = os.environ.get(options["password_env"], "")
        else:
            password = getpass.getpass("Wachtwoord: ")
            if password != getpass.getpass("Nog een keer: "):
                raise CommandError("De wachtwoorden zijn niet gelijk.")
        try:
            services.user_create(
                actor=None,
                username=options["username"],
                first_name=options["first_name"],
                last_name=options["last_name"],
                email=options["email"],
                system_role=SystemRole.FUNCTIONEEL_BEHEERDER,
                password=password,
            )
        except ValidationError as exc:
            raise CommandError(
                "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
            ) from exc
        self.stdout.write(self.style.SUCCESS(f"Beheerder {options['username']} is aangemaakt."))
