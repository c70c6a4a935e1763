"""``{% layout "head" %}`` … ``{% layout "footer" %}``: the parts of ``base.html`` that
``core/layout.py`` writes in Python (issue 17)."""

from typing import Any

from django import template
from django.template.base import Node, Parser, Token

from wijkteam.core.layout import PARTS

register = template.Library()


class LayoutNode(Node):
    """One part of the layout; its text is already escaped where the template escaped it."""

    child_nodelists = ()

    def __init__(self, part: str) -> None:
        self.part = part
        self.write = PARTS[part]

    def render(self, context: Any) -> str:
        return self.write(context)


@register.tag
def layout(parser: Parser, token: Token) -> LayoutNode:
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][:1] not in "\"'" or bits[1].strip("\"'") not in PARTS:
        raise template.TemplateSyntaxError(f"{{% layout %}} kent: {', '.join(PARTS)}")
    return LayoutNode(bits[1].strip("\"'"))
