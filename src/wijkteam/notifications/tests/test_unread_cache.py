"""The header's unread count: compiled once, kept in the shared cache per user and generation.

A notification sent, one opened, one or all marked read through the services shows at once on
the next page; a count read before a commit is never shown after it; a count read inside a
transaction is not shared; a cache that does not answer falls back to the database.
"""

import re

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wijkteam.conftest import verified_client
from wijkteam.notifications import selectors, services, unread
from wijkteam.notifications.constants import NotificationKind
from wijkteam.notifications.models import Notification
from wijkteam.testing.factories import UserFactory


def _send(user, key=""):
    return services.notification_send(
        users=[user], kind=NotificationKind.NEW_REPORT, url="/casussen/1/", dedupe_key=key
    )


def _reads(user) -> tuple[int, int]:
    """(count, statements on the notification table) of one header read."""
    with CaptureQueriesContext(connection) as ctx:
        found = unread.unread_count(user.pk)
    return found, sum("notifications_notification" in q["sql"] for q in ctx.captured_queries)


@pytest.fixture
def shared_cache(settings):
    settings.AUTH_FROM_CACHE = True
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_the_compiled_count_is_the_orm_count():
    user, other = UserFactory(), UserFactory()
    assert unread.count_in_database(user.pk) == 0
    for i in range(3):
        _send(user, key=str(i))
    _send(other)
    services.notification_mark_read(user=user, notification_id=Notification.objects.first().pk)
    for u in (user, other):
        expected = Notification.objects.filter(user=u, read_at__isnull=True).count()
        assert unread.count_in_database(u.pk) == expected
        assert selectors.unread_count(user=u) == expected


@pytest.mark.django_db
def test_without_a_shared_cache_nothing_is_kept(settings):
    settings.AUTH_FROM_CACHE = False
    cache.clear()
    user = UserFactory()
    _send(user)
    assert _reads(user) == (1, 1)
    assert _reads(user) == (1, 1)
    assert not cache.get(unread.GENERATION_KEY.format(user.pk))


# serialized_rollback: the flush afterwards must not re-create content types for the next
# test that reloads the serialized database (the browser tests)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_send_read_and_read_all_show_at_once(shared_cache):
    user, other = UserFactory(), UserFactory()
    assert _reads(user) == (0, 1)
    assert _reads(user) == (0, 0)  # from the cache
    first, second = _send(user, "a")[0], _send(user, "b")[0]
    assert _reads(user) == (2, 1)
    assert _reads(user) == (2, 0)
    assert _reads(other) == (0, 1)
    services.notification_mark_read(user=user, notification_id=first.pk)
    assert _reads(user) == (1, 1)
    services.notification_mark_read(user=user, notification_id=first.pk)  # already read
    assert _reads(user) == (1, 0)
    services.notification_mark_read(user=user)
    assert _reads(user) == (0, 1)
    second.refresh_from_db()
    assert second.read_at is not None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_rolled_back_send_keeps_the_count_and_nothing_inside_a_transaction_is_shared(
    shared_cache,
):
    user = UserFactory()
    assert _reads(user) == (0, 1)
    generation = cache.get(unread.GENERATION_KEY.format(user.pk))
    with pytest.raises(RuntimeError), transaction.atomic():
        _send(user)
        assert unread.unread_count(user.pk) == 1  # the transaction's own, from the database
        raise RuntimeError
    assert cache.get(unread.GENERATION_KEY.format(user.pk)) == generation
    assert _reads(user) == (0, 0)
    with transaction.atomic():
        _send(user)
        assert _reads(user) == (1, 1)
        assert _reads(user) == (1, 1)  # not stored while uncommitted
    assert _reads(user) == (1, 1)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_count_read_before_a_commit_is_never_shown_after_it(shared_cache):
    user = UserFactory()
    # a slow reader: takes the generation, counts (0), ... meanwhile a notification commits
    key = unread.GENERATION_KEY.format(user.pk)
    generation = cache.get(key) or unread._fresh_generation(key)
    before = unread.count_in_database(user.pk)
    _send(user)
    # ... and only now stores its count
    cache.set(unread.COUNT_KEY.format(user.pk), (generation, before))
    assert _reads(user) == (1, 1)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_evicted_generation_is_never_reused(shared_cache):
    user = UserFactory()
    assert _reads(user) == (0, 1)
    _send(user)
    cache.delete(unread.GENERATION_KEY.format(user.pk))
    assert _reads(user) == (1, 1)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_cache_that_does_not_answer_falls_back_to_the_database(shared_cache, monkeypatch):
    user = UserFactory()
    _send(user)
    monkeypatch.setattr(cache, "get", lambda *a, **k: None)
    monkeypatch.setattr(cache, "get_many", lambda *a, **k: {})
    monkeypatch.setattr(cache, "add", lambda *a, **k: False)
    assert _reads(user) == (1, 1)
    assert _reads(user) == (1, 1)

    def down(*a, **k):
        raise ConnectionError("redis down")

    monkeypatch.setattr(cache, "set_many", down)
    _send(user, "b")  # the write succeeds; the new generation is only logged as missing
    assert Notification.objects.filter(user=user).count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_header_shows_a_change_on_the_next_page(shared_cache, settings):
    settings.SESSION_ENGINE = "wijkteam.accounts.session_store"
    user = UserFactory()

    def shown(client) -> str:
        html = client.get(reverse("notifications:list")).content.decode()
        return re.search(r'class="wt-notify-count">([^<]*)<', html).group(1)

    client = verified_client(user)
    assert shown(client) == "0"
    [n] = _send(user)
    _send(user, "b")
    assert shown(client) == "2"
    assert client.get(reverse("notifications:open", args=[n.pk])).status_code == 302
    assert shown(client) == "1"
    client.post(reverse("notifications:read_all"))
    assert shown(client) == "0"
