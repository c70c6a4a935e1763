"""The Metingen tab's section written in Python (issue 17, branch ``h-tabs``).

What ``cases/sections/assessment_engine.html`` renders, by the rules of ``cases/stage_html.py``;
inside ``{% localize off %}`` (the chart) a value is written as ``localize(value,
use_l10n=False)`` writes it (plain ``str`` for the chart's numbers).
"""

from typing import Any

from django.template import Context
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.translation import gettext, ngettext

from wijkteam.core.direct_render import _text

from .stage_html import Pinned, Url, can_work, date, url_maker

ASSESSMENT = Pinned(
    "cases/sections/assessment_engine.html",
    "2ac2e58a7ad270300d393d6985b54f0c315f515c6a928cfb7d7afa04364e3743",
)


def _raw(value: Any) -> str:
    """``{{ value }}`` inside ``{% localize off %}``."""
    kind = type(value)
    if kind is str:
        return str(conditional_escape(value))
    if kind is int or (kind is float and "e" not in repr(value).lower()):
        return str(value)
    return str(conditional_escape(str(localize(value, use_l10n=False))))


def _bar(b: Any, fill: str) -> str:
    return (
        f'<rect x="{_raw(b.x)}" y="{_raw(b.y)}" width="{_raw(b.width)}" '
        f'height="{_raw(b.height)}" fill="{fill}" stroke="#1a1a1a" stroke-width="1.5"/>\n'
        f'  <text x="{_raw(b.text_x)}" y="{_raw(b.text_y)}" fill="#1a1a1a">{_raw(b.text)}</text>'
    )


def _chart(p: Any, c: Any, instrument: str, name: str) -> str:
    cid = _raw(c.id)
    hatched = f"url(#{cid}-arcering)"
    title = gettext("Staafdiagram: %(instrument)s van %(name)s, intake en nu") % {
        "instrument": instrument,
        "name": name,
    }
    desc = gettext(
        "Per domein de score bij de eerste meting (gearceerde staaf) en bij de laatste meting "
        "(effen staaf), op een schaal van %(min)s tot en met %(max)s. De tabel hieronder geeft "
        "dezelfde cijfers."
    ) % {"min": _raw(p.instrument.scale_min), "max": _raw(p.instrument.scale_max)}
    size = _raw(c.legend_size)
    legend_y, legend_text_y = _raw(c.legend_y), _raw(c.legend_text_y)
    top, bottom, axis_y = _raw(c.plot_top), _raw(c.plot_bottom), _raw(c.axis_label_y)
    ticks = "".join(
        f'<line x1="{_raw(t.x)}" y1="{top}" x2="{_raw(t.x)}" y2="{bottom}" stroke="#767676" '
        'stroke-width="1" stroke-dasharray="2 3"/>\n'
        f'  <text x="{_raw(t.x)}" y="{axis_y}" text-anchor="middle" fill="#1a1a1a">'
        f"{_raw(t.label)}</text>"
        for t in c.ticks
    )
    label_right = _raw(c.label_right)
    missing = gettext("nog niet opnieuw gemeten")
    rows = []
    for row in c.rows:
        if row.now:
            now = _bar(row.now, "#1f4e79")
        else:
            now = (
                f'<text x="{_raw(row.missing_x)}" y="{_raw(row.missing_y)}" fill="#1a1a1a" '
                f'font-size="12">{missing}</text>'
            )
        rows.append(
            f'\n  <text x="{label_right}" y="{_raw(row.label_y)}" text-anchor="end" '
            f'fill="#1a1a1a">{_raw(row.label)}</text>\n'
            f"  {_bar(row.intake, hatched)}\n"
            f"  {now}\n  "
        )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{cid}-titel {cid}-beschrijving" '
        f'viewBox="0 0 {_raw(c.width)} {_raw(c.height)}" width="100%" focusable="false" '
        'font-family="sans-serif" font-size="13">\n'
        f'  <title id="{cid}-titel">{title}</title>\n'
        f'  <desc id="{cid}-beschrijving">{desc}</desc>\n'
        "  <defs>\n"
        f'    <pattern id="{cid}-arcering" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">\n'
        '      <rect width="6" height="6" fill="#ffffff"/>\n'
        '      <line x1="0" y1="0" x2="0" y2="6" stroke="#1a1a1a" stroke-width="2.5"/>\n'
        "    </pattern>\n  </defs>\n"
        f'  <rect x="{_raw(c.legend_intake_x)}" y="{legend_y}" width="{size}" height="{size}" '
        f'fill="{hatched}" stroke="#1a1a1a" stroke-width="1.5"/>\n'
        f'  <text x="{_raw(c.legend_intake_text_x)}" y="{legend_text_y}" fill="#1a1a1a">'
        f"{gettext('Intake (eerste meting)')}</text>\n"
        f'  <rect x="{_raw(c.legend_now_x)}" y="{legend_y}" width="{size}" height="{size}" '
        'fill="#1f4e79" stroke="#1a1a1a" stroke-width="1.5"/>\n'
        f'  <text x="{_raw(c.legend_now_text_x)}" y="{legend_text_y}" fill="#1a1a1a">'
        f"{gettext('Nu (laatste meting)')}</text>\n"
        f"  {ticks}\n  {''.join(rows)}\n</svg>"
    )


