"""Screens: the message log, one message, the providers page of a case, answering a provider's
request, doorzettingsmacht (deploy, stop, escalate, answer)."""

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from wijkteam.core.forms_flow import add_service_errors
from wijkteam.privacy.reads import professional_user

from . import selectors, services
from .constants import EscalationStatus, RequestStatus
from .forms import (
    AllocateForm,
    DeployForm,
    EscalationAnswerForm,
    LogFilterForm,
    RefuseForm,
    StopForm,
)


def _page_number(request: HttpRequest) -> int:
    number = request.GET.get("pagina", "1")
    return int(number) if number.isdigit() else 1


@require_GET
def message_log(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = LogFilterForm(request.GET or None)
    status = direction = ""
    if form.is_valid():
        status, direction = form.cleaned_data["status"], form.cleaned_data["richting"]
    view = selectors.message_log_page(
        user=user,  # type: ignore[arg-type]
        page=_page_number(request),
        status=status,
        direction=direction,
    )
    return render(request, "iwmo/log.html", {"view": view, "page": view.page, "form": form})


@require_GET
def message_detail(request: HttpRequest, pk: int) -> HttpResponse:
    view = selectors.message_detail(user=request.user, pk=pk)  # type: ignore[arg-type]
    response = render(request, "iwmo/message.html", {"view": view, "m": view.message})
    response["Cache-Control"] = "no-store"
    return response


def _case_context(user: Any, pk: int) -> dict[str, Any]:
    view = selectors.case_page(user=user, case_pk=pk)
    return {"view": view, "case": view.case, "current_link": selectors.LINK_SLUG}


@require_GET
def case_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = professional_user(request)
    return render(request, "iwmo/case.html", _case_context(user, pk))


def _back(pk: int) -> HttpResponse:
    return redirect(reverse("iwmo:case", args=[pk]))


@require_http_methods(["GET", "POST"])
def request_answer(request: HttpRequest, pk: int, request_pk: int) -> HttpResponse:
    user = professional_user(request)
    provider_request = selectors.request_get(user=user, case_pk=pk, pk=request_pk)
    allocations = selectors.answerable_allocations(provider_request)
    post = request.POST if request.method == "POST" else None
    action = request.POST.get("actie", "")
    allocate_form = AllocateForm(post if action == "toewijzen" else None, allocations=allocations)
    refuse_form = RefuseForm(post if action == "afwijzen" else None)
    status = 200
    if post is not None and provider_request.status == RequestStatus.OPEN and action == "onderzoek":
        try:
            services.request_investigate(actor=user, request=provider_request)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(
                request,
                _(
                    "De aanbieder krijgt een 319: de aanvraag is in onderzoek. Het verzoek blijft open."
                ),
            )
        return redirect(reverse("iwmo:request", args=[pk, provider_request.pk]))
    if post is not None and provider_request.status == RequestStatus.OPEN:
        form = allocate_form if action == "toewijzen" else refuse_form
        if action in ("toewijzen", "afwijzen") and form.is_valid():
            try:
                if action == "toewijzen":
                    services.request_allocate(
                        actor=user,
                        request=provider_request,
                        allocation=form.cleaned_data["allocation"],
                    )
                    messages.success(
                        request,
                        _("Het verzoek is toegewezen; de aanbieder krijgt de toewijzing (301)."),
                    )
                else:
                    services.request_refuse(
                        actor=user,
                        request=provider_request,
                        reason=form.cleaned_data["reason"],
                        reason_code=form.cleaned_data["reason_code"],
                    )
                    messages.success(
                        request, _("Het verzoek is afgewezen; de aanbieder krijgt een 319.")
                    )
                return _back(pk)
            except ValidationError as exc:
                add_service_errors(form, exc)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
        status = 400
    return render(
        request,
        "iwmo/request.html",
        {
            "r": provider_request,
            "case": provider_request.case,
            "allocate_form": allocate_form,
            "refuse_form": refuse_form,
            "has_allocations": allocations.exists(),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def deploy(request: HttpRequest, pk: int) -> HttpResponse:
    user = professional_user(request)
    context = _case_context(user, pk)
    case = context["case"]
    today = timezone.localdate()
    form = DeployForm(
        request.POST if request.method == "POST" else None,
        case=case,
        initial={"starts_on": today, "ends_on": today + datetime.timedelta(weeks=6)},
    )
    outside = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if request.POST.get("escaleren"):
                services.escalation_create(
                    actor=user,
                    case=case,
                    mandate_note=request.POST.get("mandaat", "")[:250],
                    **data,
                )
                messages.success(
                    request,
                    _("De vraag ligt bij de teamleider; die antwoordt binnen drie werkdagen."),
                )
            else:
                services.specialist_deploy(actor=user, case=case, **data)
                messages.success(request, _("De specialist is ingezet (doorzettingsmacht)."))
            return _back(pk)
        except services.OutsideMandate as exc:
            outside = exc.reason
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
    status = 400 if form.is_bound and (form.errors or outside) else 200
    return render(
        request, "iwmo/deploy.html", {**context, "form": form, "outside": outside}, status=status
    )


@require_http_methods(["GET", "POST"])
def deploy_stop(request: HttpRequest, pk: int, deployment_pk: int) -> HttpResponse:
    user = professional_user(request)
    deployment = selectors.deployment_get(user=user, case_pk=pk, pk=deployment_pk)
    form = StopForm(
        request.POST if request.method == "POST" else None,
        initial={"stopped_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.specialist_stop(actor=user, deployment=deployment, **form.cleaned_data)
            messages.success(request, _("De inzet van de specialist is gestopt."))
            return _back(pk)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "iwmo/stop.html",
        {"form": form, "deployment": deployment, "case": deployment.case},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def escalation_answer(request: HttpRequest, pk: int, escalation_pk: int) -> HttpResponse:
    user = professional_user(request)
    escalation = selectors.escalation_get(user=user, case_pk=pk, pk=escalation_pk)
    form = EscalationAnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and escalation.status == EscalationStatus.OPEN and form.is_valid():
        try:
            services.escalation_answer(
                actor=user,
                escalation=escalation,
                deploy=form.cleaned_data["decision"] == "inzetten",
                answer=form.cleaned_data["answer"],
            )
            messages.success(request, _("Uw antwoord is vastgelegd."))
            return _back(pk)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "iwmo/escalation.html",
        {"form": form, "e": escalation, "case": escalation.case},
        status=status,
    )
