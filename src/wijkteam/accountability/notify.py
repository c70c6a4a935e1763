"""Who hears about the figures: the beleidsmedewerkers when a quarter's figures are complete,
the Wmo-raad (and the other beleidsmedewerkers) when an overview is published.

Both notifications name only the period or the overview, never a person; each event notifies
a user once (``dedupe_key``), so the nightly snapshot does not repeat itself.
"""

import datetime

from django.urls import reverse

from wijkteam.accounts.constants import SystemRole
from wijkteam.accounts.models import User
from wijkteam.notifications.constants import NotificationKind
from wijkteam.notifications.services import notification_send

from .models import Aggregate, PublishedOverview


def last_full_quarter(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """First and last day of the quarter before the one ``today`` is in."""
    this_quarter = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
    end = this_quarter - datetime.timedelta(days=1)
    return end.replace(month=(end.month - 1) // 3 * 3 + 1, day=1), end


def notify_quarter_complete(*, today: datetime.date) -> int:
    """Tell the beleidsmedewerkers once per quarter that its figures can be published.

    Only when the snapshot holds figures in that quarter. Returns the number notified.
    """
    start, end = last_full_quarter(today)
    if not Aggregate.objects.filter(day__gte=start, day__lte=end).exists():
        return 0
    quarter = (start.month - 1) // 3 + 1
    return len(
        notification_send(
            users=User.objects.filter(system_role=SystemRole.BELEIDSMEDEWERKER, is_active=True),
            kind=NotificationKind.QUARTER_FIGURES,
            url=reverse("accountability:overview_create"),
            text=str(NotificationKind.QUARTER_FIGURES.label) + f" ({start:%Y} K{quarter})",
            dedupe_key=f"kwartaal:{start.isoformat()}",
        )
    )


def notify_overview_published(*, version: PublishedOverview, actor: User) -> int:
    """Tell the Wmo-raad and the other beleidsmedewerkers that a version was published."""
    readers = User.objects.filter(
        system_role__in=[SystemRole.WMO_RAAD, SystemRole.BELEIDSMEDEWERKER], is_active=True
    ).exclude(pk=actor.pk)
    return len(
        notification_send(
            users=readers,
            kind=NotificationKind.OVERVIEW_PUBLISHED,
            url=reverse("accountability:published", args=[version.pk]),
            text=f"{NotificationKind.OVERVIEW_PUBLISHED.label}: {version.title}"[:200],
            dedupe_key=f"publicatie:{version.pk}",
        )
    )
