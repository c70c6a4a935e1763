"""My inzage and correction requests, and the inzage export once the team provided it."""

from dataclasses import dataclass
from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _

from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction, InzageStatus
from wijkteam.residents.models import Resident
from wijkteam.rights.inzage import build_export
from wijkteam.rights.models import CorrectionRequest, InzageRequest

from .identity import PortalUser
from .selectors import _log, _refuse


@dataclass
class MyRequests:
    inzage: list[InzageRequest]
    corrections: list[CorrectionRequest]


def my_requests(*, portal_user: PortalUser, resident: Resident) -> MyRequests:
    page = MyRequests(
        inzage=list(
            InzageRequest.objects.filter(resident=resident).order_by("-received_on", "-pk")
        ),
        corrections=list(
            CorrectionRequest.objects.filter(resident=resident).order_by("-received_on", "-pk")
        ),
    )
    _log(portal_user, resident, _("eigen inzage- en correctieverzoeken bekeken via Mijn wijkteam"))
    return page


def my_inzage_export(
    *, portal_user: PortalUser, resident: Resident, pk: int, fmt: str
) -> dict[str, Any]:
    """The export of my inzage request, once the team marked it provided; logged as EXPORT."""
    request = InzageRequest.objects.filter(pk=pk, resident=resident).first()
    if request is None:
        raise _refuse(portal_user, "inzageverzoek", pk)
    if request.status != InzageStatus.VERSTREKT:
        raise Http404()  # mine, but not ready yet: the page says so
    data = build_export(resident, request=request)
    log_access(
        **portal_user.log_context(),
        action=AccessAction.EXPORT,
        residents=[resident.pk],
        obj=request,
        purpose=_("inzage-export (%s) gedownload via Mijn wijkteam") % fmt,
    )
    return data
