"""About 100 patterns: the benchmark endpoints sit behind filler routes and an include."""

from world import views

from django.conf import settings
from django.urls import include, path


def _filler(prefix: str, count: int) -> list:
    return [path(f"{prefix}{i}/<int:pk>/", views.plaintext, name=f"{prefix}{i}") for i in range(count)]


urlpatterns = [
    *_filler("section", 50),
    path("shop/", include((_filler("item", 60), "shop"), namespace="shop")),
    path("plaintext", views.plaintext, name="plaintext"),
    path("plaintext-async", views.plaintext_async, name="plaintext-async"),
    path("json", views.json_view, name="json"),
    path("db", views.db, name="db"),
    path("queries", views.queries, name="queries"),
    path("fortunes", views.fortunes, name="fortunes"),
    path("updates", views.updates, name="updates"),
    path("page", views.page, name="page"),
    path("article/<slug:slug>/", views.plaintext, name="article"),
]

if settings.ADMIN_ENABLED:
    from django.contrib import admin

    urlpatterns.append(path("admin/", admin.site.urls))
