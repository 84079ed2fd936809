"""Tags of the changelist page: the results table, pagination, search box, filters, date drill-down
and the actions bar. The Python here prepares plain dicts; the markup is in the templates."""

from __future__ import annotations

import datetime
from typing import Any

from django import template
from django.contrib.admin.utils import display_for_field, display_for_value, label_for_field, lookup_field
from django.contrib.admin.views.main import ALL_VAR, ORDER_VAR, PAGE_VAR, SEARCH_VAR
from django.core.exceptions import ObjectDoesNotExist
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst

register = template.Library()


# ---------------------------------------------------------------- headers
def result_headers(cl: Any) -> Any:
    """One dict per column: its text, whether and how it sorts, and the URLs to change the sort."""
    ordered = cl.get_ordering_field_columns()
    sortable_by = set(cl.sortable_by) if cl.sortable_by is not None else None
    for index, field_name in enumerate(cl.list_display):
        text, attr = label_for_field(field_name, cl.model, model_admin=cl.model_admin, return_attr=True)
        is_checkbox = field_name == "action_checkbox"
        name = field_name if isinstance(field_name, str) else getattr(field_name, "__name__", "")
        sortable = (
            not is_checkbox
            and (sortable_by is None or field_name in sortable_by)
            and cl.get_ordering_field(field_name) is not None
        )
        header = {
            "text": text,
            "class_attrib": format_html(' class="column-{}"', name) if name else "",
            "sortable": sortable,
            "is_checkbox": is_checkbox,
        }
        if sortable:
            header.update(_sort_links(cl, index, ordered))
        yield header


def _sort_links(cl: Any, index: int, ordered: dict[int, str]) -> dict:
    direction = ordered.get(index)
    current = [(i, d) for i, d in ordered.items()]
    toggled = "asc" if direction == "desc" else "desc" if direction == "asc" else "asc"

    def encode(pairs: list) -> str:
        return ".".join(("-" if d == "desc" else "") + str(i) for i, d in pairs)

    primary = [(index, toggled)] + [(i, d) for i, d in current if i != index]
    without = [(i, d) for i, d in current if i != index]
    return {
        "sorted": direction is not None,
        "ascending": direction == "asc",
        "sort_priority": list(ordered).index(index) + 1 if direction else 0,
        "url_primary": cl.get_query_string({ORDER_VAR: encode(primary)}),
        "url_remove": cl.get_query_string({ORDER_VAR: encode(without)} if without else {}, [ORDER_VAR]),
        "url_toggle": cl.get_query_string(
            {ORDER_VAR: encode([(i, toggled if i == index else d) for i, d in current] or primary)}
        ),
    }


# ---------------------------------------------------------------- rows
def _cell(cl: Any, field_name: Any, result: Any) -> tuple[Any, str]:
    """(safe HTML of the cell, css class)."""
    empty = cl.model_admin.get_empty_value_display()
    try:
        field, attr, value = lookup_field(field_name, result, cl.model_admin)
    except (AttributeError, ObjectDoesNotExist):
        return conditional_escape(empty), ""
    if field is None:
        if field_name == "action_checkbox":
            return value, "action-checkbox"
        boolean = getattr(attr, "boolean", False)
        own_empty = getattr(attr, "empty_value_display", empty)
        text = display_for_value(value, own_empty, boolean)
        css = "nowrap" if isinstance(value, (datetime.date, datetime.time)) else ""
        return (text if boolean or hasattr(text, "__html__") else conditional_escape(text)), css
    if field.is_relation and value is None and not field.many_to_many:
        text = empty
    elif field.many_to_many:
        text = ", ".join(str(v) for v in value.all()) or empty
    else:
        text = display_for_field(value, field, empty)
    css = "nowrap" if isinstance(field, _date_types()) else ""
    return conditional_escape(text), css


def _date_types() -> tuple:
    from django.db import models

    return (models.DateField, models.TimeField, models.ForeignKey)


def _linked_columns(cl: Any) -> set:
    """Names of the columns that link to the change page (the first one by default)."""
    links = cl.list_display_links
    if links is None:
        return set()
    if links:
        return set(links)
    firsts = [name for name in cl.list_display if name != "action_checkbox"][:1]
    return set(firsts)


def items_for_result(cl: Any, result: Any, form: Any = None) -> Any:
    linked = _linked_columns(cl)
    first_link = True
    for field_name in cl.list_display:
        if form is not None and field_name in form.fields and field_name not in linked:
            errors = form[field_name].errors
            yield format_html('<td class="field-{}">{}{}</td>', field_name, errors, form[field_name])
            continue
        html, css = _cell(cl, field_name, result)
        if field_name == "action_checkbox":
            yield format_html('<td class="action-checkbox">{}</td>', html)
            continue
        attrs = format_html(' class="field-{}{}"', _name(field_name), f" {css}" if css else "")
        if field_name in linked:
            tag = "th" if first_link else "td"
            first_link = False
            yield format_html(
                '<{} scope="row"{}><a href="{}">{}</a></{}>', tag, attrs, _result_url(cl, result), html, tag
            )
        else:
            yield format_html("<td{}>{}</td>", attrs, html)


def _name(field_name: Any) -> str:
    return field_name if isinstance(field_name, str) else getattr(field_name, "__name__", "")


