"""The built-in filters, with the escaping flags the documentation gives each one."""

from __future__ import annotations

import functools
import random as random_module
import re
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from functools import wraps
from inspect import unwrap
from operator import itemgetter
from pprint import pformat
from typing import Any
from urllib.parse import quote

from django.template.library import Library
from django.utils._conf import conf_settings
from django.utils.safestring import SafeData, mark_safe

register = Library()


def stringfilter(func: Any) -> Any:
    """Decorator: coerce the value to str first; keep safety for is_safe filters."""

    @wraps(func)
    def _dec(first: Any, *args: Any, **kwargs: Any) -> Any:
        if type(first) is str:  # the common case: nothing to coerce, nothing safe to keep
            return func(first, *args, **kwargs)
        first = str(first)
        result = func(first, *args, **kwargs)
        if isinstance(first, SafeData) and getattr(unwrap(func), "is_safe", False):
            result = mark_safe(result)
        return result

    _dec._decorated_function = getattr(func, "_decorated_function", func)  # type: ignore[attr-defined]
    return _dec


# -- strings -----------------------------------------------------------------------------------
@register.filter(is_safe=True)
@stringfilter
def addslashes(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("'", "\\'")


@register.filter(is_safe=True)
@stringfilter
def capfirst(value: str) -> str:
    from django.utils.text import capfirst as _capfirst

    return _capfirst(value)


@register.filter("escapejs")
@stringfilter
def escapejs_filter(value: str) -> str:
    from django.utils.html import escapejs

    return escapejs(value)


@register.filter(is_safe=True)
def json_script(value: Any, element_id: str | None = None) -> str:
    from django.utils.html import json_script as _json_script

    return _json_script(value, element_id)


@register.filter(is_safe=True)
def floatformat(text: Any, arg: Any = -1) -> str:
    """Round to `arg` decimals (negative: only when needed); suffix g groups, u unlocalizes."""
    force_grouping = False
    use_l10n = True
    if isinstance(arg, str):
        last_char = arg[-1:]
        if arg[-2:] in {"gu", "ug"}:
            force_grouping, use_l10n, arg = True, False, arg[:-2] or -1
        elif last_char == "g":
            force_grouping, arg = True, arg[:-1] or -1
        elif last_char == "u":
            use_l10n, arg = False, arg[:-1] or -1
    if type(text) is float:
        short = _short_float(text, arg)
        if short is not None:
            return mark_safe(
                _localized_number(short, len(short) - short.index(".") - 1, use_l10n, force_grouping)
            )
    try:
        input_val = str(text)
        d = Decimal(input_val)
    except InvalidOperation:
        try:
            d = Decimal(str(float(text)))
        except (ValueError, InvalidOperation, TypeError):
            return ""
    try:
        p = int(arg)
    except ValueError:
        return input_val
    sign, digits, exponent = d.as_tuple()
    if type(exponent) is int and abs(exponent) + len(digits) > 200:
        return input_val  # absurd magnitudes come back as given instead of a huge string
    try:
        m = int(d) - d
    except (ValueError, OverflowError, InvalidOperation):
        return input_val
    if not m and p <= 0:
        return mark_safe(_localized_number("%d" % int(d), 0, use_l10n, force_grouping))
    places = abs(p)
    # Enough precision to keep every integer digit plus the requested places.
    prec = places + len(digits) + (-exponent if m else exponent) + 1  # type: ignore[operator]  # finite d
    rounded = d.quantize(_quantum(places), ROUND_HALF_UP, _precision(prec))
    if not rounded:
        rounded = rounded.copy_abs()  # no "-0.00"
    return mark_safe(_localized_number(f"{rounded:f}", places, use_l10n, force_grouping))


def _short_float(value: float, arg: Any) -> str | None:
    """The text for a float that needs no rounding at `arg` (> 0) places: its shortest repr padded
    with zeros ("7.5" -> "7.50"), which is what rounding its Decimal would give. None otherwise."""
    try:
        places = int(arg)
    except ValueError:
        return None
    if places <= 0:
        return None
    whole, dot, fraction = repr(value).partition(".")
    if not dot or len(fraction) > places or "e" in fraction:
        return None  # inf, nan, exponent notation, or digits to round away
    if whole == "-0" and not fraction.strip("0"):
        whole = "0"  # no "-0.00"
    return whole + "." + fraction.ljust(places, "0")


_quanta: dict[int, Decimal] = {}
_contexts: dict[int, Context] = {}


def _quantum(places: int) -> Decimal:
    quantum = _quanta.get(places)
    if quantum is None:
        quantum = _quanta[places] = Decimal(1).scaleb(-places)
    return quantum


def _precision(prec: int) -> Context:
    context = _contexts.get(prec)
    if context is None:
        context = _contexts[prec] = Context(prec=prec)
    return context


@functools.cache
def _formats() -> Any:
    from django.utils import formats  # imported on first use (it pulls in translation)

    return formats


def _localized_number(number: str, decimal_pos: int, use_l10n: bool, force_grouping: bool) -> str:
    """formats.number_format() of a plain "-123.45" string; without grouping only the separator changes."""
    formats = _formats()
    if force_grouping or (use_l10n and conf_settings().USE_THOUSAND_SEPARATOR):
        return formats.number_format(number, decimal_pos, use_l10n=use_l10n, force_grouping=force_grouping)
    if "." not in number:
        return number
    separator = formats.get_format("DECIMAL_SEPARATOR", use_l10n=use_l10n)
    return number if separator == "." else number.replace(".", separator)


@register.filter(is_safe=True)
@stringfilter
def iriencode(value: str) -> str:
    from django.utils.encoding import iri_to_uri

    return iri_to_uri(value)


@register.filter(is_safe=True, needs_autoescape=True)
@stringfilter
def linenumbers(value: str, autoescape: bool = True) -> str:
    from django.utils.html import escape

    lines = value.split("\n")
    width = len(str(len(lines)))
    plain = not autoescape or isinstance(value, SafeData)
    numbered = [
        "%0*d. %s" % (width, i, line if plain else escape(line)) for i, line in enumerate(lines, start=1)
    ]
    return mark_safe("\n".join(numbered))


@register.filter(is_safe=True)
@stringfilter
def lower(value: str) -> str:
    return value.lower()


@register.filter(is_safe=False)
@stringfilter
def make_list(value: str) -> list:
    return list(value)


@register.filter(is_safe=True)
@stringfilter
def slugify(value: str) -> str:
    from django.utils.text import slugify as _slugify

    return _slugify(value)


@register.filter(is_safe=True)
def stringformat(value: Any, arg: Any) -> str:
    if isinstance(value, tuple):
        value = str(value)
    try:
        return ("%" + str(arg)) % value
    except (ValueError, TypeError):
        return ""


@register.filter(is_safe=True)
@stringfilter
def title(value: str) -> str:
    # str.title() capitalises after an apostrophe or a digit ("They'Re", "1St"): undo those.
    text = value.title()
    if "'" in text:
        text = _apostrophe_capital.sub(_lower_match, text)
    return _digit_capital.sub(_lower_match, text)


_apostrophe_capital = re.compile("([a-z])'([A-Z])")
_digit_capital = re.compile(r"\d([A-Z])")


def _lower_match(match: re.Match) -> str:
    return match[0].lower()


@register.filter(is_safe=True)
@stringfilter
def truncatechars(value: str, arg: Any) -> str:
    from django.utils.text import Truncator

    try:
        length = int(arg)
    except ValueError:
        return value
    return Truncator(value).chars(length)


@register.filter(is_safe=True)
@stringfilter
def truncatechars_html(value: str, arg: Any) -> str:
    from django.utils.text import Truncator

    try:
        length = int(arg)
    except ValueError:
        return value
    return Truncator(value).chars(length, html=True)


@register.filter(is_safe=True)
@stringfilter
def truncatewords(value: str, arg: Any) -> str:
    from django.utils.text import Truncator

    try:
        length = int(arg)
    except ValueError:
        return value
    return Truncator(value).words(length, truncate=" …")


@register.filter(is_safe=True)
@stringfilter
def truncatewords_html(value: str, arg: Any) -> str:
    from django.utils.text import Truncator

    try:
        length = int(arg)
    except ValueError:
        return value
    return Truncator(value).words(length, html=True, truncate=" …")


@register.filter(is_safe=False)
@stringfilter
def upper(value: str) -> str:
    return value.upper()


@register.filter(is_safe=False)
@stringfilter
def urlencode(value: str, safe: Any = None) -> str:
    if safe is not None:
        return quote(value, safe=safe)
    return quote(value)


@register.filter(is_safe=True, needs_autoescape=True)
@stringfilter
def urlize(value: str, autoescape: bool = True) -> str:
    from django.utils.html import urlize as _urlize

    return mark_safe(_urlize(value, nofollow=True, autoescape=autoescape))


@register.filter(is_safe=True, needs_autoescape=True)
@stringfilter
def urlizetrunc(value: str, limit: Any, autoescape: bool = True) -> str:
    from django.utils.html import urlize as _urlize

    return mark_safe(_urlize(value, trim_url_limit=int(limit), nofollow=True, autoescape=autoescape))


@register.filter(is_safe=False)
@stringfilter
def wordcount(value: str) -> int:
    return len(value.split())


@register.filter(is_safe=True)
@stringfilter
def wordwrap(value: str, arg: Any) -> str:
    from django.utils.text import wrap

    return wrap(value, int(arg))


@register.filter(is_safe=True)
@stringfilter
def ljust(value: str, arg: Any) -> str:
    return value.ljust(int(arg))


@register.filter(is_safe=True)
@stringfilter
def rjust(value: str, arg: Any) -> str:
    return value.rjust(int(arg))


@register.filter(is_safe=True)
@stringfilter
def center(value: str, arg: Any) -> str:
    return value.center(int(arg))


@register.filter
@stringfilter
def cut(value: str, arg: str) -> str:
    safe = isinstance(value, SafeData)
    value = value.replace(arg, "")
    if safe and arg != ";":
        return mark_safe(value)
    return value


# -- HTML --------------------------------------------------------------------------------------
@register.filter("escape", is_safe=True)
@stringfilter
def escape_filter(value: str) -> str:
    from django.utils.html import conditional_escape

    return conditional_escape(value)


@register.filter(is_safe=True)
def escapeseq(value: Any) -> list:
    from django.utils.html import conditional_escape

    return [conditional_escape(obj) for obj in value]


@register.filter(is_safe=True)
@stringfilter
def force_escape(value: str) -> str:
    from django.utils.html import escape

    return escape(value)


@register.filter("linebreaks", is_safe=True, needs_autoescape=True)
@stringfilter
def linebreaks_filter(value: str, autoescape: bool = True) -> str:
    from django.utils.html import linebreaks

    autoescape = autoescape and not isinstance(value, SafeData)
    return mark_safe(linebreaks(value, autoescape))


@register.filter(is_safe=True, needs_autoescape=True)
@stringfilter
def linebreaksbr(value: str, autoescape: bool = True) -> str:
    from django.utils.html import escape

    autoescape = autoescape and not isinstance(value, SafeData)
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if autoescape:
        value = escape(value)
    return mark_safe(value.replace("\n", "<br>"))


@register.filter(is_safe=True)
@stringfilter
def safe(value: str) -> str:
    return mark_safe(value)


@register.filter(is_safe=True)
def safeseq(value: Any) -> list:
    return [mark_safe(obj) for obj in value]


@register.filter(is_safe=True)
@stringfilter
def striptags(value: str) -> str:
    from django.utils.html import strip_tags

    return strip_tags(value)


# -- lists -------------------------------------------------------------------------------------
def _property_resolver(arg: Any) -> Any:
    """A sort key for dictsort: an index for numbers, else a dotted lookup."""
    try:
        float(arg)
    except ValueError:
        if "._" in arg or str(arg).startswith("_"):
            raise AttributeError("Access to private variables is forbidden.")
        parts = str(arg).split(".")

        def resolve(value: Any) -> Any:
            for part in parts:
                try:
                    value = value[part]
                except (AttributeError, IndexError, KeyError, TypeError, ValueError):
                    value = getattr(value, part)
            return value

        return resolve
    return itemgetter(arg)


@register.filter(is_safe=False)
def dictsort(value: Any, arg: Any) -> Any:
    try:
        return sorted(value, key=_property_resolver(arg))
    except (AttributeError, TypeError):
        return ""


@register.filter(is_safe=False)
def dictsortreversed(value: Any, arg: Any) -> Any:
    try:
        return sorted(value, key=_property_resolver(arg), reverse=True)
    except (AttributeError, TypeError):
        return ""


@register.filter(is_safe=False)
def first(value: Any) -> Any:
    try:
        return value[0]
    except IndexError:
        return ""


@register.filter(is_safe=True, needs_autoescape=True)
def join(value: Any, arg: Any, autoescape: bool = True) -> Any:
    from django.utils.html import conditional_escape

    try:
        if autoescape:
            data = conditional_escape(arg).join([conditional_escape(v) for v in value])
        else:
            data = arg.join(value)
    except TypeError:
        return value
    return mark_safe(data)


@register.filter(is_safe=True)
def last(value: Any) -> Any:
    try:
        return value[-1]
    except IndexError:
        return ""


@register.filter(is_safe=False)
def length(value: Any) -> int:
    try:
        return len(value)
    except (ValueError, TypeError):
        return 0


@register.filter(is_safe=True)
def random(value: Any) -> Any:
    try:
        return random_module.choice(value)
    except IndexError:
        return ""


@register.filter("slice", is_safe=True)
def slice_filter(value: Any, arg: Any) -> Any:
    try:
        bits = [int(x) if x else None for x in str(arg).split(":")]
        return value[slice(*bits)]
    except (ValueError, TypeError, KeyError):
        return value


@register.filter(is_safe=True, needs_autoescape=True)
def unordered_list(value: Any, autoescape: bool = True) -> str:
    """Nested lists -> <li> items with nested <ul>s (without the outer <ul>)."""
    from django.utils.html import conditional_escape

    escaper = conditional_escape if autoescape else (lambda x: x)

    def walk(items: Any) -> Any:
        items = iter(items)
        item = next(items, _END)
        while item is not _END:
            following = next(items, _END)
            children = None
            if following is not _END and isinstance(following, (list, tuple)):
                children, following = following, next(items, _END)
            yield item, children
            item = following

    def render(items: Any, tabs: int = 1) -> str:
        indent = "\t" * tabs
        output = []
        for item, children in walk(items):
            sublist = ""
            if children:
                sublist = "\n%s<ul>\n%s\n%s</ul>\n%s" % (indent, render(children, tabs + 1), indent, indent)
            output.append("%s<li>%s%s</li>" % (indent, escaper(item), sublist))
        return "\n".join(output)

    return mark_safe(render(value))


_END = object()


# -- integers ----------------------------------------------------------------------------------
@register.filter(is_safe=False)
def add(value: Any, arg: Any) -> Any:
    try:
        return int(value) + int(arg)
    except (ValueError, TypeError):
        try:
            return value + arg
        except Exception:
            return ""


@register.filter(is_safe=False)
def get_digit(value: Any, arg: Any) -> Any:
    try:
        arg = int(arg)
        value = int(value)
    except ValueError:
        return value
    if arg < 1:
        return value
    try:
        return int(str(value)[-arg])
    except IndexError:
        return 0


# -- dates -------------------------------------------------------------------------------------
@register.filter(expects_localtime=True, is_safe=False)
def date(value: Any, arg: Any = None) -> str:
    from django.utils import dateformat, formats

    if value in (None, ""):
        return ""
    try:
        return formats.date_format(value, arg)
    except AttributeError:
        try:
            return dateformat.format(value, arg)
        except AttributeError:
            return ""


@register.filter(expects_localtime=True, is_safe=False)
def time(value: Any, arg: Any = None) -> str:
    from django.utils import dateformat, formats

    if value in (None, ""):
        return ""
    try:
        return formats.time_format(value, arg)
    except (AttributeError, TypeError):
        try:
            return dateformat.time_format(value, arg)
        except (AttributeError, TypeError):
            return ""


@register.filter("timesince", is_safe=False)
def timesince_filter(value: Any, arg: Any = None) -> str:
    from django.utils.timesince import timesince

    if not value:
        return ""
    try:
        if arg:
            return timesince(value, arg)
        return timesince(value)
    except (ValueError, TypeError):
        return ""


@register.filter("timeuntil", is_safe=False)
def timeuntil_filter(value: Any, arg: Any = None) -> str:
    from django.utils.timesince import timeuntil

    if not value:
        return ""
    try:
        return timeuntil(value, arg)
    except (ValueError, TypeError):
        return ""


# -- logic -------------------------------------------------------------------------------------
@register.filter(is_safe=False)
def default(value: Any, arg: Any) -> Any:
    return value or arg


@register.filter(is_safe=False)
def default_if_none(value: Any, arg: Any) -> Any:
    if value is None:
        return arg
    return value


@register.filter(is_safe=False)
def divisibleby(value: Any, arg: Any) -> bool:
    return int(value) % int(arg) == 0


@register.filter(is_safe=False)
def yesno(value: Any, arg: Any = None) -> Any:
    if arg is None:
        from django.utils.translation import gettext

        arg = gettext("yes,no,maybe")
    bits = arg.split(",")
    if len(bits) < 2:
        return value
    try:
        yes, no, maybe = bits
    except ValueError:
        yes, no, maybe = bits[0], bits[1], bits[1]
    if value is None:
        return maybe
    return yes if value else no


# -- misc --------------------------------------------------------------------------------------
@register.filter(is_safe=True)
def filesizeformat(bytes_: Any) -> str:
    """Human-readable size: '13 KB', '4.1 MB', '102 bytes'."""
    from django.utils.formats import number_format
    from django.utils.html import avoid_wrapping
    from django.utils.translation import ngettext

    try:
        bytes_ = int(bytes_)
    except (TypeError, ValueError, UnicodeDecodeError):
        value = ngettext("%(size)d byte", "%(size)d bytes", 0) % {"size": 0}
        return avoid_wrapping(value)

    def filesize_number_format(value: float) -> str:
        return number_format(round(value, 1), 1)

    negative = bytes_ < 0
    if negative:
        bytes_ = -bytes_
    units: list[tuple[int, Any]] = [
        (1 << 10, None),
        (1 << 20, "%s KB"),
        (1 << 30, "%s MB"),
        (1 << 40, "%s GB"),
        (1 << 50, "%s TB"),
    ]
    if bytes_ < units[0][0]:
        value = ngettext("%(size)d byte", "%(size)d bytes", bytes_) % {"size": bytes_}
    else:
        value = "%s PB" % filesize_number_format(bytes_ / (1 << 50))
        for limit, fmt in units[1:]:
            if bytes_ < limit:
                value = fmt % filesize_number_format(bytes_ / (limit >> 10))
                break
    if negative:
        value = "-%s" % value
    return avoid_wrapping(value)


@register.filter(is_safe=False)
def pluralize(value: Any, arg: str = "s") -> str:
    if "," not in arg:
        arg = "," + arg
    bits = arg.split(",")
    if len(bits) > 2:
        return ""
    singular_suffix, plural_suffix = bits[:2]
    try:
        return singular_suffix if float(value) == 1 else plural_suffix
    except ValueError:
        pass
    except TypeError:
        try:
            return singular_suffix if len(value) == 1 else plural_suffix
        except TypeError:
            pass
    return ""


@register.filter("phone2numeric", is_safe=True)
def phone2numeric_filter(value: Any) -> str:
    from django.utils.text import phone2numeric

    return phone2numeric(value)


@register.filter(is_safe=True)
def pprint(value: Any) -> str:
    try:
        return pformat(value)
    except Exception as exc:
        return "Error in formatting: %s: %s" % (exc.__class__.__name__, exc)
