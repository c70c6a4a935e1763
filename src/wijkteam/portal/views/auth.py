"""Log-in through OpenID Connect (DigiD or the DigiD-test provider) and log-out."""

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import conf, identity
from ..oidc import LoginFailed, PortalAuthenticationRequestView, complete_login
from ..services.login import LoginRefused, portal_login


def login(request: HttpRequest) -> HttpResponse:
    if identity.current(request) is not None:
        return redirect("portal:home")
    return render(
        request,
        "portal/login.html",
        {"title": _("Inloggen bij Mijn wijkteam"), "configured": conf.is_configured()},
    )


def oidc_start(request: HttpRequest) -> HttpResponseBase:
    if not conf.is_configured():
        return redirect("portal:login")
    return PortalAuthenticationRequestView.as_view()(request)


def oidc_callback(request: HttpRequest) -> HttpResponse:
    try:
        claims = complete_login(request)
        portal_user = portal_login(bsn=claims.bsn, loa=claims.loa)
    except (LoginFailed, LoginRefused) as exc:
        return render(
            request,
            "portal/login.html",
            {"title": _("Inloggen is niet gelukt"), "error": str(exc), "configured": True},
            status=400,
        )
    identity.sign_in(request, portal_user)
    return redirect("portal:home")


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    identity.sign_out(request)
    return render(request, "portal/logged_out.html", {"title": _("U bent uitgelogd")})
