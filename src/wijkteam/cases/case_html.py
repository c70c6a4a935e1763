"""The case page's own template written in Python, to the HTML of its template (issue 17).

``cases/case_detail.html`` is now ``{% case_title %}`` and ``{% case_content %}``
(``templatetags/casus.py``) inside the blocks of ``base.html``; the template it replaced is
kept as ``cases/case_detail_engine.html``. :func:`title` and :func:`content` write exactly what
the engine makes of that template's ``title`` and ``content`` blocks from the same context
(``page``, ``case``, ``transition_form``, ``csrf_token``, the request): the frame (breadcrumbs,
heading, doorbraak notice, the case's data, the tab navigation), the overview and the history;
a tab's section is included as the template includes it (``cases/sections/<name>.html``,
with ``name`` and ``section`` pushed as ``{% with %}`` pushes them); for the stage tabs that
template is one tag of ``cases/stage_html.py``, which writes the section in Python. ``{{ }}`` is escaped and
localised as ``render_value_in_context`` does (``core.direct_render._text``), ``{% translate %}``
of a literal is not escaped (a safe msgid), ``{% blocktranslate %}`` is ``gettext(msgid) %
values``, the ``date``, ``time``, ``lower``, ``default`` and ``truncatewords`` filters are called
as the engine calls them, ``{% url %}`` goes through the URL cache as the builtin tag does.

Nothing here reads data: the page (``selectors_page.case_page``: scope, consent rule, access
log) is read before, exactly as before. The one read the template itself made (the household's
members for the consent links, when the basic data may not be shown) is made here the same way.

**Guard.** :data:`ENGINE_SHA256` is the SHA-256 of ``case_detail_engine.html``. The view asks
:func:`engine_source_is_known` and renders the engine template when the text changed, so an
edit of the template takes effect and the two cannot drift silently
(``cases/tests/test_case_html.py`` fails on it too, and compares both on every tab, for
several users, in Dutch and English, with awkward texts).
"""

from typing import Any

from django.template import Context
from django.template.defaultfilters import time as time_filter
from django.utils.html import conditional_escape
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]
from django.utils.translation import gettext

from wijkteam.core import direct_html
from wijkteam.core.direct_html import template_sha256
from wijkteam.core.direct_render import _text
from wijkteam.core.url_cache import cached_reverse

from .case_html_tabs import _date, history, overview
from .sections import HISTORY, OVERVIEW
from .sections import case_url as _case_url

TEMPLATE = "cases/case_detail.html"
ENGINE = "cases/case_detail_engine.html"
ENGINE_SHA256 = "57dc5c9493a7f24fdd3e0b298f7b35d15c731e1e593eddc22a43197c4824357f"
_verified: dict[str, bool] = {}

_ITEM = (
    '  <div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{key}</dt>'
    '<dd class="utrecht-data-list__item-value">{value}</dd></div>\n'
)


def engine_source_is_known() -> bool:
    """Whether ``case_detail_engine.html`` is still the text this module was written from."""
    known = _verified.get(ENGINE)
    if known is None:
        known = template_sha256(ENGINE) == ENGINE_SHA256
        _verified[ENGINE] = known
    return known


def template_name() -> str:
    """The template the case view renders: the Python one, or the engine's when it changed."""
    return TEMPLATE if engine_source_is_known() else ENGINE


def title(context: Context) -> str:
    """The ``title`` block."""
    page, case = context["page"], context["case"]
    out = _text(case.household.name)
    if page.tab.slug != OVERVIEW:
        out += " – " + _text(page.tab.label)
    return out


