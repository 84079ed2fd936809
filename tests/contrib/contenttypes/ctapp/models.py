"""Models for the generic relation tests: tags attached to bookmarks and notes."""

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models


class TaggedItem(models.Model):
    tag = models.SlugField()
    # DO_NOTHING: other tests delete content types while this app's tables don't exist.
    content_type = models.ForeignKey(ContentType, models.DO_NOTHING, db_constraint=False)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")

    class Meta:
        ordering = ["tag", "id"]

    def __str__(self):
        return self.tag


class Bookmark(models.Model):
    url = models.URLField()
    tags = GenericRelation(TaggedItem, related_query_name="bookmark")

    class Meta:
        # post_migrate creates these permissions (the migrate test checks them).
        default_permissions = ("add", "view")
        permissions = [("pin_bookmark", "Can pin bookmarks")]

    def __str__(self):
        return self.url


class Note(models.Model):
    text = models.CharField(max_length=50)
    tags = GenericRelation(TaggedItem)

    def __str__(self):
        return self.text


class ProxyNote(Note):
    class Meta:
        proxy = True


ALL_MODELS = (TaggedItem, Bookmark, Note)
