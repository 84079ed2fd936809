"""django.core.paginator: Paginator, Page, errors, orphans, elided ranges, AsyncPaginator."""

import asyncio
import warnings

import pytest
from hypothesis import given
from hypothesis import strategies as st

from django.core.paginator import (
    AsyncPaginator,
    EmptyPage,
    InvalidPage,
    Page,
    PageNotAnInteger,
    Paginator,
    UnorderedObjectListWarning,
)
from django.utils.deprecation import RemovedInDjango70Warning


class CountedList:
    """A sliceable object with a count() method, like a QuerySet."""

    def __init__(self, items):
        self.items = items
        self.count_calls = 0

    def count(self):
        self.count_calls += 1
        return len(self.items)

    def __getitem__(self, index):
        return self.items[index]


class TestPaginator:
    @pytest.mark.parametrize(
        "count,per_page,orphans,allow_empty,expected",
        [
            (10, 10, 0, True, (10, 1)),
            (10, 4, 0, True, (10, 3)),
            (10, 4, 1, True, (10, 3)),
            (10, 4, 2, True, (10, 2)),
            (10, 20, 0, True, (10, 1)),
            (0, 10, 0, True, (0, 1)),
            (0, 10, 0, False, (0, 0)),
            (1, 4, 1, False, (1, 1)),
            (23, 10, 3, True, (23, 2)),
        ],
    )
    def test_count_and_num_pages(self, count, per_page, orphans, allow_empty, expected):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            paginator = Paginator(list(range(count)), per_page, orphans, allow_empty)
        assert (paginator.count, paginator.num_pages) == expected
        assert list(paginator.page_range) == list(range(1, expected[1] + 1))

    def test_orphans_join_the_last_page(self):
        paginator = Paginator(list(range(23)), 10, orphans=3)
        assert list(paginator.page(2)) == list(range(10, 23))

    def test_orphans_not_smaller_than_per_page_is_deprecated(self):
        with pytest.warns(RemovedInDjango70Warning, match="orphans"):
            Paginator([1, 2], 2, orphans=2)

    def test_uses_count_method_once(self):
        items = CountedList(list(range(30)))
        paginator = Paginator(items, 10)
        assert paginator.count == 30 and paginator.num_pages == 3
        assert items.count_calls == 1

    def test_string_numbers_are_accepted(self):
        assert Paginator([1, 2, 3], "2").page("2").object_list == [3]

    @pytest.mark.parametrize("bad", ["x", None, 1.5, "1.0", [], "", "９" * 10000])
    def test_non_integer_pages(self, bad):
        paginator = Paginator([1, 2, 3], 2)
        with pytest.raises(PageNotAnInteger) as info:
            paginator.page(bad)
        assert isinstance(info.value, InvalidPage)
        assert str(info.value) == "That page number is not an integer"

    def test_whole_floats_are_accepted(self):
        assert Paginator([1, 2, 3], 2).page(2.0).number == 2

    def test_out_of_range_pages(self):
        paginator = Paginator([1, 2, 3], 2)
        with pytest.raises(EmptyPage, match="less than 1"):
            paginator.page(0)
        with pytest.raises(EmptyPage, match="contains no results"):
            paginator.page(3)
        with pytest.raises(EmptyPage):
            paginator.page(-(10**100))

    def test_custom_error_messages(self):
        paginator = Paginator([1], 1, error_messages={"invalid_page": "Bad!", "no_results": "None here"})
        with pytest.raises(PageNotAnInteger, match="Bad!"):
            paginator.page("x")
        with pytest.raises(EmptyPage, match="None here"):
            paginator.page(5)
        with pytest.raises(EmptyPage, match="less than 1"):
            paginator.page(0)

    def test_empty_first_page(self):
        assert list(Paginator([], 5).page(1)) == []
        with pytest.raises(EmptyPage):
            Paginator([], 5, allow_empty_first_page=False).page(1)

    def test_get_page_never_fails(self):
        paginator = Paginator(list(range(25)), 10)
        assert paginator.get_page("x").number == 1
        assert paginator.get_page(None).number == 1
        assert paginator.get_page(99).number == 3
        assert paginator.get_page(-1).number == 3
        assert paginator.get_page(2).number == 2

    def test_iterating_gives_pages(self):
        pages = list(Paginator(list(range(5)), 2))
        assert [page.object_list for page in pages] == [[0, 1], [2, 3], [4]]

    def test_unordered_querysets_warn(self):
        class Unordered(list):
            ordered = False
            model = "Model"

        with pytest.warns(UnorderedObjectListWarning, match="unordered object_list"):
            Paginator(Unordered([1, 2]), 1)

    def test_elided_page_range_without_ends(self):
        ellipsis = Paginator.ELLIPSIS
        paginator = Paginator(range(3), 1)
        assert list(paginator.get_elided_page_range(1, on_each_side=0, on_ends=0)) == [1, ellipsis]
        assert list(paginator.get_elided_page_range(2, on_each_side=0, on_ends=0)) == [1, 2, 3]
        five = Paginator(range(5), 1)
        assert list(five.get_elided_page_range(3, on_each_side=0, on_ends=0)) == [ellipsis, 3, ellipsis]

    def test_elided_page_range(self):
        paginator = Paginator(list(range(1000)), 10)
        ellipsis = Paginator.ELLIPSIS
        assert list(paginator.get_elided_page_range(1)) == [1, 2, 3, 4, ellipsis, 99, 100]
        assert list(paginator.get_elided_page_range(50)) == [
            1,
            2,
            ellipsis,
            47,
            48,
            49,
            50,
            51,
            52,
            53,
            ellipsis,
            99,
            100,
        ]
        assert list(paginator.get_elided_page_range(100)) == [1, 2, ellipsis, 97, 98, 99, 100]
        assert list(paginator.get_elided_page_range(7, on_each_side=1, on_ends=1)) == [
            1,
            ellipsis,
            6,
            7,
            8,
            ellipsis,
            100,
        ]
        small = Paginator(list(range(50)), 10)
        assert list(small.get_elided_page_range(3)) == [1, 2, 3, 4, 5]
        with pytest.raises(EmptyPage):
            list(paginator.get_elided_page_range(101))


