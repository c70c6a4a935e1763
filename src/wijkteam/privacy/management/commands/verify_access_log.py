"""Check the NEN 7513 access log: the keyed chain, its anchors and the checkpoints outside the
database; exits non-zero at the first problem, naming the entry and the kind of problem."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wijkteam.privacy import access_log_checkpoints as checkpoints
from wijkteam.privacy.access_log_verify import PROBLEMS, ChainProblem, verify_chain


class Command(BaseCommand):
    help = (
        "Controleert de toegangslog (NEN 7513): de HMAC-keten met de sleutel(s), de "
        "ankerpunten van de bewaartermijn en de checkpoints buiten de database. Meldt de "
        "voortgang en stopt met een foutcode bij de eerste fout: " + ", ".join(PROBLEMS) + "."
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
        marks = checkpoints.read()
        self.stdout.write(
            f"Toegangslog controleren ... ({len(marks)} checkpoints in {checkpoints.path()})"
        )
        for item in verify_chain(batch_size=batch_size):
            if isinstance(item, ChainProblem):
                explanation = PROBLEMS.get(item.problem, item.problem)
                raise CommandError(
                    f"Toegangslog NIET in orde: eerste fout bij regel {item.entry_id}: "
                    f"{item.problem} – {explanation}."
                )
            checked = item
            self.stdout.write(f"  {checked} regels gecontroleerd")
        last = f", laatste checkpoint: regel {marks[-1].entry_id}" if marks else ""
        self.stdout.write(
            self.style.SUCCESS(f"Toegangslog in orde: {checked} regels, de keten is intact{last}.")
        )
