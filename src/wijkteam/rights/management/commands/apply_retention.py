"""Destroy dossiers past their retention term, each in one transaction, and trim the access log."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from wijkteam.privacy.constants import DossierKind
from wijkteam.rights import retention, retention_log, retention_standalone


class Command(BaseCommand):
    help = (
        "Vernietigt dossiers waarvan de bewaartermijn verstreken is (elk in één transactie, "
        "met een vernietigingsverklaring zonder persoonsgegevens) en verwijdert toegangslog-"
        "regels ouder dan de bewaartermijn van de log. Met --dry-run wordt niets vernietigd."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Proefdraai: laat zien wat vernietigd zou worden, vernietigt niets.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=50_000,
            help="Toegangslogregels per transactie (standaard 50000).",
        )
        parser.add_argument(
            "--skip-access-log", action="store_true", help="De toegangslog overslaan."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run: bool = options["dry_run"]
        if options["batch_size"] < 1:
            raise CommandError("--batch-size moet minstens 1 zijn.")
        w = self.stdout.write
        rules = retention.rules()
        if dry_run:
            w("PROEFDRAAI: er wordt niets vernietigd.")
        w(
            "Bewaartermijnen: "
            + "; ".join(
                f"{DossierKind(r.kind).label} {r.years} jaar"
                + (" (te bevestigen)" if r.to_confirm else "")
                for r in rules.values()
            )
        )
        dossiers = retention.find_due_dossiers()
        w(f"Gevonden: {len(dossiers)} dossier(s) voorbij de bewaartermijn.")
        done = failed = 0
        for number, dossier in enumerate(dossiers, start=1):
            prefix = f"[{number}/{len(dossiers)}] {dossier.describe()}"
            try:
                outcome = retention.destroy_dossier(dossier, dry_run=dry_run)
            except retention.DossierChangedError as exc:
                w(f"{prefix}: overgeslagen, {exc}.")
                continue
            except DatabaseError as exc:
                # e.g. ProtectedError: another model still needs the data. Its message names
                # objects (personal data), so only the kind of error is shown.
                failed += 1
                w(
                    self.style.ERROR(
                        f"{prefix}: MISLUKT, niets vernietigd ({exc.__class__.__name__})."
                    )
                )
                continue
            done += 1
            counts = ", ".join(f"{label} {n}" for label, n in outcome.counts.items())
            verb = "zou vernietigd worden" if dry_run else "vernietigd"
            kept = " (huishouden bewaard: nog in gebruik)" if outcome.household_kept else ""
            w(f"{prefix}: {verb}{kept} – {counts}")
        for standalone in retention_standalone.destroy_standalone(dry_run=dry_run):
            counts = ", ".join(f"{label} {n}" for label, n in standalone.counts.items())
            verb = "zou vernietigd worden" if dry_run else "vernietigd"
            w(f"{standalone.title}: {verb} – {counts}")
        if not options["skip_access_log"]:
            self._access_log(dry_run=dry_run, batch_size=options["batch_size"])
        summary = (
            f"Klaar: {done} dossier(s) {'zouden vernietigd worden' if dry_run else 'vernietigd'}"
            f", {failed} mislukt."
        )
        if failed:
            raise CommandError(summary)
        w(self.style.SUCCESS(summary))

    def _access_log(self, *, dry_run: bool, batch_size: int) -> None:
        w = self.stdout.write
        plan = retention_log.access_log_due()
        if plan is None:
            w("Toegangslog: geen bewaartermijn ingesteld, niets gedaan.")
            return
        cutoff = plan.cutoff.strftime("%d-%m-%Y")
        if plan.entries == 0:
            w(f"Toegangslog: geen regels van vóór {cutoff}.")
            return
        if dry_run:
            w(f"Toegangslog: {plan.entries} regel(s) van vóór {cutoff} zouden verwijderd worden.")
            return
        result = retention_log.purge_access_log(
            batch_size=batch_size, progress=lambda m: w(f"  {m}")
        )
        assert result is not None
        anchor = result.anchors[-1] if result.anchors else None
        where = (
            f"ankerpunt bij regel {anchor.entry_id}"
            if anchor is not None and anchor.entry_id is not None
            else "ankerpunt voor de volgende regel"
        )
        w(f"Toegangslog: {result.entries} regel(s) van vóór {cutoff} verwijderd; {where}.")
