"""ModelForm, model formsets and inline formsets against a real database (every reachable backend)."""

from __future__ import annotations

import pytest

from django import forms
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.forms.models import fields_for_model, inlineformset_factory, model_to_dict, modelformset_factory

from .formsapp.models import Author, Book, Tag


class _Pin:
    def __init__(self, alias):
        self.alias = alias

    def db_for_read(self, model, **hints):
        return self.alias

    def db_for_write(self, model, **hints):
        return self.alias

    def allow_relation(self, *args, **hints):
        return True


@pytest.fixture
def db(connection, create_tables, monkeypatch):
    """The form tests' tables on the database under test, with every query routed to it."""
    from django.db import router

    monkeypatch.setattr(router, "routers", [_Pin(connection.alias)])
    create_tables(Author, Tag, Book)
    return connection.alias


class BookForm(forms.ModelForm):
    class Meta:
        model = Book
        fields = ["title", "author", "tags", "pages", "genre", "published"]
        labels = {"title": "Book title"}
        help_texts = {"pages": "How long"}
        widgets = {"published": forms.DateInput(attrs={"type": "date"})}
        error_messages = {"title": {"required": "A title please"}}


def test_model_fields_map_to_form_fields():
    """Model fields become the documented form fields with labels, choices, blank and defaults."""
    form = BookForm()
    fields = form.fields
    assert isinstance(fields["title"], forms.CharField) and fields["title"].max_length == 100
    assert isinstance(fields["author"], forms.ModelChoiceField)
    assert isinstance(fields["tags"], forms.ModelMultipleChoiceField) and not fields["tags"].required
    assert isinstance(fields["pages"], forms.IntegerField) and fields["pages"].initial == 100
    assert isinstance(fields["genre"], forms.TypedChoiceField)
    assert list(fields["genre"].choices) == [("f", "Fiction"), ("n", "Non-fiction")]
    assert isinstance(fields["published"], forms.DateField) and not fields["published"].required
    assert form["title"].label == "Book title" and fields["pages"].help_text == "How long"
    assert fields["published"].widget.input_type == "date"
    assert "created" not in fields  # auto_now_add fields are not editable


def test_meta_requires_fields_or_exclude_and_known_names():
    """A ModelForm needs fields or exclude; unknown names raise FieldError."""
    with pytest.raises(ImproperlyConfigured):

        class NoFields(forms.ModelForm):
            class Meta:
                model = Author

    with pytest.raises(FieldError, match="Unknown field"):

        class Bad(forms.ModelForm):
            class Meta:
                model = Author
                fields = ["nope"]

    with pytest.raises(TypeError):

        class Stringy(forms.ModelForm):
            class Meta:
                model = Author
                fields = "name"


def test_fields_all_exclude_and_field_classes():
    """'__all__', exclude, field_classes, localized_fields and formfield_callback shape the fields."""
    Form = forms.modelform_factory(Author, fields="__all__")
    assert list(Form.base_fields) == ["name", "email"]
    Form = forms.modelform_factory(Author, exclude=["email"], field_classes={"name": forms.SlugField})
    assert list(Form.base_fields) == ["name"] and isinstance(Form.base_fields["name"], forms.SlugField)
    Form = forms.modelform_factory(
        Author, fields=["name"], formfield_callback=lambda f, **kw: forms.CharField(label="cb", **kw)
    )
    assert Form.base_fields["name"].label == "cb"
    assert fields_for_model(Book, fields=["pages"], localized_fields="__all__")["pages"].localize


def test_save_creates_and_updates(db):
    """save() inserts a new instance or updates the bound one; commit=False defers save_m2m."""
    author = Author.objects.create(name="Ann")
    tag = Tag.objects.create(name="t1")
    form = BookForm(
        {"title": "One", "author": str(author.pk), "tags": [str(tag.pk)], "pages": "10", "genre": "n"}
    )
    assert form.is_valid(), form.errors
    book = form.save()
    assert Book.objects.get(pk=book.pk).pages == 10 and list(book.tags.all()) == [tag]
    form = BookForm({"title": "One!", "author": str(author.pk), "pages": "12", "genre": "f"}, instance=book)
    assert form.initial["title"] == "One" and form.is_valid()
    unsaved = form.save(commit=False)
    assert Book.objects.get(pk=book.pk).title == "One"
    unsaved.save()
    form.save_m2m()
    book.refresh_from_db()
    assert book.title == "One!" and list(book.tags.all()) == []


