"""Translation tags: translate/trans, blocktranslate/blocktrans, language info tags and filters."""

from __future__ import annotations

from typing import Any

from django.template import Library, Node, TemplateSyntaxError, Variable
from django.template.base import TokenType, render_value_in_context, token_kwargs
from django.template.nodes import READS, WRITES
from django.utils.safestring import SafeData, SafeString, mark_safe

register = Library()


class _AsVarNode(Node):
    child_nodelists = ()
    variable: str = ""

    @property
    def context_effect(self) -> int:  # type: ignore[override]
        return WRITES


class GetAvailableLanguagesNode(_AsVarNode):
    def __init__(self, variable: str) -> None:
        self.variable = variable

    def render(self, context: Any) -> str:
        from django.conf import settings
        from django.utils.translation import gettext

        context[self.variable] = [(k, gettext(v)) for k, v in settings.LANGUAGES]
        return ""


class GetLanguageInfoNode(_AsVarNode):
    def __init__(self, lang_code: Any, variable: str) -> None:
        self.lang_code = lang_code
        self.variable = variable

    def render(self, context: Any) -> str:
        from django.utils import translation

        context[self.variable] = translation.get_language_info(self.lang_code.resolve(context))
        return ""


class GetLanguageInfoListNode(_AsVarNode):
    def __init__(self, languages: Any, variable: str) -> None:
        self.languages = languages
        self.variable = variable

    def get_language_info(self, language: Any) -> dict:
        from django.utils import translation

        if len(language[0]) > 1 and not isinstance(language, str):
            return translation.get_language_info(language[0])
        return translation.get_language_info(str(language))

    def render(self, context: Any) -> str:
        langs = self.languages.resolve(context)
        context[self.variable] = [self.get_language_info(lang) for lang in langs]
        return ""


class GetCurrentLanguageNode(_AsVarNode):
    def __init__(self, variable: str) -> None:
        self.variable = variable

    def render(self, context: Any) -> str:
        from django.utils import translation

        context[self.variable] = translation.get_language()
        return ""


class GetCurrentLanguageBidiNode(_AsVarNode):
    def __init__(self, variable: str) -> None:
        self.variable = variable

    def render(self, context: Any) -> str:
        from django.utils import translation

        context[self.variable] = translation.get_language_bidi()
        return ""


class TranslateNode(Node):
    child_nodelists = ()

    def __init__(
        self, filter_expression: Any, noop: bool, asvar: str | None = None, message_context: Any = None
    ) -> None:
        self.noop = noop
        self.asvar = asvar
        self.message_context = message_context
        self.filter_expression = filter_expression
        if isinstance(self.filter_expression.var, str):
            self.filter_expression.is_var = True
            self.filter_expression.var = Variable("'%s'" % self.filter_expression.var.replace("'", "\\'"))

    @property
    def context_effect(self) -> int:  # type: ignore[override]
        return WRITES if self.asvar else READS

    def render(self, context: Any) -> str:
        self.filter_expression.var.translate = not self.noop
        if self.message_context:
            self.filter_expression.var.message_context = self.message_context.resolve(context)
        output = self.filter_expression.resolve(context)
        value = render_value_in_context(output, context)
        # Message ids double "%" (see translate_literal); the output has single ones. Escaped
        # or literal text stays safe through the replacement.
        is_safe = isinstance(value, SafeData)
        value = value.replace("%%", "%")
        if is_safe:
            value = mark_safe(value)
        if self.asvar:
            context[self.asvar] = value
            return ""
        return value


