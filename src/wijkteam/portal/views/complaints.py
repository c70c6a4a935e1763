"""A klacht about the team or a provider, and a bezwaar against one of my decisions."""

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import selectors_decisions as sel
from ..forms import ComplaintForm, ObjectionForm
from ..services.complaints import portal_complaint_file, portal_objection_file
from .common import portal_page, portal_user_of, resident_or_none
from .messages import add_service_errors


@portal_page(substantial=True)
def complaint(request: HttpRequest) -> HttpResponse:
    portal_user = portal_user_of(request)
    resident = resident_or_none(request)
    if resident is None:
        return redirect("portal:home")
    cases = sel.complaint_cases(resident)
    providers = sel.complaint_providers(resident)
    status = 200
    if request.method == "POST":
        form = ComplaintForm(request.POST, cases=cases, providers=providers)
        if form.is_valid():
            data = form.cleaned_data
            team = sel.complaint_team(resident, data["case"])
            try:
                if team is None:
                    raise ValidationError(
                        _("Wij weten niet welk wijkteam uw klacht behandelt. Bel de gemeente.")
                    )
                portal_complaint_file(
                    portal_user=portal_user,
                    resident=resident,
                    team=team,
                    subject=data["subject"],
                    summary=data["summary"],
                    case=data["case"],
                    provider=data["provider"],
                    submission_token=data["submission_token"],
                )
            except PermissionDenied as exc:
                raise Http404() from exc
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return redirect(f"{request.path}#mijn-klachten")
        status = 400
    else:
        form = ComplaintForm(
            initial={"submission_token": uuid.uuid4()}, cases=cases, providers=providers
        )
    items = sel.my_complaints(portal_user=portal_user, resident=resident)
    return render(
        request,
        "portal/complaint.html",
        {"title": _("Een klacht indienen"), "form": form, "complaints": items},
        status=status,
    )


@portal_page(substantial=True)
def objection(request: HttpRequest, pk: int) -> HttpResponse:
    portal_user = portal_user_of(request)
    resident = resident_or_none(request)
    if resident is None:
        return redirect("portal:home")
    item = sel.my_decision(portal_user=portal_user, resident=resident, pk=pk)
    if not item.objection_open:
        return redirect("portal:decisions")
    assert item.objection_until is not None
    late = timezone.localdate() > item.objection_until
    status = 200
    if request.method == "POST":
        form = ObjectionForm(request.POST, late=late)
        if form.is_valid():
            try:
                portal_objection_file(
                    portal_user=portal_user,
                    resident=resident,
                    decision=item.decision,
                    grounds=form.cleaned_data["grounds"],
                    why_late=form.cleaned_data.get("why_late", ""),
                    submission_token=form.cleaned_data["submission_token"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return redirect(f"{reverse('portal:decisions')}#besluit-{pk}")
        status = 400
    else:
        form = ObjectionForm(initial={"submission_token": uuid.uuid4()}, late=late)
    return render(
        request,
        "portal/objection.html",
        {"title": _("Bezwaar maken"), "form": form, "item": item, "late": late},
        status=status,
    )
