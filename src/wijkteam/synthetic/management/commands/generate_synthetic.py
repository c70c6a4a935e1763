"""``manage.py generate_synthetic --size small``: build the synthetic municipality (issue 5)."""

import json
import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from wijkteam.synthetic.generator import DEFAULT_SEED, PASSWORD, SIZES, generate


class Command(BaseCommand):
    help = (
        "Bouwt een deterministische synthetische gemeente in een lege database "
        "(tiny, small of city) voor de benchmark."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--size", choices=sorted(SIZES), default="small")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
        parser.add_argument(
            "--fast",
            choices=["auto", "on", "off"],
            default="auto",
            help="PostgreSQL: indexen en sleutels tijdelijk weg tijdens het laden "
            "(auto: vanaf 100.000 casussen).",
        )
        parser.add_argument(
            "--json", dest="json_path", default="", help="Schrijf de samenvatting als JSON."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        size = SIZES[options["size"]]
        started = time.monotonic()

        def progress(message: str) -> None:
            self.stdout.write(f"[{time.monotonic() - started:7.1f} s] {message}")
            self.stdout.flush()

        fast = {"auto": None, "on": True, "off": False}[options["fast"]]
        progress(
            f"synthetische gemeente '{size.name}': {size.teams} teams, {size.members} teamleden, "
            f"{size.residents:,} inwoners, {size.cases:,} casussen, "
            f"{size.access_log:,} regels toegangslog"
        )
        try:
            result = generate(size=size, seed=options["seed"], progress=progress, fast=fast)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        for name, count in sorted(result.counts.items()):
            self.stdout.write(f"  {name:40} {count:>12,}")
        for note in result.notes:
            self.stdout.write(self.style.WARNING(f"  let op: {note}"))
        self.stdout.write(f"  controlegetal  {result.checksum}")
        self.stdout.write(f"  kop van de keten  {result.chain_head}")
        self.stdout.write(
            self.style.SUCCESS(
                f"klaar in {result.seconds['totaal']:.1f} s; inloggen als synNN-MM (of "
                f"synbeleid-01, synwmoraad-01) met wachtwoord {PASSWORD} en de TOTP-sleutel uit "
                "wijkteam.synthetic.generator.totp_secret()"
            )
        )
        if options["json_path"]:
            with open(options["json_path"], "w", encoding="utf-8") as fh:
                json.dump(result.__dict__, fh, indent=2, ensure_ascii=False)
