"""Python renderings of the built-in form templates, used by the stock renderers.

The DjangoTemplates and Jinja2 renderers always find the built-in templates first (their own
directory comes before the apps' ones), so rendering those names directly in Python gives the same
HTML without the template machinery's per-include cost. TemplatesSetting never uses this table:
projects may override the templates there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.html import conditional_escape as esc

W = "django/forms/widgets/"


def flat_attrs(attrs: dict | None) -> str:
    if not attrs:
        return ""
    parts = []
    for name, value in attrs.items():
        if value is False or value is None:
            continue
        if value is True:
            parts.append(" %s" % esc(name))
        else:
            parts.append(' %s="%s"' % (esc(name), esc(value)))
    return "".join(parts)


def render_input(renderer: Any, context: dict) -> str:
    widget = context["widget"]
    value = widget["value"]
    value_attr = "" if value is None else ' value="%s"' % esc(value)
    return '<input type="%s" name="%s"%s%s>' % (
        esc(widget["type"]), esc(widget["name"]), value_attr, flat_attrs(widget["attrs"]),
    )  # fmt: skip


def render_textarea(renderer: Any, context: dict) -> str:
    widget = context["widget"]
    value = widget["value"]
    body = esc(value) if value else ""
    return '<textarea name="%s"%s>\n%s</textarea>' % (esc(widget["name"]), flat_attrs(widget["attrs"]), body)


def _render_option(renderer: Any, option: dict) -> str:
    return renderer.render(option["template_name"], {"widget": option})


def render_select(renderer: Any, context: dict) -> str:
    widget = context["widget"]
    parts = ['<select name="%s"%s>' % (esc(widget["name"]), flat_attrs(widget["attrs"]))]
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append('\n  <optgroup label="%s">' % esc(group_name))
        for option in options:
            parts.append("\n  " + _render_option(renderer, option))
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def render_select_option(renderer: Any, context: dict) -> str:
    option = context["widget"]
    return '<option value="%s"%s>%s</option>' % (
        esc(option["value"]),
        flat_attrs(option["attrs"]),
        esc(option["label"]),
    )


def render_multiple_input(renderer: Any, context: dict) -> str:
    widget = context["widget"]
    attrs = widget["attrs"]
    id_, css = attrs.get("id"), attrs.get("class")
    parts = ["<div%s%s>" % (' id="%s"' % esc(id_) if id_ else "", ' class="%s"' % esc(css) if css else "")]
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append("\n  <div><label>%s</label>" % esc(group))
        for option in options:
            parts.append("<div>\n    %s</div>" % _render_option(renderer, option))
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>")
    return "".join(parts)


def render_input_option(renderer: Any, context: dict) -> str:
    option = context["widget"]
    html = render_input(renderer, context)
    if not option.get("wrap_label"):
        return html
    id_ = option["attrs"].get("id")
    label_for = ' for="%s"' % esc(id_) if id_ else ""
    return "<label%s>%s %s</label>" % (label_for, html, esc(option["label"]))


def render_label(renderer: Any, context: dict) -> str:
    label = esc(context["label"])
    if not context.get("use_tag"):
        return label
    tag = context.get("tag") or "label"
    return "<%s%s>%s</%s>" % (tag, flat_attrs(context.get("attrs")), label, tag)


def render_error_list(renderer: Any, context: dict) -> str:
    errors = context["errors"]
    if not errors:
        return ""
    field_id = getattr(errors, "field_id", None)
    items = "".join("<li>%s</li>" % esc(error) for error in errors)
    return '<ul class="%s"%s>%s</ul>' % (
        esc(context["error_class"]), ' id="%s_error"' % esc(field_id) if field_id else "", items,
    )  # fmt: skip


def render_error_dict(renderer: Any, context: dict) -> str:
    errors = list(context["errors"])
    if not errors:
        return ""
    items = "".join("<li>%s%s</li>" % (esc(field), esc(error)) for field, error in errors)
    return '<ul class="%s">%s</ul>' % (esc(context["error_class"]), items)


def render_field(renderer: Any, context: dict) -> str:
    field = context["field"]
    auto_id, help_text = field.auto_id, field.help_text
    lines = []
    if field.use_fieldset:
        described = help_text and auto_id and "aria-describedby" not in field.field.widget.attrs
        lines.append("<fieldset%s>" % (' aria-describedby="%s_helptext"' % esc(auto_id) if described else ""))
        if field.label:
            lines.append("  %s" % field.legend_tag())
    elif field.label:
        lines.append(field.label_tag())
    if help_text:
        id_attr = ' id="%s_helptext"' % esc(auto_id) if auto_id else ""
        lines.append('<div class="helptext"%s>%s</div>' % (id_attr, help_text))
    errors = field.errors
    if errors:
        lines.append(str(esc(errors)))
    lines.append(str(esc(field)))
    if field.use_fieldset:
        lines.append("</fieldset>")
    return "\n".join(lines)


def render_div_form(renderer: Any, context: dict) -> str:
    errors, fields, hidden_fields = context["errors"], context["fields"], context["hidden_fields"]
    hidden = "".join(str(esc(bf)) for bf in hidden_fields)
    parts = [str(esc(errors)) if errors else "", "\n"]
    if errors and not fields:
        parts.append("<div>%s</div>" % hidden)
    parts.append("\n")
    last = len(fields) - 1
    for index, (bf, _errors) in enumerate(fields):
        classes = bf.css_classes()
        parts.append(
            "<div%s>\n  %s%s\n</div>\n"
            % (
                ' class="%s"' % esc(classes) if classes else "",
                bf.as_field_group(),
                hidden if index == last else "",
            )
        )
    if not fields and not errors:
        parts.append(hidden)
    return "".join(parts).strip()


FAST: dict[str, Callable[[Any, dict], str]] = {
    W + "input.html": render_input,
    **{
        W + name + ".html": render_input
        for name in (
            "text",
            "number",
            "email",
            "url",
            "password",
            "hidden",
            "date",
            "datetime",
            "time",
            "color",
            "search",
            "tel",
            "checkbox",
            "file",
        )
    },  # fmt: skip
    W + "textarea.html": render_textarea,
    W + "select.html": render_select,
    W + "select_option.html": render_select_option,
    W + "radio.html": render_multiple_input,
    W + "checkbox_select.html": render_multiple_input,
    W + "multiple_input.html": render_multiple_input,
    W + "input_option.html": render_input_option,
    W + "radio_option.html": render_input_option,
    W + "checkbox_option.html": render_input_option,
    "django/forms/label.html": render_label,
    "django/forms/errors/list/default.html": render_error_list,
    "django/forms/errors/list/ul.html": render_error_list,
    "django/forms/errors/dict/default.html": render_error_dict,
    "django/forms/errors/dict/ul.html": render_error_dict,
    "django/forms/field.html": render_field,
    "django/forms/div.html": render_div_form,
}
