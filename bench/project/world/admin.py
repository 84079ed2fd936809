"""The admin of the benchmark project: a Book changelist of 100 rows per page (only with BENCH_ADMIN=1)."""

from django.contrib import admin

from .models import Book


@admin.register(Book)
class BookAdmin(admin.ModelAdmin):
    list_display = ("title", "author", "price")
    list_select_related = ("author",)
    list_filter = ("price",)
    search_fields = ("title",)
    list_per_page = 100
