"""A form renderer that writes the HTML of fields and simple widgets in Python (issue 17).

``DirectFormRenderer`` produces, for the templates it knows, exactly what the template would
produce: the field group of ``core/forms/field.html`` (the ordinary and the checkbox layout),
``<input>`` (text, hidden, date, number, e-mail, checkbox …), ``<textarea>`` and ``<select>``
with its ``<option>``s. Anything else (another template, a radio list, an option with its own
template) is rendered by the templates as before. A large form such as the plan (tens of rows,
each with selects of many options) otherwise renders one template per field, one per widget,
one per set of attributes and one per option.

Values are written the way the template engine writes them: ``render_value_in_context`` (local
time, localisation, escaping unless already safe) for ``{{ value }}``, and the ``stringformat``
filter (which keeps a safe value safe) for ``{{ value|stringformat:'s' }}``. The renderer's own
``.strip()`` of the result is kept. ``core/tests/test_form_html.py`` compares both ways.
"""

from collections.abc import Callable, Mapping
from typing import Any

from django.forms import BoundField
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.safestring import SafeData

from .renderers import WijkteamFormRenderer

_CONTEXT = Context(autoescape=True)
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "input", "text", "hidden", "date", "number", "email", "url", "password",
        "checkbox", "datetime", "time", "search", "tel", "color",
    )
)  # fmt: skip
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"
FIELD_TEMPLATE = "core/forms/field.html"


def _text(value: Any) -> str:
    """``{{ value }}`` with autoescaping."""
    return render_value_in_context(value, _CONTEXT)


def _formatted(value: Any) -> str:
    """``{{ value|stringformat:'s' }}`` with autoescaping."""
    try:
        result = "%s" % (str(value) if isinstance(value, tuple) else value)
    except (ValueError, TypeError):
        result = ""
    return result if isinstance(value, SafeData) else _text(result)


def _attrs(attrs: Mapping[str, Any]) -> str:
    """``django/forms/widgets/attrs.html``."""
    parts = []
    for name, value in attrs.items():
        if value is not False:
            parts.append(f" {_text(name)}")
            if value is not True:
                parts.append(f'="{_formatted(value)}"')
    return "".join(parts)


def _input(context: Mapping[str, Any]) -> str:
    w = context["widget"]
    value = w["value"]
    shown = f' value="{_formatted(value)}"' if value is not None else ""
    return f'<input type="{_text(w["type"])}" name="{_text(w["name"])}"{shown}{_attrs(w["attrs"])}>'


def _textarea(context: Mapping[str, Any]) -> str:
    w = context["widget"]
    value = _text(w["value"]) if w["value"] else ""
    return f'<textarea name="{_text(w["name"])}"{_attrs(w["attrs"])}>\n{value}</textarea>'


def _select(context: Mapping[str, Any]) -> str | None:
    w = context["widget"]
    out = [f'<select name="{_text(w["name"])}"{_attrs(w["attrs"])}>']
    for group_name, group_choices, _index in w["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            if option["template_name"] != OPTION_TEMPLATE:
                return None
            out.append(
                f'\n  <option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_text(option['label'])}</option>\n"
            )
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>")
    return "".join(out)


def _errors(field: BoundField, errors: Any) -> str:
    if not errors:
        return ""
    lines = "".join(f'<p class="utrecht-paragraph">{_text(e)}</p>' for e in errors)
    return (
        '<div class="utrecht-form-field__error-message utrecht-form-field-error-message" '
        f'id="{_text(field.auto_id)}_error">{lines}</div>'
    )


def _field_group(context: Mapping[str, Any]) -> str | None:
    """``core/forms/field.html`` for every widget but a radio or checkbox list."""
    from .templatetags.wijkteam import render_widget, translate_required, widget_type

    field = context["field"]
    kind = widget_type(field)
    if kind in ("checkboxselectmultiple", "radioselect"):
        return None
    errors = field.errors
    invalid = " utrecht-form-field--invalid" if errors else ""
    help_text = (
        f'<div class="utrecht-form-field__description" id="{_text(field.auto_id)}_help">'
        f"{_text(field.help_text)}</div>"
        if field.help_text
        else ""
    )
    label = _text(field.label)
    widget = _text(render_widget(field))
    if kind == "checkboxinput":
        return (
            f'\n<div class="utrecht-form-field utrecht-form-field--checkbox{invalid}">\n'
            f'  <div class="utrecht-form-field__input">{widget}</div>\n'
            '  <div class="utrecht-form-field__label"><label class="utrecht-form-label '
            f'utrecht-form-label--checkbox" for="{_text(field.id_for_label)}">{label}</label>'
            "</div>\n"
            f"  {help_text}\n"
            f"  {_errors(field, errors)}\n"
            "</div>\n"
        )
    required = (
        f' <span class="wt-required">({_text(translate_required())})</span>'
        if field.field.required
        else ""
    )
    return (
        f'\n<div class="utrecht-form-field{invalid}">\n'
        '  <div class="utrecht-form-field__label"><label class="utrecht-form-label" '
        f'for="{_text(field.id_for_label)}">{label}{required}</label></div>\n'
        f"  {help_text}\n"
        f"  {_errors(field, errors)}\n"
        f'  <div class="utrecht-form-field__input">{widget}</div>\n'
        "</div>\n"
    )


_WRITERS: dict[str, Callable[[Mapping[str, Any]], str | None]] = {
    **dict.fromkeys(INPUT_TEMPLATES, _input),
    "django/forms/widgets/textarea.html": _textarea,
    "django/forms/widgets/select.html": _select,
    FIELD_TEMPLATE: _field_group,
}


class DirectFormRenderer(WijkteamFormRenderer):
    """The project's renderer, with the fields and simple widgets written in Python."""

    direct = True  # False: every template through the template engine (the tests' "before")

    def render(self, template_name: str, context: Any, request: Any = None) -> str:
        writer = _WRITERS.get(template_name) if self.direct else None
        if writer is not None and request is None:
            html = writer(context)
            if html is not None:
                return html.strip()
        return super().render(template_name, context, request=request)
