"""select_related() (one query) and prefetch_related() (one query per relation)."""

from __future__ import annotations

import pytest

from django.core.exceptions import FieldError
from django.db.models import Prefetch, prefetch_related_objects

from .qapp.models import Author, Book, Profile, Publisher, Tag


@pytest.fixture
def shop(qdb):
    acme = Publisher.objects.create(name="Acme")
    zeta = Publisher.objects.create(name="Zeta")
    ann = Author.objects.create(name="Ann")
    bob = Author.objects.create(name="Bob")
    Profile.objects.create(author=ann, bio="hi")
    for i, (pub, editor) in enumerate([(acme, ann), (acme, None), (zeta, bob)]):
        book = Book.objects.create(title=f"b{i}", publisher=pub, editor=editor)
        book.authors.add(ann if i % 2 == 0 else bob)
    return {"acme": acme, "ann": ann, "bob": bob}


def test_select_related_is_one_query(shop, queries):
    with queries() as captured:
        books = list(Book.objects.select_related("publisher", "editor").order_by("title"))
        names = [(b.publisher.name, b.editor.name if b.editor else None) for b in books]
    assert names == [("Acme", "Ann"), ("Acme", None), ("Zeta", "Bob")]
    assert len(captured) == 1


def test_select_related_on_a_nullable_self_relation(qdb, queries):
    root = Tag.objects.create(name="root")
    Tag.objects.create(name="child", parent=root)
    with queries() as captured:
        tags = list(Tag.objects.select_related("parent"))
        assert [t.parent.name if t.parent else None for t in tags] == ["root", None]
    assert len(captured) == 1


def test_nested_and_reverse_one_to_one_select_related(shop, queries):
    with queries() as captured:
        book = Book.objects.select_related("editor__profile").get(title="b0")
        assert book.editor.profile.bio == "hi"
    assert len(captured) == 1
    with queries() as captured:
        author = Author.objects.select_related("profile").get(name="Ann")
        assert author.profile.bio == "hi"
    assert len(captured) == 1


def test_select_related_errors_list_choices(shop):
    with pytest.raises(FieldError) as info:
        list(Book.objects.select_related("nope"))
    assert str(info.value) == (
        "Invalid field name(s) given in select_related: 'nope'. Choices are: publisher, editor"
    )
    with pytest.raises(FieldError, match="Non-relational field given in select_related: 'title'"):
        list(Book.objects.select_related("title"))


def test_prefetch_related_one_query_per_relation(shop, queries):
    with queries() as captured:
        pubs = list(Publisher.objects.prefetch_related("books__authors").order_by("name"))
        titles = {p.name: sorted(b.title for b in p.books.all()) for p in pubs}
        authors = sorted(a.name for p in pubs for b in p.books.all() for a in b.authors.all())
    assert titles == {"Acme": ["b0", "b1"], "Zeta": ["b2"]}
    assert authors == ["Ann", "Ann", "Bob"]
    assert len(captured) == 3


def test_prefetch_object_with_queryset_and_to_attr(shop, queries):
    with queries() as captured:
        pubs = list(
            Publisher.objects.prefetch_related(
                Prefetch("books", queryset=Book.objects.filter(editor__isnull=False), to_attr="edited_books")
            ).order_by("name")
        )
        got = {p.name: [b.title for b in p.edited_books] for p in pubs}
    assert got == {"Acme": ["b0"], "Zeta": ["b2"]}
    assert len(captured) == 2


def test_prefetch_foreign_key_and_many_to_many(shop, queries):
    with queries() as captured:
        books = list(Book.objects.prefetch_related("publisher", "authors").order_by("title"))
        rows = [(b.publisher.name, [a.name for a in b.authors.all()]) for b in books]
    assert rows == [("Acme", ["Ann"]), ("Acme", ["Bob"]), ("Zeta", ["Ann"])]
    assert len(captured) == 3


def test_prefetch_related_objects_on_a_list(shop, queries):
    authors = list(Author.objects.order_by("name"))
    with queries() as captured:
        prefetch_related_objects(authors, "books")
        assert [len(a.books.all()) for a in authors] == [2, 1]
    assert len(captured) == 1


def test_invalid_prefetch_lookup(shop):
    with pytest.raises(AttributeError, match="Cannot find 'nothing' on Publisher object"):
        list(Publisher.objects.prefetch_related("nothing"))
    with pytest.raises(ValueError, match="'name' does not resolve to an item that supports prefetching"):
        list(Publisher.objects.prefetch_related("name"))


def test_iterator_with_prefetch_runs_one_prefetch_per_chunk(shop, queries):
    with queries() as captured:
        books = list(Book.objects.prefetch_related("authors").order_by("title").iterator(chunk_size=2))
        assert [[a.name for a in b.authors.all()] for b in books] == [["Ann"], ["Bob"], ["Ann"]]
    # One query for the books, then one authors query per chunk of two books.
    assert len(captured) == 3


def test_deferring_a_followed_relation_is_an_error(shop):
    with pytest.raises(FieldError, match="cannot be both deferred and traversed using select_related"):
        list(Book.objects.select_related("publisher").only("title"))


def test_filter_by_related_instance_in_both_directions(shop):
    ann = shop["ann"]
    assert sorted(b.title for b in Book.objects.filter(authors=ann)) == ["b0", "b2"]
    assert sorted(b.title for b in Book.objects.exclude(authors=ann)) == ["b1"]
    assert sorted(a.name for a in Author.objects.filter(books__in=Book.objects.filter(title="b1"))) == ["Bob"]
    with pytest.raises(ValueError, match='Cannot query "Acme": Must be "Author" instance.'):
        list(Book.objects.filter(authors=shop["acme"]))
