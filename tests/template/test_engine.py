"""Engine, loaders, backends, the engines registry, loader functions and TemplateResponse."""

from __future__ import annotations

import pickle

import pytest

from django.template import (
    Context,
    Engine,
    RequestContext,
    TemplateDoesNotExist,
    TemplateSyntaxError,
    engines,
)
from django.template.loader import get_template, render_to_string, select_template
from django.template.response import ContentNotRenderedError, SimpleTemplateResponse, TemplateResponse
from django.test.utils import override_settings


@pytest.fixture
def template_dirs(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    (one / "hello.html").write_text("Hello {{ name }}{% csrf_token %}")
    (two / "hello.html").write_text("second")
    (two / "only2.html").write_text("only in two")
    (one / "sub").mkdir()
    (one / "sub" / "x.html").write_text("sub x")
    (tmp_path / "secret.html").write_text("secret")
    return one, two


def django_templates(dirs=(), **options):
    return [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [str(d) for d in dirs],
            "APP_DIRS": False,
            "OPTIONS": options,
        }
    ]


class TestFilesystemAndCachedLoaders:
    def test_dirs_in_order(self, template_dirs):
        engine = Engine(dirs=list(template_dirs))
        assert engine.get_template("hello.html").render(Context({"name": "a"})) == "Hello a"
        assert engine.get_template("only2.html").render(Context()) == "only in two"
        assert engine.get_template("sub/x.html").render(Context()) == "sub x"

    def test_does_not_exist_lists_every_path_tried(self, template_dirs):
        engine = Engine(dirs=list(template_dirs))
        with pytest.raises(TemplateDoesNotExist) as info:
            engine.get_template("nope.html")
        tried = [str(origin) for origin, reason in info.value.tried]
        assert tried == [str(template_dirs[0] / "nope.html"), str(template_dirs[1] / "nope.html")]
        assert {reason for _, reason in info.value.tried} == {"Source does not exist"}

    @pytest.mark.parametrize("name", ["../secret.html", "/etc/passwd", "sub/../../secret.html"])
    def test_paths_outside_dirs_are_refused(self, template_dirs, name):
        with pytest.raises(TemplateDoesNotExist):
            Engine(dirs=[template_dirs[0]]).get_template(name)

    def test_cached_loader_is_default_and_caches(self, template_dirs):
        engine = Engine(dirs=[template_dirs[0]])
        (loader,) = engine.template_loaders
        assert type(loader).__module__ == "django.template.loaders.cached"
        first = engine.get_template("hello.html")
        (template_dirs[0] / "hello.html").write_text("changed")
        assert engine.get_template("hello.html") is first
        loader.reset()
        assert engine.get_template("hello.html").render(Context()) == "changed"

    def test_autoreload_hook_resets_loaders(self, template_dirs):
        from django.template import autoreload

        with override_settings(TEMPLATES=django_templates([template_dirs[0]])):
            backend = engines["django"]
            backend.get_template("hello.html")
            (template_dirs[0] / "hello.html").write_text("after change")
            assert template_dirs[0] in autoreload.get_template_directories()
            assert autoreload.template_changed(None, template_dirs[0] / "hello.html") is True
            assert backend.get_template("hello.html").render() == "after change"
            assert autoreload.template_changed(None, template_dirs[0] / "code.py") is None

    def test_cached_misses(self, template_dirs):
        engine = Engine(dirs=[template_dirs[0]])
        for _ in range(2):
            with pytest.raises(TemplateDoesNotExist):
                engine.get_template("missing.html")

    def test_app_dirs_and_loaders_conflict(self):
        from django.core.exceptions import ImproperlyConfigured

        with pytest.raises(ImproperlyConfigured):
            Engine(app_dirs=True, loaders=["django.template.loaders.filesystem.Loader"])

    def test_select_template(self, template_dirs):
        engine = Engine(dirs=[template_dirs[0]])
        assert engine.select_template(["nope.html", "hello.html"]).render(Context()) == "Hello "
        with pytest.raises(TemplateDoesNotExist, match="nope.html, nope2.html"):
            engine.select_template(["nope.html", "nope2.html"])

    def test_render_to_string_and_from_string(self, template_dirs):
        engine = Engine(dirs=[template_dirs[0]], string_if_invalid="?")
        assert engine.render_to_string("hello.html", {"name": "<b>"}) == "Hello &lt;b&gt;"
        assert engine.from_string("{{ x }}").render(Context()) == "?"


