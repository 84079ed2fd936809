"""Messages: levels, tags, cookie/session/fallback storage across requests, tampering."""

import pytest

from django.contrib import messages
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.urls import path
from django.utils.safestring import SafeData, mark_safe


def add(request):
    for level, text in [(messages.DEBUG, "hidden"), (messages.INFO, "Saved."), (messages.ERROR, "Oops <b>")]:
        messages.add_message(request, level, text)
    messages.success(request, mark_safe("<i>safe</i>"), extra_tags="big")
    return HttpResponse("added")


def many(request):
    for i in range(60):
        messages.info(request, f"message number {i} " + "x" * 40)
    return HttpResponse("many")


def show(request):
    return HttpResponse("|".join(f"{m.tags}={m}" for m in messages.get_messages(request)))


urlpatterns = [path("add/", add), path("many/", many), path("show/", show)]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]


@pytest.mark.parametrize(
    "storage", ["fallback.FallbackStorage", "cookie.CookieStorage", "session.SessionStorage"]
)
def test_messages_survive_one_redirect_and_are_shown_once(cdb, storage):
    with override_settings(
        ROOT_URLCONF=__name__,
        MIDDLEWARE=MIDDLEWARE,
        MESSAGE_STORAGE=f"django.contrib.messages.storage.{storage}",
    ):
        client = Client()
        client.get("/add/")
        shown = client.get("/show/").content.decode()
        assert shown == "info=Saved.|error=Oops <b>|big success=<i>safe</i>"
        assert client.get("/show/").content == b""


def test_too_many_for_a_cookie_spill_into_the_session(cdb):
    with override_settings(ROOT_URLCONF=__name__, MIDDLEWARE=MIDDLEWARE):
        client = Client()
        client.get("/many/")
        shown = client.get("/show/").content.decode().split("|")
        assert len(shown) == 60 and shown[0].startswith("info=message number 0 ")


def test_cookie_storage_encoding_keeps_safe_strings_and_rejects_tampering():
    request = RequestFactory().get("/")
    storage = CookieStorage(request)
    data = storage._encode([Message(messages.INFO, mark_safe("<b>x</b>")), Message(messages.ERROR, "y", "t")])
    decoded = storage._decode(data)
    assert isinstance(decoded[0].message, SafeData) and decoded[1].extra_tags == "t"
    assert storage._decode(data[:-3] + "abc") is None
    assert storage._decode("not even base64 @@@") is None


def test_add_message_without_middleware():
    request = RequestFactory().get("/")
    with pytest.raises(messages.MessageFailure, match="MessageMiddleware"):
        messages.info(request, "x")
    messages.info(request, "x", fail_silently=True)
    with pytest.raises(TypeError, match="HttpRequest"):
        messages.info(object(), "x")


def test_levels_and_custom_tags():
    with override_settings(MESSAGE_TAGS={messages.ERROR: "danger"}):
        assert Message(messages.ERROR, "x").tags == "danger"
    assert Message(messages.WARNING, "x", extra_tags="a").tags == "a warning"
