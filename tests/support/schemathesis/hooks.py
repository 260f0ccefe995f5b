"""Schemathesis check for `make fuzz`: no response carries internal exception text.

Loaded by schemathesis (its own venv) through SCHEMATHESIS_HOOKS.
"""
import re

import schemathesis

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
