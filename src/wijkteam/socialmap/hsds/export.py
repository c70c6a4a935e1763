"""The social map as Open Referral HSDS 3.0 JSON (a page of services, see ``validation``).

Ids are the rows' UUIDs; ids of parts without a row of their own (addresses, phones, schedules,
areas, attributes, taxonomy terms) are UUID5 values derived from their owner and content, so
an export is stable and an import of it finds the same rows again. Life domains, target groups
and "voorliggende voorziening" travel as HSDS attributes with a taxonomy term of our own
taxonomies (``constants.TAXONOMY_*``); areas as ``service_areas`` whose ``extent`` is the CBS
code (``extent_type`` ``cbs_wijkcode``, ``cbs_buurtcode`` or ``cbs_gemeentecode``).
"""

import uuid
from collections.abc import Iterable
from typing import Any

from ..constants import (
    TAXONOMY_GENERAL_PROVISION,
    TAXONOMY_LIFE_DOMAIN,
    TAXONOMY_TARGET_GROUP,
    LifeDomain,
    TargetGroup,
)
from ..models import Location, MapOrganisation, Service

NAMESPACE = uuid.UUID("9b6a3a52-4a8f-4c1e-9f1e-5b1c6e0d7a11")
EXTENT_WIJK = "cbs_wijkcode"
EXTENT_BUURT = "cbs_buurtcode"
EXTENT_GEMEENTE = "cbs_gemeentecode"


def derived_id(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "|".join(str(p) for p in parts)))


def _optional(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v not in ("", None, [])}


def _phones(owner: uuid.UUID, phone: str, **links: str) -> list[dict[str, Any]]:
    if not phone:
        return []
    return [{"id": derived_id(owner, "phone", phone), "number": phone, **links}]


def organization_json(org: MapOrganisation) -> dict[str, Any]:
    return {
        "id": str(org.uuid),
        "name": org.name,
        "description": org.description,
        **_optional({"website": org.website, "email": org.email}),
        "phones": _phones(org.uuid, org.phone, organization_id=str(org.uuid)),
    }


def location_json(loc: Location) -> dict[str, Any]:
    lid = str(loc.uuid)
    data: dict[str, Any] = {
        "id": lid,
        "location_type": "physical",
        "organization_id": str(loc.organisation.uuid),
        "name": loc.name,
        "addresses": [
            {
                "id": derived_id(loc.uuid, "address"),
                "location_id": lid,
                "address_1": loc.address,
                "city": loc.city,
                "state_province": "",
                "postal_code": loc.postal_code,
                "country": "NL",
                "address_type": "physical",
            }
        ],
    }
    if loc.neighbourhood is not None:
        data["external_identifier"] = loc.neighbourhood.cbs_code
        data["external_identifier_type"] = EXTENT_BUURT
    if loc.accessibility:
        data["accessibility"] = [
            {
                "id": derived_id(loc.uuid, "accessibility"),
                "location_id": lid,
                "description": loc.accessibility,
            }
        ]
    return data


def _attributes(
    service: Service, taxonomy: str, codes: Iterable[str], labels: dict[str, str]
) -> list[dict[str, Any]]:
    found = []
    for code in codes:
        term_id = derived_id(taxonomy, code)
        found.append(
            {
                "id": derived_id(service.uuid, taxonomy, code),
                "link_id": str(service.uuid),
                "link_type": taxonomy,
                "link_entity": "service",
                "taxonomy_term_id": term_id,
                "value": code,
                "taxonomy_term": {
                    "id": term_id,
                    "code": code,
                    "name": labels.get(code, code),
                    "description": labels.get(code, code),
                    "taxonomy": taxonomy,
                },
            }
        )
    return found


def _areas(service: Service) -> list[dict[str, Any]]:
    sid = str(service.uuid)
    areas = []
    if service.whole_municipality:
        code = service.organisation.municipality.cbs_code
        areas.append((code, service.organisation.municipality.name, EXTENT_GEMEENTE))
    areas += [(d.cbs_code, d.name, EXTENT_WIJK) for d in service.districts.all()]
    areas += [(n.cbs_code, n.name, EXTENT_BUURT) for n in service.neighbourhoods.all()]
    return [
        {
            "id": derived_id(service.uuid, "area", code),
            "service_id": sid,
            "name": name,
            "extent": code,
            "extent_type": kind,
        }
        for code, name, kind in areas
    ]


def service_json(service: Service) -> dict[str, Any]:
    sid = str(service.uuid)
    at_locations = []
    for sal in service.at_locations.all():
        entry: dict[str, Any] = {
            "id": str(sal.uuid),
            "service_id": sid,
            "location_id": str(sal.location.uuid),
            "location": location_json(sal.location),
        }
        if sal.opening_hours:
            entry["schedules"] = [
                {
                    "id": derived_id(sal.uuid, "schedule"),
                    "service_at_location_id": str(sal.uuid),
                    "description": sal.opening_hours,
                }
            ]
        at_locations.append(entry)
    domain_labels = {str(k): str(v) for k, v in LifeDomain.choices}
    group_labels = {str(k): str(v) for k, v in TargetGroup.choices}
    general = "ja" if service.general_provision else "nee"
    return {
        "id": sid,
        "organization_id": str(service.organisation.uuid),
        "name": service.name,
        "description": service.description,
        "status": service.status,
        **_optional(
            {
                "url": service.website,
                "email": service.email,
                "fees_description": service.costs,
                "application_process": service.how_to_access,
                "eligibility_description": service.for_whom,
                "last_modified": service.updated_at.isoformat() if service.updated_at else "",
            }
        ),
        "organization": organization_json(service.organisation),
        "phones": _phones(service.uuid, service.phone, service_id=sid),
        "service_areas": _areas(service),
        "service_at_locations": at_locations,
        "attributes": [
            *_attributes(service, TAXONOMY_LIFE_DOMAIN, service.life_domain_codes, domain_labels),
            *_attributes(service, TAXONOMY_TARGET_GROUP, service.target_group_codes, group_labels),
            *_attributes(service, TAXONOMY_GENERAL_PROVISION, [general], {}),
        ],
    }


def export_page(services: Iterable[Service]) -> dict[str, Any]:
    """One HSDS page holding every given service (load them with ``selectors.hsds_services``)."""
    contents = [service_json(s) for s in services]
    return {
        "total_items": len(contents),
        "total_pages": 1,
        "page_number": 1,
        "size": len(contents),
        "first_page": True,
        "last_page": True,
        "empty": not contents,
        "contents": contents,
    }
