"""Deployment security checks of settings and middleware (run by `check --deploy`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks.messages import Error, Warning
from django.core.checks.registry import Tags, register
from django.core.exceptions import ImproperlyConfigured

SECURITY_MIDDLEWARE = "django.middleware.security.SecurityMiddleware"
CLICKJACKING_MIDDLEWARE = "django.middleware.clickjacking.XFrameOptionsMiddleware"
REFERRER_POLICY_VALUES = {
    "no-referrer",
    "no-referrer-when-downgrade",
    "origin",
    "origin-when-cross-origin",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
    "unsafe-url",
}
CROSS_ORIGIN_OPENER_POLICY_VALUES = {"same-origin", "same-origin-allow-popups", "unsafe-none"}
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_UNIQUE_CHARACTERS = 5
SECRET_KEY_INSECURE_PREFIX = "django-insecure-"
SECRET_KEY_WARNING = (
    f"Your %s has less than {SECRET_KEY_MIN_LENGTH} characters, less than {SECRET_KEY_MIN_UNIQUE_CHARACTERS} unique characters, or it's prefixed "
    f"with '{SECRET_KEY_INSECURE_PREFIX}', indicating that it was generated automatically by Django. Please generate a long "
    "and random value, otherwise many of Django's security-critical features will be vulnerable to attack."
)

W001 = Warning(
    f"You do not have '{SECURITY_MIDDLEWARE}' in your MIDDLEWARE so the SECURE_HSTS_SECONDS, "
    "SECURE_CONTENT_TYPE_NOSNIFF, SECURE_REFERRER_POLICY, SECURE_CROSS_ORIGIN_OPENER_POLICY, "
    "and SECURE_SSL_REDIRECT settings will have no effect.",
    id="security.W001",
)
W002 = Warning(
    f"You do not have '{CLICKJACKING_MIDDLEWARE}' in your MIDDLEWARE, so your pages will not be served "
    "with an 'x-frame-options' header. Unless there is a good reason for your site to be served in a "
    "frame, you should consider enabling this header to help prevent clickjacking attacks.",
    id="security.W002",
)
W004 = Warning(
    "You have not set a value for the SECURE_HSTS_SECONDS setting. If your entire site is served only "
    "over SSL, you may want to consider setting a value and enabling HTTP Strict Transport Security. "
    "Be sure to read the documentation first; enabling HSTS carelessly can cause serious, irreversible problems.",
    id="security.W004",
)
W005 = Warning(
    "You have not set the SECURE_HSTS_INCLUDE_SUBDOMAINS setting to True. Without this, your site is "
    "potentially vulnerable to attack via an insecure connection to a subdomain. Only set this to True if "
    "you are certain that all subdomains of your domain should be served exclusively via SSL.",
    id="security.W005",
)
W006 = Warning(
    "Your SECURE_CONTENT_TYPE_NOSNIFF setting is not set to True, so your pages will not be served with "
    "an 'X-Content-Type-Options: nosniff' header. You should consider enabling this header to prevent the "
    "browser from identifying content types incorrectly.",
    id="security.W006",
)
W008 = Warning(
    "Your SECURE_SSL_REDIRECT setting is not set to True. Unless your site should be available over both "
    "SSL and non-SSL connections, you may want to either set this setting True or configure a load "
    "balancer or reverse-proxy server to redirect all connections to HTTPS.",
    id="security.W008",
)
W009 = Warning(SECRET_KEY_WARNING % "SECRET_KEY", id="security.W009")
W018 = Warning("You should not have DEBUG set to True in deployment.", id="security.W018")
W019 = Warning(
    f"You have '{CLICKJACKING_MIDDLEWARE}' in your MIDDLEWARE, but X_FRAME_OPTIONS is not set to 'DENY'. "
    "Unless there is a good reason for your site to serve other parts of itself in a frame, you should "
    "change it to 'DENY'.",
    id="security.W019",
)
W020 = Warning("ALLOWED_HOSTS must not be empty in deployment.", id="security.W020")
W021 = Warning(
    "You have not set the SECURE_HSTS_PRELOAD setting to True. Without this, your site cannot be submitted "
    "to the browser preload list.",
    id="security.W021",
)
W022 = Warning(
    "You have not set the SECURE_REFERRER_POLICY setting. Without this, your site will not send a "
    "Referrer-Policy header. You should consider enabling this header to protect user privacy.",
    id="security.W022",
)
E023 = Error(
    "You have set the SECURE_REFERRER_POLICY setting to an invalid value.",
    hint="Valid values are: {}.".format(", ".join(sorted(REFERRER_POLICY_VALUES))),
    id="security.E023",
)
E024 = Error(
    "You have set the SECURE_CROSS_ORIGIN_OPENER_POLICY setting to an invalid value.",
    hint="Valid values are: {}.".format(", ".join(sorted(CROSS_ORIGIN_OPENER_POLICY_VALUES))),
    id="security.E024",
)


def _middleware_installed(path: str) -> bool:
    return path in settings.MIDDLEWARE


def _security_middleware() -> bool:
    return _middleware_installed(SECURITY_MIDDLEWARE)


@register(Tags.security, deploy=True)
def check_security_middleware(app_configs: Any, **kwargs: Any) -> list[Warning]:
    return [] if _security_middleware() else [W001]


@register(Tags.security, deploy=True)
def check_xframe_options_middleware(app_configs: Any, **kwargs: Any) -> list[Warning]:
    return [] if _middleware_installed(CLICKJACKING_MIDDLEWARE) else [W002]


@register(Tags.security, deploy=True)
def check_sts(app_configs: Any, **kwargs: Any) -> list[Warning]:
    return [W004] if _security_middleware() and not settings.SECURE_HSTS_SECONDS else []


@register(Tags.security, deploy=True)
def check_sts_include_subdomains(app_configs: Any, **kwargs: Any) -> list[Warning]:
    failing = (
        _security_middleware()
        and settings.SECURE_HSTS_SECONDS
        and not settings.SECURE_HSTS_INCLUDE_SUBDOMAINS
    )
    return [W005] if failing else []


@register(Tags.security, deploy=True)
def check_sts_preload(app_configs: Any, **kwargs: Any) -> list[Warning]:
    failing = _security_middleware() and settings.SECURE_HSTS_SECONDS and not settings.SECURE_HSTS_PRELOAD
    return [W021] if failing else []


@register(Tags.security, deploy=True)
def check_content_type_nosniff(app_configs: Any, **kwargs: Any) -> list[Warning]:
    return [W006] if _security_middleware() and settings.SECURE_CONTENT_TYPE_NOSNIFF is not True else []


@register(Tags.security, deploy=True)
def check_ssl_redirect(app_configs: Any, **kwargs: Any) -> list[Warning]:
    return [W008] if _security_middleware() and settings.SECURE_SSL_REDIRECT is not True else []


def _is_weak_secret_key(key: Any) -> bool:
    return (
        not isinstance(key, str)
        or len(set(key)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
        or len(key) < SECRET_KEY_MIN_LENGTH
        or key.startswith(SECRET_KEY_INSECURE_PREFIX)
    )


@register(Tags.security, deploy=True)
def check_secret_key(app_configs: Any, **kwargs: Any) -> list[Warning]:
    try:
        key = settings.SECRET_KEY
    except (ImproperlyConfigured, AttributeError):
        return [W009]  # an empty SECRET_KEY is the weakest of all
    return [W009] if _is_weak_secret_key(key) else []


@register(Tags.security, deploy=True)
def check_secret_key_fallbacks(app_configs: Any, **kwargs: Any) -> list[Warning]:
    return [
        Warning(SECRET_KEY_WARNING % f"SECRET_KEY_FALLBACKS[{index}]", id="security.W025")
        for index, key in enumerate(settings.SECRET_KEY_FALLBACKS)
        if _is_weak_secret_key(key)
    ]


@register(Tags.security, deploy=True)
def check_debug(app_configs: Any, **kwargs: Any) -> list[Warning]:
    return [W018] if settings.DEBUG else []


@register(Tags.security, deploy=True)
def check_xframe_deny(app_configs: Any, **kwargs: Any) -> list[Warning]:
    failing = _middleware_installed(CLICKJACKING_MIDDLEWARE) and settings.X_FRAME_OPTIONS != "DENY"
    return [W019] if failing else []


@register(Tags.security, deploy=True)
def check_allowed_hosts(app_configs: Any, **kwargs: Any) -> list[Warning]:
    return [] if settings.ALLOWED_HOSTS else [W020]


@register(Tags.security, deploy=True)
def check_referrer_policy(app_configs: Any, **kwargs: Any) -> list[Warning | Error]:
    if not _security_middleware():
        return []
    policy = settings.SECURE_REFERRER_POLICY
    if policy is None:
        return [W022]
    values = {value.strip() for value in policy.split(",")} if isinstance(policy, str) else set(policy)
    return [] if values <= REFERRER_POLICY_VALUES else [E023]


@register(Tags.security, deploy=True)
def check_cross_origin_opener_policy(app_configs: Any, **kwargs: Any) -> list[Error]:
    policy = settings.SECURE_CROSS_ORIGIN_OPENER_POLICY
    if _security_middleware() and policy is not None and policy not in CROSS_ORIGIN_OPENER_POLICY_VALUES:
        return [E024]
    return []
