"""Downloading the file of a message: the resident within their own household's thread, a
team member within their case scope. Every download is an EXPORT in the access log (NEN 7513:
copy); someone else's file is a 404 with a logged refusal."""

import logging

from django.core.files import File
from django.http import Http404
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.cases.selectors import case_get
from wijkteam.documents.storage import document_storage
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction, DataCategory
from wijkteam.privacy.reads import refuse
from wijkteam.residents.models import Resident

from .identity import PortalUser
from .models import MessageAttachment
from .selectors import _refuse, my_case

logger = logging.getLogger(__name__)


def _open(attachment: MessageAttachment) -> File:
    try:
        return document_storage().open(attachment.stored_name, "rb")
    except FileNotFoundError:
        logger.error("Bijlage ontbreekt in de opslag: bijlage %s", attachment.pk)
        raise Http404 from None


def my_attachment(
    *, portal_user: PortalUser, resident: Resident, case_pk: int, pk: int
) -> tuple[MessageAttachment, File]:
    """A file in the thread of one of my household's cases, and its open file; logged with
    the resident (or their representative) as actor."""
    case = my_case(portal_user=portal_user, resident=resident, pk=case_pk)
    attachment = (
        MessageAttachment.objects.select_related("message")
        .filter(pk=pk, message__case=case)
        .first()
    )
    if attachment is None:
        raise _refuse(portal_user, "bijlage", pk)
    handle = _open(attachment)
    log_access(
        **portal_user.log_context(),
        action=AccessAction.EXPORT,
        residents=[resident.pk],
        obj=attachment,
        purpose=_("bijlage bij een bericht gedownload via Mijn wijkteam"),
    )
    return attachment, handle


def team_attachment(*, user: User, case_pk: int, pk: int) -> tuple[MessageAttachment, File]:
    """A file in the thread of a case in the member's scope (404 and logged otherwise)."""
    case = case_get(
        user=user,
        pk=case_pk,
        purpose=_("casus geopend: bijlage uit Mijn wijkteam downloaden"),
        category=DataCategory.PLAN,
    )
    attachment = MessageAttachment.objects.filter(pk=pk, message__case=case).first()
    if attachment is None:
        raise refuse(user=user, object_type="bijlage", object_id=pk)
    handle = _open(attachment)
    log_access(
        user=user,
        action=AccessAction.EXPORT,
        residents=[r.pk for r in case.household.members.all()],
        obj=attachment,
        purpose=_("bijlage bij een bericht uit Mijn wijkteam gedownload"),
    )
    return attachment, handle
