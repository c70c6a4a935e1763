from urllib.parse import urlsplit

import pytest
from django.test import Client

from wijkteam.privacy.models import AccessLogEntry
from wijkteam.testing.factories import ResidentFactory

from .conftest import Bridge, login, provider_login, start_login

pytestmark = pytest.mark.django_db

VALID_BSN = "111222333"  # passes the elfproef
INVALID_BSN = "123456789"  # fails it


def test_full_flow_with_pkce_logs_in_the_resident(bridge: Bridge) -> None:
    resident = ResidentFactory(bsn=VALID_BSN)
    client = Client()
    response = login(client, bsn=VALID_BSN)
    assert response.status_code == 302 and response["Location"] == "/mijn/"
    # the back channel: the code exchanged for tokens, the signature checked against the JWKS
    assert bridge.calls == [
        "POST /idp-test/o/token/",
        "GET /idp-test/o/.well-known/jwks.json",
        "GET /idp-test/o/userinfo/",
    ]
    page = client.get("/mijn/")
    assert page.status_code == 200
    assert resident.first_name in page.content.decode()
    assert page["Cache-Control"].startswith("max-age=0") or "no-store" in page["Cache-Control"]
    # the portal has its own cookie, limited to /mijn/; the staff session cookie is not set
    assert client.cookies["wijkteam_portaal"]["path"] == "/mijn/"
    assert "sessionid" not in client.cookies


def test_a_bsn_that_fails_the_elfproef_is_refused(bridge: Bridge) -> None:
    client = Client()
    response = login(client, bsn=INVALID_BSN)
    assert response.status_code == 400
    assert "burgerservicenummer" in response.content.decode()
    assert client.get("/mijn/").status_code == 302


def test_basis_sees_no_case_content_and_is_told_why(bridge: Bridge) -> None:
    ResidentFactory(bsn=VALID_BSN)
    client = Client()
    login(client, bsn=VALID_BSN, loa="basis")
    home = client.get("/mijn/")
    assert "niveau Basis" in home.content.decode()
    for path in ("/mijn/toestemmingen/", "/mijn/wie-keek/", "/mijn/hulpvraag/1/"):
        response = client.get(path)
        assert response.status_code == 403
        assert "Substantieel" in response.content.decode()
    assert client.get("/mijn/hulp-vragen/").status_code == 200


def test_a_wrong_state_is_refused_and_nothing_logged_in(bridge: Bridge) -> None:
    ResidentFactory(bsn=VALID_BSN)
    client = Client()
    authorize = start_login(client)
    callback = provider_login(client, authorize, bsn=VALID_BSN, loa="substantieel")
    parts = urlsplit(callback)
    forged = parts.query.replace("state=", "state=x")
    response = client.get(f"{parts.path}?{forged}")
    assert response.status_code == 400
    assert "controlecode" in response.content.decode()
    assert bridge.calls == []  # the code was never exchanged
    assert client.get("/mijn/").status_code == 302


def test_a_replayed_code_is_refused(bridge: Bridge) -> None:
    ResidentFactory(bsn=VALID_BSN)
    client = Client()
    authorize = start_login(client)
    callback = provider_login(client, authorize, bsn=VALID_BSN, loa="substantieel")
    parts = urlsplit(callback)
    assert client.get(f"{parts.path}?{parts.query}").status_code == 302
    other = Client()
    other.cookies = client.cookies
    # the same callback again: the state was used up
    assert client.get(f"{parts.path}?{parts.query}").status_code == 400


def test_an_expired_or_unknown_code_is_refused(bridge: Bridge) -> None:
    client = Client()
    authorize = start_login(client)
    callback = provider_login(client, authorize, bsn=VALID_BSN, loa="substantieel")
    parts = urlsplit(callback)
    query = parts.query.replace("code=", "code=nietbestaand")
    response = client.get(f"{parts.path}?{query}")
    assert response.status_code == 400
    assert "verlopen of ongeldig" in response.content.decode()


def test_staff_session_does_not_open_the_portal(client_for, bridge: Bridge) -> None:  # type: ignore[no-untyped-def]
    from wijkteam.testing.factories import UserFactory

    staff = client_for(UserFactory())
    response = staff.get("/mijn/")
    assert response.status_code == 302 and response["Location"].startswith("/mijn/inloggen/")


def test_a_resident_never_reaches_staff_pages(bridge: Bridge) -> None:
    ResidentFactory(bsn=VALID_BSN)
    client = Client()
    login(client, bsn=VALID_BSN)
    for path in ("/", "/casussen/", "/api/teams/"):
        response = client.get(path)
        assert response.status_code in (302, 401), path
        if response.status_code == 302:
            assert response["Location"].startswith("/inloggen/")


def test_unknown_resident_can_log_in_and_reads_are_logged_with_the_resident(
    bridge: Bridge,
) -> None:
    client = Client()
    login(client, bsn=VALID_BSN)
    assert client.get("/mijn/").status_code == 200
    resident = ResidentFactory(bsn="999999990")
    client2 = Client()
    login(client2, bsn="999999990")
    client2.get("/mijn/wie-keek/")
    entry = (
        AccessLogEntry.objects.filter(resident_ids__contains=resident.pk).last()
        if False
        else (AccessLogEntry.objects.order_by("-id").first())
    )
    assert entry is not None
    assert entry.user_id is None and "Mijn wijkteam" in entry.user_name
    assert entry.resident_ids == [resident.pk]


def test_a_nonce_that_does_not_match_the_id_token_is_refused(bridge: Bridge) -> None:
    from importlib import import_module

    from django.conf import settings

    ResidentFactory(bsn=VALID_BSN)
    client = Client()
    authorize = start_login(client)
    callback = provider_login(client, authorize, bsn=VALID_BSN, loa="substantieel")
    # the portal session expects another nonce than the provider put in the ID token
    store = import_module(settings.SESSION_ENGINE).SessionStore(
        client.cookies["wijkteam_portaal"].value
    )
    states = store["oidc_states"]
    for entry in states.values():
        entry["nonce"] = "een-andere-nonce"
    store["oidc_states"] = states
    store.save()
    parts = urlsplit(callback)
    response = client.get(f"{parts.path}?{parts.query}")
    assert response.status_code == 400
    assert "verlopen of ongeldig" in response.content.decode()
    assert "POST /idp-test/o/token/" in bridge.calls  # exchanged, then the ID token refused
    assert client.get("/mijn/").status_code == 302


@pytest.mark.parametrize("loa", ["", "onbekend"])
def test_a_missing_or_unknown_assurance_level_is_refused(bridge: Bridge, loa: str) -> None:
    from wijkteam.audit.models import AuditEvent
    from wijkteam.portal.services.login import LoginRefused, portal_login

    with pytest.raises(LoginRefused) as refused:
        portal_login(bsn=VALID_BSN, loa=loa)
    assert "betrouwbaarheidsniveau ontbreekt" in str(refused.value)
    event = AuditEvent.objects.get(action="login_failed")
    assert VALID_BSN not in event.object_repr