def _measured(m: Any) -> str:
    label = f" – {_text(m.label)}" if m.label else ""
    return f"{_text(m.score)}{label} ({date(m.measured_on, 'j-n-Y')})"


def _table(p: Any, instrument: str, name: str) -> str:
    caption = gettext("%(instrument)s van %(name)s: intake, nu en verandering") % {
        "instrument": instrument,
        "name": name,
    }
    missing = gettext("nog niet opnieuw gemeten")
    rows = "".join(
        '\n    <tr class="utrecht-table__row">\n'
        '      <th scope="row" class="utrecht-table__header-cell">'
        f"{_text(d.domain.name)}</th>\n"
        f'      <td class="utrecht-table__cell">{_measured(d.intake)}</td>\n'
        f'      <td class="utrecht-table__cell">{_measured(d.now) if d.now else missing}</td>\n'
        f'      <td class="utrecht-table__cell">{_text(d.change_text)}</td>\n'
        "    </tr>\n  "
        for d in p.domains
    )
    head = "".join(
        f'    <th scope="col" class="utrecht-table__header-cell">{gettext(label)}</th>\n'
        for label in ("Domein", "Intake", "Nu", "Verandering")
    )
    return (
        '\n<div class="wt-scroll">\n<table class="utrecht-table utrecht-table--html-table">\n'
        f'  <caption class="utrecht-table__caption">{caption}</caption>\n'
        '  <thead class="utrecht-table__header"><tr class="utrecht-table__row">\n'
        f"{head}"
        '  </tr></thead>\n  <tbody class="utrecht-table__body">\n  '
        f"{rows}\n  </tbody>\n</table>\n</div>\n"
    )


def _progress(p: Any) -> str:
    instrument, name = _text(p.instrument.name), _text(p.resident.full_name)
    heading = gettext("%(instrument)s van %(name)s") % {"instrument": instrument, "name": name}
    counted = ngettext(
        "Eén meting, op %(first)s.",
        "%(n)s metingen: de eerste op %(first)s, de laatste op %(last)s.",
        p.measurements,
    ) % {
        "n": _text(p.measurements),
        "first": date(p.first_on, "j F Y"),
        "last": date(p.last_on, "j F Y"),
    }
    return (
        f'\n<h3 class="utrecht-heading-3" id="{_text(p.key)}">{heading}</h3>\n'
        f'<p class="utrecht-paragraph">{counted}</p>\n'
        f"{_chart(p, p.chart, instrument, name)}"
        f"{_table(p, instrument, name)}"
    )


def _links(context: Context, section: Any, case: Any, url: Url) -> str:
    out = ['\n<ul class="utrecht-unordered-list">\n  ']
    count = section.measurement_count
    if count:
        text = ngettext(
            "De meting met de redenen per domein bekijken",
            "Alle %(n)s metingen met de redenen per domein bekijken",
            count,
        ) % {"n": _text(count)}
        out.append(
            '<li class="utrecht-unordered-list__item"><a class="utrecht-link" '
            f'href="{url("cases:assessment_list", case.pk)}">{text}</a></li>'
        )
    out.append("\n  ")
    if can_work(context) and case.is_open:
        for i in section.instruments:
            text = gettext("Meting met %(name)s vastleggen") % {"name": _text(i.name)}
            out.append(
                '\n  <li class="utrecht-unordered-list__item"><a class="utrecht-link" '
                f'href="{url("cases:assessment_record", case.pk, i.code)}">{text}</a></li>\n  '
            )
    out.append("\n</ul>\n")
    return "".join(out)


def render_assessment(context: Context) -> str:
    """The Metingen tab's section: what ``assessment_engine.html`` renders."""
    section, case = context["section"], context["case"]
    if not ASSESSMENT.known() or any(p.chart is None for p in section.progress):
        return ASSESSMENT.render_engine(context)
    out = [
        f'\n<h2 class="utrecht-heading-2" id="assessment">{gettext("Metingen: intake en nu")}'
        "</h2>\n"
        '<p class="utrecht-paragraph">'
        f"{gettext('Alleen de domeinen die ertoe doen voor de ondersteuning worden gescoord, elk met de reden.')}"
        "</p>\n"
    ]
    if section.progress:
        out.extend(_progress(p) for p in section.progress)
    else:
        out.append(
            f'\n<p class="utrecht-paragraph">{gettext("Nog geen metingen vastgelegd.")}</p>\n'
        )
    out.append(_links(context, section, case, url_maker(context)))
    return "".join(out)
