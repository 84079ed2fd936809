"""Relation descriptors (forward/reverse, caching) and related managers (FK and M2M, sync and async)."""

import pytest

from django.db import models
from tests.db.models.app_models.models import (
    Author,
    Book,
    Group,
    Membership,
    Person,
    Place,
    Profile,
    Publisher,
    Restaurant,
    Supplier,
    Tag,
)


@pytest.fixture
def author(using):
    return Author.objects.using(using).create(name="Ann")


def test_forward_fk_is_cached_after_first_access(author, using, count_queries):
    book = Book.objects.using(using).create(title="T", author=author)
    fetched = Book.objects.using(using).get(pk=book.pk)
    with count_queries() as q:
        assert fetched.author == author
        assert fetched.author.name == "Ann"
    assert len(q) == 1
    assert Book.author.is_cached(fetched)


def test_assigning_fk_sets_id_and_cache(author, using):
    book = Book(title="T")
    book.author = author
    assert book.author_id == author.pk
    book.author_id = 12345
    assert not Book._meta.get_field("author").is_cached(book)
    with pytest.raises(ValueError, match='Cannot assign "1": "Book.author" must be a "Author" instance.'):
        book.author = 1


def test_missing_non_null_fk_raises_related_does_not_exist():
    book = Book(title="T")
    with pytest.raises(Book.author.RelatedObjectDoesNotExist, match="Book has no author."):
        book.author  # noqa: B018
    assert issubclass(Book.author.RelatedObjectDoesNotExist, Author.DoesNotExist)
    assert issubclass(Book.author.RelatedObjectDoesNotExist, AttributeError)


def test_nullable_fk_and_to_field(author, using):
    pub = Publisher.objects.using(using).create(name="P", code="PX")
    book = Book.objects.using(using).create(title="T", author=author, publisher=pub)
    assert book.publisher_id == "PX"
    fetched = Book.objects.using(using).get(pk=book.pk)
    assert fetched.publisher == pub
    fetched.publisher = None
    assert fetched.publisher_id is None and fetched.publisher is None


def test_reverse_fk_manager(author, using):
    b1 = Book.objects.using(using).create(title="B1", author=author)
    b2 = Book.objects.using(using).create(title="B2", author=author)
    assert set(author.books.all()) == {b1, b2}
    assert author.books.count() == 2
    assert list(author.books.filter(title="B2")) == [b2]
    created = author.books.create(title="B3")
    assert created.author == author
    obj, was_created = author.books.get_or_create(title="B3")
    assert (obj, was_created) == (created, False)
    obj, was_created = author.books.update_or_create(title="B4", defaults={"pages": 5})
    assert was_created and obj.pages == 5


def test_reverse_fk_add_moves_objects(using):
    a1 = Author.objects.using(using).create(name="a1")
    a2 = Author.objects.using(using).create(name="a2")
    book = Book.objects.using(using).create(title="B", author=a1)
    a2.books.add(book)
    assert book.author == a2
    assert Book.objects.using(using).get(pk=book.pk).author_id == a2.pk
    with pytest.raises(TypeError, match="'Book' instance expected, got <Author: a1>"):
        a2.books.add(a1)
    unsaved = Book(title="U", author=a1)
    with pytest.raises(ValueError, match="instance isn't saved. Use bulk=False or save the object first."):
        a2.books.add(unsaved)
    a2.books.add(unsaved, bulk=False)
    assert unsaved.pk is not None and unsaved.author == a2


def test_reverse_manager_direct_assignment_is_prohibited(author):
    with pytest.raises(
        TypeError,
        match="Direct assignment to the reverse side of a related set is prohibited. Use books.set\\(\\) instead.",
    ):
        author.books = []


def test_reverse_manager_on_unsaved_instance():
    with pytest.raises(
        ValueError,
        match="'Author' instance needs to have a primary key value before this relationship can be used.",
    ):
        Author(name="x").books.all()


def test_nullable_reverse_fk_remove_clear_set(using):
    from tests.db.models.app_models.models import Nullified, Target

    target = Target.objects.using(using).create(name="t")
    n1 = Nullified.objects.using(using).create(target=target)
    n2 = Nullified.objects.using(using).create(target=target)
    target.nullified_set.remove(n1)
    assert set(target.nullified_set.all()) == {n2}
    target.nullified_set.set([n1])
    assert set(target.nullified_set.all()) == {n1}
    target.nullified_set.clear()
    assert not target.nullified_set.exists()
    other = Target.objects.using(using).create(name="o")
    with pytest.raises(Target.DoesNotExist, match="is not related to"):
        other.nullified_set.remove(n1)
    assert not hasattr(Author.objects.using(using).create(name="z").books, "remove")


def test_one_to_one_both_directions(author, using, count_queries):
    profile = Profile.objects.using(using).create(author=author, bio="hi")
    fetched = Author.objects.using(using).get(pk=author.pk)
    with count_queries() as q:
        assert fetched.profile == profile
        assert fetched.profile.author is fetched
    assert len(q) == 1
    lonely = Author.objects.using(using).create(name="lonely")
    with pytest.raises(Author.profile.RelatedObjectDoesNotExist, match="Author has no profile."):
        lonely.profile  # noqa: B018
    assert issubclass(Author.profile.RelatedObjectDoesNotExist, Profile.DoesNotExist)


def test_parent_link_descriptors(using):
    r = Restaurant.objects.using(using).create(name="R", serves_pizza=True)
    assert r.place_ptr.name == "R"
    place = Place.objects.using(using).get(pk=r.pk)
    assert place.restaurant == r
    plain = Place.objects.using(using).create(name="plain")
    with pytest.raises(Restaurant.DoesNotExist):
        plain.restaurant  # noqa: B018


