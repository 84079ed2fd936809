"""HTML escaping, safe formatting and small HTML transformations."""

from __future__ import annotations

import html as _html
import json
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from django.core.exceptions import SuspiciousOperation
from django.utils._html_scan import text_only
from django.utils.encoding import punycode
from django.utils.functional import Promise, keep_lazy, keep_lazy_text
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.text import normalize_newlines

VOID_ELEMENTS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
MAX_URL_LENGTH = 2048
MAX_STRIP_TAGS_DEPTH = 50


def _pick_escaper() -> Any:
    """The fastest str -> str escaper giving Django's entities (&#x27; and &quot;).

    markupsafe's C core (installed with Jinja2) is several times faster than html.escape; it
    spells the quotes &#39; and &#34;, normalised here. It is a private function, so it is used
    only if it answers a probe exactly as html.escape does.
    """
    try:
        from markupsafe._speedups import _escape_inner
    except ImportError:
        return _html.escape

    def fast(text: str) -> str:
        out = _escape_inner(text)
        if "&#" in out:
            out = out.replace("&#39;", "&#x27;").replace("&#34;", "&quot;")
        return out

    probe = "<a href=\"x\" title='y'>&amp; \u00e9</a>"
    try:
        return fast if fast(probe) == _html.escape(probe) else _html.escape
    except Exception:  # a changed private API: keep the standard library's
        return _html.escape


_html_escape = _pick_escaper()


@keep_lazy(SafeString)
def escape(text: Any) -> SafeString:
    """Escape &, <, >, " and ' for HTML, always (even already-escaped text)."""
    return SafeString(_html_escape(str(text)))


def conditional_escape(text: Any) -> Any:
    """Escape ``text`` unless it is already safe (has ``__html__``)."""
    if isinstance(text, Promise):
        text = str(text)
    if hasattr(text, "__html__"):
        return text.__html__()
    return SafeString(_html_escape(str(text)))


# Each of these becomes a \uXXXX escape so the value is inert inside JS strings
# embedded in HTML attributes or <script> blocks.
_JS_ESCAPES = {ord(char): f"\\u{ord(char):04X}" for char in "\\'\"><&=-;`\u2028\u2029"}
_JS_ESCAPES.update({code: f"\\u{code:04X}" for code in range(32)})


@keep_lazy(SafeString)
def escapejs(value: Any) -> SafeString:
    """Escape characters so the value can sit inside a JavaScript string literal."""
    return SafeString(str(value).translate(_JS_ESCAPES))


_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_script(
    value: Any, element_id: str | None = None, encoder: type[json.JSONEncoder] | None = None
) -> SafeString:
    """Serialize ``value`` to JSON inside a ``<script type="application/json">``
    element, escaped so that it cannot close the script element."""
    if encoder is None:
        encoder = _default_json_encoder()
    payload = json.dumps(value, cls=encoder).translate(_JSON_SCRIPT_ESCAPES)
    if element_id:
        return format_html(
            '<script id="{}" type="application/json">{}</script>', element_id, mark_safe(payload)
        )
    return format_html('<script type="application/json">{}</script>', mark_safe(payload))


def _default_json_encoder() -> type[json.JSONEncoder]:
    try:
        from django.core.serializers.json import DjangoJSONEncoder
    except ImportError:  # serializers not available: fall back to our own rules
        from django.utils._json import FallbackJSONEncoder

        return FallbackJSONEncoder
    return DjangoJSONEncoder


def format_html(format_string: str, *args: Any, **kwargs: Any) -> SafeString:
    """``str.format`` with every argument conditionally escaped; the result is safe."""
    if not (args or kwargs):
        raise TypeError("args or kwargs must be provided.")
    escaped_args = [conditional_escape(arg) for arg in args]
    escaped_kwargs = {key: conditional_escape(value) for key, value in kwargs.items()}
    return SafeString(format_string.format(*escaped_args, **escaped_kwargs))


def format_html_join(sep: str, format_string: str, args_generator: Iterable) -> SafeString:
    """Join ``format_html(format_string, *args)`` for each args (tuple or mapping)
    with the conditionally escaped ``sep``."""
    parts = (
        format_html(format_string, **args) if isinstance(args, Mapping) else format_html(format_string, *args)
        for args in args_generator
    )
    return SafeString(conditional_escape(sep).join(parts))


@keep_lazy_text
def linebreaks(value: Any, autoescape: bool = False) -> str:
    """Blank-line separated paragraphs become ``<p>``, single newlines ``<br>``."""
    value = normalize_newlines(value)
    paragraphs = re.split(r"\n{2,}", str(value))
    if autoescape:
        paragraphs = [escape(p) for p in paragraphs]
    return "\n\n".join("<p>%s</p>" % p.replace("\n", "<br>") for p in paragraphs)


def _strip_once(value: str) -> str:
    return text_only(value)


@keep_lazy_text
def strip_tags(value: Any) -> str:
    """Remove everything that looks like an HTML tag (repeatedly, until stable).

    Not a sanitizer: the result must still be escaped before output.
    """
    value = str(value)
    for _ in range(MAX_STRIP_TAGS_DEPTH):
        if "<" not in value and ">" not in value:
            return value
        stripped = _strip_once(value)
        if stripped == value:
            return value
        value = stripped
    raise SuspiciousOperation("strip_tags() was given too deeply nested tags.")


@keep_lazy_text
def strip_spaces_between_tags(value: Any) -> str:
    """Remove whitespace between ``>`` and ``<``."""
    return re.sub(r">\s+<", "><", str(value))


