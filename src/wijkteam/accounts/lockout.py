"""Fair lock-out on top of django-axes (issue 16).

django-axes records every failed log-in as an ``AccessAttempt`` per user name, client address
and browser, and locks when the failures of one of ``AXES_LOCKOUT_PARAMETERS`` reach the
limit. Here:

- **per user name and client** (``["username", "ip_address"]``): ``USER_CLIENT_LIMIT``
  failures lock that user name *from that client* for the cool-off time; the same person
  elsewhere, and colleagues behind the same address, still log in;
- **per client** (``"ip_address"``): ``CLIENT_LIMIT`` failures over any user names lock the
  client (password spraying); high enough for an office behind one address;
- **per user name alone** there is no lock (anyone could lock any professional out), but a
  growing *delay*: after ``DELAY_AFTER`` failures from all clients together, each try must
  wait ``2, 4, 8 … MAX_DELAY_SECONDS`` seconds after the previous failure; a try inside the
  wait is refused without checking the password.

Axes takes one failure limit per request and compares it with the *largest* count of the
parameters, which is always the client's; :func:`failure_limit` therefore answers the user
name and client's limit once that pair has reached it, and the client's otherwise.
"""

from datetime import datetime, timedelta
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.http import HttpRequest
from django.utils import timezone

USER_CLIENT_LIMIT = 5
CLIENT_LIMIT = 30
DELAY_AFTER = 3
MAX_DELAY_SECONDS = 60
COOL_OFF = timedelta(minutes=30)


def _failures(**filters: Any) -> tuple[int, datetime | None]:
    since = timezone.now() - COOL_OFF
    row = AccessAttempt.objects.filter(attempt_time__gte=since, **filters).aggregate(
        n=Sum("failures_since_start"), last=Max("attempt_time")
    )
    return row["n"] or 0, row["last"]


def failure_limit(request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
    """``AXES_FAILURE_LIMIT``: see the module's docstring."""
    username = get_client_username(request, credentials)
    ip_address = getattr(request, "axes_ip_address", None)
    if username and ip_address:
        pair, _last = _failures(username=username, ip_address=ip_address)
        if pair >= USER_CLIENT_LIMIT:
            return USER_CLIENT_LIMIT
    return CLIENT_LIMIT


def delay_seconds(failures: int) -> int:
    """The wait after ``failures`` failures of one user name over all clients."""
    if failures < DELAY_AFTER:
        return 0
    return int(min(2 ** (failures - DELAY_AFTER + 1), MAX_DELAY_SECONDS))


def username_wait(username: str, *, now: datetime | None = None) -> int:
    """Seconds this user name must still wait before its next try (0: may try now)."""
    failures, last = _failures(username=username)
    delay = delay_seconds(failures)
    if not delay or last is None:
        return 0
    remaining = (last + timedelta(seconds=delay)) - (now or timezone.now())
    return max(0, int(remaining.total_seconds() + 0.999))


def is_locked(attempt: AccessAttempt) -> bool:
    """Whether this row locks its user name from its client (for the beheerder's page)."""
    return attempt.failures_since_start >= USER_CLIENT_LIMIT


class FairAxesHandler(AxesDatabaseHandler):
    """Axes' database handler, except that a successful log-in forgets only the failures of
    *its own* user name from its own client.

    Axes resets every parameter's attempts on success, so with the per-client parameter one
    successful log-in would wipe the client's count of failures over *other* user names: a
    sprayer with one valid account of their own could reset the per-client lock at will.
    """

    def reset_user_attempts(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> int:
        username = get_client_username(request, credentials)
        ip_address = getattr(request, "axes_ip_address", None)
        if not username or not ip_address:
            return 0
        count, _rows = AccessAttempt.objects.filter(
            username=username, ip_address=ip_address
        ).delete()
        return count


def client_address(request: HttpRequest) -> str | None:
    """The client's address as the lock-out counts it.

    Without proxies (``WIJKTEAM_PROXY_COUNT`` 0) the connection's own address: any
    ``X-Forwarded-For`` is the client's own writing and is ignored. Behind N proxies each one
    appends the address it received from, so the client is the N-th entry from the right;
    entries further left were written by the client and are not trusted. A header shorter
    than the chain falls back to the connection's address. (django-ipware's ``proxy_count``
    expects the proxies' own addresses in the header too, which a single load balancer does
    not write; this rule is the one of Werkzeug's ProxyFix and nginx' real_ip_recursive.)
    """
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.WIJKTEAM_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]
