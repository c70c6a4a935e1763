"""Typed records of the messages; the builders write and the readers return these."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class Header:
    standard: str  # "iwmo" | "ijw"
    number: str  # "301", "305", ...
    code: str  # BerichtCode
    sender: str  # gemeentecode (4 digits) or AGB code (8 digits)
    receiver: str
    message_id: str  # BerichtIdentificatie/Identificatie
    dated: datetime.date | None  # BerichtIdentificatie/Dagtekening
    version: str = "3"
    subversion: str = "2"


@dataclass
class ClientData:
    bsn: str
    birth_date: datetime.date | None = None
    gender: str = ""
    last_name: str = ""
    prefix: str = ""
    first_names: str = ""


@dataclass
class ProductLine:
    allocation_number: str = ""  # ToewijzingNummer
    reference: str = ""  # ReferentieAanbieder
    category: str = ""
    code: str = ""
    starts_on: datetime.date | None = None  # Ingangsdatum / Begindatum
    ends_on: datetime.date | None = None  # Einddatum
    allocated_on: datetime.date | None = None  # Toewijzingsdatum
    allocated_time: str = ""  # Toewijzingstijd, HH:MM:SS
    change_reason: str = ""  # RedenWijziging
    volume: Decimal | None = None
    unit: str = ""
    frequency: str = ""
    budget: Decimal | None = None
    stop_reason: str = ""  # RedenBeeindiging


@dataclass
class Retour:
    identification: str  # IdentificatieRetour: the id of the message answered
    dated: datetime.date | None  # DagtekeningRetour
    codes: list[str] = field(default_factory=list)


@dataclass
class Answer:
    answer: str  # VerzoekAntwoord
    reference: str = ""  # ReferentieAanbieder of the request
    refusal_reason: str = ""  # RedenAfwijzingVerzoek (free text, kept short)


@dataclass
class Message:
    header: Header
    client: ClientData | None = None
    lines: list[ProductLine] = field(default_factory=list)
    answer: Answer | None = None
    retour: Retour | None = None
