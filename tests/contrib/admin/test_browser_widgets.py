"""The admin's own JavaScript widgets in headless Chromium: the two-pane filter_horizontal box
(filter, choose/remove, choose all/remove all, keyboard) and the autocomplete box (typing asks
admin/autocomplete/, choices are picked with mouse or keyboard, "load more" fetches the next page).
Each test saves the form and checks what the database received."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.contrib.admin import webdriver
from tests.contrib.admin.test_browser import log_in

pytestmark = [pytest.mark.slow, webdriver.needs_browser]

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
ADD_SURVEY = "/admin/adminpolls/survey/add/"


def _options(browser, css: str) -> list[str]:
    return browser.texts(css + " option")


def test_filter_horizontal_moves_topics_between_the_two_lists(live_server, browser):
    from tests.contrib.admin.adminpolls.models import Survey, Topic

    for name in ["Art", "Biology", "Chemistry", "Drama"]:
        Topic.objects.create(name=name)
    log_in(browser, live_server)
    browser.open(live_server + ADD_SURVEY)
    assert browser.wait_for(lambda: browser.find_all(".selector #id_topics_from"))
    assert _options(browser, "#id_topics_from") == ["Art", "Biology", "Chemistry", "Drama"]
    assert _options(browser, "#id_topics") == []

    # The filter box narrows the available list; Enter chooses the only match without submitting.
    browser.type("#id_topics_input", "bio")
    assert browser.wait_for(lambda: _options(browser, "#id_topics_from") == ["Biology"])
    browser.send_keys("#id_topics_input", webdriver.ENTER)
    assert _options(browser, "#id_topics") == ["Biology"]
    assert browser.current_url().endswith(ADD_SURVEY)
    browser.send_keys("#id_topics_input", webdriver.ESCAPE)
    assert _options(browser, "#id_topics_from") == ["Art", "Chemistry", "Drama"]

    # Choose all, then remove one with the keyboard and one with the arrow button.
    browser.click(".selector-chooseall")
    assert _options(browser, "#id_topics_from") == []
    assert _options(browser, "#id_topics") == ["Art", "Biology", "Chemistry", "Drama"]
    browser.click("#id_topics option[value='%d']" % Topic.objects.get(name="Art").pk)
    browser.send_keys("#id_topics", webdriver.DELETE)
    assert _options(browser, "#id_topics_from") == ["Art"]
    browser.click("#id_topics option[value='%d']" % Topic.objects.get(name="Drama").pk)
    browser.click(".selector-remove")
    assert _options(browser, "#id_topics_from") == ["Art", "Drama"]
    # The arrow buttons are real buttons: focusable and disabled when there is nothing to move.
    assert browser.script("return document.querySelector('.selector-add').disabled") is True

    browser.click("#id_topics_from option[value='%d']" % Topic.objects.get(name="Drama").pk)
    browser.click(".selector-add")
    assert _options(browser, "#id_topics") == ["Biology", "Chemistry", "Drama"]
    browser.type("#id_title", "Science week")
    SCREENSHOTS.mkdir(exist_ok=True)
    browser.screenshot(SCREENSHOTS / "filter_horizontal.png")
    browser.click("input[name=_save]")
    assert browser.wait_for(lambda: "was added successfully" in browser.source())
    survey = Survey.objects.get(title="Science week")
    assert sorted(survey.topics.values_list("name", flat=True)) == ["Biology", "Chemistry", "Drama"]

    # Remove all on the change page empties the relation.
    browser.open(f"{live_server}/admin/adminpolls/survey/{survey.pk}/change/")
    assert browser.wait_for(lambda: _options(browser, "#id_topics") == ["Biology", "Chemistry", "Drama"])
    browser.click(".selector-clearall")
    assert _options(browser, "#id_topics_from") == ["Art", "Biology", "Chemistry", "Drama"]
    browser.click("input[name=_save]")
    assert browser.wait_for(lambda: "was changed successfully" in browser.source())
    assert not survey.topics.exists()
    assert browser.console_errors() == []


def test_autocomplete_queries_the_view_pages_and_picks(live_server, browser, questions):
    from django.utils import timezone
    from tests.contrib.admin.adminpolls.models import Question, Survey

    Question.objects.bulk_create(
        [Question(question_text=f"Quiz {n:02d}", pub_date=timezone.now()) for n in range(25)]
    )
    log_in(browser, live_server)
    browser.open(live_server + ADD_SURVEY)
    lead = ".field-lead_question .autocomplete-input"
    assert browser.wait_for(lambda: browser.find_all(lead))
    assert browser.script("return document.getElementById('id_lead_question').hidden") is True

    # Typing asks the JSON view; 20 results and a "load more" entry, which fetches page 2.
    browser.type(lead, "Quiz")
    results = ".field-lead_question .autocomplete-results [role=option]"

    def first_page_of_quizzes() -> bool:
        texts = browser.texts(results)
        return len(texts) == 21 and all(text.startswith("Quiz") for text in texts[:20])

    # (Focusing the box may first list everything; wait for the answer to "Quiz".)
    assert browser.wait_for(first_page_of_quizzes)
    assert browser.texts(results)[-1].startswith("Load more")
    browser.click(".field-lead_question .autocomplete-more")
    assert browser.wait_for(lambda: len(browser.find_all(results)) == 25)
    assert browser.texts(results)[-1] == "Quiz 24"
    browser.click(".field-lead_question .autocomplete-results [role=option]:last-child")
    assert browser.script("return document.querySelector(arguments[0]).value", lead) == "Quiz 24"
    assert browser.script("return document.getElementById('id_lead_question').value") == str(
        Question.objects.get(question_text="Quiz 24").pk
    )

    # The multiple box: keyboard only (type, arrow down, Enter) gives a chip per choice.
    many = ".field-more_questions .autocomplete-input"
    many_results = ".field-more_questions .autocomplete-results [role=option]"
    browser.type(many, "pizza")
    assert browser.wait_for(lambda: browser.texts(many_results) == ["Best pizza topping?"])
    browser.send_keys(many, webdriver.ARROW_DOWN + webdriver.ENTER)
    browser.type(many, "tea or")
    assert browser.wait_for(lambda: browser.texts(many_results) == ["Tea or coffee?"])
    browser.send_keys(many, webdriver.ARROW_DOWN + webdriver.ENTER)
    chips = browser.texts(".field-more_questions .autocomplete-chip")
    assert [chip.rstrip("\u00d7").strip() for chip in chips] == ["Best pizza topping?", "Tea or coffee?"]

    browser.type("#id_title", "Autocompleted")
    SCREENSHOTS.mkdir(exist_ok=True)
    browser.screenshot(SCREENSHOTS / "autocomplete.png")
    browser.click("input[name=_save]")
    assert browser.wait_for(lambda: "was added successfully" in browser.source())
    survey = Survey.objects.get(title="Autocompleted")
    assert survey.lead_question.question_text == "Quiz 24"
    assert sorted(survey.more_questions.values_list("question_text", flat=True)) == [
        "Best pizza topping?",
        "Tea or coffee?",
    ]

    # On the change page the chosen objects show; clearing the single box empties the FK.
    browser.open(f"{live_server}/admin/adminpolls/survey/{survey.pk}/change/")
    assert browser.wait_for(lambda: browser.find_all(lead))
    assert browser.script("return document.querySelector(arguments[0]).value", lead) == "Quiz 24"
    browser.click(".field-lead_question .autocomplete-clear")
    browser.click("input[name=_save]")
    assert browser.wait_for(lambda: "was changed successfully" in browser.source())
    survey.refresh_from_db()
    assert survey.lead_question is None
    assert survey.more_questions.count() == 2
    assert browser.console_errors() == []


def test_prepopulated_slug_follows_the_name_until_edited(live_server, browser):
    from tests.contrib.admin.adminpolls.models import Topic

    log_in(browser, live_server)
    browser.open(live_server + "/admin/adminpolls/topic/add/")
    browser.type("#id_name", "Café & Crème Brûlée!")
    assert browser.wait_for(
        lambda: browser.script("return document.getElementById('id_slug').value") == "cafe-creme-brulee"
    )
    browser.type("#id_name", "A much longer name than twenty characters")
    slug = browser.script("return document.getElementById('id_slug').value")
    assert slug == "a-much-longer-name-t"  # cut at the SlugField's max_length (20)
    browser.type("#id_slug", "hand-made")
    browser.type("#id_name", "Renamed")
    assert browser.script("return document.getElementById('id_slug').value") == "hand-made"
    browser.click("input[name=_continue]")
    assert browser.wait_for(lambda: "was added successfully" in browser.source())
    topic = Topic.objects.get(name="Renamed")
    assert topic.slug == "hand-made"
    # On the saved object's page the slug is left alone.
    browser.type("#id_name", "Another name")
    assert browser.script("return document.getElementById('id_slug').value") == "hand-made"
    assert browser.console_errors() == []


def test_select_across_pages_runs_the_action_on_every_match(live_server, browser, questions):
    from tests.contrib.admin.adminpolls.models import Question

    log_in(browser, live_server)
    browser.open(live_server + "/admin/adminpolls/question/")  # 4 questions, 3 per page
    assert len(browser.find_all("input.action-select")) == 3
    assert browser.script("return document.querySelector('.select-all-question').hidden") is True
    browser.click("#action-toggle")
    assert browser.script("return document.querySelector('.select-all-question').hidden") is False
    browser.click(".select-all-across")
    assert browser.script("return document.querySelector('input.select-across').value") == "1"
    assert browser.texts(".select-all-note") == ["All 4 selected"]
    # Unticking one row falls back to the rows ticked on this page.
    browser.click("input.action-select")
    assert browser.script("return document.querySelector('input.select-across').value") == "0"
    browser.click("#action-toggle")  # the page is whole again: the question comes back
    browser.click(".select-all-across")
    browser.click("select[name=action] option[value=delete_selected]")
    browser.click("button[name=index]")
    assert browser.wait_for(lambda: "Are you sure" in browser.source())
    assert all(q.question_text in browser.source() for q in questions.values())
    browser.click("form input[type=submit][value^=Yes]")
    assert browser.wait_for(lambda: "Successfully deleted 4" in browser.source())
    assert not Question.objects.exists()
    assert browser.console_errors() == []
