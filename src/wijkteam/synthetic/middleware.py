"""Benchmark-only middleware (enabled by ``wijkteam.settings.bench``, never in production).

``QueryCountMiddleware`` adds to every response:

- ``X-Query-Count``: the SQL statements the request ran;
- ``X-Db-Ms``: the time spent in them;
- ``X-Log-Ms``: the part of that spent on the access log (its tables and its head row lock);
- ``X-App-Ms``: the time of the whole request inside Django.

With ``WIJKTEAM_BENCH_NO_ACCESS_LOG=1`` the read-logging calls of the selectors become no-ops,
so that the benchmark can measure a page with and without its access-log write (A/B).
"""

import os
import time
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse

LOG_TABLES = ("privacy_accesslogentry", "privacy_accessloghead", "privacy_accesslogresident")


class _Counter:
    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0
        self.log_seconds = 0.0

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent = time.perf_counter() - started
            self.count += 1
            self.seconds += spent
            if any(t in sql for t in LOG_TABLES):
                self.log_seconds += spent


def _disable_read_logging() -> None:
    from wijkteam.cases import selectors
    from wijkteam.privacy import reads

    def no_log(**_kwargs: Any) -> None:
        return None

    reads.log_access = no_log  # type: ignore[assignment]
    selectors.log_access = no_log  # type: ignore[assignment]


class QueryCountMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        if os.environ.get("WIJKTEAM_BENCH_NO_ACCESS_LOG") == "1":
            _disable_read_logging()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        counter = _Counter()
        started = time.perf_counter()
        with connection.execute_wrapper(counter):
            response = self.get_response(request)
            # Render lazy responses inside the wrapper: template queries count too.
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        response["X-Query-Count"] = str(counter.count)
        response["X-Db-Ms"] = f"{counter.seconds * 1000:.2f}"
        response["X-Log-Ms"] = f"{counter.log_seconds * 1000:.2f}"
        response["X-App-Ms"] = f"{(time.perf_counter() - started) * 1000:.2f}"
        return response
