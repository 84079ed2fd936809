"""Time zone tags and filters: localtime, utc, timezone, get_current_timezone."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime, tzinfo
from typing import Any

from django.template import Library, Node, TemplateSyntaxError
from django.template.nodes import READS, WRITES

register = Library()


class datetimeobject(datetime):
    """A datetime subclass marking values already converted by a tz filter."""


@register.filter
def localtime(value: Any) -> Any:
    return do_timezone(value, _current())


def _current() -> tzinfo:
    from django.utils import timezone

    return timezone.get_current_timezone()


@register.filter
def utc(value: Any) -> Any:

    return do_timezone(value, UTC)


@register.filter("timezone")
def do_timezone(value: Any, arg: Any) -> Any:
    """Convert an aware datetime to the time zone `arg` (a tzinfo or a zone name)."""
    from django.utils import timezone

    if not isinstance(value, datetime):
        return ""
    try:
        if timezone.is_naive(value):
            value = timezone.make_aware(value, timezone.get_default_timezone())
    except Exception:
        return ""
    if isinstance(arg, tzinfo):
        tz = arg
    elif isinstance(arg, str):
        try:
            tz = zoneinfo.ZoneInfo(arg)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return ""
    else:
        return ""
    result = timezone.localtime(value, tz)
    result = datetimeobject(
        result.year,
        result.month,
        result.day,
        result.hour,
        result.minute,
        result.second,
        result.microsecond,
        result.tzinfo,
        fold=result.fold,
    )
    result.convert_to_local_time = False  # type: ignore[attr-defined]
    return result


class LocalTimeNode(Node):
    context_effect = READS

    def __init__(self, nodelist: Any, use_tz: bool) -> None:
        self.nodelist = nodelist
        self.use_tz = use_tz

    def render(self, context: Any) -> str:
        old_setting = context.use_tz
        context.use_tz = self.use_tz
        try:
            return self.nodelist.render(context)
        finally:
            context.use_tz = old_setting


class TimezoneNode(Node):
    context_effect = READS

    def __init__(self, nodelist: Any, tz: Any) -> None:
        self.nodelist = nodelist
        self.tz = tz

    def render(self, context: Any) -> str:
        from django.utils import timezone

        with timezone.override(self.tz.resolve(context)):
            return self.nodelist.render(context)


class GetCurrentTimezoneNode(Node):
    child_nodelists = ()
    context_effect = WRITES

    def __init__(self, variable: str) -> None:
        self.variable = variable

    def render(self, context: Any) -> str:
        from django.utils import timezone

        context[self.variable] = timezone.get_current_timezone_name()
        return ""


@register.tag("localtime")
def localtime_tag(parser: Any, token: Any) -> Node:
    bits = token.split_contents()
    if len(bits) == 1:
        use_tz = True
    elif len(bits) > 2 or bits[1] not in ("on", "off"):
        raise TemplateSyntaxError("%r argument should be 'on' or 'off'" % bits[0])
    else:
        use_tz = bits[1] == "on"
    nodelist = parser.parse(("endlocaltime",))
    parser.delete_first_token()
    return LocalTimeNode(nodelist, use_tz)


@register.tag("timezone")
def timezone_tag(parser: Any, token: Any) -> Node:
    bits = token.split_contents()
    if len(bits) != 2:
        raise TemplateSyntaxError("'%s' takes one argument (timezone)" % bits[0])
    tz = parser.compile_filter(bits[1])
    nodelist = parser.parse(("endtimezone",))
    parser.delete_first_token()
    return TimezoneNode(nodelist, tz)


@register.tag("get_current_timezone")
def get_current_timezone_tag(parser: Any, token: Any) -> Node:
    args = token.contents.split()
    if len(args) != 3 or args[1] != "as":
        raise TemplateSyntaxError("'get_current_timezone' requires 'as variable' (got %r)" % args)
    return GetCurrentTimezoneNode(args[2])
