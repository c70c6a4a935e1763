"""The plan tab's section written in Python, to the HTML of its template (issue 17, ``h-plan2``).

``cases/sections/plan.html`` is ``{% plan_section %}`` (``templatetags/casus.py``); the
template it replaced is kept as ``cases/sections/plan_engine.html``, and :func:`render` writes
exactly what the engine makes of it from the same context (``section``, ``page``, ``case``,
``csrf_token``): the same literal markup and whitespace, ``{{ }}`` escaped and localised as
``render_value_in_context`` does (``core.direct_render._text``), ``{% translate %}`` of a
literal unescaped (a safe msgid), ``{% blocktranslate %}`` as ``gettext(msgid) % values``, the
``date``, ``default``, ``linebreaksbr`` and ``truncatewords`` filters called as the engine
calls them, ``{% url %}`` through the URL cache (``core.url_cache``) as the builtin tag does,
``{% csrf_token %}`` as Django writes it, and a missing attribute (``a.owner_user`` of an
action without one) as the empty string.

**Guard.** :data:`ENGINE_SHA256` is the SHA-256 of ``plan_engine.html``'s text. Once per
process the source is checked; when it changed, :func:`render` renders ``plan_engine.html``
through the engine instead, so an edit of the template takes effect and the two cannot drift
silently (``cases/tests/test_plan_section_html.py`` fails on it too, and compares both on
factory data: no plan, no goals or actions, many, every status and owner, ``'<&>`` in the
texts, Dutch and English).
"""

from collections.abc import Callable
from typing import Any

from django.template import Context
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import linebreaksbr, truncatewords
from django.utils.html import conditional_escape
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]
from django.utils.translation import get_language, gettext

from wijkteam.core import direct_html
from wijkteam.core.direct_html import csrf_input, template_sha256
from wijkteam.core.direct_render import _text
from wijkteam.core.url_cache import cached_reverse

ENGINE = "cases/sections/plan_engine.html"
ENGINE_SHA256 = "06ac9d818720f6f6a402a1720b4969b18a883725f35a1518e5d56ec2e4ad4bce"
_verified: dict[str, bool] = {}


def engine_source_is_known() -> bool:
    """Whether ``plan_engine.html`` is still the text :func:`render` was written from."""
    known = _verified.get(ENGINE)
    if known is None:
        known = template_sha256(ENGINE) == ENGINE_SHA256
        _verified[ENGINE] = known
    return known


def _date(value: Any, fmt: str) -> str:
    """``value|date:fmt`` (the filter expects local time); not yet escaped."""
    return str(date_filter(template_localtime(value), fmt))


# (language, choices) -> the options' (value, html before " selected", html after)
_OPTIONS: dict[tuple[str | None, tuple[tuple[str, str], ...]], list[tuple[str, str, str]]] = {}


