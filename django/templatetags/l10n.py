"""{% localize on|off %} and the localize / unlocalize filters."""

from __future__ import annotations

from typing import Any

from django.template import Library, Node, TemplateSyntaxError
from django.template.nodes import READS

register = Library()


@register.filter(is_safe=False)
def localize(value: Any) -> str:
    from django.utils import formats

    return str(formats.localize(value, use_l10n=True))


@register.filter(is_safe=False)
def unlocalize(value: Any) -> str:
    from django.utils import formats

    return str(formats.localize(value, use_l10n=False))


class LocalizeNode(Node):
    context_effect = READS

    def __init__(self, nodelist: Any, use_l10n: bool) -> None:
        self.nodelist = nodelist
        self.use_l10n = use_l10n

    def __repr__(self) -> str:
        return "<%s>" % type(self).__name__

    def render(self, context: Any) -> str:
        old_setting = context.use_l10n
        context.use_l10n = self.use_l10n
        try:
            return self.nodelist.render(context)
        finally:
            context.use_l10n = old_setting


@register.tag("localize")
def localize_tag(parser: Any, token: Any) -> Node:
    use_l10n = None
    bits = list(token.split_contents())
    if len(bits) == 1:
        use_l10n = True
    elif len(bits) > 2 or bits[1] not in ("on", "off"):
        raise TemplateSyntaxError("%r argument should be 'on' or 'off'" % bits[0])
    else:
        use_l10n = bits[1] == "on"
    nodelist = parser.parse(("endlocalize",))
    parser.delete_first_token()
    return LocalizeNode(nodelist, use_l10n)
