"""Screens of the intervention stage: start (per kind), time registration, scaling, ending."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkteam.core.exceptions import ConcurrentEditError
from wijkteam.core.forms_flow import add_service_errors
from wijkteam.privacy.reads import professional_user as _professional

from .. import policies, selectors
from ..constants import InterventionKind
from ..forms_intervention import (
    AllocationForm,
    EndForm,
    GeneralProvisionForm,
    InterventionForm,
    LightSupportForm,
    ScaleForm,
    TimeEntryForm,
)
from ..models import Case, Intervention
from ..sections import case_url
from ..services import intervention as interventions

FORMS: dict[str, type[InterventionForm]] = {
    InterventionKind.LICHTE_ONDERSTEUNING: LightSupportForm,
    InterventionKind.ALGEMENE_VOORZIENING: GeneralProvisionForm,
    InterventionKind.MAATWERK: AllocationForm,
}


def _back(case: Case) -> HttpResponse:
    return redirect(case_url(case.pk, "intervention"))


def _render(
    request: HttpRequest, form: forms.Form, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    if status == 200 and form.is_bound and form.errors:
        status = 400
    return render(request, "cases/intervention/form.html", {"form": form, **context}, status=status)


@require_http_methods(["GET", "POST"])
def intervention_start(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    if kind not in FORMS:
        raise Http404
    user = _professional(request)
    case = selectors.case_get(
        category="interventies", user=user, pk=pk, purpose=_("interventie starten")
    )
    selectors.require_case_worker(user, case)
    form_class = FORMS[kind]
    initial: dict[str, Any] = {"starts_on": timezone.localdate()}
    extra: dict[str, Any] = {}
    if form_class is AllocationForm:
        # Prefilled from the decision (``?besluit=``) and a provider (``?aanbieder=``).
        chosen = request.GET.get("besluit", "")
        if chosen.isdigit():
            extra["prefill"] = interventions.allocatable_decisions(case).filter(pk=chosen).first()
        provider = request.GET.get("aanbieder", "")
        if provider.isdigit():
            initial["provider"] = int(provider)
    form = form_class(request.POST or None, case=case, initial=initial, **extra)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            interventions.intervention_start(
                actor=user,
                case=case,
                kind=kind,
                description=data["description"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                delivered_by=data.get("delivered_by"),
                provision_name=data.get("provision_name", ""),
                decision=data.get("decision"),
                provider=data.get("provider"),
                volume=data.get("volume"),
                unit=data.get("unit", ""),
                frequency=data.get("frequency", ""),
                own_employer_reason=data.get("own_employer_reason", ""),
                offered_providers=list(data.get("offered_providers") or []),
                chosen_provider=data.get("chosen_provider"),
                team_advised=bool(data.get("team_advised")),
                choice_deviation_reason=data.get("choice_deviation_reason", ""),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De interventie is vastgelegd."))
            return _back(case)
    return _render(
        request,
        form,
        {"case": case, "title": InterventionKind(kind).label, "submit": _("Vastleggen")},
    )


def _intervention(
    request: HttpRequest, pk: int, ipk: int, purpose: str
) -> tuple[Any, Case, Intervention]:
    user = _professional(request)
    case = selectors.case_get(category="interventies", user=user, pk=pk, purpose=purpose)
    intervention = (
        Intervention.objects.filter(case=case, pk=ipk)
        .select_related("delivered_by", "allocation__decision")
        .first()
    )
    if intervention is None:
        raise Http404
    intervention.case = case
    return user, case, intervention


@require_http_methods(["GET", "POST"])
def time_entry_add(request: HttpRequest, pk: int, ipk: int) -> HttpResponse:
    user, case, intervention = _intervention(request, pk, ipk, _("uren schrijven"))
    if intervention.kind != InterventionKind.LICHTE_ONDERSTEUNING:
        raise Http404
    if not (policies.is_case_worker(user, case) or intervention.delivered_by_id == user.pk):
        raise Http404
    form = TimeEntryForm(request.POST or None, initial={"worked_on": timezone.localdate()})
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            interventions.time_entry_add(
                actor=user,
                intervention=intervention,
                worked_on=data["worked_on"],
                hours=data["hours"],
                note=data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
            status = 403
        else:
            messages.success(request, _("De uren zijn geschreven."))
            return _back(case)
    return _render(
        request,
        form,
        {
            "case": case,
            "intervention": intervention,
            "title": _("Uren schrijven"),
            "submit": _("Uren schrijven"),
        },
        status,
    )


@require_http_methods(["GET", "POST"])
def intervention_scale(request: HttpRequest, pk: int, ipk: int) -> HttpResponse:
    user, case, intervention = _intervention(request, pk, ipk, _("interventie schalen"))
    selectors.require_case_worker(user, case)
    allocated = hasattr(intervention, "allocation")
    form = ScaleForm(request.POST or None, allocated=allocated)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            interventions.intervention_scale(
                actor=user,
                intervention=intervention,
                change=data["change"],
                new_volume=data["new_volume"],
                reason=data["reason"],
                change_reason=data.get("change_reason", ""),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except ConcurrentEditError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("De wijziging is vastgelegd."))
            return _back(case)
    current = interventions.current_volume(intervention)
    return _render(
        request,
        form,
        {
            "case": case,
            "intervention": intervention,
            "current_volume": current,
            "title": _("Opschalen of afschalen"),
            "submit": _("Vastleggen"),
        },
    )


@require_http_methods(["GET", "POST"])
def intervention_end(request: HttpRequest, pk: int, ipk: int) -> HttpResponse:
    user, case, intervention = _intervention(request, pk, ipk, _("interventie beëindigen"))
    selectors.require_case_worker(user, case)
    form = EndForm(
        request.POST or None,
        initial={"ends_on": timezone.localdate()},
        allocated=hasattr(intervention, "allocation"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            interventions.intervention_end(
                actor=user,
                intervention=intervention,
                ends_on=form.cleaned_data["ends_on"],
                change_reason=form.cleaned_data.get("change_reason", ""),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De interventie is beëindigd."))
            return _back(case)
    return _render(
        request,
        form,
        {
            "case": case,
            "intervention": intervention,
            "title": _("Interventie beëindigen"),
            "submit": _("Beëindigen"),
        },
    )


urlpatterns = [
    path(
        "casussen/<id:pk>/interventies/nieuw/<str:kind>/",
        intervention_start,
        name="intervention_start",
    ),
    path("casussen/<id:pk>/interventies/<id:ipk>/uren/", time_entry_add, name="time_entry_add"),
    path(
        "casussen/<id:pk>/interventies/<id:ipk>/schalen/",
        intervention_scale,
        name="intervention_scale",
    ),
    path(
        "casussen/<id:pk>/interventies/<id:ipk>/beeindigen/",
        intervention_end,
        name="intervention_end",
    ),
]
