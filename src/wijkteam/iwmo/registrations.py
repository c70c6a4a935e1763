"""What the iwmo app registers below: the 301 on every new allocation (a signal, sent after
the commit), the periodic exchange job, the work-queue items (open requests, escalations),
the menu entry of the message log, the case page's link, inzage and retention."""

from typing import Any

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _

from wijkteam.cases import links
from wijkteam.cases.models import Allocation
from wijkteam.cases.selectors_queue import register_source
from wijkteam.core import jobs, navigation
from wijkteam.privacy import registry

from . import policies, queue
from .jobs import exchange_run
from .models import DeliveryEvent, Escalation, Message, ProviderRequest, SpecialistDeployment


def _allocation_saved(sender: Any, instance: Allocation, created: bool, **kwargs: Any) -> None:
    if created and not kwargs.get("raw"):
        pk = instance.pk
        transaction.on_commit(lambda: _send_301(pk))


def _send_301(allocation_id: int) -> None:
    from .services.outgoing import message_301_create

    message_301_create(allocation_id=allocation_id)


def _case_rows(model: Any, field: str = "case_id") -> Any:
    return lambda pk: model.objects.filter(**{field: pk})


def register() -> None:
    post_save.connect(_allocation_saved, sender=Allocation, dispatch_uid="iwmo_allocation_301")
    jobs.register(
        jobs.Job(
            name="iwmo-exchange",
            title=_("iWmo/iJw: berichten verzenden en inbox lezen"),
            run=exchange_run,
            hour=6,
        )
    )
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
    # Destroyed before the allocations and the case they point to (those protect them).
    for order, label, rows in [
        (1, "iwmo.ProviderRequest", _case_rows(ProviderRequest)),
        (2, "iwmo.DeliveryEvent", _case_rows(DeliveryEvent, "allocation__intervention__case_id")),
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
