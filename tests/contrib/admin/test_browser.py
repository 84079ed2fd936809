"""The admin in a real browser: headless Chromium driven through chromedriver's WebDriver API.

Logs in, adds a question with two inline choices (opening the collapsed fieldset and using the
"add another" button), searches, runs delete_selected and reads the history; saves screenshots
and fails on any console error.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from tests.contrib.admin import webdriver

pytestmark = [pytest.mark.slow, webdriver.needs_browser]

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


def log_in(browser, base):
    browser.open(f"{base}/admin/login/?next=/admin/")
    browser.type("#id_username", "boss")
    browser.type("#id_password", "s3cret-Pass-42")
    browser.click("#login-form input[type=submit]")
    assert browser.wait_for(lambda: browser.current_url() == f"{base}/admin/")


def test_log_in_add_question_with_two_inline_choices_search_delete_and_history(live_server, browser):
    from django.contrib.admin.models import LogEntry
    from tests.contrib.admin.adminpolls.models import Question

    SCREENSHOTS.mkdir(exist_ok=True)
    base = live_server
    browser.open(f"{base}/admin/login/?next=/admin/")
    browser.screenshot(SCREENSHOTS / "login.png")
    log_in(browser, base)
    assert "Questions" in browser.source()

    browser.open(f"{base}/admin/adminpolls/question/add/")
    browser.type("#id_question_text", "Added in a real browser?")
    browser.click("fieldset.collapse summary")  # the "Date information" fieldset starts closed
    when = datetime.datetime.now() - datetime.timedelta(hours=2)
    browser.type("#id_pub_date_0", when.strftime("%Y-%m-%d"))
    browser.type("#id_pub_date_1", when.strftime("%H:%M:%S"))
    browser.type("#id_choice_set-0-choice_text", "Yes")
    browser.type("#id_choice_set-1-choice_text", "No")
    browser.click(".inline-group button.add-row")  # a fourth row from the __prefix__ template
    assert browser.wait_for(lambda: browser.find_all("#id_choice_set-3-choice_text"))
    browser.screenshot(SCREENSHOTS / "change_form.png")
    browser.click("input[name=_save]")
    assert browser.wait_for(lambda: browser.current_url() == f"{base}/admin/adminpolls/question/")
    assert "was added successfully" in browser.source()

    question = Question.objects.get(question_text="Added in a real browser?")
    assert sorted(question.choice_set.values_list("choice_text", flat=True)) == ["No", "Yes"]
    assert LogEntry.objects.filter(object_id=str(question.pk)).count() == 1

    browser.type("#searchbar", "real browser")
    browser.click("#changelist-search input[type=submit]")
    assert browser.wait_for(lambda: "q=real+browser" in browser.current_url())
    browser.screenshot(SCREENSHOTS / "changelist.png")

    browser.open(f"{base}/admin/adminpolls/question/{question.pk}/history/")
    assert "Added." in browser.source()

    browser.open(f"{base}/admin/adminpolls/question/")
    browser.click("#action-toggle")
    browser.click("select[name=action] option[value=delete_selected]")
    browser.click("button[name=index]")
    assert browser.wait_for(lambda: "Are you sure" in browser.source())
    browser.click("form input[type=submit][value^=Yes]")
    assert browser.wait_for(lambda: "Successfully deleted" in browser.source())
    assert not Question.objects.exists()
    assert browser.console_errors() == []
