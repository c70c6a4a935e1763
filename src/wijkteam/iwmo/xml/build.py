"""Writing a message with lxml (an element tree, serialised once): no string templates."""

import copy
import datetime
from decimal import Decimal

from lxml import etree

from ..constants import ADDRESS_KIND_BRP, RETOUR_OF, XSD_VERSIE, namespaces
from .contact import write_reach, write_relations
from .safe import parse_tree
from .types import Address, ClientData, Message, ProductLine, Retour

# Per message number: the container of its product lines and the element of one line.
LINES: dict[str, tuple[str, str]] = {
    "301": ("ToegewezenProducten", "ToegewezenProduct"),
    "305": ("StartProducten", "StartProduct"),
    "307": ("StopProducten", "StopProduct"),
    "315": ("AangevraagdeProducten", "AangevraagdProduct"),
    "317": ("TeWijzigenProducten", "TeWijzigenProduct"),
}
RETOURS = frozenset(RETOUR_OF.values())
ANSWERED = {retour: number for number, retour in RETOUR_OF.items()}
# Product classes of a 317 this project does not read: echoed with 0233 (niet beoordeeld).
UNREAD_LINES = frozenset({"OngewijzigdProduct", "NieuwProduct"})
# Messages whose client block carries the full identification (name, birth date, gender).
FULL_CLIENT = frozenset({"301", "305", "307", "315"})


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
        # Relaties (the legal representatives) come before Contactgegevens; Contactgegevens is
        # mandatory in the WMO301/JW301 schema (one Contact or more, each with its Soort,
        # COD757), with the Adres (CDT_Adres), Telefoon and Emailadres of the resident's record.
        write_relations(w.el, w.basis, node, client)
        contact = w.el(w.el(node, "Contactgegevens"), "Contact")
        address = client.address
        w.el(contact, "Soort", address.kind if address else ADDRESS_KIND_BRP)
        if address is not None:
            _address(w, contact, address)
        write_reach(w.el, w.basis, contact, client.phones, client.email)
    return node


def _address(w: "_Writer", contact: etree._Element, address: Address) -> None:
    node = w.el(contact, "Adres")
    house = w.basis(node, "Huis")
    w.basis(house, "Huisnummer", address.house_number)
    if address.house_letter:
        w.basis(house, "Huisletter", address.house_letter)
    if address.addition:
        w.basis(house, "HuisnummerToevoeging", address.addition)
    w.basis(node, "Postcode", address.postcode)
    w.basis(node, "Straatnaam", address.street)
    w.basis(node, "Plaatsnaam", address.city)
    if address.country:
        w.basis(node, "LandCode", address.country)


def _line(w: _Writer, parent: etree._Element, name: str, line: ProductLine, number: str) -> None:
    node = w.el(parent, name)
    w.opt(node, "ToewijzingNummer", line.allocation_number)
    if number != "317":  # a 317 carries its ReferentieAanbieder once, in the Verzoek
        w.opt(node, "ReferentieAanbieder", line.reference)
    if number != "317" and (line.category or line.code):
        product = w.el(node, "Product")
        if line.category:
            w.basis(product, "Categorie", line.category)
        if line.code:
            w.basis(product, "Code", line.code)
    if number == "301":
        w.el(node, "Toewijzingsdatum", _date(line.allocated_on))
        w.el(node, "Toewijzingstijd", line.allocated_time)
    start_name = {
        "305": "Begindatum",
        "307": "Begindatum",
        "315": "ToewijzingIngangsdatum",
        "317": "GewensteIngangsdatum",
    }.get(number, "Ingangsdatum")
    w.opt(node, start_name, _date(line.starts_on))
    if number == "307":
        w.opt(node, "RedenBeeindiging", line.stop_reason)
    w.opt(node, "ToewijzingEinddatum" if number == "315" else "Einddatum", _date(line.ends_on))
    w.opt(node, "RedenWijziging", line.change_reason)
    if line.volume is not None or line.unit or line.frequency:
        size = w.el(node, "Omvang")
        w.basis(size, "Volume", _decimal(line.volume))
        w.basis(size, "Eenheid", line.unit)
        w.basis(size, "Frequentie", line.frequency)
    if line.budget is not None:
        w.el(node, "Budget", _decimal(line.budget))
    if number in ("305", "307"):  # mandatory, the last element of a Start-/StopProduct
        w.el(node, "StatusAanlevering", line.status or "1")


