"""System checks of the settings this app reads (``manage.py check``)."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

from . import virus_scan


@register(Tags.security)
def check_virus_scan(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """``core.E001``: ``VIRUS_SCAN`` has an unknown value; ``core.E002``: ``clamd`` without a
    valid ``CLAMD_ADDRESS``. Neither connects to clamd."""
    current = virus_scan.mode()
    if current not in virus_scan.CHOICES:
        return [
            Error(
                f"WIJKTEAM_VIRUS_SCAN={current!r} is onbekend.",
                hint="Kies 'none' of 'clamd'. Tot dan wordt elke upload geweigerd.",
                id="core.E001",
            )
        ]
    if current == virus_scan.CLAMD:
        try:
            virus_scan.parse_address(str(getattr(settings, "CLAMD_ADDRESS", "") or ""))
        except ValueError:
            return [
                Error(
                    "WIJKTEAM_VIRUS_SCAN=clamd, maar WIJKTEAM_CLAMD_ADDRESS ontbreekt of is "
                    "ongeldig.",
                    hint="Geef host:poort (127.0.0.1:3310) of het pad van de unix-socket van "
                    "clamd (/run/clamav/clamd.ctl). Tot dan wordt elke upload geweigerd.",
                    id="core.E002",
                )
            ]
    return []


@register(Tags.security, deploy=True)
def check_virus_scan_deploy(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """``core.W001`` (``check --deploy``): uploads are not scanned for viruses."""
    if virus_scan.mode() == virus_scan.NONE:
        return [
            Warning(
                "Uploads worden niet op virussen gescand (WIJKTEAM_VIRUS_SCAN=none).",
                hint="Zet WIJKTEAM_VIRUS_SCAN=clamd en WIJKTEAM_CLAMD_ADDRESS; zie "
                "docs/operations.md.",
                id="core.W001",
            )
        ]
    return []
