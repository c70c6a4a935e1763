"""Reads of the social map, scoped to the user's municipalities. Nothing here is resident data,
so the reads are not in the NEN 7513 access log.

For other apps (the area pages of ``area``, the plan form of ``cases``):

- ``services_in_area(user=…, district=… | neighbourhood=…)``: the active services that serve
  the wijk or buurt (named for it, for a buurt of the wijk, for the whole municipality, or at a
  location in it);
- ``initiatives_in_area(user=…, district=… | neighbourhood=…)``: the active initiatives there;
- ``initiative_counts_per_district(user=…)``: per wijk the initiatives by status and how many
  the teams support now.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from wijkteam.accounts.models import User
from wijkteam.organisation.models import District, Neighbourhood

from . import policies
from .codes import code_needle
from .constants import InitiativeStatus, ServiceStatus
from .models import Initiative, InitiativeSupport, Location, MapOrganisation, Service

LIVE_INITIATIVE = [InitiativeStatus.IDEE, InitiativeStatus.ACTIEF]


def _scoped_services(user: User) -> QuerySet[Service]:
    ids = policies.municipality_ids(user)
    qs = Service.objects.all()
    if ids is not None:
        qs = qs.filter(organisation__municipality_id__in=ids)
    return qs


def _with_details(qs: QuerySet[Service]) -> QuerySet[Service]:
    return qs.select_related("organisation").prefetch_related(
        "districts",
        "neighbourhoods",
        Prefetch("at_locations__location", queryset=Location.objects.all()),
    )


def _area_condition(
    *, district: District | None, neighbourhood: Neighbourhood | None, prefix: str = ""
) -> Q:
    """Services (``prefix`` "") that serve the wijk or buurt."""
    if neighbourhood is not None:
        return (
            Q(neighbourhoods=neighbourhood)
            | Q(districts=neighbourhood.district_id)
            | Q(at_locations__location__neighbourhood=neighbourhood)
            | Q(
                whole_municipality=True,
                organisation__municipality_id=neighbourhood.district.municipality_id,
            )
        )
    assert district is not None
    return (
        Q(districts=district)
        | Q(neighbourhoods__district=district)
        | Q(at_locations__location__neighbourhood__district=district)
        | Q(whole_municipality=True, organisation__municipality_id=district.municipality_id)
    )


def service_search(
    *,
    user: User,
    text: str = "",
    life_domain: str = "",
    target_group: str = "",
    district: District | None = None,
    neighbourhood: Neighbourhood | None = None,
    general_only: bool = False,
    include_inactive: bool = False,
) -> QuerySet[Service]:
    """The services the user may see, filtered; active ones only unless asked."""
    qs = _scoped_services(user)
    if not include_inactive:
        qs = qs.filter(status=ServiceStatus.ACTIVE)
    if text.strip():
        for word in text.split()[:8]:
            qs = qs.filter(
                Q(name__icontains=word)
                | Q(description__icontains=word)
                | Q(organisation__name__icontains=word)
                | Q(for_whom__icontains=word)
            )
    if life_domain:
        qs = qs.filter(life_domains__contains=code_needle(life_domain))
    if target_group:
        qs = qs.filter(target_groups__contains=code_needle(target_group))
    if general_only:
        qs = qs.filter(general_provision=True)
    if district is not None or neighbourhood is not None:
        matching = Service.objects.filter(
            _area_condition(district=district, neighbourhood=neighbourhood)
        )
        qs = qs.filter(pk__in=matching.values("pk"))
    return _with_details(qs.order_by("name", "pk"))


def service_get(*, user: User, pk: int) -> Service:
    service = _with_details(_scoped_services(user)).filter(pk=pk).first()
    if service is None:
        raise Http404
    return service


def services_in_area(
    *,
    user: User,
    district: District | None = None,
    neighbourhood: Neighbourhood | None = None,
) -> QuerySet[Service]:
    """The active services serving a wijk or a buurt (give one of the two)."""
    if (district is None) == (neighbourhood is None):
        raise ValueError("give a district or a neighbourhood")
    return service_search(user=user, district=district, neighbourhood=neighbourhood)


def service_choices(*, user: User, municipality_id: int) -> QuerySet[Service]:
    """Active services of a municipality a plan action can point at, general provisions first."""
    return (
        _scoped_services(user)
        .filter(organisation__municipality_id=municipality_id, status=ServiceStatus.ACTIVE)
        .select_related("organisation")
        .order_by("-general_provision", "name", "pk")
    )


def organisations(*, user: User) -> QuerySet[MapOrganisation]:
    ids = policies.municipality_ids(user)
    qs = MapOrganisation.objects.all()
    if ids is not None:
        qs = qs.filter(municipality_id__in=ids)
    return qs.annotate(service_count=Count("services")).order_by("name")


def public_services(
    *,
    text: str = "",
    life_domain: str = "",
    target_group: str = "",
    municipality_id: int | None = None,
) -> QuerySet[Service]:
    """The active services for residents (the portal), of the resident's municipality when it
    is known (all otherwise); no personal data."""
    qs = Service.objects.filter(status=ServiceStatus.ACTIVE)
    if municipality_id is not None:
        qs = qs.filter(organisation__municipality_id=municipality_id)
    for word in text.split()[:8]:
        qs = qs.filter(
            Q(name__icontains=word)
            | Q(description__icontains=word)
            | Q(organisation__name__icontains=word)
        )
    if life_domain:
        qs = qs.filter(life_domains__contains=code_needle(life_domain))
    if target_group:
        qs = qs.filter(target_groups__contains=code_needle(target_group))
    return _with_details(qs.order_by("name", "pk"))


# Initiatives ------------------------------------------------------------------------------


def _scoped_initiatives(user: User) -> QuerySet[Initiative]:
    ids = policies.municipality_ids(user)
    qs = Initiative.objects.all()
    if ids is not None:
        qs = qs.filter(municipality_id__in=ids)
    return qs


def initiative_list(
    *,
    user: User,
    text: str = "",
    district: District | None = None,
    neighbourhood: Neighbourhood | None = None,
    status: str = "",
    life_domain: str = "",
) -> QuerySet[Initiative]:
    """Initiatives in the user's municipalities, filtered. A buurt finds the initiatives in
    that buurt and those of its whole wijk (no buurt given), as on the area pages."""
    qs = _scoped_initiatives(user)
    for word in text.split()[:8]:
        qs = qs.filter(Q(name__icontains=word) | Q(description__icontains=word))
    if district is not None:
        qs = qs.filter(district=district)
    if neighbourhood is not None:
        qs = qs.filter(
            Q(neighbourhood=neighbourhood)
            | Q(neighbourhood__isnull=True, district_id=neighbourhood.district_id)
        )
    if status:
        qs = qs.filter(status=status)
    if life_domain:
        qs = qs.filter(life_domains__contains=code_needle(life_domain))
    return qs.select_related("district", "neighbourhood").order_by("name", "pk")


def initiative_get(*, user: User, pk: int) -> Initiative:
    initiative = (
        _scoped_initiatives(user)
        .select_related("district", "neighbourhood", "created_by")
        .prefetch_related(
            Prefetch("supports", queryset=InitiativeSupport.objects.select_related("team"))
        )
        .filter(pk=pk)
        .first()
    )
    if initiative is None:
        raise Http404
    return initiative


def initiatives_in_area(
    *,
    user: User,
    district: District | None = None,
    neighbourhood: Neighbourhood | None = None,
) -> QuerySet[Initiative]:
    """Initiatives that are an idea or active in a wijk (any of its buurten) or a buurt."""
    if (district is None) == (neighbourhood is None):
        raise ValueError("give a district or a neighbourhood")
    qs = _scoped_initiatives(user).filter(status__in=LIVE_INITIATIVE)
    if neighbourhood is not None:
        qs = qs.filter(
            Q(neighbourhood=neighbourhood)
            | Q(neighbourhood__isnull=True, district_id=neighbourhood.district_id)
        )
    else:
        qs = qs.filter(district=district)
    return qs.select_related("district", "neighbourhood").order_by("name", "pk")


def connectable_initiatives(*, user: User, municipality_id: int) -> QuerySet[Initiative]:
    """The initiatives a resident of the municipality can be connected to (idea or active)."""
    return (
        _scoped_initiatives(user)
        .filter(municipality_id=municipality_id, status__in=LIVE_INITIATIVE)
        .select_related("district")
        .order_by("name", "pk")
    )


@dataclass
class DistrictInitiatives:
    district: District
    by_status: dict[str, int] = field(default_factory=dict)
    supported: int = 0

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    @property
    def status_counts(self) -> list[int]:
        """The counts in the order of ``InitiativeStatus`` (for a table row)."""
        return [self.by_status.get(s, 0) for s in InitiativeStatus.values]

    @property
    def live(self) -> int:
        return sum(self.by_status.get(s, 0) for s in LIVE_INITIATIVE)


def initiative_counts_per_district(
    *, user: User, on: datetime.date | None = None
) -> list[DistrictInitiatives]:
    """Per wijk of the user's municipalities (every wijk, also those without any): the
    initiatives per status and how many of them a team supports on ``on`` (today)."""
    day = on or timezone.localdate()
    ids = policies.municipality_ids(user)
    districts = District.objects.all()
    if ids is not None:
        districts = districts.filter(municipality_id__in=ids)
    rows = {d.pk: DistrictInitiatives(district=d) for d in districts.order_by("cbs_code")}
    scoped = _scoped_initiatives(user).filter(district_id__in=list(rows))
    for district_id, status, count in (
        scoped.values_list("district_id", "status").annotate(n=Count("pk")).order_by()
    ):
        rows[district_id].by_status[status] = count
    supported = (
        scoped.filter(supports__started_on__lte=day)
        .filter(Q(supports__ended_on__isnull=True) | Q(supports__ended_on__gte=day))
        .values_list("district_id")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    for district_id, count in supported:
        rows[district_id].supported = count
    return list(rows.values())


def hsds_services(*, user: User, municipality_id: int) -> QuerySet[Service]:
    """Every service of a municipality (any status) with what the HSDS export writes."""
    return (
        _scoped_services(user)
        .filter(organisation__municipality_id=municipality_id)
        .select_related("organisation__municipality")
        .prefetch_related(
            "districts",
            "neighbourhoods",
            "at_locations__location__organisation",
            "at_locations__location__neighbourhood",
        )
        .order_by("name", "pk")
    )
