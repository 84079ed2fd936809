from tests.core.handlers.urls import urlpatterns  # noqa: F401


def handler404(request, exception):
    raise RuntimeError("the 404 view is broken too")


def handler500(request):
    raise RuntimeError("and so is the 500 view")
