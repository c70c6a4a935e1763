"""Deny by default: every page needs a log-in with a verified second factor."""

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from wijkteam.core.http import is_verified

OPEN_PREFIXES: tuple[str, ...] = (
    "/static/",
    "/i18n/",
    "/inloggen/",
    "/favicon.ico",
    "/toegankelijkheid/",
    "/health/",
    "/manifest.webmanifest",  # the web-app manifest, service worker and offline page: no data
    "/sw.js",
    "/offline/",
)
# the resident portal and the demo identity provider guard themselves, with their own sessions
OPEN_PREFIXES += ("/mijn/", "/idp-test/")
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


class SlidingSessionMiddleware:
    """Idle expiry that slides with activity, without a session write on every request.

    The session row's expiry is set when the session is saved (``SESSION_COOKIE_AGE`` from
    then). Saving it on every request (``SESSION_SAVE_EVERY_REQUEST``) costs an UPDATE and a
    commit per request; this saves it at most once per ``SESSION_RENEW_SECONDS``, so a session
    ends after between ``SESSION_COOKIE_AGE - SESSION_RENEW_SECONDS`` and
    ``SESSION_COOKIE_AGE`` idle seconds. Sits after ``SessionMiddleware``.
    """

    KEY = "_renewed_at"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.renew_after = int(getattr(settings, "SESSION_RENEW_SECONDS", 60))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.is_empty() or response.status_code >= 500:
            return response
        now = int(time.time())
        if session.modified or now - int(session.get(self.KEY, 0)) >= self.renew_after:
            session[self.KEY] = now  # marks the session modified: saved with a new expiry
        return response