def test_invalid_form_refuses_to_save(db):
    """save() on invalid data raises ValueError naming the model."""
    form = BookForm({"title": ""})
    assert form.errors["title"] == ["A title please"]
    with pytest.raises(ValueError, match="The Book could not be created because the data didn't validate."):
        form.save()


def test_model_validation_unique_and_unique_together_and_constraints(db):
    """_post_clean runs model validation: unique, unique_together and check constraints."""
    author = Author.objects.create(name="Ann")
    AuthorForm = forms.modelform_factory(Author, fields=["name"])
    form = AuthorForm({"name": "Ann"})
    assert form.errors["name"] == ["Author with this Name already exists."]
    Book.objects.create(title="T", author=author)
    form = BookForm({"title": "T", "author": str(author.pk), "pages": "1", "genre": "f"})
    assert not form.is_valid()
    assert form.non_field_errors() == ["Book with this Author and Title already exists."]
    form = BookForm({"title": "U", "author": str(author.pk), "pages": "9999", "genre": "f"})
    assert not form.is_valid()
    assert "formsapp_book_pages_lt_5000" in str(form.non_field_errors())


def test_model_choice_field_choices_and_to_field_name(db):
    """ModelChoiceField lists the queryset, validates membership and can key on another field."""
    ann = Author.objects.create(name="Ann")
    Author.objects.create(name="Bob")
    field = forms.ModelChoiceField(Author.objects.all(), to_field_name="name")
    assert [str(label) for _v, label in field.choices] == ["---------", "Ann", "Bob"]
    assert field.clean("Ann") == ann
    with pytest.raises(forms.ValidationError) as info:
        field.clean("Zed")
    assert info.value.messages == ["Select a valid choice. That choice is not one of the available choices."]
    field = forms.ModelChoiceField(Author.objects.all())
    field.label_from_instance = lambda obj: obj.name.upper()
    assert [label for _v, label in field.choices][1:] == ["ANN", "BOB"]
    assert 'value="%s"' % ann.pk in field.widget.render("a", ann.pk)
    with pytest.raises(forms.ValidationError):
        field.clean("not-a-number")


def test_model_multiple_choice_field(db):
    """ModelMultipleChoiceField returns a queryset and reports the bad value."""
    a = Tag.objects.create(name="a")
    b = Tag.objects.create(name="b")
    field = forms.ModelMultipleChoiceField(Tag.objects.all())
    assert set(field.clean([str(a.pk), str(b.pk)])) == {a, b}
    with pytest.raises(forms.ValidationError) as info:
        field.clean([str(a.pk), "999999"])
    assert info.value.messages == ["Select a valid choice. 999999 is not one of the available choices."]
    with pytest.raises(forms.ValidationError) as info:
        field.clean("x")
    assert info.value.code in ("invalid_list", "invalid_pk_value")
    assert list(forms.ModelMultipleChoiceField(Tag.objects.all(), required=False).clean([])) == []


def test_model_to_dict(db):
    """model_to_dict returns editable field values, many-to-many as lists."""
    author = Author.objects.create(name="Ann", email="a@example.com")
    assert model_to_dict(author) == {
        "id": author.pk,
        "name": "Ann",
        "email": "a@example.com",
    } or model_to_dict(author) == {"name": "Ann", "email": "a@example.com"}
    assert model_to_dict(author, fields=["name"]) == {"name": "Ann"}


def test_model_formset_edits_adds_and_deletes(db):
    """A model formset shows the queryset, saves changes, new objects and deletions."""
    a = Author.objects.create(name="Ann")
    b = Author.objects.create(name="Bob")
    FS = modelformset_factory(Author, fields=["name"], extra=1, can_delete=True)
    fs = FS()
    assert len(fs.forms) == 3 and fs.forms[0].instance == a
    data = {
        "form-TOTAL_FORMS": "3", "form-INITIAL_FORMS": "2",
        "form-0-id": str(a.pk), "form-0-name": "Anne",
        "form-1-id": str(b.pk), "form-1-name": "Bob", "form-1-DELETE": "on",
        "form-2-id": "", "form-2-name": "Cy",
    }  # fmt: skip
    fs = FS(data)
    assert fs.is_valid(), (fs.errors, fs.non_form_errors())
    saved = fs.save()
    assert sorted(o.name for o in saved) == ["Anne", "Cy"]
    assert sorted(Author.objects.values_list("name", flat=True)) == ["Anne", "Cy"]
    assert [o.name for o in fs.deleted_objects] == [b.name]


