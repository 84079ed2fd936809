"""Syndication feeds (RSS 2.0, RSS 0.91, Atom 1.0).

>>> feed = Rss201rev2Feed(title="News", link="https://example.com/", description="Latest")
>>> feed.add_item(title="Hello", link="https://example.com/1/", description="First post")
>>> xml = feed.writeString("utf-8")
"""

from __future__ import annotations

import datetime
import email.utils
import mimetypes
from io import StringIO
from typing import Any
from urllib.parse import urlparse

from django.utils.encoding import iri_to_uri
from django.utils.xmlutils import SimplerXMLGenerator


def rfc2822_date(date: datetime.date) -> str:
    """'Sat, 16 May 2009 05:30:30 +0200' (naive datetimes are taken as UTC, shown as -0000)."""
    if not isinstance(date, datetime.datetime):
        date = datetime.datetime.combine(date, datetime.time())
    return email.utils.format_datetime(date)


def rfc3339_date(date: datetime.date) -> str:
    """'2009-05-16T05:30:30+02:00' ('Z' for naive datetimes)."""
    if not isinstance(date, datetime.datetime):
        date = datetime.datetime.combine(date, datetime.time())
    return date.isoformat() + ("Z" if date.utcoffset() is None else "")


def get_tag_uri(url: str, date: datetime.date | None) -> str:
    """A TagURI (RFC 4151) for ``url`` dated ``date``: 'tag:example.com,2004-10-25:/path'."""
    parts = urlparse(url)
    date_part = f",{date:%Y-%m-%d}" if date is not None else ""
    fragment = f"/{parts.fragment}" if parts.fragment else ""
    return f"tag:{parts.hostname}{date_part}:{parts.path}{fragment}"


def _guess_mimetype(url: str) -> str:
    return mimetypes.guess_type(url)[0] or ""


class Stylesheet:
    """An xml-stylesheet processing instruction for a feed."""

    def __init__(self, url: str, mimetype: str | None = None, media: str = "screen") -> None:
        self._url = url
        self._mimetype = mimetype
        self.media = media

    @property
    def url(self) -> str:
        return iri_to_uri(str(self._url))

    @property
    def mimetype(self) -> str:
        if self._mimetype is None:
            return _guess_mimetype(str(self._url))
        return self._mimetype

    def __str__(self) -> str:
        data = [f'href="{self.url}"']
        if self.mimetype:
            data.append(f'type="{self.mimetype}"')
        if self.media:
            data.append(f'media="{self.media}"')
        return " ".join(data)

    def __repr__(self) -> str:
        return repr((self.url, self.mimetype, self.media))


class Enclosure:
    """A media file attached to a feed item."""

    def __init__(self, url: str, length: Any, mime_type: str) -> None:
        self.length = length
        self.mime_type = mime_type
        self.url = iri_to_uri(url)


def _text_or_none(value: Any) -> str | None:
    return str(value) if value is not None else None


