"""Helpers shared by the writes: code-list checks and field changes for the audit event."""

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from ..codes import join_codes
from ..constants import LifeDomain, TargetGroup


def clean_codes(
    errors: dict[str, Any], field: str, codes: Iterable[str], allowed: list[str]
) -> str:
    codes = list(codes)
    unknown = [c for c in codes if c not in allowed]
    if unknown:
        errors[field] = _("Onbekende code: %(codes)s. Kies uit de lijst.") % {
            "codes": ", ".join(unknown)
        }
    return join_codes(codes)


def clean_domains(errors: dict[str, Any], codes: Iterable[str]) -> str:
    return clean_codes(errors, "life_domains", codes, LifeDomain.values)


def clean_groups(errors: dict[str, Any], codes: Iterable[str]) -> str:
    return clean_codes(errors, "target_groups", codes, TargetGroup.values)


def apply(obj: models.Model, values: dict[str, Any]) -> dict[str, Any]:
    """Set the values; returns ``{field: [before, after]}`` for those that changed."""
    changes: dict[str, Any] = {}
    for name, value in values.items():
        field = obj._meta.get_field(name)
        if isinstance(
            field, models.ForeignKey
        ):  # compare ids: an unsaved row has no related object yet
            before = getattr(obj, field.attname)
            after = value.pk if value is not None else None
        else:
            before, after = getattr(obj, name), value
        if before != after:
            changes[name] = [str(before), str(after)]
            setattr(obj, name, value)
    return changes
