"""Input values checked against the columns they are written to, before the write.

Without it a text longer than its `varchar(n)` or a number wider than its
`numeric(p, s)` reached PostgreSQL and came back as a DataError ("value too
long for type character varying(255)", "numeric field overflow"). Services call
`values_check(Model, {field: value})` with their plugin's error codes, which
hold TOO_LONG and OUT_OF_RANGE; unlimited `text` columns get TEXT_MAX_LENGTH.
"""
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any, Mapping, Type

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models

# Longest text accepted for an unlimited text column (a story, a note, a reason).
TEXT_MAX_LENGTH = 10_000
INTEGER_RANGES = {
    "SmallIntegerField": (-32768, 32767),
    "PositiveSmallIntegerField": (0, 32767),
    "IntegerField": (-2147483648, 2147483647),
    "PositiveIntegerField": (0, 2147483647),
    "BigIntegerField": (-9223372036854775808, 9223372036854775807),
    "PositiveBigIntegerField": (0, 9223372036854775807),
}


def values_check(
    model: Type[models.Model], values: Mapping[str, Any], *, codes: Type[Enum], input_names: Mapping[str, str] | None = None
) -> None:
    """Raise a ValidationError keyed by field for every value its column cannot hold.

    Errors are keyed by the model field's name, or by its name in `input_names`."""
    errors = {}
    for name, value in values.items():
        if value is None:
            continue
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        message = _over_limit(field, value)
        if message is not None:
            code = codes.TOO_LONG if isinstance(value, str) else codes.OUT_OF_RANGE
            errors[(input_names or {}).get(name, name)] = ValidationError(message, code=code.value)
    if errors:
        raise ValidationError(errors)


def _over_limit(field: models.Field, value: Any):
    if isinstance(value, str):
        limit = field.max_length if isinstance(field, models.CharField) else None
        if limit is None and isinstance(field, models.TextField):
            limit = TEXT_MAX_LENGTH
        if limit is not None and len(value) > limit:
            return f"At most {limit} characters ({len(value)} given)."
        return None
    if isinstance(field, models.DecimalField) and isinstance(value, (Decimal, int, float)):
        return _decimal_over_limit(field, value)
    integer_range = INTEGER_RANGES.get(field.get_internal_type())
    if integer_range is not None and isinstance(value, int) and not integer_range[0] <= value <= integer_range[1]:
        return f"Must be from {integer_range[0]} to {integer_range[1]}."
    return None


def _decimal_over_limit(field: models.DecimalField, value) -> str | None:
    try:
        number = Decimal(value)
    except (InvalidOperation, ValueError):
        return "Not a number."
    if not number.is_finite():
        return "Must be a finite number."
    bound = Decimal(10) ** (field.max_digits - field.decimal_places)
    if abs(number) >= bound:
        return f"Must be less than {bound} in size."
    return None
