"""Import Open Referral HSDS 3.0 (the shape the export writes: a page of services with their
organisation and locations embedded) into one municipality's social map.

All or nothing: the document is checked against the HSDS schema first, then every service is
written in one transaction; any problem (a schema error, an area code outside the
municipality, an unknown life domain, an id that belongs to another municipality) is a
``ValidationError`` with Dutch messages and nothing is stored. A dry run does the same work
and rolls it back, so its report counts exactly what a real import would do. Rows are matched
on their HSDS ``id`` (our UUIDs); services not in the document are left as they are.
"""

import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.organisation.models import District, Municipality, Neighbourhood

from ..codes import join_codes
from ..constants import (
    TAXONOMY_GENERAL_PROVISION,
    TAXONOMY_LIFE_DOMAIN,
    TAXONOMY_TARGET_GROUP,
    LifeDomain,
    TargetGroup,
)
from ..hsds.export import EXTENT_BUURT, EXTENT_GEMEENTE, EXTENT_WIJK
from ..hsds.validation import schema_errors
from ..models import Location, MapOrganisation, Service, ServiceAtLocation
from ..policies import may_maintain
from .common import apply

MAX_BYTES = 5 * 1024 * 1024


@dataclass
class ImportReport:
    dry_run: bool
    created: dict[str, int] = field(
        default_factory=lambda: {"organisations": 0, "locations": 0, "services": 0}
    )
    changed: dict[str, int] = field(
        default_factory=lambda: {"organisations": 0, "locations": 0, "services": 0}
    )


class _Refused(Exception):
    pass


def parse_document(raw: bytes) -> Any:
    if len(raw) > MAX_BYTES:
        raise ValidationError(_("Het bestand is groter dan 5 MB."))
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(
            _("Dit is geen JSON-bestand in UTF-8. Kies een HSDS-export (JSON).")
        ) from exc


