"""Typed readers for the environment variables the host is configured with.

Each reader raises `EnvironmentSettingError` naming the variable, so a bad
deployment stops at start-up with one line instead of failing later.
"""
import os
from urllib.parse import urlparse

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


class EnvironmentSettingError(ImproperlyConfigured):
    def __init__(self, name: str, problem: str):
        self.name = name
        super().__init__(f"{name}: {problem}")


def boolean(name: str, *, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise EnvironmentSettingError(name, f"expected true or false, got {raw!r}")


def string(name: str, *, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def string_list(name: str, *, default: list) -> list:
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def positive_int(name: str, *, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise EnvironmentSettingError(name, f"expected a whole number, got {raw!r}")
    if value <= 0:
        raise EnvironmentSettingError(name, f"expected a number above 0, got {raw!r}")
    return value


def url(name: str, *, schemes: set, default: str = "") -> str:
    return _checked_url(name, os.environ.get(name, default).strip(), schemes=schemes)


def _checked_url(name: str, raw: str, *, schemes: set, number: int = 0) -> str:
    if not raw:
        return ""
    parsed = urlparse(raw)
    if parsed.scheme not in schemes:
        allowed = ", ".join(sorted(schemes))
        raise EnvironmentSettingError(
            name, f"expected {f'URL {number}' if number else 'a URL'} starting with one of {allowed}, got {parsed.scheme or raw!r}"
        )
    if not (parsed.hostname or parsed.path.strip("/") or parsed.query):
        raise EnvironmentSettingError(name, f"{f'URL {number}' if number else 'the URL'} {raw!r} names no host")
    return raw


def url_list(name: str, *, schemes: set) -> list:
    """Comma-separated URLs, each checked as `url` checks one."""
    raw = os.environ.get(name, "").strip()
    urls = [item.strip() for item in raw.split(",")] if raw else []
    for number, item in enumerate(urls, start=1):
        if not item:
            raise EnvironmentSettingError(name, f"URL {number} is empty (a stray comma?)")
        _checked_url(name, item, schemes=schemes, number=number)
    return urls


def secret_key(*, debug: bool) -> str:
    raw = os.environ.get("SECRET_KEY", "")
    if raw:
        if len(raw) < 32:
            raise EnvironmentSettingError("SECRET_KEY", "must be at least 32 characters long")
        return raw
    if debug:
        from django.core.management.utils import get_random_secret_key

        return get_random_secret_key()
    raise EnvironmentSettingError("SECRET_KEY", "is required when DEBUG is off")


def stripe_keys() -> tuple:
    """STRIPE_PUBLIC_KEY and STRIPE_SECRET_KEY: both or neither, each of its kind."""
    public_key, secret_key = string("STRIPE_PUBLIC_KEY"), string("STRIPE_SECRET_KEY")
    if public_key and not public_key.startswith("pk_"):
        raise EnvironmentSettingError("STRIPE_PUBLIC_KEY", "expected a publishable key starting with pk_")
    if secret_key and not secret_key.startswith(("sk_", "rk_")):
        raise EnvironmentSettingError("STRIPE_SECRET_KEY", "expected a secret key starting with sk_ or rk_")
    if public_key and not secret_key:
        raise EnvironmentSettingError("STRIPE_SECRET_KEY", "is required when STRIPE_PUBLIC_KEY is set")
    if secret_key and not public_key:
        raise EnvironmentSettingError("STRIPE_PUBLIC_KEY", "is required when STRIPE_SECRET_KEY is set")
    return public_key, secret_key


# Variables saleor.settings reads itself, with parsers that fail with a traceback
# (ast.literal_eval for booleans, int(), URL parsers raising KeyError).
SALEOR_BOOLEANS = (
    "ENABLE_ACCOUNT_CONFIRMATION_BY_EMAIL", "ENABLE_SSL", "ENABLE_DEBUG_TOOLBAR", "PLAYGROUND_ENABLED",
    "AWS_QUERYSTRING_AUTH", "GS_AUTO_CREATE_BUCKET", "CREATE_IMAGES_ON_DEMAND", "JWT_VERIFY_EXPIRATION",
    "JAEGER_LOGGING",
)
SALEOR_POSITIVE_INTS = ("MAX_CHECKOUT_LINE_QUANTITY", "JAEGER_AGENT_PORT")


def check_saleor_variables() -> None:
    """Check the variables saleor.settings parses, before it does.

    Booleans are rewritten as "True"/"False", the only spelling Saleor's parser
    accepts, so "yes" or "1" mean the same to Saleor as to us.
    """
    for name in SALEOR_BOOLEANS:
        if name in os.environ:
            os.environ[name] = str(boolean(name, default=False))
    for name in SALEOR_POSITIVE_INTS:
        if name in os.environ:
            positive_int(name, default=1)
    _check_parses("DATABASE_URL", "dj_database_url", "parse")
    email_url = os.environ.get("EMAIL_URL", "").strip()
    if email_url:
        import dj_email_url

        scheme = urlparse(email_url).scheme
        if scheme not in dj_email_url.SCHEMES:
            allowed = ", ".join(sorted(dj_email_url.SCHEMES))
            raise EnvironmentSettingError(
                "EMAIL_URL", f"expected a URL starting with one of {allowed}, got {scheme or email_url!r}"
            )
    _check_parses("CACHE_URL", "django_cache_url", "parse")
    _check_parses("REDIS_URL", "django_cache_url", "parse")
    _check_parses("SENTRY_DSN", "sentry_sdk.utils", "Dsn")


def _check_parses(name: str, module: str, parser: str) -> None:
    import importlib

    raw = os.environ.get(name, "").strip()
    if not raw:
        return
    try:
        getattr(importlib.import_module(module), parser)(raw)
    except Exception as error:  # noqa: BLE001 - each parser fails its own way: KeyError, ValueError, BadDsn
        raise EnvironmentSettingError(name, f"cannot be read as a URL ({type(error).__name__}: {error})")


RATE_PATTERN = r"^[1-9][0-9]*/[0-9]*[smhd]$"


def rate_limit(name: str, *, default: str) -> tuple:
    """`PER_ACCOUNT,PER_ADDRESS` in django-ratelimit's notation, e.g. `10/15m,60/15m`."""
    import re

    raw = os.environ.get(name, default).strip()
    parts = [part.strip() for part in raw.split(",")]
    if len(parts) != 2 or not all(re.match(RATE_PATTERN, part) for part in parts):
        raise EnvironmentSettingError(
            name, f"expected two rates PER_ACCOUNT,PER_ADDRESS such as 10/15m,60/15m, got {raw!r}"
        )
    return parts[0], parts[1]


def private_root(name: str, *, default: str, public_roots: dict) -> str:
    """A folder for private files, which must not lie inside a folder served to the public."""
    root = os.path.abspath(os.environ.get(name, default).strip() or default)
    for public_name, public_root in public_roots.items():
        public = os.path.abspath(public_root)
        if os.path.commonpath([root, public]) in (root, public):
            raise EnvironmentSettingError(name, f"{root} overlaps {public_name} ({public}), which is served to the public")
    return root


def check_production(*, debug: bool) -> None:
    """What a production start (OTOP_PRODUCTION) refuses, each with one line."""
    if debug:
        raise EnvironmentSettingError("DEBUG", "must be off in production (OTOP_PRODUCTION)")
    if not string("DATABASE_URL"):
        raise EnvironmentSettingError(
            "DATABASE_URL", "is required in production: the embedded PostgreSQL is for the demo and tests only"
        )
    if not string("CELERY_BROKER_URL"):
        raise EnvironmentSettingError(
            "CELERY_BROKER_URL", "is required in production: without a broker tasks would run in-process, inside requests"
        )
    if boolean("CREATE_IMAGES_ON_DEMAND", default=False):
        raise EnvironmentSettingError(
            "CREATE_IMAGES_ON_DEMAND", "must be off in production: thumbnails are made by the workers, not in requests"
        )
