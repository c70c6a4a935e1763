"""Shared checks of the complaint and objection services."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.core.exceptions import ConcurrentEditError


def check_date(
    errors: dict[str, Any],
    field: str,
    value: datetime.date | None,
    *,
    label: str,
    not_before: datetime.date | None = None,
    not_before_label: str = "",
) -> None:
    """A date that is given, not in the future and, optionally, not before another date."""
    if value is None:
        errors[field] = _("%(label)s is verplicht.") % {"label": label}
    elif value > timezone.localdate():
        errors[field] = _("%(label)s kan niet in de toekomst liggen.") % {"label": label}
    elif not_before is not None and value < not_before:
        errors[field] = _("%(label)s kan niet vóór %(other)s liggen (%(day)s).") % {
            "label": label,
            "other": not_before_label,
            "day": f"{not_before:%d-%m-%Y}",
        }


def raise_if(errors: dict[str, Any]) -> None:
    if errors:
        raise ValidationError(errors)


def check_version(obj: models.Model, version: int | None) -> None:
    """Refuse a save based on a stale screen (another person changed it in between)."""
    current = getattr(obj, "version", None)
    if version is not None and current != version:
        raise ConcurrentEditError()
