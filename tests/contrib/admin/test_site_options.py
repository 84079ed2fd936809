"""AdminSite options on a custom site (titles, site_url, sidebar, empty values, catch-all,
index_template, login_form), the registry (register / unregister / is_registered, the
decorator, options), get_app_list / each_context, autodiscover and the two AppConfigs."""

from __future__ import annotations

import pytest

from django import forms
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ImproperlyConfigured
from django.test.utils import override_settings
from django.urls import path
from tests.contrib.admin.adminpolls.models import Question, Survey, Topic


class NoBlockedUsers(AdminAuthenticationForm):
    def clean_username(self):
        if self.cleaned_data["username"] == "blocked":
            raise forms.ValidationError("Blocked users may not log in here.")
        return self.cleaned_data["username"]


class PollsHQ(admin.AdminSite):
    site_header = "Polls HQ"
    site_title = "Polls site"
    index_title = "Dashboard"
    site_url = "/polls/"
    enable_nav_sidebar = False
    empty_value_display = "(nothing)"
    final_catch_all_view = False
    login_form = NoBlockedUsers


hq = PollsHQ(name="hq")


@admin.register(Survey, site=hq)
class SurveyListAdmin(admin.ModelAdmin):
    list_display = ["title", "lead_question"]


hq.register(Question)
hq.register(Topic, search_fields=["name"])

urlpatterns = [path("hq/", hq.urls)]


@pytest.fixture
def hq_client(admin_client):
    with override_settings(ROOT_URLCONF=__name__):
        yield admin_client


def test_titles_header_and_site_url(hq_client):
    page = hq_client.get("/hq/").content.decode()
    assert "<title>Dashboard | Polls site</title>" in page
    assert ">Polls HQ</a>" in page and '<a href="/polls/">View site</a>' in page
    assert "<h1>Dashboard</h1>" in page


def test_nav_sidebar_can_be_switched_off(hq_client, admin_client, admin_db):
    assert 'id="nav-sidebar"' not in hq_client.get("/hq/adminpolls/question/").content.decode()
    with override_settings(ROOT_URLCONF="tests.contrib.admin.urls"):
        assert 'id="nav-sidebar"' in admin_client.get("/admin/adminpolls/question/").content.decode()


def test_empty_value_display_of_the_site(hq_client, admin_db):
    Survey.objects.create(title="Unled")
    page = hq_client.get("/hq/adminpolls/survey/").content.decode()
    assert "(nothing)" in page


def test_without_the_final_catch_all_view_unknown_urls_are_plain_404s(admin_db):
    from django.test import Client

    with override_settings(ROOT_URLCONF=__name__):
        assert Client().get("/hq/no/such/page/").status_code == 404  # no login redirect either


def test_custom_login_form_is_used(admin_db):
    from django.contrib.auth.models import User
    from django.test import Client

    User.objects.create_user("blocked", password="pw-blocked-123", is_staff=True)
    with override_settings(ROOT_URLCONF=__name__):
        client = Client()
        response = client.post("/hq/login/", {"username": "blocked", "password": "pw-blocked-123"})
    assert response.status_code == 200
    assert "Blocked users may not log in here." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_index_template_replaces_the_index_page(hq_client, tmp_path, monkeypatch):
    from tests.contrib.admin.conftest import ADMIN_SETTINGS

    (tmp_path / "hq").mkdir()
    (tmp_path / "hq" / "index.html").write_text(
        "HQ index for {{ user.username }}: {% for app in app_list %}{{ app.name }};{% endfor %}"
    )
    monkeypatch.setattr(hq, "index_template", "hq/index.html")
    templates = [{**ADMIN_SETTINGS["TEMPLATES"][0], "DIRS": [str(tmp_path)]}]
    with override_settings(TEMPLATES=templates):
        assert hq_client.get("/hq/").content.decode() == "HQ index for boss: Polls;"


