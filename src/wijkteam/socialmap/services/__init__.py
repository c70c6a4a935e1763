"""Writes of the social map: keyword-only ``<noun>_<verb>``, one transaction, audited.

``catalogue`` holds organisations, locations and services (the functioneel beheerder),
``initiatives`` the citizen initiatives and the team's support (professionals), ``hsds`` the
Open Referral HSDS 3.0 import.
"""

from .catalogue import location_save, map_organisation_save, service_save
from .initiatives import initiative_save, initiative_support_add, initiative_support_end

__all__ = [
    "initiative_save",
    "initiative_support_add",
    "initiative_support_end",
    "location_save",
    "map_organisation_save",
    "service_save",
]
