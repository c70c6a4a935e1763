"""The inzage export (AVG art. 15): everything stored about a resident, machine-readable.

The exporter is generic: for each model registered in ``wijkteam.privacy.registry`` (each app
registers its own, in ``registrations.py``) it selects the rows that concern the resident and writes every concrete field and many-to-many field, so a field added
to a model later is exported without a change here. Foreign keys become ``{"id", "label"}``,
fields with choices ``{"value", "label"}``. The access overview (who looked at the file) is
added from the NEN 7513 log.

Household-level casework concerns every member of the household and is included; records that
belong to another member alone are not (``cases/registrations.py`` says which). Before handing the export over, the team
checks it for data of third parties (AVG art. 15 lid 4); docs/privacy.md describes this.
"""

import datetime
import decimal
import json
import uuid
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.privacy import registry
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.registry import ExportScope
from wijkteam.residents.models import Resident
from wijkteam.rights.models import InzageRequest
from wijkteam.rights.selectors import iter_access_rows

FORMAT = "wijkteam-inzage"
FORMAT_VERSION = 1


def _case_ids(resident: Resident) -> list[int]:
    cases = apps.get_model("cases", "Case")
    return list(
        cases.objects.filter(
            Q(household_id=resident.household_id)
            | Q(decisions__resident=resident)
            | Q(reports__resident=resident)
            | Q(assessments__resident=resident)
        )
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()
    )


def _label(obj: models.Model) -> str:
    display = getattr(obj, "display_name", None)
    if isinstance(display, str):
        return display
    return str(obj)


def _plain(value: Any) -> Any:
    """A JSON-compatible value."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.datetime):
        return (
            timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
        )
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    return str(value)


def serialize(obj: models.Model) -> dict[str, Any]:
    """Every concrete and many-to-many field of ``obj``."""
    data: dict[str, Any] = {}
    meta = obj._meta
    for field in meta.concrete_fields:
        if field.is_relation:
            related_id = getattr(obj, field.attname)
            if related_id is None:
                data[field.name] = None
            else:
                related = getattr(obj, field.name)
                data[field.name] = {"id": _plain(related_id), "label": _label(related)}
        elif field.choices:
            value = getattr(obj, field.attname)
            labels = {str(k): str(v) for k, v in field.flatchoices}
            data[field.name] = {"value": _plain(value), "label": labels.get(str(value), "")}
        else:
            data[field.name] = _plain(getattr(obj, field.attname))
    for m2m in meta.many_to_many:
        data[m2m.name] = [
            {"id": related.pk, "label": _label(related)} for related in getattr(obj, m2m.name).all()
        ]
    return data


def _section(label: str, rows: Callable[[ExportScope], Q], scope: ExportScope) -> dict[str, Any]:
    model = apps.get_model(label)
    meta = model._meta
    relations = [f.name for f in meta.concrete_fields if f.is_relation]
    qs: QuerySet[Any] = (
        model._default_manager.filter(rows(scope))
        .select_related(*relations)
        .prefetch_related(*[m.name for m in meta.many_to_many])
        .order_by("pk")
    )
    fields = {f.name: str(f.verbose_name) for f in [*meta.concrete_fields, *meta.many_to_many]}
    return {
        "model": label,
        "title": str(meta.verbose_name_plural),
        "fields": fields,
        "records": [serialize(obj) for obj in qs],
    }


def build_export(resident: Resident, *, request: InzageRequest | None = None) -> dict[str, Any]:
    """Everything stored about ``resident`` (no logging: callers log the export)."""
    scope = ExportScope(resident=resident, case_ids=_case_ids(resident))
    sections = [_section(s.label, s.rows, scope) for s in registry.inzage_sections()]
    access = [
        {
            "at": row.at.isoformat(),
            "who": row.who,
            "organisation": row.organisation,
            "role": row.role,
            "action": row.action,
            "action_label": row.action_label,
            "why": row.why,
        }
        for row in iter_access_rows(resident.pk)
    ]
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "generated_at": timezone.localtime().isoformat(),
        "request": None
        if request is None
        else {
            "id": request.pk,
            "received_on": request.received_on.isoformat(),
            "due_on": request.due_on.isoformat(),
        },
        "resident": {"id": resident.pk, "name": resident.full_name},
        "sections": sections,
        "access_overview": access,
        "notes": [
            _(
                "Dit overzicht bevat alle gegevens die het wijkteam over u bewaart "
                "(AVG artikel 15), met het overzicht van wie uw dossier heeft ingezien."
            ),
            _(
                "Gegevens over het hele huishouden (het plan, het onderzoek, de interventies) "
                "horen ook bij u en staan erin; gegevens die alleen over een ander gaan niet."
            ),
        ],
    }


def inzage_export(*, user: User, request: InzageRequest, fmt: str) -> dict[str, Any]:
    """Build the export of an inzage request the user already read through the selector.

    Logged as an EXPORT of the resident's data.
    """
    data = build_export(request.resident, request=request)
    log_access(
        user=user,
        action=AccessAction.EXPORT,
        residents=[request.resident_id],
        obj=request,
        purpose=_("inzage-export (%s)") % fmt,
    )
    return data


def to_json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False).encode()