def smart_urlquote(url: str) -> str:
    """Quote the parts of a URL that need it, keeping existing escapes and
    turning an IDN host into punycode."""

    def unquote_quote(segment: str) -> str:
        return quote(unquote(segment), safe="!*'();:@&=+$,/?#[]~%")

    try:
        scheme, netloc, path, query, fragment = urlsplit(url)
    except ValueError:
        return unquote_quote(url)
    try:
        netloc = punycode(netloc)
    except UnicodeError:
        return unquote_quote(url)
    if query:
        pairs = [(unquote(k), unquote(v)) for k, v in parse_qsl(query, keep_blank_values=True)]
        query = urlencode(pairs, doseq=False)
    return urlunsplit((scheme, netloc, unquote_quote(path), query, unquote_quote(fragment)))


@keep_lazy_text
def avoid_wrapping(value: Any) -> str:
    """Replace spaces with non-breaking spaces so the text stays on one line."""
    return str(value).replace(" ", "\xa0")


def html_safe(klass: type) -> type:
    """Class decorator: ``__html__`` returns ``str(self)`` (marked safe)."""
    if "__html__" in klass.__dict__:
        raise ValueError(f"can't apply @html_safe to {klass.__name__} because it defines __html__().")
    if "__str__" not in klass.__dict__:
        raise ValueError(f"can't apply @html_safe to {klass.__name__} because it doesn't define __str__().")
    klass_str: Callable = klass.__str__
    klass.__str__ = lambda self: mark_safe(klass_str(self))  # type: ignore[method-assign,assignment,misc]
    klass.__html__ = lambda self: str(self)  # type: ignore[attr-defined]
    return klass


# ---- urlize -----------------------------------------------------------------

_WRAPPING_PUNCTUATION = (("(", ")"), ("[", "]"), ("<", ">"), ("&lt;", "&gt;"), ('"', '"'), ("'", "'"))
_TRAILING_PUNCTUATION = ".,:;!?"
_SIMPLE_URL = re.compile(r"^https?://\[?\w", re.IGNORECASE)
_SIMPLE_URL_2 = re.compile(r"^www\.|^(?!http)\w[^@]+\.(com|edu|gov|int|mil|net|org)($|/.*)$", re.IGNORECASE)
_WORD_SPLIT = re.compile(r"(\s+)")


def _trim_url(text: str, limit: int | None) -> str:
    if limit is None or len(text) <= limit:
        return text
    return text[: max(0, limit - 1)] + "…"


def _split_punctuation(word: str) -> tuple[str, str, str]:
    """Peel wrapping and trailing punctuation off ``word``: (lead, middle, trail)."""
    lead, middle, trail = "", word, ""
    while True:
        before = (lead, middle, trail)
        for opening, closing in _WRAPPING_PUNCTUATION:
            if middle.startswith(opening):
                middle = middle[len(opening) :]
                lead += opening
            unbalanced = opening == closing or middle.count(closing) > middle.count(opening)
            if middle.endswith(closing) and unbalanced:
                middle = middle[: -len(closing)]
                trail = closing + trail
        stripped = middle.rstrip(_TRAILING_PUNCTUATION)
        if stripped != middle:
            # Keep an entity such as &amp; whole rather than eating its ';'.
            if re.search(r"&[a-zA-Z0-9#]+$", stripped) and middle[len(stripped)] == ";":
                stripped += ";"
            trail = middle[len(stripped) :] + trail
            middle = stripped
        if (lead, middle, trail) == before:
            return lead, middle, trail


def _is_email_simple(value: str) -> bool:
    if "@" not in value or value.startswith("@") or value.count("@") != 1:
        return False
    local, domain = value.split("@")
    if not local or "." not in domain or domain.startswith(".") or domain.endswith("."):
        return False
    return not any(ch.isspace() for ch in value)


def _link_for(middle: str, nofollow: bool) -> tuple[str | None, str]:
    if _SIMPLE_URL.match(middle):
        return smart_urlquote(_html.unescape(middle)), ' rel="nofollow"' if nofollow else ""
    if _SIMPLE_URL_2.match(middle):
        return smart_urlquote("http://" + _html.unescape(middle)), ' rel="nofollow"' if nofollow else ""
    if ":" not in middle and _is_email_simple(middle):
        local, domain = middle.rsplit("@", 1)
        try:
            domain = punycode(domain)
        except UnicodeError:
            return None, ""
        return f"mailto:{local}@{domain}", ""
    return None, ""


def _urlize_word(
    word: str, trim_url_limit: int | None, nofollow: bool, autoescape: bool, safe_input: bool
) -> str:
    if len(word) <= MAX_URL_LENGTH and ("." in word or "@" in word or ":" in word):
        lead, middle, trail = _split_punctuation(word)
        url, rel = _link_for(middle, nofollow)
        if url:
            shown = _trim_url(middle, trim_url_limit)
            if autoescape and not safe_input:
                lead, trail, shown = escape(lead), escape(trail), escape(shown)
            return f'{lead}<a href="{escape(url)}"{rel}>{shown}</a>{trail}'
    if safe_input:
        return mark_safe(word)
    return escape(word) if autoescape else word


@keep_lazy_text
def urlize(
    text: Any, trim_url_limit: int | None = None, nofollow: bool = False, autoescape: bool = False
) -> str:
    """Turn URLs (http(s)://, www., bare domains of common TLDs) and email
    addresses in plain text into links; other words are escaped if ``autoescape``."""
    safe_input = isinstance(text, SafeData)
    words = _WORD_SPLIT.split(str(text))
    out = "".join(
        word if index % 2 else _urlize_word(word, trim_url_limit, nofollow, autoescape, safe_input)
        for index, word in enumerate(words)
    )
    return mark_safe(out) if safe_input or autoescape else out
