"""The Onderzoek and Evaluatie tabs' sections written in Python (issue 17, branch ``h-tabs``).

``cases/sections/<name>.html`` is ``{% load stage_tabs %}{% <name>_section %}``
(``templatetags/stage_tabs.py``); the template each replaced is kept as
``cases/sections/<name>_engine.html``, and the renderers here (and in ``stage_html_assessment``
and ``stage_html_intervention``) write exactly what the engine makes of it from the same
context (``section``, ``page``, ``case``): the same literal markup and whitespace, ``{{ }}``
escaped and localised as ``render_value_in_context`` does (``core.direct_render._text``),
``{% translate %}`` of a literal unescaped (a safe msgid), ``{% blocktranslate %}`` as
``gettext(msgid) % values`` with the values escaped, the ``date``, ``linebreaksbr``, ``lower``,
``truncatewords`` and ``default`` filters called as the engine calls them, ``{% url %}`` through
the URL cache (``core.url_cache``) as the builtin tag does. The pattern of
``cases/decision_html.py``; nothing here reads data.

**Guard.** Each :class:`Pinned` holds the SHA-256 of its ``*_engine.html``. Once per process the
source is checked; when it changed, the section is rendered by the engine instead, so an edit
of the template takes effect and the two cannot drift silently
(``cases/tests/test_stage_html.py`` fails on it too, and compares both on factory data and on
hand-made sections, for every kind of viewer, open and closed cases, Dutch and English).
"""

from collections.abc import Callable
from typing import Any

from django.template import Context
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import linebreaksbr, lower, truncatewords
from django.utils.html import conditional_escape
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]
from django.utils.translation import gettext, ngettext

from wijkteam.core import direct_html
from wijkteam.core.direct_html import template_sha256
from wijkteam.core.direct_render import _text
from wijkteam.core.url_cache import cached_reverse

Url = Callable[..., str]


class Pinned:
    """A ``*_engine.html`` with its SHA-256: whether the Python may stand in for it."""

    def __init__(self, engine: str, sha256: str) -> None:
        self.engine = engine
        self.sha256 = sha256
        self.verified: bool | None = None

    def known(self) -> bool:
        """Whether the engine template is still the text the Python was written from."""
        if self.verified is None:
            self.verified = template_sha256(self.engine) == self.sha256
        return self.verified

    def render_engine(self, context: Context) -> str:
        """The engine template through the template engine (the guard's fallback)."""
        template = context.template.engine.get_template(self.engine)  # type: ignore[union-attr]
        return str(template.render(context))


INVESTIGATION = Pinned(
    "cases/sections/investigation_engine.html",
    "db695457db13cebea877b9cef2492e059b9a97c0f1374b2a9e4863975caa9c88",
)
EVALUATION = Pinned(
    "cases/sections/evaluation_engine.html",
    "7f7c317bcf63d58dac0edeed588110b68ddfa2d9580da9bbaaff3cb8e548cee5",
)


def date(value: Any, fmt: str) -> str:
    """``{{ value|date:fmt }}``: the filter (on local time), then escaped."""
    return _text(str(date_filter(template_localtime(value), fmt)))


def attr(obj: Any, name: str) -> Any:
    """``{{ obj.name }}`` where ``obj`` may be missing: the engine's ``string_if_invalid``."""
    return "" if obj is None else getattr(obj, name)


def url_maker(context: Context) -> Url:
    current_app = direct_html.current_app(context)

    def url(name: str, *args: Any) -> str:
        return str(conditional_escape(cached_reverse(name, args, current_app=current_app)))

    return url


def can_work(context: Context) -> bool:
    """``page.can_work``: no page (another includer) is not working."""
    return bool(getattr(context.get("page"), "can_work", False))


_ITEM = (
    '  <div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{}</dt>'
    '<dd class="utrecht-data-list__item-value">{}</dd></div>\n'
)


def _investigation_data(inv: Any) -> str:
    completed = (
        date(inv.completed_on, "j F Y") if inv.completed_on else gettext("nog niet afgerond")
    )
    if inv.personal_plan_received_on:
        day = date(inv.personal_plan_received_on, "j F Y")
        plan = (
            gettext("ontvangen op %(day)s") % {"day": day}
            + ": "
            + linebreaksbr(inv.personal_plan_summary, autoescape=True)
        )
    else:
        plan = gettext("niet ingediend")
    conclusion = linebreaksbr(inv.conclusion, autoescape=True) or gettext("nog niet vastgelegd")
    handed = date(inv.report_handed_on, "j F Y") if inv.report_handed_on else gettext("nog niet")
    return (
        f'\n<h2 class="utrecht-heading-2" id="investigation">{gettext("Onderzoek")}</h2>\n'
        '<dl class="utrecht-data-list wt-data-list">\n'
        + _ITEM.format(gettext("Gestart op"), date(inv.started_on, "j F Y"))
        + _ITEM.format(gettext("Afgerond op"), completed)
        + _ITEM.format(gettext("Persoonlijk plan"), plan)
        + _ITEM.format(gettext("Conclusie"), conclusion)
        + _ITEM.format(gettext("Verslag aan de inwoner gegeven"), handed)
        + "</dl>\n\n"
    )


