"""ModelAdmin options and hooks, each on a site of its own ("mo") served by this module's URLconf:
list_display (related lookups, display decorator), list_select_related, list_max_show_all,
sortable_by, show_full_result_count, action placement and permissions, fieldsets, exclude,
readonly_fields, formfield_overrides, radio_fields, raw_id_fields, save_as_continue, save_on_top,
preserve_filters, inline min_num/max_num/can_delete, search prefixes and the hooks."""

from __future__ import annotations

import pytest

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import path
from tests.contrib.admin.adminpolls.models import Choice, Question, Survey, Topic

mo = admin.AdminSite(name="mo")
saved: list[str] = []


class StrictChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0
    min_num = 1
    max_num = 2
    can_delete = False


@admin.action(permissions=["publish"], description="Publish the chosen %(verbose_name_plural)s")
def publish(modeladmin, request, queryset):
    modeladmin.message_user(request, f"Published {queryset.count()}.", "warning")


@admin.register(Question, site=mo)
class QuestionOptions(admin.ModelAdmin):
    list_display = ["question_text", "pub_date", "choice_count"]
    sortable_by = ["question_text"]
    list_per_page = 2
    list_max_show_all = 3
    search_fields = ["^question_text"]
    show_full_result_count = False
    actions = [publish]
    actions_on_top = False
    actions_on_bottom = True
    actions_selection_counter = False
    save_as = True
    save_as_continue = False
    save_on_top = True
    preserve_filters = False
    inlines = [StrictChoiceInline]
    fieldsets = [
        (
            None,
            {
                "fields": ["question_text", "pub_date"],
                "classes": ["wide"],
                "description": "Ask <em>one</em> thing.",
            },
        )
    ]

    @admin.display(description="Choices", empty_value="no choices")
    def choice_count(self, obj):
        return obj.choice_set.count() or None

    def has_publish_permission(self, request):
        return request.user.username == "boss"

    def save_model(self, request, obj, form, change):
        obj.question_text = obj.question_text.strip().rstrip("?") + "?"
        saved.append(obj.question_text)
        super().save_model(request, obj, form, change)

    def get_urls(self):
        return [
            path("stats/", self.admin_site.admin_view(self.stats), name="adminpolls_question_stats")
        ] + super().get_urls()

    def stats(self, request):
        return HttpResponse(f"{self.get_queryset(request).count()} questions")


