"""Splitting a list or QuerySet into numbered pages."""

from __future__ import annotations

import collections.abc
import inspect
import warnings
from collections.abc import Iterator
from math import ceil
from typing import Any

from asgiref.sync import sync_to_async

from django.utils.deprecation import RemovedInDjango70Warning
from django.utils.functional import cached_property
from django.utils.inspect import method_has_no_args
from django.utils.translation import gettext_lazy as _


class UnorderedObjectListWarning(RuntimeWarning):
    pass


class InvalidPage(Exception):
    pass


class PageNotAnInteger(InvalidPage):
    pass


class EmptyPage(InvalidPage):
    pass


class _PageLayout:
    """The arithmetic shared by the sync and async paginators: pure
    functions of (count, per_page, orphans, allow_empty_first_page)."""

    ELLIPSIS = _("…")
    default_error_messages = {
        "invalid_page": _("That page number is not an integer"),
        "min_page": _("That page number is less than 1"),
        "no_results": _("That page contains no results"),
    }

    def __init__(
        self,
        object_list: Any,
        per_page: int,
        orphans: int = 0,
        allow_empty_first_page: bool = True,
        error_messages: dict | None = None,
    ) -> None:
        self.object_list = object_list
        self._check_object_list_is_ordered()
        self.per_page = int(per_page)
        self.orphans = int(orphans)
        if self.orphans >= self.per_page:
            warnings.warn(
                "Support for the orphans argument being larger than or equal to the per_page argument "
                "is deprecated. This will raise a ValueError in Django 7.0.",
                RemovedInDjango70Warning,
                stacklevel=3,
            )
        self.allow_empty_first_page = allow_empty_first_page
        self.error_messages = {**self.default_error_messages, **(error_messages or {})}

    def _check_object_list_is_ordered(self) -> None:
        if getattr(self.object_list, "ordered", None) is False:
            obj_list_repr = (
                f"{self.object_list.model} {self.object_list.__class__.__name__}"
                if hasattr(self.object_list, "model")
                else f"{self.object_list!r}"
            )
            warnings.warn(
                f"Pagination may yield inconsistent results with an unordered object_list: {obj_list_repr}.",
                UnorderedObjectListWarning,
                stacklevel=4,
            )

    def _num_pages_for(self, count: int) -> int:
        if count == 0 and not self.allow_empty_first_page:
            return 0
        hits = max(1, count - self.orphans)
        return ceil(hits / self.per_page)

    def _validate_number_for(self, number: Any, num_pages: int) -> int:
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"])
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        if number > num_pages:
            raise EmptyPage(self.error_messages["no_results"])
        return number

    def _bounds(self, number: int, count: int) -> tuple[int, int]:
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= count:
            top = count
        return bottom, top

    def _elided_range(self, number: int, num_pages: int, on_each_side: int, on_ends: int) -> Iterator[Any]:
        """Pages at both ends and around ``number``; a gap of one page is shown
        as that page, a longer gap as ELLIPSIS."""
        if num_pages <= (on_each_side + on_ends) * 2:
            yield from range(1, num_pages + 1)
            return
        shown = {*range(1, on_ends + 1), *range(num_pages - on_ends + 1, num_pages + 1)}
        shown.update(range(max(1, number - on_each_side), min(num_pages, number + on_each_side) + 1))
        previous = 0
        for page in sorted(shown):
            gap = page - previous - 1
            if gap == 1:
                yield previous + 1
            elif gap > 1:
                yield self.ELLIPSIS
            yield page
            previous = page
        # With on_ends=0 the last pages may be hidden too.
        hidden = num_pages - previous
        if hidden == 1:
            yield num_pages
        elif hidden > 1:
            yield self.ELLIPSIS


class Paginator(_PageLayout):
    """Pages over ``object_list`` (anything sliceable with count() or len())."""

    def __iter__(self) -> Iterator[Any]:
        for page_number in self.page_range:
            yield self.page(page_number)

    def validate_number(self, number: Any) -> int:
        """The page number as an int; PageNotAnInteger or EmptyPage otherwise."""
        return self._validate_number_for(number, self.num_pages)

    def get_page(self, number: Any) -> Page:
        """A valid page even for bad input: the first page for a non-integer,
        the last page for a number out of range."""
        try:
            number = self.validate_number(number)
        except PageNotAnInteger:
            number = 1
        except EmptyPage:
            number = self.num_pages
        return self.page(number)

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        bottom, top = self._bounds(number, self.count)
        return self._get_page(self.object_list[bottom:top], number, self)

    def _get_page(self, *args: Any, **kwargs: Any) -> Page:
        """Hook for subclasses to return their own Page class."""
        return Page(*args, **kwargs)

    @cached_property
    def count(self) -> int:
        """Total number of objects across all pages."""
        counter = getattr(self.object_list, "count", None)
        if callable(counter) and not inspect.isbuiltin(counter) and method_has_no_args(counter):
            return counter()
        return len(self.object_list)

    @cached_property
    def num_pages(self) -> int:
        return self._num_pages_for(self.count)

    @property
    def page_range(self) -> range:
        return range(1, self.num_pages + 1)

    def get_elided_page_range(
        self, number: Any = 1, *, on_each_side: int = 3, on_ends: int = 2
    ) -> Iterator[Any]:
        """Page numbers around ``number`` and at both ends, with
        Paginator.ELLIPSIS where pages are left out."""
        number = self.validate_number(number)
        return self._elided_range(number, self.num_pages, on_each_side, on_ends)


