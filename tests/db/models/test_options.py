"""Model._meta (Options): fields, relations, names, Meta options, managers."""

import pytest

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from tests.db.models.app_models.models import (
    Answer,
    Article,
    Author,
    AuthorProxy,
    Book,
    Everything,
    Group,
    ItalianRestaurant,
    Membership,
    Person,
    Photo,
    Place,
    Profile,
    Restaurant,
    SelectOnSave,
    Shop,
    Tag,
    Ticket,
)


def names(fields):
    return [f.name for f in fields]


def test_labels_names_and_default_table():
    opts = Book._meta
    assert opts.label == "model_tests.Book"
    assert opts.label_lower == "model_tests.book"
    assert opts.object_name == "Book" and opts.model_name == "book"
    assert opts.app_label == "model_tests"
    assert opts.db_table == "model_tests_book"
    assert str(opts) == "model_tests.book"
    assert repr(opts) == "<Options for Book>"


def test_verbose_names():
    assert Author._meta.verbose_name == "writer"
    assert str(Author._meta.verbose_name_plural) == "writers"
    assert Everything._meta.verbose_name == "everything"
    assert str(SelectOnSave._meta.verbose_name) == "select on save"
    assert Author._meta.verbose_name_raw == "writer"


def test_field_lists():
    opts = Book._meta
    assert names(opts.fields) == ["id", "title", "genre", "author", "publisher", "tagline", "pages"]
    assert names(opts.local_fields) == names(opts.fields)
    assert names(opts.many_to_many) == ["tags"]
    assert names(opts.local_many_to_many) == ["tags"]
    assert names(opts.concrete_fields) == names(opts.fields)
    assert opts.pk.name == "id" and isinstance(opts.pk, models.BigAutoField)
    assert opts.auto_field is opts.pk
    assert opts.private_fields == []


def test_lists_are_immutable():
    with pytest.raises(AttributeError):
        Book._meta.fields.append(None)


def test_get_field_forward_reverse_and_attname():
    opts = Author._meta
    assert opts.get_field("name").name == "name"
    books = opts.get_field("books")
    assert isinstance(books, models.ManyToOneRel)
    assert books.related_model is Book
    assert books.field is Book._meta.get_field("author")
    assert Book._meta.get_field("author_id") is Book._meta.get_field("author")
    assert isinstance(opts.get_field("profile"), models.OneToOneRel)
    assert isinstance(Tag._meta.get_field("book"), models.ManyToManyRel)
    with pytest.raises(FieldDoesNotExist, match="Author has no field named 'missing'"):
        opts.get_field("missing")


def test_get_fields_includes_reverse_relations_and_hidden():
    fields = Author._meta.get_fields()
    assert {
        "books",
        "profile",
        "model_tests_article_set",
        "model_tests_photo_set",
        "id",
        "name",
        "age",
    } <= set(f.name for f in fields)
    hidden = Tag._meta.get_fields(include_hidden=True)
    assert any(getattr(f, "hidden", False) for f in hidden)
    assert not any(getattr(f, "hidden", False) for f in Tag._meta.get_fields())


def test_related_objects():
    related = {r.name for r in Author._meta.related_objects}
    assert {"books", "profile"} <= related


def test_relation_flags():
    fk = Book._meta.get_field("author")
    assert (fk.is_relation, fk.many_to_one, fk.one_to_many, fk.one_to_one, fk.many_to_many) == (
        True,
        True,
        False,
        False,
        False,
    )
    rel = Author._meta.get_field("books")
    assert (rel.many_to_one, rel.one_to_many, rel.concrete, rel.auto_created) == (False, True, False, True)
    o2o = Profile._meta.get_field("author")
    assert o2o.one_to_one and not o2o.many_to_one
    m2m = Book._meta.get_field("tags")
    assert m2m.many_to_many and m2m.related_model is Tag
    assert Book._meta.get_field("title").is_relation is False


