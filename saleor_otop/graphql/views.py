"""Saleor's GraphQL view, answering every malformed request with a GraphQL error.

Saleor 2.10's view assumes the body is a JSON object with a string query and
object variables; anything else (`null`, a list of numbers, a multipart upload
whose `operations` is not JSON) raised inside the view and became a 500 page.
Here such requests get `{"errors": [...]}` with status 400, in the shape of
Saleor's own errors.
"""
from typing import Any

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from graphql.error import GraphQLError
from saleor.graphql.views import GraphQLView


class BadGraphQLRequest(ValueError):
    pass


class OtopGraphQLView(GraphQLView):
    def dispatch(self, request, *args, **kwargs):
        if request.method == "GET" and not settings.PLAYGROUND_ENABLED:
            response = JsonResponse(
                {"errors": [self.format_error(GraphQLError("Send GraphQL queries with POST."))]}, status=405
            )
            response["Allow"] = "OPTIONS, POST"
            return response
        return super().dispatch(request, *args, **kwargs)

    def get_response(self, request: HttpRequest, data: Any):
        try:
            self.check_request_data(request, data)
        except BadGraphQLRequest as error:
            return {"errors": [self.format_error(GraphQLError(str(error)))]}, 400
        return super().get_response(request, data)

    def check_request_data(self, request: HttpRequest, data: Any) -> None:
        if not isinstance(data, dict):
            raise BadGraphQLRequest("A GraphQL request must be a JSON object with a query.")
        try:
            _query, variables, operation_name = self.get_graphql_params(request, data)
        except (ValueError, TypeError, AttributeError):
            raise BadGraphQLRequest("Unable to parse the multipart operations or map.")
        if variables is not None and not isinstance(variables, dict):
            raise BadGraphQLRequest("Variables must be a JSON object.")
        if operation_name is not None and not isinstance(operation_name, str):
            raise BadGraphQLRequest("operationName must be a string.")
