"""Template helpers of casework: links to a tab of the case page."""

from django import template

from wijkteam.cases.sections import case_url as _case_url

register = template.Library()


@register.simple_tag
def case_url(pk: int, section: str = "", anchor: str = "") -> str:
    """The case page on the tab of ``section`` (``{% case_url case.pk "plan" %}``)."""
    return _case_url(pk, section, anchor)
