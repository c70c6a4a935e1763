import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkteam.accounts import lockout
from wijkteam.accounts.tests.test_lockout import age_attempts
from wijkteam.audit.models import AuditEvent
from wijkteam.settings import base as base_settings
from wijkteam.testing.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "Wachtwoord-voor-tests-1"


def code_for(device: TOTPDevice, offset: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


@pytest.fixture
def user_with_device():
    user = UserFactory(username="anna")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    return user, device


def test_pages_need_login(client: Client):
    response = client.get(reverse("home:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_password_alone_is_not_enough(client: Client, user_with_device):
    response = client.post(reverse("accounts:login"), {"username": "anna", "password": PASSWORD})
    assert response["Location"] == reverse("accounts:verify")
    # With only the password, every page sends the user to the second factor.
    response = client.get(reverse("home:home"))
    assert response["Location"] == reverse("accounts:verify")


def test_full_login_with_totp(client: Client, user_with_device):
    _, device = user_with_device
    client.post(reverse("accounts:login"), {"username": "anna", "password": PASSWORD})
    response = client.post(reverse("accounts:verify"), {"otp_token": code_for(device)})
    assert response.status_code == 302 and response["Location"] == reverse("home:home")
    assert client.get(reverse("home:home")).status_code == 200
    assert AuditEvent.objects.filter(action="login", actor__username="anna").exists()


def test_the_session_id_is_renewed_after_the_second_factor(client: Client, user_with_device):
    _, device = user_with_device
    client.post(reverse("accounts:login"), {"username": "anna", "password": PASSWORD})
    half = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post(reverse("accounts:verify"), {"otp_token": code_for(device)})
    full = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert full != half
    assert client.get(reverse("home:home")).status_code == 200
    # The id known before the second factor no longer opens anything.
    stale = Client()
    stale.cookies[settings.SESSION_COOKIE_NAME] = half
    assert stale.get(reverse("home:home")).status_code == 302


def test_wrong_totp_code_is_refused_in_dutch(client: Client, user_with_device):
    client.post(reverse("accounts:login"), {"username": "anna", "password": PASSWORD})
    response = client.post(reverse("accounts:verify"), {"otp_token": "000000"})
    assert response.status_code == 400
    assert "klopt niet" in response.content.decode()
    assert AuditEvent.objects.filter(action="otp_failed").exists()
    assert client.get(reverse("home:home")).status_code == 302


def test_malformed_totp_code_gets_a_field_message(client: Client, user_with_device):
    client.post(reverse("accounts:login"), {"username": "anna", "password": PASSWORD})
    response = client.post(reverse("accounts:verify"), {"otp_token": "12ab"})
    assert response.status_code == 400
    assert "Vul de 6 cijfers in" in response.content.decode()


def test_wrong_password_message_and_audit(client: Client, user_with_device):
    response = client.post(reverse("accounts:login"), {"username": "anna", "password": "fout"})
    assert response.status_code == 400
    assert "klopt niet" in response.content.decode()
    event = AuditEvent.objects.get(action="login_failed")
    assert event.object_repr == "anna"
    assert "fout" not in str(event.changes)


def test_lockout_after_repeated_failures(client: Client, user_with_device):
    for _ in range(lockout.USER_CLIENT_LIMIT):
        client.post(reverse("accounts:login"), {"username": "anna", "password": "fout"})
        age_attempts()  # past the growing delay of the user name
    response = client.post(reverse("accounts:login"), {"username": "anna", "password": PASSWORD})
    assert response.status_code in (403, 429)
    assert "geblokkeerd" in response.content.decode()
    assert client.get(reverse("home:home")).status_code == 302


def test_lockout_is_per_account(client: Client, user_with_device):
    UserFactory(username="bram")
    for _ in range(lockout.USER_CLIENT_LIMIT):
        client.post(reverse("accounts:login"), {"username": "anna", "password": "fout"})
        age_attempts()
    response = Client().post(reverse("accounts:login"), {"username": "bram", "password": PASSWORD})
    assert response.status_code == 302


def test_enrolment_for_a_user_without_device(client: Client):
    UserFactory(username="nieuw")
    response = client.post(reverse("accounts:login"), {"username": "nieuw", "password": PASSWORD})
    assert response["Location"] == reverse("accounts:enrol")
    page = client.get(reverse("accounts:enrol"))
    assert page.status_code == 200 and "data:image/svg+xml" in page.content.decode()
    device = TOTPDevice.objects.get(user__username="nieuw", confirmed=False)
    assert client.post(reverse("accounts:enrol"), {"otp_token": "000000"}).status_code == 400
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # a wrong code slows the next try down
    device.throttle_reset()
    response = client.post(reverse("accounts:enrol"), {"otp_token": code_for(device)})
    assert response["Location"] == reverse("home:home")
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(action="otp_enrolled").exists()


def test_open_redirect_is_ignored(client: Client, user_with_device):
    _, device = user_with_device
    client.post(
        reverse("accounts:login") + "?next=https://evil.example/",
        {"username": "anna", "password": PASSWORD},
    )
    response = client.post(reverse("accounts:verify"), {"otp_token": code_for(device)})
    assert response["Location"] == reverse("home:home")


def test_logout_needs_post_and_ends_session(client_for):
    client = client_for(UserFactory())
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("home:home")).status_code == 302


def _expiry(client: Client):
    from django.contrib.sessions.models import Session

    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_session_expires_after_idle_period(client_for):
    client = client_for(UserFactory())
    client.get(reverse("home:home"))
    assert client.session.get_expiry_age() == 30 * 60
    assert not settings.SESSION_SAVE_EVERY_REQUEST  # renewed by SlidingSessionMiddleware


def test_idle_expiry_slides_but_the_session_is_not_written_on_every_request(
    client_for, monkeypatch
):
    from wijkteam.accounts import middleware

    clock = [1_900_000_000.0]
    monkeypatch.setattr(middleware.time, "time", lambda: clock[0])
    client = client_for(UserFactory())
    client.get(reverse("home:home"))
    first = _expiry(client)

    clock[0] += settings.SESSION_RENEW_SECONDS - 1
    client.get(reverse("home:home"))
    assert _expiry(client) == first  # within the renewal interval: no write

    clock[0] += 2
    client.get(reverse("home:home"))
    assert _expiry(client) > first  # activity after the interval: the expiry moves on


def test_expired_session_needs_a_new_log_in(client_for):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client = client_for(UserFactory())
    assert client.get(reverse("home:home")).status_code == 200
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timezone.timedelta(seconds=1)
    )
    response = client.get(reverse("home:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_production_hashes_passwords_with_argon2():
    assert base_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_api_without_login_is_a_structured_401(client: Client):
    response = client.get("/api/teams/")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
