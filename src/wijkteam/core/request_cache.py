"""Facts that many rules ask again within one request, computed once per request.

A page asks "which teams is this user a member of, with which roles?" from the scope, the
consent check, the access-log entry and the teamleider check: without a cache that is four
identical queries. :func:`memo` keeps the answer for the rest of the request only, so nothing
goes stale between requests; outside a request (a service called from a command or a test)
there is no cache at all and every call asks the database. A service that changes what is
cached calls :func:`clear`.
"""

from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest, HttpResponse

_store: ContextVar[dict[Hashable, Any] | None] = ContextVar("request_cache", default=None)


def memo[T](key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()`` once per request for ``key``; uncached outside a request."""
    store = _store.get()
    if store is None:
        return compute()
    if key not in store:
        store[key] = compute()
    value: T = store[key]
    return value


def clear() -> None:
    """Forget everything cached in this request (after a write that changes a cached fact)."""
    store = _store.get()
    if store is not None:
        store.clear()


class RequestCacheMiddleware:
    """Opens an empty cache for each request and drops it afterwards."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _store.set({})
        try:
            return self.get_response(request)
        finally:
            _store.reset(token)
