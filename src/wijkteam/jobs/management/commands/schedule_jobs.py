"""Queue the periodic jobs that are due; cron or a systemd timer calls this every few minutes."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from wijkteam.core import jobs
from wijkteam.jobs import services
from wijkteam.jobs.constants import Trigger


class Command(BaseCommand):
    help = (
        "Zet de geplande taken die vandaag aan de beurt zijn in de wachtrij (elke taak hoogstens "
        "één keer per dag) en registreert vastgelopen uitvoeringen als mislukt. Draai dit elke "
        "5 minuten vanuit cron of een systemd-timer, of met --loop naast de worker."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--loop",
            type=int,
            metavar="SECONDEN",
            help="Blijf draaien en controleer elke SECONDEN seconden (voor de demo).",
        )
        parser.add_argument(
            "--run", metavar="TAAK", help="Zet deze taak nu in de wachtrij, los van de planning."
        )
        parser.add_argument("--list", action="store_true", help="Toon de geplande taken.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            for job in jobs.registered():
                when = (
                    f"elke {job.every_minutes} min"
                    if job.interval
                    else f"{job.hour:02d}:{job.minute:02d}"
                )
                self.stdout.write(f"{when}  {job.name}  {job.title}")
            return
        if options["run"]:
            if jobs.get(options["run"]) is None:
                names = ", ".join(j.name for j in jobs.registered())
                raise CommandError(f"Onbekende taak {options['run']!r}; bekend zijn: {names}.")
            try:
                run = services.job_run_queue(job_name=options["run"], trigger=Trigger.MANUAL)
            except services.JobAlreadyRunning:
                raise CommandError("Deze taak staat al in de wachtrij of draait.") from None
            self.stdout.write(f"In de wachtrij: {run.job} (uitvoering {run.pk}).")
            return
        self._verbose = options["verbosity"] > 1
        interval = options["loop"]
        if interval is not None and interval < 10:
            raise CommandError("--loop moet minstens 10 seconden zijn.")
        while True:
            self._tick()
            if interval is None:
                return
            time.sleep(interval)

    def _tick(self) -> None:
        stale = services.job_runs_fail_stale()
        queued = services.jobs_schedule_due()
        stamp = timezone.localtime().strftime("%d-%m-%Y %H:%M")
        if queued or stale:
            names = ", ".join(r.job for r in queued) or "geen"
            self.stdout.write(f"{stamp}: in de wachtrij gezet: {names}; vastgelopen: {stale}.")
        elif self._verbose:
            self.stdout.write(f"{stamp}: niets te doen.")