def test_m2m_add_remove_set_clear(author, using):
    book = Book.objects.using(using).create(title="B", author=author)
    t1, t2, t3 = (Tag.objects.using(using).create(name=n) for n in ("a", "b", "c"))
    book.tags.add(t1, t2)
    assert set(book.tags.all()) == {t1, t2}
    book.tags.add(t1)  # already there: no duplicate
    assert book.tags.count() == 2
    assert set(t1.book_set.all()) == {book}
    book.tags.remove(t1)
    assert set(book.tags.all()) == {t2}
    book.tags.set([t2, t3])
    assert set(book.tags.all()) == {t2, t3}
    book.tags.set([t3.pk])
    assert set(book.tags.all()) == {t3}
    book.tags.clear()
    assert book.tags.count() == 0
    new = book.tags.create(name="made")
    assert list(book.tags.all()) == [new]
    t1.book_set.add(book)
    assert set(book.tags.all()) == {new, t1}


def test_m2m_errors(author, using):
    book = Book.objects.using(using).create(title="B", author=author)
    with pytest.raises(TypeError, match="'Tag' instance expected, got <Author: Ann>"):
        book.tags.add(author)
    with pytest.raises(
        ValueError,
        match='needs to have a value for field "id" before this many-to-many relationship can be used.',
    ):
        Book(title="x").tags.all()
    with pytest.raises(
        TypeError,
        match="Direct assignment to the forward side of a many-to-many set is prohibited. Use tags.set\\(\\) instead.",
    ):
        book.tags = []


def test_symmetrical_m2m(using):
    a, b, c = (Person.objects.using(using).create(name=n) for n in "abc")
    a.friends.add(b)
    assert list(b.friends.all()) == [a]
    a.friends.remove(b)
    assert not b.friends.exists()
    a.followers.add(b)
    assert list(a.followers.all()) == [b]
    assert not b.followers.exists()
    assert list(b.following.all()) == [a]


def test_m2m_through_with_defaults(using):
    g = Group.objects.using(using).create(name="g")
    p1, p2 = (Person.objects.using(using).create(name=n) for n in ("p1", "p2"))
    Membership.objects.using(using).create(group=g, person=p1)
    g.members.add(p2, through_defaults={"role": "admin"})
    assert Membership.objects.using(using).get(person=p2).role == "admin"
    assert set(g.members.all()) == {p1, p2}
    assert set(p1.group_set.all()) == {g}
    g.members.remove(p1)
    assert list(g.members.all()) == [p2]
    g.members.set([p1], through_defaults={"role": "x"})
    assert list(g.members.all()) == [p1]
    g.members.clear()
    assert not Membership.objects.using(using).exists()


def test_m2m_changed_signal(author, using):
    book = Book.objects.using(using).create(title="B", author=author)
    tag = Tag.objects.using(using).create(name="t")
    events = []

    def receiver(sender, instance, action, reverse, model, pk_set, using, **kwargs):
        events.append((action, reverse, model, pk_set and set(pk_set)))

    models.signals.m2m_changed.connect(receiver, sender=Book.tags.through)
    try:
        book.tags.add(tag)
        book.tags.remove(tag)
        tag.book_set.add(book)
        book.tags.clear()
    finally:
        models.signals.m2m_changed.disconnect(receiver, sender=Book.tags.through)
    assert events == [
        ("pre_add", False, Tag, {tag.pk}),
        ("post_add", False, Tag, {tag.pk}),
        ("pre_remove", False, Tag, {tag.pk}),
        ("post_remove", False, Tag, {tag.pk}),
        ("pre_add", True, Book, {book.pk}),
        ("post_add", True, Book, {book.pk}),
        ("pre_clear", False, Tag, None),
        ("post_clear", False, Tag, None),
    ]


def test_m2m_to_child_model(using):
    supplier = Supplier.objects.using(using).create(name="s")
    r = Restaurant.objects.using(using).create(name="r")
    supplier.customers.add(r)
    assert list(r.provider.all()) == [supplier]


def test_filter_by_instance_and_reverse(author, using):
    book = Book.objects.using(using).create(title="B", author=author)
    assert list(Book.objects.using(using).filter(author=author)) == [book]
    assert list(Book.objects.using(using).filter(author__in=[author])) == [book]
    assert list(Author.objects.using(using).filter(books=book)) == [author]
    with pytest.raises(ValueError, match="Model instances passed to related filters must be saved."):
        list(Book.objects.using(using).filter(author=Author(name="unsaved")))


def test_related_manager_async_methods(author, using):
    from asgiref.sync import async_to_sync

    async def run():
        book = await author.books.acreate(title="async")
        tag = await Tag.objects.using(using).acreate(name="x")
        await book.tags.aadd(tag)
        await book.tags.aremove(tag)
        await book.tags.aset([tag])
        return book

    book = async_to_sync(run)()
    assert book.author_id == author.pk
    assert list(book.tags.all())[0].name == "x"


def test_limit_choices_to_and_get_choices(using, routed):
    field = models.ForeignKey(Author, models.CASCADE, limit_choices_to={"name__startswith": "A"})
    assert field.get_limit_choices_to() == {"name__startswith": "A"}
    callable_field = models.ForeignKey(Author, models.CASCADE, limit_choices_to=lambda: {"age": 1})
    assert callable_field.get_limit_choices_to() == {"age": 1}
    ann = Author.objects.using(using).create(name="Ann")
    Author.objects.using(using).create(name="Bob")
    book_author = Book._meta.get_field("author")
    choices = book_author.get_choices(limit_choices_to={"name__startswith": "A"})
    assert choices == [("", "---------"), (ann.pk, "Ann")]
    assert Author._meta.get_field("books").get_choices(include_blank=False) == []
