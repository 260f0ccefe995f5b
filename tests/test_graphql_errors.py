"""Bad requests to /graphql/ get a GraphQL error answer, never a server error."""
import json

import pytest

pytestmark = pytest.mark.django_db


def post_raw(client, body, content_type="application/json"):
    response = client.post("/graphql/", body, content_type=content_type)
    assert response.status_code in (200, 400), (response.status_code, response.content[:500])
    return response.json()


def first_error(content) -> str:
    return content["errors"][0]["message"]


def test_invalid_json(client):
    assert "parse" in first_error(post_raw(client, "{query: shop"))


def test_empty_body(client):
    assert first_error(post_raw(client, ""))


def test_json_that_is_not_an_object(client):
    for body in ("null", "42", '"shop"', "[1, null]", "[]"):
        content = post_raw(client, body)
        if isinstance(content, list):
            assert all(first_error(entry) for entry in content)
        else:
            assert first_error(content)


def test_unknown_field(client):
    content = post_raw(client, json.dumps({"query": "{ shop { noSuchField } }"}))
    assert "noSuchField" in first_error(content)


def test_missing_required_argument(client):
    content = post_raw(client, json.dumps({"query": "{ product { name } }"}))
    assert "id" in first_error(content)


def test_wrong_variable_type(client):
    query = "query ($first: Int) { products(first: $first) { totalCount } }"
    content = post_raw(client, json.dumps({"query": query, "variables": {"first": "ten"}}))
    assert "ten" in first_error(content)


def test_variables_that_are_not_an_object(client):
    query = "query ($id: ID!) { product(id: $id) { name } }"
    content = post_raw(client, json.dumps({"query": query, "variables": "id=1"}))
    assert first_error(content)


def test_query_that_is_not_a_string(client):
    assert first_error(post_raw(client, json.dumps({"query": {"shop": "name"}})))


def test_unknown_operation_name(client):
    content = post_raw(client, json.dumps({"query": "query A { shop { name } }", "operationName": "B"}))
    assert "B" in first_error(content)


def test_multipart_with_invalid_operations(client):
    response = client.post("/graphql/", {"operations": "{not json", "map": "{}"})
    assert response.status_code in (200, 400), response.content[:500]
    assert first_error(response.json())


def test_get_without_playground(client, settings):
    settings.PLAYGROUND_ENABLED = False
    response = client.get("/graphql/")
    assert response.status_code == 405
    assert "POST" in first_error(response.json())
