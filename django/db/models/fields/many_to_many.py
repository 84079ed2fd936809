"""ManyToManyField and its automatically created intermediary ("through") model."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from django.core import checks
from django.db.models.fields.related import RelatedField, lazy_related_operation, resolve_relation
from django.db.models.fields.related_descriptors import ManyToManyDescriptor
from django.db.models.fields.reverse_related import ManyToManyRel
from django.db.models.utils import make_model_tuple
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.db.models.base import Model

RECURSIVE = "self"


def create_many_to_many_intermediary_model(field: Any, klass: Any) -> Any:
    """Build the auto-created through model with one ForeignKey to each side."""
    from django.db import models

    def set_managed(model: Any, related: Any, through: Any) -> None:
        through._meta.managed = model._meta.managed or related._meta.managed

    to_model = resolve_relation(klass, field.remote_field.model)
    name = "%s_%s" % (klass._meta.object_name, field.name)
    lazy_related_operation(set_managed, klass, to_model, name)
    to = make_model_tuple(to_model)[1]
    from_ = klass._meta.model_name
    if to == from_:
        to, from_ = "to_%s" % to, "from_%s" % from_
    meta = type(
        "Meta",
        (),
        {
            "db_table": field._get_m2m_db_table(klass._meta),
            "auto_created": klass,
            "app_label": klass._meta.app_label,
            "db_tablespace": klass._meta.db_tablespace,
            "unique_together": (from_, to),
            "verbose_name": _("%(from)s-%(to)s relationship") % {"from": from_, "to": to},
            "verbose_name_plural": _("%(from)s-%(to)s relationships") % {"from": from_, "to": to},
            "apps": field.model._meta.apps,
        },
    )
    return type(
        name,
        (models.Model,),
        {
            "Meta": meta,
            "__module__": klass.__module__,
            from_: models.ForeignKey(
                klass,
                related_name="%s+" % name,
                db_tablespace=field.db_tablespace,
                db_constraint=field.remote_field.db_constraint,
                on_delete=models.CASCADE,
            ),
            to: models.ForeignKey(
                to_model,
                related_name="%s+" % name,
                db_tablespace=field.db_tablespace,
                db_constraint=field.remote_field.db_constraint,
                on_delete=models.CASCADE,
            ),
        },
    )


class ManyToManyField(RelatedField):
    """A many-to-many relation kept in an intermediary table."""

    many_to_many = True
    many_to_one = False
    one_to_many = False
    one_to_one = False
    rel_class = ManyToManyRel
    description = _("Many-to-many relationship")

    def __init__(
        self,
        to: Any,
        related_name: str | None = None,
        related_query_name: str | None = None,
        limit_choices_to: Any = None,
        symmetrical: bool | None = None,
        through: Any = None,
        through_fields: Any = None,
        db_constraint: bool = True,
        db_table: str | None = None,
        swappable: bool = True,
        **kwargs: Any,
    ) -> None:
        try:
            to._meta
        except AttributeError:
            if not isinstance(to, str):
                raise TypeError(
                    "%s(%r) is invalid. First parameter to ManyToManyField must be either a model, a model "
                    "name, or the string %r" % (self.__class__.__name__, to, RECURSIVE)
                )
        if symmetrical is None:
            symmetrical = to == RECURSIVE
        if through is not None and db_table is not None:
            raise ValueError("Cannot specify a db_table if an intermediary model is used.")
        kwargs["rel"] = self.rel_class(
            self,
            to,
            related_name=related_name,
            related_query_name=related_query_name,
            limit_choices_to=limit_choices_to,
            symmetrical=symmetrical,
            through=through,
            through_fields=through_fields,
            db_constraint=db_constraint,
        )
        self.has_null_arg = "null" in kwargs
        super().__init__(
            related_name=related_name,
            related_query_name=related_query_name,
            limit_choices_to=limit_choices_to,
            **kwargs,
        )
        self.db_table = db_table
        self.swappable = swappable

    # -- checks ---------------------------------------------------------------

    def check(self, **kwargs: Any) -> list:
        return [
            *super().check(**kwargs),
            *self._check_unique(),
            *self._check_relationship_model(),
            *self._check_ignored_options(),
            *self._check_table_uniqueness(),
        ]

    def _check_unique(self) -> list:
        if self.unique:
            return [checks.Error("ManyToManyFields cannot be unique.", obj=self, id="fields.E330")]
        return []

    def _check_ignored_options(self) -> list:
        warnings = []
        if self.has_null_arg:
            warnings.append(
                checks.Warning("null has no effect on ManyToManyField.", obj=self, id="fields.W340")
            )
        if self._validators:
            warnings.append(
                checks.Warning("ManyToManyField does not support validators.", obj=self, id="fields.W341")
            )
        if (
            self.remote_field.limit_choices_to
            and self.remote_field.through
            and not self.remote_field.through._meta.auto_created
        ):
            warnings.append(
                checks.Warning(
                    "limit_choices_to has no effect on ManyToManyField with a through model.",
                    obj=self,
                    id="fields.W343",
                )
            )
        if self.db_comment:
            warnings.append(
                checks.Warning("db_comment has no effect on ManyToManyField.", obj=self, id="fields.W346")
            )
        return warnings

    def _check_relationship_model(self) -> list:
        through = self.remote_field.through
        if isinstance(through, str) or through is None:
            return []
        if through not in self.opts.apps.get_models(include_auto_created=True):
            return [
                checks.Error(
                    "Field specifies a many-to-many relation through model '%s', which has not been installed."
                    % through._meta.object_name,
                    obj=self,
                    id="fields.E331",
                )
            ]
        if through._meta.auto_created:
            return []
        return self._check_through_links(through)

    def _check_through_links(self, through: Any) -> list:
        to_model = self.remote_field.model
        from_model = self.model
        if isinstance(to_model, str):
            return []
        fks = [f for f in through._meta.fields if getattr(f, "remote_field", None)]
        from_count = sum(1 for f in fks if f.remote_field.model == from_model)
        to_count = sum(1 for f in fks if f.remote_field.model == to_model)
        self_referential = from_model == to_model
        errors = []
        if self.remote_field.through_fields:
            return self._check_through_fields(through)
        if self_referential and from_count > 2:
            errors.append(
                checks.Error(
                    "The model is used as an intermediate model by '%s', but it has more than two foreign keys "
                    "to '%s', which is ambiguous. You must specify which two foreign keys Django should use "
                    "via the through_fields keyword argument." % (self, from_model._meta.object_name),
                    hint="Use through_fields to specify which two foreign keys Django should use.",
                    obj=through,
                    id="fields.E333",
                )
            )
        elif not self_referential:
            hint = (
                'If you want to create a recursive relationship, use ManyToManyField("%s", through="%s").'
                % (RECURSIVE, through._meta.object_name)
            )
            if from_count > 1:
                errors.append(
                    checks.Error(
                        "The model is used as an intermediate model by '%s', but it has more than one foreign "
                        "key from '%s', which is ambiguous. You must specify which foreign key Django should "
                        "use via the through_fields keyword argument." % (self, from_model._meta.object_name),
                        hint=hint,
                        obj=self,
                        id="fields.E334",
                    )
                )
            if to_count > 1:
                errors.append(
                    checks.Error(
                        "The model is used as an intermediate model by '%s', but it has more than one foreign "
                        "key to '%s', which is ambiguous. You must specify which foreign key Django should use "
                        "via the through_fields keyword argument." % (self, to_model._meta.object_name),
                        hint=hint,
                        obj=self,
                        id="fields.E335",
                    )
                )
            if from_count == 0 or to_count == 0:
                errors.append(
                    checks.Error(
                        "The model is used as an intermediate model by '%s', but it does not have a foreign key "
                        "to '%s' or '%s'." % (self, from_model._meta.object_name, to_model._meta.object_name),
                        obj=through,
                        id="fields.E336",
                    )
                )
        return errors

    def _check_through_fields(self, through: Any) -> list:
        from django.core.exceptions import FieldDoesNotExist

        through_fields = self.remote_field.through_fields
        if len(through_fields) < 2 or not (through_fields[0] and through_fields[1]):
            return [
                checks.Error(
                    "Field specifies 'through_fields' but does not provide the names of the two link fields "
                    "that should be used for the relation through model '%s'." % through._meta.label,
                    hint="Make sure you specify 'through_fields' as through_fields=('field1', 'field2')",
                    obj=self,
                    id="fields.E337",
                )
            ]
        errors = []
        for field_name, model in (
            (through_fields[0], self.model),
            (through_fields[1], self.remote_field.model),
        ):
            try:
                field = through._meta.get_field(field_name)
            except FieldDoesNotExist:
                errors.append(
                    checks.Error(
                        "The intermediary model '%s' has no field '%s'." % (through._meta.label, field_name),
                        hint="Did you mean one of the following foreign keys to '%s': %s?"
                        % (
                            model._meta.object_name,
                            ", ".join(
                                f.name
                                for f in through._meta.fields
                                if getattr(f, "remote_field", None) and f.remote_field.model == model
                            ),
                        ),
                        obj=self,
                        id="fields.E338",
                    )
                )
                continue
            if not (
                getattr(field, "remote_field", None) and getattr(field.remote_field, "model", None) == model
            ):
                errors.append(
                    checks.Error(
                        "'%s.%s' is not a foreign key to '%s'."
                        % (through._meta.object_name, field_name, model._meta.object_name),
                        obj=self,
                        id="fields.E339",
                    )
                )
        return errors

    def _check_table_uniqueness(self, **kwargs: Any) -> list:
        through = self.remote_field.through
        if isinstance(through, str) or through is None or not through._meta.managed:
            return []
        m2m_db_table = self.m2m_db_table()
        for model in self.opts.apps.get_models(include_auto_created=True):
            if model != through and model._meta.managed and model._meta.db_table == m2m_db_table:
                clashing = (
                    model._meta.auto_created._meta.get_field(model._meta.object_name.split("_", 1)[1])
                    if model._meta.auto_created
                    else model._meta.label
                )
                return [
                    checks.Error(
                        "The field's intermediary table '%s' clashes with the table name of '%s'."
                        % (m2m_db_table, clashing),
                        obj=self,
                        id="fields.E340",
                    )
                ]
        return []

    # -- deconstruction -------------------------------------------------------

    def deconstruct(self) -> tuple:
        name, path, args, kwargs = super().deconstruct()
        if self.db_table is not None:
            kwargs["db_table"] = self.db_table
        if self.remote_field.db_constraint is not True:
            kwargs["db_constraint"] = self.remote_field.db_constraint
        self._deconstruct_to(kwargs)
        through = self.remote_field.through
        if through is not None and not (not isinstance(through, str) and through._meta.auto_created):
            kwargs["through"] = through if isinstance(through, str) else through._meta.label
        if self.remote_field.through_fields:
            kwargs["through_fields"] = self.remote_field.through_fields
        return name, path, args, kwargs

    # -- joins ------------------------------------------------------------

    def _get_path_info(self, direct: bool = False, filtered_relation: Any = None) -> list:
        int_model = self.remote_field.through
        linkfield1 = int_model._meta.get_field(self.m2m_field_name())
        linkfield2 = int_model._meta.get_field(self.m2m_reverse_field_name())
        if direct:
            join1infos = linkfield1.reverse_path_infos
            join2infos = (
                linkfield2.get_path_info(filtered_relation) if filtered_relation else linkfield2.path_infos
            )
        else:
            join1infos = linkfield2.reverse_path_infos
            join2infos = (
                linkfield1.get_path_info(filtered_relation) if filtered_relation else linkfield1.path_infos
            )
        # The first hop targets the through model's pk unless both hops use other fields.
        join1_final = join1infos[-1].to_opts
        join2_initial = join2infos[0].from_opts
        if join1_final is join2_initial:
            intermediate_infos = []
        elif issubclass(join1_final.model, join2_initial.model):
            intermediate_infos = join1_final.get_path_to_parent(join2_initial.model)
        else:
            intermediate_infos = join2_initial.get_path_from_parent(join1_final.model)
        return [*join1infos, *intermediate_infos, *join2infos]

    def get_path_info(self, filtered_relation: Any = None) -> list:
        return self._get_path_info(direct=True, filtered_relation=filtered_relation)

    @cached_property
    def path_infos(self) -> list:
        return self.get_path_info()

    def get_reverse_path_info(self, filtered_relation: Any = None) -> list:
        return self._get_path_info(direct=False, filtered_relation=filtered_relation)

    @cached_property
    def reverse_path_infos(self) -> list:
        return self.get_reverse_path_info()

    def _get_m2m_db_table(self, opts: Any) -> str:
        if self.remote_field.through is not None and not isinstance(self.remote_field.through, str):
            return self.remote_field.through._meta.db_table
        if self.db_table:
            return self.db_table
        from django.db import connection
        from django.db.backends.utils import truncate_name

        m2m_table_name = "%s_%s" % (opts.db_table, self.name)
        return truncate_name(m2m_table_name, connection.ops.max_name_length())

    def _through_link(self, related: Any, reverse: bool) -> Any:
        """The through model's ForeignKey to the source model (or, with reverse, the target)."""
        opts = self.remote_field.through._meta
        through_fields = self.remote_field.through_fields
        if through_fields:
            return opts.get_field(through_fields[1 if reverse else 0])
        source, target = related.related_model, related.model
        if source == target:
            # Self-referential: the first link is the source, the second the target.
            links = [f for f in opts.fields if f.is_relation and f.remote_field.model == source]
            return links[1 if reverse else 0]
        wanted = target if reverse else source
        return next(f for f in opts.fields if f.is_relation and f.remote_field.model == wanted)

    def _get_m2m_attr(self, related: Any, attr: str) -> Any:
        cache_attr = "_m2m_%s_cache" % attr
        if hasattr(self, cache_attr):
            return getattr(self, cache_attr)
        link = self._through_link(related, reverse=False)
        setattr(self, cache_attr, getattr(link, attr))
        return getattr(self, cache_attr)

    def _get_m2m_reverse_attr(self, related: Any, attr: str) -> Any:
        cache_attr = "_m2m_reverse_%s_cache" % attr
        if hasattr(self, cache_attr):
            return getattr(self, cache_attr)
        link = self._through_link(related, reverse=True)
        setattr(self, cache_attr, getattr(link, attr))
        return getattr(self, cache_attr)

    # -- class wiring ---------------------------------------------------------

    def contribute_to_class(self, cls: type[Model], name: str, **kwargs: Any) -> None:  # type: ignore[override]  # options are keyword-only here, as in Django
        # A symmetrical self relation, or a hidden one, gets an internal related_name so
        # that abstract-inherited copies don't clash.
        if self.remote_field.symmetrical and (
            self.remote_field.model == RECURSIVE or self.remote_field.model == cls._meta.object_name
        ):
            self.remote_field.related_name = "%s_rel_+" % name
        elif self.remote_field.is_hidden():
            self.remote_field.related_name = "_%s_%s_%s_+" % (cls._meta.app_label, cls.__name__.lower(), name)
        super().contribute_to_class(cls, name, **kwargs)
        if not cls._meta.abstract:
            if self.remote_field.through:

                def resolve_through_model(_: Any, model: Any, field: Any) -> None:
                    field.remote_field.through = model

                lazy_related_operation(resolve_through_model, cls, self.remote_field.through, field=self)
            elif not cls._meta.swapped:
                self.remote_field.through = create_many_to_many_intermediary_model(self, cls)
        setattr(cls, self.name, ManyToManyDescriptor(self.remote_field, reverse=False))
        self.m2m_db_table = partial(self._get_m2m_db_table, cls._meta)

    def contribute_to_related_class(self, cls: Any, related: Any) -> None:
        if not self.remote_field.is_hidden() and not related.related_model._meta.swapped:
            setattr(cls, related.accessor_name, ManyToManyDescriptor(self.remote_field, reverse=True))
        self.m2m_column_name = partial(self._get_m2m_attr, related, "column")
        self.m2m_reverse_name = partial(self._get_m2m_reverse_attr, related, "column")
        self.m2m_field_name = partial(self._get_m2m_attr, related, "name")
        self.m2m_reverse_field_name = partial(self._get_m2m_reverse_attr, related, "name")
        get_m2m_rel = partial(self._get_m2m_attr, related, "remote_field")
        self.m2m_target_field_name = lambda: get_m2m_rel().field_name
        get_m2m_reverse_rel = partial(self._get_m2m_reverse_attr, related, "remote_field")
        self.m2m_reverse_target_field_name = lambda: get_m2m_reverse_rel().field_name

    def set_attributes_from_rel(self) -> None:
        pass

    def value_from_object(self, obj: Any) -> list:
        return [] if obj.pk is None else list(getattr(obj, self.attname).all())

    def save_form_data(self, instance: Any, data: Any) -> None:
        getattr(instance, self.attname).set(data)

    def formfield(self, *, using: str | None = None, **kwargs: Any) -> Any:  # type: ignore[override]  # options are keyword-only here, as in Django
        from django import forms

        defaults: dict[str, Any] = {
            "form_class": forms.ModelMultipleChoiceField,
            "queryset": self.remote_field.model._default_manager.using(using),
            **kwargs,
        }
        if defaults.get("initial") is not None:
            initial = defaults["initial"]
            if callable(initial):
                initial = initial()
            defaults["initial"] = [i.pk for i in initial]
        return super().formfield(**defaults)

    def db_check(self, connection: Any) -> None:
        return None

    def db_type(self, connection: Any) -> None:
        # No column: the relation lives in the intermediary table.
        return None

    def db_parameters(self, connection: Any) -> dict:
        return {"type": None, "check": None}