def test_reverse_relation_names_and_accessors():
    rel = Author._meta.get_field("books")
    assert rel.accessor_name == "books"
    assert rel.get_accessor_name() == "books"
    assert Tag._meta.get_field("book").accessor_name == "book_set"
    assert Book._meta.get_field("author").related_query_name() == "books"
    assert Book._meta.get_field("author").target_field is Author._meta.pk
    assert Book._meta.get_field("publisher").target_field.name == "code"


def test_abstract_inheritance_copies_fields_and_formats_related_name():
    assert names(Article._meta.fields) == ["id", "owner", "created", "headline"]
    assert Article._meta.ordering == ["-created"]
    assert Article._meta.get_field("owner") is not Photo._meta.get_field("owner")
    assert Article._meta.get_field("owner").remote_field.related_name == "model_tests_article_set"
    assert hasattr(Author, "model_tests_photo_set")
    assert Article._meta.abstract is False


def test_multi_table_inheritance_links():
    opts = Restaurant._meta
    link = opts.get_field("place_ptr")
    assert opts.parents == {Place: link}
    assert opts.pk is link and link.primary_key and link.remote_field.parent_link
    assert names(opts.local_fields) == ["place_ptr", "serves_pizza"]
    assert names(opts.fields) == ["id", "name", "address", "place_ptr", "serves_pizza"]
    assert ItalianRestaurant._meta.get_parent_list() == [Restaurant, Place]
    assert ItalianRestaurant._meta.get_ancestor_link(Place) is ItalianRestaurant._meta.get_field(
        "restaurant_ptr"
    )
    assert ItalianRestaurant._meta.get_base_chain(Place) == [Restaurant, Place]
    assert Shop._meta.parents == {Place: Shop._meta.get_field("place")}
    assert Restaurant._meta.concrete_model is Restaurant
    assert isinstance(Place._meta.get_field("restaurant"), models.OneToOneRel)


def test_child_inherits_parent_ordering():
    assert Article._meta.get_latest_by is None


def test_proxy_options():
    opts = AuthorProxy._meta
    assert opts.proxy
    assert opts.proxy_for_model is Author
    assert opts.concrete_model is Author
    assert opts.db_table == Author._meta.db_table
    assert opts.pk is Author._meta.pk
    assert opts.ordering == ["-name"]
    assert names(opts.fields) == names(Author._meta.fields)


def test_managers_and_default_manager():
    assert names(Author._meta.managers) == ["objects"]
    assert Author._meta.default_manager.name == "objects"
    assert Author._base_manager.name == "_base_manager"
    assert names(AuthorProxy._meta.managers) == ["sorted_objects", "objects"]
    assert AuthorProxy._default_manager.name == "sorted_objects"
    assert Author._meta.managers_map["objects"].model is Author
    with pytest.raises(AttributeError, match="Manager isn't accessible via Author instances"):
        Author().objects


def test_meta_options():
    assert Book._meta.unique_together == (("title", "author"),)
    assert Ticket._meta.constraints[0].name == "model_tests_ticket_range"
    assert Ticket._meta.indexes[0].name.startswith("model_tests_low_")
    assert [c.name for c in Ticket._meta.total_unique_constraints] == ["ticket_name_uniq"]
    assert SelectOnSave._meta.select_on_save is True
    assert Book._meta.default_permissions == ("add", "change", "delete", "view")
    assert Author._meta.ordering == ["name"]
    assert Answer._meta.order_with_respect_to is Answer._meta.get_field("question")
    assert Answer._meta.ordering == ("_order",)
    assert Book._meta.managed and not Book._meta.abstract and Book._meta.swapped is None
    assert Book._meta.original_attrs == {"unique_together": ("title", "author")}


def test_invalid_meta_attribute():
    with pytest.raises(TypeError, match="'class Meta' got invalid attribute\\(s\\): colour"):

        class Broken(models.Model):
            class Meta:
                app_label = "model_tests"
                colour = "red"


def test_unique_together_normalisation():
    from django.db.models.options import normalize_together

    assert normalize_together(("a", "b")) == (("a", "b"),)
    assert normalize_together([["a", "b"], ["c", "d"]]) == (("a", "b"), ("c", "d"))
    assert normalize_together(None) == ()


