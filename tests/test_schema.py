from pathlib import Path

from saleor_otop.graphql.schema import schema

SNAPSHOT = Path(__file__).resolve().parent.parent / "schema.graphql"


def test_schema_matches_snapshot():
    assert str(schema).strip() == SNAPSHOT.read_text().strip(), (
        "the GraphQL schema changed: review it and run `make schema`"
    )