class TestPage:
    def test_sequence_and_navigation(self):
        paginator = Paginator(list(range(1, 10)), 4)
        page = paginator.page(2)
        assert repr(page) == "<Page 2 of 3>"
        assert len(page) == 4 and page[0] == 5 and page[-1] == 8 and page[1:3] == [6, 7]
        assert 6 in page and list(page) == [5, 6, 7, 8]
        assert page.has_next() and page.has_previous() and page.has_other_pages()
        assert (page.next_page_number(), page.previous_page_number()) == (3, 1)
        assert (page.start_index(), page.end_index()) == (5, 8)
        last = paginator.page(3)
        assert not last.has_next() and (last.start_index(), last.end_index()) == (9, 9)
        with pytest.raises(EmptyPage):
            last.next_page_number()
        with pytest.raises(EmptyPage):
            paginator.page(1).previous_page_number()

    def test_empty_page_indexes(self):
        page = Paginator([], 5).page(1)
        assert (page.start_index(), page.end_index()) == (0, 0)
        assert not page.has_other_pages()

    def test_bad_index_type(self):
        page = Paginator([1, 2], 2).page(1)
        with pytest.raises(TypeError, match="Page indices must be integers or slices, not str"):
            page["a"]

    def test_indexing_evaluates_object_list_once(self):
        page = Page(iter_source := CountedList([1, 2, 3]), 1, Paginator([1, 2, 3], 3))
        assert page[0] == 1 and page[2] == 3
        assert isinstance(page.object_list, list)
        assert iter_source.count_calls == 0


class TestAsyncPaginator:
    def test_pages_and_navigation(self):
        async def run():
            paginator = AsyncPaginator(list(range(1, 10)), 4)
            assert await paginator.acount() == 9
            assert await paginator.anum_pages() == 3
            assert list(await paginator.apage_range()) == [1, 2, 3]
            page = await paginator.apage(2)
            assert await page.aget_object_list() == [5, 6, 7, 8]
            assert await page.ahas_next() and await page.ahas_previous() and await page.ahas_other_pages()
            assert await page.anext_page_number() == 3 and await page.aprevious_page_number() == 1
            assert (await page.astart_index(), await page.aend_index()) == (5, 8)
            assert (await paginator.aget_page("x")).number == 1
            assert (await paginator.aget_page(99)).number == 3
            with pytest.raises(PageNotAnInteger):
                await paginator.apage("x")
            elided = list(await AsyncPaginator(list(range(1000)), 10).aget_elided_page_range(50))
            assert elided[0] == 1 and AsyncPaginator.ELLIPSIS in elided

        asyncio.run(run())

    def test_uses_async_count_when_available(self):
        class AsyncCounted(CountedList):
            async def acount(self):
                return 42

        async def run():
            return await AsyncPaginator(AsyncCounted([]), 10).acount()

        assert asyncio.run(run()) == 42


@given(
    num_pages=st.integers(min_value=1, max_value=200),
    data=st.data(),
    on_each_side=st.integers(min_value=0, max_value=5),
    on_ends=st.integers(min_value=0, max_value=4),
)
def test_elided_range_invariants(num_pages, data, on_each_side, on_ends):
    """Every page near the current one and at the ends is shown, in order, and
    ELLIPSIS only stands for two or more hidden pages."""
    number = data.draw(st.integers(min_value=1, max_value=num_pages))
    paginator = Paginator(range(num_pages), 1)
    shown = list(paginator.get_elided_page_range(number, on_each_side=on_each_side, on_ends=on_ends))
    pages = [p for p in shown if p != Paginator.ELLIPSIS]
    assert pages == sorted(set(pages))
    must = {
        number,
        *range(1, min(on_ends, num_pages) + 1),
        *range(max(1, num_pages - on_ends + 1), num_pages + 1),
    }
    must |= {p for p in range(number - on_each_side, number + on_each_side + 1) if 1 <= p <= num_pages}
    assert must <= set(pages)
    bounded = [0, *shown, num_pages + 1]
    for index, item in enumerate(bounded):
        if item == Paginator.ELLIPSIS:
            before, after = bounded[index - 1], bounded[index + 1]
            assert after - before - 1 >= 2
    for before, after in zip(bounded, bounded[1:]):
        if Paginator.ELLIPSIS not in (before, after):
            assert after == before + 1
    if num_pages <= (on_each_side + on_ends) * 2:
        assert shown == list(range(1, num_pages + 1))
