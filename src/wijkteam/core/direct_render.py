"""Forms rendered by Python instead of the template engine, to the same HTML (issue 17).

A form printed with ``{{ form }}`` renders one template for the form (``core/forms/form.html``),
one per field (``core/forms/field.html``), one per widget, and for a ``<select>`` an
``{% include %}`` per option, each of which includes ``attrs.html`` again: the aanvraag form of
the decision stage (eleven fields, about sixty options) is some 150 template renders.
:class:`DirectFormRenderer` is the project's renderer (``WijkteamFormRenderer``) whose
``render(template_name, context)`` looks the name up in :data:`DIRECT`, a table of functions
that produce from the *same context* (Django's own ``get_context``, ``optgroups``,
``build_widget_attrs``, ``BoundWidget.tag``) exactly the text the template produces: the
same literal markup and whitespace, ``{{ }}`` escaped and localised as
``render_value_in_context`` does, ``stringformat:'s'`` with its ``is_safe`` rule,
``attrs.html``'s ``True``/``False`` rule, and the renderer's ``strip()``. Any other template
name goes to the template engine as before (``super().render``).

**Guard.** Each function stands for one or more template files (:data:`SOURCES`: the SHA-256
of the text it was written from; a ``<select>`` stands for ``select.html``,
``select_option.html`` and ``attrs.html``). Once per process and name, the renderer loads those
templates through the engine (so a project override of a Django widget template counts) and
uses the function only when every source is still that text; a changed or overridden template
is rendered by the engine again, so the two can never drift silently. An option whose template
is not ``select_option.html`` sends its whole ``<select>`` to the engine.

Opt-in per form (``default_renderer = DIRECT_RENDERER``); used by the decision stage's forms.
Proven the same by ``core/tests/test_direct_render.py`` (every kind of field, bound and
unbound, with field and form errors, help texts, selected options, optgroups, odd values).

**Options from a cache** (``h-plan2``): a field whose widget is ``direct_options.Select`` (a
``forms.Select`` of the same name) has the ``<option>`` lines of its choices written once per
language and list of choices, by ``_option_html`` below (see :mod:`.direct_options`).
"""

import hashlib
from collections.abc import Callable, Mapping
from typing import Any

from django.template import TemplateDoesNotExist
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]
from django.utils.translation import gettext

from .direct_options import LazyOptgroups, cached_options
from .renderers import WijkteamFormRenderer
from .templatetags.wijkteam import render_widget, translate_required, widget_type

W = "django/forms/widgets/"
FORM = "core/forms/form.html"
FIELD = "core/forms/field.html"
_INPUT_SOURCE = "7d7a5bc4ccc075bbff6af7d60b9e3ae200f68c59e0f77d44abbbf36f3cb5fb20"
_INPUT_TYPES = (
    "text",
    "number",
    "email",
    "url",
    "password",
    "hidden",
    "date",
    "datetime",
    "time",
    "tel",
    "search",
    "checkbox",
    "color",
)
# SHA-256 of the template texts the functions below reproduce (Django 5.2's widget templates,
# this project's form and field templates).
SOURCES: dict[str, str] = {
    FORM: "3962473ccb25301e69fe51e1f90e647e31d1ab7c132db88e06677aa83c758e1b",
    FIELD: "33d8f3b1821bfd85cc2622674188a75032fd339f692d5dd8e5a4a2ae52d74241",
    W + "attrs.html": "f729483efe44660fabc76a8f2e0a1b464c3a66afd625233c92dd74e8fa5261ad",
    W + "input.html": "770cf3acba1c18b65021a19efbf5fc93bcfcee357a005b67dbc2e2967527507d",
    W + "select.html": "ed4d11ce3784486f3b10dcd08cf45417bd60bcabc68d556f5dca6c5b6f814d1e",
    W + "select_option.html": "37fa6c7742580aa361c767a1da8caf905d8a53676feccf66b4cc3fe012d8abc0",
    W + "textarea.html": "02fd58fa1a57514d808eb867522be064528d04b7700926527ae4a60aa9829030",
    W + "radio_option.html": "536745b405ef3a7fde2b8a24d283ba070284fb7fa3a3325ba066a1fcf4052d53",
    W + "checkbox_option.html": "536745b405ef3a7fde2b8a24d283ba070284fb7fa3a3325ba066a1fcf4052d53",
    W + "input_option.html": "3f244d9fd96613d0dad3e44adfbcd6e322595128895a020f094f68bb9a140b6f",
    **{f"{W}{kind}.html": _INPUT_SOURCE for kind in _INPUT_TYPES},
}
_NOT_SAVED = "Het formulier is niet opgeslagen. Verbeter de fouten bij de velden hieronder."


