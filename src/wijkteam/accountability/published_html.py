"""The tables of a published version, rendered once and kept in the cache.

A published version never changes (no service writes to it), so its tables, the bulk of the
Wmo-raad's page (on ``city`` 30 teams × every section, ≈ 190 ms of template rendering), are
rendered once per language and kept. The key holds the version, the language and a digest of the
templates that draw the tables, so a release that changes them never shows the old markup.
No personal data: a published version holds aggregates only.
"""

import functools
import hashlib
from typing import Any

from django.core.cache import cache
from django.template import engines
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .models import PublishedOverview
from .publications import by_point

TEMPLATES = ("accountability/_points.html", "accountability/_section.html")
SECONDS = 7 * 24 * 3600


@functools.cache
def templates_digest() -> str:
    """A digest of the tables' templates (read once per process)."""
    digest = hashlib.sha256()
    for name in TEMPLATES:
        template: Any = engines["django"].get_template(name)
        digest.update(template.template.source.encode())
    return digest.hexdigest()[:16]


def cache_key(version: PublishedOverview) -> str:
    return f"wmoraad:gepubliceerd:{version.pk}:{get_language()}:{templates_digest()}"


def published_tables(version: PublishedOverview) -> SafeString:
    """The nine points with their tables as HTML (``_points.html``, nothing revealed)."""
    key = cache_key(version)
    html = cache.get(key)
    if html is None:
        html = render_to_string(
            "accountability/_points.html", {"points": by_point(version.sections), "reveal": False}
        )
        cache.set(key, html, SECONDS)
    return mark_safe(html)
