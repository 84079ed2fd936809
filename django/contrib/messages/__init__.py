from django.contrib.messages.api import *  # noqa: F403
from django.contrib.messages.constants import *  # noqa: F403
from django.contrib.messages.storage.base import Message  # noqa: F401
