"""GenericRelation: the reverse manager, filtering both ways, and cascading deletes."""

import pytest

from django.contrib.contenttypes.models import ContentType
from django.test.utils import CaptureQueriesContext
from tests.contrib.contenttypes.ctapp.models import Bookmark, Note, TaggedItem


def tags(obj):
    return sorted(t.tag for t in obj.tags.all())


def test_manager_create_and_all_select_only_this_objects_items(gdb):
    bookmark = Bookmark.objects.create(url="https://a.example")
    note = Note.objects.create(text="n")
    # Same pk value, other content type: must not leak into the bookmark's tags.
    assert bookmark.pk == note.pk
    created = bookmark.tags.create(tag="django")
    note.tags.create(tag="python")
    assert created.content_object == bookmark
    assert created.content_type == ContentType.objects.get_for_model(Bookmark)
    assert tags(bookmark) == ["django"] and tags(note) == ["python"]
    assert bookmark.tags.count() == 1


def test_add_bulk_and_one_by_one(gdb):
    bookmark = Bookmark.objects.create(url="https://a.example")
    note = Note.objects.create(text="n")
    moved = note.tags.create(tag="moved")
    bookmark.tags.add(moved)
    moved.refresh_from_db()
    assert moved.content_object == bookmark
    fresh = TaggedItem(tag="fresh")
    with pytest.raises(ValueError, match="isn't saved"):
        bookmark.tags.add(fresh)
    bookmark.tags.add(fresh, bulk=False)
    assert tags(bookmark) == ["fresh", "moved"] and tags(note) == []


def test_add_rejects_other_models(gdb):
    bookmark = Bookmark.objects.create(url="https://a.example")
    with pytest.raises(TypeError, match="'TaggedItem' instance expected"):
        bookmark.tags.add(Note.objects.create(text="n"))


@pytest.mark.parametrize("bulk", [True, False])
def test_remove_and_clear_delete_the_items(gdb, bulk):
    bookmark = Bookmark.objects.create(url="https://a.example")
    a, b, _c = (bookmark.tags.create(tag=t) for t in ("a", "b", "c"))
    bookmark.tags.remove(a, bulk=bulk)
    assert tags(bookmark) == ["b", "c"]
    assert not TaggedItem.objects.filter(pk=a.pk).exists()
    bookmark.tags.clear(bulk=bulk)
    assert tags(bookmark) == [] and TaggedItem.objects.count() == 0
    assert b.pk is not None


def test_set_keeps_common_items_and_replaces_the_rest(gdb):
    bookmark = Bookmark.objects.create(url="https://a.example")
    keep = bookmark.tags.create(tag="keep")
    drop = bookmark.tags.create(tag="drop")
    new = TaggedItem(tag="new")
    bookmark.tags.set([keep, new], bulk=False)
    assert tags(bookmark) == ["keep", "new"]
    assert not TaggedItem.objects.filter(pk=drop.pk).exists()
    # clear=True deletes every current item first (they cannot exist unattached).
    bookmark.tags.set([TaggedItem(tag="other")], bulk=False, clear=True)
    assert tags(bookmark) == ["other"]
    assert not TaggedItem.objects.filter(pk=new.pk).exists()


def test_unsaved_instance_and_direct_assignment_are_refused(gdb):
    with pytest.raises(ValueError, match="primary key"):
        Bookmark(url="x").tags.all()
    with pytest.raises(TypeError, match=r"tags\.set\(\)"):
        Bookmark(url="x").tags = []


def test_get_or_create_and_update_or_create_attach_to_the_object(gdb):
    bookmark = Bookmark.objects.create(url="https://a.example")
    item, created = bookmark.tags.get_or_create(tag="x")
    again, created_again = bookmark.tags.get_or_create(tag="x")
    assert created and not created_again and item == again
    updated, created = bookmark.tags.update_or_create(tag="x", defaults={"tag": "y"})
    assert not created and updated.pk == item.pk and tags(bookmark) == ["y"]


def test_filter_across_the_relation(gdb):
    django_site = Bookmark.objects.create(url="https://djangoproject.example")
    other = Bookmark.objects.create(url="https://other.example")
    note = Note.objects.create(text="n")
    django_site.tags.create(tag="django")
    other.tags.create(tag="python")
    # A note with other's pk tagged "django" must not make `other` match (content type join).
    TaggedItem.objects.create(
        tag="django", content_type=ContentType.objects.get_for_model(Note), object_id=other.pk
    )
    assert note.pk is not None
    assert list(Bookmark.objects.filter(tags__tag="django")) == [django_site]
    assert list(Bookmark.objects.filter(tags__tag__in=["django", "python"]).order_by("url").distinct()) == [
        django_site,
        other,
    ]
    assert Bookmark.objects.exclude(tags__tag="django").get() == other


