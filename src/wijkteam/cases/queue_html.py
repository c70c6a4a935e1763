"""The rows of the work queue written in Python instead of a template per row (issue 17).

A page of the queue has up to 50 rows; rendering ``cases/_work_queue_rows.html`` (five cells
with their ``{% if %}``, ``|date``, ``{% fast_url %}`` and ``{% translate %}`` per row) was the
largest part of the page's rendering. :func:`rows_html` writes the same markup from the same
items: every value escaped and localised as ``{{ }}`` does (``render_value_in_context``), the
date through Django's own ``date`` filter, the links through ``cached_reverse`` (what
``{% fast_url %}`` asks), the texts through ``gettext`` as ``{% translate %}`` and
``{% blocktranslate %}`` do. **Guard**: the Python is used only while the engine resolves the
template to the source it was written from (:data:`ROWS_SOURCE_SHA256`, checked once per
process); a changed or overridden template renders through the engine instead, and
``cases/tests/test_queue_page_sameness.py`` fails on the digest so the Python gets updated.
"""

import datetime
import html
from collections.abc import Iterable
from typing import Any

from django.template.defaultfilters import date as date_filter
from django.template.loader import render_to_string
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]
from django.utils.translation import gettext

from wijkteam.core.direct_html import template_sha256
from wijkteam.core.url_cache import cached_reverse

ROWS_TEMPLATE = "cases/_work_queue_rows.html"
ROWS_SOURCE_SHA256 = "46a94f439afd02082c044b375b087e2d2c32ac7347abb398e52fafdedf8df0af"
DATE_FORMAT = "D j-n-Y"

_known: dict[str, bool] = {}


def source_digest() -> str:
    """SHA-256 of the rows template's source, as the engine finds it now."""
    return template_sha256(ROWS_TEMPLATE)


def _template_known() -> bool:
    known = _known.get(ROWS_TEMPLATE)
    if known is None:
        known = _known[ROWS_TEMPLATE] = source_digest() == ROWS_SOURCE_SHA256
    return known


def _value(value: object) -> str:
    """``{{ value }}`` with autoescaping (``render_value_in_context``)."""
    if type(value) is str:  # a plain text: neither localised nor converted, only escaped
        return escape(value)
    value = localize(template_localtime(value))
    if not isinstance(value, str):
        value = str(value)
    return conditional_escape(value)


value_html = _value  # for the other lists written in Python (``caseload_html``)


def _text(value: object) -> str:
    """:func:`_value` for the rows: a plain text escaped by ``html.escape`` directly (what
    Django's ``escape`` does inside its lazy-aware wrapper), anything else as ``_value``."""
    if type(value) is str:
        return html.escape(value)
    return _value(value)


def _date(value: object) -> str:
    """``{{ value|date:"D j-n-Y" }}``: for a ``date`` (what the queue's items hold) the pieces
    ``DateFormat`` writes for ``D``, ``j``, ``n`` and ``Y`` (the weekday's abbreviation in the
    active language, day, month, the year in four digits), escaped; anything else through the
    filter itself."""
    if type(value) is datetime.date:
        day = WEEKDAYS_ABBR[value.weekday()]
        return html.escape(f"{day} {value.day}-{value.month}-{value.year:04d}")
    return _value(date_filter(template_localtime(value), DATE_FORMAT))


def rows_html(items: Iterable[Any]) -> SafeString:
    """The ``<tr>``s of ``items`` exactly as ``cases/_work_queue_rows.html`` renders them."""
    items = list(items)
    if not _template_known():
        return mark_safe(render_to_string(ROWS_TEMPLATE, {"items": items}))
    if not items:
        empty = gettext("Niets dat nu aandacht vraagt.")
        return mark_safe(
            '\n    <tr class="utrecht-table__row"><td class="utrecht-table__cell" colspan="5">'
            f"{empty}</td></tr>\n  \n"
        )
    statuses = {"overdue": gettext("verlopen"), "due_soon": gettext("nu oppakken")}
    on_time = gettext("op tijd")
    nobody = gettext("het team (nog niemand)")
    report_text = gettext("Melding %(id)s")
    dates: dict[object, str] = {}
    cell = '</td>\n      <td class="utrecht-table__cell">'
    parts: list[str] = []
    for item in items:
        due_on = item.due_on
        shown = dates.get(due_on)
        if shown is None:
            shown = dates[due_on] = _date(due_on)
        label = _text(item.label)
        what = (
            f'<a class="utrecht-link" href="{_text(item.url)}">{label}</a>' if item.url else label
        )
        case, report = item.case, item.report
        if case:
            url = conditional_escape(cached_reverse("cases:detail", [case.pk]))
            household = f'<a class="utrecht-link" href="{url}">{_text(case.household.name)}</a>'
            hint = getattr(case, "household_hint", "")
            if hint:
                household += f'<br><span class="wt-hint">{_text(hint)}</span>'
            responsible = _text(case.coordinator.display_name)
        else:
            household = ""
            if report:
                url = conditional_escape(cached_reverse("cases:report_triage", [report.pk]))
                text = report_text % {"id": _value(report.pk)}
                household = f'<a class="utrecht-link" href="{url}">{text}</a>'
                hint = getattr(report, "household_hint", "")
                if hint:
                    household += f'<br><span class="wt-hint">{_text(hint)}</span>'
            responsible = nobody
        status = item.status
        parts.append(
            '\n    <tr class="utrecht-table__row">\n      <td class="utrecht-table__cell">'
            f"{shown}{cell}{what}{cell}{household}{cell}{responsible}{cell}"
            f'<span class="wt-status wt-status--{_text(status)}">'
            f"{statuses.get(status, on_time)}</span></td>\n    </tr>\n  "
        )
    parts.append("\n")  # the template's last line break
    return mark_safe("".join(parts))
