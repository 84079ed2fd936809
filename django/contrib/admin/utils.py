"""Small helpers shared by the admin pages: quoting ids in URLs, labels and values of list
columns, the objects a deletion would touch, and the JSON change messages of LogEntry."""

from __future__ import annotations

import datetime
import decimal
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.constants import LOOKUP_SEP
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.text import capfirst

# Characters that would break a URL path segment are written as _XX (hex), like Django does,
# so object ids such as "a/b" survive a round trip through the admin's URLs.
_QUOTE_CHARS = set(':/_#?;@&=+$,"[]<>%\n\\')
_QUOTE_MAP = {c: "_%02X" % ord(c) for c in _QUOTE_CHARS}


class FieldIsAForeignKeyColumnName(Exception):
    """A list_display entry names a foreign key's column (``author_id``) rather than the field."""


def quote(value: Any) -> Any:
    return "".join(_QUOTE_MAP.get(ch, ch) for ch in value) if isinstance(value, str) else value


def unquote(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        ch = value[i]
        if ch == "_" and i + 3 <= len(value):
            try:
                out.append(chr(int(value[i + 1 : i + 3], 16)))
                i += 3
                continue
            except ValueError:
                pass
        out.append(ch)
        i += 1
    return "".join(out)


def lookup_spawns_duplicates(opts: Any, lookup_path: str) -> bool:
    """Whether filtering on lookup_path crosses a many-valued relation (needs distinct())."""
    for name in lookup_path.split("__"):
        if name == "pk":
            name = opts.pk.name
        try:
            field = opts.get_field(name)
        except FieldDoesNotExist:
            return False
        if hasattr(field, "path_infos"):
            if any(p.m2m for p in field.path_infos):
                return True
            opts = field.path_infos[-1].to_opts
    return False


class NotRelationField(Exception):
    """A ``__`` path goes through a field that is not a relation."""


def get_fields_from_path(model: Any, path: str) -> list:
    """The fields along ``path`` (e.g. ``question__question_text``) from model; every field but the
    last must be a relation. FieldDoesNotExist or NotRelationField when the path is wrong."""
    fields: list = []
    for part in path.split(LOOKUP_SEP):
        if fields:
            related = getattr(fields[-1], "related_model", None)
            if not getattr(fields[-1], "is_relation", False) or related is None:
                raise NotRelationField(f"{fields[-1].name!r} is not a relation.")
            model = related
        fields.append(model._meta.get_field(part))
    return fields


def _get_non_gfk_field(opts: Any, name: str) -> Any:
    field = opts.get_field(name)
    if field.is_relation and (field.many_to_one and not field.related_model or field.one_to_many):
        raise FieldDoesNotExist()
    if field.is_relation and not field.many_to_many and getattr(field, "attname", None) == name != field.name:
        raise FieldIsAForeignKeyColumnName()
    return field


def _follow(model: Any, name: str) -> tuple[Any, str]:
    """For 'author__name', the related model and the last part ('name')."""
    parts = name.split("__")
    for part in parts[:-1]:
        model = model._meta.get_field(part).related_model
    return model, parts[-1]


def label_for_field(name: Any, model: Any, model_admin: Any = None, return_attr: bool = False) -> Any:
    """The column header of a list_display item (a field, a callable, an admin/model attribute)."""
    attr = None
    try:
        target, last = _follow(model, name) if isinstance(name, str) and "__" in name else (model, name)
        field = _get_non_gfk_field(target._meta, last)
        label = field.verbose_name
    except (FieldDoesNotExist, FieldIsAForeignKeyColumnName, AttributeError, TypeError):
        if name == "__str__":
            label = str(model._meta.verbose_name)
            attr = str
        else:
            if callable(name):
                attr = name
            elif model_admin is not None and hasattr(model_admin, name):
                attr = getattr(model_admin, name)
            elif hasattr(model, name):
                attr = getattr(model, name)
            else:
                message = f"Unable to lookup '{name}' on {model._meta.object_name}"
                if model_admin:
                    message += f" or {model_admin.__class__.__name__}"
                raise AttributeError(message + ".")
            if hasattr(attr, "short_description"):
                label = attr.short_description
            elif isinstance(attr, property) and hasattr(attr.fget, "short_description"):
                label = attr.fget.short_description  # type: ignore[union-attr]  # hasattr() checked
            elif callable(attr):
                label = "--" if attr.__name__ == "<lambda>" else capfirst(attr.__name__.replace("_", " "))
            else:
                label = capfirst(name.replace("_", " "))
    return (label, attr) if return_attr else label


def lookup_field(name: Any, obj: Any, model_admin: Any = None) -> tuple[Any, Any, Any]:
    """(field or None, attribute or None, value) for one list_display item of obj.

    A name is, in this order: a model field, a callable, a ModelAdmin attribute, a model
    attribute (``__str__`` included), or a ``__`` path through relations to a field.
    """
    opts = obj._meta
    try:
        field = _get_non_gfk_field(opts, name)
    except (FieldDoesNotExist, FieldIsAForeignKeyColumnName, TypeError):
        if callable(name):
            return None, name, name(obj)
        if model_admin is not None and hasattr(model_admin, name) and name != "__str__":
            attr = getattr(model_admin, name)
            return None, attr, attr(obj)
        if hasattr(obj, name) or LOOKUP_SEP not in name:
            attr = getattr(obj, name)
            return None, attr, attr() if callable(attr) else attr
        return _lookup_related(name, obj)
    if field.is_relation and not field.many_to_many:
        return field, None, getattr(obj, field.name)
    return field, None, getattr(obj, field.attname)


def _lookup_related(path: str, obj: Any) -> tuple[Any, Any, Any]:
    """A ``question__question_text`` list_display item: follow the relations, None if one is empty."""
    *relations, last = path.split(LOOKUP_SEP)
    target = obj
    for part in relations:
        target = getattr(target, part, None)
        if target is None:
            return None, None, None
    try:
        field = _get_non_gfk_field(target._meta, last)
    except (FieldDoesNotExist, FieldIsAForeignKeyColumnName):
        attr = getattr(target, last)
        return None, attr, attr() if callable(attr) else attr
    return field, None, getattr(target, field.attname)


def boolean_icon(value: Any) -> str:
    kind = {True: "yes", False: "no", None: "unknown"}[value]
    text = {True: "True", False: "False", None: "None"}[value]
    return format_html('<span class="bool bool-{}" aria-label="{}">{}</span>', kind, text, _BOOL_GLYPH[kind])


_BOOL_GLYPH = {"yes": "\u2714", "no": "\u2718", "unknown": "?"}


def display_for_value(value: Any, empty_value_display: Any, boolean: bool = False) -> Any:
    if boolean:
        return boolean_icon(value)
    if value is None:
        return empty_value_display
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, datetime.datetime):
        return formats.localize(timezone.template_localtime(value))
    if isinstance(value, (datetime.date, datetime.time, decimal.Decimal, float, int)):
        return formats.localize(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def display_for_field(value: Any, field: Any, empty_value_display: Any) -> Any:
    if getattr(field, "flatchoices", None):
        choices = dict(field.flatchoices)
        return choices.get(value, empty_value_display if value is None else value)
    if isinstance(field, models.BooleanField):
        return boolean_icon(value)
    if value is None:
        return empty_value_display
    if isinstance(field, models.DateTimeField):
        return formats.localize(timezone.template_localtime(value))
    if isinstance(field, models.DecimalField):
        return formats.number_format(value, field.decimal_places)
    if isinstance(field, models.FileField) and value:
        return format_html('<a href="{}">{}</a>', value.url, value)
    return display_for_value(value, empty_value_display)


def model_ngettext(obj: Any, n: int | None = None) -> str:
    """verbose_name or verbose_name_plural of a model, queryset or instance, by count."""
    if isinstance(obj, models.query.QuerySet):
        n = obj.count() if n is None else n
        obj = obj.model
    opts = obj._meta if hasattr(obj, "_meta") else obj  # a model, an instance or its Options
    return str(opts.verbose_name if n == 1 else opts.verbose_name_plural)


def model_format_dict(obj: Any) -> dict:
    opts = (obj.model if isinstance(obj, models.query.QuerySet) else obj)._meta
    return {"verbose_name": opts.verbose_name, "verbose_name_plural": opts.verbose_name_plural}


# ---------------------------------------------------------------- deletion
class _ListingCollector:
    """Runs the deletion Collector without fast deletes, so every cascaded row is listed."""

    def __init__(self, using: str, origin: Any) -> None:
        from django.db.models.deletion import Collector

        class Listing(Collector):
            def can_fast_delete(self, objs: Any, from_field: Any = None) -> bool:
                return False

        self.collector = Listing(using=using, origin=origin)


def get_deleted_objects(objs: Any, request: Any, admin_site: Any) -> tuple[list, dict, set, list]:
    """(objects to delete as display strings, count per model, missing permissions, protected).

    The first item lists the objects grouped by model in the order the collector found them;
    a model registered in the admin gets a link to its change page.
    """
    from django.db import router
    from django.db.models.deletion import ProtectedError, RestrictedError
    from django.urls import NoReverseMatch, reverse

    objs = list(objs)
    if not objs:
        return [], {}, set(), []
    using = router.db_for_write(objs[0]._meta.model)
    collector = _ListingCollector(using, objs).collector
    protected: list = []
    try:
        collector.collect(objs)
    except (ProtectedError, RestrictedError) as error:
        protected = [_describe(o, admin_site, reverse, NoReverseMatch) for o in _errored(error)]
    perms_needed: set = set()
    to_delete: list = []
    model_count: dict = {}
    for model, instances in collector.data.items():
        instances = list(instances)
        opts = model._meta
        if not instances:
            continue
        model_count[opts.verbose_name_plural] = len(instances)
        model_admin = admin_site._registry.get(model)
        if model_admin is not None and not model_admin.has_delete_permission(request, instances[0]):
            perms_needed.add(opts.verbose_name)
        to_delete.extend(_describe(o, admin_site, reverse, NoReverseMatch) for o in instances)
    return to_delete, model_count, perms_needed, protected


def _errored(error: Any) -> list:
    return list(getattr(error, "protected_objects", None) or getattr(error, "restricted_objects", None) or ())


def _describe(obj: Any, admin_site: Any, reverse: Any, no_match: Any) -> Any:
    opts = obj._meta
    label = f"{capfirst(opts.verbose_name)}: "
    if obj.__class__ in admin_site._registry:
        try:
            url = reverse(
                f"{admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=(quote(obj.pk),)
            )
        except no_match:
            return label + str(obj)
        return format_html('{}<a href="{}">{}</a>', label, url, obj)
    return label + str(obj)


# ---------------------------------------------------------------- change messages
def construct_change_message(form: Any, formsets: Any, add: bool) -> list:
    """The JSON-able message stored in LogEntry.change_message for an add or a change."""
    changed = form.changed_data
    with_labels = [str(form.fields[name].label or name) for name in changed if name in form.fields]
    message: list = []
    if add:
        message.append({"added": {}})
    elif changed:
        message.append({"changed": {"fields": with_labels}})
    for formset in formsets or ():
        for obj in getattr(formset, "new_objects", ()):
            message.append({"added": {"name": str(obj._meta.verbose_name), "object": str(obj)}})
        for obj, fields in getattr(formset, "changed_objects", ()):
            message.append(
                {"changed": {"name": str(obj._meta.verbose_name), "object": str(obj), "fields": fields}}
            )
        for obj in getattr(formset, "deleted_objects", ()):
            message.append({"deleted": {"name": str(obj._meta.verbose_name), "object": str(obj)}})
    return message
