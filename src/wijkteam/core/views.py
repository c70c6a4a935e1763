"""Pages that belong to no domain: the accessibility statement, the web-app manifest, the
service worker and the offline page (docs/ui.md)."""

import json

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@require_GET
def manifest(request: HttpRequest) -> JsonResponse:
    """The web-app manifest: installable on a phone's home screen."""
    data = {
        "name": _("Wijkteam"),
        "short_name": _("Wijkteam"),
        "lang": "nl",
        "start_url": reverse("home:home"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#003e65",
        "icons": [
            {"src": static("wijkteam/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
            {"src": static("wijkteam/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("wijkteam/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        ],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response


# The service worker keeps only files without personal data: the static assets and the
# offline page. Pages and API responses are never stored (they go to the network, and when
# that fails a navigation gets the offline page). A lost phone holds no case file.
SERVICE_WORKER = """'use strict';
const CACHE = 'wijkteam-shell-v1';
const SHELL = %(shell)s;
const OFFLINE = %(offline)s;
self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(
    keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))
  )).then(() => self.clients.claim()));
});
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') { return; }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(() => caches.match(OFFLINE)));
    return;
  }
  if (SHELL.includes(url.pathname)) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
  }
});
"""


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    offline = reverse("core:offline")
    shell = [
        offline,
        static("vendor/utrecht/component-library.css"),
        static("vendor/voorbeeld/theme.css"),
        static("wijkteam/app.css"),
        static("wijkteam/app.js"),
        static("wijkteam/icon.svg"),
    ]
    body = SERVICE_WORKER % {"shell": json.dumps(shell), "offline": json.dumps(offline)}
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
def offline(request: HttpRequest) -> HttpResponse:
    """Shown by the service worker when a page cannot be loaded; holds no personal data."""
    return render(request, "core/offline.html")
