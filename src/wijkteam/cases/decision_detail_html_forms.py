"""The besluit and aanvraag form pages written in Python (issue 17, ``h-dec4``).

``cases/decision/take.html`` and ``request.html`` write what the engine makes of the ``title``
and ``content`` blocks of ``take_engine.html`` and ``request_engine.html`` (the templates they
replaced), the same way as the detail page (``decision_detail_html.py``: the rules, the shared
breadcrumbs and summary, and the guard on the templates' SHA-256). The form itself is ``{{ form
}}`` as before: rendered by the form's renderer (``core/direct_render.py``).
"""

from typing import Any

from django.template import Context
from django.template.defaultfilters import lower
from django.utils.translation import gettext

from wijkteam.core.direct_html import csrf_input
from wijkteam.core.direct_render import _text

from .decision_detail_html import breadcrumbs, date, summary, url_maker

_FORM = '<form method="post" class="utrecht-form wt-form" novalidate>\n  {csrf}{form}\n  '
_BUTTON = '<button type="submit" class="utrecht-button utrecht-button--primary-action">{}</button>'


def _form(context: Context, button: str) -> str:
    """The page's form: ``{% csrf_token %}{{ form }}`` and its button."""
    return (
        _FORM.format(csrf=csrf_input(context), form=_text(context.get("form")))
        + _BUTTON.format(gettext(button))
        + "\n</form>\n"
    )


def take_title(context: Context) -> str:
    """The besluit page's ``title`` block."""
    category = _text(context["decision"].get_product_category_display())
    return f"{gettext('Besluiten')} – {category}"


def _overlaps(grants: Any, case: Any) -> str:
    """``{% if overlaps %}`` … ``{% endif %}``: earlier grants in the same period."""
    if not grants:
        return ""
    items = []
    for grant in grants:
        elsewhere = f", {gettext('in een andere casus')}" if grant.case_id != case.pk else ""
        items.append(
            '<li class="utrecht-unordered-list__item">'
            f"{_text(grant.get_product_category_display())}: {date(grant.starts_on, 'j F Y')} "
            f"{gettext('tot en met')} {date(grant.ends_on, 'j F Y')} "
            f"({_text(lower(grant.get_status_display()))}{elsewhere})</li>"
        )
    return (
        '\n<div class="utrecht-alert utrecht-alert--warning" role="status"><div class="utrecht-'
        'alert__content">\n  <h2 class="utrecht-heading-2">'
        f"{gettext('Let op: er is al een toekenning in deze periode')}</h2>\n"
        '  <p class="utrecht-paragraph">'
        + gettext(
            "Voor deze inwoner is dezelfde soort ondersteuning al toegekend voor een periode die "
            "overlapt met deze aanvraag. Controleer of dat klopt; noem een bewuste verlenging of "
            "aanvulling in de motivering."
        )
        + '</p>\n  <ul class="utrecht-unordered-list">\n  '
        + "".join(items)
        + "\n  </ul>\n</div></div>\n"
    )


def take_content(context: Context) -> str:
    """The besluit page's ``content`` block (``take_engine.html``)."""
    case, d = context["case"], context["decision"]
    url = url_maker(context)
    heading = gettext("Besluiten: %(category)s") % {
        "category": _text(d.get_product_category_display())
    }
    previews = "".join(
        f'<li class="utrecht-unordered-list__item">{_text(label)}: <span class="wt-status '
        f'wt-status--{_text(verdict["status"])}">{_text(verdict["label"])}</span> – '
        f"{_text(verdict['reason'])}</li>"
        for label, verdict in context.get("previews") or ()
    )
    return (
        "\n"
        + breadcrumbs(case, url)
        + '\n<p class="utrecht-paragraph"><a class="utrecht-link" href="'
        + url("cases:decision_detail", case.pk, d.pk)
        + f'">{gettext("Terug naar de aanvraag")}</a></p>\n'
        + f'<h1 class="utrecht-heading-1">{heading}</h1>\n'
        + summary(d)
        + "\n"
        + _overlaps(context.get("overlaps"), case)
        + f'\n<h2 class="utrecht-heading-2">{gettext("Uw mandaat")}</h2>\n'
        + f'<ul class="utrecht-unordered-list">\n{previews}\n</ul>\n'
        + '<p class="utrecht-paragraph">'
        + gettext(
            "Bij deels toekennen met een lagere omvang of bij afwijken van protocol toetst het "
            "systeem het mandaat opnieuw bij het opslaan."
        )
        + "</p>\n"
        + _form(context, "Besluit vastleggen")
    )


def request_title(context: Context) -> str:
    """The aanvraag page's ``title`` block."""
    return gettext("Aanvraag vastleggen")


def request_content(context: Context) -> str:
    """The aanvraag page's ``content`` block (``request_engine.html``)."""
    url = url_maker(context)
    return (
        "\n"
        + breadcrumbs(context["case"], url)
        + f'\n<h1 class="utrecht-heading-1">{gettext("Aanvraag vastleggen")}</h1>\n'
        + '<p class="utrecht-paragraph">'
        + gettext(
            "Een aanvraag voor een maatwerkvoorziening (Wmo) of individuele voorziening "
            "(Jeugdwet). Met het vastleggen start de beslistermijn: twee weken (Wmo) of acht "
            "weken (Jeugdwet) na ontvangst."
        )
        + "</p>\n"
        + _form(context, "Aanvraag vastleggen")
    )
