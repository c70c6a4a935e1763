"""Template helpers of casework: links to a tab of the case page, the plan tab's section, the
case page's title and content."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from wijkteam.cases import case_html, plan_html
from wijkteam.cases.sections import case_url as _case_url

register = template.Library()


@register.simple_tag
def case_url(pk: int, section: str = "", anchor: str = "") -> str:
    """The case page on the tab of ``section`` (``{% case_url case.pk "plan" %}``)."""
    return _case_url(pk, section, anchor)


@register.simple_tag(takes_context=True)
def plan_section(context: template.Context) -> SafeString:
    """The plan tab's section: ``cases/sections/plan_engine.html`` written in Python
    (``cases/plan_html.py``, issue 17)."""
    return mark_safe(plan_html.render(context))


@register.simple_tag(takes_context=True)
def case_title(context: template.Context) -> SafeString:
    """The case page's ``title`` block (``cases/case_html.py``, issue 17)."""
    return mark_safe(case_html.title(context))


@register.simple_tag(takes_context=True)
def case_content(context: template.Context) -> SafeString:
    """The case page's ``content`` block: ``cases/case_detail_engine.html``'s written in Python
    (``cases/case_html.py``, issue 17)."""
    return mark_safe(case_html.content(context))
