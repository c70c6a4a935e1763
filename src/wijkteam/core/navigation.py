"""The main menu, put together from what each app registers.

An app adds its entries from ``AppConfig.ready()``; core knows no app:

    navigation.register(
        navigation.NavEntry(order=10, label=_("Werkvoorraad"), url_name="cases:queue",
                            visible=org_policies.is_professional)
    )

Entries are shown in ``order`` to a verified user for whom ``visible(user)`` holds. An entry is
marked current when the path is its URL or (except the start page, ``exact=True``) below it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.functional import Promise

from .http import is_verified
from .url_cache import cached_reverse


@dataclass(frozen=True)
class NavEntry:
    order: int
    label: str | Promise
    url_name: str
    visible: Callable[[Any], bool]
    exact: bool = False


_entries: dict[str, NavEntry] = {}


def register(entry: NavEntry) -> None:
    """Add (or, for the same URL name, replace) a menu entry."""
    _entries[entry.url_name] = entry


def entries() -> list[NavEntry]:
    return sorted(_entries.values(), key=lambda e: (e.order, e.url_name))


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Context processor: ``nav_items`` for the layout."""
    user = getattr(request, "user", None)
    if user is None or not is_verified(user):
        return {"nav_items": []}
    current = request.path
    items = []
    for entry in entries():
        if not entry.visible(user):
            continue
        url = cached_reverse(entry.url_name)
        items.append(
            {
                "label": str(entry.label),
                "url": url,
                "current": current == url or (not entry.exact and current.startswith(url)),
            }
        )
    return {"nav_items": items}