class SyndicationFeed:
    """Base class: holds the feed and its items; subclasses render them."""

    mime_type = "application/xml; charset=utf-8"

    def __init__(
        self,
        title: Any,
        link: Any,
        description: Any,
        language: str | None = None,
        author_email: str | None = None,
        author_name: str | None = None,
        author_link: str | None = None,
        subtitle: Any = None,
        categories: Any = None,
        feed_url: str | None = None,
        feed_copyright: Any = None,
        feed_guid: str | None = None,
        ttl: Any = None,
        stylesheets: Any = None,
        **kwargs: Any,
    ) -> None:
        if categories:
            categories = [str(c) for c in categories]
        if ttl is not None:
            ttl = str(ttl)
        if stylesheets is None:
            stylesheets = []
        elif isinstance(stylesheets, (str, Stylesheet)):
            stylesheets = [stylesheets]
        self.feed = {
            "title": _text_or_none(title),
            "link": iri_to_uri(link),
            "description": _text_or_none(description),
            "language": _text_or_none(language),
            "author_email": _text_or_none(author_email),
            "author_name": _text_or_none(author_name),
            "author_link": iri_to_uri(author_link),
            "subtitle": _text_or_none(subtitle),
            "categories": categories or (),
            "feed_url": iri_to_uri(feed_url),
            "feed_copyright": _text_or_none(feed_copyright),
            "id": feed_guid or link,
            "ttl": ttl,
            "stylesheets": [s if isinstance(s, Stylesheet) else Stylesheet(s) for s in stylesheets],
            **kwargs,
        }
        self.items: list[dict[str, Any]] = []

    def add_item(
        self,
        title: Any,
        link: Any,
        description: Any,
        author_email: str | None = None,
        author_name: str | None = None,
        author_link: str | None = None,
        pubdate: datetime.datetime | None = None,
        comments: str | None = None,
        unique_id: str | None = None,
        unique_id_is_permalink: bool | None = None,
        categories: Any = (),
        item_copyright: Any = None,
        ttl: Any = None,
        updateddate: datetime.datetime | None = None,
        enclosures: list[Enclosure] | None = None,
        **kwargs: Any,
    ) -> None:
        """Add an item; any extra keyword arguments are kept for subclasses."""
        self.items.append(
            {
                "title": _text_or_none(title),
                "link": iri_to_uri(link),
                "description": _text_or_none(description),
                "author_email": author_email,
                "author_name": author_name,
                "author_link": iri_to_uri(author_link),
                "pubdate": pubdate,
                "updateddate": updateddate,
                "comments": _text_or_none(comments),
                "unique_id": _text_or_none(unique_id),
                "unique_id_is_permalink": unique_id_is_permalink,
                "enclosures": enclosures or (),
                "categories": [str(c) for c in categories] if categories else (),
                "item_copyright": _text_or_none(item_copyright),
                "ttl": str(ttl) if ttl is not None else None,
                **kwargs,
            }
        )

    def num_items(self) -> int:
        return len(self.items)

    def root_attributes(self) -> dict[str, str]:
        return {}

    def add_root_elements(self, handler: SimplerXMLGenerator) -> None:
        pass

    def add_stylesheets(self, handler: SimplerXMLGenerator) -> None:
        for stylesheet in self.feed["stylesheets"]:
            handler.processingInstruction("xml-stylesheet", str(stylesheet))

    def item_attributes(self, item: dict) -> dict[str, str]:
        return {}

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict) -> None:
        pass

    def write(self, outfile: Any, encoding: str) -> None:
        raise NotImplementedError("subclasses of SyndicationFeed must provide a write() method")

    def writeString(self, encoding: str) -> str:
        """The whole feed as a string."""
        buffer = StringIO()
        self.write(buffer, encoding)
        return buffer.getvalue()

    def latest_post_date(self) -> datetime.datetime:
        """The newest pubdate/updateddate of the items, or now (UTC) if none has one."""
        dates = [
            item[name] for item in self.items for name in ("updateddate", "pubdate") if item[name] is not None
        ]
        return max(dates) if dates else datetime.datetime.now(datetime.UTC)


class RssFeed(SyndicationFeed):
    content_type = "application/rss+xml; charset=utf-8"
    _version = "2.0"

    def write(self, outfile: Any, encoding: str) -> None:
        handler = SimplerXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        self.add_stylesheets(handler)
        handler.startElement("rss", self.rss_attributes())
        handler.startElement("channel", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        self.endChannelElement(handler)
        handler.endElement("rss")

    def rss_attributes(self) -> dict[str, str]:
        return {"version": self._version, "xmlns:atom": "http://www.w3.org/2005/Atom"}

    def write_items(self, handler: SimplerXMLGenerator) -> None:
        for item in self.items:
            handler.startElement("item", self.item_attributes(item))
            self.add_item_elements(handler, item)
            handler.endElement("item")

    def add_root_elements(self, handler: SimplerXMLGenerator) -> None:
        feed = self.feed
        handler.addQuickElement("title", feed["title"])
        handler.addQuickElement("link", feed["link"])
        handler.addQuickElement("description", feed["description"])
        if feed["feed_url"] is not None:
            handler.addQuickElement("atom:link", None, {"rel": "self", "href": feed["feed_url"]})
        if feed["language"] is not None:
            handler.addQuickElement("language", feed["language"])
        for category in feed["categories"]:
            handler.addQuickElement("category", category)
        if feed["feed_copyright"] is not None:
            handler.addQuickElement("copyright", feed["feed_copyright"])
        handler.addQuickElement("lastBuildDate", rfc2822_date(self.latest_post_date()))
        if feed["ttl"] is not None:
            handler.addQuickElement("ttl", feed["ttl"])

    def endChannelElement(self, handler: SimplerXMLGenerator) -> None:
        handler.endElement("channel")


class RssUserland091Feed(RssFeed):
    _version = "0.91"

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict) -> None:
        handler.addQuickElement("title", item["title"])
        handler.addQuickElement("link", item["link"])
        if item["description"] is not None:
            handler.addQuickElement("description", item["description"])


