from django.urls import path
from tests.core.handlers import views

urlpatterns = [
    path("hello/", views.hello),
    path("async/", views.async_hello),
    path("post/", views.echo_post),
    path("body/", views.echo_body),
    path("host/", views.host),
    path("404/", views.not_found),
    path("403/", views.forbidden),
    path("suspicious/", views.suspicious),
    path("400/", views.bad_request),
    path("500/", views.crash),
    path("none/", views.returns_none),
    path("coroutine/", views.returns_coroutine),
    path("stream/", views.stream),
    path("async-stream/", views.async_stream),
    path("slow/", views.slow),
    path("big/", views.big),
    path("template/", views.template_response),
    path("render-error/", views.raise_after_render),
    path("file/", views.file_download),
    path("gate/wait/", views.wait_for_gate),
    path("gate/open/", views.open_gate),
    path("upload/", views.upload),
    path("sync-thread/", views.sync_thread),
]
