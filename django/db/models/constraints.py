"""Meta.constraints: CheckConstraint and UniqueConstraint (DDL via the schema editor, and validate())."""

from __future__ import annotations

from enum import Enum
from typing import Any

from django.core.exceptions import FieldError, ValidationError
from django.db.models.query_utils import Q
from django.utils.translation import gettext_lazy as _

__all__ = ["BaseConstraint", "CheckConstraint", "Deferrable", "UniqueConstraint"]

DEFAULT_DB_ALIAS = "default"


def _condition_sql(condition: Any, model: Any, schema_editor: Any) -> str | None:
    """Compile a Q condition against model into SQL with parameters inlined (DDL takes no params)."""
    if condition is None:
        return None
    from django.db.models.sql.query import Query

    query = Query(model=model, alias_cols=False)
    where = query.build_where(condition)
    compiler = query.get_compiler(connection=schema_editor.connection)
    sql, params = where.as_sql(compiler, schema_editor.connection)
    return sql % tuple(schema_editor.quote_value(p) for p in params)


class BaseConstraint:
    default_violation_error_message = _("Constraint “%(name)s” is violated.")
    violation_error_code: str | None = None
    violation_error_message: Any = None
    contains_expressions = False

    def __init__(
        self, *, name: str, violation_error_code: str | None = None, violation_error_message: Any = None
    ) -> None:
        self.name = name
        if violation_error_code is not None:
            self.violation_error_code = violation_error_code
        if violation_error_message is not None:
            self.violation_error_message = violation_error_message
        else:
            self.violation_error_message = self.default_violation_error_message

    def constraint_sql(self, model: Any, schema_editor: Any) -> str:
        raise NotImplementedError("This method must be implemented by a subclass.")

    def create_sql(self, model: Any, schema_editor: Any) -> Any:
        raise NotImplementedError("This method must be implemented by a subclass.")

    def remove_sql(self, model: Any, schema_editor: Any) -> Any:
        raise NotImplementedError("This method must be implemented by a subclass.")

    def validate(self, model: Any, instance: Any, exclude: Any = None, using: str = DEFAULT_DB_ALIAS) -> None:
        raise NotImplementedError("This method must be implemented by a subclass.")

    def get_violation_error_message(self) -> str:
        return self.violation_error_message % {"name": self.name}

    def check(self, model: Any, connection: Any = None, databases: Any = None) -> list:
        return []

    def _check_references(self, model: Any, names: Any) -> list:
        return model._check_local_fields(names, "constraints") if names else []

    def deconstruct(self) -> tuple[str, tuple, dict]:
        path = "%s.%s" % (self.__class__.__module__, self.__class__.__name__)
        path = path.replace("django.db.models.constraints", "django.db.models")
        kwargs: dict[str, Any] = {"name": self.name}
        if (
            self.violation_error_message is not None
            and self.violation_error_message != self.default_violation_error_message
        ):
            kwargs["violation_error_message"] = self.violation_error_message
        if self.violation_error_code is not None:
            kwargs["violation_error_code"] = self.violation_error_code
        return path, (), kwargs

    def clone(self) -> BaseConstraint:
        _path, args, kwargs = self.deconstruct()
        return self.__class__(*args, **kwargs)

    def _repr_tail(self) -> str:
        tail = ""
        if self.violation_error_code is not None:
            tail += " violation_error_code=%r" % self.violation_error_code
        if (
            self.violation_error_message is not None
            and self.violation_error_message != self.default_violation_error_message
        ):
            tail += " violation_error_message=%r" % self.violation_error_message
        return tail


