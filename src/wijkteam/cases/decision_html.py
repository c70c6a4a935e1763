"""The Besluiten tab's section written in Python, to the HTML of its template (issue 17, ``h-dec3``).

``cases/sections/decision.html`` is ``{% decision_section %}`` (``templatetags/decision_tab.py``);
the template it replaced is kept as ``cases/sections/decision_engine.html``, and :func:`render`
writes exactly what the engine makes of it from the same context (``section``, ``page``,
``case``, ``csrf_token``): the same literal markup and whitespace, ``{{ }}`` escaped and
localised as ``render_value_in_context`` does (``core.direct_render._text``), ``{% translate %}``
of a literal unescaped (a safe msgid), ``{% blocktranslate %}`` as ``gettext(msgid) % values``
with the values escaped, the ``date``, ``floatformat`` and ``lower`` filters called as the
engine calls them, ``{% url %}`` through the URL cache (``core.url_cache``) as the builtin tag
does, and ``{% csrf_token %}`` as Django writes it. The same pattern as ``cases/plan_html.py``.

**Guard.** :data:`ENGINE_SHA256` is the SHA-256 of ``decision_engine.html``'s text. Once per
process the source is checked; when it changed, :func:`render` renders ``decision_engine.html``
through the engine instead, so an edit of the template takes effect and the two cannot drift
silently (``cases/tests/test_decision_section_html.py`` fails on it too, and compares both on
factory data and on hand-made rows: every status and outcome, labels missing, ``'<&>`` in the
names, with and without terms, for every kind of viewer, Dutch and English).
"""

from typing import Any

from django.template import Context
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import floatformat, lower
from django.utils.html import conditional_escape
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]
from django.utils.translation import gettext

from wijkteam.core import direct_html
from wijkteam.core.direct_html import csrf_input, template_sha256
from wijkteam.core.direct_render import _text
from wijkteam.core.url_cache import cached_reverse

ENGINE = "cases/sections/decision_engine.html"
ENGINE_SHA256 = "060fb100075bc94721f5630edf77beeaf79f0e48626886adf605c02710141fe8"
_verified: dict[str, bool] = {}

_HEAD_LABELS = ("Voorziening", "Aanvrager", "Omvang en periode", "Status", "Termijnen", "Acties")


def engine_source_is_known() -> bool:
    """Whether ``decision_engine.html`` is still the text :func:`render` was written from."""
    known = _verified.get(ENGINE)
    if known is None:
        known = template_sha256(ENGINE) == ENGINE_SHA256
        _verified[ENGINE] = known
    return known


def _date(value: Any) -> str:
    """``{{ value|date:"j-n-Y" }}``: the filter (on local time), then escaped."""
    return _text(str(date_filter(template_localtime(value), "j-n-Y")))


def _head() -> str:
    cells = "".join(
        f'    <th scope="col" class="utrecht-table__header-cell">{gettext(label)}</th>\n'
        for label in _HEAD_LABELS
    )
    return (
        '\n<div class="wt-scroll">\n<table class="utrecht-table utrecht-table--html-table">\n'
        '  <caption class="utrecht-table__caption">'
        f"{gettext('Aanvragen voor een maatwerkvoorziening of individuele voorziening')}"
        "</caption>\n"
        '  <thead class="utrecht-table__header"><tr class="utrecht-table__row">\n'
        f"{cells}"
        '  </tr></thead>\n  <tbody class="utrecht-table__body">\n  '
    )


def _status(d: Any) -> str:
    out = _text(d.get_status_display())
    if d.outcome:
        out += f": <strong>{_text(lower(d.get_outcome_display()))}</strong>"
    if d.deviates_from_protocol:
        out += "<br>" + gettext("wijkt af van protocol")
    if d.approved_by:
        out += "<br>" + gettext("akkoord: %(name)s") % {"name": _text(d.approved_by.display_name)}
    return out


def _terms(terms: list[Any]) -> str:
    if not terms:
        return "–"
    return "<br>".join(
        f"{_text(t.label)}: {_date(t.term.due_on)} "
        f'<span class="wt-status wt-status--{_text(t.status)}">{_text(t.status_label)}</span>'
        for t in terms
    )


