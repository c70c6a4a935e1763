"""The stage tabs' sections (Onderzoek, Metingen, Inzet, Evaluatie): ``cases/sections/
<name>_engine.html`` written in Python (``cases/stage_html*.py``, issue 17)."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from wijkteam.cases import stage_html, stage_html_assessment, stage_html_intervention

register = template.Library()


@register.simple_tag(takes_context=True)
def investigation_section(context: template.Context) -> SafeString:
    """The Onderzoek tab's section (``{% load stage_tabs %}{% investigation_section %}``)."""
    return mark_safe(stage_html.render_investigation(context))


@register.simple_tag(takes_context=True)
def assessment_section(context: template.Context) -> SafeString:
    """The Metingen tab's section."""
    return mark_safe(stage_html_assessment.render_assessment(context))


@register.simple_tag(takes_context=True)
def intervention_section(context: template.Context) -> SafeString:
    """The Inzet tab's section."""
    return mark_safe(stage_html_intervention.render_intervention(context))


@register.simple_tag(takes_context=True)
def evaluation_section(context: template.Context) -> SafeString:
    """The Evaluatie tab's section."""
    return mark_safe(stage_html.render_evaluation(context))
