"""ContentType: one row per installed model, the handle generic relations and permissions use."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ContentTypeManager(models.Manager):
    """Looks content types up through a per-database cache (they never change at run time)."""

    use_in_migrations = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._cache: dict[str, dict[Any, ContentType]] = {}

    def get_by_natural_key(self, app_label: str, model: str) -> ContentType:
        cache = self._cache.setdefault(self.db, {})
        try:
            return cache[(app_label, model)]
        except KeyError:
            ct = self.get(app_label=app_label, model=model)
            self._add_to_cache(self.db, ct)
            return ct

    @staticmethod
    def _get_opts(model: Any, for_concrete_model: bool) -> Any:
        if for_concrete_model:
            model = model._meta.concrete_model
        return model._meta

    def _get_from_cache(self, opts: Any) -> ContentType:
        return self._cache[self.db][(opts.app_label, opts.model_name)]

    def get_for_model(self, model: Any, for_concrete_model: bool = True) -> ContentType:
        """The ContentType of a model class or instance, created on first use."""
        opts = self._get_opts(model, for_concrete_model)
        try:
            return self._get_from_cache(opts)
        except KeyError:
            pass
        try:
            ct = self.get(app_label=opts.app_label, model=opts.model_name)
        except self.model.DoesNotExist:
            ct, _ = self.get_or_create(app_label=opts.app_label, model=opts.model_name)
        self._add_to_cache(self.db, ct)
        return ct

    def get_for_models(self, *models_: Any, for_concrete_models: bool = True) -> dict[Any, ContentType]:
        """{model: ContentType} for several models in at most two queries."""
        results: dict[Any, ContentType] = {}
        needed: dict[str, set[str]] = defaultdict(set)
        needed_models: dict[tuple[str, str], list[Any]] = defaultdict(list)
        for model in models_:
            opts = self._get_opts(model, for_concrete_models)
            try:
                results[model] = self._get_from_cache(opts)
            except KeyError:
                needed[opts.app_label].add(opts.model_name)
                needed_models[(opts.app_label, opts.model_name)].append(model)
        if needed:
            condition = Q()
            for app_label, names in needed.items():
                condition |= Q(app_label=app_label, model__in=names)
            for ct in self.filter(condition):
                for model in needed_models.pop((ct.app_label, ct.model), []):
                    results[model] = ct
                self._add_to_cache(self.db, ct)
        for (app_label, model_name), model_list in needed_models.items():
            ct = self.create(app_label=app_label, model=model_name)
            self._add_to_cache(self.db, ct)
            for model in model_list:
                results[model] = ct
        return results

    def get_for_id(self, id: int) -> ContentType:  # noqa: A002 - Django's name
        cache = self._cache.setdefault(self.db, {})
        try:
            return cache[id]
        except KeyError:
            ct = self.get(pk=id)
            self._add_to_cache(self.db, ct)
            return ct

    def clear_cache(self) -> None:
        self._cache.clear()

    def _add_to_cache(self, using: str, ct: ContentType) -> None:
        cache = self._cache.setdefault(using, {})
        cache[(ct.app_label, ct.model)] = ct
        cache[ct.id] = ct


class ContentType(models.Model):
    if TYPE_CHECKING:
        id: int  # the automatic primary key
    app_label = models.CharField(max_length=100)
    model = models.CharField(_("python model class name"), max_length=100)
    objects = ContentTypeManager()

    class Meta:
        verbose_name = _("content type")
        verbose_name_plural = _("content types")
        db_table = "django_content_type"
        unique_together = [["app_label", "model"]]

    def __str__(self) -> str:
        return self.app_labeled_name

    @property
    def name(self) -> str:
        model = self.model_class()
        if not model:
            return self.model
        return str(model._meta.verbose_name)

    @property
    def app_labeled_name(self) -> str:
        model = self.model_class()
        if not model:
            return self.model
        return f"{model._meta.app_config.verbose_name} | {model._meta.verbose_name}"

    def model_class(self) -> Any:
        """The model class of this content type, or None if it is no longer installed."""
        try:
            return apps.get_model(self.app_label, self.model)
        except LookupError:
            return None

    def get_object_for_this_type(self, using: str | None = None, **kwargs: Any) -> Any:
        return self.model_class()._base_manager.using(using or self._state.db).get(**kwargs)

    def get_all_objects_for_this_type(self, **kwargs: Any) -> Any:
        return self.model_class()._base_manager.filter(**kwargs)

    def natural_key(self) -> tuple[str, str]:
        return (self.app_label, self.model)
