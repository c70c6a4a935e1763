"""BSN (elfproef) and postcode validation (REFERENCE §4, §5), via python-stdnum; house numbers
and phone numbers."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import bsn as stdnum_bsn
from stdnum.nl import postcode as stdnum_postcode


def normalise_bsn(value: str) -> str:
    """Digits only; empty stays empty (stdnum would zero-pad it to '000000000')."""
    if not (value or "").strip():
        return ""
    return "".join(ch for ch in value if ch.isdigit())


def validate_bsn(value: str) -> None:
    if not value:
        return
    try:
        stdnum_bsn.validate(value)
    except StdnumError as exc:
        raise ValidationError(
            _("Dit is geen geldig BSN: het moet 9 cijfers hebben en de elfproef doorstaan."),
            code="invalid_bsn",
        ) from exc


def normalise_postcode(value: str) -> str:
    try:
        return stdnum_postcode.validate(value).replace(" ", "")
    except StdnumError:
        return (value or "").upper().replace(" ", "")


def validate_postcode(value: str) -> None:
    if not value:
        return
    try:
        stdnum_postcode.validate(value)
    except StdnumError as exc:
        raise ValidationError(
            _("Een postcode is 4 cijfers en 2 letters, bijvoorbeeld 1234 AB."),
            code="invalid_postcode",
        ) from exc


def mask_bsn(value: str) -> str:
    """Show only the last three digits: ``******333``."""
    return f"******{value[-3:]}" if value else ""


# A Dutch house number: 1 to 99999, optionally a letter or an addition ("12", "12a", "12 A",
# "12-2", "12 bis", "12 hs", "12-A3"): BAG keeps huisnummer, huisletter and toevoeging.
_HOUSE_NUMBER = re.compile(
    r"^[1-9][0-9]{0,4}(?:[ -]?[A-Za-z](?:[ -]?[0-9A-Za-z]{1,4})?|[ -][0-9A-Za-z]{1,4})?$"
)
# A phone number: Dutch (0 + 9 digits, or +31 / 0031 + 9 digits, service numbers 0800/0900
# with 4 to 7 digits) or international (+ and 8 to 15 digits). Spaces, dashes, dots and
# brackets are allowed in between.
_SEPARATORS = re.compile(r"[\s\-.()]")
_DUTCH = re.compile(r"^(?:0|\+31|0031)[1-9][0-9]{8}$")
_SERVICE = re.compile(r"^0[89]0[069][0-9]{4,7}$")
_INTERNATIONAL = re.compile(r"^\+[1-9][0-9]{7,14}$")


def validate_house_number(value: str) -> None:
    if value and not _HOUSE_NUMBER.match(value.strip()):
        raise ValidationError(
            _("Vul een huisnummer in zoals 12, 12a, 12-2 of 12 bis (een getal van 1 tot 99999)."),
            code="invalid_house_number",
        )


def validate_phone(value: str) -> None:
    if not value:
        return
    digits = _SEPARATORS.sub("", value.strip())
    if not (_DUTCH.match(digits) or _SERVICE.match(digits) or _INTERNATIONAL.match(digits)):
        raise ValidationError(_PHONE_MESSAGE, code="invalid_phone")


_PHONE_MESSAGE = _(
    "Vul een telefoonnummer in van 10 cijfers, zoals 06 12345678 of 020-1234567, of een "
    "internationaal nummer met +, zoals +31 6 12345678."
)
