"""The decision's own pages written in Python, to the HTML of their templates (issue 17, ``h-dec4``).

``cases/decision/detail.html``, ``take.html`` and ``request.html`` are now ``{% decision_title
"<page>" %}`` and ``{% decision_content "<page>" %}`` (``templatetags/decision_pages.py``) inside
the blocks of ``base.html``; the templates they replaced are kept as ``*_engine.html`` beside
them. This module writes the detail page (and the two parts the pages share: the breadcrumbs of
``cases/_breadcrumbs.html`` and ``cases/decision/_summary.html``); the form pages are in
``decision_detail_html_forms.py``. Each writes exactly what the engine makes of the template's
``title`` and ``content`` blocks from the same context: the same literal markup and whitespace,
``{{ }}`` escaped and localised as ``render_value_in_context`` does (``core.direct_render._text``),
``{% translate %}`` of a literal unescaped (a safe msgid), ``{% blocktranslate %}`` as
``gettext(msgid) % escaped values`` (``ngettext`` with ``count``), the ``date``, ``floatformat``,
``linebreaksbr`` and ``lower`` filters called as the engine calls them, ``{% url %}`` through
the URL cache (``core.url_cache``) with the request's ``current_app``, ``{% csrf_token %}`` as
Django writes it. Nothing here reads data: the views read and log exactly as before.

**Guard.** :data:`SHA256` pins the SHA-256 of every template text these functions reproduce
(the three ``*_engine.html`` and the two included templates). Once per process the sources are
checked; when one changed, :func:`template_name` gives the view the ``*_engine.html`` template,
so an edit takes effect and the two cannot drift silently
(``cases/tests/test_decision_detail_html.py`` fails on it too, and compares both byte for byte
for every status and kind of viewer, in Dutch and English, with awkward values).
"""

from collections.abc import Callable
from typing import Any

from django.template import Context
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import floatformat, linebreaksbr
from django.utils.html import conditional_escape
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]
from django.utils.translation import gettext, ngettext

from wijkteam.core import direct_html
from wijkteam.core.direct_html import csrf_input, template_sha256
from wijkteam.core.direct_render import _text
from wijkteam.core.url_cache import cached_reverse

from .sections import case_url as _case_url

PAGES = ("detail", "take", "request")
SUMMARY = "cases/decision/_summary.html"
BREADCRUMBS = "cases/_breadcrumbs.html"
SHA256 = {
    "cases/decision/detail_engine.html": (
        "0c9ca03d3f07e1cf058c1802a0ac6be3d0dd10fca9d3689dc81d0abeeda88f59"
    ),
    "cases/decision/take_engine.html": (
        "8de209dfa462e1a2c8840781a94c53e9900d0acd954f8dfe1a98688b0df9730c"
    ),
    "cases/decision/request_engine.html": (
        "fa76a5e039562733fc28d5b540e96e6b6c73c2ea0e6af3a4501c78b0d07dc9fa"
    ),
    SUMMARY: "ae8e931bed0d2ac167bf1504c584f201cce52385300455e05664338721d8c8b9",
    BREADCRUMBS: "78872ba46f490e31d5969ad3e28311602b8ebd9bdd659643450373a6e843ab37",
}
_verified: dict[str, bool] = {}

Url = Callable[..., str]

_ITEM = (
    '<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{key}</dt>'
    '<dd class="utrecht-data-list__item-value">{value}</dd></div>'
)


def engine_source_is_known(page: str) -> bool:
    """Whether ``<page>_engine.html`` and the templates it includes are still the texts the
    Python was written from."""
    known = _verified.get(page)
    if known is None:
        names = (f"cases/decision/{page}_engine.html", SUMMARY, BREADCRUMBS)
        known = all(template_sha256(name) == SHA256.get(name) for name in names)
        _verified[page] = known
    return known


def template_name(page: str) -> str:
    """The template a decision view renders: the Python one, or the engine's when changed."""
    if engine_source_is_known(page):
        return f"cases/decision/{page}.html"
    return f"cases/decision/{page}_engine.html"


def url_maker(context: Context) -> Url:
    """``{% url name *args %}``: through the URL cache, with the request's ``current_app``."""
    current_app = direct_html.current_app(context)

    def url(name: str, *args: Any) -> str:
        return str(conditional_escape(cached_reverse(name, list(args), current_app=current_app)))

    return url


