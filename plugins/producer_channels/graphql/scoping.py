"""Turning a client's id into one of the caller's own objects.

Every lookup goes through a queryset already scoped to the caller's producers, and every
miss answers with the same error whether the id is malformed, unknown or another
producer's, so an error never tells that something exists elsewhere.
"""
from typing import Optional

from django.core.exceptions import ValidationError
from graphql_relay import from_global_id

from ..error_codes import ProducerErrorCode


def pk_from_global_id(global_id: str, type_name: str) -> Optional[int]:
    try:
        found_type, pk = from_global_id(global_id or "")
        pk = int(pk)
    except (TypeError, ValueError, UnicodeDecodeError):
        return None
    if found_type != type_name or pk <= 0:
        return None
    return pk


def get_scoped_or_error(queryset, global_id: str, type_name: str, *, field: str, noun: str):
    pk = pk_from_global_id(global_id, type_name)
    found = queryset.filter(pk=pk).first() if pk else None
    if found is None:
        raise ValidationError(
            {field: ValidationError(f"Couldn't resolve to {noun}.", code=ProducerErrorCode.NOT_FOUND.value)}
        )
    return found
