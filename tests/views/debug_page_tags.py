"""A template tag library for the DEBUG page tests: a tag that fails while rendering."""

from django import template

register = template.Library()


@register.simple_tag
def explode(word):
    raise ValueError(f"the tag exploded: {word} <em>unescaped?</em>")