class _Importer:
    def __init__(self, *, actor: User, municipality: Municipality, report: ImportReport) -> None:
        self.actor = actor
        self.municipality = municipality
        self.report = report
        self.errors: list[str] = []
        self.districts = {d.cbs_code: d for d in District.objects.filter(municipality=municipality)}
        self.hoods = {
            n.cbs_code: n for n in Neighbourhood.objects.filter(district__municipality=municipality)
        }

    def fail(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: {message}")

    def _save[M: models.Model](self, obj: M, values: dict[str, Any], kind: str) -> M:
        created = obj.pk is None
        changes = apply(obj, values)
        obj.full_clean()
        if created or changes:
            if not created and isinstance(obj, Service):
                obj.version += 1  # an open form or API client with the old version is refused
            obj.save()
            audit_record(
                actor=self.actor,
                action=AuditAction.CREATE if created else AuditAction.UPDATE,
                obj=obj,
                changes=None if created else changes,
            )
            (self.report.created if created else self.report.changed)[kind] += 1
        return obj

    def _own[M: models.Model](self, model: type[M], raw_id: str, where: str, **scope: Any) -> M:
        """The row with this HSDS id, or a new one; an id of another municipality is refused."""
        found = model._default_manager.filter(uuid=uuid.UUID(raw_id)).first()
        if found is None:
            return model(uuid=uuid.UUID(raw_id), **scope)
        owner = getattr(found, "municipality_id", None)
        if owner is None and hasattr(found, "organisation"):
            owner = found.organisation.municipality_id
        if owner != self.municipality.pk:
            self.fail(where, _("dit id hoort bij een andere gemeente."))
            raise _Refused
        return found

    def organisation(self, data: dict[str, Any], where: str) -> MapOrganisation:
        org = self._own(MapOrganisation, data["id"], where, municipality=self.municipality)
        phones = data.get("phones") or []
        return self._save(
            org,
            {
                "name": data["name"][:150],
                "description": data["description"],
                "website": data.get("website", ""),
                "email": data.get("email", ""),
                "phone": phones[0]["number"][:30] if phones else "",
            },
            "organisations",
        )

    def location(self, data: dict[str, Any], org: MapOrganisation, where: str) -> Location:
        loc = self._own(Location, data["id"], where, organisation=org)
        address = (data.get("addresses") or [{}])[0]
        hood = None
        if data.get("external_identifier_type") == EXTENT_BUURT:
            hood = self.hoods.get(data.get("external_identifier", ""))
            if hood is None:
                self.fail(
                    where,
                    _("buurtcode %(code)s ligt niet in deze gemeente.")
                    % {"code": data.get("external_identifier", "")},
                )
                raise _Refused
        access = (data.get("accessibility") or [{}])[0].get("description", "")
        if not address.get("address_1") or not address.get("city"):
            self.fail(where, _("de locatie heeft geen adres met plaats."))
            raise _Refused
        return self._save(
            loc,
            {
                "organisation": org,
                "name": (data.get("name") or address["address_1"])[:150],
                "address": address["address_1"][:200],
                "postal_code": address.get("postal_code", "")[:10],
                "city": address["city"][:100],
                "neighbourhood": hood,
                "accessibility": access[:250],
            },
            "locations",
        )

    def _codes(self, data: dict[str, Any], taxonomy: str, allowed: list[str], where: str) -> str:
        codes = []
        for attribute in data.get("attributes") or []:
            term = attribute.get("taxonomy_term") or {}
            if taxonomy not in (term.get("taxonomy"), attribute.get("link_type")):
                continue
            code = term.get("code") or attribute.get("value", "")
            if code not in allowed:
                self.fail(
                    where,
                    _("onbekende code %(code)s in %(taxonomy)s.")
                    % {"code": code, "taxonomy": taxonomy},
                )
                raise _Refused
            codes.append(code)
        return join_codes(codes)

    def _areas(self, data: dict[str, Any], where: str) -> tuple[bool, list[Any], list[Any]]:
        whole, districts, hoods = False, [], []
        for area in data.get("service_areas") or []:
            code, kind = area.get("extent", ""), area.get("extent_type", "")
            if kind == EXTENT_GEMEENTE and code == self.municipality.cbs_code:
                whole = True
            elif kind == EXTENT_WIJK and code in self.districts:
                districts.append(self.districts[code])
            elif kind == EXTENT_BUURT and code in self.hoods:
                hoods.append(self.hoods[code])
            else:
                self.fail(
                    where,
                    _("gebied %(code)s (%(kind)s) is geen wijk, buurt of gemeente van %(name)s.")
                    % {
                        "code": code or area.get("name", "?"),
                        "kind": kind or "?",
                        "name": self.municipality.name,
                    },
                )
                raise _Refused
        return whole, districts, hoods

    def service(self, data: dict[str, Any], index: int) -> None:
        where = _("dienst %(n)s (%(name)s)") % {"n": index + 1, "name": data.get("name", "")}
        if "organization" not in data:
            self.fail(where, _("de organisatie (organization) ontbreekt in de dienst."))
            raise _Refused
        org = self.organisation(data["organization"], where)
        svc = self._own(Service, data["id"], where, organisation=org)
        whole, districts, hoods = self._areas(data, where)
        domains = self._codes(data, TAXONOMY_LIFE_DOMAIN, LifeDomain.values, where)
        groups = self._codes(data, TAXONOMY_TARGET_GROUP, TargetGroup.values, where)
        general = self._codes(data, TAXONOMY_GENERAL_PROVISION, ["ja", "nee"], where)
        phones = data.get("phones") or []
        self._save(
            svc,
            {
                "organisation": org,
                "name": data["name"][:150],
                "description": data.get("description") or data["name"],
                "status": data["status"],
                "general_provision": general != "|nee|",
                "life_domains": domains,
                "target_groups": groups,
                "for_whom": data.get("eligibility_description", "")[:250],
                "whole_municipality": whole,
                "costs": data.get("fees_description", "")[:250],
                "how_to_access": data.get("application_process", ""),
                "email": data.get("email", ""),
                "phone": phones[0]["number"][:30] if phones else "",
                "website": data.get("url", ""),
            },
            "services",
        )
        svc.districts.set(districts)
        svc.neighbourhoods.set(hoods)
        kept = []
        for n, entry in enumerate(data.get("service_at_locations") or []):
            if "location" not in entry:
                self.fail(f"{where}, {_('locatie')} {n + 1}", _("de locatie ontbreekt."))
                raise _Refused
            loc = self.location(entry["location"], org, f"{where}, {_('locatie')} {n + 1}")
            hours = "; ".join(
                s.get("description")
                or " ".join(
                    p
                    for p in (s.get("byday", ""), s.get("opens_at", ""), s.get("closes_at", ""))
                    if p
                )
                for s in entry.get("schedules") or []
            )
            ServiceAtLocation.objects.update_or_create(
                service=svc,
                location=loc,
                defaults={"opening_hours": hours[:250], "uuid": uuid.UUID(entry["id"])},
            )
            kept.append(loc.pk)
        ServiceAtLocation.objects.filter(service=svc).exclude(location_id__in=kept).delete()


def hsds_import(
    *, actor: User, municipality: Municipality, raw: bytes, dry_run: bool = True
) -> ImportReport:
    """Check and (unless ``dry_run``) store an HSDS 3.0 page of services; all or nothing."""
    if not may_maintain(actor):
        raise PermissionDenied(_("Alleen de functioneel beheerder onderhoudt de sociale kaart."))
    document = parse_document(raw)
    problems = schema_errors(document)
    if problems:
        raise ValidationError(
            [
                _("Het bestand voldoet niet aan het HSDS 3.0-schema. Er is niets opgeslagen."),
                *problems,
            ]
        )
    report = ImportReport(dry_run=dry_run)
    importer = _Importer(actor=actor, municipality=municipality, report=report)
    try:
        with transaction.atomic():
            for index, data in enumerate(document["contents"]):
                try:
                    importer.service(data, index)
                except _Refused:
                    break
                except ValidationError as exc:
                    for message in exc.messages:
                        importer.fail(_("dienst %(n)s") % {"n": index + 1}, message)
                    break
            if importer.errors:
                raise _Refused
            if dry_run:
                transaction.set_rollback(True)
    except _Refused:
        raise ValidationError(
            [_("Het bestand kan niet worden ingelezen. Er is niets opgeslagen."), *importer.errors]
        ) from None
    except IntegrityError as exc:  # an id used twice, or a clash with a row written meanwhile
        raise ValidationError(
            _(
                "Het bestand botst met bestaande gegevens (een id komt twee keer voor). Er is niets "
                "opgeslagen."
            )
        ) from exc
    return report
