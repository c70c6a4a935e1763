"""Template helpers: render form widgets with NL Design System classes and ARIA links."""

from django import forms, template
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()

WIDGET_CLASSES = {
    "select": "utrecht-select utrecht-select--html-select",
    "selectmultiple": "utrecht-select utrecht-select--html-select",
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
    "checkboxinput": "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom",
}
TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"


@register.filter
def widget_type(field: forms.BoundField) -> str:
    return field.field.widget.__class__.__name__.lower()


@register.simple_tag
def translate_required() -> str:
    return _("verplicht")


@register.simple_tag
def render_widget(field: forms.BoundField) -> SafeString:
    kind = widget_type(field)
    classes = WIDGET_CLASSES.get(kind, TEXTBOX)
    attrs: dict[str, str | bool] = {"class": classes}
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_help")
    if field.errors:
        described.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
        attrs["class"] = classes + (" utrecht-textbox--invalid" if classes == TEXTBOX else "")
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.field.required and kind != "checkboxinput":
        attrs["aria-required"] = "true"
    return field.as_widget(attrs=attrs)
