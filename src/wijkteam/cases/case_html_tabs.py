"""The overview and the history of the case page written in Python (``cases/case_html.py``).

Parts of :func:`wijkteam.cases.case_html.content`, split off to keep modules small; the same
rules (escaping, filters, translations) and the same guard apply (see ``case_html``).
"""

from typing import Any

from django.template import Context
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import truncatewords
from django.utils.html import conditional_escape
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]
from django.utils.translation import gettext

from wijkteam.core.direct_html import csrf_input
from wijkteam.core.direct_render import _text

from .sections import case_url as _case_url

_LI = '<li class="utrecht-unordered-list__item">'
_CELL = '<td class="utrecht-table__cell">'
_HEAD = '    <th scope="col" class="utrecht-table__header-cell">'


def _date(value: Any, fmt: str) -> str:
    """``{{ value|date:fmt }}``."""
    return _text(date_filter(template_localtime(value), fmt))


def _lower(value: Any) -> str:
    """``{{ value|lower }}`` of a plain (not safe) text."""
    return _text(str(value).lower())


def _residents(page: Any, case: Any, url: Any) -> str:
    out = [
        f'\n<h2 class="utrecht-heading-2" id="huishouden">{gettext("Huishouden")}</h2>\n'
        '<table class="utrecht-table utrecht-table--html-table">\n'
        '  <caption class="utrecht-table__caption">'
        f"{gettext('Leden van het huishouden')}</caption>\n"
        '  <thead class="utrecht-table__header"><tr class="utrecht-table__row">\n'
    ]
    for head in ("Naam", "Rol", "Geboortedatum", "BSN", "Communicatie"):
        out.append(f"{_HEAD}{gettext(head)}</th>\n")
    out.append('  </tr></thead>\n  <tbody class="utrecht-table__body">\n  ')
    for r in page.residents:
        notes = ""
        if r.interpreter_language:
            notes += gettext("tolk: %(l)s") % {"l": _text(r.interpreter_language)} + " "
        if r.plain_language:
            notes += gettext("eenvoudige taal") + " "
        out.append(
            '\n    <tr class="utrecht-table__row">\n'
            f'      {_CELL}<a class="utrecht-link" href="{url("residents:detail", r.pk)}">'
            f"{_text(r.full_name)}</a></td>\n"
            f"      {_CELL}{_text(r.get_household_relation_display())}</td>\n"
            f"      {_CELL}{_date(r.date_of_birth, 'j-n-Y')}</td>\n"
            f"      {_CELL}{_text(r.masked_bsn or '–')}</td>\n"
            f"      {_CELL}{notes}{_text(r.communication_notes)}</td>\n    </tr>\n  "
        )
    out.append("\n  </tbody>\n</table>\n")
    return "".join(out)


def _no_residents(page: Any, case: Any, url: Any) -> str:
    out = [
        '\n<p class="utrecht-paragraph">'
        f"{gettext('Uw organisatie heeft geen toestemming om de basisgegevens van dit huishouden te zien.')}"
        "</p>\n"
    ]
    if page.can_work:
        out.append(
            '\n<p class="utrecht-paragraph">'
            f"{gettext('Vraag de inwoners om toestemming en leg die vast (of een wettelijke grondslag):')}"
            '</p>\n<ul class="utrecht-unordered-list">\n'
        )
        for n, r in enumerate(page.case.household.members.all(), start=1):
            label = gettext("Toestemming vastleggen voor inwoner %(n)s van het huishouden") % {
                "n": _text(n)
            }
            out.append(
                f'{_LI}<a class="utrecht-link" href="{url("privacy:consent_list", r.pk)}">'
                f"{label}</a></li>"
            )
        out.append("\n</ul>\n")
    out.append("\n")
    return "".join(out)


