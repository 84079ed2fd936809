"""LogEntry: the admin's history of additions, changes and deletions."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

ADDITION = 1
CHANGE = 2
DELETION = 3

ACTION_FLAG_CHOICES = [(ADDITION, _("Addition")), (CHANGE, _("Change")), (DELETION, _("Deletion"))]


class LogEntryManager(models.Manager):
    use_in_migrations = True

    def log_actions(
        self,
        user_id: Any,
        queryset: Any,
        action_flag: int,
        change_message: Any = "",
        *,
        single_object: bool = False,
    ) -> Any:
        """Record one entry per object of ``queryset`` (the first one when single_object)."""
        if isinstance(change_message, list):
            change_message = json.dumps(change_message)
        entries = [
            self.model(
                user_id=user_id,
                content_type_id=ContentType.objects.get_for_model(obj, for_concrete_model=False).id,
                object_id=obj.pk,
                object_repr=str(obj)[:200],
                action_flag=action_flag,
                change_message=change_message,
            )
            for obj in queryset
        ]
        if single_object and entries:
            entries[0].save()
            return entries[0]
        return self.model.objects.bulk_create(entries)


class LogEntry(models.Model):
    action_time = models.DateTimeField(_("action time"), default=timezone.now, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, verbose_name=_("user"))
    content_type = models.ForeignKey(
        ContentType, models.SET_NULL, verbose_name=_("content type"), blank=True, null=True
    )
    object_id = models.TextField(_("object id"), blank=True, null=True)
    object_repr = models.CharField(_("object repr"), max_length=200)
    action_flag = models.PositiveSmallIntegerField(_("action flag"), choices=ACTION_FLAG_CHOICES)
    change_message = models.TextField(_("change message"), blank=True)

    objects = LogEntryManager()

    class Meta:
        verbose_name = _("log entry")
        verbose_name_plural = _("log entries")
        db_table = "django_admin_log"
        ordering = ["-action_time"]

    def __repr__(self) -> str:
        return str(self.action_time)

    def __str__(self) -> str:
        if self.is_addition():
            return gettext("Added “%(object)s”.") % {"object": self.object_repr}
        if self.is_change():
            return gettext("Changed “%(object)s” — %(changes)s") % {
                "object": self.object_repr,
                "changes": self.get_change_message(),
            }
        if self.is_deletion():
            return gettext("Deleted “%(object)s.”") % {"object": self.object_repr}
        return gettext("LogEntry Object")

    def is_addition(self) -> bool:
        return self.action_flag == ADDITION

    def is_change(self) -> bool:
        return self.action_flag == CHANGE

    def is_deletion(self) -> bool:
        return self.action_flag == DELETION

    def get_change_message(self) -> str:
        """The change message in the active language (stored as JSON by the admin)."""
        if self.change_message and self.change_message[0] == "[":
            try:
                change_message = json.loads(self.change_message)
            except json.JSONDecodeError:
                return self.change_message
            messages = []
            for sub in change_message:
                if "added" in sub:
                    if sub["added"]:
                        sub["added"]["name"] = gettext(sub["added"]["name"])
                        messages.append(gettext("Added {name} “{object}”.").format(**sub["added"]))
                    else:
                        messages.append(gettext("Added."))
                elif "changed" in sub:
                    sub["changed"]["fields"] = get_text_list(
                        [gettext(name) for name in sub["changed"]["fields"]], gettext("and")
                    )
                    if "name" in sub["changed"]:
                        sub["changed"]["name"] = gettext(sub["changed"]["name"])
                        messages.append(
                            gettext("Changed {fields} for {name} “{object}”.").format(**sub["changed"])
                        )
                    else:
                        messages.append(gettext("Changed {fields}.").format(**sub["changed"]))
                elif "deleted" in sub:
                    sub["deleted"]["name"] = gettext(sub["deleted"]["name"])
                    messages.append(gettext("Deleted {name} “{object}”.").format(**sub["deleted"]))
            change_message = " ".join(msg[0].upper() + msg[1:] for msg in messages)
            return change_message or gettext("No fields changed.")
        return self.change_message

    def get_edited_object(self) -> Any:
        return self.content_type.get_object_for_this_type(pk=self.object_id)

    def get_admin_url(self) -> str | None:
        if self.content_type and self.object_id:
            url_name = "admin:%s_%s_change" % (self.content_type.app_label, self.content_type.model)
            try:
                return reverse(url_name, args=(self.object_id,))
            except NoReverseMatch:
                pass
        return None
