"""Validators for CBS area codes and AGB codes (REFERENCE §5)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

GEMEENTE_RE = re.compile(r"^GM\d{4}$")
# Wijk and buurt parts may hold letters when a municipality has 100 or more of them.
WIJK_RE = re.compile(r"^WK\d{4}[0-9A-Z]{2}$")
BUURT_RE = re.compile(r"^BU\d{4}[0-9A-Z]{2}[0-9A-Z]{2}$")
AGB_RE = re.compile(r"^\d{8}$")


def validate_gemeente_code(value: str) -> None:
    if not GEMEENTE_RE.match(value or ""):
        raise ValidationError(
            _("Een CBS-gemeentecode is 'GM' gevolgd door 4 cijfers, bijvoorbeeld GM0363."),
            code="invalid_gemeente_code",
        )


def validate_wijk_code(value: str) -> None:
    if not WIJK_RE.match(value or ""):
        raise ValidationError(
            _(
                "Een CBS-wijkcode is 'WK' gevolgd door de 4 cijfers van de gemeente en "
                "2 tekens voor de wijk, bijvoorbeeld WK036301."
            ),
            code="invalid_wijk_code",
        )


def validate_buurt_code(value: str) -> None:
    if not BUURT_RE.match(value or ""):
        raise ValidationError(
            _(
                "Een CBS-buurtcode is 'BU' gevolgd door de 4 cijfers van de gemeente, 2 tekens "
                "voor de wijk en 2 voor de buurt, bijvoorbeeld BU03630102."
            ),
            code="invalid_buurt_code",
        )


def validate_agb_code(value: str) -> None:
    if value and not AGB_RE.match(value):
        raise ValidationError(
            _("Een AGB-code bestaat uit precies 8 cijfers."), code="invalid_agb_code"
        )