def _conversation(item: Any) -> str:
    c = item.conversation
    pk = _text(c.pk)
    heading = gettext("%(day)s, %(place)s") % {
        "day": date(c.held_on, "j F Y"),
        "place": _text(c.place),
    }
    present = ", ".join(_text(r.full_name) for r in item.residents)
    present += "".join(
        f", {_text(m.name)} ({_text(lower(m.get_relation_display()))})"
        for m in item.network_members
    )
    if c.client_supporter_present:
        present += ", " + gettext("cliëntondersteuner")
    if c.other_participants:
        present += ", " + _text(c.other_participants)
    recorded = gettext("Vastgelegd door %(name)s.") % {
        "name": _text(attr(c.recorded_by, "display_name"))
    }
    return (
        f'\n<article aria-labelledby="gesprek-{pk}">\n'
        f'  <h4 class="utrecht-heading-4" id="gesprek-{pk}">{heading}</h4>\n'
        f'  <p class="utrecht-paragraph"><strong>{gettext("Aanwezig:")}</strong>\n'
        f"    {present}.\n"
        f'    <span class="wt-subtitle">{recorded}</span></p>\n'
        f'  <p class="utrecht-paragraph">{linebreaksbr(c.summary, autoescape=True)}</p>\n'
        "</article>\n"
    )


def _li(href: str, text: str, after: str = "") -> str:
    return (
        '\n  <li class="utrecht-unordered-list__item"><a class="utrecht-link" '
        f'href="{href}">{text}</a>{after}</li>'
    )


def _investigation_links(context: Context, section: Any, inv: Any, case: Any) -> str:
    url = url_maker(context)
    work = can_work(context)
    out = ['\n\n<ul class="utrecht-unordered-list">\n  ']
    if work and case.is_open and not inv.completed_on:
        hint = ""
        if not section.ready_to_complete:
            hint = (
                ' <span class="wt-subtitle">('
                f"{gettext('eerst een gesprek en een conclusie vastleggen')})</span>"
            )
        out.append(
            _li(url("cases:conversation_add", case.pk), gettext("Keukentafelgesprek vastleggen"))
            + _li(
                url("cases:investigation_edit", case.pk),
                gettext("Persoonlijk plan en conclusie bijwerken"),
            )
            + _li(url("cases:investigation_complete", case.pk), gettext("Onderzoek afronden"), hint)
            + "\n  "
        )
    out.append("\n  ")
    if work and inv.completed_on:
        text = (
            gettext("Datum van uitreiken van het verslag wijzigen")
            if inv.report_handed_on
            else gettext("Vastleggen dat het verslag is uitgereikt")
        )
        out.append(_li(url("cases:verslag_handed", case.pk), text) + "\n  ")
    pdf = (
        gettext("Verslag van het onderzoek downloaden (PDF)")
        if inv.completed_on
        else gettext("Concept van het verslag downloaden (PDF)")
    )
    out.append(
        '\n  <li class="utrecht-unordered-list__item"><a class="utrecht-link" '
        f'href="{url("cases:verslag_pdf", case.pk)}" download>{pdf}</a></li>\n</ul>\n'
    )
    return "".join(out)


def render_investigation(context: Context) -> str:
    """The Onderzoek tab's section: what ``investigation_engine.html`` renders."""
    if not INVESTIGATION.known():
        return INVESTIGATION.render_engine(context)
    section, case = context["section"], context["case"]
    inv = section.investigation
    if not inv:
        return "\n"
    out = [_investigation_data(inv)]
    out.append(
        '<h3 class="utrecht-heading-3" id="investigation-gesprekken">'
        f"{gettext('Keukentafelgesprekken')}</h3>\n"
    )
    if section.conversations:
        out.extend(_conversation(item) for item in section.conversations)
    else:
        out.append(
            '\n<p class="utrecht-paragraph">'
            f"{gettext('Nog geen keukentafelgesprek vastgelegd.')}</p>\n"
        )
    out.append(_investigation_links(context, section, inv, case))
    out.append("\n")
    return "".join(out)


def _th(label: str) -> str:
    return f'    <th scope="col" class="utrecht-table__header-cell">{gettext(label)}</th>\n'