class TestContext:
    def test_push_pop_update(self):
        from django.template.context import ContextPopException

        c = Context({"a": 1})
        with c.push(a=2):
            assert c["a"] == 2
        assert c["a"] == 1
        c.update({"b": 3})
        assert c.flatten() == {"True": True, "False": False, "None": None, "a": 1, "b": 3}
        c.pop()
        c.pop()
        with pytest.raises(ContextPopException):
            c.pop()

    def test_get_setdefault_contains_new(self):
        c = Context({"a": 1}, autoescape=False)
        assert c.get("z", "d") == "d" and "a" in c and "z" not in c
        assert c.setdefault("z", 5) == 5 and c["z"] == 5
        new = c.new({"q": 1})
        assert "a" not in new and new["q"] == 1 and new.autoescape is False

    def test_set_upward(self):
        c = Context({"a": 1})
        c.push()
        c.set_upward("a", 2)
        c.pop()
        assert c["a"] == 2

    def test_update_requires_mapping(self):
        with pytest.raises(TypeError, match="mapping"):
            Context().update(1)

    def test_equality(self):
        assert Context({"a": 1}) == Context({"a": 1})

    def test_request_context_runs_processors(self):
        class Request:
            META = {}
            path = "/p"

        engine = Engine(context_processors=["django.template.context_processors.request"])
        template = engine.from_string("{{ request.path }}|{{ extra }}")
        context = RequestContext(Request(), {"x": 1}, processors=[lambda r: {"extra": "E"}])
        assert template.render(context) == "/p|E"

    def test_make_context_rejects_non_dict(self):
        from django.template.context import make_context

        with pytest.raises(TypeError, match="context must be a dict rather than Context"):
            make_context(Context())


class TestBackends:
    def test_django_backend_and_registry(self, template_dirs):
        with override_settings(TEMPLATES=django_templates([template_dirs[0]], string_if_invalid="!")):
            backend = engines["django"]
            assert engines.all() == [backend]
            template = backend.get_template("hello.html")
            assert template.render({"name": "<x>"}) == "Hello &lt;x&gt;"
            assert template.render() == "Hello !"
            assert backend.from_string("{{ a }}").render({"a": 1}) == "1"
            assert get_template("hello.html").origin.name == str(template_dirs[0] / "hello.html")
            assert select_template(["nope", "hello.html"]).render({"name": "s"}) == "Hello s"
            assert render_to_string("hello.html", {"name": "r"}) == "Hello r"
            with pytest.raises(TemplateDoesNotExist) as info:
                get_template("nope.html")
            assert info.value.chain and info.value.chain[0].backend is backend
            with pytest.raises(TypeError, match="select_template"):
                select_template("hello.html")

    def test_csrf_token_from_request(self, template_dirs):
        from django.test import RequestFactory

        with override_settings(TEMPLATES=django_templates([template_dirs[0]])):
            request = RequestFactory().get("/")
            output = render_to_string("hello.html", {"name": "n"}, request=request)
            assert output.startswith('Hello n<input type="hidden" name="csrfmiddlewaretoken" value="')

    def test_duplicate_aliases(self):
        from django.core.exceptions import ImproperlyConfigured

        with override_settings(TEMPLATES=django_templates() * 2):
            with pytest.raises(ImproperlyConfigured, match="aren't unique"):
                engines.all()

    def test_unknown_alias(self):
        from django.template.utils import InvalidTemplateEngineError

        with override_settings(TEMPLATES=django_templates()):
            with pytest.raises(InvalidTemplateEngineError):
                engines["nope"]

    def test_app_dirs_and_installed_libraries(self):
        templates = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}]
        from django.template.utils import get_app_template_dirs

        get_app_template_dirs.cache_clear()
        try:
            with override_settings(INSTALLED_APPS=["tests.template.tplapp"], TEMPLATES=templates):
                assert render_to_string("tplapp/page.html", {"v": "x"}).strip() == "app:x!"
        finally:
            get_app_template_dirs.cache_clear()

    def test_jinja2_backend(self, tmp_path):
        pytest.importorskip("jinja2")
        from django.template.backends.jinja2 import Jinja2
        from django.test import RequestFactory

        (tmp_path / "page.html").write_text("jinja {{ v }} {{ request.path }} {{ csrf_input }}")
        (tmp_path / "bad.html").write_text("{% if %}")
        backend = Jinja2({"NAME": "jinja2", "DIRS": [tmp_path], "APP_DIRS": False, "OPTIONS": {}})
        request = RequestFactory().get("/there")
        out = backend.get_template("page.html").render({"v": "<b>"}, request)
        assert out.startswith('jinja &lt;b&gt; /there <input type="hidden" name="csrfmiddlewaretoken"')
        assert backend.from_string("{{ 1 + 1 }}").render() == "2"
        # csrf_token is the (masked) token itself; without a request neither exists.
        token = backend.from_string("{{ csrf_token }}").render({}, request)
        assert len(token) == 64 and token.isalnum()
        assert backend.from_string("[{{ csrf_token }}]").render({}) == "[]"
        with pytest.raises(TemplateDoesNotExist):
            backend.get_template("nope.html")
        with pytest.raises(TemplateSyntaxError) as info:
            backend.get_template("bad.html")
        assert info.value.template_debug["line"] == 1

    def test_jinja2_environment_option(self, tmp_path):
        pytest.importorskip("jinja2")
        from django.template.backends.jinja2 import Jinja2

        backend = Jinja2(
            {
                "NAME": "j",
                "DIRS": [],
                "APP_DIRS": False,
                "OPTIONS": {"environment": "tests.template.jinja_env.environment"},
            }
        )
        assert backend.from_string("{{ shout('a') }}").render() == "A!"

    def test_dummy_backend(self, tmp_path):
        from django.template.backends.dummy import TemplateStrings

        (tmp_path / "t.txt").write_text("Hi $name")
        backend = TemplateStrings({"NAME": "d", "DIRS": [tmp_path], "APP_DIRS": False, "OPTIONS": {}})
        assert backend.get_template("t.txt").render({"name": "<x>"}) == "Hi &lt;x&gt;"
        assert backend.from_string("$a").render({"a": 1}) == "1"