@admin.register(Choice, site=mo)
class ChoiceOptions(admin.ModelAdmin):
    list_display = ["choice_text", "question__question_text", "__str__"]
    list_select_related = ["question"]
    list_filter = [("question", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["=choice_text", "question__question_text"]
    exclude = ["votes"]
    radio_fields = {"question": admin.VERTICAL}
    formfield_overrides = {models.CharField: {"widget": forms.Textarea(attrs={"rows": 2})}}

    def lookup_allowed(self, lookup, value, request=None):
        return lookup != "choice_text__startswith" and super().lookup_allowed(lookup, value, request)

    def delete_model(self, request, obj):
        obj.choice_text = "[deleted]"
        obj.save()  # a soft delete


@admin.register(Survey, site=mo)
class SurveyOptions(admin.ModelAdmin):
    raw_id_fields = ["lead_question"]
    readonly_fields = ["title"]

    def get_search_results(self, request, queryset, search_term):
        return queryset.filter(title__iexact=search_term), False

    search_fields = ["title"]


@admin.register(Topic, site=mo)
class HiddenTopicAdmin(admin.ModelAdmin):
    def has_module_permission(self, request):
        return False


urlpatterns = [path("mo/", mo.urls)]


@pytest.fixture
def mo_client(admin_client):
    saved.clear()
    with override_settings(ROOT_URLCONF=__name__):
        yield admin_client


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response
    return response.content.decode()


# ---------------------------------------------------------------- changelist
def test_list_display_related_lookup_display_decorator_and_str(mo_client, questions):
    page = _page(mo_client, "/mo/adminpolls/choice/")
    assert "Question text" in page and 'class="field-question__question_text">Best pizza topping?<' in page
    assert page.count(">Mushroom<") == 2  # choice_text and __str__
    page = _page(mo_client, "/mo/adminpolls/question/?all=")
    assert ">Choices<" in page and ">2<" in page and ">no choices<" in page


def test_list_select_related_joins_the_named_relation(mo_client, questions, admin_db):
    def changelist_queries() -> int:
        with CaptureQueriesContext(admin_db) as captured:
            _page(mo_client, "/mo/adminpolls/choice/")
        return len(captured)

    few = changelist_queries()
    for n in range(5):
        questions["tea"].choice_set.create(choice_text=f"extra {n}")
    assert changelist_queries() == few


def test_list_max_show_all_and_pagination(mo_client, questions):
    page = _page(mo_client, "/mo/adminpolls/question/")
    assert 'class="showall"' not in page  # 4 rows > list_max_show_all = 3
    QuestionOptions.list_max_show_all = 10
    try:
        page = _page(mo_client, "/mo/adminpolls/question/")
        assert 'class="showall"' in page
        page = _page(mo_client, "/mo/adminpolls/question/?all=")
        assert all(q.question_text in page for q in questions.values())
    finally:
        QuestionOptions.list_max_show_all = 3


def test_sortable_by_limits_the_sortable_headers(mo_client, questions):
    page = _page(mo_client, "/mo/adminpolls/question/")
    header = page[page.index("<thead") : page.index("</thead>")]
    assert "?o=1" in header and "?o=2" not in header and "?o=3" not in header


def test_show_full_result_count_false_skips_the_total(mo_client, questions, admin_db):
    page = _page(mo_client, "/mo/adminpolls/question/?q=best")
    assert "1 result" in page and "Show all" in page and " total" not in page
    with CaptureQueriesContext(admin_db) as captured:
        _page(mo_client, "/mo/adminpolls/question/?q=best")
    counts = [
        q["sql"] for q in captured if "COUNT(" in q["sql"].upper() and "adminpolls_choice" not in q["sql"]
    ]
    assert len(counts) == 1  # the page's count; no count of all questions (choice_count counts choices)


def test_action_placement_counter_and_permission(mo_client, questions):
    from django.contrib.auth.models import User
    from django.test import Client

    page = _page(mo_client, "/mo/adminpolls/question/")
    assert page.count('name="action"') == 1 and page.index('name="action"') > page.index("result_list")
    assert "action-counter" not in page
    assert "Publish the chosen questions" in page
    ids = [str(q.pk) for q in questions.values()][:2]
    response = mo_client.post(
        "/mo/adminpolls/question/", {"action": "publish", "_selected_action": ids, "index": "0"}, follow=True
    )
    assert "Published 2." in response.content.decode()
    assert [m.level for m in response.context["messages"]] == [messages.WARNING]

    other = User.objects.create_superuser("other", "o@example.com", "pw-other-123")
    client = Client()
    client.force_login(other)
    with override_settings(ROOT_URLCONF=__name__):
        assert "Publish the chosen" not in client.get("/mo/adminpolls/question/").content.decode()


def test_search_prefixes_and_related_lookups(mo_client, questions):
    assert "Best pizza topping?" in _page(mo_client, "/mo/adminpolls/question/?q=best")
    assert "Best pizza topping?" not in _page(
        mo_client, "/mo/adminpolls/question/?q=pizza"
    )  # ^ = starts with
    page = _page(mo_client, "/mo/adminpolls/choice/?q=mushroom")  # = is exact (case-insensitive)
    assert ">Mushroom<" in page and ">Pineapple<" not in page
    assert ">Mushroom<" not in _page(mo_client, "/mo/adminpolls/choice/?q=mush")
    page = _page(mo_client, "/mo/adminpolls/choice/?q=topping")  # through question__question_text
    assert ">Mushroom<" in page and ">Pineapple<" in page


def test_get_search_results_override(mo_client, admin_db):
    Survey.objects.create(title="Exact")
    Survey.objects.create(title="Exactly not")
    page = _page(mo_client, "/mo/adminpolls/survey/?q=exact")
    assert ">Exact<" in page and "Exactly not" not in page


def test_related_only_filter_lists_only_used_questions(mo_client, questions):
    page = _page(mo_client, "/mo/adminpolls/choice/")
    sidebar = page[page.index('id="changelist-filter"') :]
    assert "Best pizza topping?" in sidebar and "Cats or dogs?" not in sidebar


def test_lookup_allowed_override_refuses_a_lookup(mo_client, questions):
    assert mo_client.get("/mo/adminpolls/choice/?choice_text__startswith=M").status_code == 400


# ---------------------------------------------------------------- change form
def test_fieldset_classes_description_and_save_on_top(mo_client, questions):
    page = _page(mo_client, f"/mo/adminpolls/question/{questions['pizza'].pk}/change/")
    assert "wide" in page and "Ask <em>one</em> thing." in page
    assert page.count('class="submit-row"') == 2


def test_exclude_radio_fields_and_formfield_overrides(mo_client, questions):
    page = _page(mo_client, "/mo/adminpolls/choice/add/")
    assert 'name="votes"' not in page
    assert (
        'type="radio" name="question"' in page
        and "radiolist" in page
        and "inline" not in page.split("radiolist")[1][:10]
    )
    assert '<textarea name="choice_text"' in page and 'rows="2"' in page


def test_raw_id_and_readonly_fields(mo_client, questions):
    survey = Survey.objects.create(title="Fixed title", lead_question=questions["tea"])
    page = _page(mo_client, f"/mo/adminpolls/survey/{survey.pk}/change/")
    assert 'class="vForeignKeyRawIdAdminField"' in page and f'value="{questions["tea"].pk}"' in page
    assert (
        "<strong>Tea or coffee?</strong>" in page and 'href="/mo/adminpolls/question/?_to_field=id"' in page
    )
    assert 'name="title"' not in page and "Fixed title" in page
    response = mo_client.post(
        f"/mo/adminpolls/survey/{survey.pk}/change/",
        {"title": "Hacked", "lead_question": str(questions["pizza"].pk), "_save": "Save"},
    )
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.title == "Fixed title" and survey.lead_question == questions["pizza"]


def _question_post(**extra):
    data = {
        "question_text": "New question",
        "pub_date_0": "2026-01-02",
        "pub_date_1": "10:30:00",
        "choice_set-TOTAL_FORMS": "1",
        "choice_set-INITIAL_FORMS": "0",
        "choice_set-MIN_NUM_FORMS": "1",
        "choice_set-MAX_NUM_FORMS": "2",
        "choice_set-0-choice_text": "Only",
        "choice_set-0-votes": "0",
        "_save": "Save",
    }
    data.update(extra)
    return data


def test_inline_min_num_max_num_and_can_delete(mo_client, questions):
    page = _page(mo_client, "/mo/adminpolls/question/add/")
    assert (
        'name="choice_set-MIN_NUM_FORMS" value="1"' in page
        and 'name="choice_set-MAX_NUM_FORMS" value="2"' in page
    )
    assert 'name="choice_set-0-choice_text"' in page and 'name="choice_set-1-choice_text"' not in page
    change = _page(mo_client, f"/mo/adminpolls/question/{questions['pizza'].pk}/change/")
    assert "-DELETE" not in change
    # Rows below min_num may not be left blank (as in Django, the formset itself does not
    # validate min_num/max_num: the rows do, and the page never offers more than max_num).
    empty = _question_post(**{"choice_set-0-choice_text": ""})
    response = mo_client.post("/mo/adminpolls/question/add/", empty)
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    assert not Question.objects.filter(question_text__startswith="New question").exists()


def test_save_model_hook_and_save_as_continue_false(mo_client, questions):
    response = mo_client.post("/mo/adminpolls/question/add/", _question_post(question_text="  Works?? "))
    assert response.status_code == 302 and saved == ["Works?"]
    question = Question.objects.get(question_text="Works?")
    data = _question_post(question_text="Copy", _saveasnew="Save as new")
    data.pop("_save")
    response = mo_client.post(f"/mo/adminpolls/question/{question.pk}/change/", data)
    assert response.status_code == 302 and response["Location"] == "/mo/adminpolls/question/"
    assert Question.objects.filter(question_text="Copy?").exists()


def test_preserve_filters_false_drops_the_changelist_filters(mo_client, questions):
    page = _page(mo_client, "/mo/adminpolls/question/?q=best")
    assert "_changelist_filters" not in page
    with override_settings(ROOT_URLCONF="tests.contrib.admin.urls"):
        assert "_changelist_filters" in _page(mo_client, "/admin/adminpolls/question/?q=best")


# ---------------------------------------------------------------- hooks
def test_get_urls_adds_a_view_behind_the_admin_login(mo_client, questions):
    from django.test import Client

    assert _page(mo_client, "/mo/adminpolls/question/stats/") == "4 questions"
    with override_settings(ROOT_URLCONF=__name__):
        anonymous = Client().get("/mo/adminpolls/question/stats/")
    assert anonymous.status_code == 302 and "/mo/login/" in anonymous["Location"]


def test_delete_model_hook_replaces_the_deletion(mo_client, questions):
    mushroom = questions["pizza"].choice_set.get(choice_text="Mushroom")
    response = mo_client.post(f"/mo/adminpolls/choice/{mushroom.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    mushroom.refresh_from_db()
    assert mushroom.choice_text == "[deleted]"


def test_has_module_permission_false_hides_the_model(mo_client, admin_db):
    index = _page(mo_client, "/mo/")
    assert "/mo/adminpolls/question/" in index and "/mo/adminpolls/topic/" not in index


def test_message_user_levels(superuser, admin_db):
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = superuser
    request.session = {}
    request._messages = FallbackStorage(request)
    model_admin = mo.get_model_admin(Question)
    model_admin.message_user(request, "plain")
    model_admin.message_user(request, "by name", "error")
    model_admin.message_user(request, "by number", messages.SUCCESS, extra_tags="extra")
    with pytest.raises(ValueError, match="Bad message level string: `loud`"):
        model_admin.message_user(request, "x", "loud")
    stored = list(request._messages)
    assert [(m.message, m.level) for m in stored] == [
        ("plain", messages.INFO),
        ("by name", messages.ERROR),
        ("by number", messages.SUCCESS),
    ]
    assert stored[2].extra_tags == "extra"


def test_per_request_hooks_choose_columns_fields_and_readonly(superuser, questions):
    from django.test import RequestFactory

    class PerRequest(admin.ModelAdmin):
        def get_list_display(self, request):
            return ["question_text"] if request.headers.get("X-Short") else ["question_text", "pub_date"]

        def get_readonly_fields(self, request, obj=None):
            return ["pub_date"] if obj is not None else []

        def get_fieldsets(self, request, obj=None):
            return [("Main", {"fields": ["question_text", "pub_date"]})]

    model_admin = PerRequest(Question, admin.AdminSite(name="per-request"))
    request = RequestFactory().get("/", headers={"X-Short": "1"})
    request.user = superuser
    assert model_admin.get_changelist_instance(request).list_display == ["action_checkbox", "question_text"]
    form_class = model_admin.get_form(request, questions["pizza"])
    assert list(form_class.base_fields) == ["question_text"]
    assert list(model_admin.get_form(request, None).base_fields) == ["question_text", "pub_date"]


def test_related_list_display_column_sorts_and_passes_the_checks(mo_client, choices):
    assert ChoiceOptions(Choice, mo).check() == []
    for wrong in ("question__nope", "choice_text__length"):  # no such field / not a relation
        bad = type("Bad", (admin.ModelAdmin,), {"list_display": ["choice_text", wrong]})
        assert [e.id for e in bad(Choice, mo).check()] == ["admin.E108"], wrong
    page = _page(mo_client, "/mo/adminpolls/choice/?o=2")  # column 2: question__question_text
    rows = page[page.index("<tbody>") :]
    assert rows.index("Best pizza topping?") < rows.index("Tea or coffee?")
    page = _page(mo_client, "/mo/adminpolls/choice/?o=-2")
    rows = page[page.index("<tbody>") :]
    assert rows.index("Tea or coffee?") < rows.index("Best pizza topping?")
    header = page[page.index("<thead") : page.index("</thead>")]
    assert "?o=2" in header  # the header offers to sort the other way
