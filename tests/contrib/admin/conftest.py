"""Admin tests: the admin and the polls test app installed, a project-like TEMPLATES/MIDDLEWARE,
this folder's URLconf, and per-test tables for LogEntry and the polls models on each database."""

from __future__ import annotations

import datetime

import pytest

ADMIN_SETTINGS = {
    "INSTALLED_APPS": [
        "django.contrib.admin",
        "django.contrib.contenttypes",
        "django.contrib.auth",
        "django.contrib.sessions",
        "django.contrib.messages",
        "django.contrib.staticfiles",
        "tests.contrib.admin.adminpolls",
    ],
    "MIDDLEWARE": [
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
    ],
    "TEMPLATES": [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [],
            "APP_DIRS": True,
            "OPTIONS": {
                "context_processors": [
                    "django.template.context_processors.request",
                    "django.contrib.auth.context_processors.auth",
                    "django.contrib.messages.context_processors.messages",
                ]
            },
        }
    ],
    "ROOT_URLCONF": "tests.contrib.admin.urls",
}


@pytest.fixture(scope="package", autouse=True)
def admin_settings():
    from django.test.utils import override_settings

    with override_settings(**ADMIN_SETTINGS):
        yield


@pytest.fixture
def admin_db(cdb, create_tables):
    """The database under test with django_admin_log and the polls tables."""
    from django.contrib.admin.models import LogEntry
    from tests.contrib.admin.adminpolls.models import (
        Choice,
        Note,
        Question,
        QuestionLink,
        Survey,
        Topic,
        Vote,
    )

    create_tables(LogEntry, Question, Choice, Vote, Topic, Survey, QuestionLink, Note)
    yield cdb


@pytest.fixture
def superuser(admin_db):
    from django.contrib.auth.models import User

    return User.objects.create_superuser("boss", "boss@example.com", "s3cret-Pass-42")


@pytest.fixture
def admin_client(superuser):
    from django.test import Client

    client = Client()
    client.force_login(superuser)
    return client


@pytest.fixture
def questions(admin_db):
    """Four questions (one published an hour ago, three older) with choices on the first."""
    from django.utils import timezone
    from tests.contrib.admin.adminpolls.models import Question

    now = timezone.now()
    made = {
        "pizza": Question.objects.create(
            question_text="Best pizza topping?", pub_date=now - datetime.timedelta(hours=1)
        ),
        "tea": Question.objects.create(
            question_text="Tea or coffee?", pub_date=now - datetime.timedelta(days=3)
        ),
        "cats": Question.objects.create(
            question_text="Cats or dogs?", pub_date=now - datetime.timedelta(days=40)
        ),
        "old": Question.objects.create(
            question_text="Oldest question", pub_date=now - datetime.timedelta(days=800)
        ),
    }
    made["pizza"].choice_set.create(choice_text="Mushroom")
    made["pizza"].choice_set.create(choice_text="Pineapple")
    return made


@pytest.fixture
def choices(questions):
    """The questions with votes: pizza: Mushroom (3), Pineapple (0); tea: "" (0), Tea (5)."""
    pizza, tea = questions["pizza"], questions["tea"]
    pizza.choice_set.filter(choice_text="Mushroom").update(votes=3)
    tea.choice_set.create(choice_text="", votes=0)
    tea.choice_set.create(choice_text="Tea", votes=5)
    return questions


@pytest.fixture
def live_server(superuser, admin_db):
    """The project served on a free port in a thread (static files through the finders)."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.test.live_server import LiveServerThread
    from django.test.utils import modify_settings

    override = {}
    if admin_db.vendor == "sqlite" and admin_db.is_in_memory_db():
        override[admin_db.alias] = admin_db
        admin_db.inc_thread_sharing()
    with modify_settings(ALLOWED_HOSTS={"append": "127.0.0.1"}):
        thread = LiveServerThread("127.0.0.1", StaticFilesHandler, override)
        thread.daemon = True
        thread.start()
        thread.is_ready.wait()
        if thread.error:
            raise thread.error
        yield f"http://127.0.0.1:{thread.port}"
        thread.terminate()
    if override:
        admin_db.dec_thread_sharing()


@pytest.fixture
def browser():
    from tests.contrib.admin import webdriver

    driver = webdriver.Browser()
    yield driver
    driver.quit()
