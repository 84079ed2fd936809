"""Model system checks (models.E0xx/W0xx), run by Model.check()."""

from __future__ import annotations

from itertools import chain
from typing import TYPE_CHECKING, Any, ClassVar

from django.core import checks
from django.core.exceptions import FieldDoesNotExist
from django.db.models.constants import LOOKUP_SEP

if TYPE_CHECKING:
    from django.db.models.options import Options


class ModelChecks:
    if TYPE_CHECKING:  # set on each model class by ModelBase
        _meta: ClassVar[Options]

    @classmethod
    def check(cls, **kwargs: Any) -> list:
        errors = [*cls._check_swappable(), *cls._check_model(), *cls._check_managers(**kwargs)]
        if not cls._meta.swapped:
            databases = kwargs.get("databases") or []
            errors += [
                *cls._check_fields(**kwargs),
                *cls._check_m2m_through_same_relationship(),
                *cls._check_long_column_names(databases),
            ]
            clash_errors = [
                *cls._check_id_field(),
                *cls._check_field_name_clashes(),
                *cls._check_model_name_db_lookup_clashes(),
                *cls._check_property_name_related_field_accessor_clashes(),
                *cls._check_single_primary_key(),
            ]
            errors.extend(clash_errors)
            # Column clashes are only meaningful once names don't clash.
            if not clash_errors:
                errors.extend(cls._check_column_name_clashes())
            errors += [
                *cls._check_unique_together(),
                *cls._check_indexes(databases),
                *cls._check_ordering(),
                *cls._check_constraints(databases),
                *cls._check_default_pk(),
                *cls._check_db_table_comment(databases),
            ]
        return errors

    @classmethod
    def _check_default_pk(cls) -> list:
        app_config = cls._meta.app_config
        if (
            cls._meta.pk is not None
            and cls._meta.pk.auto_created
            and not getattr(cls._meta.pk, "remote_field", None)
            and not _setting_overridden("DEFAULT_AUTO_FIELD")
            and app_config
            and not getattr(app_config, "_is_default_auto_field_overridden", False)
        ):
            return [
                checks.Warning(
                    f"Auto-created primary key used when not defining a primary key type, by default "
                    f"'{_default_auto_field()}'.",
                    hint=(
                        f"Configure the DEFAULT_AUTO_FIELD setting or the {app_config.__class__.__qualname__}."
                        f"default_auto_field attribute to point to a subclass of AutoField, e.g. "
                        f"'django.db.models.BigAutoField'."
                    ),
                    obj=cls,
                    id="models.W042",
                )
            ]
        return []

    @classmethod
    def _check_db_table_comment(cls, databases: list) -> list:
        if not cls._meta.db_table_comment:
            return []
        from django.db import connections, router

        errors = []
        for db in databases:
            if not router.allow_migrate_model(db, cls):
                continue
            connection = connections[db]
            if not (
                connection.features.supports_comments or "supports_comments" in cls._meta.required_db_features
            ):
                errors.append(
                    checks.Warning(
                        f"{connection.display_name} does not support comments on tables (db_table_comment).",
                        obj=cls,
                        id="models.W046",
                    )
                )
        return errors

    @classmethod
    def _check_swappable(cls) -> list:
        if not cls._meta.swapped:
            return []
        from django.apps import apps

        try:
            app_label, model_name = cls._meta.swapped.split(".")
        except ValueError:
            return [
                checks.Error(
                    "'%s' is not of the form 'app_label.app_name'." % cls._meta.swappable, id="models.E001"
                )
            ]
        try:
            apps.get_model(app_label, model_name)
        except LookupError:
            return [
                checks.Error(
                    "'%s' references '%s.%s', which has not been installed, or is abstract."
                    % (cls._meta.swappable, app_label, model_name),
                    id="models.E002",
                )
            ]
        return []

    @classmethod
    def _check_model(cls) -> list:
        if cls._meta.proxy and (cls._meta.local_fields or cls._meta.local_many_to_many):
            return [checks.Error("Proxy model '%s' contains model fields." % cls.__name__, id="models.E017")]
        return []

    @classmethod
    def _check_managers(cls, **kwargs: Any) -> list:
        errors = []
        for manager in cls._meta.managers:
            errors.extend(manager.check(**kwargs))
        return errors

    @classmethod
    def _check_fields(cls, **kwargs: Any) -> list:
        errors = []
        for field in cls._meta.local_fields:
            errors.extend(field.check(**kwargs))
        for field in cls._meta.local_many_to_many:
            errors.extend(field.check(from_model=cls, **kwargs))
        return errors

    @classmethod
    def _check_m2m_through_same_relationship(cls) -> list:
        errors = []
        seen = set()
        for f in cls._meta.local_many_to_many:
            through = f.remote_field.through
            if isinstance(f.remote_field.model, str) or isinstance(through, str) or through is None:
                continue
            signature = (f.remote_field.model, cls, through, f.remote_field.through_fields)
            if signature in seen:
                errors.append(
                    checks.Error(
                        "The model has two identical many-to-many relations through the intermediate model '%s'."
                        % through._meta.label,
                        obj=cls,
                        id="models.E003",
                    )
                )
            else:
                seen.add(signature)
        return errors

    @classmethod
    def _check_id_field(cls) -> list:
        fields = [f for f in cls._meta.local_fields if f.name == "id" and f != cls._meta.pk]
        if fields and not fields[0].primary_key and cls._meta.pk.name == "id":
            return [
                checks.Error(
                    "'id' can only be used as a field name if the field also sets 'primary_key=True'.",
                    obj=cls,
                    id="models.E004",
                )
            ]
        return []

    @classmethod
    def _check_field_name_clashes(cls) -> list:
        errors = []
        used_fields: dict = {}
        # Fields inherited from different parents must not share a name.
        for parent in cls._meta.all_parents:
            for f in parent._meta.local_fields:
                clash = used_fields.get(f.name) or used_fields.get(f.attname) or None
                if clash:
                    errors.append(
                        checks.Error(
                            "The field '%s' from parent model '%s' clashes with the field '%s' from parent model '%s'."
                            % (clash.name, clash.model._meta, f.name, f.model._meta),
                            obj=cls,
                            id="models.E005",
                        )
                    )
                used_fields[f.name] = f
                used_fields[f.attname] = f
        for parent in cls._meta.all_parents:
            for f in parent._meta.get_fields():
                if f not in used_fields:
                    used_fields[f.name] = f
        for f in cls._meta.local_fields:
            clash = used_fields.get(f.name) or used_fields.get(f.attname) or None
            # A field named like the parent link's reverse accessor (e.g. "place") is fine.
            id_conflict = f.name == "id" and clash and clash.name == "id" and clash.model == cls
            if clash and not id_conflict and not _is_parent_link_accessor(cls, f, clash):
                errors.append(
                    checks.Error(
                        "The field '%s' clashes with the field '%s' from model '%s'."
                        % (f.name, clash.name, clash.model._meta),
                        obj=f,
                        id="models.E006",
                    )
                )
            used_fields[f.name] = f
            used_fields[f.attname] = f
        return errors

    @classmethod
    def _check_column_name_clashes(cls) -> list:
        used_column_names: list = []
        errors = []
        for f in cls._meta.local_fields:
            column_name = f.column
            if column_name and column_name in used_column_names:
                errors.append(
                    checks.Error(
                        "Field '%s' has column name '%s' that is used by another field."
                        % (f.name, column_name),
                        hint="Specify a 'db_column' for the field.",
                        obj=cls,
                        id="models.E007",
                    )
                )
            else:
                used_column_names.append(column_name)
        return errors

    @classmethod
    def _check_model_name_db_lookup_clashes(cls) -> list:
        model_name = cls.__name__
        if model_name.startswith("_") or model_name.endswith("_"):
            return [
                checks.Error(
                    "The model name '%s' cannot start or end with an underscore as it collides with the query "
                    "lookup syntax." % model_name,
                    obj=cls,
                    id="models.E023",
                )
            ]
        if LOOKUP_SEP in model_name:
            return [
                checks.Error(
                    "The model name '%s' cannot contain double underscores as it collides with the query lookup "
                    "syntax." % model_name,
                    obj=cls,
                    id="models.E024",
                )
            ]
        return []

    @classmethod
    def _check_property_name_related_field_accessor_clashes(cls) -> list:
        errors = []
        property_names = cls._meta._property_names
        related_field_accessors = (
            f.get_attname()
            for f in cls._meta._get_fields(reverse=False)
            if f.is_relation and f.related_model is not None
        )
        for accessor in related_field_accessors:
            if accessor in property_names:
                errors.append(
                    checks.Error(
                        "The property '%s' clashes with a related field accessor." % accessor,
                        obj=cls,
                        id="models.E025",
                    )
                )
        return errors

    @classmethod
    def _check_single_primary_key(cls) -> list:
        if sum(1 for f in cls._meta.local_fields if f.primary_key) > 1:
            return [
                checks.Error(
                    "The model cannot have more than one field with 'primary_key=True'.",
                    obj=cls,
                    id="models.E026",
                )
            ]
        return []

    @classmethod
    def _check_unique_together(cls) -> list:
        unique_together = cls._meta.unique_together
        if not isinstance(unique_together, (tuple, list)):
            return [checks.Error("'unique_together' must be a list or tuple.", obj=cls, id="models.E010")]
        if any(not isinstance(fields, (tuple, list)) for fields in unique_together):
            return [
                checks.Error(
                    "All 'unique_together' elements must be lists or tuples.", obj=cls, id="models.E011"
                )
            ]
        errors = []
        for fields in unique_together:
            errors.extend(cls._check_local_fields(fields, "unique_together"))
        return errors

    @classmethod
    def _check_local_fields(cls, fields: Any, option: str) -> list:
        forward_fields_map = {}
        for field in cls._meta._get_fields(reverse=False):
            forward_fields_map[field.name] = field
            if hasattr(field, "attname"):
                forward_fields_map[field.attname] = field
        errors = []
        for field_name in fields:
            try:
                field = forward_fields_map[field_name]
            except KeyError:
                errors.append(
                    checks.Error(
                        "'%s' refers to the nonexistent field '%s'." % (option, field_name),
                        obj=cls,
                        id="models.E012",
                    )
                )
                continue
            if field.is_relation and field.many_to_many:
                errors.append(
                    checks.Error(
                        "'%s' refers to a ManyToManyField '%s', but ManyToManyFields are not permitted in '%s'."
                        % (option, field_name, option),
                        obj=cls,
                        id="models.E013",
                    )
                )
            elif field not in cls._meta.local_fields:
                errors.append(
                    checks.Error(
                        "'%s' refers to field '%s' which is not local to model '%s'."
                        % (option, field_name, cls._meta.object_name),
                        hint="This issue may be caused by multi-table inheritance.",
                        obj=cls,
                        id="models.E016",
                    )
                )
        return errors

    @classmethod
    def _check_indexes(cls, databases: list) -> list:
        errors = []
        for index in cls._meta.indexes:
            if not index.name:
                continue
            if index.name[0] == "_" or index.name[0].isdigit():
                errors.append(
                    checks.Error(
                        "The index name '%s' cannot start with an underscore or a number." % index.name,
                        obj=cls,
                        id="models.E033",
                    )
                )
            if len(index.name) > index.max_name_length:
                errors.append(
                    checks.Error(
                        "The index name '%s' cannot be longer than %d characters."
                        % (index.name, index.max_name_length),
                        obj=cls,
                        id="models.E034",
                    )
                )
        fields = [field for index in cls._meta.indexes for field, _ in index.fields_orders]
        errors.extend(cls._check_local_fields(fields, "indexes"))
        return errors

    @classmethod
    def _check_constraints(cls, databases: list) -> list:
        errors: list = []
        for constraint in cls._meta.constraints:
            if hasattr(constraint, "check"):
                errors.extend(
                    constraint.check(cls, databases=databases) if _accepts_model(constraint) else []
                )
        return errors

    @classmethod
    def _check_ordering(cls) -> list:
        if cls._meta._ordering_clash:
            return [
                checks.Error(
                    "'ordering' and 'order_with_respect_to' cannot be used together.",
                    obj=cls,
                    id="models.E021",
                )
            ]
        if cls._meta.order_with_respect_to or not cls._meta.ordering:
            return []
        if not isinstance(cls._meta.ordering, (list, tuple)):
            return [
                checks.Error(
                    "'ordering' must be a tuple or list (even if you want to order by only one field).",
                    obj=cls,
                    id="models.E014",
                )
            ]
        errors = []
        fields = [f for f in cls._meta.ordering if isinstance(f, str) and f != "?"]
        fields = [f.removeprefix("-") for f in fields]
        related = [f for f in fields if LOOKUP_SEP in f]
        for field in related:
            if not _valid_ordering_path(cls, field):
                errors.append(_invalid_ordering(cls, field))
        plain = {f for f in fields if LOOKUP_SEP not in f and f != "pk"}
        opts = cls._meta
        valid_fields = set(
            chain.from_iterable(
                (f.name, f.attname)
                if not (f.auto_created and not f.concrete)
                else (f.field.related_query_name(),)
                for f in chain(opts.fields, opts.related_objects)
            )
        )
        for invalid in sorted(plain - valid_fields):
            errors.append(_invalid_ordering(cls, invalid))
        return errors

    @classmethod
    def _check_long_column_names(cls, databases: list) -> list:
        if not databases:
            return []
        from django.db import connections, router

        errors: list = []
        allowed_len = None
        db_alias = None
        for db in databases:
            if not router.allow_migrate_model(db, cls):
                continue
            connection = connections[db]
            max_name_length = connection.ops.max_name_length()
            if max_name_length is None or connection.features.truncates_names:
                continue
            if allowed_len is None or max_name_length < allowed_len:
                allowed_len, db_alias = max_name_length, db
        if allowed_len is None:
            return errors
        for f in cls._meta.local_fields:
            column_name = f.get_attname_column()[1]
            if f.db_column is None and column_name is not None and len(column_name) > allowed_len:
                errors.append(
                    checks.Error(
                        'Autogenerated column name too long for field "%s". Maximum length is "%s" for database '
                        '"%s".' % (column_name, allowed_len, db_alias),
                        hint="Set the column name manually using 'db_column'.",
                        obj=cls,
                        id="models.E018",
                    )
                )
        return errors


