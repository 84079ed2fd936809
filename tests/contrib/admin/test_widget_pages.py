"""What the change form sends for filter_horizontal and autocomplete_fields before any JavaScript
runs: plain selects that submit on their own, the data the scripts read, and the scripts and
stylesheet themselves (through the widgets' and the ModelAdmin's Media)."""

from __future__ import annotations

from django.contrib import admin
from tests.contrib.admin.adminpolls.models import Question, Survey, Topic

ADD_SURVEY = "/admin/adminpolls/survey/add/"


def test_add_page_carries_the_widget_scripts_and_plain_selects(admin_client, questions):
    Topic.objects.create(name="Art")
    page = admin_client.get(ADD_SURVEY).content.decode()
    assert '<script src="/static/admin/js/selectfilter.js"></script>' in page
    assert '<script src="/static/admin/js/autocomplete.js"></script>' in page
    assert page.count('href="/static/admin/css/widgets.css"') == 1
    assert 'class="selectfilter"' in page and 'data-field-name="topics"' in page and ">Art</option>" in page
    assert 'data-ajax--url="/admin/autocomplete/"' in page
    assert 'data-model-name="survey"' in page and 'data-field-name="lead_question"' in page
    # Only chosen objects are rendered as autocomplete options; none are chosen yet.
    assert "Best pizza topping?" not in page


def test_the_scripts_are_served(admin_client, admin_db):
    from django.contrib.staticfiles import finders

    for name in ["admin/js/selectfilter.js", "admin/js/autocomplete.js", "admin/css/widgets.css"]:
        assert finders.find(name), name


def test_without_javascript_the_selects_submit_the_relations(admin_client, questions):
    art, bio = Topic.objects.create(name="Art"), Topic.objects.create(name="Biology")
    pizza, tea = questions["pizza"], questions["tea"]
    response = admin_client.post(
        ADD_SURVEY,
        {
            "title": "Plain",
            "topics": [art.pk, bio.pk],
            "lead_question": pizza.pk,
            "more_questions": [tea.pk],
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    survey = Survey.objects.get(title="Plain")
    assert set(survey.topics.all()) == {art, bio}
    assert survey.lead_question == pizza and list(survey.more_questions.all()) == [tea]
    page = admin_client.get(f"/admin/adminpolls/survey/{survey.pk}/change/").content.decode()
    assert f'<option value="{pizza.pk}" selected>Best pizza topping?</option>' in page
    assert "Cats or dogs?" not in page  # unchosen questions arrive only through the JSON view


def test_model_admin_media_class_reaches_the_page(admin_client, questions, monkeypatch):
    question_admin = admin.site.get_model_admin(Question)

    class WithMedia(type(question_admin)):
        class Media:
            js = ["polls/extra.js"]

    # The site's URLs are bound to the registered instance: give that instance the subclass.
    monkeypatch.setattr(question_admin, "__class__", WithMedia)
    tag = '<script src="/static/polls/extra.js"></script>'
    assert tag in admin_client.get("/admin/adminpolls/question/add/").content.decode()
    assert tag in admin_client.get("/admin/adminpolls/question/").content.decode()


def test_prepopulated_fields_reach_the_page_as_json(admin_client, admin_db):
    import json
    import re

    page = admin_client.get("/admin/adminpolls/topic/add/").content.decode()
    found = re.search(r'<script id="admin-prepopulated-fields" type="application/json">(.*?)</script>', page)
    assert found, "the prepopulated fields' JSON is missing"
    assert json.loads(found.group(1)) == [
        {
            "id": "#id_slug",
            "name": "slug",
            "dependency_ids": ["#id_name"],
            "maxLength": 20,
            "allowUnicode": False,
        }
    ]