class CheckConstraint(BaseConstraint):
    """A CHECK constraint: ``condition`` (a Q or boolean expression) must hold for every row."""

    def __init__(
        self,
        *,
        condition: Any,
        name: str,
        violation_error_code: str | None = None,
        violation_error_message: Any = None,
    ) -> None:
        self.condition = condition
        if not getattr(condition, "conditional", False):
            raise TypeError("CheckConstraint.condition must be a Q instance or boolean expression.")
        super().__init__(
            name=name,
            violation_error_code=violation_error_code,
            violation_error_message=violation_error_message,
        )

    def check(self, model: Any, connection: Any = None, databases: Any = None) -> list:
        from django.core import checks
        from django.db import connections, router

        errors = []
        for db in databases or ():
            if not router.allow_migrate_model(db, model):
                continue
            conn = connections[db]
            if not (
                conn.features.supports_table_check_constraints
                or "supports_table_check_constraints" in model._meta.required_db_features
            ):
                errors.append(
                    checks.Warning(
                        f"{conn.display_name} does not support check constraints.",
                        hint="A constraint won't be created. Silence this warning if you don't care about it.",
                        obj=model,
                        id="models.W027",
                    )
                )
        if isinstance(self.condition, Q):
            names = {name for name in self.condition.referenced_base_fields if name != "pk"}
            errors.extend(self._check_references(model, sorted(names)))
        return errors

    def _get_check_sql(self, model: Any, schema_editor: Any) -> str | None:
        return _condition_sql(self.condition, model, schema_editor)

    def constraint_sql(self, model: Any, schema_editor: Any) -> str:
        return schema_editor._check_sql(self.name, self._get_check_sql(model, schema_editor))

    def create_sql(self, model: Any, schema_editor: Any) -> Any:
        return schema_editor._create_check_sql(model, self.name, self._get_check_sql(model, schema_editor))

    def remove_sql(self, model: Any, schema_editor: Any) -> Any:
        return schema_editor._delete_check_sql(model, self.name)

    def validate(self, model: Any, instance: Any, exclude: Any = None, using: str = DEFAULT_DB_ALIAS) -> None:
        against = instance._get_field_expression_map(meta=model._meta, exclude=exclude)
        try:
            if not Q(self.condition).check(against, using=using):
                raise ValidationError(self.get_violation_error_message(), code=self.violation_error_code)
        except FieldError:
            # The condition uses an excluded field: nothing to validate.
            pass

    def __repr__(self) -> str:
        return "<%s: condition=%s name=%s%s>" % (
            self.__class__.__qualname__,
            self.condition,
            repr(self.name),
            self._repr_tail(),
        )

    def __eq__(self, other: object) -> bool:
        if isinstance(other, CheckConstraint):
            return (
                self.name == other.name
                and self.condition == other.condition
                and self.violation_error_code == other.violation_error_code
                and self.violation_error_message == other.violation_error_message
            )
        return super().__eq__(other)

    __hash__ = None  # type: ignore[assignment]

    def deconstruct(self) -> tuple[str, tuple, dict]:
        path, args, kwargs = super().deconstruct()
        kwargs["condition"] = self.condition
        return path, args, kwargs


class Deferrable(Enum):
    DEFERRED = "deferred"
    IMMEDIATE = "immediate"

    # A Deferrable is a constant, not an enum member repr, in migration files.
    def __repr__(self) -> str:
        return f"{self.__class__.__qualname__}.{self._name_}"


