"""An app without migrations: the test runner creates its table directly (syncdb). Such an app
can't point at a migrated app's models (the documented limit), so it stands alone."""

from django.db import models


class Entry(models.Model):
    text = models.CharField(max_length=100)
