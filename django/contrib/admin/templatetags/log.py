"""{% get_admin_log 10 as admin_log for_user user %}: the latest LogEntry rows."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


class AdminLogNode(template.Node):
    def __init__(self, limit: str, varname: str, user: str | None) -> None:
        self.limit = limit
        self.varname = varname
        self.user = user

    def render(self, context: Any) -> str:
        entries = context.get("log_entries")
        if entries is None:
            from django.contrib.admin.models import LogEntry

            entries = LogEntry.objects.select_related("content_type", "user")
        if self.user is not None:
            user = template.Variable(self.user).resolve(context)
            user_id = user if str(user).isdigit() else user.pk
            entries = entries.filter(user__pk=user_id)
        limit = (
            int(template.Variable(self.limit).resolve(context))
            if not self.limit.isdigit()
            else int(self.limit)
        )
        context[self.varname] = entries.order_by("-action_time")[:limit]
        return ""


@register.tag
def get_admin_log(parser: Any, token: Any) -> AdminLogNode:
    bits = token.split_contents()
    if len(bits) not in (4, 6) or bits[2] != "as" or (len(bits) == 6 and bits[4] != "for_user"):
        raise template.TemplateSyntaxError(
            "'get_admin_log' statements take the form "
            "{% get_admin_log <limit> as <varname> [for_user <user>] %}"
        )
    return AdminLogNode(bits[1], bits[3], bits[5] if len(bits) == 6 else None)
