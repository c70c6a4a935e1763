"""E-mail about notifications: the kind and a link, never personal data.

The link points to the notification in the application (``/notificaties/<id>/``), behind the
log-in and its second factor.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .constants import EmailFrequency, NotificationKind
from .models import Notification
from .selectors import email_frequencies


def _absolute(path: str) -> str:
    return settings.WIJKTEAM_SITE_URL.rstrip("/") + path


def _footer() -> str:
    return "\n\n" + _(
        "Deze e-mail bevat bewust geen gegevens over inwoners. Uw voorkeuren voor e-mail: %s"
    ) % _absolute(reverse("notifications:preferences"))


def send_immediate(notification_ids: list[int]) -> int:
    """Mail each notification that is still unsent to its user; returns the number sent."""
    sent = 0
    with get_connection() as connection:
        for notification in (
            Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True)
            .select_related("user")
            .order_by("pk")
        ):
            if not notification.user.email:
                continue
            label = NotificationKind(notification.kind).label
            body = _(
                "U hebt een nieuwe notificatie in Wijkteam: %(kind)s.\n\nBekijk hem na het inloggen: %(link)s"
            ) % {
                "kind": label,
                "link": _absolute(reverse("notifications:open", args=[notification.pk])),
            }
            with transaction.atomic():
                claimed = Notification.objects.filter(
                    pk=notification.pk, emailed_at__isnull=True
                ).update(emailed_at=timezone.now())
                if not claimed:
                    continue  # another worker sent it
                EmailMessage(
                    subject=_("Wijkteam: %s") % label,
                    body=body + _footer(),
                    to=[notification.user.email],
                    connection=connection,
                ).send()
            sent += 1
    return sent


def send_daily_digests(*, now: datetime.datetime | None = None) -> int:
    """One e-mail per user with the unsent notifications of the last day whose kind the user
    wants daily; returns the number of e-mails sent."""
    now = now or timezone.now()
    pending = list(
        Notification.objects.filter(
            emailed_at__isnull=True,
            read_at__isnull=True,
            created_at__gte=now - datetime.timedelta(days=1),
        )
        .exclude(user__email="")
        .select_related("user")
        .order_by("user_id", "kind")
    )
    if not pending:
        return 0
    kinds = sorted({n.kind for n in pending})
    frequency = email_frequencies(user_ids=sorted({n.user_id for n in pending}), kinds=kinds)
    per_user: dict[int, list[Notification]] = defaultdict(list)
    for n in pending:
        if frequency[(n.user_id, n.kind)] == EmailFrequency.DAILY:
            per_user[n.user_id].append(n)
    sent = 0
    with get_connection() as connection:
        for items in per_user.values():
            counts: dict[str, int] = defaultdict(int)
            for n in items:
                counts[n.kind] += 1
            lines = "\n".join(
                f"- {NotificationKind(kind).label}: {number}" for kind, number in counts.items()
            )
            body = _(
                "Uw overzicht van vandaag in Wijkteam:\n\n%(lines)s\n\nBekijk ze na het inloggen: %(link)s"
            ) % {
                "lines": lines,
                "link": _absolute(reverse("notifications:list")),
            }
            with transaction.atomic():
                Notification.objects.filter(pk__in=[n.pk for n in items]).update(emailed_at=now)
                EmailMessage(
                    subject=_("Wijkteam: uw dagelijkse overzicht"),
                    body=body + _footer(),
                    to=[items[0].user.email],
                    connection=connection,
                ).send()
            sent += 1
    return sent
