"""AdminSite: the registry of ModelAdmins, the admin's URLs and its site-wide views."""

from __future__ import annotations

from collections.abc import Callable
from functools import update_wrapper
from typing import Any
from weakref import WeakSet

from django.apps import apps
from django.conf import settings
from django.contrib.admin.exceptions import AlreadyRegistered, NotRegistered
from django.core.exceptions import ImproperlyConfigured
from django.db.models.base import ModelBase
from django.http import Http404, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.decorators import method_decorator
from django.utils.functional import LazyObject
from django.utils.module_loading import import_string
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.common import no_append_slash
from django.views.decorators.csrf import csrf_protect

all_sites: WeakSet = WeakSet()


class AdminSite:
    """An admin site: register models with ModelAdmin classes and mount ``site.urls``."""

    site_title = gettext_lazy("Django site admin")
    site_header = gettext_lazy("Django administration")
    index_title = gettext_lazy("Site administration")
    site_url: str | None = "/"
    enable_nav_sidebar = True
    empty_value_display = "-"
    login_form: Any = None
    index_template: str | None = None
    app_index_template: str | None = None
    login_template: str | None = None
    logout_template: str | None = None
    password_change_template: str | None = None
    password_change_done_template: str | None = None
    final_catch_all_view = True

    def __init__(self, name: str = "admin") -> None:
        from django.contrib.admin import actions

        self._registry: dict[Any, Any] = {}
        self.name = name
        self._actions: dict[str, Callable] = {"delete_selected": actions.delete_selected}
        self._global_actions = self._actions.copy()
        all_sites.add(self)

    def __repr__(self) -> str:
        return f"{self.__class__.__name__}(name={self.name!r})"

    # ---------------------------------------------------------------- registry
    def check(self, app_configs: Any) -> list:
        app_configs = set(app_configs) if app_configs else None
        errors: list = []
        for model_admin in self._registry.values():
            if app_configs is None or model_admin.model._meta.app_config in app_configs:
                errors.extend(model_admin.check())
        return errors

    def register(self, model_or_iterable: Any, admin_class: Any = None, **options: Any) -> None:
        """Register model(s) with admin_class (ModelAdmin by default); options make a subclass."""
        from django.contrib.admin.model_admin import ModelAdmin

        admin_class = admin_class or ModelAdmin
        if isinstance(model_or_iterable, ModelBase):
            model_or_iterable = [model_or_iterable]
        for model in model_or_iterable:
            if model._meta.abstract:
                raise ImproperlyConfigured(
                    f"The model {model.__name__} is abstract, so it cannot be registered with admin."
                )
            if model._meta.is_composite_pk if hasattr(model._meta, "is_composite_pk") else False:
                raise ImproperlyConfigured(
                    f"The model {model.__name__} has a composite primary key, so it cannot be registered with admin."
                )
            if self.is_registered(model):
                registered_admin = str(self.get_model_admin(model))
                msg = f"The model {model.__name__} is already registered "
                if registered_admin.endswith(".ModelAdmin"):
                    msg += f"in app {registered_admin.removesuffix('.ModelAdmin')!r}."
                else:
                    msg += f"with {registered_admin!r}."
                raise AlreadyRegistered(msg)
            if model._meta.swapped:
                continue
            if options:
                options["__module__"] = __name__
                admin_class = type(f"{model.__name__}Admin", (admin_class,), options)
            self._registry[model] = admin_class(model, self)

    def unregister(self, model_or_iterable: Any) -> None:
        if isinstance(model_or_iterable, ModelBase):
            model_or_iterable = [model_or_iterable]
        for model in model_or_iterable:
            if not self.is_registered(model):
                raise NotRegistered(f"The model {model.__name__} is not registered")
            del self._registry[model]

    def is_registered(self, model: Any) -> bool:
        return model in self._registry

    def get_model_admin(self, model: Any) -> Any:
        try:
            return self._registry[model]
        except KeyError:
            raise NotRegistered(f"The model {model.__name__} is not registered.")

    def add_action(self, action: Callable, name: str | None = None) -> None:
        name = name or action.__name__
        self._actions[name] = action
        self._global_actions[name] = action

    def disable_action(self, name: str) -> None:
        del self._actions[name]

    def get_action(self, name: str) -> Callable:
        return self._global_actions[name]

    @property
    def actions(self) -> Any:
        return self._actions.items()

    # ---------------------------------------------------------------- access
    def has_permission(self, request: Any) -> bool:
        """Active staff members may use the admin."""
        return request.user.is_active and request.user.is_staff

    def admin_view(self, view: Callable, cacheable: bool = False) -> Callable:
        """Wrap a view: CSRF-protected, not cached, and only for users with has_permission()."""

        def inner(request: Any, *args: Any, **kwargs: Any) -> Any:
            if not self.has_permission(request):
                if request.path == reverse("admin:logout", current_app=self.name):
                    return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
                from django.contrib.auth.views import redirect_to_login

                return redirect_to_login(
                    request.get_full_path(), reverse("admin:login", current_app=self.name)
                )
            return view(request, *args, **kwargs)

        if not cacheable:
            inner = never_cache(inner)
        if not getattr(view, "csrf_exempt", False):
            inner = csrf_protect(inner)
        return update_wrapper(inner, view)

    # ---------------------------------------------------------------- urls
    def get_urls(self) -> list:
        from django.contrib.contenttypes import views as contenttype_views
        from django.urls import include, path, re_path

        def wrap(view: Callable, cacheable: bool = False) -> Callable:
            def wrapper(*args: Any, **kwargs: Any) -> Any:
                return self.admin_view(view, cacheable)(*args, **kwargs)

            wrapper.admin_site = self  # type: ignore[attr-defined]
            wrapper.login_required = False  # type: ignore[attr-defined]  # the admin checks itself
            return update_wrapper(wrapper, view)

        urlpatterns = [
            path("", wrap(self.index), name="index"),
            path("login/", self.login, name="login"),
            path("logout/", wrap(self.logout), name="logout"),
            path("password_change/", wrap(self.password_change, cacheable=True), name="password_change"),
            path(
                "password_change/done/",
                wrap(self.password_change_done, cacheable=True),
                name="password_change_done",
            ),
            path("autocomplete/", wrap(self.autocomplete_view), name="autocomplete"),
            path("jsi18n/", wrap(self.i18n_javascript, cacheable=True), name="jsi18n"),
            path(
                "r/<path:content_type_id>/<path:object_id>/",
                wrap(contenttype_views.shortcut),
                name="view_on_site",
            ),
        ]
        valid_app_labels = []
        for model, model_admin in self._registry.items():
            urlpatterns += [
                path(f"{model._meta.app_label}/{model._meta.model_name}/", include(model_admin.urls)),
            ]
            if model._meta.app_label not in valid_app_labels:
                valid_app_labels.append(model._meta.app_label)
        if valid_app_labels:
            regex = r"^(?P<app_label>" + "|".join(valid_app_labels) + ")/$"
            urlpatterns += [re_path(regex, wrap(self.app_index), name="app_list")]
        if self.final_catch_all_view:
            urlpatterns.append(re_path(r"(?P<url>.*)$", wrap(self.catch_all_view)))
        return urlpatterns

    @property
    def urls(self) -> tuple:
        return self.get_urls(), "admin", self.name

    def each_context(self, request: Any) -> dict:
        """Variables for every admin page: titles, site_url, permissions, the app list."""
        script_name = request.META["SCRIPT_NAME"]
        site_url = script_name if self.site_url == "/" and script_name else self.site_url
        return {
            "site_title": self.site_title,
            "site_header": self.site_header,
            "site_url": site_url,
            "has_permission": self.has_permission(request),
            "available_apps": self.get_app_list(request),
            "is_popup": False,
            "is_nav_sidebar_enabled": self.enable_nav_sidebar,
            "log_entries": self.get_log_entries(request),
        }

    def get_log_entries(self, request: Any) -> Any:
        from django.contrib.admin.models import LogEntry

        return LogEntry.objects.select_related("content_type", "user")

    # ---------------------------------------------------------------- app list
    def _build_app_dict(self, request: Any, label: str | None = None) -> dict:
        app_dict: dict[str, dict] = {}
        models = (
            {m: m_a for m, m_a in self._registry.items() if m._meta.app_label == label}
            if label
            else self._registry
        )
        for model, model_admin in models.items():
            app_label = model._meta.app_label
            if not model_admin.has_module_permission(request):
                continue
            perms = model_admin.get_model_perms(request)
            if True not in perms.values():
                continue
            info = (app_label, model._meta.model_name)
            model_dict: dict[str, Any] = {
                "model": model,
                "name": capfirst(model._meta.verbose_name_plural),
                "object_name": model._meta.object_name,
                "perms": perms,
                "admin_url": None,
                "add_url": None,
            }
            if perms.get("change") or perms.get("view"):
                model_dict["view_only"] = not perms.get("change")
                try:
                    model_dict["admin_url"] = reverse("admin:%s_%s_changelist" % info, current_app=self.name)
                except NoReverseMatch:
                    pass
            if perms.get("add"):
                try:
                    model_dict["add_url"] = reverse("admin:%s_%s_add" % info, current_app=self.name)
                except NoReverseMatch:
                    pass
            if app_label in app_dict:
                app_dict[app_label]["models"].append(model_dict)
            else:
                app_dict[app_label] = {
                    "name": apps.get_app_config(app_label).verbose_name,
                    "app_label": app_label,
                    "app_url": reverse(
                        "admin:app_list", kwargs={"app_label": app_label}, current_app=self.name
                    ),
                    "has_module_perms": True,
                    "models": [model_dict],
                }
        return app_dict.get(label, {}) if label else app_dict

    def get_app_list(self, request: Any, app_label: str | None = None) -> list:
        """The apps and models the user may see, sorted by name."""
        app_dict = self._build_app_dict(request, app_label)
        if app_label:
            app_dict = {app_label: app_dict} if app_dict else {}
        app_list = sorted(app_dict.values(), key=lambda x: x["name"].lower())
        for app in app_list:
            app["models"].sort(key=lambda x: x["name"])
        return app_list

    # ---------------------------------------------------------------- views
    def _page(self, request: Any, template: Any, context: dict) -> TemplateResponse:
        request.current_app = self.name
        return TemplateResponse(request, template, context)

    def index(self, request: Any, extra_context: dict | None = None) -> TemplateResponse:
        shared = self.each_context(request)
        context = {
            **shared,
            "title": self.index_title,
            "subtitle": None,
            "app_list": shared["available_apps"],  # built once per page
            **(extra_context or {}),
        }
        return self._page(request, self.index_template or "admin/index.html", context)

    def app_index(self, request: Any, app_label: str, extra_context: dict | None = None) -> TemplateResponse:
        app_list = self.get_app_list(request, app_label)
        if not app_list:
            raise Http404("The requested admin page does not exist.")
        context = {
            **self.each_context(request),
            "title": _("%(app)s administration") % {"app": app_list[0]["name"]},
            "subtitle": None,
            "app_list": app_list,
            "app_label": app_label,
            **(extra_context or {}),
        }
        return self._page(
            request,
            self.app_index_template or [f"admin/{app_label}/app_index.html", "admin/app_index.html"],
            context,
        )

    @method_decorator(never_cache)
    def login(self, request: Any, extra_context: dict | None = None) -> Any:
        """The login page; an already-logged-in staff user goes straight to the index."""
        from django.contrib.admin.forms import AdminAuthenticationForm
        from django.contrib.auth import REDIRECT_FIELD_NAME
        from django.contrib.auth.views import LoginView

        if request.method == "GET" and self.has_permission(request):
            return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
        context = {
            **self.each_context(request),
            "title": _("Log in"),
            "subtitle": None,
            "app_path": request.get_full_path(),
            "username": request.user.get_username(),
        }
        if REDIRECT_FIELD_NAME not in request.GET and REDIRECT_FIELD_NAME not in request.POST:
            context[REDIRECT_FIELD_NAME] = reverse("admin:index", current_app=self.name)
        context.update(extra_context or {})
        defaults: dict[str, Any] = {
            "extra_context": context,
            "authentication_form": self.login_form or AdminAuthenticationForm,
            "template_name": self.login_template or "admin/login.html",
        }
        request.current_app = self.name
        return LoginView.as_view(**defaults)(request)

    def logout(self, request: Any, extra_context: dict | None = None) -> Any:
        from django.contrib.auth.views import LogoutView

        defaults: dict[str, Any] = {
            "extra_context": {**self.each_context(request), "has_permission": False, **(extra_context or {})},
        }
        if self.logout_template is not None:
            defaults["template_name"] = self.logout_template
        request.current_app = self.name
        return LogoutView.as_view(**defaults)(request)

    def password_change(self, request: Any, extra_context: dict | None = None) -> Any:
        from django.contrib.admin.forms import AdminPasswordChangeForm
        from django.contrib.auth.views import PasswordChangeView

        url = reverse("admin:password_change_done", current_app=self.name)
        defaults: dict[str, Any] = {
            "form_class": AdminPasswordChangeForm,
            "success_url": url,
            "extra_context": {**self.each_context(request), **(extra_context or {})},
        }
        if self.password_change_template is not None:
            defaults["template_name"] = self.password_change_template
        request.current_app = self.name
        return PasswordChangeView.as_view(**defaults)(request)

    def password_change_done(self, request: Any, extra_context: dict | None = None) -> Any:
        from django.contrib.auth.views import PasswordChangeDoneView

        defaults: dict[str, Any] = {"extra_context": {**self.each_context(request), **(extra_context or {})}}
        if self.password_change_done_template is not None:
            defaults["template_name"] = self.password_change_done_template
        request.current_app = self.name
        return PasswordChangeDoneView.as_view(**defaults)(request)

    def i18n_javascript(self, request: Any, extra_context: dict | None = None) -> Any:
        from django.views.i18n import JavaScriptCatalog

        return JavaScriptCatalog.as_view(packages=["django.contrib.admin"])(request)

    def autocomplete_view(self, request: Any) -> Any:
        from django.contrib.admin.views.autocomplete import AutocompleteJsonView

        return AutocompleteJsonView.as_view(admin_site=self)(request)

    @no_append_slash
    def catch_all_view(self, request: Any, url: str) -> Any:
        """Add the missing slash where that names an admin page; 404 otherwise (never leak URLs)."""
        if settings.APPEND_SLASH and not url.endswith("/"):
            urlconf = getattr(request, "urlconf", None)
            try:
                match = resolve(f"{request.path_info}/", urlconf)
            except Resolver404:
                pass
            else:
                if getattr(match.func, "should_append_slash", True):
                    return HttpResponsePermanentRedirect(request.get_full_path(force_append_slash=True))
        raise Http404


class DefaultAdminSite(LazyObject):
    """``django.contrib.admin.site``: the site class named by the admin AppConfig's default_site."""

    def _setup(self) -> None:
        admin_site_class = import_string(apps.get_app_config("admin").default_site)  # type: ignore[attr-defined]  # AdminConfig
        self._wrapped = admin_site_class()

    def __repr__(self) -> str:
        return repr(self._wrapped)


site = DefaultAdminSite()
