"""Screens of the decision stage: aanvraag, besluit (with the mandate preview), tweede akkoord,
bekendmaking, the beschikking as PDF, and the teamleider's accountability page."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wijkteam.core.forms_flow import add_service_errors
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation.models import Team
from wijkteam.privacy.reads import log_read
from wijkteam.privacy.reads import professional_user as _professional

from .. import decision_detail_html as pages
from .. import selectors
from ..constants import DecisionOutcome, DecisionStatus
from ..forms_decision import DecideForm, DecisionRequestForm, MadeKnownForm
from ..models import Case, Decision
from ..selectors_decision import decision_of_case, decision_terms, overlapping_grants
from ..services import decision as decisions
from ..services.intervention import conflict_of_interest_allocations
from ..services.terms import term_view

PAGE_SIZE = 25


def _decision(request: HttpRequest, pk: int, dpk: int, purpose: str) -> tuple[Any, Case, Decision]:
    """The case in scope (read logged) and one of its decisions; 404 otherwise."""
    user = _professional(request)
    case = selectors.case_get(category="besluiten", user=user, pk=pk, purpose=purpose)
    decision = decision_of_case(case=case, pk=dpk)
    if decision is None:
        raise Http404
    return user, case, decision


def _to_detail(case: Case, decision: Decision) -> HttpResponse:
    return redirect("cases:decision_detail", pk=case.pk, dpk=decision.pk)


@require_http_methods(["GET", "POST"])
def decision_request(request: HttpRequest, pk: int) -> HttpResponse:
    user = _professional(request)
    case = selectors.case_get(
        category="besluiten", user=user, pk=pk, purpose=_("aanvraag vastleggen")
    )
    selectors.require_case_worker(user, case)
    form = DecisionRequestForm(
        request.POST or None, case=case, initial={"requested_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = decisions.decision_request(
                actor=user,
                case=case,
                resident=data["resident"],
                law=data["law"],
                product_category=data["product_category"],
                product_code=data["product_code"],
                volume=data["volume"],
                unit=data["unit"],
                frequency=data["frequency"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                budget=data["budget"],
                requested_on=data["requested_on"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De aanvraag is vastgelegd; de beslistermijn loopt."))
            return _to_detail(case, decision)
    return render(
        request,
        pages.template_name("request"),
        {"form": form, "case": case},
        status=400 if form.is_bound and form.errors else 200,
    )


def _detail_context(user: Any, case: Case, decision: Decision) -> dict[str, Any]:
    is_leader = org_policies.is_teamleader(user, case.team)
    return {
        "case": case,
        "decision": decision,
        "terms": [term_view(t) for t in decision_terms(decision)],
        "can_approve": is_leader
        and decision.status == DecisionStatus.WACHT_OP_AKKOORD
        and decision.decided_by_id != user.pk,
        "can_decide": decision.status == DecisionStatus.AANGEVRAAGD
        and case.client_supporter_id != user.pk,
        "can_handle": decisions.may_handle_decision(user, decision),
        "is_final": decision.status == DecisionStatus.BESLOTEN,
    }


def decision_detail(request: HttpRequest, pk: int, dpk: int) -> HttpResponse:
    user, case, decision = _decision(request, pk, dpk, _("besluit bekeken"))
    return render(request, pages.template_name("detail"), _detail_context(user, case, decision))


def _verdict_view(verdict: Any) -> dict[str, str]:
    if not verdict.allowed:
        return {"status": "overdue", "label": _("Buiten uw mandaat"), "reason": verdict.reason}
    if verdict.needs_second_approval:
        return {"status": "due_soon", "label": _("Tweede akkoord nodig"), "reason": verdict.reason}
    return {"status": "on_time", "label": _("Binnen uw mandaat"), "reason": verdict.reason}


@require_http_methods(["GET", "POST"])
def decision_take(request: HttpRequest, pk: int, dpk: int) -> HttpResponse:
    user, case, decision = _decision(request, pk, dpk, _("besluiten op een aanvraag"))
    if decision.status != DecisionStatus.AANGEVRAAGD:
        messages.info(request, _("Over deze aanvraag is al besloten."))
        return _to_detail(case, decision)
    if request.method == "GET" and case.client_supporter_id == user.pk:
        # The form is not even offered: a cliëntondersteuner never decides on their case. (A
        # POST goes to the service, which records the refused attempt.)
        raise PermissionDenied(
            _(
                "U bent cliëntondersteuner van deze casus en mag daarom nooit over deze casus "
                "beslissen. Een beslisser van het team neemt het besluit."
            )
        )
    form = DecideForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decided = decisions.decision_take(
                actor=user,
                decision=decision,
                outcome=data["outcome"],
                motivation=data["motivation"],
                legal_basis=data["legal_basis"],
                deviates_from_protocol=data["deviates_from_protocol"],
                deviation_justification=data["deviation_justification"],
                granted_volume=data["granted_volume"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
            status = 403
        else:
            if decided.status == DecisionStatus.WACHT_OP_AKKOORD:
                messages.success(
                    request, _("Het besluit is vastgelegd en wacht op het tweede akkoord.")
                )
            else:
                messages.success(request, _("Het besluit is genomen."))
            return _to_detail(case, decided)
    if form.is_bound and form.errors and status == 200:
        status = 400
    previews = [
        (
            DecisionOutcome(outcome).label,
            _verdict_view(decisions.mandate_verdict(user=user, decision=decision, outcome=outcome)),
        )
        for outcome in (DecisionOutcome.TOEGEKEND, DecisionOutcome.AFGEWEZEN)
    ]
    return render(
        request,
        pages.template_name("take"),
        {
            "form": form,
            "case": case,
            "decision": decision,
            "previews": previews,
            "overlaps": overlapping_grants(user=user, decision=decision),
        },
        status=status,
    )


@require_POST
def decision_approve(request: HttpRequest, pk: int, dpk: int) -> HttpResponse:
    user, case, decision = _decision(request, pk, dpk, _("tweede akkoord op een besluit"))
    try:
        decisions.decision_approve(actor=user, decision=decision)
    except (PermissionDenied, ValidationError) as exc:
        context = _detail_context(user, case, decision)
        context["error"] = " ".join(getattr(exc, "messages", [str(exc)]))
        status = 403 if isinstance(exc, PermissionDenied) else 400
        return render(request, pages.template_name("detail"), context, status=status)
    messages.success(request, _("U heeft het tweede akkoord gegeven; het besluit is definitief."))
    return _to_detail(case, decision)


@require_http_methods(["GET", "POST"])
def decision_made_known(request: HttpRequest, pk: int, dpk: int) -> HttpResponse:
    user, case, decision = _decision(request, pk, dpk, _("bekendmaking vastleggen"))
    if not decisions.may_handle_decision(user, decision):
        raise Http404
    form = MadeKnownForm(request.POST or None, initial={"made_known_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            decisions.decision_made_known(
                actor=user, decision=decision, made_known_on=form.cleaned_data["made_known_on"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De bekendmaking is vastgelegd; de bezwaartermijn loopt."))
            return _to_detail(case, decision)
    return render(
        request,
        "cases/decision/made_known.html",
        {"form": form, "case": case, "decision": decision},
        status=400 if form.is_bound and form.errors else 200,
    )


def decision_pdf(request: HttpRequest, pk: int, dpk: int) -> HttpResponse:
    user, case, decision = _decision(request, pk, dpk, _("beschikking maken"))
    if not decisions.may_handle_decision(user, decision):
        raise Http404
    try:
        pdf = decisions.decision_beschikking(actor=user, decision=decision)
    except ValidationError as exc:
        context = _detail_context(user, case, decision)
        context["error"] = " ".join(exc.messages)
        return render(request, pages.template_name("detail"), context, status=400)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="beschikking-{decision.pk}.pdf"'
    return response


def accountability(request: HttpRequest) -> HttpResponse:
    """Protocol deviations and allocations to a member's own employer, for the teamleider."""
    user = _professional(request)
    teams = list(Team.objects.filter(pk__in=org_policies.leader_team_ids(user)).order_by("name"))
    if not teams:
        raise Http404
    raw = request.GET.get("team", "")
    if raw:
        team = next((t for t in teams if str(t.pk) == raw), None)
        if team is None:
            raise Http404
    else:
        team = teams[0]

    def page_of(qs: Any, param: str) -> Any:
        number = request.GET.get(param, "1")
        return Paginator(qs, PAGE_SIZE).get_page(int(number) if number.isdigit() else 1)

    deviations = page_of(decisions.protocol_deviations(team), "pagina_afwijkingen")
    allocations = page_of(conflict_of_interest_allocations(team), "pagina_toewijzingen")
    residents = [d.resident_id for d in deviations.object_list] + [
        a.decision.resident_id for a in allocations.object_list
    ]
    if residents:
        log_read(user=user, residents=residents, purpose=_("verantwoording bekeken"))
    return render(
        request,
        "cases/decision/accountability.html",
        {"team": team, "teams": teams, "deviations": deviations, "allocations": allocations},
    )


urlpatterns = [
    path("casussen/<id:pk>/aanvragen/nieuw/", decision_request, name="decision_request"),
    path("casussen/<id:pk>/besluiten/<id:dpk>/", decision_detail, name="decision_detail"),
    path("casussen/<id:pk>/besluiten/<id:dpk>/besluiten/", decision_take, name="decision_take"),
    path("casussen/<id:pk>/besluiten/<id:dpk>/akkoord/", decision_approve, name="decision_approve"),
    path(
        "casussen/<id:pk>/besluiten/<id:dpk>/bekendmaking/",
        decision_made_known,
        name="decision_made_known",
    ),
    path(
        "casussen/<id:pk>/besluiten/<id:dpk>/beschikking.pdf",
        decision_pdf,
        name="decision_pdf",
    ),
    path("teamleider/verantwoording/", accountability, name="accountability"),
]
