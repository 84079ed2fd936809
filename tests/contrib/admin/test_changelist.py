"""The changelist page: rows, columns from list_display, search, filters, ordering, pagination."""

from __future__ import annotations

import re

URL = "/admin/adminpolls/question/"


def _rows(html: str) -> list[str]:
    """The question texts of the result table, in order."""
    if '<table id="result_list">' not in html:
        assert "0 questions" in html
        return []
    body = html.split('<table id="result_list">', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<th scope="row" class="field-question_text"><a href="[^"]*">([^<]*)</a>', body)


def test_anonymous_user_is_sent_to_the_login_page(admin_db):
    from django.test import Client

    response = Client().get(URL)
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/adminpolls/question/"


def test_changelist_shows_list_display_columns_and_boolean_icons(admin_client, questions):
    response = admin_client.get(URL + "?all=")
    assert response.status_code == 200
    html = response.content.decode()
    assert sorted(_rows(html)) == sorted(q.question_text for q in questions.values())
    assert "Published recently?" in html and "Date published" in html
    assert 'class="bool bool-yes"' in html and 'class="bool bool-no"' in html
    pizza_url = f"/admin/adminpolls/question/{questions['pizza'].pk}/change/?_changelist_filters=all%3D"
    assert f'href="{pizza_url}"' in html


def test_search_narrows_rows_and_reports_counts(admin_client, questions):
    html = admin_client.get(URL + "?q=pizza").content.decode()
    assert _rows(html) == ["Best pizza topping?"]
    assert "1 result (" in html and "4 total" in html
    assert 'value="pizza"' in html


def test_search_with_every_word_required(admin_client, questions):
    assert _rows(admin_client.get(URL + "?q=tea+coffee").content.decode()) == ["Tea or coffee?"]
    assert _rows(admin_client.get(URL + "?q=tea+pizza").content.decode()) == []


def test_date_filter_links_and_filtering(admin_client, questions):
    html = admin_client.get(URL).content.decode()
    assert "pub_date__gte" in html and "Past 7 days" in html and "Any date" in html
    link = (
        re.search(r'<a href="(\?pub_date__gte=[^"]*)"[^>]*>Past 7 days</a>', html)
        .group(1)
        .replace("&amp;", "&")
    )
    filtered = admin_client.get(URL + link).content.decode()
    assert sorted(_rows(filtered)) == ["Best pizza topping?", "Tea or coffee?"]
    assert "Clear all filters" in filtered


def test_default_ordering_is_newest_pk_first_and_header_click_orders(admin_client, questions):
    html = admin_client.get(URL + "?all=").content.decode()
    assert _rows(html) == ["Oldest question", "Cats or dogs?", "Tea or coffee?", "Best pizza topping?"]
    # Column 2 is pub_date (column 0 is the action checkbox); "-" means descending.
    by_date_desc = admin_client.get(URL + "?all=&o=-2").content.decode()
    assert _rows(by_date_desc) == [
        "Best pizza topping?",
        "Tea or coffee?",
        "Cats or dogs?",
        "Oldest question",
    ]
    # was_published_recently sorts by its @display(ordering="pub_date").
    by_callable = admin_client.get(URL + "?all=&o=3").content.decode()
    assert _rows(by_callable) == ["Oldest question", "Cats or dogs?", "Tea or coffee?", "Best pizza topping?"]
    assert 'aria-sort="ascending"' in by_callable


def test_pagination_and_show_all(admin_client, questions):
    first = admin_client.get(URL).content.decode()  # list_per_page = 3
    assert len(_rows(first)) == 3
    assert "?p=2" in first and "Show all" in first
    second = admin_client.get(URL + "?p=2").content.decode()
    assert _rows(second) == ["Best pizza topping?"]
    assert len(_rows(admin_client.get(URL + "?all=").content.decode())) == 4


def test_bad_page_or_unknown_filter_redirects_with_error_flag(admin_client, questions):
    for query in ("?p=99", "?p=abc", "?pub_date__gte=not-a-date", "?nonexistent_field=1"):
        response = admin_client.get(URL + query)
        assert response.status_code == 302, query
        assert response["Location"] == URL + "?e=1"


