"""django.shortcuts: redirect and resolve_url (render/get_object_or_404 need templates/ORM)."""

import pytest

from django.shortcuts import get_list_or_404, get_object_or_404, redirect, resolve_url
from django.test import override_settings
from django.urls import NoReverseMatch, reverse_lazy
from tests.urls import views

pytestmark = pytest.mark.usefixtures("main_urlconf")


@pytest.fixture
def main_urlconf():
    with override_settings(ROOT_URLCONF="tests.urls.urlconf_main"):
        yield


class Article:
    def get_absolute_url(self):
        return "/articles/42/"


def test_resolve_url_uses_get_absolute_url():
    assert resolve_url(Article()) == "/articles/42/"


def test_resolve_url_reverses_names_with_arguments():
    assert resolve_url("year", 2001) == "/articles/2001/"
    assert resolve_url("month", year=2001, month=2) == "/articles/2001/2/"
    assert resolve_url(views.special) == "/articles/2003/"


def test_resolve_url_passes_urls_through():
    assert resolve_url("/some/path/") == "/some/path/"
    assert resolve_url("https://example.com/") == "https://example.com/"
    assert resolve_url("./relative/") == "./relative/"
    assert resolve_url("../up/") == "../up/"


def test_resolve_url_accepts_lazy_strings():
    assert resolve_url(reverse_lazy("home")) == "/"


def test_resolve_url_mistyped_name_raises():
    with pytest.raises(NoReverseMatch):
        resolve_url("not-a-view-name")


def test_resolve_url_unknown_callable_raises():
    with pytest.raises(NoReverseMatch):
        resolve_url(lambda request: None)


def test_redirect_variants():
    response = redirect("year", 1999)
    assert response.status_code == 302 and response.url == "/articles/1999/"
    assert redirect(Article(), permanent=True).status_code == 301
    assert redirect("/x/", preserve_request=True).status_code == 307
    assert redirect("/x/", permanent=True, preserve_request=True).status_code == 308


def test_redirect_refuses_unsafe_schemes():
    from django.core.exceptions import DisallowedRedirect

    with pytest.raises(DisallowedRedirect):
        redirect("javascript://x/%0Aalert(1)")


def test_get_object_or_404_rejects_non_querysets():
    with pytest.raises(
        ValueError,
        match="First argument to get_object_or_404\\(\\) must be a Model, Manager, or QuerySet, not 'str'.",
    ):
        get_object_or_404("text")
    with pytest.raises(ValueError, match="get_list_or_404"):
        get_list_or_404(Article)
