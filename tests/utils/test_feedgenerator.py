"""django.utils.feedgenerator and xmlutils: RSS and Atom output, dates, tag URIs."""

import datetime
from io import StringIO
from xml.dom import minidom

import pytest

from django.utils import feedgenerator
from django.utils.xmlutils import SimplerXMLGenerator, UnserializableContentError

PUB = datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)


def parse(feed):
    return minidom.parseString(feed.writeString("utf-8"))


def test_date_helpers():
    assert feedgenerator.rfc2822_date(PUB) == "Thu, 02 Jan 2020 03:04:05 +0000"
    assert feedgenerator.rfc2822_date(datetime.date(2008, 11, 14)) == "Fri, 14 Nov 2008 00:00:00 -0000"
    assert feedgenerator.rfc3339_date(PUB) == "2020-01-02T03:04:05+00:00"
    assert feedgenerator.rfc3339_date(datetime.datetime(2008, 11, 14, 13, 37)) == "2008-11-14T13:37:00Z"
    assert feedgenerator.rfc3339_date(datetime.date(2008, 11, 14)) == "2008-11-14T00:00:00Z"


def test_get_tag_uri():
    assert feedgenerator.get_tag_uri("http://example.org/foo/bar#baz", datetime.date(2004, 10, 25)) == (
        "tag:example.org,2004-10-25:/foo/bar/baz"
    )
    assert feedgenerator.get_tag_uri("http://example.org/a", None) == "tag:example.org:/a"


class TestRss:
    def make(self, **kwargs):
        feed = feedgenerator.Rss201rev2Feed(
            title="News", link="https://example.com/", description="Latest", language="en", **kwargs
        )
        feed.add_item(
            title="First",
            link="https://example.com/1/",
            description="<b>bold</b>",
            pubdate=PUB,
            author_email="a@example.com",
            author_name="Ann",
            unique_id="id-1",
            unique_id_is_permalink=False,
            categories=["python", "web"],
            enclosures=[feedgenerator.Enclosure("https://example.com/a.mp3", 123, "audio/mpeg")],
        )
        return feed

    def test_structure(self):
        doc = parse(self.make(feed_url="https://example.com/feed/", ttl=60, feed_copyright="(c)"))
        rss = doc.documentElement
        assert rss.tagName == "rss" and rss.getAttribute("version") == "2.0"
        channel = rss.getElementsByTagName("channel")[0]
        texts = {
            node.tagName: node.firstChild.data if node.firstChild else ""
            for node in channel.childNodes
            if node.tagName != "item"
        }
        assert texts["title"] == "News" and texts["link"] == "https://example.com/"
        assert texts["language"] == "en" and texts["ttl"] == "60" and texts["copyright"] == "(c)"
        assert texts["lastBuildDate"] == "Thu, 02 Jan 2020 03:04:05 +0000"
        atom_link = channel.getElementsByTagName("atom:link")[0]
        assert atom_link.getAttribute("rel") == "self"

    def test_item(self):
        item = parse(self.make()).getElementsByTagName("item")[0]

        def text(tag):
            return item.getElementsByTagName(tag)[0].firstChild.data

        assert text("description") == "<b>bold</b>"
        assert text("author") == "a@example.com (Ann)"
        assert text("pubDate") == "Thu, 02 Jan 2020 03:04:05 +0000"
        assert item.getElementsByTagName("guid")[0].getAttribute("isPermaLink") == "false"
        assert [c.firstChild.data for c in item.getElementsByTagName("category")] == ["python", "web"]
        enclosure = item.getElementsByTagName("enclosure")[0]
        assert enclosure.getAttribute("length") == "123" and enclosure.getAttribute("type") == "audio/mpeg"

    def test_name_only_author_uses_dublin_core(self):
        feed = feedgenerator.Rss201rev2Feed("t", "https://e.com/", "d")
        feed.add_item("i", "https://e.com/i", "d", author_name="Bob")
        assert "<dc:creator" in feed.writeString("utf-8")

    def test_one_enclosure_only(self):
        feed = feedgenerator.Rss201rev2Feed("t", "https://e.com/", "d")
        enclosure = feedgenerator.Enclosure("https://e.com/a", 1, "audio/mpeg")
        feed.add_item("i", "https://e.com/i", "d", enclosures=[enclosure, enclosure])
        with pytest.raises(ValueError, match="only have one enclosure"):
            feed.writeString("utf-8")

    def test_iri_links_are_encoded(self):
        feed = feedgenerator.Rss201rev2Feed("t", "https://example.com/ünï/", "d")
        assert "https://example.com/%C3%BCn%C3%AF/" in feed.writeString("utf-8")

    def test_latest_post_date_without_items_is_now(self):
        feed = feedgenerator.Rss201rev2Feed("t", "https://e.com/", "d")
        assert abs(feed.latest_post_date() - datetime.datetime.now(datetime.UTC)) < datetime.timedelta(
            minutes=1
        )
        assert feed.num_items() == 0

    def test_stylesheets(self):
        feed = feedgenerator.Rss201rev2Feed(
            "t",
            "https://e.com/",
            "d",
            stylesheets=["/style.xsl", feedgenerator.Stylesheet("/s.css", media="print")],
        )
        output = feed.writeString("utf-8")
        assert '<?xml-stylesheet href="/style.xsl" type="application/xslt+xml" media="screen"?>' in output
        assert '<?xml-stylesheet href="/s.css" type="text/css" media="print"?>' in output

    def test_userland_091(self):
        feed = feedgenerator.RssUserland091Feed("t", "https://e.com/", "d")
        feed.add_item("i", "https://e.com/i", "desc", pubdate=PUB)
        output = feed.writeString("utf-8")
        assert 'version="0.91"' in output and "<pubDate>" not in output

    def test_default_feed_and_mime_types(self):
        assert feedgenerator.DefaultFeed is feedgenerator.Rss201rev2Feed
        assert feedgenerator.Rss201rev2Feed.content_type == "application/rss+xml; charset=utf-8"
        assert feedgenerator.Atom1Feed.content_type == "application/atom+xml; charset=utf-8"