def test_model_formset_duplicate_data_error(db):
    """Two forms with the same unique value give 'Please correct the duplicate data for name.'."""
    FS = modelformset_factory(Author, fields=["name"], extra=2)
    fs = FS({"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0", "form-0-name": "X", "form-1-name": "X"})
    assert not fs.is_valid()
    assert fs.non_form_errors() == ["Please correct the duplicate data for name."]
    assert fs.forms[1].non_field_errors() == ["Please correct the duplicate values below."]


def test_inline_formset_saves_children_of_parent(db):
    """An inline formset edits the parent's children; the FK is set from the parent instance."""
    ann = Author.objects.create(name="Ann")
    Book.objects.create(title="Old", author=ann)
    FS = inlineformset_factory(Author, Book, fields=["title", "pages", "genre"], extra=1)
    fs = FS(instance=ann)
    assert fs.prefix == "books" and len(fs.forms) == 2
    old = ann.books.get()
    data = {
        "books-TOTAL_FORMS": "2", "books-INITIAL_FORMS": "1",
        "books-0-id": str(old.pk), "books-0-author": str(ann.pk), "books-0-title": "Old", "books-0-pages": "5",
        "books-0-genre": "f",
        "books-1-title": "New", "books-1-pages": "7", "books-1-genre": "n",
    }  # fmt: skip
    fs = FS(data, instance=ann)
    assert fs.is_valid(), (fs.errors, fs.non_form_errors())
    fs.save()
    assert sorted(ann.books.values_list("title", "pages")) == [("New", 7), ("Old", 5)]


def test_inline_formset_fk_resolution_errors():
    """inlineformset_factory refuses models with no FK to the parent and bad fk_name."""
    with pytest.raises(ValueError, match="has no ForeignKey to"):
        inlineformset_factory(Tag, Book, fields=["title"])
    with pytest.raises(ValueError, match="no field named"):
        inlineformset_factory(Author, Book, fk_name="nope", fields=["title"])
    FS = inlineformset_factory(Author, Book, fk_name="author", fields=["title"])
    assert FS.fk.name == "author"


def test_limit_choices_to_and_radio_select_empty_label(db):
    """A model field's limit_choices_to filters the form's queryset; RadioSelect drops the empty choice."""
    from django.db import models

    Author.objects.create(name="Ann")
    Author.objects.create(name="Bob")

    class Limited(forms.ModelForm):
        class Meta:
            model = Book
            fields = ["author"]

    form = Limited()
    form.fields["author"].limit_choices_to = models.Q(name="Bob")
    from django.forms.models import apply_limit_choices_to_to_formfield

    apply_limit_choices_to_to_formfield(form.fields["author"])
    assert [str(label) for _v, label in form.fields["author"].choices] == ["---------", "Bob"]
    radio = forms.ModelChoiceField(Author.objects.order_by("name"), widget=forms.RadioSelect)
    assert [str(label) for _v, label in radio.choices] == ["Ann", "Bob"]
    assert radio.has_changed(None, "") is False


def test_model_choice_field_copies_queryset_per_form(db):
    """Each form gets its own queryset copy, evaluated afresh (new rows appear)."""

    class Pick(forms.Form):
        author = forms.ModelChoiceField(Author.objects.order_by("name"))

    assert len(list(Pick().fields["author"].choices)) == 1
    Author.objects.create(name="Zed")
    assert [str(label) for _v, label in Pick().fields["author"].choices] == ["---------", "Zed"]


def test_every_installed_model_gets_a_model_form():
    """modelform_factory(fields='__all__') works for every installed model, and its non-relational
    fields render (GenericForeignKey and other non-field private attributes are skipped)."""
    from django.apps import apps

    for model in apps.get_models():
        form = forms.modelform_factory(model, fields="__all__")()
        for bound_field in form:
            if not hasattr(bound_field.field, "queryset"):
                assert bound_field.html_name in str(bound_field)
