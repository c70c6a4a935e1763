"""The dashboard's figures (its tables and trends) as HTML, kept in the cache per content.

On ``city`` the figures are ≈ 2,000 table cells and 65 trends: rendering them through the
template engine cost most of the page (docs/performance.md). The same figures always give the
same HTML, so the rendering is kept under a digest of everything the fragment shows (the
figures, the names and links, the snapshot's time), the language and a digest of the template:
a new snapshot, a renamed team, other population figures or a release that changes the template
gives a new key. No personal data: the dashboard holds aggregates only.
"""

import functools
import hashlib
from typing import Any

from django.core.cache import cache
from django.template import engines
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .selectors import Dashboard

TEMPLATE = "accountability/_dashboard_figures.html"
SECONDS = 24 * 3600
# What the fragment reads from the page's context besides ``data`` (the links keep them).
PARAMETERS = ("kind", "start", "law", "team_id", "district_id")


@functools.cache
def template_digest() -> str:
    """A digest of the fragment's template (read once per process)."""
    template: Any = engines["django"].get_template(TEMPLATE)
    return hashlib.sha256(template.template.source.encode()).hexdigest()[:16]


def content_digest(data: Dashboard, parameters: dict[str, Any]) -> str:
    """A digest of everything the fragment shows: two dashboards with the same digest render
    the same HTML (in one language, with one template)."""
    shown = (
        data.period.label,
        data.level,
        data.empty,
        data.built_at.isoformat() if data.built_at else None,
        (data.team.pk, data.team.name) if data.team else None,
        (data.district.pk, data.district.name) if data.district else None,
        [(i.key, str(i.title)) for i in data.indicators],
        [(r.label, r.values, r.team_id, r.district_id, r.total) for r in data.rows],
        [(t.indicator.key, str(t.indicator.title), t.points) for t in data.trends],
        [(c.code, c.label, c.decisions, c.budget, c.volumes) for c in data.categories],
        [str(parameters.get(name, "")) for name in PARAMETERS],
    )
    return hashlib.sha256(repr(shown).encode()).hexdigest()


def cache_key(data: Dashboard, parameters: dict[str, Any]) -> str:
    digest = content_digest(data, parameters)
    return f"indicatoren:html:{get_language()}:{template_digest()}:{digest}"


def figures_html(data: Dashboard, parameters: dict[str, Any]) -> SafeString:
    """The fragment for ``data``: from the cache, or rendered once and kept."""
    key = cache_key(data, parameters)
    html = cache.get(key)
    if html is None:
        context = {name: parameters.get(name, "") for name in PARAMETERS}
        html = render_to_string(TEMPLATE, {**context, "data": data})
        cache.set(key, html, SECONDS)
    return mark_safe(html)
