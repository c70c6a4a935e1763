"""Deny by default: every page needs a log-in with a verified second factor."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from wijkteam.core.http import is_verified

OPEN_PREFIXES = ("/static/", "/i18n/", "/inloggen/", "/favicon.ico", "/toegankelijkheid/")
HALF_OPEN_PREFIXES = ("/uitloggen/",)  # logged in, second factor not needed


class RequireVerifiedMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path
        if path.startswith(OPEN_PREFIXES):
            return self.get_response(request)
        user = request.user
        if path.startswith(HALF_OPEN_PREFIXES) and user.is_authenticated:
            return self.get_response(request)
        if is_verified(user):
            return self.get_response(request)
        if path.startswith("/api/"):
            return JsonResponse(
                {
                    "code": "not_authenticated",
                    "detail": _("Log in met uw tweede factor om de API te gebruiken."),
                },
                status=401,
            )
        if user.is_authenticated:
            return redirect(reverse("accounts:verify"))
        return redirect(f"{reverse(settings.LOGIN_URL)}?next={path}")
