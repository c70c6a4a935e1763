"""Writing notifications and preferences. E-mail goes through the task queue, never in the
request, and only after the transaction that made the notification commits."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record

from . import unread
from .constants import EmailFrequency, NotificationKind
from .models import Notification, NotificationPreference
from .selectors import email_frequencies
from .tasks import send_notification_emails


def notification_send(
    *,
    users: Iterable[User],
    kind: str,
    url: str,
    text: str = "",
    dedupe_key: str = "",
) -> list[Notification]:
    """Notify each (active) user once; with ``dedupe_key`` an event notifies a user only once.

    Runs in the caller's transaction (like the audit record), so the notification exists
    exactly when the change does; the e-mail task is enqueued when that transaction commits.

    ``text`` must hold no personal data of residents (default: the kind's label).
    """
    if kind not in NotificationKind.values:
        raise ValueError(f"unknown notification kind {kind!r}")
    recipients = {u.pk: u for u in users if u.pk is not None and u.is_active}
    if not recipients:
        return []
    if dedupe_key:
        already = set(
            Notification.objects.filter(
                kind=kind, dedupe_key=dedupe_key, user_id__in=list(recipients)
            ).values_list("user_id", flat=True)
        )
        recipients = {pk: u for pk, u in recipients.items() if pk not in already}
        if not recipients:
            return []
    created = Notification.objects.bulk_create(
        [
            Notification(
                user_id=pk,
                kind=kind,
                text=(text or str(NotificationKind(kind).label))[:200],
                url=url,
                dedupe_key=dedupe_key,
            )
            for pk in sorted(recipients)
        ]
    )
    unread.forget(recipients)
    frequencies = email_frequencies(user_ids=list(recipients), kind=kind)
    immediate = [
        n.pk
        for n in created
        if frequencies[n.user_id] == EmailFrequency.IMMEDIATE and recipients[n.user_id].email
    ]
    if immediate:
        transaction.on_commit(lambda: send_notification_emails.enqueue(immediate))
    return created


def notification_mark_read(*, user: User, notification_id: int | None = None) -> int:
    """Mark one (or, without an id, every) unread notification of the user as read."""
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_id is not None:
        qs = qs.filter(pk=notification_id)
    changed = qs.update(read_at=timezone.now())
    if changed:
        unread.forget([user.pk])
    return changed


def preferences_update(*, actor: User, choices: dict[str, str]) -> None:
    """Store the user's e-mail frequency per kind; an unknown kind or value changes nothing."""
    errors: dict[str, list[str]] = {}
    for kind, value in choices.items():
        if kind not in NotificationKind.values:
            errors.setdefault("__all__", []).append(
                _("Onbekende soort notificatie: %s.") % kind[:50]
            )
        elif value not in EmailFrequency.values:
            errors.setdefault(kind, []).append(_("Kies hoe vaak u e-mail wilt krijgen."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        before = email_frequencies(user_ids=[actor.pk], kinds=list(choices))
        changed = {}
        for kind, value in choices.items():
            NotificationPreference.objects.update_or_create(
                user=actor, kind=kind, defaults={"email": value}
            )
            if before[(actor.pk, kind)] != value:
                changed[kind] = [before[(actor.pk, kind)], value]
        if changed:
            audit_record(actor=actor, action=AuditAction.UPDATE, obj=actor, changes=changed)
