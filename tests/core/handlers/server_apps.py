"""WSGI and ASGI entry points for the real-server tests."""

from django.core.asgi import get_asgi_application
from django.core.wsgi import get_wsgi_application

wsgi_application = get_wsgi_application()
asgi_application = get_asgi_application()
