"""Acting for someone else: a legal representative or a parent with authority switches."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import identity, selectors
from ..services.representation import portal_act_for
from .common import portal_page, portal_user_of


@portal_page(substantial=True)
def representation(request: HttpRequest) -> HttpResponse:
    portal_user = portal_user_of(request)
    error = ""
    if request.method == "POST":
        if request.POST.get("do") == "zelf":
            identity.act_self(request)
            return redirect("portal:home")
        try:
            represented_id = int(request.POST.get("resident", ""))
            chosen = portal_act_for(portal_user=portal_user, represented_id=represented_id)
        except (ValueError, PermissionDenied) as exc:
            error = str(exc) if isinstance(exc, PermissionDenied) else _("Kies een persoon.")
        else:
            identity.act_for(request, chosen.represented_id, chosen.basis)
            return redirect("portal:home")
    items = selectors.my_representations(portal_user=portal_user)
    return render(
        request,
        "portal/representation.html",
        {
            "title": _("Namens iemand anders"),
            "items": items,
            "error": error,
            "portal_user": portal_user,
        },
        status=403 if error else 200,
    )
