"""Every ID argument of Saleor's queries and mutations takes ids of its own type only.

A well-formed id of another type whose key is a UUID (a Checkout's, where an Address is
expected) reached Saleor's resolvers, which do not all check the type, and ended as
INTERNAL_ERROR. The fields are enumerated from the schema: each ID at each path of each Saleor
root field (arguments, input fields, lists) gets an id of a wrong type with a UUID key, and must
answer like any invalid id (saleor_otop/graphql/global_ids.py). The caller is a superuser, so that
no permission check answers first.
"""
import base64
import uuid
from typing import Optional

import pytest
from graphql.type import GraphQLEnumType, GraphQLInputObjectType, GraphQLList, GraphQLNonNull
from saleor.account.models import User

from saleor_otop.graphql import global_ids
from saleor_otop.graphql.global_ids import expected_types, global_id_problem, id_paths
from saleor_otop.graphql.schema import schema
from tests.graphql_client import GraphQLClient

KEY = uuid.UUID(int=12)
SCALAR_VALUES = {
    "String": "x", "Int": 1, "Float": 1.0, "Boolean": False, "UUID": str(KEY),
    "DateTime": "2020-01-01T00:00:00+00:00", "Date": "2020-01-01", "JSONString": "{}",
}


def global_id(type_name: str) -> str:
    return base64.b64encode(f"{type_name}:{KEY}".encode()).decode()


def saleor_id_fields():
    """(root, field, path) of every ID a Saleor root field takes, as the middleware checks them."""
    roots = (("Query", schema.get_query_type()), ("Mutation", schema.get_mutation_type()))
    saleor_fields = global_ids._saleor_root_fields()
    for root, root_type in roots:
        for field_name, field in root_type.fields.items():
            if (root, field_name) not in saleor_fields or (root, field_name) in global_ids.NOT_GLOBAL_IDS:
                continue
            for name, argument in field.args.items():
                for path in id_paths(argument.type, (name,)):
                    yield root, field_name, path


FIELDS = sorted(set(saleor_id_fields()))


def wrong_id_for(root: str, field_name: str, path: tuple) -> str:
    expected = expected_types(schema, root, field_name, path) or frozenset()
    return global_id("Checkout" if "Checkout" not in expected else "Address")


def unwrapped(type_):
    while isinstance(type_, (GraphQLNonNull, GraphQLList)):
        type_ = type_.of_type
    return type_


def value_of(type_, path: Optional[tuple], wrong_id: str):
    """A value of `type_` holding `wrong_id` at `path` (None: off the path), and what else its
    required input fields need (their ids are wrong too)."""
    is_list = isinstance(type_.of_type if isinstance(type_, GraphQLNonNull) else type_, GraphQLList)
    inner = unwrapped(type_)
    if isinstance(inner, GraphQLInputObjectType):
        value = {
            name: value_of(field.type, path[1:] if path and name == path[0] else None, wrong_id)
            for name, field in inner.fields.items()
            if (path and name == path[0]) or isinstance(field.type, GraphQLNonNull)
        }
    elif inner.name == "ID":
        value = wrong_id
    elif isinstance(inner, GraphQLEnumType):
        value = inner.values[0].name
    else:
        value = SCALAR_VALUES.get(inner.name, "1")
    return [value] if is_list else value


def operation_for(root: str, field_name: str, path: tuple, wrong_id: str) -> tuple:
    field = (schema.get_query_type() if root == "Query" else schema.get_mutation_type()).fields[field_name]
    declarations, arguments, variables = [], [], {}
    for name, argument in field.args.items():
        on_path = name == path[0]
        if not on_path and not isinstance(argument.type, GraphQLNonNull):
            continue
        variables[name] = value_of(argument.type, path[1:] if on_path else None, wrong_id)
        declarations.append(f"${name}: {argument.type}")
        arguments.append(f"{name}: ${name}")
    if "first" in field.args and "first" not in variables:
        arguments.append("first: 1")
    selection = "errors { field message }" if root == "Mutation" else "__typename"
    keyword = "query" if root == "Query" else "mutation"
    header = f"({', '.join(declarations)})" if declarations else ""
    call = f"({', '.join(arguments)})" if arguments else ""
    return f"{keyword} Call{header} {{ {field_name}{call} {{ {selection} }} }}", variables


@pytest.fixture
def superuser_client(client, db):
    return GraphQLClient(client, user=User.objects.create_superuser("root@otop.example", "a-long-password-1"))


def test_every_id_of_saleors_fields_has_an_expected_type():
    untyped = [(root, field, path) for root, field, path in FIELDS if expected_types(schema, root, field, path) is None]

    assert len(FIELDS) > 300
    assert untyped == []


@pytest.mark.django_db
@pytest.mark.parametrize("root, field_name, path", FIELDS, ids=[f"{r}.{f}.{'.'.join(p)}" for r, f, p in FIELDS])
def test_an_id_of_the_wrong_type_with_a_uuid_key_is_refused(superuser_client, root, field_name, path):
    wrong_id = wrong_id_for(root, field_name, path)
    query, variables = operation_for(root, field_name, path, wrong_id)

    content = superuser_client.post(query, variables)

    codes = [error.get("extensions", {}).get("exception", {}).get("code") for error in content.get("errors", [])]
    assert "INTERNAL_ERROR" not in codes, content
    message = f"Couldn't resolve to a node: {wrong_id}"
    if root == "Query" or content["data"] == {field_name: None}:
        # A query, or a mutation whose error codes have none for it (permission groups'), answers
        # a GraphQL error naming the argument.
        assert content["data"] == {field_name: None}, content
        assert codes == ["InvalidGlobalId"], content
        assert content["errors"][0]["message"].startswith(message), content
    else:
        # The error names the argument as Saleor's code does (`parent` as parentId, `order` as id).
        errors = content["data"][field_name]["errors"]
        assert any(error["message"] == message and error["field"] for error in errors), content


@pytest.mark.django_db
def test_without_the_type_check_a_checkout_id_for_an_address_is_an_internal_error(superuser_client, monkeypatch):
    monkeypatch.setattr(global_ids, "expected_types", lambda *args: None)
    monkeypatch.setattr(global_ids, "_field_checks", {})

    content = superuser_client.post("query ($id: ID!) { address(id: $id) { id } }", {"id": global_id("Checkout")})

    assert content["errors"][0]["extensions"]["exception"]["code"] == "INTERNAL_ERROR"


@pytest.mark.django_db
def test_an_id_of_the_expected_type_still_reaches_saleor(superuser_client):
    missing = base64.b64encode(b"Address:999999").decode()

    content = superuser_client.post("query ($id: ID!) { address(id: $id) { id } }", {"id": missing})

    assert content == {"data": {"address": None}}


@pytest.mark.parametrize(
    "value, expected, code",
    [
        (global_id("Checkout"), frozenset({"Address"}), "not_found"),
        (base64.b64encode(b"Product:1").decode(), frozenset({"Address"}), "not_found"),
        (base64.b64encode(b"Address:1").decode(), frozenset({"Address"}), None),
        (base64.b64encode(b"App:1").decode(), frozenset({"ServiceAccount"}), None),  # one model, two types
        (global_id("Checkout"), None, None),
    ],
)
def test_global_id_problem_with_an_expected_type(value, expected, code):
    problem = global_id_problem(value, field="id", schema=schema, empty_allowed=False, expected=expected)

    assert (problem.code if problem else None) == code

