"""The secure thread of a case: the household writes to the team and the team answers.

Notifications never carry the text: the team gets an inbox item (and e-mail by its own
preferences) through ``notifications``; the resident gets an e-mail that there is a new message,
with a link to the portal, never what it says.
"""

import datetime
import uuid
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.cases.models import Case
from wijkteam.cases.policies import is_case_worker
from wijkteam.notifications.constants import NotificationKind
from wijkteam.notifications.services import notification_send
from wijkteam.organisation.selectors import team_member_users
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction
from wijkteam.residents.models import Resident

from .. import conf, policies
from ..constants import MESSAGE_MAX, MessageDirection
from ..identity import PortalUser
from ..models import Message
from .attachments import CheckedFile, attach, check_attachment, discard, store_attachment
from .common import portal_system_user


def clean_body(body: str) -> str:
    """The text of a message, or a Dutch refusal when it is empty or too long."""
    text = (body or "").strip()
    if not text:
        raise ValidationError({"body": _("Schrijf eerst uw bericht.")})
    if len(text) > MESSAGE_MAX:
        raise ValidationError(
            {
                "body": _(
                    "Uw bericht is te lang: %(length)d tekens. Gebruik hoogstens %(max)d tekens, "
                    "of verdeel het over twee berichten."
                )
                % {"length": len(text), "max": MESSAGE_MAX}
            }
        )
    return text


def _earlier(submission_token: uuid.UUID | None) -> Message | None:
    if submission_token is None:
        return None
    return Message.objects.filter(submission_token=submission_token).first()


def _notify_team(case: Case, message: Message) -> None:
    users = (
        [case.coordinator]
        if case.coordinator is not None and case.coordinator.is_active
        else list(team_member_users(team_id=case.team_id))
    )
    notification_send(
        users=users,
        kind=NotificationKind.RESIDENT_MESSAGE,
        url=reverse("portal:team_case", args=[case.pk]),
        text=str(NotificationKind.RESIDENT_MESSAGE.label),  # never the text of the message
        dedupe_key=f"portal-message:{message.pk}",
    )


def message_send_by_resident(
    *,
    portal_user: PortalUser,
    resident: Resident,
    case: Case,
    body: str,
    submission_token: uuid.UUID | None = None,
    attachment: File | None = None,
) -> Message:
    """The resident writes to the team of their case, optionally with one file.

    Refused (nothing stored) for a case outside the resident's household, an empty or too long
    message, a file of a kind that is not allowed or too large, or more than
    ``PORTAL_MESSAGES_PER_HOUR`` messages in the last hour. The same ``submission_token`` twice
    (a double submit) gives the first message back.
    """
    if case.household_id != resident.household_id or not policies.sees_household_case(resident):
        raise PermissionDenied(_("Deze hulpvraag hoort niet bij u."))
    text = clean_body(body)
    earlier = _earlier(submission_token)
    if earlier is not None:
        return earlier
    return _with_attachment(
        attachment,
        # the audit row of an infected file names the resident (or representative) who sent it
        actor=portal_user.log_actor(),
        case_id=case.pk,
        write=lambda file: _resident_message(
            portal_user=portal_user,
            resident=resident,
            case=case,
            text=text,
            submission_token=submission_token,
            file=file,
        ),
    )


def _with_attachment(
    attachment: File | None,
    *,
    actor: User | None,
    case_id: int,
    write: Callable[[Any], Message],
) -> Message:
    """Check (kind, size, virus scan) and store the file first, then write the message with
    it; the stored file is removed again when the write fails or a double submit returns the
    first message."""
    checked = (
        check_attachment(attachment, actor=actor, case_id=case_id)
        if attachment is not None
        else None
    )
    stored = store_attachment(attachment) if attachment is not None else None
    try:
        message = write((checked, stored) if checked is not None and stored else None)
    except BaseException:
        discard(stored)
        raise
    _keep_or_discard(message, stored)
    return message


def _keep_or_discard(message: Message, stored: str | None) -> None:
    """A double submit that lost the race returns the first message: its file is not ours."""
    own = getattr(message, "attachment", None)
    if stored and (own is None or own.stored_name != stored):
        discard(stored)


def _changes(case: Case, direction: str, file: tuple[CheckedFile, str] | None) -> dict:
    changes: dict[str, object] = {"case": case.pk, "direction": direction}
    if file is not None:
        changes["attachment"] = {"content_type": file[0].content_type, "size": file[0].size}
    return changes


