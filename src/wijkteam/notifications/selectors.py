"""Reading notifications: always the acting user's own."""

from typing import overload

from django.core.paginator import Page, Paginator
from django.http import Http404

from wijkteam.accounts.models import User
from wijkteam.core import request_cache

from . import unread
from .constants import DEFAULT_EMAIL, NotificationKind
from .models import Notification, NotificationPreference


def unread_count(*, user: User) -> int:
    """For the header, once per request: from the shared cache, or one compiled statement
    (:mod:`wijkteam.notifications.unread`)."""
    user_id = user.pk
    return request_cache.memo(
        ("notifications.unread", user_id), lambda: unread.unread_count(user_id)
    )


def notification_page(*, user: User, page: int = 1, per_page: int = 25) -> Page:
    qs = Notification.objects.filter(user=user).order_by("-created_at", "-id")
    return Paginator(qs, per_page).get_page(page)


def notification_get(*, user: User, pk: int) -> Notification:
    """The user's own notification; any other id is a 404."""
    notification = Notification.objects.filter(user=user, pk=pk).first()
    if notification is None:
        raise Http404
    return notification


@overload
def email_frequencies(*, user_ids: list[int], kind: str) -> dict[int, str]: ...
@overload
def email_frequencies(*, user_ids: list[int], kinds: list[str]) -> dict[tuple[int, str], str]: ...
def email_frequencies(
    *, user_ids: list[int], kind: str | None = None, kinds: list[str] | None = None
) -> dict[int, str] | dict[tuple[int, str], str]:
    """The e-mail frequency per user (for one kind) or per (user, kind), defaults filled in."""
    wanted = [kind] if kind is not None else list(kinds or [])
    stored = {
        (user_id, k): email
        for user_id, k, email in NotificationPreference.objects.filter(
            user_id__in=user_ids, kind__in=wanted
        ).values_list("user_id", "kind", "email")
    }
    full = {
        (u, k): stored.get((u, k), DEFAULT_EMAIL.get(k, "dagelijks"))
        for u in user_ids
        for k in wanted
    }
    if kind is not None:
        return {u: full[(u, kind)] for u in user_ids}
    return full


def preferences(*, user: User) -> list[tuple[str, str, str]]:
    """``(kind, label, frequency)`` for every kind, in the order of the code list."""
    current = email_frequencies(user_ids=[user.pk], kinds=list(NotificationKind.values))
    return [
        (kind, str(label), current[(user.pk, kind)]) for kind, label in NotificationKind.choices
    ]
