from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from . import views

urlpatterns = i18n_patterns(path("page/", views.generic, name="page"), prefix_default_language=False)