def _result_url(cl: Any, result: Any) -> str:
    from django.contrib.admin.templatetags.admin_urls import add_preserved_filters

    url = cl.url_for_result(result)
    return add_preserved_filters({"preserved_filters": cl.preserved_filters, "opts": cl.opts}, url)


def results(cl: Any) -> Any:
    formset = getattr(cl, "formset", None)
    if formset is None:
        for result in cl.result_list:
            yield list(items_for_result(cl, result))
        return
    for result, form in zip(cl.result_list, formset.forms):
        cells = list(items_for_result(cl, result, form))
        # The row's hidden pk input rides in its last cell.
        hidden = mark_safe("".join(str(bf) for bf in form if bf.is_hidden))
        last = cells[-1]
        cut = last.rfind("</td>")
        cells[-1] = mark_safe(last[:cut] + hidden + last[cut:])
        yield cells


@register.inclusion_tag("admin/change_list_results.html")
def result_list(cl: Any) -> dict:
    headers = list(result_headers(cl))
    return {
        "cl": cl,
        "result_headers": headers,
        "num_sorted_fields": sum(1 for h in headers if h.get("sorted")),
        "results": list(results(cl)),
    }


# ---------------------------------------------------------------- pagination, search, filters
def _page_numbers(cl: Any) -> list:
    """Page numbers to show, with None for the gaps ("1 2 3 … 10 11 12 … 40")."""
    total = cl.paginator.num_pages
    current = cl.page_num
    if total <= 10:
        return list(range(1, total + 1))
    shown = sorted({1, 2, total - 1, total, *range(max(1, current - 3), min(total, current + 3) + 1)})
    pages: list = []
    for number in shown:
        if pages and number - pages[-1] > 1:
            pages.append(None)
        pages.append(number)
    return pages


@register.inclusion_tag("admin/pagination.html")
def pagination(cl: Any) -> dict:
    links = []
    if cl.multi_page and not (cl.show_all and cl.can_show_all):
        for number in _page_numbers(cl):
            if number is None:
                links.append({"gap": True})
            else:
                links.append(
                    {
                        "number": number,
                        "current": number == cl.page_num,
                        "url": cl.get_query_string({PAGE_VAR: number}),
                    }
                )
    return {
        "cl": cl,
        "page_links": links,
        "show_all_url": cl.can_show_all
        and not cl.show_all
        and cl.multi_page
        and cl.get_query_string({ALL_VAR: ""}),
        "ALL_VAR": ALL_VAR,
    }


@register.inclusion_tag("admin/search_form.html")
def search_form(cl: Any) -> dict:
    return {"cl": cl, "show_result_count": cl.result_count != cl.full_result_count, "search_var": SEARCH_VAR}


@register.simple_tag
def admin_list_filter(cl: Any, spec: Any) -> Any:
    from django.template.loader import get_template

    choices = list(spec.choices(cl))
    return get_template(spec.template).render({"title": spec.title, "choices": choices, "spec": spec})


@register.inclusion_tag("admin/actions.html", takes_context=True)
def admin_actions(context: Any) -> dict:
    context["action_index"] = context.get("action_index", -1) + 1
    return {
        "action_choices": context.get("action_choices"),
        "action_index": context["action_index"],
        "cl": context.get("cl"),
        "actions_selection_counter": context.get("actions_selection_counter"),
        "selection_note": context.get("selection_note"),
        "selection_note_all": context.get("selection_note_all"),
    }


@register.inclusion_tag("admin/date_hierarchy.html")
def date_hierarchy(cl: Any) -> dict:
    """Year, then month, then day links for the date_hierarchy field."""
    field = cl.date_hierarchy
    if not field:
        return {"show": False}
    year = cl.params.get(f"{field}__year")
    month = cl.params.get(f"{field}__month")
    day = cl.params.get(f"{field}__day")
    qs = cl.queryset
    strip = [f"{field}__"]
    if year and month and day:
        back = {
            "link": cl.get_query_string(
                {f"{field}__year": year, f"{field}__month": month}, [f"{field}__day"]
            ),
            "title": f"{year}-{int(month):02d}",
        }
        return {"show": True, "back": back, "choices": [{"title": f"{year}-{int(month):02d}-{int(day):02d}"}]}
    if year and month:
        days = qs.filter(**{f"{field}__year": year, f"{field}__month": month}).dates(field, "day")
        back = {
            "link": cl.get_query_string({f"{field}__year": year}, [f"{field}__month"]),
            "title": str(year),
        }
        choices = [
            {
                "link": cl.get_query_string(
                    {f"{field}__year": year, f"{field}__month": month, f"{field}__day": d.day}
                ),
                "title": d.isoformat(),
            }
            for d in days
        ]
        return {"show": True, "back": back, "choices": choices}
    if year:
        months = qs.filter(**{f"{field}__year": year}).dates(field, "month")
        back = {"link": cl.get_query_string(remove=strip), "title": "All dates"}
        choices = [
            {
                "link": cl.get_query_string({f"{field}__year": year, f"{field}__month": m.month}),
                "title": m.strftime("%B %Y"),
            }
            for m in months
        ]
        return {"show": True, "back": back, "choices": choices}
    years = qs.dates(field, "year")
    choices = [
        {"link": cl.get_query_string({f"{field}__year": y.year}, strip), "title": str(y.year)} for y in years
    ]
    return {"show": True, "back": None, "choices": choices}


@register.filter
def capfirst_text(value: Any) -> str:
    return capfirst(value)
