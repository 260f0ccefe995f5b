"""Attacks on /graphql/ against a real gunicorn server (DEBUG off), each refused with a clear error.

Every request is sent with a 2 s client timeout: an attack that still ran the
query would time out instead of being answered.
"""
import json

import pytest
import requests

from tests.support.processes import gunicorn_server

# The server reads the test database, which these tests set up.
pytestmark = pytest.mark.django_db

CLIENT_TIMEOUT = 2.0
ATTACK_SERVER_ENV = {"GRAPHQL_INTROSPECTION": "0", "CELERY_BROKER_URL": ""}


@pytest.fixture(scope="module")
def gunicorn_url(django_db_setup, django_db_blocker):
    """One gunicorn sync worker on an OS-chosen port, serving the test database, introspection off."""
    with django_db_blocker.unblock():
        with gunicorn_server(workers=1, env=ATTACK_SERVER_ENV, timeout=300) as (url, _process):
            yield f"{url}/graphql/"


def post(url, body, **kwargs) -> requests.Response:
    if not isinstance(body, (bytes, str)):
        body = json.dumps(body)
    headers = {"Content-Type": "application/json"}
    return requests.post(url, data=body, headers=headers, timeout=CLIENT_TIMEOUT, **kwargs)


def refusal(response: requests.Response) -> str:
    assert response.status_code in (400, 413), (response.status_code, response.text[:300])
    assert response.headers["Content-Type"].startswith("application/json")
    content = response.json()
    if isinstance(content, list):
        content = content[0]
    return content["errors"][0]["message"]


def nested_products(levels: int) -> str:
    query = "name"
    for _level in range(levels):
        query = f"category {{ products(first: 1) {{ edges {{ node {{ {query} }} }} }} }}"
    return f'{{ product(id: "UHJvZHVjdDox") {{ {query} }} }}'


def test_the_server_answers_a_plain_query(gunicorn_url):
    response = post(gunicorn_url, {"query": "{ shop { name } }"})
    assert response.status_code == 200 and "errors" not in response.json()


def test_depth_over_the_limit(gunicorn_url):
    # product, then 4 times category > products > edges > node: 17 levels
    assert "deeper than 12 levels" in refusal(post(gunicorn_url, {"query": nested_products(4)}))


def test_cost_over_the_limit(gunicorn_url):
    inner = "products(first: 100) { edges { node { name slug description seoTitle seoDescription } } }"
    query = f"{{ products(first: 100) {{ edges {{ node {{ category {{ {inner} }} }} }} }} }}"  # about 80,000
    assert "over the limit of 50000" in refusal(post(gunicorn_url, {"query": query}))


def test_hundred_aliases(gunicorn_url):
    fields = " ".join(f"a{n}: products(first: 50) {{ edges {{ node {{ name otop {{ stars {{ stars }} }} }} }} }}" for n in range(100))
    assert "more than 30 aliases" in refusal(post(gunicorn_url, {"query": f"{{ {fields} }}"}))


def test_batch_of_hundred_operations(gunicorn_url):
    batch = [{"query": "{ products(first: 50) { edges { node { name } } } }"}] * 100
    assert "at most 10 operations" in refusal(post(gunicorn_url, batch))


def test_body_over_the_size_limit_answers_json(gunicorn_url):
    body = json.dumps({"query": "{ shop { name } }", "variables": {"padding": "x" * 3_000_000}})
    response = post(gunicorn_url, body)
    assert response.status_code == 413
    assert "larger than 2097152 bytes" in refusal(response)


def test_variables_nested_hundred_thousand_deep(gunicorn_url):
    depth = 100_000
    body = '{"query": "{ shop { name } }", "variables": {"v": ' + "[" * depth + "]" * depth + "}}"
    assert "nested deeper than 32 levels" in refusal(post(gunicorn_url, body))


def test_variables_nested_five_hundred_deep(gunicorn_url):
    body = '{"query": "{ shop { name } }", "variables": {"v": ' + "[" * 500 + "]" * 500 + "}}"
    assert "nested deeper than 32 levels" in refusal(post(gunicorn_url, body))


def test_five_thousand_selection_levels(gunicorn_url):
    query = "{ shop " + "{ name " * 5000 + "}" * 5000 + " }"
    assert "nested deeper than 50 brackets" in refusal(post(gunicorn_url, {"query": query}))


def test_hundred_thousand_fields(gunicorn_url):
    query = "{ shop { " + "name " * 100_000 + "} }"
    assert "longer than 100000 characters" in refusal(post(gunicorn_url, {"query": query}))


def test_many_fields_within_the_length_limit(gunicorn_url):
    query = "{ shop { " + "name " * 19_000 + "} }"
    assert "more than 10000 tokens" in refusal(post(gunicorn_url, {"query": query}))


def test_two_megabyte_search_string(gunicorn_url):
    query = "query ($search: String) { products(first: 10, filter: {search: $search}) { totalCount } }"
    response = post(gunicorn_url, {"query": query, "variables": {"search": "a" * 2_000_000}})
    assert "search text is longer than 200 characters" in refusal(response)


def test_long_search_literal(gunicorn_url):
    query = '{ products(first: 10, filter: {search: "%s"}) { totalCount } }' % ("a" * 5000)
    assert "search text is longer than 200 characters" in refusal(post(gunicorn_url, {"query": query}))


def test_introspection_is_off_without_debug(gunicorn_url):
    for query in ("{ __schema { types { name } } }", '{ __type(name: "Product") { name } }'):
        assert "Introspection is disabled" in refusal(post(gunicorn_url, {"query": query}))


def test_nul_byte_in_arguments(gunicorn_url):
    for query, variables in (
        ("query ($code: String!) { otopProvince(code: $code) { code } }", {"code": "10\x00"}),
        ("query ($slug: String!) { producerShop(slug: $slug) { name } }", {"slug": "a\x00b"}),
        ("query ($slug: String!) { featuredCollection(slug: $slug) { name } }", {"slug": "\x00"}),
    ):
        assert "must not contain NUL characters" in refusal(post(gunicorn_url, {"query": query, "variables": variables}))
    literal = '{ otopProvince(code: "10\\u0000") { code } }'
    assert "must not contain NUL characters" in refusal(post(gunicorn_url, {"query": literal}))
