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


def test_an_unexpected_exception_answers_a_generic_error_with_a_logged_reference(caplog):
    from django.db import DataError
    from graphql.error import GraphQLLocatedError

    from saleor_otop.graphql.views import OtopGraphQLView

    original = DataError("value too long for type character varying(255)")
    error = GraphQLLocatedError([], original_error=original, path=["productCreate"])
    with caplog.at_level("ERROR", logger="saleor_otop.graphql"):
        formatted = OtopGraphQLView.format_error(error)
    reference = formatted["extensions"]["exception"]["reference"]
    assert formatted["message"] == f"Internal server error (reference {reference})."
    assert formatted["extensions"]["exception"]["code"] == "INTERNAL_ERROR"
    assert "character varying" not in json.dumps(formatted)
    assert reference in caplog.text and "character varying" in caplog.text


def test_an_answer_meant_for_the_client_keeps_its_message():
    from django.core.exceptions import ValidationError
    from graphql.error import GraphQLLocatedError

    from saleor_otop.graphql.views import OtopGraphQLView

    original = ValidationError("Couldn't resolve to a node: X")
    error = GraphQLLocatedError([], original_error=original, path=["product"])
    assert "Couldn't resolve to a node: X" in OtopGraphQLView.format_error(error)["message"]


def test_body_over_the_limit_is_answered_in_json(client, settings):
    settings.GRAPHQL_MAX_BODY_BYTES = 1000
    response = client.post(
        "/graphql/", json.dumps({"query": "{ shop { name } }", "variables": {"x": "y" * 2000}}),
        content_type="application/json",
    )
    assert response.status_code == 413
    assert "larger than 1000 bytes" in first_error(response.json())


def test_body_over_djangos_own_limit_is_answered_in_json(client, settings):
    # Django refuses bodies over DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) with an HTML page
    settings.GRAPHQL_MAX_BODY_BYTES = 10_000_000
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post(
        "/graphql/", json.dumps({"query": "{ shop { name } }", "variables": {"x": "y" * 2000}}),
        content_type="application/json",
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert "too large" in first_error(response.json())


def test_introspection_follows_its_setting(client, settings):
    query = json.dumps({"query": "{ __schema { queryType { name } } }"})
    settings.GRAPHQL_INTROSPECTION = False
    assert "Introspection is disabled" in first_error(post_raw(client, query))
    settings.GRAPHQL_INTROSPECTION = True
    assert post_raw(client, query)["data"]["__schema"]["queryType"]["name"] == "Query"


def test_typename_is_not_introspection(client, settings):
    settings.GRAPHQL_INTROSPECTION = False
    assert post_raw(client, json.dumps({"query": "{ __typename }"}))["data"] == {"__typename": "Query"}


def test_fragments_count_where_they_are_spread(client, settings):
    settings.GRAPHQL_MAX_COST = 500  # each alias costs 401
    query = """
    fragment Names on ProductCountableConnection { edges { node { name slug } } }
    { a: products(first: 100) { ...Names } b: products(first: 100) { ...Names } }
    """
    assert "over the limit of 500" in first_error(post_raw(client, json.dumps({"query": query})))


def test_a_fragment_cycle_is_reported_by_validation(client):
    query = "fragment A on Shop { ...B } fragment B on Shop { ...A } { shop { ...A } }"
    assert 'Cannot spread fragment "A" within itself' in first_error(post_raw(client, json.dumps({"query": query})))
    unused = "fragment A on Shop { ...B } fragment B on Shop { ...A } { shop { name } }"
    assert "within itself" in first_error(post_raw(client, json.dumps({"query": unused})))


def test_multipart_variables_are_checked_too(client):
    operations = json.dumps({"query": "query ($v: String) { shop { name } }", "variables": {"v": "a\x00"}})
    response = client.post("/graphql/", {"operations": operations, "map": "{}"})
    assert "NUL" in first_error(response.json())


def test_the_full_introspection_query_passes_when_introspection_is_on(client, settings):
    from graphql.utils.introspection_query import introspection_query

    settings.GRAPHQL_INTROSPECTION = True
    settings.GRAPHQL_TIME_LIMIT_SECONDS = 600  # the whole schema: seconds, more on a busy machine
    content = post_raw(client, json.dumps({"query": introspection_query}))
    assert "errors" not in content and content["data"]["__schema"]["queryType"]["name"] == "Query"


def test_a_connection_without_first_or_last_keeps_its_message(staff_api_client):
    content = staff_api_client.post("{ plugins { edges { node { name } } } }", permissions=["plugins.manage_plugins"])
    assert "You must provide a `first` or `last` value" in content["errors"][0]["message"]
