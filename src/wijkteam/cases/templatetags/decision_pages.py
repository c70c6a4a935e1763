"""The decision's pages (detail, besluit, aanvraag) written in Python: their ``title`` and
``content`` blocks (``cases/decision_detail_html.py``, ``decision_detail_html_forms.py``; issue 17)."""

from collections.abc import Callable

from django import template
from django.utils.safestring import SafeString, mark_safe

from wijkteam.cases import decision_detail_html as detail
from wijkteam.cases import decision_detail_html_forms as forms

register = template.Library()

_TITLES: dict[str, Callable[[template.Context], str]] = {
    "detail": detail.detail_title,
    "take": forms.take_title,
    "request": forms.request_title,
}
_CONTENTS: dict[str, Callable[[template.Context], str]] = {
    "detail": detail.detail_content,
    "take": forms.take_content,
    "request": forms.request_content,
}


@register.simple_tag(takes_context=True)
def decision_title(context: template.Context, page: str) -> SafeString:
    """The ``title`` block of ``cases/decision/<page>_engine.html``, written in Python."""
    return mark_safe(_TITLES[page](context))


@register.simple_tag(takes_context=True)
def decision_content(context: template.Context, page: str) -> SafeString:
    """The ``content`` block of ``cases/decision/<page>_engine.html``, written in Python."""
    return mark_safe(_CONTENTS[page](context))
