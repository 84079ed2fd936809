"""Models for the query-layer tests: a small bookshop plus a few special cases."""

from django.db import models


class Publisher(models.Model):
    name = models.CharField(max_length=100)
    num_awards = models.IntegerField(default=0)

    def __str__(self):
        return self.name


class Author(models.Model):
    name = models.CharField(max_length=100)
    age = models.IntegerField(default=30)
    rating = models.FloatField(null=True)
    friends = models.ManyToManyField("self", blank=True)

    def __str__(self):
        return self.name


class Profile(models.Model):
    author = models.OneToOneField(Author, models.CASCADE, related_name="profile")
    bio = models.TextField(default="")


class Book(models.Model):
    title = models.CharField(max_length=200)
    pages = models.IntegerField(default=100)
    price = models.DecimalField(max_digits=8, decimal_places=2, default=10)
    rating = models.FloatField(default=3.0)
    pubdate = models.DateField(null=True)
    publisher = models.ForeignKey(Publisher, models.CASCADE, related_name="books", null=True)
    authors = models.ManyToManyField(Author, related_name="books")
    editor = models.ForeignKey(Author, models.SET_NULL, null=True, related_name="edited")

    def __str__(self):
        return self.title


class Entry(models.Model):
    headline = models.CharField(max_length=100)
    body = models.TextField(default="")
    published = models.DateTimeField(null=True)
    score = models.IntegerField(null=True)
    flags = models.IntegerField(default=0)

    class Meta:
        ordering = ["-published", "headline"]
        get_latest_by = "published"

    def __str__(self):
        return self.headline


class Tag(models.Model):
    name = models.CharField(max_length=50)
    parent = models.ForeignKey("self", models.CASCADE, null=True, related_name="children")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Doc(models.Model):
    data = models.JSONField(null=True)
