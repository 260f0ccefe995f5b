"""How the market's GraphQL view executes a document: less machinery per field.

Saleor 2.10's view (graphql-core 2) parses and validates every request's document anew, runs
every graphene middleware for every field of the answer (5 of them: 50 products of 20 fields
make 1,000 fields, 5,000 middleware calls), and wraps each field's value in a Promise on the
way (`MiddlewareManager(wrap_in_promise=True)`), even where the value is plain. Here:

- `CachedDocumentBackend`: a document is parsed and validated once per process and kept (least
  recently used first out, `DOCUMENT_CACHE_SIZE`); an invalid one is never kept;
- `request_middleware`: the middleware chain runs whole on root fields only. The middleware
  there does its work once per request (JWT and app authentication put the user and app on the
  request, the rate limits and read-only mode look at root mutations only); a nested field meets
  only the middleware that checks its own arguments (`NESTED_FIELD_MIDDLEWARE`: the global id
  check), and no middleware result is wrapped in a Promise.
"""
from collections import OrderedDict
from functools import partial
from threading import Lock

from graphql.backend.base import GraphQLDocument
from graphql.backend.core import GraphQLCoreBackend, execute_and_validate
from graphql.execution import execute
from graphql.execution.middleware import MiddlewareManager, get_middleware_resolvers
from graphql.language.base import parse
from graphql.validation import validate

DOCUMENT_CACHE_SIZE = 500


class CachedDocumentBackend(GraphQLCoreBackend):
    """Parse and validate a query string once per schema; execute without validating again."""

    def __init__(self, *, size: int = DOCUMENT_CACHE_SIZE):
        super().__init__()
        self.size = size
        self._documents: OrderedDict = OrderedDict()
        self._lock = Lock()

    def document_from_string(self, schema, document_string):
        if not isinstance(document_string, str):
            return super().document_from_string(schema, document_string)
        key = (id(schema), document_string)
        with self._lock:
            document = self._documents.get(key)
            if document is not None:
                self._documents.move_to_end(key)
                return document
        document_ast = parse(document_string)
        try:
            valid = not validate(schema, document_ast)
        except RecursionError:
            valid = False  # graphql-core's own path reports it (a fragment cycle)
        if not valid:
            # Saleor's path: validated again as it runs, which reports the errors; never kept.
            return GraphQLDocument(
                schema=schema,
                document_string=document_string,
                document_ast=document_ast,
                execute=partial(execute_and_validate, schema, document_ast, **self.execute_params),
            )
        document = GraphQLDocument(
            schema=schema,
            document_string=document_string,
            document_ast=document_ast,
            execute=partial(execute, schema, document_ast, **self.execute_params),
        )
        with self._lock:
            self._documents[key] = document
            while len(self._documents) > self.size:
                self._documents.popitem(last=False)
        return document


document_backend = CachedDocumentBackend()


def _nested(middleware) -> bool:
    return getattr(middleware, "checks_nested_fields", False)


class RequestMiddleware:
    """The configured middleware, whole on root fields, reduced on nested ones (module docstring)."""

    def __init__(self, middlewares):
        middlewares = list(middlewares)
        self.root_resolvers = list(get_middleware_resolvers(middlewares))
        self.nested_resolvers = list(get_middleware_resolvers([m for m in middlewares if _nested(m)]))

    def resolve(self, next_, root, info, **kwargs):
        resolvers = self.root_resolvers if len(info.path) == 1 else self.nested_resolvers
        resolve = next_
        for middleware_resolver in resolvers:
            resolve = partial(middleware_resolver, resolve)
        return resolve(root, info, **kwargs)


def request_middleware(middlewares) -> MiddlewareManager | None:
    """A MiddlewareManager for one request's execution, from instantiated middleware."""
    if not middlewares:
        return None
    if isinstance(middlewares, MiddlewareManager):
        middlewares = middlewares.middlewares
    return MiddlewareManager(RequestMiddleware(middlewares), wrap_in_promise=False)
