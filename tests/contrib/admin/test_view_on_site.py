"""view_on_site (True / False / a method) on change forms and inline rows, show_change_link on
inline rows, and the admin's r/<content_type_id>/<object_id>/ shortcut redirect.

A site of its own ("vos") is served by this module's URLconf so that each ModelAdmin can differ."""

from __future__ import annotations

import pytest

from django.contrib import admin
from django.test.utils import override_settings
from django.urls import path
from tests.contrib.admin.adminpolls.models import Choice, Question, Survey, Topic

vos_site = admin.AdminSite(name="vos")


class ChoiceRowInline(admin.TabularInline):
    model = Choice
    extra = 0
    show_change_link = True

    def view_on_site(self, obj):
        return f"/choices/{obj.pk}/"


@admin.register(Question, site=vos_site)
class QuestionNoSiteAdmin(admin.ModelAdmin):
    view_on_site = False
    inlines = [ChoiceRowInline]


@admin.register(Choice, site=vos_site)
class ChoiceElsewhereAdmin(admin.ModelAdmin):
    def view_on_site(self, obj):
        return f"https://example.com/choice/{obj.pk}/"


class StackedChoiceInline(admin.StackedInline):
    model = Choice
    extra = 0


vos_site.register(Topic)
vos_site.register(Survey)

urlpatterns = [path("vos/", vos_site.urls)]


@pytest.fixture
def vos(admin_client):
    with override_settings(ROOT_URLCONF=__name__):
        yield admin_client


def _change_page(client, model, pk) -> str:
    response = client.get(f"/vos/adminpolls/{model}/{pk}/change/")
    assert response.status_code == 200
    return response.content.decode()


def test_true_with_get_absolute_url_links_through_the_shortcut(vos, admin_db):
    from django.contrib.contenttypes.models import ContentType

    topic = Topic.objects.create(name="Art")
    content_type = ContentType.objects.get_for_model(Topic)
    page = _change_page(vos, "topic", topic.pk)
    assert f'<a href="/vos/r/{content_type.pk}/{topic.pk}/" class="viewsitelink">View on site</a>' in page
    response = vos.get(f"/vos/r/{content_type.pk}/{topic.pk}/")
    assert response.status_code == 302 and response["Location"] == f"/topics/{topic.pk}/"


def test_true_without_get_absolute_url_has_no_link(vos, admin_db):
    survey = Survey.objects.create(title="No page")
    assert "View on site" not in _change_page(vos, "survey", survey.pk)


def test_false_hides_the_link_and_a_method_chooses_the_url(vos, questions):
    pizza = questions["pizza"]
    page = _change_page(vos, "question", pizza.pk)
    assert 'class="viewsitelink"' not in page
    mushroom = pizza.choice_set.get(choice_text="Mushroom")
    page = _change_page(vos, "choice", mushroom.pk)
    assert (
        f'<a href="https://example.com/choice/{mushroom.pk}/" class="viewsitelink">View on site</a>' in page
    )


def test_add_page_never_links_to_the_site(vos, admin_db):
    assert "View on site" not in vos.get("/vos/adminpolls/topic/add/").content.decode()


def test_inline_rows_link_to_the_site_and_to_their_own_change_page(vos, questions):
    pizza = questions["pizza"]
    page = _change_page(vos, "question", pizza.pk)
    for choice in pizza.choice_set.all():
        assert f'<a href="/choices/{choice.pk}/" class="inlineviewlink">View on site</a>' in page
        assert (
            f'<a href="/vos/adminpolls/choice/{choice.pk}/change/" class="inlinechangelink">Change</a>'
            in page
        )


def test_stacked_inline_without_view_on_site_target_has_no_link(vos, questions, monkeypatch):
    monkeypatch.setattr(QuestionNoSiteAdmin, "inlines", [StackedChoiceInline])
    page = _change_page(vos, "question", questions["pizza"].pk)
    assert "Mushroom" in page and "inlineviewlink" not in page and "inlinechangelink" not in page


def test_shortcut_refuses_what_it_cannot_resolve(vos, questions):
    from django.contrib.contenttypes.models import ContentType

    survey = Survey.objects.create(title="No page")
    topic_type = ContentType.objects.get_for_model(Topic)
    survey_type = ContentType.objects.get_for_model(Survey)
    assert vos.get(f"/vos/r/{topic_type.pk}/999999/").status_code == 404  # no such object
    assert vos.get(f"/vos/r/{survey_type.pk}/{survey.pk}/").status_code == 404  # no get_absolute_url
    assert vos.get("/vos/r/999999/1/").status_code == 404  # no such content type
    assert vos.get(f"/vos/r/{topic_type.pk}/not-a-number/").status_code == 404


def test_shortcut_is_behind_the_admin_login(admin_db):
    from django.contrib.contenttypes.models import ContentType
    from django.test import Client

    topic = Topic.objects.create(name="Art")
    content_type = ContentType.objects.get_for_model(Topic)
    with override_settings(ROOT_URLCONF=__name__):
        response = Client().get(f"/vos/r/{content_type.pk}/{topic.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/vos/login/?next=")
