"""The hardened parser shared by the reader and the retour's echo of a received message.

The parser never resolves entities, never loads a DTD or anything over the network, keeps
lxml's limits on huge documents, and any document with a DOCTYPE is refused outright (the
messages have none; a DOCTYPE is how entity bombs and external entities arrive). Documents
above ``MAX_BYTES`` are refused before parsing.
"""

from typing import Any

from lxml import etree

from ..constants import RetourCode
from .types import Header

MAX_BYTES = 2 * 1024 * 1024


class Rejected(Exception):
    """The message cannot be accepted; ``code`` is the RetourCode, ``header`` what was read."""

    def __init__(self, code: str, text: str, header: Header | None = None) -> None:
        super().__init__(text)
        self.code = code
        self.text = text
        self.header = header


def safe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_tree(data: bytes) -> etree._Element:
    """The root element, or :class:`Rejected` (technical) for anything unsafe or malformed."""
    if len(data) > MAX_BYTES:
        raise Rejected(RetourCode.TECHNISCH, "bericht groter dan toegestaan")
    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        raise Rejected(RetourCode.TECHNISCH, "DOCTYPE of ENTITY is niet toegestaan")
    try:
        root = etree.fromstring(data, parser=safe_parser())
    except etree.XMLSyntaxError as exc:
        raise Rejected(RetourCode.TECHNISCH, f"geen geldige XML: {exc.msg}"[:200]) from exc
    tree = root.getroottree()
    info: Any = tree.docinfo
    if info.doctype or info.internalDTD is not None:
        raise Rejected(RetourCode.TECHNISCH, "DOCTYPE is niet toegestaan")
    return root