def test_related_query_name_filters_the_tagged_items(gdb):
    bookmark = Bookmark.objects.create(url="https://djangoproject.example")
    note = Note.objects.create(text="same pk")
    wanted = bookmark.tags.create(tag="django")
    note.tags.create(tag="django")
    assert list(TaggedItem.objects.filter(bookmark__url="https://djangoproject.example")) == [wanted]
    assert list(TaggedItem.objects.filter(bookmark__url__startswith="https://")) == [wanted]


def test_deleting_the_object_deletes_its_items(gdb):
    bookmark = Bookmark.objects.create(url="https://a.example")
    survivor_owner = Note.objects.create(text="n")
    bookmark.tags.create(tag="a")
    bookmark.tags.create(tag="b")
    survivor = survivor_owner.tags.create(tag="c")
    bookmark.delete()
    assert list(TaggedItem.objects.all()) == [survivor]


def test_queryset_delete_cascades_too(gdb):
    for url in ("https://a.example", "https://b.example"):
        Bookmark.objects.create(url=url).tags.create(tag="t")
    Bookmark.objects.all().delete()
    assert TaggedItem.objects.count() == 0


def test_prefetch_related_through_the_relation(gdb):
    first = Bookmark.objects.create(url="https://a.example")
    second = Bookmark.objects.create(url="https://b.example")
    first.tags.create(tag="a1")
    first.tags.create(tag="a2")
    second.tags.create(tag="b1")
    with CaptureQueriesContext(gdb) as queries:
        bookmarks = list(Bookmark.objects.prefetch_related("tags").order_by("url"))
        result = [[t.tag for t in b.tags.all()] for b in bookmarks]
    assert result == [["a1", "a2"], ["b1"]]
    # One query for the bookmarks, one for all their tags (the content type was cached or +1).
    assert len(queries) <= 3


def test_manager_is_written_through_async_methods(gdb):
    from asgiref.sync import async_to_sync

    bookmark = Bookmark.objects.create(url="https://a.example")

    async def create():
        return await bookmark.tags.acreate(tag="async")

    # async_to_sync keeps the thread-sensitive work on this thread (and its connection).
    async_to_sync(create)()
    assert tags(bookmark) == ["async"]


def test_deconstruct_keeps_the_documented_arguments():
    name, path, args, kwargs = Bookmark._meta.get_field("tags").deconstruct()
    assert path == "django.contrib.contenttypes.fields.GenericRelation"
    assert kwargs["object_id_field"] == "object_id" and kwargs["content_type_field"] == "content_type"
    assert "on_delete" not in kwargs and kwargs["related_query_name"] == "bookmark"


def test_count_annotation_across_the_relation(gdb):
    from django.db.models import Count

    busy = Bookmark.objects.create(url="https://busy.example")
    idle = Bookmark.objects.create(url="https://idle.example")
    busy.tags.create(tag="a")
    busy.tags.create(tag="b")
    # A note's tag carrying idle's pk is not idle's tag.
    note_type = ContentType.objects.get_for_model(Note)
    TaggedItem.objects.create(tag="x", content_type=note_type, object_id=idle.pk)
    counts = dict(Bookmark.objects.annotate(n=Count("tags")).values_list("url", "n"))
    assert counts == {busy.url: 2, idle.url: 0}


def test_prefetch_object_with_queryset_and_to_attr(gdb):
    from django.db.models import Prefetch

    bookmark = Bookmark.objects.create(url="https://a.example")
    for tag in ("keep-1", "drop", "keep-2"):
        bookmark.tags.create(tag=tag)
    lookup = Prefetch("tags", queryset=TaggedItem.objects.filter(tag__startswith="keep"), to_attr="kept")
    fetched = Bookmark.objects.prefetch_related(lookup).get()
    assert [t.tag for t in fetched.kept] == ["keep-1", "keep-2"]
    plain = Bookmark.objects.prefetch_related(Prefetch("tags", TaggedItem.objects.filter(tag="drop"))).get()
    with CaptureQueriesContext(gdb) as queries:
        assert [t.tag for t in plain.tags.all()] == ["drop"]
    assert len(queries) == 0
