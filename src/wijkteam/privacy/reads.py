"""Helpers for selectors: log a read, or a refused read, of resident data."""

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User

from .access_log import log_access
from .constants import AccessAction


def log_read(
    *, user: User, residents: Iterable[int], obj: models.Model | None = None, purpose: str = ""
) -> None:
    log_access(user=user, action=AccessAction.READ, residents=residents, obj=obj, purpose=purpose)


def refuse(
    *, user: User, object_type: str, object_id: object, residents: Iterable[int] = ()
) -> Http404:
    """Log a refused access and return the 404 to raise (never revealing existence)."""
    entry_obj = None
    log_access(
        user=user,
        action=AccessAction.REFUSED,
        residents=residents,
        obj=entry_obj,
        purpose=_("geweigerd: %(type)s %(id)s buiten bereik")
        % {"type": object_type, "id": object_id},
    )
    return Http404()


def professional_user(request: Any) -> User:
    """The acting professional of a request (page or API).

    Anyone else — a configuration or reporting account — gets a 404, never a hint that the
    record exists, and the attempt is written to the access log as refused.
    """
    from wijkteam.organisation import policies as org_policies

    user = getattr(request, "user", None)
    if isinstance(user, User) and org_policies.is_professional(user):
        return user
    if isinstance(user, User):
        log_access(
            user=user,
            action=AccessAction.REFUSED,
            residents=[],
            purpose=_("geweigerd: %s is alleen voor professionals") % request.path[:180],
        )
    raise Http404
