"""makemigrations in a project with django.contrib.auth: the user model is referenced through the setting."""

from __future__ import annotations

import re

MODELS = """
from django.conf import settings
from django.db import models


class Question(models.Model):
    question_text = models.CharField(max_length=200)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
"""


def _with_auth(project):
    settings = (project.root / "settings.py").read_text()
    settings = settings.replace(
        'INSTALLED_APPS = ["polls"]',
        'INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "polls"]',
    )
    (project.root / "settings.py").write_text(settings)
    project.write("polls/models.py", MODELS)


def test_foreign_key_to_the_user_model_is_written_through_the_setting(sqlite_project):
    _with_auth(sqlite_project)
    result = sqlite_project.manage("makemigrations", "polls")
    assert result.returncode == 0, result.output
    text = (sqlite_project.root / "polls" / "migrations" / "0001_initial.py").read_text()
    assert "migrations.swappable_dependency(settings.AUTH_USER_MODEL)" in text
    assert "from django.conf import settings" in text
    assert re.search(r"to=settings\.AUTH_USER_MODEL", text)
    assert "'auth'" not in text and '"auth"' not in text


def test_the_written_migration_applies_after_auth(sqlite_project):
    _with_auth(sqlite_project)
    assert sqlite_project.manage("makemigrations", "polls").returncode == 0
    result = sqlite_project.manage("migrate", "polls")
    assert result.returncode == 0, result.output
    applied = result.output
    assert applied.index("Applying auth.0001_initial") < applied.index("Applying polls.0001_initial")
    plan = sqlite_project.manage("showmigrations", "polls")
    assert "[X] 0001_initial" in plan.output