class UniqueConstraint(BaseConstraint):
    """A unique constraint over fields or expressions, optionally partial (condition)."""

    def __init__(
        self,
        *expressions: Any,
        fields: Any = (),
        name: str | None = None,
        condition: Any = None,
        deferrable: Deferrable | None = None,
        include: Any = None,
        opclasses: Any = (),
        nulls_distinct: bool | None = None,
        violation_error_code: str | None = None,
        violation_error_message: Any = None,
    ) -> None:
        _validate_unique_args(
            expressions, fields, name, condition, deferrable, include, opclasses, nulls_distinct
        )
        from django.db.models.expressions import F

        self.fields = tuple(fields)
        self.condition = condition
        self.deferrable = deferrable
        self.include = tuple(include) if include else ()
        self.opclasses = opclasses
        self.nulls_distinct = nulls_distinct
        self.expressions = tuple(F(e) if isinstance(e, str) else e for e in expressions)
        super().__init__(
            name=name,  # type: ignore[arg-type]  # _validate_unique_args() rejected None
            violation_error_code=violation_error_code,
            violation_error_message=violation_error_message,
        )

    @property
    def contains_expressions(self) -> bool:  # type: ignore[override]
        return bool(self.expressions)

    def check(self, model: Any, connection: Any = None, databases: Any = None) -> list:
        errors = self._check_references(model, self.fields)
        errors += self._check_references(model, self.include)
        if isinstance(self.condition, Q):
            names = {name for name in self.condition.referenced_base_fields if name != "pk"}
            errors += self._check_references(model, sorted(names))
        return errors

    def _get_condition_sql(self, model: Any, schema_editor: Any) -> str | None:
        return _condition_sql(self.condition, model, schema_editor)

    def _get_index_expressions(self, model: Any, schema_editor: Any) -> Any:
        if not self.expressions:
            return None
        from django.db.models.expressions import ExpressionList
        from django.db.models.sql.query import Query

        return ExpressionList(*self.expressions).resolve_expression(Query(model, alias_cols=False))

    def _ddl_kwargs(self, model: Any, schema_editor: Any) -> dict:
        return {
            "fields": [model._meta.get_field(name) for name in self.fields],
            "condition": self._get_condition_sql(model, schema_editor),
            "deferrable": self.deferrable,
            "include": [model._meta.get_field(name).column for name in self.include],
            "opclasses": self.opclasses,
            "expressions": self._get_index_expressions(model, schema_editor),
            "nulls_distinct": self.nulls_distinct,
        }

    def constraint_sql(self, model: Any, schema_editor: Any) -> str:
        return schema_editor._unique_sql(model, name=self.name, **self._ddl_kwargs(model, schema_editor))

    def create_sql(self, model: Any, schema_editor: Any) -> Any:
        return schema_editor._create_unique_sql(
            model, name=self.name, **self._ddl_kwargs(model, schema_editor)
        )

    def remove_sql(self, model: Any, schema_editor: Any) -> Any:
        kwargs = self._ddl_kwargs(model, schema_editor)
        kwargs.pop("fields")
        kwargs.pop("opclasses")
        return schema_editor._delete_unique_sql(model, self.name, **kwargs)

    def __repr__(self) -> str:
        parts = [
            "" if not self.expressions else " expressions=%s" % repr(self.expressions),
            "" if not self.fields else " fields=%s" % repr(self.fields),
            " name=%s" % repr(self.name),
            "" if self.condition is None else " condition=%s" % self.condition,
            "" if self.deferrable is None else " deferrable=%r" % self.deferrable,
            "" if not self.include else " include=%s" % repr(self.include),
            "" if not self.opclasses else " opclasses=%s" % repr(self.opclasses),
            "" if self.nulls_distinct is None else " nulls_distinct=%r" % self.nulls_distinct,
        ]
        return "<%s:%s%s>" % (self.__class__.__qualname__, "".join(parts), self._repr_tail())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, UniqueConstraint):
            return self.deconstruct() == other.deconstruct()
        return super().__eq__(other)

    __hash__ = None  # type: ignore[assignment]

    def deconstruct(self) -> tuple[str, tuple, dict]:
        path, args, kwargs = super().deconstruct()
        if self.fields:
            kwargs["fields"] = self.fields
        if self.condition:
            kwargs["condition"] = self.condition
        if self.deferrable:
            kwargs["deferrable"] = self.deferrable
        if self.include:
            kwargs["include"] = self.include
        if self.opclasses:
            kwargs["opclasses"] = self.opclasses
        if self.nulls_distinct is not None:
            kwargs["nulls_distinct"] = self.nulls_distinct
        return path, self.expressions, kwargs

    def validate(self, model: Any, instance: Any, exclude: Any = None, using: str = DEFAULT_DB_ALIAS) -> None:
        queryset = model._default_manager.using(using)
        if self.fields:
            queryset = self._filter_by_fields(model, instance, exclude, using, queryset)
            if queryset is None:
                return
        else:
            queryset = self._filter_by_expressions(model, instance, exclude, queryset)
            if queryset is None:
                return
        if not instance._state.adding and instance._is_pk_set(model._meta):
            queryset = queryset.exclude(pk=instance._get_pk_val(model._meta))
        if not self.condition:
            if queryset.exists():
                if self.fields and self.violation_error_message == self.default_violation_error_message:
                    # Field-based constraints report like unique=True / unique_together.
                    error = instance.unique_error_message(model, self.fields)
                    raise ValidationError(error, code=error.code)
                raise ValidationError(self.get_violation_error_message(), code=self.violation_error_code)
            return
        from django.db.models.expressions import Exists

        against = instance._get_field_expression_map(meta=model._meta, exclude=exclude)
        try:
            if (self.condition & Exists(queryset.filter(self.condition))).check(against, using=using):
                raise ValidationError(self.get_violation_error_message(), code=self.violation_error_code)
        except FieldError:
            pass

    def _filter_by_fields(self, model: Any, instance: Any, exclude: Any, using: str, queryset: Any) -> Any:
        from django.db import connections

        lookup_kwargs = {}
        for field_name in self.fields:
            if exclude and field_name in exclude:
                return None
            field = model._meta.get_field(field_name)
            value = getattr(instance, field.attname)
            # NULLs never clash (unless nulls_distinct=False).
            if (self.nulls_distinct is not False and value is None) or (
                value == "" and connections[using].features.interprets_empty_strings_as_nulls
            ):
                return None
            lookup_kwargs[field.name] = value
        return queryset.filter(**lookup_kwargs)

    def _filter_by_expressions(self, model: Any, instance: Any, exclude: Any, queryset: Any) -> Any:
        from django.db.models.expressions import F
        from django.db.models.lookups import Exact, IsNull

        field_map = instance._get_field_expression_map(meta=model._meta, exclude=exclude)
        replacements = {F(name): value for name, value in field_map.items()}
        filters = []
        for expr in self.expressions:
            if hasattr(expr, "get_expression_for_validation"):
                expr = expr.get_expression_for_validation()
            rhs = expr.replace_expressions(replacements)
            if rhs == expr or any(isinstance(node, F) for node in _flatten(rhs)):
                # Refers to an excluded field.
                return None
            condition: Any = Exact(expr, rhs)
            if self.nulls_distinct is False:
                condition = Q(condition) | Q(IsNull(expr, True), IsNull(rhs, True))
            filters.append(condition)
        return queryset.filter(*filters)


