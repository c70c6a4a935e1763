"""The plan screen (goals and actions) written in Python, to the HTML of its template
(issue 17, ``h-planform``).

``cases/plan/plan_form.html`` is ``{% plan_form_title %}`` and ``{% plan_form_content %}``
(``templatetags/plan_form_tags.py``) inside the blocks of ``base.html``; the template it replaced
is kept as ``cases/plan/plan_form_engine.html`` (with ``cases/plan/_row.html`` and
``cases/_breadcrumbs.html``, which it includes). :func:`title` and :func:`content` write exactly
what the engine makes of its ``title`` and ``content`` blocks from the same context (``case``,
``plan``, ``plan_form``, ``goal_formset``, ``action_formset``, ``conflict``, ``latest``,
``closed``, ``csrf_token``, the request): the same literal markup and whitespace, ``{{ }}``
escaped and localised as ``render_value_in_context`` does (``core.direct_render._text``),
``{% translate %}`` of a literal unescaped (a safe msgid), ``{% blocktranslate %}`` as
``gettext(msgid) % values``, the ``date`` filter as the engine calls it, ``{% url %}`` through
the URL cache with the request's ``current_app``, ``{% csrf_token %}`` as Django writes it.
The fields themselves are still written by the forms (``as_field_group``, the hidden fields,
the management forms: ``core/direct_render.py``), so they stay what the forms make of them.

Nothing here reads data: the view reads the case (scope, access log) and the plan as before.

**Guard.** :data:`ENGINE_SHA256` is the SHA-256 of ``plan_form_engine.html``,
:data:`INCLUDES` those of the two templates it includes. The view asks :func:`template_name`
and renders the engine template when one of those texts changed (checked once per process),
so an edit takes effect and the two cannot drift silently
(``cases/tests/test_plan_form_html.py`` fails on it too, and compares both on the form, a
re-show with errors, a conflict and a closed case, in Dutch and English, with awkward texts).
"""

from typing import Any

from django.template import Context
from django.template.defaultfilters import date as date_filter
from django.utils.html import conditional_escape
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]
from django.utils.translation import gettext

from wijkteam.core import direct_html
from wijkteam.core.direct_html import csrf_input, template_sha256
from wijkteam.core.direct_render import _text
from wijkteam.core.url_cache import cached_reverse

from .sections import case_url

TEMPLATE = "cases/plan/plan_form.html"
ENGINE = "cases/plan/plan_form_engine.html"
ENGINE_SHA256 = "92c04b77aa7d66d45d42aba039da3ae7a8defd876fa220452f463a5a2bc53407"
INCLUDES = {
    "cases/plan/_row.html": "2fad2063e8b6b5206b0433967e2966764395d20a341604fcd5c09a6ee28b4ac1",
    "cases/_breadcrumbs.html": "78872ba46f490e31d5969ad3e28311602b8ebd9bdd659643450373a6e843ab37",
}
_verified: dict[str, bool] = {}


def engine_source_is_known() -> bool:
    """Whether the engine template and its includes are still the text written here."""
    known = _verified.get(ENGINE)
    if known is None:
        known = template_sha256(ENGINE) == ENGINE_SHA256 and all(
            template_sha256(name) == digest for name, digest in INCLUDES.items()
        )
        _verified[ENGINE] = known
    return known


def template_name() -> str:
    """The template the plan view renders: the Python one, or the engine's when it changed."""
    return TEMPLATE if engine_source_is_known() else ENGINE


def _heading(context: Context) -> str:
    return gettext("Plan bewerken") if context.get("plan") else gettext("Plan opstellen")


def title(context: Context) -> str:
    """The ``title`` block."""
    return f"{_heading(context)} – {_text(context['case'].household.name)}"


