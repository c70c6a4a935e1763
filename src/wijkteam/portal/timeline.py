"""The message thread of Mijn wijkteam on the case timeline (``wijkteam.cases.timeline``): shown
to whoever may see the case's plan data (as the team's portal page), one query."""

from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkteam.accounts.models import User
from wijkteam.cases.models import Case
from wijkteam.cases.timeline import Categories, Source, TimelineItem
from wijkteam.privacy.constants import DataCategory
from wijkteam.privacy.policies import may_see

from .constants import MessageDirection
from .models import Message

KIND = "berichten"


def message_items(case: Case, user: User, categories: Categories) -> Iterable[TimelineItem]:
    for message in Message.objects.filter(case=case).select_related("author"):
        from_resident = message.direction == MessageDirection.INWONER
        yield TimelineItem(
            at=message.sent_at,
            kind=KIND,
            title=_("Bericht van de inwoner") if from_resident else _("Bericht van het wijkteam"),
            text=message.body,
            by="" if from_resident or message.author is None else message.author.display_name,
        )


SOURCE = Source(
    kind=KIND,
    label=gettext_lazy("Berichten via Mijn wijkteam"),
    order=60,
    items=message_items,
    offered=lambda categories: may_see(categories, DataCategory.PLAN),
)
