"""Tiny views for the URL tests: each answers with its own name and the arguments it got."""

from django.http import HttpResponse


def _answer(name):
    def view(request, *args, **kwargs):
        return HttpResponse(f"{name} args={args} kwargs={sorted(kwargs.items())}")

    view.__name__ = view.__qualname__ = name
    return view


home = _answer("home")
special = _answer("special")
year_archive = _answer("year_archive")
month_archive = _answer("month_archive")
article_detail = _answer("article_detail")
generic = _answer("generic")
app_index = _answer("app_index")
app_detail = _answer("app_detail")
blog_post = _answer("blog_post")
even_view = _answer("even_view")
other_view = _answer("other_view")


class ViewClass:
    def __call__(self, request, *args, **kwargs):
        return HttpResponse("instance")


view_instance = ViewClass()