def test_m2m_through_models():
    tags = Book._meta.get_field("tags")
    through = tags.remote_field.through
    assert through._meta.auto_created is Book
    assert through._meta.db_table == "model_tests_book_tags"
    assert names(through._meta.fields) == ["id", "book", "tag"]
    assert tags.m2m_db_table() == "model_tests_book_tags"
    assert (tags.m2m_column_name(), tags.m2m_reverse_name()) == ("book_id", "tag_id")
    friends = Person._meta.get_field("friends")
    assert names(friends.remote_field.through._meta.fields) == ["id", "from_person", "to_person"]
    assert friends.remote_field.symmetrical is True
    assert Person._meta.get_field("followers").remote_field.symmetrical is False
    members = Group._meta.get_field("members")
    assert members.remote_field.through is Membership
    assert (members.m2m_field_name(), members.m2m_reverse_field_name()) == ("group", "person")


def test_app_registry_knows_models():
    from django.apps import apps

    assert apps.get_model("model_tests", "Book") is Book
    assert apps.get_model("model_tests.book") is Book


def test_abstract_model_cannot_be_instantiated():
    from tests.db.models.app_models.models import Commentable

    with pytest.raises(TypeError, match="Abstract models cannot be instantiated."):
        Commentable()


def test_model_without_app_label_outside_installed_apps():
    with pytest.raises(RuntimeError, match="doesn't declare an explicit app_label"):
        type("Loose", (models.Model,), {"__module__": "somewhere.else"})


def test_clashing_field_in_multi_table_child():
    from django.core.exceptions import FieldError

    with pytest.raises(
        FieldError, match="Local field 'name' in class 'Clash' clashes with field of the same name"
    ):
        type(
            "Clash",
            (Place,),
            {
                "__module__": __name__,
                "name": models.IntegerField(),
                "Meta": type("Meta", (), {"app_label": "model_tests"}),
            },
        )


def _private_model(registry, name, meta=None, **attrs):
    meta_attrs = {"app_label": "model_tests", "apps": registry, **(meta or {})}
    attrs["Meta"] = type("Meta", (), meta_attrs)
    attrs["__module__"] = __name__
    return type(name, (models.Model,), attrs)


def test_default_related_name_names_reverse_accessor_and_query_name():
    from django.apps.registry import Apps

    registry = Apps(["tests.db.models.app_models"])
    shelf = _private_model(registry, "Shelf")
    volume = _private_model(
        registry,
        "Volume",
        meta={"default_related_name": "%(app_label)s_%(model_name)ss"},
        shelf=models.ForeignKey(shelf, models.CASCADE),
        backup_shelf=models.ForeignKey(shelf, models.CASCADE, related_name="backups"),
    )
    reverse = {rel.name: rel for rel in shelf._meta.related_objects}
    assert set(reverse) == {"model_tests_volumes", "backups"}
    assert hasattr(shelf, "model_tests_volumes") and hasattr(shelf, "backups")
    assert volume._meta.get_field("shelf").related_query_name() == "model_tests_volumes"
    assert shelf._meta.get_field("model_tests_volumes").get_accessor_name() == "model_tests_volumes"
    # The field's own deconstruction doesn't take over the Meta option.
    assert "related_name" not in volume._meta.get_field("shelf").deconstruct()[3]


@pytest.mark.parametrize(
    ("meta", "vendors"),
    [
        ({"required_db_vendor": "postgresql"}, {"postgresql"}),
        ({"required_db_features": ["supports_transactions"]}, {"sqlite", "postgresql", "mysql"}),
        ({"required_db_features": ["has_select_for_no_key_update"]}, {"postgresql"}),
        ({"required_db_vendor": "sqlite", "required_db_features": ["has_select_for_update"]}, set()),
    ],
)
def test_required_db_vendor_and_features_decide_where_the_table_is_migrated(connection, meta, vendors):
    from django.apps.registry import Apps
    from django.db import router

    model = _private_model(Apps(["tests.db.models.app_models"]), "Special", meta=meta)
    expected = connection.vendor in vendors
    assert model._meta.can_migrate(connection) is expected
    assert model._meta.can_migrate(connection.alias) is expected
    assert router.allow_migrate_model(connection.alias, model) is expected
