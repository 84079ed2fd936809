"""Deleting one object, the delete_selected action, and the history page."""

from __future__ import annotations

import json

URL = "/admin/adminpolls/question/"


def test_delete_confirmation_lists_related_objects(admin_client, questions):
    pizza = questions["pizza"]
    html = admin_client.get(f"{URL}{pizza.pk}/delete/").content.decode()
    assert "Are you sure you want to delete the question “Best pizza topping?”" in html
    assert "Choice: Mushroom" in html and "Choice: Pineapple" in html
    assert "Choices: 2" in html and "Questions: 1" in html
    assert f'href="{URL}{pizza.pk}/change/"' in html


def test_delete_post_deletes_cascades_and_logs(admin_client, questions):
    from django.contrib.admin.models import DELETION, LogEntry
    from tests.contrib.admin.adminpolls.models import Choice, Question

    pizza = questions["pizza"]
    response = admin_client.post(f"{URL}{pizza.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and response["Location"] == URL
    assert not Question.objects.filter(pk=pizza.pk).exists()
    assert not Choice.objects.exists()
    entry = LogEntry.objects.get()
    assert entry.action_flag == DELETION and entry.object_repr == "Best pizza topping?"
    assert "was deleted successfully" in admin_client.get(URL).content.decode()


def test_protected_objects_block_the_deletion(admin_client, questions):
    from tests.contrib.admin.adminpolls.models import Question, Vote

    pizza = questions["pizza"]
    Vote.objects.create(choice=pizza.choice_set.get(choice_text="Mushroom"))
    page = admin_client.get(f"{URL}{pizza.pk}/delete/").content.decode()
    assert "would require deleting the following protected related objects" in page
    assert "Vote: " in page
    response = admin_client.post(f"{URL}{pizza.pk}/delete/", {"post": "yes"})
    assert response.status_code == 200
    assert Question.objects.filter(pk=pizza.pk).exists()


def test_html_in_names_is_escaped_on_delete_confirmation_and_history(admin_client, admin_db):
    from django.utils import timezone
    from tests.contrib.admin.adminpolls.models import Question

    evil = Question.objects.create(question_text="<b>bold</b>", pub_date=timezone.now())
    evil.choice_set.create(choice_text="<i>x</i>")
    html = admin_client.get(f"{URL}{evil.pk}/delete/").content.decode()
    assert "<b>bold</b>" not in html and "<i>x</i>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html and "&lt;i&gt;x&lt;/i&gt;" in html
    history = admin_client.get(f"{URL}{evil.pk}/history/").content.decode()
    assert "<b>bold</b>" not in history and "&lt;b&gt;bold&lt;/b&gt;" in history


def test_history_lists_log_entries_with_their_messages(admin_client, superuser, questions):
    from django.contrib.admin.models import CHANGE, LogEntry

    pizza = questions["pizza"]
    LogEntry.objects.log_actions(
        superuser.pk, [pizza], CHANGE, change_message=json.dumps([{"changed": {"fields": ["Question text"]}}]),
        single_object=True,
    )  # fmt: skip
    html = admin_client.get(f"{URL}{pizza.pk}/history/").content.decode()
    assert "Change history: Best pizza topping?" in html
    assert "Changed Question text." in html
    assert "boss" in html


def test_history_without_entries_says_so(admin_client, questions):
    html = admin_client.get(f"{URL}{questions['tea'].pk}/history/").content.decode()
    assert "doesn’t have a change history" in html


def test_delete_selected_asks_then_deletes_and_logs(admin_client, questions):
    from django.contrib.admin.models import DELETION, LogEntry
    from tests.contrib.admin.adminpolls.models import Question

    chosen = [str(questions["tea"].pk), str(questions["cats"].pk)]
    page = admin_client.post(URL, {"action": "delete_selected", "_selected_action": chosen, "index": "0"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Are you sure you want to delete the selected questions?" in html
    for key in ("tea", "cats"):
        q = questions[key]
        assert f'Question: <a href="{URL}{q.pk}/change/">{q.question_text}</a>' in html
    assert Question.objects.count() == 4
    done = admin_client.post(URL, {"action": "delete_selected", "_selected_action": chosen, "post": "yes"})
    assert done.status_code == 302
    assert sorted(Question.objects.values_list("question_text", flat=True)) == [
        "Best pizza topping?",
        "Oldest question",
    ]
    assert LogEntry.objects.filter(action_flag=DELETION).count() == 2
    assert "Successfully deleted 2 questions." in admin_client.get(URL).content.decode()


def test_action_without_selection_warns_and_changes_nothing(admin_client, questions):
    from tests.contrib.admin.adminpolls.models import Question

    response = admin_client.post(URL, {"action": "delete_selected", "index": "0"})
    assert response.status_code == 302
    assert Question.objects.count() == 4
    assert "Items must be selected in order to perform actions" in admin_client.get(URL).content.decode()


def test_unknown_action_is_refused_with_a_message(admin_client, questions):
    from tests.contrib.admin.adminpolls.models import Question

    response = admin_client.post(
        URL, {"action": "drop_everything", "_selected_action": [str(questions["tea"].pk)]}
    )
    assert response.status_code == 302
    assert Question.objects.count() == 4
    assert "No action selected." in admin_client.get(URL).content.decode()


def test_changelist_offers_the_actions_with_their_descriptions(admin_client, questions):
    html = admin_client.get(URL).content.decode()
    assert '<option value="delete_selected">Delete selected questions</option>' in html
    assert 'name="_selected_action"' in html