def date(value: Any, fmt: str) -> str:
    """``{{ value|date:fmt }}``: the filter (on local time), then escaped."""
    return _text(str(date_filter(template_localtime(value), fmt)))


def display_name(user: Any) -> str:
    """``{{ user.display_name }}``; nothing for no user (the engine's invalid lookup)."""
    return "" if user is None else _text(user.display_name)


def breadcrumbs(case: Any, url: Url) -> str:
    """``{% include "cases/_breadcrumbs.html" with case=case section="decision" %}``."""
    return (
        '<nav class="utrecht-breadcrumb-nav wt-breadcrumbs" aria-label="'
        f'{gettext("Kruimelpad")}">\n  <ol class="utrecht-breadcrumb-nav__list">\n'
        '    <li class="utrecht-breadcrumb-nav__item"><a class="utrecht-link '
        f'utrecht-breadcrumb-nav__link" href="{url("cases:list")}">{gettext("Casussen")}</a></li>'
        '\n    <li class="utrecht-breadcrumb-nav__item"><a class="utrecht-link '
        'utrecht-breadcrumb-nav__link" href="'
        f'{conditional_escape(_case_url(case.pk, "decision"))}">{_text(case.household.name)}'
        "</a></li>\n  </ol>\n</nav>\n"
    )


def summary(decision: Any) -> str:
    """``{% include "cases/decision/_summary.html" %}``."""
    d = decision
    category = _text(d.get_product_category_display())
    if d.product_code:
        category += f" ({gettext('productcode')} {_text(d.product_code)})"
    weeks = d.weeks
    period = (
        f"{date(d.starts_on, 'j F Y')} – {date(d.ends_on, 'j F Y')} ("
        + ngettext("%(weeks)s week", "%(weeks)s weken", weeks) % {"weeks": _text(weeks)}
        + ")"
    )
    volume = (
        f"{_text(floatformat(d.volume, '-2'))} {_text(d.get_unit_display())} "
        f"{_text(d.get_frequency_display())}"
    )
    out = ['<dl class="utrecht-data-list wt-data-list">\n']
    for key, value in (
        ("Aanvrager", _text(d.resident.full_name)),
        ("Wet", _text(d.get_law_display())),
        ("Productcategorie", category),
        ("Omvang", volume),
        ("Periode", period),
    ):
        out.append("  " + _ITEM.format(key=gettext(key), value=value) + "\n")
    out.append("  ")
    if d.budget is not None:
        budget = f"€ {_text(floatformat(d.budget, 2))}"
        out.append(_ITEM.format(key=gettext("Budget"), value=budget))
    out.append("\n")
    for key, value in (
        ("Aanvraag ontvangen op", date(d.requested_on, "j F Y")),
        ("Status", f"<strong>{_text(d.get_status_display())}</strong>"),
    ):
        out.append("  " + _ITEM.format(key=gettext(key), value=value) + "\n")
    out.append("</dl>\n")
    return "".join(out)


def detail_title(context: Context) -> str:
    """The detail page's ``title`` block."""
    category = _text(context["decision"].get_product_category_display())
    return f"{gettext('Besluit')} – {category}"


def _outcome(d: Any) -> str:
    """``{% if decision.outcome %}`` … ``{% endif %}``: the decision taken."""
    if not d.outcome:
        return ""
    item = "  " + _ITEM
    out = [
        f'\n<h2 class="utrecht-heading-2">{gettext("Besluit")}</h2>\n'
        '<dl class="utrecht-data-list wt-data-list">\n',
        item.format(
            key=gettext("Besluit"), value=f"<strong>{_text(d.get_outcome_display())}</strong>"
        ),
        "\n",
        item.format(
            key=gettext("Motivering"), value=_text(linebreaksbr(d.motivation, autoescape=True))
        ),
        "\n",
        item.format(key=gettext("Wettelijke grondslag"), value=_text(d.get_legal_basis_display())),
        "\n  ",
    ]
    if d.deviates_from_protocol:
        justification = _text(linebreaksbr(d.deviation_justification, autoescape=True))
        out.append(_ITEM.format(key=gettext("Afwijking van protocol"), value=justification))
    decided = f"{display_name(d.decided_by)}, {date(d.decided_at, 'j F Y H:i')}"
    out += ["\n", item.format(key=gettext("Besloten door"), value=decided), "\n  "]
    if d.needs_second_approval:
        if d.approved_by:
            approved = f"{display_name(d.approved_by)}, {date(d.approved_at, 'j F Y H:i')}"
        else:
            approved = gettext("nog niet gegeven")
        out.append(_ITEM.format(key=gettext("Tweede akkoord"), value=approved))
    out.append("\n  ")
    if d.made_known_on:
        known = date(d.made_known_on, "j F Y")
        out.append(_ITEM.format(key=gettext("Bekendgemaakt op"), value=known))
    out.append("\n</dl>\n")
    return "".join(out)


