"""Doorzettingsmacht on the case timeline (``wijkteam.cases.timeline``): a specialist deployed
directly from the case and its stop, and the escalations to the teamleider with their answer,
each with who and when. Shown to whoever may see the case's interventions; two queries."""

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkteam.accounts.models import User
from wijkteam.cases.models import Case
from wijkteam.cases.timeline import Categories, Source, TimelineItem, day_start
from wijkteam.organisation.constants import ProductCategory
from wijkteam.privacy.constants import DataCategory
from wijkteam.privacy.policies import may_see

from .constants import EscalationStatus
from .models import Escalation, SpecialistDeployment

KIND = "doorzettingsmacht"


def _period(item: SpecialistDeployment | Escalation) -> str:
    category = item.product_category
    label = ProductCategory(category).label if category in ProductCategory.values else category
    return _("%(category)s, %(start)s t/m %(end)s") % {
        "category": label,
        "start": item.starts_on.strftime("%d-%m-%Y"),
        "end": item.ends_on.strftime("%d-%m-%Y"),
    }


def deployment_items(case: Case, user: User, categories: Categories) -> Iterable[TimelineItem]:
    url = reverse("iwmo:case", args=[case.pk])
    for deployment in SpecialistDeployment.objects.filter(case=case).select_related(
        "provider", "deployed_by", "stopped_by"
    ):
        yield TimelineItem(
            at=deployment.deployed_at,
            kind=KIND,
            title=_("Doorzettingsmacht: specialist ingezet bij %(provider)s")
            % {"provider": deployment.provider.name},
            text=f"{_period(deployment)}. {deployment.reason}",
            by=deployment.deployed_by.display_name,
            url=url,
        )
        if deployment.stopped_on is not None:
            yield TimelineItem(
                at=deployment.stopped_at or day_start(deployment.stopped_on),
                kind=KIND,
                title=_("Doorzettingsmacht: inzet bij %(provider)s gestopt op %(day)s")
                % {
                    "provider": deployment.provider.name,
                    "day": deployment.stopped_on.strftime("%d-%m-%Y"),
                },
                text=deployment.stop_reason,
                by=deployment.stopped_by.display_name if deployment.stopped_by else "",
                url=url,
                date_only=deployment.stopped_at is None,
            )
    for escalation in Escalation.objects.filter(case=case).select_related(
        "provider", "requested_by", "answered_by"
    ):
        yield TimelineItem(
            at=escalation.requested_at,
            kind=KIND,
            title=_("Doorzettingsmacht: voorgelegd aan de teamleider (%(provider)s)")
            % {"provider": escalation.provider.name},
            text=f"{_period(escalation)}. {escalation.reason}",
            by=escalation.requested_by.display_name,
            url=url,
        )
        if escalation.status != EscalationStatus.OPEN and escalation.answered_at is not None:
            yield TimelineItem(
                at=escalation.answered_at,
                kind=KIND,
                title=_("Doorzettingsmacht: %(answer)s")
                % {"answer": escalation.get_status_display().lower()},
                text=escalation.answer,
                by=escalation.answered_by.display_name if escalation.answered_by else "",
                url=url,
            )


SOURCE = Source(
    kind=KIND,
    label=gettext_lazy("Doorzettingsmacht"),
    order=42,
    items=deployment_items,
    offered=lambda categories: may_see(categories, DataCategory.INTERVENTIES),
)