def _row(row: Any, case: Any, may_decide: bool, url: Any, csrf: str) -> str:
    d = row.decision
    category = _text(d.get_product_category_display())
    hidden = f'<span class="wt-visually-hidden"> {category}</span>'
    code = f" ({_text(d.product_code)})" if d.product_code else ""
    requested = gettext("aanvraag %(day)s") % {"day": _date(d.requested_on)}
    decide = ""
    if may_decide and d.status == "aangevraagd":
        decide = (
            f'· <a class="utrecht-link" href="{url("cases:decision_take", case.pk, d.pk)}">'
            f"{gettext('Besluiten')}{hidden}</a>"
        )
    pdf = ""
    if d.status == "besloten":
        pdf = (
            f'· <a class="utrecht-link" href="{url("cases:decision_pdf", case.pk, d.pk)}">'
            f"{gettext('Beschikking (PDF)')}{hidden}</a>"
        )
    approve = ""
    if row.can_approve:
        approve = (
            '\n        <form method="post" action="'
            f'{url("cases:decision_approve", case.pk, d.pk)}" class="wt-inline-form">{csrf}\n'
            '          <button type="submit" class="utrecht-button '
            f'utrecht-button--secondary-action">{gettext("Tweede akkoord geven")}{hidden}'
            "</button>\n        </form>\n        "
        )
    return (
        '\n    <tr class="utrecht-table__row">\n'
        f'      <td class="utrecht-table__cell">{category}{code}<br>'
        f"{_text(d.get_law_display())}</td>\n"
        f'      <td class="utrecht-table__cell">{_text(d.resident.full_name)}<br>{requested}</td>\n'
        f'      <td class="utrecht-table__cell">{_text(floatformat(d.volume, "-2"))} '
        f"{_text(d.get_unit_display())} {_text(d.get_frequency_display())}<br>"
        f"{_date(d.starts_on)} – {_date(d.ends_on)}</td>\n"
        f'      <td class="utrecht-table__cell">{_status(d)}</td>\n'
        f'      <td class="utrecht-table__cell">{_terms(row.terms)}</td>\n'
        '      <td class="utrecht-table__cell">\n'
        f'        <a class="utrecht-link" href="{url("cases:decision_detail", case.pk, d.pk)}">'
        f"{gettext('Bekijken')}{hidden}</a>\n"
        f"        {decide}\n"
        f"        {pdf}\n"
        f"        {approve}\n"
        "      </td>\n    </tr>\n  "
    )


def _engine(context: Context) -> str:
    """``decision_engine.html`` through the template engine (the guard's fallback)."""
    template = context.template.engine.get_template(ENGINE)  # type: ignore[union-attr]
    return str(template.render(context))


def render(context: Context) -> str:
    """The section of the Besluiten tab: what ``decision_engine.html`` renders from ``context``."""
    if not engine_source_is_known():
        return _engine(context)
    section, case = context["section"], context["case"]
    current_app = direct_html.current_app(context)

    def url(name: str, *args: Any) -> str:
        return str(conditional_escape(cached_reverse(name, args, current_app=current_app)))

    out = [
        f'\n<h2 class="utrecht-heading-2" id="decision">{gettext("Aanvragen en besluiten")}</h2>\n'
    ]
    if section.rows:
        out.append(_head())
        csrf = csrf_input(context)
        may_decide = section.may_decide
        out.extend(_row(row, case, may_decide, url, csrf) for row in section.rows)
        out.append("\n  </tbody>\n</table>\n</div>\n")
    else:
        out.append(f'<p class="utrecht-paragraph">{gettext("Nog geen aanvragen.")}</p>')
    out.append("\n")
    # ``{% if page.can_work and case.is_open %}``: no page (another includer) is not working
    if getattr(context.get("page"), "can_work", False) and case.is_open:
        out.append(
            '<p class="utrecht-paragraph"><a class="utrecht-link" '
            f'href="{url("cases:decision_request", case.pk)}">'
            f"{gettext('Aanvraag vastleggen')}</a></p>"
        )
    out.append("\n")
    return "".join(out)