class AsyncPaginator(_PageLayout):
    """Paginator for async code: counting and slicing use the object list's
    async API (``acount()``, async iteration) when it has one."""

    _count: int | None = None

    async def acount(self) -> int:
        if self._count is None:
            counter = getattr(self.object_list, "acount", None)
            if callable(counter):
                self._count = await counter()
            else:
                plain = getattr(self.object_list, "count", None)
                if callable(plain) and not inspect.isbuiltin(plain) and method_has_no_args(plain):
                    self._count = await sync_to_async(plain)()
                else:
                    self._count = len(self.object_list)
        return self._count

    async def anum_pages(self) -> int:
        return self._num_pages_for(await self.acount())

    async def apage_range(self) -> range:
        return range(1, await self.anum_pages() + 1)

    async def avalidate_number(self, number: Any) -> int:
        return self._validate_number_for(number, await self.anum_pages())

    async def aget_page(self, number: Any) -> AsyncPage:
        try:
            number = await self.avalidate_number(number)
        except PageNotAnInteger:
            number = 1
        except EmptyPage:
            number = await self.anum_pages()
        return await self.apage(number)

    async def apage(self, number: Any) -> AsyncPage:
        number = await self.avalidate_number(number)
        bottom, top = self._bounds(number, await self.acount())
        return self._get_page(self.object_list[bottom:top], number, self)

    def _get_page(self, *args: Any, **kwargs: Any) -> AsyncPage:
        return AsyncPage(*args, **kwargs)

    async def aget_elided_page_range(
        self, number: Any = 1, *, on_each_side: int = 3, on_ends: int = 2
    ) -> Iterator[Any]:
        number = await self.avalidate_number(number)
        return self._elided_range(number, await self.anum_pages(), on_each_side, on_ends)


class Page(collections.abc.Sequence):
    """One page: a sequence of its objects, with navigation helpers."""

    def __init__(self, object_list: Any, number: int, paginator: Paginator) -> None:
        self.object_list = object_list
        self.number = number
        self.paginator = paginator

    def __repr__(self) -> str:
        return f"<Page {self.number} of {self.paginator.num_pages}>"

    def __len__(self) -> int:
        return len(self.object_list)

    def __getitem__(self, index: Any) -> Any:
        if not isinstance(index, (int, slice)):
            raise TypeError(f"Page indices must be integers or slices, not {type(index).__name__}.")
        # A QuerySet would run a query per index; evaluate it once instead.
        if not isinstance(self.object_list, list):
            self.object_list = list(self.object_list)
        return self.object_list[index]

    def has_next(self) -> bool:
        return self.paginator.num_pages > self.number

    def has_previous(self) -> bool:
        return self.number != 1

    def has_other_pages(self) -> bool:
        return self.paginator.num_pages > 1 and (self.has_next() or self.has_previous())

    def next_page_number(self) -> int:
        return self.paginator.validate_number(self.number + 1)

    def previous_page_number(self) -> int:
        return self.paginator.validate_number(self.number - 1)

    def start_index(self) -> int:
        """1-based index of the first object on this page (0 if there are none)."""
        return _first_index(self.number, self.paginator.per_page, self.paginator.count)

    def end_index(self) -> int:
        """1-based index of the last object on this page."""
        return _last_index(
            self.number, self.paginator.per_page, self.paginator.count, self.paginator.num_pages
        )


def _first_index(number: int, per_page: int, count: int) -> int:
    return 0 if not count else per_page * number - per_page + 1


def _last_index(number: int, per_page: int, count: int, num_pages: int) -> int:
    # The last page also holds any orphans.
    return count if number >= num_pages else per_page * number


def _materialize(items: Any) -> list:
    return list(items)


class AsyncPage:
    """A page of an AsyncPaginator; its objects are fetched by aget_object_list()."""

    def __init__(self, object_list: Any, number: int, paginator: AsyncPaginator) -> None:
        self.object_list = object_list
        self.number = number
        self.paginator = paginator

    def __repr__(self) -> str:
        return f"<Async Page {self.number}>"

    async def aget_object_list(self) -> list:
        if not isinstance(self.object_list, list):
            if hasattr(self.object_list, "__aiter__"):
                self.object_list = [item async for item in self.object_list]
            else:
                self.object_list = await sync_to_async(_materialize)(self.object_list)
        return self.object_list

    async def ahas_next(self) -> bool:
        return self.number < await self.paginator.anum_pages()

    async def ahas_previous(self) -> bool:
        return self.number != 1

    async def ahas_other_pages(self) -> bool:
        return await self.ahas_previous() or await self.ahas_next()

    async def anext_page_number(self) -> int:
        return await self.paginator.avalidate_number(self.number + 1)

    async def aprevious_page_number(self) -> int:
        return await self.paginator.avalidate_number(self.number - 1)

    async def astart_index(self) -> int:
        return _first_index(self.number, self.paginator.per_page, await self.paginator.acount())

    async def aend_index(self) -> int:
        count = await self.paginator.acount()
        return _last_index(self.number, self.paginator.per_page, count, await self.paginator.anum_pages())
