"""The social infrastructure of one wijk or buurt, for the area pages (app ``area``) and the
API: the active services and the live citizen initiatives there, with counts.

Scoped like the map: the user's municipalities (every municipality for the functioneel
beheerder and for the beleidsmedewerker, who reads the area pages of all of them; the map holds
public information only). The rows are plain values: a name, an organisation, a status, never
an initiative's contact person (listed with their consent on the initiative's own page only).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from wijkteam.accounts.models import User
from wijkteam.organisation.models import District, Neighbourhood

from . import policies
from .constants import InitiativeStatus
from .models import InitiativeSupport
from .selectors import initiatives_in_area, services_in_area


@dataclass(frozen=True)
class AreaService:
    pk: int
    name: str
    organisation: str
    general_provision: bool


@dataclass(frozen=True)
class AreaInitiative:
    pk: int
    name: str
    status: str  # the Dutch label
    neighbourhood: str  # "" for an initiative of the whole wijk
    supported: bool  # a team supports it on the day


@dataclass
class AreaServices:
    rows: list[AreaService] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def general(self) -> int:
        return sum(1 for r in self.rows if r.general_provision)


@dataclass
class AreaInitiatives:
    rows: list[AreaInitiative] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def supported(self) -> int:
        return sum(1 for r in self.rows if r.supported)


def _reader(user: User) -> User | None:
    """None when the user reads no map at all (then the answer is empty)."""
    return user if policies.may_read_area_infrastructure(user) else None


def area_services(
    *,
    user: User,
    district: District | None = None,
    neighbourhood: Neighbourhood | None = None,
) -> AreaServices:
    """The active services serving the wijk or buurt (give one of the two), general provisions
    first; one query."""
    if _reader(user) is None:
        return AreaServices()
    qs = (
        services_in_area(user=user, district=district, neighbourhood=neighbourhood)
        .prefetch_related(None)
        .order_by("-general_provision", "name", "pk")
        .values_list("pk", "name", "organisation__name", "general_provision")
    )
    return AreaServices([AreaService(*row) for row in qs])


def area_initiatives(
    *,
    user: User,
    district: District | None = None,
    neighbourhood: Neighbourhood | None = None,
    on: datetime.date | None = None,
) -> AreaInitiatives:
    """The initiatives that are an idea or active in the wijk or buurt, and whether a team
    supports each on ``on`` (today); one query."""
    if _reader(user) is None:
        return AreaInitiatives()
    day = on or timezone.localdate()
    support_now = InitiativeSupport.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=day),
        initiative=OuterRef("pk"),
        started_on__lte=day,
    )
    qs = (
        initiatives_in_area(user=user, district=district, neighbourhood=neighbourhood)
        .annotate(supported=Exists(support_now))
        .values_list("pk", "name", "status", "neighbourhood__name", "supported")
    )
    labels = dict(InitiativeStatus.choices)
    return AreaInitiatives(
        [
            AreaInitiative(pk, name, str(labels.get(status, status)), hood or "", bool(supported))
            for pk, name, status, hood, supported in qs
        ]
    )
