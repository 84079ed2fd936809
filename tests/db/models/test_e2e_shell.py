"""End to end: a startproject project with a models app, driven through ``manage.py shell``."""

import os
import subprocess
import sys
import textwrap

import pytest

MODELS = """
from django.db import models


class Question(models.Model):
    question_text = models.CharField(max_length=200)
    pub_date = models.DateTimeField("date published")

    def __str__(self):
        return self.question_text


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE)
    choice_text = models.CharField(max_length=200)
    votes = models.IntegerField(default=0)
"""

SHELL_SCRIPT = """
from django.db import connection
from django.utils import timezone
from polls.models import Choice, Question

with connection.schema_editor() as editor:
    editor.create_model(Question)
    editor.create_model(Choice)
q = Question(question_text="What's new?", pub_date=timezone.now())
q.save()
q.choice_set.create(choice_text="Not much", votes=0)
q.choice_set.create(choice_text="The sky", votes=0)
c = q.choice_set.filter(choice_text__startswith="The").get()
c.votes += 1
c.save()
print("questions", Question.objects.count(), Question.objects.get(pk=q.pk))
print("choices", sorted(q.choice_set.values_list("choice_text", "votes")))
print("deleted", q.delete())
with connection.schema_editor() as editor:
    editor.delete_model(Choice)
    editor.delete_model(Question)
"""


def _database_settings(alias):
    from django.db import connections

    settings = connections[alias].settings_dict
    return {k: settings[k] for k in ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT") if k in settings}


@pytest.mark.slow
def test_models_through_manage_py_shell(tmp_path, db_alias, test_databases):
    django_admin = os.path.join(os.path.dirname(sys.executable), "django-admin")
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    subprocess.run(
        [django_admin, "startproject", "mysite"], cwd=tmp_path, check=True, capture_output=True, env=env
    )
    project = tmp_path / "mysite"
    app = project / "polls"
    app.mkdir()
    (app / "__init__.py").write_text("")
    (app / "models.py").write_text(MODELS)
    database = _database_settings(db_alias)
    if database["ENGINE"].endswith("sqlite3"):
        database = {"ENGINE": database["ENGINE"], "NAME": str(project / "db.sqlite3")}
    with open(project / "mysite" / "settings.py", "a") as fh:
        # Only the new app: the contrib apps of the default settings are outside this test.
        fh.write(
            textwrap.dedent(
                f"""
                INSTALLED_APPS = ["polls"]
                MIDDLEWARE = []
                DATABASES = {{"default": {database!r}}}
                """
            )
        )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SHELL_SCRIPT],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "questions 1 What's new?"
    assert lines[1] == "choices [('Not much', 0), ('The sky', 1)]"
    assert lines[2] == "deleted (3, {'polls.Choice': 2, 'polls.Question': 1})"
