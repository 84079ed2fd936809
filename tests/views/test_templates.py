"""Views and test tools with real templates: TemplateView, error templates, response.templates/context."""

from pathlib import Path

import pytest

from django.http import Http404
from django.test import Client, RequestFactory, SimpleTestCase, override_settings
from django.urls import path
from django.views import defaults
from django.views.generic import TemplateView

TEMPLATE_DIR = Path(__file__).parent / "templates"
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [str(TEMPLATE_DIR)]}]


class Hello(TemplateView):
    template_name = "views_tests/hello.html"
    extra_context = {"extra": "bonus"}


urlpatterns = [
    path("hello/<name>/", Hello.as_view()),
    path("plain/", TemplateView.as_view(template_name="views_tests/part.html")),
]

pytestmark = pytest.mark.usefixtures("template_settings")


@pytest.fixture
def template_settings():
    with override_settings(TEMPLATES=TEMPLATES, ROOT_URLCONF="tests.views.test_templates"):
        yield


def test_template_view_renders_url_kwargs_view_and_extra_context():
    response = Client().get("/hello/Ann/")
    assert response.status_code == 200
    assert (
        response.content.decode().strip() == "<p>Hello Ann from views_tests/hello.html</p><span>bonus</span>"
    )


def test_response_records_templates_and_context():
    response = Client().get("/hello/Ann/")
    assert [t.name for t in response.templates] == ["views_tests/hello.html", "views_tests/part.html"]
    assert response.context["name"] == "Ann"
    assert response.context["extra"] == "bonus"
    assert "view" in response.context


def test_template_view_without_template_name():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="requires either a definition of 'template_name'"):
        TemplateView.as_view()(RequestFactory().get("/")).render()


def test_404_template_is_used_when_present():
    response = defaults.page_not_found(RequestFactory().get("/gone/"), Http404("nothing here"))
    assert response.status_code == 404
    assert response.content.decode().strip() == "<h1>Custom 404 for /gone/: nothing here</h1>"


def test_missing_custom_error_template_is_an_error():
    from django.template import TemplateDoesNotExist

    with pytest.raises(TemplateDoesNotExist):
        defaults.server_error(RequestFactory().get("/"), template_name="custom_500.html")


class TemplateAssertions(SimpleTestCase):
    def test_assert_template_used(self):
        response = self.client.get("/hello/Bo/")
        self.assertTemplateUsed(response, "views_tests/hello.html")
        self.assertTemplateUsed(response, "views_tests/part.html", count=1)
        self.assertTemplateNotUsed(response, "other.html")
        with self.assertRaisesMessage(
            AssertionError, "Template 'other.html' was not a template used to render the response"
        ):
            self.assertTemplateUsed(response, "other.html")

    def test_assert_template_used_as_context_manager(self):
        with self.assertTemplateUsed("views_tests/part.html"):
            self.client.get("/plain/")
        with self.assertRaises(AssertionError):
            with self.assertTemplateUsed("views_tests/hello.html"):
                self.client.get("/plain/")


def test_template_assertions_pass():
    import unittest

    with override_settings(TEMPLATES=TEMPLATES, ROOT_URLCONF="tests.views.test_templates"):
        result = unittest.TestResult()
        unittest.defaultTestLoader.loadTestsFromTestCase(TemplateAssertions).run(result)
    assert result.testsRun == 2
    assert not result.failures and not result.errors, result.failures + result.errors


def test_shortcuts_render_uses_the_request_and_status():
    from django.shortcuts import render

    response = render(RequestFactory().get("/"), "views_tests/part.html", {"extra": "x"}, status=201)
    assert response.status_code == 201
    assert response.content.decode().strip() == "<span>x</span>"
