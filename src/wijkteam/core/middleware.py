"""Request id and security headers."""

import http.client
import uuid
from collections.abc import Callable
from typing import Any

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as _CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase

from .request_context import set_request_id


class RequestIdMiddleware:
    """Gives every request an id (``X-Request-ID``) used by the audit and access logs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        set_request_id(request_id)
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


class SecurityHeadersMiddleware:
    """Headers Django does not set itself.

    Every response to a logged-in user may carry personal data, so none of them may be stored
    by a browser or proxy (OWASP ASVS 14.3.2): ``Cache-Control: no-store``.
    """

    PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.PERMISSIONS_POLICY)
        if not request.path.startswith("/static/"):
            response["Cache-Control"] = "no-store"
        return response


class LanguageMiddleware:
    """Dutch unless the user chose otherwise with the language switch (a cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language; a Dutch municipal
    application speaks Dutch by default, whatever the browser's language.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        with translation.override(language):  # reset afterwards: no language leaks between requests
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


# What a view or decorator of django-csp can set on a response to change its policy.
_CSP_RESPONSE_ATTRIBUTES = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)
# (policy, report-only policy, excluded prefixes, excluded prefixes report-only), per process
_csp_policies: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = []


def _csp_forget(**_kwargs: object) -> None:
    _csp_policies.clear()


setting_changed.connect(_csp_forget, dispatch_uid="wijkteam.core.middleware.csp")


def _csp_settings() -> tuple[str, str, tuple[str, ...], tuple[str, ...]]:
    if not _csp_policies:
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}
        report_only = getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None) or {}
        _csp_policies.append(
            (
                build_policy(),
                build_policy(report_only=True),
                tuple(policy.get("EXCLUDE_URL_PREFIXES", None) or ()),
                tuple(report_only.get("EXCLUDE_URL_PREFIXES", None) or ()),
            )
        )
    return _csp_policies[0]


class CSPMiddleware(_CSPMiddleware):
    """django-csp's middleware, with the policy of an ordinary response built once (issue 17).

    ``build_policy`` turns the settings into the header text on every response: some dozens
    of dictionary copies for a text that only changes with the settings. A response that
    neither used a nonce (``request.csp_nonce``) nor carries a policy of its own (django-csp's
    decorators set ``_csp_config``, ``_csp_update``, ``_csp_replace`` and their report-only
    twins) gets the text built once per process (forgotten when a setting changes); any other
    response goes through django-csp unchanged. Exemption (``_csp_exempt``), the excluded
    prefixes, an existing header and the guard against a nonce asked for after the header was
    written behave as in django-csp (``core/tests/test_security.py`` compares the two).
    """

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if getattr(request, "_csp_nonce", None) is not None or any(
            getattr(response, name, None) is not None for name in _CSP_RESPONSE_ATTRIBUTES
        ):
            return super().process_response(request, response)
        if settings.DEBUG and response.status_code in (
            http.client.INTERNAL_SERVER_ERROR,
            http.client.NOT_FOUND,
        ):
            return response
        csp, csp_ro, prefixes, prefixes_ro = _csp_settings()
        path: Any = request.path_info
        if (
            csp
            and HEADER not in response
            and getattr(response, "_csp_exempt", False) is False
            and not path.startswith(prefixes)
        ):
            response[HEADER] = csp
        if (
            csp_ro
            and HEADER_REPORT_ONLY not in response
            and getattr(response, "_csp_exempt_ro", False) is False
            and not path.startswith(prefixes_ro)
        ):
            response[HEADER_REPORT_ONLY] = csp_ro
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)  # type: ignore[attr-defined]
        return response
