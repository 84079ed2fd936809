"""Generic inline formsets and the generic admin inlines built on them."""

import pytest

from django.contrib.contenttypes.forms import BaseGenericInlineFormSet, generic_inlineformset_factory
from django.contrib.contenttypes.models import ContentType
from tests.contrib.contenttypes.ctapp.models import Bookmark, Note, TaggedItem

TagFormSet = generic_inlineformset_factory(TaggedItem, fields=["tag"], extra=2)
PREFIX = "ct_generic-taggeditem-content_type-object_id"


def formset_data(prefix=PREFIX, total=2, initial=0, **rows):
    data = {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial)}
    data.update({f"{prefix}-{key}": value for key, value in rows.items()})
    return data


def test_factory_builds_a_formset_without_the_linking_fields():
    formset = TagFormSet(instance=Bookmark(url="x"))
    assert issubclass(TagFormSet, BaseGenericInlineFormSet)
    assert TagFormSet.get_default_prefix() == PREFIX and formset.prefix == PREFIX
    assert len(formset.forms) == 2
    assert "content_type" not in formset.forms[0].fields and "object_id" not in formset.forms[0].fields
    assert "tag" in formset.forms[0].fields


def test_factory_refuses_a_content_type_field_that_is_not_a_foreign_key_to_content_type():
    with pytest.raises(ValueError, match="is not a ForeignKey to ContentType"):
        generic_inlineformset_factory(TaggedItem, ct_field="tag", fields=["tag"])


def test_unsaved_instance_has_no_initial_forms(gdb):
    assert TagFormSet(instance=Bookmark(url="x")).initial_form_count() == 0
    assert TagFormSet(instance=None).get_queryset().count() == 0


def test_existing_items_are_listed_for_their_object_only(gdb):
    bookmark = Bookmark.objects.create(url="https://a.example")
    note = Note.objects.create(text="same pk")
    mine = bookmark.tags.create(tag="mine")
    note.tags.create(tag="other")
    formset = TagFormSet(instance=bookmark)
    assert formset.initial_form_count() == 1
    assert formset.forms[0].instance == mine
    assert formset.forms[0]["tag"].value() == "mine"


def test_saving_new_forms_attaches_them_to_the_instance(gdb):
    bookmark = Bookmark.objects.create(url="https://a.example")
    formset = TagFormSet(formset_data(**{"0-tag": "django", "1-tag": ""}), instance=bookmark)
    assert formset.is_valid(), formset.errors
    saved = formset.save()
    assert [item.tag for item in saved] == ["django"]
    assert saved[0].content_type == ContentType.objects.get_for_model(Bookmark)
    assert list(bookmark.tags.values_list("tag", flat=True)) == ["django"]


def test_editing_and_deleting_existing_items(gdb):
    bookmark = Bookmark.objects.create(url="https://a.example")
    keep, drop = bookmark.tags.create(tag="keep"), bookmark.tags.create(tag="drop")
    data = formset_data(
        total=2,
        initial=2,
        **{"0-id": str(drop.pk), "0-tag": "drop", "0-DELETE": "on", "1-id": str(keep.pk), "1-tag": "kept"},
    )
    formset = TagFormSet(data, instance=bookmark)
    assert formset.is_valid(), formset.errors
    formset.save()
    assert list(bookmark.tags.values_list("tag", flat=True)) == ["kept"]
    assert [obj.tag for obj in formset.deleted_objects] == ["drop"]


def test_invalid_data_is_reported_per_form(gdb):
    bookmark = Bookmark.objects.create(url="https://a.example")
    formset = TagFormSet(formset_data(**{"0-tag": "not a slug!"}), instance=bookmark)
    assert not formset.is_valid()
    assert "tag" in formset.errors[0]
    assert bookmark.tags.count() == 0


def test_save_as_new_copies_rows_onto_the_new_instance(gdb):
    original = Bookmark.objects.create(url="https://a.example")
    item = original.tags.create(tag="copied")
    copy = Bookmark.objects.create(url="https://copy.example")
    data = formset_data(total=1, initial=1, **{"0-id": str(item.pk), "0-tag": "copied"})
    formset = TagFormSet(data, instance=copy, save_as_new=True)
    assert formset.initial_form_count() == 0
    assert formset.is_valid(), formset.errors
    formset.save()
    assert list(copy.tags.values_list("tag", flat=True)) == ["copied"]
    assert list(original.tags.values_list("tag", flat=True)) == ["copied"]


def _inline(inline_class, **attrs):
    from django.contrib.admin.sites import AdminSite

    cls = type("Inline", (inline_class,), {"model": TaggedItem, **attrs})
    return cls(Bookmark, AdminSite(name="generic_inline_tests"))


def _superuser_request():
    from django.contrib.auth.models import User
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = User(username="boss", is_superuser=True, is_active=True)
    return request


def test_admin_inline_builds_a_generic_formset(gdb):
    from django.contrib.contenttypes.admin import GenericStackedInline, GenericTabularInline

    bookmark = Bookmark.objects.create(url="https://a.example")
    bookmark.tags.create(tag="shown")
    inline = _inline(GenericTabularInline, fields=["tag"], extra=1)
    formset_class = inline.get_formset(_superuser_request(), bookmark)
    assert issubclass(formset_class, BaseGenericInlineFormSet)
    formset = formset_class(instance=bookmark, prefix=formset_class.get_default_prefix())
    assert [form["tag"].value() for form in formset.forms] == ["shown", None]
    assert formset.can_delete
    assert inline.template == "admin/edit_inline/tabular.html"
    assert _inline(GenericStackedInline).template == "admin/edit_inline/stacked.html"


def test_admin_inline_checks():
    from django.contrib.contenttypes.admin import GenericTabularInline

    assert _inline(GenericTabularInline).check() == []
    errors = _inline(GenericTabularInline, ct_field="nope").check()
    assert [e.id for e in errors] == ["admin.E301"]
    errors = _inline(GenericTabularInline, ct_fk_field="nope").check()
    assert [e.id for e in errors] == ["admin.E302"]
    errors = _inline(GenericTabularInline, ct_fk_field="tag").check()
    assert [e.id for e in errors] == ["admin.E304"]
    assert "object ID field 'tag'" in errors[0].msg
