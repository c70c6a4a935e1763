"""manage.py import_cbs BESTAND --jaar 2024 [--dry-run]: CBS "Kerncijfers wijken en buurten"."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wijkteam.area.cbs import CbsFileError
from wijkteam.area.services.figures import ImportReport, cbs_import


class Command(BaseCommand):
    help = (
        "Importeert het CSV-bestand 'Kerncijfers wijken en buurten' van CBS voor één jaar. "
        "Met --dry-run wordt alleen gecontroleerd en gemeld welke codes niet passen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("bestand", help="Het CSV-bestand van CBS (puntkomma's).")
        parser.add_argument("--jaar", type=int, required=True, help="Het jaar van de cijfers.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Alleen controleren, niets opslaan."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["bestand"])
        if not path.is_file():
            raise CommandError(f"Bestand niet gevonden: {path}")
        try:
            report = cbs_import(
                actor=None,
                data=path.read_bytes(),
                filename=path.name,
                year=options["jaar"],
                dry_run=options["dry_run"],
                progress=lambda message: self.stdout.write(f"  {message}"),
            )
        except CbsFileError as exc:
            raise CommandError(f"Niet geïmporteerd: {exc}") from None
        self.print_report(report)

    def print_report(self, report: ImportReport) -> None:
        write = self.stdout.write
        write(f"Jaar {report.year}: {report.rows} regels in het bestand.")
        write(f"  gekoppeld: {len(report.matched)} gebieden")
        if report.outside:
            codes = ", ".join(report.outside_municipalities[:10])
            more = " …" if len(report.outside_municipalities) > 10 else ""
            write(f"  overgeslagen: {report.outside} regels van andere gemeenten ({codes}{more})")
        if report.unmatched:
            write(f"  niet gekoppeld ({len(report.unmatched)}): {', '.join(report.unmatched)}")
        if report.ignored_columns:
            write(f"  niet gebruikte kolommen: {len(report.ignored_columns)}")
        if report.stored:
            self.stdout.write(self.style.SUCCESS("De cijfers zijn opgeslagen."))
        else:
            self.stdout.write(self.style.WARNING("Proefimport (--dry-run): niets opgeslagen."))