def _resident_message(
    *,
    portal_user: PortalUser,
    resident: Resident,
    case: Case,
    text: str,
    submission_token: uuid.UUID | None,
    file: tuple[CheckedFile, str] | None,
) -> Message:
    limit = conf.messages_per_hour()
    with transaction.atomic():
        # one resident at a time: two tabs cannot both pass the flood check
        Resident.objects.select_for_update().filter(pk=resident.pk).first()
        recent = Message.objects.filter(
            resident=resident,
            direction=MessageDirection.INWONER,
            sent_at__gte=timezone.now() - datetime.timedelta(hours=1),
        ).count()
        if recent >= limit:
            raise ValidationError(
                _(
                    "U heeft het afgelopen uur al %(count)d berichten gestuurd. Wacht even met "
                    "het volgende bericht. Is het dringend? Bel dan het wijkteam."
                )
                % {"count": recent}
            )
        try:
            with transaction.atomic():
                message = Message.objects.create(
                    case=case,
                    direction=MessageDirection.INWONER,
                    resident=resident,
                    body=text,
                    submission_token=submission_token,
                )
        except IntegrityError:
            existing = _earlier(submission_token)
            if existing is None:
                raise
            return existing
        if file is not None:
            attach(message=message, checked=file[0], stored=file[1])
        audit_record(
            actor=portal_system_user(),
            action=AuditAction.CREATE,
            obj=message,
            changes=_changes(case, MessageDirection.INWONER, file),
        )
        log_access(
            **portal_user.log_context(),
            action=AccessAction.CREATE,
            residents=[resident.pk],
            obj=message,
            purpose=_("bericht aan het wijkteam gestuurd via Mijn wijkteam"),
        )
        _notify_team(case, message)
    return message


def _resident_recipients(case: Case) -> list[int]:
    """The household members who see the case in the portal and left an e-mail address."""
    return [
        r.pk
        for r in Resident.objects.filter(household_id=case.household_id).exclude(email="")
        if policies.sees_household_case(r)
    ]


def message_send_by_team(
    *,
    actor: User,
    case: Case,
    body: str,
    submission_token: uuid.UUID | None = None,
    attachment: File | None = None,
) -> Message:
    """A worker on the case answers in the thread, optionally with one file; the household gets
    an e-mail without content. A refused file stores nothing."""
    if not is_case_worker(actor, case):
        raise PermissionDenied(
            _("Alleen wie aan deze casus werkt, kan de inwoner een bericht sturen.")
        )
    text = clean_body(body)
    earlier = _earlier(submission_token)
    if earlier is not None:
        return earlier
    return _with_attachment(
        attachment,
        actor=actor,
        case_id=case.pk,
        write=lambda file: _team_message(
            actor=actor, case=case, text=text, submission_token=submission_token, file=file
        ),
    )


def _team_message(
    *,
    actor: User,
    case: Case,
    text: str,
    submission_token: uuid.UUID | None,
    file: tuple[CheckedFile, str] | None,
) -> Message:
    with transaction.atomic():
        try:
            with transaction.atomic():
                message = Message.objects.create(
                    case=case,
                    direction=MessageDirection.TEAM,
                    author=actor,
                    body=text,
                    submission_token=submission_token,
                )
        except IntegrityError:
            existing = _earlier(submission_token)
            if existing is None:
                raise
            return existing
        if file is not None:
            attach(message=message, checked=file[0], stored=file[1])
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=message,
            changes=_changes(case, MessageDirection.TEAM, file),
        )
        household = list(
            Resident.objects.filter(household_id=case.household_id).values_list("pk", flat=True)
        )
        log_access(
            user=actor,
            action=AccessAction.CREATE,
            residents=household,
            obj=message,
            purpose=_("bericht aan de inwoner gestuurd via Mijn wijkteam"),
        )
        recipients = _resident_recipients(case)
        if recipients:
            from ..tasks import send_message_emails

            transaction.on_commit(lambda: send_message_emails.enqueue(recipients))
    return message


def messages_read_by_resident(*, resident: Resident, case: Case) -> int:
    """The resident opened the thread: the team's unread messages get their read receipt."""
    if case.household_id != resident.household_id:
        return 0
    with transaction.atomic():
        return Message.objects.filter(
            case=case, direction=MessageDirection.TEAM, read_at__isnull=True
        ).update(read_at=timezone.now())


def messages_read_by_team(*, actor: User, case: Case) -> int:
    """A worker on the case opened the thread: the household's messages are marked read."""
    if not is_case_worker(actor, case):
        return 0  # a client supporter reading along gives no receipt on the regisseur's behalf
    with transaction.atomic():
        return Message.objects.filter(
            case=case, direction=MessageDirection.INWONER, read_at__isnull=True
        ).update(read_at=timezone.now())
