"""Reading a message: the hardened parser (``safe``), then the tree into typed records."""

import datetime
from decimal import Decimal, InvalidOperation

from lxml import etree

from ..constants import BERICHT_SUBVERSIE, BERICHT_VERSIE, RetourCode, berichtcode_lookup
from .build import LINES, RETOURS
from .contact import read_phones, read_relations
from .safe import MAX_BYTES, Rejected, parse_tree, safe_parser
from .types import (
    Address,
    Answer,
    ClientData,
    Header,
    Message,
    ProductLine,
    Retour,
    RetourBlock,
)

__all__ = ["MAX_BYTES", "Rejected", "parse_tree", "read", "read_header", "safe_parser"]


def _local(node: etree._Element) -> str:
    return etree.QName(node).localname


def _child(node: etree._Element | None, name: str) -> etree._Element | None:
    if node is None:
        return None
    return node.find(f"{{*}}{name}")


def _text(node: etree._Element | None, *path: str) -> str:
    for name in path:
        node = _child(node, name)
    if node is None or node.text is None:
        return ""
    return node.text.strip()


def _date(value: str, what: str, header: Header | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise Rejected(RetourCode.TECHNISCH, f"{what}: geen geldige datum", header) from exc


def _decimal(value: str, what: str, header: Header | None) -> Decimal | None:
    if not value:
        return None
    try:
        result = Decimal(value)
    except InvalidOperation as exc:
        raise Rejected(RetourCode.TECHNISCH, f"{what}: geen geldig getal", header) from exc
    if not result.is_finite():
        raise Rejected(RetourCode.TECHNISCH, f"{what}: geen geldig getal", header)
    return result


def read_header(root: etree._Element) -> Header:
    if _local(root) != "Bericht":
        raise Rejected(RetourCode.TECHNISCH, "het hoofdelement is geen Bericht")
    head = _child(root, "Header")
    if head is None:
        raise Rejected(RetourCode.VERPLICHT, "Header ontbreekt")
    code = _text(head, "BerichtCode")
    found = berichtcode_lookup(code)
    header = Header(
        standard=found[0] if found else "",
        number=found[1] if found else "",
        code=code,
        sender=_text(head, "Afzender"),
        receiver=_text(head, "Ontvanger"),
        message_id=_text(head, "BerichtIdentificatie", "Identificatie"),
        dated=None,
        version=_text(head, "BerichtVersie"),
        subversion=_text(head, "BerichtSubversie"),
    )
    header.dated = _date(_text(head, "BerichtIdentificatie", "Dagtekening"), "Dagtekening", header)
    if found is None:
        raise Rejected(RetourCode.BERICHTCODE, f"onbekende BerichtCode {code[:10]}", header)
    namespace = etree.QName(root).namespace or ""
    expected = ("/jw" if header.standard == "ijw" else "/wmo") + header.number + "/"
    if expected not in namespace:
        raise Rejected(RetourCode.BERICHTCODE, "de namespace past niet bij de BerichtCode", header)
    if header.version != BERICHT_VERSIE or header.subversion != BERICHT_SUBVERSIE:
        raise Rejected(
            RetourCode.BERICHTCODE,
            f"berichtversie {header.version[:3]}.{header.subversion[:3]} wordt niet ondersteund "
            f"(verwacht {BERICHT_VERSIE}.{BERICHT_SUBVERSIE})",
            header,
        )
    return header


def _line(node: etree._Element, header: Header) -> ProductLine:
    product = _child(node, "Product")
    size = _child(node, "Omvang")
    # WMO315/JW315 names its dates ToewijzingIngangsdatum / ToewijzingEinddatum (release 3.2;
    # Ingangsdatum / Einddatum of this project's older 315 layout are still read).
    # WMO305/WMO307 carry ToewijzingIngangsdatum (optional) besides the mandatory Begindatum:
    # only Begindatum is the start of the delivery.
    start = (
        _text(node, "Begindatum")
        if header.number in ("305", "307")
        else _text(node, "Begindatum")
        or _text(node, "ToewijzingIngangsdatum")
        or _text(node, "Ingangsdatum")
        or _text(node, "GewensteIngangsdatum")
    )
    return ProductLine(
        allocation_number=_text(node, "ToewijzingNummer"),
        reference=_text(node, "ReferentieAanbieder"),
        category=_text(product, "Categorie"),
        code=_text(product, "Code"),
        starts_on=_date(start, "Begindatum", header),
        ends_on=_date(
            _text(node, "Einddatum") or _text(node, "ToewijzingEinddatum"), "Einddatum", header
        ),
        allocated_on=_date(_text(node, "Toewijzingsdatum"), "Toewijzingsdatum", header),
        allocated_time=_text(node, "Toewijzingstijd"),
        change_reason=_text(node, "RedenWijziging"),
        volume=_decimal(_text(size, "Volume"), "Volume", header),
        unit=_text(size, "Eenheid"),
        frequency=_text(size, "Frequentie"),
        budget=_decimal(_text(node, "Budget"), "Budget", header),
        stop_reason=_text(node, "RedenBeeindiging"),
        status=_text(node, "StatusAanlevering"),
    )


def _address(contact: etree._Element | None) -> Address | None:
    """The first Contact's Adres (301), or None when there is no Contact with an Adres."""
    node = _child(contact, "Adres")
    if contact is None or node is None:
        return None
    address = Address(kind=_text(contact, "Soort"), country="")
    if node is not None:
        address.house_number = _text(node, "Huis", "Huisnummer")
        address.house_letter = _text(node, "Huis", "Huisletter")
        address.addition = _text(node, "Huis", "HuisnummerToevoeging")
        address.postcode = _text(node, "Postcode")
        address.street = _text(node, "Straatnaam")
        address.city = _text(node, "Plaatsnaam")
        address.country = _text(node, "LandCode")
    return address


def _codes(node: etree._Element | None) -> list[str]:
    if node is None:
        return []
    return [(c.text or "").strip()[:10] for c in node if _local(c) == "RetourCode" and c.text]


# The element that names a block of a retour, per block: never personal data.
_BLOCK_KEYS = ("ToewijzingNummer", "ReferentieAanbieder", "Nummer", "Soort")
MAX_RETOUR_BLOCKS = 500


def _retour_blocks(root: etree._Element, head: etree._Element | None) -> list[RetourBlock]:
    """Every RetourCodes below the header (repeated client, product, contact, relation ...
    blocks), in document order, with the element it belongs to."""
    blocks: list[RetourBlock] = []
    for node in root.iter("{*}RetourCodes"):
        parent = node.getparent()
        if parent is None or parent is head:
            continue
        key = next((_text(parent, name) for name in _BLOCK_KEYS if _text(parent, name)), "")
        blocks.append(RetourBlock(block=_local(parent), key=key[:40], codes=_codes(node)))
        if len(blocks) >= MAX_RETOUR_BLOCKS:
            break
    return blocks


def read(data: bytes) -> Message:
    """Parse ``data`` into a :class:`Message`; :class:`Rejected` when it cannot be read."""
    root = parse_tree(data)
    header = read_header(root)
    message = Message(header=header)
    head = _child(root, "Header")
    if header.number in RETOURS:
        message.retour = Retour(
            identification=_text(head, "IdentificatieRetour"),
            dated=_date(_text(head, "DagtekeningRetour"), "DagtekeningRetour", header),
            codes=_codes(_child(head, "RetourCodes")),
            blocks=_retour_blocks(root, head),
        )
    client = _child(root, "Client")
    if client is not None:
        message.client = ClientData(
            bsn=_text(client, "Bsn"),
            birth_date=_date(_text(client, "Geboortedatum", "Datum"), "Geboortedatum", header),
            gender=_text(client, "Geslacht"),
            last_name=_text(client, "Naam", "Geslachtsnaam", "Achternaam"),
            prefix=_text(client, "Naam", "Geslachtsnaam", "Voorvoegsel"),
            first_names=_text(client, "Naam", "Voornamen"),
            address=_address(_child(_child(client, "Contactgegevens"), "Contact")),
            phones=read_phones(_child(_child(client, "Contactgegevens"), "Contact")),
            email=_text(client, "Contactgegevens", "Contact", "Emailadres"),
            relations=read_relations(client),
        )
        parent = client
        verzoek = _child(client, "Verzoek")
        if header.number == "317" and verzoek is not None:
            # WMO317/JW317: the products below Client/Verzoek, with one ReferentieAanbieder.
            parent = verzoek
            message.request_reason = _text(verzoek, "RedenVerzoek")
        if header.number in LINES:
            container_name, line_name = LINES[header.number]
            container = _child(parent, container_name)
            if container is not None:
                message.lines = [_line(n, header) for n in container if _local(n) == line_name]
            if parent is verzoek:
                for line in message.lines:
                    line.reference = _text(verzoek, "ReferentieAanbieder")
    answer = _child(root, "Antwoord")
    if answer is None:  # an older layout with the Antwoord below the Client
        answer = _child(client, "Antwoord")
    if answer is not None:
        message.answer = Answer(
            answer=_text(answer, "VerzoekAntwoord"),
            reference=_text(answer, "ReferentieAanbieder"),
            refusal_reason=_text(answer, "RedenAfwijzingVerzoek"),
        )
    return message
