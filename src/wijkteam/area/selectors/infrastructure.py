"""The social infrastructure of a wijk or buurt for its area page: the services of the social
map and the citizen initiatives there, read through ``socialmap.selectors_area`` (scoped to
the user's municipalities, counts and plain rows, no personal data). ``register_sources()``
adds them to ``area.infrastructure``; ``AreaConfig.ready()`` calls it."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkteam.accounts.models import User
from wijkteam.organisation.models import District, Neighbourhood
from wijkteam.socialmap import policies as map_policies
from wijkteam.socialmap.selectors_area import area_initiatives, area_services

from .. import infrastructure
from ..infrastructure import Area, Item, Listing

MAX_ITEMS = 25  # per section on the page; the counts cover all of them


def _split(area: Area) -> tuple[District | None, Neighbourhood | None]:
    if isinstance(area, District):
        return area, None
    return None, area


def services_listing(user: User, area: Area) -> Listing:
    district, neighbourhood = _split(area)
    found = area_services(user=user, district=district, neighbourhood=neighbourhood)
    linked = map_policies.may_search(user)
    more = ""
    if linked and found.total > MAX_ITEMS:
        more = reverse("socialmap:search") + (
            f"?wijk={district.pk}" if district is not None else f"?buurt={area.pk}"
        )
    items = [
        Item(
            name=row.name,
            kind=_("voorliggende voorziening") if row.general_provision else _("dienst"),
            detail=row.organisation,
            url=reverse("socialmap:service", args=[row.pk]) if linked else "",
        )
        for row in found.rows[:MAX_ITEMS]
    ]
    counts = [
        (_("diensten"), found.total),
        (_("waarvan voorliggende voorzieningen"), found.general),
    ]
    return Listing(items, counts, total=found.total, more_url=more)


def initiatives_listing(user: User, area: Area) -> Listing:
    district, neighbourhood = _split(area)
    found = area_initiatives(user=user, district=district, neighbourhood=neighbourhood)
    linked = map_policies.may_search(user)
    items = [
        Item(
            name=row.name,
            kind=row.status,
            detail=", ".join(
                part
                for part in (
                    row.neighbourhood,
                    _("gesteund door een wijkteam") if row.supported else "",
                )
                if part
            ),
            url=reverse("socialmap:initiative", args=[row.pk]) if linked else "",
        )
        for row in found.rows[:MAX_ITEMS]
    ]
    counts = [
        (_("initiatieven (idee of actief)"), found.total),
        (_("gesteund door een wijkteam"), found.supported),
    ]
    more = reverse("socialmap:initiatives") if linked and found.total > MAX_ITEMS else ""
    return Listing(items, counts, total=found.total, more_url=more)


def register_sources() -> None:
    """The social map lies below this app: the area app registers its sources itself."""
    infrastructure.register(
        infrastructure.Source(
            title=gettext_lazy("Diensten en voorliggende voorzieningen"),
            load=services_listing,
            order=10,
        )
    )
    infrastructure.register(
        infrastructure.Source(
            title=gettext_lazy("Bewonersinitiatieven"), load=initiatives_listing, order=20
        )
    )
