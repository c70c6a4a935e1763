"""The resident's decisions (beschikkingen) with their PDF and how to object."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from wijkteam.cases.documents.beschikking import render_beschikking

from .. import selectors_decisions
from .common import portal_page, portal_user_of, resident_or_none


@portal_page(substantial=True)
def decisions(request: HttpRequest) -> HttpResponse:
    portal_user = portal_user_of(request)
    resident = resident_or_none(request)
    if resident is None:
        return redirect("portal:home")
    items = selectors_decisions.my_decisions(portal_user=portal_user, resident=resident)
    return render(request, "portal/decisions.html", {"title": _("Mijn besluiten"), "items": items})


@portal_page(substantial=True)
def decision_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    portal_user = portal_user_of(request)
    resident = resident_or_none(request)
    if resident is None:
        return redirect("portal:home")
    item = selectors_decisions.my_decision(
        portal_user=portal_user, resident=resident, pk=pk, export=True
    )
    response = HttpResponse(render_beschikking(item.decision), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="beschikking-{item.decision.pk}.pdf"'
    return response
