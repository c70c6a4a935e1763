"""The Inzet tab's section written in Python (issue 17, branch ``h-tabs``).

What ``cases/sections/intervention_engine.html`` renders, by the rules of
``cases/stage_html.py``; ``floatformat:"-2"`` and ``lower`` are called as the engine calls them.
"""

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.template import Context
from django.template.defaultfilters import floatformat, lower
from django.utils.translation import gettext

from wijkteam.core.direct_render import _text

from .stage_html import Pinned, Url, attr, can_work, date, url_maker

INTERVENTION = Pinned(
    "cases/sections/intervention_engine.html",
    "2dfaade4ae5e7f73cc56e70f3a50d5f8ede0485257e71b0ecc911615f82caa5c",
)

_HEAD = ("Interventie", "Door of bij", "Periode", "Status", "Op- en afschalen")


def _allocation(i: Any) -> Any:
    """``i.allocation``, or None where the engine finds none (a silent failure)."""
    try:
        return i.allocation
    except ObjectDoesNotExist:
        return None


def _by(i: Any) -> str:
    if i.kind == "lichte_ondersteuning":
        hours = gettext("%(h)s uur geschreven") % {
            "h": _text(floatformat(i.total_hours or 0, "-2"))
        }
        return f"{_text(attr(i.delivered_by, 'display_name'))}<br>{hours}\n        "
    if i.kind == "algemene_voorziening":
        return f"{_text(i.provision_name)}\n        "
    a = _allocation(i)
    if not a:
        return ""
    number = gettext("toewijzing %(n)s") % {"n": _text(a.allocation_number)}
    out = (
        f"{_text(a.provider.name)}<br>{number}: {_text(floatformat(a.volume, '-2'))} "
        f"{_text(a.get_unit_display())} {_text(a.get_frequency_display())}"
    )
    if a.own_employer:
        out += (
            f"<br><strong>{gettext('eigen werkgever van de toewijzer')}</strong>: "
            f"{_text(a.own_employer_reason)}"
        )
    return out


def _scale(i: Any) -> str:
    events = []
    for e in getattr(i, "scale_history", ()):
        volume = ""
        if e.new_volume is not None:
            old = ""
            if e.old_volume is not None:
                old = f"{_text(floatformat(e.old_volume, '-2'))} → "
            volume = f" {old}{_text(floatformat(e.new_volume, '-2'))}"
        events.append(
            f"{date(e.at, 'j-n-Y')} {_text(lower(e.get_change_display()))}{volume}: "
            f"{_text(e.reason)} ({_text(attr(e.by, 'display_name'))})"
        )
    return "<br>".join(events) or "–"


def _actions(i: Any, case: Any, url: Url) -> str:
    if i.status == "beeindigd":
        return '<td class="utrecht-table__cell"></td>'
    hidden = f'<span class="wt-visually-hidden"> {_text(i.description)}</span>'
    hours = ""
    if i.kind == "lichte_ondersteuning":
        hours = (
            f'<a class="utrecht-link" href="{url("cases:time_entry_add", case.pk, i.pk)}">'
            f"{gettext('Uren schrijven')}{hidden}</a> · "
        )
    return (
        '<td class="utrecht-table__cell">\n'
        f"        {hours}\n"
        f'        <a class="utrecht-link" href="{url("cases:intervention_scale", case.pk, i.pk)}">'
        f"{gettext('Op- of afschalen')}{hidden}</a> ·\n"
        f'        <a class="utrecht-link" href="{url("cases:intervention_end", case.pk, i.pk)}">'
        f"{gettext('Beëindigen')}{hidden}</a>\n"
        "      </td>"
    )


def _row(i: Any, case: Any, work: bool, url: Url) -> str:
    ends = date(i.ends_on, "j-n-Y") if i.ends_on else gettext("open")
    return (
        '\n    <tr class="utrecht-table__row">\n'
        f'      <td class="utrecht-table__cell"><strong>{_text(i.description)}</strong><br>'
        f"{_text(i.get_kind_display())}</td>\n"
        '      <td class="utrecht-table__cell">\n'
        f"        {_by(i)}\n"
        "      </td>\n"
        f'      <td class="utrecht-table__cell">{date(i.starts_on, "j-n-Y")} – {ends}</td>\n'
        f'      <td class="utrecht-table__cell">{_text(i.get_status_display())}</td>\n'
        f'      <td class="utrecht-table__cell">{_scale(i)}</td>\n'
        f"      {_actions(i, case, url) if work else ''}\n"
        "    </tr>\n  "
    )


def render_intervention(context: Context) -> str:
    """The Inzet tab's section: what ``intervention_engine.html`` renders."""
    if not INTERVENTION.known():
        return INTERVENTION.render_engine(context)
    section, case = context["section"], context["case"]
    url = url_maker(context)
    work = can_work(context)
    out = [f'\n<h2 class="utrecht-heading-2" id="intervention">{gettext("Interventies")}</h2>\n']
    if section.interventions:
        head = "".join(
            f'    <th scope="col" class="utrecht-table__header-cell">{gettext(label)}</th>\n'
            for label in _HEAD
        )
        actions = (
            f'<th scope="col" class="utrecht-table__header-cell">{gettext("Acties")}</th>'
            if work
            else ""
        )
        out.append(
            '\n<div class="wt-scroll">\n<table class="utrecht-table utrecht-table--html-table">\n'
            '  <caption class="utrecht-table__caption">'
            f"{gettext('Lichte ondersteuning, algemene voorzieningen en toewijzingen')}</caption>\n"
            '  <thead class="utrecht-table__header"><tr class="utrecht-table__row">\n'
            f"{head}    {actions}\n"
            '  </tr></thead>\n  <tbody class="utrecht-table__body">\n  '
        )
        out.extend(_row(i, case, work, url) for i in section.interventions)
        out.append("\n  </tbody>\n</table>\n</div>\n")
    else:
        out.append(f'<p class="utrecht-paragraph">{gettext("Nog geen interventies.")}</p>')
    out.append("\n")
    if work and case.is_open:
        links = "".join(
            '  <li class="utrecht-unordered-list__item"><a class="utrecht-link" '
            f'href="{url("cases:intervention_start", case.pk, kind)}">{gettext(text)}</a></li>\n'
            for kind, text in (
                ("lichte_ondersteuning", "Lichte ondersteuning door het team starten"),
                ("algemene_voorziening", "Verwijzen naar een algemene voorziening"),
                ("maatwerk", "Maatwerkvoorziening toewijzen aan een aanbieder"),
            )
        )
        out.append(f'\n<ul class="utrecht-unordered-list">\n{links}</ul>\n')
    out.append("\n")
    return "".join(out)
