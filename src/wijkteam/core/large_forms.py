"""A deliberately larger field limit for the few forms that need it (the plan form).

Django refuses a POST with more than ``DATA_UPLOAD_MAX_NUMBER_FIELDS`` (1000) fields, a guard
against hash-collision and memory attacks that stays on for every other page. A view that
posts more at its documented maximum (the plan: 100 goals and 200 actions, some 2,700
fields) declares its own limit with :func:`allow_many_fields`; this middleware, placed before
anything reads ``request.POST``, parses such a form with that limit. Only url-encoded forms:
a multipart upload keeps Django's limit.
"""

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

from django.core.exceptions import TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils.datastructures import MultiValueDict

ATTRIBUTE = "max_number_fields"


def allow_many_fields[F: Callable[..., Any]](limit: int) -> Callable[[F], F]:
    """Decorate a view whose form may post up to ``limit`` fields."""

    def decorate(view: F) -> F:
        setattr(view, ATTRIBUTE, limit)
        return view

    return decorate


class LargeFormMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and (request.content_type or "").startswith(
            "application/x-www-form-urlencoded"
        ):
            limit = self._limit(request)
            if limit:
                request._post = self._parse(request, limit)  # type: ignore[attr-defined]
                request._files = MultiValueDict()  # type: ignore[attr-defined]
        return self.get_response(request)

    @staticmethod
    def _limit(request: HttpRequest) -> int | None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        return getattr(match.func, ATTRIBUTE, None)

    @staticmethod
    def _parse(request: HttpRequest, limit: int) -> QueryDict:
        encoding = request.encoding or "utf-8"
        try:
            pairs = parse_qsl(
                request.body.decode(encoding, errors="replace"),
                keep_blank_values=True,
                max_num_fields=limit,
            )
        except ValueError as exc:
            raise TooManyFieldsSent(
                "The number of GET/POST parameters exceeded the view's limit."
            ) from exc
        data = QueryDict(mutable=True, encoding=encoding)
        for key, value in pairs:
            data.appendlist(key, value)
        data._mutable = False
        return data
