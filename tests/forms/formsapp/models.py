"""Models for the ModelForm and model formset tests (tables made per test by create_tables)."""

from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=50, unique=True)
    email = models.EmailField(blank=True)

    class Meta:
        app_label = "formsapp"

    def __str__(self):
        return self.name


class Tag(models.Model):
    name = models.CharField(max_length=20)

    class Meta:
        app_label = "formsapp"

    def __str__(self):
        return self.name


class Book(models.Model):
    GENRES = [("f", "Fiction"), ("n", "Non-fiction")]
    title = models.CharField(max_length=100)
    author = models.ForeignKey(Author, models.CASCADE, related_name="books")
    tags = models.ManyToManyField(Tag, blank=True)
    pages = models.PositiveIntegerField(default=100)
    genre = models.CharField(max_length=1, choices=GENRES, default="f")
    published = models.DateField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "formsapp"
        unique_together = [("author", "title")]
        constraints = [
            models.CheckConstraint(condition=models.Q(pages__lt=5000), name="formsapp_book_pages_lt_5000")
        ]

    def __str__(self):
        return self.title
