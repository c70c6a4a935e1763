"""One timeline per case: what happened, from every app that keeps something about the case.

``cases`` lies below the apps that add to the timeline (documents, the portal's messages) and
may not import them. Each app registers a **source** from its ``registrations.py``: a kind (the
slug of the filter), a label, an order, and a function ``items(case, user, categories)`` that
returns the app's events of the case as :class:`TimelineItem` rows. ``categories`` is what the
user may see of the case (``None``: everything, ``cases.policies_consent``); a source returns
only what those categories allow, and reads in a fixed number of queries whatever the age of
the case. The case itself is read (and the read logged) once, by the timeline selector.

    from wijkteam.cases import timeline

    timeline.register(timeline.Source(kind="documenten", label=_("Documenten"), order=50,
                                      items=document_items))

Casework registers its own sources the same way (``cases/timeline_sources.py``): the journal,
phases and regie, decisions and allocations.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import Promise

from wijkteam.accounts.models import User

from .models import Case

Categories = frozenset[str] | None


@dataclass(frozen=True)
class TimelineItem:
    """One event. ``at`` orders the timeline; a date-only event (a contact moment) sits at the
    start of its day, before that day's timed events."""

    at: datetime.datetime
    kind: str
    title: str
    text: str = ""
    by: str = ""
    url: str = ""
    date_only: bool = False

    @property
    def day(self) -> datetime.date:
        return timezone.localdate(self.at)


Items = Callable[[Case, User, Categories], Iterable[TimelineItem]]


def _always(_categories: Categories) -> bool:
    return True


@dataclass(frozen=True)
class Source:
    kind: str  # the value of ?soort= (Dutch, as the other URLs)
    label: str | Promise
    order: int
    items: Items
    # is this kind offered at all to a user who may see ``categories``? (no query)
    offered: Callable[[Categories], bool] = _always


_SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    """Add (or, under the same kind, replace) a source of the timeline."""
    _SOURCES[source.kind] = source


def sources(categories: Categories) -> list[Source]:
    """The sources offered to a user who may see ``categories``, in order."""
    return [
        s
        for s in sorted(_SOURCES.values(), key=lambda item: (item.order, item.kind))
        if s.offered(categories)
    ]


def day_start(day: datetime.date) -> datetime.datetime:
    """A date as the start of that day in the local time zone (for date-only events)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def collect(
    *, case: Case, user: User, categories: Categories, kinds: Iterable[str] = ()
) -> tuple[list[Source], list[TimelineItem]]:
    """The offered sources and the items of the chosen ``kinds`` (all offered when empty),
    newest first."""
    offered = sources(categories)
    wanted = set(kinds) & {s.kind for s in offered}
    items: list[TimelineItem] = []
    for source in offered:
        if wanted and source.kind not in wanted:
            continue
        items.extend(source.items(case, user, categories))
    items.sort(key=lambda item: (item.at, not item.date_only), reverse=True)
    return offered, items