def _options(choices: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    key = (get_language(), tuple(choices))
    found = _OPTIONS.get(key)
    if found is None:
        found = [
            (v, f'<option value="{_text(v)}"', f">{_text(label)}</option>") for v, label in choices
        ]
        if len(_OPTIONS) < 64:
            _OPTIONS[key] = found
    return found


def _agreement(plan: Any) -> str:
    alert = (
        '<div class="utrecht-alert utrecht-alert--{}" role="status">'
        '<div class="utrecht-alert__content">'
        '<p class="utrecht-alert__message utrecht-paragraph">\n  '
    )
    ok, warning = alert.format("ok"), alert.format("warning")
    end = "\n</p></div></div>\n"
    if plan.agreed_on:
        text = gettext("Besproken met de inwoner op %(d)s; akkoord gegeven op %(a)s.") % {
            "d": _text(_date(plan.discussed_on, "j F Y")),
            "a": _text(_date(plan.agreed_on, "j F Y")),
        }
        note = f" ({_text(plan.agreement_note)})" if plan.agreement_note else ""
        return ok + text + note + end
    if plan.discussed_on:
        text = gettext("Besproken met de inwoner op %(d)s, maar nog geen akkoord vastgelegd.") % {
            "d": _text(_date(plan.discussed_on, "j F Y"))
        }
        return warning + text + end
    return (
        warning
        + gettext("Het plan is nog niet met de inwoner besproken en heeft nog geen akkoord.")
        + end
    )


_GOALS_HEAD = (
    '<table class="utrecht-table utrecht-table--html-table">\n'
    '  <caption class="utrecht-table__caption">{caption}</caption>\n'
    '  <thead class="utrecht-table__header"><tr class="utrecht-table__row">\n'
    '    <th scope="col" class="utrecht-table__header-cell">{nr}</th>\n'
    '    <th scope="col" class="utrecht-table__header-cell">{domain}</th>\n'
    '    <th scope="col" class="utrecht-table__header-cell">{goal}</th>\n'
    '    <th scope="col" class="utrecht-table__header-cell">{status}</th>\n'
    "  </tr></thead>\n"
    '  <tbody class="utrecht-table__body">\n  '
)


def _goals(goals: list[Any]) -> str:
    out = [
        _GOALS_HEAD.format(
            caption=gettext("Doelen, in de woorden van de inwoner"),
            nr=gettext("Nr."),
            domain=gettext("Leefgebied"),
            goal=gettext("Doel"),
            status=gettext("Status"),
        )
    ]
    for counter, g in enumerate(goals, 1):
        domain = g.domain.name if g.domain is not None else ""
        out.append(
            '\n    <tr class="utrecht-table__row">\n'
            f'      <td class="utrecht-table__cell">{_text(counter)}</td>\n'
            f'      <td class="utrecht-table__cell">{_text(domain) if domain else "–"}</td>\n'
            f'      <td class="utrecht-table__cell">{linebreaksbr(g.text, autoescape=True)}</td>\n'
            f'      <td class="utrecht-table__cell">{_text(g.get_status_display())}</td>\n'
            "    </tr>\n  "
        )
    if not goals:
        out.append(
            '\n    <tr class="utrecht-table__row"><td class="utrecht-table__cell" colspan="4">'
            f"{gettext('Nog geen doelen.')}</td></tr>\n  "
        )
    out.append("\n  </tbody>\n</table>\n")
    return "".join(out)


def _owner(a: Any) -> str:
    if a.owner_kind == "team":
        return _text(a.owner_user.display_name) if a.owner_user is not None else ""
    if a.owner_kind == "aanbieder":
        return _text(a.owner_organisation.name) if a.owner_organisation is not None else ""
    return _text(a.owner_name)


def _actions(
    section: Any, plan: Any, case: Any, working: bool, url: Callable[..., str], csrf: str
) -> str:
    head = [
        "Actie",
        "Bij doel",
        "Wie",
        "Eigenaar",
        "Uiterlijk op",
        "Status",
    ]
    out = [
        '<div class="wt-scroll">\n<table class="utrecht-table utrecht-table--html-table">\n'
        f'  <caption class="utrecht-table__caption">{gettext("Acties: wie doet wat, wanneer")}'
        "</caption>\n"
        '  <thead class="utrecht-table__header"><tr class="utrecht-table__row">\n'
    ]
    for label in head:
        out.append(
            f'    <th scope="col" class="utrecht-table__header-cell">{gettext(label)}</th>\n'
        )
    out.append("    ")
    if working:
        out.append(
            f'<th scope="col" class="utrecht-table__header-cell">{gettext("Status wijzigen")}</th>'
        )
    out.append('\n  </tr></thead>\n  <tbody class="utrecht-table__body">\n  ')
    options = _options(section.status_choices) if working and section.actions else []
    overdue = section.overdue_ids
    for a in section.actions:
        service = ""
        if a.service:
            general = f" ({gettext('voorliggend')})" if a.service.general_provision else ""
            service = (
                f'<br><span class="wt-muted">{gettext("Sociale kaart")}: '
                f"{_text(a.service.name)}{general}</span>"
            )
        goal = _text(truncatewords(a.goal.text, 8)) if a.goal else "–"
        due = _date(a.due_on, "j-n-Y")
        late = (
            f' <span class="wt-status wt-status--overdue">{gettext("te laat")}</span>'
            if a.pk in overdue
            else ""
        )
        out.append(
            '\n    <tr class="utrecht-table__row">\n'
            f'      <td class="utrecht-table__cell">{_text(a.description)}{service}</td>\n'
            f'      <td class="utrecht-table__cell">{goal}</td>\n'
            f'      <td class="utrecht-table__cell">{_text(a.get_owner_kind_display())}</td>\n'
            f'      <td class="utrecht-table__cell">{_owner(a)}</td>\n'
            f'      <td class="utrecht-table__cell">{_text(due) if due else "–"}{late}</td>\n'
            f'      <td class="utrecht-table__cell">{_text(a.get_status_display())}</td>\n'
            "      "
        )
        if working:
            description = _text(a.description)
            pk = _text(a.pk)
            chosen = "".join(
                f"{start} selected{end}" if value == a.status else f"{start}{end}"
                for value, start, end in options
            )
            label = gettext("Nieuwe status van actie „%(d)s”") % {"d": description}
            hidden = gettext("status van „%(d)s”") % {"d": description}
            out.append(
                '<td class="utrecht-table__cell">\n'
                '        <form method="post" action="'
                f'{url("cases:plan_action_status", case.pk, a.pk)}" class="wt-inline-form">\n'
                f'          {csrf}<input type="hidden" name="expected_plan_version" '
                f'value="{_text(plan.version)}">\n'
                f'          <label class="wt-visually-hidden" for="actie-{pk}-status">'
                f"{label}</label>\n"
                '          <select class="utrecht-select utrecht-select--html-select" '
                f'id="actie-{pk}-status" name="status">\n'
                f"            {chosen}\n"
                "          </select>\n"
                '          <button type="submit" class="utrecht-button '
                f'utrecht-button--secondary-action">{gettext("Wijzigen")}'
                f'<span class="wt-visually-hidden"> {hidden}</span></button>\n'
                "        </form>\n"
                "      </td>"
            )
        out.append("\n    </tr>\n  ")
    if not section.actions:
        out.append(
            '\n    <tr class="utrecht-table__row"><td class="utrecht-table__cell" '
            f'colspan="{7 if working else 6}">{gettext("Nog geen acties.")}</td></tr>\n  '
        )
    out.append("\n  </tbody>\n</table>\n</div>\n")
    return "".join(out)


def _engine(context: Context) -> str:
    """``plan_engine.html`` through the template engine (the guard's fallback)."""
    template = context.template.engine.get_template(ENGINE)  # type: ignore[union-attr]
    return str(template.render(context))


def render(context: Context) -> str:
    """The section of the plan tab: what ``plan_engine.html`` renders from ``context``."""
    if not engine_source_is_known():
        return _engine(context)
    section, case = context["section"], context["case"]
    plan = section.plan
    current_app = direct_html.current_app(context)

    def url(name: str, *args: Any) -> str:
        return str(conditional_escape(cached_reverse(name, args, current_app=current_app)))

    # ``{% if page.can_work and case.is_open %}``: no page (another includer) is not working
    working = bool(getattr(context.get("page"), "can_work", False) and case.is_open)
    out = [f'<h2 class="utrecht-heading-2" id="plan">{gettext("Plan")}</h2>\n\n']
    if plan:
        latest = section.latest
        if latest:
            version = gettext("Versie %(n)s, laatst gewijzigd door %(who)s op %(when)s.") % {
                "n": _text(plan.version),
                "who": _text(latest.changed_by.display_name),
                "when": _text(_date(latest.changed_at, "j F Y, H:i")),
            }
        else:
            version = gettext("Versie %(n)s.") % {"n": _text(plan.version)}
        out.append(
            f'\n<p class="utrecht-paragraph">{version}\n'
            f'  <a class="utrecht-link" href="{url("cases:plan_versions", case.pk)}">'
            f"{gettext('Alle versies van het plan')}</a></p>\n"
        )
        out.append("\n" + _agreement(plan) + "\n\n")
        out.append(_goals(section.goals))
        out.append("\n")
        out.append(_actions(section, plan, case, working, url, csrf_input(context)))
    else:
        out.append(
            f'\n<p class="utrecht-paragraph">{gettext("Er is nog geen plan voor dit huishouden.")}'
            "</p>\n"
        )
    out.append("\n")
    if working:
        edit = gettext("Plan bewerken") if plan else gettext("Plan opstellen")
        out.append(
            '<p class="utrecht-paragraph"><a class="utrecht-link" '
            f'href="{url("cases:plan_edit", case.pk)}">{edit}</a> · <a class="utrecht-link" '
            f'href="{url("cases:initiatives", case.pk)}">'
            f"{gettext('Verbinden met een initiatief')}</a></p>"
        )
    out.append("\n\n")
    return "".join(out)
