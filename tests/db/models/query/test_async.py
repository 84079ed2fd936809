"""The async QuerySet API (a* methods, async for, aiterator) derived from the sync methods."""

from __future__ import annotations

import asyncio

import pytest

from django.db.models import Count

from .qapp.models import Book, Publisher, Tag


def run(coroutine_function):
    # async_to_sync runs thread-sensitive sync code back in this thread: same connection.
    from asgiref.sync import async_to_sync

    return async_to_sync(coroutine_function)()


@pytest.fixture
def shop(qdb):
    acme = Publisher.objects.create(name="Acme")
    for title in ["a", "b", "c"]:
        Book.objects.create(title=title, publisher=acme)
    return acme


def test_async_methods_mirror_sync_ones(shop):
    async def scenario():
        assert await Book.objects.acount() == 3
        assert (await Book.objects.aget(title="b")).title == "b"
        assert await Book.objects.filter(title="a").aexists()
        assert (await Book.objects.order_by("title").afirst()).title == "a"
        assert (await Book.objects.order_by("title").alast()).title == "c"
        assert await Book.objects.aaggregate(n=Count("id")) == {"n": 3}
        tag, created = await Tag.objects.aget_or_create(name="x")
        assert created
        assert await Tag.objects.filter(name="x").aupdate(name="y") == 1
        assert await Tag.objects.acontains(tag)
        assert len(await Book.objects.ain_bulk()) == 3
        deleted, _ = await Tag.objects.all().adelete()
        assert deleted == 1
        with pytest.raises(Book.DoesNotExist):
            await Book.objects.aget(title="zzz")

    run(scenario)


def test_async_iteration(shop):
    async def scenario():
        titles = [b.title async for b in Book.objects.order_by("title")]
        streamed = [b.title async for b in Book.objects.order_by("-title").aiterator(chunk_size=2)]
        return titles, streamed

    assert run(scenario) == (["a", "b", "c"], ["c", "b", "a"])


def test_async_methods_are_named_and_documented():
    from django.db.models.query import QuerySet

    for name in ("aget", "acreate", "acount", "abulk_create", "aupdate_or_create", "aexplain"):
        method = getattr(QuerySet, name)
        assert method.__name__ == name
        assert asyncio.iscoroutinefunction(method)
    assert QuerySet.adelete.queryset_only is True
