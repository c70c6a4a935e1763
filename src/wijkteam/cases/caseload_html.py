"""The rows of the caseload written in Python instead of a template per row (issue 17).

A page of the caseload has up to 25 cases; rendering their rows (five cells with ``{{ }}``,
``{% if %}``, ``|date`` and ``{% fast_url %}`` per row) was the largest part of the page's
rendering. :func:`rows_html` writes the markup of ``cases/_case_list_rows.html`` from the same
cases, as :mod:`wijkteam.cases.queue_html` does for the work queue: every value escaped and
localised as ``{{ }}`` does, the date through Django's own ``date`` filter, the link through
``cached_reverse`` (what ``{% fast_url %}`` asks), the text through ``gettext`` as
``{% translate %}`` does; a missing team or regisseur is empty, as the template shows it.
**Guard**: the Python is used only while the engine resolves the template to the source it
was written from (:data:`ROWS_SOURCE_SHA256`, checked once per process); otherwise the engine
renders it, and ``cases/tests/test_caseload_rows.py`` fails on the digest.
"""

from collections.abc import Iterable
from typing import Any

from django.template.defaultfilters import date as date_filter
from django.template.loader import render_to_string
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]
from django.utils.translation import gettext

from wijkteam.core.direct_html import template_sha256
from wijkteam.core.url_cache import cached_reverse

from .queue_html import value_html

ROWS_TEMPLATE = "cases/_case_list_rows.html"
ROWS_SOURCE_SHA256 = "f7b7a879f24554497f3faf4a663b50529d37e41b5ebc5b476d9f3f3489e75286"
DATE_FORMAT = "j-n-Y"

_known: dict[str, bool] = {}


def source_digest() -> str:
    """SHA-256 of the rows template's source, as the engine finds it now."""
    return template_sha256(ROWS_TEMPLATE)


def _template_known() -> bool:
    known = _known.get(ROWS_TEMPLATE)
    if known is None:
        known = _known[ROWS_TEMPLATE] = source_digest() == ROWS_SOURCE_SHA256
    return known


def rows_html(cases: Iterable[Any]) -> SafeString:
    """The ``<tr>``s of ``cases`` exactly as ``cases/_case_list_rows.html`` renders them."""
    cases = list(cases)
    if not _template_known():
        return mark_safe(render_to_string(ROWS_TEMPLATE, {"cases": cases}))
    if not cases:
        empty = gettext("Geen casussen.")
        return mark_safe(
            '\n    <tr class="utrecht-table__row"><td class="utrecht-table__cell" colspan="5">'
            f"{empty}</td></tr>\n  \n"
        )
    cell = '</td>\n      <td class="utrecht-table__cell">'
    parts: list[str] = []
    for case in cases:
        url = conditional_escape(cached_reverse("cases:detail", [case.pk]))
        household = f'<a class="utrecht-link" href="{url}">{value_html(case.household.name)}</a>'
        hint = getattr(case, "household_hint", "")
        if hint:
            household += f'<br><span class="wt-hint">{value_html(hint)}</span>'
        team = value_html(case.team.name) if case.team is not None else ""
        coordinator = case.coordinator
        responsible = value_html(coordinator.display_name) if coordinator is not None else ""
        opened = value_html(date_filter(template_localtime(case.opened_on), DATE_FORMAT))
        parts.append(
            '\n    <tr class="utrecht-table__row">\n      <td class="utrecht-table__cell">'
            f"{household}{cell}{team}{cell}{value_html(case.get_state_display())}{cell}"
            f"{responsible}{cell}{opened}</td>\n    </tr>\n  "
        )
    parts.append("\n")  # the template's last line break
    return mark_safe("".join(parts))
