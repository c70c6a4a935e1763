"""Context processor: the number of unread notifications for the header."""

from typing import Any

from django.http import HttpRequest

from wijkteam.accounts.models import User
from wijkteam.core.http import is_verified

from .selectors import unread_count


def unread(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not is_verified(user):
        return {}
    return {"notification_count": unread_count(user=user)}
