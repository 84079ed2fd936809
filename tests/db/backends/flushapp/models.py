"""Models of the app used by the flush/inspectdb command tests."""

from django.db import models


class FlushParent(models.Model):
    name = models.CharField(max_length=20)

    class Meta:
        app_label = "flushapp"


class FlushChild(models.Model):
    parent = models.ForeignKey(FlushParent, models.CASCADE)
    note = models.TextField(blank=True)

    class Meta:
        app_label = "flushapp"
