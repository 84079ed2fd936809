"""full_clean(), clean_fields(), clean(), validate_unique() and validate_constraints()."""

import datetime

import pytest

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from tests.db.models.app_models.models import Author, Book, Event, Publisher, Ticket


def errors_of(excinfo):
    return {key: [str(m) for m in value] for key, value in excinfo.value.message_dict.items()}


def test_clean_fields_collects_errors_per_field(using, routed):
    book = Book(title="", genre="Z", pages="many")
    with pytest.raises(ValidationError) as exc:
        book.clean_fields()
    errors = errors_of(exc)
    assert errors["title"] == ["This field cannot be blank."]
    assert errors["genre"] == ["Value 'Z' is not a valid choice."]
    assert errors["pages"] == ["“many” value must be an integer."]
    assert errors["author"] == ["This field cannot be null."]
    book.clean_fields(exclude=["title", "genre", "pages", "author"])


def test_clean_fields_converts_values():
    author = Author(name="x", age="12")
    author.clean_fields()
    assert author.age == 12


def test_full_clean_runs_clean_and_unique(using, routed):
    author = Author.objects.using(using).create(name="A")
    Book.objects.using(using).create(title="T", author=author)
    dup = Book(title="T", author=author)
    with pytest.raises(ValidationError) as exc:
        dup.full_clean()
    assert errors_of(exc) == {NON_FIELD_ERRORS: ["Book with this Title and Author already exists."]}
    assert exc.value.error_dict[NON_FIELD_ERRORS][0].code == "unique_together"
    dup.full_clean(validate_unique=False)


def test_unique_field_error_message(using, routed):
    Publisher.objects.using(using).create(name="P", code="c1")
    with pytest.raises(ValidationError) as exc:
        Publisher(name="P", code="c2").validate_unique()
    assert errors_of(exc) == {"name": ["Publisher with this Name already exists."]}
    assert exc.value.error_dict["name"][0].code == "unique"
    existing = Publisher.objects.using(using).get(name="P")
    existing.validate_unique()  # an object doesn't clash with itself


def test_null_values_skip_unique_checks(using, routed):
    Publisher.objects.using(using).create(name="A", code=None)
    Publisher(name="B", code=None).validate_unique()


def test_unique_for_date(using, routed):
    Event.objects.using(using).create(title="a", when=datetime.date(2020, 5, 1), slug="s")
    with pytest.raises(ValidationError) as exc:
        Event(title="b", when=datetime.date(2020, 5, 1), slug="s").validate_unique()
    assert errors_of(exc) == {"slug": ["Slug must be unique for When date."]}
    Event(title="c", when=datetime.date(2020, 5, 2), slug="s").validate_unique()


def test_clean_hook_errors_go_to_non_field_errors(using, routed):
    from tests.db.models.app_models.models import Strict

    with pytest.raises(ValidationError) as exc:
        Strict(name="bad").full_clean()
    assert errors_of(exc) == {NON_FIELD_ERRORS: ["Bad name"]}


def test_failed_fields_are_excluded_from_unique_checks(using, routed):
    author = Author.objects.using(using).create(name="A")
    Book.objects.using(using).create(title="T", author=author)
    dup = Book(title="T", author=author, genre="?")
    with pytest.raises(ValidationError) as exc:
        dup.full_clean()
    assert set(errors_of(exc)) == {"genre", NON_FIELD_ERRORS}


def test_check_constraint_validation(using, routed):
    ticket = Ticket(name="t", low=5, high=1)
    with pytest.raises(ValidationError) as exc:
        ticket.validate_constraints()
    assert errors_of(exc) == {NON_FIELD_ERRORS: ["Constraint “model_tests_ticket_range” is violated."]}
    Ticket(name="t", low=1, high=5).validate_constraints()
    ticket.validate_constraints(exclude={"low"})


def test_unique_constraint_validation(using, routed):
    Ticket.objects.using(using).create(name="dup", low=1, high=2)
    with pytest.raises(ValidationError) as exc:
        Ticket(name="dup", low=1, high=2).validate_constraints()
    assert errors_of(exc) == {"name": ["Ticket with this Name already exists."]}
    Ticket(name="dup", low=1, high=2).validate_constraints(exclude={"name"})


def test_foreign_key_validate_checks_existence(using, routed):
    field = Book._meta.get_field("author")
    with pytest.raises(ValidationError) as exc:
        field.validate(424242, Book())
    assert [str(m) for m in exc.value.messages] == ["writer instance with id 424242 is not a valid choice."]


def test_check_constraint_requires_condition():
    with pytest.raises(
        TypeError, match="CheckConstraint.condition must be a Q instance or boolean expression."
    ):
        models.CheckConstraint(condition="low < high", name="c")
