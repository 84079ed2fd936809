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


# Used by the schema alteration tests (reverse relations need an installed app).


class Shelf(models.Model):
    label = models.CharField(max_length=30)

    class Meta:
        app_label = "flushapp"
        db_table = "alter_shelf"


class Crate(models.Model):
    code = models.CharField(max_length=30, unique=True)

    class Meta:
        app_label = "flushapp"
        db_table = "alter_crate"


class Bottle(models.Model):
    shelf = models.ForeignKey(Shelf, models.CASCADE, null=True)
    volume = models.IntegerField(null=True)
    name = models.CharField(max_length=30, default="")

    class Meta:
        app_label = "flushapp"
        db_table = "alter_bottle"
