"""Saleor's GraphQL view, answering every bad or oversized request with a GraphQL error.

Saleor 2.10's view assumes the body is a JSON object with a string query and
object variables; anything else (`null`, a list of numbers, a multipart upload
whose `operations` is not JSON) raised inside the view and became a 500 page.
Here such requests get `{"errors": [...]}` with status 400, in the shape of
Saleor's own errors. Requests over the limits of saleor_otop/graphql/limits.py
are refused before they are parsed or run, every request runs under a time
limit, and an unexpected exception reaches the client only as a generic
message with a reference that is in the log.
"""
import logging
import re
import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, ValidationError
from django.http import HttpRequest, JsonResponse
from graphql.error import GraphQLError
from graphql.error import format_error as format_graphql_error
from graphql.execution import ExecutionResult
from graphql.language.ast import OperationDefinition
from graphql_jwt.exceptions import JSONWebTokenError
from saleor.core.exceptions import ReadOnlyException
from saleor.graphql.views import GraphQLView

from saleor_otop.serving.replicas import reads_from_replica

from .execution import document_backend, request_middleware
from .limits import QueryLimitExceeded, QueryLimits, check_document, check_json_value, check_query_text
from .time_limit import request_time_limit

logger = logging.getLogger("saleor_otop.graphql")

# Exceptions whose message is written for the client.
CLIENT_EXCEPTIONS = (
    GraphQLError,
    JSONWebTokenError,  # graphql_jwt's PermissionDenied too
    ReadOnlyException,
    DjangoPermissionDenied,
    ValidationError,
)
# Asserts with messages meant for the client: graphene's type of a global id and paging,
# Saleor's `page` query without an id or a slug.
CLIENT_ASSERTION = re.compile(
    r"Must receive an? \w+ id\.|You must provide a `first` or `last` value to properly paginate the `\w+` connection\."
    r"|No page ID or slug provided\."
)


class BadGraphQLRequest(ValueError):
    pass


def graphql_error_response(message: str, status: int) -> JsonResponse:
    return JsonResponse({"errors": [{"message": message}]}, status=status)


def _original_exception(error):
    exception = error
    while isinstance(exception, GraphQLError) and getattr(exception, "original_error", None) is not None:
        exception = exception.original_error
    return exception


def is_client_error(error) -> bool:
    if isinstance(error, GraphQLError) and not getattr(error, "path", None):
        return True  # a syntax, validation or variable error, not raised by a resolver
    exception = _original_exception(error)
    if isinstance(exception, AssertionError):
        return bool(CLIENT_ASSERTION.fullmatch(str(exception)))
    return isinstance(exception, CLIENT_EXCEPTIONS)


