"""The DigiD-test pages: pick a BSN and assurance level, then the OAuth authorize endpoint."""

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from oauth2_provider.views import AuthorizationView

from wijkteam.residents.models import Resident

from .forms import DigidTestForm
from .models import TestIdentity
from .services import identity_login

SESSION_KEY = "digid_test_identity"
DEMO_RESIDENTS_SHOWN = 8


def _demo_residents() -> list[dict[str, str]]:
    rows = Resident.objects.exclude(bsn="").order_by("pk").values_list("bsn", "first_name")
    return [{"bsn": bsn, "name": name} for bsn, name in rows[:DEMO_RESIDENTS_SHOWN]]


def login(request: HttpRequest) -> HttpResponse:
    next_url = request.GET.get("next") or request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    form = DigidTestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        identity = identity_login(bsn=form.cleaned_data["bsn"], loa=form.cleaned_data["loa"])
        request.session.cycle_key()
        request.session[SESSION_KEY] = identity.pk
        return HttpResponseRedirect(next_url or reverse("idp:login"))
    return render(
        request,
        "idp/login.html",
        {
            "form": form,
            "next": next_url,
            "demo_residents": _demo_residents(),
            "title": _("Inloggen met DigiD-test"),
        },
    )


class DigidTestAuthorizationView(AuthorizationView):
    """The authorize endpoint; the person is the test identity chosen on the log-in page.

    The identity's user is inactive on purpose (it can log in nowhere else), so it is set on
    the request from this provider's own session instead of through ``django.contrib.auth``.
    """

    login_url = reverse_lazy("idp:login")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        identity_id = request.session.get(SESSION_KEY)
        identity = (
            TestIdentity.objects.select_related("user").filter(pk=identity_id).first()
            if identity_id
            else None
        )
        if identity is not None:
            request.user = identity.user
            # one log-in per authorization: the next portal log-in asks again
            del request.session[SESSION_KEY]
        return super().dispatch(request, *args, **kwargs)
