"""Inzage and correction requests from the portal, through the rights app's services."""

from django.db import transaction
from django.utils.translation import gettext as _

from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction, RequestedBy
from wijkteam.residents.models import Resident
from wijkteam.rights.models import CorrectionRequest, InzageRequest
from wijkteam.rights.services.resident_requests import (
    correction_request_by_resident,
    inzage_request_by_resident,
)

from ..identity import PortalUser
from .common import portal_system_user


def portal_inzage_request(
    *, portal_user: PortalUser, resident: Resident, note: str = ""
) -> InzageRequest:
    with transaction.atomic():
        request, created = inzage_request_by_resident(
            account=portal_system_user(),
            resident=resident,
            requested_by=RequestedBy.INWONER,
            note=note,
        )
        if not created:
            return request  # a request is already open: nothing new to log
        log_access(
            **portal_user.log_context(),
            action=AccessAction.CREATE,
            residents=[resident.pk],
            obj=request,
            purpose=_("inzage gevraagd via Mijn wijkteam"),
        )
    return request


def portal_correction_request(
    *, portal_user: PortalUser, resident: Resident, concerns: str, requested_change: str
) -> CorrectionRequest:
    with transaction.atomic():
        correction = correction_request_by_resident(
            account=portal_system_user(),
            resident=resident,
            concerns=concerns,
            requested_change=requested_change,
        )
        log_access(
            **portal_user.log_context(),
            action=AccessAction.CREATE,
            residents=[resident.pk],
            obj=correction,
            purpose=_("correctie gevraagd via Mijn wijkteam"),
        )
    return correction
