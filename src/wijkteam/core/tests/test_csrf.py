"""The CSRF token masked from one read of the random source (``core/csrf.py``, issue 17).

The token must be what Django's ``get_token`` gives: a fresh mask of characters of the
alphabet, uniform and independent, followed by the secret enciphered with it, accepted by
``CsrfViewMiddleware``; and the cookie flagged for renewal as ``get_token`` flags it.
"""

import re
from collections import Counter
from typing import Any

import pytest
from django.conf import settings
from django.middleware.csrf import (
    CSRF_ALLOWED_CHARS,
    _get_new_csrf_string,
    _unmask_cipher_token,
    get_token,
)
from django.template import engines
from django.test import Client, RequestFactory
from django.urls import reverse

from wijkteam.conftest import verified_client
from wijkteam.core import csrf
from wijkteam.testing.factories import MembershipFactory

_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')


def _request(secret: str | None) -> Any:
    request = RequestFactory().get("/")
    if secret is not None:
        request.META["CSRF_COOKIE"] = secret
    return request


def test_the_token_unmasks_to_the_secret_and_is_new_every_time() -> None:
    secret = _get_new_csrf_string()
    request = _request(secret)
    tokens = {csrf.masked_token(request) for _ in range(200)}
    assert len(tokens) == 200
    for token in tokens:
        assert len(token) == 64 and set(token) <= set(CSRF_ALLOWED_CHARS)
        assert _unmask_cipher_token(token) == secret
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True


def test_every_character_of_the_mask_is_equally_likely() -> None:
    counts = Counter("".join(csrf._mask() for _ in range(4000)))  # 128,000 characters
    assert set(counts) == set(CSRF_ALLOWED_CHARS)
    expected = 4000 * 32 / len(CSRF_ALLOWED_CHARS)  # 2,065 each
    assert all(abs(n - expected) < 0.15 * expected for n in counts.values())


def test_bytes_that_would_bias_the_mask_are_thrown_away(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bytes 248…255 would favour the first eight characters: they are skipped, and the
    random source is read again until 32 characters are found."""
    reads = iter([bytes(range(248, 256)) * 5, bytes(range(40)), bytes(range(40))])
    monkeypatch.setattr(csrf.os, "urandom", lambda _n: next(reads))
    assert csrf._mask() == CSRF_ALLOWED_CHARS[:32]


def test_without_a_cookie_or_with_an_odd_secret_django_decides() -> None:
    request = _request(None)
    token = csrf.masked_token(request)
    assert _unmask_cipher_token(token) == request.META["CSRF_COOKIE"]  # a new secret, set
    # A secret outside the alphabet (the middleware never lets one through): as Django does.
    with pytest.raises(ValueError):
        get_token(_request("!" * 32))
    with pytest.raises(ValueError):
        csrf.masked_token(_request("!" * 32))


def test_the_template_context_has_this_token() -> None:
    request = _request(_get_new_csrf_string())
    html = engines["django"].from_string("{% csrf_token %}").render({}, request)
    token = _TOKEN.search(html)
    assert token and _unmask_cipher_token(token.group(1)) == request.META["CSRF_COOKIE"]


@pytest.mark.django_db
def test_the_layouts_token_is_accepted_and_a_changed_one_is_refused() -> None:
    user = MembershipFactory().user
    client: Client = verified_client(user)
    client.handler.enforce_csrf_checks = True  # type: ignore[attr-defined]
    page = client.get(reverse("home:home"))
    tokens = _TOKEN.findall(page.content.decode())
    assert len(tokens) >= 2 and settings.CSRF_COOKIE_NAME in page.cookies
    assert len(set(tokens)) == 1  # one token per render, as the engine's lazy value gives
    wrong = tokens[0][:32] + tokens[0][32:][::-1]
    refused = client.post(
        reverse("set_language"), {"language": "en", "next": "/"}, HTTP_X_CSRFTOKEN=wrong
    )
    assert refused.status_code == 403
    accepted = client.post(
        reverse("set_language"), {"language": "en", "next": "/", "csrfmiddlewaretoken": tokens[0]}
    )
    assert accepted.status_code == 302
