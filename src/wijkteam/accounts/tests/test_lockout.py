"""Fair lock-out: per user name and client, per client, a growing delay for a user name alone;
the functioneel beheerder sees and lifts lock-outs (issue 16)."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkteam.accounts import lockout
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.models import AuditEvent
from wijkteam.testing.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "Wachtwoord-voor-tests-1"
LOGIN = "/inloggen/"


def age_attempts(minutes: int = 1) -> None:
    """Let time pass for the recorded failures (past any delay, inside the cool-off)."""
    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - datetime.timedelta(minutes=minutes)
    )


def fail(username: str, ip: str = "127.0.0.1") -> int:
    response = Client(REMOTE_ADDR=ip).post(LOGIN, {"username": username, "password": "fout"})
    return response.status_code


def login(username: str, ip: str = "127.0.0.1"):
    return Client(REMOTE_ADDR=ip).post(LOGIN, {"username": username, "password": PASSWORD})


@pytest.fixture
def anna():
    user = UserFactory(username="anna")
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    return user


def test_delay_grows():
    assert [lockout.delay_seconds(n) for n in range(1, 10)] == [0, 0, 2, 4, 8, 16, 32, 60, 60]


def test_a_user_name_alone_is_delayed_never_locked(anna):
    for n in range(lockout.DELAY_AFTER):
        assert fail("anna", ip=f"10.0.0.{n + 1}") == 400
    refused = login("anna", ip="10.0.1.1")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "Wacht" in refused.content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.DENIED, object_repr="anna").exists()
    age_attempts()
    assert login("anna", ip="10.0.1.1").status_code == 302  # the owner still gets in


def test_user_name_and_client_lock_leaves_other_clients_free(anna):
    for _ in range(lockout.USER_CLIENT_LIMIT):
        fail("anna", ip="10.0.0.9")
        age_attempts()
    locked = login("anna", ip="10.0.0.9")
    assert locked.status_code == 429 and "dit apparaat" in locked.content.decode()
    age_attempts()  # past the user name's delay
    assert login("anna", ip="10.0.0.10").status_code == 302


def test_spraying_from_one_client_locks_that_client(anna):
    for n in range(lockout.CLIENT_LIMIT):
        fail(f"naam{n}", ip="10.0.0.66")
    locked = login("anna", ip="10.0.0.66")
    assert locked.status_code == 429 and "dit adres" in locked.content.decode()
    assert login("anna", ip="10.0.0.67").status_code == 302


def test_no_user_name_or_address_in_the_application_log(anna, caplog):
    with caplog.at_level("DEBUG"):
        for _ in range(lockout.USER_CLIENT_LIMIT + 1):
            fail("anna", ip="10.0.0.9")
            age_attempts()
    assert caplog.records
    assert not [
        r for r in caplog.records if "anna" in r.getMessage() or "10.0.0.9" in r.getMessage()
    ]


def test_the_beheerder_sees_and_lifts_a_lockout(anna, client_for, beheerder):
    for _ in range(lockout.USER_CLIENT_LIMIT):
        fail("anna", ip="10.0.0.9")
        age_attempts()
    page = client_for(beheerder).get(reverse("accounts:lockout_list"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "anna" in html and "10.0.0.9" in html
    lifted = client_for(beheerder).post(
        reverse("accounts:lockout_list"), {"username": "anna", "ip_address": "10.0.0.9"}
    )
    assert lifted.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert login("anna", ip="10.0.0.9").status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.DELETE, actor_id=beheerder.pk).exists()


def test_only_the_beheerder_sees_the_lockouts(client_for):
    professional = UserFactory()
    assert client_for(professional).get(reverse("accounts:lockout_list")).status_code == 403


def test_a_successful_log_in_does_not_reset_the_spraying_count_of_its_client(anna):
    """A sprayer with a valid account of their own cannot reset the per-client count."""
    for n in range(lockout.CLIENT_LIMIT - 2):
        fail(f"naam{n}", ip="10.0.0.70")
    fail("anna", ip="10.0.0.70")  # anna's own failure from there...
    age_attempts()
    assert login("anna", ip="10.0.0.70").status_code == 302  # ...is forgotten on success,
    assert not AccessAttempt.objects.filter(username="anna").exists()
    # ...but not the other user names' failures from that client: two more lock it
    # (a reset of everything would have left it at two).
    fail("naam-extra1", ip="10.0.0.70")
    fail("naam-extra2", ip="10.0.0.70")
    assert login("anna", ip="10.0.0.70").status_code == 429


def test_a_forwarded_address_counts_only_behind_a_configured_proxy(anna, settings):
    def spray(forwarded_prefix: str) -> None:
        for n in range(lockout.CLIENT_LIMIT):
            Client(REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR=f"{forwarded_prefix}.{n}").post(
                LOGIN, {"username": f"naam{n}", "password": "fout"}
            )

    # No proxy configured: the header is ignored, the sender's own address is locked.
    spray("192.0.2")
    assert login("anna", ip="10.9.9.9").status_code == 429
    AccessAttempt.objects.all().delete()
    # One proxy in front: each forwarded client is counted apart, the proxy is not locked.
    settings.WIJKTEAM_PROXY_COUNT = 1
    spray("192.0.2")
    assert login("anna", ip="10.9.9.9").status_code == 302
    assert AccessAttempt.objects.filter(ip_address="192.0.2.3").exists()
    assert not AccessAttempt.objects.filter(ip_address="10.9.9.9").exists()


def test_the_client_address_behind_proxies(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.5")
    settings.WIJKTEAM_PROXY_COUNT = 0
    assert lockout.client_address(request) == "10.0.0.1"
    settings.WIJKTEAM_PROXY_COUNT = 1  # the one proxy wrote the right-most entry
    assert lockout.client_address(request) == "192.0.2.5"
    settings.WIJKTEAM_PROXY_COUNT = 2
    assert lockout.client_address(request) == "6.6.6.6"
    settings.WIJKTEAM_PROXY_COUNT = 3  # a shorter header than the chain: not trusted
    assert lockout.client_address(request) == "10.0.0.1"
