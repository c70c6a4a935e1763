"""The main menu, put together from what each app registers.

An app adds its entries from ``AppConfig.ready()``; core knows no app:

    navigation.register(
        navigation.NavEntry(order=10, label=_("Werkvoorraad"), url_name="cases:queue",
                            visible=org_policies.is_professional)
    )

Entries are shown in ``order`` to a verified user for whom ``visible(user)`` holds. An entry is
marked current when the path is its URL or (except the start page, ``exact=True``) below it.

Each entry's label (translated) and URL are the same for every user of a language: they are
worked out once per (language, script prefix, URL conf) and kept (:func:`_table`, issue 17);
per request only ``visible(user)`` and the current item are decided, each distinct rule once.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.signals import setting_changed
from django.http import HttpRequest
from django.urls import get_script_prefix, get_urlconf
from django.utils.functional import LazyObject, Promise, empty
from django.utils.translation import get_language

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
# (language, script prefix, URL conf) -> (visible, exact, label, url) of each entry, in order
_Row = tuple[Callable[[Any], bool], bool, str, str]
_tables: dict[tuple[object, ...], tuple[_Row, ...]] = {}


def _clear(**_kwargs: object) -> None:
    _tables.clear()


setting_changed.connect(_clear, dispatch_uid="wijkteam.core.navigation")


def register(entry: NavEntry) -> None:
    """Add (or, for the same URL name, replace) a menu entry."""
    _entries[entry.url_name] = entry
    _tables.clear()


def entries() -> list[NavEntry]:
    return sorted(_entries.values(), key=lambda e: (e.order, e.url_name))


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Context processor: ``nav_items`` for the layout."""
    user = getattr(request, "user", None)
    if user is None or not is_verified(user):
        return {"nav_items": []}
    current = request.path
    # ``request.user`` is a lazy proxy: every attribute a rule reads goes through it. Once the
    # check above has resolved it, the rules get the user it wraps (the same object).
    if isinstance(user, LazyObject):
        wrapped = user.__dict__.get("_wrapped", empty)
        user = user if wrapped is empty else wrapped
    items = []
    # Several entries share a rule (``is_professional``, ``can_configure``, ...): each rule is
    # asked once per request, for this user; the rules are functions of the user and of what
    # the request has already read (the memberships, memoised per request).
    answers: dict[Callable[[Any], bool], bool] = {}
    for visible, exact, label, url in _table():
        shown = answers.get(visible)
        if shown is None:
            shown = answers[visible] = bool(visible(user))
        if not shown:
            continue
        items.append(
            {
                "label": label,
                "url": url,
                "current": current == url or (not exact and current.startswith(url)),
            }
        )
    return {"nav_items": items}


def _table() -> tuple[_Row, ...]:
    """Every entry's label and URL for the active language (worked out once per language)."""
    key = (get_language(), get_script_prefix(), get_urlconf())
    table = _tables.get(key)
    if table is None:
        table = _tables[key] = tuple(
            (e.visible, e.exact, str(e.label), cached_reverse(e.url_name)) for e in entries()
        )
    return table