class BlockTranslateNode(Node):
    child_nodelists = ()

    def __init__(
        self,
        extra_context: dict,
        singular: list,
        plural: list | None = None,
        countervar: str | None = None,
        counter: Any = None,
        message_context: Any = None,
        trimmed: bool = False,
        asvar: str | None = None,
        tag_name: str = "blocktranslate",
    ) -> None:
        self.extra_context = extra_context
        self.singular = singular
        self.plural = plural
        self.countervar = countervar
        self.counter = counter
        self.message_context = message_context
        self.trimmed = trimmed
        self.asvar = asvar
        self.tag_name = tag_name

    @property
    def context_effect(self) -> int:  # type: ignore[override]
        return WRITES if self.asvar else READS

    def render_token_list(self, tokens: list) -> tuple[str, list[str]]:
        result = []
        variables = []
        for token in tokens:
            if token.token_type is TokenType.TEXT:
                result.append(token.contents.replace("%", "%%"))
            elif token.token_type is TokenType.VAR:
                result.append("%%(%s)s" % token.contents)
                variables.append(token.contents)
        msg = "".join(result)
        if self.trimmed:
            from django.utils.translation import trim_whitespace

            msg = trim_whitespace(msg)
        return msg, variables

    def render(self, context: Any, nested: bool = False) -> str:
        from django.utils import translation

        message_context = self.message_context.resolve(context) if self.message_context else None
        tmp_context = {var: val.resolve(context) for var, val in self.extra_context.items()}
        context.update(tmp_context)
        try:
            singular, variables = self.render_token_list(self.singular)
            if self.plural and self.countervar and self.counter:
                count = self.counter.resolve(context)
                if not isinstance(count, (int, float)):
                    raise TemplateSyntaxError(
                        "%r argument to %r tag must be a number." % (self.countervar, self.tag_name)
                    )
                context[self.countervar] = count
                plural, plural_vars = self.render_token_list(self.plural)
                if message_context:
                    result = translation.npgettext(message_context, singular, plural, count)
                else:
                    result = translation.ngettext(singular, plural, count)
                variables.extend(plural_vars)
            else:
                if message_context:
                    result = translation.pgettext(message_context, singular)
                else:
                    result = translation.gettext(singular)
            default_value = context.template.engine.string_if_invalid if context.template else ""

            def render_value(key: str) -> str:
                if key in context:
                    val = context[key]
                else:
                    val = default_value % key if "%s" in default_value else default_value
                return render_value_in_context(val, context)

            data = {v: render_value(v) for v in variables}
        finally:
            context.pop()
        try:
            result %= data
        except (KeyError, ValueError):
            if nested:
                raise TemplateSyntaxError(
                    "%r is unable to format string returned by gettext: %r using %r"
                    % (self.tag_name, result, data)
                )
            with translation.override(None):
                result = self.render(context, nested=True)
        if self.asvar:
            context[self.asvar] = SafeString(result)
            return ""
        return result


class LanguageNode(Node):
    context_effect = READS

    def __init__(self, nodelist: Any, language: Any) -> None:
        self.nodelist = nodelist
        self.language = language

    def render(self, context: Any) -> str:
        from django.utils import translation

        with translation.override(self.language.resolve(context)):
            return self.nodelist.render(context)


def _as_variable(token: Any, name: str) -> str:
    args = token.contents.split()
    if len(args) != 3 or args[1] != "as":
        raise TemplateSyntaxError("'%s' requires 'as variable' (got %r)" % (name, args))
    return args[2]


@register.tag("get_available_languages")
def do_get_available_languages(parser: Any, token: Any) -> Node:
    return GetAvailableLanguagesNode(_as_variable(token, "get_available_languages"))


@register.tag("get_language_info")
def do_get_language_info(parser: Any, token: Any) -> Node:
    args = token.split_contents()
    if len(args) != 5 or args[1] != "for" or args[3] != "as":
        raise TemplateSyntaxError("'%s' requires 'for string as variable' (got %r)" % (args[0], args[1:]))
    return GetLanguageInfoNode(parser.compile_filter(args[2]), args[4])


@register.tag("get_language_info_list")
def do_get_language_info_list(parser: Any, token: Any) -> Node:
    args = token.split_contents()
    if len(args) != 5 or args[1] != "for" or args[3] != "as":
        raise TemplateSyntaxError("'%s' requires 'for sequence as variable' (got %r)" % (args[0], args[1:]))
    return GetLanguageInfoListNode(parser.compile_filter(args[2]), args[4])


@register.filter
def language_name(lang_code: str) -> str:
    from django.utils import translation

    return translation.get_language_info(lang_code)["name"]


@register.filter
def language_name_translated(lang_code: str) -> str:
    from django.utils import translation

    return translation.gettext(translation.get_language_info(lang_code)["name"])


@register.filter
def language_name_local(lang_code: str) -> str:
    from django.utils import translation

    return translation.get_language_info(lang_code)["name_local"]


@register.filter
def language_bidi(lang_code: str) -> bool:
    from django.utils import translation

    return translation.get_language_info(lang_code)["bidi"]


@register.tag("get_current_language")
def do_get_current_language(parser: Any, token: Any) -> Node:
    return GetCurrentLanguageNode(_as_variable(token, "get_current_language"))


@register.tag("get_current_language_bidi")
def do_get_current_language_bidi(parser: Any, token: Any) -> Node:
    return GetCurrentLanguageBidiNode(_as_variable(token, "get_current_language_bidi"))


