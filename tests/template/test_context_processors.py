"""The built-in context processors, through RequestContext."""

from __future__ import annotations

from django.template import Engine, RequestContext
from django.test import RequestFactory
from django.test.utils import override_settings

PROCESSORS = [
    "django.template.context_processors.debug",
    "django.template.context_processors.request",
    "django.template.context_processors.i18n",
    "django.template.context_processors.tz",
    "django.template.context_processors.static",
    "django.template.context_processors.media",
    "django.template.context_processors.csp",
]


def render_with_request(source, request, **extra):
    engine = Engine(context_processors=PROCESSORS)
    return engine.from_string(source).render(RequestContext(request, extra))


def test_request_static_media_tz_i18n():
    request = RequestFactory().get("/path/")
    with override_settings(STATIC_URL="/s/", MEDIA_URL="/m/"):
        out = render_with_request(
            "{{ request.path }}|{{ STATIC_URL }}|{{ MEDIA_URL }}|{{ TIME_ZONE }}|{{ LANGUAGE_CODE }}|{{ LANGUAGE_BIDI }}|{{ LANGUAGES|length }}",
            request,
        )
    assert out.split("|")[:6] == ["/path/", "/s/", "/m/", "UTC", "en-us", "False"]
    assert int(out.split("|")[6]) > 10


def test_debug_processor_needs_debug_and_internal_ip():
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1")
    assert render_with_request("[{{ debug }}]", request) == "[]"
    with override_settings(DEBUG=True, INTERNAL_IPS=["127.0.0.1"]):
        assert render_with_request("[{{ debug }}]", request) == "[True]"
    with override_settings(DEBUG=True, INTERNAL_IPS=[]):
        assert render_with_request("[{{ debug }}]", request) == "[]"


def test_csrf_processor_always_runs():
    request = RequestFactory().get("/")
    out = render_with_request("{% csrf_token %}", request)
    assert out.startswith('<input type="hidden" name="csrfmiddlewaretoken" value="') and len(out) > 70


def test_view_context_overrides_processors():
    """make_context (used by the backends) pushes the view's dict above the processors' data."""
    from django.template.context import make_context

    request = RequestFactory().get("/")
    engine = Engine(context_processors=PROCESSORS)
    context = make_context({"STATIC_URL": "mine"}, request)
    assert engine.from_string("{{ STATIC_URL }}").render(context) == "mine"
    # A dict given to RequestContext directly sits below the processors' data.
    assert render_with_request("{{ STATIC_URL }}", request, STATIC_URL="mine") == "/static/"


def test_processor_must_return_dict():
    import pytest

    engine = Engine()
    context = RequestContext(RequestFactory().get("/"), processors=[lambda request: None])
    with pytest.raises(TypeError, match="didn't return a dictionary"):
        engine.from_string("x").render(context)


def test_csp_nonce_from_middleware():
    from django.middleware.csp import ContentSecurityPolicyMiddleware

    request = RequestFactory().get("/")
    ContentSecurityPolicyMiddleware(lambda r: None).process_request(request)
    nonce = render_with_request("{{ csp_nonce }}", request)
    assert len(nonce) >= 16 and nonce == str(request._csp_nonce)


def test_auth_processor_gives_user_and_perms():
    """django.contrib.auth's processor: `user` (AnonymousUser without a login) and `perms`."""
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    engine = Engine(context_processors=["django.contrib.auth.context_processors.auth"])
    source = (
        "{{ user.is_authenticated }}|{{ user.username }}|"
        "{% if perms.auth.add_user %}y{% else %}n{% endif %}{% if 'auth' in perms %}y{% else %}n{% endif %}"
    )
    assert engine.from_string(source).render(RequestContext(request)) == "False||nn"


def test_messages_processor_lists_escaped_messages_and_levels():
    from django.contrib import messages
    from django.contrib.messages.storage.cookie import CookieStorage

    request = RequestFactory().get("/")
    request._messages = CookieStorage(request)
    messages.info(request, "<hi>")
    messages.error(request, "bad", extra_tags="x")
    engine = Engine(context_processors=["django.contrib.messages.context_processors.messages"])
    source = "{% for m in messages %}[{{ m }}|{{ m.tags }}|{{ m.level }}]{% endfor %}{{ DEFAULT_MESSAGE_LEVELS.ERROR }}"
    out = engine.from_string(source).render(RequestContext(request))
    assert out == "[&lt;hi&gt;|info|20][bad|x error|40]40"
