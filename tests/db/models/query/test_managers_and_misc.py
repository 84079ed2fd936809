"""QuerySet as a manager, random ordering, lookups from the auth/admin style of use."""

from __future__ import annotations

import copy

import pytest

from django.db import models

from .qapp.models import Author, Book, Publisher, Tag


class TagQuerySet(models.QuerySet):
    def starting(self, letter):
        return self.filter(name__startswith=letter)


def test_as_manager_exposes_custom_methods(qdb):
    manager = TagQuerySet.as_manager()
    manager.model = Tag
    manager.name = "custom"
    Tag.objects.create(name="apple")
    Tag.objects.create(name="banana")
    assert [t.name for t in manager.starting("a")] == ["apple"]
    assert [t.name for t in manager.all().starting("b")] == ["banana"]
    assert isinstance(manager.all(), TagQuerySet)


def test_random_ordering_returns_every_row(qdb):
    for name in "abc":
        Tag.objects.create(name=name)
    assert sorted(t.name for t in Tag.objects.order_by("?")) == ["a", "b", "c"]


def test_values_list_across_relations_with_cleared_ordering(qdb):
    acme = Publisher.objects.create(name="Acme")
    Book.objects.create(title="x", publisher=acme)
    rows = list(Book.objects.values_list("publisher__name", "title").order_by())
    assert rows == [("Acme", "x")]


def test_deepcopy_and_class_getitem(qdb):
    Tag.objects.create(name="a")
    qs = Tag.objects.filter(name="a")
    clone = copy.deepcopy(qs)
    assert [t.name for t in clone] == ["a"]
    assert models.QuerySet[Tag] is models.QuerySet


def test_search_style_or_of_icontains_with_distinct(qdb):
    ann = Author.objects.create(name="Ann")
    for title in ["Python", "Pythonic ways"]:
        Book.objects.create(title=title).authors.add(ann)
    terms = models.Q(title__icontains="python") | models.Q(authors__name__icontains="ann")
    assert Book.objects.filter(terms).distinct().count() == 2


def test_has_filters(qdb):
    assert not Tag.objects.all().query.has_filters()
    assert Tag.objects.filter(name="a").query.has_filters()
    assert Tag.objects.filter(name="a")._has_filters()


def test_exists_and_count_on_sliced_and_empty_in(qdb):
    Tag.objects.create(name="a")
    assert Tag.objects.all()[:1].exists()
    assert not Tag.objects.all()[1:].exists()
    assert Tag.objects.filter(name__in=[]).count() == 0


def test_none_in_combinations(qdb):
    Tag.objects.create(name="a")
    assert list(Tag.objects.none() | Tag.objects.all()) == list(Tag.objects.all())
    assert list(Tag.objects.all() & Tag.objects.none()) == []
    assert [t.name for t in Tag.objects.none().union(Tag.objects.all())] == ["a"]


def test_operations_after_union_are_refused_but_ordering_is_allowed(qdb):
    from django.db import NotSupportedError

    Tag.objects.create(name="a")
    combined = Tag.objects.all().union(Tag.objects.all())
    assert [t.name for t in combined.order_by("name")] == ["a"]
    calls = {
        "filter": lambda: combined.filter(name="a"),
        "exclude": lambda: combined.exclude(name="a"),
        "annotate": lambda: combined.annotate(x=models.Value(1)),
        "distinct": lambda: combined.distinct(),
    }
    for method, call in calls.items():
        with pytest.raises(
            NotSupportedError, match=f"Calling QuerySet.{method}\\(\\) after union\\(\\) is not supported."
        ):
            call()
