"""The schema snapshot, and Saleor's own API inside ours: every type, field, argument and enum
value Saleor 2.10.1 defines is still there with the same type; ours may only add."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from saleor_otop.graphql.schema import schema

PROJECT_DIR = Path(__file__).resolve().parent.parent
SNAPSHOT = PROJECT_DIR / "schema.graphql"

# Run in a process of its own: building ours adds fields to Saleor's types (Product.otop), and
# graphene reads a type's fields only when a schema first needs them.
SALEOR_SCHEMA_SCRIPT = """
import json, sys
import django
django.setup()
from saleor.graphql.api import schema
from saleor.graphql.product.types import Product
assert "saleor_otop.graphql.schema" not in sys.modules, "our schema was built first"
assert "otop" not in Product._meta.fields, "Saleor's Product already carries our field"
json.dump(schema.introspect(), sys.stdout)
"""


def test_schema_matches_snapshot():
    assert str(schema).strip() == SNAPSHOT.read_text().strip(), (
        "the GraphQL schema changed: review it and run `make schema`"
    )


def type_name(reference) -> str:
    if reference["kind"] == "NON_NULL":
        return type_name(reference["ofType"]) + "!"
    if reference["kind"] == "LIST":
        return f"[{type_name(reference['ofType'])}]"
    return reference["name"]


def described(introspection) -> dict:
    """{type name: {"kind", "fields": {name: (type, {argument: type})}, "values", "members"}}."""
    types = {}
    for item in introspection["__schema"]["types"]:
        fields = {}
        for field in item.get("fields") or []:
            arguments = {argument["name"]: type_name(argument["type"]) for argument in field["args"]}
            fields[field["name"]] = (type_name(field["type"]), arguments)
        for field in item.get("inputFields") or []:
            fields[field["name"]] = (type_name(field["type"]), {})
        types[item["name"]] = {
            "kind": item["kind"],
            "fields": fields,
            "values": {value["name"] for value in item.get("enumValues") or []},
            "members": {member["name"] for member in (item.get("interfaces") or []) + (item.get("possibleTypes") or [])},
        }
    return types


def removals(saleor: dict, ours: dict) -> list[str]:
    """What a client written for Saleor's schema would miss in ours (or find required anew)."""
    found = []
    for name, theirs in saleor.items():
        mine = ours.get(name)
        if mine is None:
            found.append(f"type {name} is gone")
            continue
        if mine["kind"] != theirs["kind"]:
            found.append(f"type {name} is a {mine['kind']}, not a {theirs['kind']}")
        for value in sorted(theirs["values"] - mine["values"]):
            found.append(f"enum value {name}.{value} is gone")
        for member in sorted(theirs["members"] - mine["members"]):
            found.append(f"{name} no longer has {member} (interface or union member)")
        for field, (field_type, arguments) in theirs["fields"].items():
            if field not in mine["fields"]:
                found.append(f"field {name}.{field} is gone")
                continue
            my_type, my_arguments = mine["fields"][field]
            if my_type != field_type:
                found.append(f"field {name}.{field} is {my_type}, not {field_type}")
            for argument, argument_type in arguments.items():
                if my_arguments.get(argument) != argument_type:
                    found.append(f"argument {name}.{field}({argument}) is {my_arguments.get(argument)}, not {argument_type}")
            for argument in sorted(set(my_arguments) - set(arguments)):
                if my_arguments[argument].endswith("!"):
                    found.append(f"argument {name}.{field}({argument}) is new and required")
        if theirs["kind"] == "INPUT_OBJECT":
            for field in sorted(set(mine["fields"]) - set(theirs["fields"])):
                if mine["fields"][field][0].endswith("!"):
                    found.append(f"input field {name}.{field} is new and required")
    return found


@pytest.fixture(scope="module")
def saleor_schema():
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "saleor_otop.settings"}
    result = subprocess.run(
        [sys.executable, "-c", SALEOR_SCHEMA_SCRIPT], cwd=PROJECT_DIR, env=environment,
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return described(json.loads(result.stdout))


def test_saleor_schema_is_a_subset_of_ours(saleor_schema):
    ours = described(schema.introspect())

    assert removals(saleor_schema, ours) == []
    assert {"ProductFilterInput", "ProductOrder", "ProductOrderField", "Product", "Checkout"} <= set(saleor_schema)


def test_products_takes_saleors_input_types_with_our_filters_and_sort_fields(saleor_schema):
    ours = described(schema.introspect())

    _, arguments = ours["Query"]["fields"]["products"]
    assert arguments["filter"] == "ProductFilterInput" and arguments["sortBy"] == "ProductOrder"
    added_filters = set(ours["ProductFilterInput"]["fields"]) - set(saleor_schema["ProductFilterInput"]["fields"])
    added_sorts = ours["ProductOrderField"]["values"] - saleor_schema["ProductOrderField"]["values"]
    assert {"minStars", "provinces", "regions", "exportableTo"} <= added_filters
    assert {"STARS", "PROVINCE", "RELEVANCE"} <= added_sorts


def test_the_comparison_sees_a_lost_field_a_changed_type_and_a_new_required_argument(saleor_schema):
    ours = json.loads(json.dumps(described(schema.introspect()), default=list))
    ours = {name: {**item, "values": set(item["values"]), "members": set(item["members"])} for name, item in ours.items()}
    del ours["ProductOrderField"]
    ours["Product"]["fields"].pop("name")
    ours["Query"]["fields"]["products"] = ("String", {"filter": "ProductFilterInput", "sortBy": "ProductOrder", "market": "ID!"})

    found = removals(saleor_schema, ours)

    assert "type ProductOrderField is gone" in found
    assert "field Product.name is gone" in found
    assert "field Query.products is String, not ProductCountableConnection" in found
    assert "argument Query.products(market) is new and required" in found
