"""Inzage (AVG art. 15) and correction (art. 16) screens: the requests per resident and open
ones, registering, the inzage export, extending and completing, and deciding a correction."""

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkteam.core.forms_flow import add_service_errors
from wijkteam.privacy.constants import InzageStatus
from wijkteam.rights import inzage as inzage_export
from wijkteam.rights import pdf, selectors, services
from wijkteam.rights.forms import (
    CorrectionDecideForm,
    CorrectionForm,
    InzageCompleteForm,
    InzageExtendForm,
    InzageForm,
)
from wijkteam.rights.views.common import _form_page, _professional, term_status


def requests_for_resident(request: HttpRequest, resident_pk: int) -> HttpResponse:
    user = _professional(request)
    resident = selectors.resident_for_privacy(
        user=user, pk=resident_pk, purpose=_("inzage- en correctieverzoeken bekeken")
    )
    inzage = [
        (r, term_status(r.due_on, r.provided_on))
        for r in selectors.inzage_requests(resident=resident)
    ]
    corrections = [
        (c, term_status(c.due_on, c.decided_on))
        for c in selectors.correction_requests(resident=resident)
    ]
    return render(
        request,
        "privacy/requests_for_resident.html",
        {"resident": resident, "inzage": inzage, "corrections": corrections},
    )


def open_requests(request: HttpRequest) -> HttpResponse:
    user = _professional(request)
    inzage = [(r, term_status(r.due_on)) for r in selectors.open_inzage_requests(user=user)]
    corrections = [
        (c, term_status(c.due_on)) for c in selectors.open_correction_requests(user=user)
    ]
    return render(
        request, "privacy/open_requests.html", {"inzage": inzage, "corrections": corrections}
    )


@require_http_methods(["GET", "POST"])
def inzage_create(request: HttpRequest, resident_pk: int) -> HttpResponse:
    user = _professional(request)
    resident = selectors.resident_for_privacy(
        user=user, pk=resident_pk, purpose=_("inzageverzoek registreren")
    )
    form = InzageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.inzage_register(actor=user, resident=resident, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Het inzageverzoek is geregistreerd. Beantwoord het uiterlijk op %s.")
                % created.due_on.strftime("%d-%m-%Y"),
            )
            return redirect("privacy:inzage_detail", pk=created.pk)
    return _form_page(
        request,
        form,
        {
            "title": _("Inzageverzoek registreren voor %s") % resident.full_name,
            "intro": _(
                "De inwoner heeft recht op inzage in alle gegevens (AVG artikel 15). Het verzoek "
                "wordt binnen een maand beantwoord; verlengen met twee maanden kan één keer."
            ),
            "cancel_url": reverse("privacy:requests", args=[resident.pk]),
            "submit": _("Registreren"),
        },
    )


def inzage_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _professional(request)
    item = selectors.inzage_get(user=user, pk=pk)
    return render(
        request,
        "privacy/inzage_detail.html",
        {
            "item": item,
            "resident": item.resident,
            "term": term_status(item.due_on, item.provided_on),
            "is_open": item.status == InzageStatus.ONTVANGEN,
        },
    )


def inzage_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    user = _professional(request)
    item = selectors.inzage_get(user=user, pk=pk, log=False)  # the export logs itself
    data = inzage_export.inzage_export(user=user, request=item, fmt=fmt)
    stamp = timezone.localdate().isoformat()
    if fmt == "pdf":
        response = HttpResponse(pdf.inzage_pdf(data), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="inzage-{item.pk}-{stamp}.pdf"'
        return response
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="inzage-{item.pk}-{stamp}.json"'
    return response


def _inzage_action(
    request: HttpRequest, pk: int, form_class: type[forms.Form], title: str
) -> HttpResponse:
    user = _professional(request)
    item = selectors.inzage_get(user=user, pk=pk)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form_class is InzageExtendForm:
                services.inzage_extend(actor=user, request=item, reason=form.cleaned_data["reason"])
            else:
                services.inzage_complete(
                    actor=user, request=item, provided_on=form.cleaned_data["provided_on"]
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het inzageverzoek is bijgewerkt."))
            return redirect("privacy:inzage_detail", pk=item.pk)
    return _form_page(
        request,
        form,
        {
            "title": title,
            "cancel_url": reverse("privacy:inzage_detail", args=[item.pk]),
            "submit": _("Opslaan"),
        },
    )


@require_http_methods(["GET", "POST"])
def inzage_extend(request: HttpRequest, pk: int) -> HttpResponse:
    return _inzage_action(
        request, pk, InzageExtendForm, _("Termijn van het inzageverzoek verlengen")
    )


@require_http_methods(["GET", "POST"])
def inzage_complete(request: HttpRequest, pk: int) -> HttpResponse:
    return _inzage_action(request, pk, InzageCompleteForm, _("Inzageverzoek afhandelen"))


@require_http_methods(["GET", "POST"])
def correction_create(request: HttpRequest, resident_pk: int) -> HttpResponse:
    user = _professional(request)
    resident = selectors.resident_for_privacy(
        user=user, pk=resident_pk, purpose=_("correctieverzoek registreren")
    )
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.correction_register(actor=user, resident=resident, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het correctieverzoek is geregistreerd."))
            return redirect("privacy:requests", resident_pk=resident.pk)
    return _form_page(
        request,
        form,
        {
            "title": _("Correctieverzoek registreren voor %s") % resident.full_name,
            "intro": _(
                "De inwoner kan vragen onjuiste gegevens te verbeteren (AVG artikel 16). Verbeter "
                "de gegevens zelf in het dossier en leg hier de uitkomst vast."
            ),
            "cancel_url": reverse("privacy:requests", args=[resident.pk]),
            "submit": _("Registreren"),
        },
    )


@require_http_methods(["GET", "POST"])
def correction_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = _professional(request)
    correction = selectors.correction_get(user=user, pk=pk)
    form = CorrectionDecideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.correction_decide(
                actor=user,
                correction=correction,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
                decided_on=form.cleaned_data["decided_on"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De uitkomst van het correctieverzoek is vastgelegd."))
            return redirect("privacy:requests", resident_pk=correction.resident_id)
    return _form_page(
        request,
        form,
        {
            "title": _("Besluit op correctieverzoek"),
            "intro": correction.concerns,
            "cancel_url": reverse("privacy:requests", args=[correction.resident_id]),
            "submit": _("Vastleggen"),
        },
    )