def _frame(page: Any, case: Any, url: Any) -> str:
    """The breadcrumbs, the heading, the doorbraak notice, the case's data and the tabs."""
    name = _text(case.household.name)
    out = [
        "\n",
        '<nav class="utrecht-breadcrumb-nav wt-breadcrumbs" aria-label="'
        f'{gettext("Kruimelpad")}">\n  <ol class="utrecht-breadcrumb-nav__list">\n'
        '    <li class="utrecht-breadcrumb-nav__item"><a class="utrecht-link '
        f'utrecht-breadcrumb-nav__link" href="{url("cases:list")}">{gettext("Casussen")}</a></li>'
        '\n    <li class="utrecht-breadcrumb-nav__item"><a class="utrecht-link '
        f'utrecht-breadcrumb-nav__link" href="{conditional_escape(_case_url(case.pk, OVERVIEW))}">'
        f"{name}</a></li>\n  </ol>\n</nav>\n",
        f'\n<h1 class="utrecht-heading-1">{name}</h1>\n',
    ]
    if page.emergency_until:
        message = gettext(
            "U kijkt via een doorbraak, tot %(until)s. Alles wat u opent staat in de toegangslog "
            "en de teamleider beoordeelt de doorbraak."
        ) % {"until": _text(time_filter(template_localtime(page.emergency_until), "H:i"))}
        out.append(
            '\n<div class="utrecht-alert utrecht-alert--warning" role="status">\n'
            '  <div class="utrecht-alert__content"><p class="utrecht-alert__message '
            f'utrecht-paragraph">{message}</p></div>\n</div>\n'
        )
    involved = ", ".join(_text(m.display_name) for m in page.involved) or gettext("geen")
    supporter = case.client_supporter
    out.append('\n<dl class="utrecht-data-list wt-data-list">\n')
    for key, value in (
        ("Fase", f"<strong>{_text(case.get_state_display())}</strong>"),
        ("Team", _text(case.team.name)),
        ("Wettelijk spoor", _text(case.get_law_track_display())),
        ("Regisseur", _text(case.coordinator.display_name)),
        ("Cliëntondersteuner", _text(supporter.display_name) if supporter else gettext("geen")),
        ("Betrokken teamleden", involved),
        ("Geopend op", _date(case.opened_on, "j F Y")),
    ):
        out.append(_ITEM.format(key=gettext(key), value=value))
    out.append("  ")
    if case.closed_on:
        closed = (
            f"{_date(case.closed_on, 'j F Y')}: {_text(case.get_closure_outcome_display())} – "
            f"{_text(case.closure_reason)}"
        )
        out.append(_ITEM.format(key=gettext("Afgesloten"), value=closed)[2:-1])
    out.append("\n</dl>\n\n")
    out.append(
        '<nav class="utrecht-nav-bar wt-case-nav" aria-label="'
        f'{gettext("Onderdelen van de casus")}">\n  <ul class="utrecht-nav-list">\n  '
    )
    for t in page.tabs:
        current = ' aria-current="page"' if t == page.tab else ""
        out.append(
            '<li class="utrecht-nav-list__item"><a class="utrecht-nav-list__link" '
            f'href="{conditional_escape(_case_url(case.pk, t.slug))}"{current}>'
            f"{_text(t.label)}</a></li>"
        )
    out.append("\n  ")
    for link in page.links:
        current = ' aria-current="page"' if link.slug is None else ""
        out.append(
            '<li class="utrecht-nav-list__item"><a class="utrecht-nav-list__link" '
            f'href="{_text(link.url)}"{current}>{_text(link.label)}</a></li>'
        )
    out.append("\n  </ul>\n</nav>\n\n\n")
    return "".join(out)


def _section(context: Context, page: Any) -> str:
    """``{% with name=… section=… %}{% include "cases/sections/"|add:name|add:".html" %}``."""
    name, section = page.section
    template = context.template.engine.get_template(  # type: ignore[union-attr]
        f"cases/sections/{name}.html"
    )
    with context.push(name=name, section=section):
        return "\n" + str(template.render(context)) + "\n"


def content(context: Context) -> str:
    """The ``content`` block."""
    page, case = context["page"], context["case"]
    current_app = direct_html.current_app(context)

    def url(name: str, *args: Any) -> str:
        return str(conditional_escape(cached_reverse(name, list(args), current_app=current_app)))

    out = [_frame(page, case, url)]
    if page.tab.slug == OVERVIEW:
        out.append(overview(context, page, case, url))
    elif page.tab.slug == HISTORY:
        out.append(history(page))
    elif page.section:
        out.append(_section(context, page))
    else:
        out.append(
            '\n<p class="utrecht-paragraph">'
            f"{gettext('Uw organisatie heeft geen toestemming van de inwoner om dit onderdeel van de casus te zien.')}"
            "</p>\n"
        )
    out.append("\n")
    return "".join(out)
