"""The social infrastructure section of the area page: a small registry.

A source gives, for the user and one wijk or buurt, a listing: rows (a name, a kind, a detail,
an optional URL) and counts in words. The area app registers its own sources
(``area.selectors.infrastructure.register_sources``, called from ``AreaConfig.ready()``): the
services of the social map and the citizen initiatives, read through the selectors of
``socialmap``, which lies below this app. No personal data: an initiative's contact person is never listed here.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise

from wijkteam.accounts.models import User
from wijkteam.organisation.models import District, Neighbourhood

Area = District | Neighbourhood


@dataclass(frozen=True)
class Item:
    name: str
    kind: str = ""
    url: str = ""
    detail: str = ""


@dataclass(frozen=True)
class Listing:
    items: list[Item]
    counts: list[tuple[str, int]] = field(default_factory=list)  # (what, how many)
    total: int | None = None  # rows in all, when ``items`` shows only the first of them
    more_url: str = ""  # where all of them are listed


@dataclass(frozen=True)
class Source:
    title: str | Promise
    load: Callable[[User, Area], Listing]
    order: int = 0


@dataclass(frozen=True)
class Section:
    title: str
    items: list[Item]
    counts: list[tuple[str, int]]
    total: int | None = None
    more_url: str = ""

    @property
    def hidden(self) -> int:
        """How many rows are not shown here."""
        return max((self.total or 0) - len(self.items), 0)


_sources: list[Source] = []


def register(source: Source) -> None:
    if any(s.load is source.load for s in _sources):
        return  # registered once, also when ready() runs twice (tests)
    _sources.append(source)
    _sources.sort(key=lambda s: s.order)


def sections(user: User, area: Area) -> list[Section] | None:
    """A section per registered source, or None when nothing is registered."""
    if not _sources:
        return None
    out = []
    for source in _sources:
        listing = source.load(user, area)
        out.append(
            Section(
                str(source.title), listing.items, listing.counts, listing.total, listing.more_url
            )
        )
    return out