class TestAtom:
    def test_feed_and_entry(self):
        feed = feedgenerator.Atom1Feed(
            title="T",
            link="https://example.com/",
            description="d",
            language="fr",
            author_name="Me",
            author_email="me@example.com",
            subtitle="Sub",
            categories=["c1"],
            feed_url="https://example.com/atom/",
        )
        feed.add_item(
            title="Entry",
            link="https://example.com/e/",
            description="<p>html</p>",
            pubdate=datetime.datetime(2020, 1, 2),
            updateddate=datetime.datetime(2020, 1, 3),
            categories=["x"],
            item_copyright="mine",
        )
        doc = parse(feed)
        root = doc.documentElement
        assert root.tagName == "feed" and root.getAttribute("xml:lang") == "fr"
        assert root.getAttribute("xmlns") == "http://www.w3.org/2005/Atom"
        links = [
            (link.getAttribute("rel"), link.getAttribute("href"))
            for link in root.getElementsByTagName("link")
        ]
        assert ("self", "https://example.com/atom/") in links
        entry = root.getElementsByTagName("entry")[0]

        def text(tag):
            return entry.getElementsByTagName(tag)[0].firstChild.data

        assert text("published") == "2020-01-02T00:00:00Z"
        assert text("updated") == "2020-01-03T00:00:00Z"
        assert text("id") == "tag:example.com,2020-01-02:/e/"
        assert text("summary") == "<p>html</p>"
        assert text("rights") == "mine"
        assert root.getElementsByTagName("updated")[0].firstChild.data == "2020-01-03T00:00:00Z"

    def test_write_must_be_implemented(self):
        with pytest.raises(NotImplementedError):
            feedgenerator.SyndicationFeed("t", "https://e.com/", "d").writeString("utf-8")


class TestSimplerXMLGenerator:
    def test_quick_elements_and_sorted_attributes(self):
        out = StringIO()
        handler = SimplerXMLGenerator(out, "utf-8")
        handler.startDocument()
        handler.addQuickElement("a", "x & y", {"z": "1", "b": "2"})
        assert out.getvalue().endswith('<a b="2" z="1">x &amp; y</a>')

    def test_control_characters_are_refused(self):
        handler = SimplerXMLGenerator(StringIO(), "utf-8")
        with pytest.raises(UnserializableContentError):
            handler.addQuickElement("a", "bad\x01char")
