"""A Jinja2 environment factory for the `environment` option test."""

from jinja2 import Environment


def environment(**options):
    env = Environment(**options)
    env.globals["shout"] = lambda s: s.upper() + "!"
    return env
