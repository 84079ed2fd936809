"""The add and change forms: fieldsets, split date/time input, inlines, saving, messages, LogEntry."""

from __future__ import annotations

import json

ADD_URL = "/admin/adminpolls/question/add/"


def _add_data(**overrides):
    data = {
        "question_text": "Added through the admin?",
        "pub_date_0": "2026-01-02",
        "pub_date_1": "10:30:00",
        "choice_set-TOTAL_FORMS": "3",
        "choice_set-INITIAL_FORMS": "0",
        "choice_set-MIN_NUM_FORMS": "0",
        "choice_set-MAX_NUM_FORMS": "1000",
        "choice_set-0-choice_text": "Absolutely",
        "choice_set-0-votes": "0",
        "choice_set-1-choice_text": "Not really",
        "choice_set-1-votes": "0",
        "choice_set-2-choice_text": "",
        "choice_set-2-votes": "0",
        "_save": "Save",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_add_form_has_fieldsets_split_datetime_and_three_inline_rows(admin_client):
    html = admin_client.get(ADD_URL).content.decode()
    assert 'name="question_text"' in html
    assert 'name="pub_date_0"' in html and 'name="pub_date_1"' in html
    for index in ("0", "1", "2", "__prefix__"):
        assert f'name="choice_set-{index}-choice_text"' in html
    assert 'name="choice_set-3-choice_text"' not in html
    assert "Date information" in html and "collapse" in html
    assert 'name="_save"' in html and 'name="_continue"' in html and 'name="_addanother"' in html


def test_add_saves_object_and_inline_rows_and_logs_an_addition(admin_client, superuser):
    from django.contrib.admin.models import ADDITION, LogEntry
    from tests.contrib.admin.adminpolls.models import Question

    response = admin_client.post(ADD_URL, _add_data())
    assert response.status_code == 302
    assert response["Location"] == "/admin/adminpolls/question/"
    question = Question.objects.get(question_text="Added through the admin?")
    assert sorted(question.choice_set.values_list("choice_text", flat=True)) == ["Absolutely", "Not really"]
    entry = LogEntry.objects.get()
    assert (
        entry.action_flag == ADDITION
        and entry.object_id == str(question.pk)
        and entry.user_id == superuser.pk
    )
    assert json.loads(entry.change_message)[0] == {"added": {}}
    follow = admin_client.get(response["Location"]).content.decode()
    assert "was added successfully" in follow and "Added through the admin?" in follow


def test_continue_and_add_another_redirects(admin_client):
    from tests.contrib.admin.adminpolls.models import Question

    response = admin_client.post(ADD_URL, _add_data(_continue="1", _save=None) | {"question_text": "Q1"})
    q1 = Question.objects.get(question_text="Q1")
    assert response["Location"] == f"/admin/adminpolls/question/{q1.pk}/change/"
    response = admin_client.post(ADD_URL, _add_data(question_text="Q2", _save=None, _addanother="1"))
    assert response["Location"] == ADD_URL


def test_invalid_post_redisplays_form_with_errors_and_saves_nothing(admin_client):
    from tests.contrib.admin.adminpolls.models import Question

    response = admin_client.post(ADD_URL, _add_data(question_text="", pub_date_0="not a date"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Please correct the errors below." in html
    assert 'class="errorlist' in html
    assert 'value="Absolutely"' in html
    assert not Question.objects.exists()


def test_change_form_shows_inline_choices_and_logs_changed_fields(admin_client, questions):
    from django.contrib.admin.models import CHANGE, LogEntry

    pizza = questions["pizza"]
    url = f"/admin/adminpolls/question/{pizza.pk}/change/"
    html = admin_client.get(url).content.decode()
    assert "Mushroom" in html and "Pineapple" in html
    assert 'value="Best pizza topping?"' in html
    assert f"/admin/adminpolls/question/{pizza.pk}/history/" in html
    choices = list(pizza.choice_set.order_by("pk"))
    local = pizza.pub_date.astimezone()
    data = {
        "question_text": "Best pizza topping ever?",
        "pub_date_0": local.strftime("%Y-%m-%d"),
        "pub_date_1": local.strftime("%H:%M:%S"),
        "choice_set-TOTAL_FORMS": "5",
        "choice_set-INITIAL_FORMS": "2",
        "choice_set-MIN_NUM_FORMS": "0",
        "choice_set-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    for index, choice in enumerate(choices):
        data |= {
            f"choice_set-{index}-id": str(choice.pk),
            f"choice_set-{index}-question": str(pizza.pk),
            f"choice_set-{index}-choice_text": choice.choice_text,
            f"choice_set-{index}-votes": "0",
        }
    data["choice_set-1-DELETE"] = "on"
    data["choice_set-2-choice_text"] = "Olives"
    for index in (2, 3, 4):  # extra rows as a browser sends them: votes keeps its initial 0
        data[f"choice_set-{index}-votes"] = "0"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    pizza.refresh_from_db()
    assert pizza.question_text == "Best pizza topping ever?"
    assert sorted(pizza.choice_set.values_list("choice_text", flat=True)) == ["Mushroom", "Olives"]
    entry = LogEntry.objects.get(action_flag=CHANGE)
    message = json.loads(entry.change_message)
    assert {"changed": {"fields": ["Question text"]}} in message
    assert {"added": {"name": "choice", "object": "Olives"}} in message
    assert {"deleted": {"name": "choice", "object": "Pineapple"}} in message


def test_change_form_of_missing_object_redirects_with_a_message(admin_client, admin_db):
    response = admin_client.get("/admin/adminpolls/question/9999/change/")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    follow = admin_client.get("/admin/").content.decode()
    assert "doesn’t exist. Perhaps it was deleted?" in follow


def test_legacy_object_url_redirects_to_change_page(admin_client, questions):
    pk = questions["tea"].pk
    response = admin_client.get(f"/admin/adminpolls/question/{pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/adminpolls/question/{pk}/change/"


def test_csrf_is_enforced_on_admin_posts(superuser):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(superuser)
    response = client.post(ADD_URL, _add_data())
    assert response.status_code == 403


def test_inline_row_errors_are_shown_next_to_the_row(admin_client):
    from tests.contrib.admin.adminpolls.models import Question

    response = admin_client.post(ADD_URL, _add_data(**{"choice_set-1-votes": ""}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Please correct the error" in html
    assert 'id="id_choice_set-1-votes_error"' in html
    assert not Question.objects.exists()


def test_add_in_a_popup_hands_the_new_object_back_to_the_opener(admin_client):
    from tests.contrib.admin.adminpolls.models import Question

    page = admin_client.get(ADD_URL + "?_popup=1").content.decode()
    assert '<input type="hidden" name="_popup" value="1">' in page
    assert 'name="_addanother"' not in page
    response = admin_client.post(ADD_URL + "?_popup=1", _add_data(_popup="1", question_text="From a popup"))
    assert response.status_code == 200
    question = Question.objects.get(question_text="From a popup")
    html = response.content.decode()
    assert "admin/js/popup_response.js" in html
    assert f"&quot;value&quot;: &quot;{question.pk}&quot;" in html and "From a popup" in html
