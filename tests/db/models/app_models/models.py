"""Models used by the model-layer tests (app label "model_tests")."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models


def default_tagline():
    return "fresh"


class Author(models.Model):
    name = models.CharField(max_length=50)
    age = models.IntegerField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "writer"

    def __str__(self):
        return self.name


class Publisher(models.Model):
    name = models.CharField(max_length=50, unique=True)
    code = models.CharField(max_length=10, unique=True, null=True)


class Tag(models.Model):
    name = models.SlugField()


class Book(models.Model):
    class Genre(models.TextChoices):
        NOVEL = "N", "Novel"
        POETRY = "P", "Poetry"

    title = models.CharField(max_length=100)
    genre = models.CharField(max_length=1, choices=Genre, default=Genre.NOVEL)
    author = models.ForeignKey(Author, models.CASCADE, related_name="books")
    publisher = models.ForeignKey(Publisher, models.SET_NULL, null=True, blank=True, to_field="code")
    tags = models.ManyToManyField(Tag, blank=True)
    tagline = models.CharField(max_length=20, default=default_tagline)
    pages = models.PositiveIntegerField(default=100)

    class Meta:
        unique_together = ("title", "author")


# -- every on_delete behaviour ----------------------------------------------------------


class Target(models.Model):
    name = models.CharField(max_length=20)


def fallback_target():
    return Target.objects.get_or_create(name="fallback")[0].pk


class Protected(models.Model):
    target = models.ForeignKey(Target, models.PROTECT)


class Restricted(models.Model):
    target = models.ForeignKey(Target, models.RESTRICT)
    owner = models.ForeignKey("RestrictOwner", models.CASCADE, null=True)


class RestrictOwner(models.Model):
    target = models.ForeignKey(Target, models.CASCADE, null=True)


class Nullified(models.Model):
    target = models.ForeignKey(Target, models.SET_NULL, null=True)


class Defaulted(models.Model):
    target = models.ForeignKey(Target, models.SET_DEFAULT, null=True, default=None)


class SetToFallback(models.Model):
    target = models.ForeignKey(Target, models.SET(fallback_target))


class Ignored(models.Model):
    target = models.ForeignKey(Target, models.DO_NOTHING, db_constraint=False)


class Cascaded(models.Model):
    target = models.ForeignKey(Target, models.CASCADE)


# -- inheritance ----------------------------------------------------------------------


class Commentable(models.Model):
    owner = models.ForeignKey(Author, models.CASCADE, related_name="%(app_label)s_%(class)s_set", null=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-created"]


class Article(Commentable):
    headline = models.CharField(max_length=50)


class Photo(Commentable):
    caption = models.CharField(max_length=50)


class Place(models.Model):
    name = models.CharField(max_length=50)
    address = models.CharField(max_length=80, blank=True)


class Restaurant(Place):
    serves_pizza = models.BooleanField(default=False)


class ItalianRestaurant(Restaurant):
    serves_gnocchi = models.BooleanField(default=False)


class Shop(Place):
    place = models.OneToOneField(
        Place, models.CASCADE, parent_link=True, primary_key=True, related_name="shop"
    )
    kind = models.CharField(max_length=20)


class Supplier(Place):
    customers = models.ManyToManyField(Restaurant, related_name="provider")


class OrderedAuthorManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().order_by("-name")


class AuthorProxy(Author):
    sorted_objects = OrderedAuthorManager()

    class Meta:
        proxy = True
        ordering = ["-name"]

    def shout(self):
        return self.name.upper()


class HookedAuthor(Author):
    """A documented from_db() override: instances say they came through it."""

    class Meta:
        proxy = True

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance.loaded_by_hook = True
        return instance


class Strict(Author):
    class Meta:
        proxy = True

    def clean(self):
        if self.name == "bad":
            raise ValidationError("Bad name")


# -- many-to-many ----------------------------------------------------------------------


class Person(models.Model):
    name = models.CharField(max_length=30)
    friends = models.ManyToManyField("self", blank=True)
    followers = models.ManyToManyField("self", symmetrical=False, related_name="following", blank=True)


class Group(models.Model):
    name = models.CharField(max_length=30)
    members = models.ManyToManyField(Person, through="Membership", through_fields=("group", "person"))


class Membership(models.Model):
    group = models.ForeignKey(Group, models.CASCADE)
    person = models.ForeignKey(Person, models.CASCADE)
    inviter = models.ForeignKey(Person, models.CASCADE, related_name="invitations", null=True)
    role = models.CharField(max_length=20, default="member")


# -- one-to-one --------------------------------------------------------------------------


class Profile(models.Model):
    author = models.OneToOneField(Author, models.CASCADE, related_name="profile")
    bio = models.TextField(blank=True)


# -- fields ----------------------------------------------------------------------------


class Everything(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True)
    flag = models.BooleanField(default=False)
    maybe = models.BooleanField(null=True)
    small = models.SmallIntegerField(default=0)
    big = models.BigIntegerField(default=0)
    positive = models.PositiveSmallIntegerField(default=0)
    ratio = models.FloatField(default=0.0)
    amount = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    day = models.DateField(null=True)
    moment = models.DateTimeField(null=True)
    clock = models.TimeField(null=True)
    span = models.DurationField(null=True)
    blob = models.BinaryField(null=True)
    email = models.EmailField(blank=True)
    url = models.URLField(blank=True)
    ip = models.GenericIPAddressField(null=True)
    slug = models.SlugField(blank=True)
    text = models.TextField(blank=True)
    data = models.JSONField(null=True)
    stamped = models.DateTimeField(auto_now=True)


class Stamped(models.Model):
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    counter = models.IntegerField(default=0)
    note = models.CharField(max_length=20, db_default="db-note")


class Event(models.Model):
    title = models.CharField(max_length=30)
    when = models.DateField()
    slug = models.SlugField(unique_for_date="when")

    class Meta:
        get_latest_by = "when"


class Ticket(models.Model):
    name = models.CharField(max_length=30)
    low = models.IntegerField()
    high = models.IntegerField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(low__lte=models.F("high")), name="%(app_label)s_%(class)s_range"
            ),
            models.UniqueConstraint(fields=["name"], name="ticket_name_uniq"),
        ]
        indexes = [models.Index(fields=["-low", "high"])]


class Question(models.Model):
    text = models.CharField(max_length=50)


class Answer(models.Model):
    question = models.ForeignKey(Question, models.CASCADE)
    text = models.CharField(max_length=50)

    class Meta:
        order_with_respect_to = "question"


class SelectOnSave(models.Model):
    name = models.CharField(max_length=20)

    class Meta:
        select_on_save = True


class CompositeItem(models.Model):
    pk = models.CompositePrimaryKey("order_no", "line")
    order_no = models.IntegerField()
    line = models.IntegerField()
    qty = models.IntegerField(default=1)


class DatedSlot(models.Model):
    """A composite key whose parts need converting from the database (a date, a UUID)."""

    pk = models.CompositePrimaryKey("day", "ref")
    day = models.DateField()
    ref = models.UUIDField()
    label = models.CharField(max_length=20, default="")


class Rectangle(models.Model):
    width = models.IntegerField()
    height = models.IntegerField()
    area = models.GeneratedField(
        expression=models.F("width") * models.F("height"),
        output_field=models.IntegerField(),
        db_persist=True,
    )


# -- files -------------------------------------------------------------------------------

# Tests point this at a temporary directory.
TEST_STORAGE = {}


def test_storage():
    return TEST_STORAGE["storage"]


class Document(models.Model):
    title = models.CharField(max_length=20)
    attachment = models.FileField(upload_to="docs/", storage=test_storage, blank=True)
