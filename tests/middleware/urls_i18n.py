from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import path


def page(request):
    return HttpResponse(request.LANGUAGE_CODE)


urlpatterns = [path("plain/", page)] + i18n_patterns(path("page/", page))
