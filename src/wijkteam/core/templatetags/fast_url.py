"""``{% fast_url 'cases:detail' case.pk %}``: ``{% url %}`` for a list's per-row links.

A list of a few hundred rows with ``{% url %}`` in each row resolves the same pattern again for
every row (``reverse`` walks the resolver, checks the arguments, quotes the result). This tag
resolves a name once per URL conf, script prefix and language with a stand-in id, keeps the
text before and after it, and then only puts the row's id in between. The output is the same
as ``{% url name pk %}`` (``core/tests/test_fast_url.py``); anything other than one
non-negative integer argument, and a pattern whose URL does not show the id as written, goes
to ``reverse`` as ``{% url %}`` would.
"""

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

register = template.Library()

# Two stand-in ids that fit every id pattern (``core.converters``: at most 18 digits).
_PROBES = (918273645546372819, 192837465564738291)
# (name, urlconf, script prefix, language) -> (before, after), or None: always ``reverse``.
_PARTS: dict[tuple[str, str, str, str], tuple[str, str] | None] = {}


def _parts(name: str) -> tuple[str, str] | None:
    key = (name, str(get_urlconf() or settings.ROOT_URLCONF), get_script_prefix(), get_language())
    if key not in _PARTS:
        first, second = (reverse(name, args=[p]) for p in _PROBES)
        marker = str(_PROBES[0])
        parts: tuple[str, str] | None = None
        if first.count(marker) == 1:
            before, after = first.split(marker)
            if second == f"{before}{_PROBES[1]}{after}":
                parts = (before, after)
        _PARTS[key] = parts
    return _PARTS[key]


def fast_reverse(name: str, pk: object) -> str:
    """``reverse(name, args=[pk])``, without resolving the pattern again for each id."""
    if type(pk) is int and pk >= 0:
        parts = _parts(name)
        if parts is not None:
            return f"{parts[0]}{pk}{parts[1]}"
    return reverse(name, args=[pk])


@register.simple_tag
def fast_url(name: str, pk: object) -> str:
    return fast_reverse(name, pk)
