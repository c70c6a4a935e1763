"""Typed records of the messages; the builders write and the readers return these."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple


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
class Address:
    """A Contact's Adres (CDT_Adres of the basisschema): Huis (Huisnummer, Huisletter,
    HuisnummerToevoeging), Postcode, Straatnaam, Plaatsnaam, LandCode; ``kind`` is the
    Contact's Soort (COD757: 01 BRP-adres)."""

    kind: str = "01"
    street: str = ""
    house_number: str = ""  # digits only
    house_letter: str = ""
    addition: str = ""
    postcode: str = ""
    city: str = ""
    country: str = "NL"


@dataclass
class Relation:
    """A Relatie of the 301 (WMO301/JW301 ``Client/Relaties/Relatie``): the resident's legal
    representative. ``number`` is its Nummer (LDT_Persoonsid, our own key, never a BSN),
    ``kind`` its Soort (COD472), the name as recorded (written as Achternaam), and its
    Contact (Soort ``contact_kind``, COD757) with the phone numbers and e-mail when recorded."""

    number: str
    kind: str
    last_name: str
    first_names: str = ""
    contact_kind: str = "02"  # correspondentie-adres: the representative is written to
    phones: list[str] = field(default_factory=list)
    email: str = ""


@dataclass
class ClientData:
    bsn: str
    birth_date: datetime.date | None = None
    gender: str = ""
    last_name: str = ""
    prefix: str = ""
    first_names: str = ""
    address: Address | None = None  # the 301's Contactgegevens/Contact/Adres
    # The 301's Contact: Telefoon (Telefoon01, Telefoon02: digits only) and Emailadres.
    phones: list[str] = field(default_factory=list)
    email: str = ""
    relations: list[Relation] = field(default_factory=list)  # the 301's Relaties


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
    status: str = ""  # StatusAanlevering (305, 307): "1" eerste aanlevering, "3" verwijderen


@dataclass
class RetourBlock:
    """The RetourCodes of one class of a retour below the header (Client, ToegewezenProduct,
    Contact, Relatie, Antwoord ...). ``key`` identifies the block without personal data: the
    ToewijzingNummer or ReferentieAanbieder of a product, a relation's Nummer, a contact's
    Soort; empty for the client block."""

    block: str
    key: str = ""
    codes: list[str] = field(default_factory=list)


class Finding(NamedTuple):
    """One thing wrong with a message, with the block (berichtklasse) it belongs to, so that a
    retour can give each block its own RetourCodes: ``header``, ``client``, ``request`` (a
    317's Verzoek), ``answer`` (a 319's Antwoord) or ``line`` (product line ``position``,
    counted from 0 in document order)."""

    code: str
    text: str
    block: str = "header"
    position: int = 0


@dataclass
class RetourPlan:
    """The RetourCodes a retour we write gives each block of the message it answers (the
    blocks are echoed from that message, ``Retour.echo``): the client, a 317's Verzoek, each
    product line in document order, and the blocks this project does not read (a 317's
    OngewijzigdProduct and NieuwProduct: 0233 "niet beoordeeld")."""

    client: list[str] = field(default_factory=list)
    request: list[str] = field(default_factory=list)
    lines: list[list[str]] = field(default_factory=list)
    unread: list[str] = field(default_factory=lambda: ["0233"])


@dataclass
class Retour:
    identification: str  # IdentificatieRetour: the id of the message answered
    dated: datetime.date | None  # DagtekeningRetour
    codes: list[str] = field(default_factory=list)  # the header's RetourCodes
    blocks: list[RetourBlock] = field(default_factory=list)  # every other block's, in order
    # Writing only: the received message whose Client block the retour repeats, with the
    # RetourCodes of each block from ``plan`` (no echo when either is empty).
    echo: bytes = b""
    plan: RetourPlan | None = None

    def all_codes(self) -> list[str]:
        return self.codes + [code for block in self.blocks for code in block.codes]


@dataclass
class Answer:
    """The 319's Antwoord (directly below the Bericht, no Client)."""

    answer: str  # VerzoekAntwoord (WJ760)
    reference: str = ""  # ReferentieAanbieder of the request
    refusal_reason: str = ""  # RedenAfwijzingVerzoek (WJ759 code)


@dataclass
class Message:
    header: Header
    client: ClientData | None = None
    lines: list[ProductLine] = field(default_factory=list)
    answer: Answer | None = None
    retour: Retour | None = None
    # A 317's Verzoek: its ReferentieAanbieder (also on each line) and RedenVerzoek (WJ758).
    request_reason: str = ""
