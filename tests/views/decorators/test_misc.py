"""clickjacking, gzip_page, no_append_slash, sensitive_* and csp decorators; method_decorator and friends."""

from __future__ import annotations

import gzip

import pytest
from asgiref.sync import async_to_sync, iscoroutinefunction

from django.http import HttpResponse
from django.utils.decorators import (
    classonlymethod,
    decorator_from_middleware,
    decorator_from_middleware_with_args,
    method_decorator,
)
from django.views.decorators.clickjacking import (
    xframe_options_deny,
    xframe_options_exempt,
    xframe_options_sameorigin,
)
from django.views.decorators.common import no_append_slash
from django.views.decorators.debug import (
    get_sensitive_variables,
    sensitive_post_parameters,
    sensitive_variables,
)
from django.views.decorators.gzip import gzip_page
from tests.http.factories import wsgi_request


def view(request):
    return HttpResponse("ok" * 200)


def test_xframe_decorators():
    assert xframe_options_deny(view)(wsgi_request())["X-Frame-Options"] == "DENY"
    assert xframe_options_sameorigin(view)(wsgi_request())["X-Frame-Options"] == "SAMEORIGIN"
    assert xframe_options_exempt(view)(wsgi_request()).xframe_options_exempt


def test_gzip_page():
    response = gzip_page(view)(wsgi_request(headers={"Accept-Encoding": "gzip"}))
    assert gzip.decompress(response.content) == b"ok" * 200


def test_no_append_slash():
    assert no_append_slash(view).should_append_slash is False

    async def a(request):
        return HttpResponse()

    assert iscoroutinefunction(no_append_slash(a))


def test_sensitive_variables_registers_the_function():
    @sensitive_variables("password")
    def login(user, password):
        return password

    assert login("u", "p") == "p"
    assert login.sensitive_variables == ("password",)
    assert get_sensitive_variables(login.__wrapped__.__code__) == ("password",)

    @sensitive_variables()
    async def everything():
        return 1

    assert get_sensitive_variables(everything.__wrapped__.__code__) == "__ALL__"
    with pytest.raises(TypeError, match="must be called"):
        sensitive_variables(login)


def test_sensitive_post_parameters_marks_request():
    @sensitive_post_parameters("card")
    def v(request):
        return HttpResponse()

    request = wsgi_request()
    v(request)
    assert request.sensitive_post_parameters == ("card",)

    @sensitive_post_parameters()
    def all_params(request):
        return HttpResponse()

    request = wsgi_request()
    all_params(request)
    assert request.sensitive_post_parameters == "__ALL__"
    with pytest.raises(TypeError, match="HttpRequest"):
        all_params("not a request")


class TestMethodDecorator:
    def test_on_method_and_preserves_attributes(self):
        def add_header(func):
            def wrapper(request, *args, **kwargs):
                response = func(request, *args, **kwargs)
                response["X-Added"] = "1"
                return response

            wrapper.marked = True
            return wrapper

        class View:
            @method_decorator(add_header)
            def get(self, request):
                """Docstring kept."""
                return HttpResponse(type(self).__name__)

        assert View.get.__doc__ == "Docstring kept."
        assert View.get.marked
        response = View().get(wsgi_request())
        assert response["X-Added"] == "1" and response.content == b"View"

    def test_on_class_with_name_and_list(self):
        order = []

        def deco(tag):
            def decorator(func):
                def wrapper(*args, **kwargs):
                    order.append(tag)
                    return func(*args, **kwargs)

                return wrapper

            return decorator

        @method_decorator([deco("outer"), deco("inner")], name="get")
        class View:
            def get(self, request):
                return HttpResponse()

        View().get(wsgi_request())
        assert order == ["outer", "inner"]

    def test_bad_name(self):
        with pytest.raises(ValueError, match="name of a method"):
            method_decorator(lambda f: f, name="missing")(type("C", (), {}))
        with pytest.raises(TypeError, match="isn't a callable"):
            method_decorator(lambda f: f, name="attr")(type("C", (), {"attr": 1}))

    def test_async_method_stays_async(self):
        class View:
            @method_decorator(lambda f: f)
            async def get(self, request):
                return HttpResponse("async")

        assert iscoroutinefunction(View.get)
        assert async_to_sync(View().get)(wsgi_request()).content == b"async"


class Recording:
    def __init__(self, get_response, label="default"):
        self.get_response = get_response
        self.label = label

    def process_request(self, request):
        if request.GET.get("stop"):
            return HttpResponse("stopped by process_request")

    def process_view(self, request, view_func, args, kwargs):
        request.seen_view = view_func.__name__

    def process_exception(self, request, exception):
        return HttpResponse(f"{self.label} caught {exception}")

    def process_response(self, request, response):
        response["X-Label"] = self.label
        return response


def test_decorator_from_middleware():
    @decorator_from_middleware(Recording)
    def v(request):
        return HttpResponse(request.seen_view)

    response = v(wsgi_request())
    assert response.content == b"v" and response["X-Label"] == "default"
    assert v(wsgi_request(query="stop=1")).content == b"stopped by process_request"

    @decorator_from_middleware_with_args(Recording)(label="custom")
    def failing(request):
        raise ValueError("bad")

    assert failing(wsgi_request()).content == b"custom caught bad"


def test_decorator_from_middleware_defers_process_response_until_render():
    class Lazy(HttpResponse):
        def __init__(self):
            super().__init__("lazy")
            self.callbacks = []

        def render(self):
            for cb in self.callbacks:
                cb(self)
            return self

        def add_post_render_callback(self, cb):
            self.callbacks.append(cb)

    @decorator_from_middleware(Recording)
    def v(request):
        return Lazy()

    response = v(wsgi_request())
    assert "X-Label" not in response
    response.render()
    assert response["X-Label"] == "default"


def test_classonlymethod():
    class C:
        @classonlymethod
        def make(cls):
            return cls

    assert C.make() is C
    with pytest.raises(AttributeError, match="only on the class"):
        C().make()
