"""Error pages in Dutch, inside the layout; 503 when the database cannot be reached."""

import sys

from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _

from .cache import CacheUnavailable

# Errors of the connection rather than of a statement: the database is down, restarting, or
# the connection was cut. Django drops such a connection at the end of the request and opens
# a new one for the next, so the application recovers by itself once the database is back.
UNAVAILABLE_ERRORS: tuple[type[BaseException], ...] = (
    OperationalError,
    InterfaceError,
    CacheUnavailable,  # the shared cache could not confirm a delete (a log-out): nothing changed
)
RETRY_AFTER_SECONDS = 30


def _api_error(request: HttpRequest, status: int, code: str, detail: str) -> HttpResponse | None:
    """Under /api/ an error is the API's structured JSON (``core.api``), never an HTML page:
    a URL that matches no route (an id of 2⁶³ or more, a negative one) is a JSON 404."""
    if not request.path.startswith("/api/"):
        return None
    return JsonResponse({"code": code, "detail": detail}, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    api = _api_error(request, 400, "invalid", _("De aanvraag is niet geldig."))
    return api or render(request, "errors/400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 403 page says why: the application raises ``PermissionDenied`` with a Dutch reason
    for the user (which consent is missing, which role is needed); never personal data."""
    reason = str(exception) if isinstance(exception, PermissionDenied) else ""
    api = _api_error(
        request, 403, "permission_denied", reason or _("U heeft hiervoor geen toegang.")
    )
    return api or render(request, "errors/403.html", {"reason": reason}, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    api = _api_error(request, 404, "not_found", _("Niet gevonden."))
    return api or render(request, "errors/404.html", status=404)


def _database_unavailable(exc: BaseException | None) -> bool:
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, UNAVAILABLE_ERRORS):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def service_unavailable(request: HttpRequest) -> HttpResponse:
    """503 without touching the database: no session, no menu, no context processors."""
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse(
            {
                "type": "about:blank",
                "title": _("Tijdelijk niet beschikbaar"),
                "status": 503,
                "code": "service_unavailable",
                "detail": _(
                    "De gegevens zijn tijdelijk niet bereikbaar. Er is niets opgeslagen; "
                    "probeer het over %(seconds)s seconden opnieuw."
                )
                % {"seconds": RETRY_AFTER_SECONDS},
            },
            status=503,
            content_type="application/problem+json",
        )
    else:
        html = loader.render_to_string("errors/503.html", {"seconds": RETRY_AFTER_SECONDS})
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """Called by Django inside its exception handler, so the exception is still at hand."""
    if _database_unavailable(sys.exc_info()[1]):
        return service_unavailable(request)
    try:
        return render(request, "errors/500.html", status=500)
    except DatabaseError:  # the layout's menu and counts need the database
        return HttpResponse(loader.render_to_string("errors/500_plain.html"), status=500)
