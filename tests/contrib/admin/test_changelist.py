"""The changelist page: rows, columns from list_display, search, filters, ordering, pagination."""

from __future__ import annotations

import pytest


def test_anonymous_user_is_sent_to_the_login_page(admin_db):
    from django.test import Client

    response = Client().get("/admin/adminpolls/question/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/adminpolls/question/"


def test_changelist_lists_rows_with_list_display_columns(admin_client, questions):
    response = admin_client.get("/admin/adminpolls/question/?all=")
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Best pizza topping?", "Tea or coffee?", "Cats or dogs?", "Oldest question"):
        assert text in html
    assert "Published recently?" in html
    assert "Date published" in html
    assert 'class="bool bool-yes"' in html and 'class="bool bool-no"' in html
    assert "pub_date__gte" in html