def _flatten(expression: Any):
    yield expression
    for source in getattr(expression, "get_source_expressions", lambda: [])():
        if source is not None:
            yield from _flatten(source)


def _validate_unique_args(
    expressions: tuple,
    fields: Any,
    name: Any,
    condition: Any,
    deferrable: Any,
    include: Any,
    opclasses: Any,
    nulls_distinct: Any,
) -> None:
    if not name:
        raise ValueError("A unique constraint must be named.")
    if not expressions and not fields:
        raise ValueError("At least one field or expression is required to define a unique constraint.")
    if expressions and fields:
        raise ValueError("UniqueConstraint.fields and expressions are mutually exclusive.")
    if not isinstance(condition, (type(None), Q)):
        raise ValueError("UniqueConstraint.condition must be a Q instance.")
    if condition and deferrable:
        raise ValueError("UniqueConstraint with conditions cannot be deferred.")
    if include and deferrable:
        raise ValueError("UniqueConstraint with include fields cannot be deferred.")
    if opclasses and deferrable:
        raise ValueError("UniqueConstraint with opclasses cannot be deferred.")
    if expressions and deferrable:
        raise ValueError("UniqueConstraint with expressions cannot be deferred.")
    if expressions and opclasses:
        raise ValueError(
            "UniqueConstraint.opclasses cannot be used with expressions. Use "
            "django.contrib.postgres.indexes.OpClass() instead."
        )
    if not isinstance(deferrable, (type(None), Deferrable)):
        raise ValueError("UniqueConstraint.deferrable must be a Deferrable instance.")
    if not isinstance(include, (type(None), list, tuple)):
        raise ValueError("UniqueConstraint.include must be a list or tuple.")
    if not isinstance(opclasses, (list, tuple)):
        raise ValueError("UniqueConstraint.opclasses must be a list or tuple.")
    if not isinstance(nulls_distinct, (type(None), bool)):
        raise ValueError("UniqueConstraint.nulls_distinct must be a bool.")
    if opclasses and len(fields) != len(opclasses):
        raise ValueError(
            "UniqueConstraint.fields and UniqueConstraint.opclasses must have the same number of elements."
        )
