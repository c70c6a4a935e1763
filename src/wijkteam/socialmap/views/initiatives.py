"""Citizen initiatives: the list with counts per wijk, register and change one, the team's
support."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkteam.core.forms_flow import form_page

from .. import policies, selectors
from ..constants import InitiativeStatus
from ..forms import InitiativeFilterForm, InitiativeForm, SupportForm
from ..models import Initiative, InitiativeSupport
from ..services import initiative_save, initiative_support_add, initiative_support_end
from .common import searcher_required

PAGE_SIZE = 25


@require_GET
@searcher_required
def initiative_list(request: HttpRequest) -> HttpResponse:
    """The initiatives, filtered by words, wijk, buurt, status and life domain, 25 a page; the
    page links keep the filters. A filter that is not valid shows its message (400) and the
    unfiltered list."""
    user: Any = request.user
    form = InitiativeFilterForm(
        request.GET or None, municipality_ids=policies.municipality_ids(user)
    )
    filters: dict[str, Any] = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "text": data["q"],
            "district": data["wijk"],
            "neighbourhood": data["buurt"],
            "status": data["status"],
            "life_domain": data["leefgebied"],
        }
    page = Paginator(selectors.initiative_list(user=user, **filters), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "socialmap/initiatives.html",
        {
            "form": form,
            "page_obj": page,
            "query": query.urlencode(),
            "filtered": bool(filters) and any(filters.values()),
            "counts": selectors.initiative_counts_per_district(user=user),
            "statuses": InitiativeStatus.choices,
        },
        status=400 if form.errors else 200,
    )


@require_GET
@searcher_required
def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.initiative_get(user=request.user, pk=pk)  # type: ignore[arg-type]
    teams = policies.support_teams(request.user)  # type: ignore[arg-type]
    form = SupportForm(teams=teams.filter(municipality_id=initiative.municipality_id))
    return render(
        request,
        "socialmap/initiative_detail.html",
        {"initiative": initiative, "support_form": form},
    )


def _initial(item: Initiative) -> dict[str, Any]:
    return {
        "name": item.name,
        "description": item.description,
        "district": item.district_id,
        "neighbourhood": item.neighbourhood_id,
        "meeting_place": item.meeting_place,
        "for_whom": item.for_whom,
        "target_groups": item.target_group_codes,
        "life_domains": item.life_domain_codes,
        "status": item.status,
        "contact_name": item.contact_name,
        "contact_phone": item.contact_phone,
        "contact_email": item.contact_email,
        "contact_consent_on": item.contact_consent_on,
        "expected_version": item.version,
    }


@require_http_methods(["GET", "POST"])
@searcher_required
def initiative_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user: Any = request.user
    item = selectors.initiative_get(user=user, pk=pk) if pk is not None else None
    form = InitiativeForm(
        request.POST or None,
        initial=_initial(item) if item else {"status": InitiativeStatus.ACTIEF},
        municipality_ids=policies.municipality_ids(user),
    )

    def save(f: Any) -> Initiative:
        return initiative_save(actor=user, initiative=item, **f.cleaned_data)

    return form_page(
        request,
        form=form,
        save=save,
        success_url=lambda i: reverse("socialmap:initiative", args=[i.pk]),
        template="socialmap/form.html",
        context={
            "title": _("Initiatief wijzigen") if item else _("Initiatief registreren"),
            "back": reverse("socialmap:initiatives"),
        },
        success_message=_("Het initiatief is opgeslagen."),
    )


@require_http_methods(["GET", "POST"])
@searcher_required
def support_add(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    initiative = selectors.initiative_get(user=user, pk=pk)
    teams = policies.support_teams(user).filter(municipality_id=initiative.municipality_id)
    form = SupportForm(request.POST or None, teams=teams)

    def save(f: Any) -> InitiativeSupport:
        return initiative_support_add(actor=user, initiative=initiative, **f.cleaned_data)

    return form_page(
        request,
        form=form,
        save=save,
        success_url=lambda _s: reverse("socialmap:initiative", args=[initiative.pk]),
        template="socialmap/form.html",
        context={
            "title": _("Steun van het team vastleggen"),
            "back": reverse("socialmap:initiative", args=[initiative.pk]),
        },
        success_message=_("De steun is vastgelegd."),
    )


@require_POST
@searcher_required
def support_end(request: HttpRequest, pk: int, support_pk: int) -> HttpResponse:
    user: Any = request.user
    initiative = selectors.initiative_get(user=user, pk=pk)
    support = get_object_or_404(InitiativeSupport, pk=support_pk, initiative=initiative)
    try:
        initiative_support_end(actor=user, support=support, ended_on=timezone.localdate())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("De steun is beëindigd."))
    return redirect("socialmap:initiative", pk=initiative.pk)
