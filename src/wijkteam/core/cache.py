"""The shared cache (Redis) without making it a single point of failure.

A municipality with several app processes keeps sessions, the logged-in user and their second
factor in Redis (``WIJKTEAM_CACHE=redis``, see docs/operations.md). When Redis cannot be
reached, reads and writes fall back: a read is a miss (the caller goes to the database), a write
is skipped. A *delete* is different: it is how a log-out or a changed account reaches every
process, and a delete that silently failed would let a stale entry come back to life when Redis
returns. So a delete raises :class:`CacheUnavailable`, which the error handler answers with 503
(nothing was changed: callers delete from the cache before the database).

Nothing about a person is logged here: only which operation failed.
"""

import logging
from typing import Any

from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

try:  # redis-py is installed with the Redis task queue; without it there is no Redis cache
    from redis.exceptions import RedisError

    CACHE_ERRORS: tuple[type[BaseException], ...] = (RedisError, OSError)
except ImportError:  # pragma: no cover - redis is in the lock file
    CACHE_ERRORS = (OSError,)


class CacheUnavailable(Exception):
    """The shared cache could not confirm a delete: answer 503, change nothing."""


class ResilientRedisCache(RedisCache):
    def _fallback(self, operation: str, default: Any) -> Any:
        logger.warning("cache unavailable: %s falls back to the database", operation)
        return default

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        try:
            return super().get(key, default, version)
        except CACHE_ERRORS:
            return self._fallback("get", default)

    def get_many(self, keys: Any, version: int | None = None) -> dict[Any, Any]:
        try:
            return super().get_many(keys, version)
        except CACHE_ERRORS:
            return self._fallback("get_many", {})

    def has_key(self, key: Any, version: int | None = None) -> bool:
        try:
            return super().has_key(key, version)
        except CACHE_ERRORS:
            return self._fallback("has_key", False)

    def set(self, key: Any, value: Any, timeout: Any = None, version: int | None = None) -> None:
        try:
            super().set(key, value, timeout, version)
        except CACHE_ERRORS:
            self._fallback("set", None)

    def add(self, key: Any, value: Any, timeout: Any = None, version: int | None = None) -> bool:
        try:
            return super().add(key, value, timeout, version)
        except CACHE_ERRORS:
            return self._fallback("add", False)

    def touch(self, key: Any, timeout: Any = None, version: int | None = None) -> bool:
        try:
            return super().touch(key, timeout, version)
        except CACHE_ERRORS:
            return self._fallback("touch", False)

    def delete(self, key: Any, version: int | None = None) -> bool:
        try:
            return super().delete(key, version)
        except CACHE_ERRORS as exc:
            raise CacheUnavailable("cache delete failed") from exc

    def delete_many(self, keys: Any, version: int | None = None) -> None:
        try:
            super().delete_many(keys, version)
        except CACHE_ERRORS as exc:
            raise CacheUnavailable("cache delete failed") from exc
