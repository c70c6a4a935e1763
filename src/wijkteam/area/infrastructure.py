"""The social infrastructure section of the area page: a small registry.

The social map and the citizen initiatives (app ``socialmap``, issue 13 parts 3 and 4) are
built beside this app. Until its selectors are wired in, nothing is registered and the area
page says the section is still to come. Wiring it is one call from this app's
``registrations.register()`` (this app may import ``socialmap``, which lies below it):

    infrastructure.register(Source(title=_("Voorzieningen"), items=lambda hood_ids: [...]))

Each source returns plain rows (a name, a kind, an optional URL) for the buurten given; no
personal data (a listed contact person is on the social map only with their consent).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Item:
    name: str
    kind: str = ""
    url: str = ""


@dataclass(frozen=True)
class Source:
    title: str | Promise
    items: Callable[[Sequence[int]], list[Item]]
    order: int = 0


_sources: list[Source] = []


def register(source: Source) -> None:
    _sources.append(source)
    _sources.sort(key=lambda s: s.order)


def sections(hood_ids: Sequence[int]) -> list[tuple[str, list[Item]]] | None:
    """(title, items) per registered source, or None when nothing is registered yet."""
    if not _sources:
        return None
    return [(str(s.title), s.items(hood_ids)) for s in _sources]
