
from django.core.exceptions import ValidationError

from .error_codes import OtopStarsErrorCode


def field_error(message: str, code: OtopStarsErrorCode) -> ValidationError:
    return ValidationError(message, code=code.value)


def raise_errors(errors: dict[str, ValidationError]) -> None:
    """Raise every problem found at once, keyed by the input field it concerns."""
    if errors:
        raise ValidationError(errors)