def _text(value: Any) -> str:
    """``{{ value }}`` with autoescape (``django.template.base.render_value_in_context``)."""
    if type(value) is not str:
        value = localize(template_localtime(value))
        if not isinstance(value, str):
            value = str(value)
    return conditional_escape(value)


def _as_s(value: Any) -> str:
    """``{{ value|stringformat:'s' }}``: the filter keeps a safe input safe (``is_safe``)."""
    formatted = value
    if isinstance(formatted, tuple):
        formatted = str(formatted)
    try:
        out = "%s" % formatted  # noqa: UP031 - the filter's own formatting
    except (ValueError, TypeError):
        out = ""
    return out if isinstance(value, SafeData) else conditional_escape(out)


def _attrs(attrs: Mapping[str, Any]) -> str:
    """``attrs.html``: ``True`` gives the bare name, ``False`` leaves the attribute out."""
    out = ""
    for name, value in attrs.items():
        if value is not False:
            out += " " + _text(name)
            if value is not True:
                out += '="' + _as_s(value) + '"'
    return out


def _input_html(widget: Mapping[str, Any]) -> str:
    """``input.html`` (with its newline: it is also included)."""
    value = widget["value"]
    shown = f' value="{_as_s(value)}"' if value != None else ""  # noqa: E711 - the template's test
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{shown}'
        f"{_attrs(widget['attrs'])}>\n"
    )


def _input(context: Mapping[str, Any]) -> str:
    return _input_html(context["widget"])


def _option_html(option: Mapping[str, Any]) -> str:
    """``select_option.html``."""
    return (
        f'<option value="{_as_s(option["value"])}"{_attrs(option["attrs"])}>'
        f"{_text(option['label'])}</option>\n"
    )


def _select(context: Mapping[str, Any]) -> str | None:
    """``select.html``; ``None`` (the engine renders it) when an option has another template."""
    widget = context["widget"]
    out = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    groups = widget["optgroups"]
    cached = cached_options(groups, _option_html) if isinstance(groups, LazyOptgroups) else None
    if cached is not None:
        out.append(cached)
        groups = ()
    for group_name, group_choices, _index in groups:
        if group_name:
            out.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            if option["template_name"] != W + "select_option.html":
                return None
            out.append("\n  " + _option_html(option))
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>\n")
    return "".join(out)


def _textarea(context: Mapping[str, Any]) -> str:
    widget = context["widget"]
    value = widget["value"]
    return (
        f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{_text(value) if value else ''}</textarea>\n"
    )


def _choice_option(context: Mapping[str, Any]) -> str:
    """``radio_option.html`` and ``checkbox_option.html``: ``input_option.html`` (a label
    around the input when asked)."""
    widget = context["widget"]
    if not widget["wrap_label"]:
        return _input_html(widget) + "\n\n"
    label_id = widget["attrs"].get("id")
    target = f' for="{_text(label_id)}"' if label_id else ""
    return f"<label{target}>{_input_html(widget)} {_text(widget['label'])}</label>\n\n"


def _help_and_errors(field: Any, auto_id: str, help_text: Any, errors: Any) -> tuple[str, str]:
    help_html = (
        f'<div class="utrecht-form-field__description" id="{auto_id}_help">{_text(help_text)}</div>'
        if help_text
        else ""
    )
    error_html = (
        '<div class="utrecht-form-field__error-message utrecht-form-field-error-message" '
        f'id="{auto_id}_error">'
        + "".join(f'<p class="utrecht-paragraph">{_text(e)}</p>' for e in errors)
        + "</div>"
        if errors
        else ""
    )
    return help_html, error_html


