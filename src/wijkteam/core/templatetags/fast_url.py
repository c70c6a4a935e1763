"""``{% url %}`` and ``{% fast_url %}`` through the URL cache (``core/url_cache.py``).

``{% fast_url 'cases:detail' case.pk %}`` is ``{% url 'cases:detail' case.pk %}`` for one id.
Since issue 17 this library is also a template *builtin* (``TEMPLATES`` in the settings) and
replaces Django's ``{% url %}`` with the same tag whose node asks ``cached_reverse`` instead of
``reverse``: same syntax (positional and keyword arguments, ``as var``), same output, same
``NoReverseMatch``; a call with keyword arguments goes to ``reverse`` as before. A page asks for
the same few dozen URLs on every request (layout, menu, tabs, per-row links), so this takes
``reverse`` out of rendering. Tests: ``core/tests/test_url_cache.py``,
``core/tests/test_id_lists_fast_url.py``.
"""

from typing import Any

from django import template
from django.template.base import Parser, Token
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch, reverse
from django.utils.html import conditional_escape

from wijkteam.core.url_cache import cached_reverse

register = template.Library()


def fast_reverse(name: str, pk: object) -> str:
    """``reverse(name, args=[pk])``, without resolving the pattern again for each id."""
    return cached_reverse(name, [pk])


@register.simple_tag
def fast_url(name: str, pk: object) -> str:
    return fast_reverse(name, pk)


class CachedURLNode(URLNode):
    """Django's ``URLNode`` (``{% url %}``), reversing through ``cached_reverse``."""

    def render(self, context: Any) -> str:
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = ""
        try:
            if kwargs:
                url = reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
            else:
                url = cached_reverse(view_name, args, current_app=current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser: Parser, token: Token) -> CachedURLNode:
    """``{% url %}``: parsed as Django parses it, rendered through the URL cache."""
    node = django_url(parser, token)
    return CachedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
