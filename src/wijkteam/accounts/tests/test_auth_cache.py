"""Session, user and second-factor device from the shared cache (``AUTH_FROM_CACHE``): fewer
queries before the view, and revocation still reaches every process: a log-out, a
deactivation and a replaced device take effect on the next request of any client."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkteam.accounts import services
from wijkteam.accounts.constants import SystemRole
from wijkteam.conftest import verified_client
from wijkteam.testing.factories import UserFactory

pytestmark = pytest.mark.django_db
AUTH_TABLES = ("django_session", "accounts_user", "otp_totp_totpdevice")


@pytest.fixture
def cached_auth(settings):
    settings.AUTH_FROM_CACHE = True
    settings.SESSION_ENGINE = "wijkteam.accounts.session_store"
    cache.clear()
    yield
    cache.clear()


def _auth_queries(client: Client) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("home:home")).status_code == 200
    return [q["sql"] for q in ctx.captured_queries if any(t in q["sql"] for t in AUTH_TABLES)]


def _same_session(client: Client) -> Client:
    """Another browser (or another app process) presenting the same session cookie."""
    other = Client()
    other.cookies[settings.SESSION_COOKIE_NAME] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return other


def test_without_a_shared_cache_every_request_reads_session_user_and_device():
    client = verified_client(UserFactory())
    _auth_queries(client)
    reads = _auth_queries(client)
    assert len(reads) >= 3  # session, user, device


def test_with_the_shared_cache_a_warm_request_reads_none_of_them(cached_auth):
    client = verified_client(UserFactory())
    _auth_queries(client)  # fills the cache
    assert _auth_queries(client) == []


def test_a_log_out_ends_the_session_in_every_client(cached_auth):
    client = verified_client(UserFactory())
    other = _same_session(client)
    assert other.get(reverse("home:home")).status_code == 200
    client.post(reverse("accounts:logout"))
    response = other.get(reverse("home:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_deactivated_account_is_refused_on_its_next_request(
    cached_auth, django_capture_on_commit_callbacks
):
    user = UserFactory()
    client = verified_client(user)
    assert client.get(reverse("home:home")).status_code == 200
    configurer = UserFactory(system_role=SystemRole.FUNCTIONEEL_BEHEERDER)
    user.is_active = False
    with django_capture_on_commit_callbacks(execute=True):
        services.user_update(actor=configurer, user=user, expected_version=user.version)
    response = client.get(reverse("home:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_replaced_device_no_longer_verifies_the_session(
    cached_auth, django_capture_on_commit_callbacks
):
    user = UserFactory()
    client = verified_client(user)
    assert client.get(reverse("home:home")).status_code == 200  # device now cached
    new = TOTPDevice.objects.create(user=user, name="nieuw", confirmed=False)
    token = _token(new)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.totp_confirm(user=user, device=new, token=token)
    response = client.get(reverse("home:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:verify")


def _token(device: TOTPDevice) -> str:
    from django_otp.oath import totp

    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


DEAD_REDIS = {
    "default": {
        "BACKEND": "wijkteam.core.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens here
    }
}


def test_a_dead_cache_falls_back_to_the_database_and_refuses_a_log_out_with_503(settings):
    settings.CACHES = DEAD_REDIS
    settings.AUTH_FROM_CACHE = True
    settings.SESSION_ENGINE = "wijkteam.accounts.session_store"
    client = verified_client(UserFactory())
    assert client.get(reverse("home:home")).status_code == 200  # from the database
    browser = Client(raise_request_exception=False)  # as a browser sees it: the error page
    browser.cookies = client.cookies
    response = browser.post(reverse("accounts:logout"))
    assert response.status_code == 503 and response["Retry-After"]
    # Nothing changed: the session still opens the pages (no half log-out).
    assert client.get(reverse("home:home")).status_code == 200


def test_the_resilient_cache_misses_skips_and_refuses_deletes(settings):
    from django.core.cache import caches

    from wijkteam.core.cache import CacheUnavailable

    settings.CACHES = DEAD_REDIS
    dead = caches["default"]
    assert dead.get("k", "standaard") == "standaard"
    assert dead.get_many(["k"]) == {}
    dead.set("k", 1)  # skipped, no error
    assert dead.add("k", 1) is False
    with pytest.raises(CacheUnavailable):
        dead.delete("k")
    with pytest.raises(CacheUnavailable):
        dead.delete_many(["k"])


def _redis_up(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.exceptions.RedisError:
        return False


@pytest.mark.redis
def test_on_redis_a_log_out_in_one_process_ends_the_session_in_another(settings):
    url = "redis://127.0.0.1:6379/15"
    if not _redis_up(url):
        pytest.skip("Redis answers not on 127.0.0.1:6379 (CI starts it)")
    settings.CACHES = {
        "default": {
            "BACKEND": "wijkteam.core.cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "wijkteam-test",
        }
    }
    settings.AUTH_FROM_CACHE = True
    settings.SESSION_ENGINE = "wijkteam.accounts.session_store"
    cache.clear()
    client = verified_client(UserFactory())
    other = _same_session(client)
    _auth_queries(other)
    assert _auth_queries(other) == []  # session, user and device from Redis
    client.post(reverse("accounts:logout"))
    assert other.get(reverse("home:home")).status_code == 302
    cache.clear()