@register.tag("translate")
@register.tag("trans")
def do_translate(parser: Any, token: Any) -> Node:
    bits = token.split_contents()
    if len(bits) < 2:
        raise TemplateSyntaxError("'%s' takes at least one argument" % bits[0])
    message_string = parser.compile_filter(bits[1])
    remaining = bits[2:]
    noop = False
    asvar = None
    message_context = None
    seen: set[str] = set()
    invalid_context = {"as", "noop"}
    while remaining:
        option = remaining.pop(0)
        if option in seen:
            raise TemplateSyntaxError("The '%s' option was specified more than once." % option)
        if option == "noop":
            noop = True
        elif option == "context":
            try:
                value = remaining.pop(0)
            except IndexError:
                raise TemplateSyntaxError(
                    "No argument provided to the '%s' tag for the context option." % bits[0]
                )
            if value in invalid_context:
                raise TemplateSyntaxError(
                    "Invalid argument '%s' provided to the '%s' tag for the context option" % (value, bits[0])
                )
            message_context = parser.compile_filter(value)
        elif option == "as":
            try:
                asvar = remaining.pop(0)
            except IndexError:
                raise TemplateSyntaxError("No argument provided to the '%s' tag for the as option." % bits[0])
        else:
            raise TemplateSyntaxError(
                "Unknown argument for '%s' tag: '%s'. The only options available are 'noop', 'context' \"xxx\", and 'as VAR'."
                % (bits[0], option)
            )
        seen.add(option)
    return TranslateNode(message_string, noop, asvar, message_context)


@register.tag("blocktranslate")
@register.tag("blocktrans")
def do_block_translate(parser: Any, token: Any) -> Node:
    bits = token.split_contents()
    options: dict[str, Any] = {}
    remaining = bits[1:]
    asvar = None
    while remaining:
        option = remaining.pop(0)
        if option in options:
            raise TemplateSyntaxError("The %r option was specified more than once." % option)
        if option == "with":
            value: Any = token_kwargs(remaining, parser, support_legacy=True)
            if not value:
                raise TemplateSyntaxError('"with" in %r tag needs at least one keyword argument.' % bits[0])
        elif option == "count":
            value = token_kwargs(remaining, parser, support_legacy=True)
            if len(value) != 1:
                raise TemplateSyntaxError(
                    '"count" in %r tag expected exactly one keyword argument.' % bits[0]
                )
        elif option == "context":
            try:
                value = parser.compile_filter(remaining.pop(0))
            except IndexError:
                raise TemplateSyntaxError('"context" in %r tag expected exactly one argument.' % bits[0])
        elif option == "trimmed":
            value = True
        elif option == "asvar":
            try:
                value = remaining.pop(0)
            except IndexError:
                raise TemplateSyntaxError(
                    "No argument provided to the '%s' tag for the asvar option." % bits[0]
                )
            asvar = value
        else:
            raise TemplateSyntaxError("Unknown argument for %r tag: %r." % (bits[0], option))
        options[option] = value
    if "count" in options:
        countervar, counter = next(iter(options["count"].items()))
    else:
        countervar, counter = None, None
    message_context = options.get("context")
    extra_context = options.get("with", {})
    trimmed = options.get("trimmed", False)
    singular = []
    plural = []
    end_tag = "end%s" % bits[0]
    while parser.tokens:
        token = parser.next_token()
        if token.token_type in (TokenType.VAR, TokenType.TEXT):
            singular.append(token)
        else:
            break
    if countervar and counter:
        if token.contents.strip() != "plural":
            raise TemplateSyntaxError("%r doesn't allow other block tags inside it" % bits[0])
        while parser.tokens:
            token = parser.next_token()
            if token.token_type in (TokenType.VAR, TokenType.TEXT):
                plural.append(token)
            else:
                break
    if token.contents.strip() != end_tag:
        raise TemplateSyntaxError(
            "%r doesn't allow other block tags (seen %r) inside it" % (bits[0], token.contents)
        )
    for tok in singular + plural:
        if tok.token_type is TokenType.VAR and not tok.contents.isidentifier():
            raise TemplateSyntaxError(
                "%r only allows simple variables ({{ name }}), not %r." % (bits[0], tok.contents)
            )
    return BlockTranslateNode(
        extra_context,
        singular,
        plural,
        countervar,
        counter,
        message_context,
        trimmed=trimmed,
        asvar=asvar,
        tag_name=bits[0],
    )


@register.tag
def language(parser: Any, token: Any) -> Node:
    bits = token.split_contents()
    if len(bits) != 2:
        raise TemplateSyntaxError("'%s' takes one argument (language)" % bits[0])
    language = parser.compile_filter(bits[1])
    nodelist = parser.parse(("endlanguage",))
    parser.delete_first_token()
    return LanguageNode(nodelist, language)
