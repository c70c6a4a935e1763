"""Typed access to the acting user of a request."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from .models import User


def current_user(request: HttpRequest) -> User:
    """The logged-in user; the middleware guarantees one on every non-public page."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user