def _terms(page: Any, case: Any, url: Any) -> str:
    out = [f'<h2 class="utrecht-heading-2" id="termijnen">{gettext("Wettelijke termijnen")}</h2>\n']
    if not page.terms:
        out.append(
            '<p class="utrecht-paragraph">'
            f"{gettext('Voor deze casus lopen geen wettelijke termijnen.')}</p>"
        )
        return "".join(out)
    out.append(
        '\n<table class="utrecht-table utrecht-table--html-table">\n'
        '  <caption class="utrecht-table__caption">'
        f"{gettext('Termijnen van deze casus')}</caption>\n"
        '  <thead class="utrecht-table__header"><tr class="utrecht-table__row">\n'
    )
    for head in ("Termijn", "Start", "Uiterlijk", "Status"):
        out.append(f"{_HEAD}{gettext(head)}</th>\n")
    out.append("    ")
    if page.can_work:
        out.append(f"{_HEAD[4:]}{gettext('Acties')}</th>")
    out.append('\n  </tr></thead>\n  <tbody class="utrecht-table__body">\n  ')
    for t in page.terms:
        term = t.term
        met = f" ({_date(term.met_on, 'j-n-Y')})" if term.met_on else ""
        out.append(
            '\n    <tr class="utrecht-table__row">\n'
            f"      {_CELL}{_text(t.label)}</td>\n"
            f"      {_CELL}{_date(term.starts_on, 'j-n-Y')}</td>\n"
            f"      {_CELL}{_date(term.due_on, 'l j F Y')}</td>\n"
            f'      {_CELL}<span class="wt-status wt-status--{_text(t.status)}">'
            f"{_text(t.status_label)}</span>{met}</td>\n      "
        )
        if page.can_work:
            out.append(_CELL)
            if not term.met_on:
                label = _text(t.label)
                out.append(
                    '<a class="utrecht-link" href="'
                    f'{url("cases:term_change", case.pk, term.pk, "verlengen")}">'
                    f'{gettext("Verlengen")}<span class="wt-visually-hidden"> {label}</span></a>'
                    ' · <a class="utrecht-link" href="'
                    f'{url("cases:term_change", case.pk, term.pk, "opschorten")}">'
                    f'{gettext("Opschorten")}<span class="wt-visually-hidden"> {label}</span></a>'
                )
            out.append("</td>")
        out.append("\n    </tr>\n  ")
    out.append("\n  </tbody>\n</table>\n")
    return "".join(out)


def overview(context: Context, page: Any, case: Any, url: Any) -> str:
    out = ["\n"]
    if page.carers_at_risk:
        carers = []
        for m in page.carers_at_risk:
            text = f"{_text(m.name)} ({_lower(m.get_load_display())})"
            if page.can_work:
                text += (
                    ' – <a class="utrecht-link" href="'
                    f'{url("cases:carer_follow_up", case.pk, m.pk)}">'
                    f'{gettext("opvolging vastleggen")}<span class="wt-visually-hidden"> '
                    f"{_text(m.name)}</span></a>"
                )
            carers.append(text)
        out.append(
            '\n<div class="utrecht-alert utrecht-alert--warning" role="status">\n'
            '  <div class="utrecht-alert__content"><p class="utrecht-alert__message '
            'utrecht-paragraph">\n  '
            f"{gettext('Let op: een mantelzorger dreigt overbelast te raken:')}\n  "
            f"{', '.join(carers)}.\n  </p></div>\n</div>\n"
        )
    out.append("\n\n")
    if page.categories["basisgegevens"]:
        out.append(_residents(page, case, url))
    else:
        out.append(_no_residents(page, case, url))
    out.append("\n")
    if page.categories["netwerk"]:
        out.append(f'\n<h3 class="utrecht-heading-3">{gettext("Informeel netwerk")}</h3>\n')
        if page.network:
            out.append('\n<ul class="utrecht-unordered-list">\n')
            for m in page.network:
                what = f": {_text(m.what_they_do)}" if m.what_they_do else ""
                risk = (
                    f", <strong>{gettext('risico op overbelasting')}</strong>" if m.at_risk else ""
                )
                out.append(
                    f"{_LI}{_text(m.name)} – {_text(m.get_relation_display())}{what} "
                    f"({_lower(m.get_load_display())}{risk})</li>"
                )
            out.append("\n</ul>\n")
        else:
            out.append(
                f'<p class="utrecht-paragraph">{gettext("Nog geen netwerk vastgelegd.")}</p>'
            )
        out.append("\n")
    out.append("\n\n")
    out.append(_terms(page, case, url))
    out.append("\n\n")
    if page.next_tab:
        phase = gettext("De casus is in de fase %(phase)s.") % {
            "phase": _lower(case.get_state_display())
        }
        further = gettext("Verder bij %(tab)s") % {"tab": _text(page.next_tab.label)}
        out.append(
            f'<p class="utrecht-paragraph">{phase} <a class="utrecht-link" '
            f'href="{conditional_escape(_case_url(case.pk, page.next_tab.slug))}">'
            f"{further}</a></p>"
        )
    out.append("\n\n")
    if page.can_work:
        out.append(_work(context, case, url))
    out.append("\n")
    return "".join(out)


