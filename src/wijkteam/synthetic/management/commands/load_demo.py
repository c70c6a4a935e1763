from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django_otp.oath import totp

from wijkteam.accountability.demo import add_demo_figures
from wijkteam.area.demo import add_demo_design, import_demo_figures
from wijkteam.iwmo.demo import add_demo_exchange
from wijkteam.organisation import demo
from wijkteam.rights.services.retention_review import retention_review_prepare
from wijkteam.synthetic.demo_data import build_casework
from wijkteam.synthetic.demo_documents import add_demo_documents
from wijkteam.synthetic.demo_journal import add_demo_journal
from wijkteam.synthetic.demo_neighbourhood import add_neighbourhood_demo
from wijkteam.synthetic.demo_portal import portal_demo
from wijkteam.synthetic.demo_refusals import add_demo_refusals_and_follow_ups
from wijkteam.synthetic.demo_stages import stage_hook


class Command(BaseCommand):
    help = (
        "Laadt de demogemeente Gemeente Voorbeeld met ongeveer 200 inwoners in 150 huishoudens "
        "en casussen in elke fase, en toont de demo-logins."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--logins-only", action="store_true", help="Alleen de logins tonen, niets laden."
        )
        parser.add_argument(
            "--households", type=int, default=150, help="Aantal huishoudens (standaard 150)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["logins_only"]:
            if demo.demo_exists():
                self.stdout.write("Gemeente Voorbeeld staat er al; niets geladen.")
            else:
                progress = lambda m: self.stdout.write(f"  laden: {m}")  # noqa: E731
                with transaction.atomic():
                    context = demo.load_demo(progress=progress)
                    progress("casuïstiek")
                    counts = build_casework(
                        teams=context.teams,
                        members=context.users,
                        orgs=context.organisations,
                        progress=progress,
                        stage_hook=stage_hook(context.organisations),
                        households=options["households"],
                    )
                    progress("documenten")
                    counts["documents"] = add_demo_documents()
                    progress("journaal")
                    add_demo_journal()
                    add_demo_exchange(
                        municipality_id=next(iter(context.teams.values())).municipality_id
                    )
                    progress("signalen")
                    add_neighbourhood_demo()
                    # After all other demo data, with its own seed (the casework's random
                    # sequence stays the same), and before the snapshot, so the dashboard and
                    # the published overview count them.
                    progress("weigeringen van toestemming en opvolging van mantelzorgers")
                    add_demo_refusals_and_follow_ups()
                    progress("cijfers")
                    add_demo_figures()
                    progress("CBS-kerncijfers en teamontwerp")
                    import_demo_figures()
                    add_demo_design()
                    progress("eerste nachtelijke bewaartermijncontrole")
                    retention_review_prepare()
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Gemeente Voorbeeld is geladen: {counts['households']} huishoudens, "
                        f"{counts['residents']} inwoners, {counts['cases']} casussen, "
                        f"{counts['documents']} documenten."
                    )
                )
        self.print_logins()
        portal_demo(self.stdout.write)

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
