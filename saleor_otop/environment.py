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
    raw = os.environ.get(name, default).strip()
    if not raw:
        return ""
    parsed = urlparse(raw)
    if parsed.scheme not in schemes:
        allowed = ", ".join(sorted(schemes))
        raise EnvironmentSettingError(
            name, f"expected a URL starting with one of {allowed}, got {parsed.scheme or raw!r}"
        )
    if not (parsed.hostname or parsed.path.strip("/") or parsed.query):
        raise EnvironmentSettingError(name, f"the URL {raw!r} names no host")
    return raw


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
