"""gzip_page: GZipMiddleware as a view decorator."""

from django.middleware.gzip import GZipMiddleware
from django.utils.decorators import decorator_from_middleware

gzip_page = decorator_from_middleware(GZipMiddleware)
gzip_page.__doc__ = "Compress the view's response when the client accepts gzip."
