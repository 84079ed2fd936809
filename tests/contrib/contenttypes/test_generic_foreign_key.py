"""GenericForeignKey: assignment, lookup, prefetch_related() per content type, and its checks."""

import pytest

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db import models
from django.test.utils import CaptureQueriesContext, isolate_apps
from tests.contrib.contenttypes.ctapp.models import Bookmark, Note, ProxyNote, TaggedItem


def test_assignment_sets_both_columns_and_reads_back(gdb):
    note = Note.objects.create(text="n")
    item = TaggedItem(tag="t", content_object=note)
    assert item.content_type == ContentType.objects.get_for_model(Note)
    assert item.object_id == note.pk
    item.save()
    fetched = TaggedItem.objects.get(pk=item.pk)
    assert fetched.content_object == note
    item.content_object = None
    assert item.content_type_id is None and item.object_id is None and item.content_object is None


def test_proxy_objects_use_the_concrete_content_type(gdb):
    proxy = ProxyNote.objects.create(text="p")
    item = TaggedItem.objects.create(tag="t", content_object=proxy)
    assert item.content_type.model == "note"
    assert TaggedItem.objects.get(pk=item.pk).content_object == Note.objects.get(pk=proxy.pk)


def dangling_item():
    """A tag whose note does not exist (deleting a note would delete its tags too)."""
    note_type = ContentType.objects.get_for_model(Note)
    return TaggedItem.objects.create(tag="t", content_type=note_type, object_id=987654)


def test_missing_target_reads_as_none(gdb):
    item = dangling_item()
    assert TaggedItem.objects.get(pk=item.pk).content_object is None


def test_changing_the_id_drops_the_cached_object(gdb):
    first, second = Note.objects.create(text="1"), Note.objects.create(text="2")
    item = TaggedItem.objects.create(tag="t", content_object=first)
    item.object_id = second.pk
    assert item.content_object == second


def test_prefetch_content_object_runs_one_query_per_content_type(gdb):
    bookmarks = [Bookmark.objects.create(url=f"https://{i}.example") for i in range(3)]
    notes = [Note.objects.create(text=str(i)) for i in range(2)]
    for target in [*bookmarks, *notes]:
        target.tags.create(tag="t")
    ContentType.objects.get_for_models(Bookmark, Note)  # warm the cache: count only object queries
    with CaptureQueriesContext(gdb) as queries:
        items = list(TaggedItem.objects.prefetch_related("content_object").order_by("id"))
        targets = [item.content_object for item in items]
    assert targets == [*bookmarks, *notes]
    assert len(queries) == 3  # the items, the bookmarks, the notes


def test_prefetch_leaves_dangling_references_as_none_without_queries(gdb):
    dangling_item()
    items = list(TaggedItem.objects.prefetch_related("content_object"))
    with CaptureQueriesContext(gdb) as queries:
        assert items[0].content_object is None
    assert len(queries) == 0


def test_generic_prefetch_applies_a_queryset_per_model(gdb):
    Bookmark.objects.create(url="https://keep.example").tags.create(tag="b")
    Bookmark.objects.create(url="https://skip.example").tags.create(tag="b")
    Note.objects.create(text="n").tags.create(tag="n")
    lookup = GenericPrefetch(
        "content_object",
        [Bookmark.objects.filter(url__contains="keep"), Note.objects.all()],
    )
    items = list(TaggedItem.objects.prefetch_related(lookup).order_by("id"))
    assert [str(item.content_object) for item in items] == ["https://keep.example", "None", "n"]


def test_generic_prefetch_refuses_two_querysets_for_one_model(gdb):
    Note.objects.create(text="n").tags.create(tag="n")
    lookup = GenericPrefetch("content_object", [Note.objects.all(), Note.objects.all()])
    with pytest.raises(ValueError, match="Only one queryset"):
        list(TaggedItem.objects.prefetch_related(lookup))


def test_generic_foreign_key_cannot_be_filtered_on(gdb):
    from django.core.exceptions import FieldError

    with pytest.raises(FieldError, match="GenericRelation"):
        list(Bookmark.objects.filter(tags__content_object__url="x"))


def test_well_formed_models_pass_the_checks():
    assert TaggedItem.check() == [] and Bookmark.check() == [] and Note.check() == []


@isolate_apps("tests.contrib.contenttypes.ctapp")
def test_check_object_id_field_missing_is_e001():
    class Broken(models.Model):
        content_type = models.ForeignKey(ContentType, models.CASCADE)
        target = GenericForeignKey()

        class Meta:
            app_label = "ct_generic"

    errors = Broken._meta.get_field("target").check()
    assert [e.id for e in errors] == ["contenttypes.E001"]
    assert "object_id" in errors[0].msg


@isolate_apps("tests.contrib.contenttypes.ctapp")
def test_check_content_type_field_missing_is_e002():
    class Broken(models.Model):
        object_id = models.PositiveIntegerField()
        target = GenericForeignKey()

        class Meta:
            app_label = "ct_generic"

    assert [e.id for e in Broken._meta.get_field("target").check()] == ["contenttypes.E002"]


@isolate_apps("tests.contrib.contenttypes.ctapp")
def test_check_content_type_not_a_foreign_key_is_e003():
    class Broken(models.Model):
        content_type = models.IntegerField()
        object_id = models.PositiveIntegerField()
        target = GenericForeignKey()

        class Meta:
            app_label = "ct_generic"

    errors = Broken._meta.get_field("target").check()
    assert [e.id for e in errors] == ["contenttypes.E003"]
    assert errors[0].msg == "'Broken.content_type' is not a ForeignKey."


@isolate_apps("tests.contrib.contenttypes.ctapp")
def test_check_content_type_foreign_key_to_another_model_is_e004():
    class Other(models.Model):
        class Meta:
            app_label = "ct_generic"

    class Broken(models.Model):
        content_type = models.ForeignKey(Other, models.CASCADE)
        object_id = models.PositiveIntegerField()
        target = GenericForeignKey()

        class Meta:
            app_label = "ct_generic"

    errors = Broken._meta.get_field("target").check()
    assert [e.id for e in errors] == ["contenttypes.E004"]
    assert "contenttypes.ContentType" in errors[0].msg


@isolate_apps("tests.contrib.contenttypes.ctapp")
def test_check_generic_relation_to_a_model_without_generic_foreign_key():
    class Plain(models.Model):
        object_id = models.PositiveIntegerField()

        class Meta:
            app_label = "ct_generic"

    class Owner(models.Model):
        items = GenericRelation(Plain)

        class Meta:
            app_label = "ct_generic"

    errors = Owner._meta.get_field("items").check()
    assert [e.id for e in errors] == ["contenttypes.E004"]
    assert "does not have a GenericForeignKey" in errors[0].msg


@isolate_apps("tests.contrib.contenttypes.ctapp")
def test_check_field_name_ending_in_underscore():
    class Broken(models.Model):
        content_type = models.ForeignKey(ContentType, models.CASCADE)
        object_id = models.PositiveIntegerField()
        target_ = GenericForeignKey()

        class Meta:
            app_label = "ct_generic"

    assert [e.id for e in Broken._meta.get_field("target_").check()] == ["fields.E001"]
