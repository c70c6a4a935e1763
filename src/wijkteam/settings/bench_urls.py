"""URLs of the benchmark only (``wijkteam.settings.bench``): the application's, plus an empty
page, the reference operation every figure is compared with.

``/_bench/leeg/`` goes through the full middleware stack like any page (session, user and
second factor resolved by ``RequireVerifiedMiddleware``, CSRF, CSP, security headers) and
returns a few bytes without a query of its own or a template. ``/_bench/layout/`` is the shared
layout (``base.html``: header, menu, footer) with an empty body for the logged-in user: what
every full page costs on top of the empty one. Never part of ``wijkteam.urls``.
"""

import functools
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from wijkteam.urls import urlpatterns as app_urlpatterns


def empty_page(request: HttpRequest) -> HttpResponse:
    """The reference: what every page costs before its view does anything."""
    user = request.user  # resolved by the middleware already; touched as a page would
    return HttpResponse(
        f"<!doctype html><title>leeg</title><p>{int(user.is_authenticated)}</p>",
        content_type="text/html; charset=utf-8",
    )


def layout_page(request: HttpRequest) -> HttpResponse:
    """The shared layout with an empty title and body, as any page extending ``base.html``."""
    return HttpResponse(_layout_template().render({}, request))


@functools.cache
def _layout_template() -> Any:
    """Compiled once, as the cached template loader keeps a page's template."""
    return engines["django"].from_string('{% extends "base.html" %}')


urlpatterns = [
    path("_bench/leeg/", empty_page, name="bench_empty"),
    path("_bench/layout/", layout_page, name="bench_layout"),
    *app_urlpatterns,
]