class OtopGraphQLView(GraphQLView):
    def __init__(self, schema=None, executor=None, middleware=None, root_value=None, backend=None):
        super().__init__(schema=schema, executor=executor, middleware=middleware, root_value=root_value,
                         backend=backend or document_backend)
        # Whole middleware on root fields only, no Promise per field (saleor_otop/graphql/execution.py).
        self.middleware = request_middleware(self.middleware)

    def dispatch(self, request, *args, **kwargs):
        if request.method == "GET" and not settings.PLAYGROUND_ENABLED:
            response = JsonResponse(
                {"errors": [self.format_error(GraphQLError("Send GraphQL queries with POST."))]}, status=405
            )
            response["Allow"] = "OPTIONS, POST"
            return response
        return super().dispatch(request, *args, **kwargs)

    def _handle_query(self, request: HttpRequest) -> JsonResponse:
        limits = QueryLimits.from_settings()
        self.limits = limits
        self.checked_documents = {}
        if request.content_type != "multipart/form-data" and _content_length(request) > limits.max_body_bytes:
            return graphql_error_response(f"The request body is larger than {limits.max_body_bytes} bytes.", 413)
        try:
            data = self.parse_body(request)
        except (RequestDataTooBig, TooManyFieldsSent):
            return graphql_error_response("The request body is too large.", 413)
        except RecursionError:
            return graphql_error_response(
                f"The request's JSON values are nested deeper than {limits.max_json_depth} levels.", 400
            )
        except ValueError:
            return graphql_error_response("Unable to parse query.", 400)
        try:
            check_json_value(data, limits=limits, what="The request's JSON values")
        except QueryLimitExceeded as error:
            return graphql_error_response(error.message, 400)
        if isinstance(data, list) and len(data) > limits.max_batch:
            return graphql_error_response(f"A batch holds at most {limits.max_batch} operations.", 400)
        seconds = settings.GRAPHQL_TIME_LIMIT_SECONDS
        with request_time_limit(seconds) as clock:
            response = self._respond(request, data)
        if clock.expired:
            return _time_limit_response(seconds)
        return response

    def _respond(self, request: HttpRequest, data: Any) -> JsonResponse:
        if isinstance(data, list):
            responses = [self.get_response(request, entry) for entry in data]
            result = [response for response, _code in responses]
            status_code = max((code for _response, code in responses), default=200)
        else:
            result, status_code = self.get_response(request, data)
        return JsonResponse(data=result, status=status_code, safe=False)

    def get_response(self, request: HttpRequest, data: Any):
        try:
            self.check_request_data(request, data)
        except (BadGraphQLRequest, QueryLimitExceeded) as error:
            return {"errors": [self.format_error(GraphQLError(str(error)))]}, 400
        return super().get_response(request, data)

    def check_request_data(self, request: HttpRequest, data: Any) -> None:
        if not isinstance(data, dict):
            raise BadGraphQLRequest("A GraphQL request must be a JSON object with a query.")
        try:
            query, variables, operation_name = self.get_graphql_params(request, data)
        except (ValueError, TypeError, AttributeError, RecursionError):
            raise BadGraphQLRequest("Unable to parse the multipart operations or map.")
        if variables is not None and not isinstance(variables, dict):
            raise BadGraphQLRequest("Variables must be a JSON object.")
        if operation_name is not None and not isinstance(operation_name, str):
            raise BadGraphQLRequest("operationName must be a string.")
        if request.content_type == "multipart/form-data":
            check_json_value(variables, limits=self.limits, what="The request's JSON values")
        if not query or not isinstance(query, str):
            return  # Saleor's view answers "Must provide a query string."
        check_query_text(query, limits=self.limits)
        document, error = super().parse_query(query)
        if document is not None:
            check_document(self.schema, document.document_ast, variables, limits=self.limits)
            self.checked_documents[query] = document

    def execute_graphql_request(self, request: HttpRequest, data: dict):
        # A query (not a mutation) may read from a replica (saleor_otop/serving/replicas.py).
        if settings.DATABASE_REPLICAS and self._operation_type(request, data) == "query":
            with reads_from_replica(request):
                return super().execute_graphql_request(request, data)
        return super().execute_graphql_request(request, data)

    def _operation_type(self, request: HttpRequest, data: dict) -> str:
        query, _variables, operation_name = self.get_graphql_params(request, data)
        document = getattr(self, "checked_documents", {}).get(query)
        if document is None:
            return ""
        operations = [
            definition for definition in document.document_ast.definitions
            if isinstance(definition, OperationDefinition)
            and (operation_name is None or (definition.name and definition.name.value == operation_name))
        ]
        return operations[0].operation if len(operations) == 1 else ""

    def parse_query(self, query: str):
        if not query or not isinstance(query, str):
            error = GraphQLError("Must provide a query string.")
            return None, ExecutionResult(errors=[error], invalid=True)
        document = getattr(self, "checked_documents", {}).get(query)
        if document is not None:
            return document, None
        return super().parse_query(query)

    @classmethod
    def format_error(cls, error):
        if isinstance(error, str) or is_client_error(error):
            return super().format_error(error)
        reference = uuid.uuid4().hex
        exception = _original_exception(error)
        logger.error("A GraphQL request failed unexpectedly (reference %s)", reference, exc_info=exception)
        result = format_graphql_error(error) if isinstance(error, GraphQLError) else {}
        result["message"] = f"Internal server error (reference {reference})."
        result["extensions"] = {"exception": {"code": "INTERNAL_ERROR", "reference": reference}}
        return result


def _time_limit_response(seconds: float) -> JsonResponse:
    logger.warning("A GraphQL request was stopped at its time limit of %s s", seconds)
    return graphql_error_response(f"The request took longer than {seconds} s and was stopped: ask for less.", 503)


def _content_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0