def _retour_codes(w: _Writer, parent: etree._Element, codes: list[str]) -> None:
    node = w.el(parent, "RetourCodes")
    for code in codes:
        w.el(node, "RetourCode", code)


def _echo(w: _Writer, root: etree._Element, retour: Retour, number: str) -> None:
    """Repeat the received message's Client block in the retour's namespace, with the
    RetourCodes of ``retour.plan`` as the last child of every class: each product line (in
    document order), a 317's Verzoek, the products this project does not read, the client.

    The received elements are copied as they came (also those this project does not read, such
    as StatusAanlevering or Commentaar), so the sender recognises every block it sent."""
    plan = retour.plan
    if not retour.echo or plan is None:
        return
    source = parse_tree(retour.echo)  # already read once by the same hardened parser
    client = source.find("{*}Client")
    if client is None:
        return
    echoed = copy.deepcopy(client)
    theirs = etree.QName(source).namespace
    for node in echoed.iter():
        if not isinstance(node.tag, str):
            continue
        if node.text is not None and not node.text.strip():
            node.text = None
        node.tail = None
        name = etree.QName(node)
        if name.namespace == theirs:
            node.tag = f"{{{w.ns.message}}}{name.localname}"
    root.append(echoed)
    line_name = LINES[number][1] if number in LINES else ""
    index = 0
    for node in list(echoed.iter(f"{{{w.ns.message}}}*")):
        local = etree.QName(node).localname
        if local == line_name:
            _retour_codes(w, node, plan.lines[index] if index < len(plan.lines) else plan.unread)
            index += 1
        elif local in UNREAD_LINES:
            _retour_codes(w, node, plan.unread)
        elif local == "Verzoek" and node.getparent() is echoed:
            _retour_codes(w, node, plan.request)
    _retour_codes(w, echoed, plan.client)
    etree.cleanup_namespaces(root)


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
    # CDT_BerichtIdentificatie and CDT_XsdVersie are basisschema types: their children are in
    # the basisschema namespace (the containers in the message's own).
    ident = w.el(header, "BerichtIdentificatie")
    w.basis(ident, "Identificatie", h.message_id)
    w.basis(ident, "Dagtekening", _date(h.dated))
    xsd = w.el(header, "XsdVersie")
    w.basis(xsd, "BasisschemaXsdVersie", XSD_VERSIE)
    w.basis(xsd, "BerichtXsdVersie", XSD_VERSIE)
    if h.number in RETOURS and message.retour is not None:
        w.el(header, "IdentificatieRetour", message.retour.identification)
        w.el(header, "DagtekeningRetour", _date(message.retour.dated))
        back = w.el(header, "XsdVersieRetour")
        w.basis(back, "BasisschemaXsdVersie", XSD_VERSIE)
        w.basis(back, "BerichtXsdVersie", XSD_VERSIE)
        _retour_codes(w, header, message.retour.codes)
        _echo(w, root, message.retour, ANSWERED[h.number])
    if h.number == "319":
        # WMO319/JW319: Header and Antwoord, no Client (release 3.2).
        if message.answer is not None:
            answer = w.el(root, "Antwoord")
            w.el(answer, "ReferentieAanbieder", message.answer.reference)
            w.el(answer, "VerzoekAntwoord", message.answer.answer)
            w.opt(answer, "RedenAfwijzingVerzoek", message.answer.refusal_reason)
    elif message.client is not None:
        client = _client(w, root, message.client, h.number)
        parent = client
        if h.number == "317":
            # WMO317/JW317: Client/Verzoek (ReferentieAanbieder, RedenVerzoek, products).
            parent = w.el(client, "Verzoek")
            w.el(parent, "ReferentieAanbieder", message.lines[0].reference if message.lines else "")
            w.el(parent, "RedenVerzoek", message.request_reason)
        if h.number in LINES:
            container_name, line_name = LINES[h.number]
            container = w.el(parent, container_name)
            for line in message.lines:
                _line(w, container, line_name, line, h.number)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
