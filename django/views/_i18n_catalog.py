"""JavaScriptCatalog and JSONCatalog: the gettext catalog of some apps, for client-side code."""

from __future__ import annotations

import json
import os
import re
from typing import Any

from django.apps import apps
from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.views.generic.base import View

_PLURAL_RE = re.compile(r"plural\s*=\s*(?P<expr>.+?)\s*;?\s*$")

# Our own client-side API (same names and behaviour as Django's djangojs catalog).
_JS_TEMPLATE = """'use strict';
{
  const globals = typeof globalThis !== 'undefined' ? globalThis : this;
  const django = globals.django || (globals.django = {});

  django.pluralidx = function(n) {
    const v = %(plural)s;
    return typeof v === 'boolean' ? (v ? 1 : 0) : v;
  };
  django.catalog = django.catalog || {};
  Object.assign(django.catalog, %(catalog)s);

  if (!django.jsi18n_initialized) {
    django.gettext = function(msgid) {
      const value = django.catalog[msgid];
      if (typeof value === 'undefined') { return msgid; }
      return typeof value === 'string' ? value : value[0];
    };
    django.ngettext = function(singular, plural, count) {
      const value = django.catalog[singular];
      if (typeof value === 'undefined') { return count == 1 ? singular : plural; }
      return Array.isArray(value) ? value[django.pluralidx(count)] : value;
    };
    django.gettext_noop = function(msgid) { return msgid; };
    django.pgettext = function(context, msgid) {
      const value = django.gettext(context + '\\x04' + msgid);
      return value.includes('\\x04') ? msgid : value;
    };
    django.npgettext = function(context, singular, plural, count) {
      const value = django.ngettext(context + '\\x04' + singular, context + '\\x04' + plural, count);
      return value.includes('\\x04') ? django.ngettext(singular, plural, count) : value;
    };
    django.interpolate = function(fmt, obj, named) {
      if (named) {
        return fmt.replace(/%%\\(\\w+\\)s/g, function(match) { return String(obj[match.slice(2, -2)]); });
      }
      return fmt.replace(/%%s/g, function() { return String(obj.shift()); });
    };
    django.formats = %(formats)s;
    django.get_format = function(formatType) {
      const value = django.formats[formatType];
      return typeof value === 'undefined' ? formatType : value;
    };
    for (const name of ['pluralidx', 'gettext', 'ngettext', 'gettext_noop', 'pgettext', 'npgettext', 'interpolate', 'get_format']) {
      globals[name] = django[name];
    }
    django.jsi18n_initialized = true;
  }
};
"""


def get_formats() -> dict:
    """The active language's format settings, as the JavaScript catalog exposes them."""
    from django.utils import formats

    return {name: formats.get_format(name) for name in sorted(formats.FORMAT_SETTINGS)}


class JavaScriptCatalog(View):
    """The catalog of ``packages`` (apps, ``+``-separated in the URL) for ``domain`` as JavaScript."""

    domain = "djangojs"
    packages: list[str] | None = None

    def get(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        from django.utils.translation import get_language
        from django.utils.translation.trans_real import DjangoTranslation

        locale = get_language() or settings.LANGUAGE_CODE
        domain = kwargs.get("domain", self.domain)
        packages = kwargs.get("packages", "")
        packages = packages.split("+") if packages else self.packages
        paths = self.get_paths(packages) if packages else None
        self.translation = DjangoTranslation(locale, domain=domain, localedirs=paths)
        context = self.get_context_data(**kwargs)
        return self.render_to_response(context)

    def get_paths(self, packages: list[str]) -> list[str]:
        allowable = {app_config.name: app_config for app_config in apps.get_app_configs()}
        chosen = [allowable[name] for name in packages if name in allowable]
        if len(chosen) < len(packages):
            unknown = sorted(set(packages) - set(allowable))
            raise ValueError(f"Invalid package(s) provided to JavaScriptCatalog: {','.join(unknown)}")
        paths = [os.path.join(app.path, "locale") for app in chosen]
        return paths + [str(path) for path in settings.LOCALE_PATHS]

    def get_plural(self) -> str | None:
        header = self.translation.info().get("plural-forms")
        if not header:
            return None
        for part in header.split(";"):
            match = _PLURAL_RE.search(part.strip() + ";")
            if part.strip().startswith("plural") and match:
                return match["expr"]
        return None

    def get_catalog(self) -> dict:
        """msgid -> translation, or msgid -> [forms] for plurals (context keys use '\\x04')."""
        catalog: dict[str, Any] = {}
        plurals: dict[str, dict[int, str]] = {}
        for layer in getattr(self.translation, "_layers", []):
            for key, value in layer.catalog.items():
                if isinstance(key, tuple):
                    msgid, index = key
                    plurals.setdefault(msgid, {}).setdefault(index, value)
                elif key and key not in catalog:
                    catalog[key] = value
        for msgid, forms in plurals.items():
            catalog[msgid] = [forms.get(i, "") for i in range(max(forms) + 1)]
        return catalog

    def get_context_data(self, **kwargs: Any) -> dict:
        return {"catalog": self.get_catalog(), "formats": get_formats(), "plural": self.get_plural()}

    def render_to_response(self, context: dict, **response_kwargs: Any) -> HttpResponse:
        def to_js(value: Any) -> str:
            return json.dumps(value, sort_keys=True, indent=2, default=str)

        script = _JS_TEMPLATE % {
            "plural": context["plural"] or "(n != 1)",
            "catalog": to_js(context["catalog"]),
            "formats": to_js(context["formats"]),
        }
        return HttpResponse(script, content_type="text/javascript; charset=utf-8")


class JSONCatalog(JavaScriptCatalog):
    """The same catalog as JSON: ``{"catalog": ..., "formats": ..., "plural": ...}``."""

    def render_to_response(self, context: dict, **response_kwargs: Any) -> HttpResponse:
        return JsonResponse(context)
