"""Writing audit events. Called inside the caller's transaction so the event commits with it."""

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models

from wijkteam.core.request_context import current_request_id

from .constants import AuditAction
from .models import AuditEvent


def audit_record(
    *,
    actor: AbstractBaseUser | None,
    action: AuditAction,
    obj: models.Model | None = None,
    changes: dict[str, Any] | None = None,
    object_repr: str = "",
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor_id=actor.pk if actor is not None and actor.pk else None,
        actor_name=actor.get_username() if actor is not None else "",
        action=action,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=(object_repr or (str(obj) if obj is not None else ""))[:200],
        changes=changes or {},
        request_id=current_request_id(),
    )
