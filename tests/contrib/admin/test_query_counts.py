"""The number of queries is part of the behaviour: delete_selected, search and filters cost the
same whether they touch few rows or many (no query per row), and a change in a popup answers the
opener with the changed object."""

from __future__ import annotations

from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from tests.contrib.admin.adminpolls.models import Question

URL = "/admin/adminpolls/question/"


def _make_questions(count: int, prefix: str) -> list[Question]:
    made = []
    for n in range(count):
        question = Question.objects.create(question_text=f"{prefix} {n}", pub_date=timezone.now())
        question.choice_set.create(choice_text=f"{prefix} choice {n}")
        made.append(question)
    return made


def _count(admin_db, call) -> int:
    with CaptureQueriesContext(admin_db) as captured:
        response = call()
    assert response.status_code in (200, 302), response
    return len(captured)


def test_delete_selected_costs_the_same_for_two_or_eight_objects(admin_client, admin_db):
    def run(prefix: str, count: int) -> tuple[int, int]:
        ids = [str(q.pk) for q in _make_questions(count, prefix)]
        selection = {"action": "delete_selected", "_selected_action": ids, "index": "0"}
        confirm = _count(admin_db, lambda: admin_client.post(URL, selection))
        delete = _count(admin_db, lambda: admin_client.post(URL, {**selection, "post": "yes"}))
        assert not Question.objects.filter(pk__in=ids).exists()
        return confirm, delete

    run("warm-up", 1)  # content types and sessions are cached after the first request
    assert run("few", 2) == run("many", 8)


def test_search_and_filters_cost_the_same_for_few_or_many_matches(admin_client, admin_db):
    _make_questions(2, "alpha")
    _count(admin_db, lambda: admin_client.get(URL))  # warm-up
    few = _count(
        admin_db, lambda: admin_client.get(URL + "?q=alpha&pub_date__gte=2000-01-01+00%3A00%3A00%2B00%3A00")
    )
    _make_questions(3, "beta")
    _make_questions(3, "alpha more")
    many = _count(
        admin_db, lambda: admin_client.get(URL + "?q=alpha&pub_date__gte=2000-01-01+00%3A00%3A00%2B00%3A00")
    )
    assert few == many


def test_change_in_a_popup_answers_the_opener(admin_client, questions):
    pizza = questions["pizza"]
    local = pizza.pub_date.astimezone()
    response = admin_client.post(
        f"{URL}{pizza.pk}/change/?_popup=1",
        {
            "_popup": "1",
            "question_text": "Renamed in a popup",
            "pub_date_0": local.strftime("%Y-%m-%d"),
            "pub_date_1": local.strftime("%H:%M:%S"),
            "choice_set-TOTAL_FORMS": "0",
            "choice_set-INITIAL_FORMS": "0",
            "_save": "Save",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "&quot;action&quot;: &quot;change&quot;" in page and "Renamed in a popup" in page
    assert f"&quot;value&quot;: &quot;{pizza.pk}&quot;" in page
    pizza.refresh_from_db()
    assert pizza.question_text == "Renamed in a popup"
