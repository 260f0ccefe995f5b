"""JWT handlers (settings.GRAPHQL_JWT) that tie a token to the password it was issued under.

Saleor's User model cannot gain a column, so the token version is derived: an HMAC of the
user's stored password hash. Every way of changing a password (passwordChange, setPassword,
the admin, `set_password` anywhere) writes a new salted hash, so every token issued before it,
refresh included, stops matching. Deactivated accounts are refused by django-graphql-jwt itself
("User is disabled") on every request.
"""
import hashlib
import hmac
from contextvars import ContextVar

from django.conf import settings
from django.contrib.auth import get_user_model
from graphql_jwt import utils as jwt_utils
from graphql_jwt.exceptions import JSONWebTokenError
from saleor.graphql.utils import create_jwt_payload

TOKEN_VERSION_CLAIM = "otopTokenVersion"
REVOKED_MESSAGE = "The token is no longer valid: sign in again."


def token_version(*, user) -> str:
    message = f"otop-token-version:{user.pk}:{user.password}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:32]


def jwt_payload(user, context=None) -> dict:
    """Saleor's payload plus the token version."""
    payload = create_jwt_payload(user, context)
    payload[TOKEN_VERSION_CLAIM] = token_version(user=user)
    return payload


# The account row jwt_decode read, for django-graphql-jwt's own lookup of the same account,
# which follows it in the same thread (authentication, tokenRefresh): one query, not two.
_checked_user: ContextVar = ContextVar("otop_checked_user", default=None)


def jwt_decode(token, context=None) -> dict:
    """django-graphql-jwt's decoding, then the version check: it runs for every use of a token
    (authentication, tokenRefresh, tokenVerify), on the whole account row, which
    user_by_natural_key then hands on instead of reading it again."""
    payload = jwt_utils.jwt_decode(token, context)
    User = get_user_model()
    username = payload.get(User.USERNAME_FIELD)
    user = User.objects.filter(**{User.USERNAME_FIELD: username}).first() if username else None
    _checked_user.set(user)
    if user is None:
        return payload  # django-graphql-jwt answers an unknown user as anonymous
    claimed = payload.get(TOKEN_VERSION_CLAIM)
    if not isinstance(claimed, str) or not hmac.compare_digest(claimed, token_version(user=user)):
        _checked_user.set(None)
        raise JSONWebTokenError(REVOKED_MESSAGE)
    return payload


def user_by_natural_key(username):
    """django-graphql-jwt's JWT_GET_USER_BY_NATURAL_KEY_HANDLER: the row the version was just
    checked on when it is this account's, else a lookup as django-graphql-jwt's own."""
    user = _checked_user.get()
    _checked_user.set(None)
    if user is not None and getattr(user, user.USERNAME_FIELD) == username:
        return user
    return jwt_utils.get_user_by_natural_key(username)
