"""1,000 flat patterns: resolving the first and the last one shows whether resolve cost grows with
the number of patterns."""

from world import views

from django.urls import path

urlpatterns = [path(f"r{i}/<int:pk>/", views.plaintext, name=f"r{i}") for i in range(1000)]
