from django.db import models


class AuthorManager(models.Manager):
    def get_by_natural_key(self, name):
        return self.get(name=name)


class Author(models.Model):
    name = models.CharField(max_length=50, unique=True)

    objects = AuthorManager()

    class Meta:
        app_label = "testapp"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.name,)


class Tag(models.Model):
    label = models.CharField(max_length=20)

    class Meta:
        app_label = "testapp"
        ordering = ["label"]


class Book(models.Model):
    title = models.CharField(max_length=100)
    author = models.ForeignKey(Author, models.CASCADE, related_name="books", null=True)
    published = models.DateField(null=True)
    price = models.DecimalField(max_digits=6, decimal_places=2, null=True)
    tags = models.ManyToManyField(Tag, blank=True)

    class Meta:
        app_label = "testapp"
        ordering = ["title"]

    def __str__(self):
        return self.title
