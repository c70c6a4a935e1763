"""The project's own structural checks, after the published rules of release 3.2: mandatory
elements, code lists, date order and ToewijzingNummer uniqueness. They run on every message,
in and out; the official XSD (``xsd``) is checked on top when the operator configures it.

Each finding is a :class:`~.types.Finding` (RetourCode, text, the block it belongs to); the text
names the element, never personal data. ``problems`` gives ``(RetourCode, text)`` pairs.
"""

import re

from stdnum.nl import bsn as stdnum_bsn

from wijkteam.cases.constants import Frequency, Unit
from wijkteam.organisation.constants import JZ020, WMO020

from ..constants import (
    ADDRESS_KINDS,
    ChangeReason,
    Gender,
    RefusalReason,
    RequestReason,
    RetourCode,
    StatusAanlevering,
    StopReason,
    VerzoekAntwoord,
)
from .build import FULL_CLIENT, LINES
from .contact import contact_problems
from .types import Address, Finding, Message, ProductLine

Problem = tuple[str, str]


def _line_problems(message: Message, line: ProductLine, index: int) -> list[Finding]:
    h = message.header
    where = f"product {index + 1}"
    found: list[Problem] = []
    categories = JZ020 if h.standard == "ijw" else WMO020

    def need(value: object, name: str) -> None:
        if value in (None, ""):
            found.append((RetourCode.VERPLICHT, f"{where}: {name} ontbreekt"))

    if h.number in ("301", "305", "307", "317"):
        need(line.allocation_number, "ToewijzingNummer")
    if h.number in ("315", "317"):
        need(line.reference, "ReferentieAanbieder")
    need(line.starts_on, "Begindatum" if h.number in ("305", "307") else "Ingangsdatum")
    if h.number == "301":
        need(line.allocated_on, "Toewijzingsdatum")
    if h.number in ("301", "315", "317") and line.unit != "83":
        need(line.volume, "Omvang/Volume")
        need(line.unit, "Omvang/Eenheid")
        need(line.frequency, "Omvang/Frequentie")
    if h.number in ("305", "307"):
        need(line.status, "StatusAanlevering")
        if line.status and line.status not in StatusAanlevering.values:
            found.append((RetourCode.CODELIJST, f"{where}: StatusAanlevering onbekend"))
    if h.number == "307":
        need(line.ends_on, "Einddatum")
        need(line.stop_reason, "RedenBeeindiging")
        if line.stop_reason and line.stop_reason not in StopReason.values:
            found.append((RetourCode.CODELIJST, f"{where}: RedenBeeindiging onbekend"))
    if line.change_reason and line.change_reason not in ChangeReason.values:
        found.append((RetourCode.CODELIJST, f"{where}: RedenWijziging onbekend (WMO002)"))
    if line.change_reason and not line.ends_on:
        found.append((RetourCode.VERPLICHT, f"{where}: RedenWijziging zonder Einddatum"))
    if line.code and not line.category:
        found.append((RetourCode.VERPLICHT, f"{where}: Product/Categorie ontbreekt bij een code"))
    if line.category and line.category not in categories:
        found.append((RetourCode.CODELIJST, f"{where}: productcategorie onbekend"))
    if line.code and (len(line.code) != 5 or not line.code.isalnum()):
        found.append((RetourCode.CODELIJST, f"{where}: productcode is geen vijf tekens"))
    if line.unit and line.unit not in Unit.values:
        found.append((RetourCode.CODELIJST, f"{where}: eenheid onbekend (WJ756)"))
    if line.frequency and line.frequency not in Frequency.values:
        found.append((RetourCode.CODELIJST, f"{where}: frequentie onbekend (WMO757)"))
    if line.volume is not None and line.volume <= 0:
        found.append((RetourCode.CODELIJST, f"{where}: volume moet groter zijn dan 0"))
    if line.starts_on and line.ends_on and line.ends_on < line.starts_on:
        found.append((RetourCode.DATUM_VOLGORDE, f"{where}: Einddatum vóór de begindatum"))
    return [Finding(code, text, "line", index) for code, text in found]


_POSTCODE = re.compile(r"^[1-9][0-9]{3}[A-Z]{2}$")


def _address_problems(address: Address) -> list[Problem]:
    """The 301's Contact/Adres: Soort from COD757; a Dutch address needs Huisnummer (1–99999),
    Postcode (1234AB), Straatnaam and Plaatsnaam."""
    where = "Client/Contactgegevens/Contact"
    found: list[Problem] = []
    if address.kind not in ADDRESS_KINDS:
        found.append((RetourCode.CODELIJST, f"{where}/Soort onbekend (COD757)"))
    for value, name in (
        (address.house_number, "Huis/Huisnummer"),
        (address.postcode, "Postcode"),
        (address.street, "Straatnaam"),
        (address.city, "Plaatsnaam"),
    ):
        if not value:
            found.append((RetourCode.VERPLICHT, f"{where}/Adres/{name} ontbreekt"))
    if address.house_number and not (
        address.house_number.isdigit() and 1 <= int(address.house_number) <= 99999
    ):
        found.append((RetourCode.CODELIJST, f"{where}/Adres/Huis/Huisnummer ongeldig"))
    if address.postcode and not _POSTCODE.match(address.postcode):
        found.append((RetourCode.CODELIJST, f"{where}/Adres/Postcode ongeldig"))
    if len(address.house_letter) > 1 or len(address.addition) > 4:
        found.append((RetourCode.CODELIJST, f"{where}/Adres/Huis: letter of toevoeging te lang"))
    return found


