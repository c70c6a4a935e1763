"""The functioneel beheerder maintains organisations, locations and services."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.core.exceptions import ConcurrentEditError
from wijkteam.organisation.models import District, Municipality, Neighbourhood

from ..constants import ServiceStatus
from ..models import Location, MapOrganisation, Service, ServiceAtLocation
from ..policies import may_maintain
from .common import apply, clean_domains, clean_groups


def _check(actor: User) -> None:
    if not may_maintain(actor):
        raise PermissionDenied(_("Alleen de functioneel beheerder onderhoudt de sociale kaart."))


def map_organisation_save(
    *,
    actor: User,
    organisation: MapOrganisation | None = None,
    municipality: Municipality,
    name: str,
    description: str,
    website: str = "",
    email: str = "",
    phone: str = "",
) -> MapOrganisation:
    _check(actor)
    org = organisation or MapOrganisation(municipality=municipality)
    changes = apply(
        org,
        {
            "name": name.strip(),
            "description": description.strip(),
            "website": website.strip(),
            "email": email.strip(),
            "phone": phone.strip(),
        },
    )
    org.full_clean()
    with transaction.atomic():
        created = org.pk is None
        org.save()
        audit_record(
            actor=actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            obj=org,
            changes=None if created else changes,
        )
    return org


def location_save(
    *,
    actor: User,
    location: Location | None = None,
    organisation: MapOrganisation,
    name: str,
    address: str,
    city: str,
    postal_code: str = "",
    neighbourhood: Neighbourhood | None = None,
    accessibility: str = "",
) -> Location:
    _check(actor)
    if (
        neighbourhood is not None
        and neighbourhood.district.municipality_id != organisation.municipality_id
    ):
        raise ValidationError(
            {"neighbourhood": _("Deze buurt ligt niet in de gemeente van de organisatie.")}
        )
    loc = location or Location(organisation=organisation)
    changes = apply(
        loc,
        {
            "name": name.strip(),
            "address": address.strip(),
            "city": city.strip(),
            "postal_code": postal_code.strip().upper(),
            "neighbourhood": neighbourhood,
            "accessibility": accessibility.strip(),
        },
    )
    loc.full_clean()
    with transaction.atomic():
        created = loc.pk is None
        loc.save()
        audit_record(
            actor=actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            obj=loc,
            changes=None if created else changes,
        )
    return loc


def service_save(
    *,
    actor: User,
    service: Service | None = None,
    organisation: MapOrganisation,
    name: str,
    description: str,
    general_provision: bool = True,
    status: str = ServiceStatus.ACTIVE,
    life_domains: Iterable[str] = (),
    target_groups: Iterable[str] = (),
    for_whom: str = "",
    districts: Iterable[District] = (),
    neighbourhoods: Iterable[Neighbourhood] = (),
    whole_municipality: bool = False,
    costs: str = "",
    how_to_access: str = "",
    email: str = "",
    phone: str = "",
    website: str = "",
    locations: Iterable[tuple[Location, str]] = (),
    expected_version: int | None = None,
) -> Service:
    """Create or change a service; ``locations`` are (location, opening hours) and replace the
    service's locations. A change raises the version; with ``expected_version`` (the version
    the form or API client read) a stale change raises ``ConcurrentEditError`` and writes
    nothing."""
    _check(actor)
    errors: dict[str, Any] = {}
    domains = clean_domains(errors, life_domains)
    groups = clean_groups(errors, target_groups)
    districts = list(districts)
    neighbourhoods = list(neighbourhoods)
    locations = list(locations)
    municipality_id = organisation.municipality_id
    if any(d.municipality_id != municipality_id for d in districts):
        errors["districts"] = _("Kies alleen wijken van de gemeente van de organisatie.")
    if any(n.district.municipality_id != municipality_id for n in neighbourhoods):
        errors["neighbourhoods"] = _("Kies alleen buurten van de gemeente van de organisatie.")
    if any(loc.organisation_id != organisation.pk for loc, _hours in locations):
        errors["location"] = _("Kies een locatie van deze organisatie.")
    if not (districts or neighbourhoods or whole_municipality or locations):
        errors["districts"] = _(
            "Geef aan waar de dienst voor is: wijken, buurten, de hele gemeente of een locatie."
        )
    svc = service or Service(organisation=organisation)
    changes = apply(
        svc,
        {
            "organisation": organisation,
            "name": name.strip(),
            "description": description.strip(),
            "general_provision": general_provision,
            "status": status,
            "life_domains": domains,
            "target_groups": groups,
            "for_whom": for_whom.strip(),
            "whole_municipality": whole_municipality,
            "costs": costs.strip(),
            "how_to_access": how_to_access.strip(),
            "email": email.strip(),
            "phone": phone.strip(),
            "website": website.strip(),
        },
    )
    try:
        svc.full_clean()
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        created = svc.pk is None
        if not created:
            current = Service.objects.select_for_update().only("version").get(pk=svc.pk)
            if expected_version is not None and current.version != expected_version:
                raise ConcurrentEditError
            svc.version = current.version + 1
        svc.save()
        svc.districts.set(districts)
        svc.neighbourhoods.set(neighbourhoods)
        ServiceAtLocation.objects.filter(service=svc).exclude(
            location__in=[loc for loc, _h in locations]
        ).delete()
        for loc, hours in locations:
            ServiceAtLocation.objects.update_or_create(
                service=svc, location=loc, defaults={"opening_hours": hours.strip()}
            )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            obj=svc,
            changes=None if created else changes,
        )
    return svc
