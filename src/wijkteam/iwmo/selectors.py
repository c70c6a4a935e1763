"""Reads of the iwmo app, scoped to the acting user and logged where they show resident data.

- The message log: the functioneel beheerder sees every message's metadata (type, status,
  provider, RetourCodes, findings) and never its XML or the resident; a teamleider sees the
  messages of their teams' cases and, on the detail page, the XML after the case's own access
  check (scope, consent for "interventies", logged read).
- The providers page of a case: messages, requests, delivery, doorzettingsmacht; opened
  through ``cases.selectors.case_get`` like every case page.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.accounts.policies import can_configure
from wijkteam.cases.links import ShownLink, links_for
from wijkteam.cases.models import Allocation, Case
from wijkteam.cases.policies import is_case_worker
from wijkteam.cases.policies_consent import visible_categories
from wijkteam.cases.sections import TABS, Tab
from wijkteam.cases.selectors import case_get
from wijkteam.organisation import policies as org_policies
from wijkteam.privacy.policies import section_visible
from wijkteam.privacy.reads import log_read, refuse

from .constants import Direction, MessageStatus, RequestStatus
from .delivery import delivery_spans
from .models import (
    AllocationLine,
    DeliveryEvent,
    Escalation,
    Message,
    ProviderRequest,
    SpecialistDeployment,
)
from .policies import CATEGORY, may_view_message_log
from .retours import BlockRow, retour_rows

PAGE_SIZE = 50
LINK_SLUG = "aanbieders"


def _log_scope(user: User) -> QuerySet[Message]:
    if can_configure(user):
        return Message.objects.all()
    teams = org_policies.leader_team_ids(user)
    return Message.objects.filter(case__team_id__in=teams)


@dataclass
class LogPage:
    page: Page
    shows_cases: bool
    status: str
    direction: str


def message_log_rows(*, user: User, status: str = "", direction: str = "") -> QuerySet[Message]:
    """The log the user may read (newest first, without the XML); refused for anyone else."""
    if not may_view_message_log(user):
        raise refuse(user=user, object_type="iwmo.MessageLog", object_id="-")
    qs = _log_scope(user).select_related("provider").order_by("-created_at", "-id")
    if status in MessageStatus.values:
        qs = qs.filter(status=status)
    if direction in Direction.values:
        qs = qs.filter(direction=direction)
    return qs.defer("raw_xml")


def message_rows_read(*, user: User, rows: list[Message], purpose: str) -> None:
    """Log the read of a page of the log by a teamleider (the beheerder sees no residents)."""
    if can_configure(user):
        return
    residents = [m.resident_id for m in rows if m.resident_id]
    if residents:
        log_read(user=user, residents=residents, purpose=purpose)


def message_log_page(
    *, user: User, page: int = 1, status: str = "", direction: str = ""
) -> LogPage:
    """One page of the log, newest first, in a fixed number of queries."""
    qs = message_log_rows(user=user, status=status, direction=direction)
    result = Paginator(qs, PAGE_SIZE).get_page(page)
    message_rows_read(user=user, rows=list(result.object_list), purpose=_("berichtenlog bekeken"))
    return LogPage(
        page=result, shows_cases=not can_configure(user), status=status, direction=direction
    )


@dataclass
class MessageView:
    message: Message
    shows_xml: bool
    replies: list[Message]
    retour: list[BlockRow] = field(default_factory=list)  # per block, with meanings


def message_detail(*, user: User, pk: int) -> MessageView:
    """One message: metadata for the log's readers; the XML only through the case's check."""
    if not may_view_message_log(user):
        raise refuse(user=user, object_type="iwmo.Message", object_id=pk)
    message = _log_scope(user).select_related("provider", "in_reply_to").filter(pk=pk).first()
    if message is None:
        raise refuse(user=user, object_type="iwmo.Message", object_id=pk)
    shows_xml = False
    if message.case_id is not None and not can_configure(user):
        case_get(
            user=user,
            pk=message.case_id,
            category=CATEGORY,
            purpose=_("bericht %(type)s ingezien") % {"type": message.message_type},
        )
        shows_xml = True
    replies = list(message.replies.order_by("created_at", "id").defer("raw_xml"))
    return MessageView(
        message=message,
        shows_xml=shows_xml,
        replies=replies,
        retour=retour_rows(codes=message.retour_codes, blocks=message.retour_blocks),
    )


@dataclass
class CasePage:
    case: Case
    tabs: list[Tab]
    links: list[ShownLink]
    may_work: bool
    messages: list[Message] = field(default_factory=list)
    requests: list[ProviderRequest] = field(default_factory=list)
    deliveries: list[DeliveryEvent] = field(default_factory=list)
    deployments: list[SpecialistDeployment] = field(default_factory=list)
    escalations: list[Escalation] = field(default_factory=list)
    is_teamleader: bool = False
    lines: list[AllocationLine] = field(default_factory=list)  # products after a volume change


def case_page(*, user: User, case_pk: int) -> CasePage:
    case = case_get(
        user=user, pk=case_pk, category=CATEGORY, purpose=_("casus geopend: aanbieders")
    )
    categories = visible_categories(user, case)
    return CasePage(
        case=case,
        tabs=[t for t in TABS if not t.section or section_visible(t.section, categories)],
        links=links_for(user, case, categories),
        may_work=is_case_worker(user, case),
        is_teamleader=org_policies.is_teamleader(user, case.team),
        messages=list(
            Message.objects.filter(case=case)
            .select_related("provider")
            .defer("raw_xml")
            .order_by("-created_at", "-id")[:100]
        ),
        requests=list(
            ProviderRequest.objects.filter(case=case)
            .select_related("provider", "allocation", "answered_allocation")
            .order_by("-received_on", "-id")
        ),
        deliveries=list(
            DeliveryEvent.objects.filter(allocation__intervention__case=case)
            .select_related("allocation__provider")
            .order_by("on", "id")
        ),
        lines=list(
            AllocationLine.objects.filter(allocation__intervention__case=case)
            .select_related("allocation__provider")
            .order_by("allocation_id", "sequence")
        ),
        deployments=list(
            SpecialistDeployment.objects.filter(case=case).select_related("provider", "deployed_by")
        ),
        escalations=list(
            Escalation.objects.filter(case=case).select_related(
                "provider", "requested_by", "answered_by"
            )
        ),
    )


def case_messages(*, user: User, case_pk: int) -> QuerySet[Message]:
    """The messages of one case (metadata, as on its "Aanbieders" page), through the case's
    own check (scope, consent for "interventies", logged)."""
    case = case_get(user=user, pk=case_pk, category=CATEGORY, purpose=_("berichten van de casus"))
    return (
        Message.objects.filter(case=case)
        .select_related("provider")
        .defer("raw_xml")
        .order_by("-created_at", "-id")
    )


def case_requests(*, user: User, case_pk: int) -> QuerySet[ProviderRequest]:
    """The providers' requests of one case, opened through the case's own check (logged)."""
    case = case_get(user=user, pk=case_pk, category=CATEGORY, purpose=_("verzoeken van aanbieders"))
    return (
        ProviderRequest.objects.select_related("provider")
        .filter(case=case)
        .order_by("due_on", "id")
    )


def request_get(*, user: User, case_pk: int, pk: int) -> ProviderRequest:
    case = case_get(user=user, pk=case_pk, category=CATEGORY, purpose=_("verzoek van aanbieder"))
    request = (
        ProviderRequest.objects.select_related("provider", "message", "case__team")
        .filter(case=case, pk=pk)
        .first()
    )
    if request is None:
        raise Http404
    return request


def answerable_allocations(request: ProviderRequest) -> QuerySet[Allocation]:
    return Allocation.objects.filter(
        intervention__case_id=request.case_id,
        provider_id=request.provider_id,
        product_category=request.product_category,
    ).order_by("-allocated_at")


def deployment_get(*, user: User, case_pk: int, pk: int) -> SpecialistDeployment:
    case = case_get(user=user, pk=case_pk, category=CATEGORY, purpose=_("directe inzet"))
    deployment = SpecialistDeployment.objects.filter(case=case, pk=pk).first()
    if deployment is None:
        raise Http404
    return deployment


def escalation_get(*, user: User, case_pk: int, pk: int) -> Escalation:
    case = case_get(user=user, pk=case_pk, category=CATEGORY, purpose=_("escalatie"))
    escalation = Escalation.objects.select_related("provider").filter(case=case, pk=pk).first()
    if escalation is None:
        raise Http404
    return escalation


# --------------------------------------------------------------------------------------------
# Provider performance: the source of the accountability figures (no personal data)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProviderPerformance:
    provider_id: int
    provider_name: str
    allocations: int  # allocations to the provider in the period
    started: int  # of which a 305 arrived
    median_days_to_start: float | None  # days from the 301 (allocation) to the 305's start date
    allocated_volume: float  # total allocated volume (mixed units are summed per unit below)
    delivered_allocations: int  # allocations with both a start and a stop
    stops: dict[str, int]  # 307 reasons (code → count)
    against_choice: int  # allocations against the resident's choice
    chosen_by_resident: int  # allocations where the resident chose this provider


def provider_performance(
    *,
    municipality_id: int | None = None,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> list[ProviderPerformance]:
    """Per provider: days 301→305, delivered versus allocated, stops with reasons, choice.

    Aggregates only; an accountability report may show these without access logging.
    """
    allocations = Allocation.objects.all()
    if municipality_id is not None:
        allocations = allocations.filter(provider__municipality_id=municipality_id)
    if since is not None:
        allocations = allocations.filter(allocated_at__date__gte=since)
    if until is not None:
        allocations = allocations.filter(allocated_at__date__lte=until)
    rows = list(
        allocations.values(
            "pk", "provider_id", "provider__name", "allocated_at", "volume", "chosen_provider_id"
        )
    )
    events = delivery_spans(
        DeliveryEvent.objects.filter(allocation_id__in=[r["pk"] for r in rows]).order_by("on", "pk")
    )
    by_provider: dict[int, list[Any]] = {}
    for row in rows:
        by_provider.setdefault(row["provider_id"], []).append(row)
    result = []
    for provider_id, items in sorted(
        by_provider.items(), key=lambda kv: kv[1][0]["provider__name"]
    ):
        days: list[int] = []
        stops: dict[str, int] = {}
        delivered = 0
        for row in items:
            found = events.get(row["pk"], {})
            if "start" in found:
                days.append((found["start"].on - row["allocated_at"].date()).days)
            if "stop" in found:
                stops[found["stop"].stop_reason] = stops.get(found["stop"].stop_reason, 0) + 1
                if "start" in found:
                    delivered += 1
        days.sort()
        median: float | None = None
        if days:
            mid = len(days) // 2
            median = float(days[mid]) if len(days) % 2 else (days[mid - 1] + days[mid]) / 2
        result.append(
            ProviderPerformance(
                provider_id=provider_id,
                provider_name=items[0]["provider__name"],
                allocations=len(items),
                started=len(days),
                median_days_to_start=median,
                allocated_volume=float(sum(r["volume"] for r in items)),
                delivered_allocations=delivered,
                stops=stops,
                against_choice=sum(
                    1
                    for r in items
                    if r["chosen_provider_id"] and r["chosen_provider_id"] != provider_id
                ),
                chosen_by_resident=sum(1 for r in items if r["chosen_provider_id"] == provider_id),
            )
        )
    return result


def open_requests(*, team_ids: list[int]) -> QuerySet[ProviderRequest]:
    return ProviderRequest.objects.filter(
        case__team_id__in=team_ids, status=RequestStatus.OPEN
    ).filter(~Q(case=None))