def problems(message: Message) -> list[Problem]:
    """Everything wrong with ``message`` by the structural rules (empty: it passes)."""
    return [(finding.code, finding.text) for finding in findings(message)]


def findings(message: Message) -> list[Finding]:
    """:func:`problems` with the block each one belongs to (for the retour's RetourCodes)."""
    h = message.header
    found: list[Finding] = []
    for value, name in (
        (h.sender, "Afzender"),
        (h.receiver, "Ontvanger"),
        (h.message_id, "BerichtIdentificatie/Identificatie"),
        (h.dated, "BerichtIdentificatie/Dagtekening"),
    ):
        if value in (None, ""):
            found.append(Finding(RetourCode.VERPLICHT, f"{name} ontbreekt"))
    if message.retour is not None:
        if not message.retour.identification:
            found.append(Finding(RetourCode.VERPLICHT, "IdentificatieRetour ontbreekt"))
        if not message.retour.codes:
            found.append(Finding(RetourCode.VERPLICHT, "RetourCodes ontbreken"))
        return found
    if h.number == "319":
        return found + [Finding(c, t, "answer") for c, t in _answer_problems(message)]
    client = message.client
    if client is None:
        found.append(Finding(RetourCode.VERPLICHT, "Client ontbreekt"))
        return found
    return found + [Finding(c, t, "client") for c, t in _client_problems(message)] + _lines(message)


def _client_problems(message: Message) -> list[Problem]:
    h, client = message.header, message.client
    assert client is not None
    found: list[Problem] = []
    if not client.bsn:
        found.append((RetourCode.VERPLICHT, "Client/Bsn ontbreekt"))
    elif not stdnum_bsn.is_valid(client.bsn):
        found.append((RetourCode.BSN, "Client/Bsn voldoet niet aan de elfproef"))
    if h.number in FULL_CLIENT:
        if client.birth_date is None:
            found.append((RetourCode.VERPLICHT, "Client/Geboortedatum ontbreekt"))
        if not client.last_name:
            found.append((RetourCode.VERPLICHT, "Client/Naam/Achternaam ontbreekt"))
        if h.number in ("305", "307") and not client.gender:
            found.append((RetourCode.VERPLICHT, "Client/Geslacht ontbreekt"))
        if client.gender and client.gender not in Gender.values:
            found.append((RetourCode.CODELIJST, "Client/Geslacht onbekend"))
    if h.number == "301" and client.address is not None:
        found += _address_problems(client.address)
    if h.number == "301":
        found += contact_problems(client)
    if h.number in LINES and not message.lines:
        found.append((RetourCode.VERPLICHT, "geen product in het bericht"))
    return found


def _lines(message: Message) -> list[Finding]:
    """The product lines' findings, and a 317's Verzoek (its RedenVerzoek, WJ758)."""
    found: list[Finding] = []
    if message.header.number in LINES:
        seen: set[str] = set()
        for index, line in enumerate(message.lines):
            number = line.allocation_number
            if number and number in seen:
                found.append(
                    Finding(
                        RetourCode.TOEWIJZING_DUBBEL,
                        f"product {index + 1}: het ToewijzingNummer komt meer dan eens voor",
                        "line",
                        index,
                    )
                )
            seen.add(number)
            found += _line_problems(message, line, index)
    if message.header.number == "317":
        if not message.request_reason:
            found.append(Finding(RetourCode.VERPLICHT, "Verzoek/RedenVerzoek ontbreekt", "request"))
        elif message.request_reason not in RequestReason.values:
            found.append(
                Finding(RetourCode.CODELIJST, "Verzoek/RedenVerzoek onbekend (WJ758)", "request")
            )
    return found


def _answer_problems(message: Message) -> list[Problem]:
    """WMO319/JW319: Antwoord with ReferentieAanbieder, VerzoekAntwoord (WJ760) and, for a
    refusal, RedenAfwijzingVerzoek (WJ759)."""
    answer = message.answer
    if answer is None:
        return [(RetourCode.VERPLICHT, "Antwoord ontbreekt")]
    found: list[Problem] = []
    if not answer.reference:
        found.append((RetourCode.VERPLICHT, "Antwoord/ReferentieAanbieder ontbreekt"))
    if answer.answer not in VerzoekAntwoord.values:
        found.append((RetourCode.CODELIJST, "Antwoord/VerzoekAntwoord onbekend (WJ760)"))
    if answer.answer == VerzoekAntwoord.AFGEWEZEN and not answer.refusal_reason:
        found.append((RetourCode.VERPLICHT, "Antwoord/RedenAfwijzingVerzoek ontbreekt"))
    if answer.refusal_reason and answer.refusal_reason not in RefusalReason.values:
        found.append((RetourCode.CODELIJST, "Antwoord/RedenAfwijzingVerzoek onbekend (WJ759)"))
    return found
