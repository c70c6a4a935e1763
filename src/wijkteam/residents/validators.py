"""BSN (elfproef) and postcode validation (REFERENCE §4, §5), via python-stdnum."""

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
