"""The portal's guard: its own log-in (from its own session), never a staff account."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from .. import identity, policies, selectors
from ..identity import PortalUser

View = Callable[..., HttpResponse]


def portal_page(*, substantial: bool = False) -> Callable[[View], View]:
    """Only for a resident logged in to the portal; case content needs "substantieel"."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            portal_user = identity.current(request)
            acting = None
            if portal_user is not None and portal_user.acting_for is not None:
                representation = selectors.active_representation(
                    portal_user, portal_user.acting_for
                )
                if representation is None:  # ended or expired: back to acting for oneself
                    identity.act_self(request)
                    portal_user = identity.current(request)
                else:
                    acting = representation.represented
            request.portal_acting = acting  # type: ignore[attr-defined]
            if portal_user is None:
                response: HttpResponse = redirect(f"{reverse('portal:login')}?next={request.path}")
            elif substantial and not policies.may_see_special_categories(portal_user):
                response = render(
                    request,
                    "portal/needs_substantial.html",
                    {
                        "title": _("Hiervoor is een zekerdere inlog nodig"),
                        "portal_user": portal_user,
                    },
                    status=403,
                )
            else:
                request.portal_user = portal_user  # type: ignore[attr-defined]
                response = view(request, *args, **kwargs)
            add_never_cache_headers(response)  # OWASP ASVS 14.3.2: no-store on personal pages
            return response

        return wrapped

    return decorate


def portal_user_of(request: HttpRequest) -> PortalUser:
    return request.portal_user  # type: ignore[attr-defined]


def resident_or_none(request: HttpRequest) -> Any:
    return selectors.me(portal_user_of(request))