def _work(context: Context, case: Any, url: Any) -> str:
    """The phase change, the closure and the regie links (``page.can_work``)."""
    out = [
        f'\n<h2 class="utrecht-heading-2" id="fase">{gettext("Fase wijzigen of afsluiten")}</h2>\n'
    ]
    form = context["transition_form"]
    if form.fields["to_state"].choices:
        out.append(
            f'\n<form method="post" action="{url("cases:transition", case.pk)}" '
            'class="utrecht-form wt-form" novalidate>\n'
            f"  {csrf_input(context)}{_text(form)}\n"
            '  <button type="submit" class="utrecht-button utrecht-button--primary-action">'
            f"{gettext('Fase wijzigen')}</button>\n</form>\n"
        )
    out.append("\n")
    if case.is_open:
        out.append(
            f'<p class="utrecht-paragraph"><a class="utrecht-link" href="'
            f'{url("cases:close", case.pk)}">{gettext("Casus afsluiten")}</a></p>'
        )
    out.append(
        f'\n<h2 class="utrecht-heading-2" id="regie">{gettext("Regie")}</h2>\n'
        '<p class="utrecht-paragraph"><a class="utrecht-link" href="'
        f'{url("cases:handover", case.pk)}">{gettext("Regie overdragen")}</a> · '
        f'<a class="utrecht-link" href="{url("cases:supporter", case.pk)}">'
        f"{gettext('Cliëntondersteuner vastleggen')}</a> · "
        f'<a class="utrecht-link" href="{url("cases:involve", case.pk)}">'
        f"{gettext('Teamlid betrekken')}</a></p>\n"
    )
    return "".join(out)


def history(page: Any) -> str:
    out = ["\n"]
    if page.categories["onderzoek"]:
        out.append(
            f'\n<h2 class="utrecht-heading-2" id="meldingen">{gettext("Meldingen")}</h2>\n'
            '<ul class="utrecht-unordered-list">\n'
        )
        for r in page.reports:
            outcome = r.get_triage_outcome_display() or r.get_status_display()
            out.append(
                f"{_LI}{_date(r.received_at, 'j-n-Y')}, {_lower(r.get_channel_display())}: "
                f"„{_text(truncatewords(r.question, 20))}” ({_text(outcome)})</li>"
            )
        if not page.reports:
            out.append(f"{_LI}{gettext('Geen meldingen.')}</li>")
        out.append("\n</ul>\n")
    out.append(
        "\n\n"
        '<h2 class="utrecht-heading-2" id="fasegeschiedenis">'
        f"{gettext('Geschiedenis van de fase')}</h2>\n"
        '<ul class="utrecht-unordered-list">\n'
    )
    for t in page.transitions:
        before = f"{_text(t.get_from_state_display())} → " if t.from_state else ""
        reason = f": {_text(t.reason)}" if t.reason else ""
        out.append(
            f"{_LI}{_date(t.at, 'j-n-Y')}: {before}{_text(t.get_to_state_display())}{reason} "
            f"({_text(t.by.display_name)})</li>"
        )
    out.append(
        "\n</ul>\n"
        '<h2 class="utrecht-heading-2" id="regiegeschiedenis">'
        f"{gettext('Geschiedenis van de regie')}</h2>\n"
        '<ul class="utrecht-unordered-list">\n'
    )
    for a in page.coordinator_history:
        ended = _date(a.ended_at, "j-n-Y") if a.ended_at else gettext("heden")
        note = f" ({_text(a.handover_note)})" if a.handover_note else ""
        out.append(
            f"{_LI}{_text(a.coordinator.display_name)}: {_date(a.started_at, 'j-n-Y')} – "
            f"{ended}{note}</li>"
        )
    out.append("\n</ul>\n")
    return "".join(out)
