"""Inzage (AVG art. 15) and correction (art. 16) from the portal."""

import json

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.rights.pdf import inzage_pdf

from .. import selectors_rights
from ..forms import CorrectionForm, InzageForm
from ..services.rights import portal_correction_request, portal_inzage_request
from .common import portal_page, portal_user_of, resident_or_none
from .messages import add_service_errors


@portal_page(substantial=True)
def requests(request: HttpRequest) -> HttpResponse:
    portal_user = portal_user_of(request)
    resident = resident_or_none(request)
    if resident is None:
        return redirect("portal:home")
    inzage_form = InzageForm()
    correction_form = CorrectionForm()
    status = 200
    if request.method == "POST":
        if request.POST.get("do") == "inzage":
            inzage_form = InzageForm(request.POST)
            form: InzageForm | CorrectionForm = inzage_form
        else:
            correction_form = CorrectionForm(request.POST)
            form = correction_form
        if form.is_valid():
            try:
                if form is inzage_form:
                    portal_inzage_request(
                        portal_user=portal_user, resident=resident, note=form.cleaned_data["note"]
                    )
                else:
                    portal_correction_request(
                        portal_user=portal_user,
                        resident=resident,
                        concerns=form.cleaned_data["concerns"],
                        requested_change=form.cleaned_data["requested_change"],
                    )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return redirect(f"{request.path}#mijn-verzoeken")
        status = 400
    page = selectors_rights.my_requests(portal_user=portal_user, resident=resident)
    return render(
        request,
        "portal/requests.html",
        {
            "title": _("Mijn gegevens inzien of verbeteren"),
            "inzage_form": inzage_form,
            "correction_form": correction_form,
            "page": page,
        },
        status=status,
    )


@portal_page(substantial=True)
def inzage_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    portal_user = portal_user_of(request)
    resident = resident_or_none(request)
    if resident is None:
        return redirect("portal:home")
    data = selectors_rights.my_inzage_export(
        portal_user=portal_user, resident=resident, pk=pk, fmt=fmt
    )
    stamp = timezone.localdate().isoformat()
    if fmt == "pdf":
        response = HttpResponse(inzage_pdf(data), content_type="application/pdf")
    else:
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
        )
    response["Content-Disposition"] = f'attachment; filename="mijn-gegevens-{stamp}.{fmt}"'
    return response
