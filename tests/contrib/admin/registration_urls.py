"""A project URLconf: the admin, the auth views under accounts/, and the admin's documented
``admin_password_reset`` entry that makes the admin login page offer a reset link."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("admin/password_reset/", auth_views.PasswordResetView.as_view(), name="admin_password_reset"),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
]
