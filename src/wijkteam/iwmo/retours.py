"""A retour read completely, for the screens and the API: per block (the header, the client,
each product, contact or relation) its RetourCodes with their Dutch meaning (WJ001) and
whether the receiver rejected that block."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from .constants import RETOUR_NOT_REJECTED, retour_code_meaning


@dataclass(frozen=True)
class CodeRow:
    code: str
    meaning: str
    rejected: bool


@dataclass(frozen=True)
class BlockRow:
    block: str  # the element name (Header, Client, ToegewezenProduct ...)
    label: str  # in Dutch
    key: str  # ToewijzingNummer, ReferentieAanbieder, ... (no personal data)
    codes: list[CodeRow]

    @property
    def rejected(self) -> bool:
        return any(row.rejected for row in self.codes)


def _labels() -> dict[str, str]:
    return {
        "Header": _("Bericht"),
        "Client": _("Cliënt"),
        "ToegewezenProduct": _("Toegewezen product"),
        "StartProduct": _("Start product"),
        "StopProduct": _("Stop product"),
        "AangevraagdProduct": _("Aangevraagd product"),
        "TeWijzigenProduct": _("Te wijzigen product"),
        "OngewijzigdProduct": _("Ongewijzigd product"),
        "NieuwProduct": _("Nieuw product"),
        "Verzoek": _("Verzoek"),
        "Antwoord": _("Antwoord"),
        "Contact": _("Contact"),
        "Relatie": _("Relatie"),
    }


def _codes(codes: Iterable[str]) -> list[CodeRow]:
    return [
        CodeRow(
            code=code, meaning=retour_code_meaning(code), rejected=code not in RETOUR_NOT_REJECTED
        )
        for code in codes
    ]


def retour_rows(*, codes: Iterable[str], blocks: Iterable[Mapping[str, Any]]) -> list[BlockRow]:
    """The header's codes, then every block's, in the order of the retour."""
    labels = _labels()
    rows: list[BlockRow] = []
    header = list(codes)
    if header:
        rows.append(BlockRow(block="Header", label=labels["Header"], key="", codes=_codes(header)))
    for block in blocks:
        name = str(block.get("block", ""))
        rows.append(
            BlockRow(
                block=name,
                label=labels.get(name, name),
                key=str(block.get("key", "")),
                codes=_codes(str(code) for code in block.get("codes", [])),
            )
        )
    return rows