def test_registry_register_unregister_and_errors():
    site = admin.AdminSite(name="scratch")
    assert not site.is_registered(Topic)
    site.register([Topic, Survey])
    assert site.is_registered(Topic) and site.is_registered(Survey)
    with pytest.raises(admin.sites.AlreadyRegistered, match="Topic is already registered"):
        site.register(Topic)
    site.unregister(Topic)
    assert not site.is_registered(Topic)
    with pytest.raises(admin.sites.NotRegistered, match="Topic is not registered"):
        site.unregister(Topic)
    with pytest.raises(admin.sites.NotRegistered):
        site.get_model_admin(Topic)


def test_register_with_options_makes_a_subclass_and_abstract_models_are_refused():
    from django.db import models

    assert hq.get_model_admin(Topic).search_fields == ["name"]
    assert type(hq.get_model_admin(Topic)).__name__ == "TopicAdmin"

    class Stamped(models.Model):
        class Meta:
            abstract = True
            app_label = "adminpolls"

    with pytest.raises(ImproperlyConfigured, match="abstract"):
        admin.AdminSite(name="scratch").register(Stamped)


def test_register_decorator_registers_and_returns_the_class():
    site = admin.AdminSite(name="scratch")

    @admin.register(Question, Topic, site=site)
    class Both(admin.ModelAdmin):
        pass

    assert isinstance(site.get_model_admin(Question), Both) and isinstance(site.get_model_admin(Topic), Both)
    assert isinstance(hq.get_model_admin(Survey), SurveyListAdmin)
    with pytest.raises(ValueError):
        admin.register(Question, site=site)(object)
    with pytest.raises(ValueError):
        admin.register()(Both)


def test_get_app_list_and_each_context(superuser, admin_db):
    from django.contrib.auth.models import User
    from django.test import RequestFactory

    request = RequestFactory().get("/hq/")
    request.user = superuser
    with override_settings(ROOT_URLCONF=__name__):
        apps = hq.get_app_list(request)
        context = hq.each_context(request)
    assert [app["app_label"] for app in apps] == ["adminpolls"]
    polls = apps[0]
    assert polls["name"] == "Polls" and polls["app_url"] == "/hq/adminpolls/"
    assert [m["object_name"] for m in polls["models"]] == ["Question", "Survey", "Topic"]  # by name
    question = polls["models"][0]
    assert (
        question["admin_url"] == "/hq/adminpolls/question/"
        and question["add_url"] == "/hq/adminpolls/question/add/"
    )
    assert question["perms"] == {"add": True, "change": True, "delete": True, "view": True}
    assert context["site_title"] == "Polls site" and context["site_header"] == "Polls HQ"
    assert context["site_url"] == "/polls/" and context["has_permission"] is True
    assert context["is_nav_sidebar_enabled"] is False and context["available_apps"] == apps

    nobody = User.objects.create_user("nobody", password="pw-nobody-123", is_staff=True)
    request.user = nobody
    with override_settings(ROOT_URLCONF=__name__):
        assert hq.get_app_list(request) == []


def test_autodiscover_imports_each_apps_admin_module(monkeypatch):
    import sys

    saved_registry = dict(admin.site._registry)
    module_name = "tests.contrib.admin.adminpolls.admin"
    saved_module = sys.modules.pop(module_name)
    try:
        for model in (Question, Survey, Topic):
            admin.site.unregister(model)
        admin.autodiscover()
        assert module_name in sys.modules and sys.modules[module_name] is not saved_module
        assert all(admin.site.is_registered(model) for model in (Question, Survey, Topic))
    finally:
        admin.site._registry.clear()
        admin.site._registry.update(saved_registry)
        sys.modules[module_name] = saved_module


def test_admin_config_autodiscovers_and_simple_admin_config_does_not(monkeypatch):
    import django.contrib.admin as admin_module
    from django.apps import apps
    from django.contrib.admin.apps import AdminConfig, SimpleAdminConfig

    calls = []
    monkeypatch.setattr(admin_module, "autodiscover", lambda: calls.append("autodiscover"))
    config = apps.get_app_config("admin")
    assert type(config) is AdminConfig and issubclass(AdminConfig, SimpleAdminConfig)
    assert SimpleAdminConfig.default_site == "django.contrib.admin.sites.AdminSite"
    SimpleAdminConfig.ready(config)
    assert calls == []
    AdminConfig.ready(config)
    assert calls == ["autodiscover"]
