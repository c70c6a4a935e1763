"""Create the PostgreSQL roles for least privilege: the application role and the retention
role (see :mod:`wijkteam.privacy.database_roles`). Run as the owner, after every migrate."""

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from wijkteam.privacy.database_roles import ROLE_NAME, create_roles, statements


class Command(BaseCommand):
    help = (
        "Maakt op PostgreSQL de rol van de applicatie (mag de toegangslog alleen lezen en "
        "aanvullen) en de rol van de bewaartermijn (eigenaar van de functie die oude regels "
        "verwijdert en een ondertekend ankerpunt achterlaat). Draai als eigenaar van de "
        "database, na elke migrate. Wachtwoord: --app-password of WIJKTEAM_DB_APP_PASSWORD."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--app-role", default="wijkteam_app")
        parser.add_argument("--retention-role", default="wijkteam_retention")
        parser.add_argument("--app-password", default=os.environ.get("WIJKTEAM_DB_APP_PASSWORD"))
        parser.add_argument(
            "--print", action="store_true", help="Toon alleen de GRANT/REVOKE-opdrachten."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("Rollen bestaan alleen op PostgreSQL; SQLite heeft er geen.")
        app, ret = options["app_role"], options["retention_role"]
        for name in (app, ret):
            if not ROLE_NAME.match(name):
                raise CommandError(f"Ongeldige rolnaam {name!r} (kleine letters, cijfers, _).")
        if app == ret:
            raise CommandError("De twee rollen moeten verschillen.")
        if options["print"]:
            for sql in statements(app_role=app, retention_role=ret):
                self.stdout.write(sql + ";")
            return
        with transaction.atomic():
            run = create_roles(
                app_role=app, retention_role=ret, app_password=options["app_password"]
            )
        for sql in run:
            self.stdout.write(f"  {sql}")
        self.stdout.write(
            self.style.SUCCESS(f"Rollen {app} (applicatie) en {ret} (bewaartermijn) ingesteld.")
        )
