"""Screens of the onderzoek: keukentafelgesprek, bijwerken, afronden, verslag (PDF, uitgereikt)."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from wijkteam.accounts.models import User
from wijkteam.core.exceptions import ConcurrentEditError
from wijkteam.core.forms_flow import add_service_errors
from wijkteam.privacy.reads import professional_user as _professional

from .. import selectors
from ..forms_investigation import CompleteForm, ConversationForm, HandedForm, InvestigationForm
from ..models import Case, Investigation
from ..sections import case_url
from ..services import investigation as services

ANCHOR = "investigation"


def _for_work(request: HttpRequest, pk: int, purpose: str) -> tuple[User, Case, Investigation]:
    user = _professional(request)
    case = selectors.case_get(category="onderzoek", user=user, pk=pk, purpose=purpose)
    selectors.require_case_worker(user, case)
    investigation = Investigation.objects.filter(case_id=case.pk).first()
    if investigation is None:
        raise Http404
    return user, case, investigation


def _form_page(
    request: HttpRequest,
    *,
    case: Case,
    form: forms.Form,
    save: Callable[[dict[str, Any]], object],
    title: str,
    intro: str,
    submit: str,
    success: str,
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except ConcurrentEditError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, success)
            return redirect(case_url(case.pk, ANCHOR))
    return render(
        request,
        "cases/investigation/form.html",
        {"form": form, "case": case, "title": title, "intro": intro, "submit": submit},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def conversation_add(request: HttpRequest, pk: int) -> HttpResponse:
    user, case, _inv = _for_work(request, pk, _("keukentafelgesprek vastleggen"))
    form = ConversationForm(request.POST or None, case=case)

    def save(data: dict[str, Any]) -> object:
        return services.conversation_add(
            actor=user,
            case=case,
            held_on=data["held_on"],
            place=data["place"],
            residents=data["residents"],
            network_members=data["network_members"],
            client_supporter_present=data["client_supporter_present"],
            other_participants=data["other_participants"],
            summary=data["summary"],
        )

    return _form_page(
        request,
        case=case,
        form=form,
        save=save,
        title=_("Keukentafelgesprek vastleggen"),
        intro=_("Leg vast wanneer en waar het gesprek was, wie erbij waren en wat is besproken."),
        submit=_("Gesprek opslaan"),
        success=_("Het keukentafelgesprek is vastgelegd."),
    )


@require_http_methods(["GET", "POST"])
def investigation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user, case, investigation = _for_work(request, pk, _("onderzoek bijwerken"))
    form = InvestigationForm(request.POST or None, investigation=investigation)

    def save(data: dict[str, Any]) -> object:
        return services.investigation_update(
            actor=user,
            case=case,
            personal_plan_received_on=data["personal_plan_received_on"],
            personal_plan_summary=data["personal_plan_summary"],
            conclusion=data["conclusion"],
            expected_fingerprint=data["fingerprint"] or None,
        )

    return _form_page(
        request,
        case=case,
        form=form,
        save=save,
        title=_("Onderzoek bijwerken"),
        intro=_(
            "Het persoonlijk plan van de inwoner en de conclusie komen in het verslag van het "
            "onderzoek."
        ),
        submit=_("Onderzoek opslaan"),
        success=_("Het onderzoek is bijgewerkt."),
    )


@require_http_methods(["GET", "POST"])
def investigation_complete(request: HttpRequest, pk: int) -> HttpResponse:
    user, case, _inv = _for_work(request, pk, _("onderzoek afronden"))
    form = CompleteForm(request.POST or None, initial={"completed_on": timezone.localdate()})

    def save(data: dict[str, Any]) -> object:
        return services.investigation_complete(
            actor=user, case=case, completed_on=data["completed_on"]
        )

    return _form_page(
        request,
        case=case,
        form=form,
        save=save,
        title=_("Onderzoek afronden"),
        intro=_(
            "Na het afronden liggen de gesprekken, het persoonlijk plan en de conclusie vast. "
            "Daarna geeft u de inwoner het verslag."
        ),
        submit=_("Onderzoek afronden"),
        success=_("Het onderzoek is afgerond. Geef de inwoner nu het verslag."),
    )


@require_http_methods(["GET", "POST"])
def verslag_handed(request: HttpRequest, pk: int) -> HttpResponse:
    user, case, _inv = _for_work(request, pk, _("uitreiken verslag vastleggen"))
    form = HandedForm(request.POST or None, initial={"handed_on": timezone.localdate()})

    def save(data: dict[str, Any]) -> object:
        return services.verslag_handed(actor=user, case=case, handed_on=data["handed_on"])

    return _form_page(
        request,
        case=case,
        form=form,
        save=save,
        title=_("Verslag uitgereikt"),
        intro=_("Leg vast op welke dag de inwoner het verslag van het onderzoek kreeg."),
        submit=_("Datum opslaan"),
        success=_("De datum van uitreiken is vastgelegd."),
    )


@require_GET
def verslag_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    user = _professional(request)
    case = selectors.case_get(
        category="onderzoek", user=user, pk=pk, purpose=_("verslag van het onderzoek downloaden")
    )
    try:
        _investigation, pdf = services.verslag_export(actor=user, case=case)
    except ValidationError as exc:
        raise Http404 from exc
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="verslag-onderzoek-{case.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


urlpatterns = [
    path("casussen/<id:pk>/onderzoek/gesprek/", conversation_add, name="conversation_add"),
    path("casussen/<id:pk>/onderzoek/bijwerken/", investigation_edit, name="investigation_edit"),
    path(
        "casussen/<id:pk>/onderzoek/afronden/",
        investigation_complete,
        name="investigation_complete",
    ),
    path("casussen/<id:pk>/onderzoek/uitgereikt/", verslag_handed, name="verslag_handed"),
    path("casussen/<id:pk>/onderzoek/verslag.pdf", verslag_pdf, name="verslag_pdf"),
]
