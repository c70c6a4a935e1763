"""The plan screen's title and content written in Python (``cases/plan_form_html.py``,
issue 17)."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from wijkteam.cases import plan_form_html

register = template.Library()


@register.simple_tag(takes_context=True)
def plan_form_title(context: template.Context) -> SafeString:
    """The plan screen's ``title`` block."""
    return mark_safe(plan_form_html.title(context))


@register.simple_tag(takes_context=True)
def plan_form_content(context: template.Context) -> SafeString:
    """The plan screen's ``content`` block: ``cases/plan/plan_form_engine.html``'s written in
    Python."""
    return mark_safe(plan_form_html.content(context))
