"""The rows of the caseload written in Python instead of a template per row (issue 17).

A page of the caseload has up to 25 cases; rendering their rows (five cells with ``{{ }}``,
``{% if %}``, ``|date`` and ``{% fast_url %}`` per row) was the largest part of the page's
rendering. :func:`rows_html` writes the markup of ``cases/_case_list_rows.html`` from the same
cases, as :mod:`wijkteam.cases.queue_html` does for the work queue: every value escaped and
localised as ``{{ }}`` does, the date through Django's own ``date`` filter, the link through
``cached_reverse`` (what ``{% fast_url %}`` asks), the text through ``gettext`` as
``{% translate %}`` does; a missing team or regisseur is empty, as the template shows it.
Cheaper, with the same output (branch ``h-tl3``): a plain ``str`` is escaped by
``html.escape`` directly (what ``{{ }}`` does to it), a ``date`` written as ``DateFormat``
writes ``j-n-Y``, and the state's label looked up in the field's choices once per language
(what ``get_state_display`` does per case).
**Guard**: the Python is used only while the engine resolves the template to the source it
was written from (:data:`ROWS_SOURCE_SHA256`, checked once per process); otherwise the engine
renders it, and ``cases/tests/test_caseload_rows.py`` fails on the digest.
"""

import datetime
import html
from collections.abc import Iterable
from typing import Any

from django.template.defaultfilters import date as date_filter
from django.template.loader import render_to_string
from django.utils.encoding import force_str
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]
from django.utils.translation import get_language, gettext

from wijkteam.core.direct_html import template_sha256
from wijkteam.core.url_cache import cached_reverse

from .queue_html import value_html

ROWS_TEMPLATE = "cases/_case_list_rows.html"
ROWS_SOURCE_SHA256 = "f7b7a879f24554497f3faf4a663b50529d37e41b5ebc5b476d9f3f3489e75286"
DATE_FORMAT = "j-n-Y"

_known: dict[str, bool] = {}
_STATE_LABELS: dict[tuple[type, str | None], dict[Any, str]] = {}


def _text(value: object) -> str:
    """``{{ value }}``: a plain text only escaped (``html.escape``, what Django's ``escape``
    does inside its lazy-aware wrapper); anything else through ``value_html``."""
    if type(value) is str:
        return html.escape(value)
    return value_html(value)


def _opened(value: object) -> str:
    """``{{ value|date:"j-n-Y" }}``: for a ``date`` the pieces ``DateFormat`` writes (day,
    month, the year in four digits); anything else through the filter itself."""
    if type(value) is datetime.date:
        return f"{value.day}-{value.month}-{value.year:04d}"
    return value_html(date_filter(template_localtime(value), DATE_FORMAT))


def _state(case: Any) -> str:
    """``case.get_state_display()``: the label of the state in the active language (the
    field's flat choices, read once per model and language), else the value itself."""
    key = (type(case), get_language())
    labels = _STATE_LABELS.get(key)
    if labels is None:
        field = type(case)._meta.get_field("state")
        labels = _STATE_LABELS[key] = {
            value: force_str(label, strings_only=True) for value, label in field.flatchoices
        }
    state = case.state
    try:
        label = labels.get(state, state)
    except TypeError:  # not hashable: what Django's own lookup does
        return _text(case.get_state_display())
    return _text(force_str(label, strings_only=True))


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
        household = f'<a class="utrecht-link" href="{url}">{_text(case.household.name)}</a>'
        hint = getattr(case, "household_hint", "")
        if hint:
            household += f'<br><span class="wt-hint">{_text(hint)}</span>'
        team = _text(case.team.name) if case.team is not None else ""
        coordinator = case.coordinator
        responsible = _text(coordinator.display_name) if coordinator is not None else ""
        opened = _opened(case.opened_on)
        parts.append(
            '\n    <tr class="utrecht-table__row">\n      <td class="utrecht-table__cell">'
            f"{household}{cell}{team}{cell}{_state(case)}{cell}"
            f"{responsible}{cell}{opened}</td>\n    </tr>\n  "
        )
    parts.append("\n")  # the template's last line break
    return mark_safe("".join(parts))
