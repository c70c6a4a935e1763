"""The unread count of the header: one compiled statement, kept in the shared cache (issue 17).

Every logged-in page shows how many notifications the user has not read. Counted in the
database that is one statement per request; built by the ORM it also cost more CPU than the
rest of the header. Two steps:

- :func:`count_in_database` runs the statement compiled once (``core/compiled.py``):
  ``COUNT(id) … WHERE read_at IS NULL AND user_id = %s GROUP BY user_id`` (no row: 0), on the
  index ``notification_unread_idx``.
- With a shared cache (``AUTH_FROM_CACHE``, every process on the same Redis) the count is kept
  per user with the *generation* it was counted under: ``notifications:unread:<user>`` holds
  ``(generation, count)``, ``notifications:unread-gen:<user>`` the current generation; a reader
  asks both in one round trip and uses the count only when the generations match. The services
  that change what is unread (:func:`forget`: a notification sent, one or all marked read) give
  the user a new random generation after their transaction commits. A reader takes the
  generation before it counts, so a count read before a commit can only be stored with the
  generation the commit replaces and never matches again: nothing can bring a stale count back.
  A local (per-process) cache keeps nothing, as the other processes would not hear of a
  change.

The cache is bypassed inside a transaction (what that transaction wrote is not committed, so its
count must not be shared). When Redis is unreachable a read is a miss and the count comes from
the database; a new generation that could not be written is logged, and the count kept under
the old one then lives at most :data:`COUNT_SECONDS`. There is no service that deletes a
notification (they go with their user); one that does must call :func:`forget`.
"""

import logging
import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, QuerySet

from wijkteam.core import compiled
from wijkteam.core.cache import CACHE_ERRORS

from .models import Notification

logger = logging.getLogger(__name__)

GENERATION_KEY = "notifications:unread-gen:{}"
COUNT_KEY = "notifications:unread:{}"  # (generation, count)
COUNT_SECONDS = 300  # as the cached user (AUTH_CACHE_SECONDS): bounds a failed new generation
GENERATION_SECONDS = 24 * 3600  # outlives every count stored under it


def enabled() -> bool:
    """Only a cache shared by every process (Redis) may hold the count."""
    return bool(getattr(settings, "AUTH_FROM_CACHE", False))


def _unread_rows(user_id: int) -> "QuerySet[Any]":
    return (
        Notification.objects.filter(user_id=user_id, read_at__isnull=True)
        .order_by()
        .values("user_id")
        .annotate(n=Count("pk"))
        .values_list("n")
    )


def count_in_database(user_id: int) -> int:
    """The user's unread notifications, counted now (one statement, compiled once)."""
    rows = compiled.rows("notifications.unread", _unread_rows, [user_id])
    return int(rows[0][0]) if rows else 0


def _fresh_generation(key: str) -> str | None:
    """The first reader (or the key was evicted): a generation no count was stored under."""
    cache.add(key, secrets.token_hex(8), GENERATION_SECONDS)
    found = cache.get(key)
    return None if found is None else str(found)


def unread_count(user_id: int) -> int:
    """The count for the header: from the shared cache when allowed, else the database."""
    if not enabled() or transaction.get_connection().in_atomic_block:
        return count_in_database(user_id)
    generation_key, count_key = GENERATION_KEY.format(user_id), COUNT_KEY.format(user_id)
    found = cache.get_many([generation_key, count_key])  # one round trip
    generation = found.get(generation_key)
    if generation is None:
        generation = _fresh_generation(generation_key)
        if generation is None:  # the cache does not answer
            return count_in_database(user_id)
    stored = found.get(count_key)
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == generation:
        return int(stored[1])
    # counted after the generation was read: stored under it, never under a later one
    count = count_in_database(user_id)
    cache.set(count_key, (generation, count), COUNT_SECONDS)
    return count


def _new_generations(user_ids: list[int]) -> None:
    try:
        cache.set_many(
            {GENERATION_KEY.format(u): secrets.token_hex(8) for u in user_ids}, GENERATION_SECONDS
        )
    except CACHE_ERRORS:
        logger.warning("cache unavailable: unread counts of %d user(s) not renewed", len(user_ids))


def forget(user_ids: Iterable[int]) -> None:
    """The users' unread counts changed: a new generation after the current transaction
    commits (at once outside one); a rolled-back change keeps the old one."""
    if not enabled():
        return
    ids = sorted(set(user_ids))
    if ids:
        transaction.on_commit(lambda: _new_generations(ids))
