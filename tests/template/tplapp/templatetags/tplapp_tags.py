from django import template

register = template.Library()


@register.filter
def exclaim(value):
    return "%s!" % value
