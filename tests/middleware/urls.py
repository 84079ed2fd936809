from django.http import HttpResponse
from django.urls import path
from django.views.decorators.common import no_append_slash


def view(request):
    return HttpResponse("view")


urlpatterns = [
    path("slash/", view),
    path("noslash", view),
    path("optout/", no_append_slash(view)),
    path("post/", view),
]