def _field(context: Mapping[str, Any]) -> str:
    """``core/forms/field.html``: a fieldset for choice lists, a checkbox, any other field."""
    field = context["field"]
    kind = widget_type(field)
    errors = field.errors
    help_text = field.help_text
    auto_id = _text(field.auto_id)
    help_html, error_html = _help_and_errors(field, auto_id, help_text, errors)
    invalid = " utrecht-form-field--invalid" if errors else ""
    required = (
        f' <span class="wt-required">({conditional_escape(translate_required())})</span>'
        if field.field.required
        else ""
    )
    label = _text(field.label)
    if kind == "checkboxselectmultiple" or kind == "radioselect":
        described = ""
        if help_text or errors:
            described = (
                ' aria-describedby="'
                + (f"{auto_id}_help" if help_text else "")
                + (f" {auto_id}_error" if errors else "")
                + '"'
            )
        choices = "".join(
            '\n    <li class="utrecht-form-field utrecht-form-field--checkbox">\n      '
            f"{_text(choice.tag())} "
            '<label class="utrecht-form-label utrecht-form-label--checkbox" '
            f'for="{_text(choice.id_for_label)}">{_text(choice.choice_label)}</label>\n'
            "    </li>\n  "
            for choice in field
        )
        return (
            f'\n<fieldset class="utrecht-form-fieldset utrecht-form-field{invalid}"{described}>\n'
            '  <legend class="utrecht-form-fieldset__legend utrecht-form-label">'
            f"{label}{required}</legend>\n"
            f"  {help_html}\n"
            f"  {error_html}\n"
            '  <ul class="wt-choice-list">\n'
            f"  {choices}\n"
            "  </ul>\n"
            "</fieldset>\n"
        )
    widget_html = conditional_escape(render_widget(field))
    if kind == "checkboxinput":
        return (
            f'\n<div class="utrecht-form-field utrecht-form-field--checkbox{invalid}">\n'
            f'  <div class="utrecht-form-field__input">{widget_html}</div>\n'
            '  <div class="utrecht-form-field__label">'
            '<label class="utrecht-form-label utrecht-form-label--checkbox" '
            f'for="{_text(field.id_for_label)}">{label}</label></div>\n'
            f"  {help_html}\n"
            f"  {error_html}\n"
            "</div>\n"
        )
    return (
        f'\n<div class="utrecht-form-field{invalid}">\n'
        '  <div class="utrecht-form-field__label"><label class="utrecht-form-label" '
        f'for="{_text(field.id_for_label)}">{label}{required}</label></div>\n'
        f"  {help_html}\n"
        f"  {error_html}\n"
        f'  <div class="utrecht-form-field__input">{widget_html}</div>\n'
        "</div>\n"
    )


def _form(context: Mapping[str, Any]) -> str:
    """``core/forms/form.html``: the error summary, the hidden fields, each visible field."""
    form = context["form"]
    non_field = form.non_field_errors()
    alert = '\n<div class="utrecht-alert utrecht-alert--error" role="alert" id="form-fouten">\n'
    if non_field:
        top = (
            alert
            + '  <div class="utrecht-alert__content">\n    '
            + "".join(
                f'<p class="utrecht-alert__message utrecht-paragraph">{_text(e)}</p>'
                for e in non_field
            )
            + "\n  </div>\n</div>\n"
        )
    elif form.errors:
        # {% translate "…" %} of a template literal: a safe msgid, so not escaped
        top = (
            alert
            + '  <div class="utrecht-alert__content"><p class="utrecht-alert__message '
            + f'utrecht-paragraph">{gettext(_NOT_SAVED)}</p></div>\n</div>\n'
        )
    else:
        top = ""
    hidden = "".join(_text(f) for f in form.hidden_fields())
    visible = "".join(_text(f.as_field_group()) for f in form.visible_fields())
    return f"{top}\n{hidden}\n{visible}\n"


# template name -> (function, the templates it stands for)
DIRECT: dict[str, tuple[Callable[[Mapping[str, Any]], str | None], tuple[str, ...]]] = {
    FORM: (_form, (FORM,)),
    FIELD: (_field, (FIELD,)),
    W + "select.html": (_select, (W + "select.html", W + "select_option.html", W + "attrs.html")),
    W + "textarea.html": (_textarea, (W + "textarea.html", W + "attrs.html")),
    **{
        f"{W}{kind}_option.html": (
            _choice_option,
            (f"{W}{kind}_option.html", W + "input_option.html", W + "input.html", W + "attrs.html"),
        )
        for kind in ("radio", "checkbox")
    },
    **{
        f"{W}{kind}.html": (_input, (f"{W}{kind}.html", W + "input.html", W + "attrs.html"))
        for kind in _INPUT_TYPES
    },
}


class DirectFormRenderer(WijkteamFormRenderer):
    """``WijkteamFormRenderer`` with the templates of :data:`DIRECT` rendered by Python."""

    def __init__(self) -> None:
        self._verified: dict[str, bool] = {}

    def _source_is_known(self, name: str) -> bool:
        try:
            source = getattr(getattr(self.get_template(name), "template", None), "source", None)
        except TemplateDoesNotExist:
            return False
        if not isinstance(source, str):
            return False
        return hashlib.sha256(source.encode()).hexdigest() == SOURCES.get(name)

    def direct(self, template_name: str) -> Callable[[Mapping[str, Any]], str | None] | None:
        """The function for ``template_name``, or ``None`` when the engine must render it."""
        entry = DIRECT.get(template_name)
        if entry is None:
            return None
        verified = self._verified.get(template_name)
        if verified is None:
            verified = all(self._source_is_known(name) for name in entry[1])
            self._verified[template_name] = verified
        return entry[0] if verified else None

    def render(self, template_name: str, context: Any, request: Any = None) -> str:
        function = self.direct(template_name)
        if function is not None:
            html = function(context)
            if html is not None:
                return html.strip()
        return super().render(template_name, context, request=request)


DIRECT_RENDERER = DirectFormRenderer()
