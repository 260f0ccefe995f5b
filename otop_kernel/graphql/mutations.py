"""Saleor's BaseMutation for the OTOP plugins, keeping each plugin's own error codes.

Saleor converts a ValidationError code that is not one of its enums' into
"invalid"; a plugin's mutations declare `error_codes` (its ErrorCode enum) and
answer with their own codes instead.
"""
from enum import Enum
from typing import Optional, Type

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from saleor.graphql.core.mutations import BaseMutation
from saleor.graphql.core.types.common import Error
from saleor.graphql.core.utils import snake_to_camel_case

# Django's own codes, as the plugins' enums name them.
DJANGO_CODES = {"blank": "required", "null": "required", "unique_for_date": "unique"}


def typed_errors(validation_error: ValidationError, error_codes: Type[Enum]) -> list:
    """`(Error, code, params)` triples for Saleor's handle_typed_errors."""
    if hasattr(validation_error, "error_dict"):
        pairs = [
            (None if name == NON_FIELD_ERRORS else snake_to_camel_case(name), error)
            for name, errors in validation_error.error_dict.items()
            for error in errors
        ]
    else:
        pairs = [(None, error) for error in validation_error.error_list]
    known = {code.value for code in error_codes}
    return [
        (Error(field=field, message=error.messages[0]), _known_code(error.code, known), error.params)
        for field, error in pairs
    ]


def _known_code(code, known: set) -> str:
    code = code.value if isinstance(code, Enum) else code
    if code in known:
        return code
    mapped: Optional[str] = DJANGO_CODES.get(code)
    return mapped if mapped in known else "invalid"


class OtopBaseMutation(BaseMutation):
    """`meta_defaults` holds the Meta options a family of mutations shares (error type and
    field, permissions); graphene does not inherit Meta, so a subclass's own Meta only adds to
    or overrides them."""

    error_codes: Type[Enum]
    meta_defaults: dict = {}

    class Meta:
        abstract = True

    @classmethod
    def __init_subclass_with_meta__(cls, **options):
        super().__init_subclass_with_meta__(**{**cls.meta_defaults, **options})

    @classmethod
    def handle_errors(cls, error: ValidationError, **extra):
        return cls.handle_typed_errors(typed_errors(error, cls.error_codes), **extra)
