"""makemigrations asks before renaming a model or a field, and follows the answer read from stdin."""

from __future__ import annotations

from .conftest import MODELS_V1


def _initial(project):
    assert project.manage("makemigrations", "polls").returncode == 0
    assert project.manage("migrate").returncode == 0


def test_field_rename_accepted_keeps_the_data(sqlite_project):
    _initial(sqlite_project)
    sqlite_project.manage(
        "shell",
        "-c",
        "from polls.models import Question as Q; from django.utils import timezone; "
        "Q.objects.create(question_text='kept?', pub_date=timezone.now())",
    )
    sqlite_project.write("polls/models.py", MODELS_V1.replace("question_text =", "text ="))
    made = sqlite_project.manage("makemigrations", "polls", stdin="y\n")
    assert made.returncode == 0, made.output
    assert "Was question.question_text renamed to question.text (a CharField)? [y/N]" in made.output
    assert "0002_rename_question_text_question_text.py" in made.output
    assert sqlite_project.manage("migrate").returncode == 0
    shown = sqlite_project.manage(
        "shell",
        "-c",
        "from polls.models import Question as Q; print(list(Q.objects.values_list('text', flat=True)))",
    )
    assert "['kept?']" in shown.out


def test_field_rename_refused_removes_and_adds(sqlite_project):
    _initial(sqlite_project)
    sqlite_project.write("polls/models.py", MODELS_V1.replace("choice_text =", "label ="))
    # Refused: the new NOT NULL column then needs a one-off default (option 1, then the value).
    made = sqlite_project.manage("makemigrations", "polls", stdin="n\n1\n'x'\n")
    assert made.returncode == 0, made.output
    text = sorted((sqlite_project.root / "polls" / "migrations").glob("0002_*.py"))[0].read_text()
    assert "migrations.RemoveField(" in text and "migrations.AddField(" in text


def test_model_rename_accepted(sqlite_project):
    _initial(sqlite_project)
    renamed = MODELS_V1.replace("class Choice", "class Option")
    sqlite_project.write("polls/models.py", renamed)
    made = sqlite_project.manage("makemigrations", "polls", stdin="y\n")
    assert made.returncode == 0, made.output
    assert "Was the model polls.Choice renamed to Option? [y/N]" in made.output
    assert "0002_rename_choice_option.py" in made.output
    assert sqlite_project.manage("migrate").returncode == 0


def test_questions_on_a_closed_stdin_end_with_a_message_and_status_1(sqlite_project):
    _initial(sqlite_project)
    sqlite_project.write("polls/models.py", MODELS_V1.replace("choice_text =", "label ="))
    made = sqlite_project.manage("makemigrations", "polls", stdin="")
    assert made.returncode == 1
    assert "No answer: the input ended." in made.output and "Traceback" not in made.output
    assert sqlite_project.migration_files() == ["0001_initial.py"]