def _planned_row(p: Any, case: Any, actions: bool, url: Url) -> str:
    e = p.evaluation
    if p.overdue:
        late = ngettext(
            "Te laat: %(n)s dag over de datum", "Te laat: %(n)s dagen over de datum", p.days_late
        ) % {"n": _text(p.days_late)}
        status = f'<span class="wt-status wt-status--overdue">{late}</span>'
    else:
        status = f'<span class="wt-status wt-status--on_time">{gettext("Gepland")}</span>'
    action = ""
    if actions:
        hidden = gettext("van de evaluatie van %(d)s") % {"d": date(e.planned_on, "j F Y")}
        action = (
            '<td class="utrecht-table__cell"><a class="utrecht-link" '
            f'href="{url("cases:evaluation_record", case.pk, e.pk)}">'
            f'{gettext("Uitkomst vastleggen")}<span class="wt-visually-hidden"> {hidden}</span>'
            "</a></td>"
        )
    return (
        '\n    <tr class="utrecht-table__row">\n'
        f'      <td class="utrecht-table__cell">{date(e.planned_on, "l j F Y")}</td>\n'
        f'      <td class="utrecht-table__cell">{status}</td>\n'
        f"      {action}\n"
        "    </tr>\n  "
    )


def _held(section: Any, case: Any, url: Url) -> str:
    rows = "".join(
        '\n    <tr class="utrecht-table__row">\n'
        '      <td class="utrecht-table__cell"><a class="utrecht-link" '
        f'href="{url("cases:evaluation_detail", case.pk, e.pk)}">{date(e.held_on, "j F Y")}'
        "</a></td>\n"
        f'      <td class="utrecht-table__cell">{_text(e.get_outcome_display())}</td>\n'
        f'      <td class="utrecht-table__cell">{_text(truncatewords(e.notes, 25) or "–")}</td>\n'
        '      <td class="utrecht-table__cell">'
        f"{_text(attr(e.held_by, 'display_name') or '–')}</td>\n"
        "    </tr>\n  "
        for e in section.held
    )
    return (
        '\n<table class="utrecht-table utrecht-table--html-table">\n'
        f'  <caption class="utrecht-table__caption">{gettext("Gehouden evaluaties")}</caption>\n'
        '  <thead class="utrecht-table__header"><tr class="utrecht-table__row">\n'
        + _th("Gehouden op")
        + _th("Uitkomst")
        + _th("Toelichting")
        + _th("Vastgelegd door")
        + '  </tr></thead>\n  <tbody class="utrecht-table__body">\n  '
        + rows
        + "\n  </tbody>\n</table>\n"
    )


def render_evaluation(context: Context) -> str:
    """The Evaluatie tab's section: what ``evaluation_engine.html`` renders."""
    if not EVALUATION.known():
        return EVALUATION.render_engine(context)
    section, case = context["section"], context["case"]
    url = url_maker(context)
    actions = can_work(context) and bool(case.is_open)
    out = [f'<h2 class="utrecht-heading-2" id="evaluation">{gettext("Evaluatie")}</h2>\n']
    overdue = section.overdue_count
    if overdue:
        message = ngettext(
            "Eén geplande evaluatie is over de datum en nog niet vastgelegd.",
            "%(n)s geplande evaluaties zijn over de datum en nog niet vastgelegd.",
            overdue,
        ) % {"n": _text(overdue)}
        out.append(
            '\n<div class="utrecht-alert utrecht-alert--warning" role="status">'
            '<div class="utrecht-alert__content">'
            '<p class="utrecht-alert__message utrecht-paragraph">\n'
            f"  {message}\n</p></div></div>\n"
        )
    out.append(
        '\n<table class="utrecht-table utrecht-table--html-table">\n'
        f'  <caption class="utrecht-table__caption">{gettext("Geplande evaluaties")}</caption>\n'
        '  <thead class="utrecht-table__header"><tr class="utrecht-table__row">\n'
        + _th("Gepland op")
        + _th("Status")
        + "    "
        + (
            f'<th scope="col" class="utrecht-table__header-cell">{gettext("Acties")}</th>'
            if actions
            else ""
        )
        + '\n  </tr></thead>\n  <tbody class="utrecht-table__body">\n  '
    )
    if section.planned:
        out.extend(_planned_row(p, case, actions, url) for p in section.planned)
    else:
        out.append(
            '\n    <tr class="utrecht-table__row"><td class="utrecht-table__cell" '
            f'colspan="{3 if actions else 2}">{gettext("Geen evaluatie gepland.")}</td></tr>\n  '
        )
    out.append("\n  </tbody>\n</table>\n")
    if section.held:
        out.append(_held(section, case, url))
    out.append("\n")
    if actions:
        out.append(
            '<p class="utrecht-paragraph"><a class="utrecht-link" '
            f'href="{url("cases:evaluation_plan", case.pk)}">{gettext("Evaluatie plannen")}</a></p>'
        )
    out.append("\n")
    return "".join(out)
