"""Sessions read from the shared cache, written through to the database (Django's
``cached_db``), with one change: a session is deleted from the cache *before* the database.

Django deletes the database row first; if the cache then fails, the row is gone but the cached
copy would serve the log-in again once Redis is back. Here a failing cache delete raises
(:class:`wijkteam.core.cache.CacheUnavailable`, answered with 503) before anything changed, so
a log-out either ends the session everywhere or visibly did not happen.

A new session id at log-in (``cycle_key``) is the exception: the old id carried no full log-in
(at most a password without the second factor), so when the cache cannot delete it the database
row goes anyway and the log-in proceeds; the cached copy, if the cache kept it through the
outage, lapses with the session's idle expiry. Logging in stays possible while Redis is down.

Used only when every process shares the cache (``WIJKTEAM_CACHE=redis``): with a cache per
process a log-out in one process would not reach the others (settings choose the engine).
"""

import logging

from django.conf import settings
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDbStore
from django.contrib.sessions.backends.db import SessionStore as DbStore
from django.core.cache import caches

from wijkteam.core.cache import CacheUnavailable

logger = logging.getLogger(__name__)


class SessionStore(CachedDbStore):
    _cycling = False

    def cycle_key(self) -> None:
        self._cycling = True
        try:
            super().cycle_key()
        finally:
            self._cycling = False

    def delete(self, session_key: str | None = None) -> None:
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        try:
            caches[settings.SESSION_CACHE_ALIAS].delete(self.cache_key_prefix + session_key)
        except CacheUnavailable:
            if not self._cycling:
                raise
            logger.warning(
                "cache unavailable: a replaced session id is removed from the database only"
            )
        DbStore.delete(self, session_key)
