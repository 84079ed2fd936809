"""The autocomplete JSON view, the password change pages and the index's recent actions."""

from __future__ import annotations

AUTOCOMPLETE = "/admin/autocomplete/?app_label=adminpolls&model_name=choice&field_name=question"


def test_autocomplete_returns_matching_objects_as_json(admin_client, questions):
    response = admin_client.get(AUTOCOMPLETE + "&term=pizza")
    assert response.status_code == 200
    assert response.json() == {
        "results": [{"id": str(questions["pizza"].pk), "text": "Best pizza topping?"}],
        "pagination": {"more": False},
    }


def test_autocomplete_paginates_by_twenty(admin_client, admin_db):
    from django.utils import timezone
    from tests.contrib.admin.adminpolls.models import Question

    Question.objects.bulk_create(
        [Question(question_text=f"Question {n:02d}", pub_date=timezone.now()) for n in range(25)]
    )
    first = admin_client.get(AUTOCOMPLETE + "&term=Question").json()
    assert len(first["results"]) == 20 and first["pagination"]["more"] is True
    second = admin_client.get(AUTOCOMPLETE + "&term=Question&page=2").json()
    assert len(second["results"]) == 5 and second["pagination"]["more"] is False


def test_autocomplete_refuses_bad_parameters_and_users_without_permission(admin_client, questions):
    from django.contrib.auth.models import User
    from django.test import Client

    assert admin_client.get("/admin/autocomplete/?term=x").status_code == 403
    assert (
        admin_client.get("/admin/autocomplete/?app_label=adminpolls&model_name=nope&field_name=x").status_code
        == 403
    )
    assert (
        admin_client.get(
            "/admin/autocomplete/?app_label=adminpolls&model_name=choice&field_name=nope"
        ).status_code
        == 403
    )
    staff = User.objects.create_user("clerk", password="pw-clerk-123", is_staff=True)
    client = Client()
    client.force_login(staff)
    assert client.get(AUTOCOMPLETE + "&term=pizza").status_code == 403
    anonymous = Client().get(AUTOCOMPLETE)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]


def test_password_change_pages(admin_client, superuser):
    page = admin_client.get("/admin/password_change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="old_password"' in html and 'name="new_password1"' in html
    response = admin_client.post(
        "/admin/password_change/",
        {
            "old_password": "s3cret-Pass-42",
            "new_password1": "An0ther-Secret-77",
            "new_password2": "An0ther-Secret-77",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/admin/password_change/done/"
    assert "Your password was changed." in admin_client.get(response["Location"]).content.decode()
    superuser.refresh_from_db()
    assert superuser.check_password("An0ther-Secret-77")


def test_index_shows_my_recent_actions(admin_client, superuser, questions):
    from django.contrib.admin.models import ADDITION, LogEntry

    LogEntry.objects.log_actions(superuser.pk, [questions["tea"]], ADDITION, single_object=True)
    html = admin_client.get("/admin/").content.decode()
    assert "Recent actions" in html
    assert f'<a href="/admin/adminpolls/question/{questions["tea"].pk}/change/">Tea or coffee?</a>' in html


def test_tampered_changelist_filters_do_not_break_the_change_form(admin_client, questions):
    pk = questions["tea"].pk
    url = f"/admin/adminpolls/question/{pk}/change/?_changelist_filters=%3Cscript%3E%26p%3D%22"
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()
