"""Media (CSS and JS a widget or form needs) and the metaclass that builds a class's `media`."""

from __future__ import annotations

import warnings
from typing import Any

from django.utils.html import format_html, html_safe
from django.utils.safestring import SafeString, mark_safe

MEDIA_TYPES = ("css", "js")


class MediaOrderConflictWarning(RuntimeWarning):
    pass


@html_safe
class Media:
    """CSS (by medium) and JS assets; `+` merges two Media keeping each list's relative order."""

    def __init__(self, media: Any = None, css: dict | None = None, js: Any = None) -> None:
        if media is not None:
            css = getattr(media, "css", {})
            js = getattr(media, "js", [])
        self._css_lists = [css or {}]
        self._js_lists = [list(js or [])]

    def __repr__(self) -> str:
        return "Media(css=%r, js=%r)" % (self._css, self._js)

    def __str__(self) -> str:
        return self.render()

    @property
    def _css(self) -> dict:
        by_medium: dict[str, None] = {}
        for css in self._css_lists:
            by_medium.update(dict.fromkeys(css))
        return {medium: self.merge(*(css.get(medium, []) for css in self._css_lists)) for medium in by_medium}

    @property
    def _js(self) -> list:
        return self.merge(*self._js_lists)

    def render(self) -> SafeString:
        return mark_safe("\n".join(chain_rendered(self)))

    def render_js(self) -> list:
        return [
            path.__html__()
            if hasattr(path, "__html__")
            else format_html('<script src="{}"></script>', self.absolute_path(path))
            for path in self._js
        ]

    def render_css(self) -> list:
        rendered = []
        css = self._css
        for medium in sorted(css):
            for path in css[medium]:
                if hasattr(path, "__html__"):
                    rendered.append(path.__html__())
                else:
                    rendered.append(
                        format_html(
                            '<link href="{}" media="{}" rel="stylesheet">', self.absolute_path(path), medium
                        )
                    )
        return rendered

    def absolute_path(self, path: str) -> str:
        if path.startswith(("http://", "https://", "/")):
            return path
        from django.templatetags.static import static

        return static(path)

    def __getitem__(self, name: str) -> Media:
        if name in MEDIA_TYPES:
            return Media(**{str(name): getattr(self, "_" + name)})
        raise KeyError('Unknown media type "%s"' % name)

    @staticmethod
    def merge(*lists: Any) -> list:
        """Merge lists keeping every list's relative order; warn when two lists disagree."""
        order: dict[Any, None] = {}
        edges: dict[Any, set] = {}
        for items in filter(None, lists):
            previous = None
            for item in items:
                order.setdefault(item, None)
                edges.setdefault(item, set())
                if previous is not None and previous != item:
                    edges[item].add(previous)  # item must come after previous
                previous = item
        result: list = []
        placed: set = set()
        pending = list(order)
        while pending:
            for item in pending:
                if edges[item] <= placed:
                    break
            else:
                cycle = [item for item in pending if not edges[item] <= placed]
                warnings.warn(
                    "Detected duplicate Media files in an opposite order: %s"
                    % ", ".join(map(str, cycle[:2])),
                    MediaOrderConflictWarning,
                    stacklevel=2,
                )
                item = pending[0]
            result.append(item)
            placed.add(item)
            pending.remove(item)
        return result

    def __add__(self, other: Media) -> Media:
        combined = Media()
        combined._css_lists = [css for css in self._css_lists + other._css_lists if css]
        combined._js_lists = [js for js in self._js_lists + other._js_lists if js]
        seen_css: list = []
        for css in combined._css_lists:
            if css not in seen_css:
                seen_css.append(css)
        combined._css_lists = seen_css
        seen_js: list = []
        for js in combined._js_lists:
            if js not in seen_js:
                seen_js.append(js)
        combined._js_lists = seen_js
        return combined


def chain_rendered(media: Media) -> list:
    return media.render_css() + media.render_js()


def media_property(cls: type) -> property:
    def _media(self: Any) -> Media:
        parent = super(cls, self)
        base = parent.media if hasattr(parent, "media") else Media()
        definition = getattr(cls, "Media", None)
        if definition is None:
            return base
        extend = getattr(definition, "extend", True)
        if extend is True:
            merged = base
        elif extend:
            merged = Media()
            for medium in extend:
                merged = merged + base[medium]
        else:
            merged = Media()
        return merged + Media(definition)

    return property(_media)


class MediaDefiningClass(type):
    """Give each class with an inner `Media` a `media` property merging its bases' media."""

    def __new__(mcs, name: str, bases: tuple, attrs: dict) -> type:
        new_class = super().__new__(mcs, name, bases, attrs)
        if "media" not in attrs:
            new_class.media = media_property(new_class)  # type: ignore[attr-defined]
        return new_class
