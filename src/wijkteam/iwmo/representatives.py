"""Registry of the resident's legal representatives for the 301's Relaties.

The representatives are recorded by a higher app (``portal.Representation``, floor 9), which
this app (floor 8) never imports: the portal registers a source from its
``AppConfig.ready()`` (``portal/registrations.py``), and the 301 asks every source for the
representatives active on the day of the message (docs/architecture.md, "Registries").

A source returns :class:`Representative` records: our own key (never a BSN), the COD472 Soort,
the name as recorded and the phone numbers and e-mail address when recorded. Without a source,
or without an active representative, the 301 carries no Relaties.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Representative:
    key: str  # the Relatie's Nummer (LDT_Persoonsid, at most 20 characters)
    kind: str  # COD472 Soort relatie
    name: str
    phones: list[str] = field(default_factory=list)
    email: str = ""


Source = Callable[[int, datetime.date], list[Representative]]

_SOURCES: list[Source] = []


def register(source: Source) -> None:
    """Add ``source(resident_id, on)``; registering the same source twice keeps one."""
    if source not in _SOURCES:
        _SOURCES.append(source)


def for_resident(resident_id: int, on: datetime.date) -> list[Representative]:
    """The representatives of ``resident_id`` active on ``on``, from every source, in order."""
    found: list[Representative] = []
    for source in _SOURCES:
        found += source(resident_id, on)
    return found
