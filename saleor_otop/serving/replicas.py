"""Read replicas (DATABASE_REPLICA_URLS): the storefront's reads go to a replica, everything else
to the primary ("default").

A request may read from a replica only while it is marked so: an anonymous GET of a browsing
page (`REPLICA_PAGES`) or an anonymous GraphQL query (not a mutation, `reads_from_replica`),
without the sticky cookie. Even then the primary answers every write, every read inside a
transaction, every read after the request wrote (read-your-writes) and the session rows. A
response to a request that wrote sets the sticky cookie: the same client reads from the primary
for `DATABASE_REPLICA_STICKY_SECONDS`, longer than a replica lags, so it sees its own cart,
review or sign-up. Checkout, cart, account, staff, producer and payment pages are not in
`REPLICA_PAGES` and never read from a replica.
"""
import contextlib
import contextvars
import logging
import random
import time

from django.conf import settings
from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)

PRIMARY = "default"
STICKY_COOKIE = "otop_primary_until"
# The storefront's browsing pages (web/storefront/urls.py): catalogue reads only.
REPLICA_PAGES = frozenset({"home", "catalogue", "product", "region", "province", "collection", "shops", "shop"})
# Rows written by nearly every request and read back at once: never from a replica.
PRIMARY_ONLY_APPS = frozenset({"sessions"})
WRITE_STATEMENTS = ("INSERT", "UPDATE", "DELETE", "MERGE")
# A replica that could not be reached is left out for this many seconds (its reads go to the primary).
UNREACHABLE_SECONDS = 30

_request = contextvars.ContextVar("otop_replica_request", default=None)
_unreachable_until = {}


class RequestReads:
    """What one request may read from a replica."""

    __slots__ = ("replica", "allowed", "wrote")

    def __init__(self, replica: str):
        self.replica = replica
        self.allowed = False
        self.wrote = False


def replica_aliases() -> list:
    return list(getattr(settings, "DATABASE_REPLICAS", ()))


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        state = _request.get()
        if state is None or not state.allowed or state.wrote or not state.replica:
            return PRIMARY
        if model._meta.app_label in PRIMARY_ONLY_APPS or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return state.replica

    def db_for_write(self, model, **hints):
        state = _request.get()
        if state is not None:
            state.wrote = True
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # every alias holds the same rows

    def allow_migrate(self, db, app_label, **hints):
        return db == PRIMARY


def _note_writes(execute, sql, params, many, context):
    # Raw SQL on the primary (no router involved) counts as a write too.
    if sql.lstrip()[:6].upper() in WRITE_STATEMENTS:
        state = _request.get()
        if state is not None:
            state.wrote = True
    return execute(sql, params, many, context)


def _sticky(request) -> bool:
    try:
        return float(request.COOKIES.get(STICKY_COOKIE, "0")) > time.time()
    except ValueError:
        return False


def _anonymous(request) -> bool:
    if request.META.get("HTTP_AUTHORIZATION"):
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def _reachable_replica() -> str:
    """A replica for this request, chosen at random among those not found unreachable lately."""
    now = time.monotonic()
    candidates = [alias for alias in replica_aliases() if _unreachable_until.get(alias, 0) <= now]
    if not candidates:
        return ""
    alias = random.choice(candidates)
    try:
        connections[alias].ensure_connection()
    except DatabaseError as error:
        logger.warning("replica %s unreachable, reading from the primary: %s", alias, error)
        _unreachable_until[alias] = now + UNREACHABLE_SECONDS
        return ""
    return alias


def _may_read_from_replica(request) -> bool:
    return request.method in ("GET", "HEAD", "POST") and not _sticky(request) and _anonymous(request)


@contextlib.contextmanager
def reads_from_replica(request):
    """Within: this request's reads may go to a replica (the GraphQL view, around a query)."""
    state = _request.get()
    if state is None or not _may_read_from_replica(request):
        yield
        return
    if state.replica is None:
        state.replica = _reachable_replica()
    state.allowed = True
    try:
        yield
    finally:
        state.allowed = False


class ReplicaReadsMiddleware:
    """Last of the middleware: marks the request (browsing pages here, GraphQL queries in the
    view), notes its writes, and sets the sticky cookie after one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        state = RequestReads(replica=None)
        token = _request.set(state)
        try:
            with connections[PRIMARY].execute_wrapper(_note_writes):
                response = self.get_response(request)
        finally:
            _request.reset(token)
        if state.wrote:
            seconds = settings.DATABASE_REPLICA_STICKY_SECONDS
            response.set_cookie(
                STICKY_COOKIE, f"{time.time() + seconds:.0f}", max_age=seconds, httponly=True,
                samesite="Lax", secure=settings.SESSION_COOKIE_SECURE,
            )
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        state = _request.get()
        match = request.resolver_match
        if (
            state is not None and request.method in ("GET", "HEAD") and match is not None
            and match.namespace == "storefront" and match.url_name in REPLICA_PAGES
            and _may_read_from_replica(request)
        ):
            state.replica = _reachable_replica()
            state.allowed = True
        return None
