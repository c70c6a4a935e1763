"""What the Python renderers of hot templates share (issue 17).

``cases/plan_html.py``, ``cases/decision_html.py`` and ``cases/case_html.py`` write a template's
HTML in Python; each keeps the replaced template beside it with its SHA-256 pinned and falls
back to the engine when that text changed. The three pieces they all need are here once:

- :func:`template_sha256`: the SHA-256 of a template's source as the engine finds it now;
- :func:`current_app`: what ``{% url %}`` passes as ``current_app``
  (``core.templatetags.fast_url``);
- :func:`csrf_input`: ``{% csrf_token %}`` as Django's ``CsrfTokenNode`` writes it.
"""

import hashlib
from typing import Any

from django.template.loader import get_template
from django.utils.html import format_html


def template_sha256(name: str) -> str:
    """SHA-256 of the source of template ``name`` (empty source when the engine has none)."""
    source = getattr(getattr(get_template(name), "template", None), "source", "")
    return hashlib.sha256(str(source).encode()).hexdigest()


def current_app(context: Any) -> str | None:
    """What ``{% url %}`` passes as ``current_app`` for this context's request."""
    request: Any = getattr(context, "request", None)
    try:
        return request.current_app
    except AttributeError:
        try:
            return request.resolver_match.namespace
        except AttributeError:
            return None


def csrf_input(context: Any) -> str:
    """``{% csrf_token %}``: the hidden input, or nothing without a token."""
    token = context.get("csrf_token")
    if not token:
        return ""
    if token == "NOTPROVIDED":  # noqa: S105 - Django's marker, not a secret
        return str(format_html(""))
    return str(format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token))
