"""Schemathesis checks for `make fuzz`: no server error status, no internal exception text.

schemathesis' own not_a_server_error counts every GraphQL error (a refused permission
included) as a server error, so the status is checked here instead.

Loaded by schemathesis (its own venv) through SCHEMATHESIS_HOOKS.
"""
import re

import schemathesis
from hypothesis import strategies as st
from schemathesis.graphql import nodes

# Saleor's own scalars: without a strategy schemathesis skips every operation that takes one.
# Decimal comes as a number or as text (Saleor's scalar parses both, and text that is no number).
schemathesis.graphql.scalar(
    "Decimal",
    st.one_of(
        st.decimals(allow_nan=False, allow_infinity=False, places=2).map(lambda value: nodes.Float(float(value))),
        st.one_of(st.decimals(allow_nan=False, places=3).map(str), st.text(max_size=12)).map(nodes.String),
    ),
)
# An Upload is a file part of a multipart request; inline, a client can only send null or text.
schemathesis.graphql.scalar("Upload", st.one_of(st.just(nodes.Null), st.text(max_size=12).map(nodes.String)))

# Texts of Python and database exceptions, and our generic answer to one (a fault on the server).
INTERNAL_TEXT = re.compile(
    r"Traceback|psycopg2|DataError|IntegrityError|ProgrammingError|OperationalError|RecursionError"
    r"|NoneType|has no attribute|object is not|unexpected keyword|character varying|numeric field overflow"
    r"|invalid literal for|could not convert|Internal server error \(reference"
)


@schemathesis.check
def no_internal_error_text(ctx, response, case):
    found = INTERNAL_TEXT.search(response.text or "")
    if found:
        raise AssertionError(f"Internal error text in the response: {found.group(0)!r}: {response.text[:500]}")


@schemathesis.check
def no_server_error_status(ctx, response, case):
    if response.status_code >= 500:
        raise AssertionError(f"Server error {response.status_code}: {response.text[:500]}")
