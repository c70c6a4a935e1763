"""Idempotent writes: a double submit creates one record and shows the first result.

A create form carries a hidden ``idempotency_key`` (``IdempotentFormMixin``, a new key per
rendered form); an API client sends an ``Idempotency-Key`` header with a POST. The middleware
wraps such a request in one transaction that first inserts an :class:`IdempotencyKey` row
(unique per owner, path and key), then runs the view and stores its result in that row:

- a page's redirect (its ``Location``), an API response's status, type and body;
- anything else (a form with errors, a 4xx) is not a result: the key row is removed in the
  same transaction, so the corrected form or request can be sent again with the same key.

A second request with the same key meets the unique constraint: on PostgreSQL its insert
waits until the first transaction ends, on SQLite the second transaction waits for the write
lock. It then finds the stored result: a page redirects there with a message, the API
repeats the response with ``Idempotent-Replayed: true``. The same API key with another body
is a 409. Nothing is stored without a key, so clients without one behave as before.
"""

import hashlib
import re
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import IdempotencyKey

FIELD = "idempotency_key"
HEADER = "Idempotency-Key"
KEEP_HOURS = 24
_FORM_KEY = re.compile(r"^[A-Za-z0-9-]{8,64}$")
_HEADER_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")


def new_key() -> str:
    return uuid.uuid4().hex


class IdempotentFormMixin(forms.Form):
    """A hidden key per rendered create form; kept when the form comes back with errors."""

    idempotency_key = forms.CharField(
        widget=forms.HiddenInput, required=False, max_length=64, initial=new_key
    )


def _owner(request: HttpRequest) -> str | None:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        return f"session:{session.session_key[:64]}"
    return None


def _key(request: HttpRequest) -> tuple[str, bool] | None:
    """``(key, is_api)`` of a POST that asks for idempotency, else ``None``."""
    if request.method != "POST":
        return None
    header = request.headers.get(HEADER)
    if header is not None and request.path.startswith("/api/"):
        return header, True
    content_type = request.content_type or ""
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        value = request.POST.get(FIELD, "")
        if _FORM_KEY.match(value):
            return value, False
    return None


def _problem(status: int, code: str, detail: str) -> HttpResponse:
    return JsonResponse({"code": code, "detail": detail}, status=status)


def _replay(request: HttpRequest, row: IdempotencyKey, *, is_api: bool) -> HttpResponse:
    if not is_api:
        messages.info(
            request, _("Dit formulier was al verzonden. U ziet het resultaat van de eerste keer.")
        )
        return HttpResponseRedirect(row.location)
    response = HttpResponse(row.body, status=row.status_code, content_type=row.content_type)
    if row.location:
        response["Location"] = row.location
    response["Idempotent-Replayed"] = "true"
    return response


def _store(row: IdempotencyKey, response: HttpResponse, *, is_api: bool) -> None:
    status = response.status_code
    if is_api and 200 <= status < 300 and not getattr(response, "streaming", False):
        row.body = response.content.decode(response.charset or "utf-8")
        row.content_type = response.get("Content-Type", "")[:100]
        row.location = response.get("Location", "")[:2000]
    elif not is_api and status in (301, 302, 303) and len(response.get("Location", "")) <= 2000:
        row.location = response["Location"]
    else:  # not a result: forget the key, keep whatever the view committed
        row.delete()
        return
    row.status_code = status
    row.save(update_fields=["body", "content_type", "location", "status_code"])


class IdempotencyMiddleware:
    """After authentication and messages: see the module's docstring."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        found = _key(request)
        owner = _owner(request) if found else None
        if found is None or owner is None:
            return self.get_response(request)
        key, is_api = found
        if is_api and not _HEADER_KEY.match(key):
            return _problem(
                400,
                "invalid",
                _("De Idempotency-Key moet 1 tot 255 zichtbare ASCII-tekens lang zijn."),
            )
        fingerprint = hashlib.sha256(request.body if is_api else b"").hexdigest()
        scope = request.path[:255]
        with transaction.atomic():
            try:
                with transaction.atomic():
                    row = IdempotencyKey.objects.create(
                        owner=owner, scope=scope, key=key, fingerprint=fingerprint, status_code=0
                    )
            except IntegrityError:
                row = None
            if row is not None:
                response = self.get_response(request)
                _store(row, response, is_api=is_api)
                return response
        first = IdempotencyKey.objects.get(owner=owner, scope=scope, key=key)
        if is_api and first.fingerprint != fingerprint:
            return _problem(
                409,
                "idempotency_key_reused",
                _("Deze Idempotency-Key is al gebruikt voor een ander verzoek."),
            )
        return _replay(request, first, is_api=is_api)


def purge_idempotency_keys(now: Any = None) -> str:
    """The nightly job: forget results older than ``KEEP_HOURS``."""
    cutoff = (now or timezone.now()) - timedelta(hours=KEEP_HOURS)
    deleted, _rows = IdempotencyKey.objects.filter(created_at__lt=cutoff).delete()
    return f"{deleted} verwijderd"
