from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django_otp.oath import totp

from wijkteam.organisation import demo


class Command(BaseCommand):
    help = "Laadt de demogemeente Gemeente Voorbeeld (deterministisch) en toont de demo-logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--logins-only", action="store_true", help="Alleen de logins tonen, niets laden."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["logins_only"]:
            if demo.demo_exists():
                self.stdout.write("Gemeente Voorbeeld staat er al; niets geladen.")
            else:
                demo.load_demo(progress=lambda m: self.stdout.write(f"  laden: {m}"))
                self.stdout.write(self.style.SUCCESS("Gemeente Voorbeeld is geladen."))
        self.print_logins()

    def print_logins(self) -> None:
        w = self.stdout.write
        w("")
        w(f"Demo-logins (wachtwoord voor iedereen: {demo.DEMO_PASSWORD})")
        w("Tweede factor: zet de geheime sleutel in een authenticator-app, of gebruik de code")
        w("die hier staat (geldig 30 seconden; opnieuw tonen: manage.py load_demo --logins-only).")
        w("")
        w(f"  {'gebruiker':<9} {'rol':<32} {'code nu':<8} geheime sleutel (TOTP)")
        for u in demo.USERS:
            code = f"{totp(bytes.fromhex(demo.demo_totp_key(u.username))):06d}"
            w(
                f"  {u.username:<9} {u.description:<32} {code:<8} {demo.demo_totp_secret(u.username)}"
            )
        w("")
