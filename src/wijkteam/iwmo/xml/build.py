"""Writing a message with lxml (an element tree, serialised once): no string templates."""

import datetime
from decimal import Decimal

from lxml import etree

from ..constants import ADDRESS_KIND_BRP, RETOUR_OF, XSD_VERSIE, namespaces
from .types import ClientData, Message, ProductLine

# Per message number: the container of its product lines and the element of one line.
LINES: dict[str, tuple[str, str]] = {
    "301": ("ToegewezenProducten", "ToegewezenProduct"),
    "305": ("StartProducten", "StartProduct"),
    "307": ("StopProducten", "StopProduct"),
    "315": ("AangevraagdeProducten", "AangevraagdProduct"),
    "317": ("TeWijzigenProducten", "TeWijzigenProduct"),
}
RETOURS = frozenset(RETOUR_OF.values())
# Messages whose client block carries the full identification (name, birth date, gender).
FULL_CLIENT = frozenset({"301", "315"})


def _date(value: datetime.date | None) -> str:
    return value.isoformat() if value else ""


def _decimal(value: Decimal | None) -> str:
    if value is None:
        return ""
    return format(value.normalize(), "f")


class _Writer:
    def __init__(self, standard: str, number: str) -> None:
        self.ns = namespaces(standard, number)

    def el(self, parent: etree._Element, name: str, text: str | None = None) -> etree._Element:
        node = etree.SubElement(parent, f"{{{self.ns.message}}}{name}")
        if text is not None:
            node.text = text
        return node

    def basis(self, parent: etree._Element, name: str, text: str | None = None) -> etree._Element:
        node = etree.SubElement(parent, f"{{{self.ns.basis}}}{name}")
        if text is not None:
            node.text = text
        return node

    def opt(self, parent: etree._Element, name: str, text: str) -> None:
        if text:
            self.el(parent, name, text)


def _client(w: _Writer, root: etree._Element, client: ClientData, number: str) -> etree._Element:
    node = w.el(root, "Client")
    w.el(node, "Bsn", client.bsn)
    if number in FULL_CLIENT:
        birth = w.el(node, "Geboortedatum")
        w.basis(birth, "Datum", _date(client.birth_date))
        w.el(node, "Geslacht", client.gender or "0")
        name = w.el(node, "Naam")
        family = w.basis(name, "Geslachtsnaam")
        w.basis(family, "Achternaam", client.last_name)
        if client.prefix:
            w.basis(family, "Voorvoegsel", client.prefix)
        if client.first_names:
            w.basis(name, "Voornamen", client.first_names)
    if number == "301":
        # Contactgegevens is mandatory in the WMO301/JW301 schema (one Contact or more, each
        # with its Soort, COD757). Written with Soort 01 (BRP-adres) and no Adres: the
        # provider takes the address from the BRP; an Adres (CDT_Adres) is not written yet.
        contact = w.el(w.el(node, "Contactgegevens"), "Contact")
        w.el(contact, "Soort", ADDRESS_KIND_BRP)
    return node


def _line(w: _Writer, parent: etree._Element, name: str, line: ProductLine, number: str) -> None:
    node = w.el(parent, name)
    w.opt(node, "ToewijzingNummer", line.allocation_number)
    w.opt(node, "ReferentieAanbieder", line.reference)
    if line.category or line.code:
        product = w.el(node, "Product")
        if line.category:
            w.basis(product, "Categorie", line.category)
        if line.code:
            w.basis(product, "Code", line.code)
    if number == "301":
        w.el(node, "Toewijzingsdatum", _date(line.allocated_on))
        w.el(node, "Toewijzingstijd", line.allocated_time)
    start_name = "Begindatum" if number in ("305", "307") else "Ingangsdatum"
    w.opt(node, start_name, _date(line.starts_on))
    if number == "307":
        w.opt(node, "RedenBeeindiging", line.stop_reason)
    w.opt(node, "Einddatum", _date(line.ends_on))
    w.opt(node, "RedenWijziging", line.change_reason)
    if line.volume is not None or line.unit or line.frequency:
        size = w.el(node, "Omvang")
        w.basis(size, "Volume", _decimal(line.volume))
        w.basis(size, "Eenheid", line.unit)
        w.basis(size, "Frequentie", line.frequency)
    if line.budget is not None:
        w.el(node, "Budget", _decimal(line.budget))


def build(message: Message) -> bytes:
    """The XML of ``message`` (UTF-8, with declaration)."""
    h = message.header
    w = _Writer(h.standard, h.number)
    prefix = ("jw" if h.standard == "ijw" else "wmo") + h.number
    root = etree.Element(
        f"{{{w.ns.message}}}Bericht",
        nsmap={prefix: w.ns.message, h.standard: w.ns.basis},
    )
    header = w.el(root, "Header")
    w.el(header, "BerichtCode", h.code)
    w.el(header, "BerichtVersie", h.version)
    w.el(header, "BerichtSubversie", h.subversion)
    w.el(header, "Afzender", h.sender)
    w.el(header, "Ontvanger", h.receiver)
    ident = w.el(header, "BerichtIdentificatie")
    w.el(ident, "Identificatie", h.message_id)
    w.el(ident, "Dagtekening", _date(h.dated))
    xsd = w.el(header, "XsdVersie")
    w.el(xsd, "BasisschemaXsdVersie", XSD_VERSIE)
    w.el(xsd, "BerichtXsdVersie", XSD_VERSIE)
    if h.number in RETOURS and message.retour is not None:
        w.el(header, "IdentificatieRetour", message.retour.identification)
        w.el(header, "DagtekeningRetour", _date(message.retour.dated))
        back = w.el(header, "XsdVersieRetour")
        w.el(back, "BasisschemaXsdVersie", XSD_VERSIE)
        w.el(back, "BerichtXsdVersie", XSD_VERSIE)
        codes = w.el(header, "RetourCodes")
        for code in message.retour.codes:
            w.el(codes, "RetourCode", code)
    if message.client is not None:
        client = _client(w, root, message.client, h.number)
        if h.number in LINES:
            container_name, line_name = LINES[h.number]
            container = w.el(client, container_name)
            for line in message.lines:
                _line(w, container, line_name, line, h.number)
        if h.number == "319" and message.answer is not None:
            answer = w.el(client, "Antwoord")
            w.el(answer, "VerzoekAntwoord", message.answer.answer)
            w.opt(answer, "ReferentieAanbieder", message.answer.reference)
            w.opt(answer, "RedenAfwijzingVerzoek", message.answer.refusal_reason)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
