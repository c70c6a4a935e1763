"""Check the NEN 7513 access log's hash chain; exits non-zero at the first broken entry."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wijkteam.privacy.access_log import ChainProblem, verify_chain

PROBLEMS = {
    "changed": "de inhoud van deze regel is gewijzigd (de hash klopt niet meer)",
    "broken_link": (
        "de verwijzing naar de vorige regel klopt niet: een regel ervoor is verwijderd, "
        "ingevoegd of gewijzigd"
    ),
    "deleted_before": (
        "de regels vóór deze regel zijn verwijderd zonder ankerpunt van de bewaartermijn"
    ),
    "deleted_after": "regels na deze regel zijn verwijderd (de kop van de keten wijst verder)",
}


class Command(BaseCommand):
    help = (
        "Controleert de hashketen van de toegangslog (NEN 7513). Meldt de voortgang en stopt "
        "met een foutcode bij de eerste gebroken regel: changed, broken_link, deleted_before "
        "of deleted_after."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch-size", type=int, default=5000, help="Regels per stap (standaard 5000)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        batch_size = options["batch_size"]
        if batch_size < 1:
            raise CommandError("--batch-size moet minstens 1 zijn.")
        checked = 0
        self.stdout.write("Toegangslog controleren ...")
        for item in verify_chain(batch_size=batch_size):
            if isinstance(item, ChainProblem):
                explanation = PROBLEMS.get(item.problem, item.problem)
                raise CommandError(
                    f"Toegangslog NIET in orde: eerste fout bij regel {item.entry_id}: "
                    f"{item.problem} – {explanation}."
                )
            checked = item
            self.stdout.write(f"  {checked} regels gecontroleerd")
        self.stdout.write(
            self.style.SUCCESS(f"Toegangslog in orde: {checked} regels, de keten is intact.")
        )