def _alerts(context: Context, case: Any, url: Any) -> str:
    """The conflict notice or the error summary, and the closed case's notice."""
    plan_form = context["plan_form"]
    out = "\n"
    if context.get("conflict"):
        latest = context.get("latest")
        if latest:
            when = _text(date_filter(template_localtime(latest.changed_at), "j F Y, H:i"))
            first = gettext(
                "Iemand anders heeft het plan intussen opgeslagen: versie %(n)s, door %(who)s "
                "op %(when)s."
            ) % {
                "n": _text(latest.number),
                "who": _text(latest.changed_by.display_name),
                "when": when,
            }
        else:
            first = gettext("Iemand anders heeft het plan intussen gewijzigd.")
        out += (
            '\n<div class="utrecht-alert utrecht-alert--error" role="alert"><div '
            'class="utrecht-alert__content">\n  <p class="utrecht-alert__message '
            f'utrecht-paragraph">{first}\n  '
            + gettext(
                "Uw wijziging is niet opgeslagen, maar er is niets verloren: uw invoer staat "
                "hieronder nog."
            )
            + "</p>\n  "
        )
        if latest:
            n = {"n": _text(latest.number)}
            href = url("cases:plan_version", case.pk, latest.number)
            out += (
                '<p class="utrecht-alert__message utrecht-paragraph"><a class="utrecht-link" '
                f'href="{href}" target="_blank" rel="noopener">'
                + gettext("Bekijk de nieuwste versie (versie %(n)s, opent in een nieuw venster)")
                % n
                + "</a>.\n  "
                + gettext(
                    "Slaat u hierna opnieuw op, dan vervangt uw invoer versie %(n)s; die blijft "
                    "in de geschiedenis bewaard."
                )
                % n
                + "</p>"
            )
        out += "\n</div></div>\n"
    elif (
        plan_form.errors
        or context["goal_formset"].total_error_count()
        or context["action_formset"].total_error_count()
    ):
        out += (
            '\n<div class="utrecht-alert utrecht-alert--error" role="alert" id="form-fouten"><div '
            'class="utrecht-alert__content">\n  '
            + "".join(
                f'<p class="utrecht-alert__message utrecht-paragraph">{_text(e)}</p>'
                for e in plan_form.non_field_errors()
            )
            + '\n  <p class="utrecht-alert__message utrecht-paragraph">'
            + gettext(
                "Het plan is niet opgeslagen. Verbeter de fouten bij de doelen, acties of velden "
                "hieronder."
            )
            + "</p>\n</div></div>\n"
        )
    out += "\n\n"
    if context.get("closed"):
        out += (
            '\n<div class="utrecht-alert utrecht-alert--warning" role="status"><div '
            'class="utrecht-alert__content"><p class="utrecht-alert__message utrecht-paragraph">'
            + gettext(
                "Deze casus is afgesloten: het plan kan niet meer worden gewijzigd. Heropen de "
                "casus om verder te werken."
            )
            + "</p></div></div>\n"
        )
    return out + "\n\n"


def _rows(formset: Any, legend: str) -> str:
    """``legend``: the translated ``Doel %(n)s`` or ``Actie %(n)s``."""
    out = []
    for counter, f in enumerate(formset, start=1):
        out.append(
            '\n    <fieldset class="utrecht-form-fieldset wt-indent">\n      <legend '
            'class="utrecht-form-fieldset__legend utrecht-heading-3">'
            + legend % {"n": _text(counter)}
            + "</legend>\n      "
        )
        for e in f.non_field_errors():
            out.append(
                '<div class="utrecht-form-field-error-message"><p class="utrecht-paragraph">'
                f"{_text(e)}</p></div>"
            )
        out.append("\n")
        for h in f.hidden_fields():
            out.append(_text(h))
        out.append("\n")
        for field in f.visible_fields():
            out.append(_text(field.as_field_group()))
        out.append("\n\n    </fieldset>\n    ")
    return "".join(out)


