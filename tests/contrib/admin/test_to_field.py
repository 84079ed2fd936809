"""``_to_field``: the popups' "which field identifies the object" parameter. Only the primary key
or a field that a relation on the site points at may be named; anything else is a 400, so that
no column (a password hash, say) leaks through the popup response."""

from __future__ import annotations

from django.contrib import admin
from tests.contrib.admin.adminpolls.models import Question


def test_to_field_allowed_only_for_referenced_fields(admin_db):
    model_admin = admin.site.get_model_admin(Question)
    assert model_admin.to_field_allowed(None, "id")
    assert not model_admin.to_field_allowed(None, "question_text")
    assert not model_admin.to_field_allowed(None, "no_such_field")


def test_changelist_refuses_an_unreferenced_to_field(admin_client, questions):
    assert admin_client.get("/admin/adminpolls/question/?_to_field=id&_popup=1").status_code == 200
    assert admin_client.get("/admin/adminpolls/question/?_to_field=question_text&_popup=1").status_code == 400


def test_change_and_delete_pages_refuse_an_unreferenced_to_field(admin_client, questions):
    pizza = questions["pizza"]
    url = f"/admin/adminpolls/question/{pizza.pk}/change/"
    assert admin_client.get(url + "?_to_field=pub_date").status_code == 400
    response = admin_client.post(
        url,
        {"_to_field": "question_text", "_popup": "1", "question_text": "Leak?", "_save": "Save"},
    )
    assert response.status_code == 400
    assert b"Best pizza topping?" not in response.content
    pizza.refresh_from_db()
    assert pizza.question_text == "Best pizza topping?"
    assert (
        admin_client.get(f"/admin/adminpolls/question/{pizza.pk}/delete/?_to_field=question_text").status_code
        == 400
    )


def test_popup_add_with_the_primary_key_still_answers(admin_client, admin_db):
    response = admin_client.post(
        "/admin/adminpolls/question/add/?_to_field=id&_popup=1",
        {
            "_to_field": "id",
            "_popup": "1",
            "question_text": "From a popup",
            "pub_date_0": "2026-01-02",
            "pub_date_1": "10:00:00",
            "choice_set-TOTAL_FORMS": "0",
            "choice_set-INITIAL_FORMS": "0",
            "_save": "Save",
        },
    )
    assert response.status_code == 200
    question = Question.objects.get(question_text="From a popup")
    assert f"&quot;value&quot;: &quot;{question.pk}&quot;" in response.content.decode()


def test_autocomplete_refuses_a_target_field_that_may_not_be_referenced(admin_client, questions, monkeypatch):
    url = "/admin/autocomplete/?app_label=adminpolls&model_name=survey&field_name=lead_question&term=pizza"
    assert admin_client.get(url).json()["results"] == [
        {"id": str(questions["pizza"].pk), "text": "Best pizza topping?"}
    ]
    question_admin = admin.site.get_model_admin(Question)
    monkeypatch.setattr(question_admin, "to_field_allowed", lambda request, to_field: False)
    assert admin_client.get(url).status_code == 403
