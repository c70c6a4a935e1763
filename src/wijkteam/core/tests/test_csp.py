"""The CSP header built once per process (``core.middleware.CSPMiddleware``, issue 17) is the
header django-csp's own middleware writes, and every other case still goes through django-csp."""

from collections.abc import Callable
from typing import Any

import pytest
from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.exceptions import CSPNonceError
from csp.middleware import CSPMiddleware as DjangoCSPMiddleware
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory, override_settings

from wijkteam.core.middleware import CSPMiddleware


def _both(
    path: str = "/werkvoorraad/", prepare: Callable[[HttpRequest, HttpResponse], None] | None = None
) -> tuple[tuple[Any, Any, HttpRequest], tuple[Any, Any, HttpRequest]]:
    """(header, report-only header, request) from ours and from django-csp's middleware."""
    found = []
    for middleware in (CSPMiddleware, DjangoCSPMiddleware):
        request = RequestFactory().get(path)
        response = HttpResponse("x")
        handler = middleware(HttpResponse)
        handler.process_request(request)
        if prepare is not None:
            prepare(request, response)
        handler.process_response(request, response)
        found.append(
            (response.headers.get(HEADER), response.headers.get(HEADER_REPORT_ONLY), request)
        )
    return found[0], found[1]


def test_an_ordinary_response_gets_django_csps_header() -> None:
    ours, theirs = _both()
    assert ours[:2] == theirs[:2]
    assert "default-src 'self'" in ours[0] and "frame-ancestors 'none'" in ours[0]
    assert ours[1] is None
    with pytest.raises(CSPNonceError):  # a nonce asked for after the header: refused, as before
        str(ours[2].csp_nonce)  # type: ignore[attr-defined]


def test_a_response_with_a_policy_of_its_own_goes_through_django_csp() -> None:
    def update(_request: HttpRequest, response: HttpResponse) -> None:
        response._csp_update = {"img-src": ["https://kaart.example.nl"]}  # type: ignore[attr-defined]

    ours, theirs = _both(prepare=update)
    assert ours[:2] == theirs[:2] and "https://kaart.example.nl" in ours[0]


def test_a_nonce_used_by_the_page_is_in_the_header() -> None:
    nonces: list[str] = []

    def use(request: HttpRequest, _response: HttpResponse) -> None:
        nonces.append(str(request.csp_nonce))  # type: ignore[attr-defined]

    ours, theirs = _both(prepare=use)
    assert len(nonces) == 2 and ours[:2] == theirs[:2] and ours[0]


def test_exempt_responses_and_headers_already_set_are_left_alone() -> None:
    def exempt(_request: HttpRequest, response: HttpResponse) -> None:
        response._csp_exempt = True  # type: ignore[attr-defined]

    ours, theirs = _both(prepare=exempt)
    assert ours[0] is None and theirs[0] is None

    def own(_request: HttpRequest, response: HttpResponse) -> None:
        response[HEADER] = "default-src 'none'"

    ours, theirs = _both(prepare=own)
    assert ours[0] == theirs[0] == "default-src 'none'"


def test_a_changed_setting_is_followed() -> None:
    policy = {**settings.CONTENT_SECURITY_POLICY, "EXCLUDE_URL_PREFIXES": ["/uitgezonderd/"]}
    report = {"DIRECTIVES": {"default-src": ["'self'"], "report-uri": ["/csp/"]}}
    _both()  # the policy of the usual settings is kept now
    with override_settings(
        CONTENT_SECURITY_POLICY=policy, CONTENT_SECURITY_POLICY_REPORT_ONLY=report
    ):
        ours, theirs = _both("/uitgezonderd/x/")
        assert ours[0] is None and theirs[0] is None
        assert ours[1] == theirs[1] and "report-uri /csp/" in ours[1]
        ours, theirs = _both("/werkvoorraad/")
        assert ours[:2] == theirs[:2] and ours[0]
    ours, theirs = _both("/uitgezonderd/x/")
    assert ours[:2] == theirs[:2] and ours[0] and ours[1] is None


@pytest.mark.django_db
def test_the_stack_uses_it(client: Any) -> None:
    assert "wijkteam.core.middleware.CSPMiddleware" in settings.MIDDLEWARE
    response = client.get("/inloggen/")
    assert response[HEADER] == _both("/inloggen/")[1][0]
