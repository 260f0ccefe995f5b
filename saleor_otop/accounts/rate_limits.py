"""Rate limits on the account mutations that take a guess: tokenCreate, requestPasswordReset
and accountRegister, per account (the e-mail address given) and per client address.

A GraphQL middleware counts every call of these root fields, so each operation of a batched
POST and each alias counts once; the counters are django-ratelimit's, in Django's cache. A
call past a limit is answered with a `RateLimitExceeded` GraphQL error, and the whole HTTP
response gets status 429 with Retry-After (RateLimitStatusMiddleware).
"""
import ipaddress
from typing import Optional

from django.conf import settings
from django_ratelimit.core import get_usage
from graphql.error import GraphQLError

# Root mutation field -> (settings.OTOP_RATE_LIMITS key, where its e-mail argument is)
LIMITED_FIELDS = {
    "tokenCreate": ("token_create", ("email",)),
    "requestPasswordReset": ("password_reset", ("email",)),
    "accountRegister": ("account_register", ("input", "email")),
}
REQUEST_FLAG = "otop_retry_after"


class RateLimitExceeded(GraphQLError):
    """Too many attempts from this address or at this account."""


def client_address(request) -> str:
    """The client's IP: REMOTE_ADDR, or the last (proxy-appended, so trustworthy) address of
    the header Saleor's REAL_IP_ENVIRON names."""
    raw = request.META.get(settings.REAL_IP_ENVIRON) or request.META.get("REMOTE_ADDR") or ""
    for candidate in reversed([part.strip() for part in raw.split(",")]):
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return "unknown"


def _email_argument(kwargs: dict, path: tuple) -> str:
    value = kwargs
    for name in path:
        value = value.get(name) if isinstance(value, dict) else None
    return value.strip().lower() if isinstance(value, str) else ""


def _seconds_left(request, *, group: str, value: str, rate: str) -> Optional[int]:
    """Count one attempt; the seconds until the window ends when it is over the limit."""
    usage = get_usage(request, group=group, key=lambda _group, _request: value, rate=rate, increment=True)
    if usage is None or not usage["should_limit"]:
        return None
    return max(int(usage["time_left"]), 1)


def rate_limit_check(*, request, field_name: str, kwargs: dict) -> None:
    """Raise RateLimitExceeded when this call of a limited mutation is one too many."""
    name, email_path = LIMITED_FIELDS[field_name]
    per_account, per_address = settings.OTOP_RATE_LIMITS[name]
    waits = [_seconds_left(request, group=f"otop-{name}-address", value=client_address(request), rate=per_address)]
    email = _email_argument(kwargs, email_path)
    if email:
        waits.append(_seconds_left(request, group=f"otop-{name}-account", value=email, rate=per_account))
    waits = [wait for wait in waits if wait is not None]
    if waits:
        retry_after = max(waits)
        setattr(request, REQUEST_FLAG, max(retry_after, getattr(request, REQUEST_FLAG, 0)))
        raise RateLimitExceeded(f"Too many attempts: try again in {retry_after} seconds.")


class AccountRateLimitMiddleware:
    """Graphene middleware (settings.GRAPHENE["MIDDLEWARE"])."""

    def resolve(self, next_, root, info, **kwargs):
        if info.field_name in LIMITED_FIELDS and info.parent_type is info.schema.get_mutation_type():
            rate_limit_check(request=info.context, field_name=info.field_name, kwargs=kwargs)
        return next_(root, info, **kwargs)


class RateLimitStatusMiddleware:
    """Django middleware: a response to a request that hit a limit gets 429 and Retry-After."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        retry_after = getattr(request, REQUEST_FLAG, None)
        if retry_after:
            response.status_code = 429
            response["Retry-After"] = str(retry_after)
        return response
