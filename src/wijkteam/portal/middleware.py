"""Separate sessions for the resident portal (and the demo identity provider).

Django's session middleware keeps one cookie for the whole site. The portal must not share it
with the staff side: a resident's session can never carry a staff log-in and the other way
round. Under each prefix of ``SESSION_NAMESPACES`` (path prefix → cookie name) this middleware
reads and writes another cookie, limited to that path, so the browser never even sends the
portal cookie to a staff page. Everywhere else it is Django's own middleware.
"""

import time
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date

DEFAULT_NAMESPACES: dict[str, str] = {"/mijn/": "wijkteam_portaal"}


def session_namespaces() -> dict[str, str]:
    return {**DEFAULT_NAMESPACES, **getattr(settings, "SESSION_NAMESPACES", {})}


def namespace_for(path: str) -> tuple[str, str] | None:
    """``(path prefix, cookie name)`` of the namespace ``path`` falls in, or ``None``."""
    for prefix, cookie in session_namespaces().items():
        if path.startswith(prefix):
            return prefix, cookie
    return None


class NamespacedSessionMiddleware(SessionMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        namespace = namespace_for(request.path)
        if namespace is None:
            return super().process_request(request)
        request.session = self.SessionStore(request.COOKIES.get(namespace[1]))
        request.session_namespace = namespace  # type: ignore[attr-defined]
        return None

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        namespace: tuple[str, str] | None = getattr(request, "session_namespace", None)
        if namespace is None:
            return super().process_response(request, response)
        prefix, cookie = namespace
        try:
            session: Any = request.session
            accessed, modified, empty = session.accessed, session.modified, session.is_empty()
        except AttributeError:
            return response
        if cookie in request.COOKIES and empty:
            response.delete_cookie(
                cookie, path=prefix, domain=settings.SESSION_COOKIE_DOMAIN, samesite="Lax"
            )
            patch_vary_headers(response, ("Cookie",))
            return response
        if accessed:
            patch_vary_headers(response, ("Cookie",))
        if (modified or settings.SESSION_SAVE_EVERY_REQUEST) and not empty:
            if response.status_code >= 500:
                return response
            try:
                session.save()
            except UpdateError as exc:
                raise SessionInterrupted("The portal session was deleted meanwhile.") from exc
            max_age = None if session.get_expire_at_browser_close() else session.get_expiry_age()
            response.set_cookie(
                cookie,
                session.session_key,
                max_age=max_age,
                expires=http_date(time.time() + max_age) if max_age else None,
                domain=settings.SESSION_COOKIE_DOMAIN,
                path=prefix,
                secure=bool(settings.SESSION_COOKIE_SECURE),
                httponly=True,
                samesite="Lax",
            )
            patch_vary_headers(response, ("Cookie",))
        return response
