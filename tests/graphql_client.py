"""A small GraphQL client for tests: posts over HTTP to /graphql/ like a storefront."""
import json
from typing import Optional

from graphql_jwt.shortcuts import get_token

from tests.factories import permissions_by_name

PERMISSION_DENIED = "You do not have permission to perform this action"


class GraphQLClient:
    def __init__(self, django_client, user=None):
        self.django_client = django_client
        self.user = user

    def post(self, query: str, variables: Optional[dict] = None, permissions=None) -> dict:
        """Post a query; `permissions` ("app.codename") are granted to the user first."""
        if permissions:
            assert self.user is not None, "permissions need a user"
            self.user.user_permissions.add(*permissions_by_name(permissions))
            # Django caches a user's permissions on the instance.
            for cache in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
                self.user.__dict__.pop(cache, None)
        headers = {}
        if self.user is not None:
            headers["HTTP_AUTHORIZATION"] = f"JWT {get_token(self.user)}"
        response = self.django_client.post(
            "/graphql/",
            json.dumps({"query": query, "variables": variables or {}}),
            content_type="application/json",
            **headers,
        )
        assert response.status_code in (200, 400), response.content
        return response.json()

    def data(self, query: str, variables: Optional[dict] = None, permissions=None) -> dict:
        """Post and return `data`, failing on any GraphQL error."""
        content = self.post(query, variables, permissions)
        assert "errors" not in content, content["errors"]
        return content["data"]

    def assert_refused(self, query: str, variables: Optional[dict] = None) -> dict:
        """Post and assert the call is refused for lack of permission."""
        content = self.post(query, variables)
        messages = [error["message"] for error in content.get("errors", [])]
        assert any(PERMISSION_DENIED in message for message in messages), content
        return content


def mutation_errors(data: dict, mutation: str, errors_field: str = "errors") -> list:
    """The Saleor-style `errors { field code message }` of one mutation's payload."""
    return data[mutation][errors_field]
