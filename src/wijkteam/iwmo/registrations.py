"""What the iwmo app registers below: the 301 on every new, ended or changed allocation (told by the
cases app's allocation events, after the commit), the periodic exchange job, the work-queue items (open requests, escalations),
the menu entry of the message log, the case page's link, doorzettingsmacht on the case timeline,
inzage and retention."""

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkteam.cases import allocation_events, links, timeline
from wijkteam.cases.allocation_events import AllocationEvent
from wijkteam.cases.selectors_queue import register_source
from wijkteam.core import jobs, navigation
from wijkteam.privacy import registry

from . import policies, queue
from .jobs import exchange_run
from .models import (
    AllocationLine,
    DeliveryEvent,
    Escalation,
    Message,
    ProviderRequest,
    SpecialistDeployment,
)
from .timeline import SOURCE as TIMELINE_SOURCE


def _allocation_event(event: AllocationEvent, allocation_id: int, reason: str = "") -> None:
    """A new allocation gets its 301; an ended one a 301 with its Einddatum and RedenWijziging;
    a volume change the 301 that ends the current product and assigns the new one
    (``services.changes``; docs/iwmo.md)."""
    from .services.changes import allocation_change_301, allocation_end_301
    from .services.outgoing import message_301_create

    if event == AllocationEvent.CREATED:
        message_301_create(allocation_id=allocation_id)
    elif event == AllocationEvent.ENDED:
        allocation_end_301(allocation_id=allocation_id, reason=reason)
    elif event == AllocationEvent.CHANGED:
        allocation_change_301(allocation_id=allocation_id, reason=reason)


def _case_rows(model: Any, field: str = "case_id") -> Any:
    return lambda pk: model.objects.filter(**{field: pk})


def register() -> None:
    allocation_events.register(_allocation_event)
    jobs.register(
        jobs.Job(
            name="iwmo-exchange",
            title=_("iWmo/iJw: berichten verzenden en inbox lezen"),
            run=exchange_run,
            hour=6,
        )
    )
    timeline.register(TIMELINE_SOURCE)
    register_source(queue.requests_source)
    register_source(queue.escalations_source)
    navigation.register(
        navigation.NavEntry(
            order=53,
            label=_("Berichtenverkeer"),
            url_name="iwmo:log",
            visible=policies.may_view_message_log,
        )
    )
    links.register(
        links.CaseLink(
            slug="aanbieders",
            label=_("Aanbieders"),
            url_name="iwmo:case",
            order=20,
            visible=policies.shows_case_link,
        )
    )
    registry.register_inzage("iwmo.Message", lambda s: Q(resident=s.resident), order=400)
    registry.register_inzage("iwmo.ProviderRequest", lambda s: Q(resident=s.resident), order=401)
    registry.register_inzage(
        "iwmo.DeliveryEvent", lambda s: Q(allocation__decision__resident=s.resident), order=402
    )
    registry.register_inzage(
        "iwmo.SpecialistDeployment", lambda s: Q(case_id__in=s.case_ids), order=403
    )
    registry.register_inzage("iwmo.Escalation", lambda s: Q(case_id__in=s.case_ids), order=404)
    registry.register_inzage(
        "iwmo.AllocationLine", lambda s: Q(allocation__decision__resident=s.resident), order=405
    )
    # Destroyed before the allocations and the case they point to (those protect them).
    for order, label, rows in [
        (1, "iwmo.ProviderRequest", _case_rows(ProviderRequest)),
        (2, "iwmo.DeliveryEvent", _case_rows(DeliveryEvent, "allocation__intervention__case_id")),
        (2, "iwmo.AllocationLine", _case_rows(AllocationLine, "allocation__intervention__case_id")),
        (3, "iwmo.Escalation", _case_rows(Escalation)),
        (4, "iwmo.SpecialistDeployment", _case_rows(SpecialistDeployment)),
        (5, "iwmo.Message", _case_rows(Message)),
    ]:
        registry.register_case_rows(label, rows, order=order)
    registry.register_resident_rows(
        "iwmo.Message",
        lambda resident_ids, _household: Message.objects.filter(resident_id__in=resident_ids),
        order=5,
    )
