"""Typed access to the acting user of a request."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from wijkteam.accounts.models import User


def current_user(request: HttpRequest) -> User:
    """The logged-in user; the middleware guarantees one on every non-public page."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def is_verified(user: object) -> bool:
    """Logged in with a verified second factor (set by django-otp's middleware)."""
    check = getattr(user, "is_verified", None)
    return bool(getattr(user, "is_authenticated", False) and check is not None and check())
