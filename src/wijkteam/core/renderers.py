from django.forms.renderers import TemplatesSetting


class WijkteamFormRenderer(TemplatesSetting):
    """Forms and fields rendered with NL Design System markup (labels, errors, ARIA)."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