def _form(context: Context, case: Any) -> str:
    plan_form = context["plan_form"]
    goals, actions = context["goal_formset"], context["action_formset"]
    save = gettext("Plan opslaan")
    return (
        '\n<form method="post" class="utrecht-form wt-form" novalidate>\n  '
        + csrf_input(context)
        + "\n  "
        + "".join(_text(h) for h in plan_form.hidden_fields())
        + '\n  <p class="utrecht-paragraph"><button type="submit" class="utrecht-button '
        f'utrecht-button--primary-action">{save}</button></p>\n\n  '
        + _text(goals.management_form)
        + '\n  <fieldset class="utrecht-form-fieldset">\n    <legend class="utrecht-form-fieldset'
        f'__legend utrecht-heading-2">{gettext("Doelen")}</legend>\n    <p class="utrecht-'
        'paragraph">'
        + gettext(
            "Schrijf elk doel op in de woorden van de inwoner en kies het leefgebied waar het bij "
            "hoort. Een lege nieuwe rij wordt overgeslagen."
        )
        + "</p>\n    "
        + _rows(goals, gettext("Doel %(n)s"))
        + '\n    <p class="utrecht-paragraph"><button type="submit" name="add_goal" value="1" '
        'class="utrecht-button utrecht-button--secondary-action">'
        + gettext("Nog een doel toevoegen")
        + "</button></p>\n  </fieldset>\n\n  "
        + _text(actions.management_form)
        + '\n  <fieldset class="utrecht-form-fieldset">\n    <legend class="utrecht-form-fieldset'
        f'__legend utrecht-heading-2">{gettext("Acties")}</legend>\n    <p class="utrecht-'
        'paragraph">'
        + gettext(
            "Elke actie heeft een eigenaar: de inwoner, iemand uit het netwerk, een teamlid, een "
            "algemene voorziening of een aanbieder. Eigen kracht en netwerk gaan voor."
        )
        + "</p>\n    "
        + _rows(actions, gettext("Actie %(n)s"))
        + '\n    <p class="utrecht-paragraph"><button type="submit" name="add_action" value="1" '
        'class="utrecht-button utrecht-button--secondary-action">'
        + gettext("Nog een actie toevoegen")
        + "</button></p>\n  </fieldset>\n\n"
        '  <fieldset class="utrecht-form-fieldset">\n    <legend class="utrecht-form-fieldset'
        f'__legend utrecht-heading-2">{gettext("Besproken en akkoord")}</legend>\n    '
        + "".join(_text(field.as_field_group()) for field in plan_form.visible_fields())
        + "\n  </fieldset>\n\n"
        f'  <button type="submit" class="utrecht-button utrecht-button--primary-action">{save}'
        '</button>\n  <a class="utrecht-link wt-cancel" href="'
        + str(conditional_escape(case_url(case.pk, "plan")))
        + f'">{gettext("Annuleren")}</a>\n</form>\n'
    )


def content(context: Context) -> str:
    """The ``content`` block."""
    case = context["case"]
    current_app = direct_html.current_app(context)

    def url(name: str, *args: Any) -> str:
        return str(conditional_escape(cached_reverse(name, list(args), current_app=current_app)))

    name = _text(case.household.name)
    out = (
        '\n<nav class="utrecht-breadcrumb-nav wt-breadcrumbs" aria-label="'
        f'{gettext("Kruimelpad")}">\n  <ol class="utrecht-breadcrumb-nav__list">\n'
        '    <li class="utrecht-breadcrumb-nav__item"><a class="utrecht-link '
        f'utrecht-breadcrumb-nav__link" href="{url("cases:list")}">{gettext("Casussen")}</a></li>'
        '\n    <li class="utrecht-breadcrumb-nav__item"><a class="utrecht-link '
        'utrecht-breadcrumb-nav__link" href="'
        f'{conditional_escape(case_url(case.pk, "plan"))}">{name}</a></li>\n  </ol>\n</nav>\n'
        f'\n<h1 class="utrecht-heading-1">{_heading(context)}: {name}</h1>\n'
        + _alerts(context, case, url)
    )
    if not context.get("closed") or context["plan_form"].is_bound:
        out += _form(context, case)
    return out + "\n"
