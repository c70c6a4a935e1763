"""The portal's tests log in through the local DigiD-test provider with the real protocol.

The relying party's back-channel calls (token, JWKS, userinfo) go over ``requests``; in these
tests they are carried to the provider's views through Django's test client instead of a
socket (:class:`Bridge`). Nothing of the protocol is skipped: the same requests, the same
answers. The browser test runs the same flow over real HTTP against a live server.
"""

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.test import Client

from wijkteam.idp.services import portal_client_ensure
from wijkteam.testing.factories import (
    CaseFactory,
    NeighbourhoodFactory,
    ResidentFactory,
    TeamFactory,
)

CALLBACK = "http://testserver/mijn/inloggen/terug/"


class BridgeResponse:
    def __init__(self, response: Any, url: str) -> None:
        self.status_code = response.status_code
        self.text = response.content.decode()
        self.headers = {k.lower(): v for k, v in response.headers.items()}
        self.url = url

    def json(self) -> Any:
        return json.loads(self.text)

    def raise_for_status(self) -> None:
        import requests

        if self.status_code >= 400:
            raise requests.HTTPError(f"{self.status_code}", response=self)  # type: ignore[arg-type]


class Bridge:
    def __init__(self) -> None:
        self.client = Client()
        self.calls: list[str] = []

    def post(self, url: str, data: dict[str, Any] | None = None, **_: Any) -> BridgeResponse:
        self.calls.append(f"POST {urlsplit(url).path}")
        return BridgeResponse(self.client.post(urlsplit(url).path, data or {}), url)

    def get(self, url: str, headers: dict[str, str] | None = None, **_: Any) -> BridgeResponse:
        self.calls.append(f"GET {urlsplit(url).path}")
        extra = {"HTTP_AUTHORIZATION": headers["Authorization"]} if headers else {}
        return BridgeResponse(self.client.get(urlsplit(url).path, **extra), url)


@pytest.fixture
def portal_client_app(db: None) -> None:
    portal_client_ensure(
        client_id=settings.OIDC_RP_CLIENT_ID,
        client_secret=settings.OIDC_RP_CLIENT_SECRET,
        redirect_uris=[CALLBACK],
    )


@pytest.fixture
def bridge(monkeypatch: pytest.MonkeyPatch, portal_client_app: None) -> Iterator[Bridge]:
    b = Bridge()
    monkeypatch.setattr("mozilla_django_oidc.auth.requests.post", b.post)
    monkeypatch.setattr("mozilla_django_oidc.auth.requests.get", b.get)
    yield b


def start_login(client: Client) -> str:
    """Portal → provider: returns the provider's authorize URL (path + query)."""
    response = client.get("/mijn/inloggen/digid/")
    assert response.status_code == 302
    parts = urlsplit(response["Location"])
    query = parse_qs(parts.query)
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"][0]
    assert query["nonce"][0] and query["state"][0]
    return f"{parts.path}?{parts.query}"


def provider_login(client: Client, authorize: str, *, bsn: str, loa: str) -> str:
    """On the DigiD-test page: choose the identity; returns the callback URL with the code."""
    response = client.get(authorize)
    assert response.status_code == 302 and "/idp-test/inloggen/" in response["Location"]
    response = client.post(response["Location"], {"bsn": bsn, "loa": loa, "next": authorize})
    assert response.status_code == 302, response.content
    response = client.get(response["Location"])
    assert response.status_code == 302
    location = response["Location"]
    assert re.search(r"[?&]code=", location), location
    return location


def login(client: Client, *, bsn: str, loa: str = "substantieel") -> Any:
    authorize = start_login(client)
    callback = provider_login(client, authorize, bsn=bsn, loa=loa)
    return client.get(urlsplit(callback).path + "?" + urlsplit(callback).query)


BSN_A = "111222333"
BSN_B = "999999990"


@pytest.fixture
def setting(bridge: Bridge) -> dict[str, Any]:
    team = TeamFactory()
    buurt = NeighbourhoodFactory(district__municipality=team.municipality)
    team.neighbourhoods.add(buurt)
    case = CaseFactory(team=team, plan=True, residents=0)
    resident = ResidentFactory(household=case.household, bsn=BSN_A, neighbourhood=buurt)
    housemate = ResidentFactory(household=case.household, bsn="123456782")
    other_case = CaseFactory(team=team, residents=0)
    other = ResidentFactory(household=other_case.household, bsn=BSN_B, neighbourhood=buurt)
    return {
        "team": team,
        "buurt": buurt,
        "case": case,
        "resident": resident,
        "housemate": housemate,
        "other_case": other_case,
        "other": other,
    }


def logged_in(bsn: str, loa: str = "substantieel") -> Client:
    client = Client()
    response = login(client, bsn=bsn, loa=loa)
    assert response.status_code == 302, response.content
    return client
