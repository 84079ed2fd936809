"""Model.delete() and the Collector: every on_delete behaviour, counts, signals, parents."""

import pytest

from django.db import models
from django.db.models import ProtectedError, RestrictedError
from tests.db.models.app_models.models import (
    Author,
    Book,
    Cascaded,
    Defaulted,
    Ignored,
    ItalianRestaurant,
    Nullified,
    Place,
    Protected,
    Restaurant,
    Restricted,
    RestrictOwner,
    SetToFallback,
    Tag,
    Target,
)


@pytest.fixture(autouse=True)
def _route_default_queries(routed):
    """SET(fallback_target) runs its callable (on the routed database) for every Target delete."""


def make_target(using, name="t"):
    return Target.objects.using(using).create(name=name)


def test_delete_returns_counts_per_label(using):
    author = Author.objects.using(using).create(name="A")
    Book.objects.using(using).create(title="1", author=author)
    Book.objects.using(using).create(title="2", author=author)
    count, per_model = author.delete()
    assert count == 3
    assert per_model == {"model_tests.Book": 2, "model_tests.Author": 1}
    assert author.pk is None
    assert Book.objects.using(using).count() == 0


def test_delete_unsaved_raises():
    with pytest.raises(
        ValueError, match="Author object can't be deleted because its id attribute is set to None."
    ):
        Author(name="x").delete()


def test_cascade(using):
    target = make_target(using)
    Cascaded.objects.using(using).create(target=target)
    target.delete()
    assert Cascaded.objects.using(using).count() == 0


def test_protect_raises_with_the_protected_objects(using):
    target = make_target(using)
    p = Protected.objects.using(using).create(target=target)
    with pytest.raises(ProtectedError) as exc:
        target.delete()
    assert exc.value.protected_objects == {p}
    assert "referenced through protected foreign keys: 'Protected.target'" in str(exc.value.args[0])
    assert Target.objects.using(using).filter(pk=target.pk).exists()
    from django.db import IntegrityError

    assert isinstance(exc.value, IntegrityError)


def test_restrict_raises_unless_also_cascaded(using):
    target = make_target(using)
    r = Restricted.objects.using(using).create(target=target)
    with pytest.raises(RestrictedError) as exc:
        target.delete()
    assert exc.value.restricted_objects == {r}
    assert "referenced through restricted foreign keys: 'Restricted.target'" in exc.value.args[0]
    # Reached through a cascade from the same delete: allowed.
    other = make_target(using, "other")
    owner = RestrictOwner.objects.using(using).create(target=other)
    Restricted.objects.using(using).create(target=other, owner=owner)
    other.delete()
    assert not Restricted.objects.using(using).filter(target_id=other.pk).exists()


def test_set_null(using):
    target = make_target(using)
    obj = Nullified.objects.using(using).create(target=target)
    target.delete()
    obj.refresh_from_db()
    assert obj.target_id is None


def test_set_default(using):
    target = make_target(using)
    obj = Defaulted.objects.using(using).create(target=target)
    target.delete()
    obj.refresh_from_db()
    assert obj.target_id is None


def test_set_callable(using, routed):
    target = make_target(using)
    obj = SetToFallback.objects.using(using).create(target=target)
    target.delete()
    obj.refresh_from_db()
    assert obj.target.name == "fallback"


def test_do_nothing_leaves_rows(using):
    target = make_target(using)
    obj = Ignored.objects.using(using).create(target=target)
    old_pk = target.pk
    target.delete()
    assert Ignored.objects.using(using).get(pk=obj.pk).target_id == old_pk


def test_signals_and_origin(using):
    events = []

    def pre(sender, instance, using, origin, **kwargs):
        events.append(("pre", sender.__name__, origin))

    def post(sender, instance, using, origin, **kwargs):
        events.append(("post", sender.__name__, instance.pk))

    author = Author.objects.using(using).create(name="A")
    Book.objects.using(using).create(title="1", author=author)
    models.signals.pre_delete.connect(pre)
    models.signals.post_delete.connect(post)
    try:
        author.delete()
    finally:
        models.signals.pre_delete.disconnect(pre)
        models.signals.post_delete.disconnect(post)
    assert ("pre", "Author", author) in events
    assert ("pre", "Book", author) in events
    posts = [e for e in events if e[0] == "post"]
    assert [e[1] for e in posts] == ["Book", "Author"]


def test_m2m_rows_are_deleted_with_either_side(using):
    author = Author.objects.using(using).create(name="A")
    book = Book.objects.using(using).create(title="1", author=author)
    tag = Tag.objects.using(using).create(name="t")
    book.tags.add(tag)
    through = Book.tags.through
    count, per_model = tag.delete()
    assert per_model == {"model_tests.Book_tags": 1, "model_tests.Tag": 1}
    assert through.objects.using(using).count() == 0


def test_deleting_child_deletes_parents(using):
    r = ItalianRestaurant.objects.using(using).create(name="N")
    count, per_model = r.delete()
    assert per_model == {
        "model_tests.ItalianRestaurant": 1,
        "model_tests.Restaurant": 1,
        "model_tests.Place": 1,
    }
    assert Place.objects.using(using).count() == 0


def test_keep_parents(using):
    r = Restaurant.objects.using(using).create(name="N")
    r.delete(keep_parents=True)
    assert Place.objects.using(using).filter(name="N").exists()
    assert not Restaurant.objects.using(using).exists()


def test_deleting_parent_deletes_children(using):
    r = ItalianRestaurant.objects.using(using).create(name="N")
    Place.objects.using(using).get(pk=r.pk).delete()
    assert not ItalianRestaurant.objects.using(using).exists()
    assert not Restaurant.objects.using(using).exists()


def test_fast_delete_uses_one_query(using, count_queries):
    target = make_target(using)
    for _ in range(3):
        Cascaded.objects.using(using).create(target=target)
    with count_queries() as q:
        Cascaded.objects.using(using).all().delete()
    assert len(q) == 1


def test_single_object_without_dependents_is_one_query(using, count_queries):
    obj = Cascaded.objects.using(using).create(target=make_target(using))
    with count_queries() as q:
        count, per_model = obj.delete()
    assert len(q) == 1
    assert (count, per_model) == (1, {"model_tests.Cascaded": 1})
    assert obj.pk is None


def test_queryset_delete_counts(using):
    target = make_target(using)
    Nullified.objects.using(using).create(target=target)
    count, per_model = Target.objects.using(using).filter(pk=target.pk).delete()
    assert (count, per_model) == (1, {"model_tests.Target": 1})