def _terms(terms: list[Any] | None) -> str:
    if not terms:
        return f'<p class="utrecht-paragraph">{gettext("Geen termijnen.")}</p>'
    items = []
    for t in terms:
        met = f" ({date(t.term.met_on, 'j-n-Y')})" if t.term.met_on else ""
        items.append(
            f'<li class="utrecht-unordered-list__item">{_text(t.label)}: {gettext("uiterlijk")} '
            f'{date(t.term.due_on, "l j F Y")} <span class="wt-status wt-status--'
            f'{_text(t.status)}">{_text(t.status_label)}</span>{met}</li>'
        )
    return '\n<ul class="utrecht-unordered-list">\n' + "".join(items) + "\n</ul>\n"


def _action(href: str, label: str) -> str:
    return (
        f'<li class="utrecht-unordered-list__item"><a class="utrecht-link" href="{href}">'
        f"{gettext(label)}</a></li>"
    )


def detail_content(context: Context) -> str:
    """The detail page's ``content`` block (``detail_engine.html``)."""
    case, d = context["case"], context["decision"]
    url = url_maker(context)
    heading = gettext("Aanvraag: %(category)s") % {
        "category": _text(d.get_product_category_display())
    }
    out = ["\n", breadcrumbs(case, url), f'\n<h1 class="utrecht-heading-1">{heading}</h1>\n']
    error = context.get("error")
    if error:
        out.append(
            '\n<div class="utrecht-alert utrecht-alert--error" role="alert"><div class="utrecht-'
            'alert__content"><p class="utrecht-alert__message utrecht-paragraph">'
            f"{_text(error)}</p></div></div>\n"
        )
    out += ["\n", summary(d), "\n", _outcome(d), "\n"]
    out.append(f'<h2 class="utrecht-heading-2">{gettext("Termijnen")}</h2>\n')
    out.append(_terms(context.get("terms")))
    out.append(
        f'\n<h2 class="utrecht-heading-2">{gettext("Acties")}</h2>\n'
        '<ul class="utrecht-unordered-list">\n  '
    )
    is_final = context.get("is_final")
    if context.get("can_decide"):
        href = url("cases:decision_take", case.pk, d.pk)
        out.append(_action(href, "Besluiten op deze aanvraag"))
    out.append("\n  ")
    if is_final:
        href = url("cases:decision_pdf", case.pk, d.pk)
        out.append(_action(href, "Beschikking downloaden (PDF)"))
    out.append("\n  ")
    if is_final and context.get("can_handle") and not d.made_known_on:
        href = url("cases:decision_made_known", case.pk, d.pk)
        out.append(_action(href, "Bekendmaking vastleggen"))
    out.append("\n</ul>\n")
    if context.get("can_approve"):
        text = gettext(
            "%(name)s heeft dit besluit genomen boven de grens voor zelfstandig beslissen. Met "
            "uw tweede akkoord wordt het definitief."
        ) % {"name": display_name(d.decided_by)}
        out.append(
            f'\n<form method="post" action="{url("cases:decision_approve", case.pk, d.pk)}" '
            'class="utrecht-form wt-form">\n'
            f"  {csrf_input(context)}\n"
            f'  <p class="utrecht-paragraph">{text}</p>\n'
            '  <button type="submit" class="utrecht-button utrecht-button--primary-action">'
            f"{gettext('Tweede akkoord geven')}</button>\n</form>\n"
        )
    out.append("\n")
    return "".join(out)
