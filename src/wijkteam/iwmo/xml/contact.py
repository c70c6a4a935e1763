"""The 301's telephone numbers, e-mail address and Relaties (WMO301/JW301, release 3.2).

Layout (checked against the public third-party copy of WMO301.xsd, see docs/iwmo.md):
``Client`` … ``Naam``, [``Relaties/Relatie``+], ``Contactgegevens/Contact``+, products.
A ``Contact`` is ``Soort`` (COD757), [``Adres``], [``Telefoon``], [``Emailadres``]; ``Telefoon``
(CDT_Telefoonnummers) holds ``Telefoon01`` and an optional ``Telefoon02``, each a CDT_Telefoon
with its ``Telefoonnummer``. A ``Relatie`` is ``Nummer`` (LDT_Persoonsid), ``Soort`` (COD472),
``Naam`` (CDT_VolledigeNaam) and exactly one ``Contact``.

The checks follow the basisschema's simple types: LDT_Telefoonnummer digits only, at most 15;
LDT_Emailadres at most 80 characters; LDT_Persoonsid at most 20; LDT_Naam at most 200.
"""

import re
from collections.abc import Callable

from lxml import etree

from ..constants import ADDRESS_KINDS, COD472, RetourCode
from .types import ClientData, Relation

Problem = tuple[str, str]
Writer = Callable[..., etree._Element]

MAX_PHONES = 2  # Telefoon01 and Telefoon02
_PHONE = re.compile(r"^[0-9]{1,15}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_EMAIL = 80
MAX_PERSOONSID = 20
MAX_NAME = 200


def write_reach(
    el: Writer, basis: Writer, contact: etree._Element, phones: list[str], email: str
) -> None:
    """``Telefoon`` and ``Emailadres`` of a Contact, when recorded (after its Adres)."""
    if phones:
        node = el(contact, "Telefoon")
        for index, number in enumerate(phones[:MAX_PHONES], start=1):
            basis(basis(node, f"Telefoon0{index}"), "Telefoonnummer", number)
    if email:
        el(contact, "Emailadres", email)


def write_relations(
    el: Writer, basis: Writer, client_node: etree._Element, client: ClientData
) -> None:
    """``Relaties`` (before ``Contactgegevens``), only when the client has a relation."""
    if not client.relations:
        return
    container = el(client_node, "Relaties")
    for relation in client.relations:
        node = el(container, "Relatie")
        el(node, "Nummer", relation.number)
        el(node, "Soort", relation.kind)
        name = el(node, "Naam")
        basis(basis(name, "Geslachtsnaam"), "Achternaam", relation.last_name)
        if relation.first_names:
            basis(name, "Voornamen", relation.first_names)
        contact = el(node, "Contact")
        el(contact, "Soort", relation.contact_kind)
        write_reach(el, basis, contact, relation.phones, relation.email)


def _child(node: etree._Element | None, name: str) -> etree._Element | None:
    return None if node is None else node.find(f"{{*}}{name}")


def _text(node: etree._Element | None, *path: str) -> str:
    for name in path:
        node = _child(node, name)
    return "" if node is None or node.text is None else node.text.strip()


def read_phones(contact: etree._Element | None) -> list[str]:
    phones = _child(contact, "Telefoon")
    found = [_text(phones, f"Telefoon0{i}", "Telefoonnummer") for i in range(1, MAX_PHONES + 1)]
    return [number for number in found if number]


def read_relations(client: etree._Element | None) -> list[Relation]:
    container = _child(client, "Relaties")
    if container is None:
        return []
    relations = []
    for node in container:
        if not isinstance(node.tag, str) or etree.QName(node).localname != "Relatie":
            continue
        contact = _child(node, "Contact")
        relations.append(
            Relation(
                number=_text(node, "Nummer"),
                kind=_text(node, "Soort"),
                last_name=_text(node, "Naam", "Geslachtsnaam", "Achternaam"),
                first_names=_text(node, "Naam", "Voornamen"),
                contact_kind=_text(contact, "Soort"),
                phones=read_phones(contact),
                email=_text(contact, "Emailadres"),
            )
        )
    return relations


def _reach_problems(where: str, phones: list[str], email: str) -> list[Problem]:
    found: list[Problem] = []
    if len(phones) > MAX_PHONES:
        found.append((RetourCode.CODELIJST, f"{where}/Telefoon: meer dan twee nummers"))
    for index, number in enumerate(phones[:MAX_PHONES], start=1):
        if not _PHONE.match(number):
            found.append(
                (
                    RetourCode.CODELIJST,
                    f"{where}/Telefoon/Telefoon0{index}/Telefoonnummer ongeldig "
                    "(alleen cijfers, hoogstens 15)",
                )
            )
    if email and (len(email) > MAX_EMAIL or not _EMAIL.match(email)):
        found.append(
            (RetourCode.CODELIJST, f"{where}/Emailadres ongeldig (hoogstens {MAX_EMAIL} tekens)")
        )
    return found


def contact_problems(client: ClientData) -> list[Problem]:
    """The findings on the client's telephone numbers and e-mail and on every Relatie; the
    texts name the element and the relation's position, never the value."""
    found = _reach_problems("Client/Contactgegevens/Contact", client.phones, client.email)
    numbers: set[str] = set()
    for index, relation in enumerate(client.relations, start=1):
        where = f"Client/Relaties/Relatie {index}"
        if not relation.number:
            found.append((RetourCode.VERPLICHT, f"{where}/Nummer ontbreekt"))
        elif len(relation.number) > MAX_PERSOONSID:
            found.append((RetourCode.CODELIJST, f"{where}/Nummer te lang"))
        elif relation.number in numbers:
            found.append((RetourCode.CODELIJST, f"{where}/Nummer komt meer dan eens voor"))
        numbers.add(relation.number)
        if relation.kind not in COD472:
            found.append((RetourCode.CODELIJST, f"{where}/Soort onbekend (COD472)"))
        if not relation.last_name.strip():
            found.append((RetourCode.VERPLICHT, f"{where}/Naam/Achternaam ontbreekt"))
        elif len(relation.last_name) > MAX_NAME:
            found.append((RetourCode.CODELIJST, f"{where}/Naam/Achternaam te lang"))
        if relation.contact_kind not in ADDRESS_KINDS:
            found.append((RetourCode.CODELIJST, f"{where}/Contact/Soort onbekend (COD757)"))
        found += _reach_problems(f"{where}/Contact", relation.phones, relation.email)
    return found
