"""The tutorial's polls models, as the admin tests drive them."""

import datetime

from django.contrib import admin
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.utils import timezone


class Question(models.Model):
    question_text = models.CharField(max_length=200)
    pub_date = models.DateTimeField("date published")

    class Meta:
        app_label = "adminpolls"

    def __str__(self):
        return self.question_text

    @admin.display(boolean=True, ordering="pub_date", description="Published recently?")
    def was_published_recently(self):
        now = timezone.now()
        return now - datetime.timedelta(days=1) <= self.pub_date <= now


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE)
    choice_text = models.CharField(max_length=200)
    votes = models.IntegerField(default=0)

    class Meta:
        app_label = "adminpolls"

    def __str__(self):
        return self.choice_text


class Vote(models.Model):
    """Protects its choice from deletion (for the delete confirmation's protected list)."""

    choice = models.ForeignKey(Choice, on_delete=models.PROTECT)

    class Meta:
        app_label = "adminpolls"


class Topic(models.Model):
    """Picked through the two-pane filter_horizontal box on a Survey."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=20, blank=True)

    class Meta:
        app_label = "adminpolls"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"/topics/{self.pk}/"


class Survey(models.Model):
    """Topics (filter_horizontal), a lead question and more questions (autocomplete_fields)."""

    title = models.CharField(max_length=100)
    topics = models.ManyToManyField(Topic, blank=True)
    lead_question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.SET_NULL)
    more_questions = models.ManyToManyField(Question, blank=True, related_name="surveys_also")

    class Meta:
        app_label = "adminpolls"

    def __str__(self):
        return self.title


class QuestionLink(models.Model):
    """Two foreign keys to Question: an inline must name its fk_name."""

    source = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="links_out")
    target = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="links_in")
    note = models.CharField(max_length=100, blank=True)

    class Meta:
        app_label = "adminpolls"


class Note(models.Model):
    """Attached to any object through a GenericForeignKey (a generic inline)."""

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    text = models.CharField(max_length=100)

    class Meta:
        app_label = "adminpolls"
