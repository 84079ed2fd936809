"""The site pages (index, app index, catch-all, logout) and permissions for staff users."""

from __future__ import annotations

import pytest

URL = "/admin/adminpolls/question/"


@pytest.fixture
def staff(admin_db):
    from django.contrib.auth.models import User

    return User.objects.create_user("clerk", "clerk@example.com", "pw-clerk-123", is_staff=True)


def _client_for(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def _grant(user, *codenames):
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType
    from tests.contrib.admin.adminpolls.models import Question

    content_type = ContentType.objects.get_for_model(Question)
    for codename in codenames:
        perm, _ = Permission.objects.get_or_create(
            codename=codename, content_type=content_type, defaults={"name": codename}
        )
        user.user_permissions.add(perm)


def test_index_lists_apps_and_models_with_links(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "Site administration" in html
    assert '<a href="/admin/adminpolls/question/">Questions</a>' in html
    assert 'href="/admin/adminpolls/question/add/"' in html
    assert '<a href="/admin/adminpolls/" title="Models in the Polls application">Polls</a>' in html
    assert "Django administration" in html  # site_header through base_site.html


def test_app_index_lists_only_that_app_and_unknown_app_is_404(admin_client):
    html = admin_client.get("/admin/adminpolls/").content.decode()
    assert "Polls administration" in html and "Questions" in html
    assert "Users" not in html.split('<div id="content-main">', 1)[1]
    assert admin_client.get("/admin/nosuchapp/").status_code == 404


def test_anonymous_index_and_unknown_urls_redirect_to_login(admin_db):
    from django.test import Client

    client = Client()
    assert client.get("/admin/")["Location"] == "/admin/login/?next=/admin/"
    response = client.get("/admin/no/such/page/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_catch_all_adds_the_missing_slash_or_404s(admin_client):
    response = admin_client.get("/admin/adminpolls/question")
    assert response.status_code == 301 and response["Location"] == URL
    assert admin_client.get("/admin/no/such/page/").status_code == 404


def test_non_staff_user_gets_the_login_redirect(admin_db):
    from django.contrib.auth.models import User

    user = User.objects.create_user("visitor", password="pw-visitor-1")
    response = _client_for(user).get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_staff_without_permissions_sees_no_models_and_gets_403(staff, questions):
    client = _client_for(staff)
    index = client.get("/admin/").content.decode()
    assert "/admin/adminpolls/question/" not in index
    assert "You don’t have permission to view or edit anything." in index
    pk = questions["tea"].pk
    for url in (URL, URL + "add/", f"{URL}{pk}/change/", f"{URL}{pk}/delete/", f"{URL}{pk}/history/"):
        assert client.get(url).status_code == 403, url
    assert client.post(f"{URL}{pk}/delete/", {"post": "yes"}).status_code == 403


def test_view_only_user_sees_readonly_form_without_save_or_actions(staff, questions):
    from tests.contrib.admin.adminpolls.models import Question

    _grant(staff, "view_question")
    client = _client_for(staff)
    index = client.get("/admin/").content.decode()
    assert '<a href="/admin/adminpolls/question/">Questions</a>' in index
    assert "/admin/adminpolls/question/add/" not in index
    changelist = client.get(URL).content.decode()
    assert "Oldest question" in changelist
    assert 'name="action"' not in changelist  # delete_selected needs the delete permission
    assert "Add question" not in changelist
    pk = questions["pizza"].pk
    form = client.get(f"{URL}{pk}/change/").content.decode()
    assert "View question" in form
    assert 'name="_save"' not in form and 'name="question_text"' not in form
    assert '<div class="readonly">Best pizza topping?</div>' in form
    response = client.post(f"{URL}{pk}/change/", {"question_text": "hacked", "_save": "1"})
    assert response.status_code == 403
    assert Question.objects.get(pk=pk).question_text == "Best pizza topping?"


def test_add_permission_allows_add_but_not_change(staff, questions):
    _grant(staff, "add_question")
    client = _client_for(staff)
    assert client.get(URL + "add/").status_code == 200
    assert client.get(f"{URL}{questions['tea'].pk}/change/").status_code == 403


def test_logout_requires_post_and_ends_the_session(admin_client):
    assert admin_client.get("/admin/logout/").status_code == 405
    response = admin_client.post("/admin/logout/")
    assert response.status_code == 200
    assert "Log in again" in response.content.decode()
    assert admin_client.get("/admin/")["Location"] == "/admin/login/?next=/admin/"