class Rss201rev2Feed(RssFeed):
    """RSS 2.0 (rev 2): https://cyber.harvard.edu/rss/rss.html"""

    _version = "2.0"

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict) -> None:
        handler.addQuickElement("title", item["title"])
        handler.addQuickElement("link", item["link"])
        if item["description"] is not None:
            handler.addQuickElement("description", item["description"])
        # RSS wants an email for <author>; a name alone goes to Dublin Core's creator.
        if item["author_name"] and item["author_email"]:
            handler.addQuickElement("author", f"{item['author_email']} ({item['author_name']})")
        elif item["author_email"]:
            handler.addQuickElement("author", item["author_email"])
        elif item["author_name"]:
            handler.addQuickElement(
                "dc:creator", item["author_name"], {"xmlns:dc": "http://purl.org/dc/elements/1.1/"}
            )
        if item["pubdate"] is not None:
            handler.addQuickElement("pubDate", rfc2822_date(item["pubdate"]))
        if item["comments"] is not None:
            handler.addQuickElement("comments", item["comments"])
        if item["unique_id"] is not None:
            attrs = {}
            if isinstance(item.get("unique_id_is_permalink"), bool):
                attrs["isPermaLink"] = str(item["unique_id_is_permalink"]).lower()
            handler.addQuickElement("guid", item["unique_id"], attrs)
        if item["ttl"] is not None:
            handler.addQuickElement("ttl", item["ttl"])
        if item["enclosures"]:
            if len(item["enclosures"]) > 1:
                raise ValueError(
                    "RSS feed items may only have one enclosure, see http://www.rssboard.org/rss-profile#element-channel-item-enclosure"
                )
            enclosure = item["enclosures"][0]
            handler.addQuickElement(
                "enclosure",
                "",
                {"url": enclosure.url, "length": str(enclosure.length), "type": enclosure.mime_type},
            )
        for category in item["categories"]:
            handler.addQuickElement("category", category)


class Atom1Feed(SyndicationFeed):
    """Atom 1.0 (RFC 4287)."""

    content_type = "application/atom+xml; charset=utf-8"
    ns = "http://www.w3.org/2005/Atom"

    def write(self, outfile: Any, encoding: str) -> None:
        handler = SimplerXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        self.add_stylesheets(handler)
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")

    def root_attributes(self) -> dict[str, str]:
        if self.feed["language"] is not None:
            return {"xmlns": self.ns, "xml:lang": self.feed["language"]}
        return {"xmlns": self.ns}

    def add_root_elements(self, handler: SimplerXMLGenerator) -> None:
        feed = self.feed
        handler.addQuickElement("title", feed["title"])
        handler.addQuickElement("link", "", {"rel": "alternate", "href": feed["link"]})
        if feed["feed_url"] is not None:
            handler.addQuickElement("link", "", {"rel": "self", "href": feed["feed_url"]})
        handler.addQuickElement("id", feed["id"])
        handler.addQuickElement("updated", rfc3339_date(self.latest_post_date()))
        self._add_author(handler, feed)
        if feed["subtitle"] is not None:
            handler.addQuickElement("subtitle", feed["subtitle"])
        for category in feed["categories"]:
            handler.addQuickElement("category", "", {"term": category})
        if feed["feed_copyright"] is not None:
            handler.addQuickElement("rights", feed["feed_copyright"])

    @staticmethod
    def _add_author(handler: SimplerXMLGenerator, data: dict) -> None:
        if data["author_name"] is None:
            return
        handler.startElement("author", {})
        handler.addQuickElement("name", data["author_name"])
        if data["author_email"] is not None:
            handler.addQuickElement("email", data["author_email"])
        if data["author_link"] is not None:
            handler.addQuickElement("uri", data["author_link"])
        handler.endElement("author")

    def write_items(self, handler: SimplerXMLGenerator) -> None:
        for item in self.items:
            handler.startElement("entry", self.item_attributes(item))
            self.add_item_elements(handler, item)
            handler.endElement("entry")

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict) -> None:
        handler.addQuickElement("title", item["title"])
        handler.addQuickElement("link", "", {"href": item["link"], "rel": "alternate"})
        if item["pubdate"] is not None:
            handler.addQuickElement("published", rfc3339_date(item["pubdate"]))
        updated = item["updateddate"] or item["pubdate"]
        if updated is not None:
            handler.addQuickElement("updated", rfc3339_date(updated))
        self._add_author(handler, item)
        unique_id = item["unique_id"] or get_tag_uri(item["link"], item["pubdate"])
        handler.addQuickElement("id", unique_id)
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "html"})
        for enclosure in item["enclosures"]:
            handler.addQuickElement(
                "link",
                "",
                {
                    "rel": "enclosure",
                    "href": enclosure.url,
                    "length": str(enclosure.length),
                    "type": enclosure.mime_type,
                },
            )
        for category in item["categories"]:
            handler.addQuickElement("category", "", {"term": category})
        if item["item_copyright"] is not None:
            handler.addQuickElement("rights", item["item_copyright"])


# The feed type used when none is chosen.
DefaultFeed = Rss201rev2Feed