class TestTemplateResponse:
    def test_lazy_rendering_and_callbacks(self, template_dirs):
        with override_settings(TEMPLATES=django_templates([template_dirs[0]])):
            response = SimpleTemplateResponse("hello.html", {"name": "a"})
            assert not response.is_rendered
            with pytest.raises(ContentNotRenderedError):
                response.content
            calls = []
            response.add_post_render_callback(lambda r: calls.append(r.content))
            response.context_data["name"] = "b"
            response.render()
            assert response.content == b"Hello b" and calls == [b"Hello b"]
            response.render()
            assert len(calls) == 1
            response.add_post_render_callback(lambda r: calls.append("late"))
            assert calls[-1] == "late"
            restored = pickle.loads(pickle.dumps(response))
            assert restored.content == b"Hello b" and not hasattr(restored, "template_name")

    def test_template_list_and_object(self, template_dirs):
        with override_settings(TEMPLATES=django_templates([template_dirs[0]])):
            response = SimpleTemplateResponse(["nope.html", "hello.html"], {"name": "l"}).render()
            assert response.content == b"Hello l"
            template = engines["django"].from_string("obj {{ name }}")
            assert SimpleTemplateResponse(template, {"name": "o"}).render().content == b"obj o"

    def test_unrendered_pickle_refused(self, template_dirs):
        with pytest.raises(ContentNotRenderedError):
            pickle.dumps(SimpleTemplateResponse("x.html"))

    def test_template_response_with_request(self, template_dirs):
        from django.test import RequestFactory

        with override_settings(TEMPLATES=django_templates([template_dirs[0]])):
            request = RequestFactory().get("/")
            response = TemplateResponse(request, "hello.html", {"name": "r"}, status=201).render()
            assert response.status_code == 201 and response.content.startswith(b"Hello r<input")

    def test_resolve_template_and_context_are_extension_points(self, template_dirs):
        """A subclass may pick the template and shape the context; `using` picks the engine."""

        class Picky(SimpleTemplateResponse):
            def resolve_template(self, template):
                return super().resolve_template("only2.html" if template == "pick" else template)

            def resolve_context(self, context):
                context = dict(context or {})
                return {**context, "name": context.get("name", "").upper()}

        templates = django_templates([template_dirs[0]]) + [
            {**django_templates([template_dirs[1]])[0], "NAME": "second"}
        ]
        with override_settings(TEMPLATES=templates):
            assert Picky("pick").render().content == b"only in two"
            assert Picky("hello.html", {"name": "ann"}).render().content == b"Hello ANN"
            response = SimpleTemplateResponse("hello.html", {"name": "x"}, using="second")
            assert response.rendered_content == "second" and not response.is_rendered
            response.template_name = "only2.html"
            assert response.render().content == b"only in two"

    def test_template_rendered_signal_names_every_template(self, template_dirs):
        """With test instrumentation on, each rendered template (parents and includes too) is sent."""
        from django.test.signals import template_rendered
        from django.test.utils import instrument_template_render

        instrument_template_render()
        engine = Engine(
            loaders=[
                (
                    "django.template.loaders.locmem.Loader",
                    {
                        "child": "{% extends 'base' %}{% block b %}{% include 'inc' %}{% endblock %}",
                        "base": "[{% block b %}{% endblock %}]",
                        "inc": "{{ v }}",
                    },
                )
            ]
        )
        seen = []

        def record(sender, template, context, **kwargs):
            seen.append((template.name, context.get("v")))

        template_rendered.connect(record)
        try:
            assert engine.get_template("child").render(Context({"v": "x"})) == "[x]"
        finally:
            template_rendered.disconnect(record)
        assert seen == [("child", "x"), ("base", "x"), ("inc", "x")]


class TestBackendChecks:
    def test_string_if_invalid_must_be_a_string(self):
        from django.template.backends.django import DjangoTemplates

        backend = DjangoTemplates(
            {"NAME": "d", "DIRS": [], "APP_DIRS": False, "OPTIONS": {"string_if_invalid": 1}}
        )
        assert [e.id for e in backend.check()] == ["templates.E002"]

    def test_library_name_clash(self):
        from django.template.backends.django import DjangoTemplates

        options = {"libraries": {"static": "tests.template.test_library"}}
        backend = DjangoTemplates({"NAME": "d", "DIRS": [], "APP_DIRS": False, "OPTIONS": options})
        warnings = backend.check()
        assert [w.id for w in warnings] == ["templates.W003"] and "'static' is used for multiple" in warnings[
            0
        ].msg
