"""The Besluiten tab's section: ``cases/sections/decision_engine.html`` written in Python
(``cases/decision_html.py``, issue 17)."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from wijkteam.cases import decision_html

register = template.Library()


@register.simple_tag(takes_context=True)
def decision_section(context: template.Context) -> SafeString:
    """The Besluiten tab's section (``{% load decision_tab %}{% decision_section %}``)."""
    return mark_safe(decision_html.render(context))