def _accepts_model(constraint: Any) -> bool:
    import inspect

    try:
        params = inspect.signature(constraint.check).parameters
    except (TypeError, ValueError):
        return False
    return "model" in params


def _invalid_ordering(cls: Any, name: str) -> Any:
    return checks.Error(
        "'ordering' refers to the nonexistent field, related field, or lookup '%s'." % name,
        obj=cls,
        id="models.E015",
    )


def _valid_ordering_path(cls: Any, path: str) -> bool:
    """Whether "rel__field" (possibly ending in transforms) names something orderable."""
    model = cls
    fld = None
    for part in path.split(LOOKUP_SEP):
        try:
            if part == "pk":
                fld = model._meta.pk
            else:
                fld = model._meta.get_field(part)
            if fld.is_relation:
                model = fld.path_infos[-1].to_opts.model
            else:
                model = None
        except (FieldDoesNotExist, AttributeError):
            if fld is None or (fld.get_transform(part) is None and fld.get_lookup(part) is None):
                return False
    return True


def _is_parent_link_accessor(cls: Any, field: Any, clash: Any) -> bool:
    return bool(getattr(clash, "parent_link", False)) and clash.related_model is cls


def _setting_overridden(name: str) -> bool:
    from django.conf import settings

    is_overridden = getattr(settings, "is_overridden", None)
    return bool(is_overridden and is_overridden(name))


def _default_auto_field() -> str:
    from django.conf import settings

    return settings.DEFAULT_AUTO_FIELD