def test_lookup_across_a_relation_not_in_list_filter_is_refused(admin_client, questions):
    response = admin_client.get("/admin/adminpolls/question/?choice__votes__gt=0")
    assert response.status_code == 400


def test_html_in_object_names_is_escaped(admin_client, admin_db):
    from django.utils import timezone
    from tests.contrib.admin.adminpolls.models import Question

    Question.objects.create(question_text="<script>alert(1)</script>", pub_date=timezone.now())
    html = admin_client.get(URL).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_changelist_query_count_does_not_grow_with_rows(admin_client, questions, admin_db):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(admin_db) as few:
        admin_client.get(URL + "?all=")
    from django.utils import timezone
    from tests.contrib.admin.adminpolls.models import Question

    for n in range(20):
        Question.objects.create(question_text=f"Extra {n}", pub_date=timezone.now())
    with CaptureQueriesContext(admin_db) as many:
        admin_client.get(URL + "?all=")
    assert len(many) == len(few)


def test_list_editable_renders_inputs_and_saves_changed_rows(admin_client, questions):
    from django.contrib.admin import site
    from django.contrib.admin.models import CHANGE, LogEntry
    from tests.contrib.admin.adminpolls.models import Question

    question_admin = site.get_model_admin(Question)
    question_admin.list_editable = ["pub_date"]
    try:
        html = admin_client.get(URL).content.decode()
        assert 'name="form-TOTAL_FORMS" value="3"' in html
        assert 'name="form-0-pub_date_0"' in html and 'name="form-0-id"' in html
        shown = list(Question.objects.order_by("-pk")[:3])
        data = {
            "form-TOTAL_FORMS": "3",
            "form-INITIAL_FORMS": "3",
            "form-MIN_NUM_FORMS": "0",
            "form-MAX_NUM_FORMS": "1000",
            "_save": "Save",
            "action": "",
        }
        for index, question in enumerate(shown):
            local = question.pub_date.astimezone()
            data |= {
                f"form-{index}-id": str(question.pk),
                f"form-{index}-pub_date_0": local.strftime("%Y-%m-%d"),
                f"form-{index}-pub_date_1": local.strftime("%H:%M:%S"),
            }
        data["form-0-pub_date_0"] = "2001-02-03"
        response = admin_client.post(URL, data)
        assert response.status_code == 302
        assert Question.objects.get(pk=shown[0].pk).pub_date.year == 2001
        assert LogEntry.objects.filter(action_flag=CHANGE).count() == 1
        assert "1 question was changed successfully." in admin_client.get(URL).content.decode()
        data["form-1-pub_date_0"] = "not a date"
        invalid = admin_client.post(URL, data)
        assert invalid.status_code == 200 and 'class="errorlist' in invalid.content.decode()
    finally:
        question_admin.list_editable = ()


def test_date_hierarchy_drills_down_by_year_and_month(admin_client, questions):
    from django.contrib.admin import site
    from tests.contrib.admin.adminpolls.models import Question

    question_admin = site.get_model_admin(Question)
    question_admin.date_hierarchy = "pub_date"
    try:
        old = questions["old"].pub_date
        top = admin_client.get(URL).content.decode()
        assert f"?pub_date__year={old.year}" in top
        by_year = admin_client.get(f"{URL}?pub_date__year={old.year}").content.decode()
        assert "Oldest question" in _rows(by_year)
        assert "Best pizza topping?" not in _rows(by_year) or old.year == questions["pizza"].pub_date.year
        assert f"pub_date__month={old.month}" in by_year.replace("&amp;", "&")
    finally:
        question_admin.date_hierarchy = None


def test_search_help_text_is_shown_under_the_search_box(admin_client, questions):
    from django.contrib.admin import site
    from tests.contrib.admin.adminpolls.models import Question

    question_admin = site.get_model_admin(Question)
    question_admin.search_help_text = "Search by the question's words."
    try:
        html = admin_client.get(URL).content.decode()
        assert "Search by the question&#x27;s words." in html or "Search by the question's words." in html
    finally:
        question_admin.search_help_text = None
