"""View, TemplateView-free parts of generic.base and RedirectView."""

import asyncio

import pytest

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.views.generic import RedirectView, View

rf = RequestFactory()


class Greeting(View):
    greeting = "hello"

    def get(self, request, *args, **kwargs):
        return HttpResponse(f"{self.greeting} {kwargs.get('name', '')}".strip())

    def post(self, request, *args, **kwargs):
        return HttpResponse("posted")


class AsyncGreeting(View):
    async def get(self, request):
        return HttpResponse("async hello")


def test_dispatch_calls_the_method_named_like_the_verb():
    view = Greeting.as_view()
    assert view(rf.get("/")).content == b"hello"
    assert view(rf.post("/")).content == b"posted"


def test_url_kwargs_reach_the_handler_and_setup_stores_them():
    class Spy(View):
        def get(self, request, *args, **kwargs):
            return HttpResponse(f"{self.request is request} {self.args} {self.kwargs}")

    assert Spy.as_view()(rf.get("/"), 1, name="x").content == b"True (1,) {'name': 'x'}"


def test_initkwargs_override_class_attributes_per_view():
    assert Greeting.as_view(greeting="hi")(rf.get("/")).content == b"hi"
    assert Greeting.as_view()(rf.get("/")).content == b"hello"


def test_as_view_rejects_method_names_and_unknown_attributes():
    with pytest.raises(
        TypeError, match="The method name get is not accepted as a keyword argument to Greeting"
    ):
        Greeting.as_view(get=None)
    with pytest.raises(TypeError, match="Greeting\\(\\) received an invalid keyword 'nope'"):
        Greeting.as_view(nope=1)


def test_unsupported_method_is_405_with_allow_header():
    response = Greeting.as_view()(rf.put("/"))
    assert response.status_code == 405
    assert response["Allow"] == "GET, POST, HEAD, OPTIONS"


def test_unknown_verb_is_405():
    response = Greeting.as_view()(rf.generic("BREW", "/"))
    assert response.status_code == 405


def test_head_falls_back_to_get():
    assert Greeting.as_view()(rf.head("/")).content == b"hello"


def test_options_lists_allowed_methods_with_empty_body():
    response = Greeting.as_view()(rf.options("/"))
    assert response.status_code == 200
    assert response["Allow"] == "GET, POST, HEAD, OPTIONS"
    assert response["Content-Length"] == "0"


def test_view_function_carries_class_and_initkwargs():
    view = Greeting.as_view(greeting="yo")
    assert view.view_class is Greeting
    assert view.view_initkwargs == {"greeting": "yo"}


def test_forgetting_super_setup_is_reported():
    class Broken(View):
        def setup(self, request, *args, **kwargs):
            pass

        def get(self, request):
            return HttpResponse()

    with pytest.raises(AttributeError, match="Did you override setup\\(\\) and forget to call super\\(\\)"):
        Broken.as_view()(rf.get("/"))


def test_async_view_is_a_coroutine_function_and_answers_405_and_options_asynchronously():
    from asgiref.sync import iscoroutinefunction

    view = AsyncGreeting.as_view()
    assert AsyncGreeting.view_is_async is True
    assert iscoroutinefunction(view)
    assert asyncio.run(view(rf.get("/"))).content == b"async hello"
    not_allowed = view(rf.post("/"))
    assert asyncio.iscoroutine(not_allowed)
    assert asyncio.run(not_allowed).status_code == 405
    assert asyncio.run(view(rf.options("/")))["Allow"] == "GET, HEAD, OPTIONS"


def test_mixing_sync_and_async_handlers_is_improperly_configured():
    class Mixed(View):
        def get(self, request):
            return HttpResponse()

        async def post(self, request):
            return HttpResponse()

    with pytest.raises(
        ImproperlyConfigured, match="Mixed HTTP handlers must either be all sync or all async."
    ):
        Mixed.as_view()


def test_redirect_view_with_url_formatting_and_query_string():
    view = RedirectView.as_view(url="/target/%(pk)s/", query_string=True)
    response = view(rf.get("/src/?a=1"), pk=5)
    assert response.status_code == 302
    assert response.url == "/target/5/?a=1"
    assert RedirectView.as_view(url="/t/")(rf.get("/?a=1")).url == "/t/"


def test_redirect_view_permanent_and_other_methods():
    view = RedirectView.as_view(url="/t/", permanent=True)
    assert view(rf.get("/")).status_code == 301
    assert view(rf.post("/")).status_code == 301
    assert view(rf.delete("/")).status_code == 301


@override_settings(ROOT_URLCONF="tests.urls.urlconf_main")
def test_redirect_view_pattern_name_is_reversed_with_the_url_arguments():
    view = RedirectView.as_view(pattern_name="year")
    assert view(rf.get("/"), year=2001).url == "/articles/2001/"


def test_redirect_view_without_target_is_410_gone():
    assert RedirectView.as_view()(rf.get("/")).status_code == 410
