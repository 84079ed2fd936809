"""Inlines beyond the basics: fk_name for a model with two keys to the parent, generic inlines
(GenericTabularInline / GenericStackedInline) through the add and change pages, and the hooks
around them (get_formsets_with_inlines, save_related, response_add)."""

from __future__ import annotations

import pytest

from django.contrib import admin
from django.contrib.contenttypes.admin import GenericStackedInline, GenericTabularInline
from django.http import HttpResponseRedirect
from django.test.utils import override_settings
from django.urls import path
from tests.contrib.admin.adminpolls.models import Note, Question, QuestionLink, Topic

inl = admin.AdminSite(name="inl")
events: list[str] = []


class OutgoingLinks(admin.TabularInline):
    model = QuestionLink
    fk_name = "source"
    extra = 1


class NotesInline(GenericTabularInline):
    model = Note
    extra = 1


class StackedNotes(GenericStackedInline):
    model = Note
    extra = 1
    classes = ["collapse"]


@admin.register(Question, site=inl)
class LinkedQuestionAdmin(admin.ModelAdmin):
    inlines = [OutgoingLinks, NotesInline]
    fields = ["question_text", "pub_date"]

    def get_formsets_with_inlines(self, request, obj=None):
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            if obj is None and isinstance(inline, OutgoingLinks):
                continue  # links need an existing question: only on the change page
            yield formset, inline

    def save_related(self, request, form, formsets, change):
        events.append(f"save_related change={change} formsets={len(formsets)}")
        super().save_related(request, form, formsets, change)

    def response_add(self, request, obj, post_url_continue=None):
        events.append(f"response_add {obj.question_text}")
        return HttpResponseRedirect(f"/after-add/{obj.pk}/")


@admin.register(Topic, site=inl)
class NotedTopicAdmin(admin.ModelAdmin):
    inlines = [StackedNotes]
    fields = ["name"]


urlpatterns = [path("inl/", inl.urls)]

NOTES = "adminpolls-note-content_type-object_id"


@pytest.fixture
def inl_client(admin_client):
    events.clear()
    with override_settings(ROOT_URLCONF=__name__):
        yield admin_client


def _management(prefix: str, total: int, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_add_page_uses_get_formsets_with_inlines_and_saves_generic_rows(inl_client, admin_db):
    page = inl_client.get("/inl/adminpolls/question/add/").content.decode()
    assert f'name="{NOTES}-0-text"' in page and "links_out" not in page
    data = {
        "question_text": "Generic?",
        "pub_date_0": "2026-01-02",
        "pub_date_1": "10:00:00",
        **_management(NOTES, 1),
        f"{NOTES}-0-text": "A note on the question",
        "_save": "Save",
    }
    response = inl_client.post("/inl/adminpolls/question/add/", data)
    question = Question.objects.get(question_text="Generic?")
    assert response.status_code == 302 and response["Location"] == f"/after-add/{question.pk}/"
    note = Note.objects.get()
    assert note.target == question and note.text == "A note on the question"
    assert events == ["save_related change=False formsets=1", "response_add Generic?"]


def test_fk_name_picks_the_parent_key_on_the_change_page(inl_client, questions):
    pizza, tea = questions["pizza"], questions["tea"]
    QuestionLink.objects.create(source=pizza, target=tea, note="see also")
    QuestionLink.objects.create(source=tea, target=pizza, note="the other way")
    page = inl_client.get(f"/inl/adminpolls/question/{pizza.pk}/change/").content.decode()
    assert "see also" in page and "the other way" not in page
    assert '<select name="links_out-0-target"' in page
    assert '<input type="hidden" name="links_out-0-source"' in page  # the parent key is implied
    local = pizza.pub_date.astimezone()
    data = {
        "question_text": pizza.question_text,
        "pub_date_0": local.strftime("%Y-%m-%d"),
        "pub_date_1": local.strftime("%H:%M:%S"),
        **_management("links_out", 2, 1),
        "links_out-0-id": str(QuestionLink.objects.get(note="see also").pk),
        "links_out-0-source": str(pizza.pk),
        "links_out-0-target": str(tea.pk),
        "links_out-0-note": "see also",
        "links_out-1-source": str(pizza.pk),
        "links_out-1-target": str(questions["cats"].pk),
        "links_out-1-note": "new link",
        **_management(NOTES, 0),
        "_save": "Save",
    }
    response = inl_client.post(f"/inl/adminpolls/question/{pizza.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert set(pizza.links_out.values_list("note", flat=True)) == {"see also", "new link"}
    assert pizza.links_out.get(note="new link").target == questions["cats"]
    assert events == ["save_related change=True formsets=2"]


def test_generic_stacked_inline_edits_and_deletes_rows(inl_client, admin_db):
    from django.contrib.contenttypes.models import ContentType

    topic = Topic.objects.create(name="Art")
    content_type = ContentType.objects.get_for_model(Topic)
    keep = Note.objects.create(content_type=content_type, object_id=topic.pk, text="keep me")
    drop = Note.objects.create(content_type=content_type, object_id=topic.pk, text="drop me")
    page = inl_client.get(f"/inl/adminpolls/topic/{topic.pk}/change/").content.decode()
    assert "keep me" in page and "drop me" in page and "inline-related" in page
    data = {
        "name": "Art",
        **_management(NOTES, 3, 2),
        f"{NOTES}-0-id": str(keep.pk),
        f"{NOTES}-0-text": "kept and edited",
        f"{NOTES}-1-id": str(drop.pk),
        f"{NOTES}-1-text": "drop me",
        f"{NOTES}-1-DELETE": "on",
        f"{NOTES}-2-text": "",
        "_save": "Save",
    }
    response = inl_client.post(f"/inl/adminpolls/topic/{topic.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(Note.objects.values_list("text", flat=True)) == ["kept and edited"]


def test_inline_checks_require_fk_name_when_ambiguous():
    class Ambiguous(admin.TabularInline):
        model = QuestionLink

    errors = Ambiguous(Question, inl).check()
    assert [e.id for e in errors] == ["admin.E202"]
    assert OutgoingLinks(Question, inl).check() == []


def test_collapsed_inline_starts_closed_and_opens_on_errors(inl_client, admin_db):
    from django.contrib.contenttypes.models import ContentType

    topic = Topic.objects.create(name="Art")
    note = Note.objects.create(
        content_type=ContentType.objects.get_for_model(Topic), object_id=topic.pk, text="n"
    )
    page = inl_client.get(f"/inl/adminpolls/topic/{topic.pk}/change/").content.decode()
    assert f'<details><summary><h2 id="{NOTES}-heading"' in page
    data = {
        "name": "Art",
        **_management(NOTES, 1, 1),
        f"{NOTES}-0-id": str(note.pk),
        f"{NOTES}-0-text": "",
        "_save": "Save",
    }
    page = inl_client.post(f"/inl/adminpolls/topic/{topic.pk}/change/", data).content.decode()
    assert f'<details open><summary><h2 id="{NOTES}-heading"' in page and "This field is required." in page
